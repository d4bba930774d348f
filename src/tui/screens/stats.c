/* Statistics (issue 16): the station's figures of a month, a quarter or a year
 * for the station head and the admin (F11 on their home) — accepted, finished,
 * on time, overdue, open at the period's end, working days, forwards, bu zheng
 * pauses, ratings — the summary sentence the reports use, and a bar chart:
 * accepted and finished per business line, per month, or the ratings by
 * score. The period moves with the arrows; M, Q and Y change its kind.
 *
 * The bars are drawn in terminal cells: in a UTF-8 locale with the block
 * characters, a cell in eighths; elsewhere (a GB18030 console, whose locale
 * gives those characters two columns or none) with '#', a whole cell each.
 * Without colour the bars still read: they are characters, not colours. */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"
#include "yizhan/service/stats.h"

/* The charts, in the order of their keys 1, 2, 3. */
typedef enum chart { CHART_LINE, CHART_MONTH, CHART_RATINGS, N_CHART } chart;

typedef struct stats_screen {
	yz_period period;    /* the figures' period */
	yz_stats st;         /* its figures by business line (the line chart) */
	bool ok;             /* st was read */
	char *summary;       /* the summary sentence (malloc'd), NULL when none */
	yz_period months_of; /* the month chart's period: the quarter or year, a month's year */
	yz_stats months;     /* its figures by month */
	bool months_ok;      /* months was read for months_of */
	chart chart;         /* the chart shown */
	size_t top;          /* the chart's first row shown */
	bool scrolled;       /* the clerk scrolled it: the period's month no longer kept in view */
	int height;          /* chart rows of the last draw (scrolling) */
	bool utf8;           /* the locale is UTF-8: block characters */
} stats_screen;

/* The widest a chart's labels are drawn, in columns. */
enum { LABEL_MAX = 20 };

static void free_stats(yz_stats *st)
{
	yz_stats_free(st);
	memset(st, 0, sizeof *st);
}

/* The month chart's figures, read when the chart is shown. */
static void load_months(yz_tui *t, stats_screen *ss)
{
	yz_period of = ss->period;
	if (of.kind == YZ_PERIOD_MONTH) /* a month alone is one bar: its year's months */
		yz_period_of(YZ_PERIOD_YEAR, ss->period.from, &of);
	if (ss->months_ok && !strcmp(of.id, ss->months_of.id))
		return;
	free_stats(&ss->months);
	ss->months_of = of;
	yz_err err = {{0}};
	ss->months_ok = yz_service_stats(t->s, &of, YZ_STATS_BY_MONTH, &ss->months, &err) == 0;
	if (!ss->months_ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
}

/* The figures of the period (and the month chart's, when it is shown). */
static void load(yz_tui *t, stats_screen *ss)
{
	free_stats(&ss->st);
	free(ss->summary);
	ss->summary = NULL;
	ss->months_ok = false; /* read again: a case may have closed meanwhile */
	yz_err err = {{0}};
	ss->ok = yz_service_stats(t->s, &ss->period, YZ_STATS_BY_LINE, &ss->st, &err) == 0;
	if (!ss->ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	else
		ss->summary = yz_stats_summary(&ss->st);
	if (ss->chart == CHART_MONTH)
		load_months(t, ss);
}

static void stats_enter(yz_tui *t, yz_screen *sc)
{
	load(t, sc->data);
}

/* ---- the figures --------------------------------------------------------------- */

/* part of whole as "97.5%", "-" when whole is 0. */
static void percent(long part, long whole, char *buf, size_t n)
{
	if (whole <= 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", 100.0 * (double)part / (double)whole);
}

/* sum / count with one decimal, "-" when count is 0. */
static void average(long sum, long count, char *buf, size_t n)
{
	if (count <= 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f", (double)sum / (double)count);
}

enum { N_FIG = 12, FIG_GAP = 2 };

/* The twelve figures as label and value, in reading order: three a row on
 * 80 columns, the longest ones in the last column. */
static void figures(const yz_stats_row *r, const char *label[N_FIG], char value[N_FIG][48])
{
	char a[16], b[16];
	label[0] = _("Accepted cases");
	snprintf(value[0], 48, "%ld", r->accepted);
	label[1] = _("Finished cases");
	snprintf(value[1], 48, "%ld", r->finished);
	label[2] = _("On time");
	percent(r->on_time, r->finished, a, sizeof a);
	snprintf(value[2], 48, "%ld (%s)", r->on_time, a);
	label[3] = _("Finished late");
	snprintf(value[3], 48, "%ld", r->late);
	label[4] = _("Avg working days");
	average(r->workdays_sum, r->finished, value[4], 48);
	label[5] = _("Overdue, open");
	snprintf(value[5], 48, "%ld", r->overdue_open);
	label[6] = _("Open at period end");
	snprintf(value[6], 48, "%ld", r->open_end);
	label[7] = _("Corrections");
	snprintf(value[7], 48, "%ld", r->corrections);
	label[8] = _("Forwards");
	tui_fmt(value[8], 48, _("%ld (%ld answered)"), r->forwarded, r->answered);
	label[9] = _("Answer days");
	average(r->answer_days_sum, r->answered, value[9], 48);
	label[10] = _("Rated");
	percent(r->satisfied, r->rated, b, sizeof b);
	tui_fmt(value[10], 48, _("%ld (%s satisfied)"), r->rated, b);
	label[11] = _("Rated bad");
	tui_fmt(value[11], 48, _("%ld (%ld followed up)"), r->bad, r->bad_followed);
}

/* The widths of per columns of cells (each as wide as its widest cell) into
 * colw; their sum with the gaps between them. */
static int grid_widths(const int *cellw, int per, int *colw)
{
	int total = FIG_GAP * (per - 1);
	for (int c = 0; c < per; c++) {
		colw[c] = 0;
		for (int i = c; i < N_FIG; i += per)
			colw[c] = cellw[i] > colw[c] ? cellw[i] : colw[c];
		total += colw[c];
	}
	return total;
}

/* The figures in a grid from row y, as many columns as fit (up to four), the
 * room left shared between them; returns the next free row. */
static int draw_figures(yz_tui *t, const stats_screen *ss, int y)
{
	const char *label[N_FIG];
	char value[N_FIG][48];
	int cellw[N_FIG], colw[4], per = 4, total = 0, w = COLS - 2;
	figures(&ss->st.total, label, value);
	for (int i = 0; i < N_FIG; i++)
		cellw[i] = yz_text_width(label[i]) + 1 + yz_text_width(value[i]);
	for (; per > 1 && (total = grid_widths(cellw, per, colw)) > w; per--)
		;
	if (per == 1)
		total = colw[0] = w;
	int extra = total < w ? (w - total) / per : 0;
	for (int i = 0; i < N_FIG; i++) {
		int x = 1, c = i % per;
		for (int j = 0; j < c; j++)
			x += colw[j] + extra + FIG_GAP;
		int room = c == per - 1 ? COLS - 1 - x : colw[c] + extra;
		int used = tui_put(y + i / per, x, label[i], room, A_NORMAL);
		tui_put(y + i / per, x + used + 1, value[i], room - used - 1,
		        i == 5 && ss->st.total.overdue_open ? tui_attr(t, ROLE_ERROR) : A_BOLD);
	}
	return y + (N_FIG + per - 1) / per;
}

/* The summary sentence wrapped over the width from row y, at most rows rows;
 * returns the next free row. */
static int draw_summary(const stats_screen *ss, int y, int rows)
{
	const char *s = ss->summary;
	for (int i = 0; s && *s && i < rows; i++) {
		size_t shown, next = tui_wrap(s, COLS - 2, &shown);
		char line[512];
		snprintf(line, sizeof line, "%.*s",
		         (int)(shown < sizeof line ? shown : sizeof line - 1), s);
		tui_put(y++, 1, line, COLS - 2, A_NORMAL);
		if (next == 0)
			break;
		s += next;
	}
	return y;
}

/* ---- the charts ---------------------------------------------------------------- */

/* One bar of value against max in w cells at (y, x): eighths of a cell in a
 * UTF-8 locale, whole '#' cells elsewhere; a value above 0 always shows. */
static void draw_bar(const stats_screen *ss, int y, int x, int w, long value, long max, attr_t a)
{
	static const char *const eighth[] = {"",       "\u258f", "\u258e", "\u258d",
	                                     "\u258c", "\u258b", "\u258a", "\u2589"};
	if (w <= 0 || max <= 0 || value <= 0)
		return;
	int unit = ss->utf8 ? 8 : 1;
	long len = (value * w * unit + max / 2) / max; /* rounded */
	if (len < 1)
		len = 1;
	if (len > (long)w * unit)
		len = (long)w * unit;
	char buf[1024];
	size_t n = 0;
	for (long i = 0; i < len / unit && n + 4 < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", ss->utf8 ? "\u2588" : "#");
	if (ss->utf8 && n + 4 < sizeof buf)
		snprintf(buf + n, sizeof buf - n, "%s", eighth[len % 8]);
	else
		buf[n] = '\0';
	tui_put(y, x, buf, w, a);
}

/* What a chart shows: rows of a label and one or two values. */
typedef struct chart_rows {
	size_t n; /* rows */
	const char *(*label)(const stats_screen *ss, size_t i, char *buf, size_t n);
	long (*value)(const stats_screen *ss, size_t i, int which); /* which: 0 or 1 */
	int values;                                                 /* 1 or 2 bars a row */
	const char *head[3]; /* titles: the labels' column, then each bar's */
	long current;        /* the row of the figures' period, -1 = none */
	char title[64];      /* head[0]'s text when made here */
} chart_rows;

static const yz_stats *chart_stats(const stats_screen *ss)
{
	return ss->chart == CHART_MONTH ? &ss->months : &ss->st;
}

static const char *row_label(const stats_screen *ss, size_t i, char *buf, size_t n)
{
	(void)buf, (void)n;
	const char *key = chart_stats(ss)->rows[i].key; /* a line, or a month as paper says it */
	return key[0] ? key : _("(none)");
}

static long row_value(const stats_screen *ss, size_t i, int which)
{
	const yz_stats_row *r = &chart_stats(ss)->rows[i];
	return which ? r->finished : r->accepted;
}

static const char *rating_label(const stats_screen *ss, size_t i, char *buf, size_t n)
{
	(void)ss;
	tui_fmt(buf, n, "%zu %s", i + 1, yz_service_rating_label((int)i + 1));
	return buf;
}

static long rating_value(const stats_screen *ss, size_t i, int which)
{
	(void)which;
	return ss->st.ratings[i];
}

static void describe(const stats_screen *ss, chart_rows *c)
{
	memset(c, 0, sizeof *c);
	c->current = -1;
	if (ss->chart == CHART_RATINGS) {
		c->n = ss->ok ? 5 : 0;
		c->label = rating_label;
		c->value = rating_value;
		c->values = 1;
		c->head[0] = _("Rating");
		c->head[1] = _("Ratings");
		return;
	}
	const yz_stats *st = chart_stats(ss);
	bool ok = ss->chart == CHART_MONTH ? ss->months_ok : ss->ok;
	c->n = ok ? st->n_rows : 0;
	c->label = row_label;
	c->value = row_value;
	c->values = 2;
	c->head[1] = _("Accepted cases");
	c->head[2] = _("Finished cases");
	if (ss->chart == CHART_LINE) {
		c->head[0] = _("Line");
		return;
	}
	/* The months' year or quarter over them; the figures' month in bold. */
	yz_period_label(&ss->months_of, c->title, sizeof c->title);
	c->head[0] = c->title;
	char month[64];
	yz_period_label(&ss->period, month, sizeof month);
	for (size_t i = 0; ss->period.kind == YZ_PERIOD_MONTH && i < c->n; i++)
		if (!strcmp(st->rows[i].key, month))
			c->current = (long)i;
}

/* Digits of v. */
static int digits(long v)
{
	int d = 1;
	while (v >= 10)
		v /= 10, d++;
	return d;
}

/* The chart's column titles on row y and its rows below, to row y1 (not
 * included); the bars scaled to the widest value. */
static void draw_chart(yz_tui *t, stats_screen *ss, int y, int y1)
{
	chart_rows c;
	char buf[160], cut[160];
	describe(ss, &c);
	long max = 0;
	int labw = yz_text_width(c.head[0]);
	for (size_t i = 0; i < c.n; i++) {
		for (int v = 0; v < c.values; v++)
			max = c.value(ss, i, v) > max ? c.value(ss, i, v) : max;
		int w = yz_text_width(c.label(ss, i, buf, sizeof buf));
		labw = w > labw ? w : labw;
	}
	labw = labw > LABEL_MAX ? LABEL_MAX : labw;
	int numw = digits(max), room = COLS - 2 - labw - 1;
	int half = c.values == 2 ? (room - 2) / 2 : room, barw = half - numw - 1;
	/* The titles: a bar's over its number and bar. */
	tui_put(y, 1, c.head[0], labw, tui_attr(t, ROLE_HEADER));
	for (int v = 0; v < c.values; v++)
		tui_put(y, 1 + labw + 1 + v * (half + 2), c.head[v + 1], half,
		        tui_attr(t, ROLE_HEADER));
	ss->height = y1 - y - 1 > 0 ? y1 - y - 1 : 0;
	size_t h = (size_t)ss->height;
	if (ss->top + h > c.n) /* no empty rows under a scrolled chart */
		ss->top = c.n > h ? c.n - h : 0;
	if (c.current >= 0 && !ss->scrolled && h > 0) { /* the period's month in view */
		yz_list l = {c.n, (size_t)c.current, ss->top};
		list_scroll(&l, ss->height);
		ss->top = l.top;
	}
	for (int r = 0; r < ss->height && ss->top + (size_t)r < c.n; r++) {
		size_t i = ss->top + (size_t)r;
		int ry = y + 1 + r;
		list_cut(c.label(ss, i, buf, sizeof buf), labw, cut, sizeof cut);
		tui_put(ry, 1, cut, labw, (long)i == c.current ? A_BOLD : A_NORMAL);
		for (int v = 0; v < c.values; v++) {
			long val = c.value(ss, i, v);
			int x = 1 + labw + 1 + v * (half + 2);
			snprintf(buf, sizeof buf, "%*ld", numw, val);
			tui_put(ry, x, buf, numw, A_NORMAL);
			draw_bar(ss, ry, x + numw + 1, barw, val, max,
			         v ? tui_attr(t, ROLE_OK) : A_BOLD);
		}
	}
	size_t below = c.n > ss->top + h ? c.n - ss->top - h : 0;
	list_markers(ss->top, below, buf, sizeof buf);
	int mw = yz_text_width(buf);
	if (mw)
		tui_put(y, COLS - 1 - mw, buf, mw, A_BOLD);
	if (c.n == 0 && y + 1 < y1)
		tui_put(y + 1, 3, _("No figures for this period."), COLS - 4,
		        tui_attr(t, ROLE_DIM));
}

/* Row 1: the period and the charts to choose from, the shown one highlighted. */
static void draw_period(yz_tui *t, const stats_screen *ss)
{
	static const char *const names[] = {N_("Per line"), N_("Per month"), N_("Ratings")};
	char label[64], buf[160];
	yz_period_label(&ss->period, label, sizeof label); /* it says month, quarter or year */
	int x = 1 + tui_put(1, 1, label, COLS - 2, tui_attr(t, ROLE_TITLE) | A_BOLD);
	int w = -1; /* " 1 name " and a blank after each but the last */
	for (int i = 0; i < N_CHART; i++)
		w += yz_text_width(_(names[i])) + 5;
	int cx = COLS - 1 - w;
	if (cx < x + 2)
		return; /* too narrow: the key bar and F1 still say the keys */
	for (int i = 0; i < N_CHART; i++) {
		tui_fmt(buf, sizeof buf, " %d %s ", i + 1, _(names[i]));
		cx += tui_put(1, cx, buf, COLS - 1 - cx,
		              i == (int)ss->chart ? tui_attr(t, ROLE_FOCUS) : A_NORMAL) +
		      1;
	}
}

static void stats_draw(yz_tui *t, yz_screen *sc)
{
	stats_screen *ss = sc->data;
	tui_title(t, _("Statistics"));
	draw_period(t, ss);
	t->cur_y = -1;
	if (!ss->ok) {
		tui_put(3, 2, _("The figures could not be read."), COLS - 4,
		        tui_attr(t, ROLE_ERROR));
		return;
	}
	int y = draw_figures(t, ss, 2);
	/* The sentence takes what it needs up to a third of the screen; the
	 * chart the rest. */
	y = draw_summary(ss, y, (LINES - 2) / 3 > 2 ? (LINES - 2) / 3 : 2);
	draw_chart(t, ss, y, LINES - 2);
}

/* ---- keys ---------------------------------------------------------------------- */

static void set_period(yz_tui *t, stats_screen *ss, const yz_period *p)
{
	ss->period = *p;
	ss->top = 0;
	ss->scrolled = false;
	tui_msg_clear(t);
	load(t, ss);
}

static void set_chart(yz_tui *t, stats_screen *ss, chart c)
{
	ss->chart = c;
	ss->top = 0;
	ss->scrolled = false;
	if (c == CHART_MONTH)
		load_months(t, ss);
}

/* Left/Right and PgUp/PgDn: the period before or after; Home: this one;
 * M/Q/Y: a month, a quarter or a year (the one holding the period's start). */
static bool period_key(yz_tui *t, stats_screen *ss, tui_key k)
{
	yz_period p;
	if (key_code(k, KEY_LEFT) || key_code(k, KEY_PPAGE))
		yz_period_step(&ss->period, -1, &p);
	else if (key_code(k, KEY_RIGHT) || key_code(k, KEY_NPAGE))
		yz_period_step(&ss->period, 1, &p);
	else if (key_code(k, KEY_HOME))
		yz_period_of(ss->period.kind, t->s->today, &p);
	else if (key_ch(k, 'm') || key_ch(k, 'M'))
		yz_period_of(YZ_PERIOD_MONTH, ss->period.from, &p);
	else if (key_ch(k, 'q') || key_ch(k, 'Q'))
		yz_period_of(YZ_PERIOD_QUARTER, ss->period.from, &p);
	else if (key_ch(k, 'y') || key_ch(k, 'Y'))
		yz_period_of(YZ_PERIOD_YEAR, ss->period.from, &p);
	else
		return false;
	set_period(t, ss, &p);
	return true;
}

static bool stats_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	stats_screen *ss = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (period_key(t, ss, k))
		return true;
	if (key_ch(k, '\t'))
		set_chart(t, ss, (chart)((ss->chart + 1) % N_CHART));
	else if (key_code(k, KEY_BTAB))
		set_chart(t, ss, (chart)((ss->chart + N_CHART - 1) % N_CHART));
	else if (!k.is_code && k.ch >= '1' && k.ch < '1' + N_CHART)
		set_chart(t, ss, (chart)(k.ch - '1'));
	else if (key_code(k, KEY_UP) && ss->top > 0)
		ss->top--, ss->scrolled = true;
	else if (key_code(k, KEY_DOWN))
		ss->top++, ss->scrolled = true; /* kept within the rows when drawn */
	else if (key_code(k, KEY_UP))
		return true; /* at the top already */
	else if (key_ch(k, 'l') || key_ch(k, 'L'))
		screen_ledgers_push(t, &ss->period);
	else
		return false;
	return true;
}

static void stats_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	stats_screen *ss = sc->data;
	free_stats(&ss->st);
	free_stats(&ss->months);
	free(ss->summary);
	free(ss);
}

static const yz_keyhint stats_keys_table[] = {
    {"Esc", N_("Back")},
    {"Left/Right", N_("Period before/after")},
    {"M/Q/Y", N_("Month, quarter, year")},
    {"Tab", N_("Next chart")},
    {"L", N_("Ledgers")},
    {"1-3", N_("Chart by line, by month, ratings")},
    {"PgUp/PgDn", N_("Period before/after")},
    {"Home", N_("This period")},
    {"Up/Down", N_("Scroll the chart")},
};

static size_t stats_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t, (void)sc;
	return tui_put_keys(out, max, stats_keys_table,
	                    sizeof stats_keys_table / sizeof stats_keys_table[0]);
}

static char *stats_help(yz_tui *t, yz_screen *sc, char *title, size_t n)
{
	(void)t, (void)sc;
	tui_fmt(title, n, "%s", _("Statistics"));
	char *s = strdup(_("Accepted cases: taken in the period. Finished cases: closed in it, "
	                   "on time or late against their promised date (the days a case waited "
	                   "for missing materials not counted). Overdue, open: open at the "
	                   "period's end and past their date then. Answer days: the departments' "
	                   "average working days to answer a forward. Satisfied: ratings 1 and 2; "
	                   "bad: 4 and 5."));
	return s;
}

static const yz_screen_ops stats_ops = {
    .name = "stats",
    .draw = stats_draw,
    .key = stats_key,
    .enter = stats_enter,
    .leave = stats_leave,
    .keys = stats_keys,
    .help = stats_help,
};

void screen_stats_push(yz_tui *t)
{
	stats_screen *ss = calloc(1, sizeof *ss);
	if (!ss) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	yz_period_of(YZ_PERIOD_MONTH, t->s->today, &ss->period);
	ss->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	tui_push(t, &stats_ops, ss); /* enter reads the figures */
}
