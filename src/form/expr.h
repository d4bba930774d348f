/* Internal: the expression tree of the form language (expr.c parses and checks
 * it, eval.c evaluates it). */
#ifndef YZ_FORM_EXPR_H
#define YZ_FORM_EXPR_H

#include <stdarg.h>
#include <stdint.h>

#include "yizhan/form.h"

/* Static types, checked when the form is loaded. */
typedef enum xtype {
	T_NUM,  /* a number (hundredths) */
	T_TEXT, /* text */
	T_BOOL, /* a condition */
} xtype;

/* Node kinds; the comparisons come last so that "k >= N_EQ" tests for them. */
typedef enum xkind {
	N_NUM,     /* num */
	N_STR,     /* str */
	N_FIELD,   /* field */
	N_COLUMN,  /* field (the table) . column */
	N_SETTING, /* settings.str */
	N_NEG,     /* - a */
	N_NOT,     /* not a */
	N_SUM,     /* sum(a) */
	N_COUNT,   /* count(a) */
	N_MIN,     /* min(a) */
	N_MAX,     /* max(a) */
	N_AGE,     /* age(a) */
	N_SEX,     /* sex(a) */
	N_EMPTY,   /* empty(a) */
	N_IF,      /* if(a, b, c) */
	N_ADDM,    /* add_months(a, b): a date text plus b whole months */
	N_DAYS,    /* days(a, b): calendar days from date a to date b */
	N_HAS,     /* has(a, b): choice/multichoice field a holds option b (a string) */
	N_ADD,     /* a + b */
	N_SUB,     /* a - b */
	N_MUL,     /* a * b */
	N_DIV,     /* a / b */
	N_AND,     /* a and b */
	N_OR,      /* a or b */
	N_EQ,      /* a = b */
	N_NE,      /* a != b */
	N_LT,      /* a < b */
	N_LE,      /* a <= b */
	N_GT,      /* a > b */
	N_GE,      /* a >= b */
} xkind;

typedef struct xnode {
	xkind kind;                 /* what the node does */
	xtype type;                 /* its static type */
	int64_t num;                /* N_NUM: value × 100 */
	char *str;                  /* N_STR text, N_SETTING name, calls: function name */
	const yz_field_def *field;  /* N_FIELD, N_COLUMN (the table) */
	const yz_field_def *column; /* N_COLUMN */
	struct xnode *a;            /* first operand */
	struct xnode *b;            /* second operand */
	struct xnode *c;            /* third operand (if) */
	char date[11];              /* N_ADDM: the date it computed last (YYYY-MM-DD); the
	                             * value's text points here until the next evaluation */
	const char *at;             /* position in the source, while parsing only */
} xnode;

/* Compilation state, so that computed fields can refer to each other in any
 * order and a circle is found. */
enum { X_NEW, X_BUSY, X_DONE, X_FAILED };

struct yz_expr {
	char *src;   /* as written */
	int line;    /* where it starts in the form file */
	int col;     /* column of its first character */
	xnode *root; /* NULL until compiled, or when it failed */
	xtype type;  /* root's type */
	int state;   /* X_NEW … X_FAILED */
};

yz_expr *yzx_new(const char *src, int line, int col);
/* Parse and check e against f; returns the number of errors added. */
int yzx_compile(const yz_form *f, yz_expr *e, const char *path, yz_diags *diags);
/* The same for a ledger's row (ledger.c): f is the row's synthetic form, whose
 * field ids may hold dots ("case.number"); an unknown name is told as a key. */
int yzx_compile_row(const yz_form *f, yz_expr *e, const char *path, yz_diags *diags);
xtype yzx_field_type(const yz_field_def *f);
xtype yzx_compute_type(const yz_form *f, const yz_field_def *c, const char *path, yz_diags *d,
                       int *errors);
void yzx_free_node(xnode *n);
/* Whether n is a date: a date field or key, a date written "YYYY-MM-DD",
 * add_months(), or if() between dates. */
bool yzx_is_date(const xnode *n);

#endif
