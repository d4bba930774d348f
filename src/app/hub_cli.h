/* hub_cli.h: what the `yizhan hub …` commands share (cmd_hub.c): the
 * connection as every hub command makes it, and the way a hub command gives
 * up. The commands themselves: cmd_hub.c (admin, inbox, answer),
 * cmd_hub_stats.c (district statistics), cmd_hub_ledger.c (district
 * ledgers), cmd_hub_publish.c (files published to the stations). */
#ifndef YZ_APP_HUB_CLI_H
#define YZ_APP_HUB_CLI_H

#include "app.h"
#include "yizhan/hub.h"

/* Connect: url (--url), else $YIZHAN_HUB_URL, else yizhan.conf's hub with
 * its hub_password. 0, or 1 after a message naming cmd ("hub stats"). */
int app_hub_connect(yz_app *a, const char *cmd, const char *url, yz_hub **h);
/* Say err's message after "yizhan CMD: ", close h (may be NULL); returns 1. */
int app_hub_fail(const char *cmd, yz_hub *h, const yz_err *err);

#endif
