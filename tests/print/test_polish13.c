/* Issue 13, printed documents, second round, read back from the real papers
 * (ESC/POS bytes, PDFs through poppler's pdftotext):
 *   - the separator after a key follows the document's language: the
 *     full-width colon on Chinese papers, ": " on English ones (key-value
 *     rows, verification codes and signature lines; receipts and PDFs; the
 *     print API and the service's own documents);
 *   - a list in a key-value row (materials "A, B, C") breaks at its
 *     separators, never inside an item that fits a line (PDF and receipt);
 *     an item longer than a line still wraps within the paper;
 *   - the talk day's printed summary is in the station's document language
 *     whatever the clerk's UI language.
 * The clerk's UI is English throughout (LANGUAGE=en with the build tree's
 * catalogue, as src/app/locale.c binds it), so Chinese on paper comes from
 * the document language alone. */
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../service/fixture.h"
#include "print-test.h"

/* Chinese test text, escaped (sources stay ASCII). */
#define FW_COLON    "\uff1a" /* full-width colon */
#define IDEO_COMA   "\u3001" /* enumeration comma */
#define FW_COMMA    "\uff0c"
#define FW_SEMI     "\uff1b"
#define T_FILL      "\u67d0"
#define K_MATERIALS "\u6750\u6599" /* materials */
/* resident ID card, household register, statement of income and property,
 * disability certificate, application, household members' income proof,
 * property proof, bank statement, marriage certificate */
static const char *const items[] = {
    "\u5c45\u6c11\u8eab\u4efd\u8bc1",
    "\u6237\u53e3\u7c3f",
    "\u6536\u5165\u548c\u8d22\u4ea7\u60c5\u51b5\u58f0\u660e",
    "\u6b8b\u75be\u4eba\u8bc1",
    "\u4f4e\u4fdd\u7533\u8bf7\u4e66",
    "\u5bb6\u5ead\u6210\u5458\u6536\u5165\u8bc1\u660e",
    "\u623f\u4ea7\u8bc1\u660e",
    "\u94f6\u884c\u6d41\u6c34",
    "\u7ed3\u5a5a\u8bc1",
};
#define N_ITEMS (sizeof items / sizeof *items)
static const char *const en_items[] = {
    "ID card",         "household register", "statement of income and property",
    "disability card", "application form",   "proof of the members' incomes",
    "property deed",   "bank statement",     "marriage certificate",
};

static char tmpdir[64];

/* ---- helpers ------------------------------------------------------------------- */

/* The clerk's UI in English, as the program sets it for LANG=C.UTF-8 and
 * LANGUAGE=en, with the build tree's catalogue. */
static void ui_english(void)
{
	fixture_ui_language("en");
	assert_string_equal(dgettext("yizhan", "Clerk"), "Clerk");
}

static unsigned char *escpos(const yz_doc *d, int paper_mm, size_t *len)
{
	yz_escpos_opts o;
	assert_int_equal(yz_escpos_opts_for(&o, paper_mm, NULL), 0);
	unsigned char *b;
	yz_err err = {{0}};
	if (yz_escpos_render(NULL, d, &o, &b, len, &err) != 0)
		fail_msg("yz_escpos_render: %s", err.msg);
	return b;
}

static bool has(const void *hay, size_t n, const char *needle)
{
	return t_find(hay, n, needle, strlen(needle)) >= 0;
}

static bool has_gb(const unsigned char *buf, size_t len, const char *utf8)
{
	return fixture_has_gb18030(buf, len, utf8);
}

/* A station (no printer: papers are saved as files) whose yizhan.conf sets
 * document_language to lang, or leaves it unset (NULL). */
static fixture *station(void **state, const char *lang)
{
	fixture *f = *state = fixture_open("yzpol13");
	char conf[128];
	snprintf(conf, sizeof conf, "station_phone = 0571-88886666\n%s%s\n",
	         lang ? "document_language = " : "", lang ? lang : "");
	fixture_conf(f, conf);
	return f;
}

static int station_teardown(void **state)
{
	int rc = fixture_teardown(state);
	yz_paper_lang_set("zh_CN");
	return rc;
}

/* The id of the case's first A4 document (its certificate). */
static const char *a4_doc(fixture *f, const yz_case *c)
{
	const yz_form *form = yz_catalogue_find(&f->cat, c->form_id);
	assert_non_null(form);
	for (size_t i = 0; i < form->n_documents; i++)
		if (strcmp(form->documents[i].paper, "receipt") != 0)
			return form->documents[i].id;
	fail_msg("%s has no A4 document", c->form_id);
	return NULL;
}

/* ---- the separator after a key follows the paper's language ---------------------- */

/* A document with a key-value row, a verification code and a signature
 * line, made while the document language is lang. */
static yz_doc *kv_doc(const char *lang)
{
	assert_true(yz_paper_lang_set(lang));
	yz_doc *d = yz_doc_new("kv");
	/* what the services put after their own labels is the document's */
	assert_string_equal(yz_paper_sep(), d->kv_sep);
	assert_string_equal(yz_paper_sep(), strcmp(lang, "en") == 0 ? ": " : FW_COLON);
	yz_doc_kv(d, "Case number", T_CASE_NO);
	yz_doc_code(d, "Verification code", "K7Q2M9");
	yz_doc_signature(d, "Signature", "Date");
	yz_paper_lang_set("zh_CN");
	return d;
}

static void test_separator_follows_language(void **state)
{
	(void)state;
	/* English: ": " after every key, no full-width colon anywhere */
	yz_doc *d = kv_doc("en");
	size_t n;
	unsigned char *b = escpos(d, 80, &n);
	assert_true(has(b, n, "Case number: " T_CASE_NO));
	assert_true(has(b, n, "Verification code: "));
	assert_true(has(b, n, "Signature: __"));
	assert_false(has_gb(b, n, FW_COLON));
	free(b);
	char *text = yz_doc_layout_text(d, 48);
	assert_non_null(strstr(text, "Case number: " T_CASE_NO));
	assert_null(strstr(text, FW_COLON));
	free(text);
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "kv-en.pdf");
	text = t_run("pdftotext -enc UTF-8 '%s' -", path);
	assert_non_null(strstr(text, "Case number:"));
	assert_non_null(strstr(text, "Verification code:"));
	assert_non_null(strstr(text, "Signature:"));
	assert_null(strstr(text, FW_COLON));
	free(text);
	unlink(path);
	free(path);
	yz_doc_free(d);

	/* Chinese: the full-width colon, as before */
	d = kv_doc("zh_CN");
	b = escpos(d, 80, &n);
	assert_true(has_gb(b, n, FW_COLON));
	assert_false(has(b, n, "Case number: "));
	free(b);
	path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "kv-zh.pdf");
	text = t_run("pdftotext -enc UTF-8 '%s' -", path);
	assert_non_null(strstr(text, "Case number" FW_COLON));
	assert_non_null(strstr(text, "Verification code" FW_COLON));
	assert_non_null(strstr(text, "Signature" FW_COLON));
	free(text);
	unlink(path);
	free(path);
	yz_doc_free(d);
}

/* The service's own papers: an English station's receipt (ESC/POS) and
 * certificate (PDF) say "Case number: ", "Serial number: "; a Chinese
 * station's keep the full-width colon. */
static void test_service_papers_english(void **state)
{
	fixture *f = station(state, "en");
	fixture_resident(f, "\u738b\u5c0f\u660e");
	yz_case c;
	fixture_submit_certificate(f, &c);
	size_t n;
	unsigned char *b = fixture_print_saved(f, c.number, "receipt", &n);
	assert_true(has(b, n, "Case number: "));
	assert_true(has(b, n, "Item: ")); /* the value is Chinese: ": " before it */
	assert_false(has_gb(b, n, "Case number" FW_COLON));
	free(b);
	/* an A4 paper of the program's own (a form's certificate is in the
	 * form's language, Chinese: test_papers13b): the hand-over slip */
	yz_case r;
	yz_err err = {{0}};
	fixture_submit_request(f, "\u4e1c\u95e8", "\u6f0f\u6c34", &r); /* east gate, a leak */
	if (yz_service_forward(&f->s, r.number, "\u6c11\u653f\u79d1", NULL, NULL, NULL, &err) != 0)
		fail_msg("forward: %s", err.msg);
	b = fixture_print_saved(f, r.number, "transfer_slip", &n);
	char *text = fixture_pdftotext(b, n);
	assert_non_null(strstr(text, "Case number:"));
	assert_null(strstr(text, "Case number" FW_COLON));
	assert_null(strstr(text, "Clerk" FW_COLON));
	free(text);
	free(b);
}

static void test_service_papers_chinese(void **state)
{
	fixture *f = station(state, NULL);
	fixture_resident(f, "\u738b\u5c0f\u660e");
	yz_case c;
	fixture_submit_certificate(f, &c);
	size_t n;
	unsigned char *b = fixture_print_saved(f, c.number, "receipt", &n);
	/* case number */
	assert_true(has_gb(b, n, "\u529e\u4ef6\u7f16\u53f7" FW_COLON));
	free(b);
	b = fixture_print_saved(f, c.number, a4_doc(f, &c), &n);
	char *text = fixture_pdftotext(b, n);
	assert_non_null(strstr(text, "\u7f16\u53f7" FW_COLON)); /* serial number */
	free(text);
	free(b);
}

/* ---- a list breaks at its separators --------------------------------------------- */

/* The list: a first item of k filler characters (so that the lines end at
 * every place in turn), then items[] (or en_items[]), joined by sep. The
 * items in *v (n_items of them, the first one malloc'd). */
static char *list_value(int k, const char *sep, bool english, const char **v, size_t *n)
{
	char *fill = calloc(1, 4 * (size_t)k + 1);
	assert_non_null(fill);
	for (int i = 0; i < k; i++)
		strcat(fill, english ? "x" : T_FILL);
	char *value = calloc(1, 4096);
	assert_non_null(value);
	v[0] = fill;
	strcat(value, fill);
	for (size_t i = 0; i < N_ITEMS; i++) {
		v[i + 1] = english ? en_items[i] : items[i];
		strcat(value, sep);
		strcat(value, v[i + 1]);
	}
	*n = N_ITEMS + 1;
	return value;
}

/* Fail when an item of the list that fits fit columns with the separator
 * after it (two columns: a separator never starts a line) is not whole on one
 * line of text. */
static void assert_items_whole(const char *text, const char *const *v, size_t n, int fit,
                               const char *what)
{
	for (size_t i = 0; i < n; i++) {
		if (!*v[i] || yz_text_width(v[i]) + 2 > fit)
			continue; /* longer than a line: it may break */
		bool whole = false;
		for (const char *p = text; *p && !whole;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			whole = t_find((const unsigned char *)p, len, v[i], strlen(v[i])) >= 0;
			p += len + (nl ? 1 : 0);
		}
		if (!whole)
			fail_msg("%s: \"%s\" is split across lines:\n%s", what, v[i], text);
	}
}

/* Text with blanks, form feeds and line breaks taken out. */
static char *squeeze(const char *text)
{
	char *out = strdup(text);
	size_t o = 0;
	for (const char *p = text; *p; p++)
		if (*p != ' ' && *p != '\n' && *p != '\f')
			out[o++] = *p;
	out[o] = '\0';
	return out;
}

static void check_list(int k, const char *sep, bool english)
{
	char what[96];
	const char *v[N_ITEMS + 1];
	size_t n;
	char *value = list_value(k, sep, english, v, &n);
	const char *key = english ? "Materials" : K_MATERIALS;
	yz_doc *d = yz_doc_new("list");
	yz_doc_kv(d, key, value);
	/* the PDF's value column is over 28 characters wide (A4, 14 pt) */
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "list.pdf");
	char *text = t_run("pdftotext -enc UTF-8 '%s' -", path);
	snprintf(what, sizeof what, "PDF, %d fillers, \"%s\"", k, sep);
	assert_items_whole(text, v, n, 2 * 28, what);
	/* the whole list is there, nothing inside it (no joiner shows) */
	char *got = squeeze(text), *want = squeeze(value);
	if (!strstr(got, want))
		fail_msg("%s: the text reads\n%s\nnot\n%s", what, got, want);
	free(got);
	free(want);
	free(text);
	unlink(path);
	free(path);
	/* the receipt's value column: the paper less the key and its colon */
	for (int cols = 32; cols <= 48; cols += 16) {
		text = yz_doc_layout_text(d, cols);
		snprintf(what, sizeof what, "receipt of %d columns, %d fillers, \"%s\"", cols, k,
		         sep);
		assert_items_whole(text, v, n, cols - yz_text_width(key) - 2, what);
		free(text);
	}
	yz_doc_free(d);
	free(value);
	free((char *)v[0]);
}

static void test_list_breaks_at_separators(void **state)
{
	(void)state;
	static const char *const seps[] = {IDEO_COMA, FW_COMMA, FW_SEMI};
	for (int k = 1; k <= 28; k++)
		check_list(k, seps[k % 3], false);
	for (int k = 1; k <= 40; k += 3)
		check_list(k, ", ", true);
}

/* An item longer than a line still wraps inside the paper. */
static void test_long_item_wraps(void **state)
{
	(void)state;
	char value[1024] = "\u6237\u53e3\u7c3f" IDEO_COMA; /* household register, */
	for (int i = 0; i < 60; i++)
		strcat(value, T_FILL);
	strcat(value, IDEO_COMA "\u7ed3\u5a5a\u8bc1"); /* marriage certificate */
	yz_doc *d = yz_doc_new("long");
	yz_doc_kv(d, K_MATERIALS, value);
	for (int cols = 32; cols <= 48; cols += 16) {
		char *text = yz_doc_layout_text(d, cols);
		int lines = 0;
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"), lines++)
			assert_true(yz_text_width(line) <= cols);
		assert_true(lines >= 60 * 2 / cols + 1);
		free(text);
	}
	char *path = t_render_pdf(d, YZ_PAPER_A4, tmpdir, "long.pdf");
	char *xml = t_run("pdftotext -enc UTF-8 -bbox-layout '%s' -", path);
	int lines = 0;
	for (char *p = xml; (p = strstr(p, "<line ")); p++, lines++) {
		char *x = strstr(p, "xMax=\"");
		assert_non_null(x);
		assert_true(atof(x + 6) <= 595 - 74 + 1); /* the right margin of A4 */
	}
	assert_true(lines >= 3);
	free(xml);
	unlink(path);
	free(path);
	yz_doc_free(d);
}

/* ---- the talk day's summary ------------------------------------------------------- */

static char *talk_summary_text(fixture *f)
{
	yz_err err = {{0}};
	int64_t id = 0;
	/* the community hall */
	if (yz_service_talk_add(&f->s, "2026-12-04", "\u793e\u533a\u5927\u5385", 23, &id, &err) !=
	    0)
		fail_msg("talk add: %s", err.msg);
	yz_doc *d = yz_service_talk_doc(&f->s, id, &err);
	if (!d)
		fail_msg("talk doc: %s", err.msg);
	yz_print_outcome out;
	memset(&out, 0, sizeof out);
	if (yz_service_print_a4(&f->s, d, NULL, "talk", &out, &err) != 0)
		fail_msg("talk print: %s", err.msg);
	yz_doc_free(d);
	assert_true(out.saved);
	/* the job's title (PDF metadata), then the page */
	char *info = t_run("pdfinfo '%s' | grep '^Title:'", out.saved_path);
	char *page = t_run("pdftotext -enc UTF-8 '%s' -", out.saved_path);
	char *text = yz_strdup_printf("%s%s", info, page);
	free(info);
	free(page);
	unlink(out.saved_path);
	return text;
}

static void test_talk_summary_chinese(void **state)
{
	fixture *f = station(state, NULL);
	char *text = talk_summary_text(f);
	assert_non_null(strstr(text, "\u5c45\u6c11\u8bf4\u4e8b\u65e5")); /* talk day */
	assert_non_null(strstr(text, "\u65e5\u671f 2026-12-04"));        /* date */
	assert_non_null(strstr(text, "\u53c2\u52a0 23 \u4eba"));         /* present */
	assert_non_null(strstr(text, "\u53d7\u7406 0 \u9879"));          /* accepted */
	assert_null(strstr(text, "talk day"));
	assert_null(strstr(text, "Present"));
	assert_null(strstr(text, "Accepted"));
	free(text);
}

static void test_talk_summary_english(void **state)
{
	fixture *f = station(state, "en");
	char *text = talk_summary_text(f);
	assert_non_null(strstr(text, "Residents' talk day"));
	assert_non_null(strstr(text, "Present 23"));
	assert_non_null(strstr(text, "Accepted 0 items"));
	free(text);
}

int main(void)
{
	ui_english();
	snprintf(tmpdir, sizeof tmpdir, "/tmp/yzpol13.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_separator_follows_language),
	    cmocka_unit_test_teardown(test_service_papers_english, station_teardown),
	    cmocka_unit_test_teardown(test_service_papers_chinese, station_teardown),
	    cmocka_unit_test(test_list_breaks_at_separators),
	    cmocka_unit_test(test_long_item_wraps),
	    cmocka_unit_test_teardown(test_talk_summary_chinese, station_teardown),
	    cmocka_unit_test_teardown(test_talk_summary_english, station_teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
