/* The station's figures (issue 16): periods, the counting of what the store's
 * passes (store/stats.h) hand on, and the refusal of clerks; the district's
 * (issue 17): the same counting of what the hub's read (hub.h,
 * yz_hub_stats_read) hands on across stations. The counting takes its
 * records from a source (the store or the hub) and never knows which. The
 * definitions are service/stats.h's; the sentence and the report are in
 * stats_report.c.
 *
 * Working days come from the session's calendar through a table of running
 * counts built once per call (yz_is_workday for every day of the span, so it
 * gives what yz_workdays_between gives, looked up instead of walked: a year of
 * 1,000,000 cases would otherwise count ten million days). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* ---- periods ---------------------------------------------------------------- */

static void period_set(yz_period *p, yz_period_kind kind, int year, int first_month)
{
	int months = kind == YZ_PERIOD_MONTH ? 1 : kind == YZ_PERIOD_QUARTER ? 3 : 12;
	yz_date next = {year + (first_month - 1 + months) / 12, (first_month - 1 + months) % 12 + 1,
	                1};

	p->kind = kind;
	p->from = (yz_date){year, first_month, 1};
	p->to = yz_date_from_days(yz_date_to_days(next) - 1);
	if (kind == YZ_PERIOD_MONTH)
		snprintf(p->id, sizeof p->id, "%04d-%02d", year, first_month);
	else if (kind == YZ_PERIOD_QUARTER)
		snprintf(p->id, sizeof p->id, "%04dQ%d", year, (first_month - 1) / 3 + 1);
	else
		snprintf(p->id, sizeof p->id, "%04d", year);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int yz_period_parse(const char *text, yz_period *p, yz_err *err)
{
	size_t n = text ? strlen(text) : 0;
	int year = n >= 4 && digits(text, 4) ? atoi(text) : 0;

	if (year >= 1900 && n == 4) {
		period_set(p, YZ_PERIOD_YEAR, year, 1);
		return 0;
	}
	if (year >= 1900 && n == 7 && text[4] == '-' && digits(text + 5, 2)) {
		int m = atoi(text + 5);
		if (m >= 1 && m <= 12) {
			period_set(p, YZ_PERIOD_MONTH, year, m);
			return 0;
		}
	}
	if (year >= 1900 && n == 6 && (text[4] == 'Q' || text[4] == 'q') && text[5] >= '1' &&
	    text[5] <= '4') {
		period_set(p, YZ_PERIOD_QUARTER, year, (text[5] - '1') * 3 + 1);
		return 0;
	}
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("\"%s\" is not a period: write a month as 2026-11, a quarter as 2026Q4, a "
	              "year as 2026."),
	            text ? text : "");
	return -1;
}

void yz_period_of(yz_period_kind kind, yz_date day, yz_period *p)
{
	int first = kind == YZ_PERIOD_MONTH     ? day.month
	            : kind == YZ_PERIOD_QUARTER ? (day.month - 1) / 3 * 3 + 1
	                                        : 1;
	period_set(p, kind, day.year, first);
}

void yz_period_step(const yz_period *p, int step, yz_period *out)
{
	int months = p->kind == YZ_PERIOD_MONTH ? 1 : p->kind == YZ_PERIOD_QUARTER ? 3 : 12;
	long m = (long)p->from.year * 12 + (p->from.month - 1) + (long)step * months;

	period_set(out, p->kind, (int)(m / 12), (int)(m % 12) + 1);
}

void yz_period_label(const yz_period *p, char *buf, size_t n)
{
	static const char *const quarters[] = {N_("first quarter"), N_("second quarter"),
	                                       N_("third quarter"), N_("fourth quarter")};

	if (p->kind == YZ_PERIOD_MONTH)
		/* TRANSLATORS: a month on paper: year, month (1-12). */
		snprintf(buf, n, P_("%1$d-%2$02d"), p->from.year, p->from.month);
	else if (p->kind == YZ_PERIOD_QUARTER)
		/* TRANSLATORS: a quarter on paper: year, "fourth quarter". */
		snprintf(buf, n, P_("%1$d, %2$s"), p->from.year,
		         P_(quarters[(p->from.month - 1) / 3]));
	else
		/* TRANSLATORS: a year on paper. */
		snprintf(buf, n, P_("year %d"), p->from.year);
}

int yz_stats_by_from(const char *word)
{
	static const char *const words[] = {
	    [YZ_STATS_BY_LINE] = "line",   [YZ_STATS_BY_ITEM] = "item",
	    [YZ_STATS_BY_CLERK] = "clerk", [YZ_STATS_BY_GRID] = "grid",
	    [YZ_STATS_BY_MONTH] = "month", [YZ_STATS_BY_STATION] = "station",
	};
	for (size_t i = 1; word && i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(word, words[i]))
			return (int)i;
	return -1;
}

/* ---- working days, looked up ------------------------------------------------ */

typedef struct wd_table {
	const yz_calendar *cal;
	long first; /* day number of cum[0] */
	long n;     /* days in cum */
	int *cum;   /* cum[i]: working days in (first, first + i] */
} wd_table;

static int wd_init(wd_table *w, const yz_calendar *cal, long first, long last)
{
	w->cal = cal;
	w->first = first;
	w->n = last - first + 1;
	w->cum = malloc((size_t)w->n * sizeof *w->cum);
	if (!w->cum)
		return -1;
	w->cum[0] = 0;
	for (long i = 1; i < w->n; i++)
		w->cum[i] = w->cum[i - 1] + yz_is_workday(cal, yz_date_from_days(first + i));
	return 0;
}

/* Working days in (a, b], as yz_workdays_between counts them. */
static long wd_between(const wd_table *w, long a, long b)
{
	if (b <= a)
		return 0;
	if (a >= w->first && b < w->first + w->n)
		return w->cum[b - w->first] - w->cum[a - w->first];
	return yz_workdays_between(w->cal, yz_date_from_days(a), yz_date_from_days(b));
}

/* Day numbers of date texts, kept for the dates seen (a few hundred in a
 * year, each seen thousands of times). */
#define DAY_SLOTS 1024

typedef struct day_cache {
	char text[DAY_SLOTS][10];
	long day[DAY_SLOTS];
} day_cache;

/* Day number of a date text; -1 for "" or no date. */
static long day_of(day_cache *dc, const char *text)
{
	unsigned h = 0;
	yz_date d;

	if (!text[0])
		return -1;
	for (int i = 0; i < 10 && text[i]; i++)
		h = h * 31 + (unsigned char)text[i];
	h %= DAY_SLOTS;
	if (strlen(text) == 10 && memcmp(dc->text[h], text, 10) == 0)
		return dc->day[h];
	long day = yz_date_parse(text, &d) ? yz_date_to_days(d) : -1;
	if (strlen(text) == 10) {
		memcpy(dc->text[h], text, 10);
		dc->day[h] = day;
	}
	return day;
}

/* ---- the keys of the rows ---------------------------------------------------- */

#define KEY_SLOTS 4096 /* open addressing; more keys than slots / 2 are one row "…" */

typedef struct key_map {
	char *key[KEY_SLOTS]; /* the map's key (form id for items, login for clerks) */
	int row[KEY_SLOTS];   /* its row */
	size_t n;             /* keys in the map */
} key_map;

/* One row being counted, with what ordering and naming it needs. */
typedef struct acc_row {
	yz_stats_row r;
	char sort[192]; /* items: the line's place and name, for the order */
	int order;      /* lines: the catalogue's order */
} acc_row;

typedef struct counter {
	yz_session *s;
	const yz_period *p;
	yz_stats_by by;
	wd_table wd;
	long from, to; /* the period's days */
	long cut;      /* the first day not counted as passed: to + 1, or today when earlier
	                * (also for a period still to come) */
	yz_period months[12];
	long m_from[12], m_to[12], m_cut[12];
	int n_months;
	key_map *map;
	day_cache *days;
	acc_row *rows;
	size_t n_rows, cap_rows;
	yz_stats *out;
	yz_stats_dept *depts;
	size_t n_depts, cap_depts;
	bool oom;
} counter;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The row of key; -1 when out of memory. */
static int row_of(counter *x, const char *key)
{
	unsigned i = hash(key) % KEY_SLOTS;

	while (x->map->key[i]) {
		if (!strcmp(x->map->key[i], key))
			return x->map->row[i];
		i = (i + 1) % KEY_SLOTS;
	}
	if (x->map->n >= KEY_SLOTS / 2 && strcmp(key, "\x01") != 0)
		return row_of(x, "\x01"); /* a station with thousands of keys: the rest together */
	if (x->n_rows == x->cap_rows) {
		size_t cap = x->cap_rows ? x->cap_rows * 2 : 32;
		acc_row *r = realloc(x->rows, cap * sizeof *r);
		if (!r)
			return -1;
		x->rows = r;
		x->cap_rows = cap;
	}
	if (!(x->map->key[i] = strdup(key)))
		return -1;
	x->map->row[i] = (int)x->n_rows;
	x->map->n++;
	memset(&x->rows[x->n_rows], 0, sizeof x->rows[0]);
	snprintf(x->rows[x->n_rows].r.key, sizeof x->rows[0].r.key, "%s", key);
	return (int)x->n_rows++;
}

/* The row a record of these keys counts in (by month: chosen per day). */
static yz_stats_row *split_row(counter *x, const yz_stats_keys *k)
{
	const char *key;
	int i;

	switch (x->by) {
	case YZ_STATS_BY_LINE:
		key = k->line;
		break;
	case YZ_STATS_BY_ITEM:
		key = k->form_id;
		break;
	case YZ_STATS_BY_CLERK:
		key = k->clerk;
		break;
	case YZ_STATS_BY_GRID:
		key = k->grid;
		break;
	case YZ_STATS_BY_STATION:
		key = k->station ? k->station : "";
		break;
	default:
		return NULL;
	}
	i = row_of(x, key);
	if (i < 0) {
		x->oom = true;
		return NULL;
	}
	if (x->by == YZ_STATS_BY_ITEM && !x->rows[i].sort[0]) /* its line, for the order */
		snprintf(x->rows[i].sort, sizeof x->rows[i].sort, "%s\x1f%s", k->line, k->item);
	return &x->rows[i].r;
}

/* The month row of day d (by month), or NULL. */
static int month_of(const counter *x, long d)
{
	for (int m = 0; m < x->n_months; m++)
		if (d >= x->m_from[m] && d <= x->m_to[m])
			return m;
	return -1;
}

/* ---- counting ---------------------------------------------------------------- */

/* The working days a case took, the days it stood still not counted. */
static long took_days(const counter *x, const yz_stats_case *c, long acc, long closed)
{
	long days = wd_between(&x->wd, acc, closed);

	for (size_t i = 0; i < c->n_pauses; i++) {
		long f = day_of(x->days, c->pauses[i].from),
		     u = day_of(x->days, c->pauses[i].until);
		if (f < 0)
			continue;
		if (u < 0 || u > closed)
			u = closed;
		days -= wd_between(&x->wd, f, u);
	}
	return days < 0 ? 0 : days;
}

/* Waiting for the resident (a pause started and not ended) at the end of day. */
static bool paused_at(const counter *x, const yz_stats_case *c, long day)
{
	for (size_t i = 0; i < c->n_pauses; i++) {
		long f = day_of(x->days, c->pauses[i].from),
		     u = day_of(x->days, c->pauses[i].until);
		if (f >= 0 && f <= day && (u < 0 || u > day))
			return true;
	}
	return false;
}

/* What every row a case counts in needs, worked out once per case. */
typedef struct case_facts {
	long acc, closed, due; /* day numbers; -1 none */
	bool spot;             /* on the spot: on time whenever closed */
	long took;             /* working days to finish; -1 not worked out yet */
} case_facts;

/* Count case c into row r over the days [from, to]; cut: the first day not
 * passed yet at the period's end. */
static void count_case(const counter *x, yz_stats_row *r, const yz_stats_case *c, case_facts *k,
                       long from, long to, long cut)
{
	if (k->acc >= from && k->acc <= to)
		r->accepted++;
	if (k->closed >= from && k->closed <= to) {
		r->finished++;
		if (k->spot || k->due < 0 || k->closed <= k->due)
			r->on_time++;
		else
			r->late++;
		if (k->took < 0)
			k->took = took_days(x, c, k->acc, k->closed);
		r->workdays_sum += k->took;
	}
	if (k->acc <= to && (k->closed < 0 || k->closed > to)) {
		r->open_end++;
		if (!k->spot && k->due >= 0 && k->due < cut && !paused_at(x, c, cut - 1))
			r->overdue_open++;
	}
	for (size_t i = 0; i < c->n_pauses; i++) {
		long f = day_of(x->days, c->pauses[i].from);
		r->corrections += f >= from && f <= to;
	}
}

static int on_case(const yz_stats_case *c, void *ctx)
{
	counter *x = ctx;
	case_facts k = {.acc = day_of(x->days, c->accepted),
	                .closed = day_of(x->days, c->closed),
	                .due = day_of(x->days, c->due),
	                .took = -1};

	if (k.acc < 0)
		return 0;
	k.spot = c->promise_days == 0 || (k.due >= 0 && k.due == k.acc);
	count_case(x, &x->out->total, c, &k, x->from, x->to, x->cut);
	if (x->by == YZ_STATS_BY_MONTH) {
		for (int m = 0; m < x->n_months; m++)
			if (k.acc <= x->m_to[m] && (k.closed < 0 || k.closed >= x->m_from[m]))
				count_case(x, &x->rows[m].r, c, &k, x->m_from[m], x->m_to[m],
				           x->m_cut[m]);
	} else if (x->by != YZ_STATS_BY_NONE) {
		yz_stats_row *r = split_row(x, &c->keys);
		if (r)
			count_case(x, r, c, &k, x->from, x->to, x->cut);
	}
	return x->oom ? -1 : 0;
}

/* A forward into row r: its answer as it stood at the end of day `end`. */
static void count_forward(const counter *x, yz_stats_row *r, yz_stats_dept *d,
                          const yz_stats_forward *f, long end, long cut)
{
	long sent = day_of(x->days, f->sent), ans = day_of(x->days, f->answered),
	     due = day_of(x->days, f->due);
	bool answered = ans >= 0 && ans <= end;
	long days = answered ? wd_between(&x->wd, sent, ans) : 0;

	if (r) {
		r->forwarded++;
		r->answered += answered;
		r->answer_days_sum += days;
	}
	if (d) {
		d->forwarded++;
		d->answered += answered;
		d->answer_days_sum += days;
		d->overdue += due >= 0 && (answered ? ans > due : due < cut);
	}
}

static yz_stats_dept *dept_of(counter *x, const char *name)
{
	for (size_t i = 0; i < x->n_depts; i++)
		if (!strcmp(x->depts[i].department, name))
			return &x->depts[i];
	if (x->n_depts == x->cap_depts) {
		size_t cap = x->cap_depts ? x->cap_depts * 2 : 16;
		yz_stats_dept *d = realloc(x->depts, cap * sizeof *d);
		if (!d) {
			x->oom = true;
			return NULL;
		}
		x->depts = d;
		x->cap_depts = cap;
	}
	yz_stats_dept *d = &x->depts[x->n_depts++];
	memset(d, 0, sizeof *d);
	snprintf(d->department, sizeof d->department, "%s", name);
	return d;
}

static int on_forward(const yz_stats_forward *f, void *ctx)
{
	counter *x = ctx;
	/* Answered by min(period end, today): today's answers count, as today's
	 * closings count as finished. */
	long end = x->cut < x->to ? x->cut : x->to;

	count_forward(x, &x->out->total, dept_of(x, f->department), f, end, x->cut);
	if (x->by == YZ_STATS_BY_MONTH) {
		int m = month_of(x, day_of(x->days, f->sent));
		if (m >= 0)
			count_forward(x, &x->rows[m].r, NULL, f,
			              x->m_cut[m] < x->m_to[m] ? x->m_cut[m] : x->m_to[m],
			              x->m_cut[m]);
	} else if (x->by != YZ_STATS_BY_NONE) {
		yz_stats_row *r = split_row(x, &f->keys);
		if (r)
			count_forward(x, r, NULL, f, end, x->cut);
	}
	return x->oom ? -1 : 0;
}

static void count_rating(yz_stats_row *r, const yz_stats_rating *t)
{
	r->rated++;
	r->satisfied += t->score <= 2;
	if (t->score >= 4) {
		r->bad++;
		r->bad_followed += t->followed;
	}
}

static int on_rating(const yz_stats_rating *t, void *ctx)
{
	counter *x = ctx;
	yz_stats_row *r = NULL;

	if (t->score < 1 || t->score > 5)
		return 0;
	count_rating(&x->out->total, t);
	x->out->ratings[t->score - 1]++;
	if (x->by == YZ_STATS_BY_MONTH) {
		int m = month_of(x, day_of(x->days, t->date));
		r = m >= 0 ? &x->rows[m].r : NULL;
	} else if (x->by != YZ_STATS_BY_NONE) {
		r = split_row(x, &t->keys);
	}
	if (r)
		count_rating(r, t);
	return x->oom ? -1 : 0;
}

/* ---- the rows' names and order ---------------------------------------------- */

static int line_order(const yz_session *s, const char *line)
{
	const char *const *lines = yz_form_business_lines(s->cat);
	int i = 0;
	for (; lines[i]; i++)
		if (!strcmp(lines[i], line))
			return i;
	return i + 1; /* lines the catalogue no longer has: after its own */
}

static int cmp_rows(const void *a, const void *b)
{
	const acc_row *x = a, *y = b;
	if (x->order != y->order)
		return x->order - y->order;
	int d = strcmp(x->sort, y->sort);
	return d ? d : strcmp(x->r.key, y->r.key);
}

/* Name each row as a reader knows it and put them in order. */
static void name_rows(counter *x)
{
	yz_session *s = x->s;

	/* Months are named and ordered as setup made their rows. */
	if (x->by == YZ_STATS_BY_MONTH)
		return;
	for (size_t i = 0; i < x->n_rows; i++) {
		acc_row *a = &x->rows[i];
		char key[192];
		snprintf(key, sizeof key, "%s", a->r.key);
		if (!strcmp(key, "\x01")) {
			snprintf(a->r.key, sizeof a->r.key, "%s", P_("others"));
			a->order = 1 << 20;
			continue;
		}
		switch (x->by) {
		case YZ_STATS_BY_LINE:
			a->order = line_order(s, key);
			if (!key[0])
				snprintf(a->r.key, sizeof a->r.key, "%s", P_("no business line"));
			break;
		case YZ_STATS_BY_ITEM: {
			const yz_form *f = yz_catalogue_find(s->cat, key);
			char *sep = strchr(a->sort, '\x1f');
			if (sep)
				*sep = '\0';
			a->order = line_order(s, f ? f->line : a->sort);
			snprintf(a->r.key, sizeof a->r.key, "%s",
			         f     ? f->title
			         : sep ? sep + 1
			               : key);
			snprintf(a->sort, sizeof a->sort, "%s", a->r.key);
			break;
		}
		case YZ_STATS_BY_CLERK: {
			yz_user u;
			if (key[0] && yz_user_get(s->store, key, &u, NULL) == 0)
				snprintf(a->r.key, sizeof a->r.key, "%s", u.name);
			snprintf(a->sort, sizeof a->sort, "%s", a->r.key);
			break;
		}
		case YZ_STATS_BY_STATION:
			/* named by setup, in code order; a station the list did not
			 * have (registered since) after them, by its code */
			a->order = (int)i;
			break;
		case YZ_STATS_BY_GRID:
			if (!key[0]) {
				snprintf(a->r.key, sizeof a->r.key, "%s", P_("no grid"));
				a->order = 1 << 19; /* after the grids */
			}
			snprintf(a->sort, sizeof a->sort, "%s", a->r.key);
			break;
		default:
			break;
		}
	}
	if (x->n_rows > 1)
		qsort(x->rows, x->n_rows, sizeof *x->rows, cmp_rows);
}

static int cmp_depts(const void *a, const void *b)
{
	const yz_stats_dept *x = a, *y = b;
	if (x->forwarded != y->forwarded)
		return x->forwarded < y->forwarded ? 1 : -1;
	return strcmp(x->department, y->department);
}

/* ---- the figures ------------------------------------------------------------- */

static int setup(counter *x, yz_session *s, const yz_period *p, yz_stats_by by, yz_stats *out)
{
	long today = yz_date_to_days(s->today);

	*x = (counter){.s = s, .p = p, .by = by, .out = out};
	x->from = yz_date_to_days(p->from);
	x->to = yz_date_to_days(p->to);
	/* A period still to come is judged as of today too (cut before its start):
	 * only what is past due today is overdue. */
	x->cut = x->to + 1 < today ? x->to + 1 : today;
	x->map = calloc(1, sizeof *x->map);
	x->days = calloc(1, sizeof *x->days);
	/* Cases accepted up to three years before the period are looked up; older
	 * ones are counted day by day. */
	if (!x->map || !x->days || wd_init(&x->wd, s->calendar, x->from - 3 * 366, x->to + 1) < 0)
		return -1;
	if (by == YZ_STATS_BY_MONTH) {
		yz_period m;
		yz_period_of(YZ_PERIOD_MONTH, p->from, &m);
		for (; x->n_months < 12 && yz_date_to_days(m.from) <= x->to; x->n_months++) {
			int i = x->n_months;
			x->months[i] = m;
			x->m_from[i] = yz_date_to_days(m.from);
			x->m_to[i] = yz_date_to_days(m.to);
			x->m_cut[i] = x->m_to[i] + 1 < today ? x->m_to[i] + 1 : today;
			if (row_of(x, m.id) < 0)
				return -1;
			yz_period_label(&m, x->rows[i].r.key, sizeof x->rows[i].r.key);
			yz_period_step(&m, 1, &m);
		}
	}
	return 0;
}

static void teardown(counter *x)
{
	if (x->map)
		for (size_t i = 0; i < KEY_SLOTS; i++)
			free(x->map->key[i]);
	free(x->map);
	free(x->days);
	free(x->wd.cum);
	free(x->rows);
	free(x->depts);
}

/* A clerk may not see the station's figures: refused with an audit row. */
static int refuse(yz_session *s, const yz_period *p, yz_err *err)
{
	char detail[128];
	const char *why = s->user.login[0] ? _("Only the station head or the admin can see the "
	                                       "station's statistics.")
	                                   : _("Sign in first.");

	snprintf(detail, sizeof detail, "stats %s", p->id);
	yz_audit_append(s->store, s->user.login[0] ? s->user.login : "-", "stats_denied", detail,
	                NULL);
	yz_err_setc(err, YZ_ERR_DENIED, _("%s (This attempt was recorded.)"), why);
	return -1;
}

static int collect(counter *x, yz_stats *out, yz_err *err)
{
	yz_stats_row *rows;

	name_rows(x);
	if (x->n_depts > 1)
		qsort(x->depts, x->n_depts, sizeof *x->depts, cmp_depts);
	if (x->n_rows) {
		rows = malloc(x->n_rows * sizeof *rows);
		if (!rows) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
			return -1;
		}
		for (size_t i = 0; i < x->n_rows; i++)
			rows[i] = x->rows[i].r;
		out->rows = rows;
		out->n_rows = x->n_rows;
	}
	out->depts = x->depts;
	out->n_depts = x->n_depts;
	x->depts = NULL;
	return 0;
}

/* ---- the sources -------------------------------------------------------------- */

/* Where the records come from: the station's store or the hub. */
typedef struct stats_source {
	int (*read)(void *ctx, const yz_stats_query *q, const yz_stats_sink *sink, yz_err *err);
	void *ctx;
	const yz_hub_station *stations; /* by station: a row for each, in this order */
	size_t n_stations;
} stats_source;

static int store_read(void *ctx, const yz_stats_query *q, const yz_stats_sink *sink, yz_err *err)
{
	return yz_stats_read(ctx, q, sink, err);
}

typedef struct hub_source {
	yz_hub *h;
	const char *station; /* NULL = every one */
} hub_source;

static int hub_read(void *ctx, const yz_stats_query *q, const yz_stats_sink *sink, yz_err *err)
{
	hub_source *hs = ctx;
	return yz_hub_stats_read(hs->h, hs->station, q, sink, err);
}

/* A row per station of the source, named "CODE name", in its order (the
 * hub's: by code), so that a station without figures shows its zeros. */
static int station_rows(counter *x, const stats_source *src)
{
	for (size_t i = 0; i < src->n_stations; i++) {
		int r = row_of(x, src->stations[i].code);
		if (r < 0)
			return -1;
		snprintf(x->rows[r].r.key, sizeof x->rows[r].r.key, "%s %s", src->stations[i].code,
		         src->stations[i].name);
	}
	return 0;
}

/* Count the records of src for period p split by `by` into out. */
static int count_from(yz_session *s, const yz_period *p, yz_stats_by by, const stats_source *src,
                      yz_stats *out, yz_err *err)
{
	counter x;
	int rc = -1;

	yz_paper_lang_set(s->cfg->document_language); /* the rows' names are the paper's */
	if (setup(&x, s, p, by, out) < 0 ||
	    (by == YZ_STATS_BY_STATION && station_rows(&x, src) < 0)) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
	} else {
		yz_stats_query q = {.from = p->from,
		                    .to = p->to,
		                    .keys = by == YZ_STATS_BY_LINE || by == YZ_STATS_BY_ITEM ||
		                            by == YZ_STATS_BY_CLERK || by == YZ_STATS_BY_STATION,
		                    .grid = by == YZ_STATS_BY_GRID};
		yz_stats_sink sink = {on_case, on_forward, on_rating, &x};
		rc = src->read(src->ctx, &q, &sink, err);
		if (rc < 0 && x.oom)
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		if (rc == 0)
			rc = collect(&x, out, err);
	}
	teardown(&x);
	if (rc < 0)
		yz_stats_free(out);
	return rc;
}

/* ---- the hall (issue 19) ---------------------------------------------------------- */

/* Queues in a hall: letters A..Z, and a row for each even when yizhan.conf
 * no longer names it (its tickets were taken). */
#define HALL_ROWS 26

/* The hall's figures of the period's days into out (has_hall when any ticket
 * was taken), by the queue the ticket was taken for, each named in the
 * paper's language (set by count_from). Read with yz_hall_figures: the
 * head check is yz_service_stats' own (one refusal, one audit row). */
static int hall_read(yz_session *s, const yz_period *p, yz_stats *out, yz_err *err)
{
	yz_hall_fig rows[HALL_ROWS], *t = &out->hall;
	char from[11], to[11];
	size_t n = 0;

	yz_date_format(p->from, from);
	yz_date_format(p->to, to);
	if (yz_hall_figures(s->store, from, to, 'l', rows, HALL_ROWS, &n, err) != 0)
		return -1;
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < n; i++) {
		t->issued += rows[i].issued;
		t->called += rows[i].called;
		t->served += rows[i].served;
		t->noshow += rows[i].noshow;
		t->wait_s_sum += rows[i].wait_s_sum;
		t->serve_s_sum += rows[i].serve_s_sum;
		if (rows[i].wait_max_s > t->wait_max_s)
			t->wait_max_s = rows[i].wait_max_s;
		t->appts += rows[i].appts;
		t->appts_kept += rows[i].appts_kept;
	}
	/* A month without the hall (a station that does not use it) says
	 * nothing of it: no row of zeros in every report. */
	if (t->issued == 0)
		return 0;
	out->hall_queues = calloc(n, sizeof *out->hall_queues);
	if (!out->hall_queues) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		/* A default queue's label is the program's word, on paper in the
		 * paper's language; a station's own is its words. */
		const yz_queue_line *q = yz_config_queue(s->cfg, rows[i].key);
		const char *label = !q ? "" : q->line == 0 && q->label[0] ? P_(q->label) : q->label;
		yz_stats_queue *sq = &out->hall_queues[i];

		snprintf(sq->name, sizeof sq->name, "%s%s%s", rows[i].key, *label ? " " : "",
		         label);
		sq->fig = rows[i];
	}
	out->n_hall_queues = n;
	out->has_hall = true;
	return 0;
}

int yz_service_stats(yz_session *s, const yz_period *p, yz_stats_by by, yz_stats *out, yz_err *err)
{
	stats_source src = {.read = store_read, .ctx = s->store};

	memset(out, 0, sizeof *out);
	out->period = *p;
	out->by = by;
	if (!yz_service_is_head(s) || !s->user.login[0])
		return refuse(s, p, err);
	if (by == YZ_STATS_BY_STATION) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("Figures by station are the district's: yizhan hub stats --by "
		              "station."));
		return -1;
	}
	if (count_from(s, p, by, &src, out, err) != 0)
		return -1;
	if (hall_read(s, p, out, err) != 0) {
		yz_stats_free(out);
		return -1;
	}
	return 0;
}

int yz_service_district_stats(yz_session *s, yz_hub *h, const char *station, const yz_period *p,
                              yz_stats_by by, yz_stats *out, yz_err *err)
{
	hub_source hs = {.h = h, .station = station && *station ? station : NULL};
	stats_source src = {.read = hub_read, .ctx = &hs};
	yz_hub_station *list = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->period = *p;
	out->by = by;
	out->district = true;
	if (by == YZ_STATS_BY_CLERK || by == YZ_STATS_BY_GRID) {
		yz_err_setc(
		    err, YZ_ERR_INVALID, "%s",
		    by == YZ_STATS_BY_CLERK
		        ? _("The district's figures cannot be split by clerk: a clerk's "
		            "login means someone only at its own station (split by "
		            "station, line, item or month; each station's yizhan stats "
		            "--by clerk has its clerks).")
		        : _("The district's figures cannot be split by grid: residents and "
		            "their grids stay at each station (split by station, line, item "
		            "or month; each station's yizhan stats --by grid has its "
		            "grids)."));
		return -1;
	}
	if (svc_district_admin_only(h, err) != 0)
		return -1;
	/* The stations: the one asked for (refused plainly when the hub has
	 * none of that code), or the rows by station. */
	yz_hub_station one;
	if (hs.station) {
		if (svc_district_station(h, hs.station, &one, err) != 0)
			return -1;
		src.stations = &one;
		src.n_stations = 1;
	} else {
		if (by == YZ_STATS_BY_STATION && yz_hub_stations(h, &list, &n, err) != 0)
			return -1;
		src.stations = list;
		src.n_stations = n;
	}
	yz_paper_lang_set(s->cfg->document_language);
	if (hs.station) {
		snprintf(out->station, sizeof out->station, "%s", src.stations[0].code);
		snprintf(out->scope, sizeof out->scope, "%s %s", src.stations[0].code,
		         src.stations[0].name);
	} else {
		/* TRANSLATORS: what the district's figures cover: every station. */
		snprintf(out->scope, sizeof out->scope, "%s", P_("District"));
	}
	rc = count_from(s, p, by, &src, out, err);
	free(list);
	return rc;
}

int yz_service_stats_save(yz_session *s, const yz_stats *st, const yz_report *r, yz_report_format f,
                          const char *path, yz_err *err)
{
	static const char *const by_words[] = {
	    [YZ_STATS_BY_NONE] = "station",    [YZ_STATS_BY_LINE] = "line",
	    [YZ_STATS_BY_ITEM] = "item",       [YZ_STATS_BY_CLERK] = "clerk",
	    [YZ_STATS_BY_GRID] = "grid",       [YZ_STATS_BY_MONTH] = "month",
	    [YZ_STATS_BY_STATION] = "station",
	};
	const char *by = (size_t)st->by < sizeof by_words / sizeof by_words[0] && by_words[st->by]
	                     ? by_words[st->by]
	                     : "";
	char detail[1024];

	if (!yz_service_is_head(s) || !s->user.login[0])
		return refuse(s, &st->period, err);
	if (yz_report_write(r, f, &s->print, path, err) != 0)
		return -1;
	/* As a ledger saved: who wrote which figures where. */
	snprintf(detail, sizeof detail, "stats %s by %s -> %s", st->period.id, by, path);
	yz_audit_append(s->store, s->user.login[0] ? s->user.login : "-", "stats_saved", detail,
	                NULL);
	return 0;
}

void yz_stats_free(yz_stats *st)
{
	free(st->rows);
	free(st->depts);
	free(st->hall_queues);
	st->rows = NULL;
	st->depts = NULL;
	st->hall_queues = NULL;
	st->n_rows = st->n_depts = st->n_hall_queues = 0;
	st->has_hall = false;
}
