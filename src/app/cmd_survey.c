/* yizhan survey: the station's surveys (wen juan diao cha, issue 18).
 *
 *   survey list                        id, title, period, anonymous, double entry, counted
 *   survey print NAME [--count N] [--from S] [--out FILE.pdf | --printer P] --as LOGIN
 *   survey issue NAME --count N [--from S] --as LOGIN
 *   survey report NAME [--by QUESTION] [--format pdf|xlsx|csv|csv-utf8] [--out FILE] --as LOGIN
 *   survey diff NAME [--serial S] --as LOGIN
 *   survey void NAME SERIAL --reason TEXT --as LOGIN
 *
 * `print` numbers the papers from the serial after the highest one issued or
 * keyed, allocated in one write transaction so that two counters printing at
 * once never get the same numbers (or --from: a reprint of serials issued
 * before is said and not counted again); the service records them as issued
 * before they leave
 * (yz_service_survey_paper): a paper in the field whose number was not
 * recorded would be numbered again by the next print run, while a recorded
 * one that failed to print is simply printed again with the same --from (a
 * serial is never counted twice). Papers numbered by hand on photocopies are
 * recorded with `issue`. The options are one table (survey_opts) read by
 * app_opts_parse. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

/* Room for a serial's text: up to YZ_SURVEY_SERIAL_MAX's nine digits. */
#define SERIAL_TEXT 16

/* The options of the survey commands; which one takes which: the usage. */
typedef struct survey_opt {
	const char *name;
	const char *count, *from, *out, *printer, *by, *format, *serial, *reason;
	bool help;
} survey_opt;

enum {
	O_COUNT = 1 << 0,
	O_FROM = 1 << 1,
	O_OUT = 1 << 2,
	O_PRINTER = 1 << 3,
	O_BY = 1 << 4,
	O_FORMAT = 1 << 5,
	O_SERIAL = 1 << 6,
	O_REASON = 1 << 7,
};

static const app_opt survey_opts[] = {
    {"--count", offsetof(survey_opt, count), O_COUNT, false},
    {"--from", offsetof(survey_opt, from), O_FROM, false},
    {"--out", offsetof(survey_opt, out), O_OUT, false},
    {"--printer", offsetof(survey_opt, printer), O_PRINTER, false},
    {"--by", offsetof(survey_opt, by), O_BY, false},
    {"--format", offsetof(survey_opt, format), O_FORMAT, false},
    {"--serial", offsetof(survey_opt, serial), O_SERIAL, false},
    {"--reason", offsetof(survey_opt, reason), O_REASON, false},
};

/* The options of a survey command that takes those in allowed (and a
 * survey's name unless allowed is 0); --help prints help. 0, -1 after the
 * help, or the exit status after a message. */
static int parse(const char *cmd, unsigned allowed, int argc, char **argv, survey_opt *o,
                 void (*help)(void))
{
	*o = (survey_opt){0};
	const app_opts p = {.opt = survey_opts,
	                    .n = sizeof survey_opts / sizeof survey_opts[0],
	                    .which = allowed,
	                    .word = allowed ? &o->name : NULL,
	                    .help = &o->help};
	if (app_opts_parse(cmd, &p, argc, argv, o) != 0)
		return 2;
	if (o->help) {
		help();
		return -1;
	}
	if (allowed && !o->name) {
		app_printf(stderr,
		           _("yizhan %s: which survey? Name it (yizhan survey list shows "
		             "them).\n"),
		           cmd);
		return 2;
	}
	return 0;
}

/* A whole number in [min, max] from option opt's value; 2 after a message. */
static int whole(const char *cmd, const char *opt, const char *text, long min, long max, long *out)
{
	char *end = NULL;
	errno = 0;
	long v = text ? strtol(text, &end, 10) : 0;
	if (!text || !*text || *end || errno || v < min || v > max) {
		app_printf(stderr, _("yizhan %s: %s is a whole number from %ld to %ld, not %s\n"),
		           cmd, opt, min, max, text ? text : "");
		return 2;
	}
	*out = v;
	return 0;
}

static const char *survey_id(const void *set, size_t i)
{
	return ((const yz_survey_set *)set)->items[i]->id;
}

/* The station, an account and the survey o->name among the station's (and
 * the district's) — NULL after a message listing those there are. 0, or the
 * exit status. */
static int open_survey(yz_app *a, const char *cmd, const survey_opt *o, yz_survey_set *set,
                       const yz_survey **sv)
{
	const app_named w = {
	    survey_id, _("yizhan %s: there is no survey %s. The surveys are: %s\n"),
	    _("Some survey files have mistakes and are left out (yizhan forms check):")};
	yz_diags d = {0};
	int rc;

	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, cmd)) != 0)
		return rc;
	yz_service_surveys(&a->sess, set, &d);
	long i = app_find_named(cmd, o->name, &w, set, set->n, &d);
	yz_diags_free(&d);
	*sv = i < 0 ? NULL : set->items[i];
	return *sv ? 0 : 2;
}

/* parse and open_survey: everything a survey command but list and report
 * starts with. 0, -1 after the help, or the exit status. */
static int start(yz_app *a, const char *cmd, unsigned allowed, int argc, char **argv, survey_opt *o,
                 void (*help)(void), yz_survey_set *set, const yz_survey **sv)
{
	int rc = parse(cmd, allowed, argc, argv, o, help);
	return rc != 0 ? rc : open_survey(a, cmd, o, set, sv);
}

static const char *yes_no(bool b)
{
	return b ? _("yes") : _("no");
}

/* ---- survey list ------------------------------------------------------------------ */

static void list_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan survey list\n"
	             "The station's surveys (forms/surveys/ and the district's): id, title, "
	             "period, whether anonymous and keyed twice, and the papers that count "
	             "so far.\n"));
}

int cmd_survey_list(yz_app *a, int argc, char **argv)
{
	survey_opt o;
	yz_survey_set set = {0};
	yz_diags d = {0};
	int rc = parse("survey list", 0, argc, argv, &o, list_help);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (app_open(a) != 0)
		return 1;
	rc = yz_service_surveys(&a->sess, &set, &d);
	app_print_padded(stdout, _("ID"), 14);
	app_print_padded(stdout, _("TITLE"), 30);
	app_print_padded(stdout, _("PERIOD"), 24);
	app_print_padded(stdout, _("ANONYMOUS"), 10);
	app_print_padded(stdout, _("TWICE"), 8);
	app_printf(stdout, "%s\n", _("COUNTED"));
	for (size_t i = 0; i < set.n; i++) {
		const yz_survey *sv = set.items[i];
		char from[11], to[11], period[32];
		yz_survey_papers p = {0};
		yz_err err = {{0}};
		yz_date_format(sv->from, from);
		yz_date_format(sv->to, to);
		snprintf(period, sizeof period, "%s..%s", from, to);
		app_print_padded(stdout, sv->id, 14);
		app_print_padded(stdout, sv->title, 30);
		app_print_padded(stdout, period, 24);
		app_print_padded(stdout, yes_no(sv->anonymous), 10);
		app_print_padded(stdout, yes_no(sv->double_entry), 8);
		if (yz_service_survey_papers_count(&a->sess, sv, &p, &err) == 0)
			app_printf(stdout, "%ld\n", p.counted);
		else
			app_printf(stdout, "? (%s)\n", err.msg);
	}
	if (rc != 0) {
		app_printf(
		    stderr, "%s\n",
		    _("yizhan survey list: some survey files have mistakes and are left out:"));
		app_diags_print(&d);
	}
	yz_diags_free(&d);
	yz_survey_set_free(&set);
	return rc != 0;
}

/* ---- survey print and issue --------------------------------------------------- */

static void print_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan survey print NAME [--count N] [--from S] [--out FILE.pdf | "
	             "--printer P]\n"
	             "The questionnaire of survey NAME on A4 for door-to-door work: N papers "
	             "(1 when not given), each on new pages with its serial number at the head "
	             "of every page, numbered from S, else from the serial after the highest one "
	             "issued or keyed. The serials are recorded as issued (the return rate's "
	             "denominator). --count 0: one paper with an empty number box, to copy and "
	             "number by hand (record those with yizhan survey issue). --out writes the "
	             "PDF; --printer P prints on that A4 printer; neither: the station's A4 "
	             "printer.\n"));
}

static void issue_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan survey issue NAME --count N [--from S]\n"
	             "Records that papers S .. S+N-1 of survey NAME were handed out (copies "
	             "numbered by hand); without --from, from the serial after the highest one "
	             "issued or keyed. A serial already recorded is not counted twice.\n"));
}

static int issue_failed(const yz_err *err)
{
	app_printf(stderr, "yizhan: %s\n", err->msg);
	return err->code == YZ_ERR_DENIED || err->code == YZ_ERR_INVALID ? 2 : 1;
}

/* Papers first .. first+count-1 recorded as issued: --from S (those issued
 * before are said: a reprint, not counted again), else the next count
 * serials, taken in one write transaction. 0, or the exit status. */
static int record(yz_app *a, const char *cmd, const survey_opt *o, const yz_survey *sv, long count,
                  long *first)
{
	yz_err err = {{0}};
	long added = 0;
	int rc;

	if (!o->from)
		return yz_service_survey_issue_next(&a->sess, sv, count, first, &err) != 0
		           ? issue_failed(&err)
		           : 0;
	if ((rc = whole(cmd, "--from", o->from, 1, YZ_SURVEY_SERIAL_MAX, first)) != 0)
		return rc;
	if (yz_service_survey_issue_added(&a->sess, sv, *first, count, &added, &err) != 0)
		return issue_failed(&err);
	if (added < count) {
		char f[SERIAL_TEXT], l[SERIAL_TEXT];
		yz_survey_serial_text(*first, f, sizeof f);
		yz_survey_serial_text(*first + count - 1, l, sizeof l);
		if (added == 0)
			app_printf(stdout,
			           _("%s-%s were issued already: this is a reprint, not counted "
			             "again.\n"),
			           f, l);
		else
			app_printf(
			    stdout,
			    _("%ld of papers %s-%s were issued already: reprints, not counted "
			      "again.\n"),
			    count - added, f, l);
	}
	return 0;
}

/* What a print run says on stdout, or on stderr when delivering failed:
 * the papers are recorded either way. */
static void print_said(const yz_survey *sv, long first, long count, int rc)
{
	char a[SERIAL_TEXT], b[SERIAL_TEXT];

	yz_survey_serial_text(first, a, sizeof a);
	yz_survey_serial_text(first + count - 1, b, sizeof b);
	if (rc == 0 && count == 1)
		app_printf(stdout, _("Paper %s of survey %s, recorded as issued.\n"), a, sv->id);
	else if (rc == 0 && count > 1)
		app_printf(stdout, _("Papers %s to %s of survey %s, recorded as issued.\n"), a, b,
		           sv->id);
	else if (rc != 0 && count > 0)
		app_printf(stderr,
		           _("Papers %s to %s are recorded as issued: print them again with "
		             "--from %ld --count %ld.\n"),
		           a, b, first, count);
}

/* The run's count and first serial from the options; 0, or the exit status. */
static int print_range(yz_app *a, const char *cmd, const survey_opt *o, const yz_survey *sv,
                       long *first, long *count)
{
	int rc;

	if (o->out && o->printer) {
		app_printf(stderr, _("yizhan %s: either --out FILE or --printer P, not both\n"),
		           cmd);
		return 2;
	}
	if (o->count && (rc = whole(cmd, "--count", o->count, 0, YZ_SURVEY_PRINT_MAX, count)) != 0)
		return rc;
	if (*count == 0 && o->from) {
		app_printf(stderr,
		           _("yizhan %s: --count 0 prints a paper without a number: no "
		             "--from\n"),
		           cmd);
		return 2;
	}
	return *count > 0 ? record(a, cmd, o, sv, *count, first) : 0;
}

int cmd_survey_print(yz_app *a, int argc, char **argv)
{
	const char *cmd = "survey print";
	survey_opt o;
	yz_survey_set set = {0};
	const yz_survey *sv = NULL;
	long count = 1, first = 0;
	int rc = start(a, cmd, O_COUNT | O_FROM | O_OUT | O_PRINTER, argc, argv, &o, print_help,
	               &set, &sv);
	if (rc != 0 || (rc = print_range(a, cmd, &o, sv, &first, &count)) != 0)
		goto out;
	yz_err err = {{0}};
	/* the service records papers first .. before building them (the top of the file) */
	yz_doc *d = yz_service_survey_paper(&a->sess, sv, first, count, &err);
	if (!d) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		rc = err.code == YZ_ERR_DENIED || err.code == YZ_ERR_INVALID ? 2 : 1;
		goto out;
	}
	char name[160], what[160];
	yz_service_survey_paper_name(sv, first, count, name, sizeof name);
	size_t len = strlen(name); /* the printing adds .pdf when it saves */
	if (len > 4 && !strcmp(name + len - 4, ".pdf"))
		name[len - 4] = '\0';
	if (count > 0)
		snprintf(what, sizeof what, "survey %s papers %ld-%ld", sv->id, first,
		         first + count - 1);
	else
		snprintf(what, sizeof what, "survey %s blank paper", sv->id);
	app_registry_opt ro = {.arg = sv->id, .printer = o.printer, .pdf = o.out};
	rc = app_registry_deliver(a, d, &ro, name, "survey_print", what);
	print_said(sv, first, count, rc);
out:
	yz_survey_set_free(&set);
	return rc < 0 ? 0 : rc;
}

int cmd_survey_issue(yz_app *a, int argc, char **argv)
{
	const char *cmd = "survey issue";
	survey_opt o;
	yz_survey_set set = {0};
	const yz_survey *sv = NULL;
	long count = 0, first = 0;
	int rc = start(a, cmd, O_COUNT | O_FROM, argc, argv, &o, issue_help, &set, &sv);
	if (rc != 0)
		goto out;
	if (!o.count) {
		app_printf(stderr, _("yizhan %s: how many papers? Give --count N\n"), cmd);
		rc = 2;
		goto out;
	}
	if ((rc = whole(cmd, "--count", o.count, 1, YZ_SURVEY_PRINT_MAX, &count)) != 0 ||
	    (rc = record(a, cmd, &o, sv, count, &first)) != 0)
		goto out;
	char f[SERIAL_TEXT], l[SERIAL_TEXT];
	yz_survey_serial_text(first, f, sizeof f);
	yz_survey_serial_text(first + count - 1, l, sizeof l);
	app_printf(stdout, _("Papers %s to %s of survey %s, recorded as issued.\n"), f, l, sv->id);
out:
	yz_survey_set_free(&set);
	return rc < 0 ? 0 : rc;
}

/* ---- survey report ----------------------------------------------------------------- */

static void report_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan survey report NAME [--by QUESTION] [--format "
	             "pdf|xlsx|csv|csv-utf8] [--out FILE]\n"
	             "The tallies of survey NAME, for the station head and the admin: papers "
	             "issued, returned and valid with their rates, every question's counts and "
	             "percentages, means, the other answers; --by QUESTION adds every choice "
	             "question cross-tabulated by that one (a demographic question: age, sex, "
	             "education). --format: pdf (the default, A4 with bar charts), xlsx (a sheet "
	             "per question and cross-tab, and the raw answers), csv (GB18030), csv-utf8. "
	             "Without --out the file is named station-survey-NAME-date and written in "
	             "the current folder.\n"));
}

int cmd_survey_report(yz_app *a, int argc, char **argv)
{
	const char *cmd = "survey report";
	survey_opt o;
	yz_survey_set set = {0};
	const yz_survey *sv = NULL;
	yz_survey_tally *t = NULL;
	int format = YZ_REPORT_PDF;
	/* --format is checked before the station is opened and an account asked for */
	int rc = parse(cmd, O_BY | O_FORMAT | O_OUT, argc, argv, &o, report_help);
	if (rc == 0 && o.format && (format = yz_report_format_from(o.format)) < 0) {
		app_printf(stderr, _("yizhan %s: --format is pdf, xlsx, csv or csv-utf8, not %s\n"),
		           cmd, o.format);
		rc = 2;
	}
	if (rc != 0 || (rc = open_survey(a, cmd, &o, &set, &sv)) != 0)
		goto out;
	if (o.by && !yz_survey_question(sv, o.by)) {
		app_printf(stderr, _("yizhan %s: survey %s has no question %s\n"), cmd, sv->id,
		           o.by);
		rc = 2;
		goto out;
	}
	yz_err err = {{0}};
	if (yz_service_survey_count(&a->sess, sv, o.by, &t, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		rc = err.code == YZ_ERR_DENIED || err.code == YZ_ERR_INVALID ? 2 : 1;
		goto out;
	}
	char name[512];
	const char *path = o.out;
	if (!path) {
		yz_service_survey_file_name(&a->sess, t, (yz_report_format)format, name,
		                            sizeof name);
		path = name;
	}
	if (yz_service_survey_report(&a->sess, t, (yz_report_format)format, path, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		rc = err.code == YZ_ERR_DENIED ? 2 : 1;
		goto out;
	}
	app_printf(stdout, _("Written: %s (issued %ld, returned %ld, valid %ld; %zu questions)\n"),
	           path, t->papers.issued, t->papers.returned, t->papers.valid, t->n_qs);
out:
	yz_survey_tally_free(t);
	yz_survey_set_free(&set);
	return rc < 0 ? 0 : rc;
}

/* ---- survey diff ----------------------------------------------------------------------- */

static void diff_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan survey diff NAME [--serial S]\n"
	             "The answers the two keyings of a double-entry survey's papers disagree on "
	             "(of every paper waiting for a third look, or of paper S): serial, question, "
	             "the first and the second keying's values and who keyed them. The "
	             "differences are settled on the counter's survey screen.\n"));
}

int cmd_survey_diff(yz_app *a, int argc, char **argv)
{
	const char *cmd = "survey diff";
	survey_opt o;
	yz_survey_set set = {0};
	const yz_survey *sv = NULL;
	yz_survey_diffs df = {0};
	long serial = 0;
	int rc = start(a, cmd, O_SERIAL, argc, argv, &o, diff_help, &set, &sv);
	if (rc != 0)
		goto out;
	if (o.serial &&
	    (rc = whole(cmd, "--serial", o.serial, 1, YZ_SURVEY_SERIAL_MAX, &serial)) != 0)
		goto out;
	yz_err err = {{0}};
	if (yz_service_survey_diffs(&a->sess, sv, serial, &df, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		rc = err.code == YZ_ERR_DENIED ? 2 : 1;
		goto out;
	}
	if (df.n > 0) {
		app_print_padded(stdout, _("SERIAL"), 8);
		app_print_padded(stdout, _("QUESTION"), 34);
		app_print_padded(stdout, _("FIRST"), 18);
		app_print_padded(stdout, _("SECOND"), 18);
		app_printf(stdout, "%s\n", _("CLERKS"));
	}
	for (size_t i = 0; i < df.n; i++) {
		const yz_survey_diff *x = &df.items[i];
		char num[SERIAL_TEXT];
		yz_survey_serial_text(x->serial, num, sizeof num);
		app_print_padded(stdout, num, 8);
		app_print_padded(stdout, x->label, 34);
		app_print_padded(stdout, *x->first ? x->first : "-", 18);
		app_print_padded(stdout, *x->second ? x->second : "-", 18);
		app_printf(stdout, "%s / %s\n", x->clerk1, x->clerk2);
	}
	app_printf(stdout,
	           _("Papers with differences: %zu (answers: %zu). Keyed once, waiting for the "
	             "second keying: %zu.\n"),
	           df.n_papers, df.n, df.n_waiting);
out:
	yz_survey_diffs_free(&df);
	yz_survey_set_free(&set);
	return rc < 0 ? 0 : rc;
}

/* ---- survey void ------------------------------------------------------------------- */

static void void_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan survey void NAME SERIAL --reason TEXT\n"
	             "Voids paper SERIAL of survey NAME (the station head or the admin): its "
	             "keyings and answers are removed, so that it can be keyed again; its serial "
	             "stays issued (a counter response's number is freed). The reason goes to "
	             "the audit log. Who filled in a voided paper of an anonymous survey stays "
	             "counted: nothing ties a paper to its proxy.\n"));
}

/* argv without its second word (the serial of `survey void NAME SERIAL`),
 * into rest; the word into *serial (NULL: none). The options' values are
 * not words. */
static int take_serial(int argc, char **argv, char **rest, const char **serial)
{
	int n = 0, words = 0;

	*serial = NULL;
	for (int i = 0; i < argc; i++) {
		const char *t = argv[i];
		if (t[0] == '-' && t[1] == '-' && strcmp(t, "--help") != 0 && !strchr(t, '=') &&
		    i + 1 < argc) {
			rest[n++] = argv[i++];
			rest[n++] = argv[i];
			continue;
		}
		if (t[0] != '-' && ++words == 2) {
			*serial = t;
			continue;
		}
		rest[n++] = argv[i];
	}
	rest[n] = NULL;
	return n;
}

int cmd_survey_void(yz_app *a, int argc, char **argv)
{
	const char *cmd = "survey void";
	survey_opt o;
	yz_survey_set set = {0};
	const yz_survey *sv = NULL;
	const char *word = NULL;
	long serial = 0;
	char **rest = calloc((size_t)argc + 1, sizeof *rest);
	int rc;

	if (!rest)
		return 1;
	int n = take_serial(argc, argv, rest, &word);
	rc = start(a, cmd, O_REASON, n, rest, &o, void_help, &set, &sv);
	if (rc != 0)
		goto out;
	if (!word) {
		app_printf(stderr, _("yizhan %s: which paper? Give its serial number\n"), cmd);
		rc = 2;
		goto out;
	}
	if ((rc = whole(cmd, "SERIAL", word, 1, YZ_SURVEY_SERIAL_MAX, &serial)) != 0)
		goto out;
	if (!o.reason || !o.reason[0]) {
		app_printf(stderr, _("yizhan %s: say why with --reason TEXT (it is audited)\n"),
		           cmd);
		rc = 2;
		goto out;
	}
	yz_err err = {{0}};
	if (yz_service_survey_void(&a->sess, sv, serial, o.reason, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		rc = err.code == YZ_ERR_DENIED || err.code == YZ_ERR_INVALID ||
		             err.code == YZ_ERR_NOT_FOUND
		         ? 2
		         : 1;
		goto out;
	}
	char num[SERIAL_TEXT];
	yz_survey_serial_text(serial, num, sizeof num);
	app_printf(stdout,
	           _("Paper %s of survey %s voided: it can be keyed again; its serial stays "
	             "issued.\n"),
	           num, sv->id);
out:
	yz_survey_set_free(&set);
	free(rest);
	return rc < 0 ? 0 : rc;
}
