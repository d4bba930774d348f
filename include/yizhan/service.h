/* service: the counter's transactions, shared by the TUI and the command line —
 * submit a case from a filled form, build its documents from the form's templates,
 * and print them (case committed first; a failed job waits in the reprint list).
 *
 * Deviation from ARCHITECTURE.md's module table: this glue needs form, store and
 * print together, which neither print nor store may use, and both tui and app need
 * it; so it is a module of its own between them. It has no ncurses and no SQL. */
#ifndef YZ_SERVICE_H
#define YZ_SERVICE_H

#include <limits.h>
#include <stdbool.h>

#include "yizhan/core.h"
#include "yizhan/form.h"
#include "yizhan/print.h"
#include "yizhan/store/db.h"
#include "yizhan/store/users.h"
#include "yizhan/store/residents.h"
#include "yizhan/store/search.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/lifecycle.h"
#include "yizhan/store/staff.h"
#include "yizhan/store/dashboard.h"
#include "yizhan/store/talk.h"
#include "yizhan/store/jobs.h"
#include "yizhan/text.h"

/* A station setting used by form expressions (settings.<name>), such as the local
 * 低保 standard; written in yizhan.conf as "settings.<name> = value". */
typedef struct yz_setting {
	char name[64];   /* [a-z][a-z0-9_]* */
	char value[128]; /* text; numbers as written, e.g. 1240.00 */
} yz_setting;

#define YZ_MAX_SETTINGS 32

/* Issue 10: one counter (window) of a station with several. yizhan.conf keeps
 * the station's keys at the top and describes each counter in a section after
 * them, which runs to the next section or the end of the file:
 *   [counter 2]
 *   label = (the window's name, e.g. "Window 2 social assistance")
 *   printer_receipt = receipt2
 *   printer_a4 = a4
 *   ssh_from = 192.168.1.22 192.168.1.23 */
#define YZ_MAX_COUNTERS       32 /* sections in one file */
#define YZ_COUNTER_MAX_NUMBER 99 /* counter numbers are 1..99 */

typedef struct yz_counter {
	int number;                /* 1..YZ_COUNTER_MAX_NUMBER, the window number */
	int line;                  /* line of its "[counter N]" header, for messages */
	char label[96];            /* printed on receipts, shown; "" = "Window N" translated */
	char printer_receipt[128]; /* CUPS destination for its receipts; "" = the station's */
	char printer_a4[128];      /* CUPS destination for its A4 documents; "" = the station's */
	char ssh_from[256];        /* its terminals' SSH client addresses, space-separated */
} yz_counter;

/* Settings from yizhan.conf in the data directory. */
typedef struct yz_config {
	char home[PATH_MAX];      /* data directory */
	char db_path[PATH_MAX];   /* home/station.db */
	char forms_dir[PATH_MAX]; /* where the form files are */
	char station_name[128];   /* 某某社区党群服务中心 */
	char station_code[17];    /* case-number prefix, [A-Z0-9]{1,16} */
	char station_phone[32];
	char window[96];            /* counter window name/number printed on receipts */
	char printer_receipt[128];  /* CUPS destination for receipts; "" = none */
	char printer_a4[128];       /* CUPS destination for A4 documents; "" = none */
	char receipt_encoding[16];  /* GB18030 or GBK (follows receipt_profile after load) */
	int receipt_columns;        /* 48 (80 mm) or 32 (58 mm) (follows receipt_paper) */
	char cups_server[PATH_MAX]; /* "" = CUPS default (CUPS_SERVER, client.conf) */
	int print_timeout_ms;
	char save_dir[PATH_MAX];              /* when no printer is set, documents are saved here */
	char calendar_file[PATH_MAX];         /* holidays and make-up days (data/calendar.txt) */
	yz_setting settings[YZ_MAX_SETTINGS]; /* station settings for form expressions */
	int n_settings;
	/* Issue 6: the receipt printer model. The older keys receipt_columns and
	 * receipt_encoding are still read and set these. */
	int receipt_paper;        /* 58 or 80 (mm) */
	char receipt_profile[16]; /* gb18030, gbk, gbk-plain or epson (yz_escpos_opts_for) */
	/* Issue 10: the "[counter N]" sections, in file order. */
	yz_counter counters[YZ_MAX_COUNTERS];
	int n_counters;
	/* The station's own printers, kept by yz_config_use_counter when it puts a
	 * counter's in force ("" = no counter was put in force: the fields above). */
	char station_printer_receipt[128];
	char station_printer_a4[128];
} yz_config;

void yz_config_defaults(yz_config *c, const char *home);
/* Read home/yizhan.conf ("key = value", '#' comments). Unknown keys and bad values
 * are errors "yizhan.conf:line: message". */
int yz_config_load(yz_config *c, const char *path, yz_err *err);
/* The value of settings.<name>, or NULL. */
const char *yz_config_setting(const yz_config *c, const char *name);
/* Set (or add) settings.<name>; false when the name is not an identifier or the
 * table is full. */
bool yz_config_set_setting(yz_config *c, const char *name, const char *value);
/* Write a commented yizhan.conf with the current values. */
int yz_config_write(const yz_config *c, const char *path, yz_err *err);
/* The program's own data file or folder `name` (forms, data/calendar.txt,
 * data): under $YIZHAN_DATADIR when set (a source tree: tests, `meson
 * devenv`, ./run), else under the installed datadir. forms_dir and
 * calendar_file default to these; left empty in yizhan.conf they mean them. */
void yz_config_own_path(const char *name, char *out, size_t n);
/* The folder of the forms' vocabulary (kinds.txt, lines.txt): vocab beside the
 * calendar file when the station keeps one there (its own words go with its
 * own data folder, as departments.txt does), else the program's own
 * data/vocab. */
void yz_config_vocab_dir(const yz_config *c, char *out, size_t n);
/* 0 when the program's own forms and calendar that c uses can be read; else
 * -1 with err saying to reinstall yizhan. (Paths the station set itself are
 * checked where they are read.) */
int yz_config_check_own(const yz_config *c, yz_err *err);

/* ---- issue 10: which counter a session is at (src/service/counter.c) ---------- */

typedef enum yz_counter_state {
	YZ_COUNTER_NONE,    /* the station has no counters: its window and printers, as before */
	YZ_COUNTER_CHOSEN,  /* the session is at a counter of yizhan.conf */
	YZ_COUNTER_UNKNOWN, /* a counter not in yizhan.conf was asked for, or counters are
	                     * configured and none matched: the station's window and printers */
} yz_counter_state;

typedef enum yz_counter_source {
	YZ_COUNTER_FROM_NOWHERE, /* nothing asked, not over SSH (a local console) */
	YZ_COUNTER_FROM_OPTION,  /* --counter N */
	YZ_COUNTER_FROM_ENV,     /* $YIZHAN_COUNTER */
	YZ_COUNTER_FROM_SSH,     /* the SSH client's address ($SSH_CONNECTION, $SSH_CLIENT) */
} yz_counter_source;

/* Where a session learns its counter; NULL or "" = not given. The caller reads
 * the command line and the environment, so the choice itself has no I/O. */
typedef struct yz_counter_hints {
	const char *option;         /* --counter N */
	const char *env;            /* $YIZHAN_COUNTER */
	const char *ssh_connection; /* $SSH_CONNECTION: "client port server port" */
	const char *ssh_client;     /* $SSH_CLIENT: "client port server-port" (older) */
} yz_counter_hints;

typedef struct yz_counter_pick {
	yz_counter_state state;
	yz_counter_source source; /* what decided (for UNKNOWN: what was tried last) */
	int number;               /* CHOSEN: the counter's number; else 0 */
	char asked[16];           /* the number asked for by option or env, as given ("" = none) */
	char ssh_addr[64];        /* the SSH client's address ("" = not over SSH) */
	char label[96];           /* CHOSEN: the counter's label (its default filled in) */
} yz_counter_pick;

/* The counter numbered number, or NULL. */
const yz_counter *yz_config_counter(const yz_config *c, int number);
/* The label of a counter: its own, else "Window N" in the current language
 * (the language documents are printed in). */
void yz_counter_label(const yz_counter *k, char *buf, size_t n);
/* Decide the session's counter: --counter, else $YIZHAN_COUNTER, else the
 * first counter whose ssh_from lists the SSH client's address (the first field
 * of $SSH_CONNECTION, else of $SSH_CLIENT). A number asked for but not in the
 * file is UNKNOWN (never passed over for the next source): the clerk is told. */
void yz_counter_choose(const yz_config *c, const yz_counter_hints *h, yz_counter_pick *out);
/* Put the chosen counter's label and printers in force in c (window,
 * printer_receipt, printer_a4; a printer the counter leaves empty stays the
 * station's), so that everything printed from this session follows the
 * counter. For NONE and UNKNOWN c keeps the station's. c then holds the
 * session's settings, not the file's: it is never written back. */
void yz_config_use_counter(yz_config *c, const yz_counter_pick *p);
/* Whether the station or any of its counters uses printer name for receipt
 * paper (ESC/POS), and for A4 documents: the printers screen's test page and
 * its "used for" column, for every counter's printer, not only this one's. */
bool yz_config_is_receipt_printer(const yz_config *c, const char *name);
bool yz_config_is_a4_printer(const yz_config *c, const char *name);

/* Everything a screen or a command needs. */
typedef struct yz_session {
	yz_config *cfg;
	yz_store *store;
	yz_catalogue *cat;
	yz_user user;                /* the clerk logged in (or the command's actor) */
	yz_date today;               /* local date, fixed for one operation (yz_service_new_day) */
	const yz_calendar *calendar; /* working days; NULL = Monday to Friday */
	yz_counter_pick counter;     /* issue 10: the counter this session is at */
	yz_clock clock;              /* the time (yz_service_set_clock); zero = the real clock */
	yz_print_opts print;         /* how the print library runs (isolated in the counter UI) */
} yz_session;

/* What the screens say about the session's counter, into buf: its label, or
 * that it is unknown and documents print on the station's printers ("" when
 * the station has no counters). brief: a few words for a title or status
 * line. True when it is a warning (UNKNOWN). */
bool yz_service_counter_text(const yz_session *s, bool brief, char *buf, size_t n);

/* Take the time from clock from now on: the session's dates and the store's
 * stamps (yz_store_set_clock when s->store is open), and s->today. The program
 * sets the real clock; a test may set a fixed one. */
void yz_service_set_clock(yz_session *s, yz_clock clock);

/* Set s->today to the local date now. The counter UI calls it before each key,
 * so that a session left open past midnight — a kiosk counter runs for days —
 * dates its cases, due dates and case numbers by the day they are made. */
void yz_service_new_day(yz_session *s);

/* What form expressions need from the session: today and the station settings
 * of yizhan.conf (settings.NAME). */
void yz_service_eval_env(const yz_session *s, yz_eval_env *env);

/* Read cfg->calendar_file into cal; 0, or -1 with "file:line: message". */
int yz_service_load_calendar(const yz_config *cfg, yz_calendar *cal, yz_err *err);

/* Validate values against the form (fields, tables, rules), then create the case (number allocated
 * inside the transaction). On-the-spot items (promise 0) are closed at once. */
int yz_service_submit(yz_session *s, const yz_form *f, const yz_values *values,
                      const char *const *materials, size_t n_materials, yz_case *out, yz_err *err);

/* Build a document of a stored case: "receipt" (acceptance receipt) or a document
 * id of the case's form (e.g. "certificate"). Caller frees. */
yz_doc *yz_service_build_doc(yz_session *s, const char *case_no, const char *doc, yz_err *err);

/* The printer for a document id: receipt → receipt printer, others → A4. A
 * form's document on receipt paper (a slip) goes to the receipt printer:
 * yz_service_print chooses by paper, and its outcome names the printer. */
const char *yz_service_printer_for(const yz_config *c, const char *doc);

/* What printing a document did. Why it did not print is the caller's yz_err. */
typedef struct yz_print_outcome {
	bool printed; /* CUPS accepted the job */
	bool saved;   /* no printer configured: written to saved_path instead */
	char saved_path[PATH_MAX];
	int64_t job_id; /* our print_jobs row (0 = none was made) */
	int cups_job_id;
	char printer[128]; /* the printer it went to or failed on ("" = none set: saved) */
} yz_print_outcome;

/* Render and send one document of a case; records the job and a timeline event.
 * printer NULL = the configured one. Returns 0 when printed or saved, -1 with
 * err: code YZ_ERR_PRINTER when the document did not print (its job stays in
 * the reprint list, the message says why), another code when no job could be
 * made (no such case, the database). */
int yz_service_print(yz_session *s, const char *case_no, const char *doc, const char *printer,
                     yz_print_outcome *out, yz_err *err);

/* Retry a failed job once more (same document, same printer unless given). */
int yz_service_retry(yz_session *s, int64_t job_id, const char *printer, yz_print_outcome *out,
                     yz_err *err);

/* ---- issue 6: receipt options, verification codes, job tracking ------------- */

/* ESC/POS options of the configured receipt printer (receipt_paper,
 * receipt_profile); the defaults when they are unknown. */
void yz_service_receipt_opts(const yz_config *c, yz_escpos_opts *o);

/* Verification codes: YZ_VERIFY_LEN characters of an unambiguous alphabet
 * (digits and capitals without I, L, O, U), printed as XXXX-XXXX-XXXX. The
 * first half carries the case's year and sequence, so a code is checked with one
 * case lookup; the second half is an HMAC-SHA256 of the station code, case
 * number and document id under a per-station secret (kept in the store's meta
 * table, made on first use). */
#define YZ_VERIFY_LEN 12
#define YZ_VERIFY_BUF 16 /* with the two dashes and the NUL */

/* The code of a document ("receipt", "certificate", ...) of a case. */
int yz_service_verify_code(yz_session *s, const char *case_no, const char *doc,
                           char out[YZ_VERIFY_BUF], yz_err *err);

/* The serial number printed on a form document: the case number and the
 * document's place in the form ("DEMO01-2026-000012-1"). */
void yz_service_doc_serial(const char *case_no, int doc_index, char *out, size_t n);

typedef enum yz_verify_status {
	YZ_VERIFY_GENUINE, /* the code belongs to a case and document of this station */
	YZ_VERIFY_FORGED,  /* well-formed, but no document of the case has this code */
	YZ_VERIFY_UNKNOWN, /* no such case here, or not a code at all */
} yz_verify_status;

typedef struct yz_verify_result {
	yz_verify_status status;
	char case_number[40]; /* the case the code names ("" for UNKNOWN from bad text) */
	char item[128];       /* GENUINE: the service item */
	char doc[24];         /* GENUINE: the document id */
	char doc_title[128];  /* GENUINE: the document's name for people */
	char date[11];        /* GENUINE: date of acceptance */
	char status_text[24]; /* GENUINE: the case's status (YZ_CASE_*) */
	char
	    resident_initial[16]; /* GENUINE: the applicant's name masked: first character, stars */
} yz_verify_result;

/* Check a code (dashes, spaces and lower case are accepted; O read as 0, I and
 * L as 1). Returns 0 with out->status, -1 on a store error. Never reports the ID
 * number. */
int yz_service_verify(yz_session *s, const char *code, yz_verify_result *out, yz_err *err);

/* Ask CUPS about the jobs it accepted (sent, held) and store their states:
 * printed, held, or failed with CUPS's reason. Each question is bounded by
 * timeout_ms; when the server cannot be reached the rest wait for the next call.
 * *changed (may be NULL) counts the rows updated. Returns 0, or -1 with err when
 * the server was unreachable (the rows are left as they were). */
int yz_service_poll_jobs(yz_session *s, int timeout_ms, size_t *changed, yz_err *err);

/* Print a failed job's document on another printer: a new job row on printer,
 * and the failed row marked moved. out as for yz_service_print. */
int yz_service_print_elsewhere(yz_session *s, int64_t job_id, const char *printer,
                               yz_print_outcome *out, yz_err *err);

/* The document as it will print, as text (receipt: the receipt's columns; A4:
 * 72 columns). malloc'd; NULL with err. */
char *yz_service_preview(yz_session *s, const char *case_no, const char *doc, yz_err *err);

/* ---- the registry on paper (issue 5): src/service/registry_docs.c ----------------
 * Both books are the station's internal register: with full_idno the ID numbers
 * are printed in full (the sheet stays in the station); without it they are
 * masked (a copy handed out). Sensitive special groups appear only when
 * s->user.role may see them. Caller frees the document. */

/* Household sheet (yi hu yi biao): number, address, grid and leader, head, and a
 * table of every member with relation, ID number, birth, ethnicity, phone,
 * category and special groups. */
yz_doc *yz_service_household_sheet(yz_session *s, int64_t household_id, bool full_idno,
                                   yz_err *err);
/* Grid book (yi zu yi ce): the grid, its leader, and every household of the grid
 * in address order with its members (a table per household). */
yz_doc *yz_service_grid_book(yz_session *s, int64_t grid_id, bool full_idno, yz_err *err);
/* The household with this number; 1 = none (err says so), -1 on error. */
int yz_service_household_by_code(yz_session *s, const char *code, yz_household *out, yz_err *err);
/* The grid with this name (or place id); 1 = none, -1 on error. */
int yz_service_find_grid(yz_session *s, const char *name_or_id, yz_place *out, yz_err *err);
/* Every grid of the station, in name order. */
int yz_service_grid_list(yz_session *s, yz_place *out, size_t max, size_t *n, yz_err *err);
/* Render d as an A4 PDF into path. */
int yz_service_save_pdf(yz_session *s, const yz_doc *d, const char *path, yz_err *err);
/* Print d (A4 PDF) on printer (NULL = the configured A4 printer); with no printer
 * set it is saved as save_dir/<name>.pdf (out->saved, out->saved_path). No case,
 * no job row: registry documents are printed on demand. 0, or -1 with err (code
 * YZ_ERR_PRINTER). */
int yz_service_print_a4(yz_session *s, const yz_doc *d, const char *printer, const char *name,
                        yz_print_outcome *out, yz_err *err);

/* ---- issue 4: the case lifecycle (src/service/workflow.c, lifecycle_docs.c) ------
 * Every action checks that s->user may act on the case (owner; the B clerk of the
 * line while the A clerk is away — the timeline then says "B for A"; the station
 * head and the admin), works on s->today with s->calendar, and returns 0, or -1
 * with a message for the clerk in err. Cases the user may not see are refused
 * with a plain message and the attempt is written to the audit log. */

/* Open a case for viewing: 0 with *out, 1 when there is no such case, -1 when it
 * is refused (err says why; an audit row "case_denied" is written) or on error. */
int yz_service_case_open(yz_session *s, const char *case_no, yz_case *out, yz_err *err);
/* Whether s->user may see c (no audit row; for filtering lists). */
bool yz_service_may_see(yz_session *s, const yz_case *c);

/* The states the case may move to next (the form's `next` list; none for forms
 * without states). Pointers into the catalogue; returns how many. */
size_t yz_service_next_states(yz_session *s, const yz_case *c, const yz_state_def **out,
                              size_t max);
/* The label of the case's current state for people ("accepted"/"done" translated
 * for forms without states). */
const char *yz_service_state_label(yz_session *s, const yz_case *c);
/* Whether the case may be closed now: in a terminal state, or its form has no
 * states. */
bool yz_service_may_close(yz_session *s, const yz_case *c);
/* The results a clerk may choose when closing (YZ_RESULT_*; NULL-terminated),
 * by the form's kind: consultations are answered, requests resolved, others
 * approved or refused. */
const char *const *yz_service_close_results(yz_session *s, const yz_case *c);
/* The same for a form (NULL: any result). */
const char *const *yz_service_form_results(const yz_form *f);
/* A result in words ("approved", translated). */
const char *yz_service_result_label(const char *result);

/* Move to state `to` (must be in the current state's next list) with a note. For
 * a form without states, "done" closes the case as resolved. */
int yz_service_transition(yz_session *s, const char *case_no, const char *to, const char *note,
                          yz_err *err);
/* Close with a result (one of yz_service_close_results). The resident rates next. */
int yz_service_close(yz_session *s, const char *case_no, const char *result, const char *note,
                     yz_err *err);
/* The resident withdraws the case (reason required): closed as withdrawn. */
int yz_service_withdraw(yz_session *s, const char *case_no, const char *reason, yz_err *err);
/* Not accepted (bu yu shou li): reason required; waits for the station head. When
 * the head approves, the case closes as rejected and the notice can be printed
 * (document "refusal_notice"). */
int yz_service_refuse(yz_session *s, const char *case_no, const char *reason, yz_err *err);
/* Hand the case to another clerk with a reason. */
int yz_service_hand_over(yz_session *s, const char *case_no, const char *to_login,
                         const char *reason, yz_err *err);

/* Bu zheng: the clock stops. missing lists exactly what is missing, one item per
 * line (materials of the form and free text); bring_by the date to bring them.
 * The one-time notice (document "missing_notice") is printed when po is not NULL
 * (po receives the outcome). A printing failure does not undo the pause: the
 * call returns 0 with err set (code YZ_ERR_PRINTER: the job waits in the
 * reprint list), so that err->code YZ_ERR_NONE after 0 means all went well.
 * The same holds for every action below that prints (forward, decide). */
int yz_service_pause(yz_session *s, const char *case_no, const char *missing, const char *bring_by,
                     yz_print_outcome *po, yz_err *err);
/* The materials came: the clock restarts; due dates move by the paused working days. */
int yz_service_resume(yz_session *s, const char *case_no, const char *note, yz_err *err);

/* Ask the station head for days more working days (reason required). Refused at
 * once when the new due date would pass the legal deadline (err gives the most
 * days possible). */
int yz_service_extension_request(yz_session *s, const char *case_no, int days, const char *reason,
                                 yz_err *err);
/* The station head decides a pending request (extension, refuse, close_bad_rating).
 * An approved refusal prints the refusal notice when po is not NULL. */
int yz_service_decide(yz_session *s, int64_t approval_id, bool approve, const char *note,
                      yz_print_outcome *po, yz_err *err);

/* Forward to a department (the list: yz_service_departments) with the
 * department's due date (may be "" or NULL); prints the hand-over slip (document
 * "transfer_slip") when po is not NULL. */
int yz_service_forward(yz_session *s, const char *case_no, const char *department,
                       const char *dept_due, const char *note, yz_print_outcome *po, yz_err *err);
/* The department's result and the date it came (NULL = today). */
int yz_service_forward_result(yz_session *s, const char *case_no, const char *result,
                              const char *date, yz_err *err);
/* How the resident was told: YZ_NOTIFY_PHONE, _SMS, _VISIT or _COUNTER. */
int yz_service_forward_notified(yz_session *s, const char *case_no, const char *how, yz_err *err);
int yz_service_forward_collected(yz_session *s, const char *case_no, yz_err *err);
/* Departments from data/departments.txt beside the calendar file, one a line;
 * caller frees with yz_kv_free (names in keys). Built-in list when the file is
 * missing. */
int yz_service_departments(yz_session *s, yz_kv_list *out, yz_err *err);

/* The resident's rating of a closed case, 1-5 (1 very satisfied .. 5 very
 * dissatisfied), comment optional. 4 or 5 opens a follow-up for the station head
 * due in 3 working days; for a complaint (form kind su qiu) the head must also
 * confirm the closing (approval close_bad_rating). */
int yz_service_rate(yz_session *s, const char *case_no, int score, const char *comment,
                    yz_err *err);
/* The rating's words (1 → "very satisfied", translated). */
const char *yz_service_rating_label(int score);
/* The head records the follow-up call (note required). */
int yz_service_followup_done(yz_session *s, int64_t followup_id, const char *note, yz_err *err);

/* Dashboard of s->user: "due soon" = due within 2 working days; a station head
 * or admin gets every open case of the station. out is large (allocate it). */
int yz_service_dashboard(yz_session *s, yz_dashboard *out, yz_err *err);
/* yz_case_list restricted to what s->user may see. */
int yz_service_case_list(yz_session *s, const yz_case_filter *f, yz_case_cb cb, void *ctx,
                         yz_err *err);

/* How the case's due dates are computed (for the case view and `cases show`):
 * as of today, with a still-open pause counted up to today. */
int yz_service_deadline(yz_session *s, const yz_case *c, yz_deadline *due, yz_deadline *legal,
                        yz_err *err);

/* At session start: when the calendar file's text changed since the last run
 * (its hash is kept in meta "calendar_hash"), recompute the due dates of every
 * open case. Cases of older stations get their limits from the forms first.
 * *changed (may be NULL) = cases whose dates moved; -1 with err on failure. */
int yz_service_calendar_sync(yz_session *s, long *changed, yz_err *err);

/* Ju min shuo shi ri: a session; cases raised there are linked to it. */
int yz_service_talk_add(yz_session *s, const char *date, const char *place, int attendees,
                        int64_t *id, yz_err *err);
int yz_service_talk_link(yz_session *s, int64_t session_id, const char *case_no, yz_err *err);
/* "Accepted X items, Y done" and one line per category; malloc'd. */
char *yz_service_talk_summary(yz_session *s, int64_t session_id, yz_err *err);

/* The clerk's words for a timeline event kind ("paused" → waiting for materials). */
const char *yz_service_event_label(const char *kind);
/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" as local "YYYY-MM-DD HH:MM". */
void yz_service_local_time(const char *utc, char *buf, size_t n);
/* A stored field of a case as people see it: its label into label (a table
 * cell as "<table> <row>·<column>") and the value to show: an ID number masked
 * into buf, yes/no in words, anything else val itself. f may be NULL (the form
 * is gone): the key and the value as stored. */
const char *yz_service_field_shown(const yz_form *f, const char *key, const char *val, char *label,
                                   size_t ln, char buf[19]);

/* One header per concept (issue 11); what the screens call instead of the store. */
#include "yizhan/service/access.h"
#include "yizhan/service/cases.h"
#include "yizhan/service/drafts.h"
#include "yizhan/service/residents.h"
#include "yizhan/service/staff.h"
#include "yizhan/service/talk.h"

#endif
