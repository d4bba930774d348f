/* Small modal forms for the case actions: a few labelled text fields (a reason,
 * a date, a number of days), each the one field editor, and a checklist (the
 * missing materials). Like the dialogs of dialog.c they are screens on the
 * stack run by tui_run_modal, so a resize while one is open lays everything
 * out again. */
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

/* ---- a few text fields -------------------------------------------------------- */

typedef struct ask_dlg {
	const char *title; /* the box's title */
	const char *text;  /* a line above the fields; may be NULL */
	yz_ask_field *f;   /* the fields (the caller's) */
	yz_line *e;        /* their editors */
	size_t n;          /* how many */
	size_t cur;        /* the focused field */
	bool ok;           /* the answer: Enter on the last field, everything required there */
} ask_dlg;

/* Draw the form with field cur focused; places the cursor. */
static void ask_draw(yz_tui *t, yz_screen *sc)
{
	ask_dlg *d = sc->data;
	int w = box_width(), iy, ix, lw = 0, cx = 0;
	for (size_t i = 0; i < d->n; i++) {
		int lwi = yz_text_width(_(d->f[i].label));
		lw = lwi > lw ? lwi : lw;
	}
	lw = lw + 2 < w / 2 ? lw + 2 : w / 2;
	ask_box(t, (int)d->n + (d->text ? 6 : 4), w, d->title, &iy, &ix);
	if (d->text)
		tui_put(iy++, ix, d->text, w - 4, A_NORMAL), iy++;
	for (size_t i = 0; i < d->n; i++) {
		int y = iy + (int)i;
		tui_put(y, ix, _(d->f[i].label), lw, A_NORMAL);
		attr_t a = tui_attr(t, i == d->cur ? ROLE_FOCUS : ROLE_FIELD);
		int x;
		tui_line_draw(&d->e[i], y, ix + lw, w - 4 - lw, a, &x);
		if (i == d->cur)
			cx = x;
	}
	tui_put(iy + (int)d->n + 1, ix, _("Enter: next/OK   Tab/Up/Down: move   Esc: cancel"),
	        w - 4, tui_attr(t, ROLE_DIM));
	t->cur_y = iy + (int)d->cur;
	t->cur_x = cx;
}

/* Copy the edited values back; false when a required field is empty (the
 * focus moves there). */
static bool ask_take(ask_dlg *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->f[i].required && d->e[i].len == 0) {
			d->cur = i;
			return false;
		}
	for (size_t i = 0; i < d->n; i++)
		yz_strlcpy_utf8(d->f[i].buf, yz_line_text(&d->e[i]), d->f[i].size);
	return true;
}

static bool ask_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	ask_dlg *d = sc->data;
	size_t n = d->n;
	if (key_esc(k)) {
		tui_pop(t);
	} else if (key_enter(k) && d->cur + 1 == n) {
		if ((d->ok = ask_take(d)))
			tui_pop(t);
		else
			tui_msg(t, TUI_MSG_ERROR, "%s", _("Please fill in this field."));
	} else if (key_enter(k) || key_ch(k, '\t') || key_code(k, KEY_DOWN)) {
		d->cur = (d->cur + 1) % n;
	} else if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP)) {
		d->cur = (d->cur + n - 1) % n;
	} else {
		tui_line_key(&d->e[d->cur], k, NULL);
	}
	return true;
}

static size_t ask_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"Enter", N_("OK")}, {"Tab", N_("Next")}, {"Esc", N_("Cancel")}};
	return tui_put_keys(out, max, k, sizeof k / sizeof k[0]);
}

static const yz_screen_ops ask_ops = {
    .name = "ask",
    .draw = ask_draw,
    .key = ask_key,
    .keys = ask_keys,
    .modal = true,
};

bool tui_ask(yz_tui *t, const char *title, const char *text, yz_ask_field *f, size_t n)
{
	ask_dlg d = {title, text, f, calloc(n, sizeof(yz_line)), n, 0, false};
	bool ready = d.e != NULL && n > 0;
	for (size_t i = 0; ready && i < n; i++)
		ready =
		    yz_line_init(&d.e[i], f[i].max_width, false) && yz_line_set(&d.e[i], f[i].buf);
	if (ready)
		tui_run_modal(t, &ask_ops, &d);
	for (size_t i = 0; d.e && i < n; i++)
		yz_line_free(&d.e[i]);
	free(d.e);
	return d.ok;
}

/* ---- a checklist ------------------------------------------------------------------ */

typedef struct check_dlg {
	const char *title;  /* the box's title */
	char *const *items; /* the items */
	size_t n;           /* how many */
	bool *checked;      /* ticked (the caller's) */
	yz_list l;          /* the selection */
	bool ok;            /* the answer: Enter (true) or Esc */
} check_dlg;

static void check_draw(yz_tui *t, yz_screen *sc)
{
	check_dlg *d = sc->data;
	yz_list *l = &d->l;
	size_t n = d->n;
	int w = box_width(), iy, ix;
	int h = (int)n + 4 < LINES - 4 ? (int)n + 4 : LINES - 4;
	ask_box(t, h, w, d->title, &iy, &ix);
	list_scroll(l, h - 3);
	for (int i = 0; i < h - 3 && l->top + (size_t)i < n; i++) {
		size_t k = l->top + (size_t)i;
		char buf[320];
		tui_fmt(buf, sizeof buf, "%2zu [%s] %s", k + 1, d->checked[k] ? "x" : " ",
		        d->items[k]);
		tui_put_pad(iy + i, ix, buf, w - 4,
		            k == l->sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL);
	}
	tui_put(iy + h - 3, ix, _("Space or number: tick   Enter: OK   Esc: cancel"), w - 4,
	        tui_attr(t, ROLE_DIM));
	t->cur_y = -1;
}

static bool check_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	check_dlg *d = sc->data;
	size_t n = d->n;
	if (key_esc(k) || key_enter(k)) {
		d->ok = key_enter(k);
		tui_pop(t);
	} else if (key_ch(k, ' ') && n) {
		d->checked[d->l.sel] = !d->checked[d->l.sel];
	} else if (!k.is_code && k.ch >= '1' && k.ch <= '9' && (size_t)(k.ch - '0') <= n) {
		d->l.sel = k.ch - '1';
		d->checked[d->l.sel] = !d->checked[d->l.sel];
	} else {
		list_key(&d->l, k, LINES - 7);
	}
	return true;
}

static size_t check_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"Space", N_("Tick")}, {"Enter", N_("OK")}, {"Esc", N_("Cancel")}};
	return tui_put_keys(out, max, k, sizeof k / sizeof k[0]);
}

static const yz_screen_ops check_ops = {
    .name = "checklist",
    .draw = check_draw,
    .key = check_key,
    .keys = check_keys,
    .modal = true,
};

bool tui_checklist(yz_tui *t, const char *title, char *const *items, size_t n, bool *checked)
{
	check_dlg d = {title, items, n, checked, {.n = n}, false};
	tui_run_modal(t, &check_ops, &d);
	return d.ok;
}
