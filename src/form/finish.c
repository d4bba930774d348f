/* The checks of the form language that need a whole block or a whole file:
 * the end of a field (options, columns, bounds), the pages' field ranges, and
 * compiling the expressions once every field is known. */
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "expr.h"
#include "form_internal.h"
#include "parser.h"

/* The example must itself be a valid value of the field: a clerk copies it. */
static void check_example(yzf_parser *p, const yz_field_def *f)
{
	yz_err err = {{0}};

	if (f->example == NULL || p->damaged)
		return;
	if (!yz_field_validate(f, f->example, p->today, &err))
		yzf_perr(p, f->example_line, f->example_col,
		         _("the example '%s' is not a valid value: %s"), f->example, err.msg);
}

void yzf_end_field(yzf_parser *p, yz_field_def *f, int line)
{
	check_example(p, f);
	if (f->type == YZ_FIELD_CHOICE && f->n_options == 0)
		yzf_perr(p, line, 0, _("choice field '%s' has no options: add 'option ...' lines"),
		         f->id);
	if (f->type == YZ_FIELD_MULTICHOICE && f->n_options == 0)
		yzf_perr(p, line, 0,
		         _("multichoice field '%s' has no options: add 'option ...' lines"), f->id);
	if (f->type == YZ_FIELD_TABLE && f->n_columns == 0 && !p->column_seen)
		yzf_perr(p, line, 0,
		         _("table field '%s' has no columns: add 'column <id> <type>' lines"),
		         f->id);
	if (f->type == YZ_FIELD_COMPUTED && f->expr == NULL && !p->damaged)
		yzf_perr(p, line, 0, _("computed field '%s' has no 'expr' line: add one"), f->id);
	if (f->type == YZ_FIELD_MULTICHOICE && f->n_options > 0 &&
	    (size_t)f->max_choices > f->n_options)
		yzf_perr(p, line, 0, _("field '%s': max is %d, but it has only %zu options"), f->id,
		         f->max_choices, f->n_options);
	if (f->has_min && f->has_max && f->min > f->max)
		yzf_perr(p, line, 0, _("field '%s': min is larger than max"), f->id);
	if (f->max_rows > 0 && f->min_rows > f->max_rows)
		yzf_perr(p, line, 0, _("field '%s': min_rows is larger than max_rows"), f->id);
}

void yzf_free_field(yz_field_def *f)
{
	for (size_t j = 0; j < f->n_options; j++)
		free(f->options[j]);
	free(f->options);
	free(f->id);
	free(f->label);
	free(f->help);
	free(f->example);
}

void yzf_build_pages(yzf_parser *p)
{
	yz_form *f = p->form;

	if (f->n_fields > 0 && (f->n_pages == 0 || f->pages[0].first > 0)) {
		if (!yzf_grow(&f->pages, &p->cap_pages, f->n_pages, sizeof *f->pages)) {
			yzf_perr(p, 0, 0, "%s", _("out of memory"));
			return;
		}
		memmove(&f->pages[1], &f->pages[0], f->n_pages * sizeof *f->pages);
		f->pages[0] = (yz_page_def){.first = 0};
		f->n_pages++;
	}
	for (size_t i = 0; i < f->n_pages; i++) {
		size_t end = i + 1 < f->n_pages ? f->pages[i + 1].first : f->n_fields;
		f->pages[i].n_fields = end - f->pages[i].first;
		if (f->pages[i].n_fields == 0)
			yzf_perr(p, f->pages[i].line, 0,
			         _("page '%s' has no fields: write field blocks below it"),
			         f->pages[i].title);
		for (size_t j = f->pages[i].first; j < end; j++)
			f->fields[j].page = (int)i;
	}
}

/* Compile a condition (visible_if, required_if, when): it must be true or false. */
static void condition(yzf_parser *p, yz_expr *e, const char *key)
{
	if (e == NULL)
		return;
	p->errors += yzx_compile(p->form, e, p->path, p->diags);
	if (e->state == X_DONE && e->type != T_BOOL) {
		yzf_perr(p, e->line, e->col,
		         _("'%s' needs a condition such as age(idno) >= 60, not %s"), key,
		         e->type == T_NUM ? _("a number") : _("text"));
	}
}

void yzf_compile_exprs(yzf_parser *p)
{
	yz_form *f = p->form;

	for (size_t i = 0; i < f->n_fields; i++) {
		yz_field_def *d = &f->fields[i];
		if (d->expr != NULL)
			p->errors += yzx_compile(f, d->expr, p->path, p->diags);
		condition(p, d->visible_if, "visible_if");
		condition(p, d->required_if, "required_if");
	}
	for (size_t i = 0; i < f->n_rules; i++)
		condition(p, f->rules[i].when, "when");
}
