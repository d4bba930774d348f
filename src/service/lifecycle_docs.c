/* The lifecycle's papers, built from the database like every other document so
 * that a reprint gives the same page: the one-time notice of missing materials
 * (yi ci xing gao zhi shu), the hand-over slip to a department (yi jiao dan) and
 * the notice that a case cannot be accepted (bu yu shou li gao zhi shu). Each is
 * dated by what it records (the pause, the forward, the head's decision) and
 * closes as a certificate does: the seal area over the station's name and that
 * date, kept on one page with the end of the body (issue 13). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "workflow_int.h"

bool svc_life_doc(const char *doc)
{
	return doc && (!strcmp(doc, SVC_DOC_MISSING) || !strcmp(doc, SVC_DOC_TRANSFER) ||
	               !strcmp(doc, SVC_DOC_REFUSAL));
}

/* The English title of a lifecycle paper: translated for the screen by
 * svc_life_doc_title, for the paper by paper_title. */
static const char *title_msgid(const char *doc)
{
	if (!strcmp(doc, SVC_DOC_MISSING))
		return N_("One-time notice of missing materials");
	if (!strcmp(doc, SVC_DOC_TRANSFER))
		return N_("Hand-over slip");
	return N_("Notice of non-acceptance");
}

const char *svc_life_doc_title(const char *doc)
{
	return _(title_msgid(doc));
}

/* The title printed on the paper, in the document language. */
static const char *paper_title(const char *doc)
{
	return P_(title_msgid(doc));
}

static void head(yz_session *s, yz_doc *d, const yz_case *c, const char *title)
{
	char masked[19];

	yz_idcard_mask(c->resident_idno, masked);
	yz_doc_text(d, s->cfg->station_name, YZ_STYLE_BOLD | YZ_STYLE_CENTER);
	yz_doc_text(d, title, YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	yz_doc_rule(d);
	yz_doc_kv(d, P_("Case number"), c->number);
	yz_doc_kv(d, P_("Item"), c->item);
	yz_doc_kv(d, P_("Applicant"), c->resident_name);
	yz_doc_kv(d, P_("ID number"), masked);
	yz_doc_kv(d, P_("Accepted"), c->accepted_date);
}

/* The index of the body's last block: the closing lines added after it stay
 * on its page (yz_doc_keep_together). */
static size_t body_end(const yz_doc *d)
{
	return d && d->n_blocks > 0 ? d->n_blocks - 1 : 0;
}

/* The paper's closing lines, kept on one page with the end of its body: the
 * lines to sign on when sign (the hand-over slip), the clerk, the station's
 * phone, and the station's name over the date with the seal area over both,
 * as on a certificate. The date is that of what the paper records (date,
 * "YYYY-MM-DD" or an old row's "YYYYMMDD"), never the day it is printed: a
 * reprint gives the same page. */
static void foot(yz_session *s, yz_doc *d, const yz_case *c, const char *date, bool sign)
{
	size_t closing = body_end(d);
	char day[11];

	yz_doc_space(d, 1);
	if (sign)
		yz_doc_signature(d, P_("Handed over by"), P_("Received by"));
	yz_doc_kv(d, P_("Clerk"), c->owner_name[0] ? c->owner_name : c->clerk_name);
	if (s->cfg->station_phone[0])
		yz_doc_kv(d, P_("Phone"), s->cfg->station_phone);
	yz_doc_seal(d, s->cfg->station_name, yz_date_norm(date, day), P_("(seal)"));
	yz_doc_keep_together(d, closing);
}

/* The local date of a stored UTC time, into day; the stamp's own date when
 * it cannot be read. */
static const char *local_day(const char *utc, char day[11])
{
	time_t t = yz_utc_parse(utc);
	if (t == (time_t)-1) {
		snprintf(day, 11, "%.10s", utc);
		return day;
	}
	yz_date_format(yz_date_from_time(t), day);
	return day;
}

/* The numbered list of what is missing, one item per line of the pause. */
static void missing_list(yz_doc *d, const char *missing)
{
	char *copy = strdup(missing), *save = NULL, line[1100];
	int i = 0;

	for (char *t = copy ? strtok_r(copy, "\n", &save) : NULL; t;
	     t = strtok_r(NULL, "\n", &save)) {
		t = yz_text_trim(t);
		if (!*t)
			continue;
		snprintf(line, sizeof line, "%d. %s", ++i, t);
		yz_doc_text(d, line, YZ_STYLE_INDENT);
	}
	free(copy);
}

static yz_doc *missing_notice(yz_session *s, const yz_case *c, yz_err *err)
{
	yz_case_pause_rec p[32];
	size_t n = 0;
	char text[512];
	yz_doc *d;

	if (yz_case_pauses(s->store, c->id, p, 32, &n, err) < 0)
		return NULL;
	if (n == 0) {
		yz_err_set(err,
		           _("Case %s never waited for materials: there is no notice to print."),
		           c->number);
		return NULL;
	}
	d = yz_doc_new(paper_title(SVC_DOC_MISSING));
	head(s, d, c, paper_title(SVC_DOC_MISSING));
	yz_doc_space(d, 1);
	snprintf(text, sizeof text,
	         P_("To finish your application we still need the following materials. Please "
	            "bring them to the station by %s. The time limit of your case stands still "
	            "until they are complete."),
	         p[n - 1].bring_by);
	yz_doc_text(d, text, YZ_STYLE_INDENT);
	missing_list(d, p[n - 1].missing);
	yz_doc_kv(d, P_("Bring by"), p[n - 1].bring_by);
	foot(s, d, c, p[n - 1].from, false); /* the day the case began to wait */
	return d;
}

static yz_doc *transfer_slip(yz_session *s, const yz_case *c, yz_err *err)
{
	yz_case_forward f[16];
	size_t n = 0;
	yz_doc *d;

	if (yz_case_forwards(s->store, c->id, f, 16, &n, err) < 0)
		return NULL;
	if (n == 0) {
		yz_err_set(err, _("This case was never forwarded to a department."));
		return NULL;
	}
	d = yz_doc_new(paper_title(SVC_DOC_TRANSFER));
	head(s, d, c, paper_title(SVC_DOC_TRANSFER));
	svc_handover_details(s, d, c, &f[n - 1]); /* issue 13: what the department needs */
	foot(s, d, c, f[n - 1].sent_date, true);  /* the day it was handed over */
	return d;
}

static yz_doc *refusal_notice(yz_session *s, const yz_case *c, yz_err *err)
{
	yz_approval a[16];
	size_t n = 0;
	const yz_approval *ok = NULL;
	char text[1024], day[11];
	yz_doc *d;

	if (yz_approval_list(s->store, YZ_APPROVAL_APPROVED, c->id, a, 16, &n, err) < 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (a[i].kind == YZ_APPROVAL_REFUSE)
			ok = &a[i];
	if (!ok) {
		yz_err_set(err, _("The station head has not approved refusing case %s."),
		           c->number);
		return NULL;
	}
	d = yz_doc_new(paper_title(SVC_DOC_REFUSAL));
	head(s, d, c, paper_title(SVC_DOC_REFUSAL));
	yz_doc_space(d, 1);
	snprintf(text, sizeof text,
	         P_("Your application cannot be accepted for the following reason: %s"),
	         ok->reason);
	yz_doc_text(d, text, YZ_STYLE_INDENT);
	yz_doc_text(d,
	            P_("If you do not agree, you may ask the station head or the street office "
	               "to review it."),
	            YZ_STYLE_INDENT);
	foot(s, d, c, local_day(ok->decided_at, day), false); /* the head's decision */
	return d;
}

yz_doc *svc_life_build_doc(yz_session *s, const yz_case *c, const char *doc, yz_err *err)
{
	if (!strcmp(doc, SVC_DOC_MISSING))
		return missing_notice(s, c, err);
	if (!strcmp(doc, SVC_DOC_TRANSFER))
		return transfer_slip(s, c, err);
	return refusal_notice(s, c, err);
}
