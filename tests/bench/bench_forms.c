/* Benchmarks of the form module (figures, not a timed test):
 *   - parse the whole forms/ folder N times → ms per folder;
 *   - replay 100,000 keystrokes into the intake engine on a form with a
 *     household table and computed fields → µs per key.
 * Targets (issue 3): under 5 ms per folder, under 20 µs per key. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yizhan/form.h"
#include "yz_test_paths.h"
#include "bench_util.h"

#define PARSES 200
#define KEYS   100000

static int bench_parse(const char *dir)
{
	double t0 = now_ms(), ms;
	size_t forms = 0;

	for (int i = 0; i < PARSES; i++) {
		yz_catalogue cat;
		yz_diags d = {0};
		if (yz_catalogue_load(dir, YZ_SOURCE_ROOT "/data/vocab", yz_clock_today(NULL), &cat,
		                      &d) != 0) {
			for (size_t j = 0; j < d.n; j++)
				fprintf(stderr, "%s\n", d.items[j]);
			return 1;
		}
		forms = cat.n_forms;
		yz_catalogue_free(&cat);
		yz_diags_free(&d);
	}
	ms = (now_ms() - t0) / PARSES;
	printf("parse %s (%zu forms): %.3f ms per folder (target < 5 ms)\n", dir, forms, ms);
	return 0;
}

static const char *setting(const char *name, void *ctx)
{
	(void)name;
	(void)ctx;
	return "1050";
}

/* One abstract key of the replay script; cp 0 = a special key. */
typedef struct step {
	yz_key key;  /* what */
	uint32_t cp; /* YZ_KEY_CHAR: the character */
} step;

static size_t add_text(step *s, size_t n, const char *text)
{
	size_t len = strlen(text);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(text + i, len - i, &cp);
		s[n++] = (step){YZ_KEY_CHAR, cp};
		i += k ? k : 1;
	}
	return n;
}

/* Filling the whole test form once: about 120 keys. */
static size_t script(step *s)
{
	size_t n = 0;

	n = add_text(s, n, "11010519491231002X"); /* auto-skips */
	n = add_text(s, n, "\u738b\U00020BB7\u82b3");
	s[n++] = (step){YZ_KEY_LEFT, 0};
	s[n++] = (step){YZ_KEY_BACKSPACE, 0};
	s[n++] = (step){YZ_KEY_END, 0};
	s[n++] = (step){YZ_KEY_NEXT, 0};
	n = add_text(s, n, "13800138000");
	s[n++] = (step){YZ_KEY_NEXT, 0};
	n = add_text(s, n, "1");
	s[n++] = (step){YZ_KEY_NEXT, 0};
	n = add_text(s, n, "1 3");
	s[n++] = (step){YZ_KEY_NEXT, 0};
	n = add_text(s, n, "\u5317\u4eac\u5e02\u6d77\u6dc0\u533a\u4e2d\u5173\u6751\u5927\u8857");
	s[n++] = (step){YZ_KEY_HOME, 0};
	s[n++] = (step){YZ_KEY_PAGE_NEXT, 0};
	for (int r = 0; r < 3; r++) {
		s[n++] = (step){YZ_KEY_ROW_ADD, 0};
		n = add_text(s, n, "\u674e\u56db");
		s[n++] = (step){YZ_KEY_NEXT, 0};
		n = add_text(s, n, "2");
		s[n++] = (step){YZ_KEY_NEXT, 0};
		n = add_text(s, n, "1200.50");
		s[n++] = (step){YZ_KEY_NEXT, 0};
		n = add_text(s, n, "45");
		s[n++] = (step){YZ_KEY_NEXT, 0};
	}
	n = add_text(s, n, "300");
	s[n++] = (step){YZ_KEY_NEXT, 0};
	n = add_text(s, n, "2");
	s[n++] = (step){YZ_KEY_SUBMIT, 0};
	s[n++] = (step){YZ_KEY_PAGE_PREV, 0};
	return n;
}

static int bench_engine(const char *path)
{
	yz_diags d = {0};
	yz_form_vocab vocab;
	yz_err err = {0};
	if (yz_form_vocab_load(YZ_SOURCE_ROOT "/data/vocab", &vocab, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	yz_form *f = yz_form_load(path, yz_clock_today(NULL), &vocab, &d);
	yz_eval_env env = {{2025, 6, 15}, setting, NULL};
	step s[512];
	size_t n = script(s), done = 0;
	yz_engine *e;
	yz_engine_view v;
	double t0, us;

	if (f == NULL || (e = yz_engine_new(f, &env)) == NULL) {
		for (size_t j = 0; j < d.n; j++)
			fprintf(stderr, "%s\n", d.items[j]);
		return 1;
	}
	t0 = now_ms();
	while (done < KEYS) {
		yz_engine_load(e, NULL);
		for (size_t i = 0; i < n && done < KEYS; i++, done++) {
			yz_engine_key(e, s[i].key, s[i].cp);
			yz_engine_view_of(e, 20, &v); /* what a redraw asks */
		}
	}
	us = (now_ms() - t0) * 1e3 / KEYS;
	printf("engine: %d keys into %s (%zu keys per filled form): %.2f us per key "
	       "(target < 20 us)\n",
	       KEYS, f->id, n, us);
	yz_engine_free(e);
	yz_form_free(f);
	yz_diags_free(&d);
	yz_form_vocab_free(&vocab);
	return 0;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	return bench_parse(YZ_SOURCE_ROOT "/forms") |
	       bench_engine(YZ_SOURCE_ROOT "/tests/form/fixtures/household.form");
}
