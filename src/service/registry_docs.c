/* The registry on paper: the household sheet (yi hu yi biao) and the grid book
 * (yi zu yi ce), built from the store and printed on the A4 printer.
 *
 * ID numbers: both are the station's internal register, which the grid staff
 * keep and check against the ID cards, so by default they carry the numbers in
 * full, as the paper registers they replace did. A copy handed to anybody else
 * (the household itself, another office) is printed with masked numbers
 * (full_idno false, `--masked` on the command line). Sensitive special groups
 * follow the clerk's role, as on the screen. Nothing here touches a case. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../intl.h"
#include "service_int.h"
#include "yizhan/service.h"

enum { SHEET_MEMBERS = 64, SHEET_TAGS = 16, SHEET_COLS = 8 };

/* The special groups of a resident the clerk may see, joined for a cell. */
static void tags_text(yz_session *s, const yz_resident *r, char *buf, size_t n)
{
	yz_tag tags[SHEET_TAGS];
	size_t nt = 0, o = 0;
	char today[11];
	yz_date_format(s->today, today);
	buf[0] = '\0';
	if (yz_tag_list(s->store, r->id, s->user.role, today, true, tags, SHEET_TAGS, &nt, NULL) !=
	    0)
		return;
	for (size_t i = 0; i < nt && o + 1 < n; i++) {
		int w;
		if (tags[i].kind == YZ_TAG_DISABLED && tags[i].detail[0])
			w = snprintf(buf + o, n - o, "%s%s(%s %d)", i ? P_(", ") : "",
			             yz_tag_label(tags[i].kind), tags[i].detail, tags[i].grade);
		else
			w = snprintf(buf + o, n - o, "%s%s", i ? P_(", ") : "",
			             yz_tag_label(tags[i].kind));
		if (w < 0 || (size_t)w >= n - o)
			break;
		o += (size_t)w;
	}
}

static void member_table_start(yz_doc *d)
{
	/* No sex column: the ID number says it. Columns sized by their content, so
	 * that no ID number or name breaks (the page turns landscape when they do
	 * not fit a portrait one). */
	const char *h[SHEET_COLS] = {P_("Relation"), P_("Name"),          P_("ID number"),
	                             P_("Born"),     P_("Ethnicity"),     P_("Phone number"),
	                             P_("Category"), P_("Special groups")};
	yz_doc_table(d, SHEET_COLS, h, NULL, "llllllll");
}

static void member_row(yz_session *s, yz_doc *d, const yz_resident *m, bool full_idno)
{
	char idno[19], tags[512];
	if (full_idno)
		memcpy(idno, m->idno, sizeof idno);
	else
		yz_idcard_mask(m->idno, idno);
	tags_text(s, m, tags, sizeof tags);
	const char *cells[SHEET_COLS] = {m->relation,  m->name,  idno,        m->birth,
	                                 m->ethnicity, m->phone, m->category, tags};
	yz_doc_table_row(d, cells);
}

/* The grid of a household's room and its leader ("" when not in a grid). */
static void grid_of(yz_session *s, const yz_household *h, yz_place *g)
{
	memset(g, 0, sizeof *g);
	int64_t gid = h->place_id ? yz_place_grid(s->store, h->place_id) : 0;
	if (gid > 0 && yz_place_get(s->store, gid, g, NULL) != 0)
		memset(g, 0, sizeof *g);
}

/* One household: its number, address, head and members into d. */
static int household_block(yz_session *s, yz_doc *d, const yz_household *h, bool full_idno,
                           bool with_grid, yz_err *err)
{
	yz_resident *m = calloc(SHEET_MEMBERS, sizeof *m);
	size_t n = 0;
	if (!m) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	if (yz_household_members(s->store, h->id, m, SHEET_MEMBERS, &n, err) != 0) {
		free(m);
		return -1;
	}
	const char *head = "";
	for (size_t i = 0; i < n; i++)
		if (m[i].id == h->head_id || (!h->head_id && i == 0))
			head = m[i].name;
	char line[512];
	if (with_grid) {
		yz_place g;
		grid_of(s, h, &g);
		yz_doc_kv(d, P_("Household number"), h->code);
		yz_doc_kv(d, P_("Address"), h->address);
		if (g.id) {
			snprintf(line, sizeof line, P_("%s (grid leader %s %s)"), g.name, g.leader,
			         g.leader_phone);
			yz_doc_kv(d, P_("Grid"), line);
		}
		yz_doc_kv(d, P_("Head of household"), head);
		snprintf(line, sizeof line, "%zu", n);
		yz_doc_kv(d, P_("Members"), line);
	} else {
		snprintf(line, sizeof line, P_("Household %s   %s   head: %s   %zu members"),
		         h->code, h->address, head, n);
		yz_doc_text(d, line, YZ_STYLE_BOLD);
	}
	member_table_start(d);
	if (!with_grid) { /* a household longer than a page: its line again on the next */
		snprintf(line, sizeof line, P_("Household %s (continued)"), h->code);
		yz_doc_table_continued(d, line);
	}
	for (size_t i = 0; i < n; i++)
		member_row(s, d, &m[i], full_idno);
	free(m);
	return 0;
}

static void footer(yz_session *s, yz_doc *d, bool full_idno)
{
	char today[11], line[256];
	yz_date_format(s->today, today);
	yz_doc_space(d, 1);
	snprintf(line, sizeof line, P_("Printed %s by %s, %s."), today, s->user.name,
	         s->cfg->station_name);
	yz_doc_small(d, line, 0);
	yz_doc_small(d,
	             full_idno ? P_("Internal register of the station: it holds full ID numbers. "
	                            "Do not hand it out; print a masked copy for others.")
	                       : P_("ID numbers are masked on this copy."),
	             0);
	yz_doc_signature(d, P_("Checked by"), P_("Date"));
}

static yz_doc *checked(yz_doc *d, yz_err *err)
{
	if (d && d->oom) {
		yz_doc_free(d);
		d = NULL;
	}
	if (!d)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
	return d;
}

yz_doc *yz_service_household_sheet(yz_session *s, int64_t household_id, bool full_idno, yz_err *err)
{
	yz_household h;
	yz_paper_lang_set(s->cfg->document_language); /* the station's */
	int rc = yz_household_get(s->store, household_id, &h, err);
	if (rc == 1)
		yz_err_set(err, _("No household %lld in the registry."), (long long)household_id);
	if (rc != 0)
		return NULL;
	yz_doc *d = yz_doc_new(P_("Household register sheet"));
	if (!d)
		return checked(d, err);
	yz_doc_set_created(d, yz_clock_now(&s->clock));
	yz_doc_text(d, s->cfg->station_name, YZ_STYLE_CENTER);
	yz_doc_text(d, P_("Household register sheet"),
	            YZ_STYLE_CENTER | YZ_STYLE_BOLD | YZ_STYLE_DOUBLE);
	yz_doc_space(d, 1);
	if (household_block(s, d, &h, full_idno, true, err) != 0) {
		yz_doc_free(d);
		return NULL;
	}
	footer(s, d, full_idno);
	return checked(d, err);
}

/* ---- finding what the commands name ------------------------------------------ */

typedef struct code_hunt {
	const char *code;  /* the household number wanted */
	yz_household *out; /* filled when found */
	bool found;        /* stop */
} code_hunt;

static int hunt_code(const yz_household *h, void *ctx)
{
	code_hunt *c = ctx;
	if (strcmp(h->code, c->code) != 0)
		return 0;
	*c->out = *h;
	c->found = true;
	return 1;
}

enum { MAX_PLACES = 256 };

/* Every grid of every station, in name order; *n receives how many. */
static int all_grids(yz_session *s, yz_place *grids, size_t max, size_t *n, yz_err *err)
{
	yz_place stations[16];
	size_t ns = 0;
	*n = 0;
	if (yz_place_children(s->store, 0, stations, 16, &ns, err) != 0)
		return -1;
	for (size_t i = 0; i < ns && *n < max; i++) {
		size_t k = 0;
		if (yz_place_children(s->store, stations[i].id, grids + *n, max - *n, &k, err) != 0)
			return -1;
		*n += k;
	}
	return 0;
}

int yz_service_household_by_code(yz_session *s, const char *code, yz_household *out, yz_err *err)
{
	/* Households numbered after their row ("000123") are found at once; others
	 * are looked for grid by grid. */
	if (*code && strspn(code, "0123456789") == strlen(code) && strlen(code) < 19) {
		int rc = yz_household_get(s->store, strtoll(code, NULL, 10), out, NULL);
		if (rc == 0 && strcmp(out->code, code) == 0)
			return 0;
	}
	yz_place *grids = calloc(MAX_PLACES, sizeof *grids);
	size_t n = 0;
	code_hunt c = {code, out, false};
	int rc = grids ? all_grids(s, grids, MAX_PLACES, &n, err) : -1;
	for (size_t i = 0; rc == 0 && i < n && !c.found; i++)
		rc = yz_household_list_grid(s->store, grids[i].id, hunt_code, &c, err);
	free(grids);
	if (rc == 0 && !c.found) {
		yz_err_set(err, _("No household numbered %s in the registry."), code);
		return 1;
	}
	return rc == 0 ? 0 : -1;
}

int yz_service_find_grid(yz_session *s, const char *name_or_id, yz_place *out, yz_err *err)
{
	yz_place *grids = calloc(MAX_PLACES, sizeof *grids);
	size_t n = 0;
	int rc = grids ? all_grids(s, grids, MAX_PLACES, &n, err) : -1;
	long long id = strtoll(name_or_id, NULL, 10);
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (strcmp(grids[i].name, name_or_id) == 0 || grids[i].id == id) {
			*out = grids[i];
			free(grids);
			return 0;
		}
	free(grids);
	if (rc == 0) {
		yz_err_set(err, _("No grid called %s. Grids are listed by `yizhan grid list`."),
		           name_or_id);
		return 1;
	}
	return -1;
}

int yz_service_grid_list(yz_session *s, yz_place *out, size_t max, size_t *n, yz_err *err)
{
	return all_grids(s, out, max, n, err);
}

/* ---- the grid book ------------------------------------------------------------ */

/* Household ids of a grid, collected first: building the pages reads the store
 * again, which must not happen inside the listing. */
typedef struct id_list {
	int64_t *ids; /* household ids, address order */
	size_t n;     /* used */
	size_t cap;   /* allocated */
	bool oom;     /* an allocation failed */
} id_list;

static int collect(const yz_household *h, void *ctx)
{
	id_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		int64_t *ids = realloc(l->ids, cap * sizeof *ids);
		if (!ids) {
			l->oom = true;
			return 1;
		}
		l->ids = ids;
		l->cap = cap;
	}
	l->ids[l->n++] = h->id;
	return 0;
}

static void book_head(yz_session *s, yz_doc *d, const yz_place *g, size_t households)
{
	char line[256];
	yz_doc_text(d, s->cfg->station_name, YZ_STYLE_CENTER);
	yz_doc_text(d, P_("Grid register book"), YZ_STYLE_CENTER | YZ_STYLE_BOLD | YZ_STYLE_DOUBLE);
	yz_doc_space(d, 1);
	yz_doc_kv(d, P_("Grid"), g->name);
	snprintf(line, sizeof line, "%s  %s", g->leader, g->leader_phone);
	yz_doc_kv(d, P_("Grid leader"), line);
	snprintf(line, sizeof line, "%zu", households);
	yz_doc_kv(d, P_("Households"), line);
	yz_doc_rule(d);
}

yz_doc *yz_service_grid_book(yz_session *s, int64_t grid_id, bool full_idno, yz_err *err)
{
	yz_place g;
	yz_paper_lang_set(s->cfg->document_language); /* the station's */
	int rc = yz_place_get(s->store, grid_id, &g, err);
	if (rc == 0 && g.kind != YZ_PLACE_GRID)
		rc = 1;
	if (rc == 1)
		yz_err_set(err, _("No grid %lld in the registry."), (long long)grid_id);
	if (rc != 0)
		return NULL;
	id_list l = {0};
	if (yz_household_list_grid(s->store, grid_id, collect, &l, err) != 0 || l.oom) {
		if (l.oom)
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		free(l.ids);
		return NULL;
	}
	yz_doc *d = yz_doc_new(P_("Grid register book"));
	if (d) {
		yz_doc_set_created(d, yz_clock_now(&s->clock));
		book_head(s, d, &g, l.n);
	}
	for (size_t i = 0; d && i < l.n; i++) {
		yz_household h;
		if (yz_household_get(s->store, l.ids[i], &h, err) != 0 ||
		    household_block(s, d, &h, full_idno, false, err) != 0) {
			yz_doc_free(d);
			free(l.ids);
			return NULL;
		}
		yz_doc_space(d, 1);
	}
	free(l.ids);
	if (d)
		footer(s, d, full_idno);
	return checked(d, err);
}

/* ---- printing a registry document ----------------------------------------------- */

int yz_service_save_pdf(yz_session *s, const yz_doc *d, const char *path, yz_err *err)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	/* A name that must not be written is told before the rendering; the file
	 * appears whole or not at all (yizhan/store/outfile.h, issue 14). */
	if (yz_outfile_check(path, err) != 0 ||
	    yz_pdf_render(&s->print, d, YZ_PAPER_A4, &pdf, &len, err) != 0)
		return -1;
	int rc = yz_outfile_write(path, pdf, len, err);
	free(pdf);
	return rc;
}

int yz_service_print_a4(yz_session *s, const yz_doc *d, const char *printer, const char *name,
                        yz_print_outcome *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	if (!printer)
		printer = s->cfg->printer_a4;
	snprintf(out->printer, sizeof out->printer, "%s", printer);
	int rc;
	if (!*printer) {
		snprintf(out->saved_path, sizeof out->saved_path, "%s/%s.pdf", s->cfg->save_dir,
		         name);
		rc = yz_private_dir(s->cfg->save_dir, true, err);
		if (rc == 0)
			rc = yz_service_save_pdf(s, d, out->saved_path, err);
		out->saved = rc == 0;
	} else if (svc_route_check(s, d->title, "a4", printer, err) != 0) { /* issue 13 */
		rc = -1;
	} else {
		unsigned char *pdf = NULL;
		size_t len = 0;
		rc = yz_pdf_render(&s->print, d, YZ_PAPER_A4, &pdf, &len, err);
		if (rc == 0)
			rc = yz_cups_submit(&s->print, printer, d->title, YZ_MIME_PDF, pdf, len,
			                    s->cfg->print_timeout_ms, &out->cups_job_id, err);
		free(pdf);
		out->printed = rc == 0;
	}
	/* Whatever stopped it, the document did not print: the code says so. */
	if (rc != 0 && err)
		err->code = YZ_ERR_PRINTER;
	return rc;
}
