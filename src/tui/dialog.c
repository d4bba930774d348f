/* Modal dialogs: confirm, message, a scrollable text and a picker. Each is a
 * screen on the stack (ops with .modal), drawn over the screen it was opened
 * from; the call pushes it and runs the one key loop (tui_run_modal) until the
 * clerk has answered, so a resize while a dialog is open lays everything out
 * again and the status line stays the stack's. The answer is left in the
 * dialog's data, which lives in the call's frame. */
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

/* Text split into display lines of at most w columns ('\n' starts a new line). */
typedef struct lines {
	char **v;   /* the lines (owned) */
	size_t n;   /* how many */
	size_t cap; /* allocated */
} lines;

static void lines_add(lines *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = strndup(s, len);
}

static void lines_free(lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static lines wrap(const char *text, int w)
{
	lines l = {0};
	const char *p = text ? text : "";
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *para = strndup(p, len);
		const char *q = para;
		do { /* English breaks at spaces, Chinese anywhere (tui_wrap) */
			size_t shown, next = tui_wrap(q, w, &shown);
			lines_add(&l, q, shown);
			q += next;
		} while (*q);
		free(para);
		if (!nl)
			break;
		p = nl + 1;
	}
	return l;
}

/* Blank the h x w area at (y, x) and draw a line frame round it: the box of
 * every dialog, here and in screens/ask.c. */
void tui_frame(int y, int x, int h, int w)
{
	for (int r = 0; r < h; r++)
		mvhline(y + r, x, ' ', w);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
}

/* A framed box centred on the screen; returns its inner area. */
static void draw_box(yz_tui *t, int h, int w, const char *title, int *iy, int *ix)
{
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	tui_frame(y, x, h, w);
	if (title && *title) {
		int tw = yz_text_width(title) + 2;
		if (tw > w - 4)
			tw = w - 4;
		mvaddch(y, x + (w - tw) / 2 - 1, ' ');
		tui_put(y, x + (w - tw) / 2, title, tw - 1, tui_attr(t, ROLE_TITLE));
	}
	*iy = y + 1;
	*ix = x + 2;
}

/* ---- confirm and message -------------------------------------------------- */

typedef struct box_dlg {
	const char *title; /* the box's title */
	const char *text;  /* the question or the message */
	bool yesno;        /* a question (Y/N) rather than a message (Enter) */
	bool answer;       /* what the clerk said: yes (a message: true when closed) */
} box_dlg;

static void box_draw(yz_tui *t, yz_screen *sc)
{
	box_dlg *d = sc->data;
	int w = COLS - 10 < 64 ? COLS - 10 : 64;
	lines l = wrap(d->text, w - 4);
	int iy, ix;
	draw_box(t, (int)l.n + 4, w, d->title, &iy, &ix);
	for (size_t i = 0; i < l.n && (int)i < LINES - 6; i++)
		tui_put(iy + (int)i, ix, l.v[i], w - 4, A_NORMAL);
	const char *hint = d->yesno ? _("[Y] Yes   [N] No") : _("[Enter] OK");
	tui_put(iy + (int)l.n + 1, ix, hint, w - 4, A_BOLD);
	lines_free(&l);
	t->cur_y = -1;
}

/* The answer, and the dialog leaves the stack. */
static bool box_answer(yz_tui *t, box_dlg *d, bool answer)
{
	d->answer = answer;
	tui_pop(t);
	return true;
}

static bool box_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	box_dlg *d = sc->data;
	if (!d->yesno && (key_enter(k) || key_esc(k) || key_ch(k, ' ')))
		return box_answer(t, d, true);
	if (d->yesno && (key_ch(k, 'y') || key_ch(k, 'Y') || key_enter(k)))
		return box_answer(t, d, true);
	if (d->yesno && (key_ch(k, 'n') || key_ch(k, 'N') || key_esc(k)))
		return box_answer(t, d, false);
	return true; /* a dialog waits for its answer: other keys do nothing */
}

static size_t box_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	box_dlg *d = sc->data;
	static const yz_keyhint yes[] = {{"Y", N_("Yes")}, {"N", N_("No")}},
	                        ok[] = {{"Enter", N_("OK")}};
	return d->yesno ? tui_put_keys(out, max, yes, 2) : tui_put_keys(out, max, ok, 1);
}

static const yz_screen_ops box_ops = {
    .name = "dialog",
    .draw = box_draw,
    .key = box_key,
    .keys = box_keys,
    .modal = true,
};

bool tui_confirm(yz_tui *t, const char *title, const char *text)
{
	box_dlg d = {title, text, true, false};
	return tui_run_modal(t, &box_ops, &d) && d.answer;
}

void tui_message(yz_tui *t, const char *title, const char *text)
{
	box_dlg d = {title, text, false, false};
	tui_run_modal(t, &box_ops, &d);
}

/* ---- a scrollable text ------------------------------------------------------- */

typedef struct text_dlg {
	const char *title; /* the box's title */
	const char *text;  /* '\n' separated */
	yz_list l;         /* the lines (n) and the first shown (top) */
} text_dlg;

static void text_draw(yz_tui *t, yz_screen *sc)
{
	text_dlg *d = sc->data;
	int h = LINES - 4, w = COLS - 6;
	lines ls = wrap(d->text, w - 4);
	d->l.n = ls.n;
	int iy, ix;
	draw_box(t, h, w, d->title, &iy, &ix);
	int rows = h - 3;
	list_scroll(&d->l, rows);
	for (int i = 0; i < rows && d->l.top + (size_t)i < ls.n; i++)
		tui_put(iy + i, ix, ls.v[d->l.top + (size_t)i], w - 4, A_NORMAL);
	tui_put(iy + rows, ix, _("Arrows/PgUp/PgDn scroll, Esc or Enter closes"), w - 4,
	        tui_attr(t, ROLE_DIM));
	lines_free(&ls);
	t->cur_y = -1;
}

static bool text_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	text_dlg *d = sc->data;
	yz_list *l = &d->l;
	if (key_enter(k) || key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	/* Scroll the view, not a selection: keep sel at the edge that moves. */
	int rows = LINES - 7;
	if (key_code(k, KEY_DOWN) && l->top + (size_t)rows < l->n)
		l->top++, l->sel = l->top + (size_t)rows - 1;
	else if (key_code(k, KEY_UP) && l->top > 0)
		l->top--, l->sel = l->top;
	else
		list_key(l, k, rows);
	return true;
}

static size_t text_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"PgDn", N_("Scroll")}, {"Esc", N_("Close the view")}};
	return tui_put_keys(out, max, k, sizeof k / sizeof k[0]);
}

static const yz_screen_ops text_ops = {
    .name = "textview",
    .draw = text_draw,
    .key = text_key,
    .keys = text_keys,
    .modal = true,
};

void tui_textview(yz_tui *t, const char *title, const char *text)
{
	text_dlg d = {title, text, {0}};
	tui_run_modal(t, &text_ops, &d);
}

/* ---- a picker -------------------------------------------------------------------- */

typedef struct pick_dlg {
	const char *title;  /* the box's title */
	char *const *items; /* the choices */
	size_t n;           /* how many */
	yz_listview lv;     /* number and text of each; typing filters */
	long picked;        /* the answer: an index, -1 when cancelled */
} pick_dlg;

/* The number keys 1-9 pick at once, so each item shows its number (also
 * while a search hides the others). */
static const yz_column pick_cols[] = {
    {"", COL_FIT, 4, 0, true},
    {"", COL_FLEX, 1, 1, false},
};

static const char *pick_cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	pick_dlg *d = ctx;
	if (col == 1)
		return d->items[row];
	tui_fmt(buf, n, "%zu", row + 1);
	return buf;
}

/* The box's height for n items. */
static int pick_height(size_t n)
{
	return (int)n + 3 < LINES - 4 ? (int)n + 3 : LINES - 4;
}

static void pick_draw(yz_tui *t, yz_screen *sc)
{
	pick_dlg *d = sc->data;
	int h = pick_height(d->n);
	int w = 50;
	int iy, ix;
	draw_box(t, h, w, d->title, &iy, &ix);
	t->cur_y = -1;
	/* The items fill the box inside its frame; the frame's bottom line says
	 * what is hidden above and below, and what was typed (or that typing
	 * searches, when the items do not all fit). */
	listview_draw(t, &d->lv, iy, ix - 1, w - 2, h - 2, false);
	listview_draw_markers(t, &d->lv, iy + h - 2, ix, w - 4);
	if (d->lv.query[0] || d->n > (size_t)(h - 2))
		listview_draw_query(t, &d->lv, iy + h - 2, ix, w / 2);
}

static bool pick_answer(yz_tui *t, pick_dlg *d, long picked)
{
	d->picked = picked;
	tui_pop(t);
	return true;
}

static bool pick_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	pick_dlg *d = sc->data;
	size_t row;
	if (key_enter(k) && listview_selected(&d->lv, &row))
		return pick_answer(t, d, (long)row);
	if (key_enter(k))
		return d->n ? true : pick_answer(t, d, -1); /* a search found nothing */
	if (!k.is_code && k.ch >= '1' && k.ch <= '9' && (size_t)(k.ch - '0') <= d->n)
		return pick_answer(t, d, k.ch - '1');
	if (listview_search_key(&d->lv, k)) /* Esc clears a search first */
		return true;
	if (key_esc(k))
		return pick_answer(t, d, -1);
	listview_key(&d->lv, k);
	return true;
}

static size_t pick_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"Enter", N_("Choose")}, {"Esc", N_("Cancel")}};
	return tui_put_keys(out, max, k, sizeof k / sizeof k[0]);
}

static const yz_screen_ops pick_ops = {
    .name = "pick",
    .draw = pick_draw,
    .key = pick_key,
    .keys = pick_keys,
    .modal = true,
};

long tui_pick(yz_tui *t, const char *title, char *const *items, size_t n, size_t sel)
{
	pick_dlg d = {title, items, n, {0}, -1};
	listview_init(&d.lv, pick_cols, sizeof pick_cols / sizeof pick_cols[0], pick_cell, &d);
	d.lv.search = true;
	listview_set_rows(&d.lv, n);
	listview_select(&d.lv, sel < n ? sel : 0);
	tui_run_modal(t, &pick_ops, &d);
	listview_free(&d.lv);
	return d.picked;
}
