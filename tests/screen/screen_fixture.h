/* What the screen tests share: a demo station in a temporary folder made by
 * `yizhan init --demo`, the program started on it under the pty, the clerk's
 * log-in and log-out, and the SEE assertion. One station per test program. */
#ifndef YZ_TEST_SCREEN_FIXTURE_H
#define YZ_TEST_SCREEN_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vt.h"
#include "yizhan/store.h"

/* Environments for vt_spawn: a Chinese clerk (UTF-8), a GB18030 terminal as on
 * a station PC set up for GB18030, an English-speaking clerk. */
extern const char *const scr_env_zh[];
extern const char *const scr_env_gb[];
extern const char *const scr_env_en[];

/* Assert that text appears; on failure show the screen. With YZ_SCREEN_DUMP=1
 * every screen an assertion saw is shown. */
#define SEE(v, text)                                                                               \
	do {                                                                                       \
		if (!vt_wait_for(v, text, VT_TIMEOUT)) {                                           \
			fprintf(stderr, "expected on screen: %s\n", text);                         \
			vt_dump(v);                                                                \
			fail();                                                                    \
		}                                                                                  \
		if (getenv("YZ_SCREEN_DUMP"))                                                      \
			vt_dump(v);                                                                \
	} while (0)

/* Take the yizhan binary from the command line; nonzero (the exit status)
 * after printing the usage when it is missing. */
int scr_args(int argc, char **argv);

/* Make the station: a temporary folder named after tag, then `yizhan init
 * --demo` with the extra arguments (NULL-terminated list, or NULL). */
int scr_station(const char *tag, const char *const extra[]);

/* The station's folder and its database file. */
const char *scr_home(void);
const char *scr_db(void);

/* Open the station's database; on failure say why on stderr. */
int scr_store_open(yz_store **st, yz_err *err);

/* A cmocka group teardown: remove the station unless YZ_KEEP_HOME is set. */
int scr_teardown(void **state);

/* Start the program on the station under env in a rows x cols terminal, the
 * program speaking charset (NULL = UTF-8). */
vt *scr_start(const char *const env[], int rows, int cols, const char *charset);

/* Wait for the log-in screen (prompt) and type user and password. */
void scr_login(vt *v, const char *prompt, const char *user, const char *password);

/* From the home screen: F10 logs out, then (prompt seen) F10 quits; the
 * program must exit with 0. */
void scr_quit(vt *v, const char *prompt);

/* An English-speaking user (password demo1234) logged in, on the home screen. */
vt *scr_start_en(const char *user);

/* Esc back to the English home screen ("Accepted today"), then scr_quit. */
void scr_esc_quit(vt *v);

/* Like scr_start, with more arguments after "--home DIR" (NULL-terminated). */
vt *scr_start_args(const char *const env[], int rows, int cols, const char *const args[]);

/* Append text to the station's yizhan.conf (counter sections, say). */
void scr_conf_append(const char *text);

/* Run `yizhan ARGS... --home DIR` (args NULL-terminated) without a terminal;
 * its standard output into out (n bytes, NUL-terminated). The exit status, or
 * -1 when it could not run. */
int scr_command(const char *const args[], char *out, size_t n);

/* The case number on the screen after a submission ("已受理：办件编号
 * <code>-<year>-<6 digits>") into out; fails the test when there is none. */
void scr_case_number(vt *v, char *out, size_t n);

/* The demo registry's resident id, read from the station's database; 0, or -1
 * with why on stderr. */
int scr_demo_resident(int64_t id, yz_resident *out);

/* F4, then F7 (by number): the case with that number opened. */
void scr_open_case(vt *v, const char *number);

/* On a waiting case: M, every material the resident brings ticked as offered,
 * the clock running again. */
void scr_materials_complete(vt *v);

/* On a case: F, forwarded to the list's first department, its due date as
 * offered. */
void scr_forward_first(vt *v);

/* On an open case: D, closed with the first result offered and no note. */
void scr_close_first(vt *v);

/* F4, then F6: the print queue. */
void scr_print_queue(vt *v);

/* Wait until the row holding key also holds text; false with the screen shown. */
bool scr_wait_row(vt *v, const char *key, const char *text);

/* English UI: F9 until the screen shows until; each time submit stops, what it
 * asks for is given — date for the residence start, a mobile number for a
 * phone, Y for the urgent/reply yes-no fields, Space for an unticked
 * material, 1 for any other required field. Fails when until never shows. */
void scr_submit_until(vt *v, const char *date, const char *until);

/* Audit rows of action by actor whose detail holds like; -1 when unreadable. */
long scr_audit_count(const char *action, const char *actor, const char *like);

/* Files the private cupsd captured (YZ_CAPTURE_DIR) whose names start with
 * prefix ("receipt-"), a job still being written (.part) not counted. */
int scr_captures(const char *prefix);

/* Wait until scr_captures(prefix) reaches want; false when it does not in time. */
bool scr_wait_captures(const char *prefix, int want);

/* Today's local date, YYYY-MM-DD. */
void scr_today(char out[11]);

/* For the flows (flows.h), which return rather than fail: wait for text; false
 * with "who: expected on screen" and the screen on stderr. */
bool scr_seen(vt *v, const char *who, const char *text);

/* For the flows: F2 and the item titled title, by its digit among the
 * station's most used, else by its pinyin initials and Enter; false (why on
 * stderr, tagged who) when the catalogue did not answer. */
bool scr_pick_item(vt *v, const char *who, const char *title, const char *pinyin);

#endif
