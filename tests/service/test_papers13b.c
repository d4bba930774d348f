/* Issue 13, printed documents, second round (a reviewer's findings):
 *   - the lifecycle's papers (the hand-over slip, the one-time notice of
 *     missing materials, the notice of non-acceptance) keep their closing
 *     lines with the body on one page and carry the seal area over the
 *     station name and the date, as the certificates do: every such paper of
 *     a fresh demo station, read back from the real PDF (pdfinfo, pdftotext
 *     -bbox-layout, pdftocairo -svg);
 *   - their date is the date of what they record (the forward, the pause,
 *     the head's decision), so a reprint on a later day gives the same page;
 *   - a form's own documents are in the form's language (forms/ are Chinese,
 *     `language en` declares an English one), whatever document_language,
 *     which governs the program's own papers (the receipt);
 *   - the hand-over slip's resident phone is the applicant's (the field
 *     `phone`, else the registry's), never an agent's phone;
 *   - a paper that cannot be built leaves no failed job in the reprint list,
 *     unless the clerk can fix what it lacks (the registry, a setting) and
 *     retry it.
 * Real parts: SQLite files, the real forms/, the real binary (argv[1]) for
 * `init --demo` and `print`, the real PDF renderer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../print/print-test.h"
#include "fixture.h"
#include "yizhan/service.h"
#include "yz_test_paths.h"

#define STATION_PHONE "0571-88886666"
#define CLERK         "\u7ecf\u529e\u4eba"             /* the clerk's line */
#define HANDED        "\u79fb\u4ea4\u4eba"             /* the line to sign on */
#define DEPT          "\u8857\u9053\u6c11\u653f\u79d1" /* the street's civil affairs office */

static const char *yizhan_exe; /* the real binary, from the command line */

/* A station whose clerk works in English: papers are Chinese all the same. */
static int setup(void **state)
{
	fixture_ui_language("en");
	fixture *f = fixture_open("yzpap");
	snprintf(f->cfg.station_phone, sizeof f->cfg.station_phone, STATION_PHONE);
	fixture_resident(f, "\u77f3\u521a\u9e4f"); /* Shi Gangpeng */
	*state = f;
	return 0;
}

/* Failed and pending jobs of the station: what the reprint list holds. */
static long jobs_waiting(fixture *f)
{
	long failed = 0, pending = 0;
	yz_err err = {{0}};
	assert_int_equal(yz_job_count(f->store, YZ_JOB_FAILED, &failed, &err), 0);
	assert_int_equal(yz_job_count(f->store, YZ_JOB_PENDING, &pending, &err), 0);
	return failed + pending;
}

/* The session's clock stands at *at. */
static void clock_at(fixture *f, time_t *at)
{
	yz_service_set_clock(&f->s, yz_clock_fixed(at));
}

/* ---- 1. the lifecycle's papers: one page, the seal over the name and date --------- */

typedef struct demo_walk {
	fixture *f;
	const char *dir;
	size_t papers, slips;
	size_t longer;        /* papers on more than one page */
	bool case32;          /* DEMO01-2026-000032's slip, the reviewer's */
	char unforwarded[40]; /* a case never forwarded */
} demo_walk;

/* A lifecycle paper on one A4 page with the seal area over the closing
 * station name and the date under it. */
static void check_paper(demo_walk *w, const yz_case *c, const char *doc, yz_doc *d)
{
	const char *station = w->f->cfg.station_name;
	char *path = t_render_pdf(d, YZ_PAPER_A4, w->dir, "life.pdf");
	int pages = t_pdf_pages(path);
	size_t n;
	t_bline *l = t_text_lines(path, &n);
	size_t at = n, clerk = n, body = 0;
	for (size_t i = 1; i < n; i++) /* the closing name: the last one, not the head */
		if (l[i].page == pages && strcmp(l[i].text, station) == 0)
			at = i;
	for (size_t i = 0; i < n; i++)
		if (l[i].page == pages && clerk == n && !strncmp(l[i].text, CLERK, strlen(CLERK)))
			clerk = i;
		else if (l[i].page == pages && clerk == n &&
		         strncmp(l[i].text, HANDED, strlen(HANDED)))
			body++;
	if (at == n || at + 1 >= n || clerk == n)
		fail_msg("%s of %s: no closing lines", doc, c->number);
	/* on one page (the seal beside the lines to sign on, not below them) */
	if (pages > 1) {
		print_message("%s of %s: %d pages\n", doc, c->number, pages);
		w->longer++;
		fail_msg("%s of %s: %d pages (%zu lines of body on the last):\n%s", doc, c->number,
		         pages, body, t_page_text(path, pages));
	}
	double x0, y0, x1, y1;
	if (!t_seal_rect(path, pages, &x0, &y0, &x1, &y1))
		fail_msg("%s of %s has no seal area", doc, c->number);
	const t_bline *date = &l[at + 1];
	if (!t_overlaps(&l[at], x0, y0, x1, y1) || !t_overlaps(date, x0, y0, x1, y1))
		fail_msg("%s of %s: the seal area (%.0f,%.0f)-(%.0f,%.0f) is not over the station "
		         "name (%.0f,%.0f)-(%.0f,%.0f) and the date \"%s\" (%.0f,%.0f)-(%.0f,%.0f)",
		         doc, c->number, x0, y0, x1, y1, l[at].x0, l[at].y0, l[at].x1, l[at].y1,
		         date->text, date->x0, date->y0, date->x1, date->y1);
	assert_true(x1 - x0 > 100 && y1 - y0 > 100); /* a seal's size */
	free(l);
	unlink(path);
	free(path);
}

static int walk_case(const yz_case *c, void *ctx)
{
	static const char *const docs[] = {"transfer_slip", "missing_notice", "refusal_notice"};
	demo_walk *w = ctx;
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		yz_err err = {{0}};
		yz_doc *d = yz_service_build_doc(&w->f->s, c->number, docs[i], &err);
		if (!d) { /* the case has no such paper */
			if (i == 0 && !w->unforwarded[0])
				snprintf(w->unforwarded, sizeof w->unforwarded, "%s", c->number);
			continue;
		}
		check_paper(w, c, docs[i], d);
		yz_doc_free(d);
		w->papers++;
		w->slips += i == 0;
		w->case32 |= i == 0 && strcmp(c->number, "DEMO01-2026-000032") == 0;
	}
	return 0;
}

static void test_demo_lifecycle_papers(void **state)
{
	fixture *f = *state, demo;
	char home[] = "/tmp/yzpapdemo.XXXXXX", cmd[1024], msg[4096];
	fixture_open_demo(f, yizhan_exe, home, &demo);

	demo_walk w = {.f = &demo, .dir = home};
	yz_case_filter all = {0};
	yz_err err = {{0}};
	assert_int_equal(yz_case_list(demo.store, &all, walk_case, &w, &err), 0);
	print_message("%zu lifecycle papers (%zu hand-over slips), %zu longer than a page\n",
	              w.papers, w.slips, w.longer);
	assert_true(w.case32);
	assert_true(w.papers > w.slips);

	/* 4. `yizhan print` of a slip for a case never forwarded: refused in
	 * plain words, no job waiting in the reprint list */
	assert_true(w.unforwarded[0]);
	long before = jobs_waiting(&demo);
	snprintf(cmd, sizeof cmd,
	         "LANG=zh_CN.UTF-8 LANGUAGE= LC_ALL= '%s' --home '%s' print %s --doc transfer_slip",
	         yizhan_exe, home, w.unforwarded);
	assert_int_not_equal(fixture_run(cmd, true, msg, sizeof msg), 0);
	if (!strstr(msg, "\u79fb\u4ea4") ||          /* "forwarded": what is wrong */
	    strstr(msg, "\u91cd\u6253\u5217\u8868")) /* "reprint list" */
		fail_msg("yizhan print said: %s", msg);
	assert_int_equal(jobs_waiting(&demo), before);

	fixture_close_demo(&demo);
}

/* ---- 1. the date of what the paper records ------------------------------------------ */

/* The paper's text as the preview lays it out (malloc'd). */
static char *paper_text(fixture *f, const char *case_no, const char *doc)
{
	yz_err err = {{0}};
	yz_doc *d = yz_service_build_doc(&f->s, case_no, doc, &err);
	if (!d)
		fail_msg("%s of %s: %s", doc, case_no, err.msg);
	char *text = yz_doc_layout_text(d, 80);
	yz_doc_free(d);
	return text;
}

/* doc of case_no built later (a reprint) is the page it was, and does not
 * carry the day of the reprint. */
static void same_later(fixture *f, time_t *at, const char *case_no, const char *doc)
{
	char *then = paper_text(f, case_no, doc), later[11];
	time_t was = *at;
	*at += 9 * 86400;
	clock_at(f, at);
	yz_date_format(f->s.today, later);
	char *now = paper_text(f, case_no, doc);
	if (strstr(now, later))
		fail_msg("%s reprinted on %s carries that day:\n%s", doc, later, now);
	assert_string_equal(then, now);
	free(then);
	free(now);
	*at = was;
	clock_at(f, at);
}

static void test_lifecycle_dates(void **state)
{
	fixture *f = *state;
	time_t at = time(NULL);
	yz_err err = {{0}};
	clock_at(f, &at);

	/* the hand-over slip: printed when forwarded, reprinted days later */
	yz_case c;
	fixture_submit_request(f, "\u4e1c\u95e8", "\u6f0f\u6c34", &c); /* east gate, a leak */
	at += 2 * 86400; /* forwarded two days after the intake */
	clock_at(f, &at);
	if (yz_service_forward(&f->s, c.number, DEPT, NULL, NULL, NULL, &err) != 0)
		fail_msg("forward: %s", err.msg);
	char sent[11];
	yz_date_format(f->s.today, sent);
	char *slip = paper_text(f, c.number, "transfer_slip");
	assert_non_null(strstr(slip, sent));
	free(slip);
	same_later(f, &at, c.number, "transfer_slip");

	/* the one-time notice: the day the case started waiting */
	yz_case p;
	fixture_submit_request(f, "\u5317\u95e8", "\u6ca1\u6709\u8def\u706f", &p); /* no lamps */
	char bring[11];
	yz_date_format(yz_date_from_days(yz_date_to_days(f->s.today) + 30), bring);
	if (yz_service_pause(&f->s, p.number, "\u6237\u53e3\u7c3f", bring, NULL, &err) != 0)
		fail_msg("pause: %s", err.msg);
	same_later(f, &at, p.number, "missing_notice");

	/* the notice of non-acceptance: the day the station head decided */
	yz_case r;
	const yz_form *form = yz_catalogue_find(&f->cat, "resident_request");
	assert_non_null(form);
	yz_values v = {0};
	fixture_fill_applicant(&f->s, form, f->idno, "place", "\u897f\u95e8", &v); /* west gate */
	assert_int_equal(yz_service_submit(&f->s, form, &v, NULL, 0, &r, &err), 0);
	yz_values_clear(&v);
	if (yz_service_refuse(&f->s, r.number, "\u4e0d\u5c5e\u672c\u793e\u533a", &err) != 0)
		fail_msg("refuse: %s", err.msg); /* not of this community */
	assert_int_equal(yz_user_add(f->store, "wangzhan", "\u738b\u7ad9", "13800000001",
	                             YZ_ROLE_HEAD, "demo1234", &err),
	                 0);
	yz_user clerk = f->s.user;
	assert_int_equal(yz_user_get(f->store, "wangzhan", &f->s.user, &err), 0);
	yz_approval a[8];
	size_t n = 0;
	assert_int_equal(yz_service_approval_list(&f->s, YZ_APPROVAL_PENDING, a, 8, &n, &err), 0);
	assert_int_equal(n, 1);
	at += 86400; /* decided the next day */
	clock_at(f, &at);
	if (yz_service_decide(&f->s, a[0].id, true, "", NULL, &err) != 0)
		fail_msg("decide: %s", err.msg);
	f->s.user = clerk;
	same_later(f, &at, r.number, "refusal_notice");
}

/* ---- 2. a form's documents in the form's language ------------------------------------ */

/* The certificate's text (PDF through pdftotext, words joined as it reads
 * them) and the receipt's bytes (ESC/POS; GB18030 for Chinese). */
static void test_form_language(void **state)
{
	fixture *f = *state;
	fixture_conf(f, "station_phone = " STATION_PHONE "\ndocument_language = en\n");
	yz_case c;
	fixture_submit_certificate(f, &c);

	size_t len;
	unsigned char *pdf = fixture_print_saved(f, c.number, "certificate", &len);
	char *cert = fixture_pdftotext(pdf, len);
	free(pdf);
	static const char *const zh[] = {
	    "\u6027\u522b\u7537",       /* sex: male (the ID number is a man's) */
	    "\u76d6\u7ae0",             /* seal */
	    "\u529e\u4ef6\u7f16\u53f7", /* case number */
	    "\u9a8c\u8bc1\u7801",       /* verification code */
	    "\u5e74",                   /* the date in words: year */
	    NULL};
	static const char *const en[] = {"male",         "(seal)", "Case number",
	                                 "Verification", "Serial", NULL};
	for (const char *const *w = zh; *w; w++)
		if (!strstr(cert, *w))
			fail_msg("the Chinese certificate lacks \"%s\":\n%s", *w, cert);
	for (const char *const *w = en; *w; w++)
		if (strstr(cert, *w))
			fail_msg("the Chinese certificate says \"%s\":\n%s", *w, cert);
	free(cert);

	/* the program's own paper follows document_language */
	unsigned char *rc = fixture_print_saved(f, c.number, "receipt", &len);
	static const char *const receipt_en[] = {"Acceptance receipt", "Case number", "Applicant",
	                                         NULL};
	for (const char *const *w = receipt_en; *w; w++)
		if (!memmem(rc, len, *w, strlen(*w)))
			fail_msg("the English receipt lacks \"%s\"", *w);
	assert_false(fixture_has_gb18030(rc, len, "\u529e\u4ef6\u7f16\u53f7"));
	free(rc);
	/* and the setting is back for the next paper after a form's document */
	yz_doc_free(yz_service_build_doc(&f->s, c.number, "certificate", NULL));
	assert_string_equal(yz_paper_lang(), "en");
}

/* A form of the station's own in English: `language en`. */
static const char en_form[] =
    "form en_letter\n"
    "    title Letter of residence\n"
    "    line \u8bc1\u660e\n"       /* certificates */
    "    authority \u793e\u533a\n"  /* the community */
    "    kind \u5373\u529e\u4ef6\n" /* on the spot */
    "    language en\n"
    "field resident resident\n"
    "    label Applicant\n"
    "    required yes\n"
    "document letter\n"
    "    paper a4\n"
    "    title Letter of residence\n"
    "    body:\n"
    "        {resident.name} ({resident.sex}) has lived at {resident.address} since "
    "{case.date_cn}.\n";

static yz_form *parse_form(fixture *f, const char *text, yz_diags *d)
{
	return yz_form_parse("en.form", text, strlen(text), f->s.today, &f->cat.vocab, d);
}

static void test_form_language_key(void **state)
{
	fixture *f = *state;
	yz_diags d = {0};

	/* forms/ are Chinese by default; a form may say otherwise */
	const yz_form *cn = yz_catalogue_find(&f->cat, "residence_certificate");
	assert_string_equal(yz_form_language(cn), "zh_CN");
	yz_form *en = parse_form(f, en_form, &d);
	if (!en)
		fail_msg("does not parse: %s", d.n ? d.items[0] : "?");
	assert_string_equal(yz_form_language(en), "en");
	/* a language papers cannot be printed in is refused where it is written */
	char bad[sizeof en_form + 8];
	snprintf(bad, sizeof bad, "%s", en_form);
	memcpy(strstr(bad, "language en") + 9, "fr", 2);
	assert_null(parse_form(f, bad, &d));
	assert_true(d.n > 0);
	assert_non_null(strstr(d.items[d.n - 1], "en.form:6"));
	yz_diags_free(&d);

	/* its documents are English on a Chinese station */
	yz_form **forms = realloc(f->cat.forms, (f->cat.n_forms + 1) * sizeof *forms);
	assert_non_null(forms);
	f->cat.forms = forms;
	f->cat.forms[f->cat.n_forms++] = en;
	yz_values v = {0};
	yz_values_set(&v, "resident", f->idno);
	yz_case c;
	yz_err err = {{0}};
	if (yz_service_submit(&f->s, en, &v, NULL, 0, &c, &err) != 0)
		fail_msg("submit: %s", err.msg);
	yz_values_clear(&v);
	char *text = paper_text(f, c.number, "letter");
	static const char *const words[] = {"(male)", "(seal)", "Case number: ", NULL};
	for (const char *const *w = words; *w; w++)
		if (!strstr(text, *w))
			fail_msg("the English letter lacks \"%s\":\n%s", *w, text);
	assert_null(strstr(text, "\u76d6\u7ae0")); /* seal */
	free(text);
	/* the receipt of that case is the station's: Chinese */
	text = paper_text(f, c.number, "receipt");
	assert_non_null(strstr(text, "\u529e\u4ef6\u7f16\u53f7")); /* case number */
	free(text);
}

/* ---- 3. the resident's phone on the hand-over slip ----------------------------------- */

static void test_slip_phone_is_the_applicants(void **state)
{
	fixture *f = *state;
	const char *agent = "13957154321", *registry = "13611112222";
	yz_err err = {{0}};
	yz_resident r;
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	snprintf(r.phone, sizeof r.phone, "%s", registry);
	assert_int_equal(yz_resident_update(f->store, &r, "zhangli", NULL, &err), 0);

	/* a longevity allowance whose applicant's phone was left empty and whose
	 * agent gave one, stored as given */
	const yz_form *form = yz_catalogue_find(&f->cat, "longevity_allowance");
	assert_non_null(form);
	yz_kv_list kv = {0};
	yz_kv_push(&kv, "resident", f->idno);
	yz_kv_push(&kv, "phone", "");
	yz_kv_push(&kv, "agent_name", "\u738b\u5efa\u56fd"); /* Wang Jianguo */
	yz_kv_push(&kv, "agent_phone", agent);
	yz_case c;
	fixture_store_case(f, form->id, &kv, &c);
	yz_kv_free(&kv);
	if (yz_service_forward(&f->s, c.number, DEPT, NULL, NULL, NULL, &err) != 0)
		fail_msg("forward: %s", err.msg);

	char *text = paper_text(f, c.number, "transfer_slip");
	/* "resident's phone", then the registry's number on its line */
	const char *line = strstr(text, "\u5c45\u6c11\u7535\u8bdd");
	if (!line)
		fail_msg("no resident's phone:\n%s", text);
	const char *eol = strchr(line, '\n');
	char row[256];
	snprintf(row, sizeof row, "%.*s", eol ? (int)(eol - line) : (int)strlen(line), line);
	if (!strstr(row, registry) || strstr(row, agent))
		fail_msg("the resident's phone is \"%s\"", row);
	/* the agent's phone, if it is printed, says whose it is */
	const char *at = strstr(text, agent);
	if (at) {
		const char *bol = at;
		while (bol > text && bol[-1] != '\n')
			bol--;
		if (strncmp(bol, "\u4ee3\u529e\u4eba\u7535\u8bdd", 15) != 0) /* agent's phone */
			fail_msg("the agent's phone is not labelled as his:\n%s", text);
	}
	free(text);
}

/* ---- 4. no failed job for a paper that can never be built ---------------------------- */

static void test_unbuildable_paper_leaves_no_job(void **state)
{
	fixture *f = *state;
	yz_print_outcome out;
	yz_err err = {{0}};
	yz_case c;
	fixture_submit_certificate(f, &c);

	/* never forwarded: no slip, now or ever; nothing in the reprint list */
	long before = jobs_waiting(f);
	assert_int_not_equal(yz_service_print(&f->s, c.number, "transfer_slip", NULL, &out, &err),
	                     0);
	assert_int_not_equal(err.code, YZ_ERR_PRINTER);
	assert_false(out.saved);
	assert_int_equal(jobs_waiting(f), before);

	/* a value missing from the case itself (stored without its household
	 * rows): no retry can print it either */
	const yz_form *form = yz_catalogue_find(&f->cat, "family_finance_certificate");
	assert_non_null(form);
	yz_kv_list kv = {0};
	yz_kv_push(&kv, "resident", f->idno);
	yz_kv_push(&kv, "phone", "13957112345");
	yz_kv_push(&kv, "purpose", "\u5b66\u6821\u8d44\u52a9\u8ba4\u5b9a"); /* school aid */
	yz_kv_push(&kv, "hardship", "\u5931\u4e1a");                        /* unemployed */
	yz_case rowless;
	fixture_store_case(f, form->id, &kv, &rowless);
	yz_kv_free(&kv);
	memset(&err, 0, sizeof err);
	assert_int_not_equal(
	    yz_service_print(&f->s, rowless.number, "certificate", NULL, &out, &err), 0);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "\u5bb6\u5ead\u6210\u5458")); /* household members */
	assert_int_equal(jobs_waiting(f), before);

	/* a registry gap the clerk can fill: the job waits, and its retry prints
	 * once the registry has the address */
	yz_resident r;
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	char address[sizeof r.address];
	snprintf(address, sizeof address, "%s", r.address);
	r.address[0] = '\0';
	assert_int_equal(yz_resident_update(f->store, &r, "zhangli", NULL, &err), 0);
	memset(&err, 0, sizeof err);
	assert_int_not_equal(yz_service_print(&f->s, c.number, "certificate", NULL, &out, &err), 0);
	assert_int_equal(err.code, YZ_ERR_PRINTER);
	assert_int_equal(jobs_waiting(f), before + 1);
	int64_t job = out.job_id;
	assert_true(job > 0);
	snprintf(r.address, sizeof r.address, "%s", address);
	assert_int_equal(yz_resident_update(f->store, &r, "zhangli", NULL, &err), 0);
	if (yz_service_retry(&f->s, job, NULL, &out, &err) != 0)
		fail_msg("retry: %s", err.msg);
	assert_true(out.saved);
	assert_int_equal(jobs_waiting(f), before);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_papers13b PATH/TO/yizhan\n");
		return 2;
	}
	yizhan_exe = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_demo_lifecycle_papers, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_lifecycle_dates, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_form_language, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_form_language_key, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_slip_phone_is_the_applicants, setup,
	                                    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_unbuildable_paper_leaves_no_job, setup,
	                                    fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
