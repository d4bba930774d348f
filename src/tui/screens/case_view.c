/* One case: its data, fields, materials and timeline; reprint its documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { EVENTS_MAX = 64 };

typedef struct cview {
	char number[40];  /* the case */
	yz_case c;        /* as last loaded */
	const yz_form *f; /* its form, when the catalogue still has it */
	char *text;       /* everything shown, '\n' separated, rebuilt on load */
	size_t n_lines;   /* lines in text */
	size_t top;       /* first line shown */
} cview;

static const char *event_name(const char *kind)
{
	static const struct {
		const char *kind, *name;
	} names[] = {
	    {"accepted", N_("accepted")},
	    {"printed", N_("printed")},
	    {"print_failed", N_("print failed")},
	    {"reprinted", N_("reprinted")},
	    {"done", N_("done")},
	    {"saved", N_("saved to file")},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(kind, names[i].kind) == 0)
			return _(names[i].name);
	return kind;
}

static const char *field_label(const yz_form *f, const char *id)
{
	const yz_field_def *d = f ? yz_form_field(f, id) : NULL;
	return d ? d->label : id;
}

/* "key: value" with the colon of the UI language; nl ends the line, else a gap
 * follows for a second pair. */
static void kv(FILE *m, const char *indent, const char *key, const char *value, bool nl)
{
	fputs(indent, m);
	/* TRANSLATORS: a label and its value on screen. */
	fprintf(m, _("%s: %s"), key, value);
	fputs(nl ? "\n" : "    ", m);
}

static void write_case(FILE *m, yz_tui *t, cview *v)
{
	const yz_case *c = &v->c;
	char masked[19], buf[192];
	yz_idcard_mask(c->resident_idno, masked);
	kv(m, "", _("Item"), c->item, false);
	snprintf(buf, sizeof buf, "%s  %s", c->resident_name, masked);
	kv(m, "", _("Resident"), buf, true);
	kv(m, "", _("Status"), tui_status_name(c->status), false);
	kv(m, "", _("Clerk"), c->clerk_name, true);
	kv(m, "", _("Accepted on"), c->accepted_date, false);
	kv(m, "", _("Due"), c->due_date[0] ? c->due_date : "-", true);
	yz_kv_list l = {0};
	fprintf(m, "[%s]\n", _("Fields"));
	if (yz_case_fields(t->s->store, c->id, &l, NULL) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			const yz_field_def *d = v->f ? yz_form_field(v->f, l.keys[i]) : NULL;
			const char *val = l.vals[i];
			if (d && (d->type == YZ_FIELD_RESIDENT || d->type == YZ_FIELD_IDCARD)) {
				yz_idcard_mask(val, masked);
				val = masked;
			}
			kv(m, "  ", field_label(v->f, l.keys[i]), val, true);
		}
		yz_kv_free(&l);
	}
	fprintf(m, "[%s]\n ", _("Materials received"));
	if (yz_case_materials(t->s->store, c->id, &l, NULL) == 0) {
		for (size_t i = 0; i < l.n; i++)
			fprintf(m, " [x] %s", l.keys[i]);
		yz_kv_free(&l);
	}
	fputc('\n', m);
}

/* An event's UTC stamp as local "YYYY-MM-DD HH:MM", as the clerk's clock shows it. */
static void local_time(const char *utc, char *buf, size_t n)
{
	struct tm tm = {0};
	const char *end = strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
	time_t when = end ? timegm(&tm) : (time_t)-1;
	struct tm lt;
	if (when == (time_t)-1 || !localtime_r(&when, &lt) ||
	    strftime(buf, n, "%Y-%m-%d %H:%M", &lt) == 0)
		snprintf(buf, n, "%s", utc);
}

static void write_timeline(FILE *m, yz_tui *t, cview *v)
{
	yz_case_event *ev = calloc(EVENTS_MAX, sizeof *ev);
	size_t n = 0;
	fprintf(m, "[%s]\n", _("Timeline"));
	if (ev && yz_case_timeline(t->s->store, v->c.id, ev, EVENTS_MAX, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++) {
			char when[32];
			local_time(ev[i].at, when, sizeof when);
			fprintf(m, "  %s  %s  %s  %s\n", when,
			        ev[i].actor_name[0] ? ev[i].actor_name : ev[i].actor,
			        event_name(ev[i].kind), ev[i].note);
		}
	free(ev);
}

static void load(yz_tui *t, cview *v)
{
	yz_err err = {{0}};
	free(v->text);
	v->text = NULL;
	v->n_lines = 0;
	int rc = yz_case_get(t->s->store, v->number, &v->c, &err);
	if (rc != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", rc == 1 ? _("No such case.") : err.msg);
		return;
	}
	v->f = yz_catalogue_find(t->s->cat, v->c.form_id);
	size_t len = 0;
	FILE *m = open_memstream(&v->text, &len);
	if (!m)
		return;
	write_case(m, t, v);
	write_timeline(m, t, v);
	fclose(m);
	for (const char *p = v->text; *p; p++)
		v->n_lines += *p == '\n';
}

static int view_height(void)
{
	return LINES - 2 - 2;
}

static void cview_draw(yz_tui *t, yz_screen *sc)
{
	cview *v = sc->data;
	char buf[128];
	tui_fmt(buf, sizeof buf, _("Case %s"), v->number);
	tui_title(t, buf);
	int h = view_height();
	size_t line = 0;
	for (const char *p = v->text; p && *p; line++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (line >= v->top) {
			if ((int)(line - v->top) >= h)
				break;
			char *s = strndup(p, len);
			attr_t a = s && s[0] == '[' ? tui_attr(t, ROLE_HEADER) : A_NORMAL;
			tui_put(2 + (int)(line - v->top), 2, s, COLS - 4, a);
			free(s);
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* The form's first document other than the receipt (the certificate). */
static const char *second_doc(const cview *v)
{
	for (size_t i = 0; v->f && i < v->f->n_documents; i++)
		if (strcmp(v->f->documents[i].id, "receipt") != 0)
			return v->f->documents[i].id;
	return NULL;
}

static void print(yz_tui *t, cview *v, const char *doc)
{
	char buf[384];
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	tui_print_doc(t, v->number, doc, buf, sizeof buf);
	size_t top = v->top;
	char msg[512];
	memcpy(msg, t->status, sizeof msg);
	load(t, v); /* the timeline has a new event */
	memcpy(t->status, msg, sizeof msg);
	v->top = top;
}

/* V: the receipt or the certificate as it will print, printed on confirmation. */
static void preview(yz_tui *t, cview *v)
{
	const char *doc = "receipt";
	if (second_doc(v)) {
		char *names[2] = {(char *)tui_doc_name(v->f, "receipt"),
		                  (char *)tui_doc_name(v->f, second_doc(v))};
		long k = tui_pick(t, _("Preview which document?"), names, 2, 0);
		if (k < 0)
			return;
		doc = k == 0 ? "receipt" : second_doc(v);
	}
	char buf[384];
	if (tui_preview_doc(t, v->f, v->number, doc, buf, sizeof buf) == 1)
		return;
	size_t top = v->top;
	char msg[512];
	memcpy(msg, t->status, sizeof msg);
	load(t, v); /* the timeline has a new event */
	memcpy(t->status, msg, sizeof msg);
	v->top = top;
}

static bool cview_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	cview *v = sc->data;
	int h = view_height();
	if (key_esc(k) || key_code(k, KEY_F(10)) || key_enter(k)) {
		tui_pop(t);
	} else if (key_ch(k, 'r') || key_ch(k, 'R')) {
		print(t, v, "receipt");
	} else if ((key_ch(k, 'p') || key_ch(k, 'P')) && second_doc(v)) {
		print(t, v, second_doc(v));
	} else if (key_ch(k, 'v') || key_ch(k, 'V')) {
		preview(t, v);
	} else if (key_code(k, KEY_DOWN) || key_code(k, KEY_NPAGE)) {
		size_t step = key_code(k, KEY_DOWN) ? 1 : (size_t)h - 1;
		while (step-- && v->top + (size_t)h < v->n_lines)
			v->top++;
	} else if (key_code(k, KEY_UP) || key_code(k, KEY_PPAGE)) {
		size_t step = key_code(k, KEY_UP) ? 1 : (size_t)h - 1;
		v->top = v->top > step ? v->top - step : 0;
	} else {
		return false;
	}
	return true;
}

static void cview_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	cview *v = sc->data;
	free(v->text);
	free(v);
}

static size_t cview_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	cview *v = sc->data;
	size_t n = 0;
	yz_keyhint k[] = {{"R", N_("Reprint receipt")},
	                  {"P", N_("Print certificate")},
	                  {"V", N_("Preview")},
	                  {"Up/Down", N_("Scroll")},
	                  {"Esc", N_("Back")}};
	for (size_t i = 0; i < sizeof k / sizeof k[0] && n < max; i++)
		if (i != 1 || second_doc(v))
			out[n++] = k[i];
	return n;
}

static const yz_screen_ops cview_ops = {
    .name = "case_view",
    .draw = cview_draw,
    .key = cview_key,
    .leave = cview_leave,
    .keys = cview_keys,
};

void screen_case_view_push(yz_tui *t, const char *case_no)
{
	cview *v = calloc(1, sizeof *v);
	if (!v)
		return;
	yz_strlcpy_utf8(v->number, case_no, sizeof v->number);
	load(t, v);
	tui_push(t, &cview_ops, v);
}
