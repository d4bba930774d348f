/* Helpers shared by the lifecycle screens: what became of a printed notice.
 * (Which keys a case shows is the service's answer, yz_service_case_actions.) */
#include <stdio.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

void tui_outcome_msg(yz_tui *t, const char *what, int rc, const yz_print_outcome *po,
                     const yz_err *err)
{
	if (rc != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err->msg);
		return;
	}
	if (!po) {
		tui_msg(t, TUI_MSG_OK, "%s", what);
	} else if (po->saved) {
		tui_msg(t, TUI_MSG_OK, _("%s The notice was saved to %s (no printer)."), what,
		        po->saved_path);
	} else if (po->printed) {
		tui_msg(t, TUI_MSG_OK, _("%s The notice was printed."), what);
	} else if (err->code == YZ_ERR_NONE) {
		tui_msg(t, TUI_MSG_OK, "%s", what); /* nothing was to print */
	} else { /* done, but the notice did not print (YZ_ERR_PRINTER) */
		tui_msg(t, TUI_MSG_ERROR,
		        _("%s The notice did not print (%s); it waits in the reprint list."), what,
		        err->msg);
	}
}
