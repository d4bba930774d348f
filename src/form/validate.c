/* Field validation: one rule per field type, each with a message for the clerk
 * that names the field. Values are checked as typed; nothing is normalised
 * (the editor strips control characters and trims before it stores a value). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../intl.h"
#include "form_internal.h"

#define YZF_TEXT_WIDTH    60 /* default maximum display width of a text */
#define YZF_ADDRESS_WIDTH 80 /* default maximum display width of an address */

/* True when s holds only blanks (ASCII or the ideographic space U+3000). */
static bool is_blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return false;
	}
	return true;
}

/* UTF-8 and control characters; '\n' only when newlines is true. */
static bool clean_text(const yz_field_def *f, const char *v, bool newlines, yz_err *err)
{
	size_t len = strlen(v);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(v + i, len - i, &cp);
		if (k == 0) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s: the text holds bytes that are not UTF-8; type it again"),
			            f->label);
			return false;
		}
		if (cp == '\n' && !newlines) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s: write it on one line"), f->label);
			return false;
		}
		if (cp != '\n' && (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s: remove the control characters"),
			            f->label);
			return false;
		}
		i += k;
	}
	return true;
}

static bool check_width(const yz_field_def *f, const char *v, int max, yz_err *err)
{
	if (yz_text_width(v) <= max)
		return true;
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("%s: too long; at most %d columns (a Chinese character takes 2)"), f->label,
	            max);
	return false;
}

static bool validate_text(const yz_field_def *f, const char *v, yz_err *err)
{
	return clean_text(f, v, false, err) &&
	       check_width(f, v, f->width > 0 ? f->width : YZF_TEXT_WIDTH, err);
}

/* A memo wraps in its box: it is held to its number of characters, never to
 * a width ('\n' counts one, as the editor counts it). */
static bool validate_memo(const yz_field_def *f, const char *v, yz_err *err)
{
	size_t max = f->max_chars > 0 ? (size_t)f->max_chars : YZ_MEMO_MAX_CHARS, n = 0;

	if (!clean_text(f, v, true, err))
		return false;
	for (const char *p = v; *p; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	if (n <= max)
		return true;
	yz_err_setc(err, YZ_ERR_INVALID, _("%s: too long; at most %zu characters (it has %zu)"),
	            f->label, max, n);
	return false;
}

static bool validate_idcard(const yz_field_def *f, const char *v, yz_date today, yz_err *err)
{
	yz_id_status st = yz_idcard_check(v, today, NULL);

	if (st == YZ_ID_OK)
		return true;
	yz_err_setc(err, YZ_ERR_INVALID, _("%s: %s"), f->label, yz_idcard_message(st));
	return false;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Mobile: 1[3-9] + 9 digits. Landline: 0 + 2-3 digit area code, an optional
 * '-', 7-8 digits (010-12345678, 0571-8765432, 02112345678). */
static bool phone_ok(const char *v)
{
	size_t n = strlen(v);
	const char *dash = strchr(v, '-');

	if (n == 11 && v[0] == '1' && v[1] >= '3' && v[1] <= '9' && digits(v, n))
		return true;
	if (v[0] != '0')
		return false;
	if (dash != NULL) {
		size_t area = (size_t)(dash - v), local = n - area - 1;
		return area >= 3 && area <= 4 && local >= 7 && local <= 8 && digits(v, area) &&
		       digits(dash + 1, local);
	}
	return n >= 10 && n <= 12 && digits(v, n);
}

static bool validate_phone(const yz_field_def *f, const char *v, yz_err *err)
{
	if (phone_ok(v))
		return true;
	yz_err_setc(
	    err, YZ_ERR_INVALID,
	    _("%s: write a mobile number (11 digits starting with 1) or a landline with its "
	      "area code, such as 010-12345678"),
	    f->label);
	return false;
}

static bool validate_date(const yz_field_def *f, const char *v, yz_date today, yz_err *err)
{
	yz_date d;
	char buf[11];

	if (!yz_date_parse(v, &d)) {
		yz_err_setc(
		    err, YZ_ERR_INVALID,
		    _("%s: not a real date; write it as YYYY-MM-DD, for example 2024-03-01"),
		    f->label);
		return false;
	}
	if (f->not_future && yz_date_cmp(d, today) > 0) {
		yz_date_format(today, buf);
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: the date is in the future (today is %s)"),
		            f->label, buf);
		return false;
	}
	return true;
}

static bool validate_choice(const yz_field_def *f, const char *v, yz_err *err)
{
	for (size_t i = 0; i < f->n_options; i++)
		if (strcmp(f->options[i], v) == 0)
			return true;
	yz_err_setc(err, YZ_ERR_INVALID, _("%s: choose one of the listed options"), f->label);
	return false;
}

static bool validate_yesno(const yz_field_def *f, const char *v, yz_err *err)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
		return true;
	yz_err_setc(err, YZ_ERR_INVALID, _("%s: answer yes or no"), f->label);
	return false;
}

bool yz_field_validate(const yz_field_def *f, const char *value, yz_date today, yz_err *err)
{
	if (value == NULL || is_blank(value)) {
		if (!f->required)
			return true;
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: this is required; please fill it in"),
		            f->label);
		return false;
	}
	switch (f->type) {
	case YZ_FIELD_TEXT:
		return validate_text(f, value, err);
	case YZ_FIELD_NAME:
		return clean_text(f, value, false, err) && yzf_validate_name(f, value, err);
	case YZ_FIELD_IDCARD:
	case YZ_FIELD_RESIDENT:
		return validate_idcard(f, value, today, err);
	case YZ_FIELD_PHONE:
		return validate_phone(f, value, err);
	case YZ_FIELD_DATE:
		return validate_date(f, value, today, err);
	case YZ_FIELD_CHOICE:
		return validate_choice(f, value, err);
	case YZ_FIELD_YESNO:
		return validate_yesno(f, value, err);
	case YZ_FIELD_MEMO:
		return validate_memo(f, value, err);
	case YZ_FIELD_MONEY:
		return yzf_validate_money(f, value, err);
	case YZ_FIELD_INTEGER:
		return yzf_validate_integer(f, value, err);
	case YZ_FIELD_MULTICHOICE:
		return yzf_validate_multichoice(f, value, err);
	case YZ_FIELD_ADDRESS:
		return clean_text(f, value, false, err) &&
		       check_width(f, value, f->width > 0 ? f->width : YZF_ADDRESS_WIDTH, err);
	case YZ_FIELD_TABLE:
	case YZ_FIELD_COMPUTED:
		return true; /* rows: yz_form_validate_full; computed: the program's own */
	}
	yz_err_setc(err, YZ_ERR_INVALID, _("%s: unknown field type"), f->label);
	return false;
}

/* The birth date in the ID number of f's first resident field; false while
 * there is none (empty, or not a valid number: its own check says why). */
static bool applicant_birth(const yz_form *f, const yz_values *v, yz_date *birth)
{
	yz_idcard id;
	yz_date far = {9999, 12, 31};

	for (size_t i = 0; i < f->n_fields; i++) {
		if (f->fields[i].type != YZ_FIELD_RESIDENT)
			continue;
		const char *idno = yz_values_get(v, f->fields[i].id);
		if (!idno || yz_idcard_check(idno, far, &id) != YZ_ID_OK)
			return false;
		*birth = id.birth;
		return true;
	}
	return false;
}

bool yz_form_check_birth(const yz_form *f, const yz_values *v, yz_form_error *where, yz_err *err)
{
	yz_date birth, d;
	char b[11];

	if (!applicant_birth(f, v, &birth))
		return true;
	for (size_t i = 0; i < f->n_fields; i++) {
		const yz_field_def *fd = &f->fields[i];
		const char *val = yz_values_get(v, fd->id);
		if (!fd->not_before_birth || !val || !yz_date_parse(val, &d) ||
		    yz_date_cmp(d, birth) >= 0)
			continue;
		if (where)
			*where = (yz_form_error){.field = (long)i, .row = 0, .col = -1, .rule = -1};
		yz_date_format(birth, b);
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s: %s is before the applicant was born (%s); check the date"),
		            fd->label, val, b);
		return false;
	}
	return true;
}

long yz_form_validate(const yz_form *f, const yz_values *v, yz_date today, yz_err *err)
{
	yz_eval_env env = {.today = today};
	yz_form_error where;

	if (yzf_validate_fields(f, v, &env, &where, err))
		return -1;
	return where.field;
}

const char *yz_field_choice_resolve(const yz_field_def *f, const char *typed)
{
	size_t n = typed ? strlen(typed) : 0, found = 0;
	const char *match = NULL;

	if (f->type != YZ_FIELD_CHOICE || n == 0)
		return NULL;
	if (n <= 3 && digits(typed, n)) {
		size_t k = (size_t)atoi(typed);
		return k >= 1 && k <= f->n_options ? f->options[k - 1] : NULL;
	}
	for (size_t i = 0; i < f->n_options; i++) {
		if (strcmp(f->options[i], typed) == 0)
			return f->options[i];
		if (strncasecmp(f->options[i], typed, n) == 0) {
			match = f->options[i];
			found++;
		}
	}
	return found == 1 ? match : NULL;
}
