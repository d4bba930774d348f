/* The single-line field editor (yizhan/form/line.h). The text is kept as code
 * points so that the cursor moves by characters, and as UTF-8 for whoever
 * reads or draws it; both change together. Widths come from wcwidth through
 * yz_cp_width: a wide character takes two columns, a combining mark none, and
 * a masked line shows one '*' per character whatever it is. */
#include <stdlib.h>
#include <string.h>

#include "yizhan/form.h"

/* Bytes of cp in UTF-8 (cp is valid: the line never holds anything else). */
static size_t utf8_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Columns cp takes in l. */
static int cp_cols(const yz_line *l, uint32_t cp)
{
	int w;

	if (l->masked)
		return 1;
	w = cp == '\n' ? 0 : yz_cp_width(cp);
	return w > 0 ? w : 0;
}

/* Columns of cp[from..to). */
static int cols(const yz_line *l, size_t from, size_t to)
{
	int w = 0;

	for (size_t i = from; i < to; i++)
		w += cp_cols(l, l->cp[i]);
	return w;
}

static bool reserve(yz_line *l, size_t n)
{
	uint32_t *b;

	if (n <= l->cap)
		return true;
	b = realloc(l->cp, n * 2 * sizeof *b);
	if (b == NULL)
		return false;
	l->cp = b;
	l->cap = n * 2;
	return true;
}

/* Write cp as UTF-8 into text; false on ENOMEM (text then holds the old text). */
static bool encode(yz_line *l)
{
	size_t need = l->len * 4 + 1, o = 0;

	if (need > l->text_cap) {
		char *t = realloc(l->text, need * 2);
		if (t == NULL)
			return false;
		l->text = t;
		l->text_cap = need * 2;
	}
	for (size_t i = 0; i < l->len; i++)
		o += yz_utf8_encode(l->cp[i], l->text + o);
	l->text[o] = '\0';
	return true;
}

bool yz_line_init(yz_line *l, int max_width, bool masked)
{
	memset(l, 0, sizeof *l);
	l->max_width = max_width;
	l->masked = masked;
	return encode(l);
}

void yz_line_free(yz_line *l)
{
	free(l->cp);
	free(l->text);
	memset(l, 0, sizeof *l);
}

/* Whether cp may be in the text at all: controls, surrogates and code points
 * past U+10FFFF never are; '\n' only in a memo. */
static bool allowed(const yz_line *l, uint32_t cp)
{
	char probe[4];

	if (cp == '\n')
		return l->newlines;
	return yz_cp_width(cp) >= 0 && yz_utf8_encode(cp, probe) > 0;
}

/* Put cp at the cursor without the width check; false on ENOMEM. */
static bool put(yz_line *l, uint32_t cp)
{
	if (!reserve(l, l->len + 1))
		return false;
	memmove(&l->cp[l->cursor + 1], &l->cp[l->cursor], (l->len - l->cursor) * sizeof *l->cp);
	l->cp[l->cursor++] = cp;
	l->len++;
	return true;
}

/* Insert cp, refused when it is not allowed or (check_width) too wide. */
static yz_line_result insert(yz_line *l, uint32_t cp, bool check_width)
{
	if (!allowed(l, cp))
		return YZ_LINE_REFUSED;
	if (check_width && l->max_width > 0 && cols(l, 0, l->len) + cp_cols(l, cp) > l->max_width)
		return YZ_LINE_FULL;
	return put(l, cp) ? YZ_LINE_CHANGED : YZ_LINE_REFUSED;
}

/* Insert the cleaned text. Typed (a paste): character by character as
 * yz_line_insert does, up to the first refused. Set by the program: all of it. */
static yz_line_result insert_clean(yz_line *l, const char *text, bool typed)
{
	char *clean = yz_text_sanitize(text ? text : "", l->newlines);
	yz_line_result r = YZ_LINE_MOVED;
	size_t n, len0 = l->len, cursor0 = l->cursor;

	if (clean == NULL)
		return YZ_LINE_REFUSED;
	n = strlen(clean);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(clean + i, n - i, &cp);
		yz_line_result one = k == 0       ? YZ_LINE_REFUSED
		                     : typed      ? insert(l, cp, true)
		                     : put(l, cp) ? YZ_LINE_CHANGED
		                                  : YZ_LINE_REFUSED;
		if (one != YZ_LINE_CHANGED) {
			if (r != YZ_LINE_CHANGED || !typed)
				r = one;
			break;
		}
		r = YZ_LINE_CHANGED;
		i += k;
	}
	free(clean);
	if (r == YZ_LINE_CHANGED && !encode(l)) {
		/* Keep cp and text in step: take the inserted characters out again. */
		size_t added = l->len - len0;
		memmove(&l->cp[cursor0], &l->cp[cursor0 + added], (len0 - cursor0) * sizeof *l->cp);
		l->len = len0;
		l->cursor = cursor0;
		r = YZ_LINE_REFUSED;
	}
	return r;
}

bool yz_line_set(yz_line *l, const char *text)
{
	l->len = l->cursor = l->scroll = 0;
	encode(l);
	if (text == NULL || *text == '\0')
		return true;
	if (insert_clean(l, text, false) == YZ_LINE_REFUSED) {
		l->len = l->cursor = 0;
		encode(l);
		return false;
	}
	return true;
}

yz_line_result yz_line_insert(yz_line *l, uint32_t cp)
{
	yz_line_result r = insert(l, cp, true);

	if (r == YZ_LINE_CHANGED && !encode(l)) {
		/* Keep cp and text in step: take the character out again. */
		memmove(&l->cp[l->cursor - 1], &l->cp[l->cursor],
		        (l->len - l->cursor) * sizeof *l->cp);
		l->len--;
		l->cursor--;
		return YZ_LINE_REFUSED;
	}
	return r;
}

yz_line_result yz_line_insert_text(yz_line *l, const char *text)
{
	return insert_clean(l, text, true);
}

/* Delete the character at index at. */
static yz_line_result erase(yz_line *l, size_t at)
{
	memmove(&l->cp[at], &l->cp[at + 1], (l->len - at - 1) * sizeof *l->cp);
	l->len--;
	l->cursor = at;
	encode(l); /* shorter: never needs memory */
	return YZ_LINE_CHANGED;
}

static yz_line_result cursor_to(yz_line *l, size_t pos, bool ok)
{
	if (!ok)
		return YZ_LINE_REFUSED;
	l->cursor = pos;
	return YZ_LINE_MOVED;
}

yz_line_result yz_line_edit(yz_line *l, yz_line_op op)
{
	switch (op) {
	case YZ_LINE_LEFT:
		return cursor_to(l, l->cursor - 1, l->cursor > 0);
	case YZ_LINE_RIGHT:
		return cursor_to(l, l->cursor + 1, l->cursor < l->len);
	case YZ_LINE_HOME:
		return cursor_to(l, 0, true);
	case YZ_LINE_END:
		return cursor_to(l, l->len, true);
	case YZ_LINE_BACKSPACE:
		return l->cursor > 0 ? erase(l, l->cursor - 1) : YZ_LINE_REFUSED;
	case YZ_LINE_DELETE:
		return l->cursor < l->len ? erase(l, l->cursor) : YZ_LINE_REFUSED;
	case YZ_LINE_KILL:
		if (l->len == 0)
			return YZ_LINE_REFUSED;
		l->len = l->cursor = l->scroll = 0;
		encode(l);
		return YZ_LINE_CHANGED;
	}
	return YZ_LINE_REFUSED;
}

const char *yz_line_text(const yz_line *l)
{
	return l->text ? l->text : "";
}

int yz_line_width(const yz_line *l)
{
	return cols(l, 0, l->len);
}

void yz_line_view_of(yz_line *l, int width, yz_line_view *out)
{
	size_t start = 0, bytes = 0, chars = 0;
	int used = 0;

	if (width < 1)
		width = 1;
	if (l->scroll > l->cursor)
		l->scroll = l->cursor;
	/* The cursor needs one column after the text left of it. */
	while (l->scroll < l->cursor && cols(l, l->scroll, l->cursor) + 1 > width)
		l->scroll++;
	/* Room again (text deleted): show as much of the text as fits. */
	while (l->scroll > 0 && cols(l, l->scroll - 1, l->len) + 1 <= width)
		l->scroll--;
	for (size_t i = 0; i < l->scroll; i++)
		start += utf8_len(l->cp[i]);
	for (size_t i = l->scroll; i < l->len; i++) {
		int w = cp_cols(l, l->cp[i]);
		if (used + w > width)
			break;
		used += w;
		bytes += utf8_len(l->cp[i]);
		chars++;
	}
	out->start = start;
	out->bytes = bytes;
	out->chars = chars;
	out->scroll = cols(l, 0, l->scroll);
	out->cursor_col = cols(l, l->scroll, l->cursor);
}
