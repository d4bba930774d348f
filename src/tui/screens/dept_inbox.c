/* The department's inbox at the district hub (issue 17): `yizhan hub --dept
 * CODE` on a workstation that has no station. The cases forwarded to the
 * department from every station, by due date (overdue ones in the error
 * colour and with the word), read a page at a time by keyset as the clerk
 * moves down; Enter opens a case as the department may see it (what the
 * station shares of it); F2 records the answer (the result in lines, the
 * date, confirmed before it is sent). Every call to the hub goes through the
 * service (service/district.h) and is bounded in time; a hub that cannot be
 * reached is said on the status line, and the answer typed stays in its
 * dialog until it has been sent. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"
#include "yizhan/service/district.h"

/* Rows read a page at a time; an answer's most bytes (the hub's limit). */
enum { PAGE = 100, ANSWER_MAX = 4000 };

/* ---- the inbox --------------------------------------------------------------------- */

typedef struct inbox {
	yz_district *d;
	yz_dept_row *rows; /* the pages read so far */
	size_t n;
	bool more; /* the last page was full: another may follow */
	bool all;  /* answered ones too */
	size_t sel, top;
	bool failed; /* the last read failed (its reason is on the status line) */
} inbox;

typedef struct dcase dcase;
static void case_push(yz_tui *t, yz_district *d, const yz_dept_row *r, bool answer_now);

static void today_text(yz_tui *t, char out[11])
{
	yz_date_format(t->s->today, out);
}

/* Say that the hub is being asked, on the screen, before a call that may wait. */
static void asking(yz_tui *t, const char *what)
{
	tui_msg(t, TUI_MSG_INFO, "%s", what);
	tui_draw(t);
}

/* Read the next page (first: start again). */
static void inbox_read(yz_tui *t, inbox *in, bool first)
{
	char today[11];
	today_text(t, today);
	yz_dept_row *rows = NULL;
	size_t n = 0;
	yz_err err = {{0}};
	asking(t, _("Reading the inbox from the hub…"));
	const yz_dept_row *after = !first && in->n ? &in->rows[in->n - 1] : NULL;
	/* Read again: as many rows as were shown, so the clerk's place stays. */
	size_t limit = first && in->n > PAGE ? in->n : PAGE;
	if (yz_district_inbox(in->d, in->all, after, limit, today, &rows, &n, &err) != 0) {
		in->failed = true;
		tui_msg(t, TUI_MSG_ERROR, _("%s. Press F5 to try again."), err.msg);
		return;
	}
	in->failed = false;
	tui_msg_clear(t);
	if (first) {
		free(in->rows);
		in->rows = rows;
		in->n = n;
	} else {
		yz_dept_row *grown = realloc(in->rows, (in->n + n + 1) * sizeof *grown);
		if (!grown) {
			free(rows);
			tui_msg(t, TUI_MSG_ERROR, "%s", _("out of memory"));
			return;
		}
		memcpy(grown + in->n, rows, n * sizeof *rows);
		free(rows);
		in->rows = grown;
		in->n += n;
	}
	in->more = n == limit;
	if (in->sel >= in->n)
		in->sel = in->n ? in->n - 1 : 0;
}

static void inbox_enter(yz_tui *t, yz_screen *sc)
{
	inbox_read(t, sc->data, true);
}

static void inbox_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	inbox *in = sc->data;
	free(in->rows);
	free(in);
}

static const char *state_word(const yz_dept_row *r)
{
	return r->answered ? _("answered") : r->overdue ? _("overdue") : "";
}

static int max_i(int a, int b)
{
	return a > b ? a : b;
}

/* Columns: state, station, case, item, sent, due; widths into w[6]. */
static void inbox_widths(const inbox *in, int *w)
{
	w[0] = max_i(max_i(yz_text_width(_("overdue")), yz_text_width(_("answered"))),
	             yz_text_width(_("State")));
	w[4] = w[5] = 10;
	w[2] = max_i(yz_text_width(_("Case number")), 10);
	for (size_t i = 0; i < in->n; i++)
		w[2] = max_i(w[2], yz_text_width(in->rows[i].case_no));
	if (w[2] > 22)
		w[2] = 22;
	int left = COLS - 2 - 5 - w[0] - w[2] - w[4] - w[5];
	w[1] = left / 2 > 24 ? 24 : left / 2;
	w[3] = left - w[1];
}

static int list_top(void)
{
	return 3;
}

static int list_rows(void)
{
	return LINES - 3 - list_top();
}

static void inbox_draw(yz_tui *t, yz_screen *sc)
{
	inbox *in = sc->data;
	char title[256], today[11];
	const char *name = yz_district_dept_name(in->d);
	tui_fmt(title, sizeof title, _("Department inbox: %s"),
	        *name ? name : yz_district_code(in->d));
	tui_title(t, title);
	today_text(t, today);
	char line[256];
	tui_fmt(line, sizeof line, "%s  %s %s",
	        in->all ? _("All cases forwarded to the department, by due date")
	                : _("Cases waiting for the department's answer, by due date"),
	        _("Today"), today);
	tui_put(1, 1, line, COLS - 2, tui_attr(t, ROLE_DIM));

	int w[6];
	inbox_widths(in, w);
	const char *heads[6] = {_("State"), _("Station"), _("Case number"),
	                        _("Item"),  _("Sent on"), _("Reply due")};
	int x = 1;
	for (int c = 0; c < 6; c++) {
		tui_put_pad(2, x, heads[c], w[c], tui_attr(t, ROLE_HEADER));
		x += w[c] + 1;
	}
	int h = list_rows();
	if (in->sel < in->top)
		in->top = in->sel;
	if (h > 0 && in->sel >= in->top + (size_t)h)
		in->top = in->sel - (size_t)h + 1;
	for (int i = 0; i < h && in->top + (size_t)i < in->n; i++) {
		size_t k = in->top + (size_t)i;
		const yz_dept_row *r = &in->rows[k];
		attr_t a = r->overdue ? tui_attr(t, ROLE_ERROR) : tui_attr(t, ROLE_NORMAL);
		if (k == in->sel)
			a |= tui_attr(t, ROLE_FOCUS);
		const char *cells[6] = {state_word(r), r->station_name, r->case_no,
		                        r->item,       r->sent,         r->due};
		int y = list_top() + i;
		tui_put_pad(y, 0, "", COLS, k == in->sel ? a : A_NORMAL);
		x = 1;
		for (int c = 0; c < 6; c++) {
			tui_put_pad(y, x, cells[c], w[c], a);
			x += w[c] + 1;
		}
	}
	int y = LINES - 3;
	if (!in->n && !in->failed) {
		tui_put(list_top() + 1, 2,
		        in->all ? _("No case has been forwarded to the department yet.")
		                : _("No forwarded case waits for the department's answer."),
		        COLS - 4, tui_attr(t, ROLE_DIM));
	} else if (in->n) {
		const yz_dept_row *r = &in->rows[in->sel];
		char info[512];
		if (r->answered)
			tui_fmt(info, sizeof info, _("%s (%s): answered: %s"), r->case_no,
			        r->station_name, r->answer);
		else
			tui_fmt(info, sizeof info, _("%s (%s): %s; forwarded %s, due %s"),
			        r->case_no, r->station_name, r->item, r->sent,
			        *r->due ? r->due : _("none"));
		tui_put(y, 1, info, COLS - 2, tui_attr(t, ROLE_DIM));
	}
}

static bool inbox_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	inbox *in = sc->data;
	size_t page = (size_t)max_i(list_rows(), 1);
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_code(k, KEY_F(5))) {
		inbox_read(t, in, true);
		return true;
	}
	if (key_code(k, KEY_F(3))) {
		in->all = !in->all;
		in->sel = in->top = 0;
		inbox_read(t, in, true);
		return true;
	}
	if (in->n && (key_enter(k) || key_code(k, KEY_F(2)))) {
		yz_dept_row r = in->rows[in->sel];
		case_push(t, in->d, &r, key_code(k, KEY_F(2)));
		return true;
	}
	size_t sel = in->sel;
	if (key_code(k, KEY_UP))
		sel = sel ? sel - 1 : 0;
	else if (key_code(k, KEY_DOWN))
		sel++;
	else if (key_code(k, KEY_PPAGE))
		sel = sel > page ? sel - page : 0;
	else if (key_code(k, KEY_NPAGE))
		sel += page;
	else if (key_code(k, KEY_HOME))
		sel = 0;
	else if (key_code(k, KEY_END))
		sel = (size_t)-1;
	else
		return false;
	/* Past the rows read: the next page, by keyset. */
	if (sel >= in->n && in->more && !in->failed)
		inbox_read(t, in, false);
	if (in->n)
		in->sel = sel < in->n ? sel : in->n - 1;
	return true;
}

static size_t inbox_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	inbox *in = sc->data;
	static const yz_keyhint k[] = {
	    {"F3", N_("Open or all")}, {"F5", N_("Refresh")}, {"F10", N_("Quit")},
	    {"Enter", N_("Open")},     {"F2", N_("Answer")},
	};
	return tui_put_keys(out, max, k, in->n ? 5 : 3);
}

static char *inbox_help(yz_tui *t, yz_screen *sc, char *title, size_t n)
{
	(void)t;
	(void)sc;
	tui_fmt(title, n, "%s", _("Department inbox"));
	return strdup(_("The cases forwarded to the department from every station, by due "
	                "date; overdue ones are marked. Enter opens a case as the station "
	                "shares it; F2 records the department's answer, which the station "
	                "gets when it next syncs. F3 shows the answered cases too."));
}

static const yz_screen_ops inbox_ops = {
    .name = "dept_inbox",
    .draw = inbox_draw,
    .key = inbox_key,
    .enter = inbox_enter,
    .leave = inbox_leave,
    .keys = inbox_keys,
    .help = inbox_help,
};

void screen_dept_inbox_push(yz_tui *t, yz_district *d)
{
	inbox *in = calloc(1, sizeof *in);
	if (!in) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	in->d = d;
	tui_push(t, &inbox_ops, in);
}

/* ---- a case -------------------------------------------------------------------------- */

typedef struct dline {
	char *text;
	enum tui_role role;
} dline;

struct dcase {
	yz_district *d;
	yz_dept_row row;
	bool have;     /* the case was read */
	bool answered; /* answered (at the hub or at the station) */
	dline *lines;  /* what is shown */
	size_t n_lines;
	size_t top; /* the first line shown */
	/* The answer being typed: kept while the case is open, also when sending failed. */
	yz_line result, date;
	bool date_set;
};

static void lines_free(dcase *c)
{
	for (size_t i = 0; i < c->n_lines; i++)
		free(c->lines[i].text);
	free(c->lines);
	c->lines = NULL;
	c->n_lines = 0;
}

static void add_line(dcase *c, enum tui_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_line(dcase *c, enum tui_role role, const char *fmt, ...)
{
	dline *grown = realloc(c->lines, (c->n_lines + 1) * sizeof *grown);
	if (!grown)
		return;
	c->lines = grown;
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	int rc = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return;
	c->lines[c->n_lines++] = (dline){s, role};
}

/* "label: value" in the UI's words (a full-width colon in Chinese). */
static void add_pair(dcase *c, enum tui_role role, const char *label, const char *value)
{
	add_line(c, role, _("%s: %s"), label, value);
}

static void case_build(dcase *c, const yz_dept_case *v)
{
	lines_free(c);
	const yz_dept_row *f = &v->fwd;
	char buf[512];
	tui_fmt(buf, sizeof buf, "%s (%s)", f->station_name, f->station);
	add_pair(c, ROLE_NORMAL, _("Station"), buf);
	add_pair(c, ROLE_NORMAL, _("Item"), f->item);
	add_pair(c, ROLE_NORMAL, _("Step"), v->state);
	add_pair(c, ROLE_NORMAL, _("Accepted"), v->accepted);
	add_pair(c, ROLE_NORMAL, _("Promised by"), *v->case_due ? v->case_due : _("none"));
	add_pair(c, ROLE_NORMAL, _("Sent on"), f->sent);
	tui_fmt(buf, sizeof buf, "%s%s%s", *f->due ? f->due : _("none"), f->overdue ? "  " : "",
	        f->overdue ? _("overdue") : "");
	add_pair(c, f->overdue ? ROLE_ERROR : ROLE_NORMAL, _("Reply due"), buf);
	add_line(c, ROLE_NORMAL, "%s", "");
	add_line(c, ROLE_HEADER, "%s", _("Applicant"));
	if (v->applicant)
		add_line(c, ROLE_NORMAL, "  %s  %s", v->applicant_name, v->applicant_idno);
	else
		add_line(c, ROLE_DIM, "  %s", _("The station does not share the applicant."));
	add_line(c, ROLE_HEADER, "%s", _("Fields the station shares"));
	for (size_t i = 0; i < v->n_fields; i++) {
		tui_fmt(buf, sizeof buf, "  %s", v->fields[i].key);
		add_pair(c, ROLE_NORMAL, buf, v->fields[i].value);
	}
	if (!v->n_fields)
		add_line(c, ROLE_DIM, "  %s", _("none"));
	add_line(c, ROLE_HEADER, "%s", _("What happened"));
	for (size_t i = 0; i < v->n_events; i++) {
		const yz_hub_event *e = &v->events[i];
		add_line(c, ROLE_NORMAL, "  %s  %s  %s%s%s", e->at, yz_service_event_label(e->kind),
		         e->actor, *e->note ? "  " : "", e->note);
	}
	add_line(c, ROLE_HEADER, "%s", _("The department's answer"));
	if (v->answer)
		add_line(c, ROLE_OK, "  %s  %s", v->answer_date, v->answer);
	else
		add_line(c, ROLE_DIM, "  %s", _("Not answered yet (F2 answers)."));
}

static void case_read(yz_tui *t, dcase *c)
{
	char today[11];
	today_text(t, today);
	yz_dept_case v;
	yz_err err = {{0}};
	asking(t, _("Reading the case from the hub…"));
	if (yz_district_case(c->d, &c->row, today, &v, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, _("%s. Press F5 to try again."), err.msg);
		yz_district_case_free(&v);
		return;
	}
	tui_msg_clear(t);
	c->have = true;
	c->row = v.fwd;
	c->answered = v.fwd.answered;
	case_build(c, &v);
	yz_district_case_free(&v);
}

static void case_enter(yz_tui *t, yz_screen *sc)
{
	dcase *c = sc->data;
	if (!c->have)
		case_read(t, c);
}

static void case_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	dcase *c = sc->data;
	lines_free(c);
	yz_line_free(&c->result);
	yz_line_free(&c->date);
	free(c);
}

static void case_draw(yz_tui *t, yz_screen *sc)
{
	dcase *c = sc->data;
	char title[256];
	tui_fmt(title, sizeof title, _("Forwarded case %s"), c->row.case_no);
	tui_title(t, title);
	int y = 2, bottom = LINES - 3;
	for (size_t i = c->top; i < c->n_lines && y < bottom; i++) {
		const char *s = c->lines[i].text;
		attr_t a = tui_attr(t, c->lines[i].role);
		do {
			size_t shown, next = tui_wrap(s, COLS - 2, &shown);
			char buf[1024];
			if (shown >= sizeof buf)
				shown = sizeof buf - 1;
			memcpy(buf, s, shown);
			buf[shown] = '\0';
			tui_put(y++, 1, buf, COLS - 2, a);
			if (!next)
				break;
			s += next;
		} while (*s && y < bottom);
	}
}

/* ---- the answer dialog ------------------------------------------------------------------ */

typedef struct answer_dlg {
	dcase *c;
	int focus; /* 0: the result, 1: the date */
	bool sent;
} answer_dlg;

enum { DLG_W = 76, DLG_H = 16 };

static void dlg_geometry(int *y, int *x, int *h, int *w)
{
	*w = COLS - 4 < DLG_W ? COLS - 4 : DLG_W;
	*h = LINES - 4 < DLG_H ? LINES - 4 : DLG_H;
	*y = (LINES - *h) / 2;
	*x = (COLS - *w) / 2;
}

static void dlg_draw(yz_tui *t, yz_screen *sc)
{
	answer_dlg *a = sc->data;
	dcase *c = a->c;
	int y, x, h, w;
	dlg_geometry(&y, &x, &h, &w);
	tui_frame(y, x, h, w);
	char title[256];
	tui_fmt(title, sizeof title, _("Answer case %s of %s"), c->row.case_no,
	        c->row.station_name);
	tui_put(y, x + 2, title, w - 4, tui_attr(t, ROLE_TITLE));
	tui_put(y + 1, x + 2, _("The department's result (Enter starts a new line):"), w - 4,
	        tui_attr(t, ROLE_NORMAL));
	int bx = x + 2, bw = w - 4, by = y + 2, bh = h - 6;
	enum { MAX_ROWS = 32 };
	if (bh > MAX_ROWS)
		bh = MAX_ROWS;
	yz_line_row rows[MAX_ROWS];
	yz_line_box box;
	yz_line_box_of(&c->result, bw, bh, a->focus == 0, rows, &box);
	const char *text = yz_line_text(&c->result);
	attr_t fa = tui_attr(t, a->focus == 0 ? ROLE_FOCUS : ROLE_FIELD);
	for (int i = 0; i < bh; i++) {
		char buf[1024] = "";
		if ((size_t)i < box.shown) {
			size_t n = rows[i].bytes < sizeof buf - 1 ? rows[i].bytes : sizeof buf - 1;
			memcpy(buf, text + rows[i].start, n);
			buf[n] = '\0';
			char *nl = strchr(buf, '\n');
			if (nl)
				*nl = '\0';
		}
		tui_put_pad(by + i, bx, buf, bw, fa);
	}
	if (a->focus == 0) {
		t->cur_y = by + box.cursor_row;
		t->cur_x = bx + box.cursor_col;
	}
	int dy = by + bh + 1;
	const char *label = _("Date (YYYY-MM-DD):");
	int lw = yz_text_width(label);
	tui_put(dy, bx, label, bw, tui_attr(t, ROLE_NORMAL));
	int cx = 0;
	tui_line_draw(&c->date, dy, bx + lw + 1, 12,
	              tui_attr(t, a->focus == 1 ? ROLE_FOCUS : ROLE_FIELD), &cx);
	if (a->focus == 1) {
		t->cur_y = dy;
		t->cur_x = cx;
	}
	tui_put(dy + 1, bx,
	        _("F9 or Ctrl-S sends it (asked first); Tab: the date; Esc: back, the text "
	          "kept"),
	        bw, tui_attr(t, ROLE_DIM));
}

static void dlg_send(yz_tui *t, answer_dlg *a)
{
	dcase *c = a->c;
	char result[ANSWER_MAX + 1];
	snprintf(result, sizeof result, "%s", yz_line_text(&c->result));
	/* Blank lines at the end are not part of the answer. */
	size_t len = strlen(result);
	while (len && (result[len - 1] == '\n' || result[len - 1] == ' '))
		result[--len] = '\0';
	if (!len) {
		a->focus = 0;
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Type the department's result first."));
		return;
	}
	yz_date d;
	char date[11];
	if (!yz_date_parse(yz_line_text(&c->date), &d)) {
		a->focus = 1;
		tui_msg(t, TUI_MSG_ERROR, _("\"%s\" is not a date (YYYY-MM-DD)."),
		        yz_line_text(&c->date));
		return;
	}
	yz_date_format(d, date);
	char question[512];
	tui_fmt(question, sizeof question,
	        _("Send this answer to station %s for case %s, dated %s? The station gets it "
	          "when it next syncs; it cannot be changed here afterwards."),
	        c->row.station_name, c->row.case_no, date);
	if (!tui_confirm(t, _("Send the answer"), question))
		return;
	yz_err err = {{0}};
	asking(t, _("Sending the answer to the hub…"));
	if (yz_district_answer(c->d, &c->row, result, date, &err) != 0) {
		tui_msg(
		    t, TUI_MSG_ERROR,
		    _("%s. The answer is not sent and is kept here: press F9 to send it again."),
		    err.msg);
		return;
	}
	tui_msg(t, TUI_MSG_OK,
	        _("The answer to case %s is recorded at the hub; station %s gets it when it next "
	          "syncs."),
	        c->row.case_no, c->row.station_name);
	yz_line_set(&c->result, "");
	a->sent = true;
	tui_pop(t);
}

static bool dlg_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	answer_dlg *a = sc->data;
	dcase *c = a->c;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_code(k, KEY_F(9)) || key_ch(k, TUI_CTRL('s'))) {
		dlg_send(t, a);
		return true;
	}
	if (key_ch(k, '\t') || key_code(k, KEY_BTAB)) {
		a->focus = !a->focus;
		return true;
	}
	int y, x, h, w;
	dlg_geometry(&y, &x, &h, &w);
	if (a->focus == 0) {
		if (key_enter(k)) {
			if (yz_line_insert(&c->result, '\n') == YZ_LINE_FULL)
				tui_msg(t, TUI_MSG_ERROR, _("The answer holds at most %d bytes."),
				        ANSWER_MAX);
			return true;
		}
		if (key_code(k, KEY_UP) || key_code(k, KEY_DOWN)) {
			yz_line_vertical(&c->result, w - 4, key_code(k, KEY_UP) ? -1 : 1);
			return true;
		}
		return tui_line_key(t, &c->result, k, NULL);
	}
	if (key_enter(k)) {
		dlg_send(t, a);
		return true;
	}
	return tui_line_key(t, &c->date, k, NULL);
}

static size_t dlg_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	static const yz_keyhint k[] = {
	    {"F9", N_("Send")}, {"Tab", N_("Result or date")}, {"Esc", N_("Back")}};
	return tui_put_keys(out, max, k, 3);
}

static tui_field_kind dlg_field(yz_tui *t, yz_screen *sc, tui_focus *at)
{
	(void)t;
	answer_dlg *a = sc->data;
	if (a->focus != 0)
		return TUI_FIELD_NONE;
	at->id = &a->c->result;
	at->text = yz_line_text(&a->c->result);
	at->cursor = a->c->result.cursor;
	return TUI_FIELD_TEXT;
}

static const yz_screen_ops dlg_ops = {
    .name = "dept_answer",
    .draw = dlg_draw,
    .key = dlg_key,
    .keys = dlg_keys,
    .field = dlg_field,
    .modal = true,
};

static void case_answer(yz_tui *t, dcase *c)
{
	if (!c->have)
		return;
	if (c->answered) {
		tui_msg(t, TUI_MSG_INFO, _("Case %s is already answered."), c->row.case_no);
		return;
	}
	if (!c->date_set) {
		char today[11];
		today_text(t, today);
		yz_line_set(&c->date, today);
		c->date_set = true;
	}
	answer_dlg a = {.c = c};
	if (!tui_run_modal(t, &dlg_ops, &a) || !a.sent || tui_ending(t))
		return;
	/* Answered: shown as the hub has it now (the message line keeps the news). */
	char msg[sizeof t->status];
	snprintf(msg, sizeof msg, "%s", t->status);
	case_read(t, c);
	if (!t->status[0])
		tui_msg(t, TUI_MSG_OK, "%s", msg);
}

static bool case_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	dcase *c = sc->data;
	size_t page = (size_t)max_i(LINES - 6, 1);
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_code(k, KEY_F(2))) {
		case_answer(t, c);
		return true;
	}
	if (key_code(k, KEY_F(5))) {
		case_read(t, c);
		return true;
	}
	if (key_code(k, KEY_UP))
		c->top = c->top ? c->top - 1 : 0;
	else if (key_code(k, KEY_DOWN))
		c->top = c->top + 1 < c->n_lines ? c->top + 1 : c->top;
	else if (key_code(k, KEY_PPAGE))
		c->top = c->top > page ? c->top - page : 0;
	else if (key_code(k, KEY_NPAGE))
		c->top = c->top + page < c->n_lines ? c->top + page : c->top;
	else
		return false;
	return true;
}

static size_t case_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	dcase *c = sc->data;
	static const yz_keyhint k[] = {
	    {"Esc", N_("Back")}, {"F5", N_("Refresh")}, {"F2", N_("Answer")}};
	return tui_put_keys(out, max, k, c->have && !c->answered ? 3 : 2);
}

static const yz_screen_ops case_ops = {
    .name = "dept_case",
    .draw = case_draw,
    .key = case_key,
    .enter = case_enter,
    .leave = case_leave,
    .keys = case_keys,
};

static void case_push(yz_tui *t, yz_district *d, const yz_dept_row *r, bool answer_now)
{
	dcase *c = calloc(1, sizeof *c);
	if (!c || !yz_line_init(&c->result, 0, false)) {
		free(c);
		tui_msg(t, TUI_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	if (!yz_line_init(&c->date, 10, false)) {
		yz_line_free(&c->result);
		free(c);
		tui_msg(t, TUI_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	c->result.newlines = true;
	c->result.max_bytes = ANSWER_MAX;
	c->d = d;
	c->row = *r;
	size_t depth = t->depth;
	tui_push(t, &case_ops, c);
	if (answer_now && t->depth > depth && c->have)
		case_answer(t, c);
}
