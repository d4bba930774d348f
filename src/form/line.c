/* The one field editor (yizhan/form/line.h). The text is kept as code
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

/* UTF-8 bytes of the text (cp may be ahead of text during a paste). */
static size_t bytes_of(const yz_line *l)
{
	size_t b = 0;

	for (size_t i = 0; i < l->len; i++)
		b += utf8_len(l->cp[i]);
	return b;
}

/* Whether cp still fits: columns, characters and bytes. */
static bool fits(const yz_line *l, uint32_t cp)
{
	if (l->max_chars > 0 && l->len + 1 > l->max_chars)
		return false;
	if (l->max_bytes > 0 && bytes_of(l) + utf8_len(cp) > l->max_bytes)
		return false;
	return l->max_width <= 0 || cols(l, 0, l->len) + cp_cols(l, cp) <= l->max_width;
}

/* Insert cp, refused when it is not allowed or (check) does not fit. */
static yz_line_result insert(yz_line *l, uint32_t cp, bool check)
{
	if (!allowed(l, cp))
		return YZ_LINE_REFUSED;
	if (check && !fits(l, cp))
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
	l->len = l->cursor = l->scroll = l->top = 0;
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
		l->len = l->cursor = l->scroll = l->top = 0;
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

size_t yz_line_chars(const yz_line *l)
{
	return l->len;
}

/* ---- a memo in a box ---------------------------------------------------------- */

/* The row starting at code point from in a box wrapping at w columns: it ends
 * at *end (exclusive; a '\n' there is not part of it); *wrapped when it was
 * broken because the next character did not fit. Returns where the next row
 * starts. A character wider than the box still gets a row of its own. */
static size_t next_row(const yz_line *l, size_t from, int w, size_t *end, bool *wrapped)
{
	int used = 0;
	size_t i;

	*wrapped = false;
	for (i = from; i < l->len; i++) {
		int cw;
		if (l->cp[i] == '\n') {
			*end = i;
			return i + 1;
		}
		cw = cp_cols(l, l->cp[i]);
		if (used + cw > w && i > from) {
			*wrapped = true;
			break;
		}
		used += cw;
	}
	*end = i;
	return i;
}

/* The columns a row holds: the box's width less one, kept for the cursor at
 * a full row's end. */
static int wrap_width(int width)
{
	return width > 2 ? width - 1 : 1;
}

/* The row of the cursor (the last row starting at or before it) and the rows
 * of the whole text. */
static void cursor_row(const yz_line *l, int w, size_t *row, size_t *start, size_t *rows)
{
	size_t at = 0, end, k = 0;
	bool wrapped;

	*row = 0;
	*start = 0;
	for (;;) {
		size_t next = next_row(l, at, w, &end, &wrapped);
		if (at <= l->cursor) {
			*row = k;
			*start = at;
		}
		k++;
		if (end == l->len)
			break;
		at = next;
	}
	*rows = k;
}

void yz_line_box_of(yz_line *l, int width, int height, bool keep_cursor, yz_line_row *row,
                    yz_line_box *out)
{
	int w = wrap_width(width);
	size_t cur, cur_start, rows, at = 0, byte = 0, k = 0, end;
	bool wrapped;

	if (height < 1)
		height = 1;
	cursor_row(l, w, &cur, &cur_start, &rows);
	if (keep_cursor && cur < l->top)
		l->top = cur;
	if (keep_cursor && cur >= l->top + (size_t)height)
		l->top = cur - (size_t)height + 1;
	if (l->top + (size_t)height > rows) /* room again: show as much as fits */
		l->top = rows > (size_t)height ? rows - (size_t)height : 0;
	out->rows = rows;
	out->top = l->top;
	out->shown = 0;
	out->cursor_row = (int)(cur - l->top);
	out->cursor_col = cols(l, cur_start, l->cursor);
	for (;;) {
		size_t next = next_row(l, at, w, &end, &wrapped), b = 0;
		for (size_t i = at; i < end; i++)
			b += utf8_len(l->cp[i]);
		if (k >= l->top && out->shown < (size_t)height)
			row[out->shown++] = (yz_line_row){byte, b};
		for (size_t i = end; i < next; i++)
			b += utf8_len(l->cp[i]); /* the '\n' */
		byte += b;
		k++;
		if (end == l->len || out->shown == (size_t)height)
			break;
		at = next;
	}
}

yz_line_result yz_line_vertical(yz_line *l, int width, int dir)
{
	int w = wrap_width(width), col;
	size_t cur, cur_start, rows, at = 0, end, k = 0, target;
	bool wrapped;

	cursor_row(l, w, &cur, &cur_start, &rows);
	if (dir < 0 ? cur == 0 : cur + 1 >= rows)
		return YZ_LINE_REFUSED;
	target = dir < 0 ? cur - 1 : cur + 1;
	col = cols(l, cur_start, l->cursor);
	for (;;) {
		size_t next = next_row(l, at, w, &end, &wrapped);
		if (k == target) {
			size_t p = at;
			int used = 0;
			while (p < end && used + cp_cols(l, l->cp[p]) <= col)
				used += cp_cols(l, l->cp[p++]);
			/* The end of a wrapped row is the next row's start: stay on this one. */
			if (p == end && wrapped && p > at)
				p--;
			l->cursor = p;
			return YZ_LINE_MOVED;
		}
		k++;
		at = next;
	}
}
