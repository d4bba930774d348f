/* Surveys (issue 18): the station's surveys (forms/surveys/ and the district's),
 * S on home. Each with its period and its papers (counted of returned); Enter
 * keys returned papers, C takes a response at the counter, D shows the
 * differences of papers keyed twice for a third look, P prints numbered
 * questionnaires (the serials recorded as issued), and for the station head
 * and the admin T shows the tallies, read again every few seconds so that the
 * head sees the papers come in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* ---- the list ------------------------------------------------------------------- */

/* What the list says of a survey's papers. */
typedef struct sfig {
	long counted;  /* papers that count; -1 unknown */
	long returned; /* papers keyed at least once; -1 unknown */
} sfig;

typedef struct surveys {
	yz_survey_set set; /* read once: the screens above keep pointers into it */
	bool loaded;       /* set was read (also when it failed) */
	sfig *fig;         /* per survey, read whenever the list comes on top */
} surveys;

/* Counted and returned, as every clerk may read them (no answers). */
static void figures(yz_tui *t, const yz_survey *sv, sfig *f)
{
	yz_survey_papers p;
	f->counted = f->returned = -1;
	if (yz_service_survey_papers_count(t->s, sv, &p, NULL) == 0) {
		f->counted = p.counted;
		f->returned = p.returned;
	}
}

static size_t surveys_load(yz_tui *t, yz_listscreen *ls)
{
	surveys *d = ls->data;
	if (!d->loaded) {
		d->loaded = true;
		yz_diags diags = {0};
		if (yz_service_surveys(t->s, &d->set, &diags) != 0)
			tui_msg(
			    t, TUI_MSG_ERROR,
			    _("A survey file has a mistake and is left out: %s (yizhan forms check "
			      "lists all)."),
			    diags.n ? diags.items[0] : "?");
		yz_diags_free(&diags);
		d->fig = calloc(d->set.n + 1, sizeof *d->fig);
	}
	for (size_t i = 0; d->fig && i < d->set.n; i++)
		figures(t, d->set.items[i], &d->fig[i]);
	return d->fig ? d->set.n : 0;
}

static const yz_column columns[] = {
    {N_("Survey"), COL_FLEX, 16, 3, false},
    {N_("Period"), COL_FIT, 21, 0, false},
    {N_("Counted/returned"), COL_FIT, 12, 0, true},
    {N_("Keying"), COL_FIT, 12, 0, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const surveys *d = ctx;
	const yz_survey *sv = d->set.items[row];
	char from[11], to[11];
	switch (col) {
	case 0:
		return sv->title ? sv->title : sv->id;
	case 1:
		yz_date_format(sv->from, from);
		yz_date_format(sv->to, to);
		/* The same year once: 2026-12-01~12-31. */
		tui_fmt(buf, n, "%s~%s", from, strncmp(from, to, 5) ? to : to + 5);
		return buf;
	case 2:
		if (d->fig[row].counted < 0)
			return "-";
		tui_fmt(buf, n, "%ld/%ld", d->fig[row].counted, d->fig[row].returned);
		return buf;
	default:
		tui_fmt(buf, n, "%s%s%s", sv->double_entry ? _("twice") : _("once"),
		        sv->anonymous ? " " : "", sv->anonymous ? _("anonymous") : "");
		return buf;
	}
}

static void surveys_draw(yz_tui *t, yz_listscreen *ls)
{
	size_t row;
	tui_put(1, 1,
	        _("Enter keys returned papers, C answers at the counter, D the differences of "
	          "papers keyed twice."),
	        COLS - 2, tui_attr(t, ROLE_DIM));
	if (!listscreen_selected(ls, &row))
		return;
	const yz_survey *sv = ((surveys *)ls->data)->set.items[row];
	char buf[512];
	tui_fmt(buf, sizeof buf, _("%s: %s"), sv->id, sv->purpose ? sv->purpose : "");
	char cut[512];
	list_cut(buf, COLS - 2, cut, sizeof cut);
	tui_put(LINES - 3, 1, cut, COLS - 2, tui_attr(t, ROLE_DIM));
}

/* Asks how many papers from which serial; false when the clerk gave up. */
static bool ask_papers(yz_tui *t, const yz_survey *sv, long *first, long *n)
{
	char count[8] = "10", from[16], text[256];
	snprintf(from, sizeof from, "%ld", *first);
	for (;;) {
		yz_ask_field f[] = {{N_("Number of papers"), count, sizeof count, 6, true},
		                    {N_("First serial number"), from, sizeof from, 9, true}};
		tui_fmt(text, sizeof text, _("Numbered questionnaires of %s"), sv->title);
		if (!tui_ask(t, _("Print questionnaires"), text, f, 2))
			return false;
		char *e1, *e2;
		*n = strtol(count, &e1, 10);
		*first = strtol(from, &e2, 10);
		/* The last serial too must be one a paper may have. */
		if (!*e1 && !*e2 && *n >= 1 && *n <= YZ_SURVEY_PRINT_MAX && *first >= 1 &&
		    *first <= YZ_SURVEY_SERIAL_MAX - *n + 1)
			return true;
		tui_fmt(text, sizeof text,
		        _("Type how many papers (1 to %d) and the first serial number."),
		        YZ_SURVEY_PRINT_MAX);
		tui_message(t, _("Print questionnaires"), text);
	}
}

/* The printer refused the papers (none reachable, stopped): their serials
 * are recorded as issued already, so the same papers are offered as a PDF in
 * the save folder, to print from another computer. */
static void offer_pdf(yz_tui *t, const yz_doc *doc, const char *name, const char *from,
                      const char *to, const char *why)
{
	char q[1024];
	yz_err err = {{0}};
	tui_fmt(q, sizeof q,
	        _("Not printed: %s\nPapers %s to %s are recorded as issued. Save them as a PDF in "
	          "the save folder instead?"),
	        why, from, to);
	tui_msg_clear(t);
	if (!tui_confirm(t, _("Print questionnaires"), q)) {
		tui_msg(t, TUI_MSG_ERROR,
		        _("Papers %s to %s were not printed (recorded as issued: P prints them "
		          "again with the same numbers)."),
		        from, to);
		return;
	}
	/* No printer named: the service saves into the save folder (made when
	 * missing) as it does for a station without one. */
	yz_print_outcome po;
	memset(&po, 0, sizeof po);
	if (yz_service_print_a4(t->s, doc, "", name, &po, &err) != 0 || !po.saved) {
		tui_message(t, _("Not saved"), err.msg);
		return;
	}
	tui_msg(t, TUI_MSG_OK, _("Papers %s to %s saved to %s."), from, to, po.saved_path);
}

/* P: numbered questionnaires from the next free serial, printed on the A4
 * printer (or saved when there is none, or offered as a PDF when the printer
 * refuses). The serials offered are taken in one write transaction
 * (yz_service_survey_issue_next: two counters printing at once never get the
 * same ones); the service records them as issued when it makes the papers: a
 * print that fails is printed again with the same numbers and never counted
 * twice. */
static void print_papers(yz_tui *t, const yz_survey *sv)
{
	yz_err err = {{0}};
	long first = 0, n = 0, offered;
	if (yz_service_survey_next_serial(t->s, sv, &first, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	offered = first;
	if (!ask_papers(t, sv, &first, &n))
		return;
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	/* The next free serials kept: taken now, whatever another counter took
	 * since they were offered. */
	if (first == offered && yz_service_survey_issue_next(t->s, sv, n, &first, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, _("Not printed: %s"), err.msg);
		return;
	}
	yz_doc *doc = yz_service_survey_paper(t->s, sv, first, n, &err);
	if (!doc) {
		tui_msg(t, TUI_MSG_ERROR, _("Not printed: %s"), err.msg);
		return;
	}
	/* The file's name without ".pdf": the printing adds it when it saves. */
	char name[256], from[32], to[32];
	yz_service_survey_paper_name(sv, first, n, name, sizeof name);
	size_t l = strlen(name);
	if (l > 4 && !strcmp(name + l - 4, ".pdf"))
		name[l - 4] = '\0';
	yz_survey_serial_text(first, from, sizeof from);
	yz_survey_serial_text(first + n - 1, to, sizeof to);
	yz_print_outcome po;
	memset(&po, 0, sizeof po);
	int rc = yz_service_print_a4(t->s, doc, NULL, name, &po, &err);
	if (rc != 0)
		offer_pdf(t, doc, name, from, to, err.msg);
	else if (po.saved)
		tui_msg(t, TUI_MSG_OK, _("Papers %s to %s saved to %s (no printer)."), from, to,
		        po.saved_path);
	else
		tui_msg(t, TUI_MSG_OK, _("Papers %s to %s sent to the printer."), from, to);
	yz_doc_free(doc);
}

static bool surveys_key(yz_tui *t, yz_listscreen *ls, tui_key k)
{
	size_t row;
	if (!listscreen_selected(ls, &row))
		return false;
	const yz_survey *sv = ((surveys *)ls->data)->set.items[row];
	if (key_enter(k))
		screen_survey_entry_push(t, sv, false);
	else if (key_ch(k, 'c') || key_ch(k, 'C'))
		screen_survey_entry_push(t, sv, true);
	else if (key_ch(k, 'd') || key_ch(k, 'D'))
		screen_survey_diffs_push(t, sv);
	else if ((key_ch(k, 't') || key_ch(k, 'T')) && yz_service_is_head(t->s))
		screen_survey_tally_push(t, sv);
	else if (key_ch(k, 't') || key_ch(k, 'T')) /* said, not ignored */
		tui_msg(t, TUI_MSG_ERROR, "%s",
		        _("Only the station head and the admin can see the tallies."));
	else if (key_ch(k, 'p') || key_ch(k, 'P'))
		print_papers(t, sv);
	else
		return false;
	return true;
}

static void surveys_free(void *data)
{
	surveys *d = data;
	yz_survey_set_free(&d->set);
	free(d->fig);
	free(d);
}

static const yz_keyhint keys[] = {{"Esc", N_("Back")},         {"Enter", N_("Key papers")},
                                  {"C", N_("At the counter")}, {"D", N_("Differences")},
                                  {"P", N_("Print")},          {"T", N_("Tallies")}};
static const yz_keyhint clerk_keys[] = {{"Esc", N_("Back")},
                                        {"Enter", N_("Key papers")},
                                        {"C", N_("At the counter")},
                                        {"D", N_("Differences")},
                                        {"P", N_("Print")}};

#define SURVEYS_DEF(k)                                                                             \
	{                                                                                          \
		.title = N_("Surveys"), .count = true,                                             \
		.empty = N_("The station has no surveys (forms/surveys)."), .cols = columns,       \
		.n_cols = sizeof columns / sizeof columns[0], .cell = cell, .below = 1,            \
		.load = surveys_load, .draw = surveys_draw, .key = surveys_key, .keys = k,         \
		.n_keys = sizeof k / sizeof k[0], .n_keys_empty = 1, .free = surveys_free,         \
	}

static const yz_listscreen_def head_def = SURVEYS_DEF(keys);
static const yz_listscreen_def clerk_def = SURVEYS_DEF(clerk_keys);

void screen_surveys_push(yz_tui *t)
{
	surveys *d = calloc(1, sizeof *d);
	if (!d) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	listscreen_push(t, yz_service_is_head(t->s) ? &head_def : &clerk_def, d);
}

/* ---- the tallies -------------------------------------------------------------------- */

/* One row of the tallies as drawn. */
typedef enum trow_kind {
	TR_HEAD, /* a question's title and base */
	TR_LINE, /* an option: n, percentages, bar */
	TR_TEXT, /* a mean, an "other" text, a note */
} trow_kind;

typedef struct trow {
	trow_kind kind;
	char *text;  /* the title, the option's label, the text */
	long n;      /* TR_LINE: papers */
	int64_t pct; /* TR_LINE: hundredths of a percent of the base */
	int64_t men; /* TR_LINE: of the mentions (multi), -1 otherwise */
} trow;

typedef struct tally {
	const yz_survey *sv; /* the survey (the list screen's) */
	yz_survey_tally *tl; /* the last count */
	trow *rows;          /* what is drawn under the papers' lines */
	size_t n, cap;       /* rows and room */
	yz_list list;        /* scrolling */
	int height;          /* rows of the last draw */
} tally;

static void add_row(tally *ta, trow_kind kind, char *text, long n, int64_t pct, int64_t men)
{
	if (ta->n == ta->cap) {
		size_t cap = ta->cap ? ta->cap * 2 : 64;
		trow *r = realloc(ta->rows, cap * sizeof *r);
		if (!r) {
			free(text);
			return;
		}
		ta->rows = r;
		ta->cap = cap;
	}
	ta->rows[ta->n++] = (trow){kind, text, n, pct, men};
}

static void free_rows(tally *ta)
{
	for (size_t i = 0; i < ta->n; i++)
		free(ta->rows[i].text);
	ta->n = 0;
}

static void question_rows(tally *ta, const yz_survey_qtally *q)
{
	char mean[32];
	add_row(ta, TR_HEAD,
	        yz_strdup_printf(_("%s  (base %ld, answered %ld)"), q->title, q->base, q->answered),
	        0, 0, -1);
	if (q->q && q->q->kind == YZ_Q_MULTI)
		add_row(ta, TR_TEXT,
		        yz_strdup_printf(_("%ld mentions; %% of respondents, then of mentions"),
		                         q->mentions),
		        0, 0, -1);
	for (size_t i = 0; i < q->n_lines; i++) {
		const yz_survey_line *l = &q->lines[i];
		add_row(ta, TR_LINE, strdup(l->label ? l->label : ""), l->n, l->pct,
		        q->q && q->q->kind == YZ_Q_MULTI ? l->pct_mentions : -1);
	}
	if (q->has_mean) {
		yz_hundredths_format(q->mean, mean);
		add_row(ta, TR_TEXT, yz_strdup_printf(_("Mean %s"), mean), 0, 0, -1);
	}
	for (size_t i = 0; i < q->n_texts; i++)
		add_row(ta, TR_TEXT, yz_strdup_printf("\"%s\"", q->texts[i]), 0, 0, -1);
}

static void tally_load(yz_tui *t, tally *ta)
{
	yz_survey_tally *tl = NULL;
	yz_err err = {{0}};
	if (yz_service_survey_count(t->s, ta->sv, NULL, &tl, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	yz_survey_tally_free(ta->tl);
	ta->tl = tl;
	free_rows(ta);
	for (size_t i = 0; i < tl->n_qs; i++)
		question_rows(ta, &tl->qs[i]);
	ta->list.n = ta->n;
	if (ta->list.sel >= ta->n)
		ta->list.sel = ta->n ? ta->n - 1 : 0;
}

/* A rate of the papers' lines as "97.50%", an em dash when it has no base
 * (no issue recorded, nothing returned). */
static void rate_text(int64_t rate, char buf[32])
{
	if (rate < 0) {
		snprintf(buf, 32, "\xe2\x80\x94");
		return;
	}
	yz_hundredths_format(rate, buf);
	size_t l = strlen(buf);
	snprintf(buf + l, 32 - l, "%%");
}

static int draw_papers(yz_tui *t, const tally *ta, int y)
{
	const yz_survey_papers *p = &ta->tl->papers;
	char a[32], b[32], buf[512];
	rate_text(p->return_rate, a);
	rate_text(p->valid_rate, b);
	if (p->issued > 0)
		tui_fmt(buf, sizeof buf,
		        _("Issued %ld  returned %ld (%s of issued)  valid %ld (%s of counted)"),
		        p->issued, p->returned, a, p->valid, b);
	else
		tui_fmt(buf, sizeof buf,
		        _("Issued: not recorded  returned %ld  valid %ld (%s of counted)"),
		        p->returned, p->valid, b);
	tui_put(y++, 1, buf, COLS - 2, A_BOLD);
	/* The counted papers by mode (the entry form's labels, as the clerks
	 * key them), then those still waiting. */
	tui_fmt(buf, sizeof buf,
	        _("Counted %ld (%s %ld, %s %ld, %s %ld)  waiting for keying 2: %ld  for a third "
	          "look: %ld"),
	        p->counted, yz_survey_mode_label(YZ_SURVEY_SELF), p->by_mode[YZ_SURVEY_SELF],
	        yz_survey_mode_label(YZ_SURVEY_PROXY), p->by_mode[YZ_SURVEY_PROXY],
	        yz_survey_mode_label(YZ_SURVEY_COUNTER), p->by_mode[YZ_SURVEY_COUNTER], p->waiting,
	        p->different);
	tui_put(y++, 1, buf, COLS - 2, tui_attr(t, ROLE_DIM));
	return y;
}

/* The cells of a bar of pct (hundredths of a percent) in w cells: rounded,
 * at least one for any share above 0, never past w. */
static int bar_len(int64_t pct, int w)
{
	if (pct <= 0 || w <= 0)
		return 0;
	int64_t len = (pct * w + 5000) / 10000;
	return len < 1 ? 1 : len > w ? w : (int)len;
}

/* An option's row: label, n, percentage(s), a bar of '#' of the percentage. */
static void draw_line(const trow *r, int y)
{
	enum { LABEL_W = 24 };
	char cut[256], buf[96], a[32], b[32];
	list_cut(r->text, LABEL_W, cut, sizeof cut);
	tui_put(y, 3, cut, LABEL_W, A_NORMAL);
	yz_hundredths_format(r->pct, a);
	if (r->men >= 0) {
		yz_hundredths_format(r->men, b);
		snprintf(buf, sizeof buf, "%6ld %7s%% %7s%%", r->n, a, b);
	} else {
		snprintf(buf, sizeof buf, "%6ld %7s%%", r->n, a);
	}
	int x = 3 + LABEL_W + 1;
	x += tui_put(y, x, buf, COLS - x - 1, A_BOLD) + 1;
	char bar[256];
	int w = COLS - 1 - x < (int)sizeof bar ? COLS - 1 - x : (int)sizeof bar - 1;
	int len = bar_len(r->pct, w);
	if (len == 0)
		return;
	memset(bar, '#', (size_t)len);
	bar[len] = '\0';
	tui_put(y, x, bar, len, A_NORMAL);
}

static void tally_draw(yz_tui *t, yz_screen *sc)
{
	tally *ta = sc->data;
	char buf[512];
	tui_fmt(buf, sizeof buf, _("Tallies: %s"), ta->sv->title);
	tui_title(t, buf);
	if (!ta->tl) {
		t->cur_y = -1;
		return;
	}
	int y = draw_papers(t, ta, 1) + 1;
	ta->height = LINES - 2 - y;
	list_scroll(&ta->list, ta->height);
	for (int i = 0; i < ta->height && ta->list.top + (size_t)i < ta->n; i++) {
		const trow *r = &ta->rows[ta->list.top + (size_t)i];
		if (r->kind == TR_HEAD)
			tui_put(y + i, 1, r->text, COLS - 2, tui_attr(t, ROLE_HEADER));
		else if (r->kind == TR_LINE)
			draw_line(r, y + i);
		else
			tui_put(y + i, 3, r->text, COLS - 4, tui_attr(t, ROLE_DIM));
	}
	size_t above = ta->list.top, below = ta->n > ta->list.top + (size_t)ta->height
	                                         ? ta->n - ta->list.top - (size_t)ta->height
	                                         : 0;
	char m[64];
	list_markers(above, below, m, sizeof m);
	int w = yz_text_width(m);
	if (w)
		tui_put(y - 1, COLS - 1 - w, m, w, A_BOLD);
	t->cur_y = -1;
}

/* The head reads along: the list scrolls by pages of questions, the
 * selection is the window's top row. */
static bool tally_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	tally *ta = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_msg_clear(t);
		tui_pop(t);
		return true;
	}
	if (key_ch(k, 'r') || key_ch(k, 'R')) {
		tally_load(t, ta);
		return true;
	}
	int h = ta->height > 1 ? ta->height : 2;
	size_t last = ta->n > (size_t)h ? ta->n - (size_t)h : 0;
	if (key_code(k, KEY_DOWN) && ta->list.top < last)
		ta->list.top++;
	else if (key_code(k, KEY_UP) && ta->list.top > 0)
		ta->list.top--;
	else if (key_code(k, KEY_NPAGE) || key_ch(k, ' '))
		ta->list.top = ta->list.top + (size_t)h < last ? ta->list.top + (size_t)h : last;
	else if (key_code(k, KEY_PPAGE))
		ta->list.top = ta->list.top > (size_t)h ? ta->list.top - (size_t)h : 0;
	else if (key_code(k, KEY_HOME))
		ta->list.top = 0;
	else if (key_code(k, KEY_END))
		ta->list.top = last;
	else
		return false;
	ta->list.sel = ta->list.top;
	return true;
}

static void tally_enter(yz_tui *t, yz_screen *sc)
{
	tally_load(t, sc->data);
}

/* Every few seconds: counted again, so that the head sees the papers come in. */
static void tally_tick(yz_tui *t, yz_screen *sc)
{
	size_t top = ((tally *)sc->data)->list.top;
	tally_load(t, sc->data);
	((tally *)sc->data)->list.top = top;
}

static void tally_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	tally *ta = sc->data;
	free_rows(ta);
	free(ta->rows);
	yz_survey_tally_free(ta->tl);
	free(ta);
}

static size_t tally_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t, (void)sc;
	static const yz_keyhint k[] = {
	    {"Esc", N_("Back")}, {"PgDn", N_("Page")}, {"R", N_("Count again")}};
	return tui_put_keys(out, max, k, sizeof k / sizeof k[0]);
}

static const yz_screen_ops tally_ops = {
    .name = "survey_tally",
    .draw = tally_draw,
    .key = tally_key,
    .enter = tally_enter,
    .tick = tally_tick,
    .leave = tally_leave,
    .keys = tally_keys,
};

void screen_survey_tally_push(yz_tui *t, const yz_survey *sv)
{
	tally *ta = calloc(1, sizeof *ta);
	if (!ta) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	ta->sv = sv;
	tui_msg_clear(t); /* the list's message ("paper 0006 stored") says nothing here */
	tui_push(t, &tally_ops, ta);
}
