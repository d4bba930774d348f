/* Golden parser errors: each tests/form/broken/NAME.form must give exactly the
 * messages of NAME.expected (one per line, paths shown as "NAME.form"). A file
 * that parses is also put through yz_catalogue_check, so cross-reference errors
 * are golden too. YZ_UPDATE_GOLDEN=1 rewrites the .expected files (review the
 * diff before keeping it). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "yz_test_paths.h"

#define BROKEN_DIR YZ_SOURCE_ROOT "/tests/form/broken"

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if (fp == NULL)
		return NULL;
	do {
		if (n + 4096 > cap) {
			cap = (n + 4096) * 2;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
		k = fread(buf + n, 1, 4096, fp);
		n += k;
	} while (k > 0);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* All messages of one broken file, one per line. */
static char *messages_of(const char *dir, const char *name)
{
	char path[1024];
	size_t len, size = 1;
	yz_diags d = {0};
	char *text, *out;
	yz_form *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	text = read_all(path, &len);
	assert_non_null(text);
	f = yz_form_parse(name, text, len, yz_clock_today(NULL), test_vocab(), &d);
	if (f != NULL) {
		yz_catalogue cat = {.forms = &f, .n_forms = 1};
		yz_catalogue_check(&cat, &d);
		yz_form_free(f);
	}
	for (size_t i = 0; i < d.n; i++)
		size += strlen(d.items[i]) + 1;
	out = calloc(1, size);
	assert_non_null(out);
	for (size_t i = 0; i < d.n; i++) {
		strcat(out, d.items[i]);
		strcat(out, "\n");
	}
	yz_diags_free(&d);
	free(text);
	return out;
}

static int is_form(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 5 && strcmp(e->d_name + n - 5, ".form") == 0;
}

/* Compares one file's messages with its .expected; returns true when equal. */
static bool golden(const char *name, bool update)
{
	char path[1024];
	size_t len = 0;
	char *got = messages_of(BROKEN_DIR, name), *want;
	bool same;

	snprintf(path, sizeof path, "%s/%.*s.expected", BROKEN_DIR, (int)(strlen(name) - 5), name);
	if (update) {
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(got, fp);
		fclose(fp);
	}
	want = read_all(path, &len);
	same = want != NULL && strcmp(got, want) == 0 && got[0] != '\0';
	if (!same)
		print_message("%s:\n--- want\n%s--- got\n%s", name,
		              want ? want : "(no .expected)\n", got);
	free(got);
	free(want);
	return same;
}

static void test_golden(void **state)
{
	struct dirent **names = NULL;
	int n = scandir(BROKEN_DIR, &names, is_form, alphasort), failed = 0;
	bool update = getenv("YZ_UPDATE_GOLDEN") != NULL;

	(void)state;
	assert_true(n >= 20);
	for (int i = 0; i < n; i++) {
		failed += !golden(names[i]->d_name, update);
		free(names[i]);
	}
	free(names);
	assert_int_equal(failed, 0);
}

const struct CMUnitTest broken_tests[] = {
    cmocka_unit_test(test_golden),
};
const size_t n_broken_tests = sizeof broken_tests / sizeof *broken_tests;
