/* The demo station's month of cases: drawn over the service items and the last
 * 29 days, each created and closed at its own past time. The store stamps with
 * its clock, so the demo sets that clock to the moment (yz_clock_fixed) around
 * each public call and gives the store its own clock back afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "demo_int.h"

time_t demo_local_time(yz_date d, int minutes)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int cmp_desc(const void *a, const void *b)
{
	return *(const int *)b - *(const int *)a;
}

/* Whether a case with this due date is done by now. */
static bool demo_done(demo_ctx *c, const yz_demo_item *it, long due_days)
{
	if (it->promise_days <= 0)
		return true; /* on the spot */
	return demo_chance(&c->r, due_days < c->today_days ? 60 : 30);
}

/* A time during office hours on the day of intake; today's cases lie between
 * 08:30 and now. */
static time_t intake_time(demo_ctx *c, yz_date acc, int offset, time_t now)
{
	time_t open = demo_local_time(acc, 8 * 60 + 30);
	long span = 8 * 60;

	if (offset == 0 && now - open < span * 60)
		span = now > open ? (long)((now - open) / 60) : 0;
	return open + 60 * (time_t)demo_below(&c->r, (size_t)span + 1);
}

/* When a case closed: some days after intake, within its promise, never later
 * than now. */
static time_t done_time(demo_ctx *c, time_t accepted, int offset, int promise, time_t now)
{
	int days = offset < promise ? offset : promise;
	time_t t = accepted + 86400L * (long)demo_below(&c->r, (size_t)days + 1) + 3600;

	return t < now ? t : now;
}

/* The store stamps what follows at t (until stamp_now). */
static void stamp_at(demo_ctx *c, time_t t)
{
	c->at = t;
	yz_store_set_clock(c->st, yz_clock_fixed(&c->at));
}

static void stamp_now(demo_ctx *c)
{
	yz_store_set_clock(c->st, c->clock);
}

/* Remember the business line of a case (staffed by demo_lifecycle). */
static int note_line(demo_ctx *c, const char *line, yz_err *err)
{
	const char **l;

	if (!line || !*line)
		return 0;
	for (size_t i = 0; i < c->n_lines; i++)
		if (strcmp(c->lines[i], line) == 0)
			return 0;
	l = realloc(c->lines, (c->n_lines + 1) * sizeof *l);
	if (!l) {
		yz_err_set(err, _("Out of memory."));
		return -1;
	}
	c->lines = l;
	c->lines[c->n_lines++] = line;
	return 0;
}

/* The fields of one case, as intake would record them (see yz_demo_item). */
#define DEMO_FIELDS_MAX 64
typedef struct demo_fields {
	const char *keys[DEMO_FIELDS_MAX];
	const char *vals[DEMO_FIELDS_MAX];
	char drawn[DEMO_FIELDS_MAX][128]; /* values drawn from a list */
	size_t n;
} demo_fields;

/* One line of a '\n'-separated list, at random. */
static const char *draw_line(demo_ctx *c, const char *list, char out[128])
{
	size_t n = 1, len;
	const char *s = list;

	for (const char *p = list; (p = strchr(p, '\n')) != NULL; p++)
		n++;
	for (size_t k = demo_below(&c->r, n); k > 0; k--)
		s = strchr(s, '\n') + 1;
	len = strcspn(s, "\n");
	if (len > 127)
		for (len = 127; len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80; len--)
			; /* never half a character */
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

static void case_fields(demo_ctx *c, const yz_demo_item *it, const yz_resident *r, demo_fields *f)
{
	f->n = 0;
	if (it->n_fields == 0) {
		f->keys[0] = "purpose";
		f->vals[f->n++] = demo_pick(c, S_PURPOSES);
		return;
	}
	for (size_t i = 0; i < it->n_fields && f->n < DEMO_FIELDS_MAX; i++) {
		const char *k = it->field_keys[i], *v = it->field_vals[i];

		if (it->applicant_field && strcmp(k, it->applicant_field) == 0)
			v = r->idno;
		else if (strcmp(k, "phone") == 0 && r->phone[0])
			v = r->phone;
		else if (strcmp(k, "address") == 0 && r->address[0])
			v = r->address;
		else if (strchr(v, '\n'))
			v = draw_line(c, v, f->drawn[f->n]);
		f->keys[f->n] = k;
		f->vals[f->n++] = v;
	}
}

/* The fields completed as intake would record them (yz_demo_item.complete)
 * into out; out stays empty when the item has no completer. */
static int complete_fields(const yz_demo_item *it, const yz_resident *r, const demo_fields *f,
                           yz_kv_list *out, yz_err *err)
{
	yz_kv_list drawn = {0};
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (!it->complete)
		return 0;
	for (size_t i = 0; i < f->n && rc == 0; i++)
		if (yz_kv_push(&drawn, f->keys[i], f->vals[i]) != 0) {
			yz_err_set(err, _("Out of memory."));
			rc = -1;
		}
	if (rc == 0 && it->complete(it->complete_ctx, it, r->id ? r : NULL, &drawn, out, err) != 0)
		rc = -1;
	yz_kv_free(&drawn);
	return rc;
}

/* The case as intake records it (in), from its fields f, dates and whether
 * it was done on the spot. */
static void intake_record(demo_ctx *c, const yz_demo_item *it, const demo_fields *f,
                          const char *acc, const char *due, bool done, yz_case_new *in)
{
	const demo_section *mat = c->sec[S_MATERIALS];

	memset(in, 0, sizeof *in);
	in->form_id = it->form_id;
	in->item = it->title;
	in->line = it->line;
	in->clerk_login = c->clerks[demo_below(&c->r, c->n_clerks)];
	in->accepted_date = acc;
	in->due_date = due;
	in->status = done && it->promise_days <= 0 ? YZ_CASE_DONE : YZ_CASE_ACCEPTED;
	in->state = it->first_state;
	in->promise_days = it->promise_days;
	in->legal_days = it->legal_days;
	in->field_keys = f->keys;
	in->field_vals = f->vals;
	in->n_fields = f->n;
	in->materials = it->n_materials ? it->materials : (const char *const *)mat->words;
	in->n_materials = it->n_materials ? it->n_materials : mat->n_words;
}

/* One case of a resident (want, or one drawn when 0), created at its intake
 * time *t (offset days ago, not after now); *done says whether it is finished
 * by now, *cs receives it. */
static int create_case(demo_ctx *c, const char *station, int offset, const yz_demo_item *it,
                       int64_t want, time_t now, time_t *t, bool *done, yz_case *cs, yz_err *err)
{
	yz_date acc = yz_date_from_days(c->today_days - offset);
	/* promised and legal dates in working days, as intake counts them */
	long due_days = yz_date_to_days(yz_add_workdays(c->cal, acc, it->promise_days, NULL));
	char acc_s[11], due_s[11] = "", legal_s[11] = "";
	yz_case_new in;
	yz_resident r;
	demo_fields *f;
	yz_kv_list kv; /* the fields completed, when the item completes them */
	int64_t rid = want ? want : c->n_res ? c->res[demo_below(&c->r, c->n_res)] : 0;
	int rc;

	memset(&r, 0, sizeof r);
	if (rid && yz_resident_get(c->st, rid, &r, err) < 0)
		return -1;
	f = malloc(sizeof *f);
	if (!f) {
		yz_err_set(err, _("Out of memory."));
		return -1;
	}
	case_fields(c, it, &r, f);
	if (complete_fields(it, &r, f, &kv, err) < 0) {
		free(f);
		return -1;
	}
	*t = intake_time(c, acc, offset, now);
	/* the odds as the seed always drew them (calendar days), so that the
	 * demo's story stays as it was */
	*done = demo_done(c, it, c->today_days - offset + it->promise_days);
	yz_date_format(acc, acc_s);
	if (it->promise_days > 0)
		yz_date_format(yz_date_from_days(due_days), due_s);
	if (it->legal_days > 0)
		yz_date_format(yz_add_workdays(c->cal, acc, it->legal_days, NULL), legal_s);
	intake_record(c, it, f, acc_s, due_s, *done, &in);
	in.legal_due_date = legal_s;
	if (kv.n) {
		in.field_keys = (const char *const *)kv.keys;
		in.field_vals = (const char *const *)kv.vals;
		in.n_fields = kv.n;
	}
	in.resident_id = rid;
	stamp_at(c, *t < now ? *t : now);
	rc = yz_case_create(c->st, station, acc.year, &in, cs, err);
	stamp_now(c);
	free(f);
	yz_kv_free(&kv);
	return rc < 0 ? -1 : note_line(c, it->line, err);
}

static int add_case(demo_ctx *c, const char *station, int offset, const yz_demo_item *it,
                    yz_err *err)
{
	time_t now = yz_clock_now(&c->clock), t;
	bool done;
	yz_case cs;
	yz_act act = {0};
	int rc;

	if (create_case(c, station, offset, it, 0, now, &t, &done, &cs, err) < 0)
		return -1;
	if (!done || it->promise_days <= 0)
		return 0;
	/* Closed by the clerk who took it in, some days later. */
	act.actor = cs.clerk_login;
	stamp_at(c, done_time(c, t, offset, it->promise_days, now));
	if (it->close_state && it->close_result != YZ_RESULT_NONE)
		rc = yz_case_close(c->st, cs.id, it->close_state, it->close_result, &act, err);
	else
		rc = yz_case_set_status(c->st, cs.id, YZ_CASE_DONE, cs.clerk_login, "", err);
	stamp_now(c);
	return rc;
}

int demo_case_new(demo_ctx *c, const char *station, int offset, const yz_demo_item *it, int64_t rid,
                  time_t *t, yz_case *cs, yz_err *err)
{
	bool done;

	return create_case(c, station, offset, it, rid, yz_clock_now(&c->clock), t, &done, cs, err);
}

/* Items with a promised time limit are drawn twice as often as on-the-spot ones:
 * they are the cases that stay open, fall due and run late, which is what the
 * dashboard is for. */
static const yz_demo_item *pick_item(demo_ctx *c, const yz_demo_item *items, size_t n_items)
{
	const yz_demo_item *it = &items[demo_below(&c->r, n_items)];

	if (it->promise_days <= 0 && demo_chance(&c->r, 50))
		it = &items[demo_below(&c->r, n_items)];
	return it;
}

int demo_add_cases(demo_ctx *c, const char *station, int n_cases, const yz_demo_item *items,
                   size_t n_items, yz_err *err)
{
	int *off;
	int rc = 0;

	if (n_cases <= 0)
		return 0;
	if (!items || !n_items) {
		yz_err_set(err, _("The demo needs at least one service item for its cases."));
		return -1;
	}
	off = malloc((size_t)n_cases * sizeof *off);
	if (!off) {
		yz_err_set(err, _("Out of memory."));
		return -1;
	}
	/* About one case in seven today; the rest over the last 29 days, oldest first
	 * so that numbers grow with time as they do at a real counter. */
	for (int i = 0; i < n_cases; i++)
		off[i] = demo_chance(&c->r, 15) ? 0 : 1 + (int)demo_below(&c->r, 29);
	qsort(off, (size_t)n_cases, sizeof *off, cmp_desc);
	for (int i = 0; i < n_cases && rc == 0; i++)
		rc = add_case(c, station, off[i], pick_item(c, items, n_items), err);
	free(off);
	return rc;
}
