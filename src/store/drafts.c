/* Drafts: the values of a form being typed, saved on every change so that a
 * crash, a kill or a dropped link loses nothing (a power cut: at most the keys
 * since the station's last full commit, see yz_draft_save). One row per (clerk, form) whose data is
 * the pairs as netstrings ("3:abc,5:hello,"), so that any byte survives and one save is one row
 * write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "kv.h"
#include "store_int.h"

/* Append "<len>:<bytes>," to buf (growing). Returns false when out of memory. */
static bool put_netstring(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	size_t need = *len + n + 24;
	char *b = *buf;

	if (need > *cap) {
		size_t c = *cap ? *cap : 256;
		while (c < need)
			c *= 2;
		b = realloc(*buf, c);
		if (!b)
			return false;
		*buf = b;
		*cap = c;
	}
	*len += (size_t)snprintf(b + *len, *cap - *len, "%zu:", n);
	memcpy(b + *len, s, n);
	*len += n;
	b[(*len)++] = ',';
	return true;
}

/* Read one netstring at *p (end e); sets *s and *n. Returns false if malformed. */
static bool get_netstring(const char **p, const char *e, const char **s, size_t *n)
{
	size_t v = 0;
	const char *q = *p;

	if (q >= e || *q < '0' || *q > '9')
		return false;
	while (q < e && *q >= '0' && *q <= '9') {
		v = v * 10 + (size_t)(*q++ - '0');
		if (v > (size_t)(e - *p))
			return false;
	}
	if (q >= e || *q++ != ':' || (size_t)(e - q) < v + 1 || q[v] != ',')
		return false;
	*s = q;
	*n = v;
	*p = q + v + 1;
	return true;
}

int yz_draft_save(yz_store *st, const char *clerk, const char *form_id, const yz_kv_list *values,
                  yz_err *err)
{
	char *buf = NULL, now[21];
	size_t len = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	for (size_t i = 0; values && i < values->n; i++) {
		if (!put_netstring(&buf, &len, &cap, values->keys[i] ? values->keys[i] : "") ||
		    !put_netstring(&buf, &len, &cap, values->vals[i] ? values->vals[i] : "")) {
			free(buf);
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
			return -1;
		}
	}
	st_now(st, now);
	/* Issue 20: saved at every key, so prepared once (st_prep_cached). */
	s = st_prep_cached(
	    st,
	    "INSERT INTO drafts(clerk, form_id, data, updated_at) VALUES(?1, ?2, ?3, ?4)"
	    " ON CONFLICT(clerk, form_id) DO UPDATE SET data = excluded.data,"
	    " updated_at = excluded.updated_at",
	    err);
	if (!s) {
		free(buf);
		return -1;
	}
	st_bind_str(s, 1, clerk);
	st_bind_str(s, 2, form_id);
	sqlite3_bind_blob(s, 3, buf ? buf : "", (int)len, SQLITE_TRANSIENT);
	st_bind_str(s, 4, now);
	/* Issue 20: a save of its own commits with synchronous=NORMAL, not the
	 * station's FULL: the draft is the screen's copy, written at every key,
	 * and FULL made every key wait for an fdatasync of the WAL (8-14 ms
	 * here, more on an old disk). The save is in the WAL when this returns:
	 * a killed or crashed program loses nothing; only an OS crash or a power
	 * cut can take the keys typed since the station's last full commit (the
	 * next case, login or audit row makes them durable). */
	bool own = st->tx_depth == 0;
	if (own)
		st_exec(st, "PRAGMA synchronous=NORMAL", NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	rc = rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
	/* The station's commits stay FULL: a failure to say so is an error. */
	if (own && st_exec(st, "PRAGMA synchronous=FULL", rc == 0 ? err : NULL) < 0)
		rc = -1;
	sqlite3_reset(s);
	free(buf);
	return rc;
}

static int decode(const char *p, size_t len, yz_kv_list *out, yz_err *err)
{
	const char *e = p + len, *k, *v;
	size_t kn, vn;

	while (p < e) {
		if (!get_netstring(&p, e, &k, &kn) || !get_netstring(&p, e, &v, &vn)) {
			yz_err_set(err, _("The saved draft is damaged; start the form again."));
			return -1;
		}
		if (st_kv_push(out, k, kn, v, vn) < 0) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
			return -1;
		}
	}
	return 0;
}

int yz_draft_load(yz_store *st, const char *clerk, const char *form_id, yz_kv_list *out,
                  yz_err *err)
{
	sqlite3_stmt *s =
	    st_prep(st, "SELECT data FROM drafts WHERE clerk = ?1 AND form_id = ?2", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	st_bind_str(s, 1, clerk);
	st_bind_str(s, 2, form_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *p = sqlite3_column_blob(s, 0);
		size_t len = (size_t)sqlite3_column_bytes(s, 0);
		rc = decode(p ? p : "", len, out, err);
		if (rc < 0)
			yz_kv_free(out);
	} else {
		rc = rc == SQLITE_DONE ? 1 : st_fail(st, rc, err);
	}
	sqlite3_finalize(s);
	return rc;
}

int yz_draft_delete(yz_store *st, const char *clerk, const char *form_id, yz_err *err)
{
	sqlite3_stmt *s = st_prep(st, "DELETE FROM drafts WHERE clerk = ?1 AND form_id = ?2", err);

	if (!s)
		return -1;
	st_bind_str(s, 1, clerk);
	st_bind_str(s, 2, form_id);
	return st_exec_stmt(st, s, err);
}
