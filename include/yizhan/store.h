/* store: the station's SQLite database — schema and migrations, users, residents
 * and households, cases with their fields and timeline, print jobs, drafts and the
 * hash-chained audit log.
 *
 * One file per station, WAL mode, foreign_keys=ON, synchronous=FULL, busy timeout;
 * several counter processes may share it. Every statement is prepared with bound
 * parameters. Functions return 0 on success and -1 on failure with a translated
 * message in err (err may be NULL). Times are UTC "YYYY-MM-DDTHH:MM:SSZ"; dates
 * "YYYY-MM-DD".
 *
 * One header per concept under yizhan/store/, as tig keeps one per concept in
 * include/tig. This one includes them all, for the app, the store itself and its
 * tests. The service includes only the concepts whose records it hands on; no
 * file under src/tui includes a store header itself (tests/layers). */
#ifndef YZ_STORE_H
#define YZ_STORE_H

#include "yizhan/store/db.h"
#include "yizhan/store/users.h"
#include "yizhan/store/residents.h"
#include "yizhan/store/search.h"
#include "yizhan/store/exchange.h"
#include "yizhan/store/outfile.h"
#include "yizhan/store/cases.h"
#include "yizhan/store/lifecycle.h"
#include "yizhan/store/staff.h"
#include "yizhan/store/dashboard.h"
#include "yizhan/store/talk.h"
#include "yizhan/store/jobs.h"
#include "yizhan/store/drafts.h"
#include "yizhan/store/audit.h"
#include "yizhan/store/habits.h"
#include "yizhan/store/backup.h"
#include "yizhan/store/stats.h"
#include "yizhan/store/ledger.h"
#include "yizhan/store/outbox.h"
#include "yizhan/store/surveys.h"
#include "yizhan/store/hall.h"

#endif
