/* The vocabularies of the form language, read from data/vocab: the words a
 * form file writes for its kind (kinds.txt) and its business line (lines.txt).
 * They are data, not C, so that a station's words live with its data. The
 * kinds themselves are an enum (YZ_FORM_KINDS in form.h) because the program's
 * rules hang on them; kinds.txt only names the word of each, under its id.
 *
 * Both files hold "id word" lines: the id [a-z][a-z0-9_]*, the word UTF-8
 * text without spaces; '#' starts a comment line (or the rest of a line after
 * the word); blank lines are skipped. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"

/* A vocabulary file is a few lines; anything much bigger is not one. */
#define VOCAB_MAX_BYTES (64 * 1024)
/* The longest word, in bytes (a business line of five characters takes 15). */
#define VOCAB_MAX_WORD 96

/* By yz_form_kind: "" for NONE, then each kind's id; a NULL ends the list. */
#define YZ_FORM_KIND_ID_(name, id) id,
static const char *const kind_ids[YZ_FORM_N_KINDS + 1] = {"", YZ_FORM_KINDS(YZ_FORM_KIND_ID_) NULL};
#undef YZ_FORM_KIND_ID_

const char *yz_form_kind_id(yz_form_kind k)
{
	return k > YZ_FORM_KIND_NONE && k < YZ_FORM_N_KINDS ? kind_ids[k] : "";
}

/* The "id word" pairs of one file, in file order. */
typedef struct pairs {
	const char *path; /* for messages */
	char **ids;       /* NULL terminated */
	char **words;     /* NULL terminated */
	int *lines;       /* line of each pair, for messages */
	size_t n, cap;
} pairs;

static void pairs_free(pairs *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->ids[i]);
		free(p->words[i]);
	}
	free(p->ids);
	free(p->words);
	free(p->lines);
	memset(p, 0, sizeof *p);
}

static int oom(yz_err *err)
{
	yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
	return -1;
}

static bool word_ok(const char *w)
{
	size_t n = strlen(w);

	if (n > VOCAB_MAX_WORD || !yz_utf8_valid(w, n))
		return false;
	for (; *w; w++)
		if ((unsigned char)*w < 0x20 || *w == 0x7f)
			return false;
	return true;
}

/* The index of s among the first n of list, or -1. */
static long find(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return (long)i;
	return -1;
}

/* Add the pair of line `no` after checking it. */
static int add_pair(pairs *p, int no, const char *id, const char *word, yz_err *err)
{
	long dup;

	if (!yzf_id_valid(id, strlen(id))) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s:%d: \"%s\" is not an id: write lower-case letters, digits and _, "
		              "starting with a letter"),
		            p->path, no, id);
		return -1;
	}
	if (!word_ok(word)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s:%d: the word of \"%s\" is not readable text or is too long"),
		            p->path, no, id);
		return -1;
	}
	if ((dup = find((const char *const *)p->ids, p->n, id)) >= 0 ||
	    (dup = find((const char *const *)p->words, p->n, word)) >= 0) {
		yz_err_setc(err, YZ_ERR_INVALID, _("%s:%d: \"%s %s\" repeats line %d"), p->path, no,
		            id, word, p->lines[dup]);
		return -1;
	}
	if (!yzf_grow(&p->ids, &p->cap, p->n + 1, sizeof *p->ids))
		return oom(err);
	size_t cap = p->cap;
	char **words = realloc(p->words, cap * sizeof *words);
	if (words)
		p->words = words;
	int *lines = words ? realloc(p->lines, cap * sizeof *lines) : NULL;
	if (lines)
		p->lines = lines;
	if (!words || !lines || !(p->ids[p->n] = yzf_strdup(id)))
		return oom(err);
	if (!(p->words[p->n] = yzf_strdup(word))) {
		free(p->ids[p->n]);
		return oom(err);
	}
	p->lines[p->n++] = no;
	p->ids[p->n] = p->words[p->n] = NULL;
	return 0;
}

/* One line (NUL terminated, no line break): a comment, a blank or a pair. */
static int parse_line(pairs *p, int no, char *s, yz_err *err)
{
	static const char space[] = " \t\r\f\v";
	char *save = NULL;
	char *id = strtok_r(s, space, &save);
	char *word = id && id[0] != '#' ? strtok_r(NULL, space, &save) : NULL;
	char *rest = word ? strtok_r(NULL, space, &save) : NULL;

	if (!id || id[0] == '#')
		return 0;
	if (!word || word[0] == '#' || (rest && rest[0] != '#')) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s:%d: expected an id and a word, such as \"on_the_spot %s\""),
		            p->path, no, "\u5373\u529e\u4ef6");
		return -1;
	}
	return add_pair(p, no, id, word, err);
}

static int parse_text(pairs *p, const char *text, size_t len, yz_err *err)
{
	int no = 0;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		char *line;
		int rc;

		no++;
		if (memchr(text + i, '\0', n)) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s:%d: the line holds a NUL byte"),
			            p->path, no);
			return -1;
		}
		if (!(line = yzf_strndup(text + i, n)))
			return oom(err);
		rc = parse_line(p, no, line, err);
		free(line);
		if (rc != 0)
			return -1;
		i += n + 1;
	}
	return 0;
}

/* Read and parse dir/name into p. */
static int read_pairs(const char *dir, const char *name, pairs *p, char *path, size_t path_size,
                      yz_err *err)
{
	char *text;
	size_t len = 0;
	FILE *f;
	int rc;

	memset(p, 0, sizeof *p);
	snprintf(path, path_size, "%s/%s", dir, name);
	p->path = path;
	if (!(f = fopen(path, "rb"))) {
		yz_err_setc(err, YZ_ERR_IO,
		            _("%s: cannot read the form vocabulary (%s). Reinstall yizhan, or call "
		              "the station's technical support."),
		            path, strerror(errno));
		return -1;
	}
	if (!(text = malloc(VOCAB_MAX_BYTES + 1))) {
		fclose(f);
		return oom(err);
	}
	len = fread(text, 1, VOCAB_MAX_BYTES + 1, f);
	rc = ferror(f) ? -1 : 0;
	fclose(f);
	if (rc != 0)
		yz_err_setc(err, YZ_ERR_IO, _("%s: cannot read the form vocabulary."), path);
	else if (len > VOCAB_MAX_BYTES)
		yz_err_setc(err, YZ_ERR_INVALID, _("%s: too big for a vocabulary (at most %d KiB)"),
		            path, VOCAB_MAX_BYTES / 1024);
	rc = rc == 0 && len <= VOCAB_MAX_BYTES ? parse_text(p, text, len, err) : -1;
	free(text);
	if (rc != 0)
		pairs_free(p);
	return rc;
}

/* The kinds: every id of YZ_FORM_KINDS once, no other. Takes the words. */
static int take_kinds(yz_form_vocab *v, pairs *p, yz_err *err)
{
	for (size_t i = 0; i < p->n; i++) {
		long k = find(kind_ids + 1, YZ_FORM_N_KINDS - 1, p->ids[i]);
		if (k < 0) {
			char *all = yzf_join(kind_ids + 1);
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: unknown kind \"%s\": the program knows %s"), p->path,
			            p->lines[i], p->ids[i], all ? all : "");
			free(all);
			return -1;
		}
		v->kinds[k + 1] = p->words[i];
		p->words[i] = NULL;
	}
	for (int k = 1; k < YZ_FORM_N_KINDS; k++) {
		if (!v->kinds[k]) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s: the kind \"%s\" is missing"),
			            p->path, kind_ids[k]);
			return -1;
		}
	}
	return 0;
}

int yz_form_vocab_load(const char *dir, yz_form_vocab *v, yz_err *err)
{
	char kpath[4096], lpath[4096];
	pairs kinds, lines;
	int rc = -1;

	memset(v, 0, sizeof *v);
	if (read_pairs(dir, "kinds.txt", &kinds, kpath, sizeof kpath, err) != 0)
		return -1;
	if (read_pairs(dir, "lines.txt", &lines, lpath, sizeof lpath, err) == 0) {
		rc = take_kinds(v, &kinds, err);
		if (rc == 0 && lines.n == 0) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s: no business lines"), lpath);
			rc = -1;
		}
		if (rc == 0) {
			v->lines = lines.words;
			v->line_ids = lines.ids;
			v->n_lines = lines.n;
			lines.words = lines.ids = NULL;
			lines.n = 0;
		}
		pairs_free(&lines);
	}
	pairs_free(&kinds);
	if (rc != 0)
		yz_form_vocab_free(v);
	return rc;
}

void yz_form_vocab_free(yz_form_vocab *v)
{
	for (int k = 0; k < YZ_FORM_N_KINDS; k++)
		free(v->kinds[k]);
	for (size_t i = 0; i < v->n_lines; i++) {
		free(v->lines[i]);
		free(v->line_ids[i]);
	}
	free(v->lines);
	free(v->line_ids);
	memset(v, 0, sizeof *v);
}

yz_form_kind yzf_vocab_kind(const yz_form_vocab *v, const char *word)
{
	for (int k = 1; v && k < YZ_FORM_N_KINDS; k++)
		if (v->kinds[k] && strcmp(v->kinds[k], word) == 0)
			return (yz_form_kind)k;
	return YZ_FORM_KIND_NONE;
}

char *yzf_vocab_kind_words(const yz_form_vocab *v)
{
	const char *words[YZ_FORM_N_KINDS] = {NULL};
	int n = 0;

	for (int k = 1; v && k < YZ_FORM_N_KINDS; k++)
		if (v->kinds[k])
			words[n++] = v->kinds[k];
	return yzf_join(words);
}

const char *const *yz_form_business_lines(const yz_catalogue *cat)
{
	static const char *const none[] = {NULL};

	return cat && cat->vocab.lines ? (const char *const *)cat->vocab.lines : none;
}
