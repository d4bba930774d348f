/* Internal: the parser's state and the key tables of the form language's
 * blocks (keys.c), shared with the block reader (parse.c). */
#ifndef YZ_FORM_PARSER_H
#define YZ_FORM_PARSER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "lexer.h"
#include "yizhan/form.h"

/* A form (or ledger) file larger than this is surely not one. */
#define YZF_MAX_FILE (1024 * 1024)

/* One blank-separated word of a line. */
typedef struct yzf_word {
	const char *s; /* start */
	size_t len;    /* bytes */
	int col;       /* 1-based column */
} yzf_word;

/* Split l into at most max words (more are counted but not stored). */
size_t yzf_split_words(const yzf_line *l, yzf_word *w, size_t max);

/* The text of the "key:" line i's block: the lines after it that are blank or
 * indented more than it, without their common indentation and without blank
 * lines at either end; where it starts in *text_line, *text_col. NULL
 * (without a message) when the block has no text, or on ENOMEM. */
char *yzf_gather_text(const yzf_line *lines, size_t n_lines, size_t i, int *text_line,
                      int *text_col);
/* Index of the first line after the text block of the "key:" line i. */
size_t yzf_text_end(const yzf_line *lines, size_t n_lines, size_t i);

/* The value of the one-line key line l whose key is klen bytes: the rest of
 * the line after the key and the blanks that follow it (*vlen bytes, 0 when
 * there is none). */
const char *yzf_line_value(const yzf_line *l, size_t klen, size_t *vlen);

/* Why the indented line l is no key line of the block being read (in_block:
 * there is one; *key_indent: the indentation of its key lines, -1 before the
 * first, which sets it), translated; NULL when it is one. Told at column
 * l->indent_chars + 1. */
const char *yzf_indent_problem(const yzf_line *l, bool in_block, int *key_indent);

/* The block rules the form and ledger languages share, over lines[0,
 * n_lines): an unindented line ends the block being read (end) and starts
 * the next (start); an indented one is a key line (key_line moves *i past it
 * and its text block); blank and comment lines are passed over, and a line
 * lost to an encoding error marks the block being read *damaged when it is
 * indented. end is called once more after the last line. Each gets p. */
typedef struct yzf_block_rules {
	void (*start)(void *p, const yzf_line *l);
	void (*end)(void *p);
	void (*key_line)(void *p, size_t *i);
} yzf_block_rules;
void yzf_read_blocks(const yzf_line *lines, size_t n_lines, void *p, bool *damaged,
                     const yzf_block_rules *rules);

/* A whole file into a malloc'd buffer (at most YZF_MAX_FILE bytes); NULL with
 * a message in diags. */
char *yzf_slurp(const char *path, size_t *len, yz_diags *diags);

/* Stable insertion sort of d->items[from..] ("path:line:col: ...") by line
 * and column. */
void yzf_sort_diags(yz_diags *d, size_t from, const char *path);

/* Most keys a block kind may have (the size of seen_line). */
#define YZF_MAX_KEYS 24

typedef enum yzf_block {
	B_NONE,     /* before the first block */
	B_FORM,     /* form <id> */
	B_MATERIAL, /* material <id> */
	B_FIELD,    /* field <id> <type> */
	B_DOCUMENT, /* document <id> */
	B_SKIP,     /* a block whose header was wrong: its lines are skipped */
	B_PAGE,     /* page <title> (no keys) */
	B_RULE,     /* rule <id> */
	B_STATE,    /* state <id> */
	B_COLUMN,   /* column <id> <type>, a sub-block of a table field */
} yzf_block;

typedef struct yzf_parser {
	const char *path;  /* for messages */
	yz_diags *diags;   /* where messages go */
	int errors;        /* messages added so far */
	yz_form *form;     /* being built */
	size_t cap_fields; /* capacities of the form's arrays */
	size_t cap_materials;
	size_t cap_documents;
	size_t cap_options;          /* of the current field's options */
	size_t cap_pages;            /* of the form's pages */
	size_t cap_rules;            /* of the form's rules */
	size_t cap_states;           /* of the form's states */
	size_t cap_columns;          /* of the current table's columns */
	size_t cap_next;             /* of the current state's next list */
	yz_field_def *column;        /* the column being read (B_COLUMN), else NULL */
	bool column_seen;            /* the field block had a 'column' line, right or wrong */
	yzf_block block;             /* the block being read */
	int block_line;              /* line of its header */
	int key_indent;              /* indentation of its key lines; -1 before the first */
	int seen_line[YZF_MAX_KEYS]; /* line where key i of the block's table was given, 0 = not yet
	                              */
	bool damaged;                /* a line of the block was lost to an encoding error */
	bool legal_given;            /* the form block had a "legal" line */
	yz_date today;               /* for checking examples: the caller's (yz_form_parse) */
	const yz_form_vocab *vocab;  /* the kinds and lines a form may name; NULL: none */
	const yzf_line *lines;       /* all lines of the file */
	size_t n_lines;
} yzf_parser;

/* One "key value" (or "key:" + text) line handed to a key's setter. */
typedef struct yzf_arg {
	const yzf_line *line; /* the key's line */
	const char *val;      /* the value (NUL terminated), or the text block */
	int col;              /* column of the value, for messages */
	int text_line;        /* text blocks: line of the first text line */
	int text_col;         /* text blocks: column where text lines start */
} yzf_arg;

typedef struct yzf_key {
	const char *name; /* as written in the file */
	bool text;        /* a text block ("body:") rather than a one-line value */
	bool repeat;      /* may be given more than once */
	bool required;    /* the block is incomplete without it */
	void (*set)(yzf_parser *p, const yzf_arg *a); /* store the value */
} yzf_key;

/* Report an error at line:col (col 0 = the whole line) and count it. */
void yzf_perr(yzf_parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same for a parser of another shape (the ledger parser): the message
 * into diags as "path:line:col: ...", counted in *errors. */
void yzf_vdiag(yz_diags *diags, const char *path, int *errors, int line, int col, const char *fmt,
               va_list ap) __attribute__((format(printf, 6, 0)));

/* The key table of a block kind (NULL for B_NONE/B_SKIP), ended by a NULL name. */
const yzf_key *yzf_block_keys(yzf_block b);

/* Checks at the end of a field or column block (options, columns, expr, min/max). */
void yzf_end_field(yzf_parser *p, yz_field_def *f, int line);
/* Frees what a column owns (not the column itself). */
void yzf_free_field(yz_field_def *f);
/* After the last line: the pages' field ranges, then every expression
 * compiled and type-checked (fields may refer to fields below them). */
void yzf_build_pages(yzf_parser *p);
void yzf_compile_exprs(yzf_parser *p);

/* The header word of a block kind ("form", "field", …). */
const char *yzf_block_word(yzf_block b);

#endif
