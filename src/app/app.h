/* app: the program — command line, configuration, locale, and one small file per
 * command (cmd_*.c), as tmux keeps its commands. */
#ifndef YZ_APP_H
#define YZ_APP_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#include "yizhan/service.h"
#include "yizhan/store.h" /* commands may use the whole store */

/* Everything a command works with. */
typedef struct yz_app {
	yz_config cfg;           /* yizhan.conf, defaults filled first */
	yz_store *store;         /* NULL until app_open */
	yz_catalogue cat;        /* forms/ */
	yz_calendar calendar;    /* working days (cfg.calendar_file) */
	yz_session sess;         /* points at the above */
	const char *argv0;       /* for messages */
	const char *counter_opt; /* --counter N (issue 10); NULL = not given */
} yz_app;

/* One command: `yizhan <name> [<sub>] args…`. */
typedef struct yz_command {
	const char *name;  /* e.g. "cases" */
	const char *sub;   /* e.g. "list"; NULL when the command has none */
	const char *usage; /* one line for --help (translated) */
	int (*run)(yz_app *a, int argc, char **argv); /* argv after the command words */
} yz_command;

/* Locale and message catalogue: Chinese unless the locale asks for English. */
void app_setup_locale(void);

/* The data directory: --home, then $YIZHAN_HOME, then $XDG_DATA_HOME/yizhan, then
 * ~/.local/share/yizhan. */
void app_resolve_home(const char *opt, char *out, size_t n);

/* Read yizhan.conf (if present) into a->cfg; 0 or -1 with a message on stderr. */
int app_load_config(yz_app *a, const char *home);
/* Open the station database and the forms; 0 or -1 with a message on stderr. A
 * missing station is an error that names `yizhan init`. */
int app_open(yz_app *a);
void app_close(yz_app *a);

/* Print UTF-8 text in the terminal's character set (GB18030 terminals too). */
void app_print(FILE *f, const char *utf8);
void app_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Left-justify to a display width (CJK counts two columns). */
void app_print_padded(FILE *f, const char *utf8, int width);

int cmd_init(yz_app *a, int argc, char **argv);
int cmd_forms_check(yz_app *a, int argc, char **argv);
int cmd_cases_list(yz_app *a, int argc, char **argv);
int cmd_cases_show(yz_app *a, int argc, char **argv);
int cmd_staff_list(yz_app *a, int argc, char **argv);
int cmd_staff_set(yz_app *a, int argc, char **argv);
int cmd_staff_sensitive(yz_app *a, int argc, char **argv);
int cmd_staff_absent(yz_app *a, int argc, char **argv);
int cmd_print(yz_app *a, int argc, char **argv);
int cmd_audit_verify(yz_app *a, int argc, char **argv);
int cmd_residents_find(yz_app *a, int argc, char **argv);
int cmd_residents_import(yz_app *a, int argc, char **argv);
int cmd_residents_export(yz_app *a, int argc, char **argv);
int cmd_calendar_workdays(yz_app *a, int argc, char **argv);
int cmd_calendar_moved(yz_app *a, int argc, char **argv);
int cmd_verify(yz_app *a, int argc, char **argv);
int cmd_user_add(yz_app *a, int argc, char **argv);
int cmd_user_passwd(yz_app *a, int argc, char **argv);
int cmd_user_list(yz_app *a, int argc, char **argv);

/* The one argument of a command that takes options and one word (residents *):
 * app_take_arg takes word when it is not an option and the first one, else
 * says why not and returns 2 (the exit code); app_need_arg returns 2 with a
 * message when no word came. In cmd_sheet.c. */
int app_take_arg(const char *cmd, const char *word, const char **arg);
int app_need_arg(const char *cmd, const char *arg);

/* Registry documents (cmd_sheet.c, cmd_grid.c): what they are printed on. */
typedef struct app_registry_opt {
	const char *arg;     /* the household number or the grid */
	const char *printer; /* --printer, NULL = configured A4 printer */
	const char *pdf;     /* --pdf FILE: write the PDF there instead of printing */
	const char *as;      /* --as LOGIN: print with that clerk's view */
	bool masked;         /* --masked: ID numbers masked (a copy handed out) */
} app_registry_opt;
int app_registry_opts(const char *cmd, int argc, char **argv, app_registry_opt *o);
int app_registry_user(yz_app *a, const app_registry_opt *o);
/* Print or save d (freed), telling where; the exit status. */
int app_registry_deliver(yz_app *a, yz_doc *d, const app_registry_opt *o, const char *name);
int cmd_residents_sheet(yz_app *a, int argc, char **argv);
int cmd_grid_list(yz_app *a, int argc, char **argv);
int cmd_grid_book(yz_app *a, int argc, char **argv);

#endif
