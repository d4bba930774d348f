/* faults17_clerk HOME ACTION …: a clerk's work on a station, for the hub's fault
 * tests (faults17.sh). The command line has no lifecycle commands, so this
 * small program does what the counter does — through the service layer, on
 * the station's real database, so that the outbox's triggers see exactly what
 * a counter writes. It acts as the station head (zhaozhan), who may act on
 * every case.
 *
 *   churn N             N rounds of 补正 and materials brought (pause, resume)
 *                       over the open cases; prints how many rounds were done
 *   forward DEPT        forward an open case (not paused, not at a department)
 *                       to DEPT; prints its number
 *   handover CASE       hand CASE to another clerk (zhangli or wangfang)
 *   result CASE TEXT    record the department's result that came by phone
 *   events CASE         the timeline: kind TAB actor TAB note, oldest first
 *   state CASE          the case's state, its open forward's id (0: none) and
 *                       its owner, TAB-separated
 *
 * Exit 0, or 1 with the reason on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yizhan/service.h"
#include "yizhan/store.h"

typedef struct station {
	yz_config cfg;
	yz_store *store;
	yz_catalogue cat;
	yz_calendar cal;
	yz_session s;
} station;

static int fail(const char *what, const yz_err *err)
{
	fprintf(stderr, "faults17_clerk: %s: %s\n", what, err ? err->msg : "");
	return 1;
}

static int open_station(station *st, const char *home)
{
	yz_err err = {{0}};
	char path[4096], vocab[4096];
	yz_config_defaults(&st->cfg, home);
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	if (yz_config_load(&st->cfg, path, &err) != 0)
		return fail("yizhan.conf", &err);
	if (yz_store_open_key(st->cfg.db_path, st->cfg.key_file, &st->store, &err) != 0)
		return fail("station.db", &err);
	st->s.clock = yz_clock_real();
	yz_config_vocab_dir(&st->cfg, vocab, sizeof vocab);
	yz_diags diags = {0};
	int rc = yz_catalogue_load(st->cfg.forms_dir, vocab, yz_clock_today(&st->s.clock), &st->cat,
	                           &diags);
	yz_diags_free(&diags);
	if (rc != 0 && st->cat.n_forms == 0)
		return fail("forms", NULL);
	if (yz_service_load_calendar(&st->cfg, &st->cal, &err) != 0)
		return fail("calendar", &err);
	st->s.cfg = &st->cfg;
	st->s.store = st->store;
	st->s.cat = &st->cat;
	st->s.calendar = &st->cal;
	yz_service_set_clock(&st->s, st->s.clock);
	if (yz_user_get(st->store, "zhaozhan", &st->s.user, &err) != 0)
		return fail("the station head zhaozhan", &err);
	return 0;
}

/* The open cases that neither wait for materials nor sit at a department. */
typedef struct idle_cases {
	char (*no)[40];
	size_t n, cap;
} idle_cases;

static int keep_idle(const yz_case *c, void *ctx)
{
	idle_cases *l = ctx;
	if (c->paused_since[0] || c->forward_id)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char(*more)[40] = realloc(l->no, cap * sizeof *more);
		if (!more)
			return -1;
		l->no = more, l->cap = cap;
	}
	snprintf(l->no[l->n++], sizeof l->no[0], "%s", c->number);
	return 0;
}

static int idle(station *st, idle_cases *l)
{
	yz_err err = {{0}};
	yz_case_filter f = {.which = YZ_CASES_OPEN};
	memset(l, 0, sizeof *l);
	if (yz_case_list(st->store, &f, keep_idle, l, &err) != 0)
		return fail("cases", &err);
	if (l->n == 0)
		return fail("no open case to work on", NULL);
	return 0;
}

static int churn(station *st, long rounds)
{
	idle_cases l;
	yz_err err = {{0}};
	char by[11];
	if (idle(st, &l) != 0)
		return 1;
	yz_service_bring_by_default(&st->s, by);
	long done = 0;
	for (long i = 0; i < rounds; i++) {
		const char *no = l.no[(size_t)i % l.n];
		if (yz_service_pause(&st->s, no, "户口簿复印件", by, NULL, &err) != 0 ||
		    yz_service_resume(&st->s, no, "材料已补齐", &err) != 0) {
			free(l.no);
			return fail(no, &err);
		}
		done++;
	}
	free(l.no);
	printf("%ld\n", done);
	return 0;
}

static int forward(station *st, const char *dept)
{
	idle_cases l;
	yz_err err = {{0}};
	if (idle(st, &l) != 0)
		return 1;
	int rc = yz_service_forward(&st->s, l.no[0], dept, "", "全程代办", NULL, &err);
	if (rc == 0)
		printf("%s\n", l.no[0]);
	free(l.no);
	return rc == 0 ? 0 : fail("forward", &err);
}

static int open_case(station *st, const char *no, yz_case *c)
{
	yz_err err = {{0}};
	int rc = yz_service_case_open(&st->s, no, c, &err);
	return rc == 0 ? 0 : fail(no, rc == 1 ? NULL : &err);
}

static int handover(station *st, const char *no)
{
	yz_case c;
	yz_err err = {{0}};
	if (open_case(st, no, &c) != 0)
		return 1;
	const char *to = strcmp(c.owner, "zhangli") ? "zhangli" : "wangfang";
	if (yz_service_hand_over(&st->s, no, to, "窗口调整", &err) != 0)
		return fail("hand over", &err);
	return 0;
}

static int events(station *st, const char *no)
{
	yz_case c;
	yz_err err = {{0}};
	size_t n = 0;
	if (open_case(st, no, &c) != 0)
		return 1;
	yz_case_event *ev = calloc(1000, sizeof *ev);
	if (!ev || yz_case_timeline(st->store, c.id, ev, 1000, &n, &err) != 0) {
		free(ev);
		return fail("timeline", &err);
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s\t%s\n", ev[i].kind, ev[i].actor, ev[i].note);
	free(ev);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: faults17_clerk HOME churn N|forward DEPT|handover CASE|"
		                "result CASE TEXT|events CASE|state CASE\n");
		return 2;
	}
	station st;
	memset(&st, 0, sizeof st);
	if (open_station(&st, argv[1]) != 0)
		return 1;
	const char *act = argv[2];
	int rc = 2;
	yz_err err = {{0}};
	yz_case c;
	if (!strcmp(act, "churn") && argc == 4)
		rc = churn(&st, strtol(argv[3], NULL, 10));
	else if (!strcmp(act, "forward") && argc == 4)
		rc = forward(&st, argv[3]);
	else if (!strcmp(act, "handover") && argc == 4)
		rc = handover(&st, argv[3]);
	else if (!strcmp(act, "result") && argc == 5)
		rc = yz_service_forward_result(&st.s, argv[3], argv[4], NULL, &err) == 0
		         ? 0
		         : fail("result", &err);
	else if (!strcmp(act, "events") && argc == 4)
		rc = events(&st, argv[3]);
	else if (!strcmp(act, "state") && argc == 4 && (rc = open_case(&st, argv[3], &c)) == 0)
		printf("%s\t%lld\t%s\n", c.state, (long long)c.forward_id, c.owner);
	if (rc == 2)
		fprintf(stderr, "faults17_clerk: bad arguments\n");
	yz_store_close(st.store);
	yz_catalogue_free(&st.cat);
	yz_calendar_free(&st.cal);
	return rc;
}
