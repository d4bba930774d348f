/* The figures in the reports' words (issue 16): the summary sentence a
 * station writes at the top of its monthly report, and the table handed in
 * (a yz_report for the xlsx, CSV and PDF writers). Both in the station's
 * paper language. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* num / den as a percentage with one decimal, rounded half up ("98.2"). */
static void rate(long num, long den, char *buf, size_t n)
{
	long tenths = den > 0 ? (num * 2000 + den) / (2 * den) : 0;
	snprintf(buf, n, "%ld.%ld", tenths / 10, tenths % 10);
}

/* sum / n with up to two decimals, rounded half up ("3.5", "12", "2.33"). */
static void average(long sum, long n, char *buf, size_t size)
{
	long h = n > 0 ? (sum * 200 + n) / (2 * n) : 0;

	if (h % 100 == 0)
		snprintf(buf, size, "%ld", h / 100);
	else if (h % 10 == 0)
		snprintf(buf, size, "%ld.%ld", h / 100, h % 100 / 10);
	else
		snprintf(buf, size, "%ld.%02ld", h / 100, h % 100);
}

/* ---- the sentence --------------------------------------------------------- */

static const char *accepted_words(yz_period_kind k)
{
	/* TRANSLATORS: the summary sentence's start: cases accepted and closed in
	 * the period (this month / this quarter / this year). */
	return k == YZ_PERIOD_MONTH ? P_("This month %1$ld items were accepted, %2$ld finished")
	       : k == YZ_PERIOD_QUARTER
	           ? P_("This quarter %1$ld items were accepted, %2$ld finished")
	           : P_("This year %1$ld items were accepted, %2$ld finished");
}

/* Append to b (cap n) the printf of fmt. */
static void add(char *b, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *b, size_t n, const char *fmt, ...)
{
	size_t len = strlen(b);
	va_list ap;

	if (len + 1 >= n)
		return;
	va_start(ap, fmt);
	vsnprintf(b + len, n - len, fmt, ap);
	va_end(ap);
}

/* sum seconds over n as minutes with one decimal, rounded half up ("8.4"). */
static void minutes(long sum, long n, char *buf, size_t size)
{
	long tenths = n > 0 ? (sum * 2 + 6 * n) / (12 * n) : 0;
	snprintf(buf, size, "%ld.%ld", tenths / 10, tenths % 10);
}

/* The hall's figures after "N tickets" in the summary's words (issue 19):
 * each mean or rate only when there is something to divide by. */
static void add_hall(char *b, size_t n, const yz_hall_fig *f)
{
	char v[16];

	if (f->called > 0) {
		minutes(f->wait_s_sum, f->called, v, sizeof v);
		add(b, n, P_(", mean wait %s minutes"), v);
	}
	if (f->served > 0) {
		minutes(f->serve_s_sum, f->served, v, sizeof v);
		add(b, n, P_(", mean service %s minutes"), v);
	}
	if (f->served + f->noshow > 0) {
		rate(f->noshow, f->served + f->noshow, v, sizeof v);
		add(b, n, P_(", no-show rate %s%%"), v);
	}
	if (f->appts > 0) {
		rate(f->appts_kept, f->appts, v, sizeof v);
		add(b, n, P_(", appointments kept %s%%"), v);
	}
}

char *yz_stats_summary(const yz_stats *st)
{
	const yz_stats_row *t = &st->total;
	char b[1024] = "", pct[16];

	add(b, sizeof b, accepted_words(st->period.kind), t->accepted, t->finished);
	if (t->finished > 0) {
		rate(t->on_time, t->finished, pct, sizeof pct);
		add(b, sizeof b, P_(", %s%% on time"), pct);
	}
	add(b, sizeof b, P_(", %ld still open at the end"), t->open_end);
	if (t->rated == 0) {
		add(b, sizeof b, "%s", P_("; no ratings from residents"));
	} else {
		rate(t->satisfied, t->rated, pct, sizeof pct);
		add(b, sizeof b, P_("; residents rated %1$ld times, %2$s%% satisfied"), t->rated,
		    pct);
		if (t->bad == 0)
			add(b, sizeof b, "%s", P_(", no bad ratings"));
		else if (t->bad_followed == t->bad)
			add(b, sizeof b, P_(", %ld bad ratings, all followed up"), t->bad);
		else
			add(b, sizeof b, P_(", %1$ld bad ratings, %2$ld followed up"), t->bad,
			    t->bad_followed);
	}
	if (st->has_hall) {
		/* TRANSLATORS: the summary sentence's clause of the hall (issue 19):
		 * tickets taken at the kiosk in the period; then the means and
		 * rates, each ", ..." */
		add(b, sizeof b, P_("; the hall issued %d tickets"), st->hall.issued);
		add_hall(b, sizeof b, &st->hall);
	}
	/* TRANSLATORS: the summary sentence, ended. */
	return yz_strdup_printf(P_("%s."), b);
}

/* ---- the report ------------------------------------------------------------- */

enum {
	COL_KEY,
	COL_ACCEPTED,
	COL_FINISHED,
	COL_ON_TIME,
	COL_RATE,
	COL_OVERDUE,
	COL_OPEN,
	COL_DAYS,
	COL_FORWARDED,
	COL_ANSWER,
	COL_CORRECTIONS,
	COL_RATED,
	COL_SATISFIED,
	COL_BAD,
	COL_FOLLOWED,
	N_COLS
};

static const char *key_label(yz_stats_by by)
{
	switch (by) {
	case YZ_STATS_BY_LINE:
		return P_("Business line");
	case YZ_STATS_BY_ITEM:
		return P_("Item");
	case YZ_STATS_BY_CLERK:
		return P_("Accepting clerk");
	case YZ_STATS_BY_GRID:
		return P_("Grid");
	case YZ_STATS_BY_MONTH:
		return P_("Month");
	case YZ_STATS_BY_STATION:
		return P_("Station");
	default:
		return P_("Scope");
	}
}

static const char *group_label(yz_stats_by by)
{
	switch (by) {
	case YZ_STATS_BY_LINE:
		return P_("By business line");
	case YZ_STATS_BY_ITEM:
		return P_("By item");
	case YZ_STATS_BY_CLERK:
		return P_("By accepting clerk");
	case YZ_STATS_BY_GRID:
		return P_("By grid");
	case YZ_STATS_BY_STATION:
		return P_("By station");
	default:
		return P_("By month");
	}
}

static void add_cols(yz_report *r, yz_stats_by by)
{
	/* Split rows add up to the station's for these; by month, what is open
	 * at each month's end does not. */
	yz_report_total sum = YZ_RTOTAL_SUM, none = YZ_RTOTAL_NONE;
	yz_report_total at_end = by == YZ_STATS_BY_MONTH ? none : sum;

	yz_report_col(r, key_label(by), YZ_CELL_TEXT, none, 0);
	yz_report_col(r, P_("Cases accepted"), YZ_CELL_INT, sum, 0);
	yz_report_col(r, P_("Cases finished"), YZ_CELL_INT, sum, 0);
	yz_report_col(r, P_("Finished on time"), YZ_CELL_INT, sum, 0);
	yz_report_col(r, P_("On-time rate"), YZ_CELL_PERCENT, none, 0);
	yz_report_col(r, P_("Overdue cases"), YZ_CELL_INT, at_end, 0);
	yz_report_col(r, P_("Open at the end"), YZ_CELL_INT, at_end, 0);
	yz_report_col(r, P_("Average working days"), YZ_CELL_NUMBER, none, 0);
	yz_report_col(r, P_("Cases forwarded"), YZ_CELL_INT, sum, 0);
	yz_report_col(r, P_("Departments' answer days"), YZ_CELL_NUMBER, none, 0);
	yz_report_col(r, P_("Corrections asked"), YZ_CELL_INT, sum, 0);
	yz_report_col(r, P_("Ratings given"), YZ_CELL_INT, sum, 0);
	yz_report_col(r, P_("Satisfied share"), YZ_CELL_PERCENT, none, 0);
	yz_report_col(r, P_("Bad ratings"), YZ_CELL_INT, sum, 0);
	yz_report_col(r, P_("Bad ones followed up"), YZ_CELL_INT, sum, 0);
}

/* The cells of one row of figures into c (texts in buf). */
static void row_cells(const yz_stats_row *s, const char *key, char buf[N_COLS][32],
                      const char *c[N_COLS])
{
	long n[N_COLS] = {
	    [COL_ACCEPTED] = s->accepted,
	    [COL_FINISHED] = s->finished,
	    [COL_ON_TIME] = s->on_time,
	    [COL_OVERDUE] = s->late + s->overdue_open,
	    [COL_OPEN] = s->open_end,
	    [COL_FORWARDED] = s->forwarded,
	    [COL_CORRECTIONS] = s->corrections,
	    [COL_RATED] = s->rated,
	    [COL_BAD] = s->bad,
	    [COL_FOLLOWED] = s->bad_followed,
	};
	for (int i = 1; i < N_COLS; i++) {
		snprintf(buf[i], 32, "%ld", n[i]);
		c[i] = buf[i];
	}
	c[COL_KEY] = key;
	/* a share of nothing is no figure: empty rather than 0 % */
	c[COL_RATE] = c[COL_DAYS] = c[COL_ANSWER] = c[COL_SATISFIED] = "";
	if (s->finished) {
		rate(s->on_time, s->finished, buf[COL_RATE], 32);
		average(s->workdays_sum, s->finished, buf[COL_DAYS], 32);
		c[COL_RATE] = buf[COL_RATE];
		c[COL_DAYS] = buf[COL_DAYS];
	}
	if (s->answered) {
		average(s->answer_days_sum, s->answered, buf[COL_ANSWER], 32);
		c[COL_ANSWER] = buf[COL_ANSWER];
	}
	if (s->rated) {
		rate(s->satisfied, s->rated, buf[COL_SATISFIED], 32);
		c[COL_SATISFIED] = buf[COL_SATISFIED];
	}
}

static void add_depts(yz_report *r, const yz_stats *st)
{
	const char *c[N_COLS];
	char buf[N_COLS][32];

	if (!st->n_depts)
		return;
	for (int i = 0; i < N_COLS; i++)
		c[i] = "";
	c[0] = P_("Departments' answers (forwarded, answer days, overdue)");
	yz_report_row_add(r, YZ_ROW_GROUP, c);
	for (size_t i = 0; i < st->n_depts; i++) {
		const yz_stats_dept *d = &st->depts[i];
		c[COL_KEY] = d->department;
		snprintf(buf[COL_FORWARDED], 32, "%ld", d->forwarded);
		c[COL_FORWARDED] = buf[COL_FORWARDED];
		c[COL_ANSWER] = "";
		if (d->answered) {
			average(d->answer_days_sum, d->answered, buf[COL_ANSWER], 32);
			c[COL_ANSWER] = buf[COL_ANSWER];
		}
		snprintf(buf[COL_OVERDUE], 32, "%ld", d->overdue);
		c[COL_OVERDUE] = buf[COL_OVERDUE];
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
}

static void add_ratings(yz_report *r, const yz_stats *st)
{
	static const char *const words[5] = {N_("very satisfied"), N_("satisfied"),
	                                     N_("fairly satisfied"), N_("dissatisfied"),
	                                     N_("very dissatisfied")};
	const char *c[N_COLS];
	char buf[32];

	if (!st->total.rated)
		return;
	for (int i = 0; i < N_COLS; i++)
		c[i] = "";
	c[0] = P_("Ratings by score");
	yz_report_row_add(r, YZ_ROW_GROUP, c);
	for (int i = 0; i < 5; i++) {
		c[COL_KEY] = P_(words[i]);
		snprintf(buf, sizeof buf, "%ld", st->ratings[i]);
		c[COL_RATED] = buf;
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
}

/* The hall by queue as a paragraph under the table (issue 19): the fifteen
 * columns are the cases', and no ticket figure reads right under them (a
 * mean wait in "Average working days" would be read as days), so the hall
 * has its own lines in the summary's words rather than rows in the table. */
static void add_hall_lines(yz_report *r, const yz_stats *st)
{
	char *all, line[512];
	size_t len = 0, cap;

	if (!st->has_hall)
		return;
	cap = 256 + st->n_hall_queues * sizeof line;
	all = malloc(cap);
	if (!all) {
		r->oom = true;
		return;
	}
	/* TRANSLATORS: the heading of the hall's lines under the statistics'
	 * table (issue 19), one line per queue following it. */
	len = (size_t)snprintf(all, cap, "%s",
	                       P_("The hall, by the queue the ticket was taken for:"));
	for (size_t i = 0; i < st->n_hall_queues && len < cap; i++) {
		const yz_stats_queue *q = &st->hall_queues[i];
		line[0] = '\0';
		/* TRANSLATORS: a queue's line under the statistics' table: the
		 * queue ("A Social assistance") and its tickets, then the hall's
		 * means and rates. */
		add(line, sizeof line, P_("%1$s: %2$d tickets"), q->name, q->fig.issued);
		add_hall(line, sizeof line, &q->fig);
		len += (size_t)snprintf(all + len, cap - len, "\n");
		if (len < cap)
			len += (size_t)snprintf(all + len, cap - len, P_("%s."), line);
	}
	yz_report_set(r, &r->outro, all);
	free(all);
}

yz_report *yz_stats_report(const yz_session *s, const yz_stats *st)
{
	char label[64], title[160], period[64], from[11], to[11];
	const char *c[N_COLS];
	char buf[N_COLS][32];
	yz_report *r;
	char *summary;
	const char *whole;

	yz_paper_lang_set(s->cfg->document_language);
	/* The total row: the station's, or at the hub the district's (all the
	 * stations the login reads; the one station's when one was asked for). */
	whole = st->district && !st->station[0] ? P_("Whole district") : P_("Whole station");
	yz_period_label(&st->period, label, sizeof label);
	/* TRANSLATORS: the statistics' title: the period ("2026-11"). */
	snprintf(title, sizeof title, P_("%s statistics"), label);
	yz_date_format(st->period.from, from);
	yz_date_format(st->period.to, to);
	/* TRANSLATORS: a period on paper: its first and last day. */
	snprintf(period, sizeof period, P_("%1$s to %2$s"), from, to);
	/* At the hub the paper names what it covers (the district, or the one
	 * station asked for), not the workstation's station_name. */
	r = yz_report_new(title, st->district ? st->scope : s->cfg->station_name, "stats", period,
	                  st->period.id);
	if (!r)
		return NULL;
	add_cols(r, st->by);
	if (st->by != YZ_STATS_BY_NONE) {
		for (int i = 0; i < N_COLS; i++)
			c[i] = "";
		c[0] = group_label(st->by);
		yz_report_row_add(r, YZ_ROW_GROUP, c);
		for (size_t i = 0; i < st->n_rows; i++) {
			row_cells(&st->rows[i], st->rows[i].key, buf, c);
			yz_report_row_add(r, YZ_ROW_DATA, c);
		}
		row_cells(&st->total, whole, buf, c);
		yz_report_row_add(r, YZ_ROW_SUBTOTAL, c);
	} else {
		row_cells(&st->total, whole, buf, c);
		yz_report_row_add(r, YZ_ROW_DATA, c);
	}
	add_depts(r, st);
	add_ratings(r, st);
	add_hall_lines(r, st);
	yz_report_sign(r, P_("Made by"));
	yz_report_sign(r, P_("Reviewed by"));
	yz_report_sign(r, P_("Date"));
	yz_report_set(r, &r->made_by, s->user.name);
	yz_date_format(s->today, from);
	yz_report_set(r, &r->made_on, from);
	summary = yz_stats_summary(st);
	if (!summary)
		r->oom = true;
	else
		yz_report_set(r, &r->summary, summary);
	free(summary);
	r->landscape = true; /* fifteen columns */
	return r;
}
