/* A ledger row's keys (yz_ledger_keys, forms/README.md section 18) filled
 * from the store's raw values: dates as local dates, working days on the
 * station's calendar with the pauses (bu zheng) left out as the deadline code
 * counts them, words in the paper's language, and what the viewer may see. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "ledger_int.h"

/* Every key the service knows, in one list: the enum and its name. */
#define LF_KEYS(X)                                                                                 \
	X(CASE_NUMBER, "case.number")                                                              \
	X(CASE_ITEM, "case.item")                                                                  \
	X(CASE_FORM, "case.form")                                                                  \
	X(CASE_LINE, "case.line")                                                                  \
	X(CASE_STATUS, "case.status")                                                              \
	X(CASE_RESULT, "case.result")                                                              \
	X(CASE_STATE, "case.state")                                                                \
	X(CASE_ACCEPTED, "case.accepted")                                                          \
	X(CASE_CLOSED, "case.closed")                                                              \
	X(CASE_DUE, "case.due")                                                                    \
	X(CASE_LEGAL_DUE, "case.legal_due")                                                        \
	X(CASE_CLERK, "case.clerk")                                                                \
	X(CASE_CLERK_LOGIN, "case.clerk_login")                                                    \
	X(CASE_OWNER, "case.owner")                                                                \
	X(CASE_ON_TIME, "case.on_time")                                                            \
	X(CASE_OVERDUE, "case.overdue")                                                            \
	X(CASE_WORKDAYS, "case.workdays")                                                          \
	X(CASE_PAUSES, "case.pauses")                                                              \
	X(CASE_DEPARTMENT, "case.department")                                                      \
	X(CASE_DEPT_RESULT, "case.dept_result")                                                    \
	X(CASE_DEPT_RESULT_DATE, "case.dept_result_date")                                          \
	X(CASE_RATING, "case.rating")                                                              \
	X(CASE_RATING_LABEL, "case.rating_label")                                                  \
	X(CASE_RATING_COMMENT, "case.rating_comment")                                              \
	X(RES_NAME, "resident.name")                                                               \
	X(RES_IDNO, "resident.idno")                                                               \
	X(RES_SEX, "resident.sex")                                                                 \
	X(RES_BIRTH, "resident.birth")                                                             \
	X(RES_AGE, "resident.age")                                                                 \
	X(RES_PHONE, "resident.phone")                                                             \
	X(RES_ADDRESS, "resident.address")                                                         \
	X(RES_ETHNICITY, "resident.ethnicity")                                                     \
	X(RES_GRID, "resident.grid")                                                               \
	X(RES_HOUSEHOLD, "resident.household")                                                     \
	X(RES_HOUSEHOLD_SIZE, "resident.household_size")                                           \
	X(RES_RELATION, "resident.relation")                                                       \
	X(RES_TAGS, "resident.tags")                                                               \
	X(HH_CODE, "household.code")                                                               \
	X(HH_ADDRESS, "household.address")                                                         \
	X(HH_HEAD, "household.head")                                                               \
	X(HH_SIZE, "household.size")                                                               \
	X(HH_GRID, "household.grid")                                                               \
	X(TAG_KIND, "tag.kind")                                                                    \
	X(TAG_DETAIL, "tag.detail")                                                                \
	X(TAG_GRADE, "tag.grade")                                                                  \
	X(TAG_START, "tag.start")                                                                  \
	X(TAG_END, "tag.end")                                                                      \
	X(FW_DEPARTMENT, "forward.department")                                                     \
	X(FW_SENT, "forward.sent")                                                                 \
	X(FW_DUE, "forward.due")                                                                   \
	X(FW_RESULT, "forward.result")                                                             \
	X(FW_RESULT_DATE, "forward.result_date")                                                   \
	X(FW_ANSWER_DAYS, "forward.answer_days")                                                   \
	X(FW_NOTIFIED, "forward.notified")                                                         \
	X(FW_NOTIFIED_HOW, "forward.notified_how")                                                 \
	X(FU_DUE, "followup.due")                                                                  \
	X(FU_STATE, "followup.state")                                                              \
	X(FU_OUTCOME, "followup.outcome")                                                          \
	X(FU_NOTE, "followup.note")                                                                \
	X(FU_DONE_BY, "followup.done_by")                                                          \
	X(FU_DONE_DATE, "followup.done_date")                                                      \
	X(FU_ATTEMPTS, "followup.attempts")                                                        \
	X(FU_SCORE, "followup.score")                                                              \
	X(FU_COMMENT, "followup.comment")                                                          \
	X(TALK_DATE, "talk.date")                                                                  \
	X(TALK_PLACE, "talk.place")                                                                \
	X(TALK_ATTENDEES, "talk.attendees")

enum {
#define LF_ENUM_(name, key) K_##name,
	LF_KEYS(LF_ENUM_)
#undef LF_ENUM_
	    K_COUNT
};

static const char *const key_names[K_COUNT] = {
#define LF_NAME_(name, key) [K_##name] = key,
    LF_KEYS(LF_NAME_)
#undef LF_NAME_
};

static int key_of(const char *name)
{
	for (int i = 0; i < K_COUNT; i++)
		if (strcmp(key_names[i], name) == 0)
			return i;
	return -1;
}

/* ---- the paper's words ---------------------------------------------------------- */

static void words(lf_ctx *c)
{
	/* TRANSLATORS: a case still being handled, in a ledger (zai ban). */
	c->w_open = P_("in progress");
	c->w_closed = P_("closed");
	c->w_yes = P_("yes");
	c->w_no = P_("no");
	c->w_male = P_("male");
	c->w_female = P_("female");
	c->w_sep = P_(", ");
	c->w_result[YZ_RESULT_NONE] = "";
	/* TRANSLATORS: a case's result in a ledger: what was applied for was granted. */
	c->w_result[YZ_RESULT_APPROVED] = P_("granted");
	/* TRANSLATORS: a case's result in a ledger: not granted. */
	c->w_result[YZ_RESULT_REFUSED] = P_("not granted");
	c->w_result[YZ_RESULT_ANSWERED] = P_("answered");
	c->w_result[YZ_RESULT_RESOLVED] = P_("resolved");
	/* TRANSLATORS: a case's result in a ledger: the resident withdrew it (che hui). */
	c->w_result[YZ_RESULT_WITHDRAWN] = P_("withdrew");
	c->w_result[YZ_RESULT_REJECTED] = P_("not accepted");
	c->w_result[YZ_RESULT_UNKNOWN] = P_("unknown");
	c->w_rating[0] = "";
	c->w_rating[1] = P_("very satisfied");
	c->w_rating[2] = P_("satisfied");
	c->w_rating[3] = P_("fairly satisfied");
	c->w_rating[4] = P_("dissatisfied");
	c->w_rating[5] = P_("very dissatisfied");
	c->w_notify[YZ_NOTIFY_NONE] = "";
	c->w_notify[YZ_NOTIFY_PHONE] = P_("phone");
	c->w_notify[YZ_NOTIFY_SMS] = P_("text message");
	c->w_notify[YZ_NOTIFY_VISIT] = P_("home visit");
	c->w_notify[YZ_NOTIFY_COUNTER] = P_("at the counter");
	c->w_notify[YZ_NOTIFY_UNKNOWN] = P_("unknown");
	/* TRANSLATORS: a follow-up call still to be made (dai hui fang). */
	c->w_fu_open = P_("to call back");
	/* TRANSLATORS: a follow-up call made (yi hui fang). */
	c->w_fu_done = P_("called back");
	c->w_fu_outcome[YZ_FOLLOWUP_NO_OUTCOME] = "";
	c->w_fu_outcome[YZ_FOLLOWUP_SATISFIED] = P_("satisfied");
	c->w_fu_outcome[YZ_FOLLOWUP_REOPENED] = P_("reopened");
	/* TRANSLATORS: a follow-up that never reached the resident. */
	c->w_fu_outcome[YZ_FOLLOWUP_UNREACHED] = P_("not reached");
}

/* ---- the row's text ------------------------------------------------------------- */

/* Copy text into the arena; its offset (the arena may move until the row is
 * complete), or (size_t)-1 when out of memory. */
static size_t put(lf_ctx *c, const char *text)
{
	size_t len = strlen(text) + 1, at = c->used;

	if (c->used + len > c->cap) {
		size_t cap = (c->cap ? c->cap * 2 : 16384) + len;
		char *a = realloc(c->arena, cap);
		if (!a) {
			c->oom = true;
			return (size_t)-1;
		}
		c->arena = a;
		c->cap = cap;
	}
	memcpy(c->arena + at, text, len);
	c->used += len;
	return at;
}

/* ---- cases ---------------------------------------------------------------------- */

/* Working days counted already: a year's cases have a few thousand
 * different (acceptance, closing) and (acceptance, limit) pairs, and counting
 * walks the calendar day by day. Direct-mapped by a hash of the pair. */
#define LF_MEMO 8192
struct lf_memo {
	long a, b; /* the days (kind 0: from, to; kind 1: accepted, limit) */
	int kind;  /* 0 workdays between, 1 a due date; -1 empty */
	long v;    /* the count, or the due date's day number */
};

static struct lf_memo *memo_slot(const lf_ctx *c, int kind, long a, long b)
{
	unsigned long h =
	    ((unsigned long)a * 2654435761u) ^ ((unsigned long)b * 40503u) ^ (unsigned long)kind;
	return c->memo ? &c->memo[h % LF_MEMO] : NULL;
}

static int workdays_between(const lf_ctx *c, yz_date from, yz_date to)
{
	long a = yz_date_to_days(from), b = yz_date_to_days(to);
	struct lf_memo *m = memo_slot(c, 0, a, b);

	if (m && m->kind == 0 && m->a == a && m->b == b)
		return (int)m->v;
	int v = yz_workdays_between(c->s->calendar, from, to);
	if (m)
		*m = (struct lf_memo){a, b, 0, v};
	return v;
}

/* The promised date of a case without pauses or extension. */
static yz_date plain_due(const lf_ctx *c, yz_date acc, int limit)
{
	long a = yz_date_to_days(acc);
	struct lf_memo *m = memo_slot(c, 1, a, limit);

	if (m && m->kind == 1 && m->a == a && m->b == limit)
		return yz_date_from_days(m->v);
	yz_date due = yz_deadline_compute(c->s->calendar, acc, limit, NULL, 0, 0).due;
	if (m)
		*m = (struct lf_memo){a, limit, 1, yz_date_to_days(due)};
	return due;
}

/* What a case's dates come to on the period's last day. */
typedef struct case_calc {
	char due[11];    /* promised, the pauses counted */
	char on_time[8]; /* yes / no / "" */
	bool overdue;
	long workdays; /* -1 open */
} case_calc;

static int paused_between(const yz_calendar *cal, const yz_lrow_case *k, yz_date end)
{
	int days = 0;

	for (size_t i = 0; i < k->n_pauses; i++) {
		yz_date until = k->pauses[i].until.year ? k->pauses[i].until : end;
		if (yz_date_cmp(until, end) > 0)
			until = end;
		days += yz_workdays_between(cal, k->pauses[i].from, until);
	}
	return days;
}

/* Waiting for the resident (a pause started and not ended) at the end of day. */
static bool paused_at(const yz_lrow_case *k, yz_date day)
{
	for (size_t i = 0; i < k->n_pauses; i++)
		if (yz_date_cmp(k->pauses[i].from, day) <= 0 &&
		    (!k->pauses[i].until.year || yz_date_cmp(k->pauses[i].until, day) > 0))
			return true;
	return false;
}

/* The same rule as the statistics (count_case in src/service/stats.c), so a
 * ledger and yizhan stats over one period agree:
 * - the promised date counts a closed case's pauses up to the day it closed
 *   (however long after the period), an open case's up to the period's end or
 *   today when earlier;
 * - closed: on time when on the spot (promise 0 days, or due the day it was
 *   accepted), without a promised date, or closed on or before it;
 * - overdue: closed in the period and late, or open at the period's end, not
 *   on the spot, due before the first day not passed yet (the day after the
 *   period, or today when earlier) and not waiting for the resident then. */
static void case_compute(const lf_ctx *c, const yz_lrow_case *k, case_calc *out)
{
	const yz_calendar *cal = c->s->calendar;
	yz_date acc, closed, due, end = c->to, cut;
	bool is_closed = k->closed[0] && yz_date_parse(k->closed, &closed);
	bool has_due = false, spot;
	long cut_day = yz_date_to_days(c->to) + 1, today = yz_date_to_days(c->s->today);

	memset(out, 0, sizeof *out);
	out->workdays = -1;
	if (!yz_date_parse(k->accepted, &acc))
		return;
	if (today < cut_day)
		cut_day = today;
	if (is_closed)
		end = closed; /* every pause up to the day it closed */
	else if (yz_date_cmp(c->s->today, end) < 0)
		end = c->s->today; /* open: up to today when the period runs on */
	if (k->promise_days >= 0) {
		yz_pause p[YZ_LROW_MAX_PAUSES];
		for (size_t i = 0; i < k->n_pauses; i++) {
			p[i] = k->pauses[i];
			if (!p[i].until.year || yz_date_cmp(p[i].until, end) > 0)
				p[i].until = end;
		}
		if (k->n_pauses == 0 && k->extension_days == 0)
			due = plain_due(c, acc, k->promise_days);
		else
			due = yz_deadline_compute(cal, acc, k->promise_days, p, k->n_pauses,
			                          k->extension_days)
			          .due;
		has_due = true;
	} else {
		has_due = yz_date_parse(k->due, &due);
	}
	spot = k->promise_days == 0 || (has_due && yz_date_cmp(due, acc) == 0);
	if (has_due)
		yz_date_format(due, out->due);
	bool late = is_closed && !spot && has_due && yz_date_cmp(closed, due) > 0;
	if (is_closed) {
		snprintf(out->on_time, sizeof out->on_time, "%s", late ? "n" : "y");
		long w = workdays_between(c, acc, closed) -
		         (k->n_pauses ? paused_between(cal, k, closed) : 0);
		out->workdays = w < 0 ? 0 : w;
	}
	if (is_closed && yz_date_cmp(closed, c->to) <= 0) {
		out->overdue = late;
	} else {
		cut = yz_date_from_days(cut_day);
		out->overdue = !spot && has_due && yz_date_cmp(due, cut) < 0 &&
		               !paused_at(k, yz_date_from_days(cut_day - 1));
	}
}

static const char *result_word(const lf_ctx *c, yz_case_status st, yz_case_result r)
{
	if (st == YZ_CASE_ACCEPTED)
		return c->w_open;
	if ((unsigned)r <= YZ_RESULT_UNKNOWN && r != YZ_RESULT_NONE)
		return c->w_result[r];
	return c->w_closed;
}

/* ---- set up --------------------------------------------------------------------- */

static int latest_cb(int64_t resident_id, yz_case_status status, yz_case_result result,
                     const char *accepted, void *ctx)
{
	void **pair = ctx;
	lf_ctx *c = pair[0];
	lf_latest *lt = pair[1];

	if (lt->n == lt->cap) {
		size_t cap = lt->cap ? lt->cap * 2 : 256;
		int64_t *ids = realloc(lt->ids, cap * sizeof *ids);
		if (ids)
			lt->ids = ids;
		char **w = ids ? realloc(lt->word, cap * sizeof *w) : NULL;
		if (w)
			lt->word = w;
		char(*d)[11] = w ? realloc(lt->date, cap * sizeof *d) : NULL;
		if (!d) {
			c->oom = true;
			return 1;
		}
		lt->date = d;
		lt->cap = cap;
	}
	lt->ids[lt->n] = resident_id;
	lt->word[lt->n] = (char *)result_word(c, status, result);
	snprintf(lt->date[lt->n], 11, "%s", accepted);
	lt->n++;
	return 0;
}

/* Whether ledger l may use key: named in a column's value, the condition or
 * the period (over-counting is harmless: a key named by a longer one). An
 * expression without its source text counts as using every key. */
static bool key_used(const yz_ledger *l, const char *key)
{
	if (l->period && !strcmp(l->period, key))
		return true;
	for (size_t i = 0; i <= l->n_cols; i++) {
		const yz_expr *e = i < l->n_cols ? l->cols[i].value : l->where;
		if (!e)
			continue;
		const char *src = yz_expr_source(e);
		if (!src || strstr(src, key))
			return true;
	}
	return false;
}

/* The hub's latest case of a person: its words as the store's enums. */
static int hub_latest_cb(int64_t person, const char *status, const char *result,
                         const char *accepted, void *ctx)
{
	return latest_cb(person, yz_lrow_status_of(status), yz_lrow_result_of(result), accepted,
	                 ctx);
}

static int by_person(const void *a, const void *b, void *ctx)
{
	const int64_t *ids = ctx;
	int64_t x = ids[*(const size_t *)a], y = ids[*(const size_t *)b];
	return x < y ? -1 : x > y;
}

/* The hub gives a lookup in no order: by person, as latest_word searches
 * it. False when out of memory. */
static bool sort_latest(lf_latest *lt)
{
	size_t n = lt->n;
	if (n < 2)
		return true;
	size_t *ix = malloc(n * sizeof *ix);
	int64_t *ids = malloc(n * sizeof *ids);
	char **word = malloc(n * sizeof *word);
	char(*date)[11] = malloc(n * sizeof *date);
	bool ok = ix && ids && word && date;
	if (ok) {
		for (size_t i = 0; i < n; i++)
			ix[i] = i;
		qsort_r(ix, n, sizeof *ix, by_person, lt->ids);
		for (size_t i = 0; i < n; i++) {
			ids[i] = lt->ids[ix[i]];
			word[i] = lt->word[ix[i]];
			memcpy(date[i], lt->date[ix[i]], sizeof date[i]);
		}
		free(lt->ids);
		free(lt->word);
		free(lt->date);
		lt->ids = ids;
		lt->word = word;
		lt->date = date;
		lt->cap = n;
	} else {
		free(ids);
		free(word);
		free(date);
	}
	free(ix);
	return ok;
}

int lf_init(lf_ctx *c, yz_session *s, const yz_ledger *l, yz_date to, yz_hub *hub,
            const char *station, yz_err *err)
{
	const yz_ledger_key *keys = yz_ledger_keys(l->source);
	char to_text[11];

	memset(c, 0, sizeof *c);
	c->s = s;
	c->l = l;
	c->to = to;
	/* At the hub its roles decided what the login reads: all of it is shown. */
	c->head = hub != NULL || s->user.role == YZ_ROLE_HEAD || s->user.role == YZ_ROLE_ADMIN;
	words(c);
	while (keys[c->n_slots].key)
		c->n_slots++;
	size_t n_keys = c->n_slots + 2 * l->n_latest;
	c->slot_key = calloc(c->n_slots ? c->n_slots : 1, sizeof *c->slot_key);
	c->v.keys = calloc(n_keys + 1, sizeof *c->v.keys);
	c->v.vals = calloc(n_keys + 1, sizeof *c->v.vals);
	c->v_cap = n_keys + 1;
	c->latest = calloc(l->n_latest + 1, sizeof *c->latest);
	if (!c->slot_key || !c->v.keys || !c->v.vals || !c->latest)
		goto oom;
	for (size_t i = 0; i < c->n_slots; i++) {
		c->slot_key[i] = key_used(l, keys[i].key) ? key_of(keys[i].key) : -1;
		if (!(c->v.keys[i] = strdup(keys[i].key)))
			goto oom;
		c->n_fixed = i + 1; /* what lf_free frees */
	}
	c->need_calc = key_used(l, "case.due") || key_used(l, "case.on_time") ||
	               key_used(l, "case.overdue") || key_used(l, "case.workdays");
	c->memo = malloc(LF_MEMO * sizeof *c->memo); /* none: counted each time */
	for (size_t i = 0; c->memo && i < LF_MEMO; i++)
		c->memo[i].kind = -1;
	c->need_tags = key_used(l, "resident.tags");
	c->need_size = key_used(l, "household_size") || key_used(l, "household.size");
	yz_date_format(to, to_text);
	for (size_t i = 0; i < l->n_latest; i++) {
		lf_latest *lt = &c->latest[i];
		void *pair[2] = {c, lt};
		if (!(lt->form = strdup(l->latest[i])))
			goto oom;
		c->v.keys[c->n_fixed] = yz_strdup_printf("latest.%s", l->latest[i]);
		c->v.keys[c->n_fixed + 1] = yz_strdup_printf("latest.%s.date", l->latest[i]);
		c->n_fixed += 2;
		if (!c->v.keys[c->n_fixed - 2] || !c->v.keys[c->n_fixed - 1])
			goto oom;
		/* At the hub a person is a station's ID number (shared applicants). */
		int rc =
		    hub ? yz_hub_lrows_latest(hub, station, l->latest[i], to_text, hub_latest_cb,
		                              pair, err)
		        : yz_lrows_latest(s->store, l->latest[i], to_text, latest_cb, pair, err);
		if (rc != 0) {
			if (c->oom)
				goto oom;
			return -1;
		}
		if (hub && !sort_latest(lt))
			goto oom;
	}
	return 0;
oom:
	yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
	return -1;
}

void lf_free(lf_ctx *c)
{
	for (size_t i = 0; i < c->n_fixed; i++)
		free(c->v.keys[i]);
	free(c->v.keys);
	free(c->v.vals);
	free(c->slot_key);
	for (size_t i = 0; c->latest && i < c->l->n_latest; i++) {
		free(c->latest[i].form);
		free(c->latest[i].ids);
		free(c->latest[i].word);
		free(c->latest[i].date);
	}
	free(c->latest);
	free(c->memo);
	free(c->arena);
	memset(c, 0, sizeof *c);
}

/* ---- filling a row -------------------------------------------------------------- */

/* The labels of the special groups in codes (space separated) the viewer may
 * see, and "elderly" when old enough, joined by the paper's separator. */
static void tags_text(const lf_ctx *c, const char *codes, bool elderly, char *buf, size_t n)
{
	size_t used = 0;
	bool seen[YZ_TAG_COUNT] = {false};

	buf[0] = '\0';
	if (elderly)
		seen[YZ_TAG_ELDERLY] = true;
	for (const char *p = codes; *p;) {
		char code[32];
		size_t len = strcspn(p, " ");
		snprintf(code, sizeof code, "%.*s", (int)(len < 31 ? len : 31), p);
		int k = yz_tag_kind_from(code);
		if (k >= 0 && c->s->user.role >= yz_tag_min_role((yz_tag_kind)k))
			seen[k] = true;
		p += len;
		while (*p == ' ')
			p++;
	}
	for (int k = 0; k < YZ_TAG_COUNT; k++) {
		if (!seen[k])
			continue;
		int w = snprintf(buf + used, n - used, "%s%s", used ? c->w_sep : "",
		                 yz_tag_label((yz_tag_kind)k));
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}

static const char *latest_word(const lf_latest *lt, int64_t id, const char **date)
{
	size_t lo = 0, hi = lt->n;

	*date = "";
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (lt->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (id == 0 || lo >= lt->n || lt->ids[lo] != id)
		return "";
	*date = lt->date[lo];
	return lt->word[lo];
}

/* The value of key k of row (text into buf when it is computed). */
static const char *value_of(lf_ctx *c, int k, const yz_lrow *row, const case_calc *cc, int age,
                            bool elderly, char *buf, size_t n)
{
	const yz_lrow_case *ca = row->c;
	const yz_lrow_person *p = row->p;
	const yz_lrow_household *h = row->h;
	const yz_lrow_forward *fw = row->fw ? row->fw : ca ? &ca->forward : NULL;
	const yz_lrow_followup *fu = row->fu;
	const yz_lrow_tag *t = row->tag;
	const yz_lrow_talk *tk = row->talk;

	buf[0] = '\0';
	switch (k) {
	case K_CASE_NUMBER:
		return ca ? ca->number : "";
	case K_CASE_ITEM:
		return ca ? ca->item : "";
	case K_CASE_FORM:
		return ca ? ca->form_id : "";
	case K_CASE_LINE:
		return ca ? ca->line : "";
	case K_CASE_STATUS:
		return !ca                                                 ? ""
		       : yz_lrow_status_of(ca->status) == YZ_CASE_ACCEPTED ? c->w_open
		                                                           : c->w_closed;
	case K_CASE_RESULT: {
		yz_case_result r = ca ? yz_lrow_result_of(ca->result) : YZ_RESULT_NONE;
		return (unsigned)r <= YZ_RESULT_UNKNOWN ? c->w_result[r] : "";
	}
	case K_CASE_STATE:
		return ca ? ca->state : "";
	case K_CASE_ACCEPTED:
		return ca ? ca->accepted : "";
	case K_CASE_CLOSED:
		return ca ? ca->closed : "";
	case K_CASE_DUE:
		return ca ? cc->due : "";
	case K_CASE_LEGAL_DUE:
		return ca ? ca->legal_due : "";
	case K_CASE_CLERK:
		return ca ? (ca->clerk_name[0] ? ca->clerk_name : ca->clerk_login) : "";
	case K_CASE_CLERK_LOGIN:
		return ca ? ca->clerk_login : "";
	case K_CASE_OWNER:
		return ca ? ca->owner_name : "";
	case K_CASE_ON_TIME:
		return !ca || !cc->on_time[0] ? "" : cc->on_time[0] == 'y' ? c->w_yes : c->w_no;
	case K_CASE_OVERDUE:
		return !ca ? "" : cc->overdue ? c->w_yes : c->w_no;
	case K_CASE_WORKDAYS:
		if (ca && cc->workdays >= 0)
			snprintf(buf, n, "%ld", cc->workdays);
		return buf;
	case K_CASE_PAUSES:
		if (ca)
			snprintf(buf, n, "%zu", ca->n_pauses_all);
		return buf;
	case K_CASE_DEPARTMENT:
		return ca ? ca->forward.department : "";
	case K_CASE_DEPT_RESULT:
		return ca ? ca->forward.result : "";
	case K_CASE_DEPT_RESULT_DATE:
		return ca ? ca->forward.result_date : "";
	case K_CASE_RATING:
	case K_FU_SCORE:
		if (ca && ca->rating >= 1 && ca->rating <= 5)
			snprintf(buf, n, "%d", ca->rating);
		return buf;
	case K_CASE_RATING_LABEL:
		return ca && ca->rating >= 1 && ca->rating <= 5 ? c->w_rating[ca->rating] : "";
	case K_CASE_RATING_COMMENT:
	case K_FU_COMMENT:
		return ca ? ca->rating_comment : "";
	case K_RES_NAME:
		return p && p->id ? p->name : ca ? ca->resident_name : "";
	case K_RES_IDNO:
		return p && p->id ? p->idno : ca ? ca->resident_idno : "";
	case K_RES_SEX:
		return !p || !p->id ? "" : p->female ? c->w_female : c->w_male;
	case K_RES_BIRTH:
		return p ? p->birth : "";
	case K_RES_AGE:
		if (age >= 0)
			snprintf(buf, n, "%d", age);
		return buf;
	case K_RES_PHONE:
		return p ? p->phone : "";
	case K_RES_ADDRESS:
		return p ? p->address : "";
	case K_RES_ETHNICITY:
		return p ? p->ethnicity : "";
	case K_RES_GRID:
	case K_HH_GRID:
		return h ? h->grid : "";
	case K_RES_HOUSEHOLD:
	case K_HH_CODE:
		return h ? h->code : "";
	case K_RES_HOUSEHOLD_SIZE:
	case K_HH_SIZE:
		if (h && h->id)
			snprintf(buf, n, "%ld", h->size);
		return buf;
	case K_RES_RELATION:
		return p ? p->relation : "";
	case K_RES_TAGS:
		if (p && p->id)
			tags_text(c, p->tags, elderly, buf, n);
		return buf;
	case K_HH_ADDRESS:
		return h ? h->address : "";
	case K_HH_HEAD:
		return h ? h->head : "";
	case K_TAG_KIND: {
		int kind = t ? yz_tag_kind_from(t->kind) : -1;
		return kind >= 0 ? yz_tag_label((yz_tag_kind)kind) : "";
	}
	case K_TAG_DETAIL:
		return t ? t->detail : "";
	case K_TAG_GRADE:
		if (t && t->grade > 0)
			snprintf(buf, n, "%d", t->grade);
		return buf;
	case K_TAG_START:
		return t ? t->start : "";
	case K_TAG_END:
		return t ? t->end : "";
	case K_FW_DEPARTMENT:
		return fw ? fw->department : "";
	case K_FW_SENT:
		return fw ? fw->sent : "";
	case K_FW_DUE:
		return fw ? fw->due : "";
	case K_FW_RESULT:
		return fw ? fw->result : "";
	case K_FW_RESULT_DATE:
		return fw ? fw->result_date : "";
	case K_FW_ANSWER_DAYS: {
		yz_date a, b;
		if (fw && fw->id && yz_date_parse(fw->sent, &a) &&
		    yz_date_parse(fw->result_date, &b))
			snprintf(buf, n, "%d", yz_workdays_between(c->s->calendar, a, b));
		return buf;
	}
	case K_FW_NOTIFIED:
		return fw ? fw->notified : "";
	case K_FW_NOTIFIED_HOW: {
		yz_notify_how how = fw ? yz_lrow_notify_of(fw->notified_how) : YZ_NOTIFY_NONE;
		return (unsigned)how <= YZ_NOTIFY_UNKNOWN ? c->w_notify[how] : "";
	}
	case K_FU_DUE:
		return fu ? fu->due : "";
	case K_FU_STATE:
		return !fu                                                  ? ""
		       : yz_lrow_fu_state_of(fu->state) == YZ_FOLLOWUP_DONE ? c->w_fu_done
		                                                            : c->w_fu_open;
	case K_FU_OUTCOME: {
		yz_followup_outcome o = fu ? yz_lrow_fu_outcome_of(fu->outcome) : 0;
		return (unsigned)o < 4 ? c->w_fu_outcome[o] : "";
	}
	case K_FU_NOTE:
		return fu ? fu->note : "";
	case K_FU_DONE_BY:
		return fu ? fu->done_by : "";
	case K_FU_DONE_DATE: {
		time_t when = fu && fu->done_at[0] ? yz_utc_parse(fu->done_at) : (time_t)-1;
		if (when != (time_t)-1)
			yz_date_format(yz_date_from_time(when), buf);
		return buf;
	}
	case K_FU_ATTEMPTS:
		if (fu && fu->attempts >= 0) /* -1: not known (the hub) */
			snprintf(buf, n, "%d", fu->attempts);
		return buf;
	case K_TALK_DATE:
		return tk ? tk->date : "";
	case K_TALK_PLACE:
		return tk ? tk->place : "";
	case K_TALK_ATTENDEES:
		if (tk)
			snprintf(buf, n, "%ld", tk->attendees);
		return buf;
	default:
		return "";
	}
}

bool lf_fill(lf_ctx *c, const yz_lrow *row)
{
	size_t off[512];
	size_t n_off = 0;
	case_calc cc;
	int age = -1;
	bool elderly = false;
	yz_date birth;
	char buf[1024];

	/* What the viewer may not see is not in the ledger at all. */
	if (row->c && row->c->sensitive && !c->head)
		return false;
	if (row->tag) {
		int k = yz_tag_kind_from(row->tag->kind);
		if (k < 0 || c->s->user.role < yz_tag_min_role((yz_tag_kind)k))
			return false;
	}
	if (row->p && row->p->id && yz_date_parse(row->p->birth, &birth)) {
		age = yz_age_on(birth, c->to);
		elderly = age >= YZ_ELDERLY_AGE;
	}
	if (row->tag && !strcmp(row->tag->kind, "elderly") && !elderly)
		return false; /* the store's bound is a day wide of a leap day */
	if (row->c && c->need_calc)
		case_compute(c, row->c, &cc);
	else
		memset(&cc, 0, sizeof cc);

	c->used = 0;
	c->v.n = 0;
	for (size_t i = 0; i < c->n_slots && n_off < 512; i++) {
		int k = c->slot_key[i];
		off[n_off++] =
		    put(c, k < 0 ? "" : value_of(c, k, row, &cc, age, elderly, buf, sizeof buf));
	}
	for (size_t i = 0; i < c->l->n_latest && n_off + 1 < 512; i++) {
		const char *date;
		int64_t who = row->p ? row->p->id : 0;
		off[n_off++] = put(c, latest_word(&c->latest[i], who, &date));
		off[n_off++] = put(c, date);
	}
	if (c->oom)
		return false;
	for (size_t i = 0; i < n_off; i++)
		c->v.vals[i] = c->arena + off[i];
	c->v.n = n_off;
	/* The case's form fields, borrowed from the store's row. */
	if (row->c && row->c->n_fields) { /* read only when the ledger needs them */
		size_t want = n_off + row->c->n_fields;
		if (want > c->v_cap) {
			char **k = realloc(c->v.keys, want * sizeof *k);
			if (k)
				c->v.keys = k;
			char **v = k ? realloc(c->v.vals, want * sizeof *v) : NULL;
			if (!v) {
				c->oom = true;
				return false;
			}
			c->v.vals = v;
			c->v_cap = want;
		}
		for (size_t j = 0; j < row->c->n_fields; j++) {
			c->v.keys[n_off + j] = (char *)row->c->field_keys[j];
			c->v.vals[n_off + j] = (char *)row->c->field_vals[j];
		}
		c->v.n = want;
	}
	return true;
}

/* ---- a column's text ------------------------------------------------------------ */

yz_cell_kind lf_cell_kind(yz_col_format f)
{
	switch (f) {
	case YZ_COL_ID:
	case YZ_COL_ID_MASKED:
	case YZ_COL_PHONE:
		return YZ_CELL_CODE;
	case YZ_COL_DATE:
		return YZ_CELL_DATE;
	case YZ_COL_MONEY:
		return YZ_CELL_MONEY;
	case YZ_COL_INTEGER:
	case YZ_COL_SEQ:
		return YZ_CELL_INT;
	case YZ_COL_NUMBER:
		return YZ_CELL_NUMBER;
	default:
		return YZ_CELL_TEXT;
	}
}

/* A number in hundredths as text: money with 2 decimals, whole numbers
 * rounded, numbers with up to 2 decimals. */
static void number_text(int64_t h, yz_col_format f, char *buf, size_t n)
{
	bool neg = h < 0;
	uint64_t a = neg ? (uint64_t)(-(h + 1)) + 1 : (uint64_t)h;

	if (f == YZ_COL_INTEGER || f == YZ_COL_SEQ) {
		uint64_t w = (a + 50) / 100;
		snprintf(buf, n, "%s%llu", neg && w ? "-" : "", (unsigned long long)w);
	} else if (f == YZ_COL_MONEY) {
		snprintf(buf, n, "%s%llu.%02llu", neg ? "-" : "", (unsigned long long)(a / 100),
		         (unsigned long long)(a % 100));
	} else if (a % 100 == 0) {
		snprintf(buf, n, "%s%llu", neg ? "-" : "", (unsigned long long)(a / 100));
	} else if (a % 10 == 0) {
		snprintf(buf, n, "%s%llu.%llu", neg ? "-" : "", (unsigned long long)(a / 100),
		         (unsigned long long)(a % 100 / 10));
	} else {
		snprintf(buf, n, "%s%llu.%02llu", neg ? "-" : "", (unsigned long long)(a / 100),
		         (unsigned long long)(a % 100));
	}
}

/* An ID number masked: the first 6 and the last 4 kept. */
static void mask_id(const char *id, char *buf, size_t n)
{
	size_t len = strlen(id);

	if (len < 11) {
		snprintf(buf, n, "%s", id);
		return;
	}
	snprintf(buf, n, "%.6s%.*s%s", id, (int)(len - 10), "********************", id + len - 4);
}

/* A name masked for a notice: its second character a star (a name of one
 * character stays). */
static void mask_name(const char *name, char *buf, size_t n)
{
	uint32_t cp;
	size_t first = yz_utf8_decode(name, strlen(name), &cp);
	size_t second = first ? yz_utf8_decode(name + first, strlen(name + first), &cp) : 0;

	if (!first || !second) {
		snprintf(buf, n, "%s", name);
		return;
	}
	snprintf(buf, n, "%.*s*%s", (int)first, name, name + first + second);
}

/* Copy t into buf (n bytes), cut at a whole character: most cells are plain
 * text, and 100,000 rows of them should not each go through snprintf. */
static void copy_text(const char *t, char *buf, size_t n)
{
	size_t len = strlen(t);

	if (len < n) {
		memcpy(buf, t, len + 1);
		return;
	}
	yz_strlcpy_utf8(buf, t, n);
}

void lf_format(const lf_ctx *c, yz_col_format f, const yz_xval *x, char *buf, size_t n)
{
	int64_t fen;

	buf[0] = '\0';
	switch (x->kind) {
	case YZ_X_EMPTY:
		return;
	case YZ_X_BOOL:
		snprintf(buf, n, "%s", x->b ? c->w_yes : c->w_no);
		return;
	case YZ_X_NUM:
		number_text(x->num, f == YZ_COL_TEXT || f == YZ_COL_DATE ? YZ_COL_NUMBER : f, buf,
		            n);
		return;
	case YZ_X_TEXT:
		break;
	}
	const char *t = x->text ? x->text : "";
	switch (f) {
	case YZ_COL_MONEY:
	case YZ_COL_INTEGER:
	case YZ_COL_NUMBER:
		if (*t && yz_money_parse(t, &fen))
			number_text(fen, f, buf, n);
		else
			snprintf(buf, n, "%s", t);
		return;
	case YZ_COL_ID_MASKED:
		mask_id(t, buf, n);
		return;
	case YZ_COL_NAME_MASKED:
		mask_name(t, buf, n);
		return;
	default:
		copy_text(t, buf, n);
		return;
	}
}
