/* service: the counter's transactions, shared by the TUI and the command line —
 * submit a case from a filled form, build its documents from the form's templates,
 * and print them (case committed first; a failed job waits in the reprint list).
 *
 * Deviation from ARCHITECTURE.md's module table: this glue needs form, store and
 * print together, which neither print nor store may use, and both tui and app need
 * it; so it is a module of its own between them. It has no ncurses and no SQL. */
#ifndef YZ_SERVICE_H
#define YZ_SERVICE_H

#include "yizhan/service/config.h"
#include "yizhan/service/counter.h"
#include "yizhan/service/session.h"
#include "yizhan/service/submit.h"
#include "yizhan/service/documents.h"
#include "yizhan/service/registry.h"
#include "yizhan/service/lifecycle.h"
#include "yizhan/service/access.h"
#include "yizhan/service/cases.h"
#include "yizhan/service/drafts.h"
#include "yizhan/service/residents.h"
#include "yizhan/service/staff.h"
#include "yizhan/service/talk.h"
#include "yizhan/service/habits.h"
#include "yizhan/service/calendar.h"
#include "yizhan/service/samples.h"
#include "yizhan/service/signin.h"
#include "yizhan/service/report.h"
#include "yizhan/service/ledgers.h"
#include "yizhan/service/stats.h"
#include "yizhan/service/sync.h"
#include "yizhan/service/surveys.h"
#include "yizhan/service/hall.h"

#endif
