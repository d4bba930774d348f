/* Issue 13, no blanks on a paper: a template value that is missing stops the
 * document, naming the field as the clerk knows it (the service, `yizhan print`
 * in Chinese); {key?} marks what a paper may go without, and `forms check`
 * asks for it; every document of every case of a fresh `yizhan init --demo`
 * station is built with no refusal and no empty slot; certificates carry the
 * receipt's QR code (case number and verification code), read back from the
 * rendered PDF with zbarimg, on one page. Real SQLite files, the real binary
 * (argv[1]), the real PDF renderer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "yizhan/service.h"
#include "yz_test_paths.h"

static const char *yizhan_exe; /* the real binary, from the command line */

/* ---- the template -------------------------------------------------------------- */

static const char *lookup(const char *key, void *ctx)
{
	static const char *const kv[][2] = {
	    {"name", "\u5f20\u4e09"}, /* zhang san */
	    {"empty", ""},            /* typed, then erased */
	    {"spaces", " \t\u3000 "}, /* only white space, an ideographic one too */
	    {"since", "2019-03-01"},  /* a date */
	    {"zero", "0"},            /* a real value */
	};
	(void)ctx;
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++)
		if (strcmp(kv[i][0], key) == 0)
			return kv[i][1];
	return NULL;
}

static void fills_to(const char *tmpl, const char *want)
{
	char missing[YZ_TEMPLATE_KEY_MAX];
	char *got = yz_template_fill(tmpl, lookup, NULL, missing);
	if (!got)
		fail_msg("'%s' refused for '%s'", tmpl, missing);
	assert_string_equal(got, want);
	assert_string_equal(missing, "");
	free(got);
}

static void refuses(const char *tmpl, const char *key)
{
	char missing[YZ_TEMPLATE_KEY_MAX];
	char *got = yz_template_fill(tmpl, lookup, NULL, missing);
	if (got)
		fail_msg("'%s' gave '%s'", tmpl, got);
	assert_string_equal(missing, key);
}

static void test_fill(void **state)
{
	(void)state;
	/* the certificate of the issue: a missing count refuses, naming it */
	refuses("\u5bb6\u5ead\u5171\u6709{members.rows}\u4eba", "members.rows");
	refuses("{name} {empty}", "empty");
	refuses("{spaces}", "spaces");
	refuses("{total|money}", "total");
	refuses("{name}\n\n{missing|cn}", "missing");
	fills_to("{zero} {name} {since|cn}", "0 \u5f20\u4e09 2019\u5e743\u67081\u65e5");
	/* optional: the value may be missing; a line of optional values only, all
	 * missing, is left out with its break (no label over a blank) */
	fills_to("A {name} {missing?}\nB", "A \u5f20\u4e09 \nB");
	fills_to("A\n\u5b66\u751f\uff1a{missing?} {empty?}\nB {name?}", "A\nB \u5f20\u4e09");
	fills_to("{spaces|cn?}", "");
	fills_to("{{x} {name?}", "{x} \u5f20\u4e09");
	fills_to("", "");
	/* rule messages keep the old expansion: nothing refused */
	char *s = yz_template_expand("[{missing}] [{name?}]", lookup, NULL);
	assert_string_equal(s, "[] [\u5f20\u4e09]");
	free(s);
}

/* ---- forms check ------------------------------------------------------------------ */

static int check_form(const char *field_lines, const char *body, yz_diags *d)
{
	char text[2048];
	yz_form_vocab vocab = {0};
	yz_catalogue cat = {0};
	yz_diags pd = {0};
	yz_err err = {{0}};

	assert_int_equal(yz_form_vocab_load(YZ_SOURCE_ROOT "/data/vocab", &vocab, &err), 0);
	snprintf(text, sizeof text,
	         "form t\n    title T\n    line \u8bc1\u660e\n    authority A\n"
	         "    kind \u767b\u8bb0\n%sdocument d\n    paper a4\n    title D\n"
	         "    body:\n        %s\n",
	         field_lines, body);
	yz_form *f = yz_form_parse("t.form", text, strlen(text), yz_clock_today(NULL), &vocab, &pd);
	if (!f)
		fail_msg("does not parse: %s", pd.n ? pd.items[0] : "?");
	cat.forms = &f;
	cat.n_forms = 1;
	int errors = yz_catalogue_check(&cat, d);
	yz_form_free(f);
	yz_form_vocab_free(&vocab);
	yz_diags_free(&pd);
	return errors;
}

static void test_forms_check(void **state)
{
	static const char fields[] =
	    "field need text\n    label N\n    required yes\n"
	    "field note text\n    label M\n"
	    "field kids table\n    label K\n    column n text\n        label C\n"
	    "        required yes\n";
	yz_diags d = {0};
	(void)state;
	assert_int_equal(check_form(fields, "{need} {note?} {kids.rows?}", &d), 0);
	/* a field that may be left empty, a table that may have no rows, a row
	 * that may be missing: each asks for '?' */
	assert_int_equal(check_form(fields, "{need} {note} {kids.rows} {kids.1.n}", &d), 3);
	assert_non_null(strstr(d.items[0], "t.form:"));
	assert_non_null(strstr(d.items[0], "{note?}"));
	assert_non_null(strstr(d.items[1], "{kids.rows?}"));
	assert_non_null(strstr(d.items[2], "{kids.1.n?}"));
	yz_diags_free(&d);
	/* and the real forms/ folder is clean */
	yz_catalogue cat = {0};
	if (yz_catalogue_load(YZ_SOURCE_ROOT "/forms", YZ_SOURCE_ROOT "/data/vocab",
	                      yz_clock_today(NULL), &cat, &d) != 0)
		fail_msg("forms/ does not load: %s", d.n ? d.items[0] : "?");
	if (yz_catalogue_check(&cat, &d) != 0)
		fail_msg("forms/: %s", d.items[0]);
	yz_catalogue_free(&cat);
	yz_diags_free(&d);
}

/* ---- refusing a paper with a blank ------------------------------------------------- */

static int setup(void **state)
{
	fixture *f = fixture_open("yzblank");
	snprintf(f->cfg.station_phone, sizeof f->cfg.station_phone, "0571-88886666");
	*state = f;
	return 0;
}

/* The family finance certificate's case as the demo stored it before: no
 * household members, no totals. */
static void store_rowless_case(fixture *f, yz_case *c)
{
	yz_kv_list kv = {0};
	yz_kv_push(&kv, "resident", f->idno);
	yz_kv_push(&kv, "phone", "13957112345");
	yz_kv_push(&kv, "purpose", "\u5b66\u6821\u8d44\u52a9\u8ba4\u5b9a");
	yz_kv_push(&kv, "hardship", "\u5931\u4e1a");
	fixture_store_case(f, "family_finance_certificate", &kv, c);
	yz_kv_free(&kv);
}

static void test_refuses_blank(void **state)
{
	fixture *f = *state;
	yz_case c;
	yz_err err = {{0}};
	fixture_resident(f, "\u674e\u7f8e\u534e");
	store_rowless_case(f, &c);

	/* the builder refuses and names the household table by its label */
	yz_doc *d = yz_service_build_doc(&f->s, c.number, "certificate", &err);
	assert_null(d);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	if (!strstr(err.msg, "\u5bb6\u5ead\u6210\u5458")) /* jia ting cheng yuan */
		fail_msg("no field named: %s", err.msg);
	/* the preview says the same; the receipt still prints */
	memset(&err, 0, sizeof err);
	assert_null(yz_service_preview(&f->s, c.number, "certificate", &err));
	assert_non_null(strstr(err.msg, "\u5bb6\u5ead\u6210\u5458"));
	d = yz_service_build_doc(&f->s, c.number, "receipt", &err);
	assert_non_null(d);
	yz_doc_free(d);

	/* printing (no printer set: it would be saved) refuses and saves nothing */
	yz_print_outcome out;
	memset(&err, 0, sizeof err);
	assert_int_not_equal(yz_service_print(&f->s, c.number, "certificate", NULL, &out, &err), 0);
	assert_false(out.saved);
	assert_non_null(strstr(err.msg, "\u5bb6\u5ead\u6210\u5458"));
	char saved[512];
	snprintf(saved, sizeof saved, "%s/%s-certificate.pdf", f->cfg.save_dir, c.number);
	assert_int_not_equal(access(saved, F_OK), 0);

	/* `yizhan print` exits non-zero and tells the clerk in Chinese */
	char conf[300], cmd[1024], msg[2048];
	snprintf(conf, sizeof conf, "%s/yizhan.conf", f->home);
	assert_int_equal(yz_config_write(&f->cfg, conf, &err), 0);
	snprintf(
	    cmd, sizeof cmd,
	    "echo demo1234 | LANG=zh_CN.UTF-8 LANGUAGE= LC_ALL= '%s' print %s --doc certificate "
	    "--home '%s' --as zhangli --password-fd 0", /* issue 14: as the clerk */
	    yizhan_exe, c.number, f->home);
	int rc = fixture_run(cmd, false, msg, sizeof msg);
	assert_int_not_equal(rc, 0);
	/* "household members" and "a paper never has a blank", in Chinese */
	if (!strstr(msg, "\u5bb6\u5ead\u6210\u5458") ||
	    !strstr(msg, "\u6587\u4e66\u4e0d\u80fd\u7559\u7a7a\u767d"))
		fail_msg("yizhan print said: %s", msg);

	/* a registry gap: the certificate names what to add and where */
	yz_resident r;
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	r.address[0] = '\0';
	assert_int_equal(yz_resident_update(f->store, &r, "zhangli", NULL, &err), 0);
	yz_kv_list kv = {0};
	yz_kv_push(&kv, "resident", f->idno);
	yz_kv_push(&kv, "since", "2019-03-01");
	yz_kv_push(&kv, "purpose", "\u5b50\u5973\u5165\u5b66");
	fixture_store_case(f, "residence_certificate", &kv, &c);
	yz_kv_free(&kv);
	memset(&err, 0, sizeof err);
	assert_null(yz_service_build_doc(&f->s, c.number, "certificate", &err));
	if (!strstr(err.msg, "current address") || !strstr(err.msg, "F6"))
		fail_msg("registry gap: %s", err.msg);
}

/* ---- the demo station ------------------------------------------------------------- */

/* An empty slot of a rendered paper: the figures of the certificate
 * missing, a template left unexpanded, or a label of the template ("X：{key}")
 * with nothing after it on its line. */
static const char *empty_slot(const yz_document_def *dd, const char *text)
{
	static const char *const holes[] = {
	    "\u5171\u6709\u4eba", /* "gong you ren": a household of no count */
	    "\u5408\u8ba1\u5143", /* "he ji yuan": a total without figure */
	    "\u6536\u5165\u5143", /* "shou ru yuan" */
	    "\uff08\uff09",       /* empty brackets */
	    "{",
	};
	for (size_t i = 0; i < sizeof holes / sizeof *holes; i++) {
		const char *p = strstr(text, holes[i]);
		if (p)
			return p;
	}
	for (const char *l = dd ? dd->body : ""; l && *l;
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *colon = strstr(l, "\uff1a{"); /* a full-width colon, then a value */
		const char *eol = l + strcspn(l, "\n");
		while (*l == ' ')
			l++;
		if (!colon || colon > eol || memchr(l, '{', (size_t)(colon - l)))
			continue;
		char label[256];
		snprintf(label, sizeof label, "%.*s", (int)(colon - l) + 3, l);
		for (const char *p = strstr(text, label); p; p = strstr(p + 1, label)) {
			const char *after = p + strlen(label);
			after += strspn(after, " ");
			if (*after == '\n' || *after == '\0')
				return p;
		}
	}
	return NULL;
}

typedef struct demo_walk {
	fixture *f;
	size_t cases, docs, household_cases;
} demo_walk;

static int check_case(const yz_case *c, void *ctx)
{
	demo_walk *w = ctx;
	yz_session *s = &w->f->s;
	const yz_form *form = yz_catalogue_find(s->cat, c->form_id);
	yz_err err = {{0}};
	w->cases++;
	assert_non_null(form);
	/* a household table has its rows: the applicant at least */
	const yz_field_def *t = yz_service_household_table(form);
	if (t) {
		yz_kv_list kv = {0};
		char key[80];
		assert_int_equal(yz_case_fields(s->store, c->id, &kv, &err), 0);
		snprintf(key, sizeof key, "%s.1.name", t->id);
		bool found = false;
		for (size_t i = 0; i < kv.n; i++)
			found |= strcmp(kv.keys[i], key) == 0 && kv.vals[i][0];
		if (!found)
			fail_msg("demo case %s (%s) has no household rows", c->number, c->form_id);
		yz_kv_free(&kv);
		w->household_cases++;
	}
	for (size_t i = 0; i <= form->n_documents; i++) {
		const char *doc = i == 0 ? "receipt" : form->documents[i - 1].id;
		char *text = yz_service_preview(s, c->number, doc, &err);
		if (!text)
			fail_msg("demo case %s (%s) %s refused: %s", c->number, c->form_id, doc,
			         err.msg);
		const char *hole = empty_slot(i ? &form->documents[i - 1] : NULL, text);
		if (hole)
			fail_msg("demo case %s %s has an empty slot at \"%.24s\":\n%s", c->number,
			         doc, hole > text + 24 ? hole - 24 : text, text);
		free(text);
		w->docs++;
	}
	return 0;
}

static void test_demo_documents(void **state)
{
	fixture *f = *state;
	char home[] = "/tmp/yzblankdemo.XXXXXX";
	yz_err err = {{0}};
	/* the demo station, through the service as the counter opens it */
	fixture demo;
	fixture_open_demo(f, yizhan_exe, home, &demo);

	demo_walk w = {.f = &demo};
	yz_case_filter all = {0};
	assert_int_equal(yz_case_list(demo.store, &all, check_case, &w, &err), 0);
	print_message("%zu demo cases, %zu documents, %zu with a household table\n", w.cases,
	              w.docs, w.household_cases);
	assert_true(w.cases >= 40);
	assert_true(w.household_cases > 0);
	fixture_close_demo(&demo);
}

/* ---- the QR code of a certificate ------------------------------------------------ */

/* A case of form_id for the fixture's resident, its fields completed as the
 * demo completes them (the applicant's household from the registry). */
static void sample_case(fixture *f, const char *form_id, yz_case *c)
{
	const yz_form *form = yz_catalogue_find(&f->cat, form_id);
	yz_resident r;
	yz_kv_list drawn = {0}, kv = {0};
	yz_err err = {{0}};
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	for (size_t i = 0; i < form->n_fields; i++)
		if (form->fields[i].type == YZ_FIELD_RESIDENT)
			yz_kv_push(&drawn, form->fields[i].id, f->idno);
	if (yz_service_sample_fields(&f->s, form, &r, &drawn, &kv, &err) != 0)
		fail_msg("sample fields: %s", err.msg);
	fixture_store_case(f, form_id, &kv, c);
	yz_kv_free(&drawn);
	yz_kv_free(&kv);
}

/* Text a shell command wrote on stdout (at most n - 1 bytes). */
static void output_of(const char *cmd, char *out, size_t n)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t k = fread(out, 1, n - 1, p);
	out[k] = '\0';
	pclose(p);
}

static void test_certificate_qr(void **state)
{
	fixture *f = *state;
	static const char *const forms[] = {"residence_certificate", "family_finance_certificate"};
	fixture_resident(f, "\u674e\u7f8e\u534e");
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		yz_case c;
		yz_err err = {{0}};
		char code[YZ_VERIFY_BUF], want[128], got[512], pdf[] = "/tmp/yzblankqr.XXXXXX";
		sample_case(f, forms[i], &c);
		yz_doc *d = yz_service_build_doc(&f->s, c.number, "certificate", &err);
		if (!d)
			fail_msg("%s: %s", forms[i], err.msg);
		assert_int_equal(yz_service_verify_code(&f->s, c.number, "certificate", code, &err),
		                 0);
		snprintf(want, sizeof want, "%s %s", c.number, code);
		/* the QR follows the verification code it repeats */
		size_t k = 0;
		while (k < d->n_blocks && d->blocks[k].kind != YZ_BLOCK_CODE)
			k++;
		assert_true(k + 1 < d->n_blocks);
		assert_int_equal(d->blocks[k + 1].kind, YZ_BLOCK_QR);
		assert_string_equal(d->blocks[k + 1].text, want);

		unsigned char *bytes = NULL;
		size_t len = 0;
		if (yz_pdf_render(&f->s.print, d, YZ_PAPER_A4, &bytes, &len, &err) != 0)
			fail_msg("render: %s", err.msg);
		yz_doc_free(d);
		fixture_write_temp(pdf, bytes, len);
		free(bytes);
		char cmd[512];
		/* one page: the QR does not push the certificate onto a second */
		snprintf(cmd, sizeof cmd, "pdfinfo %s | sed -n 's/^Pages: *//p'", pdf);
		output_of(cmd, got, sizeof got);
		if (atoi(got) != 1)
			fail_msg("%s: %s pages", forms[i], got);
		/* a phone reads it: zbarimg on the page as an image */
		snprintf(cmd, sizeof cmd,
		         "pdftoppm -r 150 -png -singlefile %s %s && zbarimg -q --raw %s.png; "
		         "rm -f %s.png",
		         pdf, pdf, pdf, pdf);
		output_of(cmd, got, sizeof got);
		got[strcspn(got, "\n")] = '\0';
		assert_string_equal(got, want);
		unlink(pdf);
	}
}

/* Every document of every form of forms/, for a case completed as the demo
 * completes its cases: no refusal, no empty slot. */
static void test_every_form_prints(void **state)
{
	fixture *f = *state;
	size_t docs = 0;
	fixture_resident(f, "\u674e\u7f8e\u534e");
	for (size_t i = 0; i < f->cat.n_forms; i++) {
		const yz_form *form = f->cat.forms[i];
		yz_case c;
		sample_case(f, form->id, &c);
		for (size_t j = 0; j < form->n_documents; j++) {
			yz_err err = {{0}};
			char *text =
			    yz_service_preview(&f->s, c.number, form->documents[j].id, &err);
			if (!text)
				fail_msg("%s %s refused: %s", form->id, form->documents[j].id,
				         err.msg);
			const char *hole = empty_slot(&form->documents[j], text);
			if (hole)
				fail_msg("%s %s has an empty slot at \"%.24s\":\n%s", form->id,
				         form->documents[j].id, hole, text);
			free(text);
			docs++;
		}
	}
	assert_true(docs >= f->cat.n_forms);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_blanks PATH/TO/yizhan\n");
		return 2;
	}
	yizhan_exe = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fill),
	    cmocka_unit_test(test_forms_check),
	    cmocka_unit_test_setup_teardown(test_refuses_blank, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_demo_documents, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_certificate_qr, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_every_form_prints, setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
