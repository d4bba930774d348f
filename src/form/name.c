/* Validation of personal names. A name in the registry is written as on the
 * ID card: Chinese characters of any CJK block (rare ones in Ext-B and beyond
 * are common in names), the middle dot U+00B7 between the parts of minority and
 * foreign names (e.g. "A·B"), or Latin letters for foreigners. Digits never. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"

#define YZF_NAME_CHARS 30 /* longest name, in characters */
#define MIDDLE_DOT     0xB7

static bool is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || /* Ext-A */
	       (c >= 0x4E00 && c <= 0x9FFF) || /* the URO */
	       (c >= 0xF900 && c <= 0xFAFF) || /* compatibility ideographs */
	       (c >= 0x20000 &&
	        c <= 0x3FFFF) || /* Ext-B … Ext-H and the compatibility supplement */
	       c == 0x3007;      /* the ideographic zero, used in names */
}

static bool is_latin(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static bool is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Dots people type instead of U+00B7: full stop, bullet, katakana middle dot,
 * hyphenation point, full-width and half-width forms, bullet operator. */
static bool is_wrong_dot(uint32_t c)
{
	return c == '.' || c == 0x2022 || c == 0x30FB || c == 0x2027 || c == 0xFF0E ||
	       c == 0xFF65 || c == 0x2219 || c == 0x22C5;
}

/* Decode v into cps (at most max); returns the count, or max + 1 when longer. */
static size_t decode_all(const char *v, uint32_t *cps, size_t max)
{
	size_t len = strlen(v), n = 0;

	for (size_t i = 0; i < len && n <= max;) {
		size_t k = yz_utf8_decode(v + i, len - i, &cps[n < max ? n : max]);
		i += k ? k : 1;
		n++;
	}
	return n;
}

/* Dots and spaces must stand between two parts of a name. */
static bool separator_ok(const uint32_t *cps, size_t n, size_t i)
{
	bool sep_before = i == 0 || cps[i - 1] == ' ' || cps[i - 1] == MIDDLE_DOT;
	bool sep_after = i + 1 == n || cps[i + 1] == ' ' || cps[i + 1] == MIDDLE_DOT;

	if (sep_before || sep_after)
		return false;
	/* A space only between words of a name in Latin letters. */
	return cps[i] != ' ' || (is_latin(cps[i - 1]) && is_latin(cps[i + 1]));
}

static bool fail(yz_err *err, const char *fmt, const char *label)
{
	yz_err_set(err, fmt, label);
	return false;
}

bool yzf_validate_name(const yz_field_def *f, const char *v, yz_err *err)
{
	uint32_t cps[YZF_NAME_CHARS + 1];
	size_t n = decode_all(v, cps, YZF_NAME_CHARS);

	if (n > YZF_NAME_CHARS)
		return fail(err, _("%s: a name has at most 30 characters"), f->label);
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i];
		if (is_digit(c))
			return fail(err, _("%s: a name has no digits"), f->label);
		if (is_wrong_dot(c))
			return fail(err,
			            _("%s: write the dot in a name as the middle dot \xc2\xb7"),
			            f->label);
		if ((c == MIDDLE_DOT || c == ' ') && !separator_ok(cps, n, i))
			return fail(err,
			            c == ' '
			                ? _("%s: a space may only stand between two words of a "
			                    "foreign name")
			                : _("%s: the middle dot \xc2\xb7 stands between two parts "
			                    "of the name"),
			            f->label);
		if (!is_han(c) && !is_latin(c) && c != MIDDLE_DOT && c != ' ')
			return fail(err,
			            _("%s: a name may only contain Chinese characters, letters and "
			              "the middle dot \xc2\xb7"),
			            f->label);
	}
	if (f->width > 0 && yz_text_width(v) > f->width) {
		yz_err_set(err, _("%s: too long; at most %d columns (a Chinese character takes 2)"),
		           f->label, f->width);
		return false;
	}
	return true;
}

/* ---- issue 12: Chinese characters unless marked ------------------------------ */

/* Whether v holds only Chinese characters and middle dots. */
static bool chinese_only(const char *v)
{
	size_t len = strlen(v);

	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = yz_utf8_decode(v + i, len - i, &c);
		if (k == 0 || (!is_han(c) && c != MIDDLE_DOT))
			return false;
		i += k;
	}
	return true;
}

/* The name in cell key of v: Chinese, empty, or marked as another script. */
static bool name_cell_ok(const yz_field_def *d, const yz_values *v, const char *key, yz_err *err)
{
	const char *val = yz_values_get(v, key);
	char mark[256];

	if (!val || !*val || chinese_only(val))
		return true;
	snprintf(mark, sizeof mark, "%s%s", key, YZ_NAME_MARK_SUFFIX);
	val = yz_values_get(v, mark);
	if (val && strcmp(val, YZ_NAME_MARK_OTHER) == 0)
		return true;
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("%s: \"%s\" is not written in Chinese characters. For a foreign or "
	              "minority-script name, press F2 on the field to mark it, then submit again."),
	            d->label, yz_values_get(v, key));
	return false;
}

bool yz_form_check_names(const yz_form *f, const yz_values *v, yz_form_error *where, yz_err *err)
{
	char key[256];

	for (size_t i = 0; i < f->n_fields; i++) {
		const yz_field_def *d = &f->fields[i];
		yz_form_error at = {.field = (long)i, .row = 0, .col = -1, .rule = -1};
		if (d->type == YZ_FIELD_NAME && !name_cell_ok(d, v, d->id, err)) {
			if (where)
				*where = at;
			return false;
		}
		if (d->type != YZ_FIELD_TABLE)
			continue;
		for (int r = 1; r <= yz_table_rows(v, d->id); r++)
			for (size_t c = 0; c < d->n_columns; c++) {
				if (d->columns[c].type != YZ_FIELD_NAME)
					continue;
				snprintf(key, sizeof key, "%s.%d.%s", d->id, r, d->columns[c].id);
				if (name_cell_ok(&d->columns[c], v, key, err))
					continue;
				at.row = r;
				at.col = (long)c;
				if (where)
					*where = at;
				return false;
			}
	}
	return true;
}

const yz_field_def *yz_form_name_mark(const yz_form *f, const char *key)
{
	size_t len = strlen(key), sl = strlen(YZ_NAME_MARK_SUFFIX);
	const yz_field_def *d, *table, *col;
	char cell[256];
	long row;

	if (!f || len <= sl || len - sl >= sizeof cell ||
	    strcmp(key + len - sl, YZ_NAME_MARK_SUFFIX) != 0)
		return NULL;
	memcpy(cell, key, len - sl);
	cell[len - sl] = '\0';
	if ((d = yz_form_field(f, cell)) != NULL)
		return d->type == YZ_FIELD_NAME ? d : NULL;
	if (yz_table_key(f, cell, &table, &row, &col) && row > 0 && col &&
	    col->type == YZ_FIELD_NAME)
		return col;
	return NULL;
}
