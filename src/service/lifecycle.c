/* The lifecycle actions that print (bu zheng, forwarding), the departments list,
 * and keeping due dates in step with the calendar file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

/* Working days the resident gets by default to bring missing materials. */
#define BRING_BY_DAYS 5

void yz_service_bring_by_default(yz_session *s, char out[11])
{
	yz_date_format(yz_add_workdays(s->calendar, s->today, BRING_BY_DAYS, NULL), out);
}

int yz_service_pause(yz_session *s, const char *case_no, const char *missing, const char *bring_by,
                     yz_print_outcome *po, yz_err *err)
{
	yz_case c;
	svc_act_buf b;
	char by[11];

	if (po)
		memset(po, 0, sizeof *po);
	if (svc_begin(s, case_no, YZ_ACTION_PAUSE, missing, &c, &b, err) < 0)
		return -1;
	if (yz_case_pause(s->store, c.id, missing, yz_date_norm(bring_by, by), &b.act, NULL, err) <
	    0)
		return -1;
	svc_print_after(s, case_no, SVC_DOC_MISSING, po, err);
	return 0;
}

int yz_service_resume(yz_session *s, const char *case_no, const char *note, yz_err *err)
{
	return yz_service_resume_with(s, case_no, NULL, 0, note, err);
}

/* The timeline's note of a resumption: the clerk's note, then what came. */
static void resume_note(const char *note, const char *const *m, size_t n, char *out, size_t size)
{
	size_t len;

	snprintf(out, size, "%s", note ? note : "");
	for (size_t i = 0, k = 0; i < n; i++) {
		if (!m[i] || !*m[i])
			continue;
		len = strlen(out);
		if (k++ == 0)
			/* TRANSLATORS: a timeline note when materials came: "received: A, B" */
			snprintf(out + len, size - len, "%s%s", len ? "\n" : "", _("received: "));
		len = strlen(out);
		snprintf(out + len, size - len, "%s%s", k > 1 ? ", " : "", m[i]);
	}
}

int yz_service_resume_with(yz_session *s, const char *case_no, const char *const *materials,
                           size_t n, const char *note, yz_err *err)
{
	yz_case c;
	svc_act_buf b;
	char text[1536];

	resume_note(note, materials, n, text, sizeof text);
	if (svc_begin(s, case_no, YZ_ACTION_RESUME, text, &c, &b, err) < 0)
		return -1;
	return yz_case_resume_with(s->store, s->calendar, c.id, materials, n, &b.act, err);
}

int yz_service_case_missing(yz_session *s, const yz_case *c, char *out, size_t n, yz_err *err)
{
	yz_case_pause_rec p[32];
	size_t np = 0;

	out[0] = 0;
	if (yz_case_pauses(s->store, c->id, p, 32, &np, err) < 0)
		return -1;
	for (size_t i = np; i-- > 0;)
		if (!p[i].until[0]) {
			snprintf(out, n, "%s", p[i].missing);
			return 0;
		}
	return 1;
}

int yz_service_forward(yz_session *s, const char *case_no, const char *department,
                       const char *dept_due, const char *note, yz_print_outcome *po, yz_err *err)
{
	yz_case c;
	svc_act_buf b;
	char due[11];

	if (po)
		memset(po, 0, sizeof *po);
	if (svc_begin(s, case_no, YZ_ACTION_FORWARD, note && *note ? note : department, &c, &b,
	              err) < 0)
		return -1;
	b.act.to_state = svc_event_step(s, &c, SVC_EVENT_FORWARD);
	b.act.from_state = c.state; /* moved only from there (another counter) */
	if (yz_case_forward_send(s->store, c.id, department,
	                         dept_due ? yz_date_norm(dept_due, due) : "", &b.act, NULL,
	                         err) < 0)
		return -1;
	svc_print_after(s, case_no, SVC_DOC_TRANSFER, po, err);
	return 0;
}

int yz_service_forward_result(yz_session *s, const char *case_no, const char *result,
                              const char *date, yz_err *err)
{
	yz_case c;
	svc_act_buf b;
	char day[11];

	if (svc_begin(s, case_no, YZ_ACTION_FW_RESULT, result, &c, &b, err) < 0)
		return -1;
	b.act.to_state = svc_event_step(s, &c, SVC_EVENT_RESULT);
	b.act.from_state = c.state; /* moved only from there (another counter) */
	return yz_case_forward_result(s->store, c.id, result,
	                              date ? yz_date_norm(date, day) : b.today, &b.act, err);
}

int yz_service_forward_notified(yz_session *s, const char *case_no, yz_notify_how how, yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	/* No note: the store notes the way itself. */
	if (svc_begin(s, case_no, YZ_ACTION_NOTIFIED, NULL, &c, &b, err) < 0)
		return -1;
	return yz_case_forward_notified(s->store, c.id, how, &b.act, err);
}

int yz_service_forward_collected(yz_session *s, const char *case_no, yz_err *err)
{
	yz_case c;
	svc_act_buf b;

	if (svc_begin(s, case_no, YZ_ACTION_COLLECTED, NULL, &c, &b, err) < 0)
		return -1;
	return yz_case_forward_collected(s->store, c.id, &b.act, err);
}

/* ---- departments ------------------------------------------------------------------- */

static void departments_path(const yz_config *cfg, char *out, size_t n)
{
	const char *slash = strrchr(cfg->calendar_file, '/');
	int dir = slash ? (int)(slash - cfg->calendar_file) : 1;

	snprintf(out, n, "%.*s/departments.txt", dir, slash ? cfg->calendar_file : ".");
}

int yz_service_departments(yz_session *s, yz_kv_list *out, yz_err *err)
{
	char path[PATH_MAX], line[512];
	FILE *f;
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	departments_path(s->cfg, path, sizeof path);
	f = fopen(path, "r");
	if (!f) {
		yz_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		char *t = yz_text_trim(line);
		if (!*t || *t == '#')
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			char **k = realloc(out->keys, cap * sizeof *k);
			char **v = k ? realloc(out->vals, cap * sizeof *v) : NULL;
			if (k)
				out->keys = k;
			if (!k || !v)
				break;
			out->vals = v;
		}
		out->keys[out->n] = strdup(t);
		out->vals[out->n] = strdup("");
		out->n++;
	}
	fclose(f);
	return 0;
}

/* ---- the calendar and the due dates ----------------------------------------------- */

/* FNV-1a, 64 bits, as 16 hex digits: enough to notice an edited file. */
static void text_hash(const char *t, size_t len, char out[17])
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)t[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static char *read_all(const char *path, size_t *len, yz_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;

	*len = 0;
	if (!f) {
		yz_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (*len + 4096 > cap) {
			char *b = realloc(buf, cap = cap * 2 + 8192);
			if (!b)
				break;
			buf = b;
		}
		size_t got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	return buf;
}

int yz_service_calendar_sync(yz_session *s, long *changed, yz_err *err)
{
	size_t len;
	char hash[33], old[40] = "", prov[PATH_MAX], cal[PATH_MAX];
	yz_config_calendar_in_force(s->cfg, cal, sizeof cal); /* the district's too */
	char *text = read_all(cal, &len, err);
	long dummy;
	int rc;

	if (!changed)
		changed = &dummy;
	*changed = 0;
	if (!text)
		return -1;
	text_hash(text, len, hash);
	free(text);
	/* and the provisional years (issue 13): a new version brings more */
	yz_config_provisional_file(s->cfg, prov, sizeof prov);
	if ((text = read_all(prov, &len, NULL)) != NULL)
		text_hash(text, len, hash + 16);
	free(text);
	rc = yz_store_meta_get(s->store, "calendar_hash", old, sizeof old, err);
	if (rc < 0)
		return -1;
	if (rc == 0 && !strcmp(old, hash))
		return 0;
	for (size_t i = 0; s->cat && i < s->cat->n_forms; i++) {
		const yz_form *f = s->cat->forms[i];
		if (yz_cases_fill_limits(s->store, f->id, f->promise_days, f->legal_days, err) < 0)
			return -1;
	}
	/* The promised dates that move are listed until their clerks see them;
	 * not on the first run (no calendar before it: an old station's cases
	 * get their limits, nothing moved). */
	if (rc == 1 ? yz_cases_recompute_all(s->store, s->calendar, s->today, changed, err) < 0
	            : yz_cases_recompute_calendar(s->store, s->calendar, s->today, s->user.login,
	                                          changed, err) < 0)
		return -1;
	return yz_store_meta_set(s->store, "calendar_hash", hash, err);
}
