/* Screen-test harness: run a program under a pseudo-terminal, feed it keys, and
 * read the screen back through libvterm, as a clerk would see it. */
#ifndef YZ_TEST_VT_H
#define YZ_TEST_VT_H

#include <stdbool.h>
#include <sys/types.h>

/* Keys as an xterm sends them in keypad-transmit mode (ncurses turns it on). */
#define VT_F1     "\033OP"
#define VT_F2     "\033OQ"
#define VT_F3     "\033OR"
#define VT_F4     "\033OS"
#define VT_F5     "\033[15~"
#define VT_F6     "\033[17~"
#define VT_F9     "\033[20~"
#define VT_F10    "\033[21~"
#define VT_UP     "\033OA"
#define VT_DOWN   "\033OB"
#define VT_RIGHT  "\033OC"
#define VT_LEFT   "\033OD"
#define VT_HOME   "\033OH"
#define VT_END    "\033OF"
#define VT_BTAB   "\033[Z"
#define VT_DEL    "\033[3~"
#define VT_ENTER  "\r"
#define VT_TAB    "\t"
#define VT_BS     "\177"
#define VT_PGUP   "\033[5~"
#define VT_PGDN   "\033[6~"
#define VT_ESC    "\033"
#define VT_CTRL_S "\023"
#define VT_CTRL_U "\025"

typedef struct vt vt;

/* Start argv[0] (a path) with argv under a pty of rows x cols. env holds
 * "NAME=value" entries to set and "NAME" entries to unset, NULL terminated. */
vt *vt_spawn(char *const argv[], const char *const env[], int rows, int cols);

/* Same, for a program that speaks charset (e.g. "GB18030", with LANG set to a
 * locale of that charset in env) rather than UTF-8: its output is converted to
 * UTF-8 before libvterm sees it (libvterm only speaks UTF-8), and the keys sent
 * by vt_send are converted from UTF-8 to charset. NULL means UTF-8. */
vt *vt_spawn_charset(char *const argv[], const char *const env[], int rows, int cols,
                     const char *charset);

/* Send bytes to the program (keys). */
void vt_send(vt *v, const char *keys);
/* The keys sent by vt_send and vt_esc so far, counted as a clerk presses them:
 * a function or cursor key is one key, every character one (a Chinese
 * character typed through an input method counts one). */
long vt_keys(const vt *v);
/* Write keys (UTF-8 terminals only) and return at once, without reading the
 * answer: for timing. */
void vt_send_now(vt *v, const char *keys);
/* Ctrl-Space: a NUL byte, as xterm, tmux and the Linux console send it (issue
 * 15: it switches a text field to pinyin). One key. */
void vt_ctrl_space(vt *v);
/* Send a lone Esc and give the program time to see it alone (not as Alt-x). */
void vt_esc(vt *v);

/* Read what the program wrote for up to ms milliseconds. */
void vt_pump(vt *v, int ms);

/* Wait until text appears anywhere on the screen; false after timeout_ms. */
bool vt_wait_for(vt *v, const char *text, int timeout_ms);
/* Wait until text is gone from the screen. */
bool vt_wait_gone(vt *v, const char *text, int timeout_ms);

/* One row as UTF-8 (wide characters once, trailing blanks removed); caller frees. */
char *vt_row(vt *v, int row);
/* The screen column where text starts on row, or -1 when it is not there. A
 * wide character counts two columns, so this is where a clerk sees it. */
int vt_col_of(vt *v, int row, const char *text);
/* The first row holding text, or -1. */
int vt_row_of(vt *v, const char *text);
/* The whole screen, rows separated by '\n'; caller frees. */
char *vt_text(vt *v);
/* Print the screen to stderr (for failing tests). */
void vt_dump(vt *v);

/* Change the terminal size (the program gets SIGWINCH). */
void vt_resize(vt *v, int rows, int cols);

/* Wait for the program to exit; returns its wait status, or -1 on timeout. */
int vt_wait_exit(vt *v, int timeout_ms);

/* Send signal sig (e.g. SIGKILL: a power cut) and wait for the program to end;
 * returns its wait status, or -1 on timeout. */
int vt_kill(vt *v, int sig);

/* The processor time (user + system, every thread, in ms) of a program that
 * has exited (vt_wait_exit, vt_kill); -1 before. */
double vt_cpu_ms(const vt *v);

/* The program's process id (to send it signals, to find its children). */
pid_t vt_pid(vt *v);

/* Close the terminal under the program, as a dropped SSH link or a closed
 * terminal window does (its session gets SIGHUP), and wait for it to end;
 * returns its wait status, or -1 on timeout. Nothing more can be sent. */
int vt_hangup(vt *v);

/* Kill (if still running) and free. */
void vt_close(vt *v);

/* Default timeout of the tests: generous, so that slow machines pass. */
#define VT_TIMEOUT 10000

/* ---- pinyin input (issue 15): the candidate bar on the bottom row ---------- */

/* Candidate d (1-9) of a bar row: the text after " d." up to the next space. */
bool vt_bar_candidate(const char *row, int d, char *out, size_t n);
/* The bottom row once it differs from before (NULL: any), shows candidates
 * (" 1.") or not as composing says, and has stayed so for 60 ms (not a row
 * the program is still drawing); malloc'd, NULL after timeout_ms. */
char *vt_bottom_when(vt *v, const char *before, bool composing, int timeout_ms);
/* In pinyin mode: type pinyin, then pick, page after page, the longest
 * candidate that continues target, as a clerk reading the bar does ('='
 * turns the page when none on it does). False (the screen dumped) when
 * target was not typed. */
bool vt_type_pinyin(vt *v, const char *pinyin, const char *target, int timeout_ms);
/* Whether the program has librime mapped: 1 or 0; -1 when its maps cannot
 * be read. */
int vt_rime_mapped(vt *v);

/* ---- timing a key (issue 20) ------------------------------------------------ */

/* Reads what the program writes until quiet_ms pass without a byte (before
 * the first byte: up to timeout_ms). Returns the milliseconds from the call to
 * the last byte received before that silence — the silence is not counted —
 * or -1 when nothing came; *bytes (when not NULL) gets how many came. */
double vt_settle(vt *v, int quiet_ms, int timeout_ms, size_t *bytes);
/* Sends keys (UTF-8 terminals only) and returns the milliseconds from their
 * write to the program's last byte before quiet_ms of silence (its answer
 * fully drawn), as vt_settle; -1 when it wrote nothing within timeout_ms.
 * Output pending before the write is read first and not counted. */
double vt_key_ms(vt *v, const char *keys, int quiet_ms, int timeout_ms, size_t *bytes);

#endif
