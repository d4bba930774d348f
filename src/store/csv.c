/* RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside
 * them, CRLF between records (Excel writes and expects it; LF and the old Mac
 * CR are read too). */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

static bool grow_fields(csv_record *rec)
{
	size_t cap, *l;
	char **f;

	if (rec->n < rec->cap)
		return true;
	cap = rec->cap ? 2 * rec->cap : 16;
	f = realloc(rec->fields, cap * sizeof *f);
	if (!f)
		return false;
	rec->fields = f;
	l = realloc(rec->lens, cap * sizeof *l);
	if (!l)
		return false;
	rec->lens = l;
	rec->cap = cap;
	return true;
}

/* The unquoted bytes of a record never outgrow its raw bytes, so one buffer of
 * the raw size (plus a NUL per field) holds them all. */
static bool reserve(csv_record *rec, size_t need)
{
	char *b;

	if (need <= rec->cap_buf)
		return true;
	b = realloc(rec->buf, need);
	if (!b)
		return false;
	rec->buf = b;
	rec->cap_buf = need;
	return true;
}

/* The length of the line break at s: 2 for CRLF, 1 for LF or CR, 0 at the end. */
static size_t break_length(const char *s, const char *end)
{
	if (s >= end)
		return 0;
	return *s == '\r' && s + 1 < end && s[1] == '\n' ? 2 : 1;
}

/* The raw length of the record at p: up to the first line break outside a
 * quoted field. Quotes are read as csv_read reads them (and as Excel does): a
 * quote opens a quoted field only at the start of the field, "" inside it is a
 * quote and a lone quote closes it; a quote anywhere else is text. Counting
 * every quote instead made a note such as 5" photo swallow the rows after it
 * up to the next quote in the file. *fields receives the commas outside quotes
 * plus one. */
static size_t raw_length(const char *p, const char *end, size_t *fields)
{
	bool quoted = false, field_start = true;
	const char *s = p;

	*fields = 1;
	for (; s < end; s++) {
		bool at_start = field_start;
		field_start = false;
		if (quoted) {
			if (*s == '"' && s + 1 < end && s[1] == '"')
				s++;
			else if (*s == '"')
				quoted = false;
		} else if (*s == '"' && at_start) {
			quoted = true;
		} else if (*s == ',') {
			(*fields)++;
			field_start = true;
		} else if (*s == '\n' || *s == '\r') {
			break;
		}
	}
	return (size_t)(s - p);
}

/* The length of the physical line at p, without its line break. */
static size_t line_length(const char *p, const char *end)
{
	const char *s = p;

	while (s < end && *s != '\n' && *s != '\r')
		s++;
	return (size_t)(s - p);
}

static bool add_field(csv_record *rec, char *start)
{
	if (!grow_fields(rec))
		return false;
	rec->fields[rec->n] = start;
	rec->lens[rec->n] = 0;
	rec->n++;
	return true;
}

/* Close the last field at out (its NUL); returns the byte after it. */
static char *end_field(csv_record *rec, char *out)
{
	rec->lens[rec->n - 1] = (size_t)(out - rec->fields[rec->n - 1]);
	*out = '\0';
	return out + 1;
}

/* The fields of the record text [p, end), read as raw_length reads quotes;
 * sets unterminated and stray. false when out of memory. */
static bool parse(csv_record *rec, const char *p, const char *end)
{
	char *out = rec->buf;

	while (true) {
		if (!add_field(rec, out))
			return false;
		if (p < end && *p == '"') {
			for (p++; p < end; p++) {
				if (*p == '"' && p + 1 < end && p[1] == '"')
					*out++ = *p++;
				else if (*p == '"')
					break;
				else
					*out++ = *p;
			}
			if (p >= end)
				rec->unterminated = true;
			else
				p++; /* the closing quote */
			if (p < end && *p != ',')
				rec->stray = true;
		}
		/* Unquoted text, or stray text after a closing quote, to the comma. */
		while (p < end && *p != ',')
			*out++ = *p++;
		out = end_field(rec, out);
		if (p >= end)
			return true;
		p++; /* the comma */
	}
}

/* Where the quoted field at p (its opening quote) closes well: the index of a
 * closing quote followed by a comma or the end; 0 when it does not. */
static size_t well_quoted(const char *p, const char *end)
{
	for (const char *s = p + 1; s < end; s++) {
		if (*s == '"' && s + 1 < end && s[1] == '"')
			s++;
		else if (*s == '"')
			return s + 1 == end || s[1] == ',' ? (size_t)(s - p) : 0;
	}
	return 0;
}

/* The cells of a malformed line [p, end) as the clerk wrote them: a well-formed
 * quoted cell unquoted, any other cell up to the next comma with its quotes. */
static bool raw_cells(csv_record *rec, const char *p, const char *end)
{
	size_t commas = 0;
	char *out;

	for (const char *s = p; s < end; s++)
		commas += *s == ',';
	if (!reserve(rec, (size_t)(end - p) + commas + 2))
		return false;
	out = rec->buf;
	rec->n = 0;
	while (true) {
		size_t close = p < end && *p == '"' ? well_quoted(p, end) : 0;
		if (!add_field(rec, out))
			return false;
		if (close) {
			for (const char *s = p + 1; s < p + close; s++) {
				*out++ = *s;
				if (*s == '"')
					s++; /* the second quote of "" */
			}
			p += close + 1;
		}
		while (p < end && *p != ',')
			*out++ = *p++;
		out = end_field(rec, out);
		if (p >= end)
			return true;
		p++;
	}
}

/* Whether a record of n fields that spans lines may be what it seems: a quote
 * left open on one line would otherwise swallow the rows after it up to the
 * next quote of the file. */
static bool count_fits(const csv_reader *r, size_t n)
{
	return !r->expect_max || (n >= r->expect_min && n <= r->expect_max);
}

int csv_read(csv_reader *r, csv_record *rec)
{
	size_t nf, len;
	const char *p = r->p;

	rec->n = 0;
	rec->unterminated = rec->stray = false;
	if (r->p >= r->end)
		return 0;
	len = raw_length(p, r->end, &nf);
	if (!reserve(rec, len + nf + 1) || !parse(rec, p, p + len))
		return -1;
	size_t line = line_length(p, p + len);
	if (line < len && (rec->unterminated || rec->stray || !count_fits(r, rec->n))) {
		/* The quote opened on this line is not closed on it: this line alone
		 * is the (malformed) record. */
		len = line;
		rec->unterminated = true;
		rec->stray = false;
	}
	if ((rec->unterminated || rec->stray) && !raw_cells(rec, p, p + len))
		return -1;
	r->p = p + len + break_length(p + len, r->end);
	return 1;
}

void csv_record_free(csv_record *rec)
{
	free(rec->fields);
	free(rec->lens);
	free(rec->buf);
	memset(rec, 0, sizeof *rec);
}

void csv_put_prefixed(FILE *f, const char *prefix, const char *s, bool last)
{
	size_t n = strlen(s);
	bool quote = n && (strpbrk(s, ",\"\r\n") || (!prefix[0] && s[0] == ' ') || s[n - 1] == ' ');

	if (quote)
		fputc('"', f);
	fputs(prefix, f);
	if (!quote) {
		fwrite(s, 1, n, f);
	} else {
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	fputs(last ? "\r\n" : ",", f);
}

void csv_put(FILE *f, const char *s, bool last)
{
	csv_put_prefixed(f, "", s, last);
}
