/* tui: the counter UI on ncursesw — widgets (field editor, lists, dialogs, key bar)
 * and screens, one per file in src/tui/screens/. No SQL: data comes through store
 * and service. */
#ifndef YZ_TUI_H
#define YZ_TUI_H

#include "yizhan/service.h"

/* Run the counter UI until the clerk quits. s has cfg, store and cat set; login
 * fills s->user. Returns the process exit status. */
int yz_tui_run(yz_session *s);

#endif
