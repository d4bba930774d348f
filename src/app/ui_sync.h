/* The counter UI's sync with the district hub (issue 17, ui_sync.c): a small
 * helper process that runs `yizhan sync` every hub_every minutes while the
 * counter is open, so that nothing at the counter waits for the network. */
#ifndef YZ_APP_UI_SYNC_H
#define YZ_APP_UI_SYNC_H

#include <sys/types.h>

#include "yizhan/service.h"

/* Start the helper when c names a hub and hub_every is above 0; its process id,
 * or 0 when there is none (no hub, or it could not be started: the counter
 * works all the same, and `yizhan sync` still syncs). */
pid_t app_ui_sync_start(const yz_config *c);

/* End the helper started by app_ui_sync_start and reap it (pid 0: nothing). A
 * sync it started and that is still running finishes on its own. */
void app_ui_sync_stop(pid_t pid);

#endif
