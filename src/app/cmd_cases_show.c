/* yizhan cases show CASE: the case's fields, materials, deadlines with how they
 * were computed, forwarding, approvals, rating and timeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

static void kv(const char *key, const char *value)
{
	app_print_padded(stdout, key, 18);
	app_printf(stdout, "%s\n", value && *value ? value : "-");
}

static void show_head(yz_app *a, const yz_case *c)
{
	char masked[19];
	yz_idcard_mask(c->resident_idno, masked);
	kv(_("Case number"), c->number);
	kv(_("Item"), c->item);
	kv(_("Line"), c->line);
	kv(_("Applicant"), c->resident_name);
	kv(_("ID number"), masked);
	kv(_("State"), yz_service_state_label(&a->sess, c));
	kv(_("Result"), yz_service_result_label(c->result));
	kv(_("Taken by"), c->clerk_name);
	kv(_("Owner"), c->owner_name[0] ? c->owner_name : c->owner);
	if (c->paused_since[0])
		kv(_("Waiting since"), c->paused_since);
	if (c->forward_id)
		kv(_("At department"), c->department);
	if (c->rating)
		kv(_("Rating"), yz_service_rating_label(c->rating));
}

/* A date, marked when it was counted on the provisional calendar (a year
 * without the official holiday list: the statutory holidays only), as the
 * receipt and the case view mark it. */
static const char *dated(char *buf, size_t n, const char *date, bool provisional)
{
	if (provisional && date[0])
		snprintf(buf, n, _("%s (provisional: statutory holidays)"), date);
	else
		snprintf(buf, n, "%s", date);
	return buf;
}

static void show_deadlines(yz_app *a, const yz_case *c)
{
	yz_deadline due, legal;
	yz_err err = {{0}};
	char d[11], l[11], shown[128];
	app_printf(stdout, "\n%s\n", _("Deadlines"));
	if (c->promise_days < 0 || yz_service_deadline(&a->sess, c, &due, &legal, &err) != 0) {
		bool prov = yz_service_date_provisional(&a->sess, c->accepted_date, c->due_date);
		kv(_("Promised by"), dated(shown, sizeof shown, c->due_date, prov));
		return;
	}
	yz_date_format(due.due, d);
	yz_date_format(legal.due, l);
	/* TRANSLATORS: accepted date + limit + paused days + extension = due date. */
	app_printf(stdout,
	           _("  promised: accepted %s + %d working days + %d paused + %d extension = %s\n"),
	           c->accepted_date, due.limit_days, due.paused_days, due.extension_days,
	           dated(shown, sizeof shown, d, due.provisional));
	if (c->legal_days > 0)
		app_printf(stdout,
		           _("  legal:    accepted %s + %d working days + %d paused = %s\n"),
		           c->accepted_date, legal.limit_days, legal.paused_days,
		           dated(shown, sizeof shown, l, legal.provisional));
	if (due.uncovered)
		app_printf(stdout, "  %s\n",
		           _("(the calendar file lacks a year on the way: weekends only)"));
	if (c->dept_due[0])
		kv(_("Department due"), c->dept_due);
}

/* One stored value under its label; ID numbers masked, as everywhere on screen. */
static void show_field(yz_app *a, const yz_case *c, const char *key, const char *val)
{
	char label[256], masked[19];
	const char *text = yz_service_field_shown(yz_catalogue_find(&a->cat, c->form_id), key, val,
	                                          label, sizeof label, masked);
	app_printf(stdout, "  ");
	app_print_padded(stdout, label, 16);
	app_printf(stdout, "%s%s\n", yz_text_width(label) >= 16 ? " " : "", text);
}

static void show_fields(yz_app *a, const yz_case *c)
{
	yz_kv_list kvl = {0};
	if (yz_case_fields(a->store, c->id, &kvl, NULL) == 0 && kvl.n) {
		app_printf(stdout, "\n%s\n", _("Fields"));
		for (size_t i = 0; i < kvl.n; i++)
			show_field(a, c, kvl.keys[i], kvl.vals[i]);
	}
	yz_kv_free(&kvl);
	if (yz_case_materials(a->store, c->id, &kvl, NULL) == 0 && kvl.n) {
		app_printf(stdout, "\n%s\n", _("Materials"));
		for (size_t i = 0; i < kvl.n; i++)
			app_printf(stdout, "  %s\n", kvl.keys[i]);
	}
	yz_kv_free(&kvl);
}

/* How the resident was told, in the words this command has always printed
 * (scripts read them): untranslated, "-" when not told yet. */
static const char *told_how(yz_notify_how how)
{
	static const char *const words[] = {
	    [YZ_NOTIFY_NONE] = "-",          [YZ_NOTIFY_PHONE] = "phone",
	    [YZ_NOTIFY_SMS] = "sms",         [YZ_NOTIFY_VISIT] = "visit",
	    [YZ_NOTIFY_COUNTER] = "counter", [YZ_NOTIFY_UNKNOWN] = "unknown",
	};
	return (size_t)how < sizeof words / sizeof words[0] ? words[how] : "unknown";
}

static void show_forwards(yz_app *a, const yz_case *c)
{
	yz_case_forward f[16];
	size_t n = 0;
	if (yz_case_forwards(a->store, c->id, f, 16, &n, NULL) != 0 || n == 0)
		return;
	app_printf(stdout, "\n%s\n", _("Forwarded"));
	for (size_t i = 0; i < n; i++)
		app_printf(stdout,
		           _("  %s: sent %s, due %s, result %s (%s), told %s %s, collected %s\n"),
		           f[i].department, f[i].sent_date, f[i].dept_due[0] ? f[i].dept_due : "-",
		           f[i].result[0] ? f[i].result : "-", f[i].result_date,
		           told_how(f[i].notified_how), f[i].notified_date,
		           f[i].collected_date[0] ? f[i].collected_date : "-");
}

/* A state id as its label in the case's form. */
static const char *state_label(const yz_form *f, const char *id)
{
	const yz_state_def *d = f ? yz_form_state(f, id) : NULL;
	return d && d->label ? d->label : id;
}

static void show_timeline(yz_app *a, const yz_case *c)
{
	enum { MAX = 200 };
	const yz_form *f = yz_catalogue_find(&a->cat, c->form_id);
	yz_case_event *ev = calloc(MAX, sizeof *ev);
	size_t n = 0;
	if (!ev || yz_case_timeline(a->store, c->id, ev, MAX, &n, NULL) != 0)
		n = 0;
	app_printf(stdout, "\n%s\n", _("Timeline"));
	for (size_t i = 0; i < n; i++) {
		const yz_case_event *e = &ev[i];
		char when[32];
		yz_service_local_time(e->at, when, sizeof(when));
		app_printf(stdout, "  %s  ", when);
		app_print_padded(stdout, e->actor_name[0] ? e->actor_name : e->actor, 8);
		app_printf(stdout, " %s", yz_service_event_label(e->kind));
		if (e->to_state[0] && strcmp(e->from_state, e->to_state))
			app_printf(stdout, " %s -> %s", state_label(f, e->from_state),
			           state_label(f, e->to_state));
		if (e->on_behalf[0])
			app_printf(stdout, _(" (B clerk for %s)"), e->on_behalf);
		char note[512];
		app_printf(stdout, "%s%s\n", e->note[0] ? "  " : "",
		           yz_service_event_note(e, note, sizeof note));
	}
	free(ev);
}

int cmd_cases_show(yz_app *a, int argc, char **argv)
{
	if (argc != 1) {
		app_printf(stderr, _("Usage: yizhan cases show CASE\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int need = app_need_account(a, "cases show");
	if (need != 0)
		return need;
	yz_case c;
	yz_err err = {{0}};
	/* A whole number, or this year's last digits ("43"). */
	int rc = yz_service_case_find(&a->sess, argv[0], &c, &err);
	if (rc != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	if (app_audit_read(a, "case_show", "case %s", c.number) != 0)
		return 1;
	show_head(a, &c);
	show_deadlines(a, &c);
	show_fields(a, &c);
	show_forwards(a, &c);
	show_timeline(a, &c);
	return 0;
}
