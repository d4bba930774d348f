/* Small modal forms for the case actions: a few labelled text fields (a reason,
 * a date, a number of days) and a checklist (the missing materials). Like the
 * dialogs of dialog.c they run their own key loop over the redrawn stack, so a
 * resize while one is open lays everything out again. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* A framed box of h x w centred on the screen; (*iy, *ix) is its inner corner. */
static void ask_box(yz_tui *t, int h, int w, const char *title, int *iy, int *ix)
{
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	tui_frame(y, x, h, w);
	if (title && *title)
		tui_put(y, x + 2, title, w - 4, tui_attr(t, ROLE_TITLE));
	*iy = y + 1;
	*ix = x + 2;
}

static int box_width(void)
{
	return COLS - 4 < 72 ? COLS - 4 : 72;
}

/* Draw the form with field cur focused; places the cursor. */
static void ask_draw(yz_tui *t, const char *title, const char *text, yz_ask_field *f, yz_edit *e,
                     size_t n, size_t cur)
{
	int w = box_width(), iy, ix, lw = 0, cx = 0;
	for (size_t i = 0; i < n; i++) {
		int lwi = yz_text_width(_(f[i].label));
		lw = lwi > lw ? lwi : lw;
	}
	lw = lw + 2 < w / 2 ? lw + 2 : w / 2;
	ask_box(t, (int)n + (text ? 6 : 4), w, title, &iy, &ix);
	if (text)
		tui_put(iy++, ix, text, w - 4, A_NORMAL), iy++;
	for (size_t i = 0; i < n; i++) {
		int y = iy + (int)i;
		tui_put(y, ix, _(f[i].label), lw, A_NORMAL);
		attr_t a = tui_attr(t, i == cur ? ROLE_FOCUS : ROLE_FIELD);
		int x;
		edit_draw(&e[i], y, ix + lw, w - 4 - lw, a, &x);
		if (i == cur)
			cx = x;
	}
	tui_put(iy + (int)n + 1, ix, _("Enter: next/OK   Tab/Up/Down: move   Esc: cancel"), w - 4,
	        tui_attr(t, ROLE_DIM));
	move(iy + (int)cur, cx);
	curs_set(1);
	refresh();
}

/* Copy the edited values back; false when a required field is empty (the
 * focus moves there). */
static bool ask_take(yz_ask_field *f, yz_edit *e, size_t n, size_t *cur)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].required && e[i].len == 0) {
			*cur = i;
			return false;
		}
	for (size_t i = 0; i < n; i++)
		yz_strlcpy_utf8(f[i].buf, e[i].buf, f[i].size);
	return true;
}

bool tui_ask(yz_tui *t, const char *title, const char *text, yz_ask_field *f, size_t n)
{
	yz_edit *e = calloc(n, sizeof *e);
	if (!e)
		return false;
	for (size_t i = 0; i < n; i++) {
		edit_init(&e[i], f[i].max_width, false);
		edit_set(&e[i], f[i].buf);
	}
	size_t cur = 0;
	bool ok = false;
	for (;;) {
		tui_draw(t);
		if (tui_size_ok())
			ask_draw(t, title, text, f, e, n, cur);
		tui_key k = tui_getkey(t);
		if (k.none || key_code(k, KEY_RESIZE) || !tui_size_ok())
			continue;
		if (key_esc(k))
			break;
		if (key_enter(k) && cur + 1 == n) {
			if ((ok = ask_take(f, e, n, &cur)))
				break;
			tui_msg(t, TUI_MSG_ERROR, "%s", _("Please fill in this field."));
		} else if (key_enter(k) || key_ch(k, '\t') || key_code(k, KEY_DOWN)) {
			cur = (cur + 1) % n;
		} else if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP)) {
			cur = (cur + n - 1) % n;
		} else {
			edit_key(&e[cur], k);
		}
	}
	for (size_t i = 0; i < n; i++)
		edit_free(&e[i]);
	free(e);
	return ok;
}

static void check_draw(yz_tui *t, const char *title, char *const *items, size_t n,
                       const bool *checked, yz_list *l)
{
	int w = box_width(), iy, ix;
	int h = (int)n + 4 < LINES - 4 ? (int)n + 4 : LINES - 4;
	ask_box(t, h, w, title, &iy, &ix);
	list_scroll(l, h - 3);
	for (int i = 0; i < h - 3 && l->top + (size_t)i < n; i++) {
		size_t k = l->top + (size_t)i;
		char buf[320];
		tui_fmt(buf, sizeof buf, "%2zu [%s] %s", k + 1, checked[k] ? "x" : " ", items[k]);
		tui_put_pad(iy + i, ix, buf, w - 4,
		            k == l->sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL);
	}
	tui_put(iy + h - 3, ix, _("Space or number: tick   Enter: OK   Esc: cancel"), w - 4,
	        tui_attr(t, ROLE_DIM));
	curs_set(0);
	refresh();
}

bool tui_checklist(yz_tui *t, const char *title, char *const *items, size_t n, bool *checked)
{
	yz_list l = {.n = n};
	for (;;) {
		tui_draw(t);
		if (tui_size_ok())
			check_draw(t, title, items, n, checked, &l);
		tui_key k = tui_getkey(t);
		if (k.none || key_code(k, KEY_RESIZE) || !tui_size_ok())
			continue;
		if (key_esc(k))
			return false;
		if (key_enter(k))
			return true;
		if (key_ch(k, ' ') && n)
			checked[l.sel] = !checked[l.sel];
		else if (!k.is_code && k.ch >= '1' && k.ch <= '9' && (size_t)(k.ch - '0') <= n)
			l.sel = k.ch - '1', checked[l.sel] = !checked[l.sel];
		else
			list_key(&l, k, LINES - 7);
	}
}
