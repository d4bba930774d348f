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

/* A refused attempt: an audit row with the reason (never an answer), then the
 * reason to the clerk. */
static int refuse(yz_session *s, const yz_survey *sv, long serial, const char *why, yz_err *err)
{
	char detail[512];

	snprintf(detail, sizeof detail, "survey %s serial %ld: %s", sv->id, serial, why);
	yz_audit_append(s->store, s->user.login[0] ? s->user.login : "-", "survey_denied", detail,
	                NULL);
	yz_err_setc(err, YZ_ERR_DENIED, _("%s (This attempt was recorded.)"), why);
	return -1;
}

static int signed_in(yz_session *s, const yz_survey *sv, long serial, yz_err *err)
{
	if (s->user.login[0] && s->user.id > 0)
		return 0;
	return refuse(s, sv, serial, _("Sign in first."), err);
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
	char detail[256];
	long added = 0;

	if (signed_in(s, sv, first, err) < 0)
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
	if (yz_audit_append(s->store, s->user.login, "survey_issued", detail, err) < 0) {
		yz_store_rollback(s->store);
		return -1;
	}
	return yz_store_commit(s->store, err);
}

int yz_service_survey_next_serial(yz_session *s, const yz_survey *sv, long *out, yz_err *err)
{
	return yz_spaper_next_serial(s->store, sv->id, out, err);
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

/* Which pass the next keying of serial is, with the stored paper (p->id 0
 * when there is none). Refusals of this clerk are audited. */
static int check(yz_session *s, const yz_survey *sv, long serial, int *pass, yz_spaper *p,
                 yz_err *err)
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
		return 0;
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

	return check(s, sv, serial, pass, &p, err);
}

static bool is_head_field(const char *id)
{
	return !strcmp(id, YZ_SURVEY_F_SERIAL) || !strcmp(id, YZ_SURVEY_F_MODE) ||
	       !strcmp(id, YZ_SURVEY_F_PROXY) || !strcmp(id, YZ_SURVEY_F_RESPONDENT);
}

/* The answers of v worth keeping, in entry order: the fields of questions
 * the paper asks (skip logic) that are shown and not empty. Pointers into
 * sv and v. */
typedef struct answers {
	const char **fields, **values;
	size_t n;
} answers;

static int keep_answers(yz_session *s, const yz_survey *sv, const yz_values *v, answers *out,
                        yz_err *err)
{
	yz_eval_env env;
	size_t nf = sv->entry->n_fields;

	yz_service_eval_env(s, &env);
	out->n = 0;
	out->fields = calloc(nf + 1, sizeof *out->fields);
	out->values = calloc(nf + 1, sizeof *out->values);
	if (!out->fields || !out->values) {
		free(out->fields);
		free(out->values);
		yz_err_setc(err, YZ_ERR_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	for (size_t i = 0; i < nf; i++) {
		const yz_field_def *f = &sv->entry->fields[i];
		const char *val = yz_values_get(v, f->id);
		int item;
		const yz_question *q;

		if (is_head_field(f->id) || !val || !val[0])
			continue;
		q = yz_survey_question_of(sv, f->id, &item);
		if (!q || !yz_survey_asked(sv, q, v, &env) || !yz_field_visible(f, v, &env))
			continue;
		out->fields[out->n] = f->id;
		out->values[out->n] = val;
		out->n++;
	}
	return 0;
}

static void answers_free(answers *a)
{
	free(a->fields);
	free(a->values);
}

static int add_value(const char *field, const char *value, void *ctx)
{
	yz_values_set(ctx, field, value);
	return 0;
}

/* The mode stored as its id ("self"), or -1. */
static int mode_of_id(const char *id)
{
	for (int m = YZ_SURVEY_SELF; m <= YZ_SURVEY_COUNTER; m++)
		if (!strcmp(id, yz_survey_mode_id((yz_survey_mode)m)))
			return m;
	return -1;
}

static const char *mode_label_of_id(const char *id)
{
	int m = mode_of_id(id);

	return m < 0 ? id : yz_survey_mode_label((yz_survey_mode)m);
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

int yz_service_survey_enter(yz_session *s, const yz_survey *sv, const yz_values *v,
                            yz_survey_entered *out, yz_err *err)
{
	yz_spaper p;
	yz_eval_env env;
	yz_form_error where;
	answers a = {0};
	yz_values first = {0};
	yz_spaper_keying k = {0};
	const char *ser = yz_values_get(v, YZ_SURVEY_F_SERIAL);
	const char *ml = yz_values_get(v, YZ_SURVEY_F_MODE);
	char day[11], detail[256], *end = NULL;
	long serial;
	int pass, mode, rc = -1;
	size_t n_diffs = 0;

	memset(out, 0, sizeof *out);
	serial = ser && ser[0] ? strtol(ser, &end, 10) : 0;
	if (!end || *end != '\0')
		serial = 0;
	if (check(s, sv, serial, &pass, &p, err) < 0)
		return -1;
	yz_service_eval_env(s, &env);
	if (!yz_form_validate_full(sv->entry, v, &env, &where, err))
		return -1;
	mode = ml ? yz_survey_mode_of(ml) : -1;
	if (mode < 0) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("Say how the paper came back: filled in by the resident, filled in "
		              "for the resident, or at the counter."));
		return -1;
	}
	/* Answered at the counter, keyed from the resident's own words on the
	 * screen: there is no paper to key a second time, so it counts at once. */
	if (mode == YZ_SURVEY_COUNTER && pass == 1)
		pass = 0;
	if (keep_answers(s, sv, v, &a, err) < 0)
		return -1;
	today(s, day);
	k.survey = sv->id;
	k.serial = serial;
	k.mode = yz_survey_mode_id((yz_survey_mode)mode);
	k.pass = pass;
	k.clerk = s->user.id;
	k.day = day;
	k.fields = a.fields;
	k.values = a.values;
	k.n = a.n;
	k.anonymous = sv->anonymous;
	if (mode == YZ_SURVEY_PROXY)
		k.proxy = yz_values_get(v, YZ_SURVEY_F_PROXY);
	if (!sv->anonymous) {
		const char *idno = yz_values_get(v, YZ_SURVEY_F_RESPONDENT);
		if (idno && idno[0]) {
			yz_resident r;
			int got = yz_resident_by_idno(s->store, idno, &r, err);
			if (got < 0)
				goto done;
			if (got == 1) {
				yz_err_setc(err, YZ_ERR_NOT_FOUND,
				            _("No resident with the ID number %s is registered."),
				            idno);
				goto done;
			}
			k.resident = r.id;
		}
	}
	if (pass == 2) {
		if (yz_spaper_answers(s->store, p.id, 1, add_value, &first, err) < 0)
			goto done;
		n_diffs = count_diffs(&a, k.mode, &first, p.pass_mode[1]);
		k.state = n_diffs == 0 ? YZ_SPAPER_COUNTED : YZ_SPAPER_DIFFERENT;
	}
	/* An anonymous survey's row names no paper: its time beside the clerk's
	 * cases of the moment would tie a counter response to a resident. */
	if (sv->anonymous)
		snprintf(detail, sizeof detail, "survey %s pass %d", sv->id, pass);
	else
		snprintf(detail, sizeof detail, "survey %s serial %ld pass %d", sv->id, serial,
		         pass);
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
	yz_values_clear(&first);
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
		if (is_head_field(f->id) || !strcmp(va ? va : "", vb ? vb : ""))
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
	yz_err_setc(x->err, YZ_ERR_INTERNAL, "%s", _("Out of memory."));
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

int yz_service_survey_reconcile(yz_session *s, const yz_survey *sv, long serial,
                                const yz_values *final, yz_err *err)
{
	yz_spaper p;
	yz_values a = {0}, b = {0}, merged = {0};
	answers kept = {0};
	const char *mode_id;
	char day[11], detail[256], buf[32];
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
	if (yz_spaper_answers(s->store, p.id, 1, add_value, &a, err) < 0 ||
	    yz_spaper_answers(s->store, p.id, 2, add_value, &b, err) < 0)
		goto done;
	/* The paper as it is settled: what both keyings agree on, the value given
	 * for each that differs, else the first keying's. */
	snprintf(buf, sizeof buf, "%ld", serial);
	yz_values_set(&merged, YZ_SURVEY_F_SERIAL, buf);
	mode_id = p.pass_mode[1];
	if (strcmp(p.pass_mode[1], p.pass_mode[2]) != 0) {
		const char *m = final ? yz_values_get(final, YZ_SURVEY_F_MODE) : NULL;
		int mi = m ? yz_survey_mode_of(m) : -1;
		if (m && mi < 0) {
			yz_err_setc(
			    err, YZ_ERR_INVALID, "%s",
			    _("Say how the paper came back: filled in by the resident, filled "
			      "in for the resident, or at the counter."));
			goto done;
		}
		if (mi >= 0)
			mode_id = yz_survey_mode_id((yz_survey_mode)mi);
	}
	yz_values_set(&merged, YZ_SURVEY_F_MODE, mode_label_of_id(mode_id));
	for (size_t i = 0; i < sv->entry->n_fields; i++) {
		const yz_field_def *f = &sv->entry->fields[i];
		const char *va = yz_values_get(&a, f->id), *vb = yz_values_get(&b, f->id);
		const char *pick = va;
		if (is_head_field(f->id))
			continue;
		if (strcmp(va ? va : "", vb ? vb : "") != 0 && final &&
		    yz_values_get(final, f->id)) {
			pick = yz_values_get(final, f->id);
			if (!yz_field_validate(f, pick, s->today, err))
				goto done;
		}
		if (pick && pick[0])
			yz_values_set(&merged, f->id, pick);
	}
	if (keep_answers(s, sv, &merged, &kept, err) < 0)
		goto done;
	today(s, day);
	snprintf(detail, sizeof detail, "survey %s serial %ld", sv->id, serial);
	rc = yz_spaper_settle(s->store, p.id, mode_id, s->user.id, day, kept.fields, kept.values,
	                      kept.n, s->user.login, detail, err);
done:
	answers_free(&kept);
	yz_values_clear(&a);
	yz_values_clear(&b);
	yz_values_clear(&merged);
	return rc;
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
	int m = mode_of_id(mode);

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

	if (signed_in(s, sv, 0, err) < 0)
		return -1;
	return yz_spaper_each_counted(s->store, sv->id, each_counted, &x, err);
}
