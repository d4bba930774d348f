/* store/stats.h: what the station's statistics read (issue 16) — the few
 * columns of every case that matters to a period, its bu zheng pauses, the
 * forwards sent and the ratings given in the period, streamed to callbacks:
 * the small sets read first, then the cases merged with them (never a query
 * per case: one scan of the table for a period that holds many, the open and
 * the lately closed through an index for one that holds few), inside one read
 * transaction so that the figures agree with each other. The counting itself (working days,
 * on time, the splits) is the service's (service/stats.h). The store module,
 * src/store/stats.c; the whole API: yizhan/store.h. */
#ifndef YZ_STORE_STATS_H
#define YZ_STORE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/records/stats.h"
#include "yizhan/store/db.h"

/* Read the period q into sink: every case accepted by q->to and open or closed
 * on or after q->from, the forwards sent from q->from to q->to, the ratings
 * given on those days (local dates). The records come in the order of their
 * cases' ids, a case's forwards and rating right after the case's own record.
 * 0, or -1 with err. */
int yz_stats_read(yz_store *st, const yz_stats_query *q, const yz_stats_sink *sink, yz_err *err);

#endif
