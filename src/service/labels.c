/* Words for what the database stores as codes: timeline event kinds and UTC
 * times, shared by the case view and `yizhan cases show`. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "yizhan/text.h"
#include "yizhan/core.h"
#include "yizhan/service.h"

const char *yz_service_event_label(const char *kind)
{
	static const struct {
		const char *kind; /* as stored in case_events */
		const char *name; /* for the clerk */
	} names[] = {
	    {"accepted", N_("accepted")},
	    {"printed", N_("printed")},
	    {"print_failed", N_("print failed")},
	    {"reprinted", N_("reprinted")},
	    {"done", N_("done")},
	    {"saved", N_("saved to file")},
	    {"transition", N_("state changed")},
	    {"closed", N_("closed")},
	    {"paused", N_("waiting for materials")},
	    {"resumed", N_("materials complete")},
	    {"forwarded", N_("forwarded")},
	    {"dept_result", N_("result returned")},
	    /* issue 17: an answer from the hub for a case no longer waiting on it */
	    {"dept_answer", N_("department's answer (via the hub)")},
	    {"notified", N_("resident notified")},
	    {"collected", N_("result collected")},
	    {"handed_over", N_("handed over")},
	    {"rated", N_("rated")},
	    {"withdrawn", N_("withdrawn")},
	    {"reopened", N_("reopened")},
	    /* issue 12: a follow-up's outcome (the note names a reopened case) */
	    {"followup_done", N_("follow-up done")},
	    {"followup_unreached", N_("follow-up: not reached")},
	    {"reopened_from", N_("reopened after a follow-up")},
	    {"extension_requested", N_("extension asked")},
	    {"extension_approved", N_("extension approved")},
	    {"extension_rejected", N_("extension rejected")},
	    {"refuse_requested", N_("refusal asked")},
	    {"refuse_approved", N_("refusal approved")},
	    {"refuse_rejected", N_("refusal rejected")},
	    {"close_bad_rating_requested", N_("closing asked (bad rating)")},
	    {"close_bad_rating_approved", N_("closing approved")},
	    {"close_bad_rating_rejected", N_("closing rejected")},
	    /* issue 13: a new calendar moved the promised date (note "old -> new") */
	    {"due_moved", N_("promised date changed (calendar)")},
	    {"due_moved_seen", N_("promised date change seen")},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(kind, names[i].kind) == 0)
			return _(names[i].name);
	return kind;
}

void yz_service_local_time(const char *utc, char *buf, size_t n)
{
	struct tm lt;
	time_t when = yz_utc_parse(utc);
	if (when == (time_t)-1 || !localtime_r(&when, &lt) ||
	    strftime(buf, n, "%Y-%m-%d %H:%M", &lt) == 0)
		snprintf(buf, n, "%s", utc);
}

/* The label of a stored key: a field's own, or for a table cell
 * "<table> <row>·<column>" ("household members 2·monthly income"). */
static const yz_field_def *key_label(const yz_form *f, const char *key, char *label, size_t n)
{
	const yz_field_def *d = f ? yz_form_field(f, key) : NULL, *table;
	long row;
	if (d)
		snprintf(label, n, "%s", d->label);
	else if (!f || !yz_table_key(f, key, &table, &row, &d))
		snprintf(label, n, "%s", key);
	else if (row == 0)
		/* TRANSLATORS: a table field and how many rows it has. */
		snprintf(label, n, _("%s (rows)"), table->label);
	else
		snprintf(label, n, "%s %ld\u00b7%s", table->label, row, d->label);
	return d;
}

const char *yz_service_field_shown(const yz_form *f, const char *key, const char *val, char *label,
                                   size_t ln, char buf[19])
{
	/* Issue 12: a name marked as another script, under the name's label. */
	if (f && yz_form_name_mark(f, key)) {
		char name[200], cell[256];
		int kl = (int)(strlen(key) - strlen(YZ_NAME_MARK_SUFFIX));
		snprintf(cell, sizeof cell, "%.*s", kl, key);
		key_label(f, cell, name, sizeof name);
		/* TRANSLATORS: the label of a name the clerk marked (F2) as written in
		 * letters other than Chinese characters. */
		snprintf(label, ln, _("%s (foreign or minority script)"), name);
		return _("yes");
	}
	const yz_field_def *d = key_label(f, key, label, ln);
	val = val ? val : "";
	if (d && (d->type == YZ_FIELD_RESIDENT || d->type == YZ_FIELD_IDCARD)) {
		yz_idcard_mask(val, buf);
		return buf;
	}
	if (d && d->type == YZ_FIELD_YESNO && !strcmp(val, "yes"))
		return _("yes");
	if (d && d->type == YZ_FIELD_YESNO && !strcmp(val, "no"))
		return _("no");
	return val; /* as stored, however long (a memo) */
}
