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
#include "yizhan/store.h"
#include "yizhan/text.h"

/* A station setting used by form expressions (settings.<name>), such as the local
 * 低保 standard; written in yizhan.conf as "settings.<name> = value". */
typedef struct yz_setting {
	char name[64];   /* [a-z][a-z0-9_]* */
	char value[128]; /* text; numbers as written, e.g. 1240.00 */
} yz_setting;

#define YZ_MAX_SETTINGS 32

/* Settings from yizhan.conf in the data directory. */
typedef struct yz_config {
	char home[PATH_MAX];      /* data directory */
	char db_path[PATH_MAX];   /* home/station.db */
	char forms_dir[PATH_MAX]; /* where the form files are */
	char station_name[128];   /* 某某社区党群服务中心 */
	char station_code[17];    /* case-number prefix, [A-Z0-9]{1,16} */
	char station_phone[32];
	char window[32];            /* counter window name/number printed on receipts */
	char printer_receipt[128];  /* CUPS destination for receipts; "" = none */
	char printer_a4[128];       /* CUPS destination for A4 documents; "" = none */
	char receipt_encoding[16];  /* GB18030 or GBK */
	int receipt_columns;        /* 48 (80 mm) or 32 (58 mm) */
	char cups_server[PATH_MAX]; /* "" = CUPS default (CUPS_SERVER, client.conf) */
	int print_timeout_ms;
	char save_dir[PATH_MAX];              /* when no printer is set, documents are saved here */
	char calendar_file[PATH_MAX];         /* holidays and make-up days (data/calendar.txt) */
	yz_setting settings[YZ_MAX_SETTINGS]; /* station settings for form expressions */
	int n_settings;
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

/* Everything a screen or a command needs. */
typedef struct yz_session {
	yz_config *cfg;
	yz_store *store;
	yz_catalogue *cat;
	yz_user user;  /* the clerk logged in (or the command's actor) */
	yz_date today; /* local date, fixed for the session's operations */
	const yz_calendar *calendar; /* working days; NULL = Monday to Friday */
} yz_session;

/* What form expressions need from the session: today and the station settings
 * of yizhan.conf (settings.NAME). */
void yz_service_eval_env(const yz_session *s, yz_eval_env *env);

/* Read cfg->calendar_file into cal; 0, or -1 with "file:line: message". */
int yz_service_load_calendar(const yz_config *cfg, yz_calendar *cal, yz_err *err);

/* Validate values against the form (fields, tables, rules), then create the case (number allocated inside
 * the transaction). On-the-spot items (promise 0) are closed at once. */
int yz_service_submit(yz_session *s, const yz_form *f, const yz_values *values,
                      const char *const *materials, size_t n_materials, yz_case *out, yz_err *err);

/* Build a document of a stored case: "receipt" (acceptance receipt) or a document
 * id of the case's form (e.g. "certificate"). Caller frees. */
yz_doc *yz_service_build_doc(yz_session *s, const char *case_no, const char *doc, yz_err *err);

/* The printer and paper for a document id: receipt → receipt printer, others → A4. */
const char *yz_service_printer_for(const yz_config *c, const char *doc);

typedef struct yz_print_outcome {
	bool printed; /* CUPS accepted the job */
	bool saved;   /* no printer configured: written to saved_path instead */
	char saved_path[PATH_MAX];
	int64_t job_id; /* our print_jobs row */
	int cups_job_id;
	char reason[256]; /* why not, for the clerk */
} yz_print_outcome;

/* Render and send one document of a case; records the job and a timeline event.
 * printer NULL = the configured one. Returns 0 when printed or saved, -1 when the
 * job failed (it stays in the reprint list, out->reason says why). */
int yz_service_print(yz_session *s, const char *case_no, const char *doc, const char *printer,
                     yz_print_outcome *out, yz_err *err);

/* Retry a failed job once more (same document, same printer unless given). */
int yz_service_retry(yz_session *s, int64_t job_id, const char *printer, yz_print_outcome *out,
                     yz_err *err);

#endif
