/* Keystrokes to key one paper of the residents' needs survey (issue 18;
 * forms/surveys/needs.survey: 12 questions, one of them "which of the 17
 * services, up to 5" with "other"): the keys a clerk presses, replayed into
 * the intake engine in quick mode on the survey's entry form, as the keying
 * screen sends them. Prints the count of each paper and what it answered;
 * fails (exit 1) when a paper is not stored by its last key, when its
 * answers are not the ones meant, or when the typical paper takes more than
 * the goal of 40 keys.
 *
 * A key is one key press: a digit, a space, Enter. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yizhan/form/survey.h"
#include "yz_test_paths.h"

#define GOAL 40

/* One paper: its keys ('\r' is Enter) and answers to check afterwards. */
typedef struct paper {
	const char *name;    /* what the paper says, for the figure */
	const char *keys;    /* the keys, one byte each */
	const char *want[8]; /* field, value pairs checked after; NULL ends */
} paper;

static const paper papers[] = {
    /* Serial 37, filled in by the resident; male, 60-69, junior middle
     * school, retired, a couple; services 1, 3 and 12; used 1-2 times;
     * notice board; satisfied (the reason is not asked); weekends; no
     * suggestion (Enter on the empty last question stores the paper). */
    {"typical",
     "37\r"
     "1"
     "1"
     "4"
     "2"
     "2"
     "2"
     "1 3 12\r"
     "2"
     "1"
     "2"
     "3"
     "\r",
     {"services", "\xe5\x85\xbb\xe8\x80\x81", "satisfy", "\xe6\xbb\xa1\xe6\x84\x8f", NULL}},
    /* Serial 123, filled in for the resident (dai tian: the worker's name
     * left blank, Enter); five services, the fifth (17) cannot grow: moves on
     * by itself; dissatisfied: the reason is asked and left blank (Enter). */
    {"five services, dissatisfied",
     "123\r"
     "2"
     "\r"
     "2"
     "5"
     "1"
     "2"
     "1"
     "1 2 6 10 17"
     "3"
     "3"
     "4"
     "\r"
     "4"
     "\r",
     {"services", "\xe5\xbf\x97\xe6\x84\xbf", NULL}},
};

/* Whether the value of field holds want (a part of it: an option's text). */
static bool holds(const yz_values *v, const char *field, const char *want)
{
	const char *got = yz_values_get(v, field);
	return got && strstr(got, want);
}

static int replay(const yz_survey *sv, const paper *p)
{
	yz_eval_env env = {.today = yz_clock_today(NULL)};
	yz_engine *e = yz_engine_new(sv->entry, &env);
	yz_key_result r = YZ_KEY_DONE;
	size_t keys = 0, n = strlen(p->keys);
	int rc = 0;

	yz_engine_set_quick(e, true);
	for (size_t i = 0; i < n; i++) {
		if (r == YZ_KEY_SUBMITTED) {
			fprintf(stderr, "%s: stored before its last key (%zu of %zu)\n", p->name, i,
			        n);
			rc = 1;
			break;
		}
		keys++;
		r = p->keys[i] == '\r' ? yz_engine_key(e, YZ_KEY_NEXT, 0)
		                       : yz_engine_key(e, YZ_KEY_CHAR, (uint32_t)p->keys[i]);
		if (r == YZ_KEY_INVALID || r == YZ_KEY_BLOCKED) {
			fprintf(stderr, "%s: key %zu refused: %s\n", p->name, i + 1,
			        yz_engine_message(e));
			rc = 1;
			break;
		}
	}
	if (rc == 0 && r != YZ_KEY_SUBMITTED) {
		fprintf(stderr, "%s: not stored by its last key (%s)\n", p->name,
		        yz_engine_message(e));
		rc = 1;
	}
	const yz_values *v = yz_engine_values(e);
	for (size_t i = 0; rc == 0 && p->want[i]; i += 2)
		if (!holds(v, p->want[i], p->want[i + 1])) {
			fprintf(stderr, "%s: %s is \"%s\", expected it to hold \"%s\"\n", p->name,
			        p->want[i],
			        yz_values_get(v, p->want[i]) ? yz_values_get(v, p->want[i]) : "",
			        p->want[i + 1]);
			rc = 1;
		}
	printf("needs paper (%s): %zu keys (goal <= %d)\n", p->name, keys, GOAL);
	for (size_t i = 0; i < v->n; i++)
		if (*v->vals[i])
			printf("  %s = %s\n", v->keys[i], v->vals[i]);
	yz_engine_free(e);
	return rc == 0 && keys > GOAL && p == &papers[0] ? 1 : rc;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : YZ_SOURCE_ROOT "/forms/surveys/needs.survey";
	yz_diags d = {0};
	int rc = 0;

	setlocale(LC_ALL, "");
	yz_survey *sv = yz_survey_load(path, &d);
	if (!sv) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.items[i]);
		yz_diags_free(&d);
		return 1;
	}
	printf("%s: %zu questions\n", sv->title, sv->n_questions);
	for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++)
		rc |= replay(sv, &papers[i]);
	yz_survey_free(sv);
	yz_diags_free(&d);
	return rc;
}
