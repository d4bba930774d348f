/* Printing from the screens: one document of a case through the service layer,
 * and the outcome told in plain words. Also the names the clerk sees for
 * documents and case states. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

const char *tui_doc_name(const yz_form *f, const char *doc)
{
	if (strcmp(doc, "receipt") == 0)
		return _("Receipt");
	const yz_document_def *d = f ? yz_form_document(f, doc) : NULL;
	return d && d->title && *d->title ? d->title : doc;
}

const char *tui_print_label(const yz_form *f, const char *doc, char *buf, size_t n)
{
	/* TRANSLATORS: a key in the key bar; %s is a document, e.g. the residence certificate. */
	tui_fmt(buf, n, _("Print %s"), tui_doc_name(f, doc));
	return buf;
}

const char *tui_status_name(yz_case_status status)
{
	switch (status) {
	case YZ_CASE_ACCEPTED:
		return _("accepted");
	case YZ_CASE_DONE:
		return _("done");
	case YZ_CASE_STATUS_UNKNOWN:
		break;
	}
	return _("unknown"); /* a damaged record: say so, go on */
}

/* Drop a final "." or ideographic full stop: the reason goes inside a sentence. */
static void strip_full_stop(char *s)
{
	static const char ideographic[] = "\xe3\x80\x82"; /* U+3002 */
	size_t n = strlen(s);
	if (n >= 3 && strcmp(s + n - 3, ideographic) == 0)
		s[n - 3] = '\0';
	else if (n >= 1 && s[n - 1] == '.')
		s[n - 1] = '\0';
}

int tui_print_doc(yz_tui *t, const char *case_no, const char *doc, char *buf, size_t n)
{
	return tui_print_job(t, case_no, doc, 0, buf, n);
}

int tui_print_job(yz_tui *t, const char *case_no, const char *doc, int64_t job_id, char *buf,
                  size_t n)
{
	yz_case c;
	const yz_form *f = NULL;
	if (yz_service_case_get(t->s, case_no, &c, NULL) == 0)
		f = yz_catalogue_find(t->s->cat, c.form_id);
	const char *name = tui_doc_name(f, doc);
	yz_print_outcome out;
	memset(&out, 0, sizeof out);
	yz_err err = {{0}};
	int rc = job_id ? yz_service_print_job(t->s, job_id, &out, &err)
	                : yz_service_print(t->s, case_no, doc, NULL, &out, &err);
	if (rc == 0 && out.saved) {
		snprintf(buf, n, _("%s: no printer configured, saved to %s"), name, out.saved_path);
		tui_msg(t, TUI_MSG_INFO, "%s", buf);
	} else if (rc == 0) {
		snprintf(buf, n, _("%s: sent to printer %s"), name, out.printer);
		tui_msg(t, TUI_MSG_OK, "%s", buf);
	} else {
		char why[sizeof err.msg];
		snprintf(why, sizeof why, "%s", err.msg);
		strip_full_stop(why);
		/* Only a document that did not print has a job waiting (YZ_ERR_PRINTER);
		 * a failure before it (the database) recorded none. */
		if (err.code == YZ_ERR_PRINTER)
			snprintf(buf, n,
			         _("%s: printing failed (%s). It waits in the reprint list."), name,
			         why);
		else
			snprintf(buf, n, _("%s: not printed (%s)."), name, why);
		tui_msg(t, TUI_MSG_ERROR, "%s", buf);
	}
	return rc;
}
