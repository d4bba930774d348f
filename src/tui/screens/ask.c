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

/* A date field (its label asks for YYYY-MM-DD): a date typed as the form's
 * date fields accept it (20261214, 2026-12-14) is shown and handed back as
 * YYYY-MM-DD; anything else stays as typed, for the action to refuse. */
static void ask_norm_date(ask_dlg *d, size_t i)
{
	yz_date day;
	char buf[11];
	if (i >= d->n || !strstr(d->f[i].label, "YYYY-MM-DD") ||
	    !yz_date_parse(yz_line_text(&d->e[i]), &day))
		return;
	yz_date_format(day, buf);
	if (strcmp(buf, yz_line_text(&d->e[i])) != 0)
		yz_line_set(&d->e[i], buf);
}

/* Copy the edited values back; false when a required field is empty (the
 * focus moves there). */
static bool ask_take(ask_dlg *d)
{
	for (size_t i = 0; i < d->n; i++)
		ask_norm_date(d, i);
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
		ask_norm_date(d, d->cur);
		d->cur = (d->cur + 1) % n;
	} else if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP)) {
		ask_norm_date(d, d->cur);
		d->cur = (d->cur + n - 1) % n;
	} else {
		tui_line_key(t, &d->e[d->cur], k, NULL);
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

/* Issue 15: every field but a date takes pinyin (a reason, a department). */
static tui_field_kind ask_field(yz_tui *t, yz_screen *sc, tui_focus *at)
{
	(void)t;
	ask_dlg *d = sc->data;
	if (d->cur >= d->n || strstr(d->f[d->cur].label, "YYYY-MM-DD"))
		return TUI_FIELD_NONE;
	*at = (tui_focus){&d->e[d->cur], yz_line_text(&d->e[d->cur]), d->e[d->cur].cursor};
	return TUI_FIELD_TEXT;
}

static const yz_screen_ops ask_ops = {
    .name = "ask",
    .draw = ask_draw,
    .key = ask_key,
    .keys = ask_keys,
    .field = ask_field,
    .modal = true,
};

bool tui_ask(yz_tui *t, const char *title, const char *text, yz_ask_field *f, size_t n)
{
	ask_dlg d = {title, text, f, calloc(n, sizeof(yz_line)), n, 0, false};
	bool ready = d.e != NULL && n > 0;
	for (size_t i = 0; ready && i < n; i++)
		ready =
		    yz_line_init(&d.e[i], f[i].max_width, false) && yz_line_set(&d.e[i], f[i].buf);
	/* The caller's buffer holds what is typed: the editor stops there and
	 * says so, never cut when copied back (ask_take). */
	for (size_t i = 0; ready && i < n; i++)
		d.e[i].max_bytes = f[i].size > 0 ? f[i].size - 1 : 0;
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
	yz_listview lv;     /* number, tick and text of each */
	bool ok;            /* the answer: Enter (true) or Esc */
} check_dlg;

/* The number keys 1-9 tick at once, so each item shows its number. */
static const yz_column check_cols[] = {
    {"", COL_FIT, 4, 0, true},
    {"", COL_FIXED, 3, 0, false},
    {"", COL_FLEX, 1, 1, false},
};

static const char *check_cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	check_dlg *d = ctx;
	if (col == 0)
		tui_fmt(buf, n, "%zu", row + 1);
	return col == 0 ? buf : col == 1 ? (d->checked[row] ? "[x]" : "[ ]") : d->items[row];
}

/* The box's height for n items: the items, the hint, the frame. */
static int check_height(size_t n)
{
	return (int)n + 4 < LINES - 4 ? (int)n + 4 : LINES - 4;
}

static void check_draw(yz_tui *t, yz_screen *sc)
{
	check_dlg *d = sc->data;
	int w = box_width(), h = check_height(d->n), iy, ix;
	ask_box(t, h, w, d->title, &iy, &ix);
	/* The items fill the box inside its frame (the highlight reaching it);
	 * the frame's bottom line says how many are hidden above and below. */
	listview_draw(t, &d->lv, iy, ix - 1, w - 2, h - 3, false);
	listview_draw_markers(t, &d->lv, iy + h - 2, ix, w - 4);
	tui_put(iy + h - 3, ix, _("Space or number: tick   Enter: OK   Esc: cancel"), w - 4,
	        tui_attr(t, ROLE_DIM));
	t->cur_y = -1;
}

static void check_toggle(check_dlg *d, size_t row)
{
	d->checked[row] = !d->checked[row];
}

static bool check_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	check_dlg *d = sc->data;
	size_t row;
	if (key_esc(k) || key_enter(k)) {
		d->ok = key_enter(k);
		tui_pop(t);
	} else if (key_ch(k, ' ') && listview_selected(&d->lv, &row)) {
		check_toggle(d, row);
	} else if (!k.is_code && k.ch >= '1' && k.ch <= '9' && (size_t)(k.ch - '0') <= d->n) {
		listview_select(&d->lv, (size_t)(k.ch - '1'));
		check_toggle(d, (size_t)(k.ch - '1'));
	} else {
		listview_key(&d->lv, k);
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
	check_dlg d = {title, items, n, checked, {0}, false};
	listview_init(&d.lv, check_cols, sizeof check_cols / sizeof check_cols[0], check_cell, &d);
	listview_set_rows(&d.lv, n);
	tui_run_modal(t, &check_ops, &d);
	listview_free(&d.lv);
	return d.ok;
}
