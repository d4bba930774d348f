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
#include "yizhan/form/line.h"

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
	/* issue 3 */
	YZ_FIELD_MONEY,       /* yuan, up to 2 decimals; stored as canonical "1234.50" */
	YZ_FIELD_INTEGER,     /* a whole number, optional min/max */
	YZ_FIELD_MULTICHOICE, /* several of options[], stored joined by YZ_MULTI_SEP */
	YZ_FIELD_ADDRESS,     /* free text with a maximum display width */
	YZ_FIELD_TABLE,       /* repeating rows of typed columns (see yz_table_get) */
	YZ_FIELD_COMPUTED,    /* read-only, the value of expr */
} yz_field_type;

/* Separator of the options of a multichoice value: U+3001 IDEOGRAPHIC COMMA. */
#define YZ_MULTI_SEP "\xe3\x80\x81"
/* The picks of a multichoice value one by one: *p starts at the value; each
 * call sets *pick and *len to the next pick (not NUL-terminated) and moves
 * *p on; false when there is none left. */
bool yz_multi_next(const char **p, const char **pick, size_t *len);
/* Whether the multichoice (or choice) value holds option. */
bool yz_multi_has(const char *value, const char *option);

/* An expression of the form language (computed fields, visible_if, required_if,
 * rules); parsed and type-checked when the form is loaded. Opaque. */
typedef struct yz_expr yz_expr;

/* How a computed field writes its number. */
typedef enum yz_value_format {
	YZ_FORMAT_AUTO,    /* numbers: whole numbers plain, others with 2 decimals */
	YZ_FORMAT_MONEY,   /* always 2 decimals: "1234.50" */
	YZ_FORMAT_INTEGER, /* rounded half away from zero to a whole number */
	YZ_FORMAT_TEXT,    /* as text */
} yz_value_format;

/* One field of a form. */
typedef struct yz_field_def {
	char *id;    /* identifier, [a-z][a-z0-9_]* ; unique within the form */
	char *label; /* shown left of the field */
	char *help;  /* F1 text; may be NULL */
	yz_field_type type;
	bool required;  /* submit refuses an empty value */
	int width;      /* text/name/address: maximum display width of the value; memo: width
	                 * of its box (lines wrap there); 0 = type default */
	int max_chars;  /* memo: most characters ('\n' counts one); 0 = YZ_MEMO_MAX_CHARS */
	char **options; /* choice options, n_options of them; NULL otherwise */
	size_t n_options;
	bool not_future; /* date: later than today is refused */
	int line;        /* line in the source file, for messages */
	/* issue 3 */
	bool has_min;                 /* min was given */
	bool has_max;                 /* max was given */
	int64_t min;                  /* money: fen; integer: the number */
	int64_t max;                  /* money: fen; integer: the number */
	struct yz_field_def *columns; /* table: its columns (scalar types only) */
	size_t n_columns;             /* table: how many columns */
	int min_rows;                 /* table: fewest rows submit accepts (0 = none) */
	int max_rows;                 /* table: most rows (0 = default YZ_TABLE_MAX_ROWS) */
	yz_expr *expr;                /* computed: the expression; NULL otherwise */
	yz_value_format format;       /* computed: how the value is written */
	yz_expr *visible_if;          /* shown only when true; NULL = always */
	yz_expr *required_if;         /* required when true; NULL = see required */
	int page;                     /* index into yz_form.pages */
	char *example;    /* a sample valid value (clerk's F1 help, tests); may be NULL */
	int example_line; /* line of the example, for messages */
	int example_col;  /* column where the example starts */
	/* issue 12 */
	bool not_before_birth; /* date: earlier than the applicant's birth date is refused */
	bool need_address;     /* resident: the person needs an address in the registry */
	/* issue 17 */
	bool share; /* its values may go to the district hub (`share yes`); a table's
	             * columns follow the table; the applicant field's shares the
	             * case's applicant name and ID number */
	/* issue 18 */
	int max_choices; /* multichoice: most options a value may hold (`max`); 0 = any */
} yz_field_def;

/* Rows a table may have when the form gives no max_rows. */
#define YZ_TABLE_MAX_ROWS 50

/* A page of fields (PgUp/PgDn): fields[first .. first + n_fields). */
typedef struct yz_page_def {
	char *title;     /* shown above the page; NULL for the implicit first page */
	size_t first;    /* index of its first field */
	size_t n_fields; /* fields on it */
	int line;        /* line of the "page" header, 0 for the implicit page */
} yz_page_def;

/* A rule that blocks submission while `when` is true, showing message. */
typedef struct yz_rule_def {
	char *id;         /* unique among the form's rules */
	yz_expr *when;    /* the condition that blocks */
	char *message;    /* template: {field}, {field|money}, {settings.name} */
	int line;         /* line of the "rule" header */
	int message_line; /* line of the message, for check messages */
	int message_col;  /* column where the message starts */
} yz_rule_def;

/* A workflow state of the case (issue 4); the first state is the initial one. */
typedef struct yz_state_def {
	char *id;       /* unique among the form's states */
	char *label;    /* shown to the clerk */
	bool terminal;  /* the case ends here */
	char **next;    /* ids of the states it may move to */
	size_t n_next;  /* how many */
	int *next_col;  /* column of each next id, for messages */
	int *next_line; /* line of each next id, for messages */
	int line;       /* line of the "state" header */
} yz_state_def;

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
	char *id;      /* "receipt", "certificate", … */
	char *paper;   /* "receipt" (ESC/POS roll) or "a4" / "a5" (PDF) */
	char *title;   /* heading printed on the document */
	char *body;    /* template text; paragraphs separated by blank lines */
	int line;      /* line of the "document" block, for messages */
	int body_line; /* source line of the body's first line */
	int body_col;  /* source column (1-based, characters) where body lines start */
	char *kind;    /* "certificate", "notice", "receipt" or NULL (issue 3) */
} yz_document_def;

/* ---- the vocabularies of the language (data/vocab/) ---------------------- */

/* What the program's rules know of an item: its kind, defined here once. The
 * word form files write for each kind (jibanjian for on-the-spot, …) is
 * data/vocab/kinds.txt's, found under the kind's id. */
#define YZ_FORM_KINDS(X)                                                                           \
	X(ON_THE_SPOT, "on_the_spot")   /* done on the spot: its promise is 0 days */              \
	X(PROMISED, "promised")         /* done within the promised working days */                \
	X(REQUEST, "request")           /* a resident's request or complaint: resolved/answered */ \
	X(REGISTRATION, "registration") /* a registration */

typedef enum yz_form_kind {
	YZ_FORM_KIND_NONE, /* no kind: a registry record's form */
#define YZ_FORM_KIND_ENUM_(name, id) YZ_FORM_KIND_##name,
	YZ_FORM_KINDS(YZ_FORM_KIND_ENUM_)
#undef YZ_FORM_KIND_ENUM_
	    YZ_FORM_N_KINDS /* how many, NONE included */
} yz_form_kind;

/* The words a form file may write for its kind and business line, read from
 * data/vocab (kinds.txt, lines.txt: "id word" lines, '#' comments), so that a
 * station's vocabulary is data, not C. */
typedef struct yz_form_vocab {
	char *kinds[YZ_FORM_N_KINDS]; /* the word of each kind; [YZ_FORM_KIND_NONE] is NULL */
	char **lines;                 /* the business lines in display order, NULL terminated */
	char **line_ids;              /* the id of each line, as in lines.txt */
	size_t n_lines;               /* how many lines */
} yz_form_vocab;

/* Read dir/kinds.txt and dir/lines.txt. Every kind of YZ_FORM_KINDS must be
 * there once, and no other; ids and words are unique. 0, or -1 with err saying
 * which file and line is wrong (v is then empty). */
int yz_form_vocab_load(const char *dir, yz_form_vocab *v, yz_err *err);
void yz_form_vocab_free(yz_form_vocab *v);
/* The id of a kind in kinds.txt ("on_the_spot"); "" for NONE. */
const char *yz_form_kind_id(yz_form_kind k);

typedef struct yz_form {
	char *path;  /* source file */
	char *id;    /* unique in the catalogue, e.g. "residence_certificate" */
	char *title; /* 居住证明 */
	char *line;  /* business line: 社会救助, 劳动就业, …, 证明, 诉求, 咨询 */
	char *authority;  /* deciding authority: 社区, 街道办事处, … */
	char *kind;       /* 即办件 / 承诺件 / 诉求 / 登记 (the word of kind_id) */
	char *keywords;   /* extra search words, e.g. pinyin initials "jzzm"; may be NULL */
	int promise_days; /* promised time limit in working days (0 = on the spot) */
	int legal_days;   /* legal time limit in working days */
	yz_field_def *fields;
	size_t n_fields;
	yz_material_def *materials;
	size_t n_materials;
	yz_document_def *documents;
	size_t n_documents;
	int src_line; /* line of the "form" header in the source file */
	/* issue 3 */
	yz_page_def *pages;   /* at least one when the form has fields */
	size_t n_pages;       /* how many */
	yz_rule_def *rules;   /* rules checked at submit */
	size_t n_rules;       /* how many */
	yz_state_def *states; /* workflow; states[0] is the initial state */
	size_t n_states;      /* how many (0 = the default lifecycle) */
	/* issue 11 */
	bool talk_day; /* `talk_day yes`: the residents' talk day takes requests with it */
	bool record;   /* `record yes`: a registry record's form (forms/registry/), not a
	                * service item: no line, authority or kind, never in the catalogue */
	/* The kind as the program's rules know it (NONE without a kind). */
	yz_form_kind kind_id;
	/* issue 12 */
	bool repeat; /* `repeat yes`: a resident may have several open cases of it */
	/* issue 13 */
	char *language; /* `language en`: the language of its documents' text; NULL =
	                 * the default, zh_CN (yz_form_language) */
} yz_form;

/* All forms of a folder, in file-name order. */
typedef struct yz_catalogue {
	yz_form **forms;
	size_t n_forms;
	yz_form_vocab vocab; /* the kinds and business lines the forms were read with */
} yz_catalogue;

/* Diagnostics collected while parsing/checking; each is "file:line:col: message". */
typedef struct yz_diags {
	char **items;
	size_t n;
} yz_diags;

void yz_diags_add(yz_diags *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void yz_diags_free(yz_diags *d);

/* Parse one form from text (path is used for messages). Fields' examples are
 * checked as values typed on today (a date example "in the future"). The form's
 * kind and business line must be words of vocab; with vocab NULL (for a
 * registry record's form, no service item) they are kept unchecked and the
 * kind_id is NONE. Returns NULL and adds to diags on any error. */
yz_form *yz_form_parse(const char *path, const char *text, size_t len, yz_date today,
                       const yz_form_vocab *vocab, yz_diags *diags);
yz_form *yz_form_load(const char *path, yz_date today, const yz_form_vocab *vocab, yz_diags *diags);
void yz_form_free(yz_form *f);

/* Load the vocabulary from vocab_dir (data/vocab, yz_form_vocab_load), then
 * every *.form file of dir against it. Files with errors are reported in diags
 * and left out; duplicate ids are errors. Returns 0 when there were no errors,
 * -1 otherwise (the catalogue still holds the good forms and their vocabulary;
 * nothing when no form could be read, as when the vocabulary cannot be). */
int yz_catalogue_load(const char *dir, const char *vocab_dir, yz_date today, yz_catalogue *cat,
                      yz_diags *diags);
/* The same, and then the forms of overlay (NULL or a missing folder: none;
 * the district's published forms, issue 17): a file of overlay named as one
 * of dir replaces it (when it has errors, they are reported and dir's is
 * read instead); the others are added. */
int yz_catalogue_load_with(const char *dir, const char *overlay, const char *vocab_dir,
                           yz_date today, yz_catalogue *cat, yz_diags *diags);
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

/* The business lines of the catalogue's vocabulary in display order (NULL
 * terminated, never NULL itself), for grouping the catalogue screen. */
const char *const *yz_form_business_lines(const yz_catalogue *cat);

/* The keyword of a field type as written in form files ("text", "idcard", …). */
const char *yz_field_type_name(yz_field_type t);

const yz_field_def *yz_form_field(const yz_form *f, const char *id);
const yz_document_def *yz_form_document(const yz_form *f, const char *id);
/* The language of the form's documents, "zh_CN" (the default) or "en": the
 * document language their fixed words (sex, dates, the seal's label, the case
 * number's) are printed in, whatever the station's document_language. */
const char *yz_form_language(const yz_form *f);

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

/* Issue 13: a paper is never printed with a blank. {key?} (and {key|filter?})
 * marks a value the paper may go without; every other reference must have a
 * value that is not blank (empty or only spaces). Like yz_template_expand, but
 * the first reference without '?' whose value is blank stops it: NULL is
 * returned and its key (without filter) is in missing. NULL with missing ""
 * means out of memory. */
#define YZ_TEMPLATE_KEY_MAX 128 /* a longer {key} is not a reference */
char *yz_template_fill(const char *tmpl, yz_lookup_fn lookup, void *ctx,
                       char missing[YZ_TEMPLATE_KEY_MAX]);

/* Keys a template refers to, without filters, each once in order of first use,
 * for `forms check` (malloc'd array of malloc'd keys). */
size_t yz_template_keys(const char *tmpl, char ***keys);

/* Template filter added in issue 3: {x|money} writes a number as yuan with
 * thousands separators, "1,200.00". */

/* The canonical text of a typed value (malloc'd; NULL on ENOMEM): money as
 * "1234.50", integers without leading zeros, dates "YYYYMMDD" as "YYYY-MM-DD",
 * ID numbers with a capital X, a choice resolved (yz_field_choice_resolve), a
 * multichoice "1 3" or "1,3" as its options joined by YZ_MULTI_SEP, yesno from
 * y/n/1/0 and the Chinese words for yes and no. Text that is not understood is
 * returned as typed (trimmed), for validation to explain. */
char *yz_field_normalize(const yz_field_def *f, const char *typed);

/* ---- tables (issue 3) -------------------------------------------------- */

/* Rows of a table field live in the same flat yz_values as
 * "<table>.<row>.<column>" (rows numbered from 1, e.g. "members.2.income"),
 * and "<table>.rows" holds the number of rows ("0" or absent = none). */
int yz_table_rows(const yz_values *v, const char *table);
const char *yz_table_get(const yz_values *v, const char *table, int row, const char *col);
/* Sets one cell (NULL val removes it); row must be 1..rows. */
void yz_table_set(yz_values *v, const char *table, int row, const char *col, const char *val);
/* Appends an empty row; returns its number. */
int yz_table_add_row(yz_values *v, const char *table);
/* Deletes row, moving the rows below it up by one. */
void yz_table_delete_row(yz_values *v, const char *table, int row);
const yz_field_def *yz_table_column(const yz_field_def *table, const char *col);
/* A stored table key "<table>.rows" or "<table>.<row>.<column>" of form f:
 * the table, the row (0 for .rows) and the column (NULL for .rows). False
 * when key is not one (no such table, row or column). */
bool yz_table_key(const yz_form *f, const char *key, const yz_field_def **table, long *row,
                  const yz_field_def **column);

/* ---- expressions (issue 3) --------------------------------------------- */

/* What an expression needs besides the values: today's date and the station
 * settings (settings.<name>, e.g. settings.dibao_standard), looked up through
 * setting(name, ctx) which returns the text of the setting or NULL. */
typedef struct yz_eval_env {
	yz_date today;        /* for age() */
	yz_lookup_fn setting; /* may be NULL: every setting is then missing */
	void *setting_ctx;    /* passed to setting */
} yz_eval_env;

/* The value of an expression. Numbers are exact: int64 hundredths (fen). */
typedef enum yz_xkind {
	YZ_X_EMPTY, /* an empty field, a division by zero, age() of no ID number */
	YZ_X_NUM,   /* num, in hundredths */
	YZ_X_TEXT,  /* text */
	YZ_X_BOOL,  /* b */
} yz_xkind;

typedef struct yz_xval {
	yz_xkind kind;    /* which member holds the value */
	int64_t num;      /* YZ_X_NUM: value × 100 */
	bool b;           /* YZ_X_BOOL */
	const char *text; /* YZ_X_TEXT: borrowed from the values or the form, or (a
	                     date of add_months()) the expression until it is
	                     evaluated again */
} yz_xval;

/* Evaluate e; false with a translated message when it cannot be evaluated
 * (a station setting is missing or not a number, a number overflows). */
bool yz_expr_eval(const yz_expr *e, const yz_values *v, const yz_eval_env *env, yz_xval *out,
                  yz_err *err);
/* The source text of e, as written in the form file. */
const char *yz_expr_source(const yz_expr *e);
/* How yz_expr_describe words a condition for people (a questionnaire's skip
 * instruction): the caller's phrases, already in the reader's language
 * (P_() on a paper), and how it names a field. */
typedef struct yz_expr_words {
	/* Writes how the reader knows field_id into buf ("question 3"); NULL:
	 * the id as written. */
	void (*field)(const char *field_id, void *ctx, char *buf, size_t n);
	void *ctx;
	const char *is;           /* field = "option": "%1$s is \"%2$s\"" */
	const char *is_not;       /* field != "option": "%1$s is not \"%2$s\"" */
	const char *or_option;    /* a further option of the same field after an or:
	                           * " or \"%s\"" */
	const char *includes;     /* has(field, "option"): "%1$s includes \"%2$s\"" */
	const char *answered;     /* not empty(field): "%s is answered" */
	const char *not_answered; /* empty(field): "%s is not answered" */
	const char *or_word;      /* " or " */
	const char *and_word;     /* " and " */
	const char *not_word;     /* "not " */
} yz_expr_words;
/* The compiled e in words: `q = "a" or q = "b"` reads "question 5 is "a" or
 * "b"", has(), empty() and the comparisons with an option as w says; the
 * rest (numbers, arithmetic, other calls) as written, with the fields named
 * by w->field and >=, <=, != as the signs a reader knows. e's source when it
 * was never compiled. Malloc'd; NULL when memory runs out. */
char *yz_expr_describe(const yz_expr *e, const yz_expr_words *w);
/* Parse and check an expression against form f outside a form file (tests,
 * `forms check` of settings); NULL with messages in diags on error. */
yz_expr *yz_expr_parse(const yz_form *f, const char *src, const char *path, int line, int col,
                       yz_diags *diags);
void yz_expr_free(yz_expr *e);
/* Writes a number (hundredths) as text in the given format into buf (32 bytes). */
void yz_number_format(int64_t hundredths, yz_value_format fmt, char buf[32]);

/* Set every computed field of f in v from its expression (empty when the
 * expression is empty or cannot be evaluated). Returns true when a value changed. */
bool yz_form_compute(const yz_form *f, yz_values *v, const yz_eval_env *env);

/* Whether field (of f, or a column) is shown / required now. */
bool yz_field_visible(const yz_field_def *field, const yz_values *v, const yz_eval_env *env);
bool yz_field_required_now(const yz_field_def *field, const yz_values *v, const yz_eval_env *env);

/* Where submit found a problem. */
typedef struct yz_form_error {
	long field; /* index of the field, -1 for a rule */
	int row;    /* table row (1-based), 0 when not in a table */
	long col;   /* table column index, -1 when not in a table */
	long rule;  /* index of the blocking rule, -1 when a field is wrong */
} yz_form_error;

/* Everything submit checks, in order: each visible field (required, required_if,
 * its type; tables: row count and every cell), then the rules. Returns true when
 * all is good; otherwise false, *where (may be NULL) and err set. A rule that
 * cannot be evaluated (e.g. a missing station setting) blocks with that reason. */
bool yz_form_validate_full(const yz_form *f, const yz_values *v, const yz_eval_env *env,
                           yz_form_error *where, yz_err *err);

/* Issue 12: a date field with `not_before_birth yes` holds no date before the
 * birth date in the ID number of the form's applicant (its first resident
 * field; nothing is checked while that is empty or invalid). True when all is
 * good; otherwise false, *where (may be NULL) and err (naming the field and the
 * birth date). Service submit runs it after yz_form_validate_full. */
bool yz_form_check_birth(const yz_form *f, const yz_values *v, yz_form_error *where, yz_err *err);

/* Issue 12: a name field (or a table's name column) holds Chinese characters
 * (any CJK block, with the middle dot U+00B7 between parts), unless the clerk
 * marked the cell as a foreign or minority-script name: the value
 * "<cell key>" YZ_NAME_MARK_SUFFIX = YZ_NAME_MARK_OTHER ("agent_name.script" =
 * "other", "members.2.name.script" = "other"). True when all is good;
 * otherwise false, *where (may be NULL) and err. Service submit runs it. */
#define YZ_NAME_MARK_SUFFIX ".script"
#define YZ_NAME_MARK_OTHER  "other"
bool yz_form_check_names(const yz_form *f, const yz_values *v, yz_form_error *where, yz_err *err);
/* Whether key is such a mark of f: the name field or column it marks, else
 * NULL (for drafts, and for the case view's label of the stored mark). */
const yz_field_def *yz_form_name_mark(const yz_form *f, const char *key);

/* The message of rule r with its {keys} filled from v and the settings
 * (malloc'd). */
char *yz_rule_message(const yz_rule_def *r, const yz_values *v, const yz_eval_env *env);

/* The state of f with this id, or NULL. */
const yz_state_def *yz_form_state(const yz_form *f, const char *id);

/* ---- the intake engine (issue 3) --------------------------------------- */

/* The model of filling one form, independent of any terminal: the TUI draws
 * from it and sends it abstract keys; a benchmark replays keys into it. It holds
 * the values, the position (page, field, table row and column), the edit buffer
 * of the current cell with its cursor (in characters) and horizontal scroll. */
typedef struct yz_engine yz_engine;

typedef enum yz_key {
	YZ_KEY_CHAR,       /* insert the code point cp at the cursor */
	YZ_KEY_LEFT,       /* cursor one character left */
	YZ_KEY_RIGHT,      /* cursor one character right */
	YZ_KEY_HOME,       /* cursor to the start */
	YZ_KEY_END,        /* cursor to the end */
	YZ_KEY_BACKSPACE,  /* delete the character before the cursor */
	YZ_KEY_DELETE,     /* delete the character at the cursor */
	YZ_KEY_KILL_LINE,  /* Ctrl-U: empty the field */
	YZ_KEY_NEXT,       /* Tab / Enter: next field (validates this one) */
	YZ_KEY_PREV,       /* Shift-Tab: previous field (validates this one) */
	YZ_KEY_PAGE_NEXT,  /* PgDn: first field of the next page */
	YZ_KEY_PAGE_PREV,  /* PgUp: first field of the previous page */
	YZ_KEY_ROW_ADD,    /* in a table: append a row and go to its first cell */
	YZ_KEY_ROW_DELETE, /* in a table: delete the current row */
	YZ_KEY_NEWLINE,    /* memo fields: insert a line break */
	YZ_KEY_SUBMIT,     /* validate everything (see yz_engine_submit) */
} yz_key;

/* What a key did. */
typedef enum yz_key_result {
	YZ_KEY_DONE,      /* done; the screen may have changed */
	YZ_KEY_REFUSED,   /* not possible here (beep); yz_engine_message may say why */
	YZ_KEY_INVALID,   /* the field is invalid: the cursor stays, message set */
	YZ_KEY_BLOCKED,   /* submit found a problem: the cursor is on it, message set */
	YZ_KEY_SUBMITTED, /* submit: everything is valid */
} yz_key_result;

/* Called after every change of a value (the TUI saves the draft then). */
typedef void (*yz_engine_changed_fn)(yz_engine *e, void *ctx);

yz_engine *yz_engine_new(const yz_form *f, const yz_eval_env *env); /* NULL on ENOMEM */
void yz_engine_free(yz_engine *e);
/* Replace the values by draft (a copy is kept) and go to the first field. */
void yz_engine_load(yz_engine *e, const yz_values *draft);
void yz_engine_on_change(yz_engine *e, yz_engine_changed_fn fn, void *ctx);
/* The changed flag is set by every value change; reading it does not clear it. */
bool yz_engine_changed(const yz_engine *e);
void yz_engine_clear_changed(yz_engine *e);

yz_key_result yz_engine_key(yz_engine *e, yz_key key, uint32_t cp);
/* Issue 18: quick mode, for keying paper questionnaires. A digit typed into
 * an empty choice cell picks that option and moves on (as YZ_KEY_NEXT) as
 * soon as the digits typed cannot start a larger option number (with 17
 * options "2".."9" at once, "1" waits for a second digit or Enter; a leading
 * "0" is refused). In a multichoice cell digits and blanks collect, Enter
 * moves on, and the cell moves on by itself when max_choices options are
 * typed and the last cannot grow. Enter (NEXT) on an empty cell moves on,
 * and NEXT on the last visible field submits (returns what SUBMIT returns).
 * On a choice answered before, a digit that is an option's number picks it
 * anew; one that is none is refused and the answer stays (a screen passes
 * the key on without clearing the cell); another character replaces the
 * answer. A multichoice refused for too many picks keeps the numbers typed.
 * Off by default. */
void yz_engine_set_quick(yz_engine *e, bool on);
/* Validates every visible field and the rules; on a problem the position moves
 * to it (or stays, for a rule) and the message says what is wrong. */
yz_key_result yz_engine_submit(yz_engine *e);

/* Replace the current cell's text (a choice picked from a list, a resident found
 * in the registry); the cursor goes to the end. False if the cell is read-only. */
bool yz_engine_set_text(yz_engine *e, const char *text);
/* Go to a field (row/col for tables; row 0 = the table itself). False if it
 * cannot take the cursor (invisible, computed). No validation of the old cell. */
bool yz_engine_goto(yz_engine *e, size_t field, int row, size_t col);

const yz_values *yz_engine_values(const yz_engine *e);
const yz_form *yz_engine_form(const yz_engine *e);
size_t yz_engine_page(const yz_engine *e);
size_t yz_engine_field_index(const yz_engine *e);
/* The definition of the current cell: the field, or the table's column. */
const yz_field_def *yz_engine_cell_def(const yz_engine *e);
int yz_engine_row(const yz_engine *e);          /* 1-based; 0 when not in a table row */
size_t yz_engine_col(const yz_engine *e);       /* column index inside the table row */
const char *yz_engine_text(const yz_engine *e); /* the current cell's text */
size_t yz_engine_cursor(const yz_engine *e);    /* cursor, in characters */
/* The status-line message (translated), "" when none. Cleared by the next key. */
const char *yz_engine_message(const yz_engine *e);
bool yz_engine_field_visible(const yz_engine *e, size_t field);

/* What to draw of the current cell in a box `width` columns wide: the cell is
 * edited with the one field editor, and this is its view (yz_line_view). */
typedef yz_line_view yz_engine_view;

void yz_engine_view_of(yz_engine *e, int width, yz_engine_view *out);
/* A memo cell: its rows in a box width x height (yz_line_box_of, the cursor's
 * row kept in the box). */
void yz_engine_box_of(yz_engine *e, int width, int height, yz_line_row *row, yz_line_box *out);
/* A memo cell: the cursor one row up (dir < 0) or down in a box width
 * columns wide; REFUSED on the first (last) row. */
yz_key_result yz_engine_vertical(yz_engine *e, int width, int dir);
/* The most characters the current cell takes (memo fields), 0 when its limit is
 * its display width. */
size_t yz_engine_capacity(const yz_engine *e);
/* The characters a memo field takes when its form gives no max_chars. */
#define YZ_MEMO_MAX_CHARS 1000

#endif
