/* Internal: the parsed data/demo.txt (demo_data.c) used by the demo station
 * generator (demo.c). */
#ifndef YZ_STORE_DEMO_H
#define YZ_STORE_DEMO_H

#include <stddef.h>

#include "yizhan/text.h"

/* One [section]: its words in file order, and where each line starts. */
typedef struct demo_section {
	char *name;         /* without brackets; points into demo_data.text */
	char **words;       /* every word of every line, in order */
	size_t n_words;     /* number of words */
	size_t *line_start; /* n_lines + 1 entries: index of each line's first word, then n_words */
	size_t n_lines;     /* number of non-comment lines */
} demo_section;

/* The whole file. */
typedef struct demo_data {
	char *text;         /* the file's bytes, cut into words in place */
	demo_section *secs; /* sections in file order */
	size_t n_secs;      /* number of sections */
} demo_data;

int demo_data_load(const char *dir, demo_data *d, yz_err *err);
void demo_data_free(demo_data *d);
/* NULL when absent. */
const demo_section *demo_section_get(const demo_data *d, const char *name);
/* The words of line i; *n receives their number. */
char *const *demo_line(const demo_section *s, size_t i, size_t *n);

#endif
