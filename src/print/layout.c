/* Line layout by display width: wrapping text into columns (a CJK character
 * is two columns, a character is never split) and turning a document into the
 * lines of a receipt. The text preview and the ESC/POS renderer both use it,
 * so what the clerk previews is what the printer prints. */
#include <stdlib.h>
#include <string.h>

#include "print-int.h"

bool yz_lines_addn(yz_lines *l, const char *s, size_t n)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		char **v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	char *copy = malloc(n + 1);
	if (!copy)
		return false;
	memcpy(copy, s, n);
	copy[n] = '\0';
	l->v[l->n++] = copy;
	return true;
}

void yz_lines_free(yz_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Characters that must not begin a line in Chinese typesetting (the closing
 * half of the line-breaking rules, GB/T 15834 practice). */
static bool no_line_start(uint32_t cp)
{
	static const uint32_t closing[] = {
	    ',',    '.',    ';',    ':',    '?',    '!',    ')',    ']',    '}',
	    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
	    0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x201D, 0x2019,
	};
	for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
		if (closing[i] == cp)
			return true;
	return false;
}

static bool is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       c == '-' || c == '_' || c == '/';
}

/* Start of the character before offset n (n > 0). */
static size_t prev_char(const char *s, size_t n)
{
	do
		n--;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80);
	return n;
}

/* Words that count with the number before them (an address's room, number,
 * building, unit, floor, lane, village, group; years, months, days, ages,
 * yuan, people): a line never breaks between "1502" and its room word. The
 * longer of two that share a start comes first. */
static const char *const number_units[] = {
    "\u53f7\u697c", "\u53f7\u9662", "\u5355\u5143", "\u5ba4", "\u53f7", "\u680b", "\u5e62",
    "\u697c",       "\u5c42",       "\u5f04",       "\u5df7", "\u6751", "\u7ec4", "\u5ea7",
    "\u6237",       "\u5e74",       "\u6708",       "\u65e5", "\u5c81", "\u5143", "\u4eba",
};

static bool is_alnum_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

size_t yz_text_unit(const char *s, size_t *run, size_t *space, size_t *word)
{
	size_t a = 0, sp = 0, w = 0;
	while (is_alnum_byte((unsigned char)s[a]))
		a++;
	if (a > 0) {
		sp = s[a] == ' ' ? 1 : 0;
		for (size_t i = 0; i < sizeof number_units / sizeof *number_units && !w; i++)
			if (!strncmp(s + a + sp, number_units[i], strlen(number_units[i])))
				w = strlen(number_units[i]);
		sp = w ? sp : 0;
	}
	if (run)
		*run = a;
	if (space)
		*space = sp;
	if (word)
		*word = w;
	return a + sp + w;
}

/* The start of the number-and-unit (or run of digits and letters) that a
 * break at offset n of s would cut, or n when it cuts none; 0 when the line
 * starts with it. */
static size_t unit_break(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t u = i == 0 || !is_alnum_byte((unsigned char)s[i - 1])
		               ? yz_text_unit(s + i, NULL, NULL, NULL)
		               : 0;
		if (u && i + u > n)
			return i;
		if (u) {
			i += u;
			continue;
		}
		uint32_t cp;
		size_t k = yz_utf8_decode(s + i, strlen(s + i), &cp);
		i += k ? k : 1;
	}
	return n;
}

/* U+2060 WORD JOINER: no line break on either side, drawn as nothing. */
#define WORD_JOINER "\xe2\x81\xa0"

char *yz_text_join_units(const char *text)
{
	yz_buf b = {0};
	size_t len;
	for (const char *p = text; *p;) {
		size_t run, sp, word;
		size_t u = p == text || !is_alnum_byte((unsigned char)p[-1])
		               ? yz_text_unit(p, &run, &sp, &word)
		               : 0;
		if (!u || !word) {
			yz_buf_add(&b, p, u ? u : 1);
			p += u ? u : 1;
			continue;
		}
		yz_buf_add(&b, p, run);
		yz_buf_str(&b, WORD_JOINER);
		if (sp)
			yz_buf_str(&b, " " WORD_JOINER);
		const char *w = p + run + sp;
		for (size_t i = 0; i < word;) { /* between the characters of a unit word */
			uint32_t cp;
			size_t k = yz_utf8_decode(w + i, word - i, &cp);
			k = k ? k : 1;
			yz_buf_add(&b, w + i, k);
			i += k;
			if (i < word)
				yz_buf_str(&b, WORD_JOINER);
		}
		p += u;
	}
	if (b.oom) {
		yz_buf_free(&b);
		return NULL;
	}
	return (char *)yz_buf_take(&b, &len);
}

/* Move a break at offset n (inside s, not at its end) to a better place: not
 * inside a number with its unit when what comes before can fill the line,
 * not inside a Latin word when a space allows it, not before closing
 * punctuation. */
static size_t adjust_break(const char *s, size_t n)
{
	bool in_word = is_word_byte((unsigned char)s[n]) && is_word_byte((unsigned char)s[n - 1]);
	for (size_t i = n; in_word && i > 1; i--)
		if (s[i - 1] == ' ')
			return i;
	size_t u = unit_break(s, n);
	if (u > 0 && u < n)
		return u;
	if (in_word)
		return n;
	uint32_t cp;
	if (yz_utf8_decode(s + n, strlen(s + n), &cp) && no_line_start(cp)) {
		size_t p = prev_char(s, n);
		if (p > 0)
			return p;
	}
	return n;
}

/* Bytes of the list separator at s (the enumeration comma, full-width comma
 * or semicolon; an ASCII comma or semicolon not inside a number such as
 * "1,000"), or 0. after_digit: the character before s is a digit. */
static size_t list_sep(const char *s, bool after_digit)
{
	static const char *const wide[] = {"\xe3\x80\x81", "\xef\xbc\x8c", "\xef\xbc\x9b"};
	for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
		if (!strncmp(s, wide[i], 3))
			return 3;
	if ((*s == ',' || *s == ';') && !(after_digit && s[1] >= '0' && s[1] <= '9'))
		return 1;
	return 0;
}

/* Bytes of the item of a list that starts at s: up to its separator or the
 * end (the separator not counted). */
static size_t item_len(const char *s)
{
	size_t i = 0;
	while (s[i] && !list_sep(s + i, i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s + i, strlen(s + i), &cp);
		i += k ? k : 1;
	}
	return i;
}

/* In a list ("A, B, C"), move a break at offset n of s back to the start of
 * the item it would cut, when that item (with the separator after it) fits a
 * line of cols columns; an item longer than a line, or one that starts the
 * line, breaks where it must. */
static size_t list_break(const char *s, size_t n, int cols)
{
	size_t start = 0; /* the item around n starts here (after a separator) */
	for (size_t i = 0; i < n;) {
		size_t k = list_sep(s + i, i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9');
		if (k) {
			i += k;
			start = i <= n ? i : start;
			continue;
		}
		uint32_t cp;
		k = yz_utf8_decode(s + i, strlen(s + i), &cp);
		i += k ? k : 1;
	}
	if (start == 0 || start >= n)
		return n;
	size_t item = start;
	while (s[item] == ' ') /* a line never starts with the blank after ", " */
		item++;
	size_t end = item + item_len(s + item);
	end += list_sep(s + end, false); /* the separator stays with its item */
	char *piece = strndup(s + item, end - item);
	int w = piece ? yz_text_width(piece) : cols + 1;
	free(piece);
	return w <= cols ? start : n;
}

char *yz_text_join_items(const char *text, bool (*fits)(const char *item, void *ctx), void *ctx)
{
	yz_buf b = {0};
	size_t len;
	for (const char *p = text; *p;) {
		size_t k = list_sep(p, p > text && p[-1] >= '0' && p[-1] <= '9');
		if (k || *p == ' ') { /* a separator, or the blank after it: breaks stay */
			k = k ? k : 1;
			yz_buf_add(&b, p, k);
			p += k;
			continue;
		}
		size_t n = item_len(p);
		char *item = strndup(p, n);
		bool join = item && fits(item, ctx);
		free(item);
		for (size_t i = 0; i < n;) {
			uint32_t cp;
			size_t c = yz_utf8_decode(p + i, n - i, &cp);
			c = c ? c : 1;
			yz_buf_add(&b, p + i, c);
			i += c;
			if (join && i < n)
				yz_buf_str(&b, WORD_JOINER);
		}
		p += n;
	}
	if (b.oom) {
		yz_buf_free(&b);
		return NULL;
	}
	return (char *)yz_buf_take(&b, &len);
}

/* Bytes of one line starting at s (NUL-terminated, not empty); list_cols > 0:
 * s is a list whose next lines are list_cols wide (list_break). */
static size_t next_break(const char *s, int avail, int list_cols)
{
	size_t n = yz_text_fit(s, avail, NULL);
	if (n == 0) {
		/* wider than the line (a CJK character on a 1-column line): take it */
		uint32_t cp;
		n = yz_utf8_decode(s, strlen(s), &cp);
		if (n == 0)
			n = 1;
	}
	if (s[n])
		n = adjust_break(s, n);
	if (s[n] && list_cols > 0)
		n = list_break(s, n, list_cols);
	return n;
}

/* Wrap one paragraph (no '\n'); *first is true until a line was produced;
 * list: break a list at its separators (yz_wrap_list). */
static bool wrap_para(const char *s, bool *first, int first_cols, int cols, bool list,
                      yz_lines *out)
{
	if (!*s) {
		*first = false;
		return yz_lines_addn(out, "", 0);
	}
	while (*s) {
		int avail = *first ? first_cols : cols;
		*first = false;
		size_t n = next_break(s, avail > 1 ? avail : 1, list ? cols : 0);
		size_t keep = n;
		while (keep > 0 && s[keep - 1] == ' ')
			keep--;
		if (!yz_lines_addn(out, s, keep))
			return false;
		s += n;
		while (*s == ' ')
			s++;
	}
	return true;
}

static bool wrap(const char *text, int first_cols, int cols, bool list, yz_lines *out)
{
	bool first = true;
	const char *p = text ? text : "";
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *para = strndup(p, len);
		if (!para)
			return false;
		bool ok = wrap_para(para, &first, first_cols, cols, list, out);
		free(para);
		if (!ok)
			return false;
		if (!nl)
			return true;
		p = nl + 1;
	}
}

bool yz_wrap(const char *text, int first_cols, int cols, yz_lines *out)
{
	return wrap(text, first_cols, cols, false, out);
}

bool yz_wrap_list(const char *text, int first_cols, int cols, yz_lines *out)
{
	return wrap(text, first_cols, cols, true, out);
}

/* ---- receipt lines ------------------------------------------------------------- */

/* Append a line; takes ownership of text (NULL means ENOMEM). */
bool yz_rl_push(yz_rlines *l, char *text, unsigned style, bool qr)
{
	if (!text)
		return false;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		yz_rline *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			free(text);
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (yz_rline){.text = text, .style = style, .qr = qr};
	return true;
}

void yz_rlines_free(yz_rlines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Each wrapped line, prefixed by pad_first spaces on the first line and
 * pad_rest on the others. */
static bool push_wrapped(yz_rlines *out, const yz_lines *w, unsigned style, int pad_first,
                         int pad_rest, const char *prefix)
{
	for (size_t i = 0; i < w->n; i++) {
		int pad = i == 0 ? pad_first : pad_rest;
		const char *pre = i == 0 && prefix ? prefix : "";
		if (!yz_rl_push(out, yz_strdup_printf("%s%*s%s", pre, pad, "", w->v[i]), style,
		                false))
			return false;
	}
	return true;
}

static bool lay_text(const yz_block *b, int columns, yz_rlines *out)
{
	unsigned style =
	    b->style & (YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER | YZ_STYLE_RIGHT);
	int eff = (b->style & YZ_STYLE_DOUBLE) ? columns / 2 : columns;
	int indent = (b->style & YZ_STYLE_INDENT) ? 4 : 0;
	yz_lines w = {0};
	bool ok = yz_wrap(b->text, eff - indent, eff, &w) &&
	          push_wrapped(out, &w, style, indent, 0, NULL);
	yz_lines_free(&w);
	return ok;
}

/* "key: value" (sep after the key), the value wrapping under itself; when the
 * key leaves too little room, the value goes below it, indented by two
 * columns. */
static bool lay_kv(const yz_block *b, const char *sep, int columns, yz_rlines *out)
{
	unsigned style = b->style & YZ_STYLE_BOLD;
	char *key = yz_strdup_printf("%s%s", b->text, sep);
	if (!key)
		return false;
	int kw = yz_text_width(key);
	yz_lines w = {0};
	bool ok;
	if (!*b->value) {
		ok = yz_rl_push(out, key, style, false);
		key = NULL;
	} else if (columns - kw >= 8) {
		ok = yz_wrap_list(b->value, columns - kw, columns - kw, &w) &&
		     push_wrapped(out, &w, style, 0, kw, key);
	} else {
		ok = yz_wrap(key, columns, columns, &w) && push_wrapped(out, &w, style, 0, 0, NULL);
		yz_lines_free(&w);
		ok = ok && yz_wrap_list(b->value, columns - 2, columns - 2, &w) &&
		     push_wrapped(out, &w, style, 2, 2, NULL);
	}
	yz_lines_free(&w);
	free(key);
	return ok;
}

/* "label: ____" (sep after the label) filling width columns (at least 4
 * underscores). */
static void sign_field(yz_buf *b, const char *label, const char *sep, int width)
{
	yz_buf_str(b, label);
	yz_buf_str(b, sep);
	int rest = width - yz_text_width(label) - yz_text_width(sep);
	for (int i = 0; i < (rest > 4 ? rest : 4); i++)
		yz_buf_byte(b, '_');
}

/* One line "label: ____", or two fields side by side when label2 is set and
 * both fit; otherwise the second field goes on its own line. */
static bool lay_signature(const yz_block *b, const char *sep, int columns, yz_rlines *out)
{
	yz_buf line = {0};
	size_t len;
	bool two = b->value && *b->value;
	int half = (columns - 2) / 2;
	bool side = two && yz_text_width(b->text) + 6 <= half &&
	            yz_text_width(b->value) + 6 <= columns - 2 - half;
	sign_field(&line, b->text, sep, side ? half : columns);
	if (side) {
		yz_buf_spaces(&line, 2);
		sign_field(&line, b->value, sep, columns - 2 - half);
	}
	if (line.oom || !yz_rl_push(out, (char *)yz_buf_take(&line, &len), 0, false))
		return false;
	if (!two || side)
		return true;
	sign_field(&line, b->value, sep, columns);
	return !line.oom && yz_rl_push(out, (char *)yz_buf_take(&line, &len), 0, false);
}

/* A bar chart's row: the label wrapped in the left three tenths, a run of
 * '#' of n permille of three fifths of the rest, the value after it (on the
 * next line, under the bar, when it does not fit beside it). */
static bool lay_bar(const yz_block *b, int columns, yz_rlines *out)
{
	int lw = columns * 3 / 10 < 4 ? 4 : columns * 3 / 10;
	int rest = columns - lw - 1;
	int bar = (rest * 3 / 5 * b->n + 500) / 1000;
	int vw = yz_text_width(b->value);
	bool beside = bar + (bar ? 1 : 0) + vw <= rest;
	yz_lines w = {0};
	if (!yz_wrap(b->text, lw, lw, &w))
		return false;
	size_t rows = w.n ? w.n : 1;
	if (!beside && rows < 2)
		rows = 2;
	bool ok = true;
	for (size_t i = 0; ok && i < rows; i++) {
		yz_buf line = {0};
		const char *label = i < w.n ? w.v[i] : "";
		yz_buf_str(&line, label);
		yz_buf_spaces(&line, lw - yz_text_width(label) + 1);
		if (i == 0) {
			for (int k = 0; k < bar; k++)
				yz_buf_byte(&line, '#');
			if (beside && *b->value) {
				yz_buf_spaces(&line, bar ? 1 : 0);
				yz_buf_str(&line, b->value);
			}
		} else if (i == 1 && !beside) {
			yz_buf_str(&line, b->value);
		}
		size_t len;
		char *text = (char *)yz_buf_take(&line, &len);
		/* no blanks at the end of a line */
		while (text && len > 0 && text[len - 1] == ' ')
			text[--len] = '\0';
		ok = yz_rl_push(out, text, 0, false);
	}
	yz_lines_free(&w);
	return ok;
}

/* A new page: a page line, then the head once (a preview has no pages to
 * repeat it on). */
static bool lay_page(const yz_block *b, int columns, yz_rlines *out)
{
	if (!yz_rl_push(out, strdup(""), 0, false))
		return false;
	out->v[out->n - 1].page = true;
	if (!b->text || !*b->text)
		return true;
	yz_lines w = {0};
	bool ok = yz_wrap(b->text, columns, columns, &w) &&
	          push_wrapped(out, &w, YZ_STYLE_RIGHT, 0, 0, NULL);
	yz_lines_free(&w);
	return ok;
}

static bool lay_block(const yz_block *b, const char *sep, int columns, yz_rlines *out)
{
	switch (b->kind) {
	case YZ_BLOCK_TEXT:
		return lay_text(b, columns, out);
	case YZ_BLOCK_KV:
	case YZ_BLOCK_CODE:
		return lay_kv(b, sep, columns, out);
	case YZ_BLOCK_SIGNATURE:
		return lay_signature(b, sep, columns, out);
	case YZ_BLOCK_TABLE:
		return yz_lay_table(b->table, columns, out);
	case YZ_BLOCK_RULE: {
		char *rule = malloc((size_t)columns + 1);
		if (rule) {
			memset(rule, '-', (size_t)columns);
			rule[columns] = '\0';
		}
		return yz_rl_push(out, rule, 0, false);
	}
	case YZ_BLOCK_QR:
		return yz_rl_push(out, strdup(b->text), YZ_STYLE_CENTER, true);
	case YZ_BLOCK_SPACE:
		for (int i = 0; i < b->n; i++)
			if (!yz_rl_push(out, strdup(""), 0, false))
				return false;
		return true;
	case YZ_BLOCK_SEAL_BOX: { /* the caption's lines, then the label */
		yz_lines w = {0};
		bool ok = yz_wrap(b->text, columns, columns, &w) &&
		          (!b->value || !*b->value || yz_wrap(b->value, columns, columns, &w)) &&
		          push_wrapped(out, &w, YZ_STYLE_RIGHT, 0, 0, NULL);
		yz_lines_free(&w);
		return ok;
	}
	case YZ_BLOCK_BAR:
		return lay_bar(b, columns, out);
	case YZ_BLOCK_PAGE:
		return lay_page(b, columns, out);
	}
	return true;
}

bool yz_receipt_lines(const yz_doc *d, int columns, yz_rlines *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < d->n_blocks; i++) {
		if (!lay_block(&d->blocks[i], yz_doc_sep(d), columns, out)) {
			yz_rlines_free(out);
			return false;
		}
	}
	return true;
}
