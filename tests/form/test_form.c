/* The parser on the real forms/ folder and on samples of every construct, the
 * catalogue (loading, duplicate ids, search) and the values list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"
#include "yz_test_paths.h"

#define FORMS_DIR YZ_SOURCE_ROOT "/forms"

/* Chinese words used by the samples, as escapes (no Chinese in C sources). */
#define ZH_CERT  "\u8bc1\u660e"       /* zhengming: business line */
#define ZH_NOW   "\u5373\u529e\u4ef6" /* jibanjian: on-the-spot kind */
#define ZH_LATER "\u627f\u8bfa\u4ef6" /* chengnuojian */
#define ZH_COMM  "\u793e\u533a"       /* shequ */

static void load_real(yz_catalogue *cat)
{
	yz_diags d = {0};
	int rc = yz_catalogue_load(FORMS_DIR, VOCAB_DIR, yz_clock_today(NULL), cat, &d);

	print_diags(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	yz_diags_free(&d);
}

static void test_real_catalogue(void **state)
{
	yz_catalogue cat;
	yz_diags d = {0};

	(void)state;
	load_real(&cat);
	assert_true(cat.n_forms >= 9);
	assert_int_equal(yz_catalogue_check(&cat, &d), 0);
	print_diags(&d);
	assert_int_equal(d.n, 0);
	for (size_t i = 0; i < cat.n_forms; i++) {
		const yz_form *f = cat.forms[i];
		bool known = false;
		for (const char *const *l = yz_form_business_lines(&cat); *l; l++)
			known = known || strcmp(*l, f->line) == 0;
		assert_true(known);
		assert_non_null(f->title);
		assert_non_null(f->authority);
		assert_non_null(f->kind);
		assert_int_not_equal(f->kind_id, YZ_FORM_KIND_NONE);
		assert_string_equal(cat.vocab.kinds[f->kind_id], f->kind);
		if (f->kind_id == YZ_FORM_KIND_ON_THE_SPOT)
			assert_int_equal(f->promise_days, 0);
		assert_true(f->n_fields > 0);
		assert_true(f->n_documents > 0);
		assert_true(f->legal_days >= f->promise_days);
	}
	/* File-name order. */
	for (size_t i = 1; i < cat.n_forms; i++)
		assert_true(strcmp(cat.forms[i - 1]->path, cat.forms[i]->path) < 0);
	yz_diags_free(&d);
	yz_catalogue_free(&cat);
}

static void test_residence_certificate(void **state)
{
	yz_catalogue cat;
	const yz_form *f;
	const yz_field_def *fd;
	const yz_document_def *doc;

	(void)state;
	load_real(&cat);
	f = yz_catalogue_find(&cat, "residence_certificate");
	assert_non_null(f);
	assert_string_equal(f->title, "\u5c45\u4f4f\u8bc1\u660e"); /* juzhu zhengming */
	assert_string_equal(f->line, ZH_CERT);
	assert_string_equal(f->kind, ZH_NOW);
	assert_string_equal(f->authority, ZH_COMM);
	assert_int_equal(f->promise_days, 0);
	assert_int_equal(f->legal_days, 1);
	assert_non_null(strstr(f->keywords, "jzzm"));
	fd = yz_form_field(f, "resident");
	assert_non_null(fd);
	assert_int_equal(fd->type, YZ_FIELD_RESIDENT);
	assert_true(fd->required);
	fd = yz_form_field(f, "purpose");
	assert_int_equal(fd->type, YZ_FIELD_CHOICE);
	assert_int_equal(fd->n_options, 6);
	assert_string_equal(fd->options[0], "\u5b50\u5973\u5165\u5b66"); /* zinv ruxue */
	fd = yz_form_field(f, "since");
	assert_int_equal(fd->type, YZ_FIELD_DATE);
	assert_true(fd->not_future && fd->required);
	assert_false(yz_form_field(f, "purpose_note")->required);
	assert_true(f->n_materials >= 2);
	assert_string_equal(f->materials[0].label,
	                    "\u5c45\u6c11\u8eab\u4efd\u8bc1"); /* jumin shenfenzheng */
	assert_true(f->materials[0].required && f->materials[0].original);
	assert_string_equal(f->materials[1].label, "\u6237\u53e3\u7c3f"); /* hukoubu */
	doc = yz_form_document(f, "certificate");
	assert_non_null(doc);
	assert_string_equal(doc->paper, "a4");
	assert_non_null(strstr(doc->body, "{resident.name}"));
	assert_non_null(strstr(doc->body, "{since|cn}"));
	assert_non_null(strstr(doc->body, "\n\n")); /* paragraphs */
	assert_null(yz_form_document(f, "nothing"));
	assert_null(yz_form_field(f, "nothing"));
	yz_catalogue_free(&cat);
}

/* Every construct of the language in one file: comments, blank lines, CRLF
 * line ends, tab indentation, a text block with paragraphs and deeper lines. */
static const char sample[] = "\xef\xbb\xbf# a comment\r\n"
                             "form sample_form\r\n"
                             "    title T\r\n"
                             "    line " ZH_CERT "\r\n"
                             "    authority " ZH_COMM "\r\n"
                             "    kind " ZH_LATER "\r\n"
                             "    promise 5\r\n"
                             "    keywords abc DEF\r\n"
                             "\n"
                             "material id_card\n"
                             "\tlabel ID card\n"
                             "\n"
                             "material photo\n"
                             "  label Photo\n"
                             "  required no\n"
                             "  provide copy\n"
                             "  count 2\n"
                             "  note if any\n"
                             "field who name\n"
                             "    label Name\n"
                             "    required yes\n"
                             "    width 20\n"
                             "    # a comment between keys\n"
                             "    help  Full name  \n"
                             "field colour choice\n"
                             "    label Colour\n"
                             "    option red\n"
                             "    option green # not a comment\n"
                             "field day date\n"
                             "    label Day\n"
                             "    not_future yes\n"
                             "document letter\n"
                             "    paper a5\n"
                             "    title Letter\n"
                             "    body:\n"
                             "\n"
                             "        Dear {who},\n"
                             "          indented {{x}\n"
                             "\n"
                             "        Bye.\n"
                             "\n"
                             "# the end\n";

static void test_constructs(void **state)
{
	yz_form *f;
	const yz_document_def *doc;

	(void)state;
	f = parse_ok("sample.form", sample);
	assert_string_equal(f->id, "sample_form");
	assert_int_equal(f->src_line, 2);
	assert_int_equal(f->promise_days, 5);
	assert_int_equal(f->legal_days, 5); /* defaults to the promise */
	assert_string_equal(f->keywords, "abc DEF");
	assert_int_equal(f->n_materials, 2);
	assert_true(f->materials[0].required && f->materials[0].original);
	assert_int_equal(f->materials[0].count, 1);
	assert_null(f->materials[0].note);
	assert_false(f->materials[1].required || f->materials[1].original);
	assert_int_equal(f->materials[1].count, 2);
	assert_string_equal(f->materials[1].note, "if any");
	assert_int_equal(f->n_fields, 3);
	assert_int_equal(f->fields[0].type, YZ_FIELD_NAME);
	assert_int_equal(f->fields[0].width, 20);
	assert_string_equal(f->fields[0].help, "Full name");
	assert_int_equal(f->fields[0].line, 19);
	assert_int_equal(f->fields[1].n_options, 2);
	assert_string_equal(f->fields[1].options[1], "green # not a comment");
	assert_false(f->fields[1].required);
	assert_true(f->fields[2].not_future);
	doc = yz_form_document(f, "letter");
	assert_string_equal(doc->paper, "a5");
	assert_string_equal(doc->body, "Dear {who},\n  indented {{x}\n\nBye.");
	assert_int_equal(doc->body_line, 37);
	assert_int_equal(doc->body_col, 9);
	yz_form_free(f);
}

/* A line of exactly 500 characters is accepted (501 is a golden error). */
static void test_line_limit(void **state)
{
	char text[4096] = "form t\n    title ";
	yz_form *f;

	(void)state;
	for (int i = 0; i < 490; i++)
		strcat(text, "\u5c45");
	strcat(text, "\n    line " ZH_CERT "\n    authority A\n    kind " ZH_NOW "\n");
	f = parse_ok("limit.form", text);
	assert_int_equal(yz_text_width(f->title), 980);
	yz_form_free(f);
}

static void test_search(void **state)
{
	yz_catalogue cat;
	size_t out[64], n;
	const yz_form *f;

	(void)state;
	load_real(&cat);
	n = yz_catalogue_search(&cat, "jzzm", out, 64);
	assert_int_equal(n, 1);
	assert_string_equal(cat.forms[out[0]]->id, "residence_certificate");
	assert_int_equal(yz_catalogue_search(&cat, "JzZm", out, 64), 1);
	assert_int_equal(yz_catalogue_search(&cat, "  juzhu   ZHENG ", out, 64), 1);
	assert_int_equal(yz_catalogue_search(&cat, "", out, 64), cat.n_forms);
	assert_int_equal(yz_catalogue_search(&cat, NULL, out, 64), cat.n_forms);
	assert_int_equal(yz_catalogue_search(&cat, "jzzm nothing", out, 64), 0);
	assert_int_equal(yz_catalogue_search(&cat, "qqqq", out, 64), 0);
	/* By title (juzhu), by business line (zhengming), by id. */
	n = yz_catalogue_search(&cat, "\u5c45\u4f4f", out, 64);
	assert_true(n >= 1);
	n = yz_catalogue_search(&cat, ZH_CERT, out, 64);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++) {
		f = cat.forms[out[i]];
		assert_true(strstr(f->title, ZH_CERT) || strcmp(f->line, ZH_CERT) == 0);
	}
	n = yz_catalogue_search(&cat, "unemployment", out, 64);
	assert_int_equal(n, 1);
	/* The ideographic space separates terms too. */
	assert_int_equal(yz_catalogue_search(&cat, "juzhu\u3000zhengming", out, 64), 1);
	/* More matches than room: the count is still the number of matches. */
	out[1] = 999;
	assert_int_equal(yz_catalogue_search(&cat, "", out, 1), cat.n_forms);
	assert_int_equal(out[1], 999);
	yz_catalogue_free(&cat);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void remove_dir(const char *dir, const char *const *names)
{
	char path[512];

	for (; *names; names++) {
		snprintf(path, sizeof path, "%s/%s", dir, *names);
		unlink(path);
	}
	rmdir(dir);
}

#define MINI(id)                                                                                   \
	"form " id "\n    title X\n    line " ZH_CERT "\n    authority A\n    kind " ZH_NOW        \
	"\nfield a text\n    label A\ndocument d\n    paper a4\n    title D\n    body:\n        "  \
	"{a}\n"

static void test_duplicate_ids(void **state)
{
	char dir[] = "/tmp/yz-form-test-XXXXXX";
	const char *const names[] = {"a.form", "b.form", "c.form", "notes.txt", NULL};
	yz_catalogue cat;
	yz_diags d = {0};

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_file(dir, "a.form", MINI("one"));
	write_file(dir, "b.form", MINI("one"));
	write_file(dir, "c.form", MINI("two"));
	write_file(dir, "notes.txt", "not a form");
	assert_int_equal(yz_catalogue_load(dir, VOCAB_DIR, yz_clock_today(NULL), &cat, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0], "/b.form:1:1: duplicate form id 'one' (also in "));
	assert_non_null(strstr(d.items[0], "/a.form)"));
	assert_int_equal(cat.n_forms, 2);
	assert_string_equal(cat.forms[0]->id, "one");
	assert_string_equal(cat.forms[1]->id, "two");
	assert_non_null(strstr(cat.forms[0]->path, "/a.form"));
	yz_diags_free(&d);
	yz_catalogue_free(&cat);
	remove_dir(dir, names);
}

static void test_load_errors(void **state)
{
	char dir[] = "/tmp/yz-form-test-XXXXXX";
	const char *const none[] = {NULL};
	yz_catalogue cat;
	yz_diags d = {0};

	(void)state;
	assert_int_equal(
	    yz_catalogue_load("/nonexistent/forms", VOCAB_DIR, yz_clock_today(NULL), &cat, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(
	    d.items[0], "/nonexistent/forms: cannot open the folder: No such file or directory");
	yz_diags_free(&d);
	assert_non_null(mkdtemp(dir));
	assert_int_equal(yz_catalogue_load(dir, VOCAB_DIR, yz_clock_today(NULL), &cat, &d), -1);
	assert_int_equal(cat.n_forms, 0);
	assert_non_null(strstr(d.items[0], ": no form files (*.form) in this folder"));
	yz_diags_free(&d);
	remove_dir(dir, none);
	assert_null(yz_form_load("/nonexistent.form", yz_clock_today(NULL), test_vocab(), &d));
	assert_string_equal(d.items[0],
	                    "/nonexistent.form: cannot open the file: No such file or directory");
	yz_diags_free(&d);
}

static void test_values(void **state)
{
	yz_values v = {0};

	(void)state;
	assert_null(yz_values_get(&v, "a"));
	yz_values_set(&v, "a", "1");
	yz_values_set(&v, "b", "2");
	yz_values_set(&v, "a", "3");
	assert_int_equal(v.n, 2);
	assert_string_equal(v.keys[0], "a");
	assert_string_equal(yz_values_get(&v, "a"), "3");
	assert_string_equal(yz_values_get(&v, "b"), "2");
	yz_values_set(&v, "a", NULL);
	assert_int_equal(v.n, 1);
	assert_null(yz_values_get(&v, "a"));
	assert_string_equal(v.keys[0], "b");
	yz_values_set(&v, "c", "");
	assert_string_equal(yz_values_get(&v, "c"), "");
	yz_values_clear(&v);
	assert_int_equal(v.n, 0);
	assert_null(v.keys);
}

static void make_id(char out[19], const char *d17)
{
	memcpy(out, d17, 17);
	out[17] = yz_idcard_check_char(d17);
	out[18] = '\0';
}

static void test_form_validate(void **state)
{
	yz_catalogue cat;
	yz_values v = {0};
	yz_err err = {{0}};
	const yz_form *f;
	char id[19];

	(void)state;
	load_real(&cat);
	f = yz_catalogue_find(&cat, "residence_certificate");
	make_id(id, "11010519800101001");
	assert_int_equal(yz_form_validate(f, &v, TODAY, &err), 0); /* resident first */
	yz_values_set(&v, "resident", id);
	yz_values_set(&v, "purpose", "\u94f6\u884c\u5f00\u6237"); /* yinhang kaihu */
	yz_values_set(&v, "since", "2026-01-01");
	long bad = yz_form_validate(f, &v, TODAY, &err);
	assert_true(bad >= 0);
	assert_string_equal(f->fields[bad].id, "since");
	assert_non_null(strstr(err.msg, "the date is in the future (today is 2025-06-15)"));
	yz_values_set(&v, "since", "2019-03-01");
	assert_int_equal(yz_form_validate(f, &v, TODAY, &err), -1);
	yz_values_clear(&v);
	yz_catalogue_free(&cat);
}

static void test_vocabulary(void **state)
{
	yz_catalogue cat;
	const char *const *lines;
	size_t n = 0;

	(void)state;
	load_real(&cat);
	lines = yz_form_business_lines(&cat);
	while (lines[n])
		n++;
	assert_int_equal(n, 10);
	assert_int_equal(cat.vocab.n_lines, 10);
	/* issue 2: social assistance first */
	assert_string_equal(lines[0], "\u793e\u4f1a\u6551\u52a9");
	assert_string_equal(cat.vocab.line_ids[0], "social_assistance");
	assert_string_equal(lines[6], ZH_CERT);
	assert_null(cat.vocab.kinds[YZ_FORM_KIND_NONE]);
	assert_string_equal(cat.vocab.kinds[YZ_FORM_KIND_ON_THE_SPOT], ZH_NOW);
	assert_string_equal(cat.vocab.kinds[YZ_FORM_KIND_PROMISED], ZH_LATER);
	assert_string_equal(yz_form_kind_id(YZ_FORM_KIND_REQUEST), "request");
	assert_string_equal(yz_form_kind_id(YZ_FORM_KIND_NONE), "");
	yz_catalogue_free(&cat);
	assert_null(yz_form_business_lines(&cat)[0]); /* freed: no lines, never NULL */
	assert_string_equal(yz_field_type_name(YZ_FIELD_RESIDENT), "resident");
	assert_string_equal(yz_field_type_name(YZ_FIELD_TEXT), "text");
	assert_string_equal(yz_field_type_name((yz_field_type)99), "?");
}

/* A vocabulary folder of its own: kinds.txt and lines.txt as given. */
static void vocab_dir(char *dir, const char *kinds, const char *lines)
{
	assert_non_null(mkdtemp(dir));
	if (kinds)
		write_file(dir, "kinds.txt", kinds);
	if (lines)
		write_file(dir, "lines.txt", lines);
}

static const char *const vocab_files[] = {"kinds.txt", "lines.txt", NULL};

#define KINDS_OK                                                                                   \
	"# kinds\n\non_the_spot " ZH_NOW "\npromised " ZH_LATER "  # later\nrequest "              \
	"\u8bc9\u6c42\r\nregistration \u767b\u8bb0\n"

/* What a station may change: the words and the order of the lines. A form
 * written with a renamed kind has that kind, and the kind's rules follow it. */
static void test_vocabulary_station(void **state)
{
	char dir[] = "/tmp/yz-vocab-XXXXXX";
	const char *kinds = "on_the_spot \u5f53\u573a\u529e\npromised " ZH_LATER
	                    "\nrequest \u8bc9\u6c42\nregistration \u767b\u8bb0\n";
	yz_form_vocab v;
	yz_err err = {0};
	yz_diags d = {0};
	char text[1024];
	yz_form *f;

	(void)state;
	vocab_dir(dir, kinds, "certs " ZH_CERT "\n");
	assert_int_equal(yz_form_vocab_load(dir, &v, &err), 0);
	assert_int_equal(v.n_lines, 1);
	snprintf(text, sizeof text,
	         "form spot\n    title T\n    line " ZH_CERT "\n    authority " ZH_COMM
	         "\n    kind \u5f53\u573a\u529e\n    promise %d\n"
	         "\nfield a text\n    label A\ndocument d\n    paper a4\n    title D\n"
	         "    body:\n        {a}\n",
	         0);
	f = yz_form_parse("spot.form", text, strlen(text), TODAY, &v, &d);
	print_diags(&d);
	assert_non_null(f);
	assert_int_equal(f->kind_id, YZ_FORM_KIND_ON_THE_SPOT);
	yz_form_free(f);
	/* The on-the-spot rule goes with the kind, whatever its word. */
	*strstr(text, "promise 0") = '\0';
	strcat(text, "promise 3\n\nfield a text\n    label A\ndocument d\n    paper a4\n"
	             "    title D\n    body:\n        {a}\n");
	assert_null(yz_form_parse("spot.form", text, strlen(text), TODAY, &v, &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0], "is done on the spot: its promise must be 0 days"));
	yz_diags_free(&d);
	/* The old word is no longer a kind; the message lists the station's. */
	assert_null(yz_form_parse("old.form", MINI("old"), strlen(MINI("old")), TODAY, &v, &d));
	assert_non_null(strstr(d.items[0], "write one of \u5f53\u573a\u529e, " ZH_LATER));
	yz_diags_free(&d);
	/* Without a vocabulary (a record's form) the words are kept, unchecked,
	 * and the kind is none the rules know. */
	f = yz_form_parse("none.form", MINI("none"), strlen(MINI("none")), TODAY, NULL, &d);
	assert_non_null(f);
	assert_int_equal(f->kind_id, YZ_FORM_KIND_NONE);
	assert_string_equal(f->kind, ZH_NOW);
	yz_form_free(f);
	yz_form_vocab_free(&v);
	remove_dir(dir, vocab_files);
}

/* A missing or malformed vocabulary file is named with its line and what is
 * wrong; the catalogue then holds no form, with one message, not one a form. */
static void test_vocabulary_errors(void **state)
{
	static const struct {
		const char *kinds, *lines, *want;
	} cases[] = {
	    {NULL, "a " ZH_CERT "\n", "/kinds.txt: cannot read the form vocabulary (No such file"},
	    {KINDS_OK, NULL, "/lines.txt: cannot read the form vocabulary (No such file"},
	    {KINDS_OK, "# none\n", "/lines.txt: no business lines"},
	    {KINDS_OK "express \u52a0\u6025\n", "a b\n",
	     "/kinds.txt:7: unknown kind \"express\": the program knows on_the_spot, promised, "
	     "request, registration"},
	    {"on_the_spot " ZH_NOW "\n", "a b\n", "/kinds.txt: the kind \"promised\" is missing"},
	    {KINDS_OK, "a " ZH_CERT "\nb " ZH_CERT "\n",
	     "/lines.txt:2: \"b " ZH_CERT "\" repeats line 1"},
	    {KINDS_OK, "a x\n\na x2\n", "/lines.txt:3: \"a x2\" repeats line 1"},
	    {KINDS_OK, "Certs " ZH_CERT "\n", "/lines.txt:1: \"Certs\" is not an id"},
	    {KINDS_OK, "certs\n", "/lines.txt:1: expected an id and a word"},
	    {KINDS_OK, "certs " ZH_CERT " extra\n", "/lines.txt:1: expected an id and a word"},
	    {KINDS_OK, "certs \xff\xfe\n", "/lines.txt:1: the word of \"certs\" is not readable"},
	};
	yz_catalogue cat;
	yz_form_vocab v;
	yz_diags d = {0};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char dir[] = "/tmp/yz-vocab-XXXXXX";
		yz_err err = {0};
		vocab_dir(dir, cases[i].kinds, cases[i].lines);
		assert_int_equal(yz_form_vocab_load(dir, &v, &err), -1);
		if (!strstr(err.msg, cases[i].want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, cases[i].want);
		assert_null(v.lines);
		assert_int_equal(yz_catalogue_load(FORMS_DIR, dir, TODAY, &cat, &d), -1);
		assert_int_equal(cat.n_forms, 0);
		assert_int_equal(d.n, 1);
		assert_string_equal(d.items[0], err.msg);
		yz_diags_free(&d);
		yz_catalogue_free(&cat);
		remove_dir(dir, vocab_files);
	}
	{
		char dir[] = "/tmp/yz-vocab-XXXXXX";
		yz_err err = {0};
		vocab_dir(dir, KINDS_OK, "a x\n");
		assert_int_equal(yz_form_vocab_load(dir, &v, &err), 0);
		assert_string_equal(v.kinds[YZ_FORM_KIND_REQUEST], "\u8bc9\u6c42"); /* CRLF read */
		yz_form_vocab_free(&v);
		remove_dir(dir, vocab_files);
	}
}

/* Issue 17: `share yes|no` on a field (default no); a table's columns follow
 * the table and take no `share` of their own; other values are refused where
 * they stand. */
static void test_share17(void **state)
{
	static const char head[] =
	    "form t\n    title T\n    line " ZH_CERT "\n    authority " ZH_COMM
	    "\n    kind " ZH_LATER "\n    promise 5\n";
	char text[1024];
	yz_diags d = {0};
	yz_form *f;

	(void)state;
	snprintf(text, sizeof text,
	         "%sfield who resident\n    label W\n    share yes\n"
	         "field phone phone\n    label P\n"
	         "field note memo\n    label N\n    share no\n"
	         "field rows table\n    label R\n    share yes\n"
	         "    column a text\n        label A\n",
	         head);
	f = parse_ok("share.form", text);
	assert_true(f->fields[0].share);
	assert_false(f->fields[1].share); /* the default */
	assert_false(f->fields[2].share);
	assert_true(f->fields[3].share);
	yz_form_free(f);

	snprintf(text, sizeof text, "%sfield who resident\n    label W\n    share maybe\n", head);
	assert_null(yz_form_parse("bad.form", text, strlen(text), TODAY, test_vocab(), &d));
	assert_true(d.n >= 1);
	assert_string_equal(d.items[0], "bad.form:9:11: bad value 'maybe': write yes or no");
	yz_diags_free(&d);

	snprintf(text, sizeof text,
	         "%sfield rows table\n    label R\n    column a text\n        label A\n"
	         "        share yes\n",
	         head);
	assert_null(yz_form_parse("col.form", text, strlen(text), TODAY, test_vocab(), &d));
	assert_true(d.n >= 1);
	assert_non_null(strstr(d.items[0], "col.form:11:"));
	yz_diags_free(&d);
}

const struct CMUnitTest form_tests[] = {
    cmocka_unit_test(test_real_catalogue),
    cmocka_unit_test(test_residence_certificate),
    cmocka_unit_test(test_constructs),
    cmocka_unit_test(test_search),
    cmocka_unit_test(test_duplicate_ids),
    cmocka_unit_test(test_load_errors),
    cmocka_unit_test(test_values),
    cmocka_unit_test(test_form_validate),
    cmocka_unit_test(test_vocabulary),
    cmocka_unit_test(test_line_limit),
    cmocka_unit_test(test_vocabulary_station),
    cmocka_unit_test(test_vocabulary_errors),
    cmocka_unit_test(test_share17),
};
const size_t n_form_tests = sizeof form_tests / sizeof *form_tests;
