/* Hao cha ping: the resident rates the case just closed on the counter keyboard
 * the way stars are given, 5 (very satisfied) down to 1 (very dissatisfied),
 * with an optional comment. The choices are drawn large, one a line, each
 * with its key and its words, so that a resident across the counter can read
 * them. The stored score keeps its own scale (yz_service_rating_of_key). */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct rating {
	char number[40]; /* the case rated */
	char item[128];  /* its service item, for the title */
} rating;

static void rating_draw(yz_tui *t, yz_screen *sc)
{
	rating *r = sc->data;
	char buf[256];
	tui_title(t, _("Rate our service"));
	tui_fmt(buf, sizeof buf, "%s  %s", r->number, r->item);
	tui_put_center(2, buf, A_NORMAL);
	tui_put_center(4, _("Please press a number on the keyboard:"), tui_attr(t, ROLE_TITLE));
	int y0 = LINES - 2 < 20 ? 6 : 7, gap = LINES >= 30 ? 3 : 2;
	for (int i = 0; i < 5; i++) {
		int key = 5 - i; /* best first */
		tui_fmt(buf, sizeof buf, "[ %d ]   %s", key,
		        yz_service_rating_label(yz_service_rating_of_key(key)));
		int y = y0 + i * gap;
		int x = COLS / 2 - 12 > 2 ? COLS / 2 - 12 : 2;
		tui_put(y, x, buf, COLS - x - 1, A_BOLD);
	}
	tui_put_center(y0 + 5 * gap, _("A comment may follow. Esc: the resident does not rate."),
	               tui_attr(t, ROLE_DIM));
	t->cur_y = -1;
}

/* Ask for the comment and store the rating; the screen pops itself. */
static void rate(yz_tui *t, rating *r, int score)
{
	char comment[256] = "", msg[512];
	yz_ask_field f[] = {{N_("Comment (optional)"), comment, sizeof comment, 60, false}};
	tui_fmt(msg, sizeof msg, _("Rating: %s"), yz_service_rating_label(score));
	if (!tui_ask(t, _("Rate our service"), msg, f, 1))
		return; /* back to the numbers: the resident may choose again */
	yz_err err = {{0}};
	if (yz_service_rate(t->s, r->number, score, comment, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	if (score >= YZ_RATING_BAD)
		tui_msg(t, TUI_MSG_OK,
		        _("Thank you. Rated %s; the station head will call back (follow-up)."),
		        yz_service_rating_label(score));
	else
		tui_msg(t, TUI_MSG_OK, _("Thank you. Rated %s."), yz_service_rating_label(score));
	tui_pop(t);
}

static bool rating_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	rating *r = sc->data;
	if (key_esc(k)) {
		tui_msg(t, TUI_MSG_INFO, "%s",
		        _("Not rated. G on the case lets the resident rate later."));
		tui_pop(t);
		return true;
	}
	if (!k.is_code && k.ch >= '1' && k.ch <= '5') {
		rate(t, r, yz_service_rating_of_key((int)(k.ch - '0')));
		return true;
	}
	return false;
}

static void rating_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t rating_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"5-1", N_("Rate")}, {"Esc", N_("No rating")}};
	return tui_put_keys(out, max, k, 2);
}

static const yz_screen_ops rating_ops = {
    .name = "rating",
    .draw = rating_draw,
    .key = rating_key,
    .leave = rating_leave,
    .keys = rating_keys,
};

void screen_rating_push(yz_tui *t, const char *case_no)
{
	rating *r = calloc(1, sizeof *r);
	if (!r)
		return;
	yz_strlcpy_utf8(r->number, case_no, sizeof r->number);
	yz_case c;
	if (yz_service_case_get(t->s, case_no, &c, NULL) == 0)
		yz_strlcpy_utf8(r->item, c.item, sizeof r->item);
	tui_push(t, &rating_ops, r);
}
