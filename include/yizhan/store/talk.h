/* store: residents' sessions (ju min shuo shi ri) and the cases raised there (the
 * store module, src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_TALK_H
#define YZ_STORE_TALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/db.h"

/* Residents' sessions (ju min shuo shi ri): a session and the cases raised there. */
typedef struct yz_talk_session {
	int64_t id;
	char date[11];
	char place[128];
	int attendees;
	char actor[33];
} yz_talk_session;

typedef struct yz_talk_row {
	char item[128]; /* category: the service item of the cases */
	long accepted;  /* cases raised */
	long done;      /* of them closed */
} yz_talk_row;

int yz_talk_add(yz_store *st, const char *date, const char *place, int attendees, const char *actor,
                int64_t *id, yz_err *err);
int yz_talk_get(yz_store *st, int64_t id, yz_talk_session *out, yz_err *err); /* 1 = none */
int yz_talk_link(yz_store *st, int64_t session_id, int64_t case_id, const char *actor, yz_err *err);
/* Per category, by item; totals in *accepted and *done. */
int yz_talk_summary(yz_store *st, int64_t session_id, yz_talk_row *out, size_t max, size_t *n,
                    long *accepted, long *done, yz_err *err);

#endif
