/* The residents' talk day (ju min shuo shi ri): a session, the cases raised
 * there linked to it, its figures, and the form its requests are taken with —
 * which the forms say (`talk_day yes`), not the code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "workflow_int.h"

/* How many of the clerk's newest cases a look at the session links at most. */
#define LINK_MAX 50

const yz_form *yz_service_talk_form(yz_session *s)
{
	for (size_t i = 0; s->cat && i < s->cat->n_forms; i++)
		if (s->cat->forms[i]->talk_day)
			return s->cat->forms[i];
	return NULL;
}

int yz_service_talk_get(yz_session *s, int64_t id, yz_talk_session *out, yz_err *err)
{
	return yz_talk_get(s->store, id, out, err);
}

int yz_service_talk_rows(yz_session *s, int64_t id, yz_talk_row *out, size_t max, size_t *n,
                         long *accepted, long *done, yz_err *err)
{
	return yz_talk_summary(s->store, id, out, max, n, accepted, done, err);
}

static int newest(const yz_case *c, void *ctx)
{
	*(int64_t *)ctx = c->id;
	return 1;
}

int64_t yz_service_talk_mark(yz_session *s)
{
	int64_t id = 0;
	yz_case_filter f = {.clerk_login = s->user.login, .limit = 1};

	yz_case_list(s->store, &f, newest, &id, NULL);
	return id;
}

typedef struct link_ctx {
	yz_session *s;
	int64_t session_id;
	int64_t mark;   /* link cases after this one */
	int64_t newest; /* the newest case seen */
	long linked;    /* links made */
	int failed;     /* a link failed: err says why */
	yz_err *err;
} link_ctx;

static int link_one(const yz_case *c, void *ctx)
{
	link_ctx *l = ctx;

	if (c->id <= l->mark)
		return 1; /* newest first: the rest are older */
	if (yz_service_talk_link(l->s, l->session_id, c->number, l->err) == 0)
		l->linked++;
	else
		l->failed = 1;
	if (c->id > l->newest)
		l->newest = c->id;
	return 0;
}

int yz_service_talk_link_new(yz_session *s, int64_t session_id, int64_t *mark, long *linked,
                             yz_err *err)
{
	link_ctx l = {s, session_id, *mark, *mark, 0, 0, err};
	yz_case_filter f = {.clerk_login = s->user.login, .limit = LINK_MAX};

	if (yz_case_list(s->store, &f, link_one, &l, err) < 0)
		return -1;
	*mark = l.newest;
	if (linked)
		*linked = l.linked;
	return l.failed ? -1 : 0;
}

int yz_service_talk_add(yz_session *s, const char *date, const char *place, int attendees,
                        int64_t *id, yz_err *err)
{
	if (svc_require(s, SVC_ROLES_ANY, "talk_add", date, err) < 0)
		return -1;
	return yz_talk_add(s->store, date, place, attendees, s->user.login, id, err);
}

int yz_service_talk_link(yz_session *s, int64_t session_id, const char *case_no, yz_err *err)
{
	yz_case c;

	if (yz_service_case_open(s, case_no, &c, err) != 0)
		return -1;
	return yz_talk_link(s->store, session_id, c.id, s->user.login, err);
}

char *yz_service_talk_summary(yz_session *s, int64_t session_id, yz_err *err)
{
	yz_talk_row rows[64];
	size_t n;
	long acc, done;
	char *out = NULL, *line;
	size_t len = 0;
	FILE *f;

	if (yz_talk_summary(s->store, session_id, rows, 64, &n, &acc, &done, err) < 0)
		return NULL;
	f = open_memstream(&out, &len);
	if (!f) {
		yz_err_set(err, _("Out of memory."));
		return NULL;
	}
	fprintf(f, P_("Accepted %ld items, %ld done"), acc, done);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		if (asprintf(&line, P_("%s: accepted %ld, done %ld"), rows[i].item,
		             rows[i].accepted, rows[i].done) >= 0) {
			fprintf(f, "  %s\n", line);
			free(line);
		}
	}
	fclose(f);
	return out;
}

yz_doc *yz_service_talk_doc(yz_session *s, int64_t session_id, yz_err *err)
{
	yz_talk_session ses;
	yz_paper_lang_set(s->cfg->document_language); /* the station's */
	int rc = yz_talk_get(s->store, session_id, &ses, err);
	if (rc == 1)
		yz_err_set(err, _("The talk day session %lld is not recorded."),
		           (long long)session_id);
	if (rc != 0)
		return NULL;
	char *text = yz_service_talk_summary(s, session_id, err);
	if (!text)
		return NULL;
	char line[512];
	snprintf(line, sizeof line, P_("Date %s    Place %s    Present %d"), ses.date, ses.place,
	         ses.attendees);
	yz_doc *d = yz_doc_new(P_("Residents' talk day"));
	yz_doc_text(d, s->cfg->station_name, 0);
	yz_doc_text(d, line, 0);
	yz_doc_rule(d);
	for (char *l = strtok(text, "\n"); l; l = strtok(NULL, "\n"))
		yz_doc_text(d, l, 0);
	free(text);
	if (d && d->oom) {
		yz_doc_free(d);
		d = NULL;
	}
	if (!d)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
	return d;
}
