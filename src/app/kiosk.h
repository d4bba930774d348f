/* The kiosk supervisor of `yizhan --kiosk` (kiosk.c): the counter UI runs in a
 * child process that is started again at the login screen whenever it dies. */
#ifndef YZ_APP_KIOSK_H
#define YZ_APP_KIOSK_H

#include <stdbool.h>

/* The exit status of `yizhan --kiosk` when an admin ended the counter on
 * purpose (F12 on the admin's home). Anything else — a signal's 128+N, a
 * failure — is not a deliberate end: a wrapper or a unit may start it again. */
enum { KIOSK_EXIT_ENDED = 0 };

/* Become the supervisor: ignore the keyboard's signals (SIGINT, SIGQUIT,
 * SIGTSTP) for good, fork the UI child, wait, and fork a new one when it died
 * by a signal or failed, with a growing pause and a plain message when it keeps
 * failing. Returns true in the supervisor when it is done, with the process's
 * exit status in *status: KIOSK_EXIT_ENDED when the UI ended with status 0,
 * 128+N when the terminal hung up (SIGHUP) or the supervisor was told to stop
 * (SIGHUP, SIGTERM). Returns false in a fresh UI child, which goes on to run
 * the counter UI and exits with its status; also false, without forking, when
 * standard input or output is not a terminal (the UI then says why). */
bool app_kiosk_supervise(int *status);

#endif
