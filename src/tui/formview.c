/* The form view: one page of a form drawn from the intake engine. The page is
 * laid out as a list of lines (a field, a memo box, a table's title, header and
 * rows, the screen's extra lines), scrolled so that the focused cell shows. The
 * focused cell is drawn from the engine's view (horizontal scroll by display
 * width, never half a character); the others from the values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

/* A memo box's rows: more while the clerk types in it. */
enum { MEMO_LINES = 3, MEMO_LINES_FOCUS = 6, TABLE_NUM_W = 3 };

typedef enum fv_kind {
	L_FIELD,       /* a field's line (memo: its first line) */
	L_MEMO,        /* a further line of a memo box */
	L_TABLE_TITLE, /* a table's label and row count */
	L_TABLE_HEAD,  /* a table's column headers */
	L_TABLE_ROW,   /* a table row; sub is the row (1-based) */
	L_TABLE_EMPTY, /* a table without rows */
	L_EXTRA,       /* the screen's line sub */
} fv_kind;

typedef struct fv_line {
	fv_kind kind; /* what the line shows */
	size_t field; /* the field it belongs to */
	int sub;      /* memo line, table row or extra index */
} fv_line;

typedef struct fv_layout {
	fv_line *v;  /* the lines of the page */
	size_t n;    /* how many */
	size_t cap;  /* allocated */
	int label_w; /* columns of the labels */
} fv_layout;

static void add_line(fv_layout *l, fv_kind kind, size_t field, int sub)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		fv_line *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (fv_line){kind, field, sub};
}

static bool on_last_page(const yz_engine *e)
{
	const yz_form *f = yz_engine_form(e);
	return f->n_pages == 0 || yz_engine_page(e) + 1 >= f->n_pages;
}

/* Rows of memo field i's box. */
static int memo_rows(const yz_formview *fv, size_t i)
{
	return fv->cell_focus && yz_engine_field_index(fv->eng) == i && yz_engine_row(fv->eng) == 0
	           ? MEMO_LINES_FOCUS
	           : MEMO_LINES;
}

/* The lines of the current page, with the width of its labels. */
static void layout(yz_formview *fv, size_t n_extra, fv_layout *l)
{
	const yz_form *f = yz_engine_form(fv->eng);
	const yz_values *v = yz_engine_values(fv->eng);
	size_t first = 0, count = f->n_fields;
	int lw = 10;

	if (f->n_pages > 0) {
		first = f->pages[yz_engine_page(fv->eng)].first;
		count = f->pages[yz_engine_page(fv->eng)].n_fields;
	}
	for (size_t i = first; i < first + count; i++) {
		const yz_field_def *d = &f->fields[i];
		if (!yz_engine_field_visible(fv->eng, i))
			continue;
		if (d->type == YZ_FIELD_TABLE) {
			int rows = yz_table_rows(v, d->id);
			add_line(l, L_TABLE_TITLE, i, 0);
			add_line(l, L_TABLE_HEAD, i, 0);
			for (int r = 1; r <= rows; r++)
				add_line(l, L_TABLE_ROW, i, r);
			if (rows == 0)
				add_line(l, L_TABLE_EMPTY, i, 0);
			continue;
		}
		int w = yz_text_width(d->label) + 1;
		lw = w > lw ? w : lw;
		add_line(l, L_FIELD, i, 0);
		for (int k = 1; d->type == YZ_FIELD_MEMO && k < memo_rows(fv, i); k++)
			add_line(l, L_MEMO, i, k);
	}
	for (size_t i = 0; on_last_page(fv->eng) && i < n_extra; i++)
		add_line(l, L_EXTRA, 0, (int)i);
	l->label_w = lw > 24 ? 24 : lw;
}

/* ---- widths -------------------------------------------------------------- */

static int widest_option(const yz_field_def *d)
{
	int w = 4;
	for (size_t i = 0; i < d->n_options; i++) {
		int ow = yz_text_width(d->options[i]);
		w = ow > w ? ow : w;
	}
	return w;
}

/* Columns of a cell's box (the text plus one for the cursor at its end). */
static int box_width(const yz_field_def *d)
{
	switch (d->type) {
	case YZ_FIELD_IDCARD:
		return 19;
	case YZ_FIELD_RESIDENT:
		return 40;
	case YZ_FIELD_PHONE:
		return 16;
	case YZ_FIELD_DATE:
		return 11;
	case YZ_FIELD_MONEY:
	case YZ_FIELD_INTEGER:
		return 12;
	case YZ_FIELD_CHOICE:
		return widest_option(d) + 1 > 8 ? widest_option(d) + 1 : 8;
	case YZ_FIELD_YESNO:
		return 5;
	case YZ_FIELD_COMPUTED:
		return 16;
	case YZ_FIELD_ADDRESS:
		return (d->width > 0 ? d->width : 80) + 1;
	case YZ_FIELD_NAME:
		return (d->width > 0 ? d->width : 20) + 1;
	default:
		return (d->width > 0 ? d->width : 60) + 1;
	}
}

/* A table column's width: narrower than a field's box. */
static int column_width(const yz_field_def *c)
{
	int w;

	switch (c->type) {
	case YZ_FIELD_NAME:
		w = 11;
		break;
	case YZ_FIELD_TEXT:
	case YZ_FIELD_ADDRESS:
		w = c->width > 0 && c->width < 16 ? c->width + 1 : 17;
		break;
	case YZ_FIELD_CHOICE:
		w = widest_option(c) + 1;
		break;
	case YZ_FIELD_MONEY:
		w = 10;
		break;
	case YZ_FIELD_INTEGER:
		w = 7;
		break;
	default:
		w = box_width(c);
	}
	int lw = yz_text_width(c->label) + (c->required ? 1 : 0);
	return lw > w ? lw : w;
}

/* Column widths of a table, shrunk (widest first) until they fit avail. */
static void table_widths(const yz_field_def *t, int *w, int avail)
{
	int total = 0;

	for (size_t c = 0; c < t->n_columns; c++)
		total += (w[c] = column_width(&t->columns[c])) + 1;
	while (total > avail) {
		size_t widest = 0;
		for (size_t c = 1; c < t->n_columns; c++)
			if (w[c] > w[widest])
				widest = c;
		if (w[widest] <= 4)
			break;
		w[widest]--;
		total--;
	}
}

/* ---- values as a clerk sees them ------------------------------------------- */

static void resident_text(yz_formview *fv, const char *idno, char *buf, size_t n)
{
	yz_resident r;

	if (!idno || !*idno) {
		snprintf(buf, n, "%s", _("(press Enter to search the registry)"));
		return;
	}
	if (strcmp(fv->res_idno, idno) != 0) {
		snprintf(fv->res_idno, sizeof fv->res_idno, "%s", idno);
		fv->res_name[0] = '\0';
		if (fv->s && yz_service_resident_by_idno(fv->s, idno, &r, NULL) == 0) {
			char masked[19];
			yz_idcard_mask(r.idno, masked);
			snprintf(fv->res_name, sizeof fv->res_name, "%s  %s", r.name, masked);
		}
	}
	snprintf(buf, n, "%s", fv->res_name[0] ? fv->res_name : idno);
}

void formview_value_text(yz_formview *fv, const yz_field_def *f, const char *v, char *buf, size_t n)
{
	v = v ? v : "";
	if (f->type == YZ_FIELD_RESIDENT)
		resident_text(fv, v, buf, n);
	else if (f->type == YZ_FIELD_YESNO)
		snprintf(buf, n, "%s",
		         !strcmp(v, "yes")  ? _("yes")
		         : !strcmp(v, "no") ? _("no")
		                            : v);
	else
		snprintf(buf, n, "%s", v);
}

/* ---- cells -------------------------------------------------------------------- */

/* The focused cell's text from the engine's view, cursor placed. */
static void draw_edit(yz_tui *t, yz_formview *fv, int y, int x, int w)
{
	yz_engine_view vw;
	char buf[1024];

	yz_engine_view_of(fv->eng, w, &vw);
	size_t b = vw.bytes < sizeof buf - 1 ? vw.bytes : sizeof buf - 1;
	memcpy(buf, yz_engine_text(fv->eng) + vw.start, b);
	buf[b] = '\0';
	tui_put_pad(y, x, buf, w, tui_attr(t, ROLE_FOCUS));
	t->cur_y = y;
	t->cur_x = x + vw.cursor_col;
}

/* A multichoice value as "[x]1 option [ ]2 option …". */
static void draw_multi(yz_tui *t, yz_formview *fv, const yz_field_def *d, const char *v, int y,
                       int x, int w, bool focus)
{
	int used = 0;

	if (fv->multi_sel >= d->n_options)
		fv->multi_sel = 0;
	for (size_t i = 0; i < d->n_options && used < w; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, "[%s]%zu %s", multi_has(d, v, i) ? "x" : " ", i + 1,
		         d->options[i]);
		bool hl = focus && i == fv->multi_sel;
		if (hl) {
			t->cur_y = y;
			t->cur_x = x + used + 1;
		}
		used +=
		    tui_put(y, x + used, buf, w - used, hl ? tui_attr(t, ROLE_FOCUS) : A_NORMAL) +
		    1;
	}
}

/* A memo box of h rows, the text wrapped at its width (yz_line_box_of); the
 * focused one is the engine's editor, the cursor's row kept in the box. Beside
 * the box, in the label column: the characters typed and the capacity while it
 * is focused, and how many rows are above and below the box. */
static void draw_memo(yz_tui *t, yz_formview *fv, const char *v, int y, int x, int w, bool focus)
{
	enum { MAX_ROWS = MEMO_LINES_FOCUS };
	int h = focus ? MEMO_LINES_FOCUS : MEMO_LINES;
	yz_line_row row[MAX_ROWS];
	yz_line_box box;
	yz_line shown;
	const char *s;
	attr_t a = tui_attr(t, focus ? ROLE_FOCUS : ROLE_FIELD);
	char mark[64];

	if (focus) {
		yz_engine_box_of(fv->eng, w, h, row, &box);
		s = yz_engine_text(fv->eng);
		t->cur_y = y + box.cursor_row;
		t->cur_x = x + box.cursor_col;
		snprintf(mark, sizeof mark, "%zu/%zu", yz_utf8_chars(s),
		         yz_engine_capacity(fv->eng));
		tui_put(y + 1, 1 + fv->label_w - yz_text_width(mark), mark, fv->label_w,
		        tui_attr(t, ROLE_DIM));
	} else {
		if (!yz_line_init(&shown, 0, false))
			return;
		shown.newlines = true;
		yz_line_set(&shown, v);
		yz_line_box_of(&shown, w, h, false, row, &box);
		s = yz_line_text(&shown);
	}
	for (int k = 0; k < h; k++) {
		char *line = NULL;
		if ((size_t)k < box.shown && (line = malloc(row[k].bytes + 1)) != NULL) {
			memcpy(line, s + row[k].start, row[k].bytes);
			line[row[k].bytes] = '\0';
		}
		tui_put_pad(y + k, x, line ? line : "", w, a);
		free(line);
	}
	size_t below = box.rows - box.top - box.shown;
	if (box.top > 0 || below > 0) {
		int k = box.top > 0 ? snprintf(mark, sizeof mark, "\u2191%zu", box.top) : 0;
		if (below > 0)
			snprintf(mark + k, sizeof mark - (size_t)k, "%s\u2193%zu", k ? " " : "",
			         below);
		tui_put(y + h - 1, 1 + fv->label_w - yz_text_width(mark), mark, fv->label_w,
		        tui_attr(t, ROLE_DIM));
	}
	if (!focus)
		yz_line_free(&shown);
}

/* The value part of a scalar field's line. */
static void draw_value(yz_tui *t, yz_formview *fv, const yz_field_def *d, int y, int x, int w,
                       bool focus)
{
	const char *v = yz_values_get(yz_engine_values(fv->eng), d->id);
	char buf[512];

	if (d->type == YZ_FIELD_MULTICHOICE) {
		draw_multi(t, fv, d, v, y, x, w, focus);
		return;
	}
	if (d->type == YZ_FIELD_MEMO) {
		draw_memo(t, fv, v, y, x, w, focus);
		return;
	}
	if (d->type == YZ_FIELD_COMPUTED) {
		int used = tui_put(y, x, v && *v ? v : "-", w, A_BOLD);
		tui_put(y, x + used + 2, _("(computed)"), COLS - x - used - 3,
		        tui_attr(t, ROLE_DIM));
		return;
	}
	bool edits = focus && d->type != YZ_FIELD_RESIDENT && d->type != YZ_FIELD_YESNO;
	if (edits) {
		draw_edit(t, fv, y, x, w);
	} else {
		formview_value_text(fv, d, v, buf, sizeof buf);
		tui_put_pad(y, x, buf, w, tui_attr(t, focus ? ROLE_FOCUS : ROLE_FIELD));
		if (focus) {
			t->cur_y = y;
			t->cur_x = x;
		}
	}
	/* A default the clerk has not touched is said to be one (it would else be
	 * printed unnoticed): the station's usual answer. */
	const char *u = fv->usual ? yz_values_get(fv->usual, d->id) : NULL;
	if (u && !strcmp(u, focus ? yz_engine_text(fv->eng) : v ? v : "") && x + w + 1 < COLS) {
		tui_put(y, x + w + 1, _("(usual)"), COLS - x - w - 2, tui_attr(t, ROLE_DIM));
		return;
	}
	/* A choice being typed: say which option it will be. */
	if (focus && d->type == YZ_FIELD_CHOICE && *yz_engine_text(fv->eng)) {
		long k = choice_pick(d, yz_engine_text(fv->eng));
		if (k >= 0 && strcmp(d->options[k], yz_engine_text(fv->eng)) != 0) {
			snprintf(buf, sizeof buf, "-> %s", d->options[k]);
			tui_put(y, x + w + 1, buf, COLS - x - w - 2, A_BOLD);
		}
	}
}

/* Columns of a field's value right of labels lw wide (a memo: its box). */
static int value_width(const yz_field_def *d, int lw)
{
	int x = 2 + lw + 1, w = box_width(d);

	return d->type == YZ_FIELD_MULTICHOICE || w > COLS - x - 1 ? COLS - x - 1 : w;
}

static bool cell_focused(const yz_formview *fv, size_t field, int row, size_t col)
{
	return fv->cell_focus && yz_engine_field_index(fv->eng) == field &&
	       yz_engine_row(fv->eng) == row && (row == 0 || yz_engine_col(fv->eng) == col);
}

static void draw_field(yz_tui *t, yz_formview *fv, const fv_layout *l, size_t i, int y)
{
	const yz_field_def *d = &yz_engine_form(fv->eng)->fields[i];
	bool focus = cell_focused(fv, i, 0, 0);
	char label[256];
	const char *mark = d->type == YZ_FIELD_COMPUTED                                    ? "="
	                   : yz_field_required_now(d, yz_engine_values(fv->eng), &fv->env) ? "*"
	                                                                                   : " ";
	snprintf(label, sizeof label, "%s%s", mark, d->label);
	int lw = l->label_w;
	int lx = 1 + lw - yz_text_width(label);
	tui_put(y, lx > 1 ? lx : 1, label, lw, focus ? A_BOLD : A_NORMAL);
	int x = 2 + lw + 1;
	int w = value_width(d, lw);
	draw_value(t, fv, d, y, x, w, focus);
	if (fv->note[0] && fv->note_field == i && x + w + 2 < COLS) {
		char cut[sizeof fv->note + 4]; /* a long note ends with an ellipsis */
		list_cut(fv->note, COLS - x - w - 3, cut, sizeof cut);
		tui_put(y, x + w + 2, cut, COLS - x - w - 3, tui_attr(t, ROLE_DIM));
	}
}

/* ---- tables ----------------------------------------------------------------------- */

static void draw_table_title(yz_tui *t, yz_formview *fv, size_t i, int y)
{
	const yz_field_def *d = &yz_engine_form(fv->eng)->fields[i];
	char buf[256];
	bool req = yz_field_required_now(d, yz_engine_values(fv->eng), &fv->env);
	int used;

	snprintf(buf, sizeof buf, "%s%s", req ? "*" : " ", d->label);
	used = tui_put(y, 1, buf, COLS - 2, tui_attr(t, ROLE_HEADER));
	snprintf(buf, sizeof buf, _("%d rows"), yz_table_rows(yz_engine_values(fv->eng), d->id));
	tui_put(y, 1 + used + 2, buf, COLS - used - 4, tui_attr(t, ROLE_DIM));
}

static void draw_table_head(yz_tui *t, const yz_field_def *d, int y, const int *w)
{
	int x = 1 + TABLE_NUM_W;

	for (size_t c = 0; c < d->n_columns && x < COLS; c++) {
		char buf[160];
		snprintf(buf, sizeof buf, "%s%s", d->columns[c].required ? "*" : "",
		         d->columns[c].label);
		tui_put(y, x, buf, w[c], tui_attr(t, ROLE_HEADER));
		x += w[c] + 1;
	}
}

static void draw_table_row(yz_tui *t, yz_formview *fv, size_t i, int row, int y, const int *w)
{
	const yz_field_def *d = &yz_engine_form(fv->eng)->fields[i];
	int x = 1 + TABLE_NUM_W;
	char buf[256];

	snprintf(buf, sizeof buf, "%2d", row);
	tui_put(y, 1, buf, TABLE_NUM_W, tui_attr(t, ROLE_DIM));
	for (size_t c = 0; c < d->n_columns && x < COLS; c++) {
		const yz_field_def *cd = &d->columns[c];
		if (cell_focused(fv, i, row, c)) {
			draw_edit(t, fv, y, x, w[c]);
		} else {
			const char *v = yz_table_get(yz_engine_values(fv->eng), d->id, row, cd->id);
			formview_value_text(fv, cd, v, buf, sizeof buf);
			tui_put_pad(y, x, buf, w[c], tui_attr(t, ROLE_FIELD));
		}
		x += w[c] + 1;
	}
}

static void draw_table_line(yz_tui *t, yz_formview *fv, const fv_line *ln, int y)
{
	const yz_field_def *d = &yz_engine_form(fv->eng)->fields[ln->field];
	int w[64];

	if (d->n_columns > 64)
		return;
	table_widths(d, w, COLS - 2 - TABLE_NUM_W);
	switch (ln->kind) {
	case L_TABLE_TITLE:
		draw_table_title(t, fv, ln->field, y);
		break;
	case L_TABLE_HEAD:
		draw_table_head(t, d, y, w);
		break;
	case L_TABLE_ROW:
		draw_table_row(t, fv, ln->field, ln->sub, y, w);
		break;
	default: {
		bool focus = cell_focused(fv, ln->field, 0, 0);
		tui_put(y, 1 + TABLE_NUM_W, _("(no rows yet: press F3 to add one)"), COLS - 6,
		        focus ? tui_attr(t, ROLE_FOCUS) : tui_attr(t, ROLE_DIM));
		if (focus) {
			t->cur_y = y;
			t->cur_x = 1 + TABLE_NUM_W;
		}
	}
	}
}

/* ---- the page ---------------------------------------------------------------------- */

/* The first and last line the focus needs to see. */
static void focus_lines(const yz_formview *fv, const fv_layout *l, long extra_focus, int *first,
                        int *last)
{
	size_t field = yz_engine_field_index(fv->eng);
	int row = yz_engine_row(fv->eng);

	*first = *last = 0;
	for (size_t k = 0; k < l->n; k++) {
		const fv_line *ln = &l->v[k];
		bool hit = extra_focus >= 0
		               ? ln->kind == L_EXTRA && ln->sub == extra_focus
		               : ln->field == field && ln->kind != L_EXTRA &&
		                     (ln->kind == L_FIELD || ln->kind == L_TABLE_EMPTY ||
		                      (ln->kind == L_TABLE_ROW && ln->sub == row));
		if (hit) {
			*first = *last = (int)k;
			while (ln->kind == L_FIELD && (size_t)*last + 1 < l->n &&
			       l->v[*last + 1].kind == L_MEMO)
				(*last)++;
			/* Show a table's headers with its first row. */
			if (ln->kind == L_TABLE_ROW && ln->sub == 1 && k >= 2)
				*first = (int)k - 2;
			return;
		}
	}
}

void formview_draw(yz_tui *t, yz_formview *fv, int y0, int y1, size_t n_extra, long extra_focus,
                   formview_extra_fn extra, void *ctx)
{
	fv_layout l = {0};
	int h = y1 - y0, first, last;

	if (h <= 0)
		return;
	fv->cell_focus = extra_focus < 0;
	layout(fv, n_extra, &l);
	fv->label_w = l.label_w;
	focus_lines(fv, &l, extra_focus, &first, &last);
	if (last >= fv->top + h)
		fv->top = last - h + 1;
	if (first < fv->top)
		fv->top = first;
	if (fv->top > (int)l.n - h)
		fv->top = (int)l.n - h > 0 ? (int)l.n - h : 0;
	for (int k = 0; k < h && fv->top + k < (int)l.n; k++) {
		const fv_line *ln = &l.v[fv->top + k];
		int y = y0 + k;
		if (ln->kind == L_FIELD)
			draw_field(t, fv, &l, ln->field, y);
		else if (ln->kind == L_EXTRA)
			extra(t, ctx, (size_t)ln->sub, y, ln->sub == extra_focus);
		else if (ln->kind != L_MEMO)
			draw_table_line(t, fv, ln, y);
	}
	free(l.v);
}

void formview_hint(yz_formview *fv, char *buf, size_t n)
{
	const yz_field_def *d = yz_engine_cell_def(fv->eng);
	bool in_table = yz_engine_row(fv->eng) > 0;

	buf[0] = '\0';
	if (!d)
		return;
	switch (d->type) {
	case YZ_FIELD_CHOICE:
		choice_hint(d, yz_engine_text(fv->eng), buf, n);
		if (!buf[0])
			snprintf(buf, n, "%s",
			         _("No option starts like that: Ctrl-U and type again."));
		return;
	case YZ_FIELD_MULTICHOICE:
		snprintf(buf, n, "%s", _("1-9 or Space tick an option, Left/Right move"));
		return;
	case YZ_FIELD_YESNO:
		snprintf(buf, n, "%s", _("Y yes, N no, Space switches"));
		return;
	case YZ_FIELD_RESIDENT:
		snprintf(buf, n, "%s",
		         _("Type an ID number or a name to search the registry, or press F5"));
		return;
	case YZ_FIELD_TABLE:
		snprintf(buf, n, "%s", _("F3 adds a row"));
		return;
	case YZ_FIELD_MEMO:
		snprintf(buf, n, "%s",
		         _("Enter starts a new line, Up/Down move by line, Tab goes to the next "
		           "field"));
		return;
	case YZ_FIELD_DATE:
		snprintf(buf, n, "%s", _("YYYY-MM-DD"));
		break;
	case YZ_FIELD_MONEY:
		snprintf(buf, n, "%s", _("yuan, such as 1200 or 1200.50"));
		break;
	case YZ_FIELD_IDCARD:
		snprintf(buf, n, "%s", _("18 characters; the cursor moves on when it is full"));
		break;
	default:
		break;
	}
	if (in_table) {
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, "%s%s", l ? "   " : "",
		         _("F3 adds a row, F4 deletes this row, Up/Down change rows"));
	}
}

/* ---- keys ------------------------------------------------------------------------------ */

tui_field_kind formview_field_kind(const yz_field_def *d)
{
	switch (d ? d->type : YZ_FIELD_COMPUTED) {
	case YZ_FIELD_TEXT:
	case YZ_FIELD_MEMO:
		return TUI_FIELD_TEXT;
	case YZ_FIELD_NAME:
		return TUI_FIELD_NAME;
	case YZ_FIELD_ADDRESS:
		return TUI_FIELD_ADDRESS;
	default:
		return TUI_FIELD_NONE;
	}
}

yz_key_result formview_report(yz_tui *t, yz_formview *fv, yz_key_result r)
{
	const char *msg = yz_engine_message(fv->eng);
	switch (r) {
	case YZ_KEY_INVALID:
	case YZ_KEY_BLOCKED:
		tui_msg(t, TUI_MSG_ERROR, "%s", msg);
		break;
	case YZ_KEY_REFUSED:
		if (*msg)
			tui_msg(t, TUI_MSG_INFO, "%s", msg);
		else
			beep();
		break;
	default:
		tui_msg_clear(t);
	}
	return r;
}

yz_key_result formview_run(yz_tui *t, yz_formview *fv, yz_key key, uint32_t cp)
{
	return formview_report(t, fv, yz_engine_key(fv->eng, key, cp));
}

void formview_resolve_choice(yz_formview *fv)
{
	const yz_field_def *d = yz_engine_cell_def(fv->eng);
	const char *typed = yz_engine_text(fv->eng);
	long k;

	if (d && d->type == YZ_FIELD_CHOICE && *typed && (k = choice_pick(d, typed)) >= 0 &&
	    strcmp(d->options[k], typed) != 0)
		yz_engine_set_text(fv->eng, d->options[k]);
}

bool formview_memo_key(yz_tui *t, yz_formview *fv, tui_key k)
{
	const yz_field_def *d = yz_engine_cell_def(fv->eng);
	int dir = key_code(k, KEY_UP) ? -1 : key_code(k, KEY_DOWN) ? 1 : 0;

	if (d == NULL || d->type != YZ_FIELD_MEMO)
		return false;
	if (key_enter(k)) {
		formview_run(t, fv, YZ_KEY_NEWLINE, 0);
		return true;
	}
	if (dir == 0 || fv->label_w <= 0)
		return false;
	/* The first row's Up and the last row's Down leave the memo, as elsewhere. */
	if (yz_engine_vertical(fv->eng, value_width(d, fv->label_w), dir) != YZ_KEY_DONE)
		return false;
	formview_report(t, fv, YZ_KEY_DONE);
	return true;
}

bool formview_edit_key(yz_tui *t, yz_formview *fv, tui_key k)
{
	static const yz_key of_op[] = {
	    [YZ_LINE_LEFT] = YZ_KEY_LEFT,           [YZ_LINE_RIGHT] = YZ_KEY_RIGHT,
	    [YZ_LINE_HOME] = YZ_KEY_HOME,           [YZ_LINE_END] = YZ_KEY_END,
	    [YZ_LINE_BACKSPACE] = YZ_KEY_BACKSPACE, [YZ_LINE_DELETE] = YZ_KEY_DELETE,
	    [YZ_LINE_KILL] = YZ_KEY_KILL_LINE,
	};
	yz_line_op op;

	if (tui_line_op(k, &op))
		formview_run(t, fv, of_op[op], 0);
	else if (key_ch(k, '\n'))
		formview_run(t, fv, YZ_KEY_NEWLINE, 0);
	else if (key_printable(k))
		formview_run(t, fv, YZ_KEY_CHAR, (uint32_t)k.ch);
	else
		return false;
	return true;
}
