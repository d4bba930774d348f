/* Survey papers keyed at the counter (issue 18), and the third look at the
 * papers whose two keyings differ.
 *
 * Keying: the survey's entry form (yz_survey.entry) in the engine's quick mode,
 * drawn by the form view: the paper's serial number first — leaving it asks
 * the service at once whether this clerk may key it and which keying it is
 * (the cursor stays on a refused number, with the reason) — then the answers,
 * a digit a choice, the skip logic jumping over what is not asked. Enter on
 * the last question stores the paper, says what became of it and opens an
 * empty form for the next paper (the clerk types its number from the paper).
 * At the counter the mode is preset and the number is a random free one.
 * Every change is kept as a draft: a half-keyed paper survives leaving the
 * screen (Esc asks) and a power cut, and is offered back.
 *
 * The third look: every answer the two keyings of a paper disagree on, with
 * both values; 1 or 2 takes one of them, typing gives the right one, F10
 * settles the paper (it counts from then on). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* The draft of a half-keyed paper: one per clerk, survey, mode and counter. */
#define DRAFT_PREFIX "survey:"

/* The fewest rows under the form: the focused question in full (the form's
 * labels are cut to a column), then its options or hint. */
enum { HINT_ROWS = 4 };

typedef struct sentry {
	yz_tui *t;           /* for the engine's change callback (drafts) */
	const yz_survey *sv; /* the survey (the list screen's, below this one) */
	yz_engine *eng;      /* the paper being keyed */
	yz_formview fv;      /* how it is drawn */
	yz_eval_env env;     /* today and the station settings */
	bool counter;        /* at the counter: mode preset, a random free number */
	long checked;        /* the serial the service accepted (0 = none yet) */
	int pass;            /* its keying: 0 (single entry), 1 or 2 */
	long papers;         /* papers stored since the screen opened */
	char done[256];      /* what became of the last paper stored */
	char draft_id[128];  /* DRAFT_PREFIX + the survey's id, the mode, the counter */
} sentry;

static size_t field_index(const yz_survey *sv, const char *id)
{
	const yz_field_def *d = yz_form_field(sv->entry, id);
	return d ? (size_t)(d - sv->entry->fields) : (size_t)-1;
}

static bool on_field(const sentry *se, const char *id)
{
	return yz_engine_cell_def(se->eng) &&
	       yz_engine_field_index(se->eng) == field_index(se->sv, id);
}

/* A multichoice value as the numbers of its picks ("2 3 12"): 80 columns
 * show only the first options' names, the numbers show every tick. "" when d
 * is no multichoice or the value holds a pick that is no option. */
static void pick_numbers(const yz_field_def *d, const char *value, char *buf, size_t n)
{
	const char *p = value ? value : "", *pick;
	size_t len, used = 0;
	buf[0] = '\0';
	if (!d || d->type != YZ_FIELD_MULTICHOICE)
		return;
	while (yz_multi_next(&p, &pick, &len)) {
		size_t i = 0;
		while (i < d->n_options &&
		       (strlen(d->options[i]) != len || strncmp(d->options[i], pick, len)))
			i++;
		int w = i < d->n_options
		            ? snprintf(buf + used, n - used, "%s%zu", used ? " " : "", i + 1)
		            : -1;
		if (w < 0 || (size_t)w >= n - used) {
			buf[0] = '\0';
			return;
		}
		used += (size_t)w;
	}
}

/* ---- drafts ---------------------------------------------------------------------- */

/* Every change: the service keeps every value typed but what it must not
 * keep with answers (an anonymous survey's proxy). */
static void save_draft(sentry *se)
{
	yz_err err = {{0}};
	if (yz_service_survey_draft_save(se->t->s, se->sv, se->draft_id, yz_engine_values(se->eng),
	                                 &err) != 0)
		tui_msg(se->t, TUI_MSG_ERROR, _("The draft could not be saved: %s"), err.msg);
}

static void engine_changed(yz_engine *e, void *ctx)
{
	(void)e;
	save_draft(ctx);
}

/* Whether the clerk typed anything into this paper (the counter's presets do
 * not count). */
static bool anything_typed(const sentry *se)
{
	const yz_values *v = yz_engine_values(se->eng);
	for (size_t i = 0; i < v->n; i++) {
		if (!*v->vals[i])
			continue;
		if (se->counter && (!strcmp(v->keys[i], YZ_SURVEY_F_SERIAL) ||
		                    !strcmp(v->keys[i], YZ_SURVEY_F_MODE)))
			continue;
		return true;
	}
	return false;
}

/* ---- the serial ------------------------------------------------------------------- */

/* Ask the service whether this clerk may key paper serial and which keying it
 * is; false with the reason in the message line. */
static bool check_serial(yz_tui *t, sentry *se, long serial)
{
	yz_err err = {{0}};
	int pass = 0;
	/* At the counter the number is the service's random one, never issued. */
	if (yz_service_survey_serial_check_at(t->s, se->sv, serial, se->counter, &pass, &err) !=
	    0) {
		se->checked = 0;
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return false;
	}
	se->checked = serial;
	/* A counter response counts at once, double entry or not (the service's
	 * rule: there is no paper to key again). */
	se->pass = se->counter ? 0 : pass;
	return true;
}

/* Leaving the serial: checked first. False when the cursor stays. */
static bool serial_ok(yz_tui *t, sentry *se)
{
	const char *typed = yz_engine_text(se->eng);
	char *end = NULL;
	if (!*typed) {
		tui_msg(t, TUI_MSG_ERROR, "%s",
		        _("Type the serial number printed on the paper first."));
		return false;
	}
	long serial = strtol(typed, &end, 10);
	if (*end) /* not a number: the engine's own words, when the cell is left */
		return true;
	return check_serial(t, se, serial);
}

/* ---- a paper ----------------------------------------------------------------------- */

/* The first field after the mode that takes the cursor: where the counter's
 * papers start. */
static void past_mode(sentry *se)
{
	const yz_form *f = se->sv->entry;
	for (size_t i = field_index(se->sv, YZ_SURVEY_F_MODE) + 1; i < f->n_fields; i++)
		if (yz_engine_goto(se->eng, i, 0, 0))
			return;
}

/* An empty paper (at the counter: a random free number, the mode preset), or
 * the values of a draft. */
/* The cursor on the first field after the last one draft keyed that takes
 * it (skip logic applied), or on that last one when none follows. */
static void resume_at(sentry *se, const yz_values *draft)
{
	size_t n = se->sv->entry->n_fields, last = n;
	for (size_t i = n; i-- > 0 && last == n;) {
		const char *val = yz_values_get(draft, se->sv->entry->fields[i].id);
		if (val && *val)
			last = i;
	}
	if (last == n)
		return;
	for (size_t j = last + 1; j < n; j++)
		if (yz_engine_goto(se->eng, j, 0, 0))
			return;
	yz_engine_goto(se->eng, last, 0, 0);
}

static void start_paper(yz_tui *t, sentry *se, const yz_values *draft)
{
	yz_values v = {0};
	long next = 0;
	yz_err err = {{0}};
	yz_engine_on_change(se->eng, NULL, NULL); /* a fresh paper is not a change */
	se->checked = 0;
	se->pass = 0;
	if (draft) {
		yz_engine_load(se->eng, draft);
	} else if (se->counter) {
		char buf[32];
		/* A random free number (the service's): counter responses never
		 * run in time order, so none can be tied to the resident. */
		if (yz_service_survey_counter_serial(t->s, se->sv, &next, &err) != 0)
			tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		if (next > 0) {
			snprintf(buf, sizeof buf, "%ld", next);
			yz_values_set(&v, YZ_SURVEY_F_SERIAL, buf);
		}
		yz_values_set(&v, YZ_SURVEY_F_MODE, yz_survey_mode_label(YZ_SURVEY_COUNTER));
		yz_engine_load(se->eng, &v);
	} else {
		yz_engine_load(se->eng, NULL);
	}
	yz_values_clear(&v);
	/* A number already there (the counter's, a draft's) is checked at once. */
	const char *s = yz_values_get(yz_engine_values(se->eng), YZ_SURVEY_F_SERIAL);
	if (s && *s && check_serial(t, se, strtol(s, NULL, 10)) && se->counter && !draft)
		past_mode(se);
	if (draft) /* back where the clerk stopped: the question after the last
	            * one keyed (the next key is the next answer on the paper; ↑ goes
	            * back to finish a text) */
		resume_at(se, draft);
	se->fv.top = 0;
	yz_engine_on_change(se->eng, engine_changed, se);
}

/* What became of a paper stored, in the clerk's words. */
static void describe(const yz_survey_entered *out, char *buf, size_t n)
{
	char no[24];
	yz_survey_serial_text(out->serial, no, sizeof no);
	if (out->pass == 0)
		tui_fmt(buf, n, _("Paper %s stored."), no);
	else if (out->pass == 1)
		tui_fmt(buf, n,
		        _("Paper %s stored (keying 1: it waits for another clerk's keying 2)."),
		        no);
	else if (out->state == YZ_SENTRY_DIFFERENT)
		tui_fmt(buf, n, _("Paper %s stored (keying 2, %zu answers differ from keying 1)."),
		        no, out->n_diffs);
	else
		tui_fmt(buf, n, _("Paper %s stored (keying 2, the same as keying 1: it counts)."),
		        no);
}

/* The paper is complete: stored, and a fresh form for the next one. */
static void store(yz_tui *t, sentry *se)
{
	yz_survey_entered out = {0};
	yz_err err = {{0}};
	if (yz_service_survey_enter(t->s, se->sv, yz_engine_values(se->eng), &out, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, _("Not stored: %s"), err.msg);
		/* A number refused meanwhile (another counter keyed it): back to it. */
		size_t at = field_index(se->sv, YZ_SURVEY_F_SERIAL);
		if (se->checked &&
		    yz_service_survey_serial_check_at(t->s, se->sv, se->checked, se->counter,
		                                      &out.pass, NULL) != 0)
			yz_engine_goto(se->eng, at, 0, 0);
		return;
	}
	describe(&out, se->done, sizeof se->done);
	se->papers++;
	yz_service_draft_delete(t->s, se->draft_id, NULL);
	start_paper(t, se, NULL);
	tui_msg(t, TUI_MSG_OK, "%s", se->done);
}

/* What a key did to the engine; the last question's Enter (quick mode) or a
 * digit that picked its answer submitted the paper: it is stored. */
static void result(yz_tui *t, sentry *se, yz_key_result r)
{
	if (r == YZ_KEY_SUBMITTED)
		store(t, se);
	else
		formview_report(t, &se->fv, r);
}

static void submit(yz_tui *t, sentry *se)
{
	if (on_field(se, YZ_SURVEY_F_SERIAL) && !serial_ok(t, se))
		return;
	formview_resolve_choice(&se->fv);
	yz_key_result r = yz_engine_submit(se->eng);
	if (r == YZ_KEY_SUBMITTED && !se->checked) { /* a number never left: checked now */
		const char *s = yz_values_get(yz_engine_values(se->eng), YZ_SURVEY_F_SERIAL);
		if (!s || !check_serial(t, se, strtol(s, NULL, 10))) {
			yz_engine_goto(se->eng, field_index(se->sv, YZ_SURVEY_F_SERIAL), 0, 0);
			return;
		}
	}
	result(t, se, r);
}

/* Enter or Tab on an empty required field (the mode): refused at once with
 * the reason, not at the end of the paper, where the clerk would have to go
 * back up to it. True when refused. */
static bool required_empty(yz_tui *t, sentry *se)
{
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	yz_err err = {{0}};
	if (!d || !d->required || *yz_engine_text(se->eng) ||
	    yz_field_validate(d, "", t->s->today, &err))
		return false;
	tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	return true;
}

/* Enter/Tab (forward) or Shift-Tab; forward on the last field stores the paper.
 * strict (Enter, Tab): an empty required field keeps the cursor; the arrows
 * still move freely. */
static void step(yz_tui *t, sentry *se, bool forward, bool strict)
{
	if (forward && on_field(se, YZ_SURVEY_F_SERIAL) && !serial_ok(t, se))
		return;
	formview_resolve_choice(&se->fv);
	if (forward && strict && required_empty(t, se))
		return;
	yz_key_result r = yz_engine_key(se->eng, forward ? YZ_KEY_NEXT : YZ_KEY_PREV, 0);
	if (forward && r == YZ_KEY_REFUSED) /* the last field, without quick mode */
		submit(t, se);
	else
		result(t, se, r);
}

static void page(yz_tui *t, sentry *se, bool forward)
{
	if (forward && on_field(se, YZ_SURVEY_F_SERIAL) && !serial_ok(t, se))
		return;
	formview_resolve_choice(&se->fv);
	result(t, se, yz_engine_key(se->eng, forward ? YZ_KEY_PAGE_NEXT : YZ_KEY_PAGE_PREV, 0));
}

/* ---- the respondent (a survey that is not anonymous) ------------------------------ */

static void resident_picked(yz_tui *t, void *ctx, const yz_resident *r)
{
	sentry *se = ctx;
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	if (!d || d->type != YZ_FIELD_RESIDENT || !yz_engine_set_text(se->eng, r->idno))
		return;
	result(t, se, yz_engine_key(se->eng, YZ_KEY_NEXT, 0));
}

static bool resident_key(yz_tui *t, sentry *se, tui_key k)
{
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	char q[8] = {0};
	if (key_code(k, KEY_F(5)) || (key_printable(k) && k.ch != ' ')) {
		if (key_printable(k))
			yz_utf8_encode((uint32_t)k.ch, q);
		screen_resident_find_query(t, resident_picked, se, d->label, q);
		return true;
	}
	if (key_backspace(k) || key_code(k, KEY_DC) || key_ch(k, TUI_CTRL('u'))) {
		yz_engine_set_text(se->eng, "");
		return true;
	}
	return false; /* Enter on it moves on: the respondent is optional */
}

/* ---- keys ------------------------------------------------------------------------------ */

static bool leave(yz_tui *t, sentry *se)
{
	/* A message of this screen ("paper 0006 stored") says nothing on the
	 * list: cleared with the screen. */
	if (!anything_typed(se)) {
		yz_service_draft_delete(t->s, se->draft_id, NULL);
		tui_msg_clear(t);
		tui_pop(t);
		return true;
	}
	if (tui_confirm(t, se->sv->title,
	                _("Leave this paper? What you keyed is kept and offered again when you "
	                  "come back to this survey."))) {
		tui_msg_clear(t);
		tui_pop(t);
	}
	return true;
}

static bool edit_key(yz_tui *t, sentry *se, tui_key k)
{
	yz_line_op op;
	static const yz_key of_op[] = {
	    [YZ_LINE_LEFT] = YZ_KEY_LEFT,           [YZ_LINE_RIGHT] = YZ_KEY_RIGHT,
	    [YZ_LINE_HOME] = YZ_KEY_HOME,           [YZ_LINE_END] = YZ_KEY_END,
	    [YZ_LINE_BACKSPACE] = YZ_KEY_BACKSPACE, [YZ_LINE_DELETE] = YZ_KEY_DELETE,
	    [YZ_LINE_KILL] = YZ_KEY_KILL_LINE,
	};
	if (tui_line_op(k, &op))
		result(t, se, yz_engine_key(se->eng, of_op[op], 0));
	else if (key_printable(k))
		result(t, se, yz_engine_key(se->eng, YZ_KEY_CHAR, (uint32_t)k.ch));
	else
		return false;
	return true;
}

static bool sentry_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	sentry *se = sc->data;
	const yz_field_def *d = yz_engine_cell_def(se->eng);

	if (key_esc(k) || key_code(k, KEY_F(10)))
		return leave(t, se);
	if (key_code(k, KEY_F(9)) || key_ch(k, TUI_CTRL('s'))) {
		submit(t, se);
		return true;
	}
	if (!d)
		return false;
	if (d->type == YZ_FIELD_RESIDENT && resident_key(t, se, k))
		return true;
	/* A memo takes Enter as a new line, but an empty one moves on: the
	 * paper left it blank. */
	if (d->type == YZ_FIELD_MEMO && !(key_enter(k) && !*yz_engine_text(se->eng)) &&
	    formview_memo_key(t, &se->fv, k))
		return true;
	if (key_ch(k, '\t') || key_enter(k) || key_ch(k, '\n') || key_code(k, KEY_DOWN))
		step(t, se, true, !key_code(k, KEY_DOWN));
	else if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP))
		step(t, se, false, false);
	else if (key_code(k, KEY_NPAGE))
		page(t, se, true);
	else if (key_code(k, KEY_PPAGE))
		page(t, se, false);
	else /* a key over a picked option: the engine's quick mode decides */
		return edit_key(t, se, k);
	return true;
}

/* ---- drawing ----------------------------------------------------------------------- */

/* Which paper and which keying, on row 1. */
static void draw_paper_line(yz_tui *t, sentry *se)
{
	char buf[256], no[24], what[160];
	if (se->checked) {
		yz_survey_serial_text(se->checked, no, sizeof no);
		if (se->pass == 0)
			tui_fmt(what, sizeof what, "%s", _("single entry"));
		else
			tui_fmt(what, sizeof what, _("keying %d of 2"), se->pass);
		tui_fmt(buf, sizeof buf, _("Paper %s: %s"), no, what);
	} else {
		tui_fmt(buf, sizeof buf, "%s",
		        se->sv->double_entry ? _("Type the paper's serial number (keyed twice).")
		                             : _("Type the paper's serial number."));
	}
	int used = tui_put(1, 1, buf, COLS - 24, se->checked ? A_BOLD : tui_attr(t, ROLE_DIM));
	if (se->counter)
		used += tui_put(1, 1 + used + 2, _("answered at the counter"), COLS - 24 - used - 2,
		                tui_attr(t, ROLE_DIM)) +
		        2;
	const yz_form *f = se->sv->entry;
	if (f->n_pages > 1) {
		size_t p = yz_engine_page(se->eng);
		tui_fmt(buf, sizeof buf, _("Page %zu/%zu %s"), p + 1, f->n_pages,
		        f->pages[p].title ? f->pages[p].title : "");
		int w = yz_text_width(buf);
		int x = COLS - w - 2 > used + 4 ? COLS - w - 2 : used + 4;
		tui_put(1, x, buf, COLS - x - 1, A_BOLD);
	}
}

/* "1.option 2.option ..." of d, compactly (17 options in two rows). */
static void options_text(const yz_field_def *d, char *buf, size_t n)
{
	size_t len = strlen(buf);
	for (size_t i = 0; i < d->n_options && len + 1 < n; i++) {
		/* "1.18-34" — a number never runs into a label that starts with digits */
		int w =
		    snprintf(buf + len, n - len, "%s%zu.%s", i ? " " : "", i + 1, d->options[i]);
		if (w < 0 || (size_t)w >= n - len) {
			buf[len] = '\0';
			break;
		}
		len += (size_t)w;
	}
}

/* s wrapped over at most rows rows from (y, x), w columns wide. */
static void put_wrapped(const char *s, int y, int x, int w, int rows, attr_t a)
{
	for (int i = 0; i < rows && *s; i++) {
		size_t shown, next = tui_wrap(s, w, &shown);
		char line[512];
		snprintf(line, sizeof line, "%.*s",
		         (int)(shown < sizeof line ? shown : sizeof line - 1), s);
		tui_put(y + i, x, line, w, a);
		if (!next)
			break;
		s += next;
	}
}

/* What goes under the form for the focused cell: a choice's options (a
 * multichoice's with how to type them), else the form view's hint. */
static void hint_text(sentry *se, const yz_field_def *d, char *buf, size_t n)
{
	buf[0] = '\0';
	if (d->type == YZ_FIELD_MULTICHOICE && d->max_choices > 0)
		tui_fmt(buf, n, _("Digits with spaces, then Enter (at most %d): "), d->max_choices);
	else if (d->type == YZ_FIELD_MULTICHOICE)
		tui_fmt(buf, n, "%s", _("Digits with spaces, then Enter: "));
	if (d->type == YZ_FIELD_CHOICE || d->type == YZ_FIELD_MULTICHOICE)
		options_text(d, buf, n);
	else
		formview_hint(&se->fv, buf, n);
}

/* Rows s takes wrapped at w columns. */
static int wrapped_rows(const char *s, int w)
{
	int rows = 0;
	while (*s) {
		size_t shown, next = tui_wrap(s, w, &shown);
		rows++;
		if (!next)
			break;
		s += next;
	}
	return rows;
}

/* Under the form from row y0: the focused question in full (with what was
 * typed into a multichoice, which its line shows only once it is left), then
 * the hint (the options) in the rows left above the status line. */
static void draw_hint(yz_tui *t, sentry *se, const char *hint, int y0)
{
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	char buf[1024], cut[512];
	char picks[256];
	pick_numbers(d, yz_engine_text(se->eng), picks, sizeof picks);
	if (picks[0]) /* ticked (the form's line shows only the first names) */
		tui_fmt(buf, sizeof buf, _("%s  ticked: %s"), d->label, picks);
	else if (d->type == YZ_FIELD_MULTICHOICE && *yz_engine_text(se->eng))
		tui_fmt(buf, sizeof buf, _("%s  typed: %s"), d->label, yz_engine_text(se->eng));
	else
		tui_fmt(buf, sizeof buf, "%s", d->label);
	list_cut(buf, COLS - 4, cut, sizeof cut);
	tui_put(y0, 2, cut, COLS - 4, A_BOLD);
	put_wrapped(hint, y0 + 1, 2, COLS - 4, LINES - 2 - y0 - 1, tui_attr(t, ROLE_DIM));
}

static void sentry_draw(yz_tui *t, yz_screen *sc)
{
	sentry *se = sc->data;
	char buf[512];
	tui_fmt(buf, sizeof buf, _("Keying papers: %s"), se->sv->title);
	tui_title(t, buf);
	draw_paper_line(t, se);
	if (se->done[0]) {
		char line[320];
		tui_fmt(line, sizeof line, _("%ld keyed. Last: %s"), se->papers, se->done);
		tui_put(2, 1, line, COLS - 2, tui_attr(t, ROLE_OK));
	}
	/* Under the form: the question and its options, in as many rows as they
	 * take (the needs survey's 18 services take five), at most half the
	 * screen; the form scrolls in the rest. */
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	char hint[2048] = "";
	int rows = 1;
	if (d) {
		hint_text(se, d, hint, sizeof hint);
		rows = 1 + wrapped_rows(hint, COLS - 4);
		rows = rows < HINT_ROWS         ? HINT_ROWS
		       : rows > (LINES - 5) / 2 ? (LINES - 5) / 2
		                                : rows;
	}
	int y = LINES - 2 - rows;
	formview_draw(t, &se->fv, 3, y, 0, -1, NULL, NULL);
	int cy = t->cur_y, cx = t->cur_x;
	if (d)
		draw_hint(t, se, hint, y);
	t->cur_y = cy, t->cur_x = cx;
}

static void sentry_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	sentry *se = sc->data;
	yz_engine_free(se->eng);
	free(se);
}

static size_t sentry_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	sentry *se = sc->data;
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	yz_keyhint k[8];
	size_t n = 0;
	k[n++] = (yz_keyhint){"Enter", d && d->type == YZ_FIELD_MEMO ? N_("New line") : N_("Next")};
	if (d && d->type == YZ_FIELD_MEMO)
		k[n++] = (yz_keyhint){"Tab", N_("Next")};
	if (d && d->type == YZ_FIELD_RESIDENT)
		k[n++] = (yz_keyhint){"F5", N_("Search")};
	if (se->sv->entry->n_pages > 1)
		k[n++] = (yz_keyhint){"PgDn", N_("Page")};
	k[n++] = (yz_keyhint){"F9", N_("Store paper")};
	k[n++] = (yz_keyhint){"Esc", N_("Leave")};
	return tui_put_keys(out, max, k, n);
}

static char *sentry_help(yz_tui *t, yz_screen *sc, char *title, size_t n)
{
	(void)t;
	sentry *se = sc->data;
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	snprintf(title, n, "%s", d ? d->label : se->sv->title);
	return yz_strdup_printf(
	    "%s%s%s", d && d->help ? d->help : "", d && d->help ? "\n\n" : "",
	    _("Type the serial number printed on the paper, then each answer: a digit picks "
	      "an option and moves on; several options are digits with spaces, then Enter; "
	      "Enter leaves a question unanswered. Enter on the last question stores the "
	      "paper and opens the next. A paper keyed twice is compared with its first "
	      "keying; the differences wait for a third look (D on the list of surveys)."));
}

static tui_field_kind sentry_field(yz_tui *t, yz_screen *sc, tui_focus *at)
{
	(void)t;
	sentry *se = sc->data;
	const yz_field_def *d = yz_engine_cell_def(se->eng);
	*at = (tui_focus){d, yz_engine_text(se->eng), yz_engine_cursor(se->eng)};
	return formview_field_kind(d);
}

static const yz_screen_ops sentry_ops = {
    .name = "survey_entry",
    .draw = sentry_draw,
    .key = sentry_key,
    .leave = sentry_leave,
    .keys = sentry_keys,
    .help = sentry_help,
    .field = sentry_field,
};

/* A half-keyed paper kept from before: offered back; true when taken. */
static bool offer_draft(yz_tui *t, sentry *se)
{
	yz_kv_list kv = {0};
	if (yz_service_draft_load(t->s, se->draft_id, &kv, NULL) != 0)
		return false;
	yz_values v = {0};
	bool any = false;
	for (size_t k = 0; k < kv.n; k++) {
		any = any || kv.vals[k][0];
		yz_values_set(&v, kv.keys[k], kv.vals[k]);
	}
	const char *s = yz_values_get(&v, YZ_SURVEY_F_SERIAL);
	char q[256];
	/* N throws the paper away: the question says so. */
	tui_fmt(q, sizeof q,
	        _("A paper keyed halfway (serial number %s) was kept. Y: go on with it. N: "
	          "throw it away (what was keyed is deleted)."),
	        s && *s ? s : "-");
	bool take = any && tui_confirm(t, se->sv->title, q);
	if (take)
		start_paper(t, se, &v);
	else if (!tui_ending(t))
		yz_service_draft_delete(t->s, se->draft_id, NULL);
	yz_values_clear(&v);
	yz_service_kv_free(&kv);
	return take;
}

void screen_survey_entry_push(yz_tui *t, const yz_survey *sv, bool counter)
{
	sentry *se = calloc(1, sizeof *se);
	if (!se || !sv->entry) {
		free(se);
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	se->t = t;
	se->sv = sv;
	se->counter = counter;
	/* One draft per survey, mode (a paper's and a counter response's never
	 * mix) and counter (a clerk at two terminals keys two papers). */
	int at = t->s->counter.state == YZ_COUNTER_CHOSEN ? t->s->counter.number : 0;
	snprintf(se->draft_id, sizeof se->draft_id, "%s%s:%s:%d", DRAFT_PREFIX, sv->id,
	         counter ? "counter" : "paper", at);
	yz_service_eval_env(t->s, &se->env);
	se->eng = yz_engine_new(sv->entry, &se->env);
	if (!se->eng) {
		free(se);
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	yz_engine_set_quick(se->eng, true);
	se->fv.eng = se->eng;
	se->fv.s = t->s;
	se->fv.env = se->env;
	tui_msg_clear(t);
	if (!offer_draft(t, se))
		start_paper(t, se, NULL);
	tui_push(t, &sentry_ops, se);
}

/* ---- the third look ------------------------------------------------------------------ */

typedef struct sdiffs {
	const yz_survey *sv; /* the survey (the list screen's) */
	yz_survey_diffs d;   /* the differences, by serial then in the form's order */
	bool ok;             /* d was read */
	yz_values decided;   /* "serial/field" -> the right value, as the clerk decided */
	yz_listview lv;      /* a row per difference */
} sdiffs;

static void decided_key(const yz_survey_diff *x, char *key, size_t n)
{
	snprintf(key, n, "%ld/%s", x->serial, x->field);
}

static const char *decided(const sdiffs *sd, const yz_survey_diff *x)
{
	char key[160];
	decided_key(x, key, sizeof key);
	return yz_values_get(&sd->decided, key);
}

static void diffs_load(yz_tui *t, sdiffs *sd)
{
	yz_err err = {{0}};
	yz_survey_diffs_free(&sd->d);
	memset(&sd->d, 0, sizeof sd->d);
	sd->ok = yz_service_survey_diffs(t->s, sd->sv, 0, &sd->d, &err) == 0;
	if (!sd->ok)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	listview_set_rows(&sd->lv, sd->ok ? sd->d.n : 0);
}

static const yz_column diff_columns[] = {
    {N_("Paper"), COL_FIT, 8, 0, false},         {N_("Question"), COL_FLEX, 14, 3, false},
    {N_("Keying 1"), COL_FLEX, 8, 2, false},     {N_("Keying 2"), COL_FLEX, 8, 2, false},
    {N_("Right answer"), COL_FLEX, 8, 2, false},
};

static const char *shown_value(const char *v)
{
	return v && *v ? v : _("(no answer)");
}

/* An answer in a column: a multichoice's as the numbers of its picks (its
 * names cut to a column would look alike), else as it is. */
static const char *diff_value(const sdiffs *sd, const yz_survey_diff *x, const char *v, char *buf,
                              size_t n)
{
	pick_numbers(yz_form_field(sd->sv->entry, x->field), v, buf, n);
	return buf[0] ? buf : shown_value(v);
}

static const char *diff_cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const sdiffs *sd = ctx;
	const yz_survey_diff *x = &sd->d.items[row];
	const char *v;
	switch (col) {
	case 0:
		yz_survey_serial_text(x->serial, buf, n);
		return buf;
	case 1:
		return x->label ? x->label : x->field;
	case 2:
		return diff_value(sd, x, x->first, buf, n);
	case 3:
		return diff_value(sd, x, x->second, buf, n);
	default:
		v = decided(sd, x);
		return v ? diff_value(sd, x, v, buf, n) : "";
	}
}

/* One keying's answer in full under the list: a multichoice's numbers first,
 * then the names (cut at the screen's edge). */
static void diff_line(const sdiffs *sd, const yz_survey_diff *x, int which, const char *clerk,
                      const char *v, char *buf, size_t n)
{
	char picks[256];
	pick_numbers(yz_form_field(sd->sv->entry, x->field), v, picks, sizeof picks);
	if (picks[0])
		tui_fmt(buf, n, _("%d (%s): %s  %s"), which, clerk ? clerk : "", picks, v);
	else
		tui_fmt(buf, n, _("%d (%s): %s"), which, clerk ? clerk : "", shown_value(v));
}

static attr_t diff_attr(const yz_tui *t, void *ctx, size_t row, size_t col, bool sel)
{
	const sdiffs *sd = ctx;
	return col == 4 && !sel && decided(sd, &sd->d.items[row]) ? tui_attr(t, ROLE_OK) : 0;
}

static void diffs_draw(yz_tui *t, yz_screen *sc)
{
	sdiffs *sd = sc->data;
	char buf[512];
	tui_fmt(buf, sizeof buf, _("Differences: %s"), sd->sv->title);
	tui_title(t, buf);
	tui_fmt(buf, sizeof buf, _("%zu papers differ, %zu wait for their second keying."),
	        sd->d.n_papers, sd->d.n_waiting);
	tui_put(1, 1, buf, COLS - 2, A_BOLD);
	tui_put(2, 1,
	        _("1 or 2 takes that keying's answer, Enter types the right one, F10 settles "
	          "the paper."),
	        COLS - 2, tui_attr(t, ROLE_DIM));
	listview_draw(t, &sd->lv, 3, 1, COLS - 2, LINES - 2 - 3 - 4, true);
	size_t row;
	if (sd->d.n == 0)
		tui_put(5, 4, _("No paper waits for a third look."), COLS - 6,
		        tui_attr(t, ROLE_DIM));
	else if (listview_selected(&sd->lv, &row)) {
		/* The selected difference in full: the list cuts long labels and
		 * answers (a multichoice's options). */
		const yz_survey_diff *x = &sd->d.items[row];
		char cut[512];
		list_cut(x->label ? x->label : x->field, COLS - 2, cut, sizeof cut);
		tui_put(LINES - 6, 1, cut, COLS - 2, A_BOLD);
		diff_line(sd, x, 1, x->clerk1, x->first, buf, sizeof buf);
		list_cut(buf, COLS - 4, cut, sizeof cut);
		tui_put(LINES - 5, 3, cut, COLS - 4, A_NORMAL);
		diff_line(sd, x, 2, x->clerk2, x->second, buf, sizeof buf);
		list_cut(buf, COLS - 4, cut, sizeof cut);
		tui_put(LINES - 4, 3, cut, COLS - 4, A_NORMAL);
	}
	t->cur_y = -1;
}

/* The next row after a decision: the clerk goes down the list. */
static void diffs_next(sdiffs *sd)
{
	tui_key down = {.is_code = true, .code = KEY_DOWN};
	listview_key(&sd->lv, down);
}

static void decide(sdiffs *sd, const yz_survey_diff *x, const char *v)
{
	char key[160];
	decided_key(x, key, sizeof key);
	yz_values_set(&sd->decided, key, v);
}

/* Type the right answer of difference x (starting with what typed holds). */
static void type_answer(yz_tui *t, sdiffs *sd, const yz_survey_diff *x, const char *typed)
{
	const yz_field_def *d = yz_form_field(sd->sv->entry, x->field);
	/* Room for the longest answer the field takes (a memo's max_chars, each
	 * character up to 4 bytes): a long answer is never cut. */
	size_t chars = d && d->max_chars > 0 ? (size_t)d->max_chars : YZ_MEMO_MAX_CHARS;
	size_t size = chars * 4 + 1;
	char title[320], *value = malloc(size);
	if (!value) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	yz_strlcpy_utf8(value, typed, size);
	tui_fmt(title, sizeof title, "%s", x->label ? x->label : x->field);
	for (;;) {
		yz_ask_field f[] = {{N_("Right answer"), value, size, 0, false}};
		char hint[1024] = "";
		if (d && (d->type == YZ_FIELD_CHOICE || d->type == YZ_FIELD_MULTICHOICE))
			choice_hint(d, "", hint, sizeof hint);
		if (!tui_ask(t, title, hint[0] ? hint : NULL, f, 1))
			break;
		char *norm = d && value[0] ? yz_field_normalize(d, value) : strdup(value);
		yz_err err = {{0}};
		if (!norm)
			break;
		if (!d || yz_field_validate(d, norm, t->s->today, &err)) {
			decide(sd, x, norm);
			free(norm);
			diffs_next(sd);
			break;
		}
		free(norm);
		tui_message(t, title, err.msg);
	}
	free(value);
}

/* The answer paper serial will keep for field (the one decided, else keying
 * 1's), and whether that field differs at all (*known false: the two keyings
 * agree, the answer is not in the differences). */
static const char *kept_answer(const sdiffs *sd, long serial, const char *field, bool *known)
{
	*known = false;
	for (size_t i = 0; i < sd->d.n; i++) {
		const yz_survey_diff *x = &sd->d.items[i];
		if (x->serial != serial || strcmp(x->field, field))
			continue;
		const char *v = decided(sd, x);
		*known = true;
		return v ? v : x->first;
	}
	return NULL;
}

/* Before settling: an "other, please state" text kept while the choice kept
 * has no "other" ticked is dropped by the service (it is not asked then): said
 * in the question, naming the questions. Appends to buf. */
static void other_dropped(const sdiffs *sd, long serial, char *buf, size_t n)
{
	for (size_t i = 0; i < sd->sv->n_questions; i++) {
		const yz_question *q = &sd->sv->questions[i];
		char id[160];
		bool qk, ok;
		if (!q->other)
			continue;
		snprintf(id, sizeof id, "%s%s", q->id, YZ_SURVEY_OTHER_SUFFIX);
		const char *text = kept_answer(sd, serial, id, &ok);
		const char *pick = kept_answer(sd, serial, q->id, &qk);
		if (!ok || !qk || !text || !*text || yz_multi_has(pick ? pick : "", q->other))
			continue;
		size_t len = strlen(buf);
		tui_fmt(buf + len, n - len,
		        _("The \"other\" text of question %zu is not kept: the answer kept has no "
		          "\"%s\" ticked. "),
		        yz_survey_question_no(sd->sv, q), q->other);
	}
}

/* F10: paper serial settled with the answers decided (the others keep
 * keying 1's, after the clerk agreed). */
static void settle(yz_tui *t, sdiffs *sd, long serial)
{
	yz_values final = {0};
	size_t open = 0;
	char no[24], q[1024];
	yz_survey_serial_text(serial, no, sizeof no);
	for (size_t i = 0; i < sd->d.n; i++) {
		const yz_survey_diff *x = &sd->d.items[i];
		const char *v;
		if (x->serial != serial)
			continue;
		if ((v = decided(sd, x)) != NULL)
			yz_values_set(&final, x->field, v);
		else
			open++;
	}
	char dropped[512] = "";
	other_dropped(sd, serial, dropped, sizeof dropped);
	if (open)
		tui_fmt(q, sizeof q,
		        _("%s%zu answers of paper %s are not decided: they keep keying 1's answer. "
		          "Settle the paper?"),
		        dropped, open, no);
	else
		tui_fmt(q, sizeof q, _("%sSettle paper %s?"), dropped, no);
	if ((open || dropped[0]) && !tui_confirm(t, _("Settle the paper"), q)) {
		yz_values_clear(&final);
		return;
	}
	yz_err err = {{0}};
	if (yz_service_survey_reconcile(t->s, sd->sv, serial, &final, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, _("Not settled: %s"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("Paper %s settled: it counts now."), no);
	yz_values_clear(&final);
	diffs_load(t, sd);
}

static bool diffs_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	sdiffs *sd = sc->data;
	size_t row;
	if (key_esc(k)) {
		tui_msg_clear(t); /* this screen's message goes with it */
		tui_pop(t);
		return true;
	}
	if (listview_key(&sd->lv, k))
		return true;
	if (!listview_selected(&sd->lv, &row))
		return false;
	const yz_survey_diff *x = &sd->d.items[row];
	if (key_code(k, KEY_F(10))) {
		settle(t, sd, x->serial);
	} else if (key_ch(k, '1') || key_ch(k, '2')) {
		decide(sd, x, key_ch(k, '1') ? x->first : x->second);
		diffs_next(sd);
	} else if (key_enter(k)) {
		const char *v = decided(sd, x);
		type_answer(t, sd, x, v ? v : "");
	} else if (key_printable(k) && k.ch != ' ') {
		char q[8] = {0};
		yz_utf8_encode((uint32_t)k.ch, q);
		type_answer(t, sd, x, q);
	} else {
		return false;
	}
	return true;
}

static void diffs_enter(yz_tui *t, yz_screen *sc)
{
	diffs_load(t, sc->data);
}

static void diffs_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	sdiffs *sd = sc->data;
	yz_survey_diffs_free(&sd->d);
	yz_values_clear(&sd->decided);
	listview_free(&sd->lv);
	free(sd);
}

static size_t diffs_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	const sdiffs *sd = sc->data;
	static const yz_keyhint k[] = {{"Esc", N_("Back")},
	                               {"1", N_("Keying 1")},
	                               {"2", N_("Keying 2")},
	                               {"Enter", N_("Type the answer")},
	                               {"F10", N_("Settle paper")}};
	return tui_put_keys(out, max, k, sd->d.n ? sizeof k / sizeof k[0] : 1);
}

static const yz_screen_ops diffs_ops = {
    .name = "survey_diffs",
    .draw = diffs_draw,
    .key = diffs_key,
    .enter = diffs_enter,
    .leave = diffs_leave,
    .keys = diffs_keys,
};

void screen_survey_diffs_push(yz_tui *t, const yz_survey *sv)
{
	sdiffs *sd = calloc(1, sizeof *sd);
	if (!sd) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	sd->sv = sv;
	listview_init(&sd->lv, diff_columns, sizeof diff_columns / sizeof diff_columns[0],
	              diff_cell, sd);
	sd->lv.attr = diff_attr;
	tui_msg_clear(t);            /* the list's message says nothing here */
	tui_push(t, &diffs_ops, sd); /* enter reads the differences */
}
