/* Staff (head and admin): the A and B clerk of each business line, and who is
 * away. S sets a line's A and B, A marks a clerk absent from one date until
 * another, E ends the selected absence today; clerks are picked from a list.
 * While A is away, B works A's queue. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { LINES_MAX = 64, ABS_MAX = 64 };

typedef struct staff {
	yz_line_staff lines[LINES_MAX]; /* the A/B table */
	size_t n_lines;
	yz_absence abs[ABS_MAX]; /* absences today or later */
	size_t n_abs;
	yz_list list; /* selection over abs */
} staff;

static void staff_enter(yz_tui *t, yz_screen *sc)
{
	staff *s = sc->data;
	char today[11];
	yz_date_format(t->s->today, today);
	yz_err err = {{0}};
	if (yz_line_staff_list(t->s->store, s->lines, LINES_MAX, &s->n_lines, &err) != 0 ||
	    yz_absence_list(t->s->store, today, s->abs, ABS_MAX, &s->n_abs, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	s->list.n = s->n_abs;
	list_scroll(&s->list, 1);
}

static void staff_draw(yz_tui *t, yz_screen *sc)
{
	staff *s = sc->data;
	char buf[256];
	tui_title(t, _("Staff: A/B clerks and absences"));
	attr_t hd = tui_attr(t, ROLE_HEADER);
	tui_put(2, 2, _("Line"), 24, hd);
	tui_put(2, 27, _("A clerk"), 16, hd);
	tui_put(2, 44, _("B clerk"), 16, hd);
	tui_put(2, 61, _("Sensitive"), COLS - 62, hd);
	int y = 3, half = (LINES - 2) / 2;
	for (size_t i = 0; i < s->n_lines && y < half; i++, y++) {
		const yz_line_staff *l = &s->lines[i];
		tui_put(y, 2, l->line, 24, A_NORMAL);
		tui_put(y, 27, l->a_login[0] ? l->a_login : "-", 16, A_NORMAL);
		tui_put(y, 44, l->b_login[0] ? l->b_login : "-", 16, A_NORMAL);
		tui_put(y, 61, l->sensitive ? _("yes") : "", COLS - 62, A_NORMAL);
	}
	y++;
	tui_put(y++, 2, _("Absences (today and later)"), COLS - 4, hd);
	if (!s->n_abs)
		tui_put(y, 4, _("Nobody is marked absent."), COLS - 6, tui_attr(t, ROLE_DIM));
	int h = LINES - 2 - y;
	list_scroll(&s->list, h);
	for (int i = 0; i < h && s->list.top + (size_t)i < s->n_abs; i++) {
		size_t k = s->list.top + (size_t)i;
		const yz_absence *a = &s->abs[k];
		attr_t at = k == s->list.sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		tui_fmt(buf, sizeof buf, "%-16s %s .. %s", a->login, a->from, a->until);
		tui_put_pad(y + i, 2, buf, COLS - 4, at);
	}
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
	if (yz_absence_add(t->s->store, login, from, until, t->s->user.login, NULL, &err) != 0)
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
	if (yz_line_staff_set(t->s->store, s->lines[k].line, a, b, t->s->user.login, &err) != 0)
		tui_message(t, _("Not done"), err.msg);
	else
		tui_msg(t, TUI_MSG_OK, _("%s: A %s, B %s."), s->lines[k].line, a[0] ? a : "-",
		        b[0] ? b : "-");
}

static void end_absence(yz_tui *t, staff *s)
{
	const yz_absence *a = &s->abs[s->list.sel];
	char until[11];
	yz_date_format(t->s->today, until);
	if (!tui_confirm(t, _("End the absence"), _("The clerk is back today?")))
		return;
	yz_err err = {{0}};
	if (yz_absence_end(t->s->store, a->id, until, t->s->user.login, &err) != 0)
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
		return list_key(&s->list, k, 5);
	staff_enter(t, sc);
	return true;
}

static void staff_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t staff_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	staff *s = sc->data;
	yz_keyhint k[] = {{"Esc", N_("Back")},
	                  {"S", N_("Set A/B")},
	                  {"A", N_("Mark absent")},
	                  {"E", N_("End absence")}};
	size_t n = s->n_abs ? 4 : 3;
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
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
	if (s)
		tui_push(t, &staff_ops, s);
}
