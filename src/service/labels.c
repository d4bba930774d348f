/* Words for what the database stores as codes: timeline event kinds and UTC
 * times, shared by the case view and `yizhan cases show`. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "yizhan/service.h"

const char *yz_service_event_label(const char *kind)
{
	static const struct {
		const char *kind; /* as stored in case_events */
		const char *name; /* for the clerk */
	} names[] = {
	    {"accepted", N_("accepted")},
	    {"printed", N_("printed")},
	    {"print_failed", N_("print failed")},
	    {"reprinted", N_("reprinted")},
	    {"done", N_("done")},
	    {"saved", N_("saved to file")},
	    {"transition", N_("state changed")},
	    {"closed", N_("closed")},
	    {"paused", N_("waiting for materials")},
	    {"resumed", N_("materials complete")},
	    {"forwarded", N_("forwarded")},
	    {"dept_result", N_("result returned")},
	    {"notified", N_("resident notified")},
	    {"collected", N_("result collected")},
	    {"handed_over", N_("handed over")},
	    {"rated", N_("rated")},
	    {"withdrawn", N_("withdrawn")},
	    {"reopened", N_("reopened")},
	    {"extension_requested", N_("extension asked")},
	    {"extension_approved", N_("extension approved")},
	    {"extension_rejected", N_("extension rejected")},
	    {"refuse_requested", N_("refusal asked")},
	    {"refuse_approved", N_("refusal approved")},
	    {"refuse_rejected", N_("refusal rejected")},
	    {"close_bad_rating_requested", N_("closing asked (bad rating)")},
	    {"close_bad_rating_approved", N_("closing approved")},
	    {"close_bad_rating_rejected", N_("closing rejected")},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(kind, names[i].kind) == 0)
			return _(names[i].name);
	return kind;
}

void yz_service_local_time(const char *utc, char *buf, size_t n)
{
	struct tm tm = {0}, lt;
	const char *end = strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
	time_t when = end ? timegm(&tm) : (time_t)-1;
	if (when == (time_t)-1 || !localtime_r(&when, &lt) ||
	    strftime(buf, n, "%Y-%m-%d %H:%M", &lt) == 0)
		snprintf(buf, n, "%s", utc);
}
