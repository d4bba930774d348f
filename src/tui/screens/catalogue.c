/* Service catalogue (F2): the forms grouped by business line; typing filters,
 * arrows and Enter choose. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* A row of the list: a group heading or a form. */
typedef struct cat_row {
	const char *line;    /* heading: the business line */
	const yz_form *form; /* NULL for a heading */
} cat_row;

typedef struct catalogue {
	yz_edit query; /* what the clerk typed */
	cat_row *rows; /* headings and matching forms, grouped */
	size_t n_rows;
	size_t *pick;    /* indexes into rows of the forms (what the selection moves over) */
	yz_list list;    /* selection over pick */
	size_t disp_top; /* first display row shown (headings count) */
} catalogue;

/* The line's place in the station's order (yz_form_business_lines); lines not
 * named there come last, in the order the forms come. */
static size_t n_lines(void)
{
	size_t n = 0;
	for (const char *const *l = yz_form_business_lines(); l && l[n];)
		n++;
	return n;
}

static size_t line_rank(const char *line)
{
	const char *const *order = yz_form_business_lines();
	size_t n = n_lines();
	for (size_t i = 0; i < n; i++)
		if (line && strcmp(line, order[i]) == 0)
			return i;
	return n;
}

static void add_row(catalogue *c, const char *line, const yz_form *f)
{
	c->rows[c->n_rows].line = line;
	c->rows[c->n_rows].form = f;
	if (f)
		c->pick[c->list.n++] = c->n_rows;
	c->n_rows++;
}

/* Add the matching forms of one rank (for the last rank, lines in the order the
 * forms come), each line under its heading. */
static void add_rank(catalogue *c, const yz_catalogue *cat, const size_t *m, size_t nm, size_t rank)
{
	for (size_t i = 0; i < nm; i++) {
		const yz_form *f = cat->forms[m[i]];
		if (line_rank(f->line) != rank)
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
	free(c->pick);
	c->rows = calloc(2 * n + 1, sizeof *c->rows);
	c->pick = calloc(n + 1, sizeof *c->pick);
	c->n_rows = c->list.n = 0;
	if (!m || !c->rows || !c->pick) {
		free(m);
		return;
	}
	size_t nm = n ? yz_catalogue_search(cat, c->query.buf, m, n) : 0;
	if (nm > n)
		nm = n;
	size_t ranks = n_lines();
	for (size_t r = 0; r <= ranks; r++)
		add_rank(c, cat, m, nm, r);
	free(m);
	c->list.sel = c->list.top = 0;
	c->disp_top = 0;
}

static int list_height(void)
{
	return LINES - 2 - 4;
}

static void cat_draw(yz_tui *t, yz_screen *sc)
{
	catalogue *c = sc->data;
	tui_title(t, _("New service: choose the item"));
	int x = 1 + tui_put(2, 1, _("Search: "), 20, A_BOLD);
	int cx;
	edit_draw(&c->query, 2, x, 30, tui_attr(t, ROLE_FIELD), &cx);
	t->cur_y = 2;
	t->cur_x = cx;
	if (c->list.n == 0) {
		tui_put(4, 3, _("No service item matches. Backspace to widen the search."),
		        COLS - 4, tui_attr(t, ROLE_DIM));
		return;
	}
	/* Scroll over display rows so that headings stay above their forms. */
	int h = list_height();
	size_t sel_row = c->pick[c->list.sel];
	size_t top = c->disp_top < c->n_rows ? c->disp_top : 0;
	if (sel_row < top)
		top = sel_row > 0 && !c->rows[sel_row - 1].form ? sel_row - 1 : sel_row;
	if (sel_row >= top + (size_t)h)
		top = sel_row - (size_t)h + 1;
	c->disp_top = top;
	for (int i = 0; i < h && top + (size_t)i < c->n_rows; i++) {
		const cat_row *r = &c->rows[top + (size_t)i];
		int y = 4 + i;
		if (!r->form) {
			tui_put(y, 2, r->line[0] ? r->line : _("Other"), 40,
			        tui_attr(t, ROLE_HEADER));
			continue;
		}
		attr_t a = top + (size_t)i == sel_row ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		tui_put_pad(y, 4, "", COLS - 8, a);
		tui_put(y, 5, r->form->title, 36, a);
		tui_put(y, 44, r->form->kind ? r->form->kind : "", 12, a);
		tui_put(y, 58, r->form->authority ? r->form->authority : "", COLS - 62, a);
	}
}

static bool cat_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	catalogue *c = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		if (c->query.len > 0) {
			edit_set(&c->query, "");
			rebuild(t, c);
		} else {
			tui_pop(t);
		}
		return true;
	}
	if (key_enter(k)) {
		if (c->list.n == 0)
			return false;
		const yz_form *f = c->rows[c->pick[c->list.sel]].form;
		tui_pop(t);
		screen_intake_push(t, f);
		return true;
	}
	if (list_key(&c->list, k, list_height()))
		return true;
	yz_edit_result r = edit_key(&c->query, k);
	if (r == EDIT_CHANGED)
		rebuild(t, c);
	return r != EDIT_IGNORED;
}

static void cat_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	catalogue *c = sc->data;
	edit_free(&c->query);
	free(c->rows);
	free(c->pick);
	free(c);
}

static size_t cat_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"Enter", N_("Choose")}, {"Up/Down", N_("Move")}, {"Esc", N_("Back")}};
	size_t n = sizeof k / sizeof k[0];
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
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
	edit_init(&c->query, 30, false);
	rebuild(t, c);
	tui_push(t, &cat_ops, c);
}
