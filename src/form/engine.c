/* The intake engine: filling one form without a terminal (see form.h).
 *
 * The position is a cell: a field, or a table's (row, column). The current
 * cell's text is edited with the one field editor (yz_line: code points, so
 * that the cursor moves by characters); every edit is written to the values at
 * once (the TUI saves the draft after each change) and the computed fields are
 * recomputed. A cell is normalised and validated when the cursor leaves it: an
 * invalid value keeps the cursor there with a message; an empty required field
 * is only refused at submit, so that the clerk may fill a form in any order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "form_internal.h"

#define ENG_KEY_MAX 192 /* longest cell key "table.row.column" */

struct yz_engine {
	const yz_form *form;            /* the form being filled */
	yz_eval_env env;                /* today and settings */
	yz_values values;               /* everything typed so far, plus computed values */
	size_t field;                   /* current field index */
	int row;                        /* table row (1-based), 0 outside a row */
	size_t col;                     /* table column index */
	bool has_cell;                  /* false when no field can take the cursor */
	yz_line line;                   /* the current cell's text, cursor and scroll */
	char msg[512];                  /* status-line message, "" when none */
	bool changed;                   /* a value changed since yz_engine_clear_changed */
	yz_engine_changed_fn on_change; /* called after each change */
	void *on_change_ctx;            /* its argument */
	bool quick;                     /* quick mode (issue 18): digits pick and move on */
};

/* ---- cells -------------------------------------------------------------- */

/* The current field; only called when has_cell (a form may have no field). */
static const yz_field_def *field_def(const yz_engine *e)
{
	return e->form->fields + e->field;
}

const yz_field_def *yz_engine_cell_def(const yz_engine *e)
{
	const yz_field_def *f;

	if (!e->has_cell)
		return NULL;
	f = field_def(e);
	return f->type == YZ_FIELD_TABLE && e->row > 0 ? &f->columns[e->col] : f;
}

/* The values key of the current cell; false on the table itself (no text). */
static bool cell_key(const yz_engine *e, char key[ENG_KEY_MAX])
{
	const yz_field_def *f;

	if (!e->has_cell)
		return false;
	f = field_def(e);
	if (f->type != YZ_FIELD_TABLE) {
		snprintf(key, ENG_KEY_MAX, "%s", f->id);
		return true;
	}
	if (e->row == 0)
		return false;
	snprintf(key, ENG_KEY_MAX, "%s.%d.%s", f->id, e->row, f->columns[e->col].id);
	return true;
}

/* The widest text a cell takes, in display columns. */
static int max_width(const yz_field_def *d)
{
	switch (d->type) {
	case YZ_FIELD_IDCARD:
	case YZ_FIELD_RESIDENT:
		return 18;
	case YZ_FIELD_PHONE:
		return 20;
	case YZ_FIELD_DATE:
		return 10;
	case YZ_FIELD_MONEY:
		return 20;
	case YZ_FIELD_INTEGER:
		return 13;
	case YZ_FIELD_ADDRESS:
		return d->width > 0 ? d->width : 80;
	case YZ_FIELD_MEMO:
		return 0; /* wrapped in its box: its limit is max_chars */
	default:
		return d->width > 0 ? d->width : 60;
	}
}

/* The most characters a memo takes (0 for other cells). */
static size_t max_chars(const yz_field_def *d)
{
	if (d == NULL || d->type != YZ_FIELD_MEMO)
		return 0;
	return d->max_chars > 0 ? (size_t)d->max_chars : YZ_MEMO_MAX_CHARS;
}

/* Load the current cell's value into the editor, with the cell's width limit;
 * cursor at the end. A draft is ours, but its bytes are cleaned all the same. */
static void load_cell(yz_engine *e)
{
	char key[ENG_KEY_MAX];
	const yz_field_def *d = yz_engine_cell_def(e);
	const char *s = cell_key(e, key) ? yz_values_get(&e->values, key) : NULL;

	e->line.max_width = d ? max_width(d) : 0;
	e->line.max_chars = max_chars(d);
	e->line.newlines = d && d->type == YZ_FIELD_MEMO;
	yz_line_set(&e->line, s);
}

static void changed(yz_engine *e)
{
	e->changed = true;
	if (e->on_change)
		e->on_change(e, e->on_change_ctx);
}

static void recompute(yz_engine *e)
{
	yz_form_compute(e->form, &e->values, &e->env);
}

/* Write the edit buffer to the values, recompute, tell the listener. */
static void store_cell(yz_engine *e)
{
	char key[ENG_KEY_MAX];

	if (!cell_key(e, key))
		return;
	yz_values_set(&e->values, key, e->line.len ? yz_line_text(&e->line) : NULL);
	recompute(e);
	changed(e);
}

/* ---- moving --------------------------------------------------------------- */

static bool focusable(const yz_engine *e, size_t i)
{
	const yz_field_def *f = &e->form->fields[i];

	return f->type != YZ_FIELD_COMPUTED && yz_field_visible(f, &e->values, &e->env);
}

bool yz_engine_field_visible(const yz_engine *e, size_t field)
{
	return field < e->form->n_fields &&
	       yz_field_visible(&e->form->fields[field], &e->values, &e->env);
}

static void enter(yz_engine *e, size_t field, int row, size_t col)
{
	e->field = field;
	e->row = row;
	e->col = col;
	e->has_cell = true;
	load_cell(e);
}

/* Enter field i from above (first cell) or below (last cell). */
static void enter_field(yz_engine *e, size_t i, bool from_above)
{
	const yz_field_def *f = &e->form->fields[i];
	int rows = f->type == YZ_FIELD_TABLE ? yz_table_rows(&e->values, f->id) : 0;

	if (rows == 0 || from_above)
		enter(e, i, rows > 0, 0);
	else
		enter(e, i, rows, f->n_columns - 1);
}

static bool first_focusable(yz_engine *e, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (focusable(e, i)) {
			enter_field(e, i, true);
			return true;
		}
	}
	return false;
}

static bool move_next(yz_engine *e)
{
	const yz_field_def *f = field_def(e);

	if (f->type == YZ_FIELD_TABLE && e->row > 0) {
		if (e->col + 1 < f->n_columns) {
			enter(e, e->field, e->row, e->col + 1);
			return true;
		}
		if (e->row < yz_table_rows(&e->values, f->id)) {
			enter(e, e->field, e->row + 1, 0);
			return true;
		}
	}
	return first_focusable(e, e->field + 1, e->form->n_fields);
}

static bool move_prev(yz_engine *e)
{
	const yz_field_def *f = field_def(e);

	if (f->type == YZ_FIELD_TABLE && e->row > 0) {
		if (e->col > 0) {
			enter(e, e->field, e->row, e->col - 1);
			return true;
		}
		if (e->row > 1) {
			enter(e, e->field, e->row - 1, f->n_columns - 1);
			return true;
		}
	}
	for (size_t i = e->field; i-- > 0;) {
		if (focusable(e, i)) {
			enter_field(e, i, false);
			return true;
		}
	}
	return false;
}

/* Normalise and validate the current cell before leaving it. */
static bool leave_ok(yz_engine *e)
{
	const yz_field_def *d = yz_engine_cell_def(e);
	char key[ENG_KEY_MAX];
	yz_field_def lenient;
	yz_err err;
	char *norm;

	if (d == NULL || !cell_key(e, key))
		return true;
	norm = e->line.len ? yz_field_normalize(d, yz_line_text(&e->line)) : NULL;
	/* Required fields are checked at submit: here only what was typed. */
	lenient = *d;
	lenient.required = false;
	if (!yz_field_validate(&lenient, norm ? norm : yz_values_get(&e->values, key), e->env.today,
	                       &err)) {
		/* Refused: the text stays as the clerk typed it ("2 3 4 5 1 6", not
		 * six option names), so that it is mended where it was typed. */
		free(norm);
		snprintf(e->msg, sizeof e->msg, "%s", err.msg);
		return false;
	}
	if (norm && strcmp(norm, yz_line_text(&e->line)) != 0) {
		yz_values_set(&e->values, key, *norm ? norm : NULL);
		load_cell(e);
		recompute(e);
		changed(e);
	}
	free(norm);
	return true;
}

static yz_key_result go_page(yz_engine *e, bool forward)
{
	const yz_form *f = e->form;
	long page = f->fields[e->field].page;

	for (long p = page + (forward ? 1 : -1); p >= 0 && (size_t)p < f->n_pages;
	     p += forward ? 1 : -1) {
		const yz_page_def *pg = &f->pages[p];
		if (first_focusable(e, pg->first, pg->first + pg->n_fields))
			return YZ_KEY_DONE;
	}
	snprintf(e->msg, sizeof e->msg, "%s",
	         forward ? _("This is the last page.") : _("This is the first page."));
	return YZ_KEY_REFUSED;
}

/* ---- editing ------------------------------------------------------------ */

/* Whether cp may be typed into a cell of type t (digits-only types refuse
 * letters at once instead of at validation). */
static bool char_fits(yz_field_type t, uint32_t cp)
{
	bool digit = cp >= '0' && cp <= '9';

	switch (t) {
	case YZ_FIELD_IDCARD:
	case YZ_FIELD_RESIDENT:
		return digit || cp == 'X' || cp == 'x';
	case YZ_FIELD_MONEY:
		return digit || cp == '.' || cp == '-';
	case YZ_FIELD_INTEGER:
		return digit || cp == '-';
	case YZ_FIELD_PHONE:
	case YZ_FIELD_DATE:
		return digit || cp == '-';
	default:
		return true;
	}
}

/* A key refused by char_fits is said, not dropped silently: a clerk who types
 * a letter into a serial number sees why nothing appeared. */
static void refuse_char(yz_engine *e, const yz_field_def *d)
{
	const char *what;

	switch (d->type) {
	case YZ_FIELD_IDCARD:
	case YZ_FIELD_RESIDENT:
		what = _("%s takes an ID number: digits, and X as the last character");
		break;
	case YZ_FIELD_MONEY:
		what = _("%s takes an amount of yuan: digits and a decimal point");
		break;
	case YZ_FIELD_INTEGER:
		what = _("%s takes a whole number: digits only");
		break;
	case YZ_FIELD_PHONE:
		what = _("%s takes a phone number: digits, and - in a landline number");
		break;
	default: /* date */
		what = _("%s takes a date: digits and -, such as 2026-12-06");
		break;
	}
	snprintf(e->msg, sizeof e->msg, what, d->label);
}

static yz_key_result insert(yz_engine *e, uint32_t cp)
{
	const yz_field_def *d = yz_engine_cell_def(e);

	if (d == NULL || (e->row == 0 && d->type == YZ_FIELD_TABLE))
		return YZ_KEY_REFUSED;
	if (!char_fits(d->type, cp)) {
		refuse_char(e, d);
		return YZ_KEY_REFUSED;
	}
	if ((d->type == YZ_FIELD_IDCARD || d->type == YZ_FIELD_RESIDENT) && cp == 'x')
		cp = 'X';
	switch (yz_line_insert(&e->line, cp)) {
	case YZ_LINE_CHANGED:
		break;
	case YZ_LINE_FULL: /* said at the key that did not fit: nothing is cut silently */
		if (d->type == YZ_FIELD_MEMO)
			snprintf(e->msg, sizeof e->msg,
			         _("%s is full: at most %zu characters. Nothing more was added."),
			         d->label, max_chars(d));
		else
			snprintf(e->msg, sizeof e->msg,
			         _("%s is full: at most %d columns (a Chinese character takes 2). "
			           "Nothing more was added."),
			         d->label, max_width(d));
		return YZ_KEY_REFUSED;
	default: /* controls, surrogates and non-characters never enter a value */
		return YZ_KEY_REFUSED;
	}
	store_cell(e);
	/* A full fixed-width field moves on by itself. */
	if ((d->type == YZ_FIELD_IDCARD || d->type == YZ_FIELD_RESIDENT) && e->line.len == 18 &&
	    e->line.cursor == 18)
		return yz_engine_key(e, YZ_KEY_NEXT, 0);
	return YZ_KEY_DONE;
}

/* An editing operation on the current cell; a changed text is stored. */
static yz_key_result edit(yz_engine *e, yz_line_op op)
{
	switch (yz_line_edit(&e->line, op)) {
	case YZ_LINE_CHANGED:
		store_cell(e);
		return YZ_KEY_DONE;
	case YZ_LINE_MOVED:
		return YZ_KEY_DONE;
	default:
		return YZ_KEY_REFUSED;
	}
}

/* ---- rows --------------------------------------------------------------- */

static yz_key_result row_add(yz_engine *e)
{
	const yz_field_def *f = field_def(e);
	int max = f->max_rows > 0 ? f->max_rows : YZ_TABLE_MAX_ROWS;
	int row;

	if (!e->has_cell || f->type != YZ_FIELD_TABLE)
		return YZ_KEY_REFUSED;
	if (yz_table_rows(&e->values, f->id) >= max) {
		snprintf(e->msg, sizeof e->msg, _("%s: at most %d rows"), f->label, max);
		return YZ_KEY_REFUSED;
	}
	if (!leave_ok(e))
		return YZ_KEY_INVALID;
	row = yz_table_add_row(&e->values, f->id);
	enter(e, e->field, row, 0);
	recompute(e);
	changed(e);
	return YZ_KEY_DONE;
}

static yz_key_result row_delete(yz_engine *e)
{
	const yz_field_def *f = field_def(e);
	int rows;

	if (!e->has_cell || f->type != YZ_FIELD_TABLE || e->row == 0)
		return YZ_KEY_REFUSED;
	yz_table_delete_row(&e->values, f->id, e->row);
	rows = yz_table_rows(&e->values, f->id);
	enter(e, e->field, e->row > rows ? rows : e->row, 0);
	recompute(e);
	changed(e);
	return YZ_KEY_DONE;
}

/* ---- keys ----------------------------------------------------------------- */

static yz_key_result leave_and(yz_engine *e, bool forward)
{
	if (!leave_ok(e))
		return YZ_KEY_INVALID;
	if (forward ? move_next(e) : move_prev(e))
		return YZ_KEY_DONE;
	/* Keying papers: the last answer typed, the paper is done. */
	if (forward && e->quick)
		return yz_engine_submit(e);
	snprintf(e->msg, sizeof e->msg, "%s",
	         forward ? _("This is the last field: press F9 to submit.")
	                 : _("This is the first field."));
	return YZ_KEY_REFUSED;
}

/* ---- quick mode (issue 18) ----------------------------------------------- */

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The picks typed into a multichoice cell ("1 3 12"): how many, and the last
 * one's number (0 when the text ends in a blank or is not digits and blanks). */
static size_t multi_picks(const char *s, long *last)
{
	size_t n = 0;
	bool in = false;

	*last = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (!in)
				n++, *last = 0;
			in = true;
			if (*last < 100000)
				*last = *last * 10 + (*s - '0');
		} else if (*s == ' ' || *s == ',') {
			in = false;
			*last = 0;
		} else {
			*last = 0;
			return 0;
		}
	}
	return n;
}

/* A digit in quick mode. In a choice cell it picks the option of that number
 * and moves on once no further digit could make a larger number of an
 * option; in a multichoice cell the picks collect until max_choices of them
 * are typed and the last cannot grow. Elsewhere it is typed as usual. */
static yz_key_result quick_digit(yz_engine *e, uint32_t cp)
{
	const yz_field_def *d = yz_engine_cell_def(e);
	const char *text;
	yz_key_result r;
	long num = 0, last = 0;
	bool afresh, at_end;

	if (d == NULL || e->row > 0 ||
	    (d->type != YZ_FIELD_CHOICE && d->type != YZ_FIELD_MULTICHOICE))
		return insert(e, cp);
	text = yz_line_text(&e->line);
	/* A value picked before (option texts, not digits typed now): a digit
	 * starts afresh, once it is known to be a number of an option. */
	afresh = *text && !all_digits(text) &&
	         (d->type == YZ_FIELD_CHOICE || multi_picks(text, &last) == 0);
	at_end = afresh || e->line.cursor == e->line.len;
	if (afresh)
		text = "";
	if (d->type == YZ_FIELD_MULTICHOICE) {
		/* typed at the end of the picks: the pick it makes must be an option */
		if (at_end && (*text == '\0' || multi_picks(text, &last) > 0)) {
			size_t len = strlen(text);
			num = len > 0 && text[len - 1] >= '0' && text[len - 1] <= '9' ? last : 0;
		} else {
			return insert(e, cp);
		}
	} else {
		for (const char *s = text; *s; s++)
			num = num * 10 + (*s - '0');
	}
	num = num * 10 + (long)(cp - '0');
	if (num < 1 || (size_t)num > d->n_options) {
		snprintf(e->msg, sizeof e->msg,
		         _("%s has options 1 to %zu: type the number of the ticked box"), d->label,
		         d->n_options);
		return YZ_KEY_REFUSED;
	}
	if (afresh) {
		yz_line_set(&e->line, "");
		store_cell(e);
	}
	if ((r = insert(e, cp)) != YZ_KEY_DONE)
		return r;
	if (d->type == YZ_FIELD_MULTICHOICE) {
		size_t picks = multi_picks(yz_line_text(&e->line), &last);
		if (d->max_choices > 0 && picks == (size_t)d->max_choices && last > 0 &&
		    (size_t)last * 10 > d->n_options)
			return leave_and(e, true);
		return YZ_KEY_DONE;
	}
	if ((size_t)num * 10 > d->n_options)
		return leave_and(e, true);
	return YZ_KEY_DONE;
}

/* Quick mode: a character other than a digit typed over a choice that holds
 * a whole option (one picked before) chooses anew, so that it is not
 * appended to the option's text. A digit is quick_digit's: refused when it
 * is no option's number, keeping the answer; so a screen must not wipe the
 * cell itself before passing the key on. */
static void choice_over(yz_engine *e)
{
	const yz_field_def *d = yz_engine_cell_def(e);
	const char *now = yz_line_text(&e->line);

	if (d == NULL || e->row > 0 || d->type != YZ_FIELD_CHOICE || !*now)
		return;
	for (size_t i = 0; i < d->n_options; i++)
		if (strcmp(now, d->options[i]) == 0) {
			yz_line_set(&e->line, "");
			store_cell(e);
			return;
		}
}

void yz_engine_set_quick(yz_engine *e, bool on)
{
	e->quick = on;
}

yz_key_result yz_engine_key(yz_engine *e, yz_key key, uint32_t cp)
{
	e->msg[0] = '\0';
	if (!e->has_cell)
		return key == YZ_KEY_SUBMIT ? yz_engine_submit(e) : YZ_KEY_REFUSED;
	switch (key) {
	case YZ_KEY_CHAR:
		if (e->quick && cp >= '0' && cp <= '9')
			return quick_digit(e, cp);
		if (e->quick && cp != ' ' && cp != '\n')
			choice_over(e);
		return cp == '\n' ? YZ_KEY_REFUSED : insert(e, cp);
	case YZ_KEY_NEWLINE:
		return yz_engine_cell_def(e)->type == YZ_FIELD_MEMO ? insert(e, '\n')
		                                                    : YZ_KEY_REFUSED;
	case YZ_KEY_LEFT:
		return edit(e, YZ_LINE_LEFT);
	case YZ_KEY_RIGHT:
		return edit(e, YZ_LINE_RIGHT);
	case YZ_KEY_HOME:
		return edit(e, YZ_LINE_HOME);
	case YZ_KEY_END:
		return edit(e, YZ_LINE_END);
	case YZ_KEY_BACKSPACE:
		return edit(e, YZ_LINE_BACKSPACE);
	case YZ_KEY_DELETE:
		return edit(e, YZ_LINE_DELETE);
	case YZ_KEY_KILL_LINE:
		return edit(e, YZ_LINE_KILL);
	case YZ_KEY_NEXT:
	case YZ_KEY_PREV:
		return leave_and(e, key == YZ_KEY_NEXT);
	case YZ_KEY_PAGE_NEXT:
	case YZ_KEY_PAGE_PREV:
		return leave_ok(e) ? go_page(e, key == YZ_KEY_PAGE_NEXT) : YZ_KEY_INVALID;
	case YZ_KEY_ROW_ADD:
		return row_add(e);
	case YZ_KEY_ROW_DELETE:
		return row_delete(e);
	case YZ_KEY_SUBMIT:
		return yz_engine_submit(e);
	}
	return YZ_KEY_REFUSED;
}

yz_key_result yz_engine_submit(yz_engine *e)
{
	yz_form_error where;
	yz_err err;

	e->msg[0] = '\0';
	if (e->has_cell && !leave_ok(e))
		return YZ_KEY_BLOCKED;
	recompute(e);
	if (yz_form_validate_full(e->form, &e->values, &e->env, &where, &err))
		return YZ_KEY_SUBMITTED;
	if (where.field >= 0) {
		const yz_field_def *f = &e->form->fields[where.field];
		int rows = f->type == YZ_FIELD_TABLE ? yz_table_rows(&e->values, f->id) : 0;
		int row = where.row > 0 ? where.row : rows > 0;
		enter(e, (size_t)where.field, row, where.col >= 0 ? (size_t)where.col : 0);
	}
	snprintf(e->msg, sizeof e->msg, "%s", err.msg);
	return YZ_KEY_BLOCKED;
}

/* ---- life and queries ----------------------------------------------------- */

yz_engine *yz_engine_new(const yz_form *f, const yz_eval_env *env)
{
	yz_engine *e = calloc(1, sizeof *e);

	if (e == NULL)
		return NULL;
	e->form = f;
	if (env)
		e->env = *env;
	if (!yz_line_init(&e->line, 0, false)) {
		free(e);
		return NULL;
	}
	yz_engine_load(e, NULL);
	return e;
}

void yz_engine_free(yz_engine *e)
{
	if (e == NULL)
		return;
	yz_values_clear(&e->values);
	yz_line_free(&e->line);
	free(e);
}

void yz_engine_load(yz_engine *e, const yz_values *draft)
{
	yz_values_clear(&e->values);
	for (size_t i = 0; draft && i < draft->n; i++)
		yz_values_set(&e->values, draft->keys[i], draft->vals[i]);
	recompute(e);
	e->has_cell = false;
	e->field = 0;
	e->row = 0;
	e->col = 0;
	e->msg[0] = '\0';
	if (!first_focusable(e, 0, e->form->n_fields))
		load_cell(e);
}

void yz_engine_on_change(yz_engine *e, yz_engine_changed_fn fn, void *ctx)
{
	e->on_change = fn;
	e->on_change_ctx = ctx;
}

bool yz_engine_changed(const yz_engine *e)
{
	return e->changed;
}

void yz_engine_clear_changed(yz_engine *e)
{
	e->changed = false;
}

bool yz_engine_set_text(yz_engine *e, const char *text)
{
	char key[ENG_KEY_MAX];
	char *clean;

	if (!cell_key(e, key) || (clean = yz_text_sanitize(text ? text : "", false)) == NULL)
		return false;
	yz_values_set(&e->values, key, *clean ? clean : NULL);
	free(clean);
	load_cell(e);
	recompute(e);
	changed(e);
	return true;
}

bool yz_engine_goto(yz_engine *e, size_t field, int row, size_t col)
{
	const yz_field_def *f;

	if (field >= e->form->n_fields || !focusable(e, field))
		return false;
	f = &e->form->fields[field];
	if (f->type == YZ_FIELD_TABLE &&
	    (row < 0 || row > yz_table_rows(&e->values, f->id) || (row > 0 && col >= f->n_columns)))
		return false;
	enter(e, field, f->type == YZ_FIELD_TABLE ? row : 0, f->type == YZ_FIELD_TABLE ? col : 0);
	return true;
}

const yz_values *yz_engine_values(const yz_engine *e)
{
	return &e->values;
}

const yz_form *yz_engine_form(const yz_engine *e)
{
	return e->form;
}

size_t yz_engine_page(const yz_engine *e)
{
	return e->has_cell ? (size_t)e->form->fields[e->field].page : 0;
}

size_t yz_engine_field_index(const yz_engine *e)
{
	return e->field;
}

int yz_engine_row(const yz_engine *e)
{
	return e->row;
}

size_t yz_engine_col(const yz_engine *e)
{
	return e->col;
}

const char *yz_engine_text(const yz_engine *e)
{
	return yz_line_text(&e->line);
}

size_t yz_engine_cursor(const yz_engine *e)
{
	return e->line.cursor;
}

const char *yz_engine_message(const yz_engine *e)
{
	return e->msg;
}

void yz_engine_view_of(yz_engine *e, int width, yz_engine_view *out)
{
	yz_line_view_of(&e->line, width, out);
}

void yz_engine_box_of(yz_engine *e, int width, int height, yz_line_row *row, yz_line_box *out)
{
	yz_line_box_of(&e->line, width, height, true, row, out);
}

yz_key_result yz_engine_vertical(yz_engine *e, int width, int dir)
{
	e->msg[0] = '\0';
	return yz_line_vertical(&e->line, width, dir) == YZ_LINE_MOVED ? YZ_KEY_DONE
	                                                               : YZ_KEY_REFUSED;
}

size_t yz_engine_capacity(const yz_engine *e)
{
	return max_chars(yz_engine_cell_def(e));
}
