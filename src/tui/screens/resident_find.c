/* Find a resident by whatever they say first: the ID number or its last digits,
 * the name or its first characters, the pinyin initials of the name ("zs",
 * "zhs"), the phone number or its last digits, the flat ("13-1-1504"). The
 * registry ranks the hits (exact matches first) and the list says how each one
 * matched. Used by F3 (Enter shows the person and their household) and by every
 * resident field of intake (Enter hands the person back; the last 4 to 6
 * characters of an ID number that can only mean one person hand them back as
 * they are typed, without Enter). */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { FIND_MAX = 200 };

typedef struct finder {
	char title[128];             /* screen title */
	yz_pick_fn on_pick;          /* NULL: show the person */
	void *ctx;                   /* for on_pick */
	yz_line query;               /* what the clerk typed */
	yz_search_hit res[FIND_MAX]; /* results, best first */
	size_t n;                    /* hits in res */
	yz_listview lv;              /* the list of res */
	char missed[128];            /* the query that found nobody ("" = none such) */
} finder;

static void search(yz_tui *t, finder *f)
{
	char *q = strdup(yz_line_text(&f->query));
	f->n = f->lv.list.sel = f->lv.list.top = 0;
	listview_set_rows(&f->lv, 0);
	f->missed[0] = '\0';
	if (!q)
		return;
	const char *tq = yz_text_trim(q);
	tui_msg_clear(t);
	if (*tq) {
		yz_err err = {{0}};
		size_t n = 0;
		if (yz_service_resident_search_ids(t->s, tq, f->res, FIND_MAX, &n, &err) != 0)
			tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		else
			listview_set_rows(&f->lv, f->n = n);
		/* Said where the list would be, so the clerk cannot miss it. */
		if (f->n == 0 && err.code == YZ_ERR_NONE)
			tui_fmt(f->missed, sizeof f->missed, "%s", tq);
	}
	free(q);
}

/* Nobody matched: say so in the list area, with what to do next. */
static void draw_missed(yz_tui *t, const finder *f)
{
	char buf[256];
	tui_fmt(buf, sizeof buf, _("Nobody found for \"%s\". Press F5 to register a new resident."),
	        f->missed);
	tui_put(6, 4, buf, COLS - 6, tui_attr(t, ROLE_ERROR));
	tui_put(8, 4, _("Type the 18-digit ID number, its last 4 to 6 characters, or the name"),
	        COLS - 6, A_NORMAL);
	tui_put(9, 4, _("(the first characters of a name are enough)."), COLS - 6, A_NORMAL);
	tui_put(10, 4,
	        _("Pinyin initials (zs, zhs), a phone number or a flat (13-1-1504) work too."),
	        COLS - 6, A_NORMAL);
}

/* How a hit matched, in a word for the list. */
static const char *how_name(yz_match m)
{
	switch (m) {
	case YZ_MATCH_IDNO:
		return _("ID number");
	case YZ_MATCH_NAME:
		return _("name");
	case YZ_MATCH_PINYIN:
		return _("pinyin");
	case YZ_MATCH_PHONE:
		return _("phone");
	case YZ_MATCH_ADDRESS:
		return _("flat");
	case YZ_MATCH_IDNO_SUFFIX:
		return _("ID end");
	case YZ_MATCH_NAME_PREFIX:
		return _("name start");
	case YZ_MATCH_PINYIN_PREFIX:
		return _("pinyin start");
	case YZ_MATCH_PHONE_SUFFIX:
		return _("phone end");
	case YZ_MATCH_ADDRESS_PREFIX:
		return _("building");
	}
	return "";
}

static const yz_column columns[] = {
    {N_("Name"), COL_FIT, 16, 0, false},     {N_("ID number"), COL_FIT, 20, 0, false},
    {N_("Sex"), COL_FIT, 4, 0, false},       {N_("Matched"), COL_FIT, 12, 0, false},
    {N_("Address"), COL_FLEX, 10, 1, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
	const yz_search_hit *hit = &((finder *)ctx)->res[row];
	if (!hit->filled && col != 3)
		return ""; /* not read yet: a row below the list's end */
	switch (col) {
	case 0:
		return hit->r.name;
	case 1:
		return hit->masked_idno;
	case 2:
		return hit->r.female ? _("F") : _("M");
	case 3:
		return how_name(hit->how);
	default:
		return hit->r.address;
	}
}

/* How an exact hit matched, in bold. */
static attr_t cell_attr(const yz_tui *t, void *ctx, size_t row, size_t col, bool sel)
{
	(void)t, (void)sel;
	return col == 3 && ((finder *)ctx)->res[row].exact ? A_BOLD : 0;
}

/* Issue 20: the hits are read as the list shows them (the search found
 * their ids): rows [0, count). */
static void fill(yz_tui *t, finder *f, size_t count)
{
	yz_err err = {{0}};
	if (yz_service_resident_search_fill(t->s, f->res, count < f->n ? count : f->n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
}

static void find_draw(yz_tui *t, yz_screen *sc)
{
	finder *f = sc->data;
	/* every row the list can show: it scrolls to the selection */
	size_t top = f->lv.list.top > f->lv.list.sel ? f->lv.list.top : f->lv.list.sel;
	fill(t, f, top + (size_t)(LINES > 6 ? LINES - 6 : 1));
	tui_title(t, f->title);
	int x = 1 + tui_put(2, 1, _("ID number, name, initials, phone or flat: "), 46, A_BOLD);
	int cx;
	tui_line_draw(&f->query, 2, x, 24, tui_attr(t, ROLE_FIELD), &cx);
	t->cur_y = 2;
	t->cur_x = cx;
	listview_draw(t, &f->lv, 4, 1, COLS - 2, LINES - 2 - 4, true);
	if (f->missed[0])
		draw_missed(t, f);
}

static void picked(yz_tui *t, finder *f)
{
	size_t row = 0;
	listview_selected(&f->lv, &row);
	fill(t, f, row + 1);
	if (!f->res[row].filled)
		return; /* gone meanwhile, or the store failed: said on the message line */
	yz_resident r = f->res[row].r;
	if (!f->on_pick) {
		screen_resident_view_push(t, &r);
		return;
	}
	yz_pick_fn fn = f->on_pick;
	void *ctx = f->ctx;
	tui_pop(t); /* frees f */
	fn(t, ctx, &r);
}

/* A new resident typed in F5 comes back here and is picked at once. */
static void added(yz_tui *t, void *ctx, const yz_resident *r)
{
	finder *f = ctx;
	memset(&f->res[0], 0, sizeof f->res[0]);
	f->res[0].r = *r;
	f->res[0].filled = true;
	f->n = 1;
	listview_set_rows(&f->lv, 1);
	f->lv.list.sel = 0;
	yz_line_set(&f->query, r->idno);
	picked(t, f);
}

/* Picking for a form, the end of an ID number typed so far names one person
 * for sure (the service's rule): no Enter needed. */
static bool sure(yz_tui *t, finder *f)
{
	yz_err err = {{0}};
	char *q = f->on_pick && f->n == 1 ? strdup(yz_line_text(&f->query)) : NULL;
	int rc = q ? yz_service_resident_sure(t->s, yz_text_trim(q), f->res, f->n, &err) : 0;

	if (rc < 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	free(q);
	return rc == 1;
}

static bool find_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	finder *f = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_enter(k)) {
		if (f->n == 0)
			return false;
		picked(t, f);
		return true;
	}
	if (key_code(k, KEY_F(5))) {
		screen_resident_new_push(t, added, f, f->missed);
		return true;
	}
	if (listview_key(&f->lv, k))
		return true;
	yz_line_result r;
	if (!tui_line_key(t, &f->query, k, &r))
		return false;
	if (r == YZ_LINE_CHANGED) {
		search(t, f);
		if (sure(t, f))
			picked(t, f);
	}
	return true;
}

static void find_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	finder *f = sc->data;
	yz_line_free(&f->query);
	listview_free(&f->lv);
	free(f);
}

static size_t find_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	finder *f = sc->data;
	yz_keyhint k[] = {{"Enter", f->on_pick ? N_("Choose") : N_("Show")},
	                  {"F5", N_("New resident")},
	                  {"Esc", N_("Back")}};
	size_t n = sizeof k / sizeof k[0];
	return tui_put_keys(out, max, k, n);
}

/* Issue 15: the search takes a name in pinyin too (a rare character). */
static tui_field_kind find_field(yz_tui *t, yz_screen *sc, tui_focus *at)
{
	(void)t;
	finder *f = sc->data;
	*at = (tui_focus){&f->query, yz_line_text(&f->query), f->query.cursor};
	return TUI_FIELD_NAME;
}

static const yz_screen_ops find_ops = {
    .name = "resident_find",
    .draw = find_draw,
    .key = find_key,
    .leave = find_leave,
    .keys = find_keys,
    .field = find_field,
};

void screen_resident_find_push(yz_tui *t, yz_pick_fn on_pick, void *ctx, const char *title)
{
	screen_resident_find_query(t, on_pick, ctx, title, "");
}

void screen_resident_find_query(yz_tui *t, yz_pick_fn on_pick, void *ctx, const char *title,
                                const char *query)
{
	finder *f = calloc(1, sizeof *f);
	if (!f)
		return;
	tui_fmt(f->title, sizeof f->title, "%s", title);
	f->on_pick = on_pick;
	f->ctx = ctx;
	listview_init(&f->lv, columns, sizeof columns / sizeof columns[0], cell, f);
	f->lv.attr = cell_attr;
	yz_line_init(&f->query, 24, false);
	tui_push(t, &find_ops, f);
	if (query && *query) {
		yz_line_set(&f->query, query);
		search(t, f);
	}
}
