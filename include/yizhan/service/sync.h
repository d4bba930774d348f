/* service/sync.h: the station and the district hub (issue 17). The sync sends
 * the outbox in batches to the hub named by yizhan.conf's `hub` (its
 * `hub_password`), takes the departments' answers to the station's forwarded
 * cases and applies them as the clerk's own result would be, takes the files
 * the district published (forms, ledgers, the calendar: `yizhan hub publish`)
 * into yz_config_district_dir, and tells the counter UI when it last reached
 * the hub and how much waits. Nothing here is needed for a station to work: a
 * failed sync loses nothing and is tried again later. The share filter
 * (which fields and which applicants may leave the station) comes from the
 * forms (`share yes`). The service module, src/service/sync.c; all of it:
 * yizhan/service.h. */
#ifndef YZ_SERVICE_SYNC_H
#define YZ_SERVICE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/hub.h"
#include "yizhan/text.h"
#include "yizhan/store/outbox.h"
#include "yizhan/service/session.h"

typedef struct yz_sync_opts {
	size_t batch;          /* changes per batch; 0 = 1000 */
	int connect_timeout_s; /* 0 = 10 */
} yz_sync_opts;

typedef struct yz_sync_report {
	int64_t sent; /* changes the hub took (shared ones) */
	int64_t batches;
	int64_t answers; /* answers applied */
	int64_t waiting; /* changes still waiting afterwards */
	/* The hub held more of this station's changes than the station ever
	 * made (restored from an older backup): its numbering was moved above
	 * hub_seq and its present state (reseeded rows) sent again as newer;
	 * what the hub has from after the backup stays there (--verify shows
	 * it). 0 = nothing of the kind. */
	int64_t hub_seq;
	int64_t reseeded;
	/* The same done because the hub held less than it had acknowledged
	 * (put back from an older backup, or a new hub): hub_seq is what it
	 * held. */
	bool hub_behind;
	/* Issue 17: the files the district published (forms, ledgers, the
	 * calendar) that this sync wrote into or removed from the station's
	 * district folder (yz_config_district_dir): how many, the first ones'
	 * names (", "-separated), whether the calendar was among them, and the
	 * district's version the station holds now. They take effect when a
	 * counter starts (a running one keeps what it read). */
	int64_t district_files;
	char district_names[512];
	bool district_calendar;
	int64_t district_version;
	/* Why the district's files were not all taken ("" = they were): the
	 * sync itself still succeeded; the next one tries again. */
	char district_error[512];
} yz_sync_report;

/* One sync: enable the outbox on first use, send everything waiting, apply the
 * answers. Needs s->cfg's hub; s->user is the actor of nothing (answers are
 * applied as "hub"; s->user, else "sync", is the actor of the audit rows of
 * enabling and renumbering the outbox). 0, or -1 with a message (what was
 * sent and acked stays sent; the rest waits for the next try). Records the
 * attempt (yz_sync_note_try): from its start last_error says a sync is
 * under way, until it ends well ("") or fails (the reason). */
int yz_service_sync(yz_session *s, const yz_sync_opts *o, yz_sync_report *r, yz_err *err);

/* The files the district publishes now (forms, ledgers, the calendar),
 * written under dir as a station's sync writes them into its district
 * folder: for the hub's own commands, which count and list with what the
 * stations use. 0, or -1 with err. */
int yz_service_district_files(yz_hub *h, const char *dir, yz_err *err);

/* The version of the district's published files the station holds (0 =
 * none taken yet), without the network (`sync --status`). */
int yz_service_district_version(yz_session *s, int64_t *version, yz_err *err);

/* The station's bookkeeping, without the network (home screen, `sync --status`). */
int yz_service_sync_state(yz_session *s, yz_sync_state *out, yz_err *err);

/* Compare the station's digests with the hub's, kind by kind: fn is called
 * for each kind; *same is false when any differs. */
typedef void (*yz_sync_digest_fn)(void *ctx, const char *kind, int64_t here, const char *hex_here,
                                  int64_t hub, const char *hex_hub);
int yz_service_sync_verify(yz_session *s, yz_sync_digest_fn fn, void *ctx, bool *same, yz_err *err);
/* The station's own digests (no network): fn with hub -1 and hex_hub NULL. */
int yz_service_sync_digest(yz_session *s, yz_sync_digest_fn fn, void *ctx, yz_err *err);

/* Whether the form's rows of kind may leave the station (the yz_share_fn the
 * store's outbox takes; ctx is the session's catalogue). */
bool yz_service_shared(void *cat, const char *form_id, const char *kind, const char *field);

#endif
