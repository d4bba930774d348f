/* yizhan print CASE --doc receipt|DOC-ID [--printer NAME]: print (or reprint)
 * one document of a case through CUPS: the receipt or any document of the
 * case's form (an id it does not have is refused with the ids it has). */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

static int parse_args(int argc, char **argv, const char **cs, const char **doc,
                      const char **printer)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--doc") && i + 1 < argc)
			*doc = argv[++i];
		else if (!strcmp(argv[i], "--printer") && i + 1 < argc)
			*printer = argv[++i];
		else if (argv[i][0] != '-' && !*cs)
			*cs = argv[i];
		else
			return -1;
	}
	return *cs && *doc ? 0 : -1;
}

int cmd_print(yz_app *a, int argc, char **argv)
{
	const char *cs = NULL, *doc = NULL, *printer = NULL;
	if (parse_args(argc, argv, &cs, &doc, &printer) != 0) {
		app_printf(stderr,
		           _("Usage: yizhan print CASE --doc receipt|DOC-ID [--printer NAME]\n"
		             "DOC-ID: a document of the case's form, such as certificate;\n"
		             "a wrong one is answered with the case's documents.\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	int need = app_need_account(a, "print");
	if (need != 0)
		return need;
	/* The acting account's view: a case it may not see is not printed. */
	yz_case c;
	yz_err err = {{0}};
	if (yz_service_case_find(&a->sess, cs, &c, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	cs = c.number;
	char counter[256];
	if (!printer && yz_service_counter_text(&a->sess, false, counter, sizeof counter))
		app_printf(stderr, "yizhan: %s\n", counter); /* printed all the same */
	if (app_audit_read(a, "case_print", "case %s, document %.64s to %.256s", cs, doc,
	                   printer ? printer : "the counter's printer") != 0)
		return 1;
	yz_print_outcome out;
	if (yz_service_print(&a->sess, cs, doc, printer, &out, &err) != 0) {
		/* Only a document that did not print has a job waiting (YZ_ERR_PRINTER). */
		if (err.code == YZ_ERR_PRINTER)
			app_printf(stderr,
			           _("Not printed: %s\nThe job waits in the reprint list.\n"),
			           err.msg);
		else
			app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	if (out.saved)
		app_printf(stdout, _("No printer is set; saved to %s\n"), out.saved_path);
	else
		app_printf(stdout, _("Sent %s of %s to printer %s (job %d).\n"), doc, cs,
		           out.printer, out.cups_job_id);
	return 0;
}
