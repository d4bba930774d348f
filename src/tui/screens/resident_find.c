/* Find a resident by whatever they say first: the ID number or its last digits,
 * the name or its first characters, the pinyin initials of the name ("zs",
 * "zhs"), the phone number or its last digits, the flat ("13-1-1504"). The
 * registry ranks the hits (exact matches first) and the list says how each one
 * matched. Used by F3 (Enter shows the person and their household) and by every
 * resident field of intake (Enter hands the person back). */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { FIND_MAX = 200 };

typedef struct finder {
	char title[128];             /* screen title */
	yz_pick_fn on_pick;          /* NULL: show the person */
	void *ctx;                   /* for on_pick */
	yz_edit query;               /* what the clerk typed */
	yz_search_hit res[FIND_MAX]; /* results, best first */
	yz_list list;                /* selection over res */
	char missed[128];            /* the query that found nobody ("" = none such) */
} finder;

static void search(yz_tui *t, finder *f)
{
	char *q = strdup(f->query.buf);
	f->list.n = f->list.sel = f->list.top = 0;
	f->missed[0] = '\0';
	if (!q)
		return;
	const char *tq = yz_text_trim(q);
	tui_msg_clear(t);
	if (*tq) {
		yz_err err = {{0}};
		size_t n = 0;
		if (yz_registry_search(t->s->store, tq, f->res, FIND_MAX, &n, &err) != 0)
			tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		else
			f->list.n = n;
		/* Said where the list would be, so the clerk cannot miss it. */
		if (f->list.n == 0 && !err.msg[0])
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

static int list_height(void)
{
	return LINES - 2 - 5;
}

static void find_draw(yz_tui *t, yz_screen *sc)
{
	finder *f = sc->data;
	tui_title(t, f->title);
	int x = 1 + tui_put(2, 1, _("ID number, name, initials, phone or flat: "), 46, A_BOLD);
	int cx;
	edit_draw(&f->query, 2, x, 24, tui_attr(t, ROLE_FIELD), &cx);
	t->cur_y = 2;
	t->cur_x = cx;
	attr_t h = tui_attr(t, ROLE_HEADER);
	tui_put(4, 2, _("Name"), 16, h);
	tui_put(4, 18, _("ID number"), 20, h);
	tui_put(4, 39, _("Sex"), 4, h);
	tui_put(4, 44, _("Matched"), 10, h);
	tui_put(4, 55, _("Address"), COLS - 57, h);
	if (f->missed[0])
		draw_missed(t, f);
	int lh = list_height();
	list_scroll(&f->list, lh);
	for (int i = 0; i < lh && f->list.top + (size_t)i < f->list.n; i++) {
		size_t k = f->list.top + (size_t)i;
		const yz_search_hit *hit = &f->res[k];
		const yz_resident *r = &hit->r;
		attr_t a = k == f->list.sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		int y = 5 + i;
		tui_put_pad(y, 1, "", COLS - 2, a);
		tui_put(y, 2, r->name, 15, a);
		tui_put(y, 18, hit->masked_idno, 20, a);
		tui_put(y, 39, r->female ? _("F") : _("M"), 4, a);
		tui_put(y, 44, how_name(hit->how), 10, hit->exact ? a | A_BOLD : a);
		tui_put(y, 55, r->address, COLS - 57, a);
	}
}

static void picked(yz_tui *t, finder *f)
{
	yz_resident r = f->res[f->list.sel].r;
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
	f->list.n = 1;
	f->list.sel = 0;
	edit_set(&f->query, r->idno);
	picked(t, f);
}

static bool find_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	finder *f = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_enter(k)) {
		if (f->list.n == 0)
			return false;
		picked(t, f);
		return true;
	}
	if (key_code(k, KEY_F(5))) {
		screen_resident_new_push(t, added, f, f->missed);
		return true;
	}
	if (list_key(&f->list, k, list_height()))
		return true;
	yz_edit_result r = edit_key(&f->query, k);
	if (r == EDIT_CHANGED)
		search(t, f);
	return r != EDIT_IGNORED;
}

static void find_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	finder *f = sc->data;
	edit_free(&f->query);
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
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
}

static const yz_screen_ops find_ops = {
    .name = "resident_find",
    .draw = find_draw,
    .key = find_key,
    .leave = find_leave,
    .keys = find_keys,
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
	edit_init(&f->query, 24, false);
	tui_push(t, &find_ops, f);
	if (query && *query) {
		edit_set(&f->query, query);
		search(t, f);
	}
}
