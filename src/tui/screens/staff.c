/* Staff (head and admin): the A and B clerk of each business line, and who is
 * away. S sets a line's A and B, A marks a clerk absent from one date until
 * another (warning first when that leaves a line with nobody to cover it), E
 * ends the selected absence: the clerk is back today (on an absence that has
 * not begun, E asks to cancel it). A refused absence comes back as typed.
 * Clerks are picked from a list and shown by name. While A is away, B works
 * A's queue. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { LINES_MAX = 64, ABS_MAX = 64, NAME_W = 64 };

typedef struct staff {
	yz_line_staff lines[LINES_MAX]; /* the A/B table */
	size_t n_lines;
	char a_name[LINES_MAX][NAME_W]; /* the A clerk's name of each line ("" = nobody) */
	char b_name[LINES_MAX][NAME_W]; /* the B clerk's */
	yz_absence abs[ABS_MAX];        /* absences today or later */
	size_t n_abs;
	char abs_name[ABS_MAX][NAME_W]; /* who is away, by name */
	int64_t select_id;              /* the absence to select at the next load (0 = none) */
	yz_listview lines_lv;           /* the A/B table (read-only) */
	yz_listview abs_lv;             /* the absences; E ends the selected one */
} staff;

static const yz_column line_cols[] = {
    {N_("Line"), COL_FIT, 24, 0, false},
    {N_("A clerk"), COL_FIT, 16, 0, false},
    {N_("B clerk"), COL_FIT, 16, 0, false},
    {N_("Sensitive"), COL_FLEX, 4, 1, false},
};

static const char *line_cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
	const yz_line_staff *l = &((staff *)ctx)->lines[row];
	switch (col) {
	case 0:
		return l->line;
	case 1:
		return l->a_login[0] ? ((staff *)ctx)->a_name[row] : "-";
	case 2:
		return l->b_login[0] ? ((staff *)ctx)->b_name[row] : "-";
	default:
		return l->sensitive ? _("yes") : "";
	}
}

static const yz_column abs_cols[] = {
    {N_("Clerk"), COL_FIT, 16, 0, false},
    {N_("From"), COL_FIT, 10, 0, false},
    {N_("Until"), COL_FLEX, 10, 1, false},
};

static const char *abs_cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
	const yz_absence *a = &((staff *)ctx)->abs[row];
	return col == 0 ? ((staff *)ctx)->abs_name[row] : col == 1 ? a->from : a->until;
}

/* The names of the clerks in the table and the absences. */
static void load_names(yz_tui *t, staff *s)
{
	for (size_t i = 0; i < s->n_lines; i++) {
		yz_service_user_name(t->s, s->lines[i].a_login, s->a_name[i], NAME_W);
		yz_service_user_name(t->s, s->lines[i].b_login, s->b_name[i], NAME_W);
	}
	for (size_t i = 0; i < s->n_abs; i++)
		yz_service_user_name(t->s, s->abs[i].login, s->abs_name[i], NAME_W);
}

static void staff_enter(yz_tui *t, yz_screen *sc)
{
	staff *s = sc->data;
	yz_err err = {{0}};
	if (yz_service_line_staff_list(t->s, s->lines, LINES_MAX, &s->n_lines, &err) != 0 ||
	    yz_service_absence_list(t->s, s->abs, ABS_MAX, &s->n_abs, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	load_names(t, s);
	listview_set_rows(&s->lines_lv, s->n_lines);
	listview_set_rows(&s->abs_lv, s->n_abs);
	/* The absence just set is selected, so that it is in view however many
	 * come before it. */
	for (size_t i = 0; s->select_id && i < s->n_abs; i++)
		if (s->abs[i].id == s->select_id)
			listview_select(&s->abs_lv, i);
	s->select_id = 0;
}

static void staff_draw(yz_tui *t, yz_screen *sc)
{
	staff *s = sc->data;
	tui_title(t, _("Staff: A/B clerks and absences"));
	/* Rows 2 .. LINES-3: the A/B table as tall as it needs, a blank row, then
	 * the absences with their heading and at least three rows. */
	int avail = LINES - 4, want_abs = s->n_abs > 3 ? (int)s->n_abs : 3;
	int lines_h = 1 + (int)s->n_lines;
	if (lines_h + 1 + 2 + want_abs > avail)
		lines_h = avail - 1 - 2 - (want_abs < avail / 2 ? want_abs : 3);
	if (lines_h < 2)
		lines_h = 2;
	listview_draw(t, &s->lines_lv, 2, 1, COLS - 2, lines_h, true);
	int y = 2 + lines_h + 1;
	tui_put(y++, 2, _("Absences (today and later)"), COLS - 4, tui_attr(t, ROLE_HEADER));
	listview_draw(t, &s->abs_lv, y, 1, COLS - 2, LINES - 2 - y, true);
	if (!s->n_abs)
		tui_put(y + 1, 4, _("Nobody is marked absent."), COLS - 6, tui_attr(t, ROLE_DIM));
	t->cur_y = -1;
}

/* Lines that marking login away from..until leaves with nobody: a question
 * naming them; true when there are none or the head goes on all the same. */
static bool accept_gaps(yz_tui *t, const char *login, const char *name, const char *from,
                        const char *until)
{
	yz_uncovered gap[16];
	size_t n = 0;
	yz_err err = {{0}};
	if (yz_service_uncovered_lines(t->s, login, from, until, gap, 16, &n, &err) != 0 || !n)
		return true;
	char list[1024] = "", one[400], text[1400];
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof list; i++) {
		/* TRANSLATORS: a business line, then its A and B clerk. */
		tui_fmt(one, sizeof one, _("%s (A %s, B %s)"), gap[i].line,
		        gap[i].a_name[0] ? gap[i].a_name : "-",
		        gap[i].b_name[0] ? gap[i].b_name : "-");
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? "; " : "", one);
	}
	tui_fmt(text, sizeof text,
	        _("With %s away, nobody covers %s from %s. Mark %s absent all the same? (S sets "
	          "another B clerk.)"),
	        name, list, gap[0].day, name);
	return tui_confirm(t, _("A line without cover"), text);
}

static void mark_absent(yz_tui *t, staff *s)
{
	char login[33], name[NAME_W], from[11], until[11];
	yz_date_format(t->s->today, from);
	yz_date_format(t->s->today, until);
	if (!tui_pick_clerk(t, _("Who is away?"), NULL, false, login))
		return;
	yz_ask_field f[] = {{N_("From (YYYY-MM-DD)"), from, sizeof from, 10, true},
	                    {N_("Until (YYYY-MM-DD)"), until, sizeof until, 10, true}};
	yz_service_user_name(t->s, login, name, sizeof name);
	/* A refused absence comes back with what was typed, to correct. */
	while (tui_ask(t, _("Mark a clerk absent"), _("The B clerk works the queue meanwhile."), f,
	               2)) {
		if (!accept_gaps(t, login, name, from, until))
			return;
		yz_err err = {{0}};
		if (yz_service_absence_add(t->s, login, from, until, &s->select_id, &err) == 0) {
			tui_msg(t, TUI_MSG_OK, _("%s is marked absent from %s until %s."), name,
			        from, until);
			return;
		}
		tui_message(t, _("Not done"), err.msg);
	}
}

/* S: the A and B clerk of a line, each picked from the station's clerks. */
static void set_line(yz_tui *t, staff *s)
{
	char *names[LINES_MAX], a[33], b[33];
	for (size_t i = 0; i < s->n_lines; i++)
		names[i] = s->lines[i].line;
	long k = tui_pick(t, _("Set A/B for which line?"), names, s->n_lines, 0);
	if (k < 0 || !tui_pick_clerk(t, _("A clerk (takes the line's cases)"), NULL, true, a) ||
	    !tui_pick_clerk(t, _("B clerk (covers when A is away)"), a[0] ? a : NULL, true, b))
		return;
	yz_err err = {{0}};
	char a_name[NAME_W], b_name[NAME_W];
	yz_service_user_name(t->s, a, a_name, sizeof a_name);
	yz_service_user_name(t->s, b, b_name, sizeof b_name);
	if (yz_service_line_staff_set(t->s, s->lines[k].line, a, b, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s: A %s, B %s."), s->lines[k].line, a[0] ? a_name : "-",
		        b[0] ? b_name : "-");
}

/* Whether the selected absence begins after today (E cancels it then). */
static bool planned(yz_tui *t, const staff *s)
{
	size_t row = 0;
	char today[11];
	if (!s->n_abs || !listview_selected(&s->abs_lv, &row) || row >= s->n_abs)
		return false;
	yz_date_format(t->s->today, today);
	return strcmp(s->abs[row].from, today) > 0;
}

/* E on an absence that has not begun: the head is asked to cancel it. */
static void cancel_absence(yz_tui *t, const yz_absence *a, const char *name)
{
	char text[512];
	tui_fmt(text, sizeof text,
	        _("%s's absence from %s until %s has not begun. Cancel this planned absence?"),
	        name, a->from, a->until);
	if (!tui_confirm(t, _("Cancel the planned absence"), text))
		return;
	yz_err err = {{0}};
	if (yz_service_absence_cancel(t->s, a->id, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s's planned absence from %s until %s is cancelled."),
		        name, a->from, a->until);
}

static void end_absence(yz_tui *t, staff *s)
{
	size_t row = 0;
	listview_selected(&s->abs_lv, &row);
	const yz_absence a = s->abs[row];
	char text[256], name[NAME_W];
	snprintf(name, sizeof name, "%s", s->abs_name[row]);
	if (planned(t, s)) {
		cancel_absence(t, &a, name);
		return;
	}
	tui_fmt(text, sizeof text, _("%s is back today?"), name);
	if (!tui_confirm(t, _("End the absence"), text))
		return;
	yz_err err = {{0}};
	/* NULL: back today, so the last day away was yesterday. */
	if (yz_service_absence_end(t->s, a.id, NULL, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s is back: the absence ended yesterday."), name);
}

static bool staff_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	staff *s = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_ch(k, 'a') || key_ch(k, 'A'))
		mark_absent(t, s);
	else if (s->n_lines && (key_ch(k, 's') || key_ch(k, 'S')))
		set_line(t, s);
	else if (s->n_abs && (key_ch(k, 'e') || key_ch(k, 'E')))
		end_absence(t, s);
	else
		return listview_key(&s->abs_lv, k);
	staff_enter(t, sc);
	return true;
}

static void staff_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	staff *s = sc->data;
	listview_free(&s->lines_lv);
	listview_free(&s->abs_lv);
	free(s);
}

static size_t staff_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	const staff *s = sc->data;
	/* E ends the selected absence, or cancels it when it has not begun. */
	yz_keyhint k[] = {{"Esc", N_("Back")},
	                  {"S", N_("Set A/B")},
	                  {"A", N_("Mark absent")},
	                  {"E", planned(t, s) ? N_("Cancel absence") : N_("End absence")}};
	return tui_put_keys(out, max, k, s->n_abs ? 4 : 3); /* E: while somebody is away */
}

static const yz_screen_ops staff_ops = {
    .name = "staff",
    .draw = staff_draw,
    .key = staff_key,
    .enter = staff_enter,
    .leave = staff_leave,
    .keys = staff_keys,
};

void screen_staff_push(yz_tui *t)
{
	staff *s = calloc(1, sizeof *s);
	if (!s)
		return;
	listview_init(&s->lines_lv, line_cols, sizeof line_cols / sizeof line_cols[0], line_cell,
	              s);
	s->lines_lv.no_select = true;
	listview_init(&s->abs_lv, abs_cols, sizeof abs_cols / sizeof abs_cols[0], abs_cell, s);
	tui_push(t, &staff_ops, s);
}
