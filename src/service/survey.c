/* Surveys (issue 18): the survey files, the papers issued, keying a paper
 * once or twice, the differences of a double entry and their settling, and
 * the papers that count handed to the counting (survey_count.c) one at a
 * time. What is stored is the store's (store/surveys.h); what a keying
 * means — which pass, which answers are kept, whether two keyings agree —
 * is decided here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* ---- the files ------------------------------------------------------------------- */

int yz_service_surveys_load(const char *forms_dir, yz_survey_set *out, yz_diags *diags)
{
	char dir[4096];

	memset(out, 0, sizeof *out);
	snprintf(dir, sizeof dir, "%s/surveys", forms_dir ? forms_dir : ".");
	return yz_survey_set_load(dir, out, diags);
}

int yz_service_surveys(const yz_session *s, yz_survey_set *out, yz_diags *diags)
{
	char dir[4096], district[4096], over[4200];

	memset(out, 0, sizeof *out);
	if (!s->cfg)
		return yz_service_surveys_load(NULL, out, diags);
	snprintf(dir, sizeof dir, "%s/surveys", s->cfg->forms_dir);
	/* The district's published surveys: <district>/forms/surveys (a missing
	 * folder: none). */
	yz_config_district_forms_dir(s->cfg, district, sizeof district);
	snprintf(over, sizeof over, "%s/surveys", district);
	return yz_survey_set_load_with(dir, over, out, diags);
}

/* ---- who may ---------------------------------------------------------------------- */

void svc_survey_subject(const yz_survey *sv, long serial, int pass, char *buf, size_t n)
{
	int len = snprintf(buf, n, "survey %s", sv->id);

	if (len >= 0 && (size_t)len < n && serial > 0 && !sv->anonymous)
		len += snprintf(buf + len, n - (size_t)len, " serial %ld", serial);
	if (len >= 0 && (size_t)len < n && pass >= 0)
		snprintf(buf + len, n - (size_t)len, " pass %d", pass);
}

/* A refused attempt: an audit row with the reason (never an answer), then the
 * reason to the clerk. */
static int refuse(yz_session *s, const yz_survey *sv, long serial, const char *why, yz_err *err)
{
	char subject[256];

	svc_survey_subject(sv, serial, -1, subject, sizeof subject);
	return svc_refuse_as(s, "survey_denied", subject, why, err);
}

static int signed_in(yz_session *s, const yz_survey *sv, long serial, yz_err *err)
{
	if (s->user.login[0] && s->user.id > 0)
		return 0;
	return refuse(s, sv, serial, _("Sign in first."), err);
}

int svc_survey_require_head(yz_session *s, const yz_survey *sv, const char *what, yz_err *err)
{
	char subject[256];

	svc_survey_subject(sv, 0, -1, subject, sizeof subject);
	snprintf(subject + strlen(subject), sizeof subject - strlen(subject), " %s", what);
	return svc_require_as(s, "survey_denied", true, subject,
	                      _("Only the station head or the admin can count a survey."), err);
}

static int serial_range(long serial, yz_err *err)
{
	if (serial >= 1 && serial <= YZ_SURVEY_SERIAL_MAX)
		return 0;
	yz_err_setc(err, YZ_ERR_INVALID, _("A paper's serial number is from 1 to %ld."),
	            YZ_SURVEY_SERIAL_MAX);
	return -1;
}

static void today(const yz_session *s, char buf[11])
{
	yz_date_format(s->today, buf);
}

/* ---- papers ----------------------------------------------------------------------- */

int yz_service_survey_issue(yz_session *s, const yz_survey *sv, long first, long count, yz_err *err)
{
	return yz_service_survey_issue_added(s, sv, first, count, NULL, err);
}

/* At most YZ_SURVEY_PRINT_MAX serials a call, whoever asks: a slip of the
 * keyboard (2000000) would otherwise fill the disk under the write lock. */
static int batch_size(long count, yz_err *err)
{
	if (count >= 1 && count <= YZ_SURVEY_PRINT_MAX)
		return 0;
	yz_err_setc(err, YZ_ERR_INVALID, _("Issue from 1 to %ld papers at a time, not %ld."),
	            (long)YZ_SURVEY_PRINT_MAX, count);
	return -1;
}

int yz_service_survey_issue_added(yz_session *s, const yz_survey *sv, long first, long count,
                                  long *added_out, yz_err *err)
{
	char detail[256];
	long added = 0;

	if (added_out)
		*added_out = 0;
	if (signed_in(s, sv, first, err) < 0 || batch_size(count, err) < 0)
		return -1;
	if (count < 1 || serial_range(first, err) < 0 || count > YZ_SURVEY_SERIAL_MAX - first + 1) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("Papers are numbered from 1 to %ld: %ld papers from %ld do not fit."),
		            YZ_SURVEY_SERIAL_MAX, count, first);
		return -1;
	}
	if (yz_store_begin(s->store, err) < 0)
		return -1;
	if (yz_spaper_issue(s->store, sv->id, first, count, &added, err) < 0) {
		yz_store_rollback(s->store);
		return -1;
	}
	snprintf(detail, sizeof detail, "survey %s serials %ld-%ld (%ld new)", sv->id, first,
	         first + count - 1, added);
	/* a reprint issues nothing (its print is audited as a print) */
	if (added > 0 &&
	    yz_audit_append(s->store, s->user.login, "survey_issued", detail, err) < 0) {
		yz_store_rollback(s->store);
		return -1;
	}
	if (yz_store_commit(s->store, err) < 0)
		return -1;
	if (added_out)
		*added_out = added;
	return 0;
}

int yz_service_survey_issue_next(yz_session *s, const yz_survey *sv, long count, long *first,
                                 yz_err *err)
{
	char detail[256];

	*first = 0;
	if (signed_in(s, sv, 0, err) < 0 || batch_size(count, err) < 0)
		return -1;
	/* max + insert in one write transaction with its audit row: two counters
	 * printing at once get two batches that never overlap, and a batch is
	 * never issued without its row */
	if (yz_store_begin(s->store, err) < 0)
		return -1;
	if (yz_spaper_issue_next(s->store, sv->id, count, first, err) < 0) {
		yz_store_rollback(s->store);
		return -1;
	}
	snprintf(detail, sizeof detail, "survey %s serials %ld-%ld (%ld new)", sv->id, *first,
	         *first + count - 1, count);
	if (yz_audit_append(s->store, s->user.login, "survey_issued", detail, err) < 0) {
		yz_store_rollback(s->store);
		*first = 0;
		return -1;
	}
	return yz_store_commit(s->store, err);
}

int yz_service_survey_next_serial(yz_session *s, const yz_survey *sv, long *out, yz_err *err)
{
	return yz_spaper_next_serial(s->store, sv->id, out, err);
}

int yz_service_survey_counter_serial(yz_session *s, const yz_survey *sv, long *out, yz_err *err)
{
	*out = 0;
	if (signed_in(s, sv, 0, err) < 0)
		return -1;
	return yz_spaper_counter_serial(s->store, sv->id, out, err);
}

int yz_service_survey_papers_count(yz_session *s, const yz_survey *sv, yz_survey_papers *out,
                                   yz_err *err)
{
	yz_spaper_counts c;

	memset(out, 0, sizeof *out);
	if (yz_spaper_counts_get(s->store, sv->id, &c, err) < 0)
		return -1;
	out->issued = c.issued;
	out->returned = c.returned;
	out->counted = c.counted;
	out->waiting = c.waiting;
	out->different = c.different;
	for (int i = 0; i < 3; i++)
		out->by_mode[i] = c.by_mode[i];
	return 0;
}

/* ---- keying ----------------------------------------------------------------------- */

/* A new paper's serial among those recorded as issued, or none recorded at
 * all (papers numbered by hand, never recorded: taken as today). A number
 * outside them is most often a slip (0005 keyed as 0050): refused, saying
 * which were issued and how to record more. */
static int issued_or_none(yz_session *s, const yz_survey *sv, long serial, yz_err *err)
{
	yz_spaper_span sp;
	char ser[16], lo[16], hi[16];

	if (yz_spaper_issued_span(s->store, sv->id, serial, &sp, err) < 0)
		return -1;
	if (sp.n == 0 || sp.issued)
		return 0;
	yz_survey_serial_text(serial, ser, sizeof ser);
	yz_survey_serial_text(sp.lo, lo, sizeof lo);
	yz_survey_serial_text(sp.hi, hi, sizeof hi);
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("Paper %s was never issued: the papers issued are numbered %s to %s (%ld "
	              "papers). Check the number; papers handed out without being recorded are "
	              "recorded with P on the survey list or yizhan survey issue."),
	            ser, lo, hi, sp.n);
	return -1;
}

/* Which pass the next keying of serial is, with the stored paper (p->id 0
 * when there is none). Refusals of this clerk are audited. */
static int check(yz_session *s, const yz_survey *sv, long serial, bool counter, int *pass,
                 yz_spaper *p, yz_err *err)
{
	int rc;

	memset(p, 0, sizeof *p);
	if (signed_in(s, sv, serial, err) < 0 || serial_range(serial, err) < 0)
		return -1;
	rc = yz_spaper_get(s->store, sv->id, serial, p, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		memset(p, 0, sizeof *p);
		*pass = sv->double_entry ? 1 : 0;
		return counter ? 0 : issued_or_none(s, sv, serial, err);
	}
	if (!sv->double_entry || p->state != YZ_SPAPER_WAITING || p->clerk[2] != 0) {
		if (p->state == YZ_SPAPER_DIFFERENT)
			yz_err_setc(
			    err, YZ_ERR_INVALID,
			    _("Paper %ld was keyed twice already; its differences wait for a "
			      "third look."),
			    serial);
		else if (sv->double_entry && p->state == YZ_SPAPER_COUNTED && p->clerk[1] != 0)
			yz_err_setc(err, YZ_ERR_INVALID, _("Paper %ld was keyed twice already."),
			            serial);
		else
			yz_err_setc(err, YZ_ERR_INVALID, _("Paper %ld was keyed already."), serial);
		return -1;
	}
	if (p->clerk[1] == s->user.id)
		return refuse(s, sv, serial,
		              _("You keyed this paper the first time: another clerk keys it the "
		                "second time."),
		              err);
	*pass = 2;
	return 0;
}

int yz_service_survey_serial_check(yz_session *s, const yz_survey *sv, long serial, int *pass,
                                   yz_err *err)
{
	yz_spaper p;

	return check(s, sv, serial, false, pass, &p, err);
}

int yz_service_survey_serial_check_at(yz_session *s, const yz_survey *sv, long serial, bool counter,
                                      int *pass, yz_err *err)
{
	yz_spaper p;

	return check(s, sv, serial, counter, pass, &p, err);
}

/* The answers of v worth keeping, in entry order: the fields of questions
 * the paper asks (skip logic) that are shown and not empty. Pointers into
 * sv and v. */
typedef struct answers {
	const char **fields, **values;
	size_t n;
	char **owned; /* the multichoice values put in option order */
	size_t n_owned;
} answers;

/* A multichoice value with its picks in option order ("3、1" -> "1、3"), so
 * that two keyings of the same ticks are the same text; NULL when out of
 * memory. */
static char *picks_in_order(const yz_field_def *f, const char *val)
{
	size_t len = strlen(val), sep = strlen(YZ_MULTI_SEP), at = 0;
	char *out = malloc(len + 1), *copy = strdup(val);
	bool *used;
	size_t n_parts = 1;

	if (!out || !copy) {
		free(out);
		free(copy);
		return NULL;
	}
	for (const char *q = strstr(val, YZ_MULTI_SEP); q; q = strstr(q + sep, YZ_MULTI_SEP))
		n_parts++;
	char **parts = calloc(n_parts, sizeof *parts);
	used = calloc(n_parts, sizeof *used);
	if (!parts || !used) {
		free(parts);
		free(used);
		free(out);
		free(copy);
		return NULL;
	}
	n_parts = 0;
	for (char *p = copy, *q;; p = q + sep) {
		parts[n_parts++] = p;
		q = strstr(p, YZ_MULTI_SEP);
		if (!q)
			break;
		*q = '\0';
	}
	out[0] = '\0';
	/* the options in their order, then anything else as it was typed */
	for (size_t o = 0; o <= f->n_options; o++)
		for (size_t i = 0; i < n_parts; i++) {
			if (used[i] || (o < f->n_options && strcmp(parts[i], f->options[o]) != 0))
				continue;
			used[i] = true;
			if (at > 0) {
				memcpy(out + at, YZ_MULTI_SEP, sep);
				at += sep;
			}
			memcpy(out + at, parts[i], strlen(parts[i]));
			at += strlen(parts[i]);
			out[at] = '\0';
		}
	free(parts);
	free(used);
	free(copy);
	return out;
}

static int keep_answers(yz_session *s, const yz_survey *sv, const yz_values *v, answers *out,
                        yz_err *err)
{
	yz_eval_env env;
	size_t nf = sv->entry->n_fields;

	yz_service_eval_env(s, &env);
	out->n = 0;
	out->n_owned = 0;
	out->fields = calloc(nf + 1, sizeof *out->fields);
	out->values = calloc(nf + 1, sizeof *out->values);
	out->owned = calloc(nf + 1, sizeof *out->owned);
	if (!out->fields || !out->values || !out->owned) {
		free(out->fields);
		free(out->values);
		free(out->owned);
		memset(out, 0, sizeof *out);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	for (size_t i = 0; i < nf; i++) {
		const yz_field_def *f = &sv->entry->fields[i];
		const char *val = yz_values_get(v, f->id);
		int item;
		const yz_question *q;

		if (!val || !val[0])
			continue;
		/* NULL for the head fields (serial, mode, proxy, respondent) */
		q = yz_survey_question_of(sv, f->id, &item);
		if (!q || !yz_survey_asked(sv, q, v, &env) || !yz_field_visible(f, v, &env))
			continue;
		if (f->type == YZ_FIELD_MULTICHOICE && f->n_options > 0) {
			char *sorted = picks_in_order(f, val);
			if (!sorted) {
				yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
				return -1;
			}
			out->owned[out->n_owned++] = sorted;
			val = sorted;
		}
		out->fields[out->n] = f->id;
		out->values[out->n] = val;
		out->n++;
	}
	return 0;
}

static void answers_free(answers *a)
{
	for (size_t i = 0; i < a->n_owned; i++)
		free(a->owned[i]);
	free(a->owned);
	free(a->fields);
	free(a->values);
	memset(a, 0, sizeof *a);
}

static int add_value(const char *field, const char *value, void *ctx)
{
	yz_values_set(ctx, field, value);
	return 0;
}

/* The entry form's option text of a stored mode id ("self"); an id the form
 * does not know as it is. */
static const char *mode_label_of_id(const char *id)
{
	int m = yz_survey_mode_of(id);

	return m < 0 ? id : yz_survey_mode_label((yz_survey_mode)m);
}

/* The one answer to a paper without (or with an unknown) way it came back. */
static int bad_mode(yz_err *err)
{
	yz_err_setc(err, YZ_ERR_INVALID, "%s",
	            _("Say how the paper came back: filled in by the resident, filled in for the "
	              "resident, or at the counter."));
	return -1;
}

/* How many answers of a and of the stored b (with its mode) differ. */
static size_t count_diffs(const answers *a, const char *mode, const yz_values *b,
                          const char *b_mode)
{
	size_t n = strcmp(mode, b_mode) != 0;

	for (size_t i = 0; i < a->n; i++) {
		const char *o = yz_values_get(b, a->fields[i]);
		if (!o || strcmp(o, a->values[i]) != 0)
			n++;
	}
	for (size_t i = 0; i < b->n; i++) {
		bool found = false;
		for (size_t j = 0; j < a->n && !found; j++)
			found = !strcmp(a->fields[j], b->keys[i]);
		if (!found)
			n++;
	}
	return n;
}

/* The head of a paper about to be stored: its serial (checked: which pass,
 * the stored paper), the entry form's validation and the way it came back. */
/* A response taken at the counter with C: answered on the screen, numbered
 * from the counter's range (yz_service_survey_counter_serial). It has no
 * paper: it is not checked against the serials issued, it counts at once
 * even in a survey keyed twice, and in an anonymous survey no clerk is kept
 * with it. */
static bool taken_at_counter(int mode, long serial)
{
	return mode == YZ_SURVEY_COUNTER && serial >= YZ_SURVEY_COUNTER_FIRST;
}

static int read_head(yz_session *s, const yz_survey *sv, const yz_values *v, long *serial,
                     int *pass, int *mode, yz_spaper *p, yz_err *err)
{
	const char *ser = yz_values_get(v, YZ_SURVEY_F_SERIAL);
	const char *ml = yz_values_get(v, YZ_SURVEY_F_MODE);
	char *end = NULL;
	yz_eval_env env;
	yz_form_error where;

	*serial = ser && ser[0] ? strtol(ser, &end, 10) : 0;
	if (!end || *end != '\0')
		*serial = 0;
	*mode = ml ? yz_survey_mode_of(ml) : -1;
	/* The counter's range belongs to responses taken with C (a paper
	 * answered at the counter and keyed later has a printed number, and is
	 * keyed as any paper). */
	if (*mode >= 0 && *mode != YZ_SURVEY_COUNTER && *serial >= YZ_SURVEY_COUNTER_FIRST) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("Numbers from 500000000 up belong to responses taken at the "
		              "counter: type the number printed on the paper."));
		return -1;
	}
	if (check(s, sv, *serial, taken_at_counter(*mode, *serial), pass, p, err) < 0)
		return -1;
	yz_service_eval_env(s, &env);
	if (!yz_form_validate_full(sv->entry, v, &env, &where, err))
		return -1;
	if (*mode < 0)
		return bad_mode(err);
	/* Answered at the counter, keyed from the resident's own words on the
	 * screen: there is no paper to key a second time, so it counts at once. */
	if (taken_at_counter(*mode, *serial) && *pass == 1)
		*pass = 0;
	return 0;
}

/* The registered resident who answered (never for an anonymous survey) into
 * *id, 0 when none was given. */
static int respondent_id(yz_session *s, const yz_survey *sv, const yz_values *v, int64_t *id,
                         yz_err *err)
{
	const char *idno = sv->anonymous ? NULL : yz_values_get(v, YZ_SURVEY_F_RESPONDENT);
	yz_resident r;
	int got;

	*id = 0;
	if (!idno || !idno[0])
		return 0;
	got = yz_resident_by_idno(s->store, idno, &r, err);
	if (got < 0)
		return -1;
	if (got == 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("No resident with the ID number %s is registered."), idno);
		return -1;
	}
	*id = r.id;
	return 0;
}

/* The second keying against the first: how many answers differ, and k's
 * state from it. */
static int compare_first(yz_session *s, const yz_spaper *p, const answers *a, yz_spaper_keying *k,
                         size_t *n_diffs, yz_err *err)
{
	yz_values first = {0};
	int rc = yz_spaper_answers(s->store, p->id, 1, add_value, &first, err);

	if (rc >= 0) {
		*n_diffs = count_diffs(a, k->mode, &first, p->pass_mode[1]);
		k->state = *n_diffs == 0 ? YZ_SPAPER_COUNTED : YZ_SPAPER_DIFFERENT;
	}
	yz_values_clear(&first);
	return rc < 0 ? -1 : 0;
}

int yz_service_survey_enter(yz_session *s, const yz_survey *sv, const yz_values *v,
                            yz_survey_entered *out, yz_err *err)
{
	yz_spaper p;
	answers a = {0};
	yz_spaper_keying k = {0};
	char day[11], detail[256];
	long serial;
	int pass, mode, rc = -1;
	size_t n_diffs = 0;

	memset(out, 0, sizeof *out);
	if (read_head(s, sv, v, &serial, &pass, &mode, &p, err) < 0)
		return -1;
	if (keep_answers(s, sv, v, &a, err) < 0) {
		answers_free(&a); /* what it kept before it failed */
		return -1;
	}
	today(s, day);
	k.survey = sv->id;
	k.serial = serial;
	k.mode = yz_survey_mode_id((yz_survey_mode)mode);
	k.pass = pass;
	/* An anonymous survey's response at the counter: who took it, beside the
	 * clerk's cases of the day, would tell whose it is (the audit row says
	 * only that a counter response of the survey was taken). */
	k.clerk = sv->anonymous && taken_at_counter(mode, serial) ? 0 : s->user.id;
	k.day = day;
	k.fields = a.fields;
	k.values = a.values;
	k.n = a.n;
	k.anonymous = sv->anonymous;
	if (mode == YZ_SURVEY_PROXY)
		k.proxy = yz_values_get(v, YZ_SURVEY_F_PROXY);
	if (respondent_id(s, sv, v, &k.resident, err) < 0 ||
	    (pass == 2 && compare_first(s, &p, &a, &k, &n_diffs, err) < 0))
		goto done;
	if (sv->anonymous && taken_at_counter(mode, serial))
		snprintf(detail, sizeof detail, "survey %s counter response", sv->id);
	else
		svc_survey_subject(sv, serial, pass, detail, sizeof detail);
	k.audit_actor = s->user.login;
	k.audit_detail = detail;
	if (yz_spaper_put(s->store, &k, err) < 0)
		goto done;
	out->serial = serial;
	out->pass = pass;
	out->n_diffs = n_diffs;
	out->state = pass == 1                        ? YZ_SENTRY_WAITING
	             : k.state == YZ_SPAPER_DIFFERENT ? YZ_SENTRY_DIFFERENT
	                                              : YZ_SENTRY_COUNTED;
	rc = 0;
done:
	answers_free(&a);
	return rc;
}

/* ---- double entry ------------------------------------------------------------------ */

typedef struct diff_ctx {
	yz_session *s;
	const yz_survey *sv;
	yz_survey_diffs *out;
	size_t cap;
	yz_err *err;
	int rc;
} diff_ctx;

static char *dup_or_empty(const char *t)
{
	return strdup(t ? t : "");
}

static int add_diff(diff_ctx *x, const yz_spaper *p, const char *field, const char *label,
                    const char *a, const char *b)
{
	yz_survey_diffs *d = x->out;
	yz_survey_diff *it;

	if (d->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		yz_survey_diff *items = realloc(d->items, cap * sizeof *items);
		if (!items)
			return -1;
		d->items = items;
		x->cap = cap;
	}
	it = &d->items[d->n];
	it->serial = p->serial;
	it->field = dup_or_empty(field);
	it->label = dup_or_empty(label);
	it->first = dup_or_empty(a);
	it->second = dup_or_empty(b);
	it->clerk1 = dup_or_empty(p->clerk_name[1]);
	it->clerk2 = dup_or_empty(p->clerk_name[2]);
	d->n++;
	if (!it->field || !it->label || !it->first || !it->second || !it->clerk1 || !it->clerk2)
		return -1;
	return 0;
}

/* The differing answers of one paper in entry order (the mode first), and
 * those the survey file no longer has after them. */
static int paper_diffs(diff_ctx *x, const yz_spaper *p)
{
	const yz_survey *sv = x->sv;
	yz_values a = {0}, b = {0};
	const yz_field_def *mf = yz_form_field(sv->entry, YZ_SURVEY_F_MODE);
	size_t before = x->out->n;
	int rc = -1;

	if (yz_spaper_answers(x->s->store, p->id, 1, add_value, &a, x->err) < 0 ||
	    yz_spaper_answers(x->s->store, p->id, 2, add_value, &b, x->err) < 0)
		goto done;
	if (strcmp(p->pass_mode[1], p->pass_mode[2]) != 0 &&
	    add_diff(x, p, YZ_SURVEY_F_MODE, mf ? mf->label : YZ_SURVEY_F_MODE,
	             mode_label_of_id(p->pass_mode[1]), mode_label_of_id(p->pass_mode[2])) < 0)
		goto oom;
	for (size_t i = 0; i < sv->entry->n_fields; i++) {
		const yz_field_def *f = &sv->entry->fields[i];
		const char *va = yz_values_get(&a, f->id), *vb = yz_values_get(&b, f->id);
		if (yz_survey_is_head_field(f->id) || !strcmp(va ? va : "", vb ? vb : ""))
			continue;
		if (add_diff(x, p, f->id, f->label, va, vb) < 0)
			goto oom;
	}
	for (size_t pass = 0; pass < 2; pass++) {
		const yz_values *one = pass ? &b : &a, *other = pass ? &a : &b;
		for (size_t i = 0; i < one->n; i++) {
			const char *id = one->keys[i];
			if (yz_form_field(sv->entry, id) || (pass && yz_values_get(other, id)))
				continue;
			const char *va = yz_values_get(&a, id), *vb = yz_values_get(&b, id);
			if (!strcmp(va ? va : "", vb ? vb : ""))
				continue;
			if (add_diff(x, p, id, id, va, vb) < 0)
				goto oom;
		}
	}
	if (x->out->n > before)
		x->out->n_papers++;
	rc = 0;
	goto done;
oom:
	yz_err_setc(x->err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
done:
	yz_values_clear(&a);
	yz_values_clear(&b);
	return rc;
}

static int each_diff(const yz_spaper *p, void *ctx)
{
	diff_ctx *x = ctx;

	x->rc = paper_diffs(x, p);
	return x->rc;
}

int yz_service_survey_diffs(yz_session *s, const yz_survey *sv, long serial, yz_survey_diffs *out,
                            yz_err *err)
{
	diff_ctx x = {s, sv, out, 0, err, 0};
	yz_spaper_counts c;

	memset(out, 0, sizeof *out);
	if (signed_in(s, sv, serial, err) < 0)
		return -1;
	if (serial != 0) {
		yz_spaper p;
		int rc;
		if (serial_range(serial, err) < 0)
			return -1;
		rc = yz_spaper_get(s->store, sv->id, serial, &p, err);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			yz_err_setc(err, YZ_ERR_NOT_FOUND, _("Paper %ld of %s was not keyed."),
			            serial, sv->title);
			return -1;
		}
		if (p.state == YZ_SPAPER_DIFFERENT && paper_diffs(&x, &p) < 0)
			goto fail;
		out->n_waiting = p.state == YZ_SPAPER_WAITING;
		return 0;
	}
	if (yz_spaper_each(s->store, sv->id, YZ_SPAPER_DIFFERENT, each_diff, &x, err) < 0 ||
	    x.rc < 0 || yz_spaper_counts_get(s->store, sv->id, &c, err) < 0)
		goto fail;
	out->n_waiting = (size_t)c.waiting;
	return 0;
fail:
	yz_survey_diffs_free(out);
	return -1;
}

void yz_survey_diffs_free(yz_survey_diffs *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].field);
		free(d->items[i].label);
		free(d->items[i].first);
		free(d->items[i].second);
		free(d->items[i].clerk1);
		free(d->items[i].clerk2);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

/* Paper p as it is settled, into merged: what both keyings agree on, the
 * value final gives for each that differs (checked), else the first
 * keying's; the mode likewise, its id into *mode_id. */
static int settle_values(yz_session *s, const yz_survey *sv, const yz_spaper *p,
                         const yz_values *final, yz_values *merged, const char **mode_id,
                         yz_err *err)
{
	yz_values a = {0}, b = {0};
	char buf[32];
	int rc = -1;

	if (yz_spaper_answers(s->store, p->id, 1, add_value, &a, err) < 0 ||
	    yz_spaper_answers(s->store, p->id, 2, add_value, &b, err) < 0)
		goto done;
	snprintf(buf, sizeof buf, "%ld", p->serial);
	yz_values_set(merged, YZ_SURVEY_F_SERIAL, buf);
	*mode_id = p->pass_mode[1];
	if (strcmp(p->pass_mode[1], p->pass_mode[2]) != 0) {
		const char *m = final ? yz_values_get(final, YZ_SURVEY_F_MODE) : NULL;
		int mi = m ? yz_survey_mode_of(m) : -1;
		if (m && mi < 0) {
			bad_mode(err);
			goto done;
		}
		if (mi >= 0)
			*mode_id = yz_survey_mode_id((yz_survey_mode)mi);
	}
	yz_values_set(merged, YZ_SURVEY_F_MODE, mode_label_of_id(*mode_id));
	for (size_t i = 0; i < sv->entry->n_fields; i++) {
		const yz_field_def *f = &sv->entry->fields[i];
		const char *va = yz_values_get(&a, f->id), *vb = yz_values_get(&b, f->id);
		const char *pick = va;
		if (yz_survey_is_head_field(f->id))
			continue;
		if (strcmp(va ? va : "", vb ? vb : "") != 0 && final &&
		    yz_values_get(final, f->id)) {
			pick = yz_values_get(final, f->id);
			if (!yz_field_validate(f, pick, s->today, err))
				goto done;
		}
		if (pick && pick[0])
			yz_values_set(merged, f->id, pick);
	}
	rc = 0;
done:
	yz_values_clear(&a);
	yz_values_clear(&b);
	return rc;
}

int yz_service_survey_reconcile(yz_session *s, const yz_survey *sv, long serial,
                                const yz_values *final, yz_err *err)
{
	yz_spaper p;
	yz_values merged = {0};
	answers kept = {0};
	const char *mode_id = NULL;
	char day[11], detail[256];
	int rc;

	if (signed_in(s, sv, serial, err) < 0 || serial_range(serial, err) < 0)
		return -1;
	rc = yz_spaper_get(s->store, sv->id, serial, &p, err);
	if (rc < 0)
		return -1;
	if (rc == 1 || p.state != YZ_SPAPER_DIFFERENT) {
		yz_err_setc(err, YZ_ERR_INVALID, _("Paper %ld has no differences to settle."),
		            serial);
		return -1;
	}
	if (!yz_service_is_head(s) && (p.clerk[1] == s->user.id || p.clerk[2] == s->user.id))
		return refuse(s, sv, serial,
		              _("You keyed this paper: the head or a clerk who keyed neither "
		                "entry settles its differences."),
		              err);
	rc = -1;
	if (settle_values(s, sv, &p, final, &merged, &mode_id, err) < 0 ||
	    keep_answers(s, sv, &merged, &kept, err) < 0)
		goto done;
	today(s, day);
	svc_survey_subject(sv, serial, -1, detail, sizeof detail);
	rc = yz_spaper_settle(s->store, p.id, mode_id, s->user.id, day, kept.fields, kept.values,
	                      kept.n, s->user.login, detail, err);
done:
	answers_free(&kept);
	yz_values_clear(&merged);
	return rc;
}

/* ---- void ------------------------------------------------------------------------- */

int yz_service_survey_void(yz_session *s, const yz_survey *sv, long serial, const char *reason,
                           yz_err *err)
{
	yz_spaper p;
	char subject[256], detail[768];
	int rc;

	if (signed_in(s, sv, serial, err) < 0 || serial_range(serial, err) < 0)
		return -1;
	svc_survey_subject(sv, serial, -1, subject, sizeof subject);
	snprintf(subject + strlen(subject), sizeof subject - strlen(subject), " void");
	if (svc_require_as(s, "survey_denied", true, subject,
	                   _("Only the station head or the admin can void a paper."), err) < 0)
		return -1;
	if (!reason || !reason[0]) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("Say why the paper is voided (--reason): it goes to the audit log."));
		return -1;
	}
	rc = yz_spaper_get(s->store, sv->id, serial, &p, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		yz_err_setc(err, YZ_ERR_NOT_FOUND, _("Paper %ld of %s was not keyed."), serial,
		            sv->title);
		return -1;
	}
	/* the serial only for a named survey (svc_survey_subject): an anonymous
	 * survey's audit never names a paper */
	svc_survey_subject(sv, serial, -1, subject, sizeof subject);
	snprintf(detail, sizeof detail, "%s reason: %s", subject, reason);
	return yz_spaper_void(s->store, p.id, s->user.login, detail, err);
}

/* ---- the papers that count --------------------------------------------------------- */

typedef struct each_ctx {
	yz_survey_paper_fn fn;
	void *ctx;
	int stopped;
} each_ctx;

static int each_counted(long serial, const char *mode, size_t n, const char *const *fields,
                        const char *const *values, void *ctx)
{
	each_ctx *x = ctx;
	yz_values v = {0};
	char buf[32];
	int m = yz_survey_mode_of(mode);

	/* The entry form's values, as the engine had them: the counting's skip
	 * logic and validity rule may look at the serial and the mode too. */
	snprintf(buf, sizeof buf, "%ld", serial);
	yz_values_set(&v, YZ_SURVEY_F_SERIAL, buf);
	yz_values_set(&v, YZ_SURVEY_F_MODE, mode_label_of_id(mode));
	for (size_t i = 0; i < n; i++)
		yz_values_set(&v, fields[i], values[i]);
	x->stopped = x->fn(serial, m < 0 ? YZ_SURVEY_SELF : (yz_survey_mode)m, &v, x->ctx);
	yz_values_clear(&v);
	return x->stopped;
}

int yz_service_survey_each(yz_session *s, const yz_survey *sv, yz_survey_paper_fn fn, void *ctx,
                           yz_err *err)
{
	each_ctx x = {fn, ctx, 0};

	/* every answer of every paper: the counting's and the report's only */
	if (signed_in(s, sv, 0, err) < 0 || svc_survey_require_head(s, sv, "answers", err) < 0)
		return -1;
	return yz_spaper_each_counted(s->store, sv->id, each_counted, &x, err);
}

/* ---- the draft ------------------------------------------------------------------- */

int yz_service_survey_draft_save(yz_session *s, const yz_survey *sv, const char *draft_id,
                                 const yz_values *v, yz_err *err)
{
	yz_kv_list kv = {0};
	int rc = 0;
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		/* an anonymous survey keeps no name beside its answers, a draft
		 * included: the proxy's name is typed again when the paper is resumed */
		if (sv->anonymous && !strcmp(v->keys[i], YZ_SURVEY_F_PROXY))
			continue;
		rc = yz_kv_push(&kv, v->keys[i], v->vals[i]);
	}
	if (rc != 0)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
	else
		rc = yz_service_draft_save(s, draft_id, &kv, err);
	yz_kv_free(&kv);
	return rc;
}
