/* Issue 13, printed documents: papers are in the station's document language
 * (document_language in yizhan.conf, Chinese by default), whatever the
 * clerk's UI language; the acceptance receipt of an item done on the spot does
 * not send the resident back for a result; the receipt's phone is the
 * station's service phone, never the clerk's own mobile.
 *
 * Real parts: the station's database, the real forms/ catalogue, the catalogue
 * built from po/ (bound as the program binds it), and the service's own print
 * path. With no printer set, yz_service_print renders each document and saves
 * it as a file (ESC/POS bytes in GB18030 for the receipt, a PDF for the
 * certificate); the test reads those back, the PDF through pdftotext. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "yizhan/service.h"

#define STATION_PHONE "0571-88886666"
#define CLERK_MOBILE  "13800000000" /* zhangli's own phone (fixture.c) */

/* The UI really is in lang: the test means nothing otherwise. */
static void assert_ui(const char *lang)
{
	const char *clerk = dgettext("yizhan", "Clerk");
	if (strcmp(lang, "en") == 0)
		assert_string_equal(clerk, "Clerk");
	else
		assert_string_equal(clerk, "\u7ecf\u529e\u4eba"); /* jing ban ren */
}

/* A station with no printer (documents are saved as files), its service
 * phone, the resident Wang Xiaoming, and the clerk's UI in ui_lang;
 * doc_lang NULL leaves document_language unset (its default), else
 * yizhan.conf sets it. *state holds it for the teardown. */
static fixture *station(void **state, const char *ui_lang, const char *doc_lang)
{
	fixture_ui_language(ui_lang);
	fixture *f = *state = fixture_open("yzplang");
	snprintf(f->cfg.station_phone, sizeof(f->cfg.station_phone), STATION_PHONE);
	if (doc_lang) {
		char conf[128];
		snprintf(conf, sizeof conf, "station_phone = %s\ndocument_language = %s\n",
		         STATION_PHONE, doc_lang);
		fixture_conf(f, conf);
	}
	fixture_resident(f, "\u738b\u5c0f\u660e"); /* Wang Xiaoming */
	assert_ui(ui_lang);
	return f;
}

/* A residence certificate: an on-the-spot item, its certificate handed over at
 * once (the case is done when it is accepted). */
static void submit_certificate(fixture *f, yz_case *c)
{
	fixture_submit_certificate(f, c);
	assert_string_equal(c->due_date, c->accepted_date);
}

/* A resident's request: promised within working days, answered later. */
static void submit_request(fixture *f, yz_case *c)
{
	/* at 8 Wenyi Road, low water pressure */
	fixture_submit_request(f, "\u6587\u4e00\u8def 8 \u53f7", "\u6c34\u538b\u4f4e", c);
	assert_string_not_equal(c->due_date, c->accepted_date);
}

/* The saved PDF's text, without the line breaks and spaces that pdftotext
 * puts where a paragraph wraps (free it). */
static char *pdf_text(fixture *f, const char *case_no, const char *doc)
{
	size_t len;
	unsigned char *pdf = fixture_print_saved(f, case_no, doc, &len);
	assert_true(len > 4 && memcmp(pdf, "%PDF", 4) == 0);
	char *text = fixture_pdftotext(pdf, len);
	free(pdf);
	size_t o = 0;
	for (size_t i = 0; text[i]; i++)
		if (text[i] != '\n' && text[i] != ' ' && text[i] != '\f')
			text[o++] = text[i];
	text[o] = '\0';
	return text;
}

/* The receipt (ESC/POS, GB18030) says each of want and none of the ASCII
 * words of refuse. */
static void receipt_says(const unsigned char *buf, size_t len, const char *const *want,
                         const char *const *refuse)
{
	for (; want && *want; want++)
		if (!fixture_has_gb18030(buf, len, *want))
			fail_msg("the receipt lacks \"%s\"", *want);
	for (; refuse && *refuse; refuse++)
		if (memmem(buf, len, *refuse, strlen(*refuse)))
			fail_msg("the receipt says \"%s\"", *refuse);
}

static void text_says(const char *what, const char *text, const char *const *want,
                      const char *const *refuse)
{
	for (; want && *want; want++)
		if (!strstr(text, *want))
			fail_msg("the %s lacks \"%s\":\n%s", what, *want, text);
	for (; refuse && *refuse; refuse++)
		if (strstr(text, *refuse))
			fail_msg("the %s says \"%s\":\n%s", what, *refuse, text);
}

/* The English words the bug printed on Chinese papers (spaces removed, as in
 * pdf_text). */
static const char *const english_words[] = {
    "male",          "(seal)",
    "Casenumber",    "Verificationcode",
    "Serialnumber",  "Checkthisdocument",
    "DemoCommunity", /* the default station name is a paper's too */ NULL};

/* An English UI prints Chinese papers: the certificate's sex word, seal,
 * labels and date; the receipt's labels. */
static void test_chinese_papers_from_english_ui(void **state)
{
	fixture *f = station(state, "en", NULL);
	yz_case c;
	submit_certificate(f, &c);

	char *cert = pdf_text(f, c.number, "certificate");
	static const char *const cert_zh[] = {
	    "\u6027\u522b\u7537",             /* sex: male (the ID number is a man's) */
	    "\u76d6\u7ae0",                   /* seal */
	    "\u529e\u4ef6\u7f16\u53f7\uff1a", /* case number: */
	    "\u9a8c\u8bc1\u7801",             /* verification code */
	    "\u5e74",                         /* the date in words: year */
	    NULL};
	text_says("certificate", cert, cert_zh, english_words);
	free(cert);

	size_t len;
	unsigned char *rc = fixture_print_saved(f, c.number, "receipt", &len);
	static const char *const receipt_zh[] = {
	    "\u53d7\u7406\u56de\u6267",       /* acceptance receipt */
	    "\u529e\u4ef6\u7f16\u53f7",       /* case number */
	    "\u7533\u8bf7\u4eba",             /* applicant */
	    "\u9a8c\u8bc1\u7801",             /* verification code */
	    "\u5373\u65f6\u529e\u7ed3",       /* done on the spot */
	    "\u7ecf\u529e\u4eba",             /* clerk */
	    "\u5c45\u6c11\u8eab\u4efd\u8bc1", /* the materials, joined */
	    NULL};
	static const char *const receipt_en[] = {
	    "Acceptance", "Case number", "Applicant", "Verification",   "on the spot", "Clerk",
	    "Materials",  "Keep this",   "Window",    "Demo Community", NULL};
	receipt_says(rc, len, receipt_zh, receipt_en);
	free(rc);

	/* The clerk's screen is still English: glibc keeps the translations it
	 * found under the locale's name (C.UTF-8 here, for paper and screen
	 * alike), so a word looked up for paper must not come back on screen. */
	assert_string_equal(dgettext("yizhan", "Verification code"), "Verification code");
	assert_string_equal(dgettext("yizhan", "male"), "male");
	assert_ui("en");
}

/* document_language = en: English papers, though the clerk's UI is Chinese;
 * a form's own document stays in the form's language, Chinese in forms/, its
 * seal and labels too (issue 13, second round: no mixed paper). */
static void test_english_papers_from_chinese_ui(void **state)
{
	fixture *f = station(state, "zh_CN", "en");
	yz_case c;
	submit_certificate(f, &c);

	char *cert = pdf_text(f, c.number, "certificate");
	static const char *const cert_en[] = {"(seal)", "Casenumber:", "Verificationcode",
	                                      "Serialnumber", NULL};
	static const char *const cert_zh[] = {"\u76d6\u7ae0",                   /* seal */
	                                      "\u529e\u4ef6\u7f16\u53f7\uff1a", /* case number: */
	                                      "\u9a8c\u8bc1\u7801", /* verification code */
	                                      NULL};
	text_says("certificate", cert, cert_zh, cert_en);
	free(cert);

	size_t len;
	unsigned char *rc = fixture_print_saved(f, c.number, "receipt", &len);
	static const char *const receipt_en[] = {"Acceptance receipt", "Case number", "Applicant",
	                                         "Verification code",  "Clerk",       NULL};
	for (const char *const *w = receipt_en; *w; w++)
		if (!memmem(rc, len, *w, strlen(*w)))
			fail_msg("the English receipt lacks \"%s\"", *w);
	static const char *const receipt_not[] = {"\u53d7\u7406\u56de\u6267", /* receipt */
	                                          "\u529e\u4ef6\u7f16\u53f7", /* case number */
	                                          "\u9a8c\u8bc1\u7801",       /* code */
	                                          NULL};
	for (const char *const *w = receipt_not; *w; w++)
		if (fixture_has_gb18030(rc, len, *w))
			fail_msg("the English receipt says \"%s\"", *w);
	free(rc);
}

/* The words of the receipt's last line that send the resident back: "ask
 * about or collect" the result. */
#define COME_BACK_ZH "\u51ed\u6b64\u67e5\u8be2\u6216\u9886\u53d6"
#define DONE_ZH      "\u5df2\u5f53\u573a\u529e\u7ed3" /* already done on the spot */

/* The certificate was handed over at the counter: the receipt says the item
 * is done, not to come back; a promised request still says come back. Both
 * languages. */
static void test_on_the_spot_receipt_does_not_send_back(void **state)
{
	fixture *f = station(state, "en", NULL);
	yz_case cert, req;
	submit_certificate(f, &cert);
	submit_request(f, &req);
	size_t len;
	unsigned char *rc = fixture_print_saved(f, cert.number, "receipt", &len);
	if (fixture_has_gb18030(rc, len, COME_BACK_ZH))
		fail_msg("an on-the-spot receipt tells the resident to come back");
	assert_true(fixture_has_gb18030(rc, len, DONE_ZH));
	free(rc);
	rc = fixture_print_saved(f, req.number, "receipt", &len);
	assert_true(fixture_has_gb18030(rc, len, COME_BACK_ZH));
	assert_false(fixture_has_gb18030(rc, len, DONE_ZH));
	free(rc);

	fixture_conf(f, "document_language = en\n");
	rc = fixture_print_saved(f, cert.number, "receipt", &len);
	assert_null(memmem(rc, len, "collect", 7));
	assert_non_null(memmem(rc, len, "Done on the spot", 16));
	free(rc);
	rc = fixture_print_saved(f, req.number, "receipt", &len);
	assert_non_null(memmem(rc, len, "collect", 7));
	free(rc);
}

/* The phone on the receipt is the station's service phone; the clerk is
 * named, their own mobile never printed. */
static void test_receipt_phone_is_the_station_phone(void **state)
{
	fixture *f = station(state, "zh_CN", NULL);
	yz_case c, r;
	submit_certificate(f, &c);
	submit_request(f, &r);
	const char *cases[] = {c.number, r.number};
	for (size_t i = 0; i < 2; i++) {
		size_t len;
		unsigned char *rc = fixture_print_saved(f, cases[i], "receipt", &len);
		if (memmem(rc, len, CLERK_MOBILE, strlen(CLERK_MOBILE)))
			fail_msg("receipt of %s prints the clerk's mobile", cases[i]);
		assert_non_null(memmem(rc, len, STATION_PHONE, strlen(STATION_PHONE)));
		assert_true(fixture_has_gb18030(rc, len, "\u5f20\u4e3d")); /* the clerk, by name */
		free(rc);
	}
}

/* The lifecycle's papers too: the one-time notice of missing materials,
 * printed from an English UI, is Chinese throughout. */
static void test_notice_from_english_ui(void **state)
{
	fixture *f = station(state, "en", NULL);
	yz_case c;
	submit_request(f, &c);
	char by[11];
	yz_date_format(yz_date_from_days(yz_date_to_days(f->s.today) + 7), by);
	yz_err err = {{0}};
	if (yz_service_pause(&f->s, c.number, "\u6237\u53e3\u7c3f", by, NULL, &err) != 0)
		fail_msg("pause: %s", err.msg);
	yz_doc *d = yz_service_build_doc(&f->s, c.number, "missing_notice", &err);
	if (!d)
		fail_msg("notice: %s", err.msg);
	char *text = yz_doc_layout_text(d, 48);
	assert_non_null(text);
	static const char *const zh[] = {
	    "\u4e00\u6b21\u6027\u544a\u77e5\u4e66", /* one-time notice */
	    "\u8865\u6b63\u671f\u9650",             /* bring by */
	    "\u529e\u4ef6\u7f16\u53f7",             /* case number */
	    "\u7ecf\u529e\u4eba",                   /* clerk */
	    "\u76d6\u7ae0",                         /* seal */
	    NULL};
	static const char *const en[] = {"One-time", "Bring by",  "Case number", "Clerk",
	                                 "(seal)",   "To finish", "Applicant",   NULL};
	text_says("notice", text, zh, en);
	free(text);
	yz_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_chinese_papers_from_english_ui, fixture_teardown),
	    cmocka_unit_test_teardown(test_english_papers_from_chinese_ui, fixture_teardown),
	    cmocka_unit_test_teardown(test_on_the_spot_receipt_does_not_send_back,
	                              fixture_teardown),
	    cmocka_unit_test_teardown(test_receipt_phone_is_the_station_phone, fixture_teardown),
	    cmocka_unit_test_teardown(test_notice_from_english_ui, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
