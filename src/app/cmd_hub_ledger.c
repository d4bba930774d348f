/* yizhan hub ledger (issue 17): being written (placeholder of the lead's
 * scaffolding; the helper that owns this file replaces it). */
#include <stdio.h>

#include "../intl.h"
#include "app.h"
#include "hub_cli.h"

int cmd_hub_ledger(yz_app *a, int argc, char **argv)
{
	(void)a;
	(void)argc;
	(void)argv;
	app_printf(stderr, "%s\n", _("yizhan hub ledger: not built yet"));
	return 2;
}
