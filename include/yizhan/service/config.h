/* service/config.h: yizhan.conf: the station's settings and its counters (the service
 * module, src/service/; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_CONFIG_H
#define YZ_SERVICE_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "yizhan/core.h"
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
	char queues[64];           /* issue 19: the hall's queues it calls from, letters
	                            * separated by spaces ("A C"); "" = by its clerk's AB gang */
} yz_counter;

/* Issue 19: one queue of the hall (a business line of the ticket kiosk), a
 * section of yizhan.conf after the station's keys, as counters are:
 *   [queue A]
 *   label = (its name on the kiosk, the ticket and the display)
 *   lines = social_assistance elderly_disabled
 *   slots = 09:00-09:30 09:30-10:00 14:00-14:30
 *   slot_capacity = 2
 * Without sections, yz_config_defaults' four queues apply (A social
 * assistance, B social insurance and employment, C certificates, D requests
 * and consultations). */
#define YZ_MAX_QUEUES 8
typedef struct yz_queue_line {
	char letter[2];     /* A..Z */
	int line;           /* line of its "[queue X]" header (0 = a default) */
	char label[64];     /* "" = "Queue X" */
	char lines[512];    /* business lines (data/vocab/lines.txt), space-separated */
	char slots[512];    /* appointment slots "HH:MM-HH:MM", space-separated ("" = none) */
	int slot_capacity;  /* bookings per slot, 1.. (default 2) */
} yz_queue_line;

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
	/* Issue 13: the language of every paper, whatever the clerk's UI language:
	 * "zh_CN" (the default) or "en" (yz_paper_lang_set). */
	char document_language[16];
	/* Issue 14: OS accounts that stand for station accounts on the command
	 * line, "osuser:login, osuser:login" (src/app/identity.c). */
	char os_accounts[512];
	/* Issue 14: `yizhan backup` (src/app/cmd_backup.c). */
	char backup_dir[PATH_MAX]; /* where the copies go; "" = yz_config_backup_dir's default */
	int backup_keep;           /* the newest copies kept there; 0 = all */
	/* Issue 14: the counter locks after this many minutes without a key
	 * (0 = never; src/tui/screens/lock.c). */
	int idle_lock_minutes;
	/* Issue 14: the station key (keys of the audit trail and of the
	 * verification codes); "" = station.key beside the database. */
	char key_file[PATH_MAX];
	/* Issue 17: the district hub (service/sync.h). hub: a PostgreSQL URL ("" =
	 * no hub: the station works alone); hub_password: the station's (or the
	 * department's) password there; hub_every: minutes between the counter
	 * UI's syncs (0 = only `yizhan sync`); hub_dept: a department
	 * workstation's department code (`yizhan hub inbox`). */
	char hub[512];
	char hub_password[128];
	int hub_every;
	char hub_dept[17];
	/* Not in yizhan.conf: the folder of the district's files when it is
	 * not <home>/district (the hub's own commands read a copy made for the
	 * run); "" = <home>/district. */
	char district_dir[PATH_MAX];
	/* Issue 19: the hall (service/hall.h). */
	yz_queue_line queues[YZ_MAX_QUEUES]; /* "[queue X]" sections, in file order */
	int n_queues;
	char ticket_printer[128];       /* the ticket kiosk's receipt printer ("" = the
	                                 * session's receipt printer) */
	char hall_voice[16];            /* "espeak" (default), "clips" or "off" */
	char hall_clips_dir[PATH_MAX];  /* "clips": a WAV per token ("" = <home>/hall/clips) */
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
/* Issue 17: the folder where the station's sync keeps what the district
 * hub published (forms/NAME.form, forms/ledgers/NAME.ledger, calendar.txt):
 * <home>/district (or c->district_dir when set). Its forms and ledgers are loaded after forms_dir's
 * (a file of the same name replaces the station's); see service/sync.h. */
void yz_config_district_dir(const yz_config *c, char *out, size_t n);
/* Its forms folder (<district>/forms; ledgers/ under it), read over forms_dir. */
void yz_config_district_forms_dir(const yz_config *c, char *out, size_t n);
/* The calendar file in force: the district's calendar.txt (in
 * yz_config_district_dir) when there is one and calendar_file is the
 * installed one (a station that set its own keeps it), else calendar_file. */
void yz_config_calendar_in_force(const yz_config *c, char *out, size_t n);
/* 0 when the program's own forms and calendar that c uses can be read; else
 * -1 with err saying to reinstall yizhan. (Paths the station set itself are
 * checked where they are read.) */
int yz_config_check_own(const yz_config *c, yz_err *err);
/* The folder of the station's backups: backup_dir when set; else, for a
 * station in /var/lib/NAME (the package's place), /var/backups/NAME (Debian's
 * place for backups, root's and the group's); else the folder "backups" in the
 * data directory. */
void yz_config_backup_dir(const yz_config *c, char *out, size_t n);

#endif
