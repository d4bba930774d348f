/* Reading data/demo.txt: sections of words, one record per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "demo_int.h"

static demo_section *add_section(demo_data *d, char *name)
{
	demo_section *s = realloc(d->secs, (d->n_secs + 1) * sizeof *s);

	if (!s)
		return NULL;
	d->secs = s;
	s = &d->secs[d->n_secs++];
	memset(s, 0, sizeof *s);
	s->name = name;
	return s;
}

static bool push_word(demo_section *s, char *w)
{
	char **words = realloc(s->words, (s->n_words + 1) * sizeof *words);

	if (!words)
		return false;
	s->words = words;
	s->words[s->n_words++] = w;
	return true;
}

static bool start_line(demo_section *s)
{
	size_t *l = realloc(s->line_start, (s->n_lines + 2) * sizeof *l);

	if (!l)
		return false;
	s->line_start = l;
	l[s->n_lines++] = s->n_words;
	return true;
}

/* Split one line (modified in place) into the current section. */
static bool parse_line(demo_data *d, demo_section **cur, char *line)
{
	char *save = NULL, *w;

	if (line[0] == '#' || line[strspn(line, " \t\r")] == '\0')
		return true;
	if (line[0] == '[') {
		char *end = strchr(line, ']');
		if (!end)
			return false;
		*end = '\0';
		*cur = add_section(d, line + 1);
		return *cur != NULL;
	}
	if (!*cur || !start_line(*cur))
		return false;
	for (w = strtok_r(line, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
		if (!push_word(*cur, w))
			return false;
	}
	(*cur)->line_start[(*cur)->n_lines] = (*cur)->n_words;
	return true;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)len + 1)) != NULL) {
		if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		} else {
			buf[len] = '\0';
		}
	}
	fclose(f);
	return buf;
}

int demo_data_load(const char *dir, demo_data *d, yz_err *err)
{
	char *path = yz_strdup_printf("%s/demo.txt", dir ? dir : ".");
	demo_section *cur = NULL;
	char *save = NULL, *line;

	memset(d, 0, sizeof *d);
	d->text = path ? read_file(path) : NULL;
	if (!d->text) {
		yz_err_set(err, _("The demo data file %s cannot be read."),
		           path ? path : "demo.txt");
		free(path);
		return -1;
	}
	for (line = strtok_r(d->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!parse_line(d, &cur, line)) {
			yz_err_set(err, _("The demo data file %s is malformed near: %.40s"), path,
			           line);
			free(path);
			demo_data_free(d);
			return -1;
		}
	}
	free(path);
	return 0;
}

void demo_data_free(demo_data *d)
{
	for (size_t i = 0; i < d->n_secs; i++) {
		free(d->secs[i].words);
		free(d->secs[i].line_start);
	}
	free(d->secs);
	free(d->text);
	memset(d, 0, sizeof *d);
}

const demo_section *demo_section_get(const demo_data *d, const char *name)
{
	for (size_t i = 0; i < d->n_secs; i++) {
		if (strcmp(d->secs[i].name, name) == 0)
			return &d->secs[i];
	}
	return NULL;
}

char *const *demo_line(const demo_section *s, size_t i, size_t *n)
{
	*n = s->line_start[i + 1] - s->line_start[i];
	return s->words + s->line_start[i];
}
