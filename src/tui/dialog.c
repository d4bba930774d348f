/* Modal dialogs: confirm, message, a scrollable text and a picker. Each runs its
 * own key loop over the redrawn screen stack, so a resize while a dialog is open
 * lays everything out again. */
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
		do {
			size_t fit = yz_text_fit(q, w, NULL);
			if (fit == 0 && *q)
				fit = 1; /* a character wider than the box: skip it */
			lines_add(&l, q, fit);
			q += fit;
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

/* Draw the screens below, then the dialog; false while the terminal is too small. */
static bool redraw_under(yz_tui *t)
{
	tui_draw(t);
	return tui_size_ok();
}

/* Shared loop of confirm and message. mode 0 = message, 1 = yes/no. */
static bool run_box(yz_tui *t, const char *title, const char *text, int mode)
{
	for (;;) {
		if (redraw_under(t)) {
			int w = COLS - 10 < 64 ? COLS - 10 : 64;
			lines l = wrap(text, w - 4);
			int iy, ix;
			draw_box(t, (int)l.n + 4, w, title, &iy, &ix);
			for (size_t i = 0; i < l.n && (int)i < LINES - 6; i++)
				tui_put(iy + (int)i, ix, l.v[i], w - 4, A_NORMAL);
			const char *hint = mode ? _("[Y] Yes   [N] No") : _("[Enter] OK");
			tui_put(iy + (int)l.n + 1, ix, hint, w - 4, A_BOLD);
			lines_free(&l);
			curs_set(0);
			refresh();
		}
		tui_key k = tui_getkey(t);
		if (k.none || key_code(k, KEY_RESIZE) || !tui_size_ok())
			continue;
		if (mode == 0 && (key_enter(k) || key_esc(k) || key_ch(k, ' ')))
			return true;
		if (mode == 1 && (key_ch(k, 'y') || key_ch(k, 'Y') || key_enter(k)))
			return true;
		if (mode == 1 && (key_ch(k, 'n') || key_ch(k, 'N') || key_esc(k)))
			return false;
	}
}

bool tui_confirm(yz_tui *t, const char *title, const char *text)
{
	return run_box(t, title, text, 1);
}

void tui_message(yz_tui *t, const char *title, const char *text)
{
	run_box(t, title, text, 0);
}

void tui_textview(yz_tui *t, const char *title, const char *text)
{
	yz_list l = {0};
	for (;;) {
		int h = LINES - 4, w = COLS - 6;
		lines ls = {0};
		if (redraw_under(t)) {
			ls = wrap(text, w - 4);
			l.n = ls.n;
			int iy, ix;
			draw_box(t, h, w, title, &iy, &ix);
			int rows = h - 3;
			list_scroll(&l, rows);
			for (int i = 0; i < rows && l.top + (size_t)i < ls.n; i++)
				tui_put(iy + i, ix, ls.v[l.top + (size_t)i], w - 4, A_NORMAL);
			tui_put(iy + rows, ix, _("Arrows/PgUp/PgDn scroll, Esc or Enter closes"),
			        w - 4, tui_attr(t, ROLE_DIM));
			curs_set(0);
			refresh();
		}
		lines_free(&ls);
		tui_key k = tui_getkey(t);
		if (k.none || key_code(k, KEY_RESIZE) || !tui_size_ok())
			continue;
		if (key_enter(k) || key_esc(k) || key_code(k, KEY_F(10)))
			return;
		/* Scroll the view, not a selection: keep sel at the edge that moves. */
		int rows = LINES - 7;
		if (key_code(k, KEY_DOWN) && l.top + (size_t)rows < l.n)
			l.top++, l.sel = l.top + (size_t)rows - 1;
		else if (key_code(k, KEY_UP) && l.top > 0)
			l.top--, l.sel = l.top;
		else
			list_key(&l, k, rows);
	}
}

long tui_pick(yz_tui *t, const char *title, char *const *items, size_t n, size_t sel)
{
	yz_list l = {.n = n, .sel = sel < n ? sel : 0};
	for (;;) {
		int h = (int)n + 3 < LINES - 4 ? (int)n + 3 : LINES - 4;
		int w = 50;
		if (redraw_under(t)) {
			int iy, ix;
			draw_box(t, h, w, title, &iy, &ix);
			list_scroll(&l, h - 2);
			for (int i = 0; i < h - 2 && l.top + (size_t)i < n; i++) {
				size_t k = l.top + (size_t)i;
				char buf[256];
				tui_fmt(buf, sizeof buf, "%zu %s", k + 1, items[k]);
				tui_put_pad(iy + i, ix, buf, w - 4,
				            k == l.sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL);
			}
			curs_set(0);
			refresh();
		}
		tui_key k = tui_getkey(t);
		if (k.none || key_code(k, KEY_RESIZE) || !tui_size_ok())
			continue;
		if (key_enter(k))
			return n ? (long)l.sel : -1;
		if (key_esc(k))
			return -1;
		if (!k.is_code && k.ch >= '1' && k.ch <= '9' && (size_t)(k.ch - '0') <= n)
			return k.ch - '1';
		list_key(&l, k, h - 2);
	}
}
