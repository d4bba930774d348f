/* A panel: a column of labelled text rows, each the one field editor (a
 * yz_line), with focus movement (Tab/Enter, Shift-Tab, arrows). The login
 * screen is a panel; forms are drawn by the form view instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

void panel_init(yz_panel *p, int label_w)
{
	memset(p, 0, sizeof *p);
	p->label_w = label_w;
}

void panel_free(yz_panel *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->rows[i].label);
		yz_line_free(&p->rows[i].edit);
	}
	free(p->rows);
	memset(p, 0, sizeof *p);
}

yz_row *panel_add(yz_panel *p, const char *label, int max_width, bool masked)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 4;
		yz_row *r = realloc(p->rows, cap * sizeof *r);
		if (!r)
			return NULL;
		p->rows = r;
		p->cap = cap;
	}
	yz_row *r = &p->rows[p->n];
	memset(r, 0, sizeof *r);
	r->label = strdup(label ? label : "");
	if (!r->label || !yz_line_init(&r->edit, max_width, masked)) {
		free(r->label);
		yz_line_free(&r->edit);
		return NULL;
	}
	p->n++;
	return r;
}

const char *panel_value(const yz_panel *p, size_t i)
{
	return i < p->n ? yz_line_text(&p->rows[i].edit) : "";
}

void panel_set_value(yz_panel *p, size_t i, const char *v)
{
	if (i < p->n)
		yz_line_set(&p->rows[i].edit, v);
}

void panel_focus(yz_panel *p, size_t i)
{
	if (i < p->n) {
		p->focus = i;
		yz_line_edit(&p->rows[i].edit, YZ_LINE_END);
	}
}

yz_panel_event panel_key(yz_tui *t, yz_panel *p, tui_key k)
{
	yz_line_result r;

	if (p->n == 0)
		return PANEL_NONE;
	if (key_enter(k) || key_ch(k, '\t') || key_code(k, KEY_DOWN)) {
		if (p->focus + 1 >= p->n)
			return key_code(k, KEY_DOWN) ? PANEL_MOVED : PANEL_DONE;
		tui_msg_clear(t);
		panel_focus(p, p->focus + 1);
		return PANEL_MOVED;
	}
	if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP)) {
		if (p->focus > 0) {
			tui_msg_clear(t);
			panel_focus(p, p->focus - 1);
		}
		return PANEL_MOVED;
	}
	if (!tui_line_key(t, &p->rows[p->focus].edit, k, &r))
		return PANEL_NONE;
	if (r != YZ_LINE_CHANGED)
		return PANEL_MOVED;
	/* The clerk is correcting the value the message was about. */
	if (t->status_kind == TUI_MSG_ERROR)
		tui_msg_clear(t);
	return PANEL_CHANGED;
}

static void draw_row(yz_tui *t, yz_panel *p, size_t i, int y)
{
	yz_row *r = &p->rows[i];
	bool focus = i == p->focus;
	char label[192];
	snprintf(label, sizeof label, " %s", r->label);
	int lw = p->label_w;
	int lx = 1 + lw - yz_text_width(label);
	tui_put(y, lx > 1 ? lx : 1, label, lw, focus ? A_BOLD : A_NORMAL);
	int x = 2 + lw + 1;
	int vw = p->value_w > 0 ? p->value_w : COLS - x - 1;
	if (vw > COLS - x - 1)
		vw = COLS - x - 1;
	if (r->edit.max_width > 0 && r->edit.max_width + 1 < vw)
		vw = r->edit.max_width + 1;
	int cx;
	tui_line_draw(&r->edit, y, x, vw, tui_attr(t, focus ? ROLE_FOCUS : ROLE_FIELD), &cx);
	if (focus) {
		t->cur_y = y;
		t->cur_x = cx;
	}
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
