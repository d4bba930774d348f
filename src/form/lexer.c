/* The line reader of the form language (see lexer.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"
#include "lexer.h"

int yzf_col(const yzf_line *l, const char *p)
{
	int col = 1;
	const char *q = l->raw;

	while (q < p) {
		uint32_t cp;
		size_t k = yz_utf8_decode(q, (size_t)(p - q), &cp);
		q += k ? k : 1;
		col++;
	}
	return col;
}

/* Measure the indentation of l and find its first non-blank character. */
static void measure(yzf_line *l)
{
	const char *p = l->raw, *end = l->raw + l->raw_len;

	l->indent = 0;
	l->indent_chars = 0;
	for (; p < end && (*p == ' ' || *p == '\t'); p++) {
		l->indent = *p == '\t' ? (l->indent / 8 + 1) * 8 : l->indent + 1;
		l->indent_chars++;
	}
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	l->s = p;
	l->len = (size_t)(end - p);
	l->blank = l->len == 0;
	l->comment = !l->blank && *p == '#';
}

/* Check one line's characters; reports the first problem only, since one bad
 * byte usually explains the rest of the line. Returns false on a problem. */
static bool check_chars(const char *path, yzf_line *l, yz_diags *diags)
{
	const char *p = l->raw, *end = l->raw + l->raw_len;
	bool in_indent = true;
	int col = 1;

	for (; p < end; col++) {
		uint32_t cp;
		size_t k = yz_utf8_decode(p, (size_t)(end - p), &cp);
		if (k == 0) {
			yz_diags_add(diags, path, l->no, col, "%s",
			             _("invalid UTF-8: save the file in UTF-8 encoding"));
			return false;
		}
		if (cp == '\t' && !in_indent) {
			yz_diags_add(diags, path, l->no, col, "%s",
			             _("tab character inside the text: use spaces"));
			return false;
		}
		if (cp != '\t' && (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))) {
			yz_diags_add(diags, path, l->no, col,
			             _("control character U+%04X: remove it"), (unsigned)cp);
			return false;
		}
		if (col > YZF_MAX_LINE) {
			yz_diags_add(diags, path, l->no, col,
			             _("line is longer than %d characters: split it"),
			             YZF_MAX_LINE);
			return false;
		}
		if (cp != ' ' && cp != '\t')
			in_indent = false;
		p += k;
	}
	return true;
}

int yzf_split_lines(const char *path, const char *text, size_t len, yz_diags *diags, yzf_line **out,
                    size_t *n)
{
	const char *p = text, *end = text + len;
	size_t cap = 0;
	int errors = 0;

	*out = NULL;
	*n = 0;
	/* A byte-order mark some Windows editors write is not part of the text. */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (int no = 1; p < end; no++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		yzf_line *l;

		if (!yzf_grow(out, &cap, *n, sizeof **out))
			return errors + 1;
		l = &(*out)[(*n)++];
		l->raw = p;
		l->raw_len = (size_t)(e - p);
		if (l->raw_len > 0 && p[l->raw_len - 1] == '\r')
			l->raw_len--;
		l->no = no;
		l->bad = !check_chars(path, l, diags);
		errors += l->bad;
		measure(l);
		p = nl ? nl + 1 : end;
	}
	return errors;
}
