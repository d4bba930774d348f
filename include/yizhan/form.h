/* form: the form definition language (forms/NAME.form) → an immutable model, field
 * validation, and the values a clerk types into a form.
 *
 * The language is documented in forms/README.md. A form file is parsed into a
 * yz_form; a folder into a yz_catalogue. Parse errors are reported as
 * "file:line:col: message" (translated). */
#ifndef YZ_FORM_H
#define YZ_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"

typedef enum yz_field_type {
	YZ_FIELD_TEXT,     /* free text with a maximum display width */
	YZ_FIELD_NAME,     /* a person's name: CJK (incl. Ext-B…), middle dot, no digits */
	YZ_FIELD_IDCARD,   /* 18-character ID number */
	YZ_FIELD_PHONE,    /* mobile or landline */
	YZ_FIELD_DATE,     /* YYYY-MM-DD */
	YZ_FIELD_CHOICE,   /* one of options[] */
	YZ_FIELD_YESNO,    /* "yes" / "no" */
	YZ_FIELD_MEMO,     /* multi-line text */
	YZ_FIELD_RESIDENT, /* a person from the registry; the value is the ID number */
} yz_field_type;

/* One field of a form. */
typedef struct yz_field_def {
	char *id;       /* identifier, [a-z][a-z0-9_]* ; unique within the form */
	char *label;    /* shown left of the field */
	char *help;     /* F1 text; may be NULL */
	yz_field_type type;
	bool required;  /* submit refuses an empty value */
	int width;      /* maximum display width of the value (text/name/memo); 0 = type default */
	char **options; /* choice options, n_options of them; NULL otherwise */
	size_t n_options;
	bool not_future; /* date: later than today is refused */
	int line;        /* line in the source file, for messages */
} yz_field_def;

/* One item of the materials checklist (e.g. 居民身份证, 户口簿). */
typedef struct yz_material_def {
	char *id;
	char *label;
	bool required;
	bool original; /* original seen (true) or copy kept (false) */
	int count;     /* copies */
	char *note;    /* a hint for the clerk, e.g. who needs it; may be NULL */
	int line;      /* line in the source file, for messages */
} yz_material_def;

/* A printable document of the form. The body is a template in which {name}
 * stands for a value (see yz_template_expand). */
typedef struct yz_document_def {
	char *id;    /* "receipt", "certificate", … */
	char *paper; /* "receipt" (ESC/POS roll) or "a4" / "a5" (PDF) */
	char *title; /* heading printed on the document */
	char *body;  /* template text; paragraphs separated by blank lines */
	int line;      /* line of the "document" block, for messages */
	int body_line; /* source line of the body's first line */
	int body_col;  /* source column (1-based, characters) where body lines start */
} yz_document_def;

typedef struct yz_form {
	char *path;      /* source file */
	char *id;        /* unique in the catalogue, e.g. "residence_certificate" */
	char *title;     /* 居住证明 */
	char *line;      /* business line: 社会救助, 劳动就业, …, 证明, 诉求, 咨询 */
	char *authority; /* deciding authority: 社区, 街道办事处, … */
	char *kind;      /* 即办件 / 承诺件 / 诉求 / 登记 */
	char *keywords;  /* extra search words, e.g. pinyin initials "jzzm"; may be NULL */
	int promise_days; /* promised time limit in working days (0 = on the spot) */
	int legal_days;   /* legal time limit in working days */
	yz_field_def *fields;
	size_t n_fields;
	yz_material_def *materials;
	size_t n_materials;
	yz_document_def *documents;
	size_t n_documents;
	int src_line;     /* line of the "form" header in the source file */
} yz_form;

/* All forms of a folder, in file-name order. */
typedef struct yz_catalogue {
	yz_form **forms;
	size_t n_forms;
} yz_catalogue;

/* Diagnostics collected while parsing/checking; each is "file:line:col: message". */
typedef struct yz_diags {
	char **items;
	size_t n;
} yz_diags;

void yz_diags_add(yz_diags *d, const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void yz_diags_free(yz_diags *d);

/* Parse one form from text (path is used for messages). Returns NULL and adds to
 * diags on any error. */
yz_form *yz_form_parse(const char *path, const char *text, size_t len, yz_diags *diags);
yz_form *yz_form_load(const char *path, yz_diags *diags);
void yz_form_free(yz_form *f);

/* Load every *.form file of dir. Files with errors are reported in diags and left
 * out; duplicate ids are errors. Returns 0 when there were no errors, -1 otherwise
 * (the catalogue still holds the good forms). */
int yz_catalogue_load(const char *dir, yz_catalogue *cat, yz_diags *diags);
void yz_catalogue_free(yz_catalogue *cat);
const yz_form *yz_catalogue_find(const yz_catalogue *cat, const char *id);

/* Forms whose title, id, line or keywords contain query (case-insensitive for
 * ASCII). Writes up to max indexes into out; returns how many matched. An empty
 * query matches all. */
size_t yz_catalogue_search(const yz_catalogue *cat, const char *query, size_t *out, size_t max);

/* Cross-reference checks over a loaded catalogue, for `yizhan forms check`:
 * every {key} of every document must be a field id of its form or a service key
 * (resident.*, station.*, case.*, clerk.name, today, today_cn), resident.* keys
 * need a resident field, filters must fit the key. Returns the number of errors
 * added to diags (0 = all good). */
int yz_catalogue_check(const yz_catalogue *cat, yz_diags *diags);

/* The business lines in display order (NULL terminated), for grouping the
 * catalogue screen. */
const char *const *yz_form_business_lines(void);

/* The keyword of a field type as written in form files ("text", "idcard", …). */
const char *yz_field_type_name(yz_field_type t);

const yz_field_def *yz_form_field(const yz_form *f, const char *id);
const yz_document_def *yz_form_document(const yz_form *f, const char *id);

/* ---- values typed into a form ----------------------------------------- */

/* An ordered key→value list (field id → UTF-8 text). Keys are unique. */
typedef struct yz_values {
	char **keys;
	char **vals;
	size_t n;
} yz_values;

void yz_values_set(yz_values *v, const char *key, const char *val);
const char *yz_values_get(const yz_values *v, const char *key); /* NULL if absent */
void yz_values_clear(yz_values *v);

/* Validate one value for its field. Returns true when valid (an empty optional
 * value is valid); otherwise false with a translated message in err. */
bool yz_field_validate(const yz_field_def *f, const char *value, yz_date today, yz_err *err);

/* For a choice field, the option the clerk means by typed: its 1-based number,
 * the option text itself, or an ASCII-case-insensitive unique prefix. NULL when
 * nothing or several options match. The stored value is the option text. */
const char *yz_field_choice_resolve(const yz_field_def *f, const char *typed);

/* Validate all fields; returns the index of the first invalid field or -1. */
long yz_form_validate(const yz_form *f, const yz_values *v, yz_date today, yz_err *err);

/* Replace each {key} in tmpl by lookup(key, ctx) (empty when it returns NULL).
 * "{{" stands for "{". A filter may follow the key: {since|cn} writes a
 * YYYY-MM-DD value as a Chinese date (year, month, day
 * with the characters nian, yue, ri), {x|mask} masks an ID number
 * (first 6 + ******** + last 4); lookup always receives the bare key. A '{' that
 * does not start a well-formed reference is copied as is. Returns a malloc'd
 * string (NULL only on ENOMEM). */
typedef const char *(*yz_lookup_fn)(const char *key, void *ctx);
char *yz_template_expand(const char *tmpl, yz_lookup_fn lookup, void *ctx);

/* Keys a template refers to, without filters, each once in order of first use,
 * for `forms check` (malloc'd array of malloc'd keys). */
size_t yz_template_keys(const char *tmpl, char ***keys);

#endif
