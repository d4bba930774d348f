/* service/ledgers.h: running a ledger (issue 16): the station's ledger files
 * (forms/ledgers/, the language of yizhan/form/ledger.h, and those the
 * district published into <home>/district/forms/ledgers) over a period, with
 * the filters a station head picks, into a report (yizhan/service/report.h)
 * to save or print. Rows come from the store; a sensitive line's cases and a
 * sensitive special group are in it only for a viewer who may see them, as
 * everywhere. Only the head and the admin run ledgers; each run that leaves
 * the program (a file, a paper) is audited.
 *
 * Issue 17: the same ledger files run at the district hub over every
 * station's cases (yz_service_district_ledger), rows from the hub
 * (yz_hub_lrows_*) with a first column naming the station. There the hub's
 * PostgreSQL roles decide what a login reads (the hub's admin: everything the
 * stations shared; a station's login: its own), so there is no head check,
 * no sensitive-line filter (the stations share no staff lists) and no audit
 * row (no station database); what a ledger masks (id_masked, name_masked) it
 * masks there too. The service module, src/service/ledgers.c; all of it:
 * yizhan/service.h. */
#ifndef YZ_SERVICE_LEDGERS_H
#define YZ_SERVICE_LEDGERS_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/core.h"
#include "yizhan/form/ledger.h"
#include "yizhan/hub.h"
#include "yizhan/service/report.h"
#include "yizhan/service/session.h"

/* The ledgers of forms_dir: every *.ledger of <forms_dir>/ledgers against
 * the catalogue cat, with the tags checked (a code no special group has is an
 * error "file:line:col: ..."): `yizhan forms check` and the session's use.
 * 0 when all are good (a missing folder is an empty set); -1 with the
 * problems in diags (the set still holds the good ones). */
int yz_service_ledgers_load(const char *forms_dir, const yz_catalogue *cat, yz_ledger_set *out,
                            yz_diags *diags);
/* The same for the session's forms folder and catalogue (read when asked,
 * never at start: the first screen does not wait for ledgers), then the
 * ledgers the district published (yz_config_district_dir's forms/ledgers): a
 * file there replaces the station's ledger of the same id, a new one is
 * added. */
int yz_service_ledgers(const yz_session *s, yz_ledger_set *out, yz_diags *diags);

/* Which rows a run takes, besides the ledger's own condition. */
typedef struct yz_ledger_query {
	yz_date from, to;      /* the period (inclusive), on the ledger's period key */
	const char *line;      /* business line, NULL = all */
	const char *grid;      /* grid name, NULL = all */
	const char *clerk;     /* the accepting clerk's login, NULL = all */
	int state;             /* 0 every case, 1 open at the period's end, 2 closed */
	const char *period_id; /* the file name's period ("2026-11"); NULL = from..to */
	const char *station;   /* at the hub: only this station (its code), NULL = every
	                          station the login may read */
} yz_ledger_query;

/* Run ledger l for the session's user: a report with the ledger's columns,
 * groups, subtotals and total. 0, or -1 with err (refused: an audit row). */
int yz_service_ledger_run(yz_session *s, const yz_ledger *l, const yz_ledger_query *q,
                          yz_report **out, yz_err *err);

/* Issue 17: run ledger l at the district hub h over every station's rows (or
 * q->station's), the session giving the calendar, the catalogue, today and
 * the paper's language (s->store may be NULL and is not touched). The report
 * has a first column, the station ("CODE name"), and its rows sorted by it
 * first. Sources the hub does not hold (residents, households, talk days: the
 * registry stays at each station), --grid and --clerk are refused in words;
 * latest.<form> is each shared applicant's latest case of the form at the
 * same station (by ID number). 0, or -1 with err. */
int yz_service_district_ledger(yz_session *s, yz_hub *h, const yz_ledger *l,
                               const yz_ledger_query *q, yz_report **out, yz_err *err);
/* The same refusals, before connecting: 0 when the hub can make l with q,
 * else -1 with err saying why. */
int yz_service_district_ledger_check(const yz_ledger *l, const yz_ledger_query *q, yz_err *err);

/* Save a report to path (format f) or print it on the A4 printer (printer
 * NULL = the configured one), with an audit row naming the ledger, the
 * period and the rows. 0, or -1 with err. */
int yz_service_report_save(yz_session *s, const yz_report *r, yz_report_format f, const char *path,
                           yz_err *err);
int yz_service_report_print(yz_session *s, const yz_report *r, const char *printer, yz_err *err);

#endif
