/* yizhan cases list [--today] [--overdue] [--due-within N] [--owner USER]
 *                   [--status S] [--line LINE]
 * One case per line — number, item, resident with masked ID number, status, due
 * date, owner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

/* The case's state in words: closed cases by result, open ones by what they
 * wait for. */
static const char *status_words(yz_app *a, const yz_case *c)
{
	if (c->status != YZ_CASE_ACCEPTED)
		return c->result != YZ_RESULT_NONE ? yz_service_result_label(c->result) : _("done");
	if (c->paused_since[0])
		return _("waiting for materials");
	if (c->forward_id)
		return _("at a department");
	return yz_service_state_label(&a->sess, c);
}

/* The cases listed, printed once the audit log holds how many. */
typedef struct listed {
	yz_app *a;
	yz_case *c;
	size_t n, cap;
} listed;

static int keep_case(const yz_case *c, void *ctx)
{
	listed *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		yz_case *more = realloc(l->c, cap * sizeof *more);
		if (!more)
			return -1;
		l->c = more, l->cap = cap;
	}
	l->c[l->n++] = *c;
	return 0;
}

static int print_case(const yz_case *c, void *ctx)
{
	yz_app *a = ctx;
	char masked[19], who[192];
	yz_idcard_mask(c->resident_idno, masked);
	snprintf(who, sizeof(who), "%s %s", c->resident_name, masked);
	app_print_padded(stdout, c->number, 20);
	app_print_padded(stdout, c->item, 26);
	app_print_padded(stdout, who, 30);
	app_print_padded(stdout, status_words(a, c), 16);
	app_print_padded(stdout, c->due_date[0] ? c->due_date : "-", 12);
	app_printf(stdout, "%s\n", c->owner);
	return 0;
}

/* The list options; 0, or 2 after a usage message. */
typedef struct list_opts {
	yz_case_filter f;
	bool today;
	long within; /* --due-within N working days; -1 = not given */
	bool overdue;
} list_opts;

static int bad(const char *what)
{
	app_printf(stderr, _("yizhan cases list: unknown option \"%s\"\n"), what);
	return 2;
}

static int parse(int argc, char **argv, list_opts *o)
{
	/* The --status words and the cases each selects. */
	static const struct {
		const char *word;
		yz_case_select which;
	} words[] = {{"open", YZ_CASES_OPEN},
	             {"closed", YZ_CASES_CLOSED},
	             {"paused", YZ_CASES_PAUSED},
	             {"forwarded", YZ_CASES_FORWARDED},
	             {NULL, YZ_CASES_ALL}};
	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(argv[i], "--today")) {
			o->today = true;
		} else if (!strcmp(argv[i], "--overdue")) {
			o->overdue = true;
		} else if (!strcmp(argv[i], "--due-within") && v) {
			char *end;
			o->within = strtol(v, &end, 10), i++;
			if (*end || o->within < 0 || o->within > 366)
				return bad(argv[i - 1]);
		} else if (!strcmp(argv[i], "--owner") && v) {
			o->f.owner = v, i++;
		} else if (!strcmp(argv[i], "--line") && v) {
			o->f.line = v, i++;
		} else if (!strcmp(argv[i], "--status") && v) {
			size_t k = 0;
			i++;
			while (words[k].word && strcmp(words[k].word, v))
				k++;
			o->f.which = words[k].which;
			if (!words[k].word) {
				app_printf(
				    stderr,
				    _("yizhan cases list: --status takes open, closed, paused "
				      "or forwarded\n"));
				return 2;
			}
		} else {
			return bad(argv[i]);
		}
	}
	return 0;
}

int cmd_cases_list(yz_app *a, int argc, char **argv)
{
	char today[11], by[11];
	list_opts o = {.within = -1};
	if (parse(argc, argv, &o) != 0)
		return 2;
	if (app_open(a) != 0)
		return 1;
	int rc = app_need_account(a, "cases list");
	if (rc != 0)
		return rc;
	yz_date_format(a->sess.today, today);
	if (o.today)
		o.f.accepted_date = today;
	if (o.overdue)
		o.f.overdue_on = today;
	if (o.within >= 0) {
		yz_date_format(
		    yz_add_workdays(a->sess.calendar, a->sess.today, (int)o.within, NULL), by);
		o.f.due_by = by;
		o.f.due_from = today;
	}
	o.f.by_due = o.overdue || o.within >= 0;
	yz_err err = {{0}};
	listed l = {.a = a};
	if (yz_service_case_list(&a->sess, &o.f, keep_case, &l, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg[0] ? err.msg : _("Out of memory."));
		free(l.c);
		return 1;
	}
	rc = app_audit_read(a, "cases_list", "%zu cases listed", l.n);
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		print_case(&l.c[i], a);
	free(l.c);
	return rc == 0 ? 0 : 1;
}
