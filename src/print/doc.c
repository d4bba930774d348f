/* The document model: a title and a list of blocks. Builders copy and
 * sanitize their text, so a name typed with a stray escape character can never
 * become a printer command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "print-int.h"

static void table_free(yz_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_cols; i++)
		free(t->header ? t->header[i] : NULL);
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i]);
	free(t->header);
	free(t->weight);
	free(t->align);
	free(t->cells);
	free(t->continued);
	free(t);
}

/* U+FF1A FULLWIDTH COLON on a Chinese paper; an English one reads "Case
 * number: ..." */
const char *yz_paper_sep(void)
{
	return strcmp(yz_paper_lang(), "en") == 0 ? ": " : "\xef\xbc\x9a";
}

yz_doc *yz_doc_new(const char *title)
{
	yz_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->title = yz_text_sanitize(title ? title : "", false);
	if (!d->title) {
		free(d);
		return NULL;
	}
	/* the module that renders the PDF keeps its own copy of the text
	 * module, so the document carries the separator with it */
	snprintf(d->kv_sep, sizeof d->kv_sep, "%s", yz_paper_sep());
	return d;
}

const char *yz_doc_sep(const yz_doc *d)
{
	return d && d->kv_sep[0] ? d->kv_sep : "\xef\xbc\x9a";
}

void yz_doc_free(yz_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_blocks; i++) {
		free(d->blocks[i].text);
		free(d->blocks[i].value);
		table_free(d->blocks[i].table);
	}
	free(d->blocks);
	free(d->title);
	free(d);
}

/* Append a block; text and value are copied (sanitized, newlines kept).
 * Returns the block, or NULL (d->oom set) when memory ran out. */
static yz_block *doc_add(yz_doc *d, yz_block_kind kind, unsigned style, const char *text,
                         const char *value, int n)
{
	if (!d || d->oom)
		return NULL;
	if (d->n_blocks == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		yz_block *b = realloc(d->blocks, cap * sizeof *b);
		if (!b) {
			d->oom = true;
			return NULL;
		}
		d->blocks = b;
		d->cap = cap;
	}
	yz_block *b = &d->blocks[d->n_blocks];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->style = style;
	b->n = n;
	b->text = text ? yz_text_sanitize(text, true) : NULL;
	b->value = value ? yz_text_sanitize(value, true) : NULL;
	if ((text && !b->text) || (value && !b->value)) {
		free(b->text);
		free(b->value);
		d->oom = true;
		return NULL;
	}
	d->n_blocks++;
	return b;
}

void yz_doc_text(yz_doc *d, const char *text, unsigned style)
{
	doc_add(d, YZ_BLOCK_TEXT, style, text ? text : "", NULL, 0);
}

void yz_doc_kv(yz_doc *d, const char *key, const char *value)
{
	doc_add(d, YZ_BLOCK_KV, 0, key ? key : "", value ? value : "", 0);
}

void yz_doc_rule(yz_doc *d)
{
	doc_add(d, YZ_BLOCK_RULE, 0, NULL, NULL, 0);
}

void yz_doc_qr(yz_doc *d, const char *data)
{
	doc_add(d, YZ_BLOCK_QR, YZ_STYLE_CENTER, data ? data : "", NULL, 0);
}

void yz_doc_space(yz_doc *d, int lines)
{
	doc_add(d, YZ_BLOCK_SPACE, 0, NULL, NULL, lines > 0 ? lines : 0);
}

void yz_doc_seal_box(yz_doc *d, const char *caption)
{
	doc_add(d, YZ_BLOCK_SEAL_BOX, YZ_STYLE_RIGHT, caption ? caption : "", NULL, 0);
}

void yz_doc_seal(yz_doc *d, const char *issuer, const char *date, const char *label)
{
	char *caption = yz_strdup_printf("%s\n%s", issuer ? issuer : "", date ? date : "");
	if (!caption) {
		if (d)
			d->oom = true;
		return;
	}
	doc_add(d, YZ_BLOCK_SEAL_BOX, YZ_STYLE_RIGHT, caption, label, 0);
	free(caption);
}

void yz_doc_keep_together(yz_doc *d, size_t from)
{
	if (!d)
		return;
	for (size_t i = from; i + 1 < d->n_blocks; i++)
		d->blocks[i].style |= YZ_STYLE_KEEP;
}

void yz_doc_small(yz_doc *d, const char *text, unsigned style)
{
	doc_add(d, YZ_BLOCK_TEXT, style | YZ_STYLE_SMALL, text ? text : "", NULL, 0);
}

void yz_doc_code(yz_doc *d, const char *key, const char *code)
{
	doc_add(d, YZ_BLOCK_CODE, YZ_STYLE_BOLD, key ? key : "", code ? code : "", 0);
}

void yz_doc_signature(yz_doc *d, const char *label, const char *label2)
{
	doc_add(d, YZ_BLOCK_SIGNATURE, 0, label ? label : "", label2, 0);
}

void yz_doc_bar(yz_doc *d, const char *label, int permille, const char *value)
{
	int n = permille < 0 ? 0 : permille > 1000 ? 1000 : permille;
	doc_add(d, YZ_BLOCK_BAR, 0, label ? label : "", value ? value : "", n);
}

void yz_doc_page_head(yz_doc *d, const char *text)
{
	doc_add(d, YZ_BLOCK_PAGE, YZ_STYLE_RIGHT, text, NULL, 0);
}

void yz_doc_set_created(yz_doc *d, time_t when)
{
	if (d)
		d->created = when;
}

void yz_doc_page_numbers(yz_doc *d)
{
	if (!d)
		return;
	/* TRANSLATORS: the foot of each page of a long paper (a ledger): the
	   page's number, then the number of pages; keep the two %d in that order */
	snprintf(d->page_fmt, sizeof d->page_fmt, "%s", P_("Page %d of %d"));
	d->page_numbers = true;
}

/* A sanitized copy of each of n strings (NULL = ""); false on ENOMEM. */
static bool copy_cells(char **dst, const char *const *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dst[i] = yz_text_sanitize(src && src[i] ? src[i] : "", true);
		if (!dst[i])
			return false;
	}
	return true;
}

static yz_table *table_new(size_t n_cols, const char *const *header, const int *weight,
                           const char *align)
{
	yz_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->n_cols = n_cols;
	t->header = calloc(n_cols, sizeof *t->header);
	t->weight = calloc(n_cols, sizeof *t->weight);
	t->align = calloc(n_cols, sizeof *t->align);
	if (!t->header || !t->weight || !t->align || !copy_cells(t->header, header, n_cols)) {
		table_free(t);
		return NULL;
	}
	bool more = align != NULL; /* align may be shorter than n_cols */
	for (size_t i = 0; i < n_cols; i++) {
		t->weight[i] = weight && weight[i] > 0 ? weight[i] : 0;
		char a = more ? align[i] : 'l';
		more = more && a;
		t->align[i] = a == 'r'   ? YZ_ALIGN_RIGHT
		              : a == 'c' ? YZ_ALIGN_CENTER
		                         : YZ_ALIGN_LEFT;
	}
	return t;
}

void yz_doc_table(yz_doc *d, size_t n_cols, const char *const *header, const int *weight,
                  const char *align)
{
	if (n_cols == 0)
		n_cols = 1;
	yz_block *b = doc_add(d, YZ_BLOCK_TABLE, 0, NULL, NULL, 0);
	if (!b)
		return;
	b->table = table_new(n_cols, header, weight, align);
	if (!b->table) {
		d->oom = true;
		d->n_blocks--;
	}
}

void yz_doc_table_continued(yz_doc *d, const char *line)
{
	if (!d || d->oom || d->n_blocks == 0 || !d->blocks[d->n_blocks - 1].table || !line)
		return;
	yz_table *t = d->blocks[d->n_blocks - 1].table;
	free(t->continued);
	t->continued = yz_strdup_printf("%s", line);
	if (!t->continued)
		d->oom = true;
}

void yz_doc_table_row(yz_doc *d, const char *const *cells)
{
	if (!d || d->oom || d->n_blocks == 0 || !d->blocks[d->n_blocks - 1].table)
		return;
	yz_table *t = d->blocks[d->n_blocks - 1].table;
	if (t->n_rows == t->cap_rows) {
		size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
		char **c = realloc(t->cells, cap * t->n_cols * sizeof *c);
		if (!c) {
			d->oom = true;
			return;
		}
		t->cells = c;
		t->cap_rows = cap;
	}
	char **row = t->cells + t->n_rows * t->n_cols;
	memset(row, 0, t->n_cols * sizeof *row);
	t->n_rows++; /* counted before copying: table_free frees what was copied */
	if (!copy_cells(row, cells, t->n_cols))
		d->oom = true;
}

/* ---- text preview -------------------------------------------------------------- */

/* Padding that puts a line of width w where its style wants it. */
static int align_pad(unsigned style, int w, int columns)
{
	if (w >= columns)
		return 0;
	if (style & YZ_STYLE_CENTER)
		return (columns - w) / 2;
	if (style & YZ_STYLE_RIGHT)
		return columns - w;
	return 0;
}

char *yz_doc_layout_text(const yz_doc *d, int columns)
{
	if (!d || d->oom)
		return NULL;
	if (columns < 8)
		columns = 8;
	yz_rlines lines = {0};
	if (!yz_receipt_lines(d, columns, &lines))
		return NULL;
	yz_buf out = {0};
	for (size_t i = 0; i < lines.n; i++) {
		const yz_rline *l = &lines.v[i];
		if (l->qr) {
			yz_buf_str(&out, "[QR: ");
			yz_buf_str(&out, l->text);
			yz_buf_str(&out, "]\n");
			continue;
		}
		if (l->page) {
			yz_buf_str(&out, "\f\n");
			continue;
		}
		yz_buf_spaces(&out, align_pad(l->style, yz_text_width(l->text), columns));
		yz_buf_str(&out, l->text);
		yz_buf_byte(&out, '\n');
	}
	yz_rlines_free(&lines);
	if (out.oom) {
		yz_buf_free(&out);
		return NULL;
	}
	size_t len;
	return (char *)yz_buf_take(&out, &len);
}

/* ---- byte buffer -------------------------------------------------------------- */

static bool buf_reserve(yz_buf *b, size_t more)
{
	if (b->oom)
		return false;
	if (b->n + more + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + more + 1)
		cap *= 2;
	unsigned char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void yz_buf_add(yz_buf *b, const void *data, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	memcpy(b->p + b->n, data, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void yz_buf_byte(yz_buf *b, unsigned char c)
{
	yz_buf_add(b, &c, 1);
}

void yz_buf_str(yz_buf *b, const char *s)
{
	yz_buf_add(b, s, strlen(s));
}

void yz_buf_spaces(yz_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		yz_buf_byte(b, ' ');
}

unsigned char *yz_buf_take(yz_buf *b, size_t *len)
{
	if (!buf_reserve(b, 0)) {
		yz_buf_free(b);
		return NULL;
	}
	b->p[b->n] = '\0';
	unsigned char *p = b->p;
	*len = b->n;
	memset(b, 0, sizeof *b);
	return p;
}

void yz_buf_free(yz_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}
