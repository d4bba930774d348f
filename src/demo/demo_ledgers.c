/* The demo station's rows for every shipped ledger (forms/ledgers/, issue 16):
 * approved minimum-allowance households, assistance, longevity and disability
 * allowances, migrants and rentals, employment difficulty, a residents' talk
 * day with disputes forwarded to a department, answered and rated, a follow-up
 * of a bad rating done, and volunteers' hours (with the month's cases, every
 * shipped ledger has rows). All of it is closed by now (the dashboard's
 * queues stay as the month of cases left them), but for one minimum allowance
 * application at the publicity step 20 days back, for the notice; all is dated in the
 * current year (a ledger of this year has rows even on 2 January). It runs
 * last, so that the draws of the month before it, and the station they made,
 * stay as they were. The words come from data/demo.txt, [ledger_samples]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "demo_int.h"

/* One line of [ledger_samples] by its first word: its other words. */
static char *const *sample(demo_ctx *c, const char *key, size_t *n)
{
	const demo_section *s = c->sec[S_LEDGERS];

	for (size_t i = 0; i < s->n_lines; i++) {
		char *const *w = demo_line(s, i, n);
		if (*n >= 2 && strcmp(w[0], key) == 0) {
			(*n)--;
			return w + 1;
		}
	}
	*n = 0;
	return NULL;
}

static const char *sample_word(demo_ctx *c, const char *key, size_t i)
{
	size_t n;
	char *const *w = sample(c, key, &n);

	return n ? w[i % n] : "";
}

/* The words of a sample line as a list to draw one from ('\n' between). */
static char *sample_list(demo_ctx *c, const char *key)
{
	size_t n, len = 1;
	char *const *w = sample(c, key, &n);
	char *out;

	for (size_t i = 0; i < n; i++)
		len += strlen(w[i]) + 1;
	out = malloc(len);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "\n");
		strcat(out, w[i]);
	}
	return out;
}

static const yz_demo_item *item_of(const yz_demo_item *items, size_t n, const char *form_id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].form_id, form_id) == 0)
			return &items[i];
	return NULL;
}

/* Days back from today, never before 1 January of today's year. */
static int back(demo_ctx *c, int days)
{
	yz_date jan1 = {.year = c->today.year, .month = 1, .day = 1};
	long limit = c->today_days - yz_date_to_days(jan1);

	return days > limit ? (int)limit : days < 0 ? 0 : days;
}

static void date_back(demo_ctx *c, int days, char out[11])
{
	yz_date_format(yz_date_from_days(c->today_days - back(c, days)), out);
}

/* ---- who ----------------------------------------------------------------------- */

enum who { ANY_ADULT, HEAD, FLOATING, LANDLORD, UNEMPLOYED, ELDERLY, VOLUNTEER, DISABLED };

static int age_of(demo_ctx *c, const yz_resident *r)
{
	yz_date b;

	return yz_date_parse(r->birth, &b) ? yz_age_on(b, c->today) : -1;
}

static bool disabled(demo_ctx *c, const yz_resident *r)
{
	yz_tag tags[16];
	size_t n = 0;
	char today[11];

	yz_date_format(c->today, today);
	if (yz_tag_list(c->st, r->id, YZ_ROLE_ADMIN, today, true, tags, 16, &n, NULL) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tags[i].kind == YZ_TAG_DISABLED)
			return true;
	return false;
}

static bool fits(demo_ctx *c, const yz_resident *r, enum who w)
{
	int age = age_of(c, r);

	switch (w) {
	case ANY_ADULT:
		return age >= 18;
	case HEAD:
		return age >= 18 && strcmp(r->relation, c->sec[S_RELATIONS]->words[0]) == 0;
	case FLOATING:
		return age >= 18 && strcmp(r->category, YZ_CAT_FLOATING) == 0;
	case LANDLORD:
		return age >= 30 && strcmp(r->category, YZ_CAT_REGISTERED) == 0 &&
		       strcmp(r->relation, c->sec[S_RELATIONS]->words[0]) == 0;
	case UNEMPLOYED:
		return age >= 18 && age < 60 && strcmp(r->employment, yz_employment_label(3)) == 0;
	case ELDERLY:
		return age >= YZ_ELDERLY_AGE;
	case VOLUNTEER:
		return age >= 18 && age < 70;
	case DISABLED:
		return age >= 18 && disabled(c, r);
	}
	return false;
}

/* The k-th resident (from a drawn start) who fits w, else any adult, else
 * anyone: 0 when the station has nobody. */
static int64_t pick(demo_ctx *c, enum who w, size_t k, yz_err *err)
{
	size_t start = demo_below(&c->r, c->n_res);
	yz_resident r;

	for (int pass = 0; pass < 2; pass++) {
		size_t seen = 0;
		for (size_t i = 0; i < c->n_res; i++) {
			int64_t id = c->res[(start + i) % c->n_res];
			if (yz_resident_get(c->st, id, &r, err) < 0)
				return -1;
			if (fits(c, &r, pass ? ANY_ADULT : w) && seen++ == k)
				return id;
		}
	}
	return c->n_res ? c->res[start] : 0;
}

/* ---- when ----------------------------------------------------------------------- */

/* The store stamps what follows at a moment of the day `days` back (clamped
 * to this year), minutes after 08:30, after *last and not after now; *last
 * moves there. */
static void stamp_day(demo_ctx *c, int days, int minutes, time_t *last)
{
	time_t now = yz_clock_now(&c->clock);
	time_t t = demo_local_time(yz_date_from_days(c->today_days - back(c, days)),
	                           8 * 60 + 30 + minutes);

	if (t <= *last)
		t = *last + 60;
	if (t > now)
		t = now;
	c->at = *last = t;
	yz_store_set_clock(c->st, yz_clock_fixed(&c->at));
}

static void settle(demo_ctx *c)
{
	yz_store_set_clock(c->st, c->clock);
}

/* ---- one case and what happens to it --------------------------------------------- */

/* What happens to a demo case after intake (days back from today). */
typedef struct story {
	int accepted;   /* days back */
	int forwarded;  /* days back, -1 = never forwarded */
	int answered;   /* days back the department answered */
	int closed;     /* days back, -1 = left as intake left it (on the spot) */
	int rating;     /* 0 = not rated */
	int64_t talk;   /* the talk day it was raised at, 0 = none */
	bool follow_up; /* a bad rating's follow-up done the next day */
	bool tag_dibao; /* the household now receives the allowance */
	size_t sample;  /* which department and answer */
} story;

static int forward(demo_ctx *c, const yz_case *cs, const story *s, time_t *last, yz_err *err)
{
	char sent[11], due[11], on[11];
	yz_act act = {.actor = cs->clerk_login, .today = sent};
	int rc;

	date_back(c, s->forwarded, sent);
	date_back(c, s->forwarded - 5, due);
	date_back(c, s->answered, on);
	stamp_day(c, s->forwarded, 60, last);
	rc = yz_case_forward_send(c->st, cs->id, sample_word(c, "department", s->sample), due, &act,
	                          NULL, err);
	settle(c);
	if (rc < 0)
		return -1;
	act.today = on;
	stamp_day(c, s->answered, 120, last);
	rc = yz_case_forward_result(c->st, cs->id, sample_word(c, "answer", s->sample), on, &act,
	                            err);
	if (rc == 0)
		rc = yz_case_forward_notified(c->st, cs->id, YZ_NOTIFY_PHONE, &act, err);
	settle(c);
	return rc < 0 ? -1 : 0;
}

static int rate(demo_ctx *c, const yz_case *cs, const story *s, time_t *last, yz_err *err)
{
	char on[11], due[11];
	yz_act act = {.actor = cs->clerk_login, .today = on};
	int64_t fu = 0;
	int rc;

	date_back(c, s->closed, on);
	date_back(c, s->closed - 1, due);
	stamp_day(c, s->closed, 200, last);
	rc = yz_case_rate(c->st, cs->id, s->rating,
	                  s->rating >= YZ_RATING_BAD ? sample_word(c, "comment", 0) : "", due,
	                  false, &act, &fu, err);
	settle(c);
	if (rc < 0 || !fu || !s->follow_up)
		return rc < 0 ? -1 : 0;
	/* The head calls the next day: not reached once, then satisfied. */
	char next[11];
	date_back(c, s->closed - 2, next);
	act.actor = c->head[0] ? c->head : c->actor;
	act.today = due;
	stamp_day(c, s->closed - 1, 30, last);
	rc = yz_followup_unreached(c->st, fu, next, &act, NULL, err);
	settle(c);
	if (rc < 0)
		return -1;
	act.today = next;
	act.note = sample_word(c, "note", 0);
	stamp_day(c, s->closed - 2, 40, last);
	rc = yz_followup_close(c->st, fu, YZ_FOLLOWUP_SATISFIED, 0, &act, err);
	settle(c);
	return rc < 0 ? -1 : 0;
}

static int tag_dibao(demo_ctx *c, const yz_case *cs, const story *s, yz_err *err)
{
	yz_tag t;

	memset(&t, 0, sizeof t);
	t.resident_id = cs->resident_id;
	t.kind = YZ_TAG_DIBAO;
	date_back(c, s->closed, t.start);
	return yz_tag_add(c->st, &t, c->actor, cs->number, err) < 0 ? -1 : 0;
}

static int play(demo_ctx *c, const char *station, const yz_demo_item *it, int64_t rid,
                const story *s, yz_err *err)
{
	time_t last = 0;
	yz_case cs;
	yz_act act = {0};
	char on[11];
	int rc;

	if (demo_case_new(c, station, back(c, s->accepted), it, rid, &last, &cs, err) < 0)
		return -1;
	if (s->talk && yz_talk_link(c->st, s->talk, cs.id, c->actor, err) < 0)
		return -1;
	if (s->forwarded >= 0 && forward(c, &cs, s, &last, err) < 0)
		return -1;
	if (s->closed >= 0 && it->promise_days > 0) {
		act.actor = cs.clerk_login;
		act.today = on;
		date_back(c, s->closed, on);
		stamp_day(c, s->closed, 180, &last);
		if (it->close_state && it->close_result != YZ_RESULT_NONE)
			rc = yz_case_close(c->st, cs.id, it->close_state, it->close_result, &act,
			                   err);
		else
			rc =
			    yz_case_set_status(c->st, cs.id, YZ_CASE_DONE, cs.clerk_login, "", err);
		settle(c);
		if (rc < 0)
			return -1;
	}
	if (s->closed >= 0 && s->rating && rate(c, &cs, s, &last, err) < 0)
		return -1;
	return s->tag_dibao ? tag_dibao(c, &cs, s, err) : 0;
}

/* ---- the volunteers' hours -------------------------------------------------------- */

/* The resident of the station's latest volunteer hours case (0 = none yet). */
static int latest_volunteer(const yz_case *cs, void *ctx)
{
	int64_t *who = ctx;

	if (strcmp(cs->form_id, "volunteer_hours") != 0 || !cs->resident_id)
		return 0;
	*who = cs->resident_id;
	return 1;
}

/* Two more hours of the volunteer hours item, with the activity, organiser,
 * date and hours drawn from [ledger_samples] instead of the form's one
 * example: one for the month's latest volunteer (a balance that grows), one
 * today for another (the station's newest case is one of today's, as at a real
 * counter: the screens' tests open the newest case from today's list). */
static int volunteers(demo_ctx *c, const char *station, const yz_demo_item *it, yz_err *err)
{
	static const int days[] = {60, 0};
	const char **vals = it ? calloc(it->n_fields + 1, sizeof *vals) : NULL;
	char *activity = sample_list(c, "activity"), *organiser = sample_list(c, "organiser");
	yz_case_filter all = {0};
	int64_t who[2] = {0, 0};
	char on[11];
	int rc = 0;

	if (!it || !vals || !activity || !organiser) {
		free(vals), free(activity), free(organiser);
		if (!it)
			return 0;
		yz_err_set(err, _("Out of memory."));
		return -1;
	}
	yz_demo_item v = *it;
	v.field_vals = vals;
	rc = yz_case_list(c->st, &all, latest_volunteer, &who[0], err);
	if (rc == 0 && !who[0])
		rc = (who[0] = pick(c, VOLUNTEER, 0, err)) < 0 ? -1 : 0;
	if (rc == 0)
		rc = (who[1] = pick(c, VOLUNTEER, 1, err)) < 0 ? -1 : 0;
	for (size_t i = 0; i < sizeof days / sizeof *days && rc == 0; i++) {
		date_back(c, days[i], on);
		for (size_t f = 0; f < it->n_fields; f++) {
			const char *k = it->field_keys[f];
			vals[f] = !strcmp(k, "activity")      ? activity
			          : !strcmp(k, "organiser")   ? organiser
			          : !strcmp(k, "activity_on") ? on
			          : !strcmp(k, "hours")       ? "2\n3\n4"
			                                      : it->field_vals[f];
		}
		story s = {.accepted = days[i], .forwarded = -1, .closed = -1};
		rc = play(c, station, &v, who[i], &s, err);
	}
	free(vals);
	free(activity);
	free(organiser);
	return rc;
}

/* ---- a dispute between two residents --------------------------------------------- */

/* A dispute of rid with other: the parties by name and role only (the
 * form's example parties would be strangers, and each one's ID number, phone
 * and address would make the transfer slip run onto a second page). */
static int disputed(demo_ctx *c, const char *station, const yz_demo_item *it, int64_t rid,
                    int64_t other, const story *s, yz_err *err)
{
	yz_resident a, b;
	size_t n = it->n_fields;
	const char **keys = calloc(n + 5, sizeof *keys), **vals = calloc(n + 5, sizeof *vals);
	int rc = -1;

	if (!keys || !vals) {
		yz_err_set(err, _("Out of memory."));
	} else if (yz_resident_get(c->st, rid, &a, err) == 0 &&
	           yz_resident_get(c->st, other, &b, err) == 0) {
		yz_demo_item d = *it;
		if (n) { /* an item may have no fields (its lists NULL) */
			memcpy(keys, it->field_keys, n * sizeof *keys);
			memcpy(vals, it->field_vals, n * sizeof *vals);
		}
		char before[11]; /* it happened a few days before the talk day */
		date_back(c, s->accepted + 3, before);
		for (size_t i = 0; i < n; i++)
			if (!strcmp(keys[i], "occurred_on"))
				vals[i] = before;
		keys[n] = "parties.rows", vals[n++] = "2";
		keys[n] = "parties.1.name", vals[n++] = a.name;
		keys[n] = "parties.1.role", vals[n++] = sample_word(c, "party_role", 0);
		keys[n] = "parties.2.name", vals[n++] = b.name;
		keys[n] = "parties.2.role", vals[n++] = sample_word(c, "party_role", 1);
		d.field_keys = keys;
		d.field_vals = vals;
		d.n_fields = n;
		rc = play(c, station, &d, rid, s, err);
	}
	free(keys);
	free(vals);
	return rc;
}

/* ---- the minimum allowance notice -------------------------------------------------- */

/* A minimum allowance application (of resident rid, accepted days back) that
 * the sub-district has reviewed: left open at the publicity step (the form's
 * state "publicity"), so that the notice (dibao_notice.ledger) has a row. */
static int at_publicity(demo_ctx *c, const char *station, const yz_demo_item *it, int64_t rid,
                        int days, yz_err *err)
{
	time_t last = 0;
	yz_case cs;
	char on[11];
	yz_act act = {.today = on};
	int rc;

	if (demo_case_new(c, station, back(c, days), it, rid, &last, &cs, err) < 0)
		return -1;
	act.actor = cs.clerk_login;
	date_back(c, days / 4, on);
	stamp_day(c, days / 4, 90, &last);
	rc = yz_case_transition(c->st, cs.id, cs.state, "publicity", &act, err);
	settle(c);
	return rc < 0 ? -1 : 0;
}

/* ---- the whole set ---------------------------------------------------------------- */

/* One planned case: form, who, and its story. */
typedef struct plan {
	const char *form_id;
	enum who who;
	story s;
} plan;

/* Few cases of each form: with the month's, no form has more cases than the
 * most used ones had before (the counter's numbered "most used items" stay as
 * they were; the screens' tests count on them). */
int demo_ledger_cases(demo_ctx *c, const char *station, const yz_demo_item *items, size_t n_items,
                      yz_err *err)
{
	/* accepted, forwarded, answered, closed, rating, talk, follow_up, dibao, sample */
	const plan plans[] = {
	    {"subsistence_allowance", HEAD, {150, -1, 0, 115, 0, 0, false, true, 0}},
	    {"subsistence_allowance", HEAD, {110, -1, 0, 60, 2, 0, false, true, 0}},
	    {"subsistence_allowance", HEAD, {20, -1, 0, -1, 0, 0, false, false, 0}}, /* publicity */
	    {"extreme_poverty_support", ELDERLY, {90, -1, 0, 65, 0, 0, false, false, 0}},
	    {"temporary_assistance", ANY_ADULT, {40, -1, 0, 33, 1, 0, false, false, 0}},
	    {"temporary_assistance", HEAD, {18, -1, 0, 10, 0, 0, false, false, 0}},
	    {"longevity_allowance", ELDERLY, {75, -1, 0, 62, 1, 0, false, false, 0}},
	    {"disability_subsidies", DISABLED, {65, -1, 0, 52, 0, 0, false, false, 0}},
	    {"migrant_registration", FLOATING, {85, -1, 0, -1, 0, 0, false, false, 0}},
	    {"migrant_registration", FLOATING, {35, -1, 0, -1, 0, 0, false, false, 0}},
	    {"rental_house_filing", LANDLORD, {95, -1, 0, -1, 0, 0, false, false, 0}},
	    {"rental_house_filing", LANDLORD, {38, -1, 0, -1, 0, 0, false, false, 0}},
	    {"employment_difficulty", UNEMPLOYED, {90, -1, 0, 78, 0, 0, false, false, 0}},
	};
	/* The residents' talk day 45 days back and two disputes raised there: one
	 * forwarded to a department and answered, rated badly, its follow-up done;
	 * one mediated here. (Only one forwarded: a forwarded dispute whose parties
	 * came to an agreement has a transfer slip of two pages, which
	 * tests/service/test_papers13b.c refuses for the demo's papers.) */
	const story at_talk[] = {
	    {45, 44, 42, 41, 4, 0, true, false, 1},
	    {45, -1, 0, 42, 2, 0, false, false, 3},
	};
	const yz_demo_item *dispute = item_of(items, n_items, "dispute_mediation");
	int64_t talk = 0;
	char day[11];

	for (size_t i = 0; i < sizeof plans / sizeof *plans; i++) {
		const yz_demo_item *it = item_of(items, n_items, plans[i].form_id);
		int64_t rid;
		if (!it)
			continue; /* a station without that form */
		bool publicity = plans[i].s.closed < 0 && it->promise_days > 0 &&
		                 strcmp(it->form_id, "subsistence_allowance") == 0;
		if ((rid = pick(c, plans[i].who, i % 3, err)) < 0)
			return -1;
		if (publicity ? at_publicity(c, station, it, rid, plans[i].s.accepted, err) < 0
		              : play(c, station, it, rid, &plans[i].s, err) < 0)
			return -1;
	}
	date_back(c, at_talk[0].accepted, day);
	if (dispute &&
	    yz_talk_add(c->st, day, sample_word(c, "place", 0), 23, c->actor, &talk, err) < 0)
		return -1;
	for (size_t i = 0; dispute && i < sizeof at_talk / sizeof *at_talk; i++) {
		story s = at_talk[i];
		int64_t rid = pick(c, ANY_ADULT, i, err), other = pick(c, ANY_ADULT, i + 2, err);
		s.talk = talk;
		if (rid < 0 || other < 0 || disputed(c, station, dispute, rid, other, &s, err) < 0)
			return -1;
	}
	return volunteers(c, station, item_of(items, n_items, "volunteer_hours"), err);
}
