/* Running ledgers (issue 16): the station's ledger files (and the district's
 * over them, issue 17), read and checked against the registry's special
 * groups; a ledger run over a period into a report (ledger_fill.c fills the
 * rows) from the station's store or, at the district hub, from every
 * station's rows there; the report saved or printed with an audit row
 * (residents' data leaving the program). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "ledger_int.h"
#include "service_int.h"

/* The column of word in line lineno of path (1-based), or 0 when it cannot be
 * found (the message then names the line only). */
static int word_col(const char *path, int lineno, const char *word)
{
	FILE *f;
	char buf[4096];
	int n = 0, col = 0;
	size_t wl = strlen(word);

	if (path == NULL || lineno <= 0 || wl == 0 || (f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(buf, sizeof buf, f) != NULL) {
		if (++n < lineno)
			continue;
		for (const char *p = buf; (p = strstr(p, word)) != NULL; p += wl) {
			bool start = p == buf || p[-1] == ' ' || p[-1] == '\t';
			char after = p[wl];
			if (start && (after == '\0' || after == ' ' || after == '\t' ||
			              after == '\n' || after == '\r' || after == '#')) {
				col = (int)(p - buf) + 1;
				break;
			}
		}
		break;
	}
	fclose(f);
	return col;
}

/* Whether every tag of l is a special group the registry knows; each that is
 * not is a diag. */
static bool ledger_tags_ok(const yz_ledger *l, yz_diags *diags)
{
	bool ok = true;

	for (size_t i = 0; i < l->n_tags; i++) {
		const char *code = l->tags[i];
		int k = yz_tag_kind_from(code);

		if (k >= 0 && strcmp(yz_tag_code((yz_tag_kind)k), code) == 0)
			continue;
		ok = false;
		if (diags == NULL)
			continue;
		char known[512] = "";
		size_t used = 0;
		for (int t = 0; t < YZ_TAG_COUNT && used < sizeof known; t++) {
			int w = snprintf(known + used, sizeof known - used, "%s%s", t ? " " : "",
			                 yz_tag_code((yz_tag_kind)t));
			if (w < 0)
				break;
			used += (size_t)w;
		}
		yz_diags_add(diags, l->path ? l->path : "?", l->tags_line,
		             word_col(l->path, l->tags_line, code),
		             _("unknown special group \"%s\" (the groups are: %s)"), code, known);
	}
	return ok;
}

int yz_service_ledgers_load(const char *forms_dir, const yz_catalogue *cat, yz_ledger_set *out,
                            yz_diags *diags)
{
	char dir[4096];
	int rc;
	size_t kept = 0;

	memset(out, 0, sizeof *out);
	snprintf(dir, sizeof dir, "%s/ledgers", forms_dir ? forms_dir : ".");
	rc = yz_ledgers_load(dir, cat, out, diags);
	for (size_t i = 0; i < out->n; i++) {
		yz_ledger *l = out->items[i];
		if (l->n_tags > 0 && !ledger_tags_ok(l, diags)) {
			yz_ledger_free(l);
			rc = -1;
			continue;
		}
		out->items[kept++] = l;
	}
	out->n = kept;
	return rc < 0 ? -1 : 0;
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(yz_ledger *const *)a)->id, (*(yz_ledger *const *)b)->id);
}

/* The district's ledgers over the station's set: one of the same id replaces
 * the station's, a new one is added; the set stays in id (file name) order.
 * over's ledgers move into set. -1 when out of memory (over freed). */
static int overlay(yz_ledger_set *set, yz_ledger_set *over)
{
	yz_ledger **items = realloc(set->items, (set->n + over->n + 1) * sizeof *items);

	if (!items) {
		yz_ledger_set_free(over);
		return -1;
	}
	set->items = items;
	for (size_t i = 0; i < over->n; i++) {
		size_t j = 0;
		while (j < set->n && strcmp(set->items[j]->id, over->items[i]->id) != 0)
			j++;
		if (j < set->n)
			yz_ledger_free(set->items[j]);
		else
			set->n++;
		set->items[j] = over->items[i];
	}
	free(over->items);
	*over = (yz_ledger_set){0};
	if (set->n > 1)
		qsort(set->items, set->n, sizeof *set->items, by_id);
	return 0;
}

int yz_service_ledgers(const yz_session *s, yz_ledger_set *out, yz_diags *diags)
{
	char district[4096];
	yz_ledger_set over = {0};
	int rc = yz_service_ledgers_load(s->cfg ? s->cfg->forms_dir : NULL, s->cat, out, diags);

	if (!s->cfg)
		return rc;
	/* The district's: <district>/forms/ledgers (a missing folder: none). */
	yz_config_district_forms_dir(s->cfg, district, sizeof district);
	if (yz_service_ledgers_load(district, s->cat, &over, diags) != 0)
		rc = -1;
	if (overlay(out, &over) != 0) {
		if (diags)
			yz_diags_add(diags, district, 0, 0, "%s", _("Out of memory."));
		rc = -1;
	}
	return rc;
}

/* ---- running a ledger ------------------------------------------------------------ */

/* A row kept for the report: its cells' text, where it sorts, and whether it
 * lies before the period (counted into a running column's start only). */
typedef struct kept_row {
	size_t idx;     /* order read: the stable sort's last key */
	bool pre;       /* before the period */
	char *text;     /* the cells, each NUL-terminated, one after the other */
	uint32_t off[]; /* n_cols offsets into text */
} kept_row;

static const char *cell(const kept_row *k, size_t col)
{
	return k->text + k->off[col];
}

typedef struct run_ctx {
	yz_session *s;
	const yz_ledger *l;
	const yz_ledger_query *q;
	lf_ctx lf;
	yz_eval_env env;
	char from[11], to[11]; /* the period */
	long period_slot;      /* index of the period key in the row's values; -1: a form
	                          field, looked up by name in each row */
	bool running;          /* some column has `running yes` */
	kept_row **rows;
	size_t n, cap;
	yz_err *err;
	yz_hub *hub; /* the district hub the rows come from; NULL = the station's store */
	size_t off;  /* 1 at the hub: the kept rows' first cell is the station */
} run_ctx;

/* The value of e on the current row into buf; false with rc->err. */
static bool eval(run_ctx *rc, const yz_expr *e, yz_xval *x)
{
	yz_err e2 = {{0}};

	if (yz_ledger_eval(rc->l, e, &rc->lf.v, &rc->env, x, &e2))
		return true;
	yz_err_setc(rc->err, YZ_ERR_INVALID, _("The ledger %s cannot be made: %s"), rc->l->id,
	            e2.msg);
	return false;
}

static kept_row *keep(run_ctx *rc, char **texts, size_t n_cols, bool pre)
{
	size_t len = 0;

	for (size_t i = 0; i < n_cols; i++)
		len += strlen(texts[i]) + 1;
	kept_row *k = malloc(sizeof *k + n_cols * sizeof k->off[0] + len);
	if (!k)
		return NULL;
	k->idx = rc->n;
	k->pre = pre;
	k->text = (char *)&k->off[n_cols];
	size_t at = 0;
	for (size_t i = 0; i < n_cols; i++) {
		size_t l = strlen(texts[i]) + 1;
		k->off[i] = (uint32_t)at;
		memcpy(k->text + at, texts[i], l);
		at += l;
	}
	return k;
}

static int take_row(const yz_lrow *row, void *ctx)
{
	run_ctx *rc = ctx;
	const yz_ledger *l = rc->l;
	const yz_ledger_query *q = rc->q;
	bool pre = false;

	if (!lf_fill(&rc->lf, row)) {
		if (rc->lf.oom) {
			yz_err_setc(rc->err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
			return -1;
		}
		return 0;
	}
	/* The filters a head picks. */
	if (q->grid && *q->grid && (!row->h || strcmp(row->h->grid, q->grid) != 0))
		return 0;
	if (row->c && q->state) {
		bool closed = row->c->closed[0] && strcmp(row->c->closed, rc->to) <= 0;
		if ((q->state == 1 && closed) || (q->state == 2 && !closed))
			return 0;
	}
	if (l->period) {
		const char *d = rc->period_slot >= 0 ? rc->lf.v.vals[rc->period_slot]
		                                     : yz_values_get(&rc->lf.v, l->period);
		if (!d)
			d = ""; /* a form field the case's form does not have */
		if (!*d || strcmp(d, rc->to) > 0)
			return 0;
		if (strcmp(d, rc->from) < 0) {
			if (!rc->running)
				return 0;
			pre = true;
		}
	}
	if (l->where) {
		yz_xval x;
		if (!eval(rc, l->where, &x))
			return -1;
		if (x.kind != YZ_X_BOOL || !x.b)
			return 0;
	}
	/* The cells (at the hub the station's first). */
	/* A cell longer than its buffer (a long memo) is formatted into one of its
	 * own size: a ledger keeps the whole text. */
	size_t nt = l->n_cols + rc->off;
	char *texts[nt ? nt : 1];
	char *big[nt ? nt : 1];
	char bufs[nt ? nt : 1][1024];
	int rv = -1;
	for (size_t i = 0; i < nt; i++)
		big[i] = NULL;
	if (rc->off) {
		const yz_lrow_case *c = row->c;
		snprintf(bufs[0], sizeof bufs[0], "%s %s", c ? c->station : "",
		         c ? c->station_name : "");
		texts[0] = bufs[0];
	}
	for (size_t i = rc->off; i < nt; i++) {
		const yz_ledger_column *c = &l->cols[i - rc->off];
		yz_xval x;
		bufs[i][0] = '\0';
		texts[i] = bufs[i];
		if (c->format == YZ_COL_SEQ || !c->value)
			continue;
		if (!eval(rc, c->value, &x))
			goto out;
		size_t need = x.kind == YZ_X_TEXT && x.text ? strlen(x.text) + 64 : 0;
		if (need > sizeof bufs[i]) {
			if (!(big[i] = malloc(need))) {
				yz_err_setc(rc->err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
				goto out;
			}
			texts[i] = big[i];
			lf_format(&rc->lf, c->format, &x, big[i], need);
		} else {
			lf_format(&rc->lf, c->format, &x, bufs[i], sizeof bufs[i]);
		}
	}
	if (rc->n == rc->cap) {
		size_t cap = rc->cap ? rc->cap * 2 : 1024;
		kept_row **rows = realloc(rc->rows, cap * sizeof *rows);
		if (!rows) {
			yz_err_setc(rc->err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
			goto out;
		}
		rc->rows = rows;
		rc->cap = cap;
	}
	kept_row *k = keep(rc, texts, nt, pre);
	if (!k) {
		yz_err_setc(rc->err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		goto out;
	}
	rc->rows[rc->n++] = k;
	rv = 0;
out:
	for (size_t i = 0; i < nt; i++)
		free(big[i]);
	return rv;
}

/* ---- sorting ---------------------------------------------------------------------- */

static bool numeric(yz_col_format f)
{
	return f == YZ_COL_MONEY || f == YZ_COL_INTEGER || f == YZ_COL_NUMBER || f == YZ_COL_SEQ;
}

/* Column col of the ledger (the kept rows' cell col + off). */
static int cmp_cell(const run_ctx *rc, size_t col, const kept_row *a, const kept_row *b)
{
	const yz_ledger *l = rc->l;
	const char *x = cell(a, col + rc->off), *y = cell(b, col + rc->off);

	if (numeric(l->cols[col].format)) {
		if (!*x || !*y)
			return (*x != '\0') - (*y != '\0'); /* empty first */
		double dx = strtod(x, NULL), dy = strtod(y, NULL);
		return dx < dy ? -1 : dx > dy;
	}
	return strcmp(x, y);
}

/* At the hub by station first: each station's rows together, in code order. */
static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
	const run_ctx *rc = ctx;
	const yz_ledger *l = rc->l;
	const kept_row *a = *(kept_row *const *)pa, *b = *(kept_row *const *)pb;
	int r;

	if (rc->off && (r = strcmp(cell(a, 0), cell(b, 0))) != 0)
		return r;
	if (l->group >= 0 && (r = cmp_cell(rc, (size_t)l->group, a, b)) != 0)
		return r;
	for (size_t i = 0; i < l->n_sort; i++) {
		r = cmp_cell(rc, l->sort[i].col, a, b);
		if (r)
			return l->sort[i].desc ? -r : r;
	}
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* ---- the report -------------------------------------------------------------------- */

typedef struct expand_ctx {
	const yz_session *s;
	const char *period;
} expand_ctx;

static const char *lookup(const char *key, void *ctx)
{
	expand_ctx *x = ctx;

	if (!strcmp(key, "station.name"))
		return x->s->cfg->station_name;
	if (!strcmp(key, "station.phone"))
		return x->s->cfg->station_phone;
	if (!strcmp(key, "period"))
		return x->period;
	if (!strncmp(key, "settings.", 9))
		return yz_config_setting(x->s->cfg, key + 9);
	return NULL;
}

/* Sum of a running column's values so far, in hundredths. */
static int64_t hundredths(const char *t)
{
	int64_t v = 0;
	return *t && yz_money_parse(t, &v) ? v : 0;
}

static bool has_totals(const yz_ledger *l)
{
	for (size_t i = 0; i < l->n_cols; i++)
		if (l->cols[i].total != YZ_TOTAL_NONE)
			return true;
	return false;
}

/* Emit the kept rows in order into r: group headings, subtotals, the
 * running columns, the sequence numbers, the total. Rows before the period
 * only start their group's running columns; a group with no row in the
 * period is not shown. At the hub a group is a group of one station (its
 * heading names both), and the cells are the station's and then the
 * ledger's columns (c + off). */
static void emit(run_ctx *rc, yz_report *r)
{
	const yz_ledger *l = rc->l;
	size_t nc = l->n_cols, off = rc->off, nt = nc + off;
	const char *cells[nt ? nt : 1];
	char bufs[nt ? nt : 1][64];
	char head_name[512];
	int64_t run[nc ? nc : 1];
	bool totals = has_totals(l);
	long seq = 0, in_group = 0;
	const kept_row *group = NULL; /* the first row of the group */

	for (size_t c = 0; c < nc; c++)
		run[c] = 0;
	for (size_t i = 0; i < rc->n; i++) {
		kept_row *k = rc->rows[i];
		const char *g = l->group >= 0 ? cell(k, (size_t)l->group + off) : NULL;
		bool new_group = g && (!group || strcmp(g, cell(group, (size_t)l->group + off)) ||
		                       (off && strcmp(cell(k, 0), cell(group, 0))));
		if (new_group) {
			if (in_group && totals)
				yz_report_row_add(r, YZ_ROW_SUBTOTAL, NULL);
			for (size_t c = 0; c < nc; c++)
				run[c] = 0;
			group = k;
			in_group = 0;
		}
		for (size_t c = 0; c < nt; c++)
			cells[c] = cell(k, c);
		for (size_t c = 0; c < nc; c++) {
			if (l->cols[c].running) {
				yz_xval x = {.kind = YZ_X_NUM};
				run[c] += hundredths(cells[c + off]);
				x.num = run[c];
				lf_format(&rc->lf, l->cols[c].format, &x, bufs[c + off],
				          sizeof bufs[c + off]);
				cells[c + off] = bufs[c + off];
			}
		}
		if (k->pre)
			continue;
		if (g && in_group == 0) {
			const char *head[nt ? nt : 1];
			for (size_t c = 0; c < nt; c++)
				head[c] = "";
			head[0] = g;
			if (off) {
				snprintf(head_name, sizeof head_name, "%s %s", cell(k, 0), g);
				head[0] = head_name;
			}
			yz_report_row_add(r, YZ_ROW_GROUP, head);
		}
		in_group++;
		seq++;
		for (size_t c = 0; c < nc; c++) {
			if (l->cols[c].format == YZ_COL_SEQ) {
				snprintf(bufs[c + off], sizeof bufs[c + off], "%ld", seq);
				cells[c + off] = bufs[c + off];
			}
		}
		yz_report_row_add(r, YZ_ROW_DATA, cells);
	}
	if (l->group >= 0 && in_group && totals)
		yz_report_row_add(r, YZ_ROW_SUBTOTAL, NULL);
	if (totals)
		yz_report_row_add(r, YZ_ROW_TOTAL, NULL);
}

/* The report of the kept rows, sorted already. */
static yz_report *make_report(run_ctx *rc)
{
	const yz_ledger *l = rc->l;
	yz_session *s = rc->s;
	char period[64], period_id[32], today[11];
	expand_ctx x = {s, period};

	snprintf(period, sizeof period, P_("%s to %s"), rc->from, rc->to);
	if (rc->q->period_id && *rc->q->period_id)
		snprintf(period_id, sizeof period_id, "%s", rc->q->period_id);
	else
		snprintf(period_id, sizeof period_id, "%.4s%.2s%.2s-%.4s%.2s%.2s", rc->from,
		         rc->from + 5, rc->from + 8, rc->to, rc->to + 5, rc->to + 8);
	/* At the hub the report is the district's (or the one station's). */
	const char *station = !rc->hub                            ? s->cfg->station_name
	                      : rc->q->station && *rc->q->station ? rc->q->station
	                                                          : P_("District");
	yz_report *r = yz_report_new(l->title, station, l->id, period, period_id);
	if (!r)
		return NULL;
	if (rc->off)
		/* TRANSLATORS: the first column of a ledger made at the district hub. */
		yz_report_col(r, P_("Station"), YZ_CELL_TEXT, YZ_RTOTAL_NONE, 0);
	for (size_t c = 0; c < l->n_cols; c++) {
		const yz_ledger_column *col = &l->cols[c];
		yz_report_total t = col->total == YZ_TOTAL_SUM     ? YZ_RTOTAL_SUM
		                    : col->total == YZ_TOTAL_COUNT ? YZ_RTOTAL_COUNT
		                                                   : YZ_RTOTAL_NONE;
		yz_report_col(r, col->label, lf_cell_kind(col->format), t, col->width);
	}
	r->landscape = l->landscape;
	if (l->n_sign) {
		for (size_t i = 0; i < l->n_sign; i++)
			yz_report_sign(r, l->sign[i]);
	} else if (!l->no_sign) { /* `sign none`: no lines (a notice has its seal lines) */
		/* TRANSLATORS: signature lines under a ledger (zhi biao ren, shen he ren). */
		yz_report_sign(r, P_("Prepared by"));
		yz_report_sign(r, P_("Reviewed by"));
		yz_report_sign(r, P_("Date"));
	}
	yz_date_format(s->today, today);
	yz_report_set(r, &r->made_by, s->user.name[0] ? s->user.name : s->user.login);
	yz_report_set(r, &r->made_on, today);
	if (l->intro || l->outro) {
		r->notice = true;
		char *t = l->intro ? yz_template_expand(l->intro, lookup, &x) : NULL;
		if (t)
			yz_report_set(r, &r->intro, t);
		free(t);
		t = l->outro ? yz_template_expand(l->outro, lookup, &x) : NULL;
		if (t)
			yz_report_set(r, &r->outro, t);
		free(t);
	}
	emit(rc, r);
	if (r->oom) {
		yz_report_free(r);
		return NULL;
	}
	return r;
}

/* The SQL bound on the source's own date applies when the ledger's period is
 * that date. */
static const char *own_date_key(yz_ledger_source src)
{
	switch (src) {
	case YZ_LSRC_CASES:
		return "case.accepted";
	case YZ_LSRC_FORWARDS:
		return "forward.sent";
	case YZ_LSRC_FOLLOWUPS:
		return "followup.due";
	case YZ_LSRC_TALK:
		return "talk.date";
	default:
		return NULL;
	}
}

/* Ledgers are the station head's and the admin's: anyone else is refused in
 * words, with an audit row "ledger_denied" naming what (run, save, print)
 * and the ledger, as the service's other refusals. 0 when s->user may. */
static int ledger_allowed(yz_session *s, const char *what, const char *ledger, yz_err *err)
{
	const char *why;
	char detail[512];

	if (s->user.login[0] && (s->user.role == YZ_ROLE_HEAD || s->user.role == YZ_ROLE_ADMIN))
		return 0;
	why = s->user.login[0] ? _("Only the station head or the admin can do this.")
	                       : _("Sign in first.");
	snprintf(detail, sizeof detail, "%s %s: %s", what, ledger ? ledger : "", why);
	yz_audit_append(s->store, s->user.login[0] ? s->user.login : "-", "ledger_denied", detail,
	                NULL);
	yz_err_setc(err, YZ_ERR_DENIED, _("%s (This attempt was recorded.)"), why);
	return -1;
}

static int read_rows(run_ctx *rc, yz_err *err)
{
	const yz_ledger *l = rc->l;
	const yz_ledger_query *q = rc->q;
	char *forms = NULL, *tags = NULL;
	size_t len = 2;
	int ret;

	for (size_t i = 0; i < l->n_forms; i++)
		len += strlen(l->forms[i]) + 1;
	for (size_t i = 0; i < l->n_tags; i++)
		len += strlen(l->tags[i]) + 1;
	forms = calloc(1, len);
	tags = calloc(1, len);
	if (!forms || !tags) {
		free(forms);
		free(tags);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	for (size_t i = 0; i < l->n_forms; i++)
		strcat(strcat(strcat(forms, i ? "" : " "), l->forms[i]), " ");
	for (size_t i = 0; i < l->n_tags; i++)
		strcat(strcat(strcat(tags, i ? "" : " "), l->tags[i]), " ");
	bool own =
	    l->period && own_date_key(l->source) && !strcmp(l->period, own_date_key(l->source));
	yz_lrow_query lq = {
	    .forms = forms,
	    .from = own && !rc->running ? rc->from : "",
	    .to = own ? rc->to : "",
	    .line = q->line ? q->line : "",
	    .clerk = q->clerk ? q->clerk : "",
	    .fields = l->needs_fields || (l->period && rc->period_slot < 0),
	    .tags = tags,
	    .tag_from = rc->from,
	    .tag_to = rc->to,
	    .no_person_tags = !rc->lf.need_tags,
	    .no_household_size = !rc->lf.need_size,
	    .station = q->station ? q->station : "",
	};
	if (rc->hub) {
		/* The sources the hub holds (the others were refused before). */
		ret = l->source == YZ_LSRC_FORWARDS
		          ? yz_hub_lrows_forwards(rc->hub, &lq, take_row, rc, err)
		      : l->source == YZ_LSRC_FOLLOWUPS
		          ? yz_hub_lrows_followups(rc->hub, &lq, take_row, rc, err)
		          : yz_hub_lrows_cases(rc->hub, &lq, take_row, rc, err);
		free(forms);
		free(tags);
		return ret == 0 ? 0 : -1;
	}
	switch (l->source) {
	case YZ_LSRC_CASES:
		ret = yz_lrows_cases(rc->s->store, &lq, take_row, rc, err);
		break;
	case YZ_LSRC_FORWARDS:
		ret = yz_lrows_forwards(rc->s->store, &lq, take_row, rc, err);
		break;
	case YZ_LSRC_FOLLOWUPS:
		ret = yz_lrows_followups(rc->s->store, &lq, take_row, rc, err);
		break;
	case YZ_LSRC_TALK:
		ret = yz_lrows_talk(rc->s->store, &lq, take_row, rc, err);
		break;
	case YZ_LSRC_RESIDENTS:
		ret = yz_lrows_residents(rc->s->store, &lq, take_row, rc, err);
		break;
	default:
		ret = yz_lrows_households(rc->s->store, &lq, take_row, rc, err);
		break;
	}
	free(forms);
	free(tags);
	return ret == 0 ? 0 : -1;
}

/* Run l over the rows of the store (hub NULL) or of the hub. */
static int run_ledger(yz_session *s, yz_hub *hub, const yz_ledger *l, const yz_ledger_query *q,
                      yz_report **out, yz_err *err)
{
	run_ctx rc = {
	    .s = s, .l = l, .q = q, .period_slot = -1, .err = err, .hub = hub, .off = hub != NULL};
	int ret = -1;

	if (yz_date_cmp(q->to, q->from) < 0) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("The period ends before it starts: give the earlier date first."));
		return -1;
	}
	yz_date_format(q->from, rc.from);
	yz_date_format(q->to, rc.to);
	for (size_t i = 0; i < l->n_cols; i++)
		rc.running |= l->cols[i].running;
	yz_service_eval_env(s, &rc.env);
	if (lf_init(&rc.lf, s, l, q->to, hub, q->station, err) < 0)
		goto done;
	if (l->period) {
		for (size_t i = 0; i < rc.lf.n_fixed; i++)
			if (!strcmp(rc.lf.v.keys[i], l->period))
				rc.period_slot = (long)i;
	}
	if (read_rows(&rc, err) < 0)
		goto done;
	if (rc.n > 1) /* qsort_r of no rows is given a NULL array (UBSan) */
		qsort_r(rc.rows, rc.n, sizeof *rc.rows, cmp_rows, &rc);
	*out = make_report(&rc);
	if (!*out)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
	else
		ret = 0;
done:
	for (size_t i = 0; i < rc.n; i++)
		free(rc.rows[i]);
	free(rc.rows);
	lf_free(&rc.lf);
	return ret;
}

int yz_service_ledger_run(yz_session *s, const yz_ledger *l, const yz_ledger_query *q,
                          yz_report **out, yz_err *err)
{
	*out = NULL;
	if (ledger_allowed(s, "run", l->id, err) < 0)
		return -1;
	return run_ledger(s, NULL, l, q, out, err);
}

int yz_service_district_ledger_check(const yz_ledger *l, const yz_ledger_query *q, yz_err *err)
{
	if (l->source == YZ_LSRC_RESIDENTS || l->source == YZ_LSRC_HOUSEHOLDS ||
	    l->source == YZ_LSRC_TALK) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The ledger %s lists %s, which the district hub does not hold: the "
		              "residents' registry, the households and the talk days stay at each "
		              "station. Make it at the station (yizhan ledger export)."),
		            l->id, yz_ledger_source_name(l->source));
		return -1;
	}
	if ((q->grid && *q->grid) || (q->clerk && *q->clerk)) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("At the district hub a ledger is not narrowed to a grid or a clerk: "
		              "the residents' grids stay at each station, and a clerk's login is "
		              "only a station's own."));
		return -1;
	}
	return 0;
}

int yz_service_district_ledger(yz_session *s, yz_hub *h, const yz_ledger *l,
                               const yz_ledger_query *q, yz_report **out, yz_err *err)
{
	*out = NULL;
	yz_hub_station one;
	if (svc_district_admin_only(h, err) != 0 ||
	    yz_service_district_ledger_check(l, q, err) != 0 ||
	    (q->station && *q->station && svc_district_station(h, q->station, &one, err) != 0))
		return -1;
	return run_ledger(s, h, l, q, out, err);
}

/* ---- saving and printing ------------------------------------------------------------ */

/* The data rows of r (its audit row names them). */
static size_t data_rows(const yz_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		n += r->rows[i].kind == YZ_ROW_DATA;
	return n;
}

static void audit_out(yz_session *s, const yz_report *r, const char *action, const char *where)
{
	char detail[1024];

	snprintf(detail, sizeof detail, "%s %s rows %zu -> %s", r->code ? r->code : "",
	         r->period_id ? r->period_id : "", data_rows(r), where);
	yz_audit_append(s->store, s->user.login[0] ? s->user.login : "-", action, detail, NULL);
}

int yz_service_report_save(yz_session *s, const yz_report *r, yz_report_format f, const char *path,
                           yz_err *err)
{
	if (ledger_allowed(s, "save", r->code, err) < 0)
		return -1;
	/* The station's save folder (the counter's "save" choice) is made on
	 * first use, closed to other users, as for saved documents. */
	size_t dl = strlen(s->cfg->save_dir);
	while (dl > 1 && s->cfg->save_dir[dl - 1] == '/')
		dl--;
	const char *slash = strrchr(path, '/');
	if (slash && (size_t)(slash - path) == dl && strncmp(path, s->cfg->save_dir, dl) == 0 &&
	    yz_private_dir(s->cfg->save_dir, true, err) != 0)
		return -1;
	if (yz_report_write(r, f, &s->print, path, err) != 0)
		return -1;
	audit_out(s, r, "report_saved", path);
	return 0;
}

int yz_service_report_print(yz_session *s, const yz_report *r, const char *printer, yz_err *err)
{
	yz_print_outcome po;
	char name[512];
	int rc;

	if (ledger_allowed(s, "print", r->code, err) < 0)
		return -1;
	yz_doc *d = yz_report_doc(r);
	if (!d) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	yz_report_file_name(r, YZ_REPORT_PDF, name, sizeof name);
	char *dot = strrchr(name, '.');
	if (dot)
		*dot = '\0';
	rc = yz_service_print_a4(s, d, printer, name, &po, err);
	yz_doc_free(d);
	if (rc != 0)
		return -1;
	audit_out(s, r, "report_printed", po.saved ? po.saved_path : po.printer);
	return 0;
}
