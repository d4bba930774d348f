/* Service catalogue (F2): the station's most used items first, numbered (a
 * digit opens one), then the forms grouped by business line; typing filters,
 * arrows and Enter choose. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* A row of the list: a group heading or a form. */
typedef struct cat_row {
	const char *line;    /* heading: the business line */
	const yz_form *form; /* NULL for a heading */
	int digit;           /* 1-9 for the most used items (the key that opens it), else 0 */
} cat_row;

/* How many most used items are numbered: one digit each. */
enum { CAT_TOP = 9 };

typedef struct catalogue {
	yz_line query; /* what the clerk typed */
	cat_row *rows; /* headings and matching forms, grouped */
	size_t n_rows;
	size_t n_forms;              /* forms among the rows */
	yz_listview lv;              /* the rows; the selection moves over the forms */
	const yz_form *top[CAT_TOP]; /* the station's most used items (service habits) */
	size_t n_top;
} catalogue;

/* Forms stand in under their business line's heading. */
static const yz_column columns[] = {
    {"", COL_FLEX, 20, 3, false},
    {"", COL_FIT, 12, 0, false},
    {"", COL_FLEX, 10, 2, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	const cat_row *r = &((catalogue *)ctx)->rows[row];
	if (r->form && r->digit && col == 0) {
		tui_fmt(buf, n, "%d  %s", r->digit, r->form->title);
		return buf;
	}
	const char *s = !r->form   ? (r->line[0] ? r->line : _("Other"))
	                : col == 0 ? r->form->title
	                : col == 1 ? r->form->kind
	                           : r->form->authority;
	return s ? s : "";
}

static bool heading(void *ctx, size_t row)
{
	return !((catalogue *)ctx)->rows[row].form;
}

/* The line's place in the station's order (yz_form_business_lines); lines not
 * named there come last, in the order the forms come. */
static size_t n_lines(const yz_catalogue *cat)
{
	size_t n = 0;
	for (const char *const *l = yz_form_business_lines(cat); l && l[n];)
		n++;
	return n;
}

static size_t line_rank(const yz_catalogue *cat, const char *line)
{
	const char *const *order = yz_form_business_lines(cat);
	size_t n = n_lines(cat);
	for (size_t i = 0; i < n; i++)
		if (line && strcmp(line, order[i]) == 0)
			return i;
	return n;
}

static void add_row(catalogue *c, const char *line, const yz_form *f)
{
	c->rows[c->n_rows].line = line;
	c->rows[c->n_rows].form = f;
	c->rows[c->n_rows].digit = 0;
	if (f)
		c->n_forms++;
	c->n_rows++;
}

/* Add the matching forms of one rank (for the last rank, lines in the order the
 * forms come), each line under its heading. */
static void add_rank(catalogue *c, const yz_catalogue *cat, const size_t *m, size_t nm, size_t rank)
{
	for (size_t i = 0; i < nm; i++) {
		const yz_form *f = cat->forms[m[i]];
		if (line_rank(cat, f->line) != rank)
			continue;
		bool seen = false;
		for (size_t r = 0; r < c->n_rows && !seen; r++)
			seen = !c->rows[r].form && !strcmp(c->rows[r].line, f->line ? f->line : "");
		if (seen)
			continue;
		add_row(c, f->line ? f->line : "", NULL);
		for (size_t j = i; j < nm; j++) {
			const yz_form *g = cat->forms[m[j]];
			if (!strcmp(g->line ? g->line : "", f->line ? f->line : ""))
				add_row(c, g->line, g);
		}
	}
}

static void rebuild(yz_tui *t, catalogue *c)
{
	const yz_catalogue *cat = t->s->cat;
	size_t n = cat ? cat->n_forms : 0;
	size_t *m = calloc(n + 1, sizeof *m);
	free(c->rows);
	c->rows = calloc(2 * n + 2 + CAT_TOP, sizeof *c->rows);
	c->n_rows = c->n_forms = 0;
	listview_set_rows(&c->lv, 0);
	if (!m || !c->rows) {
		free(m);
		return;
	}
	size_t nm = n ? yz_catalogue_search(cat, yz_line_text(&c->query), m, n) : 0;
	if (nm > n)
		nm = n;
	/* Before any search, the most used items under their own heading. */
	if (c->n_top && c->query.len == 0) {
		add_row(c, _("Most used here (press the digit)"), NULL);
		for (size_t i = 0; i < c->n_top; i++) {
			add_row(c, c->top[i]->line, c->top[i]);
			c->rows[c->n_rows - 1].digit = (int)i + 1;
		}
	}
	size_t ranks = n_lines(cat);
	for (size_t r = 0; r <= ranks; r++)
		add_rank(c, cat, m, nm, r);
	free(m);
	c->lv.list.sel = c->lv.list.top = 0; /* the first match */
	listview_set_rows(&c->lv, c->n_rows);
}

static void cat_draw(yz_tui *t, yz_screen *sc)
{
	catalogue *c = sc->data;
	tui_title(t, _("New service: choose the item"));
	int x = 1 + tui_put(2, 1, _("Search: "), 20, A_BOLD);
	int cx;
	tui_line_draw(&c->query, 2, x, 30, tui_attr(t, ROLE_FIELD), &cx);
	t->cur_y = 2;
	t->cur_x = cx;
	if (c->n_forms == 0) {
		tui_put(4, 3, _("No service item matches. Backspace to widen the search."),
		        COLS - 4, tui_attr(t, ROLE_DIM));
		return;
	}
	/* Headings stay above their forms as the list scrolls (the widget's). */
	listview_draw(t, &c->lv, 4, 1, COLS - 2, LINES - 2 - 4, false);
	listview_draw_markers(t, &c->lv, 3, 1, COLS - 2);
}

static bool cat_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	catalogue *c = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		if (c->query.len > 0) {
			yz_line_set(&c->query, "");
			rebuild(t, c);
		} else {
			tui_pop(t);
		}
		return true;
	}
	if (key_enter(k)) {
		size_t row;
		if (!listview_selected(&c->lv, &row))
			return false;
		const yz_form *f = c->rows[row].form;
		tui_pop(t);
		screen_intake_push(t, f);
		return true;
	}
	/* A digit opens a most used item (shown only while nothing is typed). */
	if (c->query.len == 0 && !k.is_code && k.ch >= '1' && k.ch <= '9' &&
	    (size_t)(k.ch - '1') < c->n_top) {
		const yz_form *f = c->top[k.ch - '1'];
		tui_pop(t);
		screen_intake_push(t, f);
		return true;
	}
	if (listview_key(&c->lv, k))
		return true;
	yz_line_result r;
	if (!tui_line_key(t, &c->query, k, &r))
		return false;
	if (r == YZ_LINE_CHANGED)
		rebuild(t, c);
	return true;
}

static void cat_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	catalogue *c = sc->data;
	yz_line_free(&c->query);
	free(c->rows);
	listview_free(&c->lv);
	free(c);
}

static size_t cat_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	catalogue *c = sc->data;
	yz_keyhint k[] = {{"1-9", N_("Most used item")},
	                  {"Enter", N_("Choose")},
	                  {"Up/Down", N_("Move")},
	                  {"Esc", N_("Back")}};
	size_t skip = c->n_top && c->query.len == 0 ? 0 : 1;
	return tui_put_keys(out, max, k + skip, sizeof k / sizeof k[0] - skip);
}

static const yz_screen_ops cat_ops = {
    .name = "catalogue",
    .draw = cat_draw,
    .key = cat_key,
    .leave = cat_leave,
    .keys = cat_keys,
};

void screen_catalogue_push(yz_tui *t)
{
	catalogue *c = calloc(1, sizeof *c);
	if (!c)
		return;
	listview_init(&c->lv, columns, sizeof columns / sizeof columns[0], cell, c);
	c->lv.heading = heading;
	c->lv.indent = 3;
	yz_line_init(&c->query, 30, false);
	/* Without its habits (a new station, a database error) the catalogue is
	 * simply not numbered. */
	if (yz_service_top_forms(t->s, c->top, CAT_TOP, &c->n_top, NULL) < 0)
		c->n_top = 0;
	rebuild(t, c);
	tui_push(t, &cat_ops, c);
}
