/* yizhan verify CODE: is the verification code printed on a receipt or a
 * certificate genuine, and which case, item and date is it of? The ID number is
 * never shown, and the name only as its first character. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

static const char *case_status(yz_case_status status)
{
	switch (status) {
	case YZ_CASE_DONE:
		return _("done");
	case YZ_CASE_ACCEPTED:
		return _("open");
	case YZ_CASE_STATUS_UNKNOWN:
		break;
	}
	return _("unknown");
}

static void report_genuine(const yz_verify_result *r)
{
	app_printf(stdout, _("Genuine: %s of case %s.\n"), r->doc_title, r->case_number);
	app_printf(stdout, _("Item: %s\n"), r->item);
	app_printf(stdout, _("Accepted on: %s\n"), r->date);
	app_printf(stdout, _("Applicant: %s\n"), r->resident_initial);
	app_printf(stdout, _("Case status: %s\n"), case_status(r->case_status));
}

int cmd_verify(yz_app *a, int argc, char **argv)
{
	if (argc < 1 || argc > 3 || argv[0][0] == '-') {
		app_printf(stderr, _("Usage: yizhan verify CODE\n"));
		return 2;
	}
	/* The code may be typed as three groups: "ABCD EFGH JKMN". */
	char code[64] = "";
	for (int i = 0; i < argc; i++)
		strncat(code, argv[i], sizeof(code) - strlen(code) - 1);
	if (app_open(a) != 0)
		return 1;
	yz_verify_result r;
	yz_err err = {{0}};
	if (yz_service_verify(&a->sess, code, &r, &err) != 0) {
		app_printf(stderr, _("Cannot check the code: %s\n"), err.msg);
		return 1;
	}
	switch (r.status) {
	case YZ_VERIFY_GENUINE:
		report_genuine(&r);
		return 0;
	case YZ_VERIFY_FORGED:
		app_printf(stdout,
		           _("NOT genuine: case %s exists, but no document of it has this code. "
		             "The paper may be forged or altered.\n"),
		           r.case_number);
		return 3;
	case YZ_VERIFY_UNKNOWN:
		break;
	}
	app_printf(stdout, _("Unknown code: this station issued no document with it. Check that "
	                     "it was typed right.\n"));
	return 4;
}
