/* yizhan ticket (issue 19): the ticket kiosk, full screen, on the terminal of
 * the hall's receipt printer (screens/ticket.c). Nobody signs in: the kiosk
 * is the residents', and only writes tickets (yz_service_ticket_take /
 * _arrive), so an account mapped to the OS user is not taken on. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"
#include "yizhan/tui.h"

static void ticket_help(void)
{
	app_printf(stdout, "%s\n",
	           _("Usage: yizhan ticket\n"
	             "The ticket kiosk, full screen: residents press the letter (or the number) "
	             "of a queue and take a ticket, printed on the receipt printer "
	             "(ticket_printer in yizhan.conf, else the station's); F2 or Y checks in an "
	             "appointment by its booking number or the resident's ID number. Staff end "
	             "it with Ctrl-Q, then typing quit and Enter."));
}

int cmd_ticket(yz_app *a, int argc, char **argv)
{
	bool help = false;
	const app_opts p = {.opt = NULL, .n = 0, .help = &help};
	if (app_opts_parse("ticket", &p, argc, argv, NULL) != 0)
		return 2;
	if (help) {
		ticket_help();
		return 0;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		app_printf(stderr, "%s\n",
		           _("yizhan ticket: the ticket kiosk needs a terminal for its keys and "
		             "screen (standard input or output is redirected)."));
		return 2;
	}
	if (a->cfg.n_queues == 0) {
		app_printf(stderr, "%s\n",
		           _("yizhan ticket: yizhan.conf has no queues ([queue X] sections)."));
		return 1;
	}
	a->command = false; /* no account: app_open signs nobody in */
	if (app_open(a) != 0)
		return 1;
	memset(&a->sess.user, 0, sizeof a->sess.user);
	/* It runs all day like the counter: rendering and CUPS in short-lived
	 * children (main.c's print_opts; YIZHAN_RENDER_ISOLATED overrides). */
	const char *iso = getenv("YIZHAN_RENDER_ISOLATED");
	a->sess.print.isolated = !(iso && *iso) || strcmp(iso, "1") == 0;
	return yz_tui_run_ticket(&a->sess);
}
