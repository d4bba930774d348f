/* Sample documents and helpers for the print tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print-test.h"

yz_doc *t_receipt_doc(const char *name)
{
	/* U+53D7 U+7406 U+56DE U+6267: acceptance receipt */
	yz_doc *d = yz_doc_new("\u53d7\u7406\u56de\u6267 " T_CASE_NO);
	/* station: U+4E1C U+98CE U+793E U+533A U+670D U+52A1 U+7AD9 */
	yz_doc_text(d, "\u4e1c\u98ce\u793e\u533a\u670d\u52a1\u7ad9",
	            YZ_STYLE_CENTER | YZ_STYLE_BOLD | YZ_STYLE_DOUBLE);
	yz_doc_text(d, "\u53d7\u7406\u56de\u6267", YZ_STYLE_CENTER | YZ_STYLE_BOLD);
	yz_doc_rule(d);
	yz_doc_kv(d, "\u53d7\u7406\u7f16\u53f7", T_CASE_NO);            /* case number */
	yz_doc_kv(d, "\u4e8b\u9879", T_ITEM);                           /* item */
	yz_doc_kv(d, "\u7533\u8bf7\u4eba", name);                       /* applicant */
	yz_doc_kv(d, "\u8eab\u4efd\u8bc1\u53f7", "110101********1234"); /* ID */
	yz_doc_kv(d, "\u53d7\u7406\u65e5\u671f", "2025-03-04");         /* date */
	yz_doc_kv(d, "\u7ecf\u529e\u4eba", "\u674e\u56db");             /* clerk */
	yz_doc_rule(d);
	yz_doc_qr(d, T_CASE_NO " 7QK2M9");
	/* keep this receipt: U+8BF7 U+59A5 U+5584 U+4FDD U+7BA1 U+672C U+56DE U+6267 */
	yz_doc_text(d, "\u8bf7\u59a5\u5584\u4fdd\u7ba1\u672c\u56de\u6267", YZ_STYLE_CENTER);
	return d;
}

yz_doc *t_certificate_doc(const char *name)
{
	yz_doc *d = yz_doc_new(T_ITEM " " T_CASE_NO);
	yz_doc_set_created(d, T_CREATED);
	/* the station's header */
	yz_doc_text(d, "\u4e1c\u98ce\u793e\u533a\u670d\u52a1\u7ad9",
	            YZ_STYLE_CENTER | YZ_STYLE_BOLD);
	yz_doc_rule(d);
	yz_doc_space(d, 1);
	yz_doc_text(d, T_ITEM, YZ_STYLE_CENTER | YZ_STYLE_DOUBLE);
	yz_doc_space(d, 1);
	char body[1024];
	/* "<name>, ID ..., has lived at ... since 2010. This is to certify." */
	snprintf(body, sizeof body,
	         "%s\uff0c\u8eab\u4efd\u8bc1\u53f7\u7801 110101********1234\uff0c"
	         "\u81ea 2010 \u5e74\u8d77\u5c45\u4f4f\u5728\u672c\u793e\u533a"
	         "\u5e78\u798f\u8def 12 \u53f7 3 \u5ba4\u3002\u7279\u6b64\u8bc1"
	         "\u660e\u3002\u672c\u8bc1\u660e\u4ec5\u7528\u4e8e\u5b50\u5973"
	         "\u5165\u5b66\u62a5\u540d\uff0c\u6709\u6548\u671f\u4e09\u5341"
	         "\u5929\u3002",
	         name);
	yz_doc_text(d, body, YZ_STYLE_INDENT);
	yz_doc_space(d, 1);
	yz_doc_kv(d, "\u7f16\u53f7", T_CASE_NO);
	yz_doc_code(d, "\u9a8c\u8bc1\u7801", "7QK2M9");
	yz_doc_space(d, 2);
	/* caption: station name, newline, date */
	yz_doc_seal_box(d, "\u4e1c\u98ce\u793e\u533a\u670d\u52a1\u7ad9\n2025-03-04");
	yz_doc_qr(d, T_CASE_NO " 7QK2M9");
	return d;
}

yz_doc *t_acceptance_doc(const char *name)
{
	yz_doc *d = yz_doc_new("\u53d7\u7406\u56de\u6267 " T_CASE_NO);
	yz_doc_set_created(d, T_CREATED);
	yz_doc_text(d, "\u4e1c\u98ce\u793e\u533a\u670d\u52a1\u7ad9",
	            YZ_STYLE_CENTER | YZ_STYLE_BOLD);
	yz_doc_text(d, "\u53d7\u7406\u56de\u6267",
	            YZ_STYLE_CENTER | YZ_STYLE_BOLD | YZ_STYLE_DOUBLE);
	yz_doc_rule(d);
	yz_doc_kv(d, "\u53d7\u7406\u7f16\u53f7", T_CASE_NO);            /* case number */
	yz_doc_kv(d, "\u4e8b\u9879", T_ITEM);                           /* item */
	yz_doc_kv(d, "\u7533\u8bf7\u4eba", name);                       /* applicant */
	yz_doc_kv(d, "\u8eab\u4efd\u8bc1\u53f7", "110101********1234"); /* ID, 6+4 */
	/* materials received: ID copy, household register copy, tenancy contract */
	yz_doc_kv(d, "\u5df2\u6536\u6750\u6599",
	          "\u8eab\u4efd\u8bc1\u590d\u5370\u4ef6\u3001\u6237\u53e3\u7c3f\u590d"
	          "\u5370\u4ef6\u3001\u79df\u623f\u5408\u540c");
	yz_doc_kv(d, "\u627f\u8bfa\u529e\u7ed3", "2025-03-11");    /* promised by */
	yz_doc_kv(d, "\u7ecf\u529e\u4eba", "\u674e\u56db");        /* clerk */
	yz_doc_kv(d, "\u8054\u7cfb\u7535\u8bdd", "021-5555 0101"); /* phone */
	yz_doc_kv(d, "\u7a97\u53e3", "3\u53f7\u7a97\u53e3");       /* window */
	yz_doc_rule(d);
	yz_doc_code(d, "\u9a8c\u8bc1\u7801", "7QK2M9"); /* verification code */
	yz_doc_qr(d, T_CASE_NO " 7QK2M9");
	/* keep this receipt to ask about and collect the result */
	yz_doc_small(d,
	             "\u8bf7\u59a5\u5584\u4fdd\u7ba1\u672c\u56de\u6267\uff0c\u51ed\u56de"
	             "\u6267\u67e5\u8be2\u548c\u9886\u53d6\u529e\u7406\u7ed3\u679c\u3002",
	             YZ_STYLE_CENTER);
	return d;
}

yz_doc *t_household_doc(void)
{
	yz_doc *d = yz_doc_new("\u4e00\u6237\u4e00\u8868");
	yz_doc_set_created(d, T_CREATED);
	yz_doc_text(d, "\u4e00\u6237\u4e00\u8868", YZ_STYLE_CENTER | YZ_STYLE_DOUBLE);
	yz_doc_kv(d, "\u6237\u4e3b", T_NAME); /* head of household */
	/* name, relation to head, sex, date of birth, remark */
	const char *head[] = {"\u59d3\u540d", "\u4e0e\u6237\u4e3b\u5173\u7cfb", "\u6027\u522b",
	                      "\u51fa\u751f\u65e5\u671f", "\u5907\u6ce8"};
	yz_doc_table(d, 5, head, NULL, "lccll");
	yz_doc_table_row(d, (const char *[]){T_NAME, "\u672c\u4eba", "\u7537", "1970-05-01", NULL});
	yz_doc_table_row(
	    d, (const char *[]){"\u674e\u6885", "\u59bb\u5b50", "\u5973", "1972-08-15", ""});
	yz_doc_table_row(d, (const char *[]){T_RARE_NAME, "\u513f\u5b50", "\u7537", "1998-11-30",
	                                     "\u957f\u671f\u5916\u51fa\u52a1\u5de5 "
	                                     "\u957f\u671f\u5916\u51fa\u52a1\u5de5"});
	/* the household head confirms this sheet */
	yz_doc_small(d, "\u672c\u8868\u4fe1\u606f\u7531\u6237\u4e3b\u786e\u8ba4\u3002", 0);
	yz_doc_signature(d, "\u6237\u4e3b\uff08\u7b7e\u5b57\uff09", "\u65e5\u671f");
	return d;
}

yz_doc *t_ledger_doc(int rows)
{
	yz_doc *d = yz_doc_new("\u53f0\u8d26");
	yz_doc_set_created(d, T_CREATED);
	yz_doc_text(d, "\u53f0\u8d26", YZ_STYLE_CENTER | YZ_STYLE_DOUBLE);
	const char *head[] = {"No.", "\u53d7\u7406\u7f16\u53f7", "\u7533\u8bf7\u4eba",
	                      "\u4e8b\u9879", "\u5c45\u6c11\u7b7e\u5b57"};
	yz_doc_table(d, 5, head, (const int[]){1, 4, 2, 3, 2}, "rllll");
	for (int i = 1; i <= rows; i++) {
		char no[16], cno[32];
		snprintf(no, sizeof no, "%d", i);
		snprintf(cno, sizeof cno, "310101001-2025-%06d", i);
		yz_doc_table_row(d, (const char *[]){no, cno, T_NAME, T_ITEM, ""});
	}
	return d;
}

long t_find(const unsigned char *hay, size_t n, const void *needle, size_t m)
{
	if (m == 0 || m > n)
		return -1;
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return (long)i;
	return -1;
}

int t_count(const unsigned char *hay, size_t n, const void *needle, size_t m)
{
	int c = 0;
	for (size_t i = 0; m && i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			c++;
	return c;
}

char *t_run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 4096, n = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	size_t got;
	while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n < 2) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
	}
	out[n] = '\0';
	int status = pclose(p);
	if (status != 0)
		fail_msg("command failed (%d): %s\n%s", status, cmd, out);
	return out;
}

char *t_render_pdf(const yz_doc *d, yz_paper paper, const char *dir, const char *name)
{
	unsigned char *pdf;
	size_t n;
	yz_err err = {{0}};
	if (yz_pdf_render(NULL, d, paper, &pdf, &n, &err) != 0)
		fail_msg("yz_pdf_render: %s", err.msg);
	assert_memory_equal(pdf, "%PDF-", 5);
	char *path = yz_strdup_printf("%s/%s", dir, name);
	assert_int_equal(t_write(path, pdf, n), 0);
	free(pdf);
	return path;
}

int t_pdf_pages(const char *path)
{
	char *info = t_run("pdfinfo '%s'", path);
	char *p = strstr(info, "Pages:");
	assert_non_null(p);
	int pages = atoi(p + 6);
	free(info);
	return pages;
}

/* The number in attribute name of an XML tag. */
static double attr(const char *tag, const char *name)
{
	char key[32];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *p = strstr(tag, key);
	assert_non_null(p);
	return atof(p + strlen(key));
}

t_bline *t_text_lines(const char *path, size_t *n)
{
	char *xml = t_run("pdftotext -enc UTF-8 -bbox-layout '%s' -", path);
	size_t cap = 64;
	t_bline *v = calloc(cap, sizeof *v);
	int page = 0;
	*n = 0;
	for (char *p = xml; (p = strchr(p, '<'));) {
		if (!strncmp(p, "<page ", 6)) {
			page++;
		} else if (!strncmp(p, "<line ", 6)) {
			if (*n == cap)
				v = realloc(v, (cap *= 2) * sizeof *v);
			t_bline *l = &v[(*n)++];
			memset(l, 0, sizeof *l);
			l->page = page;
			l->x0 = attr(p, "xMin");
			l->y0 = attr(p, "yMin");
			l->x1 = attr(p, "xMax");
			l->y1 = attr(p, "yMax");
		} else if (!strncmp(p, "<word ", 6) && *n > 0) {
			char *s = strchr(p, '>') + 1, *e = strstr(s, "</word>");
			t_bline *l = &v[*n - 1];
			size_t have = strlen(l->text), len = (size_t)(e - s);
			if (have + len < sizeof l->text)
				memcpy(l->text + have, s, len);
		}
		p++;
	}
	free(xml);
	return v;
}

char *t_page_text(const char *path, int p)
{
	return t_run("pdftotext -enc UTF-8 -f %d -l %d '%s' -", p, p, path);
}

bool t_seal_rect(const char *path, int page, double *x0, double *y0, double *x1, double *y1)
{
	char *svg = t_run("pdftocairo -svg -f %d -l %d '%s' -", page, page, path);
	bool found = false;
	for (char *p = svg; !found && (p = strstr(p, "<path ")); p++) {
		char *end = strstr(p, "/>");
		char *dash = strstr(p, "stroke-dasharray");
		if (!dash || dash > end)
			continue;
		double px[4], py[4], m[6] = {1, 0, 0, 1, 0, 0};
		char *d = strstr(p, " d=\"");
		if (sscanf(d, " d=\"M %lf %lf L %lf %lf L %lf %lf L %lf %lf", &px[0], &py[0],
		           &px[1], &py[1], &px[2], &py[2], &px[3], &py[3]) != 8)
			continue;
		char *t = strstr(p, "transform=\"matrix(");
		if (t && t < end)
			sscanf(t, "transform=\"matrix(%lf,%lf,%lf,%lf,%lf,%lf", &m[0], &m[1], &m[2],
			       &m[3], &m[4], &m[5]);
		*x0 = *y0 = 1e9;
		*x1 = *y1 = -1e9;
		for (int i = 0; i < 4; i++) {
			double x = m[0] * px[i] + m[2] * py[i] + m[4];
			double y = m[1] * px[i] + m[3] * py[i] + m[5];
			*x0 = x < *x0 ? x : *x0;
			*x1 = x > *x1 ? x : *x1;
			*y0 = y < *y0 ? y : *y0;
			*y1 = y > *y1 ? y : *y1;
		}
		found = true;
	}
	free(svg);
	return found;
}

bool t_overlaps(const t_bline *l, double x0, double y0, double x1, double y1)
{
	return l->x0 < x1 && x0 < l->x1 && l->y0 < y1 && y0 < l->y1;
}

int t_write(const char *path, const unsigned char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, len, f);
	return fclose(f) == 0 && w == len ? 0 : -1;
}

unsigned char *t_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0, got;
	unsigned char *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			unsigned char *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}
