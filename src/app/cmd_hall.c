/* yizhan hall [--wav-dir DIR] (issue 19): the hall display, full screen, on
 * the terminal driving the hall's TV (screens/hall.c). It only reads, and
 * speaks each call (yz_service_speak); with --wav-dir the sound of call id is
 * written to DIR/call-<id>.wav instead of played (the tests, a station that
 * keeps its calls). */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"
#include "yizhan/tui.h"

typedef struct hall_opt {
	const char *wav_dir;
	bool help;
} hall_opt;

int cmd_hall(yz_app *a, int argc, char **argv)
{
	hall_opt o = {0};
	static const app_opt opts[] = {{"--wav-dir", offsetof(hall_opt, wav_dir), 0, false}};
	const app_opts p = {.opt = opts, .n = 1, .help = &o.help};
	if (app_opts_parse("hall", &p, argc, argv, &o) != 0)
		return 2;
	if (o.help) {
		app_printf(stdout, "%s\n",
		           _("Usage: yizhan hall [--wav-dir DIR]\n"
		             "The hall display, full screen: the ticket each window serves in big "
		             "characters, the last calls, the waiting per queue; each call spoken "
		             "(hall_voice in yizhan.conf), or with --wav-dir written to "
		             "DIR/call-ID.wav. q or Ctrl-Q ends it."));
		return 0;
	}
	if (o.wav_dir) {
		struct stat sb;
		if (!*o.wav_dir || stat(o.wav_dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
		    access(o.wav_dir, W_OK) != 0) {
			app_printf(stderr,
			           _("yizhan hall: --wav-dir %s is not a folder yizhan can write "
			             "into\n"),
			           o.wav_dir);
			return 2;
		}
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		app_printf(stderr, "%s\n",
		           _("yizhan hall: the hall display needs a terminal for its screen "
		             "(standard input or output is redirected)."));
		return 2;
	}
	a->command = false; /* it only reads: nobody signs in */
	if (app_open(a) != 0)
		return 1;
	memset(&a->sess.user, 0, sizeof a->sess.user);
	return yz_tui_run_hall(&a->sess, o.wav_dir);
}
