/* Residents in and out of CSV files as Excel on a Chinese Windows writes them:
 * UTF-8 with or without BOM, or GB18030. Every row is checked on its own; the
 * good ones go in within one transaction, the bad ones to a reject report that
 * names row, column, value and reason. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "csv.h"
#include "store_int.h"

static const char *const headers[YZ_CSV_COLUMNS] = {
    "\u6237\u7f16\u53f7",
    "\u8eab\u4efd\u8bc1\u53f7",
    "\u59d3\u540d",
    "\u6c11\u65cf",
    "\u8054\u7cfb\u7535\u8bdd",
    "\u4eba\u5458\u7c7b\u522b",
    "\u5c31\u4e1a\u72b6\u51b5",
    "\u6237\u7c4d\u5730\u5740",
    "\u5c45\u4f4f\u5730\u5740",
    "\u4e0e\u6237\u4e3b\u5173\u7cfb",
    "\u5907\u6ce8",
};
enum { C_HH, C_IDNO, C_NAME, C_ETH, C_PHONE, C_CAT, C_EMP, C_HUKOU, C_ADDR, C_REL, C_NOTES };

/* The reject report's header row: row, column, value, reason. */
static const char *const reject_headers[4] = {"\u884c\u53f7", "\u5217", "\u503c", "\u539f\u56e0"};

static const char utf8_bom[] = "\xef\xbb\xbf";

/* Everything one import works with. */
typedef struct importer {
	yz_store *st;            /* the station */
	const char *reject_path; /* where rejects go */
	FILE *rej;               /* opened at the first reject */
	sqlite3_stmt *sel_idno;  /* id of an ID number */
	sqlite3_stmt *sel_hh;    /* household by number */
	sqlite3_stmt *ins_hh;    /* new household */
	sqlite3_stmt *set_head;  /* head of a household without one */
	sqlite3_stmt *ins_res;   /* new resident */
	sqlite3_stmt *ins_key;   /* pinyin key */
	int64_t first_new;       /* residents from this id on came from this file */
	char last_code[64];      /* the household of the previous row \u2026 */
	int64_t last_hh;         /* \u2026 its id \u2026 */
	char last_addr[256];     /* \u2026 and its address */
	char now[21];            /* the import's timestamp */
	yz_import_report *rep;   /* the counts */
} importer;

/* ---- reading the file --------------------------------------------------------- */

static char *slurp(const char *path, size_t *len, yz_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (!f) {
		yz_err_set(err, _("Cannot open %s: %s."), path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)size + 1)) != NULL &&
	    fread(buf, 1, (size_t)size, f) == (size_t)size) {
		buf[size] = '\0';
		*len = (size_t)size;
	} else {
		free(buf);
		buf = NULL;
		yz_err_set(err, _("Cannot read %s."), path);
	}
	fclose(f);
	return buf;
}

/* "utf-8" / "gb18030" (any case, GBK read as GB18030) or NULL when unknown. */
static const char *charset_name(const char *enc)
{
	if (!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8"))
		return "UTF-8";
	if (!strcasecmp(enc, "gb18030") || !strcasecmp(enc, "gbk") || !strcasecmp(enc, "gb2312"))
		return "GB18030";
	return NULL;
}

/* The file's text in UTF-8, without a BOM; rep->encoding says what it was. */
static char *decode(char *raw, size_t len, const char *enc, yz_import_report *rep, size_t *out_len,
                    yz_err *err)
{
	const char *cs = enc && *enc ? charset_name(enc) : NULL;
	size_t bad = 0;
	char *text;

	if (enc && *enc && !cs) {
		yz_err_set(err, _("Unknown encoding \"%s\": use utf-8 or gb18030."), enc);
		free(raw);
		return NULL;
	}
	if (len >= 3 && memcmp(raw, utf8_bom, 3) == 0 && (!cs || !strcmp(cs, "UTF-8")))
		cs = "UTF-8", memmove(raw, raw + 3, len - 2), len -= 3;
	if (!cs)
		cs = yz_utf8_valid(raw, len) ? "UTF-8" : "GB18030";
	snprintf(rep->encoding, sizeof rep->encoding, "%s", cs);
	if (!strcmp(cs, "UTF-8")) {
		*out_len = len;
		return raw; /* rows with bad bytes are rejected one by one */
	}
	text = yz_iconv(raw, len, "GB18030", "UTF-8", out_len, &bad, NULL);
	if (!text)
		yz_err_set(
		    err,
		    _("The file is neither UTF-8 nor GB18030 (bad bytes at offset %zu). Save "
		      "it from Excel as \"CSV UTF-8\" and import again."),
		    bad);
	free(raw);
	return text;
}

/* ---- rejects --------------------------------------------------------------------- */

static int reject(importer *im, long row, int col, const char *value, const char *reason)
{
	char rowbuf[24];

	if (!im->rej) {
		im->rej = fopen(im->reject_path, "wb");
		if (!im->rej)
			return -1;
		fputs(utf8_bom, im->rej);
		for (int i = 0; i < 4; i++)
			csv_put(im->rej, reject_headers[i], i == 3);
	}
	snprintf(rowbuf, sizeof rowbuf, "%ld", row);
	csv_put(im->rej, rowbuf, false);
	csv_put(im->rej, col >= 0 ? headers[col] : "", false);
	/* Invalid bytes would make the report itself unreadable: show them as '?'. */
	char *v = yz_utf8_valid(value, strlen(value)) ? NULL : strdup(value);
	for (char *p = v; p && *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	csv_put(im->rej, v ? v : value, false);
	free(v);
	csv_put(im->rej, reason, true);
	im->rep->rejected++;
	return 0;
}

/* ---- checking a row ------------------------------------------------------------------ */

static const size_t max_len[YZ_CSV_COLUMNS] = {23, 18, 127, 31, 31, 31, 31, 255, 255, 31, 511};

/* Each field on its own: encoding, control characters, length. */
static int check_text(importer *im, long row, char **f, const char **why)
{
	for (int c = 0; c < YZ_CSV_COLUMNS; c++) {
		size_t n = strlen(f[c]);
		*why = NULL;
		if (!yz_utf8_valid(f[c], n))
			*why = _("The text is not valid in the file's encoding.");
		else if (n > max_len[c])
			*why = _("The text is too long.");
		for (size_t i = 0; !*why && i < n; i++) {
			unsigned char ch = (unsigned char)f[c][i];
			if ((ch < 0x20 || ch == 0x7f) &&
			    !(c == C_NOTES && (ch == '\n' || ch == '\r')))
				*why = _("The text holds control characters.");
		}
		if (*why)
			return reject(im, row, c, f[c], *why) < 0 ? -1 : 1;
	}
	return 0;
}

static int find_idno(importer *im, const char *idno, int64_t *id)
{
	int rc;

	sqlite3_reset(im->sel_idno);
	st_bind_str(im->sel_idno, 1, idno);
	rc = sqlite3_step(im->sel_idno);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(im->sel_idno, 0) : 0;
	sqlite3_reset(im->sel_idno);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The ID number, checked and unique. 0 good, 1 rejected, -1 error. */
static int check_idno(importer *im, long row, const char *typed, yz_resident *r)
{
	yz_idcard card;
	yz_id_status ids = yz_idcard_check(typed, st_today(im->st), &card);
	int64_t other;
	int rc;

	if (ids != YZ_ID_OK)
		return reject(im, row, C_IDNO, typed, yz_idcard_message(ids)) < 0 ? -1 : 1;
	memcpy(r->idno, card.number, sizeof r->idno);
	rc = find_idno(im, r->idno, &other);
	if (rc <= 0)
		return rc;
	return reject(im, row, C_IDNO, typed,
	              other >= im->first_new ? _("This ID number appears earlier in this file.")
	                                     : _("This ID number is already registered.")) < 0
	           ? -1
	           : 1;
}

/* The coded columns. 0 good, 1 rejected, -1 error. */
static int check_codes(importer *im, long row, char **f)
{
	int col = -1;
	const char *why = NULL;

	if (f[C_ETH][0] && !yz_ethnicity_lookup(f[C_ETH]))
		col = C_ETH, why = _("Not one of the 56 nationalities (GB/T 3304).");
	else if (!st_phone_ok(f[C_PHONE]))
		col = C_PHONE, why = _("Not a phone number: digits only, 7 to 20.");
	else if (st_category_code(f[C_CAT]) < 0)
		col = C_CAT, why = _("Not a population category.");
	else if (st_employment_code(f[C_EMP]) < 0)
		col = C_EMP, why = _("Not an employment status.");
	else if (!st_relation_known(f[C_REL]))
		col = C_REL, why = _("Not a relationship to the head of household.");
	else if (f[C_REL][0] && !f[C_HH][0])
		col = C_REL, why = _("A relationship needs a household number.");
	if (!why)
		return 0;
	return reject(im, row, col, f[col], why) < 0 ? -1 : 1;
}

/* Fill r from a row that passed every check. */
static void fill_resident(char **f, yz_resident *r)
{
	yz_strlcpy_utf8(r->name, f[C_NAME], sizeof r->name);
	yz_strlcpy_utf8(r->ethnicity, f[C_ETH][0] ? yz_ethnicity_lookup(f[C_ETH]) : "",
	                sizeof r->ethnicity);
	yz_strlcpy_utf8(r->phone, f[C_PHONE], sizeof r->phone);
	yz_strlcpy_utf8(r->category, f[C_CAT], sizeof r->category);
	yz_strlcpy_utf8(r->employment, f[C_EMP], sizeof r->employment);
	yz_strlcpy_utf8(r->hukou_address, f[C_HUKOU], sizeof r->hukou_address);
	yz_strlcpy_utf8(r->address, f[C_ADDR], sizeof r->address);
	yz_strlcpy_utf8(r->relation, f[C_REL], sizeof r->relation);
	yz_strlcpy_utf8(r->notes, f[C_NOTES], sizeof r->notes);
}

/* 0 good (r filled), 1 rejected, -1 error. */
static int check_row(importer *im, long row, const csv_record *rec, yz_resident *r)
{
	char buf[64];
	const char *why;
	int rc;

	memset(r, 0, sizeof *r);
	if (rec->unterminated)
		return reject(im, row, -1, "", _("A quoted field is not closed.")) < 0 ? -1 : 1;
	if (rec->n != YZ_CSV_COLUMNS) {
		snprintf(buf, sizeof buf, "%zu", rec->n);
		return reject(im, row, -1, buf, _("Wrong number of columns: every row needs 11.")) <
		               0
		           ? -1
		           : 1;
	}
	if ((rc = check_text(im, row, rec->fields, &why)) != 0)
		return rc;
	if (!rec->fields[C_NAME][0])
		return reject(im, row, C_NAME, "", _("The name is empty.")) < 0 ? -1 : 1;
	if ((rc = check_idno(im, row, rec->fields[C_IDNO], r)) != 0 ||
	    (rc = check_codes(im, row, rec->fields)) != 0)
		return rc;
	fill_resident(rec->fields, r);
	return 0;
}

/* ---- writing a row --------------------------------------------------------------- */

static int step_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* The household of number code: the previous row's, a stored one or a new one. */
static int household_for(importer *im, const char *code, const char *address)
{
	char key[32];
	int rc;

	if (strcmp(code, im->last_code) == 0)
		return 0;
	sqlite3_reset(im->sel_hh);
	st_bind_str(im->sel_hh, 1, code);
	rc = sqlite3_step(im->sel_hh);
	if (rc == SQLITE_ROW) {
		im->last_hh = sqlite3_column_int64(im->sel_hh, 0);
		st_col_cpy(im->sel_hh, 1, im->last_addr, sizeof im->last_addr);
	}
	sqlite3_reset(im->sel_hh);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (rc == SQLITE_DONE) {
		yz_address_key(address, key, sizeof key);
		st_bind_str(im->ins_hh, 1, address);
		st_bind_str(im->ins_hh, 2, im->now);
		st_bind_str(im->ins_hh, 3, key);
		st_bind_str(im->ins_hh, 4, code);
		if ((rc = step_done(im->ins_hh)) != 0)
			return rc;
		im->last_hh = sqlite3_last_insert_rowid(im->st->db);
		yz_strlcpy_utf8(im->last_addr, address, sizeof im->last_addr);
	}
	yz_strlcpy_utf8(im->last_code, code, sizeof im->last_code);
	return 0;
}

static void bind_row(importer *im, const yz_resident *r, bool in_hh)
{
	sqlite3_stmt *s = im->ins_res;

	st_bind_str(s, 1, r->idno);
	st_bind_str(s, 2, r->name);
	st_bind_str(s, 3, r->birth);
	sqlite3_bind_int(s, 4, r->female);
	st_bind_str(s, 5, r->ethnicity);
	st_bind_str(s, 6, r->phone);
	st_bind_str(s, 7, in_hh && strcmp(r->address, im->last_addr) == 0 ? "" : r->address);
	if (in_hh)
		sqlite3_bind_int64(s, 8, im->last_hh);
	else
		sqlite3_bind_null(s, 8);
	st_bind_str(s, 9, r->relation);
	st_bind_str(s, 10, r->hukou_address);
	sqlite3_bind_int(s, 11, st_category_code(r->category));
	sqlite3_bind_int(s, 12, st_employment_code(r->employment));
	st_bind_str(s, 13, r->notes);
	st_bind_str(s, 14, im->now);
}

static int insert_keys(importer *im, int64_t id, const char *name)
{
	char keys[ST_MAX_PINYIN_KEYS * 130], *save = NULL;
	int rc = 0;

	if (yz_pinyin_keys(name, ST_MAX_PINYIN_KEYS, keys, sizeof keys) == 0)
		return 0;
	for (char *k = strtok_r(keys, " ", &save); k && rc == 0; k = strtok_r(NULL, " ", &save)) {
		st_bind_str(im->ins_key, 1, k);
		sqlite3_bind_int64(im->ins_key, 2, id);
		rc = step_done(im->ins_key);
	}
	return rc;
}

static int insert_row(importer *im, const char *code, yz_resident *r)
{
	bool in_hh = code[0] != '\0';
	int rc = in_hh ? household_for(im, code, r->address) : 0;

	if (rc != 0)
		return rc;
	bind_row(im, r, in_hh);
	if ((rc = step_done(im->ins_res)) != 0)
		return rc;
	r->id = sqlite3_last_insert_rowid(im->st->db);
	if (in_hh && strcmp(r->relation, YZ_REL_HEAD) == 0) {
		sqlite3_bind_int64(im->set_head, 1, r->id);
		sqlite3_bind_int64(im->set_head, 2, im->last_hh);
		if ((rc = step_done(im->set_head)) != 0)
			return rc;
	}
	return insert_keys(im, r->id, r->name);
}

/* ---- the import ------------------------------------------------------------------------ */

static int prepare(importer *im, yz_err *err)
{
	yz_store *st = im->st;

	im->sel_idno = st_prep(st, "SELECT id FROM residents WHERE idno = ?1", err);
	im->sel_hh = st_prep(st, "SELECT id, address FROM households WHERE code = ?1", err);
	im->ins_hh = st_prep(st,
	                     "INSERT INTO households(address, created_at, addr_key, code)"
	                     " VALUES(?1, ?2, ?3, ?4)",
	                     err);
	im->set_head = st_prep(
	    st, "UPDATE households SET head_id = ?1 WHERE id = ?2 AND head_id IS NULL", err);
	im->ins_res =
	    st_prep(st,
	            "INSERT INTO residents(idno, name, birth, female, ethnicity, phone,"
	            " address, household_id, relation, hukou_address, category, employment,"
	            " notes, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	            " ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
	            err);
	im->ins_key = st_prep(
	    st, "INSERT OR IGNORE INTO resident_initials(key, resident_id) VALUES(?1, ?2)", err);
	return im->sel_idno && im->sel_hh && im->ins_hh && im->set_head && im->ins_res &&
	               im->ins_key
	           ? 0
	           : -1;
}

static void finalize_all(importer *im)
{
	sqlite3_finalize(im->sel_idno);
	sqlite3_finalize(im->sel_hh);
	sqlite3_finalize(im->ins_hh);
	sqlite3_finalize(im->set_head);
	sqlite3_finalize(im->ins_res);
	sqlite3_finalize(im->ins_key);
}

static bool is_header(const csv_record *rec)
{
	if (rec->n != YZ_CSV_COLUMNS)
		return false;
	for (int i = 0; i < YZ_CSV_COLUMNS; i++) {
		if (strcmp(rec->fields[i], headers[i]) != 0)
			return false;
	}
	return true;
}

static void header_message(yz_err *err)
{
	char cols[512] = "";

	for (int i = 0; i < YZ_CSV_COLUMNS; i++) {
		strncat(cols, headers[i], sizeof cols - strlen(cols) - 1);
		if (i + 1 < YZ_CSV_COLUMNS)
			strncat(cols, ",", sizeof cols - strlen(cols) - 1);
	}
	yz_err_set(err,
	           _("The first line of the file must be the column headings: %s. Export a file "
	             "with `yizhan residents export` to see the layout."),
	           cols);
}

static int64_t next_id(yz_store *st)
{
	sqlite3_stmt *s = st_prep(st, "SELECT coalesce(max(id), 0) + 1 FROM residents", NULL);
	int64_t id = 1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

/* Every data row: checked, then inserted or rejected. -1 stops the import (the
 * database failed, or the reject report cannot be written). */
static int import_rows(importer *im, csv_reader *rd, csv_record *rec, const char *actor,
                       yz_err *err)
{
	long row = 1;
	yz_resident r;
	int rc;

	while ((rc = csv_read(rd, rec)) == 1) {
		row++;
		if (rec->n == 1 && !rec->fields[0][0])
			continue; /* a blank line */
		im->rep->rows++;
		rc = check_row(im, row, rec, &r);
		if (rc < 0)
			break;
		if (rc == 1)
			continue;
		if ((rc = insert_row(im, rec->fields[C_HH], &r)) != 0)
			return st_fail(im->st, rc, err);
		im->rep->imported++;
	}
	if (rc < 0) {
		yz_err_set(err,
		           _("Cannot write the reject report %s, or out of memory: nothing was "
		             "imported."),
		           im->reject_path);
		return -1;
	}
	char detail[64];
	snprintf(detail, sizeof detail, "residents imported %ld rejected %ld", im->rep->imported,
	         im->rep->rejected);
	return st_audit_at(im->st, im->now, actor, "residents_imported", detail, err);
}

static int run_import(importer *im, const char *text, size_t len, const char *actor, yz_err *err)
{
	csv_reader rd = {text, text + len};
	csv_record rec;
	int ok;

	memset(&rec, 0, sizeof rec);
	if (csv_read(&rd, &rec) != 1 || !is_header(&rec)) {
		header_message(err);
		csv_record_free(&rec);
		return -1;
	}
	/* A bigger page cache for the one big transaction: the indexes of a million
	 * rows stay in memory instead of spilling to the WAL half-built. */
	st_exec(im->st, "PRAGMA cache_size = -524288", NULL);
	if (st_tx_begin(im->st, err) < 0) {
		csv_record_free(&rec);
		return -1;
	}
	im->first_new = next_id(im->st);
	ok = prepare(im, err) == 0 && import_rows(im, &rd, &rec, actor, err) == 0;
	finalize_all(im);
	csv_record_free(&rec);
	ok = st_tx_end(im->st, ok, ok ? err : NULL) == 0 && ok;
	st_exec(im->st, "PRAGMA cache_size = -8192", NULL);
	/* Fold the big WAL back into the database file now rather than at some
	 * clerk's next commit. */
	sqlite3_wal_checkpoint_v2(im->st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return ok ? 0 : -1;
}

int yz_residents_import(yz_store *st, const char *path, const char *encoding,
                        const char *reject_path, const char *actor, yz_import_report *rep,
                        yz_err *err)
{
	importer im;
	size_t len, tlen;
	char *raw, *text;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&im, 0, sizeof im);
	im.st = st;
	im.reject_path = reject_path;
	im.rep = rep;
	st_now(st, im.now);
	unlink(reject_path);
	raw = slurp(path, &len, err);
	text = raw ? decode(raw, len, encoding, rep, &tlen, err) : NULL;
	if (!text)
		return -1;
	rc = run_import(&im, text, tlen, actor, err);
	free(text);
	if (im.rej && fclose(im.rej) != 0 && rc == 0) {
		yz_err_set(err, _("Cannot write the reject report %s."), reject_path);
		rc = -1;
	}
	if (rc < 0) {
		/* Nothing was imported: the counts would mislead. */
		rep->imported = 0;
		unlink(reject_path);
	}
	return rc;
}

/* ---- export ------------------------------------------------------------------------------ */

static int write_rows(yz_store *st, FILE *f, long *rows, yz_err *err)
{
	sqlite3_stmt *s = st_prep(
	    st,
	    "SELECT coalesce(h.code, ''), r.idno, r.name, r.ethnicity, r.phone, r.category,"
	    " r.employment, r.hukou_address,"
	    " CASE WHEN r.address <> '' THEN r.address ELSE coalesce(h.address, '') END,"
	    " r.relation, r.notes FROM residents r LEFT JOIN households h ON h.id = r.household_id"
	    " ORDER BY r.id",
	    err);
	int rc;

	if (!s)
		return -1;
	for (int i = 0; i < YZ_CSV_COLUMNS; i++)
		csv_put(f, headers[i], i + 1 == YZ_CSV_COLUMNS);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < YZ_CSV_COLUMNS; i++) {
			const char *v = (const char *)sqlite3_column_text(s, i);
			if (i == C_CAT)
				v = st_category_label(sqlite3_column_int(s, i));
			else if (i == C_EMP)
				v = st_employment_label_of(sqlite3_column_int(s, i));
			csv_put(f, v ? v : "", i + 1 == YZ_CSV_COLUMNS);
		}
		(*rows)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
}

/* Write bytes to path through a temporary file and a rename: a failed export
 * never leaves half a file under the real name. */
static int write_file(const char *path, const char *bytes, size_t len, yz_err *err)
{
	char *tmp = yz_strdup_printf("%s.tmp", path);
	FILE *f = tmp ? fopen(tmp, "wb") : NULL;
	bool ok = f && fwrite(bytes, 1, len, f) == len;

	if (f && fclose(f) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		yz_err_set(err, _("Cannot write %s: %s."), path, strerror(errno));
		if (tmp)
			unlink(tmp);
	}
	free(tmp);
	return ok ? 0 : -1;
}

int yz_residents_export(yz_store *st, const char *path, const char *encoding, long *rows,
                        yz_err *err)
{
	const char *cs = encoding && *encoding ? charset_name(encoding) : "UTF-8";
	char *buf = NULL, *conv = NULL;
	size_t len = 0, clen = 0;
	FILE *mem;
	int rc;

	*rows = 0;
	if (!cs) {
		yz_err_set(err, _("Unknown encoding \"%s\": use utf-8 or gb18030."), encoding);
		return -1;
	}
	mem = open_memstream(&buf, &len);
	if (!mem) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	/* Excel reads UTF-8 CSV only with the BOM; GB18030 has none. */
	if (!strcmp(cs, "UTF-8"))
		fputs(utf8_bom, mem);
	rc = write_rows(st, mem, rows, err);
	fclose(mem);
	if (rc == 0 && strcmp(cs, "UTF-8") != 0) {
		conv = yz_iconv(buf, len, "UTF-8", cs, &clen, NULL, err);
		rc = conv ? 0 : -1;
	}
	if (rc == 0)
		rc = conv ? write_file(path, conv, clen, err) : write_file(path, buf, len, err);
	free(conv);
	free(buf);
	return rc;
}
