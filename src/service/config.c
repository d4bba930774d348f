/* yizhan.conf: the station's settings, "key = value" lines with '#' comments.
 * The file is written once by `yizhan init` with every key commented, then edited
 * by the station's admin; unknown keys are errors so that a typo never passes
 * silently. After the station's keys come the "[counter N]" sections of a
 * station with several counters (counter.c). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "service_int.h"
#include "yizhan/service.h"
#include "yz_config.h"

/* Where a key's value lives in yz_config. */
typedef struct conf_key {
	const char *name; /* key in the file */
	size_t offset;    /* offsetof(yz_config, …) */
	size_t size;      /* buffer size for strings; 0 for int */
	const char *help; /* comment written above the key (translated) */
} conf_key;

#define STR_KEY(k, h)                                                                              \
	{                                                                                          \
#k, offsetof(yz_config, k), sizeof(((yz_config *)0)->k), h                         \
	}
#define INT_KEY(k, h)                                                                              \
	{                                                                                          \
#k, offsetof(yz_config, k), 0, h                                                   \
	}

static const conf_key keys[] = {
    STR_KEY(station_name, N_("Station name printed on every document")),
    STR_KEY(station_code, N_("Station code: the prefix of case numbers, A-Z and 0-9, at most 16")),
    STR_KEY(station_phone, N_("Station phone printed on receipts")),
    STR_KEY(window, N_("Counter window printed on receipts")),
    STR_KEY(document_language,
            N_("Language of the program's own papers (receipts, notices, slips, sheets), "
               "whatever the clerk's screen language: zh_CN (Chinese) or en (English); "
               "a form's documents are in the form's language")),
    STR_KEY(printer_receipt, N_("CUPS printer for receipts (ESC/POS); empty = save to files")),
    STR_KEY(printer_a4, N_("CUPS printer for A4 documents (PDF); empty = save to files")),
    INT_KEY(receipt_paper, N_("Receipt paper width in mm: 80 (48 columns) or 58 (32 columns)")),
    STR_KEY(receipt_profile,
            N_("Receipt printer model: gb18030 (current models), gbk (older models), "
               "gbk-plain (GBK models that print FS & as garbage), epson (Epson's Chinese "
               "TM series)")),
    STR_KEY(cups_server, N_("CUPS server (host or socket path); empty = the system default")),
    INT_KEY(print_timeout_ms, N_("How long to wait for the printer server, in milliseconds")),
    STR_KEY(forms_dir, N_("Folder of the form files; empty = the forms installed with yizhan "
                          "(a new version brings new ones)")),
    STR_KEY(save_dir, N_("Folder where documents are saved when no printer is set")),
    STR_KEY(calendar_file,
            N_("Working-day calendar: public holidays and make-up working days; empty = the "
               "calendar installed with yizhan (a new version brings new years)")),
    STR_KEY(os_accounts,
            N_("OS accounts that act as station accounts on the command line without a "
               "password, such as root:admin, li:zhangli; empty = every command that shows "
               "personal data asks for --as LOGIN and its password")),
    STR_KEY(backup_dir,
            N_("Folder of the backups (yizhan backup); empty = /var/backups/yizhan for a "
               "station in /var/lib/yizhan, else the folder backups in the data folder")),
    INT_KEY(backup_keep, N_("How many backups that folder keeps, the newest; 0 = all")),
    STR_KEY(key_file,
            N_("The station key: the keys of the audit log and of the verification codes, "
               "never kept in the database; empty = station.key beside the database. Keep its "
               "copy apart from the backups, locked away by the station head")),
    INT_KEY(idle_lock_minutes,
            N_("Minutes without a key after which the counter locks its screen until the "
               "clerk's password is typed (at most 1440); 0 = never")),
    /* Issue 19: the hall. */
    STR_KEY(ticket_printer, N_("CUPS printer of the ticket kiosk (yizhan ticket), a receipt "
                               "printer; empty = printer_receipt")),
    STR_KEY(hall_voice, N_("How the hall display calls a ticket: espeak (espeak-ng's Mandarin "
                           "voice), clips (recorded WAV clips, see hall_clips_dir) or off")),
    STR_KEY(hall_clips_dir, N_("Folder of the recorded clips of hall_voice = clips; empty = "
                               "the folder hall/clips in the data folder")),
};

/* Issue 17: the district hub's keys. A station without a hub has none of
 * them in its file: they are written only when one is set (hub_every when it
 * is not the default), so that the file stays as short as a lone station
 * needs. */
#define HUB_EVERY_DEFAULT 5
static const conf_key hub_keys[] = {
    STR_KEY(hub, N_("The district hub (PostgreSQL) this station sends its changes to, as "
                    "`yizhan hub station add` printed it: postgresql://ROLE@HOST/DATABASE; "
                    "empty = the station works alone")),
    STR_KEY(hub_password, N_("The station's password at the hub, as `yizhan hub station add` "
                             "printed it; empty = PGPASSWORD or ~/.pgpass")),
    INT_KEY(hub_every, N_("Minutes between the counter's syncs with the hub (at most 1440); "
                          "0 = only when `yizhan sync` runs (from cron, say)")),
    STR_KEY(hub_dept, N_("At a department's workstation: the department's code at the hub "
                         "(`yizhan hub inbox`); empty at a station")),
};

void yz_config_own_path(const char *name, char *out, size_t n)
{
	const char *env = getenv("YIZHAN_DATADIR");
	snprintf(out, n, "%s/%s", env && *env ? env : YZ_DATADIR, name);
}

/* The settings whose default is the program's own data: an empty value in
 * yizhan.conf means that default, so an upgrade brings new forms and calendar
 * years without an edit; a path the station writes there wins. */
static void own_forms(char *out, size_t n)
{
	yz_config_own_path("forms", out, n);
}

static void own_calendar(char *out, size_t n)
{
	yz_config_own_path("data/calendar.txt", out, n);
}

void yz_config_vocab_dir(const yz_config *c, char *out, size_t n)
{
	const char *slash = strrchr(c->calendar_file, '/');
	int dir = slash ? (int)(slash - c->calendar_file) : 1;
	char kinds[PATH_MAX];

	snprintf(out, n, "%.*s/vocab", dir, slash ? c->calendar_file : ".");
	snprintf(kinds, sizeof kinds, "%s/kinds.txt", out);
	if (access(kinds, F_OK) != 0)
		yz_config_own_path("data/vocab", out, n);
}

void yz_config_district_dir(const yz_config *c, char *out, size_t n)
{
	if (c->district_dir[0])
		snprintf(out, n, "%s", c->district_dir);
	else
		snprintf(out, n, "%s/district", c->home);
}

void yz_config_district_forms_dir(const yz_config *c, char *out, size_t n)
{
	char district[PATH_MAX];

	yz_config_district_dir(c, district, sizeof district);
	snprintf(out, n, "%s/forms", district);
}

void yz_config_defaults(yz_config *c, const char *home)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->home, sizeof(c->home), "%s", home);
	snprintf(c->db_path, sizeof(c->db_path), "%s/station.db", home);
	snprintf(c->station_name, sizeof(c->station_name), "%s",
	         P_("Demo Community Service Station")); /* printed: the papers' language */
	snprintf(c->document_language, sizeof(c->document_language), "zh_CN");
	snprintf(c->station_code, sizeof(c->station_code), "DEMO01");
	snprintf(c->window, sizeof(c->window), "1");
	snprintf(c->receipt_encoding, sizeof(c->receipt_encoding), "GB18030");
	c->receipt_columns = 48;
	c->receipt_paper = 80;
	snprintf(c->receipt_profile, sizeof(c->receipt_profile), "gb18030");
	c->print_timeout_ms = 5000;
	c->backup_keep = 30; /* two weeks of the timer's two copies a day */
	c->idle_lock_minutes = 5;
	c->hub_every = HUB_EVERY_DEFAULT;
	snprintf(c->hall_voice, sizeof(c->hall_voice), "espeak");
	svc_queue_defaults(c);
	snprintf(c->save_dir, sizeof(c->save_dir), "%s/printed", home);
	own_forms(c->forms_dir, sizeof(c->forms_dir));
	own_calendar(c->calendar_file, sizeof(c->calendar_file));
	/* A placeholder until the station enters the figure its civil-affairs office
	 * publishes; the minimum-living-allowance (dibao) application compares per-capita income
	 * with it. */
	yz_config_set_setting(c, "dibao_standard", "1240.00");
	/* The other figures the catalogue's rules compare with (forms/README.md
	 * lists them); each station enters its own city's. */
	yz_config_set_setting(c, "temp_aid_max", "7440.00");        /* one-off aid cap, yuan */
	yz_config_set_setting(c, "temp_aid_urgent_max", "3000.00"); /* paid first, yuan */
	yz_config_set_setting(c, "housing_income_line", "2480.00"); /* yuan per person-month */
	yz_config_set_setting(c, "housing_area_line", "15");        /* m2 per person */
	yz_config_set_setting(c, "rental_min_area", "5");           /* m2 per tenant */
	/* Days a public notice (gong shi, e.g. of minimum-allowance applicants)
	 * stays on the board: the objection period the notice ledgers print. */
	yz_config_set_setting(c, "notice_days", "7");
}

static bool setting_name_valid(const char *name)
{
	if (!(*name >= 'a' && *name <= 'z') || strlen(name) >= sizeof(((yz_setting *)0)->name))
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

const char *yz_config_setting(const yz_config *c, const char *name)
{
	for (int i = 0; i < c->n_settings; i++)
		if (strcmp(c->settings[i].name, name) == 0)
			return c->settings[i].value;
	return NULL;
}

bool yz_config_set_setting(yz_config *c, const char *name, const char *value)
{
	if (!setting_name_valid(name))
		return false;
	yz_setting *s = NULL;
	for (int i = 0; i < c->n_settings && !s; i++)
		if (strcmp(c->settings[i].name, name) == 0)
			s = &c->settings[i];
	if (!s && c->n_settings == YZ_MAX_SETTINGS)
		return false;
	if (!s) {
		s = &c->settings[c->n_settings++];
		snprintf(s->name, sizeof(s->name), "%s", name);
	}
	return yz_strlcpy_utf8(s->value, value, sizeof(s->value));
}

static const conf_key *find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	for (size_t i = 0; i < sizeof(hub_keys) / sizeof(hub_keys[0]); i++)
		if (strcmp(hub_keys[i].name, name) == 0)
			return &hub_keys[i];
	return NULL;
}

static bool is_hub_key(const char *name)
{
	for (size_t i = 0; i < sizeof(hub_keys) / sizeof(hub_keys[0]); i++)
		if (strcmp(hub_keys[i].name, name) == 0)
			return true;
	return false;
}

/* A hub address libpq takes: a URI (postgresql:// or postgres://) or a
 * "key=value …" connection string; "" = no hub. */
static bool hub_url_valid(const char *u)
{
	size_t n = strspn(u, "abcdefghijklmnopqrstuvwxyz_");

	return !*u || !strncmp(u, "postgresql://", 13) || !strncmp(u, "postgres://", 11) ||
	       (n > 0 && (u[n] == '=' || (u[n] == ' ' && u[n + strspn(u + n, " ")] == '=')));
}

/* A department's code at the hub: [A-Z0-9_]{1,16}, or "" (a station). */
static bool hub_dept_valid(const char *d)
{
	return strspn(d, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(d) && strlen(d) <= 16;
}

static int hub_validate(const yz_config *c, const char *path, yz_err *err)
{
	if (!hub_url_valid(c->hub)) {
		yz_err_set(
		    err,
		    _("%s: hub \"%s\" is not a PostgreSQL address: write it as `yizhan hub "
		      "station add` printed it, such as postgresql://yz_s_demo01@hub.example/"
		      "yizhan (or host=... dbname=... user=...)"),
		    path, c->hub);
		return -1;
	}
	if (c->hub_every > 1440) {
		yz_err_set(err,
		           _("%s: hub_every must be from 0 (only yizhan sync) to 1440 minutes"),
		           path);
		return -1;
	}
	if (!hub_dept_valid(c->hub_dept)) {
		yz_err_set(err,
		           _("%s: hub_dept \"%s\" is not a department code (A-Z, 0-9 and _, at "
		             "most 16)"),
		           path, c->hub_dept);
		return -1;
	}
	return 0;
}

/* Checks that apply once the whole file is read. */
static int config_validate(const yz_config *c, const char *path, yz_err *err)
{
	if (!yz_station_code_valid(c->station_code)) {
		yz_err_set(err, _("%s: station_code \"%s\" is not valid (A-Z and 0-9, at most 16)"),
		           path, c->station_code);
		return -1;
	}
	if (c->receipt_paper != 58 && c->receipt_paper != 80) {
		yz_err_set(err, _("%s: receipt_paper must be 58 or 80"), path);
		return -1;
	}
	yz_escpos_opts o;
	if (yz_escpos_opts_for(&o, c->receipt_paper, c->receipt_profile) != 0) {
		yz_err_set(err, _("%s: receipt_profile must be gb18030, gbk, gbk-plain or epson"),
		           path);
		return -1;
	}
	if (c->idle_lock_minutes > 1440) {
		yz_err_set(err, _("%s: idle_lock_minutes must be from 0 (never) to 1440"), path);
		return -1;
	}
	if (!yz_paper_lang_valid(c->document_language)) {
		yz_err_set(err, _("%s: document_language must be zh_CN (Chinese) or en (English)"),
		           path);
		return -1;
	}
	if (strcmp(c->hall_voice, "espeak") != 0 && strcmp(c->hall_voice, "clips") != 0 &&
	    strcmp(c->hall_voice, "off") != 0) {
		yz_err_set(err, _("%s: hall_voice must be espeak, clips or off"), path);
		return -1;
	}
	/* A counter's queues exist (a [queue X] may follow the counter's section). */
	for (int i = 0; i < c->n_counters; i++)
		for (const char *q = c->counters[i].queues; *q; q++) {
			char letter[2] = {*q, '\0'};
			if (*q >= 'A' && *q <= 'Z' && !yz_config_queue(c, letter)) {
				yz_err_set(err,
				           _("%s:%d: counter %d calls from queue %s, which has no "
				             "[queue %s] section"),
				           path, c->counters[i].line, c->counters[i].number, letter,
				           letter);
				return -1;
			}
		}
	return hub_validate(c, path, err);
}

/* The older keys receipt_columns (32, 48) and receipt_encoding (GB18030, GBK)
 * set the paper and the profile; 1 when name is not one of them, -1 when the
 * value is bad. */
static int legacy_key(yz_config *c, const char *name, const char *val)
{
	if (strcmp(name, "receipt_columns") == 0) {
		if (strcmp(val, "32") != 0 && strcmp(val, "48") != 0)
			return -1;
		c->receipt_paper = strcmp(val, "32") == 0 ? 58 : 80;
		return 0;
	}
	if (strcmp(name, "receipt_encoding") != 0)
		return 1;
	if (strcmp(val, "GB18030") != 0 && strcmp(val, "GBK") != 0)
		return -1;
	snprintf(c->receipt_profile, sizeof(c->receipt_profile), "%s",
	         strcmp(val, "GBK") == 0 ? "gbk" : "gb18030");
	return 0;
}

/* receipt_columns and receipt_encoding follow the paper and profile, for code
 * that reads them. */
static void derive_receipt(yz_config *c)
{
	yz_escpos_opts o;
	yz_service_receipt_opts(c, &o);
	c->receipt_columns = o.columns;
	snprintf(c->receipt_encoding, sizeof(c->receipt_encoding), "%s", o.encoding);
}

static int set_value(yz_config *c, const conf_key *k, const char *val)
{
	char *dst = (char *)c + k->offset;
	if (k->size == 0) {
		char *end;
		errno = 0;
		long v = strtol(val, &end, 10);
		if (errno || *end || end == val || v < 0 || v > 1000000)
			return -1;
		*(int *)dst = (int)v;
		return 0;
	}
	return yz_strlcpy_utf8(dst, val, k->size) ? 0 : -1;
}

/* One line; *section is the counter section the line is in (-1: the station's
 * keys at the top). */
static int parse_line(yz_config *c, char *line, const char *path, int lineno, int *section,
                      yz_err *err)
{
	char *s = yz_text_trim(line);
	if (*s == '\0' || *s == '#')
		return 0;
	if (*s == '[')
		return svc_conf_section(c, s, path, lineno, section, err);
	char *eq = strchr(s, '=');
	if (!eq) {
		yz_err_set(err, _("%s:%d: expected \"key = value\""), path, lineno);
		return -1;
	}
	*eq = '\0';
	char *name = yz_text_trim(s), *val = yz_text_trim(eq + 1);
	/* The hub's keys are the station's wherever they stand: the lines `yizhan
	 * hub station add` prints are appended to the file, after any counter. */
	if (*section >= SVC_QUEUE_SECTION && !is_hub_key(name))
		return svc_conf_queue_key(c, *section, name, val, path, lineno, err);
	if (*section >= 0 && !is_hub_key(name))
		return svc_conf_counter_key(c, *section, name, val, path, lineno, err);
	if (strncmp(name, "settings.", 9) == 0) {
		if (yz_config_set_setting(c, name + 9, val))
			return 0;
		yz_err_set(err, _("%s:%d: bad station setting \"%s\""), path, lineno, name);
		return -1;
	}
	int legacy = legacy_key(c, name, val);
	if (legacy <= 0) {
		if (legacy < 0)
			yz_err_set(err, _("%s:%d: bad value for %s"), path, lineno, name);
		return legacy;
	}
	const conf_key *k = find_key(name);
	if (!k) {
		yz_err_set(err, _("%s:%d: unknown setting \"%s\""), path, lineno, name);
		return -1;
	}
	if (set_value(c, k, val) != 0) {
		yz_err_set(err, _("%s:%d: bad value for %s"), path, lineno, name);
		return -1;
	}
	return 0;
}

/* True when fgets stopped because line (of size bytes) was full, not at the
 * line's end or the file's: the rest of the line must not be read as a line of
 * its own (the tail of a long comment would become a setting). */
static bool line_cut(const char *line, size_t size, FILE *f)
{
	size_t n = strlen(line);
	int ch;
	if (n + 1 < size || line[n - 1] == '\n' || (ch = getc(f)) == EOF)
		return false;
	ungetc(ch, f);
	return true;
}

int yz_config_load(yz_config *c, const char *path, yz_err *err)
{
	/* A regular file of a settings file's size, read whole first (issue 14:
	 * a FIFO or a device named yizhan.conf is refused, never read). */
	size_t size;
	char *text = yz_infile_read(path, YZ_INFILE_MAX, &size, err);
	if (!text)
		return -1;
	FILE *f = fmemopen(text, size + 1, "r"); /* + 1: an empty file is a file too */
	if (!f) {
		yz_err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		free(text);
		return -1;
	}
	char line[4096];
	int lineno = 0, rc = 0, section = -1;
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		lineno++;
		if (line_cut(line, sizeof(line), f)) {
			yz_err_set(err, _("%s:%d: the line is too long (at most %d characters)"),
			           path, lineno, (int)sizeof(line) - 2);
			rc = -1;
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		rc = parse_line(c, line, path, lineno, &section, err);
	}
	fclose(f);
	free(text);
	if (!c->forms_dir[0])
		own_forms(c->forms_dir, sizeof(c->forms_dir));
	if (!c->calendar_file[0])
		own_calendar(c->calendar_file, sizeof(c->calendar_file));
	if (rc == 0)
		rc = config_validate(c, path, err);
	if (rc == 0)
		derive_receipt(c);
	if (rc == 0) /* the papers printed from now on (the service sets it again per paper) */
		yz_paper_lang_set(c->document_language);
	return rc;
}

/* True when value is the program's own data for key k: it is written empty,
 * so that it follows the installed program. */
static bool is_own(const conf_key *k, const char *value)
{
	char own[PATH_MAX];
	if (strcmp(k->name, "forms_dir") == 0)
		own_forms(own, sizeof own);
	else if (strcmp(k->name, "calendar_file") == 0)
		own_calendar(own, sizeof own);
	else
		return false;
	return strcmp(value, own) == 0;
}

int yz_config_check_own(const yz_config *c, yz_err *err)
{
	char forms[PATH_MAX], cal[PATH_MAX];
	own_forms(forms, sizeof forms);
	own_calendar(cal, sizeof cal);
	const char *what = NULL, *path = NULL;
	int e = 0;
	if (strcmp(c->forms_dir, forms) == 0 && access(forms, R_OK | X_OK) != 0)
		e = errno, what = _("the forms folder"), path = forms;
	else if (strcmp(c->calendar_file, cal) == 0 && access(cal, R_OK) != 0)
		e = errno, what = _("the working-day calendar"), path = cal;
	if (!path)
		return 0;
	yz_err_set(err,
	           _("yizhan's own files are missing: %s %s cannot be read (%s). Reinstall "
	             "yizhan, or call the station's technical support."),
	           what, path, strerror(e));
	return -1;
}

void yz_config_backup_dir(const yz_config *c, char *out, size_t n)
{
	static const char var_lib[] = "/var/lib/";
	const char *name = strncmp(c->home, var_lib, sizeof var_lib - 1) == 0
	                       ? c->home + sizeof var_lib - 1
	                       : NULL;
	if (c->backup_dir[0])
		snprintf(out, n, "%s", c->backup_dir);
	else if (name && *name && !strchr(name, '/'))
		snprintf(out, n, "/var/backups/%s", name);
	else
		snprintf(out, n, "%s/backups", c->home);
}

static void write_key(FILE *f, const yz_config *c, const conf_key *k)
{
	const char *dst = (const char *)c + k->offset;

	fprintf(f, "\n# %s\n", _(k->help));
	if (k->size == 0)
		fprintf(f, "%s = %d\n", k->name, *(const int *)dst);
	else if (is_own(k, dst))
		fprintf(f, "%s =\n", k->name);
	else
		fprintf(f, "%s = %s\n", k->name, dst);
}

/* The hub's keys, only when one of them is set (hub_dept only at a
 * department's workstation). */
static void write_hub_keys(FILE *f, const yz_config *c)
{
	if (!c->hub[0] && !c->hub_password[0] && !c->hub_dept[0] &&
	    c->hub_every == HUB_EVERY_DEFAULT)
		return;
	for (size_t i = 0; i < sizeof(hub_keys) / sizeof(hub_keys[0]); i++)
		if (strcmp(hub_keys[i].name, "hub_dept") != 0 || c->hub_dept[0])
			write_key(f, c, &hub_keys[i]);
}

int yz_config_write(const yz_config *c, const char *path, yz_err *err)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		yz_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		return -1;
	}
	fprintf(f, "# %s\n",
	        _("yizhan station settings. Lines are \"key = value\"; # starts a comment."));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		write_key(f, c, &keys[i]);
	write_hub_keys(f, c);
	fprintf(f, "\n# %s\n", _("Station settings used by the forms (settings.NAME = value)."));
	fprintf(f, "# %s\n",
	        _("dibao_standard: the local minimum living standard, yuan per person "
	          "per month, as the civil-affairs office publishes it."));
	fprintf(f, "# %s\n", _("The others: see forms/README.md. Enter your city's figures."));
	for (int i = 0; i < c->n_settings; i++)
		fprintf(f, "settings.%s = %s\n", c->settings[i].name, c->settings[i].value);
	/* Sections last (one runs to the next or to the end of the file): the
	 * queues, then the counters with their commented example at the end. */
	svc_conf_write_queues(c, f);
	svc_conf_write_counters(c, f);
	if (fclose(f) != 0) {
		yz_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The calendar in force (issue 17): the one the district published
 * (<district>/calendar.txt, taken by the sync) when the station uses the
 * installed calendar; a station that set calendar_file itself keeps its own. */
void yz_config_calendar_in_force(const yz_config *cfg, char *out, size_t n)
{
	char own[PATH_MAX], district[PATH_MAX];

	own_calendar(own, sizeof own);
	yz_config_district_dir(cfg, district, sizeof district);
	snprintf(out, n, "%s/calendar.txt", district);
	if (strcmp(cfg->calendar_file, own) != 0 || access(out, F_OK) != 0)
		snprintf(out, n, "%s", cfg->calendar_file);
}

/* A calendar file read and parsed: a regular file of a calendar's size
 * (issue 14: calendar_file = /dev/zero once read 2 GB). */
static int parse_calendar_file(const char *path, yz_calendar *cal, yz_err *err)
{
	size_t len;
	char *text = yz_infile_read(path, YZ_INFILE_MAX, &len, err);
	int rc = text ? yz_calendar_parse(text, len, path, cal, err) : -1;
	free(text);
	return rc;
}

int yz_service_load_calendar(const yz_config *cfg, yz_calendar *cal, yz_err *err)
{
	char path[PATH_MAX];
	yz_config_calendar_in_force(cfg, path, sizeof path);
	/* The district's file unreadable or bad (the hub checked it when it
	 * was published; a disk error, an edit by hand): the station's own,
	 * rather than a counter that cannot start. */
	if (parse_calendar_file(path, cal, err) != 0 &&
	    (!strcmp(path, cfg->calendar_file) ||
	     parse_calendar_file(cfg->calendar_file, cal, err) != 0))
		return -1;
	/* the years not announced yet: the statutory holidays (issue 13) */
	int rc = yz_service_load_provisional(cfg, cal, err);
	if (rc != 0)
		yz_calendar_free(cal);
	return rc;
}
