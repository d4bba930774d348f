/* RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside
 * them, CRLF between records (Excel writes and expects it). */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

static bool grow_fields(csv_record *rec)
{
	size_t cap;
	char **f;

	if (rec->n < rec->cap)
		return true;
	cap = rec->cap ? 2 * rec->cap : 16;
	f = realloc(rec->fields, cap * sizeof *f);
	if (!f)
		return false;
	rec->fields = f;
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

/* The raw length of the record at p: up to the first line break outside a
 * quoted field. Quotes are read as csv_read reads them (and as Excel does): a
 * quote opens a quoted field only at the start of the field, "" inside it is a
 * quote and a lone quote closes it; a quote anywhere else is text. Counting
 * every quote instead made a note such as 5" photo swallow the rows after it
 * up to the next quote in the file. */
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
		} else if (*s == '\n') {
			break;
		}
	}
	return (size_t)(s - p);
}

int csv_read(csv_reader *r, csv_record *rec)
{
	size_t nf, len;
	const char *p = r->p, *end;
	char *out;

	rec->n = 0;
	rec->unterminated = false;
	if (r->p >= r->end)
		return 0;
	len = raw_length(p, r->end, &nf);
	end = p + len;
	if (!reserve(rec, len + nf + 1))
		return -1;
	out = rec->buf;
	while (true) {
		if (!grow_fields(rec))
			return -1;
		rec->fields[rec->n++] = out;
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
		}
		/* Unquoted text, or stray text after a closing quote, to the comma. */
		char *mark = out;
		while (p < end && *p != ',')
			*out++ = *p++;
		if (p == end && out > mark && out[-1] == '\r')
			out--; /* CRLF */
		*out++ = '\0';
		if (p >= end)
			break;
		p++; /* the comma */
	}
	r->p = end < r->end ? end + 1 : r->end;
	return 1;
}

void csv_record_free(csv_record *rec)
{
	free(rec->fields);
	free(rec->buf);
	memset(rec, 0, sizeof *rec);
}

void csv_put(FILE *f, const char *s, bool last)
{
	size_t n = strlen(s);
	bool quote = n && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ');

	if (!quote) {
		fwrite(s, 1, n, f);
	} else {
		fputc('"', f);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	fputs(last ? "\r\n" : ",", f);
}
