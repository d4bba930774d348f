/* tui: the counter UI on ncursesw — widgets (field editor, lists, dialogs, key bar)
 * and screens, one per file in src/tui/screens/. No SQL: data comes through store
 * and service. */
#ifndef YZ_TUI_H
#define YZ_TUI_H

#include <stdbool.h>

#include "yizhan/service.h"

/* Issue 20: what the program does once the login screen is on the terminal —
 * open the station: its store, forms and calendar (they fill s). The login
 * screen needs only s->cfg, so a counter shows it before paying for the
 * rest. It runs in a thread of its own while the clerk types a name and a
 * password, so it must not touch the terminal; the UI reads what it fills
 * in s only once it has returned (the password's Enter waits for it). 0, or
 * -1 when the station cannot be used (the UI then ends, and the opener has
 * kept its reasons to tell once the screen is closed). */
typedef int (*yz_tui_open_fn)(yz_session *s, void *ctx);

/* Run the counter UI until the clerk quits. s has cfg set, and store and cat
 * once open(s, ctx) has returned 0 — right after the first paint; login
 * fills s->user. In kiosk mode (yizhan --kiosk) the login screen never quits
 * and only an admin ends the UI (F12 on home, confirmed). Returns the process
 * exit status: 0 when the UI was ended on purpose (quit at login; in kiosk mode
 * the admin's end), 1 when the terminal could not be set up or open failed. */
int yz_tui_run(yz_session *s, bool kiosk, yz_tui_open_fn open, void *ctx);

/* Issue 17: a department's workstation at the district hub (`yizhan hub
 * --dept CODE`): the department's inbox on its own, over the session d (the
 * service's, service/district.h); s has cfg set and no store. Returns 0 when
 * the clerk quit, 1 when the terminal could not be set up. */
struct yz_district;
int yz_tui_run_dept(yz_session *s, struct yz_district *d);

/* Issue 19: the ticket kiosk (`yizhan ticket`): residents take a number; no
 * clerk signs in. Runs until Ctrl-Q followed by "quit" and Enter (a resident
 * never ends it by accident). Returns 0, or 1 when the terminal could not be set up. */
int yz_tui_run_ticket(yz_session *s);
/* Issue 19: the hall display (`yizhan hall`): what each window serves, the
 * last calls and the waiting counts, in big characters; each new call is
 * spoken (yz_service_speak), or written as a WAV file into wav_dir when it is
 * not NULL. Returns as yz_tui_run_ticket. */
int yz_tui_run_hall(yz_session *s, const char *wav_dir);

#endif
