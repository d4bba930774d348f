/* Job states of the print queue: the IPP job-state values CUPS reports, and
 * their names for the clerk. Needs only libcups' header (the values), not the
 * library, so it stays out of the render module. */
#include <cups/ipp.h>

#include "../intl.h"
#include "print-int.h"

/* ---- job state ----------------------------------------------------------------- */

yz_job_state yz_cups_map_job_state(int ipp_state)
{
	switch (ipp_state) {
	case IPP_JSTATE_PENDING:
		return YZ_CUPS_JOB_PENDING;
	case IPP_JSTATE_HELD:
		return YZ_CUPS_JOB_HELD;
	case IPP_JSTATE_PROCESSING:
		return YZ_CUPS_JOB_PRINTING;
	case IPP_JSTATE_COMPLETED:
		return YZ_CUPS_JOB_DONE;
	case IPP_JSTATE_STOPPED:
	case IPP_JSTATE_CANCELED:
	case IPP_JSTATE_ABORTED:
		return YZ_CUPS_JOB_FAILED;
	}
	return YZ_CUPS_JOB_UNKNOWN;
}

const char *yz_job_state_name(yz_job_state state)
{
	switch (state) {
	case YZ_CUPS_JOB_UNKNOWN:
		return _("unknown to the print server");
	case YZ_CUPS_JOB_PENDING:
		return _("waiting to print");
	case YZ_CUPS_JOB_HELD:
		return _("held");
	case YZ_CUPS_JOB_PRINTING:
		return _("printing");
	case YZ_CUPS_JOB_DONE:
		return _("printed");
	case YZ_CUPS_JOB_FAILED:
		return _("failed");
	}
	return _("unknown to the print server");
}
