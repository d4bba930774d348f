/* One case: its data, fields, materials and timeline; reprint its documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { EVENTS_MAX = 64 };

typedef struct cview {
	char number[40];      /* the case */
	yz_case c;            /* as last loaded */
	const yz_form *f;     /* its form, when the catalogue still has it */
	char *text;           /* everything shown, '\n' separated, rebuilt on load */
	size_t n_lines;       /* lines in text */
	size_t top;           /* first line shown */
	yz_case_forward fw;   /* the latest forward (fw.id 0 = never forwarded) */
	yz_case_actions acts; /* what the clerk may do now: the keys shown (the service's answer) */
	char print_label[160]; /* the key bar's "Print <second document>" */
	int wrap_cols;         /* the width text was wrapped to */
	yz_due_move move;      /* a new calendar moved the promised date (issue 13) */
	bool moved;            /* move holds one: shown while this screen is open */
	bool move_checked;     /* asked once (its clerk opening it has seen it) */
	/* Issue 19: the hall's ticket the case came from, a home visit planned. */
	yz_ticket ticket; /* id 0 = it came without a ticket */
	yz_visit visit;   /* the PLANNED visit, else the newest with its result (id 0 = none) */
	char visit_staff[400]; /* its staff by name */
} cview;

/* "key: value" with the colon of the UI language; nl ends the line, else a gap
 * follows for a second pair. */
static void kv(FILE *m, const char *indent, const char *key, const char *value, bool nl)
{
	fputs(indent, m);
	/* TRANSLATORS: a label and its value on screen. */
	fprintf(m, _("%s: %s"), key, value);
	fputs(nl ? "\n" : "    ", m);
}

/* Days as "N working days" in the UI language. */
static void days_text(char *buf, size_t n, int days)
{
	snprintf(buf, n, _("%d working days"), days);
}

/* The due dates and how they were computed (accepted + limit + paused + extension). */
static void write_deadlines(FILE *m, yz_tui *t, cview *v)
{
	yz_deadline due, legal;
	yz_err err = {{0}};
	char d[11], a[32], b[32], c2[32];
	fprintf(m, "[%s]\n", _("Deadlines"));
	if (v->c.promise_days < 0 || yz_service_deadline(t->s, &v->c, &due, &legal, &err) != 0) {
		kv(m, "  ", _("Due"), v->c.due_date[0] ? v->c.due_date : "-", true);
		return;
	}
	yz_date_format(due.due, d);
	days_text(a, sizeof a, due.limit_days);
	days_text(b, sizeof b, due.paused_days);
	days_text(c2, sizeof c2, due.extension_days);
	fputs("  ", m);
	fprintf(m, _("Due %s = accepted %s + limit %s + paused %s + extension %s"), d,
	        v->c.accepted_date, a, b, c2);
	fputc('\n', m);
	if (v->c.legal_days > 0) {
		yz_date_format(legal.due, d);
		days_text(a, sizeof a, legal.limit_days);
		days_text(b, sizeof b, legal.paused_days);
		fputs("  ", m);
		fprintf(m, _("Legal due %s = accepted %s + legal limit %s + paused %s"), d,
		        v->c.accepted_date, a, b);
		fputc('\n', m);
	}
	if (due.uncovered)
		fprintf(m, "  %s\n", _("The calendar file lacks a year on the way: check it."));
	if (due.provisional)
		fprintf(m, "  %s\n",
		        _("Provisional: a year on the way has no official holiday calendar yet; "
		          "its statutory holidays were counted."));
	if (v->moved) {
		fputs("  ", m);
		fprintf(m,
		        _("Promised date changed with the new calendar: now %s, was %s (on the "
		          "receipt). Tell the resident."),
		        v->move.now, v->move.was);
		fputc('\n', m);
	}
}

static const yz_notify_how notify_ways[] = {YZ_NOTIFY_PHONE, YZ_NOTIFY_SMS, YZ_NOTIFY_VISIT,
                                            YZ_NOTIFY_COUNTER};

/* How the resident was told, in words. */
static const char *notify_name(yz_notify_how how)
{
	static const char *const names[] = {N_("phone"), N_("text message"), N_("home visit"),
	                                    N_("at the counter")};
	for (size_t i = 0; i < 4; i++)
		if (how == notify_ways[i])
			return _(names[i]);
	return _("unknown");
}

/* The latest forward to a department and what came of it. */
static void write_forward(FILE *m, cview *v)
{
	const yz_case_forward *f = &v->fw;
	if (!f->id)
		return;
	fprintf(m, "[%s]\n", _("Forwarded"));
	kv(m, "  ", _("Department"), f->department, false);
	kv(m, "", _("Sent on"), f->sent_date, false);
	kv(m, "", _("Department due"), f->dept_due[0] ? f->dept_due : "-", true);
	if (f->result[0]) {
		kv(m, "  ", _("Department result"), f->result, false);
		kv(m, "", _("on"), f->result_date, true);
	}
	if (f->notified_how != YZ_NOTIFY_NONE) {
		kv(m, "  ", _("Resident notified"), notify_name(f->notified_how), false);
		kv(m, "", _("on"), f->notified_date, true);
	}
	if (f->collected_date[0])
		kv(m, "  ", _("Result collected on"), f->collected_date, true);
}

/* Issue 19: the ticket the resident came with, the home visit planned. */
static void write_hall(FILE *m, const cview *v)
{
	char buf[256];

	if (v->ticket.id) {
		snprintf(buf, sizeof buf, "%s  %s", v->ticket.code, v->ticket.day);
		kv(m, "", _("Queue ticket"), buf, true);
	}
	if (v->visit.id) {
		const char *names = v->visit_staff;
		char res[700];
		if (v->visit.state == YZ_VISIT_PLANNED) {
			snprintf(buf, sizeof buf, _("%s by %s (U: enter its result)"), v->visit.day,
			         names);
		} else {
			const char *st = yz_service_visit_state_text(v->visit.state);
			if (v->visit.result[0])
				snprintf(res, sizeof res, _("%s: %s"), st, v->visit.result);
			else
				snprintf(res, sizeof res, "%s", st);
			snprintf(buf, sizeof buf, _("%s by %s, %s"), v->visit.day, names, res);
		}
		kv(m, "", _("Home visit"), buf, true);
	}
}

static void write_case(FILE *m, yz_tui *t, cview *v)
{
	const yz_case *c = &v->c;
	char masked[19], buf[192];
	yz_idcard_mask(c->resident_idno, masked);
	kv(m, "", _("Item"), c->item, false);
	snprintf(buf, sizeof buf, "%s  %s", c->resident_name, masked);
	kv(m, "", _("Resident"), buf, true);
	/* the overall status, and the workflow step when it says more */
	const char *status = tui_status_name(c->status), *step = yz_service_state_label(t->s, c);
	kv(m, "", _("Status"), status, strcmp(status, step) == 0);
	if (strcmp(status, step) != 0)
		kv(m, "", _("Step"), step, true);
	kv(m, "", _("Clerk"), c->clerk_name, false);
	kv(m, "", _("Owner"), c->owner_name[0] ? c->owner_name : c->owner, true);
	if (c->result != YZ_RESULT_NONE)
		kv(m, "", _("Result"), yz_service_result_label(c->result), true);
	if (c->paused_since[0])
		kv(m, "", _("Waiting for the resident since"), c->paused_since, true);
	write_hall(m, v);
	write_deadlines(m, t, v);
	write_forward(m, v);
	yz_kv_list l = {0};
	fprintf(m, "[%s]\n", _("Fields"));
	if (yz_service_case_fields(t->s, c, &l, NULL) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			char label[256];
			const char *text = yz_service_field_shown(v->f, l.keys[i], l.vals[i], label,
			                                          sizeof label, masked);
			kv(m, "  ", label, text, true);
		}
		yz_service_kv_free(&l);
	}
	fprintf(m, "[%s]\n ", _("Materials received"));
	if (yz_service_case_materials(t->s, c, &l, NULL) == 0) {
		for (size_t i = 0; i < l.n; i++)
			fprintf(m, " [x] %s", l.keys[i]);
		yz_service_kv_free(&l);
	}
	fputc('\n', m);
}

/* A state id as its label in the case's form. */
static const char *state_name(const cview *v, const char *id)
{
	const yz_state_def *d = v->f ? yz_form_state(v->f, id) : NULL;
	return d && d->label ? d->label : id;
}

/* The documents printed, from the timeline's print events. */
static void write_documents(FILE *m, const yz_case_event *ev, size_t n)
{
	fprintf(m, "[%s]\n", _("Documents printed"));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ev[i].kind, "printed") || !strcmp(ev[i].kind, "reprinted") ||
		    !strcmp(ev[i].kind, "saved")) {
			char when[32];
			yz_service_local_time(ev[i].at, when, sizeof when);
			fprintf(m, "  %s  %s\n", when, ev[i].note);
			k++;
		}
	if (!k)
		fprintf(m, "  %s\n", _("none"));
}

static void write_rating(FILE *m, yz_tui *t, cview *v)
{
	int score = 0;
	char comment[256] = "";
	fprintf(m, "[%s]\n", _("Rating"));
	if (yz_service_case_rating(t->s, &v->c, &score, comment, sizeof comment, NULL) == 0)
		fprintf(m, "  %s  %s\n", yz_service_rating_label(score), comment);
	else
		fprintf(m, "  %s\n", _("not rated"));
}

static void write_timeline(FILE *m, yz_tui *t, cview *v)
{
	yz_case_event *ev = calloc(EVENTS_MAX, sizeof *ev);
	size_t n = 0;
	fprintf(m, "[%s]\n", _("Timeline"));
	if (ev && yz_service_case_timeline(t->s, &v->c, ev, EVENTS_MAX, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++) {
			char when[32];
			yz_service_local_time(ev[i].at, when, sizeof when);
			fprintf(m, "  %s  %s  %s", when,
			        ev[i].actor_name[0] ? ev[i].actor_name : ev[i].actor,
			        yz_service_event_label(ev[i].kind));
			if (ev[i].to_state[0] && strcmp(ev[i].from_state, ev[i].to_state))
				fprintf(m, " %s->%s", state_name(v, ev[i].from_state),
				        state_name(v, ev[i].to_state));
			if (ev[i].on_behalf[0]) {
				fputc(' ', m);
				fprintf(m, _("(B clerk for %s)"), ev[i].on_behalf);
			}
			fputs("  ", m);
			char note[512];
			for (const char *p = yz_service_event_note(&ev[i], note, sizeof note); *p;
			     p++)
				fputs(*p == '\n' ? "; " : (char[2]){*p, 0}, m);
			fputc('\n', m);
		}
	write_documents(m, ev, n);
	write_rating(m, t, v);
	free(ev);
}

/* Lines wider than the screen go on below, indented under their start, so
 * that a deadline's whole computation can be read. */
static void wrap(cview *v, int cols)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = v->text ? open_memstream(&out, &len) : NULL;
	v->wrap_cols = cols;
	if (!m)
		return;
	for (const char *p = v->text; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);
		int indent = (int)strspn(line ? line : "", " ") + 2;
		const char *s = line;
		for (bool first = true; s && *s; first = false) {
			int room = first ? cols : cols - indent;
			size_t fit = yz_text_fit(s, room > 8 ? room : 8, NULL);
			if (fit == 0)
				fit = strlen(s); /* a character wider than the room */
			/* break after a space rather than inside a word or a number */
			for (size_t b = fit; s[fit] && s[fit] != ' ' && b > fit / 2; b--)
				if (s[b - 1] == ' ') {
					fit = b;
					break;
				}
			fprintf(m, "%*s%.*s\n", first ? 0 : indent, "", (int)fit, s);
			s += fit;
			while (*s == ' ') /* the next line starts at its indent */
				s++;
		}
		if (line && !*line)
			fputc('\n', m);
		free(line);
		p += n + (p[n] == '\n');
	}
	fclose(m);
	free(v->text);
	v->text = out;
}

static void load(yz_tui *t, cview *v)
{
	v->wrap_cols = COLS - 4; /* even if loading fails: no reload on every draw */
	yz_err err = {{0}};
	free(v->text);
	v->text = NULL;
	v->n_lines = 0;
	int rc = yz_service_case_get(t->s, v->number, &v->c, &err);
	if (rc != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", rc == 1 ? _("No such case.") : err.msg);
		return;
	}
	v->f = yz_catalogue_find(t->s->cat, v->c.form_id);
	if (!v->move_checked) { /* its clerk opening it sees it: once */
		v->move_checked = true;
		v->moved = yz_service_due_move_of(t->s, &v->c, &v->move, NULL) == 1;
	}
	if (yz_service_case_last_forward(t->s, &v->c, &v->fw, NULL) != 0)
		memset(&v->fw, 0, sizeof v->fw);
	if (yz_service_case_ticket(t->s, v->c.number, &v->ticket, NULL) != 0)
		memset(&v->ticket, 0, sizeof v->ticket);
	if (yz_service_visit_last_of_case(t->s, v->c.number, &v->visit, NULL) != 0)
		memset(&v->visit, 0, sizeof v->visit);
	yz_service_visit_staff_names(t->s, v->visit.staff, v->visit_staff, sizeof v->visit_staff);
	/* The keys shown are the actions the service allows now. */
	if (yz_service_case_actions(t->s, &v->c, &v->acts, &err) != 0) {
		memset(&v->acts, 0, sizeof v->acts);
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	}
	size_t len = 0;
	FILE *m = open_memstream(&v->text, &len);
	if (!m)
		return;
	write_case(m, t, v);
	write_timeline(m, t, v);
	fclose(m);
	wrap(v, COLS - 4);
	for (const char *p = v->text; p && *p; p++)
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
	if (v->wrap_cols != COLS - 4) { /* the terminal was resized */
		size_t top = v->top;
		load(t, v);
		v->top = top < v->n_lines ? top : 0;
	}
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

/* ---- actions on the case (issue 4) ------------------------------------------ */

/* Reload after an action, keeping the scroll position and the message line. */
static void reload(yz_tui *t, cview *v)
{
	size_t top = v->top;
	char msg[512];
	yz_msg_kind kind = t->status_kind;
	memcpy(msg, t->status, sizeof msg);
	load(t, v);
	memcpy(t->status, msg, sizeof msg);
	t->status_kind = kind;
	v->top = top;
}

/* The outcome of an action: refusals in a box the clerk must acknowledge. */
static void done(yz_tui *t, cview *v, int rc, const char *ok, const yz_print_outcome *po,
                 const yz_err *err)
{
	if (rc != 0)
		tui_message(t, _("Not done"), err->msg);
	tui_outcome_msg(t, ok, rc, po, err);
	reload(t, v);
}

static void act_next(yz_tui *t, cview *v)
{
	const yz_state_def *st[32];
	size_t n = yz_service_next_states(t->s, &v->c, st, 32);
	char *names[32], note[256] = "";
	for (size_t i = 0; i < n; i++)
		names[i] = st[i]->label ? st[i]->label : st[i]->id;
	long k = n ? tui_pick(t, _("Next step"), names, n, 0) : -1;
	yz_ask_field f[] = {{N_("Note"), note, sizeof note, 0, false}};
	if (k < 0 || !tui_ask(t, names[k], NULL, f, 1))
		return;
	yz_err err = {{0}};
	int rc = yz_service_transition(t->s, v->number, st[k]->id, note, &err);
	done(t, v, rc, _("The case moved on."), NULL, &err);
}

/* Append line to the growing list of what is missing. */
static void add_line(char *buf, size_t n, const char *line)
{
	size_t len = strlen(buf);
	if (!*line)
		return;
	snprintf(buf + len, n - len, "%s%s", len ? "\n" : "", line);
}

/* A refused action: the reason in a box; the dialog opens again with
 * everything as typed and ticked. */
static void refused(yz_tui *t, const yz_err *err)
{
	tui_message(t, _("Not done"), err->msg);
}

static void act_pause(yz_tui *t, cview *v)
{
	size_t n = v->f ? v->f->n_materials : 0;
	char **names = calloc(n + 1, sizeof *names);
	bool *ticked = calloc(n + 1, sizeof *ticked);
	char missing[1024], other[256] = "", by[11];
	yz_service_bring_by_default(t->s, by); /* a working day */
	bool ok = names && ticked;
	for (size_t i = 0; ok && i < n; i++)
		names[i] = v->f->materials[i].label;
	yz_print_outcome po;
	yz_err err = {{0}};
	int rc = -1;
	while (ok) {
		if (n)
			ok = tui_checklist(t, _("What is missing? (materials of the form)"), names,
			                   n, ticked);
		yz_ask_field f[] = {{N_("Also missing"), other, sizeof other, 0, false},
		                    {N_("Bring by (YYYY-MM-DD)"), by, sizeof by, 10, true}};
		if (!ok || !(ok = tui_ask(t, _("Missing materials"), NULL, f, 2)))
			break;
		missing[0] = 0;
		for (size_t i = 0; i < n; i++)
			if (ticked[i])
				add_line(missing, sizeof missing, names[i]);
		add_line(missing, sizeof missing, other);
		memset(&po, 0, sizeof po);
		memset(&err, 0, sizeof err);
		if ((rc = yz_service_pause(t->s, v->number, missing, by, &po, &err)) == 0)
			break;
		refused(t, &err);
	}
	free(names);
	free(ticked);
	if (rc == 0)
		done(t, v, rc, _("Waiting for the materials: the clock stopped."), &po, &err);
}

/* The items the case waits for (one a line), split into items[] (at most max,
 * pointing into buf); returns how many. */
static size_t split_lines(char *buf, char **items, size_t max)
{
	size_t n = 0;
	for (char *p = buf; *p && n < max;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = 0;
		if (*p)
			items[n++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	return n;
}

/* M: the materials the resident brought are ticked (all at first: untick what
 * did not come) and recorded on the case as received. */
static void act_resume(yz_tui *t, cview *v)
{
	char list[1024] = "", note[256] = "", *items[32];
	bool ticked[32];
	yz_err err = {{0}};
	size_t n = 0;
	if (yz_service_case_missing(t->s, &v->c, list, sizeof list, NULL) == 0)
		n = split_lines(list, items, 32);
	for (size_t i = 0; i < n; i++)
		ticked[i] = true;
	yz_ask_field f[] = {{N_("Note"), note, sizeof note, 0, false}};
	int rc = -1;
	for (;;) {
		if (n && !tui_checklist(t, _("Which materials did the resident bring?"), items, n,
		                        ticked))
			return;
		if (!tui_ask(t, _("Materials complete"), _("The clock starts again."), f, 1))
			return;
		const char *came[32];
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (ticked[i])
				came[k++] = items[i];
		memset(&err, 0, sizeof err);
		if ((rc = yz_service_resume_with(t->s, v->number, came, k, note, &err)) == 0)
			break;
		refused(t, &err);
	}
	done(t, v, rc, _("Materials complete: the clock runs again."), NULL, &err);
}

static void act_forward(yz_tui *t, cview *v)
{
	yz_kv_list d = {0};
	yz_err err = {{0}};
	if (yz_service_departments(t->s, &d, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return;
	}
	long k = d.n ? tui_pick(t, _("Forward to which department?"), d.keys, d.n, 0) : -1;
	char due[11] = "", note[256] = "", dept[128] = "";
	yz_ask_field f[] = {
	    {N_("Department due (YYYY-MM-DD, optional)"), due, sizeof due, 10, false},
	    {N_("Note"), note, sizeof note, 0, false}};
	if (k >= 0)
		yz_strlcpy_utf8(dept, d.keys[k], sizeof dept);
	yz_service_kv_free(&d);
	yz_print_outcome po;
	int rc = -1;
	while (k >= 0 && tui_ask(t, dept, NULL, f, 2)) {
		memset(&po, 0, sizeof po);
		memset(&err, 0, sizeof err);
		if ((rc = yz_service_forward(t->s, v->number, dept, due, note, &po, &err)) == 0)
			break;
		refused(t, &err);
	}
	if (rc == 0)
		done(t, v, rc, _("Forwarded."), &po, &err);
}

static void act_fw_result(yz_tui *t, cview *v)
{
	char result[256] = "", date[11];
	yz_date_format(t->s->today, date);
	yz_ask_field f[] = {{N_("Department's result"), result, sizeof result, 0, true},
	                    {N_("Date (YYYY-MM-DD)"), date, sizeof date, 10, true}};
	yz_err err = {{0}};
	int rc = -1;
	while (tui_ask(t, _("Result returned"), v->fw.department, f, 2)) {
		memset(&err, 0, sizeof err);
		if ((rc = yz_service_forward_result(t->s, v->number, result, date, &err)) == 0)
			break;
		refused(t, &err);
	}
	if (rc == 0)
		done(t, v, rc, _("The department's result is recorded."), NULL, &err);
}

static void act_notified(yz_tui *t, cview *v)
{
	char *names[4];
	for (size_t i = 0; i < 4; i++)
		names[i] = (char *)notify_name(notify_ways[i]);
	long k = tui_pick(t, _("How was the resident told?"), names, 4, 0);
	if (k < 0)
		return;
	yz_err err = {{0}};
	int rc = yz_service_forward_notified(t->s, v->number, notify_ways[k], &err);
	done(t, v, rc, _("The resident was told."), NULL, &err);
}

static void act_collected(yz_tui *t, cview *v)
{
	if (!tui_confirm(t, _("Result collected"), _("Did the resident collect the result?")))
		return;
	yz_err err = {{0}};
	int rc = yz_service_forward_collected(t->s, v->number, &err);
	done(t, v, rc, _("The resident collected the result."), NULL, &err);
}

static void act_extension(yz_tui *t, cview *v)
{
	char days[4] = "", reason[256] = "";
	yz_ask_field f[] = {{N_("Working days more"), days, sizeof days, 3, true},
	                    {N_("Reason"), reason, sizeof reason, 0, true}};
	if (!tui_ask(t, _("Ask for an extension"), _("The station head decides."), f, 2))
		return;
	yz_err err = {{0}};
	int rc = yz_service_extension_request(t->s, v->number, atoi(days), reason, &err);
	done(t, v, rc, _("The extension waits for the station head."), NULL, &err);
}

static void act_hand_over(yz_tui *t, cview *v)
{
	char to[33];
	if (!tui_pick_clerk(t, _("Hand over to which clerk?"), v->c.owner, false, to))
		return;
	char reason[256] = "";
	yz_ask_field f[] = {{N_("Reason"), reason, sizeof reason, 0, true}};
	if (!tui_ask(t, _("Hand over to another clerk"), to, f, 1))
		return;
	yz_err err = {{0}};
	int rc = yz_service_hand_over(t->s, v->number, to, reason, &err);
	done(t, v, rc, _("Handed over."), NULL, &err);
}

/* Refuse (head approval) or withdraw: both ask for a reason only. */
static void act_reason(yz_tui *t, cview *v, bool withdraw)
{
	char reason[256] = "";
	yz_ask_field f[] = {{N_("Reason"), reason, sizeof reason, 0, true}};
	if (!tui_ask(t, withdraw ? _("The resident withdraws") : _("Not accepted"),
	             withdraw ? _("The case closes as withdrawn.")
	                      : _("The station head must approve."),
	             f, 1))
		return;
	yz_err err = {{0}};
	int rc = withdraw ? yz_service_withdraw(t->s, v->number, reason, &err)
	                  : yz_service_refuse(t->s, v->number, reason, &err);
	done(t, v, rc,
	     withdraw ? _("Withdrawn: the case is closed.")
	              : _("The refusal waits for the station head."),
	     NULL, &err);
}

static void act_close(yz_tui *t, cview *v)
{
	const yz_case_result *res = yz_service_close_results(t->s, &v->c);
	char *names[8], note[256] = "";
	size_t n = 0;
	for (; res && res[n] != YZ_RESULT_NONE && n < 8; n++)
		names[n] = (char *)yz_service_result_label(res[n]);
	long k = n ? tui_pick(t, _("Close with which result?"), names, n, 0) : -1;
	yz_ask_field f[] = {{N_("Note"), note, sizeof note, 0, false}};
	if (k < 0 || !tui_ask(t, names[k], NULL, f, 1))
		return;
	yz_err err = {{0}};
	int rc = yz_service_close(t->s, v->number, res[k], note, &err);
	done(t, v, rc, _("Closed. The resident rates the service now."), NULL, &err);
	if (rc == 0)
		screen_rating_push(t, v->number);
}

static const yz_keyhint act_hints[YZ_ACTION_COUNT] = {
    [YZ_ACTION_NEXT] = {"T", N_("Next step")},
    [YZ_ACTION_CLOSE] = {"D", N_("Close")},
    [YZ_ACTION_RATE] = {"G", N_("Rate")},
    [YZ_ACTION_RESUME] = {"M", N_("Complete")},
    [YZ_ACTION_FW_RESULT] = {"F", N_("Result back")},
    [YZ_ACTION_NOTIFIED] = {"N", N_("Told")},
    [YZ_ACTION_COLLECTED] = {"L", N_("Collected")},
    [YZ_ACTION_PAUSE] = {"S", N_("Missing")},
    [YZ_ACTION_FORWARD] = {"F", N_("Forward")},
    [YZ_ACTION_EXTEND] = {"E", N_("Extend")},
    [YZ_ACTION_HAND_OVER] = {"H", N_("Hand over")},
    [YZ_ACTION_REFUSE] = {"X", N_("Not accepted")},
    [YZ_ACTION_WITHDRAW] = {"W", N_("Withdraw")},
};

/* Whether action a may be done now: the service's answer for this case, the
 * same check its action makes, so that a key shown is a key that works. */
static bool act_valid(const cview *v, yz_case_action a)
{
	return v->c.id && a < YZ_ACTION_COUNT && v->acts.may[a];
}

static void act_refuse(yz_tui *t, cview *v)
{
	act_reason(t, v, false);
}

static void act_withdraw(yz_tui *t, cview *v)
{
	act_reason(t, v, true);
}

static void act_rate(yz_tui *t, cview *v)
{
	screen_rating_push(t, v->number);
}

/* What each action key does, beside act_hints: a new action is one row in each
 * table (and its rule in the service, yz_service_case_actions), not another
 * switch case. */
static void (*const act_runs[YZ_ACTION_COUNT])(yz_tui *t, cview *v) = {
    [YZ_ACTION_NEXT] = act_next,           [YZ_ACTION_CLOSE] = act_close,
    [YZ_ACTION_RATE] = act_rate,           [YZ_ACTION_RESUME] = act_resume,
    [YZ_ACTION_FW_RESULT] = act_fw_result, [YZ_ACTION_NOTIFIED] = act_notified,
    [YZ_ACTION_COLLECTED] = act_collected, [YZ_ACTION_PAUSE] = act_pause,
    [YZ_ACTION_FORWARD] = act_forward,     [YZ_ACTION_EXTEND] = act_extension,
    [YZ_ACTION_HAND_OVER] = act_hand_over, [YZ_ACTION_REFUSE] = act_refuse,
    [YZ_ACTION_WITHDRAW] = act_withdraw,
};

/* Run the action of key k when it is valid now; true when k was one. */
static bool act_key_run(yz_tui *t, cview *v, tui_key k)
{
	for (yz_case_action a = 0; a < YZ_ACTION_COUNT; a++) {
		wint_t up = (wint_t)act_hints[a].key[0];
		if (!(key_ch(k, up) || key_ch(k, up + 32)) || !act_valid(v, a))
			continue;
		tui_msg_clear(t);
		act_runs[a](t, v);
		return true;
	}
	return false;
}

/* Issue 19: U plans a home visit for an open case, or enters the result of
 * the one planned. */
static bool visit_key(const cview *v)
{
	return (v->visit.id && v->visit.state == YZ_VISIT_PLANNED) ||
	       v->c.status == YZ_CASE_ACCEPTED;
}

static bool cview_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	cview *v = sc->data;
	int h = view_height();
	if (key_esc(k) || key_code(k, KEY_F(10)) || key_enter(k)) {
		tui_pop(t);
	} else if (act_key_run(t, v, k)) {
		return true;
	} else if (key_ch(k, 'r') || key_ch(k, 'R')) {
		print(t, v, "receipt");
	} else if ((key_ch(k, 'p') || key_ch(k, 'P')) && second_doc(v)) {
		print(t, v, second_doc(v));
	} else if (key_ch(k, 'v') || key_ch(k, 'V')) {
		preview(t, v);
	} else if ((key_ch(k, 'u') || key_ch(k, 'U')) && visit_key(v)) {
		tui_visit_case(t, &v->c);
		reload(t, v);
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

/* Uncovered again (after the rating screen, a case opened from a list): the
 * case may have changed. */
static void cview_enter(yz_tui *t, yz_screen *sc)
{
	reload(t, sc->data);
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
	for (yz_case_action a = 0; a < YZ_ACTION_COUNT && n < max; a++)
		if (act_valid(v, a))
			out[n++] = act_hints[a];
	const char *second = second_doc(v);
	yz_keyhint k[] = {
	    {"R", N_("Reprint receipt")},
	    {"P",
	     second ? tui_print_label(v->f, second, v->print_label, sizeof v->print_label) : ""},
	    {"V", N_("Preview")},
	    {"U", v->visit.id && v->visit.state == YZ_VISIT_PLANNED ? N_("Visit result")
	                                                            : N_("Home visit")},
	    {"Esc", N_("Back")}};
	for (size_t i = 0; i < sizeof k / sizeof k[0] && n < max; i++)
		if ((i != 1 || second) && (i != 3 || visit_key(v)))
			out[n++] = k[i];
	return n;
}

static const yz_screen_ops cview_ops = {
    .name = "case_view",
    .draw = cview_draw,
    .key = cview_key,
    .enter = cview_enter,
    .leave = cview_leave,
    .keys = cview_keys,
};

void screen_case_view_push(yz_tui *t, const char *case_no)
{
	cview *v = calloc(1, sizeof *v);
	if (!v)
		return;
	yz_case c;
	yz_err err = {{0}};
	/* A whole number, or this year's last digits ("43"). */
	int rc = yz_service_case_find(t->s, case_no, &c, &err);
	if (rc != 0) {
		/* Refused (naming whose case it is; written to the audit log by the
		 * service), or no case by the whole number tried. */
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		tui_message(t, _("Cannot open the case"), err.msg);
		free(v);
		return;
	}
	yz_strlcpy_utf8(v->number, c.number, sizeof v->number);
	load(t, v);
	tui_push(t, &cview_ops, v);
}
