/* yizhan: the counter program of a community service station.
 *
 *   yizhan [--home DIR]                     open the counter UI
 *   yizhan --kiosk [--home DIR]             the counter as the whole terminal (kiosk.c)
 *   yizhan <command> [args] [--home DIR]    see usage() */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "app.h"
#include "kiosk.h"
#include "ui_sync.h"
#include "yizhan/tui.h"
#include "yz_config.h"

static const yz_command commands[] = {
    {"init", NULL,
     N_("init [--demo [--residents N] [--cases N]]  create a station (demo data with --demo)"),
     cmd_init},
    {"residents", "find", N_("residents find QUERY [--limit N]  ID, name, pinyin, phone or flat"),
     cmd_residents_find},
    {"residents", "import",
     N_("residents import FILE.csv [--encoding utf-8|gb18030] [--rejects FILE] [--update]"),
     cmd_residents_import},
    {"residents", "export", N_("residents export FILE.csv [--encoding utf-8|gb18030]"),
     cmd_residents_export},
    {"forms", "check", N_("forms check [DIR]         validate form files"), cmd_forms_check},
    {"cases", "list",
     N_("cases list [--today] [--overdue] [--due-within N] [--owner USER] [--status S] "
        "[--line LINE]"),
     cmd_cases_list},
    {"cases", "show", N_("cases show CASE           fields, deadlines, timeline"), cmd_cases_show},
    {"staff", "list", N_("staff list                A/B clerks of the lines, absences"),
     cmd_staff_list},
    {"staff", "set", N_("staff set LINE A [B]      the A and B clerk of a line"), cmd_staff_set},
    {"staff", "sensitive", N_("staff sensitive LINE yes|no"), cmd_staff_sensitive},
    {"staff", "absent", N_("staff absent LOGIN FROM UNTIL  a clerk is away (B covers)"),
     cmd_staff_absent},
    {"print", NULL, N_("print CASE --doc receipt|DOC-ID [--printer NAME]"), cmd_print},
    {"user", "add", N_("user add LOGIN NAME [--role clerk|head|admin] [--phone P]  add a clerk"),
     cmd_user_add},
    {"user", "passwd", N_("user passwd LOGIN         set a password"), cmd_user_passwd},
    {"user", "list", N_("user list                 the station's accounts"), cmd_user_list},
    {"user", "unlock",
     N_("user unlock LOGIN         as an admin: end an account's wait after wrong passwords"),
     cmd_user_unlock},
    {"admin-reset", NULL,
     N_("admin-reset [LOGIN]       as the OS root account: a new one-time admin password"),
     cmd_admin_reset},
    {"calendar", "workdays", N_("calendar workdays FROM N  the date N working days after FROM"),
     cmd_calendar_workdays},
    {"calendar", "moved",
     N_("calendar moved            promised dates a new calendar moved, not yet seen"),
     cmd_calendar_moved},
    {"audit", "verify",
     N_("audit verify [--anchor TEXT]  check the audit log and the records it covers"),
     cmd_audit_verify},
    {"audit", "anchor", N_("audit anchor              the log's head, for the station's ledger"),
     cmd_audit_anchor},
    {"residents", "sheet",
     N_("residents sheet HOUSEHOLD [--pdf FILE] [--printer P] [--masked]  household sheet"),
     cmd_residents_sheet},
    {"grid", "list", N_("grid list                 the grids and their leaders"), cmd_grid_list},
    {"grid", "book", N_("grid book GRID [--pdf FILE] [--printer P] [--masked]  grid book"),
     cmd_grid_book},
    {"verify", NULL, N_("verify CODE               is a printed document's code genuine?"),
     cmd_verify},
    {"backup", NULL,
     N_("backup [FOLDER]           a checked copy of the station, taken while counters work"),
     cmd_backup},
    {"restore", NULL,
     N_("restore FILE              put a checked copy back (the state before is kept)"),
     cmd_restore},
    {"stats", NULL,
     N_("stats [--month 2026-11|--quarter 2026Q4|--year 2026] [--by line|item|clerk|grid|month] "
        "[--format text|xlsx|csv|csv-utf8|pdf] [--out FILE]  the station's figures"),
     cmd_stats},
    {"ledger", "list", N_("ledger list               the station's ledgers (tai zhang)"),
     cmd_ledger_list},
    {"ledger", "export",
     N_("ledger export NAME --from DATE --to DATE|--month 2026-11|--quarter 2026Q4|--year 2026 "
        "[--line L] [--grid G] [--clerk LOGIN] [--state open|closed] "
        "[--format xlsx|csv|csv-utf8|pdf] [--out FILE] [--printer P]  make a ledger"),
     cmd_ledger_export},
    /* Issue 18: the station's surveys (cmd_survey.c). */
    {"survey", "list",
     N_("survey list               the station's surveys: period, anonymous, keyed twice, "
        "papers counted"),
     cmd_survey_list},
    {"survey", "print",
     N_("survey print NAME [--count N] [--from S] [--out FILE.pdf | --printer P]  numbered "
        "questionnaires, recorded as issued"),
     cmd_survey_print},
    {"survey", "issue",
     N_("survey issue NAME --count N [--from S]  record papers numbered by hand as issued"),
     cmd_survey_issue},
    {"survey", "report",
     N_("survey report NAME [--by QUESTION] [--format pdf|xlsx|csv|csv-utf8] [--out FILE]  "
        "the tallies (head)"),
     cmd_survey_report},
    {"survey", "diff",
     N_("survey diff NAME [--serial S]  the differences of the two keyings of a paper"),
     cmd_survey_diff},
    {"survey", "void",
     N_("survey void NAME SERIAL --reason TEXT  remove a keyed paper so that it can be keyed "
        "again (head)"),
     cmd_survey_void},
    /* Issue 19: the hall (cmd_ticket.c, cmd_hall.c, cmd_hall_stats.c, cmd_appt.c,
     * cmd_visit.c); "hall stats" before "hall" alone. */
    {"ticket", NULL,
     N_("ticket [--counter N]      the ticket kiosk: residents take a number, full screen "
        "(Ctrl-Q, then quit, ends it)"),
     cmd_ticket},
    {"hall", "stats",
     N_("hall stats [--from DATE] [--until DATE] [--by line|window|clerk|day|month] "
        "[--format text|tsv]  waiting and service times"),
     cmd_hall_stats},
    {"hall", NULL,
     N_("hall [--wav-dir DIR]      the hall display: the numbers served at each window, "
        "the calls spoken"),
     cmd_hall},
    {"appt", NULL, N_("appt book|list|cancel|missed …  appointments (yizhan appt --help)"),
     cmd_appt},
    {"visit", NULL, N_("visit plan|list|result|sheet …  home visits (yizhan visit --help)"),
     cmd_visit},
    /* Issue 17: the station's sync with the district hub (cmd_sync.c). */
    {"sync", NULL,
     N_("sync [--batch N] [--format tsv] [--verify|--digest|--status]  send to the district "
        "hub, take the answers"),
     cmd_sync},
    /* Issue 17: the district hub (cmd_hub.c). */
    {"hub", "init",
     N_("hub init [URL]            create or migrate the district hub's schema (PostgreSQL)"),
     cmd_hub_init},
    {"hub", "station",
     N_("hub station add CODE NAME  register a station at the hub; prints its yizhan.conf lines"),
     cmd_hub_station},
    {"hub", "dept",
     N_("hub dept add CODE NAME    register a department at the hub; prints its yizhan.conf "
        "lines"),
     cmd_hub_dept},
    {"hub", "status",
     N_("hub status [--format tsv]  the stations at the hub: last sync, last change, waiting"),
     cmd_hub_status},
    {"hub", "digest",
     N_("hub digest STATION        the hub's count and SHA-256 of each kind of a station's rows"),
     cmd_hub_digest},
    {"hub", "inbox",
     N_("hub inbox [--dept CODE] [--all] [--format tsv]  cases forwarded to a department, by "
        "due date"),
     cmd_hub_inbox},
    {"hub", "answer",
     N_("hub answer [--dept CODE] STATION CASE RESULT [--date YYYY-MM-DD]  a department's "
        "answer (hub commands: --url URL, else $YIZHAN_HUB_URL, else hub in yizhan.conf)"),
     cmd_hub_answer},
    {"hub", "stats",
     N_("hub stats [--month M | --quarter Q | --year Y] [--by station|line|item|month] "
        "[--station CODE] [--format text|tsv|xlsx|csv|csv-utf8|pdf] [--out FILE]  the "
        "district's figures"),
     cmd_hub_stats},
    {"hub", "ledger",
     N_("hub ledger list | export NAME --month M … [--station CODE] [--format …] [--out FILE]  "
        "a ledger across the district's stations"),
     cmd_hub_ledger},
    {"hub", "publish",
     N_("hub publish FILE… | --list | --withdraw NAME  forms, ledgers and the calendar "
        "the stations take on their next sync"),
     cmd_hub_publish},
    /* Issue 17: `yizhan hub` with no other word: the department's inbox (last:
     * the words above are the hub's commands). */
    {"hub", NULL,
     N_("hub [--dept CODE]         the department's inbox at the hub, full screen (Enter "
        "opens a case, F2 answers it)"),
     cmd_hub_screen},
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	app_printf(f, _("Usage: yizhan [--home DIR]              open the counter UI\n"));
	app_printf(f, _("       yizhan --kiosk [--home DIR]      the counter only, until an admin "
	                "ends it\n"));
	for (size_t i = 0; i < N_COMMANDS; i++)
		app_printf(f, "       yizhan %s\n", _(commands[i].usage));
	app_printf(f, _("       yizhan --help | --version\n\n"
	                "Data directory: --home DIR, else $YIZHAN_HOME, else "
	                "$XDG_DATA_HOME/yizhan.\n"));
	app_printf(f, _("Counter: --counter N, else $YIZHAN_COUNTER, else the counter whose "
	                "ssh_from lists the SSH client's address.\n"));
	app_printf(f, _("Account: --as LOGIN (the password is asked, or read from --password-fd "
	                "N), else the one os_accounts in yizhan.conf gives your OS account.\n"));
}

/* Removes "--NAME VALUE" / "--NAME=VALUE" (opt is "--NAME") wherever it
 * stands; returns the value. For --home and --counter, which every command
 * takes. */
static const char *take_option(int *argc, char **argv, const char *opt)
{
	const char *val = NULL;
	size_t len = strlen(opt);
	for (int i = 1; i < *argc; i++) {
		int used = 0;
		if (strcmp(argv[i], opt) == 0 && i + 1 < *argc)
			val = argv[i + 1], used = 2;
		else if (strncmp(argv[i], opt, len) == 0 && argv[i][len] == '=')
			val = argv[i] + len + 1, used = 1;
		if (used) {
			memmove(&argv[i], &argv[i + used],
			        (size_t)(*argc - i - used + 1) * sizeof(char *));
			*argc -= used;
			i--;
		}
	}
	return val;
}

/* Removes the flag opt ("--kiosk") wherever it stands; true when it was there. */
static bool take_flag(int *argc, char **argv, const char *opt)
{
	bool found = false;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], opt) != 0)
			continue;
		memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i) * sizeof(char *));
		(*argc)--;
		i--;
		found = true;
	}
	return found;
}

static const yz_command *find_command(int argc, char **argv, int *words)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const yz_command *c = &commands[i];
		if (strcmp(argv[1], c->name) != 0)
			continue;
		if (!c->sub) {
			*words = 1;
			return c;
		}
		if (argc > 2 && strcmp(argv[2], c->sub) == 0) {
			*words = 2;
			return c;
		}
	}
	return NULL;
}

/* How the print library runs. In the counter UI each render and CUPS call
 * runs in a short-lived child process, so the cairo/pango/CUPS libraries
 * never stay mapped there (issue 5, src/print/loader.c); commands print in
 * their own process. YIZHAN_RENDER_ISOLATED (yizhan(1)), set by hand,
 * overrides: 1 isolates, 0 renders in-process (to debug the counter). */
static yz_print_opts print_opts(bool ui)
{
	const char *v = getenv("YIZHAN_RENDER_ISOLATED");
	yz_print_opts o = {.isolated = ui};
	if (v && *v)
		o.isolated = strcmp(v, "1") == 0;
	return o;
}

/* Issue 20: the station opened once the login screen is on the terminal
 * (yz_tui_open_fn), in a thread of its own while the clerk types: nothing
 * here touches the terminal. What app_open says on stderr — a station it cannot open,
 * a broken form — would land on the curses screen and vanish with it: it is
 * held in a temporary file and told once the screen is closed (run_ui). */
typedef struct ui_open {
	yz_app *a;
	FILE *held; /* stderr of the opening; NULL when it went to stderr itself */
} ui_open;

static int open_station(yz_session *s, void *ctx)
{
	(void)s;
	ui_open *o = ctx;
	yz_app *a = o->a;
	int saved = -1;
	fflush(stderr);
	o->held = tmpfile();
	if (o->held) /* the sync and other programs started later do not keep it */
		fcntl(fileno(o->held), F_SETFD, FD_CLOEXEC);
	if (o->held && (saved = dup(STDERR_FILENO)) >= 0)
		dup2(fileno(o->held), STDERR_FILENO);
	int rc = app_open(a);
	/* What the opening wrote (a calendar change moving due dates) named the
	 * OS account; the counter's session starts with nobody signed in, as
	 * the login screen has it (never locked, never acting as that account). */
	memset(&a->sess.user, 0, sizeof a->sess.user);
	if (rc == 0) {
		/* A small page cache keeps the counter UI small (issue 5); its
		 * searches use a few index pages each. Commands keep the larger
		 * default. */
		yz_err err = {{0}};
		if (yz_store_set_cache_kb(a->store, YZ_STORE_CACHE_KB_UI, &err) != 0)
			app_printf(stderr, "yizhan: %s\n", err.msg);
	}
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	return rc;
}

/* What the opening said, now that the screen is closed. */
static void tell_held(FILE *held)
{
	char buf[4096];
	size_t n;
	if (!held)
		return;
	rewind(held);
	while ((n = fread(buf, 1, sizeof buf, held)) > 0)
		fwrite(buf, 1, n, stderr);
	fclose(held);
}

static int run_ui(yz_app *a, bool kiosk)
{
	/* Keys from a pipe or a screen into a file would leave the clerk typing
	 * into an echoing terminal with nothing drawn: say so instead. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		app_printf(stderr, "%s\n",
		           _("yizhan: the counter needs a terminal for its keyboard and screen "
		             "(standard input or output is redirected). The commands "
		             "(yizhan --help) work without one."));
		return 2;
	}
	/* A station that is not there is said before any screen (as a
	 * command would); the rest of the opening comes after the first one. */
	if (app_need_station(a) != 0)
		return 1;
	a->sess.cfg = &a->cfg;
	a->sess.print = print_opts(true);
	/* Issue 17: with a hub, a helper syncs in the background (ui_sync.c). */
	pid_t syncer = app_ui_sync_start(&a->cfg);
	ui_open o = {.a = a};
	int rc = yz_tui_run(&a->sess, kiosk, open_station, &o);
	app_ui_sync_stop(syncer);
	tell_held(o.held);
	app_close(a);
	return rc;
}

int main(int argc, char **argv)
{
	/* Everything yizhan writes (station.db and its -wal/-shm, yizhan.conf, saved
	 * documents, exports) holds residents' personal data: the owner and the
	 * station's group only, never the world. */
	umask(027);
	app_setup_locale();
	yz_app app = {.argv0 = argv[0]};
	/* The program's time: the libraries read no clock of their own. */
	app.sess.clock = yz_clock_real();
	char home[PATH_MAX];
	app_resolve_home(take_option(&argc, argv, "--home"), home, sizeof(home));
	app.counter_opt = take_option(&argc, argv, "--counter");
	/* Issue 14: the acting account of a command (identity.c). */
	app.as_opt = take_option(&argc, argv, "--as");
	app.password_fd_opt = take_option(&argc, argv, "--password-fd");
	bool kiosk = take_flag(&argc, argv, "--kiosk");

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("yizhan %s\n", YZ_VERSION);
		return 0;
	}
	if (kiosk && argc > 1) {
		app_printf(stderr, "%s\n",
		           _("yizhan: --kiosk opens the counter UI and takes no command."));
		return 2;
	}
	/* The supervisor returns when the counter has ended for good; each UI
	 * child it starts goes on below, reading the configuration afresh. */
	int status;
	if (kiosk && app_kiosk_supervise(&status))
		return status;
	if (app_load_config(&app, home) != 0)
		return 1;
	if (argc == 1)
		return run_ui(&app, kiosk);

	int words = 0;
	const yz_command *c = find_command(argc, argv, &words);
	if (!c) {
		app_printf(stderr, _("yizhan: unknown command \"%s\"\n\n"), argv[1]);
		usage(stderr);
		return 2;
	}
	app.sess.print = print_opts(false);
	app.command = true;
	int rc = c->run(&app, argc - 1 - words, argv + 1 + words);
	app_close(&app);
	return rc;
}
