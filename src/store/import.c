/* Residents in and out of CSV files as Excel on a Chinese Windows writes them:
 * UTF-8 with or without BOM, or GB18030. Every row is checked on its own; the
 * good ones go in within one transaction (a big file in batches: "batches"
 * below), the bad ones to a rejects file with the import's own columns and a
 * reason, which the clerk corrects and imports again.
 *
 * Spreadsheets: a cell that starts with = + - @ (or a tab or CR) is a formula
 * to Excel and WPS, so the export and the rejects file write such a value with
 * a single quote before it ('=1+1 shows as text; OWASP's advice for CSV
 * injection). A tab before it would not do: some spreadsheets trim leading
 * blanks before they decide what a cell is. The household number, the ID
 * number and the phone are written with a tab before them, so that Excel and
 * WPS keep them as text (an 18-digit ID number read as a number loses its last
 * three digits; 000001 becomes 1); a tab before digits makes no formula. The
 * import takes off what the export puts on: one leading tab, or a quote before
 * = + - @ tab CR or another quote (so a value that really starts with a quote
 * is written with two).
 *
 * The rejects file is the clerk's to correct and import again, so the import
 * never costs them a file: a rejects path that is the file being imported is
 * refused before anything is read, and so is one that is not a regular file
 * of theirs (a device, a link, a folder, a FIFO: yz_outfile_check); the
 * rejects are written to a temporary file beside it and renamed into place
 * only when the import has gone in (yizhan/store/outfile.h); an import that
 * fails leaves an older rejects file as it was. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* The rejects file's last column (tui hui yuan yin: why the row was sent
 * back). An import file may end with it: the import ignores it. */
static const char reason_header[] = "\u9000\u56de\u539f\u56e0";

static const char utf8_bom[] = "\xef\xbb\xbf";

/* The residents an --update import has changed, so that a second row of one
 * of them is told apart (open addressing; ids are > 0). */
typedef struct idset {
	int64_t *slots; /* 0 = free */
	size_t cap;     /* a power of two, or 0 */
	size_t n;       /* ids held */
} idset;

/* Everything one import works with. */
typedef struct importer {
	yz_store *st;            /* the station */
	const char *reject_path; /* where rejects go, at the end of the import */
	yz_outfile rejfile;      /* the rejects being written (a temporary until the end) */
	const char *actor;       /* who imports: the audit and the history name them */
	bool update;             /* a registered ID number updates its resident */
	size_t ncols;            /* columns of the file: 11, or 12 with the reason column */
	FILE *rej;               /* rejfile.f, opened at the first reject; NULL before */
	yz_err *err;             /* the import's error */
	sqlite3_stmt *sel_idno;  /* id of an ID number */
	sqlite3_stmt *sel_hh;    /* household by number */
	sqlite3_stmt *ins_hh;    /* new household */
	sqlite3_stmt *set_head;  /* head of a household without one */
	sqlite3_stmt *sel_head;  /* the head of a household other than a resident */
	sqlite3_stmt *ins_res;   /* new resident */
	sqlite3_stmt *ins_key;   /* pinyin key */
	int64_t first_new;       /* residents from this id on came from this file */
	idset updated;           /* residents updated by this file */
	char last_code[64];      /* the household of the previous row \u2026 */
	int64_t last_hh;         /* \u2026 its id \u2026 */
	char last_addr[256];     /* \u2026 and its address */
	char now[21];            /* the import's timestamp */
	long bad_line;           /* line of the file's first byte not in its encoding, 0 = none */
	yz_import_report *rep;   /* the counts */
	yz_import_report kept;   /* the counts of the batches committed (issue 14) */
	long long batch_ms;      /* monotonic time the current batch began */
	int batches;             /* batches committed */
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

/* The line (from 1) of byte off of text. */
static long line_of(const char *text, size_t off)
{
	long line = 1;

	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
			line++;
	}
	return line;
}

/* Valid multi-byte UTF-8 sequences and bytes that are not UTF-8; the offset
 * of the first bad byte in *first_bad. */
static void utf8_tally(const char *s, size_t len, size_t *multi, size_t *bad, size_t *first_bad)
{
	*multi = *bad = 0;
	*first_bad = len;
	for (size_t i = 0; i < len;) {
		size_t n = yz_utf8_decode(s + i, len - i, NULL);
		if (n == 0) {
			if (!*bad)
				*first_bad = i;
			(*bad)++;
			i++;
			continue;
		}
		*multi += n > 1;
		i += n;
	}
}

/* GB18030 to UTF-8, a byte that is not GB18030 kept as 0xFF (never UTF-8: the
 * row that holds it is rejected, naming its column) instead of stopping the
 * whole file. NULL when out of memory. */
static char *gb18030_lossy(const char *in, size_t len, size_t *out_len, size_t *first_bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	/* 2 GB18030 bytes give 3 UTF-8 bytes, 4 give 4, 1 gives 1: twice is plenty. */
	size_t cap = 2 * len + 16, oleft = cap - 1, ileft = len;
	char *out = cd == (iconv_t)-1 ? NULL : malloc(cap), *op = out, *ip = (char *)in;

	*first_bad = len;
	while (out && ileft > 0) {
		if (iconv(cd, &ip, &ileft, &op, &oleft) != (size_t)-1)
			continue;
		if (errno != EILSEQ && errno != EINVAL) {
			free(out);
			out = NULL;
			break;
		}
		if (*first_bad == len)
			*first_bad = (size_t)(ip - in);
		*op++ = '\xff';
		oleft--;
		ip++;
		ileft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (out) {
		*op = '\0';
		*out_len = (size_t)(op - out);
	}
	return out;
}

/* The file's text in UTF-8, without a BOM; rep->encoding says what it was. A
 * file that is UTF-8 but for a few bad bytes stays UTF-8 (the rows holding
 * them are rejected); otherwise it is read as GB18030, a bad byte there too
 * rejecting only its row. */
static char *decode(importer *im, char *raw, size_t len, const char *enc, size_t *out_len,
                    yz_err *err)
{
	const char *cs = enc && *enc ? charset_name(enc) : NULL;
	size_t multi, bad, first_bad;
	char *text;

	if (enc && *enc && !cs) {
		yz_err_set(err, _("Unknown encoding \"%s\": use utf-8 or gb18030."), enc);
		free(raw);
		return NULL;
	}
	if (len >= 3 && memcmp(raw, utf8_bom, 3) == 0 && (!cs || !strcmp(cs, "UTF-8")))
		cs = "UTF-8", memmove(raw, raw + 3, len - 2), len -= 3;
	if (!cs || !strcmp(cs, "UTF-8")) {
		utf8_tally(raw, len, &multi, &bad, &first_bad);
		/* Chinese headings alone are 43 characters: a GB18030 file never has
		 * eight valid UTF-8 sequences per bad byte, a UTF-8 one with a few
		 * damaged bytes always. */
		if (!cs && (bad == 0 || multi >= 8 * bad))
			cs = "UTF-8";
	}
	if (cs && !strcmp(cs, "UTF-8")) {
		snprintf(im->rep->encoding, sizeof im->rep->encoding, "UTF-8");
		im->bad_line = bad ? line_of(raw, first_bad) : 0;
		*out_len = len;
		return raw; /* rows with bad bytes are rejected one by one */
	}
	snprintf(im->rep->encoding, sizeof im->rep->encoding, "GB18030");
	text = gb18030_lossy(raw, len, out_len, &first_bad);
	if (!text)
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
	else if (first_bad < len)
		im->bad_line = line_of(raw, first_bad);
	free(raw);
	return text;
}

/* ---- spreadsheet-safe cells -------------------------------------------------------- */

/* What the export writes before a value v, a code (a household number, an
 * ID number, a phone) or not: see the top of the file. */
static const char *guard(const char *v, bool code)
{
	if (!v[0])
		return "";
	if (strchr("=+-@\t\r'", v[0]))
		return "'";
	return code ? "\t" : "";
}

/* What the export writes before a value of column col (-1: any other
 * column). */
static const char *guard_of(int col, const char *v)
{
	return guard(v, col == C_HH || col == C_IDNO || col == C_PHONE);
}

void yz_csv_put_cell(FILE *f, const char *v, bool code, bool last)
{
	csv_put_prefixed(f, guard(v, code), v, last);
}

/* Take off what guard_of put on, in place. */
static void unguard(csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++) {
		char *f = rec->fields[i];
		if (f[0] == '\t' || (f[0] == '\'' && f[1] && strchr("=+-@\t\r'", f[1]))) {
			rec->fields[i]++;
			rec->lens[i]--;
		}
	}
}

static void put_cell(FILE *f, int col, const char *v, bool last)
{
	csv_put_prefixed(f, guard_of(col, v), v, last);
}

/* ---- rejects --------------------------------------------------------------------- */

/* A cell as the rejects file shows it: bytes that are not UTF-8 and hidden
 * characters (NUL included) become U+FFFD, so that the clerk sees where the
 * fault was and the file is clean text. NULL when the cell is fine as it is or
 * out of memory (then it is written as it is, up to a NUL). */
static char *clean_cell(const char *s, size_t len, bool newlines)
{
	char *out, *o;

	if (yz_utf8_valid(s, len) && yz_text_find_hidden(s, len, newlines, NULL) == len)
		return NULL;
	o = out = malloc(3 * len + 1);
	for (size_t i = 0; out && i < len;) {
		uint32_t cp;
		size_t n = yz_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || (yz_cp_hidden(cp) != YZ_HIDDEN_NONE &&
		               !(newlines && (cp == '\n' || cp == '\r')))) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i += n ? n : 1;
			continue;
		}
		memcpy(o, s + i, n);
		o += n;
		i += n;
	}
	if (out)
		*o = '\0';
	return out;
}

/* The rejects go to a temporary file in the rejects file's folder (the
 * output-file helper: 0640, renamed into place at the end). false with why
 * set when it cannot be made. */
static bool open_rejects(importer *im, yz_err *why)
{
	if (im->rej)
		return true;
	if (yz_outfile_open(&im->rejfile, im->reject_path, why) != 0)
		return false;
	im->rej = im->rejfile.f;
	fputs(utf8_bom, im->rej);
	for (int i = 0; i < YZ_CSV_COLUMNS; i++)
		csv_put(im->rej, headers[i], false);
	csv_put(im->rej, reason_header, true);
	return true;
}

/* The row into the rejects file: its cells in the import's columns, the
 * reason (with the row and the column, in the clerk's language), then any
 * cells beyond the file's columns. 1, or -1 with im->err set. */
static int reject(importer *im, long row, int col, const csv_record *rec, const char *why)
{
	char *reason = col >= 0 ? yz_strdup_printf(_("Row %ld, %s: %s"), row, headers[col], why)
	                        : yz_strdup_printf(_("Row %ld: %s"), row, why);
	yz_err e = {{0}};

	if (!reason) {
		yz_err_setc(im->err, YZ_ERR_NO_MEMORY,
		            _("Cannot write the rejects file %s: %s. Nothing was imported."),
		            im->reject_path, _("Out of memory."));
		return -1;
	}
	if (!open_rejects(im, &e)) {
		yz_err_setc(im->err, e.code, _("%s Nothing was imported."), e.msg);
		free(reason);
		return -1;
	}
	for (size_t i = 0; i < YZ_CSV_COLUMNS; i++) {
		const char *v = i < rec->n ? rec->fields[i] : "";
		char *c = i < rec->n ? clean_cell(v, rec->lens[i], i == C_NOTES) : NULL;
		put_cell(im->rej, (int)i, c ? c : v, false);
		free(c);
	}
	put_cell(im->rej, -1, reason, rec->n <= im->ncols);
	free(reason);
	for (size_t i = im->ncols; i < rec->n; i++) {
		char *c = clean_cell(rec->fields[i], rec->lens[i], false);
		put_cell(im->rej, -1, c ? c : rec->fields[i], i + 1 == rec->n);
		free(c);
	}
	im->rep->rejected++;
	return 1;
}

/* ---- checking a row ------------------------------------------------------------------ */

static const size_t max_len[YZ_CSV_COLUMNS] = {23, 18, 127, 31, 31, 31, 31, 255, 255, 31, 511};

/* Why a hidden character cp may not come in, in the clerk's words. */
static const char *hidden_reason(uint32_t cp, char *buf, size_t n)
{
	const char *what;

	switch (yz_cp_hidden(cp)) {
	case YZ_HIDDEN_BIDI:
		what = _("The text holds an invisible character that reverses the order in which "
		         "it is shown (U+%04X): type the text again.");
		break;
	case YZ_HIDDEN_ZERO_WIDTH:
		what = _("The text holds an invisible zero-width character (U+%04X): type the "
		         "text again.");
		break;
	case YZ_HIDDEN_REPLACEMENT:
		what = _("A character of the text was lost in an earlier conversion (shown as "
		         "U+%04X): type it again.");
		break;
	case YZ_HIDDEN_SEPARATOR:
		what = _("The text holds an invisible line or paragraph separator (U+%04X): type "
		         "the text again.");
		break;
	default:
		what = _("The text holds an invisible control character (U+%04X): type the text "
		         "again.");
		break;
	}
	snprintf(buf, n, what, (unsigned)cp);
	return buf;
}

/* Each field on its own: encoding, hidden characters, length. */
static int check_text(importer *im, long row, const csv_record *rec)
{
	char buf[256];

	for (int c = 0; c < YZ_CSV_COLUMNS; c++) {
		size_t n = rec->lens[c];
		const char *why = NULL;
		uint32_t cp;
		if (!yz_utf8_valid(rec->fields[c], n))
			why = _("The text is not valid in the file's encoding.");
		else if (yz_text_find_hidden(rec->fields[c], n, c == C_NOTES, &cp) < n)
			why = hidden_reason(cp, buf, sizeof buf);
		else if (n > max_len[c])
			why = _("The text is too long.");
		if (why)
			return reject(im, row, c, rec, why);
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
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(im->st, rc, im->err);
	return rc == SQLITE_ROW ? 1 : 0;
}

/* ---- the residents an --update import changed ---- */

static size_t idset_slot(const idset *s, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u) & (s->cap - 1);

	while (s->slots[i] && s->slots[i] != id)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static bool idset_has(const idset *s, int64_t id)
{
	return s->cap && s->slots[idset_slot(s, id)] == id;
}

static bool idset_add(idset *s, int64_t id)
{
	if (2 * (s->n + 1) > s->cap) {
		idset bigger = {calloc(s->cap ? 2 * s->cap : 64, sizeof(int64_t)),
		                s->cap ? 2 * s->cap : 64, 0};
		if (!bigger.slots)
			return false;
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				bigger.slots[idset_slot(&bigger, s->slots[i])] = s->slots[i],
				                                 bigger.n++;
		free(s->slots);
		*s = bigger;
	}
	size_t i = idset_slot(s, id);
	if (!s->slots[i])
		s->slots[i] = id, s->n++;
	return true;
}

/* The ID number, checked; *existing receives the registered resident an
 * --update import changes (0 for a new one). 0 good, 1 rejected, -1 error. */
static int check_idno(importer *im, long row, const csv_record *rec, yz_resident *r,
                      int64_t *existing)
{
	yz_idcard card;
	yz_id_status ids = yz_idcard_check(rec->fields[C_IDNO], st_today(im->st), &card);
	int64_t other;
	int rc;

	if (ids != YZ_ID_OK)
		return reject(im, row, C_IDNO, rec, yz_idcard_message(ids));
	memcpy(r->idno, card.number, sizeof r->idno);
	yz_date_format(card.birth, r->birth);
	r->female = card.female;
	rc = find_idno(im, r->idno, &other);
	if (rc <= 0)
		return rc;
	if (other >= im->first_new || idset_has(&im->updated, other))
		return reject(im, row, C_IDNO, rec,
		              _("This ID number appears earlier in this file."));
	if (!im->update)
		return reject(im, row, C_IDNO, rec,
		              _("This ID number is already registered. To change the registered "
		                "resident from this file, import it with --update."));
	*existing = other;
	return 0;
}

/* The coded columns. 0 good, 1 rejected, -1 error. in_hh: the resident has a
 * household whatever the row's household number says (an update). */
static int check_codes(importer *im, long row, const csv_record *rec, bool in_hh)
{
	char **f = rec->fields;
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
	else if (f[C_REL][0] && !f[C_HH][0] && !in_hh)
		col = C_REL, why = _("A relationship needs a household number.");
	if (!why)
		return 0;
	return reject(im, row, col, rec, why);
}

/* Set dst from a cell: always for a new resident, only when the cell is not
 * empty for an update (an empty cell keeps what is registered). */
static void take(char *dst, size_t n, const char *cell, bool update)
{
	if (!update || cell[0])
		yz_strlcpy_utf8(dst, cell, n);
}

/* Fill r from a row that passed every check; for an update r holds the
 * registered resident already. */
static void fill_resident(char **f, yz_resident *r, bool update)
{
	take(r->name, sizeof r->name, f[C_NAME], update);
	take(r->ethnicity, sizeof r->ethnicity, f[C_ETH][0] ? yz_ethnicity_lookup(f[C_ETH]) : "",
	     update);
	take(r->phone, sizeof r->phone, f[C_PHONE], update);
	take(r->category, sizeof r->category, f[C_CAT], update);
	take(r->employment, sizeof r->employment, f[C_EMP], update);
	take(r->hukou_address, sizeof r->hukou_address, f[C_HUKOU], update);
	take(r->address, sizeof r->address, f[C_ADDR], update);
	take(r->relation, sizeof r->relation, f[C_REL], update);
	take(r->notes, sizeof r->notes, f[C_NOTES], update);
}

/* The shape of the row: one line of well-formed CSV with the file's columns. */
static int check_shape(importer *im, long row, const csv_record *rec)
{
	char buf[256];

	if (rec->unterminated)
		return reject(im, row, -1, rec,
		              _("A quote opens a field but does not close it on this line. A quote "
		                "inside a field is written twice (\"\") and the whole field is put "
		                "in quotes."));
	if (rec->stray)
		return reject(im, row, -1, rec,
		              _("Text follows the closing quote of a field. A quote inside a field "
		                "is written twice (\"\") and the whole field is put in quotes."));
	if (rec->n != YZ_CSV_COLUMNS && rec->n != im->ncols) {
		snprintf(buf, sizeof buf,
		         _("Wrong number of columns: every row needs 11, this one has %zu."),
		         rec->n);
		return reject(im, row, -1, rec, buf);
	}
	return 0;
}

static bool is_head(const yz_resident *r)
{
	return strcmp(r->relation, YZ_REL_HEAD) == 0;
}

/* The id of the household numbered code into *hh (0 when there is none yet).
 * 0, or an SQLite code. */
static int household_of_code(importer *im, const char *code, int64_t *hh)
{
	int rc;

	sqlite3_reset(im->sel_hh);
	st_bind_str(im->sel_hh, 1, code);
	rc = sqlite3_step(im->sel_hh);
	*hh = rc == SQLITE_ROW ? sqlite3_column_int64(im->sel_hh, 0) : 0;
	sqlite3_reset(im->sel_hh);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

/* One head per household, as at the counter: a row that makes its resident
 * head of a household whose head is someone else is rejected, naming that
 * head (the cell to change is the household number when the row moves the
 * resident, the relation otherwise). r is the resident as the row leaves it;
 * was_head_of the household an --update resident already heads by relation
 * (0: none), which the row does not make a second head of. 0 good,
 * 1 rejected, -1 error. */
static int check_head(importer *im, long row, const csv_record *rec, const yz_resident *r,
                      int64_t was_head_of)
{
	const char *code = rec->fields[C_HH];
	int64_t hh = r->household_id;
	char buf[512], name[128], hh_code[32];
	int rc;

	if (!is_head(r))
		return 0;
	if (code[0] && (rc = household_of_code(im, code, &hh)) != 0)
		return st_fail(im->st, rc, im->err);
	if (hh <= 0 || hh == was_head_of)
		return 0;
	sqlite3_bind_int64(im->sel_head, 1, hh);
	sqlite3_bind_int64(im->sel_head, 2, r->id);
	st_bind_str(im->sel_head, 3, YZ_REL_HEAD);
	rc = sqlite3_step(im->sel_head);
	if (rc == SQLITE_ROW) {
		st_col_cpy(im->sel_head, 0, name, sizeof name);
		st_col_cpy(im->sel_head, 1, hh_code, sizeof hh_code);
	}
	sqlite3_reset(im->sel_head);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return st_fail(im->st, rc, im->err);
	snprintf(buf, sizeof buf,
	         _("Household %s already has a head of household, %s. A household has one "
	           "head: change this row's relation, or first the other head's."),
	         hh_code, name);
	return reject(im, row, r->id && code[0] && hh != r->household_id ? C_HH : C_REL, rec, buf);
}

/* 0 good (r filled; *existing set for an update), 1 rejected, -1 error. */
static int check_row(importer *im, long row, const csv_record *rec, yz_resident *r,
                     int64_t *existing)
{
	yz_err e = {0};
	int64_t was_head_of;
	int rc;

	memset(r, 0, sizeof *r);
	*existing = 0;
	if ((rc = check_shape(im, row, rec)) != 0 || (rc = check_text(im, row, rec)) != 0 ||
	    (rc = check_idno(im, row, rec, r, existing)) != 0)
		return rc;
	if (!*existing && !rec->fields[C_NAME][0])
		return reject(im, row, C_NAME, rec, _("The name is empty."));
	if (*existing) {
		rc = yz_resident_get(im->st, *existing, r, im->err);
		if (rc != 0)
			return -1;
	}
	if ((rc = check_codes(im, row, rec, r->household_id > 0)) != 0)
		return rc;
	was_head_of = *existing && is_head(r) ? r->household_id : 0;
	fill_resident(rec->fields, r, *existing != 0);
	if (*existing && st_resident_check(im->st, r, &e) < 0)
		return reject(im, row, -1, rec, e.msg);
	return check_head(im, row, rec, r, was_head_of);
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

/* A head of household heads a household that has none yet (check_head let
 * no second one through). */
static int maybe_head(importer *im, const yz_resident *r)
{
	if (r->household_id <= 0 || strcmp(r->relation, YZ_REL_HEAD) != 0)
		return 0;
	sqlite3_bind_int64(im->set_head, 1, r->id);
	sqlite3_bind_int64(im->set_head, 2, r->household_id);
	return step_done(im->set_head);
}

/* 0, or -1 with im->err set. */
static int insert_row(importer *im, const char *code, yz_resident *r)
{
	bool in_hh = code[0] != '\0';
	int rc = in_hh ? household_for(im, code, r->address) : 0;

	if (rc == 0) {
		bind_row(im, r, in_hh);
		rc = step_done(im->ins_res);
	}
	if (rc == 0) {
		r->id = sqlite3_last_insert_rowid(im->st->db);
		r->household_id = in_hh ? im->last_hh : 0;
		rc = maybe_head(im, r);
	}
	if (rc == 0)
		rc = insert_keys(im, r->id, r->name);
	if (rc != 0)
		return st_fail(im->st, rc, im->err);
	im->rep->imported++;
	return 0;
}

static bool same_resident(const yz_resident *a, const yz_resident *b)
{
	return !strcmp(a->name, b->name) && !strcmp(a->ethnicity, b->ethnicity) &&
	       !strcmp(a->phone, b->phone) && !strcmp(a->category, b->category) &&
	       !strcmp(a->employment, b->employment) &&
	       !strcmp(a->hukou_address, b->hukou_address) && !strcmp(a->address, b->address) &&
	       !strcmp(a->relation, b->relation) && !strcmp(a->notes, b->notes) &&
	       a->household_id == b->household_id;
}

/* The head of household hh into *head (0: none), and whether that head is
 * still one of its members. 0, or an SQLite code. */
static int head_of(importer *im, int64_t hh, int64_t *head, bool *member)
{
	sqlite3_stmt *s = st_prep(
	    im->st,
	    "SELECT coalesce(h.head_id, 0), EXISTS(SELECT 1 FROM residents m"
	    " WHERE m.id = h.head_id AND m.household_id = h.id) FROM households h WHERE h.id = ?1",
	    im->err);
	int rc;

	if (!s)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, hh);
	rc = sqlite3_step(s);
	*head = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	*member = rc == SQLITE_ROW && sqlite3_column_int(s, 1);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

/* Household hh's head from old to head (0: none), in the registry's history
 * as the counter writes it (yz_household_set_head). -1 with im->err set. */
static int change_head(importer *im, int64_t hh, int64_t old, int64_t head)
{
	sqlite3_stmt *s =
	    st_prep(im->st, "UPDATE households SET head_id = ?1 WHERE id = ?2", im->err);
	char o[24], n[24];

	if (!s)
		return -1;
	if (head)
		sqlite3_bind_int64(s, 1, head);
	else
		sqlite3_bind_null(s, 1);
	sqlite3_bind_int64(s, 2, hh);
	if (st_exec_stmt(im->st, s, im->err) < 0)
		return -1;
	snprintf(o, sizeof o, "%lld", (long long)old);
	snprintf(n, sizeof n, "%lld", (long long)head);
	return st_history_add(im->st, "household", hh, "head_id", o, n, im->actor, NULL, im->now,
	                      im->err);
}

/* After an --update moved resident old to r: a head who left the household,
 * or is no longer its head, leaves it with the registry's rule for a
 * household's head (schema.c: its first member whose relation is head; none,
 * as check_head allows no second one, so the household has no head until
 * the counter or another import gives it one). A resident who is now head of
 * a household without one (or whose head has left it) heads it. -1 with
 * im->err set. */
static int update_heads(importer *im, const yz_resident *old, const yz_resident *r)
{
	int64_t head, next = 0;
	bool member;
	int rc = 0;

	if (old->household_id &&
	    (old->household_id != r->household_id || (is_head(old) && !is_head(r)))) {
		sqlite3_stmt *s = NULL;
		rc = head_of(im, old->household_id, &head, &member);
		if (rc == 0 && head == r->id) {
			s = st_prep(im->st,
			            "SELECT coalesce(min(id), 0) FROM residents"
			            " WHERE household_id = ?1 AND relation = ?2",
			            im->err);
			if (!s)
				return -1;
			sqlite3_bind_int64(s, 1, old->household_id);
			st_bind_str(s, 2, YZ_REL_HEAD);
			rc = sqlite3_step(s) == SQLITE_ROW ? 0 : sqlite3_errcode(im->st->db);
			next = rc == 0 ? sqlite3_column_int64(s, 0) : 0;
			sqlite3_finalize(s);
			if (rc == 0 && change_head(im, old->household_id, head, next) < 0)
				return -1;
		}
	}
	if (rc == 0 && r->household_id && is_head(r)) {
		rc = head_of(im, r->household_id, &head, &member);
		if (rc == 0 && head != r->id && (!head || !member) &&
		    change_head(im, r->household_id, head, r->id) < 0)
			return -1;
	}
	return rc == 0 ? 0 : st_fail(im->st, rc, im->err);
}

/* An --update row: the registered resident r (the row's values in) is
 * written through the registry's own update, which keeps a history row per
 * changed value, with the importing user and the time, as an edit at the
 * counter does. 0, or -1 with im->err set. */
static int update_row(importer *im, const char *code, yz_resident *r)
{
	yz_resident old;
	int rc;

	if (yz_resident_get(im->st, r->id, &old, im->err) != 0)
		return -1;
	if (code[0]) {
		if ((rc = household_for(im, code, r->address)) != 0)
			return st_fail(im->st, rc, im->err);
		r->household_id = im->last_hh;
	}
	if (!idset_add(&im->updated, r->id)) {
		yz_err_setc(im->err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	if (same_resident(&old, r)) {
		im->rep->unchanged++;
		return 0;
	}
	if (yz_resident_update(im->st, r, im->actor, NULL, im->err) != 0 ||
	    update_heads(im, &old, r) != 0)
		return -1;
	im->rep->updated++;
	return 0;
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
	/* A head who is no member any more (left by an older import) counts as none. */
	im->set_head =
	    st_prep(st,
	            "UPDATE households SET head_id = ?1 WHERE id = ?2 AND (head_id IS NULL"
	            " OR NOT EXISTS(SELECT 1 FROM residents m WHERE m.id = head_id"
	            " AND m.household_id = ?2))",
	            err);
	im->sel_head = st_prep(st,
	                       "SELECT r.name, h.code FROM residents r JOIN households h"
	                       " ON h.id = r.household_id WHERE h.id = ?1 AND r.id <> ?2"
	                       " AND (r.id = h.head_id OR r.relation = ?3)"
	                       " ORDER BY r.id = h.head_id DESC, r.id LIMIT 1",
	                       err);
	im->ins_res =
	    st_prep(st,
	            "INSERT INTO residents(idno, name, birth, female, ethnicity, phone,"
	            " address, household_id, relation, hukou_address, category, employment,"
	            " notes, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	            " ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
	            err);
	im->ins_key = st_prep(
	    st, "INSERT OR IGNORE INTO resident_initials(key, resident_id) VALUES(?1, ?2)", err);
	return im->sel_idno && im->sel_hh && im->ins_hh && im->set_head && im->sel_head &&
	               im->ins_res && im->ins_key
	           ? 0
	           : -1;
}

static void finalize_all(importer *im)
{
	sqlite3_finalize(im->sel_idno);
	sqlite3_finalize(im->sel_hh);
	sqlite3_finalize(im->ins_hh);
	sqlite3_finalize(im->set_head);
	sqlite3_finalize(im->sel_head);
	sqlite3_finalize(im->ins_res);
	sqlite3_finalize(im->ins_key);
}

/* The headings, and after them the rejects file's reason column or nothing:
 * the number of columns of the file, 0 when these are not the headings. */
static size_t header_columns(const csv_record *rec)
{
	if (rec->unterminated || rec->stray || rec->n < YZ_CSV_COLUMNS ||
	    rec->n > YZ_CSV_COLUMNS + 1)
		return 0;
	for (int i = 0; i < YZ_CSV_COLUMNS; i++) {
		if (strcmp(rec->fields[i], headers[i]) != 0)
			return 0;
	}
	if (rec->n > YZ_CSV_COLUMNS && strcmp(rec->fields[YZ_CSV_COLUMNS], reason_header) != 0)
		return 0;
	return rec->n;
}

static void header_message(importer *im, yz_err *err)
{
	char cols[512] = "";

	if (im->bad_line > 0) {
		yz_err_set(
		    err,
		    _("The file is neither UTF-8 nor GB18030 (the first byte that is neither "
		      "is in line %ld). Save it from Excel as \"CSV UTF-8\" and import "
		      "again."),
		    im->bad_line);
		return;
	}
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

/* ---- batches (issue 14) ----
 * A big import commits in batches, each holding the write lock at most
 * BATCH_MS, and lets the lock go for PAUSE_MS between them: a counter's save
 * (which tries the lock every 20 ms, db.c) waits for one batch at most, never
 * for the whole file. A file that takes less than a batch (most of them) is
 * one transaction: all of it or nothing. An import stopped after some
 * batches keeps them (counted in err); the same file imported again rejects
 * their rows as registered (unchanged with --update) and imports the rest. */
/* 800 ms: each commit writes the batch's index pages again (into the WAL,
 * then the database), so shorter batches cost the import dearly at a
 * million residents (400 ms: 82 s instead of 57 s); a counter still waits
 * well under a second (commit included: 0.81 s in cli_crash14). */
#define BATCH_MS 800
#define PAUSE_MS 50

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Commit the batch and begin the next when the batch has held the lock long
 * enough; the rejects so far are on the disk first. Inside a caller's own
 * transaction the import stays one. 0, or -1 with im->err set. */
static int next_batch(importer *im)
{
	char detail[128];
	yz_err e = {{0}};

	if (im->st->tx_depth != 1 || mono_ms() - im->batch_ms < BATCH_MS)
		return 0;
	if (im->rej && yz_outfile_sync(&im->rejfile, &e) != 0) {
		yz_err_setc(im->err, e.code, "%s", e.msg);
		return -1;
	}
	/* Each batch is in the audit log with the account that imports. */
	snprintf(detail, sizeof detail,
	         "residents imported %ld updated %ld rejected %ld (batch %d, going on)",
	         im->rep->imported, im->rep->updated, im->rep->rejected, im->batches + 1);
	if (st_audit_at(im->st, im->now, im->actor, "residents_imported", detail, im->err) < 0 ||
	    st_tx_end(im->st, true, im->err) < 0)
		return -1;
	im->kept = *im->rep;
	im->batches++;
	sqlite3_sleep(PAUSE_MS); /* the waiting counters' turn */
	if (st_tx_begin(im->st, im->err) < 0)
		return -1;
	im->batch_ms = mono_ms();
	return 0;
}

/* Every data row: checked, then inserted, updated or rejected. -1 stops the
 * import (the database failed, or the rejects file cannot be written). */
static int import_rows(importer *im, csv_reader *rd, csv_record *rec)
{
	long row = 1;
	yz_resident r;
	int64_t existing;
	int rc;

	while ((rc = csv_read(rd, rec)) == 1) {
		row++;
		if (rec->n == 1 && !rec->lens[0])
			continue; /* a blank line */
		im->rep->rows++;
		unguard(rec);
		rc = check_row(im, row, rec, &r, &existing);
		if (rc == 0)
			rc = existing ? update_row(im, rec->fields[C_HH], &r)
			              : insert_row(im, rec->fields[C_HH], &r);
		if (rc < 0 || next_batch(im) < 0)
			return -1;
	}
	if (rc < 0) {
		yz_err_setc(im->err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	char detail[96];
	snprintf(detail, sizeof detail, "residents imported %ld updated %ld rejected %ld",
	         im->rep->imported, im->rep->updated, im->rep->rejected);
	return st_audit_at(im->st, im->now, im->actor, "residents_imported", detail, im->err);
}

static int run_import(importer *im, const char *text, size_t len, yz_err *err)
{
	csv_reader rd = {text, text + len, 0, 0};
	csv_record rec;
	int ok;

	memset(&rec, 0, sizeof rec);
	if (csv_read(&rd, &rec) != 1 || (im->ncols = header_columns(&rec)) == 0) {
		header_message(im, err);
		csv_record_free(&rec);
		return -1;
	}
	rd.expect_min = YZ_CSV_COLUMNS;
	rd.expect_max = im->ncols;
	/* A bigger page cache for the one big transaction: the indexes of a million
	 * rows stay in memory instead of spilling to the WAL half-built. */
	st_exec(im->st, "PRAGMA cache_size = -524288", NULL);
	if (st_tx_begin(im->st, err) < 0) {
		csv_record_free(&rec);
		return -1;
	}
	im->first_new = next_id(im->st);
	im->batch_ms = mono_ms();
	ok = prepare(im, err) == 0 && import_rows(im, &rd, &rec) == 0;
	finalize_all(im);
	csv_record_free(&rec);
	/* The rejects are whole on disk before the rows go in: a rejects file
	 * that cannot be finished imports nothing. */
	if (ok && im->rej) {
		yz_err e = {{0}};
		if (yz_outfile_sync(&im->rejfile, &e) != 0) {
			yz_err_setc(err, e.code, _("%s Nothing was imported."), e.msg);
			ok = false;
		}
	}
	ok = st_tx_end(im->st, ok, ok ? err : NULL) == 0 && ok;
	st_exec(im->st, "PRAGMA cache_size = -8192", NULL);
	/* Fold the big WAL back into the database file now rather than at some
	 * clerk's next commit. */
	sqlite3_wal_checkpoint_v2(im->st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return ok ? 0 : -1;
}

/* Whether the rejects would be written over the file being imported: the
 * same file by device and inode, whatever the spelling (./, .., a symbolic
 * or a hard link). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The end of the rejects: after a failed import the temporary file goes and
 * an older rejects file stays as it was (it still tells what is wrong with
 * the rows of its file); after a good one the new rejects take its place, or
 * when there are none an older rejects file goes (its rows may have gone in
 * now; imported again it would only repeat them) — only a regular file of
 * this user, never what yz_outfile_check refuses. 0, or -1 with err set. */
static int finish_rejects(importer *im, bool imported, yz_err *err)
{
	yz_err e = {{0}};
	bool written = im->rej != NULL;

	im->rej = NULL;
	if (!imported) {
		yz_outfile_abort(&im->rejfile);
		return 0;
	}
	if (!written) {
		yz_outfile_remove(im->reject_path, NULL);
		return 0;
	}
	if (yz_outfile_commit(&im->rejfile, &e) == 0)
		return 0;
	yz_err_setc(err, e.code,
	            _("The rows were imported, but the rejected rows were not saved: %s"), e.msg);
	return -1;
}

/* An import that stopped after some batches went in: what is kept, and that
 * the same file may be imported again. */
static void kept_message(importer *im, yz_err *err)
{
	char why[sizeof err->msg];

	im->rep->imported = im->kept.imported;
	im->rep->updated = im->kept.updated;
	im->rep->unchanged = im->kept.unchanged;
	if (!err)
		return;
	snprintf(why, sizeof why, "%s", err->msg);
	yz_err_setc(err, err->code,
	            _("%s The import stopped after %ld rows: %ld residents were added and %ld "
	              "updated before it. Import the same file again to do the rest: the rows "
	              "already in are rejected as registered (unchanged with --update)."),
	            why, im->kept.rows, im->kept.imported, im->kept.updated);
}

int yz_residents_import_with(yz_store *st, const char *path, const yz_import_opts *o,
                             yz_import_report *rep, yz_err *err)
{
	importer im;
	size_t len, tlen;
	char *raw, *text;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&im, 0, sizeof im);
	im.st = st;
	im.reject_path = o->reject_path;
	im.actor = o->actor;
	im.update = o->update;
	im.err = err;
	im.rep = rep;
	st_now(st, im.now);
	if (same_file(path, o->reject_path)) {
		yz_err_set(err,
		           _("%s is the file being imported: the rejected rows cannot be written "
		             "over it. Name another file with --rejects, or leave --rejects out."),
		           o->reject_path);
		return -1;
	}
	if (yz_outfile_check(o->reject_path, err) != 0)
		return -1; /* a device, a link, a folder, a pipe: never touched */
	raw = slurp(path, &len, err);
	text = raw ? decode(&im, raw, len, o->encoding, &tlen, err) : NULL;
	if (!text)
		return -1;
	rc = run_import(&im, text, tlen, err);
	free(text);
	free(im.updated.slots);
	if (rc < 0) {
		/* Nothing was imported: the counts would mislead. */
		rep->imported = rep->updated = rep->unchanged = 0;
		if (im.batches > 0)
			kept_message(&im, err);
	}
	if (finish_rejects(&im, rc == 0, err) < 0)
		rc = -1;
	return rc;
}

int yz_residents_import(yz_store *st, const char *path, const char *encoding,
                        const char *reject_path, const char *actor, yz_import_report *rep,
                        yz_err *err)
{
	yz_import_opts o = {encoding, reject_path, actor, false};

	return yz_residents_import_with(st, path, &o, rep, err);
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
			put_cell(f, i, v ? v : "", i + 1 == YZ_CSV_COLUMNS);
		}
		(*rows)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : st_fail(st, rc, err);
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
	if (yz_outfile_check(path, err) != 0) /* a wrong name told before the work */
		return -1;
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
		rc = conv ? yz_outfile_write(path, conv, clen, err)
		          : yz_outfile_write(path, buf, len, err);
	free(conv);
	free(buf);
	return rc;
}
