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
	/* Issue 14, who is acting (identity.c). */
	const char *as_opt;          /* --as LOGIN; NULL = not given */
	const char *password_fd_opt; /* --password-fd N; NULL = ask on the terminal */
	bool acting;                 /* sess.user is an account that proved who it is */
	bool may_change_password;    /* the command is the change a must_change
	                              * account is asked for (user passwd) */
	char os_user[64];            /* the OS account, when os_accounts named the account */
	bool command;                /* a command runs (not the counter UI, which signs in) */
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
/* 0 when a->cfg names a station database that is there, else -1 with the
 * message that names `yizhan init` on stderr. */
int app_need_station(const yz_app *a);
/* Issue 14: the data directory, yizhan.conf, station.db, -wal and -shm closed
 * to other users (yz_private_dir / yz_private_file); 0 or -1 with err set. */
int app_private_station(const yz_config *c, yz_err *err);
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
int cmd_audit_anchor(yz_app *a, int argc, char **argv); /* issue 14, cmd_audit.c */
int cmd_residents_find(yz_app *a, int argc, char **argv);
int cmd_residents_import(yz_app *a, int argc, char **argv);
int cmd_residents_export(yz_app *a, int argc, char **argv);
int cmd_calendar_workdays(yz_app *a, int argc, char **argv);
int cmd_calendar_moved(yz_app *a, int argc, char **argv);
int cmd_verify(yz_app *a, int argc, char **argv);
int cmd_user_add(yz_app *a, int argc, char **argv);
int cmd_user_passwd(yz_app *a, int argc, char **argv);
int cmd_user_list(yz_app *a, int argc, char **argv);
int cmd_admin_reset(yz_app *a, int argc, char **argv);
int cmd_user_unlock(yz_app *a, int argc, char **argv); /* issue 14, cmd_user_unlock.c */
/* Issue 14: backup [FOLDER] and restore FILE (cmd_backup.c). */
int cmd_backup(yz_app *a, int argc, char **argv);
int cmd_restore(yz_app *a, int argc, char **argv);
/* Issue 16: the station's figures of a period (cmd_stats.c). */
int cmd_stats(yz_app *a, int argc, char **argv);
/* Issue 16: the station's ledgers: list and export NAME (cmd_ledger.c). */
int cmd_ledger_list(yz_app *a, int argc, char **argv);
int cmd_ledger_export(yz_app *a, int argc, char **argv);
/* Issue 18: the station's surveys: list, print, issue, report, diff
 * (cmd_survey.c). */
int cmd_survey_list(yz_app *a, int argc, char **argv);
int cmd_survey_print(yz_app *a, int argc, char **argv);
int cmd_survey_issue(yz_app *a, int argc, char **argv);
int cmd_survey_report(yz_app *a, int argc, char **argv);
int cmd_survey_diff(yz_app *a, int argc, char **argv);
int cmd_survey_void(yz_app *a, int argc, char **argv);
/* Issue 19: the hall. */
int cmd_ticket(yz_app *a, int argc, char **argv);     /* cmd_ticket.c: the ticket kiosk */
int cmd_hall(yz_app *a, int argc, char **argv);       /* cmd_hall.c: the hall display */
int cmd_hall_stats(yz_app *a, int argc, char **argv); /* cmd_hall_stats.c */
int cmd_appt(yz_app *a, int argc, char **argv);       /* cmd_appt.c: appointments */
int cmd_visit(yz_app *a, int argc, char **argv);      /* cmd_visit.c: home visits */
/* The forms into a->cat: forms_dir's, and over them the district's published
 * ones (yz_config_district_dir). say: print the files' problems and "no
 * usable forms". -1 when no form could be read. */
int app_load_forms(yz_app *a, bool say);
/* Issue 17: the station's sync with the district hub (cmd_sync.c). */
int cmd_sync(yz_app *a, int argc, char **argv);
/* Issue 17: the district hub, for its admin and the departments (cmd_hub.c). */
/* yizhan hub [--dept CODE]: the department's inbox, full screen. */
int cmd_hub_screen(yz_app *a, int argc, char **argv);
int cmd_hub_init(yz_app *a, int argc, char **argv);
/* yizhan hub stats: the district's figures (cmd_hub_stats.c). */
int cmd_hub_stats(yz_app *a, int argc, char **argv);
/* yizhan hub ledger list|export: a ledger across stations (cmd_hub_ledger.c). */
int cmd_hub_ledger(yz_app *a, int argc, char **argv);
/* yizhan hub publish: files for the stations' next sync (cmd_hub_publish.c). */
int cmd_hub_publish(yz_app *a, int argc, char **argv);
int cmd_hub_station(yz_app *a, int argc, char **argv);
int cmd_hub_dept(yz_app *a, int argc, char **argv);
int cmd_hub_status(yz_app *a, int argc, char **argv);
int cmd_hub_digest(yz_app *a, int argc, char **argv);
int cmd_hub_inbox(yz_app *a, int argc, char **argv);
int cmd_hub_answer(yz_app *a, int argc, char **argv);

/* Who is acting (issue 14, identity.c). app_identity_resolve (app_open calls
 * it) signs in with --as and its password or takes the account os_accounts
 * maps the OS user to; without either the session keeps a clerk's view. 0, or
 * the exit status after a message. app_need_account refuses (2) a command
 * that shows personal data when no account is acting; app_need_admin the same
 * unless an admin is acting; app_need_head unless the station head or an admin
 * is (staff set/sensitive/absent). app_audit_read writes what was read or exported
 * under the acting account; -1 (told) when it could not be written. */
int app_identity_resolve(yz_app *a);
/* No account acting (yet): a clerk's view named after the OS account
 * ("os:LOGIN"), the actor of whatever is written before a sign-in. */
void app_identity_nobody(yz_app *a);
int app_need_account(yz_app *a, const char *cmd);
/* Issue 19 (cmd_appt.c, cmd_visit.c): app_open, then app_need_account; 0
 * or the exit status. */
int app_open_acting(yz_app *a, const char *cmd);
/* err on stderr ("yizhan: ..."); returns the exit status: 2 for what the
 * user can put right (invalid, exists, not found, denied), else 1. */
int app_fail(const yz_err *err);
/* A column of a listing on stdout: text padded to width - 1, then a space,
 * so that a long cell (an address) never runs into the next one. */
void app_print_col(const char *text, int width);
int app_need_admin(yz_app *a, const char *cmd);
int app_need_head(yz_app *a, const char *cmd);
int app_audit_read(yz_app *a, const char *action, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The one argument of a command that takes options and one word (residents *):
 * app_take_arg takes word when it is not an option and the first one, else
 * says why not and returns 2 (the exit code); app_need_arg returns 2 with a
 * message when no word came. In cmd_sheet.c. */
int app_take_arg(const char *cmd, const char *word, const char **arg);
int app_need_arg(const char *cmd, const char *arg);

/* Options with a value (issue 16, cmd_sheet.c). app_take_value takes the word
 * after the option argv[*i] into *val, moving *i on; 2 with a message naming
 * cmd when the option is the last word. app_take_period does the same for
 * --month, --quarter and --year into p: 1 when argv[*i] was one of them, 0
 * when it is another word, 2 after the message when its value is missing. */
typedef struct app_period_opt {
	const char *text;    /* the period as given, NULL = none */
	yz_period_kind kind; /* which option gave it */
	int n;               /* how many of the three were given */
} app_period_opt;
int app_take_value(const char *cmd, int argc, char **argv, int *i, const char **val);
int app_take_period(const char *cmd, int argc, char **argv, int *i, app_period_opt *p);
/* Issue 18: the commands' options from a table (opts.c; STYLE.md: tmux's
 * options table). An app_opt is an option a command takes: its word, the
 * offset of the member of the command's options struct it fills (a const
 * char * for its value; a bool when flag), and in: the bits of the commands
 * of a shared table that take it (0: all of them). app_opts_parse reads argv
 * into o: p's options that p->which takes, --month/--quarter/--year into
 * *p->period (NULL: not taken), --help and -h into *p->help, the one word
 * into *p->word (NULL: none taken); anything else is an unknown argument. 0,
 * or 2 after a message naming cmd. */
typedef struct app_opt {
	const char *name; /* "--count" */
	size_t at;        /* offsetof the member */
	unsigned in;      /* the commands that take it; 0 = all */
	bool flag;        /* takes no value: sets the bool at `at` */
} app_opt;
typedef struct app_opts {
	const app_opt *opt;
	size_t n;
	unsigned which;         /* this command's bit */
	app_period_opt *period; /* NULL: no period options */
	const char **word;      /* NULL: no word */
	bool *help;
} app_opts;
int app_opts_parse(const char *cmd, const app_opts *p, int argc, char **argv, void *o);
/* A command's named thing (a survey, a ledger) among a set: the index of the
 * one id(set, i) names name, or -1 after saying there is none: w->none (a
 * translated "yizhan %s: there is no X %s. The Xs are: %s\n", given cmd,
 * name and the ids there are), then w->mistakes and d's problems when files
 * were left out. app_diags_print: d's lines on stderr. */
typedef struct app_named {
	const char *(*id)(const void *set, size_t i);
	const char *none;
	const char *mistakes;
} app_named;
long app_find_named(const char *cmd, const char *name, const app_named *w, const void *set,
                    size_t n, const yz_diags *d);
void app_diags_print(const yz_diags *d);
/* Issue 17: what `yizhan stats` and `yizhan hub stats` share (cmd_stats.c).
 * app_stats_format: --format's word (NULL = text) into *format: APP_STATS_TEXT,
 * APP_STATS_TSV or a yz_report_format (a file); 2 after a message naming cmd.
 * app_stats_period: the period of --month/--quarter/--year (o->text NULL:
 * the month of today); 2 after a message. app_stats_print: the report on
 * stdout, aligned text with its title and summary, or tsv. */
enum { APP_STATS_TEXT = -1, APP_STATS_TSV = -2 };
int app_stats_format(const char *cmd, const char *word, int *format);
int app_stats_period(const char *cmd, const app_period_opt *o, yz_date today, yz_period *p);
void app_stats_print(const yz_report *r, int format);
/* Issue 17: what `yizhan ledger export` and `yizhan hub ledger export`
 * share (cmd_ledger.c). app_ledger_parse: the options (hub: --station and
 * --url instead of --grid, --clerk and --printer) into o, q and *format
 * (xlsx when not given), the file name's period into period_id; 2 after a
 * message naming cmd, 0 (o->help: --help was asked). app_ledger_find: the
 * ledger named name in set, or NULL after a message listing the ledgers
 * there are (and d's problems; app_find_named). app_report_data_rows: r's data rows. */
typedef struct app_ledger_opt {
	const char *name, *from, *to, *line, *grid, *clerk, *state, *format, *out, *printer;
	const char *station, *url; /* hub ledger export */
	app_period_opt period;     /* --month, --quarter, --year */
	bool help;
} app_ledger_opt;
int app_ledger_parse(const char *cmd, bool hub, int argc, char **argv, app_ledger_opt *o,
                     yz_ledger_query *q, int *format, char *period_id, size_t n);
const yz_ledger *app_ledger_find(const char *cmd, const yz_ledger_set *set, const yz_diags *d,
                                 const char *name);
size_t app_report_data_rows(const yz_report *r);

/* Registry documents (cmd_sheet.c, cmd_grid.c): what they are printed on. */
typedef struct app_registry_opt {
	const char *arg;     /* the household number or the grid */
	const char *printer; /* --printer, NULL = configured A4 printer */
	const char *pdf;     /* --pdf FILE: write the PDF there instead of printing */
	bool masked;         /* --masked: ID numbers masked (a copy handed out) */
} app_registry_opt;
int app_registry_opts(const char *cmd, int argc, char **argv, app_registry_opt *o);
/* Audit what (action, e.g. "grid_book") and where it goes, then print or save
 * d (freed), telling where; the exit status. */
int app_registry_deliver(yz_app *a, yz_doc *d, const app_registry_opt *o, const char *name,
                         const char *action, const char *what);
int cmd_residents_sheet(yz_app *a, int argc, char **argv);
int cmd_grid_list(yz_app *a, int argc, char **argv);
int cmd_grid_book(yz_app *a, int argc, char **argv);

#endif
