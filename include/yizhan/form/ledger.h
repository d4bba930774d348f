/* form/ledger.h: the ledger language (issue 16). A ledger (tai zhang) is a
 * file forms/ledgers/<id>.ledger: what it lists (a source of rows), which rows
 * (the period, a condition), its columns (keys of the row, or expressions of
 * the form language over them), sort, grouping with subtotals, paper and
 * signature lines; a public notice (gong shi) is a ledger with an intro and
 * an outro. The parser checks every key and expression against the source's
 * keys (yz_ledger_keys) and the fields of the forms it lists, so a ledger that
 * loads runs. The form module, src/form/ledger*.c; the syntax is documented
 * in forms/README.md (section "台账"). */
#ifndef YZ_FORM_LEDGER_H
#define YZ_FORM_LEDGER_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/form.h"

/* What one row of a ledger is. */
typedef enum yz_ledger_source {
	YZ_LSRC_CASES,      /* a case of the listed forms (every form when none is listed) */
	YZ_LSRC_RESIDENTS,  /* a resident and one of the listed special groups (tags) */
	YZ_LSRC_HOUSEHOLDS, /* a household */
	YZ_LSRC_FORWARDS,   /* a forward of a case to a department (yi jiao) */
	YZ_LSRC_FOLLOWUPS,  /* a follow-up of a badly rated case (hui fang) */
	YZ_LSRC_TALK,       /* a case raised at a residents' talk day (shuo shi) */
} yz_ledger_source;

/* The type of a key of a row (yz_ledger_key.type); dates are text YYYY-MM-DD. */
typedef enum yz_lkey_type {
	YZ_LKEY_TEXT,   /* text */
	YZ_LKEY_NUMBER, /* a number ("12", "1234.50") */
	YZ_LKEY_DATE,   /* a date YYYY-MM-DD, or "" */
} yz_lkey_type;

/* A key the program fills in every row of a source, e.g. "case.number",
 * "resident.age". The service fills exactly these (yz_ledger_keys). */
typedef struct yz_ledger_key {
	const char *key;   /* "case.number" */
	yz_lkey_type type; /* its type in expressions */
	const char *label; /* a short English label (N_, translated by the caller) */
} yz_ledger_key;

/* The keys of a row of source src (NULL-key terminated). Form fields (of the
 * listed forms) and "latest.<form>" keys come on top for the sources that
 * have a case. */
const yz_ledger_key *yz_ledger_keys(yz_ledger_source src);
/* The word a ledger file writes after `source` ("cases", "residents", ...). */
const char *yz_ledger_source_name(yz_ledger_source src);

/* How a column's value is written (xlsx cell type, CSV text, PDF). */
typedef enum yz_col_format {
	YZ_COL_TEXT,        /* text as it is */
	YZ_COL_ID,          /* an ID number or another code: text, never a number */
	YZ_COL_ID_MASKED,   /* an ID number masked: first 6 + ******** + last 4 */
	YZ_COL_NAME_MASKED, /* a name masked for a public notice: the second character a star */
	YZ_COL_PHONE,       /* a phone number: text */
	YZ_COL_DATE,        /* a date YYYY-MM-DD (a real date in xlsx) */
	YZ_COL_MONEY,       /* yuan with 2 decimals */
	YZ_COL_INTEGER,     /* a whole number */
	YZ_COL_NUMBER,      /* a number with up to 2 decimals (hours, days on average) */
	YZ_COL_SEQ,         /* the row's number in the ledger (xu hao), counted after sorting */
} yz_col_format;

/* What a column's subtotal and total rows hold. */
typedef enum yz_col_total {
	YZ_TOTAL_NONE,  /* nothing */
	YZ_TOTAL_SUM,   /* the sum of the column */
	YZ_TOTAL_COUNT, /* the number of rows with a value */
} yz_col_total;

typedef struct yz_ledger_column {
	char *id;             /* column id (sort and group name it) */
	char *label;          /* header cell, e.g. "人均收入" */
	yz_expr *value;       /* the value: a key, a field or an expression; NULL for SEQ */
	yz_col_format format; /* how it is written */
	yz_col_total total;   /* subtotal/total rows */
	int width;            /* `width`: display cells on paper (0 = from the content) */
	bool running;         /* `running yes`: the sum of the column so far within the group,
	                         starting from the rows before the period (a balance, e.g. the
	                         time bank's hours) */
	int line;             /* where it is in the file */
} yz_ledger_column;

typedef struct yz_ledger_sort {
	size_t col; /* index into cols */
	bool desc;  /* `desc` */
} yz_ledger_sort;

typedef struct yz_ledger {
	char *path;  /* source file */
	char *id;    /* file name without .ledger */
	char *title; /* "低保对象台账" */
	yz_ledger_source source;
	char **forms; /* cases, forwards, talk: the form ids listed (NULL = every form) */
	size_t n_forms;
	char **tags;    /* residents: the special groups' codes ("dibao", "disabled",
	                   "elderly": yz_tag_code); the form module takes any lower-case
	                   word, the service checks them (yz_service_ledgers) */
	size_t n_tags;  /* >= 1 for residents */
	int tags_line;  /* where they are written, for that check's message */
	int *tags_col;  /* the column of each code on that line (n_tags of them) */
	char *period;   /* the date key the period applies to, e.g. "case.accepted"; NULL =
	                 * no period (residents: a group that lasts into the period) */
	yz_expr *where; /* only rows where it holds; NULL = all */
	yz_ledger_column *cols;
	size_t n_cols;
	yz_ledger_sort *sort; /* in order */
	size_t n_sort;
	long group;     /* column index the rows are grouped by (subtotals), -1 = none */
	bool landscape; /* `paper a4 landscape` */
	char **sign;    /* signature labels, e.g. "制表人", "审核人", "日期"; none
	                   written (n_sign 0, no_sign false): the service's default
	                   labels in the paper language */
	size_t n_sign;
	char *intro;   /* notice: the text above the table (a template: {station.name},
	                  {period}, {settings.NAME}), NULL for a plain ledger */
	char *outro;   /* notice: the text under it (objection period, phone), or NULL */
	char **latest; /* form ids named by "latest.<form>" keys anywhere (the service
	                  looks up each row's resident's latest case of them) */
	size_t n_latest;
	bool needs_fields; /* some column or the condition uses a form field (the service
	                      reads case fields only then) */
	void *model;       /* internal: the row's form the expressions were checked against */
	int src_line;      /* line of the `ledger` header, for messages */
	bool no_sign;      /* `sign none`: no signature lines (a notice, say) */
} yz_ledger;

/* Every *.ledger file of dir, in file-name order. */
typedef struct yz_ledger_set {
	yz_ledger **items;
	size_t n;
} yz_ledger_set;

/* Parse one ledger (path for messages); forms named are looked up in cat.
 * NULL and diags on any error. */
yz_ledger *yz_ledger_parse(const char *path, const char *text, size_t len, const yz_catalogue *cat,
                           yz_diags *diags);
void yz_ledger_free(yz_ledger *l);
/* Every *.ledger of dir (a missing folder is an empty set, 0). Files with
 * errors are left out and reported; duplicate ids are errors. 0 when all
 * were good, -1 otherwise. */
int yz_ledgers_load(const char *dir, const yz_catalogue *cat, yz_ledger_set *out, yz_diags *diags);
void yz_ledger_set_free(yz_ledger_set *s);
const yz_ledger *yz_ledger_find(const yz_ledger_set *s, const char *id);

/* A row's values: keys of yz_ledger_keys(l->source), the case's form fields
 * (table cells as "members.2.income", "members.rows") and "latest.<form>"
 * keys, in a yz_values. The column's value (or the condition) evaluated on it
 * (yz_expr_eval). A key or field missing from row is empty. A text value
 * borrows from row, the ledger, or (a date of add_months()) the expression
 * until its next evaluation: copy it before evaluating e again. */
bool yz_ledger_eval(const yz_ledger *l, const yz_expr *e, const yz_values *row,
                    const yz_eval_env *env, yz_xval *out, yz_err *err);

#endif
