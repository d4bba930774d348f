/* Intake of one form at the counter, driven by the form engine (form.h): the
 * applicant from the registry, the form's pages of fields and tables, the
 * materials checklist after the last page, a preview, and submit. The engine
 * holds the values, the position and the edit buffer; this screen maps keys to
 * it, draws it through the form view, and keeps every change as a draft that
 * is offered back when the same form is opened again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"
#include "intake_members.h"

/* Draft key holding the ids of the ticked materials, comma separated. Field ids
 * are [a-z][a-z0-9_]*, so it cannot clash with one. */
#define DRAFT_MATERIALS "@materials"
/* Draft key holding the ids of the choices still at the station's usual value,
 * untouched by the clerk (issue 12): shown as such again when resumed. */
#define DRAFT_USUAL "@usual"

typedef struct intake {
	yz_tui *t;        /* for the engine's change callback (drafts) */
	const yz_form *f; /* the form being filled (owned by the catalogue) */
	yz_engine *eng;   /* values, position and edit buffer */
	yz_formview fv;   /* how the engine is drawn */
	yz_eval_env env;  /* today and the station settings */
	bool *ticked;     /* materials received, one per material of f */
	long mat;         /* the focused material, -1 while a field has the focus */
	yz_kv_list usual; /* the choices' usual values the form started with (habits) */
	yz_values marks;  /* name cells marked foreign/minority script (F2; issue 12) */
	/* Choices at the usual value the clerk has not touched: drawn marked as
	 * the station's usual answer (fv.usual; issue 12). */
	yz_values untouched;
} intake;

/* ---- drafts --------------------------------------------------------------------- */

static void save_draft(intake *in)
{
	const yz_values *v = yz_engine_values(in->eng);
	size_t n = v->n + in->marks.n + 2; /* the name marks, materials, usual values */
	char **keys = calloc(n, sizeof *keys), **vals = calloc(n, sizeof *vals);
	char mats[2048] = "", usual[1024] = "";
	yz_err err = {{0}};

	if (!keys || !vals)
		goto out;
	if (v->n) {
		memcpy(keys, v->keys, v->n * sizeof *keys);
		memcpy(vals, v->vals, v->n * sizeof *vals);
	}
	/* The name marks too: a power cut does not lose them (issue 12). */
	if (in->marks.n) {
		memcpy(keys + v->n, in->marks.keys, in->marks.n * sizeof *keys);
		memcpy(vals + v->n, in->marks.vals, in->marks.n * sizeof *vals);
	}
	for (size_t i = 0; i < in->f->n_materials; i++) {
		size_t l = strlen(mats);
		if (in->ticked[i])
			snprintf(mats + l, sizeof mats - l, "%s%s", l ? "," : "",
			         in->f->materials[i].id);
	}
	for (size_t i = 0; i < in->untouched.n; i++) {
		size_t l = strlen(usual);
		snprintf(usual + l, sizeof usual - l, "%s%s", l ? "," : "", in->untouched.keys[i]);
	}
	keys[n - 2] = DRAFT_MATERIALS;
	vals[n - 2] = mats;
	keys[n - 1] = DRAFT_USUAL;
	vals[n - 1] = usual;
	yz_kv_list kv = {keys, vals, n};
	if (yz_service_draft_save(in->t->s, in->f->id, &kv, &err) != 0)
		tui_msg(in->t, TUI_MSG_ERROR, _("The draft could not be saved: %s"), err.msg);
out:
	free(keys);
	free(vals);
}

static void engine_changed(yz_engine *e, void *ctx)
{
	(void)e;
	save_draft(ctx);
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

static void apply_draft(intake *in, const yz_kv_list *kv)
{
	yz_values v = {0};
	const char *usual = "";
	for (size_t k = 0; k < kv->n; k++) {
		if (strcmp(kv->keys[k], DRAFT_USUAL) == 0) {
			usual = kv->vals[k];
			continue;
		}
		if (yz_form_name_mark(in->f, kv->keys[k])) { /* F2 on a name */
			yz_values_set(&in->marks, kv->keys[k], kv->vals[k]);
			continue;
		}
		if (strcmp(kv->keys[k], DRAFT_MATERIALS) != 0) {
			yz_values_set(&v, kv->keys[k], kv->vals[k]);
			continue;
		}
		for (size_t i = 0; i < in->f->n_materials; i++)
			in->ticked[i] = material_in(kv->vals[k], in->f->materials[i].id);
	}
	for (size_t i = 0; i < in->f->n_fields; i++) {
		const char *val = yz_values_get(&v, in->f->fields[i].id);
		if (val && *val && material_in(usual, in->f->fields[i].id))
			yz_values_set(&in->untouched, in->f->fields[i].id, val);
	}
	yz_engine_load(in->eng, &v);
	yz_values_clear(&v);
}

/* Offer a kept draft back; true when it was taken. */
static bool offer_draft(yz_tui *t, intake *in)
{
	yz_kv_list kv = {0};
	if (yz_service_draft_load(t->s, in->f->id, &kv, NULL) != 0)
		return false;
	bool any = false;
	for (size_t k = 0; k < kv.n; k++)
		any = any || kv.vals[k][0];
	bool take = any && tui_confirm(t, in->f->title,
	                               _("Values typed earlier into this form were kept as a "
	                                 "draft. Continue with them?"));
	if (take)
		apply_draft(in, &kv);
	else if (!tui_ending(t)) /* not answered: the counter was taken over at its lock */
		yz_service_draft_delete(t->s, in->f->id, NULL);
	yz_service_kv_free(&kv);
	return take;
}

/* Whether v is the usual value key started with (not touched by the clerk). */
static bool is_usual(const intake *in, const char *key, const char *v)
{
	const char *u = yz_values_get(&in->untouched, key);
	return u && strcmp(u, v) == 0;
}

/* After a key: a choice at its usual value that the key changed is the
 * clerk's from now on (no longer marked as the station's usual answer). */
static void usual_touched(intake *in, const yz_field_def *d, const char *before)
{
	const char *u = d ? yz_values_get(&in->untouched, d->id) : NULL;
	if (!u || yz_engine_cell_def(in->eng) != d ||
	    d != &in->f->fields[yz_engine_field_index(in->eng)]) /* not a table's column */
		return;
	if (strcmp(yz_engine_text(in->eng), before) != 0 ||
	    strcmp(yz_engine_text(in->eng), u) != 0) {
		yz_values_set(&in->untouched, d->id, NULL);
		save_draft(in);
	}
}

/* Whether the clerk typed or ticked anything (computed values and the usual
 * values the form started with do not count). */
static bool anything_typed(const intake *in)
{
	const yz_values *v = yz_engine_values(in->eng);
	for (size_t i = 0; i < in->f->n_materials; i++)
		if (in->ticked[i])
			return true;
	for (size_t i = 0; i < v->n; i++) {
		const yz_field_def *d = yz_form_field(in->f, v->keys[i]);
		size_t kl = strlen(v->keys[i]);
		bool rows = kl > 5 && strcmp(v->keys[i] + kl - 5, ".rows") == 0;
		if (!*v->vals[i] || (d && d->type == YZ_FIELD_COMPUTED) ||
		    (rows && strcmp(v->vals[i], "0") == 0) || is_usual(in, v->keys[i], v->vals[i]))
			continue;
		return true;
	}
	return false;
}

/* ---- the engine's answers ------------------------------------------------------ */

/* What a key did, in the status line (formview_report). */
static yz_key_result report(yz_tui *t, intake *in, yz_key_result r)
{
	return formview_report(t, &in->fv, r);
}

static yz_key_result run(yz_tui *t, intake *in, yz_key key, uint32_t cp)
{
	return formview_run(t, &in->fv, key, cp);
}

static void resolve_choice(intake *in)
{
	formview_resolve_choice(&in->fv);
}

/* Validate the current cell without leaving it (the engine validates when a
 * cell is left, so leave and come back). */
static bool cell_ok(yz_tui *t, intake *in)
{
	size_t field = yz_engine_field_index(in->eng), col = yz_engine_col(in->eng);
	int row = yz_engine_row(in->eng);

	resolve_choice(in);
	if (yz_engine_key(in->eng, YZ_KEY_NEXT, 0) == YZ_KEY_INVALID) {
		report(t, in, YZ_KEY_INVALID);
		return false;
	}
	yz_engine_goto(in->eng, field, row, col);
	return true;
}

static void to_materials(yz_tui *t, intake *in)
{
	if (in->f->n_materials == 0) {
		tui_msg(t, TUI_MSG_INFO, "%s", _("All filled in? F6 to preview, F9 to submit."));
		return;
	}
	in->mat = 0;
	tui_msg_clear(t);
}

/* Tab/Enter (forward) or Shift-Tab: the last field goes on to the materials. */
static void step(yz_tui *t, intake *in, bool forward)
{
	resolve_choice(in);
	yz_key_result r = yz_engine_key(in->eng, forward ? YZ_KEY_NEXT : YZ_KEY_PREV, 0);
	if (forward && r == YZ_KEY_REFUSED)
		to_materials(t, in);
	else
		report(t, in, r);
}

static void page(yz_tui *t, intake *in, bool forward)
{
	resolve_choice(in);
	yz_key_result r = yz_engine_key(in->eng, forward ? YZ_KEY_PAGE_NEXT : YZ_KEY_PAGE_PREV, 0);
	if (forward && r == YZ_KEY_REFUSED && in->f->n_materials > 0)
		to_materials(t, in);
	else
		report(t, in, r);
}

/* ---- the resident ------------------------------------------------------------------ */

/* One number, one source: the form's fields that the registry has (the
 * service says which) start from its record of the person just picked, when
 * still empty (the clerk may correct them; the registry keeps its own
 * history). */
static void prefill_from_registry(intake *in, size_t from, const yz_resident *r)
{
	const yz_form *f = yz_engine_form(in->eng);
	yz_kv_list kv = {0};
	if (yz_service_registry_prefill(in->t->s, f, yz_engine_values(in->eng), r, &kv, NULL) != 0)
		return;
	for (size_t k = 0; k < kv.n; k++) {
		const yz_field_def *d = yz_form_field(f, kv.keys[k]);
		if (d && yz_engine_goto(in->eng, (size_t)(d - f->fields), 0, 0))
			yz_engine_set_text(in->eng, kv.vals[k]);
	}
	yz_service_kv_free(&kv);
	yz_engine_goto(in->eng, from, 0, 0);
	members_applicant(in->t, in->eng, r); /* member 1 of a household table */
}

static void resident_picked(yz_tui *t, void *ctx, const yz_resident *r)
{
	intake *in = ctx;
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	size_t at = yz_engine_field_index(in->eng);
	if (!d || d->type != YZ_FIELD_RESIDENT || !yz_engine_set_text(in->eng, r->idno))
		return;
	prefill_from_registry(in, at, r);
	/* Go on with the next field: the clerk's hands stay on the keyboard. */
	if (yz_engine_key(in->eng, YZ_KEY_NEXT, 0) == YZ_KEY_INVALID)
		report(t, in, YZ_KEY_INVALID);
	else
		tui_msg(t, TUI_MSG_INFO, _("%s: %s"), d->label, r->name);
}

static void search_resident(yz_tui *t, intake *in, const char *query)
{
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	screen_resident_find_query(t, resident_picked, in, d ? d->label : "", query);
}

/* Keys of a resident cell: typing searches the registry. */
static bool resident_key(yz_tui *t, intake *in, tui_key k)
{
	if (key_code(k, KEY_F(5)) || (key_enter(k) && !*yz_engine_text(in->eng))) {
		search_resident(t, in, "");
		return true;
	}
	if (key_printable(k) && k.ch != ' ') {
		char q[8] = {0};
		yz_utf8_encode((uint32_t)k.ch, q);
		search_resident(t, in, q);
		return true;
	}
	if (key_backspace(k) || key_code(k, KEY_DC) || key_ch(k, TUI_CTRL('u'))) {
		yz_engine_set_text(in->eng, "");
		return true;
	}
	return false;
}

/* ---- yes/no and multichoice ------------------------------------------------------ */

static bool yesno_key(intake *in, tui_key k)
{
	const char *now = yz_engine_text(in->eng);
	const char *v = NULL;

	if (key_ch(k, 'y') || key_ch(k, 'Y') || key_ch(k, '1'))
		v = "yes";
	else if (key_ch(k, 'n') || key_ch(k, 'N') || key_ch(k, '2'))
		v = "no";
	else if (key_ch(k, ' ') || key_code(k, KEY_LEFT) || key_code(k, KEY_RIGHT))
		v = strcmp(now, "yes") == 0 ? "no" : "yes";
	else if (key_backspace(k) || key_code(k, KEY_DC) || key_ch(k, TUI_CTRL('u')))
		v = "";
	else if (key_printable(k)) {
		beep();
		return true;
	}
	if (!v)
		return false;
	yz_engine_set_text(in->eng, v);
	return true;
}

static bool multi_key(intake *in, tui_key k)
{
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	size_t n = d->n_options, pick = n;

	if (n == 0)
		return false;
	if (key_code(k, KEY_RIGHT)) {
		in->fv.multi_sel = (in->fv.multi_sel + 1) % n;
		return true;
	}
	if (key_code(k, KEY_LEFT)) {
		in->fv.multi_sel = (in->fv.multi_sel + n - 1) % n;
		return true;
	}
	if (key_ch(k, ' '))
		pick = in->fv.multi_sel;
	else if (!k.is_code && k.ch >= '1' && k.ch <= '9' && (size_t)(k.ch - '1') < n)
		pick = in->fv.multi_sel = (size_t)(k.ch - '1');
	else if (key_ch(k, TUI_CTRL('u'))) {
		yz_engine_set_text(in->eng, "");
		return true;
	} else if (key_printable(k)) {
		beep();
		return true;
	}
	if (pick == n)
		return false;
	char *nv = multi_toggle(d, yz_engine_text(in->eng), pick);
	if (nv)
		yz_engine_set_text(in->eng, nv);
	free(nv);
	return true;
}

/* A choice that holds a whole option (the usual one it started with, or one
 * chosen before): a character typed chooses anew instead of adding to it. */
static void choice_over(intake *in, const yz_field_def *d, tui_key k)
{
	const char *now = yz_engine_text(in->eng);

	if (!key_printable(k) || k.ch == ' ' || !*now)
		return;
	for (size_t i = 0; i < d->n_options; i++)
		if (strcmp(now, d->options[i]) == 0) {
			yz_engine_set_text(in->eng, "");
			return;
		}
}

/* ---- tables --------------------------------------------------------------------- */

static bool row_empty(const intake *in, const yz_field_def *table, int row)
{
	for (size_t c = 0; c < table->n_columns; c++) {
		const char *v =
		    yz_table_get(yz_engine_values(in->eng), table->id, row, table->columns[c].id);
		if (v && *v)
			return false;
	}
	return true;
}

/* The name marks of the rows below a deleted row move up with them, as the
 * engine moves the rows' values: a mark stays with its member (issue 12). */
static void marks_row_deleted(intake *in, const yz_field_def *table, int row)
{
	char key[96], rows[16];

	snprintf(key, sizeof key, "%s.rows", table->id);
	snprintf(rows, sizeof rows, "%d", yz_table_rows(yz_engine_values(in->eng), table->id) + 1);
	yz_values_set(&in->marks, key, rows); /* the rows before the deletion */
	yz_table_delete_row(&in->marks, table->id, row);
	yz_values_set(&in->marks, key, NULL);
	save_draft(in);
}

static void delete_row(yz_tui *t, intake *in)
{
	const yz_field_def *table = &in->f->fields[yz_engine_field_index(in->eng)];
	int row = yz_engine_row(in->eng);
	char q[256];

	if (row == 0) {
		beep();
		return;
	}
	tui_fmt(q, sizeof q, _("Delete row %d of %s?"), row, table->label);
	if ((row_empty(in, table, row) || tui_confirm(t, table->label, q)) &&
	    run(t, in, YZ_KEY_ROW_DELETE, 0) == YZ_KEY_DONE)
		marks_row_deleted(in, table, row);
}

/* Up/Down inside a table: the same column of the row above or below; past the
 * first or last row, on to the field before or after the table. */
static void table_vertical(yz_tui *t, intake *in, int dir)
{
	const yz_field_def *table = &in->f->fields[yz_engine_field_index(in->eng)];
	size_t field = yz_engine_field_index(in->eng), col = yz_engine_col(in->eng);
	int target = yz_engine_row(in->eng) + dir;

	if (target >= 1 && target <= yz_table_rows(yz_engine_values(in->eng), table->id)) {
		if (cell_ok(t, in))
			yz_engine_goto(in->eng, field, target, col);
		return;
	}
	for (size_t guard = 0; guard < (table->n_columns + 1) * YZ_TABLE_MAX_ROWS; guard++) {
		resolve_choice(in);
		yz_key_result r = run(t, in, dir > 0 ? YZ_KEY_NEXT : YZ_KEY_PREV, 0);
		if (r != YZ_KEY_DONE || yz_engine_field_index(in->eng) != field)
			return;
	}
}

static bool table_key(yz_tui *t, intake *in, tui_key k)
{
	const yz_field_def *f = &in->f->fields[yz_engine_field_index(in->eng)];

	if (f->type != YZ_FIELD_TABLE)
		return false;
	if (members_key(t, &in->fv, k)) /* F7/F8: members from the registry */
		return true;
	if (key_code(k, KEY_F(3))) {
		resolve_choice(in);
		run(t, in, YZ_KEY_ROW_ADD, 0);
		return true;
	}
	if (key_code(k, KEY_F(4))) {
		delete_row(t, in);
		return true;
	}
	if (yz_engine_row(in->eng) > 0 && (key_code(k, KEY_UP) || key_code(k, KEY_DOWN))) {
		table_vertical(t, in, key_code(k, KEY_UP) ? -1 : 1);
		return true;
	}
	return false;
}

/* ---- keys of a cell ------------------------------------------------------------------ */

/* Keys that move between fields and pages. */
static bool move_keys(yz_tui *t, intake *in, tui_key k)
{
	if (key_ch(k, '\t') || key_ch(k, '\r') || key_code(k, KEY_ENTER) || key_code(k, KEY_DOWN))
		step(t, in, true);
	else if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP))
		step(t, in, false);
	else if (key_code(k, KEY_NPAGE))
		page(t, in, true);
	else if (key_code(k, KEY_PPAGE))
		page(t, in, false);
	else
		return false;
	return true;
}

static bool cell_key(yz_tui *t, intake *in, tui_key k)
{
	const yz_field_def *d = yz_engine_cell_def(in->eng);

	if (!d)
		return move_keys(t, in, k);
	if (d->type == YZ_FIELD_RESIDENT && resident_key(t, in, k))
		return true;
	if (d->type == YZ_FIELD_YESNO && yesno_key(in, k))
		return true;
	if (d->type == YZ_FIELD_MULTICHOICE && multi_key(in, k))
		return true;
	if (d->type == YZ_FIELD_CHOICE)
		choice_over(in, d, k);
	/* In a memo Enter and Ctrl-J break the line, Up/Down move by row. */
	if (d->type == YZ_FIELD_MEMO && formview_memo_key(t, &in->fv, k))
		return true;
	/* Ctrl-J elsewhere is Enter, as some terminals send it. */
	if (key_ch(k, '\n') && d->type != YZ_FIELD_MEMO) {
		step(t, in, true);
		return true;
	}
	if (table_key(t, in, k) || move_keys(t, in, k))
		return true;
	if (d->type == YZ_FIELD_TABLE) /* the table itself, no row yet */
		return false;
	return formview_edit_key(t, &in->fv, k);
}

/* ---- the materials checklist --------------------------------------------------------- */

static bool material_key(yz_tui *t, intake *in, tui_key k)
{
	size_t n = in->f->n_materials;

	if (key_ch(k, ' ')) {
		in->ticked[in->mat] = !in->ticked[in->mat];
		save_draft(in);
		/* A message about the checklist is answered by this tick: show the tick. */
		tui_msg(t, TUI_MSG_INFO,
		        in->ticked[in->mat] ? _("Received: %s") : _("Not received: %s"),
		        in->f->materials[in->mat].label);
	} else if (key_ch(k, '\t') || key_enter(k) || key_code(k, KEY_DOWN)) {
		if ((size_t)in->mat + 1 < n)
			in->mat++;
		else
			tui_msg(t, TUI_MSG_INFO, "%s",
			        _("All filled in? F6 to preview, F9 to submit."));
	} else if (key_code(k, KEY_BTAB) || key_code(k, KEY_UP)) {
		in->mat--;
	} else if (key_code(k, KEY_PPAGE)) {
		in->mat = -1;
	} else {
		return false;
	}
	return true;
}

/* F12, wherever the focus is: every material received, the usual case; the
 * clerk then unticks what is missing (Space on it). */
static void tick_all(yz_tui *t, intake *in)
{
	for (size_t i = 0; i < in->f->n_materials; i++)
		in->ticked[i] = true;
	save_draft(in);
	tui_msg(t, TUI_MSG_INFO, "%s",
	        _("All materials ticked as received. Untick a missing one with Space on it."));
}

static void draw_material(yz_tui *t, void *ctx, size_t i, int y, bool focus)
{
	intake *in = ctx;
	char buf[320];

	if (i == 0) {
		tui_put(y, 1, _("Materials (Space ticks, F12 ticks all)"), COLS - 2,
		        tui_attr(t, ROLE_HEADER));
		return;
	}
	const yz_material_def *m = &in->f->materials[i - 1];
	snprintf(buf, sizeof buf, "[%s] %s%s", in->ticked[i - 1] ? "x" : " ",
	         m->required ? "*" : "", m->label);
	int used = tui_put(y, 3, buf, COLS - 4, focus ? tui_attr(t, ROLE_FOCUS) : A_NORMAL);
	if (focus) {
		t->cur_y = y;
		t->cur_x = 4;
	}
	if (m->note && *m->note)
		snprintf(buf, sizeof buf, "%s", m->note);
	else if (m->original)
		snprintf(buf, sizeof buf, "%s", _("original, seen"));
	else
		snprintf(buf, sizeof buf, _("copy, %d"), m->count > 0 ? m->count : 1);
	if (3 + used + 2 < COLS)
		tui_put(y, 3 + used + 2, buf, COLS - used - 6, tui_attr(t, ROLE_DIM));
}

/* ---- preview and submit -------------------------------------------------------------- */

static void preview_table(intake *in, FILE *m, const yz_field_def *d)
{
	const yz_values *v = yz_engine_values(in->eng);
	int rows = yz_table_rows(v, d->id);
	char buf[512];

	fprintf(m, "%s:\n", d->label);
	for (int r = 1; r <= rows; r++) {
		fprintf(m, "  %d.", r);
		for (size_t c = 0; c < d->n_columns; c++) {
			const yz_field_def *cd = &d->columns[c];
			formview_value_text(&in->fv, cd, yz_table_get(v, d->id, r, cd->id), buf,
			                    sizeof buf);
			fprintf(m, " %s", *buf ? buf : "-");
		}
		fputc('\n', m);
	}
}

static void preview(yz_tui *t, intake *in)
{
	char *text = NULL, buf[512];
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return;
	fprintf(m, "%s\n", in->f->title);
	for (size_t i = 0; i < in->f->n_fields; i++) {
		const yz_field_def *d = &in->f->fields[i];
		if (!yz_engine_field_visible(in->eng, i))
			continue;
		if (d->type == YZ_FIELD_TABLE) {
			preview_table(in, m, d);
			continue;
		}
		formview_value_text(&in->fv, d, yz_values_get(yz_engine_values(in->eng), d->id),
		                    buf, sizeof buf);
		fprintf(m, _("%s: %s"), d->label, buf);
		fputc('\n', m);
	}
	fprintf(m, "\n%s\n", _("Materials received:"));
	size_t n = 0;
	for (size_t i = 0; i < in->f->n_materials; i++)
		if (in->ticked[i] && ++n)
			fprintf(m, "  [x] %s\n", in->f->materials[i].label);
	if (n == 0)
		fprintf(m, "  %s\n", _("(none)"));
	fclose(m);
	tui_textview(t, _("Preview before submitting"), text);
	free(text);
}

/* The fields, the rules, then the materials; false with the focus on the first
 * problem and the message in the status line. */
static bool ready(yz_tui *t, intake *in)
{
	if (yz_engine_submit(in->eng) != YZ_KEY_SUBMITTED) {
		yz_form_error where = {-1, 0, -1, -1};
		yz_err err = {{0}};
		/* A rule keeps the focus where it is; a field takes it. */
		if (yz_form_validate_full(in->f, yz_engine_values(in->eng), &in->env, &where,
		                          &err) ||
		    where.field >= 0)
			in->mat = -1;
		tui_msg(t, TUI_MSG_ERROR, "%s", yz_engine_message(in->eng));
		return false;
	}
	for (size_t i = 0; i < in->f->n_materials; i++) {
		const yz_material_def *m = &in->f->materials[i];
		if (m->required && !in->ticked[i]) {
			in->mat = (long)i;
			tui_msg(t, TUI_MSG_ERROR,
			        _("Required material not ticked: %s. Check it and press Space."),
			        m->label);
			return false;
		}
	}
	return true;
}

/* ---- a name in another script (issue 12) ------------------------------------------ */

/* The mark's key of the name cell under the cursor into key; false elsewhere. */
static bool name_mark_key(const intake *in, char *key, size_t n)
{
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	const yz_field_def *f = &in->f->fields[yz_engine_field_index(in->eng)];
	if (!d || d->type != YZ_FIELD_NAME)
		return false;
	if (d == f)
		snprintf(key, n, "%s%s", f->id, YZ_NAME_MARK_SUFFIX);
	else
		snprintf(key, n, "%s.%d.%s%s", f->id, yz_engine_row(in->eng), d->id,
		         YZ_NAME_MARK_SUFFIX);
	return true;
}

static bool name_marked(const intake *in)
{
	char key[256];
	return name_mark_key(in, key, sizeof key) && yz_values_get(&in->marks, key);
}

/* F2 on a name: marked as a foreign or minority-script name (letters other
 * than Chinese characters accepted at submit), or the mark taken off. */
static bool mark_name(yz_tui *t, intake *in)
{
	char key[256];
	if (!name_mark_key(in, key, sizeof key))
		return false;
	bool on = !yz_values_get(&in->marks, key);
	yz_values_set(&in->marks, key, on ? YZ_NAME_MARK_OTHER : NULL);
	save_draft(in); /* kept through a power cut */
	tui_msg(t, TUI_MSG_INFO, "%s",
	        on ? _("Marked as a foreign or minority-script name: letters other than Chinese "
	               "characters are accepted.")
	           : _("Mark taken off: the name is written in Chinese characters."));
	return true;
}

/* The engine's values with the name marks, for submit; clear it after. */
static void values_with_marks(const intake *in, yz_values *out)
{
	const yz_values *v = yz_engine_values(in->eng);
	for (size_t i = 0; i < v->n; i++)
		yz_values_set(out, v->keys[i], v->vals[i]);
	for (size_t i = 0; i < in->marks.n; i++)
		yz_values_set(out, in->marks.keys[i], in->marks.vals[i]);
}

static void submit(yz_tui *t, intake *in)
{
	const char *mats[128];
	size_t n = 0;
	yz_submitted sub;
	yz_err err = {{0}};

	if (!ready(t, in))
		return;
	for (size_t i = 0; i < in->f->n_materials && n < 128; i++)
		if (in->ticked[i])
			mats[n++] = in->f->materials[i].label;
	/* In one transaction with the case: a household table's members not in the
	 * registry are registered, a residence start typed goes to the registry. */
	yz_values all = {0}; /* with the names marked foreign or minority script */
	values_with_marks(in, &all);
	/* The draft's removal and the print jobs are in the case's transaction too. */
	int rc = yz_service_submit_counter(t->s, in->f, &all, mats, n, &sub, &err);
	/* A second open case of the item: only the head may accept it (audited). */
	if (rc != 0 && err.code == YZ_ERR_EXISTS && yz_service_is_head(t->s) &&
	    yz_service_duplicate_of(t->s, in->f, &all, NULL, NULL) == 1 &&
	    tui_confirm(t, _("Accept a second case?"), err.msg)) {
		yz_service_submit_override(t->s);
		rc = yz_service_submit_counter(t->s, in->f, &all, mats, n, &sub, &err);
	}
	yz_values_clear(&all);
	if (rc != 0) {
		tui_msg(t, TUI_MSG_ERROR, _("Not submitted: %s"), err.msg);
		return;
	}
	/* The registry's write-back (one number, one source) was committed with the case. */
	const yz_form *f = in->f;
	tui_pop(t); /* frees in */
	screen_accepted_push(t, &sub, f);
}

/* ---- the screen ------------------------------------------------------------------------ */

static void intake_draw(yz_tui *t, yz_screen *sc)
{
	intake *in = sc->data;
	const yz_form *f = in->f;
	char buf[512];

	tui_fmt(buf, sizeof buf, _("New service: %s"), f->title);
	tui_title(t, buf);
	tui_fmt(buf, sizeof buf, "%s  %s  %s", f->line ? f->line : "", f->kind ? f->kind : "",
	        f->authority ? f->authority : "");
	int used = tui_put(1, 2, buf, COLS / 2, tui_attr(t, ROLE_DIM));
	if (f->n_pages > 1) {
		size_t p = yz_engine_page(in->eng);
		tui_fmt(buf, sizeof buf, _("Page %zu/%zu %s"), p + 1, f->n_pages,
		        f->pages[p].title ? f->pages[p].title : "");
		int w = yz_text_width(buf);
		int x = COLS - w - 2 > used + 4 ? COLS - w - 2 : used + 4;
		tui_put(1, x, buf, COLS - x - 1, A_BOLD);
	}
	size_t extra = f->n_materials ? f->n_materials + 1 : 0;
	formview_draw(t, &in->fv, 3, LINES - 3, extra, in->mat >= 0 ? in->mat + 1 : -1,
	              draw_material, in);
	if (in->mat < 0) {
		formview_hint(&in->fv, buf, sizeof buf);
		tui_put(LINES - 3, 2, buf, COLS - 4, tui_attr(t, ROLE_DIM));
	}
}

static bool leave_form(yz_tui *t, intake *in)
{
	if (!anything_typed(in)) {
		yz_service_draft_delete(t->s, in->f->id, NULL);
		tui_msg_clear(t);
		tui_pop(t);
		return true;
	}
	if (tui_confirm(t, in->f->title, _("Leave this form? What you typed is kept as a draft.")))
		tui_pop(t);
	return true;
}

static bool intake_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	intake *in = sc->data;

	if (key_esc(k) || key_code(k, KEY_F(10)))
		return leave_form(t, in);
	if (key_code(k, KEY_F(9)) || key_ch(k, TUI_CTRL('s'))) {
		submit(t, in);
		return true;
	}
	if (key_code(k, KEY_F(6))) {
		preview(t, in);
		return true;
	}
	if (key_code(k, KEY_F(12)) && in->f->n_materials > 0) {
		tick_all(t, in);
		return true;
	}
	if (key_code(k, KEY_F(2)) && in->mat < 0 && mark_name(t, in))
		return true;
	if (in->mat >= 0)
		return material_key(t, in, k);
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	char before[512];
	snprintf(before, sizeof before, "%s", yz_engine_text(in->eng));
	bool used = cell_key(t, in, k);
	usual_touched(in, d, before);
	return used;
}

static void intake_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	intake *in = sc->data;
	yz_engine_free(in->eng);
	free(in->ticked);
	yz_service_kv_free(&in->usual);
	yz_values_clear(&in->marks);
	yz_values_clear(&in->untouched);
	free(in);
}

static size_t cell_hints(intake *in, yz_keyhint *out)
{
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	size_t n = 0;

	if (in->mat >= 0) {
		out[n++] = (yz_keyhint){"Space", N_("Tick")};
		return n;
	}
	if (d && d->type == YZ_FIELD_RESIDENT)
		out[n++] = (yz_keyhint){"F5", N_("Search")};
	if (d && d->type == YZ_FIELD_MEMO)
		out[n++] = (yz_keyhint){"Enter", N_("New line")};
	if (d && d->type == YZ_FIELD_NAME) /* issue 12: a name in another script */
		out[n++] =
		    (yz_keyhint){"F2", name_marked(in) ? N_("Chinese name") : N_("Foreign name")};
	if (yz_engine_field_index(in->eng) < in->f->n_fields &&
	    in->f->fields[yz_engine_field_index(in->eng)].type == YZ_FIELD_TABLE) {
		out[n++] = (yz_keyhint){"F3", N_("Add row")};
		n += members_hints(in->eng, out + n);
		if (yz_engine_row(in->eng) > 0)
			out[n++] = (yz_keyhint){"F4", N_("Delete row")};
	}
	return n;
}

static size_t intake_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	intake *in = sc->data;
	yz_keyhint k[16]; /* 11 at most: a table's name cell on a form with materials */
	size_t n = 0;

	k[n++] = (yz_keyhint){"Tab", N_("Next")};
	if (in->f->n_pages > 1 || in->f->n_materials > 0)
		k[n++] = (yz_keyhint){"PgDn", N_("Page")};
	n += cell_hints(in, k + n);
	if (in->f->n_materials > 0)
		k[n++] = (yz_keyhint){"F12", N_("All materials")};
	k[n++] = (yz_keyhint){"F6", N_("Preview")};
	k[n++] = (yz_keyhint){"F9", N_("Submit")};
	k[n++] = (yz_keyhint){"Esc", N_("Leave")};
	return tui_put_keys(out, max, k, n);
}

/* F1: the help of the field (and its table) with the keys of the screen. */
static char *intake_help(yz_tui *t, yz_screen *sc, char *title, size_t n)
{
	(void)t;
	intake *in = sc->data;
	const yz_field_def *d = yz_engine_cell_def(in->eng), *f;
	char hint[512];

	if (in->mat >= 0 || !d) {
		snprintf(title, n, "%s", _("Materials (Space ticks)"));
		return NULL;
	}
	f = &in->f->fields[yz_engine_field_index(in->eng)]; /* the table of a column */
	snprintf(title, n, "%s", d->label);
	formview_hint(&in->fv, hint, sizeof hint);
	return yz_strdup_printf("%s%s%s%s%s\n", d != f && f->help ? f->help : "",
	                        d != f && f->help ? "\n\n" : "",
	                        d->help ? d->help : _("No help was written for this field."),
	                        *hint ? "\n\n" : "", hint);
}

/* Issue 15: the focused cell's kind for the pinyin input; the checklist has none. */
static tui_field_kind intake_field(yz_tui *t, yz_screen *sc, tui_focus *at)
{
	(void)t;
	intake *in = sc->data;
	if (in->mat >= 0)
		return TUI_FIELD_NONE;
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	*at = (tui_focus){d, yz_engine_text(in->eng), yz_engine_cursor(in->eng)};
	return formview_field_kind(d);
}

static const yz_screen_ops intake_ops = {
    .name = "intake",
    .draw = intake_draw,
    .key = intake_key,
    .leave = intake_leave,
    .keys = intake_keys,
    .help = intake_help,
    .field = intake_field,
};

static intake *intake_new(yz_tui *t, const yz_form *f)
{
	intake *in = calloc(1, sizeof *in);

	if (!in)
		return NULL;
	in->t = t;
	in->f = f;
	in->mat = -1;
	yz_service_eval_env(t->s, &in->env);
	in->eng = yz_engine_new(f, &in->env);
	in->ticked = calloc(f->n_materials + 1, sizeof *in->ticked);
	if (!in->eng || !in->ticked) {
		yz_engine_free(in->eng);
		free(in->ticked);
		free(in);
		return NULL;
	}
	in->fv.eng = in->eng;
	in->fv.s = t->s;
	in->fv.env = in->env;
	in->fv.usual = &in->untouched;
	return in;
}

/* A new form's choices start with the station's usual values (the clerk may
 * change them; a station with no cases of the form has none). */
static void start_usual(yz_tui *t, intake *in)
{
	size_t at = yz_engine_field_index(in->eng);

	if (yz_service_choice_defaults(t->s, in->f, &in->usual, NULL) < 0)
		return;
	for (size_t k = 0; k < in->usual.n; k++) {
		const yz_field_def *d = yz_form_field(in->f, in->usual.keys[k]);
		if (d && yz_engine_goto(in->eng, (size_t)(d - in->f->fields), 0, 0) &&
		    yz_engine_set_text(in->eng, in->usual.vals[k]))
			yz_values_set(&in->untouched, d->id, in->usual.vals[k]);
	}
	yz_engine_goto(in->eng, at, 0, 0);
}

void screen_intake_push(yz_tui *t, const yz_form *f)
{
	intake *in = intake_new(t, f);

	if (!in)
		return;
	bool resumed = offer_draft(t, in);
	if (!resumed)
		start_usual(t, in);
	/* Saved from now on: loading the draft is not a change. */
	yz_engine_on_change(in->eng, engine_changed, in);
	tui_push(t, &intake_ops, in);
	/* Most items start with the applicant: go straight to the search, or past
	 * the applicant already chosen in the draft. */
	const yz_field_def *d = yz_engine_cell_def(in->eng);
	if (d && d->type == YZ_FIELD_RESIDENT) {
		if (!*yz_engine_text(in->eng))
			search_resident(t, in, "");
		else if (resumed)
			yz_engine_key(in->eng, YZ_KEY_NEXT, 0);
	}
}
