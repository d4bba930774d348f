/* Intake of one form: the applicant from the registry, the form's fields, the
 * materials checklist, a preview, and submit. Every change is kept as a draft,
 * offered back when the same form is opened again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

/* Draft key holding the ids of the ticked materials, comma separated. Field ids
 * are [a-z][a-z0-9_]*, so it cannot clash with one. */
#define DRAFT_MATERIALS "@materials"

typedef struct intake {
	const yz_form *f; /* the form being filled (owned by the catalogue) */
	yz_panel panel;   /* fields, then the materials heading and checkboxes */
	size_t *row_of;   /* row of each form field */
	size_t mat_first; /* row of the first material */
	size_t picking;   /* row whose resident is being chosen */
} intake;

/* ---- values and drafts ----------------------------------------------------- */

static void collect(const intake *in, yz_values *v)
{
	for (size_t i = 0; i < in->f->n_fields; i++)
		yz_values_set(v, in->f->fields[i].id, panel_value(&in->panel, in->row_of[i]));
}

/* Labels of the ticked materials (pointers into the form); returns how many. */
static size_t ticked(const intake *in, const char **out)
{
	size_t n = 0;
	for (size_t i = 0; i < in->f->n_materials; i++)
		if (in->panel.rows[in->mat_first + i].checked)
			out[n++] = in->f->materials[i].label;
	return n;
}

static void save_draft(yz_tui *t, intake *in)
{
	size_t n = in->f->n_fields;
	char **keys = calloc(n + 1, sizeof *keys), **vals = calloc(n + 1, sizeof *vals);
	char mats[1024] = "";
	if (!keys || !vals)
		goto out;
	for (size_t i = 0; i < n; i++) {
		keys[i] = in->f->fields[i].id;
		vals[i] = (char *)panel_value(&in->panel, in->row_of[i]);
	}
	for (size_t i = 0; i < in->f->n_materials; i++) {
		if (!in->panel.rows[in->mat_first + i].checked)
			continue;
		size_t l = strlen(mats);
		snprintf(mats + l, sizeof mats - l, "%s%s", l ? "," : "", in->f->materials[i].id);
	}
	keys[n] = DRAFT_MATERIALS;
	vals[n] = mats;
	yz_kv_list kv = {keys, vals, n + 1};
	yz_err err = {{0}};
	if (yz_draft_save(t->s->store, t->s->user.login, in->f->id, &kv, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, _("The draft could not be saved: %s"), err.msg);
out:
	free(keys);
	free(vals);
}

/* Show a chosen resident in row i: the value is the ID number. */
static void set_resident(intake *in, size_t i, const yz_resident *r)
{
	yz_row *row = &in->panel.rows[i];
	char masked[19], buf[256];
	yz_idcard_mask(r->idno, masked);
	snprintf(buf, sizeof buf, "%s  %s", r->name, masked);
	panel_set_value(&in->panel, i, r->idno);
	free(row->display);
	row->display = strdup(buf);
}

static bool material_in(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		if (l == n && strncmp(p, id, n) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

static void apply_draft(yz_tui *t, intake *in, const yz_kv_list *kv)
{
	for (size_t k = 0; k < kv->n; k++) {
		if (strcmp(kv->keys[k], DRAFT_MATERIALS) == 0) {
			for (size_t i = 0; i < in->f->n_materials; i++)
				in->panel.rows[in->mat_first + i].checked =
				    material_in(kv->vals[k], in->f->materials[i].id);
			continue;
		}
		for (size_t i = 0; i < in->f->n_fields; i++) {
			if (strcmp(kv->keys[k], in->f->fields[i].id) != 0)
				continue;
			size_t row = in->row_of[i];
			yz_resident r;
			if (in->panel.rows[row].kind != ROW_BUTTON)
				panel_set_value(&in->panel, row, kv->vals[k]);
			else if (*kv->vals[k] &&
			         yz_resident_by_idno(t->s->store, kv->vals[k], &r, NULL) == 0)
				set_resident(in, row, &r);
		}
	}
}

/* Offer a kept draft back; true when it was taken. */
static bool offer_draft(yz_tui *t, intake *in)
{
	yz_kv_list kv = {0};
	if (yz_draft_load(t->s->store, t->s->user.login, in->f->id, &kv, NULL) != 0)
		return false;
	bool any = false;
	for (size_t k = 0; k < kv.n; k++)
		any = any || kv.vals[k][0];
	bool take = any && tui_confirm(t, in->f->title,
	                               _("Values typed earlier into this form were kept as a "
	                                 "draft. Continue with them?"));
	if (take)
		apply_draft(t, in, &kv);
	else
		yz_draft_delete(t->s->store, t->s->user.login, in->f->id, NULL);
	yz_kv_free(&kv);
	return take;
}

/* ---- the resident ------------------------------------------------------------ */

static void resident_picked(yz_tui *t, void *ctx, const yz_resident *r)
{
	intake *in = ctx;
	set_resident(in, in->picking, r);
	tui_msg(t, TUI_MSG_INFO, _("Applicant: %s"), r->name);
	save_draft(t, in);
	/* Go on with the next row: the clerk's hands stay on the keyboard. */
	if (in->picking + 1 < in->panel.n)
		panel_focus(&in->panel, in->picking + 1);
}

static void choose_resident(yz_tui *t, intake *in, size_t row)
{
	in->picking = row;
	screen_resident_find_push(t, resident_picked, in, in->panel.rows[row].label);
}

/* ---- preview and submit ------------------------------------------------------ */

static void preview(yz_tui *t, intake *in)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return;
	fprintf(m, "%s\n\n", in->f->title);
	for (size_t i = 0; i < in->f->n_fields; i++) {
		const yz_row *r = &in->panel.rows[in->row_of[i]];
		const char *v = r->display ? r->display : panel_value(&in->panel, in->row_of[i]);
		if (r->kind == ROW_YESNO)
			v = r->choice == 1 ? _("yes") : r->choice == 2 ? _("no") : "";
		fprintf(m, _("%s: %s"), r->label, v);
		fputc('\n', m);
	}
	fprintf(m, "\n%s\n", _("Materials received:"));
	const char *mats[64];
	size_t n = ticked(in, mats);
	for (size_t i = 0; i < n; i++)
		fprintf(m, "  [x] %s\n", mats[i]);
	if (n == 0)
		fprintf(m, "  %s\n", _("(none)"));
	fclose(m);
	tui_textview(t, _("Preview before submitting"), text);
	free(text);
}

/* Everything the clerk must fix before submit, the first problem focused. */
static bool ready(yz_tui *t, intake *in)
{
	for (size_t i = 0; i < in->f->n_fields; i++) {
		size_t row = in->row_of[i];
		const yz_row *r = &in->panel.rows[row];
		if (r->kind == ROW_BUTTON && r->required && !*panel_value(&in->panel, row)) {
			panel_focus(&in->panel, row);
			tui_msg(t, TUI_MSG_ERROR, _("%s: choose the resident first (Enter)."),
			        r->label);
			return false;
		}
		if (!panel_validate(t, &in->panel, row)) {
			panel_focus(&in->panel, row);
			return false;
		}
	}
	for (size_t i = 0; i < in->f->n_materials; i++) {
		const yz_row *r = &in->panel.rows[in->mat_first + i];
		if (r->required && !r->checked) {
			panel_focus(&in->panel, in->mat_first + i);
			tui_msg(t, TUI_MSG_ERROR,
			        _("Required material not ticked: %s. Check it and press Space."),
			        in->f->materials[i].label);
			return false;
		}
	}
	return true;
}

static void submit(yz_tui *t, intake *in)
{
	if (!ready(t, in))
		return;
	yz_values v = {0};
	collect(in, &v);
	const char *mats[64];
	size_t n = ticked(in, mats);
	yz_case c;
	yz_err err = {{0}};
	int rc = yz_service_submit(t->s, in->f, &v, mats, n, &c, &err);
	yz_values_clear(&v);
	if (rc != 0) {
		tui_msg(t, TUI_MSG_ERROR, _("Not submitted: %s"), err.msg);
		return;
	}
	yz_draft_delete(t->s->store, t->s->user.login, in->f->id, NULL);
	const yz_form *f = in->f;
	tui_pop(t); /* frees in */
	screen_accepted_push(t, &c, f);
}

/* ---- the screen ---------------------------------------------------------------- */

static void intake_draw(yz_tui *t, yz_screen *sc)
{
	intake *in = sc->data;
	char buf[256];
	tui_fmt(buf, sizeof buf, _("New service: %s"), in->f->title);
	tui_title(t, buf);
	tui_fmt(buf, sizeof buf, "%s  %s  %s", in->f->line ? in->f->line : "",
	        in->f->kind ? in->f->kind : "", in->f->authority ? in->f->authority : "");
	tui_put(1, 2, buf, COLS - 4, tui_attr(t, ROLE_DIM));
	panel_draw(t, &in->panel, 3, LINES - 2);
}

static bool intake_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	intake *in = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		if (tui_confirm(t, in->f->title,
		                _("Leave this form? What you typed is kept as a draft.")))
			tui_pop(t);
		return true;
	}
	if (key_code(k, KEY_F(9)) || key_ch(k, TUI_CTRL('s'))) {
		submit(t, in);
		return true;
	}
	if (key_code(k, KEY_F(6))) {
		preview(t, in);
		return true;
	}
	yz_row *r = &in->panel.rows[in->panel.focus];
	if (r->kind == ROW_BUTTON && key_code(k, KEY_F(5))) {
		choose_resident(t, in, in->panel.focus);
		return true;
	}
	switch (panel_key(t, &in->panel, k)) {
	case PANEL_NONE:
		return false;
	case PANEL_CHANGED:
		save_draft(t, in);
		return true;
	case PANEL_BUTTON:
		choose_resident(t, in, in->panel.focus);
		return true;
	case PANEL_DONE:
		tui_msg(t, TUI_MSG_INFO, "%s", _("All filled in? F6 to preview, F9 to submit."));
		return true;
	default:
		return true;
	}
}

static void intake_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	intake *in = sc->data;
	panel_free(&in->panel);
	free(in->row_of);
	free(in);
}

static size_t intake_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	intake *in = sc->data;
	size_t n = panel_keys(&in->panel, out, max);
	yz_keyhint k[] = {{"F6", N_("Preview")}, {"F9/^S", N_("Submit")}, {"Esc", N_("Leave")}};
	for (size_t i = 0; i < sizeof k / sizeof k[0] && n < max; i++)
		out[n++] = k[i];
	return n;
}

static const yz_screen_ops intake_ops = {
    .name = "intake",
    .draw = intake_draw,
    .key = intake_key,
    .leave = intake_leave,
    .keys = intake_keys,
};

static yz_row_kind row_kind(const yz_field_def *d)
{
	switch (d->type) {
	case YZ_FIELD_CHOICE:
		return ROW_CHOICE;
	case YZ_FIELD_YESNO:
		return ROW_YESNO;
	case YZ_FIELD_RESIDENT:
		return ROW_BUTTON;
	default:
		return ROW_EDIT;
	}
}

static void build(yz_tui *t, intake *in)
{
	const yz_form *f = in->f;
	panel_init(&in->panel, t->s->today, 16);
	for (size_t i = 0; i < f->n_fields; i++) {
		yz_row *r = panel_add(&in->panel, row_kind(&f->fields[i]), f->fields[i].label,
		                      &f->fields[i]);
		if (r && f->fields[i].type == YZ_FIELD_DATE)
			tui_fmt(r->note, sizeof r->note, "%s", _("YYYY-MM-DD"));
		in->row_of[i] = in->panel.n - 1;
	}
	panel_add(&in->panel, ROW_HEADING, _("Materials (Space ticks)"), NULL);
	in->mat_first = in->panel.n;
	for (size_t i = 0; i < f->n_materials; i++) {
		const yz_material_def *m = &f->materials[i];
		yz_row *r = panel_add(&in->panel, ROW_CHECK, m->label, NULL);
		if (!r)
			continue;
		r->required = m->required;
		r->tag = m;
		if (m->note && *m->note)
			tui_fmt(r->note, sizeof r->note, "%s", m->note);
		else if (m->original)
			tui_fmt(r->note, sizeof r->note, "%s", _("original, seen"));
		else
			tui_fmt(r->note, sizeof r->note, _("copy, %d"),
			        m->count > 0 ? m->count : 1);
	}
	panel_focus(&in->panel, 0);
}

void screen_intake_push(yz_tui *t, const yz_form *f)
{
	intake *in = calloc(1, sizeof *in);
	if (!in)
		return;
	in->f = f;
	in->row_of = calloc(f->n_fields + 1, sizeof *in->row_of);
	if (!in->row_of) {
		free(in);
		return;
	}
	build(t, in);
	bool resumed = offer_draft(t, in);
	tui_push(t, &intake_ops, in);
	/* Most items start with the applicant: go straight to the search. */
	for (size_t i = 0; i < f->n_fields; i++) {
		size_t row = in->row_of[i];
		if (in->panel.rows[row].kind != ROW_BUTTON)
			continue;
		if (!resumed || !*panel_value(&in->panel, row))
			choose_resident(t, in, row);
		else
			panel_focus(&in->panel, row + 1 < in->mat_first ? row + 1 : row);
		break;
	}
}
