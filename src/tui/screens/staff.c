/* Staff (head and admin): the A and B clerk of each business line, and who is
 * away. S sets a line's A and B, A marks a clerk absent from one date until
 * another, E ends the selected absence today; clerks are picked from a list.
 * While A is away, B works A's queue. */
#include <stdlib.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { LINES_MAX = 64, ABS_MAX = 64 };

typedef struct staff {
	yz_line_staff lines[LINES_MAX]; /* the A/B table */
	size_t n_lines;
	yz_absence abs[ABS_MAX]; /* absences today or later */
	size_t n_abs;
	yz_listview lines_lv; /* the A/B table (read-only) */
	yz_listview abs_lv;   /* the absences; E ends the selected one */
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
		return l->a_login[0] ? l->a_login : "-";
	case 2:
		return l->b_login[0] ? l->b_login : "-";
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
	return col == 0 ? a->login : col == 1 ? a->from : a->until;
}

static void staff_enter(yz_tui *t, yz_screen *sc)
{
	staff *s = sc->data;
	yz_err err = {{0}};
	if (yz_service_line_staff_list(t->s, s->lines, LINES_MAX, &s->n_lines, &err) != 0 ||
	    yz_service_absence_list(t->s, s->abs, ABS_MAX, &s->n_abs, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	listview_set_rows(&s->lines_lv, s->n_lines);
	listview_set_rows(&s->abs_lv, s->n_abs);
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

static void mark_absent(yz_tui *t)
{
	char login[33], from[11], until[11];
	yz_date_format(t->s->today, from);
	yz_date_format(t->s->today, until);
	if (!tui_pick_clerk(t, _("Who is away?"), NULL, false, login))
		return;
	yz_ask_field f[] = {{N_("From (YYYY-MM-DD)"), from, sizeof from, 10, true},
	                    {N_("Until (YYYY-MM-DD)"), until, sizeof until, 10, true}};
	if (!tui_ask(t, _("Mark a clerk absent"), _("The B clerk works the queue meanwhile."), f,
	             2))
		return;
	yz_err err = {{0}};
	if (yz_service_absence_add(t->s, login, from, until, NULL, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s is marked absent from %s until %s."), login, from,
		        until);
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
	if (yz_service_line_staff_set(t->s, s->lines[k].line, a, b, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s: A %s, B %s."), s->lines[k].line, a[0] ? a : "-",
		        b[0] ? b : "-");
}

static void end_absence(yz_tui *t, staff *s)
{
	size_t row = 0;
	listview_selected(&s->abs_lv, &row);
	const yz_absence *a = &s->abs[row];
	char until[11];
	yz_date_format(t->s->today, until);
	if (!tui_confirm(t, _("End the absence"), _("The clerk is back today?")))
		return;
	yz_err err = {{0}};
	if (yz_service_absence_end(t->s, a->id, until, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, "%s", _("The absence ends today."));
}

static bool staff_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	staff *s = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_ch(k, 'a') || key_ch(k, 'A'))
		mark_absent(t);
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
	(void)t;
	const staff *s = sc->data;
	static const yz_keyhint k[] = {{"Esc", N_("Back")},
	                               {"S", N_("Set A/B")},
	                               {"A", N_("Mark absent")},
	                               {"E", N_("End absence")}};
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
