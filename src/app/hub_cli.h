/* hub_cli.h: what the `yizhan hub …` commands share (cmd_hub.c): the
 * connection as every hub command makes it, and the way a hub command gives
 * up. The commands themselves: cmd_hub.c (admin, inbox, answer),
 * cmd_hub_stats.c (district statistics), cmd_hub_ledger.c (district
 * ledgers), cmd_hub_publish.c (files published to the stations). */
#ifndef YZ_APP_HUB_CLI_H
#define YZ_APP_HUB_CLI_H

#include <stdbool.h>

#include "app.h"
#include "yizhan/hub.h"

/* Connect: url (--url), else $YIZHAN_HUB_URL, else yizhan.conf's hub with
 * its hub_password. 0, or 1 after a message naming cmd ("hub stats"). */
int app_hub_connect(yz_app *a, const char *cmd, const char *url, yz_hub **h);
/* A session without a station, for the district's figures and ledgers
 * (the service lets only the hub's admin login make them): connects (url as
 * app_hub_connect), takes what the district publishes into a private folder
 * read as the district folder (removed at exit), then the calendar in force
 * there, the forms (app_load_forms; need_forms: none is an error, else best
 * effort), today; no store. 0 with *h open, or 1 after a message naming cmd
 * (*h NULL). */
int app_hub_session(yz_app *a, const char *cmd, const char *url, bool need_forms, yz_hub **h);
/* Write the district's report r to out (NULL: its own name in the current
 * folder) in format f and say where (rows: with its rows' count). No audit
 * row: there is no station database at the hub. 0, or 1 after a message. */
int app_hub_write(yz_app *a, const char *cmd, const yz_report *r, yz_report_format f,
                  const char *out, bool rows);
/* Remove the folder dir and all under it (a temporary one this program
 * made; symbolic links are removed, never followed). */
void app_remove_tree(const char *dir);
/* Say err's message after "yizhan CMD: ", close h (may be NULL); returns 1. */
int app_hub_fail(const char *cmd, yz_hub *h, const yz_err *err);

#endif
