/* A station's sync at the hub: a batch of changes in (one statement, one
 * transaction: hub_push in schema.c), the departments' answers out, and the
 * digests that show hub and station agree. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "hub_int.h"

/* A PostgreSQL array literal element: "…" with \ and " escaped; NULL bare. */
static void put_element(hub_buf *b, const char *s)
{
	if (!s) {
		hub_buf_str(b, "NULL");
		return;
	}
	hub_buf_add(b, "\"", 1);
	for (const char *p = s;;) {
		size_t run = strcspn(p, "\\\"");
		hub_buf_add(b, p, run);
		p += run;
		if (!*p)
			break;
		char esc[2] = {'\\', *p++};
		hub_buf_add(b, esc, 2);
	}
	hub_buf_add(b, "\"", 1);
}

/* Every row checked before anything is sent: a kind the hub knows, a key,
 * text that is UTF-8 (the server would refuse the whole batch). */
static int check_rows(const yz_hub_change *rows, size_t n, yz_err *err)
{
	for (size_t i = 0; i < n; i++) {
		const yz_hub_change *r = &rows[i];
		if (hub_kind_index(r->kind) < 0 || !r->key || !*r->key ||
		    !yz_utf8_valid(r->key, strlen(r->key)) ||
		    (r->body && !yz_utf8_valid(r->body, strlen(r->body)))) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("Change %lld cannot be sent: its kind, key or text is not "
			              "valid."),
			            (long long)r->seq);
			return -1;
		}
	}
	return 0;
}

int yz_hub_push(yz_hub *h, const char *station, const yz_hub_change *rows, size_t n,
                int64_t backlog, int64_t *acked, yz_err *err)
{
	if (!hub_valid_code(station, false)) {
		yz_err_setc(err, YZ_ERR_INVALID, _("\"%s\" is not a station's code."),
		            station ? station : "");
		return -1;
	}
	if (check_rows(rows, n, err) != 0)
		return -1;
	/* The four arrays as literals: one parameter each, however many rows. */
	hub_buf a[4] = {{0}};
	for (int k = 0; k < 4; k++)
		hub_buf_add(&a[k], "{", 1);
	for (size_t i = 0; i < n; i++) {
		char seq[24];
		snprintf(seq, sizeof seq, "%s%" PRId64, i ? "," : "", rows[i].seq);
		hub_buf_str(&a[0], seq);
		for (int k = 1; k < 4; k++)
			if (i)
				hub_buf_add(&a[k], ",", 1);
		put_element(&a[1], rows[i].kind);
		put_element(&a[2], rows[i].key);
		put_element(&a[3], rows[i].body);
	}
	bool oom = false;
	for (int k = 0; k < 4; k++) {
		hub_buf_add(&a[k], "}", 1);
		oom |= a[k].oom;
	}
	int rc = -1;
	if (oom) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
	} else {
		char bl[24];
		snprintf(bl, sizeof bl, "%" PRId64, backlog);
		const char *v[] = {station, a[0].s, a[1].s, a[2].s, a[3].s, bl};
		PGresult *res = hub_run(h, HUB_PUSH, v, _("The hub did not take the changes"), err);
		if (res) {
			if (acked)
				*acked = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
			PQclear(res);
			rc = 0;
		}
	}
	for (int k = 0; k < 4; k++)
		hub_buf_free(&a[k]);
	return rc;
}

int yz_hub_last_seq(yz_hub *h, const char *station, int64_t *seq, yz_err *err)
{
	return yz_hub_last_seen(h, station, seq, NULL, err);
}

int yz_hub_last_seen(yz_hub *h, const char *station, int64_t *seq, int64_t *answer_id, yz_err *err)
{
	const char *v[] = {station};
	const char *what = _("Could not ask the hub what it holds");
	PGresult *res = hub_run(h, HUB_LAST_SEQ, v, what, err);
	if (!res)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("%s: the hub has no station %s for this login."), what,
		            station ? station : "");
		return -1;
	}
	*seq = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	if (answer_id)
		*answer_id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	PQclear(res);
	return 0;
}

int yz_hub_answers(yz_hub *h, const char *station, int64_t after_id, size_t max,
                   yz_hub_answer **out, size_t *n, yz_err *err)
{
	*out = NULL;
	*n = 0;
	char after[24], lim[24];
	snprintf(after, sizeof after, "%" PRId64, after_id);
	snprintf(lim, sizeof lim, "%zu", max ? max : 100);
	const char *v[] = {station, after, lim};
	PGresult *res =
	    hub_run(h, HUB_ANSWERS, v, _("Could not fetch the departments' answers"), err);
	if (!res)
		return -1;
	int rows = PQntuples(res);
	yz_hub_answer *a = calloc(rows ? (size_t)rows : 1, sizeof *a);
	if (!a) {
		PQclear(res);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	for (int i = 0; i < rows; i++) {
		a[i].id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		hub_copy(a[i].case_no, sizeof a[i].case_no, PQgetvalue(res, i, 1));
		hub_copy(a[i].forward_key, sizeof a[i].forward_key, PQgetvalue(res, i, 2));
		hub_copy(a[i].department, sizeof a[i].department, PQgetvalue(res, i, 3));
		a[i].result = strdup(PQgetvalue(res, i, 4));
		hub_copy(a[i].result_date, sizeof a[i].result_date, PQgetvalue(res, i, 5));
		hub_copy(a[i].answered_by, sizeof a[i].answered_by, PQgetvalue(res, i, 6));
		hub_copy(a[i].answered_at, sizeof a[i].answered_at, PQgetvalue(res, i, 7));
		if (!a[i].result) {
			PQclear(res);
			yz_hub_answers_free(a, (size_t)i);
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
			return -1;
		}
	}
	PQclear(res);
	*out = a;
	*n = (size_t)rows;
	return 0;
}

void yz_hub_answers_free(yz_hub_answer *a, size_t n)
{
	for (size_t i = 0; a && i < n; i++)
		free(a[i].result);
	free(a);
}

int yz_hub_digest(yz_hub *h, const char *station, const char *kind, int64_t *count, char hex[65],
                  yz_err *err)
{
	int k = hub_kind_index(kind);
	if (k < 0) {
		yz_err_setc(err, YZ_ERR_INVALID, _("The hub keeps no changes of kind \"%s\"."),
		            kind ? kind : "");
		return -1;
	}
	const char *v[] = {station};
	PGresult *res = hub_run(h, (hub_stmt)(HUB_DIGEST_FIRST + k), v,
	                        _("Could not read the hub's digest"), err);
	if (!res)
		return -1;
	*count = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	hub_copy(hex, 65, PQgetvalue(res, 0, 1));
	PQclear(res);
	return 0;
}
