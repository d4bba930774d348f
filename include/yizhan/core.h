/* core: domain rules with no I/O — dates, ID numbers, case numbers, money.
 *
 * Functions take "today" as a parameter instead of reading the clock so that
 * every rule is testable. */
#ifndef YZ_CORE_H
#define YZ_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "yizhan/text.h"

/* ---- dates ------------------------------------------------------------- */

/* A calendar date (proleptic Gregorian). Stored and shown as YYYY-MM-DD. */
typedef struct yz_date {
	int year;  /* 1900..2999 accepted by yz_date_valid */
	int month; /* 1..12 */
	int day;   /* 1..31 */
} yz_date;

bool yz_date_valid(int year, int month, int day);
int yz_days_in_month(int year, int month);

/* Parse "YYYY-MM-DD" (also "YYYYMMDD"); false for impossible dates such as 02-30. */
bool yz_date_parse(const char *s, yz_date *out);

/* Writes "YYYY-MM-DD" into buf (11 bytes). */
void yz_date_format(yz_date d, char buf[11]);

/* A date as typed ("20261214", "2026-12-14") in the stored form YYYY-MM-DD:
 * out (11 bytes) when typed is a date, else typed itself (NULL stays NULL),
 * for the caller to refuse. A date is in the stored form when
 * yz_date_norm(typed, buf) == buf and strcmp(buf, typed) == 0. */
const char *yz_date_norm(const char *typed, char out[11]);

/* Days since 1970-01-01 and back. */
long yz_date_to_days(yz_date d);
yz_date yz_date_from_days(long days);

int yz_date_cmp(yz_date a, yz_date b);

/* 0 = Monday … 6 = Sunday. */
int yz_date_weekday(yz_date d);

/* The local calendar date of a time_t. */
yz_date yz_date_from_time(time_t t);

/* ---- the clock ----------------------------------------------------------
 * Library code never calls time() itself: it asks the clock of the session (or
 * of the store) it was given, which the program sets to the real one and a test
 * may set to a fixed time. */

typedef struct yz_clock {
	time_t (*now)(void *ctx); /* the time now; NULL = the real clock */
	void *ctx;                /* passed to now */
} yz_clock;

/* The time now by clock c; a NULL c or c->now reads the real clock (this is
 * the only place the libraries do). */
time_t yz_clock_now(const yz_clock *c);
/* The real clock. */
yz_clock yz_clock_real(void);
/* A clock that stands at *at (the caller keeps at alive and may move it). */
yz_clock yz_clock_fixed(const time_t *at);
/* Today's local date by clock c. */
yz_date yz_clock_today(const yz_clock *c);

/* Whole years from birth to on (age on that date). */
int yz_age_on(yz_date birth, yz_date on);

/* UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" into buf (21 bytes). */
void yz_utc_stamp(time_t t, char buf[21]);
/* The time of a stamp yz_utc_stamp wrote; (time_t)-1 when it is not one. */
time_t yz_utc_parse(const char *stamp);
/* The local date of such a stamp into out ("" when it is not one). */
void yz_utc_local_date(const char *stamp, char out[11]);
/* The UTC stamp of the local midnight that starts day d. */
void yz_local_midnight_utc(yz_date d, char out[21]);

/* Local dates of many stamps (a year's cases): stamps of the same minute
 * share their local date, so a small direct-mapped memory of minutes spares
 * localtime() for nearly every row. Zeroed before use (calloc: 56 KiB). */
#define YZ_LOCAL_DATES_SLOTS 2048
typedef struct yz_local_dates {
	char key[YZ_LOCAL_DATES_SLOTS][17]; /* "YYYY-MM-DDTHH:MM" */
	char date[YZ_LOCAL_DATES_SLOTS][11];
} yz_local_dates;
/* yz_utc_local_date through c's memory. */
void yz_local_dates_get(yz_local_dates *c, const char *stamp, char out[11]);

/* ---- resident ID numbers (GB 11643-1999, ISO 7064 MOD 11-2) ------------- */

typedef enum yz_id_status {
	YZ_ID_OK = 0,
	YZ_ID_EMPTY,         /* nothing typed */
	YZ_ID_OLD15,         /* 15-digit first-generation number: no longer accepted */
	YZ_ID_LENGTH,        /* not 18 characters */
	YZ_ID_CHARS,         /* not 17 digits + digit or X */
	YZ_ID_REGION,        /* first six digits are not a plausible administrative code */
	YZ_ID_BIRTH_INVALID, /* digits 7-14 are not a real date */
	YZ_ID_BIRTH_FUTURE,  /* birth date after today */
	YZ_ID_CHECKSUM,      /* check digit does not match */
} yz_id_status;

typedef struct yz_idcard {
	char number[19]; /* normalised: 18 characters, upper-case X */
	yz_date birth;   /* from digits 7-14 */
	int female;      /* 1 when the 17th digit is even */
	int region;      /* first six digits */
} yz_idcard;

/* Check an ID number as typed (surrounding spaces ignored, lower-case x accepted).
 * out (may be NULL) is filled when the result is YZ_ID_OK. */
yz_id_status yz_idcard_check(const char *typed, yz_date today, yz_idcard *out);

/* The clerk-facing message for a status (translated). */
const char *yz_idcard_message(yz_id_status st);

/* The check character ('0'-'9' or 'X') for 17 digits. */
char yz_idcard_check_char(const char digits17[17]);

/* "110101********1234": first 6 + eight '*' + last 4. Any string shorter than 10
 * characters is masked completely. out must hold 19 bytes. */
void yz_idcard_mask(const char *number, char out[19]);

/* True when the six-digit code has a known province prefix (11-15, 21-23, 31-37,
 * 41-46, 50-54, 61-65, 71, 81, 82) and a non-zero city/county pattern, or is one
 * of 810000, 820000, 830000 (residence permits of Hong Kong, Macao and Taiwan
 * residents). */
bool yz_region_plausible(int code6);

/* ---- case numbers ------------------------------------------------------ */

/* "<station>-<year>-<6-digit sequence>", e.g. "HDQ01-2026-000123". The station
 * code is 1-16 characters [A-Z0-9]. Returns false if it does not fit in n or the
 * sequence is outside 1..999999. */
bool yz_caseno_format(char *buf, size_t n, const char *station, int year, long seq);

/* Splits a case number; station must hold 17 bytes. */
bool yz_caseno_parse(const char *s, char station[17], int *year, long *seq);

bool yz_station_code_valid(const char *code);

/* ---- working days (限时办结, 服务承诺) ----------------------------------- */

/* The official calendar: public holidays and 调休 make-up working days, per
 * year, as data/calendar.txt lists them. A year the official list lacks is
 * counted with the provisional calendar when it has the year (the statutory
 * holidays only, data/holidays-provisional.txt: see yz_calendar_add_provisional),
 * else Monday to Friday and reported as uncovered. */
typedef struct yz_calendar {
	long *holidays; /* days since 1970-01-01, sorted */
	size_t n_holidays;
	long *workdays; /* weekend days that are working days, sorted */
	size_t n_workdays;
	int *years; /* years the file covers */
	size_t n_years;
	long *prov_holidays; /* the provisional days off of prov_years, sorted */
	size_t n_prov_holidays;
	int *prov_years; /* years counted provisionally: in the provisional file, not in years */
	size_t n_prov_years;
} yz_calendar;

/* Parse the calendar text (see data/calendar.txt); path is for messages
 * "path:line: message". Returns 0, or -1 with err. */
int yz_calendar_parse(const char *text, size_t len, const char *path, yz_calendar *cal,
                      yz_err *err);
void yz_calendar_free(yz_calendar *cal);

/* Add the provisional calendar (the text of data/holidays-provisional.txt, in
 * calendar.txt's format, holiday lines only) to cal, parsed already: its years
 * that cal's official list lacks are counted with its days off; the others are
 * left out (the official list wins). 0, or -1 with err ("path:line: ..."),
 * cal unchanged. */
int yz_calendar_add_provisional(yz_calendar *cal, const char *text, size_t len, const char *path,
                                yz_err *err);

/* The official list has year. */
bool yz_calendar_covers(const yz_calendar *cal, int year);
/* year is counted with the provisional calendar (not official, provisional has it). */
bool yz_calendar_provisional(const yz_calendar *cal, int year);
/* Some year from first's to last's (either order) is counted provisionally. */
bool yz_calendar_span_provisional(const yz_calendar *cal, yz_date first, yz_date last);
bool yz_is_workday(const yz_calendar *cal, yz_date d);

/* The date n working days after from (from itself not counted; n = 0 gives
 * from). *uncovered (may be NULL) is set when a year on the way is in neither
 * the official nor the provisional calendar (counted Monday to Friday). */
yz_date yz_add_workdays(const yz_calendar *cal, yz_date from, int n, bool *uncovered);

/* Working days in (from, to]: 0 when to <= from. */
int yz_workdays_between(const yz_calendar *cal, yz_date from, yz_date to);

/* A stretch of days when the clock stood still (补正: waiting for the resident). */
typedef struct yz_pause {
	yz_date from;  /* the day the case started waiting */
	yz_date until; /* the day the clock restarted; a pause still open: set to today */
} yz_pause;

/* Pauses written "FROM/UNTIL FROM/UNTIL …" (dates YYYY-MM-DD; "FROM/" a
 * pause still open, its until left {0}) into out, at most max; how many the
 * text holds in all into *n_all (may be NULL). Returns how many went to out. */
size_t yz_pauses_parse(const char *text, yz_pause *out, size_t max, size_t *n_all);

/* How a due date came about, for the case view and `cases show`. */
typedef struct yz_deadline {
	yz_date due;        /* the due date */
	int limit_days;     /* promised (or legal) working days */
	int paused_days;    /* working days the clock stood still */
	int extension_days; /* working days granted by an approved extension */
	bool uncovered;     /* the calendar lacks a year on the way */
	bool provisional;   /* a year on the way is counted with the provisional calendar */
} yz_deadline;

/* due = accepted + limit + paused working days + extension, on the calendar. */
yz_deadline yz_deadline_compute(const yz_calendar *cal, yz_date accepted, int limit_days,
                                const yz_pause *pauses, size_t n_pauses, int extension_days);

/* ---- money: integer fen ----------------------------------------------- */

/* Parse "123", "123.4", "123.45", "¥123.45", "-5.00" into fen. */
bool yz_money_parse(const char *s, int64_t *fen);
/* "1234.50" into buf (32 bytes). */
void yz_money_format(int64_t fen, char buf[32]);
/* Any number kept in hundredths (a percentage 1234 = 12.34, a mean) as
 * "12.34", "-0.50" into buf (32 bytes); yz_money_format is this for fen. */
void yz_hundredths_format(int64_t hundredths, char buf[32]);

#endif
