/* Internal to running ledgers (ledgers.c, ledger_fill.c): a row's keys filled
 * from the raw values of the store or the hub (records/ledger.h), the words they use on paper, and
 * the formatting of a column's value. */
#ifndef YZ_SERVICE_LEDGER_INT_H
#define YZ_SERVICE_LEDGER_INT_H

#include "yizhan/service.h"
#include "yizhan/service/ledgers.h"
#include "yizhan/store.h" /* the service may use the whole store */

/* One latest.<form> lookup: each resident's latest case of the form. */
typedef struct lf_latest {
	char *form;       /* the form id */
	int64_t *ids;     /* residents, ascending */
	char **word;      /* its status or result word (paper) */
	char (*date)[11]; /* its acceptance */
	size_t n, cap;
} lf_latest;

/* What filling rows needs, set up once per run. */
typedef struct lf_ctx {
	yz_session *s;
	const yz_ledger *l;
	yz_date to;        /* the period's last day (ages, overdue, groups lasting) */
	bool head;         /* the viewer may see sensitive lines' cases */
	int *slot_key;     /* per key of yz_ledger_keys(source): which key it is (-1 unknown,
	                      or not used by the ledger: left empty) */
	size_t n_slots;    /* the source's keys */
	yz_values v;       /* the row: keys (own copies) and values (into arena) */
	size_t n_fixed;    /* keys before the field keys (the source's, then latest) */
	size_t v_cap;      /* room in v.keys and v.vals */
	lf_latest *latest; /* l->n_latest lookups */
	char *arena;       /* the row's text */
	size_t used, cap;
	bool oom;
	bool need_calc;       /* ... a key of the case's dates (due, on time, overdue, days) */
	struct lf_memo *memo; /* working days counted already (LF_MEMO entries) */
	bool need_tags;       /* some expression names resident.tags */
	bool need_size;       /* ... a household's size */
	/* The paper's words, looked up once (P_ switches the locale per call). */
	const char *w_open, *w_closed, *w_yes, *w_no, *w_male, *w_female, *w_sep;
	const char *w_result[YZ_RESULT_UNKNOWN + 1];
	const char *w_rating[6];
	const char *w_notify[YZ_NOTIFY_UNKNOWN + 1];
	const char *w_fu_open, *w_fu_done, *w_fu_outcome[4];
} lf_ctx;

/* Set up c for ledger l (keys, latest lookups read from the store). hub
 * (not NULL): the rows come from the district hub, station's or every
 * station's (the latest lookups from there too, by shared applicant; every
 * row the hub gave is shown). 0, or -1 with err. */
int lf_init(lf_ctx *c, yz_session *s, const yz_ledger *l, yz_date to, yz_hub *hub,
            const char *station, yz_err *err);
void lf_free(lf_ctx *c);
/* Fill c->v from one row of the store. False when the viewer may not see it. */
bool lf_fill(lf_ctx *c, const yz_lrow *row);

/* The text of value x for a column of format f (canonical: money "1234.50",
 * dates YYYY-MM-DD, whole numbers "12") into buf. */
void lf_format(const lf_ctx *c, yz_col_format f, const yz_xval *x, char *buf, size_t n);
/* The cell kind of a column format. */
yz_cell_kind lf_cell_kind(yz_col_format f);

#endif
