/* Internal: the parser's state and the key tables of the form language's
 * blocks (keys.c), shared with the block reader (parse.c). */
#ifndef YZ_FORM_PARSER_H
#define YZ_FORM_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "lexer.h"
#include "yizhan/form.h"

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
