/* Internal: the line reader of the form language. It splits a file into lines,
 * reports encoding problems (bad UTF-8, control characters, tabs inside text,
 * over-long lines) and measures indentation; the parser works on its lines. */
#ifndef YZ_FORM_LEXER_H
#define YZ_FORM_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/form.h"

/* Longest line accepted, in characters: enough for a long paragraph. */
#define YZF_MAX_LINE 500

typedef struct yzf_line {
	const char *raw;  /* start of the line in the file's text */
	size_t raw_len;   /* bytes of the line without "\n" / "\r\n" */
	const char *s;    /* first non-blank character */
	size_t len;       /* bytes from s to the end, trailing blanks removed */
	int no;           /* line number, 1-based */
	int indent;       /* columns of indentation (a tab goes to the next multiple of 8) */
	int indent_chars; /* characters of indentation */
	bool blank;       /* empty or only blanks */
	bool comment;     /* first non-blank character is '#' */
	bool bad;         /* an encoding error was reported on this line */
} yzf_line;

/* Split text into lines (*out, *n; free *out). Encoding errors go to diags as
 * "path:line:col: message". Returns the number of errors. */
int yzf_split_lines(const char *path, const char *text, size_t len, yz_diags *diags, yzf_line **out,
                    size_t *n);

/* 1-based character column of p inside line l. */
int yzf_col(const yzf_line *l, const char *p);

#endif
