/* One resident: every field, their special groups (sensitive ones only for a
 * role allowed to see them), their household with its members and relations,
 * and the history of changes (who, when, old -> new, from which case). F6 edits
 * the person, F7 prints the household sheet, Enter opens the member selected. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { MEMBERS_MAX = 32, TAGS_MAX = 32, HISTORY_MAX = 64 };

typedef struct rview {
	yz_resident r;                    /* the person */
	yz_household h;                   /* their household (h.id 0 = none) */
	yz_place grid;                    /* the household's grid (grid.id 0 = none) */
	yz_resident members[MEMBERS_MAX]; /* the household, head first */
	size_t n_members;
	yz_tag tags[TAGS_MAX]; /* special groups the clerk may see */
	size_t n_tags;
	yz_change hist[HISTORY_MAX]; /* the person's and their tags' changes, newest first */
	size_t n_hist;
	size_t sel; /* the member Enter opens */
	int top;    /* first line of the page shown (scrolling) */
	int lines;  /* lines of the page, from the last draw */
} rview;

/* The history: the newest changes to the person and their groups. */
static void load_history(yz_tui *t, rview *v)
{
	if (yz_service_resident_history(t->s, v->r.id, v->hist, HISTORY_MAX, &v->n_hist, NULL) != 0)
		v->n_hist = 0;
}

static void load(yz_tui *t, rview *v)
{
	yz_err err = {{0}};
	if (v->r.id && yz_service_resident_get(t->s, v->r.id, &v->r, &err) < 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	memset(&v->h, 0, sizeof v->h);
	memset(&v->grid, 0, sizeof v->grid);
	v->n_members = v->n_tags = 0;
	if (v->r.household_id &&
	    yz_service_household_get(t->s, v->r.household_id, &v->h, NULL) != 0)
		memset(&v->h, 0, sizeof v->h);
	if (v->h.id && yz_service_household_members(t->s, v->h.id, v->members, MEMBERS_MAX,
	                                            &v->n_members, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	if (v->h.id && yz_service_household_grid(t->s, &v->h, &v->grid, NULL) != 0)
		memset(&v->grid, 0, sizeof v->grid);
	/* The clerk's role decides which groups show (community correction is the
	 * head's to know). */
	if (v->r.id &&
	    yz_service_resident_tags(t->s, v->r.id, v->tags, TAGS_MAX, &v->n_tags, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	load_history(t, v);
	if (v->sel >= v->n_members)
		v->sel = 0;
}

/* ---- drawing: a page of lines, scrolled ---------------------------------------- */

/* The screen row of page line y, or -1 when it is scrolled out of view. */
static int at(const rview *v, int y)
{
	int row = 2 + y - v->top;
	return row >= 2 && row < LINES - 2 ? row : -1;
}

static void put(const rview *v, int y, int x, const char *s, int w, attr_t a)
{
	int row = at(v, y);
	if (row >= 0 && s)
		tui_put(row, x, s, w, a);
}

/* "label  value" at column x, value in w columns. */
static void kv(const rview *v, int y, int x, const char *k, const char *val, int w)
{
	put(v, y, x, k, 10, A_BOLD);
	put(v, y, x + 11, val, w, A_NORMAL);
}

static int draw_person(yz_tui *t, rview *v, int y)
{
	const yz_resident *r = &v->r;
	char masked[19], buf[128];
	yz_idcard_mask(r->idno, masked);
	int half = COLS / 2;
	kv(v, y, 2, _("Name"), r->name, half - 14);
	kv(v, y++, half, _("ID number"), masked, half - 12);
	yz_date born;
	int age = yz_date_parse(r->birth, &born) ? yz_age_on(born, t->s->today) : -1;
	kv(v, y, 2, _("Sex"), r->female ? _("female") : _("male"), half - 14);
	if (age >= 0)
		tui_fmt(buf, sizeof buf, _("%s (age %d)"), r->birth, age);
	else
		tui_fmt(buf, sizeof buf, "%s", r->birth);
	kv(v, y++, half, _("Born"), buf, half - 12);
	kv(v, y, 2, _("Ethnicity"), r->ethnicity, half - 14);
	kv(v, y++, half, _("Phone number"), r->phone, half - 12);
	kv(v, y, 2, _("Category"), r->category, half - 14);
	kv(v, y++, half, _("Employment"), r->employment, half - 12);
	kv(v, y++, 2, _("Address"), r->address, COLS - 15);
	kv(v, y++, 2, _("Hukou address"), r->hukou_address, COLS - 15);
	if (r->notes[0])
		kv(v, y++, 2, _("Notes"), r->notes, COLS - 15);
	return y + 1;
}

static int draw_tags(yz_tui *t, rview *v, int y)
{
	put(v, y++, 2, _("Special groups"), 40, tui_attr(t, ROLE_HEADER));
	if (v->n_tags == 0)
		put(v, y++, 4, _("(none)"), 40, tui_attr(t, ROLE_DIM));
	for (size_t i = 0; i < v->n_tags; i++) {
		const yz_tag *g = &v->tags[i];
		char buf[256];
		put(v, y, 4, yz_service_tag_label(g->kind), 16,
		    g->end[0] ? tui_attr(t, ROLE_DIM) : A_NORMAL);
		if (g->kind == YZ_TAG_DISABLED && g->detail[0])
			tui_fmt(buf, sizeof buf, _("%s, grade %d"), g->detail, g->grade);
		else
			buf[0] = '\0';
		put(v, y, 22, buf, 20, A_NORMAL);
		if (g->id == 0)
			tui_fmt(buf, sizeof buf, "%s", _("from the age"));
		else if (g->end[0])
			tui_fmt(buf, sizeof buf, _("%s to %s"), g->start, g->end);
		else
			tui_fmt(buf, sizeof buf, _("since %s"), g->start);
		put(v, y++, 44, buf, COLS - 46, A_NORMAL);
	}
	return y + 1;
}

static int draw_household(yz_tui *t, rview *v, int y)
{
	char buf[512], masked[19];
	put(v, y, 2, _("Household members"), 20, tui_attr(t, ROLE_HEADER));
	if (!v->h.id) {
		put(v, y + 1, 4, _("(not in a household)"), 40, tui_attr(t, ROLE_DIM));
		return y + 3;
	}
	tui_fmt(buf, sizeof buf, _("No. %s  %s"), v->h.code, v->h.address);
	put(v, y++, 22, buf, COLS - 24, A_NORMAL);
	if (v->grid.id) {
		tui_fmt(buf, sizeof buf, _("Grid %s, grid leader %s %s"), v->grid.name,
		        v->grid.leader, v->grid.leader_phone);
		put(v, y++, 22, buf, COLS - 24, tui_attr(t, ROLE_DIM));
	}
	for (size_t i = 0; i < v->n_members; i++, y++) {
		const yz_resident *m = &v->members[i];
		attr_t a = i == v->sel        ? tui_attr(t, ROLE_FOCUS)
		           : m->id == v->r.id ? A_BOLD
		                              : A_NORMAL;
		yz_idcard_mask(m->idno, masked);
		int row = at(v, y);
		if (row >= 0)
			tui_put_pad(row, 3, "", COLS - 6, a);
		put(v, y, 4, m->relation, 10, a);
		put(v, y, 16, m->name, 16, a);
		put(v, y, 34, masked, 20, a);
		put(v, y, 56, m->birth, 12, a);
	}
	return y + 1;
}

/* A history field in words. */
static const char *field_name(const char *f)
{
	static const struct {
		const char *field, *label;
	} names[] = {
	    {"name", N_("Name")},
	    {"idno", N_("ID number")},
	    {"ethnicity", N_("Ethnicity")},
	    {"phone", N_("Phone number")},
	    {"address", N_("Address")},
	    {"household_id", N_("Household")},
	    {"relation", N_("Relation")},
	    {"hukou_address", N_("Hukou address")},
	    {"category", N_("Category")},
	    {"employment", N_("Employment")},
	    {"notes", N_("Notes")},
	    {"since", N_("Residence start")},
	    {"income", N_("Monthly income")},
	    {"tag_added", N_("Special group added")},
	    {"end_date", N_("Special group ended")},
	    {"created", N_("Registered")},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(f, names[i].field) == 0)
			return _(names[i].label);
	return f;
}

static int draw_history(yz_tui *t, rview *v, int y)
{
	put(v, y++, 2, _("Change history"), 40, tui_attr(t, ROLE_HEADER));
	if (v->n_hist == 0)
		put(v, y++, 4, _("(no changes since registration)"), 60, tui_attr(t, ROLE_DIM));
	for (size_t i = 0; i < v->n_hist; i++) {
		const yz_change *c = &v->hist[i];
		char when[17], buf[700];
		tui_fmt(when, sizeof when, "%.10s %.5s", c->at, c->at[10] ? c->at + 11 : "");
		put(v, y, 4, when, 16, A_NORMAL);
		put(v, y, 21, c->actor, 10, A_NORMAL);
		tui_fmt(buf, sizeof buf, "%s: %s -> %s", field_name(c->field), c->old, c->new);
		put(v, y, 32, buf, c->case_no[0] ? COLS - 54 : COLS - 34, A_NORMAL);
		if (c->case_no[0])
			put(v, y, COLS - 21, c->case_no, 20, tui_attr(t, ROLE_DIM));
		y++;
	}
	return y;
}

static void rview_draw(yz_tui *t, yz_screen *sc)
{
	rview *v = sc->data;
	tui_title(t, _("Resident"));
	int y = draw_person(t, v, 0);
	y = draw_tags(t, v, y);
	y = draw_household(t, v, y);
	v->lines = draw_history(t, v, y);
}

/* ---- keys ------------------------------------------------------------------------ */

static void print_sheet(yz_tui *t, rview *v)
{
	if (!v->h.id) {
		tui_msg(t, TUI_MSG_ERROR,
		        _("%s is not in a household: there is no sheet to print."), v->r.name);
		return;
	}
	tui_msg(t, TUI_MSG_INFO, _("Printing the household sheet..."));
	tui_draw(t);
	yz_err err = {{0}};
	yz_print_outcome out;
	yz_doc *d = yz_service_household_sheet(t->s, v->h.id, true, &err);
	char name[64];
	tui_fmt(name, sizeof name, "household-%s", v->h.code);
	if (!d)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	else if (yz_service_print_a4(t->s, d, NULL, name, &out, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, _("The household sheet was not printed: %s"), err.msg);
	else if (out.saved)
		tui_msg(t, TUI_MSG_OK,
		        _("No A4 printer is set: the household sheet is saved as %s."),
		        out.saved_path);
	else
		tui_msg(t, TUI_MSG_OK, _("The household sheet went to printer %s."),
		        t->s->cfg->printer_a4);
	yz_doc_free(d);
}

static void page_scroll(rview *v, int by)
{
	int page = LINES - 4;
	int max = v->lines > page ? v->lines - page : 0;
	v->top += by;
	v->top = v->top < 0 ? 0 : v->top > max ? max : v->top;
}

static bool rview_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	rview *v = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
	} else if (key_code(k, KEY_F(6))) {
		tui_msg_clear(t);
		screen_resident_edit_push(t, &v->r);
	} else if (key_code(k, KEY_F(7))) {
		print_sheet(t, v);
	} else if (key_enter(k)) {
		if (v->n_members && v->members[v->sel].id != v->r.id)
			screen_resident_view_push(t, &v->members[v->sel]);
	} else if (key_ch(k, '\t') && v->n_members) {
		v->sel = (v->sel + 1) % v->n_members;
	} else if (key_code(k, KEY_BTAB) && v->n_members) {
		v->sel = (v->sel + v->n_members - 1) % v->n_members;
	} else if (key_code(k, KEY_DOWN) || key_code(k, KEY_UP)) {
		page_scroll(v, key_code(k, KEY_DOWN) ? 1 : -1);
	} else if (key_code(k, KEY_NPAGE) || key_code(k, KEY_PPAGE)) {
		page_scroll(v, (LINES - 5) * (key_code(k, KEY_NPAGE) ? 1 : -1));
	} else {
		return false;
	}
	return true;
}

static void rview_enter(yz_tui *t, yz_screen *sc)
{
	load(t, sc->data);
}

static void rview_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t rview_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	rview *v = sc->data;
	yz_keyhint k[] = {{"F6", N_("Edit")},         {"F7", N_("Print household sheet")},
	                  {"Tab", N_("Next member")}, {"Enter", N_("Open member")},
	                  {"Down", N_("Scroll")},     {"Esc", N_("Back")}};
	size_t n = sizeof k / sizeof k[0], c = 0;
	for (size_t i = 0; i < n && c < max; i++)
		if (v->h.id || (i != 1 && i != 2 && i != 3))
			out[c++] = k[i];
	return c;
}

static const yz_screen_ops rview_ops = {
    .name = "resident_view",
    .draw = rview_draw,
    .key = rview_key,
    .enter = rview_enter,
    .leave = rview_leave,
    .keys = rview_keys,
};

void screen_resident_view_push(yz_tui *t, const yz_resident *r)
{
	rview *v = calloc(1, sizeof *v);
	if (!v)
		return;
	v->r = *r;
	/* The person themself is selected in their household. */
	tui_push(t, &rview_ops, v);
	for (size_t i = 0; i < v->n_members; i++)
		if (v->members[i].id == r->id)
			v->sel = i;
}
