/* The catalogue: every form of a folder, looked up by id and searched by the
 * clerk typing on the service catalogue screen. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"

static int form_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".form") == 0;
}

/* Byte order, not the locale's collation: the same order on every machine. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool add_form(yz_catalogue *cat, yz_form *f, yz_diags *diags)
{
	const yz_form *other = yz_catalogue_find(cat, f->id);
	yz_form **forms;

	/* The resident record's form is read by the registry screens, never
	 * offered as a service item. */
	if (f->record) {
		yz_diags_add(diags, f->path, f->src_line, 1,
		             _("form '%s' is a registry record (record yes): it belongs in the "
		               "registry/ folder, not among the service items"),
		             f->id);
		yz_form_free(f);
		return false;
	}
	if (other != NULL) {
		yz_diags_add(diags, f->path, f->src_line, 1,
		             _("duplicate form id '%s' (also in %s)"), f->id, other->path);
		yz_form_free(f);
		return false;
	}
	forms = realloc(cat->forms, (cat->n_forms + 1) * sizeof *forms);
	if (forms == NULL) {
		yz_diags_add(diags, f->path, 0, 0, "%s", _("out of memory"));
		yz_form_free(f);
		return false;
	}
	cat->forms = forms;
	cat->forms[cat->n_forms++] = f;
	return true;
}

/* The form files of dir, in byte order; -1 (reported) when it cannot be read. */
static int list_forms(const char *dir, bool missing_ok, struct dirent ***names, yz_diags *diags)
{
	int n = scandir(dir, names, form_file, by_name);

	if (n < 0 && missing_ok && errno == ENOENT) {
		*names = NULL;
		return 0;
	}
	if (n < 0)
		yz_diags_add(diags, dir, 0, 0, _("cannot open the folder: %s"), strerror(errno));
	return n;
}

static bool listed(struct dirent **names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i]->d_name, name) == 0)
			return true;
	return false;
}

/* Read dir/name into cat; false (reported) when it has errors. */
static bool load_one(yz_catalogue *cat, const char *dir, const char *name, yz_date today,
                     yz_diags *diags)
{
	char *path = yz_strdup_printf("%s/%s", dir, name);
	yz_form *f = path ? yz_form_load(path, today, &cat->vocab, diags) : NULL;
	bool ok = f != NULL && add_form(cat, f, diags);

	free(path);
	return ok;
}

int yz_catalogue_load_with(const char *dir, const char *overlay, const char *vocab_dir,
                           yz_date today, yz_catalogue *cat, yz_diags *diags)
{
	struct dirent **names = NULL, **over = NULL;
	yz_err err = {0};
	bool ok = true;
	int n, n_over = 0;

	cat->forms = NULL;
	cat->n_forms = 0;
	/* Without its vocabulary no service form can be read: one clear message
	 * about the vocabulary rather than one per form. */
	if (yz_form_vocab_load(vocab_dir, &cat->vocab, &err) != 0) {
		yzf_diags_push(diags, err.msg);
		return -1;
	}
	if ((n = list_forms(dir, false, &names, diags)) < 0) {
		yz_form_vocab_free(&cat->vocab);
		return -1;
	}
	/* The overlay (the district's published forms) may not exist yet; one
	 * that cannot be read is reported and the station's forms are used. */
	if (overlay && (n_over = list_forms(overlay, true, &over, diags)) < 0) {
		n_over = 0;
		ok = false;
	}
	if (n == 0 && n_over == 0) {
		yz_diags_add(diags, dir, 0, 0, "%s", _("no form files (*.form) in this folder"));
		ok = false;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		/* The overlay's file of the same name replaces this one; when it
		 * has errors (reported), the station's own is used instead, so a
		 * bad publication never takes an item from the counter. */
		if (listed(over, n_over, name)) {
			if (load_one(cat, overlay, name, today, diags))
				continue;
			ok = false;
		}
		ok = load_one(cat, dir, name, today, diags) && ok;
	}
	for (int i = 0; i < n_over; i++)
		if (!listed(names, n, over[i]->d_name))
			ok = load_one(cat, overlay, over[i]->d_name, today, diags) && ok;
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (int i = 0; i < n_over; i++)
		free(over[i]);
	free(over);
	/* A catalogue without a form holds nothing, as before the vocabulary: a
	 * caller that gives up on it need not free it. */
	if (cat->n_forms == 0)
		yz_form_vocab_free(&cat->vocab);
	return ok ? 0 : -1;
}

int yz_catalogue_load(const char *dir, const char *vocab_dir, yz_date today, yz_catalogue *cat,
                      yz_diags *diags)
{
	return yz_catalogue_load_with(dir, NULL, vocab_dir, today, cat, diags);
}

void yz_catalogue_free(yz_catalogue *cat)
{
	if (cat == NULL)
		return;
	for (size_t i = 0; i < cat->n_forms; i++)
		yz_form_free(cat->forms[i]);
	free(cat->forms);
	cat->forms = NULL;
	cat->n_forms = 0;
	yz_form_vocab_free(&cat->vocab);
}

const yz_form *yz_catalogue_find(const yz_catalogue *cat, const char *id)
{
	for (size_t i = 0; id && i < cat->n_forms; i++)
		if (strcmp(cat->forms[i]->id, id) == 0)
			return cat->forms[i];
	return NULL;
}

const yz_field_def *yz_form_field(const yz_form *f, const char *id)
{
	for (size_t i = 0; id && i < f->n_fields; i++)
		if (strcmp(f->fields[i].id, id) == 0)
			return &f->fields[i];
	return NULL;
}

const yz_document_def *yz_form_document(const yz_form *f, const char *id)
{
	for (size_t i = 0; id && i < f->n_documents; i++)
		if (strcmp(f->documents[i].id, id) == 0)
			return &f->documents[i];
	return NULL;
}

const char *yz_form_language(const yz_form *f)
{
	return f && f->language ? f->language : "zh_CN";
}

/* ---- search ------------------------------------------------------------- */

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether hay contains needle[0..n); ASCII letters match either case. Bytes of
 * multi-byte UTF-8 characters are compared exactly, which is safe because they
 * never look like ASCII. */
static bool contains(const char *hay, const char *needle, size_t n)
{
	for (; hay && *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && fold(hay[i]) == fold(needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static bool form_matches(const yz_form *f, const char *term, size_t n)
{
	return contains(f->title, term, n) || contains(f->id, term, n) ||
	       contains(f->line, term, n) || contains(f->keywords, term, n);
}

/* Length of the blank run at s: ASCII blanks and the ideographic space. */
static size_t blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	return strncmp(s, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
}

/* Every blank-separated term of the query must match. */
static bool query_matches(const yz_form *f, const char *q)
{
	while (*q) {
		size_t n = 0, k;
		while ((k = blank_len(q)) != 0)
			q += k;
		while (q[n] && blank_len(q + n) == 0)
			n++;
		if (n > 0 && !form_matches(f, q, n))
			return false;
		q += n;
	}
	return true;
}

size_t yz_catalogue_search(const yz_catalogue *cat, const char *query, size_t *out, size_t max)
{
	size_t found = 0;

	for (size_t i = 0; i < cat->n_forms; i++) {
		if (!query_matches(cat->forms[i], query ? query : ""))
			continue;
		if (found < max)
			out[found] = i;
		found++;
	}
	return found;
}
