/* A panel: a column of labelled rows — field editors, choices, yes/no, checkboxes
 * and buttons — with focus movement (Tab/Enter, Shift-Tab, arrows) and validation
 * when the clerk leaves a row. Login, new resident and intake are all panels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

void panel_init(yz_panel *p, yz_date today, int label_w)
{
	memset(p, 0, sizeof *p);
	p->today = today;
	p->label_w = label_w;
}

void panel_free(yz_panel *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->rows[i].label);
		free(p->rows[i].value);
		free(p->rows[i].display);
		edit_free(&p->rows[i].edit);
	}
	free(p->rows);
	memset(p, 0, sizeof *p);
}

static bool focusable(const yz_row *r)
{
	return r->kind != ROW_HEADING;
}

yz_row *panel_add(yz_panel *p, yz_row_kind kind, const char *label, const yz_field_def *def)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		yz_row *r = realloc(p->rows, cap * sizeof *r);
		if (!r)
			return NULL;
		p->rows = r;
		p->cap = cap;
	}
	yz_row *r = &p->rows[p->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->label = strdup(label ? label : "");
	r->def = def;
	r->required = def && def->required;
	int w = def && def->width > 0 ? def->width : 0;
	if (def && def->type == YZ_FIELD_IDCARD)
		w = 18;
	edit_init(&r->edit, w, false);
	if (p->n == 1 || !focusable(&p->rows[p->focus]))
		p->focus = p->n - 1;
	return r;
}

const char *panel_value(const yz_panel *p, size_t i)
{
	const yz_row *r = &p->rows[i];
	switch (r->kind) {
	case ROW_EDIT:
		return r->edit.buf;
	case ROW_CHOICE:
		return r->choice && r->def && r->choice <= r->def->n_options
		           ? r->def->options[r->choice - 1]
		           : "";
	case ROW_YESNO:
		return r->choice == 1 ? "yes" : r->choice == 2 ? "no" : "";
	case ROW_CHECK:
		return r->checked ? "yes" : "";
	case ROW_BUTTON:
		return r->value ? r->value : "";
	case ROW_HEADING:
	default:
		return "";
	}
}

void panel_set_value(yz_panel *p, size_t i, const char *v)
{
	yz_row *r = &p->rows[i];
	v = v ? v : "";
	switch (r->kind) {
	case ROW_EDIT:
		edit_set(&r->edit, v);
		break;
	case ROW_CHOICE:
		r->choice = 0;
		for (size_t k = 0; r->def && k < r->def->n_options; k++)
			if (strcmp(r->def->options[k], v) == 0)
				r->choice = k + 1;
		break;
	case ROW_YESNO:
		r->choice = !strcmp(v, "yes") ? 1 : !strcmp(v, "no") ? 2 : 0;
		break;
	case ROW_CHECK:
		r->checked = *v != '\0';
		break;
	case ROW_BUTTON:
		free(r->value);
		r->value = strdup(v);
		break;
	case ROW_HEADING:
		break;
	}
}

bool panel_validate(yz_tui *t, yz_panel *p, size_t i)
{
	yz_row *r = &p->rows[i];
	if (!r->def || r->kind == ROW_BUTTON)
		return true;
	yz_err err = {{0}};
	if (yz_field_validate(r->def, panel_value(p, i), p->today, &err))
		return true;
	tui_msg(t, TUI_MSG_ERROR, "%s", err.msg); /* the message names the field */
	return false;
}

void panel_focus(yz_panel *p, size_t i)
{
	if (i < p->n && focusable(&p->rows[i])) {
		p->focus = i;
		p->rows[i].edit.cur = p->rows[i].edit.len;
	}
}

/* Move focus by dir (+1/-1) after validating the row being left. */
static yz_panel_event move_focus(yz_tui *t, yz_panel *p, int dir, bool validate)
{
	if (validate && !panel_validate(t, p, p->focus))
		return PANEL_INVALID;
	size_t i = p->focus;
	for (;;) {
		if (dir > 0 && i + 1 >= p->n)
			return dir > 0 && validate ? PANEL_DONE : PANEL_MOVED;
		if (dir < 0 && i == 0)
			return PANEL_MOVED;
		i = dir > 0 ? i + 1 : i - 1;
		if (focusable(&p->rows[i]))
			break;
	}
	tui_msg_clear(t);
	panel_focus(p, i);
	return PANEL_MOVED;
}

static yz_panel_event choice_key(yz_row *r, tui_key k)
{
	size_t n = r->kind == ROW_YESNO ? 2 : (r->def ? r->def->n_options : 0);
	if (n == 0)
		return PANEL_NONE;
	size_t before = r->choice;
	if (key_code(k, KEY_RIGHT) || key_ch(k, ' '))
		r->choice = r->choice % n + 1;
	else if (key_code(k, KEY_LEFT))
		r->choice = r->choice <= 1 ? n : r->choice - 1;
	else if (!k.is_code && k.ch >= '1' && k.ch <= '9' && (size_t)(k.ch - '0') <= n)
		r->choice = k.ch - '0';
	else if (r->kind == ROW_YESNO && (key_ch(k, 'y') || key_ch(k, 'Y')))
		r->choice = 1;
	else if (r->kind == ROW_YESNO && (key_ch(k, 'n') || key_ch(k, 'N')))
		r->choice = 2;
	else if (key_backspace(k) || key_code(k, KEY_DC))
		r->choice = 0;
	else
		return PANEL_NONE;
	return r->choice != before ? PANEL_CHANGED : PANEL_MOVED;
}

static yz_panel_event row_key(yz_panel *p, tui_key k)
{
	yz_row *r = &p->rows[p->focus];
	switch (r->kind) {
	case ROW_EDIT:
		switch (edit_key(&r->edit, k)) {
		case EDIT_CHANGED:
			return PANEL_CHANGED;
		case EDIT_MOVED:
		case EDIT_REFUSED:
			return PANEL_MOVED;
		case EDIT_IGNORED:
			return PANEL_NONE;
		}
		return PANEL_NONE;
	case ROW_CHOICE:
	case ROW_YESNO:
		return choice_key(r, k);
	case ROW_CHECK:
		if (key_ch(k, ' ')) {
			r->checked = !r->checked;
			return PANEL_CHANGED;
		}
		return PANEL_NONE;
	case ROW_BUTTON:
	case ROW_HEADING:
	default:
		return PANEL_NONE;
	}
}

yz_panel_event panel_key(yz_tui *t, yz_panel *p, tui_key k)
{
	if (p->n == 0)
		return PANEL_NONE;
	yz_row *r = &p->rows[p->focus];
	if (key_enter(k) && r->kind == ROW_BUTTON)
		return PANEL_BUTTON;
	if (key_enter(k) || key_ch(k, '\t'))
		return move_focus(t, p, +1, true);
	if (key_code(k, KEY_DOWN))
		return move_focus(t, p, +1, true) == PANEL_INVALID ? PANEL_INVALID : PANEL_MOVED;
	if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP))
		return move_focus(t, p, -1, false);
	yz_panel_event ev = row_key(p, k);
	/* The clerk is correcting the value the message was about. */
	if (ev == PANEL_CHANGED && t->status_kind == TUI_MSG_ERROR)
		tui_msg_clear(t);
	if (ev == PANEL_CHANGED && r->def && r->def->type == YZ_FIELD_IDCARD)
		r->note[0] = '\0';
	return ev;
}

/* The value of a choice row: "< option >  (1-n)". */
static void choice_text(const yz_row *r, char *buf, size_t n)
{
	const char *v = "";
	if (r->kind == ROW_YESNO)
		v = r->choice == 1 ? _("yes") : r->choice == 2 ? _("no") : "";
	else if (r->choice && r->def && r->choice <= r->def->n_options)
		v = r->def->options[r->choice - 1];
	snprintf(buf, n, "< %s >", *v ? v : _("(choose)"));
}

/* "1 option  2 option …": what the number keys choose. */
static void options_hint(const yz_field_def *d, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; d && i < d->n_options && i < 9 && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%zu %s", i ? "  " : "", i + 1,
		                        d->options[i]);
}

/* A checklist row: "[x] *label  note", the whole label visible (materials have
 * long names). */
static void draw_check(yz_tui *t, yz_row *r, bool focus, int y)
{
	char buf[320];
	snprintf(buf, sizeof buf, "[%s] %s%s", r->checked ? "x" : " ", r->required ? "*" : "",
	         r->label);
	attr_t a = focus ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
	int used = tui_put(y, 3, buf, COLS - 4, a);
	if (focus) {
		t->cur_y = y;
		t->cur_x = 4;
	}
	if (r->note[0] && 3 + used + 2 < COLS)
		tui_put(y, 3 + used + 2, r->note, COLS - used - 6, tui_attr(t, ROLE_DIM));
}

static void draw_row(yz_tui *t, yz_panel *p, size_t i, int y)
{
	yz_row *r = &p->rows[i];
	bool focus = i == p->focus;
	if (r->kind == ROW_HEADING) {
		tui_put(y, 1, r->label, COLS - 2, tui_attr(t, ROLE_HEADER));
		return;
	}
	if (r->kind == ROW_CHECK) {
		draw_check(t, r, focus, y);
		return;
	}
	char label[192];
	snprintf(label, sizeof label, "%s%s", r->required ? "*" : " ", r->label);
	int lw = p->label_w;
	int lx = 1 + lw - yz_text_width(label);
	tui_put(y, lx > 1 ? lx : 1, label, lw, focus ? A_BOLD : A_NORMAL);
	int x = 2 + lw + 1;
	int vw = p->value_w > 0 ? p->value_w : COLS - x - 1;
	if (vw > COLS - x - 1)
		vw = COLS - x - 1;
	attr_t fa = tui_attr(t, focus ? ROLE_FOCUS : ROLE_FIELD);
	char buf[320];
	int used = vw;
	switch (r->kind) {
	case ROW_EDIT: {
		int cx;
		if (r->edit.max_width > 0 && r->edit.max_width + 1 < vw)
			vw = used = r->edit.max_width + 1;
		edit_draw(&r->edit, y, x, vw, fa, &cx);
		if (focus) {
			t->cur_y = y;
			t->cur_x = cx;
		}
		break;
	}
	case ROW_CHOICE:
	case ROW_YESNO:
		choice_text(r, buf, sizeof buf);
		used = tui_put(y, x, buf, vw, focus ? fa : A_NORMAL);
		break;
	case ROW_BUTTON:
		used = tui_put(y, x,
		               r->display && *r->display ? r->display
		               : r->value && *r->value   ? r->value
		                                         : _("(press Enter to choose)"),
		               vw, focus ? fa : A_NORMAL);
		break;
	case ROW_CHECK: /* drawn by draw_check */
	case ROW_HEADING:
		break;
	}
	const char *note = r->note;
	if (focus && r->kind == ROW_CHOICE && !note[0]) {
		options_hint(r->def, buf, sizeof buf);
		note = buf;
	}
	if (note[0] && x + used + 2 < COLS)
		tui_put(y, x + used + 2, note, COLS - x - used - 3, tui_attr(t, ROLE_DIM));
}

void panel_draw(yz_tui *t, yz_panel *p, int y0, int y1)
{
	int h = y1 - y0;
	if (h <= 0)
		return;
	if (p->focus < p->top)
		p->top = p->focus;
	if (p->focus >= p->top + (size_t)h)
		p->top = p->focus - (size_t)h + 1;
	for (size_t i = p->top; i < p->n && (int)(i - p->top) < h; i++)
		draw_row(t, p, i, y0 + (int)(i - p->top));
}

size_t panel_keys(const yz_panel *p, yz_keyhint *out, size_t max)
{
	size_t n = 0;
	if (p->n == 0 || max < 2)
		return 0;
	const yz_row *r = &p->rows[p->focus];
	out[n++] = (yz_keyhint){"Tab", N_("Next")};
	switch (r->kind) {
	case ROW_CHOICE:
		out[n++] = (yz_keyhint){"1-9", N_("Choose")};
		break;
	case ROW_YESNO:
		out[n++] = (yz_keyhint){"Y/N", N_("Yes/No")};
		break;
	case ROW_CHECK:
		out[n++] = (yz_keyhint){"Space", N_("Tick")};
		break;
	case ROW_BUTTON:
		out[n++] = (yz_keyhint){"Enter", N_("Choose")};
		break;
	default:
		break;
	}
	return n;
}
