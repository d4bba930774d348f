/* Document templates: {key} stands for a value, {key|filter} for a value
 * written in another way, "{{" for a literal '{'. A '?' before the closing
 * brace ({key?}, {key|filter?}) marks a value the paper may go without: a
 * paper is never printed with a blank where any other value goes
 * (yz_template_fill). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.';
}

void yzf_scan_ref(const char *p, yzf_ref *ref)
{
	const char *q = p + 1;

	memset(ref, 0, sizeof *ref);
	ref->start = p;
	ref->key = q;
	while (key_char(*q))
		q++;
	ref->key_len = (size_t)(q - ref->key);
	if (*q == '|') {
		ref->filter = ++q;
		while (key_char(*q))
			q++;
		ref->filter_len = (size_t)(q - ref->filter);
	}
	if (*q == '?') {
		ref->optional = true;
		q++;
	}
	ref->ok = *q == '}' && ref->key_len > 0 && (ref->filter == NULL || ref->filter_len > 0);
	ref->len = (size_t)(q - p) + (*q == '}');
}

/* A growing output string; a failed allocation poisons it (buf NULL). */
typedef struct yzf_buf {
	char *buf;  /* NUL terminated, or NULL after ENOMEM */
	size_t len; /* bytes used */
	size_t cap; /* bytes allocated */
} yzf_buf;

static void put(yzf_buf *b, const char *s, size_t n)
{
	if (b->buf == NULL)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *nb = realloc(b->buf, cap);
		if (nb == NULL) {
			free(b->buf);
			b->buf = NULL;
			return;
		}
		b->buf = nb;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

/* "2019-03-01" → 2019 nian 3 yue 1 ri in Chinese characters, without leading zeros
 * (written as escapes: no Chinese in sources). */
static void put_date_cn(yzf_buf *b, const char *v)
{
	yz_date d;
	char tmp[64];

	if (!yz_date_parse(v, &d)) {
		put(b, v, strlen(v));
		return;
	}
	snprintf(tmp, sizeof tmp, "%d\u5e74%d\u6708%d\u65e5", d.year, d.month, d.day);
	put(b, tmp, strlen(tmp));
}

static void put_value(yzf_buf *b, const yzf_ref *ref, const char *v)
{
	char masked[19];

	if (v == NULL)
		return;
	if (ref->filter_len == 2 && memcmp(ref->filter, "cn", 2) == 0) {
		put_date_cn(b, v);
	} else if (ref->filter_len == 4 && memcmp(ref->filter, "mask", 4) == 0) {
		yz_idcard_mask(v, masked);
		put(b, masked, strlen(masked));
	} else if (ref->filter_len == 5 && memcmp(ref->filter, "money", 5) == 0) {
		char grouped[40];
		int64_t fen;
		if (!yz_money_parse(v, &fen)) {
			put(b, v, strlen(v));
			return;
		}
		yzf_money_grouped(fen, grouped);
		put(b, grouped, strlen(grouped));
	} else {
		put(b, v, strlen(v));
	}
}

/* Whether a value is missing from the paper: none, or only spaces (ASCII
 * white space and the ideographic space U+3000). */
static bool blank(const char *v)
{
	while (v && *v) {
		if (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
			v++;
		else if (strncmp(v, "\xe3\x80\x80", 3) == 0)
			v += 3;
		else
			return false;
	}
	return true;
}

/* What the references of one line of a template gave (yz_template_fill). */
typedef struct line_refs {
	int refs;           /* references on the line */
	int blank_optional; /* of them, optional ones whose value was blank */
} line_refs;

/* Expands the NUL-terminated text p onto b. With missing non-NULL, a reference
 * without '?' whose value is blank stops it (false, its key in missing); lr
 * (may be NULL) counts the references. */
static bool expand_into(yzf_buf *b, const char *p, yz_lookup_fn lookup, void *ctx, char *missing,
                        line_refs *lr)
{
	while (*p) {
		const char *brace = strchr(p, '{');
		yzf_ref ref;
		char key[YZ_TEMPLATE_KEY_MAX];
		if (brace == NULL) {
			put(b, p, strlen(p));
			break;
		}
		put(b, p, (size_t)(brace - p));
		if (brace[1] == '{') {
			put(b, "{", 1);
			p = brace + 2;
			continue;
		}
		yzf_scan_ref(brace, &ref);
		if (!ref.ok || ref.key_len >= sizeof key) {
			put(b, "{", 1); /* not a reference: the text is kept as written */
			p = brace + 1;
			continue;
		}
		memcpy(key, ref.key, ref.key_len);
		key[ref.key_len] = '\0';
		const char *v = lookup ? lookup(key, ctx) : NULL;
		if (missing && !ref.optional && blank(v)) {
			memcpy(missing, key, ref.key_len + 1);
			return false;
		}
		if (lr) {
			lr->refs++;
			lr->blank_optional += ref.optional && blank(v);
		}
		put_value(b, &ref, v);
		p = brace + ref.len;
	}
	return true;
}

char *yz_template_expand(const char *tmpl, yz_lookup_fn lookup, void *ctx)
{
	yzf_buf b = {.buf = malloc(64), .cap = 64};

	if (b.buf)
		b.buf[0] = '\0';
	expand_into(&b, tmpl ? tmpl : "", lookup, ctx, NULL, NULL);
	return b.buf;
}

/* Line by line: a line whose references are all optional and all blank is left
 * out with its line break ("Student: {student_name?}" prints nothing rather
 * than a label with a blank after it). */
char *yz_template_fill(const char *tmpl, yz_lookup_fn lookup, void *ctx,
                       char missing[YZ_TEMPLATE_KEY_MAX])
{
	yzf_buf b = {.buf = malloc(64), .cap = 64};
	const char *p = tmpl ? tmpl : "";

	missing[0] = '\0';
	if (b.buf)
		b.buf[0] = '\0';
	while (*p && b.buf) {
		size_t n = strcspn(p, "\n"), mark = b.len;
		char *line = yzf_strndup(p, n);
		line_refs lr = {0};
		bool ok = line && expand_into(&b, line, lookup, ctx, missing, &lr);
		free(line);
		if (!ok) {
			free(b.buf);
			return NULL;
		}
		if (lr.refs > 0 && lr.blank_optional == lr.refs) {
			b.len = mark;
			if (b.buf)
				b.buf[mark] = '\0';
		} else if (p[n] == '\n') {
			put(&b, "\n", 1);
		}
		p += n + (p[n] == '\n');
	}
	return b.buf;
}

size_t yz_template_keys(const char *tmpl, char ***keys)
{
	size_t n = 0, cap = 0;
	const char *p = tmpl ? tmpl : "";

	*keys = NULL;
	while ((p = strchr(p, '{')) != NULL) {
		yzf_ref ref;
		bool seen = false;
		if (p[1] == '{') {
			p += 2;
			continue;
		}
		yzf_scan_ref(p, &ref);
		p += ref.ok ? ref.len : 1;
		if (!ref.ok)
			continue;
		for (size_t i = 0; i < n && !seen; i++)
			seen = strlen((*keys)[i]) == ref.key_len &&
			       memcmp((*keys)[i], ref.key, ref.key_len) == 0;
		if (seen || !yzf_grow(keys, &cap, n, sizeof **keys))
			continue;
		if (((*keys)[n] = yzf_strndup(ref.key, ref.key_len)) != NULL)
			n++;
	}
	return n;
}
