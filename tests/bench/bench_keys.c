/* Keystrokes of the counter's common transactions (issue 12), counted as a
 * clerk presses them (vt_keys: a function key one, each character one): the
 * real binary under a pty on a demo station, printing to the private cupsd of
 * tests/lib/with-cupsd. The flows are the screen tests' (tests/screen/flows.h).
 *
 * usage: bench_keys /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../screen/flows.h"
#include "../screen/screen_fixture.h"
#include "yizhan/store.h"

/* Residents of the demo registry with a residence start on record whose
 * last four ID characters name them for sure (the counter's rule). */
static int pick(yz_resident *out, size_t want)
{
	yz_store *st;
	yz_err err;
	size_t got = 0;

	if (scr_store_open(&st, &err) != 0)
		return -1;
	for (long id = 1, n = yz_resident_count(st); id <= n && got < want; id++) {
		yz_resident r;
		yz_search_hit hit[2];
		size_t k = 0;
		bool more = true;
		if (yz_resident_get(st, id, &r, NULL) != 0 || !r.since[0] || !r.address[0] ||
		    yz_registry_search(st, r.idno + 14, hit, 2, &k, NULL) != 0 || k != 1 ||
		    hit[0].r.id != r.id ||
		    yz_resident_idno_more(st, r.idno + 14, &more, NULL) != 0 || more)
			continue;
		out[got++] = r;
	}
	yz_store_close(st);
	return got == want ? 0 : -1;
}

/* Whether c is an open di bao case of the resident *ctx (then *ctx = 0). */
static int open_dibao(const yz_case *c, void *ctx)
{
	int64_t *who = ctx;
	if (strcmp(c->form_id, "subsistence_allowance") == 0 && c->resident_id == *who)
		*who = 0;
	return *who == 0;
}

/* The head of a household of three in the demo registry, with a phone and an
 * address on record and no open di bao case (flow_dibao). */
static int pick_household(yz_resident *head)
{
	yz_store *st;
	yz_err err;
	yz_resident m[8];
	int rc = -1;

	if (scr_store_open(&st, &err) != 0)
		return -1;
	for (long id = 1, n = yz_resident_count(st); id <= n && rc != 0; id++) {
		size_t k = 0;
		int64_t who = id;
		yz_case_filter f = {.which = YZ_CASES_OPEN};
		if (yz_resident_get(st, id, head, NULL) != 0 || !head->household_id ||
		    !head->phone[0] || !head->address[0] ||
		    yz_household_members(st, head->household_id, m, 8, &k, NULL) != 0 || k != 3 ||
		    m[0].id != id || yz_case_list(st, &f, open_dibao, &who, NULL) != 0 || who != id)
			continue;
		rc = 0;
	}
	yz_store_close(st);
	return rc;
}

int main(int argc, char **argv)
{
	yz_resident who[2];
	int rc = 1;

	if (scr_args(argc, argv) != 0)
		return 2;
	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzbenchkeys", NULL) != 0 || pick(who, 2) != 0) {
		fprintf(stderr, "bench_keys: no demo station with two residents to serve\n");
		scr_teardown(NULL);
		return 1;
	}
	vt *v = scr_start(scr_env_zh, 24, 80, NULL);
	scr_login(v, "\u8bf7\u767b\u5f55", "zhangli", "demo1234"); /* "please log in" */
	/* The station's first certificate of the day: the demo's month holds only
	 * two, so the item is typed (jzzm) and the purpose chosen; the second is
	 * served as any station serving them daily does. */
	long first = flow_residence(v, who[0].idno + 14);
	if (first > 0) {
		vt_send(v, VT_ENTER);
		long keys = flow_residence(v, who[1].idno + 14);
		if (keys > 0) {
			printf("residence certificate (known resident): %ld keys"
			       " (the day's first at the demo station: %ld)\n",
			       keys, first);
			rc = 0;
		}
	}
	/* A household of three from the registry: the head applies for di bao. */
	yz_resident head;
	if (rc == 0 && pick_household(&head) == 0) {
		flow_household h = {head.name, head.idno, 3, NULL, NULL};
		vt_send(v, VT_ENTER);
		long keys = flow_dibao(v, &h);
		if (keys > 0)
			printf("di bao, new applicant with 3 household members: %ld keys\n", keys);
		rc = keys > 0 ? 0 : 1;
	} else {
		rc = 1;
	}
	vt_close(v);
	scr_teardown(NULL);
	return rc;
}
