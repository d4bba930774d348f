/* The list screen: what every screen that is one list under its title has in
 * common (the approvals, the print queue, the printers), the way tig's views
 * share one view and differ in their ops. A screen describes itself once in a
 * yz_listscreen_def: its columns and cells, how its rows are loaded, what it
 * draws besides the list, its own keys. This file does the rest, the same way
 * for each: the list view, loading the rows whenever the screen comes on top,
 * the title with the count, the words for an empty list, Esc and F10 back, the
 * moving keys, and the key bar (fewer keys while there is nothing to act on). */
#include <stdlib.h>

#include "../intl.h"
#include "tui_int.h"

/* The list's first row: the title is row 0, the line under it row 1. */
enum { LIST_TOP = 2 };

void listscreen_reload(yz_tui *t, yz_listscreen *ls)
{
	ls->n = ls->def->load(t, ls);
	listview_set_rows(&ls->lv, ls->n);
}

bool listscreen_selected(const yz_listscreen *ls, size_t *row)
{
	return listview_selected(&ls->lv, row);
}

/* The screen's data, freed as the screen says. */
static void free_data(const yz_listscreen_def *d, void *data)
{
	if (!data)
		return;
	if (d->free)
		d->free(data);
	else
		free(data);
}

static void ls_enter(yz_tui *t, yz_screen *sc)
{
	listscreen_reload(t, sc->data);
}

static void ls_draw(yz_tui *t, yz_screen *sc)
{
	yz_listscreen *ls = sc->data;
	const yz_listscreen_def *d = ls->def;
	char title[256];
	if (d->count)
		tui_fmt(title, sizeof title, "%s (%zu)", _(d->title), ls->n);
	else
		tui_fmt(title, sizeof title, "%s", _(d->title));
	tui_title(t, title);
	/* The list from LIST_TOP down to the rows kept below it above the status
	 * line (row LINES-2). */
	listview_draw(t, &ls->lv, LIST_TOP, 1, COLS - 2, LINES - 2 - LIST_TOP - d->below, true);
	if (ls->n == 0 && d->empty)
		tui_put(LIST_TOP + 2, 4, _(d->empty), COLS - 6, tui_attr(t, ROLE_DIM));
	if (d->draw)
		d->draw(t, ls);
	t->cur_y = -1;
}

static bool ls_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	yz_listscreen *ls = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (ls->def->key && ls->def->key(t, ls, k))
		return true;
	return listview_key(&ls->lv, k);
}

static void ls_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	yz_listscreen *ls = sc->data;
	listview_free(&ls->lv);
	free_data(ls->def, ls->data);
	free(ls);
}

static size_t ls_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	const yz_listscreen *ls = sc->data;
	const yz_listscreen_def *d = ls->def;
	return tui_put_keys(out, max, d->keys, ls->n ? d->n_keys : d->n_keys_empty);
}

static const yz_screen_ops listscreen_ops = {
    .name = "list",
    .draw = ls_draw,
    .key = ls_key,
    .enter = ls_enter,
    .leave = ls_leave,
    .keys = ls_keys,
};

void listscreen_push(yz_tui *t, const yz_listscreen_def *def, void *data)
{
	yz_listscreen *ls = data ? calloc(1, sizeof *ls) : NULL;
	if (!ls) {
		free_data(def, data);
		return;
	}
	ls->def = def;
	ls->data = data;
	listview_init(&ls->lv, def->cols, def->n_cols, def->cell, data);
	ls->lv.attr = def->attr;
	tui_push(t, &listscreen_ops, ls); /* enter loads the rows */
}
