/* Internal to the form module: small helpers shared by its files, the fixed
 * vocabularies of the definition language, and the template scanner. */
#ifndef YZ_FORM_INTERNAL_H
#define YZ_FORM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/form.h"

/* malloc'd copy of the first n bytes of s (NUL terminated); NULL on ENOMEM. */
char *yzf_strndup(const char *s, size_t n);
char *yzf_strdup(const char *s);

/* Grow *arr (of element size elem) so that it holds at least n + 1 elements;
 * *cap tracks the capacity. Returns false on ENOMEM. */
bool yzf_grow(void *arr, size_t *cap, size_t n, size_t elem);

/* Add a finished message (one that names its file already) to d. */
void yzf_diags_push(yz_diags *d, const char *text);

/* The kind whose word is word in v (NONE when none is, or v is NULL). */
yz_form_kind yzf_vocab_kind(const yz_form_vocab *v, const char *word);
/* The words of v's kinds joined by ", ", malloc'd (for messages). */
char *yzf_vocab_kind_words(const yz_form_vocab *v);
/* Keys every document may use besides the form's field ids; NULL terminated. */
extern const char *const yzf_service_keys[];

bool yzf_in_list(const char *const *list, const char *s);
/* "a, b, c" of a list, malloc'd (for messages). */
char *yzf_join(const char *const *list);

/* True for [a-z][a-z0-9_]* of at most 63 bytes. */
bool yzf_id_valid(const char *s, size_t n);

/* One {…} reference found in a template. */
typedef struct yzf_ref {
	const char *start; /* the '{' */
	size_t len;        /* bytes up to and including '}' (or what was scanned when bad) */
	const char *key;   /* key inside the braces */
	size_t key_len;
	const char *filter; /* after '|', NULL when none */
	size_t filter_len;
	bool optional; /* '?' before the '}': the paper may go without the value */
	bool ok;       /* well formed */
} yzf_ref;

/* Scan the reference starting at p (p[0] == '{', p[1] != '{'). */
void yzf_scan_ref(const char *p, yzf_ref *ref);

/* Known template filters ("cn", "mask"); NULL terminated. */
extern const char *const yzf_filters[];

/* The rules of the name field type (name.c); the value is valid UTF-8 without
 * control characters already. */
bool yzf_validate_name(const yz_field_def *f, const char *v, yz_err *err);

/* The field types of issue 3 (types.c). */
bool yzf_validate_money(const yz_field_def *f, const char *v, yz_err *err);
bool yzf_validate_integer(const yz_field_def *f, const char *v, yz_err *err);
bool yzf_validate_multichoice(const yz_field_def *f, const char *v, yz_err *err);

/* Every visible field of f (tables row by row); false with *where and err set
 * at the first problem. */
bool yzf_validate_fields(const yz_form *f, const yz_values *v, const yz_eval_env *env,
                         yz_form_error *where, yz_err *err);

/* Writes a number of hundredths as yuan with thousands separators
 * ("1,200.00") into buf (40 bytes). */
void yzf_money_grouped(int64_t fen, char buf[40]);

/* Workflow checks for `forms check` (check_flow.c): next states exist, every
 * state is reachable from the first, terminal states end. Returns errors. */
int yzf_check_states(const yz_form *f, yz_diags *diags);

#endif
