/* The station's outbox (issue 17), on a real station file: the triggers
 * write one row per change of a kind while sync is enabled and none while it
 * is not (nor for the audit trail's MAC updates); enabling seeds every row of
 * every view, a case before its records; batches read, skip what is not
 * shared and ack; the digests equal what a hub holding every sent row
 * computes by hand (and a hand-written body); the departments' answers are
 * applied once, on the case still waiting or as an event. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests.h"
#include "yz_test_paths.h"

static const char *const kinds[] = {"case",  "applicant", "field",  "event",
                                    "pause", "forward",   "rating", "followup"};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

/* 2026-04-01 10:00:00 UTC, the store's clock in every test. */
static time_t fixed_now = 1775037600;
static yz_calendar cal;

static int setup17(void **state)
{
	FILE *f = fopen(YZ_SOURCE_ROOT "/data/calendar.txt", "rb");
	char buf[16384];
	size_t n;
	yz_err err = {0};

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	yz_calendar_free(&cal);
	memset(&cal, 0, sizeof cal);
	if (yz_calendar_parse(buf, n, "calendar.txt", &cal, &err) != 0)
		fail_msg("calendar: %s", err.msg);
	fx_setup(state);
	yz_store_set_clock(((fixture *)*state)->st, yz_clock_fixed(&fixed_now));
	return 0;
}

/* A case of form "f17" with fields name=v1, secret=v2, owned by clerk1. */
static yz_case make_case(fixture *fx, int64_t rid)
{
	static const char *const keys[] = {"purpose", "secret"};
	static const char *const vals[] = {"school", "s3cr3t"};
	yz_err err = {0};
	yz_case c;
	yz_case_new in = {.form_id = "f17",
	                  .item = "Item 17",
	                  .line = "L",
	                  .resident_id = rid,
	                  .clerk_login = "clerk1",
	                  .accepted_date = "2026-04-01",
	                  .due_date = "2026-04-10",
	                  .status = YZ_CASE_ACCEPTED,
	                  .state = "received",
	                  .field_keys = keys,
	                  .field_vals = vals,
	                  .n_fields = 2,
	                  .promise_days = 5,
	                  .legal_days = 10,
	                  .legal_due_date = "2026-04-20"};
	if (yz_case_create(fx->st, "T1", 2026, &in, &c, &err) != 0)
		fail_msg("create: %s", err.msg);
	return c;
}

static long long outbox_rows(sqlite3 *db, const char *kind)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE kind = '%s'", kind);
	return raw_int(db, sql);
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* A station with a bit of everything: two cases with fields, one paused, one
 * forwarded and answered, closed and rated badly (a follow-up). */
static void fill(fixture *fx, yz_case *c1, yz_case *c2)
{
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), fu;
	yz_act a = {.actor = "clerk1", .today = "2026-04-01", .note = ""};

	*c1 = make_case(fx, rid);
	*c2 = make_case(fx, rid);
	assert_int_equal(yz_case_pause(fx->st, c2->id, "photo", "2026-04-03", &a, NULL, &err), 0);
	assert_int_equal(
	    yz_case_forward_send(fx->st, c1->id, "Street office", "2026-04-08", &a, NULL, &err), 0);
	assert_int_equal(yz_case_forward_result(fx->st, c1->id, "granted", "2026-04-02", &a, &err),
	                 0);
	assert_int_equal(yz_case_close(fx->st, c1->id, "done", YZ_RESULT_APPROVED, &a, &err), 0);
	assert_int_equal(
	    yz_case_rate(fx->st, c1->id, 5, "slow", "2026-04-03", false, &a, &fu, &err), 0);
	assert_true(fu > 0);
}

/* Sync disabled (a new station): the same work writes no outbox row. */
static void test_disabled_writes_nothing17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_sync_state g;
	yz_case c1, c2;

	fill(fx, &c1, &c2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM case_events"), 7);
	assert_int_equal(yz_sync_state_get(fx->st, &g, NULL), 0);
	assert_false(g.enabled);
	assert_int_equal(g.last_seq, 0);
	assert_int_equal(g.waiting, 0);
	assert_string_equal(g.last_sync, "");
	sqlite3_close(db);
}

/* Enabling appends every row of every view once, in one transaction, each
 * case's own row before its records'; a second enable adds nothing. */
static void test_enable_seeds17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_case c1, c2;
	int64_t seeded = -1;
	yz_sync_state g;
	long long total = 0;

	fill(fx, &c1, &c2);
	assert_int_equal(yz_outbox_enable(fx->st, NULL, &seeded, NULL), 0);
	for (size_t i = 0; i < N_KINDS; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sync_%s", kinds[i]);
		long long n = raw_int(db, sql);
		assert_true(n > 0); /* the station has a row of every kind */
		assert_int_equal(outbox_rows(db, kinds[i]), n);
		total += n;
	}
	assert_int_equal(seeded, total);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), total);
	/* 2 cases, 2 applicants, 4 fields, 7 events, 1 pause, 1 forward, 1
	 * rating, 1 follow-up. */
	assert_int_equal(total, 19);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox o JOIN outbox k"
	                             " ON k.kind = 'case' AND k.key = substr(o.key, 1, 14)"
	                             " WHERE o.kind <> 'case' AND o.seq < k.seq"),
	                 0);
	assert_int_equal(
	    raw_int(db, "SELECT count(*) FROM outbox WHERE at <> '2026-04-01T10:00:00Z'"), 0);
	assert_int_equal(yz_sync_state_get(fx->st, &g, NULL), 0);
	assert_true(g.enabled);
	assert_int_equal(g.waiting, total);
	assert_int_equal(g.last_seq, raw_int(db, "SELECT max(seq) FROM outbox"));
	assert_int_equal(g.acked_seq, 0);

	assert_int_equal(yz_outbox_enable(fx->st, NULL, &seeded, NULL), 0);
	assert_int_equal(seeded, 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), total);
	sqlite3_close(db);
}

/* One row per kind a statement changes; the audit trail's own MAC updates
 * (this connection's TEMP triggers, after every write) add none. */
static void test_one_row_per_change17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_act a = {.actor = "clerk1", .today = "2026-04-01", .note = "n"};

	assert_int_equal(yz_outbox_enable(fx->st, NULL, NULL, &err), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 0);

	/* A new case: its row, its applicant, its two fields, its "accepted"
	 * event; each row's MAC was written after it, by another UPDATE. */
	yz_case c = make_case(fx, rid);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM cases WHERE mac IS NULL"), 0);
	assert_int_equal(outbox_rows(db, "case"), 1);
	assert_int_equal(outbox_rows(db, "applicant"), 1);
	assert_int_equal(outbox_rows(db, "field"), 2);
	assert_int_equal(outbox_rows(db, "event"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 5);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox WHERE kind = 'field'"
	                             " AND form = 'f17' AND field IN ('purpose', 'secret')"),
	                 2);

	/* A pause: the case's state columns and one pause row, one event; the
	 * applicant is untouched. */
	raw_exec(db, "DELETE FROM outbox");
	assert_int_equal(yz_case_pause(fx->st, c.id, "photo", "2026-04-03", &a, NULL, &err), 0);
	assert_int_equal(outbox_rows(db, "pause"), 1);
	assert_int_equal(outbox_rows(db, "event"), 1);
	assert_int_equal(outbox_rows(db, "applicant"), 0);
	assert_true(outbox_rows(db, "case") >= 1);
	/* The newest case row is the case as it is now. */
	assert_int_equal(raw_int(db, "SELECT (SELECT body FROM outbox WHERE kind = 'case'"
	                             " ORDER BY seq DESC LIMIT 1) = body FROM sync_case"),
	                 1);

	/* One UPDATE of several columns: one row per kind it changes. */
	raw_exec(db, "DELETE FROM outbox");
	raw_exec(db, "UPDATE cases SET item = 'Item 17b', line = 'M', owner = 'clerk1'");
	assert_int_equal(outbox_rows(db, "case"), 1);
	assert_int_equal(outbox_rows(db, "applicant"), 0);
	raw_exec(db,
	         "UPDATE cases SET resident_name = 'Resident B', resident_idno = '', item = 'x'");
	assert_int_equal(outbox_rows(db, "case"), 2);
	assert_int_equal(outbox_rows(db, "applicant"), 1);
	assert_int_equal(raw_int(db, "SELECT body = '{\"case\":\"T1-2026-000001\","
	                             "\"name\":\"Resident B\",\"idno\":\"\"}'"
	                             " FROM outbox WHERE kind = 'applicant'"),
	                 1);

	/* The MAC column alone, of every table the outbox follows: nothing. */
	raw_exec(db, "DELETE FROM outbox");
	raw_exec(db, "UPDATE cases SET mac = x'00'; UPDATE case_fields SET mac = x'00';"
	             " UPDATE case_events SET mac = x'00'; UPDATE case_pauses SET mac = x'00'");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 0);

	/* A deleted row: its key, no body. */
	raw_exec(db, "DELETE FROM case_fields WHERE key = 'secret'");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox WHERE kind = 'field'"
	                             " AND key = 'T1-2026-000001/0001' AND body IS NULL"
	                             " AND field = 'secret' AND form = 'f17'"),
	                 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 1);

	/* Disabled again: nothing. */
	raw_exec(db, "DELETE FROM outbox; UPDATE sync_state SET enabled = 0");
	make_case(fx, rid);
	assert_int_equal(yz_case_resume(fx->st, &cal, c.id, &a, &err), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 0);
	sqlite3_close(db);
}

/* ---- a hub in memory: the latest body of each key, as sent ------------------ */

static bool share17(void *ctx, const char *form, const char *kind, const char *field)
{
	int *calls = ctx;

	(*calls)++;
	assert_string_equal(form, "f17");
	if (strcmp(kind, "applicant") == 0) {
		assert_null(field);
		return false;
	}
	assert_string_equal(kind, "field");
	return strcmp(field, "secret") != 0;
}

static sqlite3 *hub_open(void)
{
	sqlite3 *h = NULL;

	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	raw_exec(h, "CREATE TABLE h(kind TEXT, key TEXT, seq INTEGER, raw TEXT,"
	            " PRIMARY KEY (kind, key))");
	return h;
}

static void hub_put(sqlite3 *h, const yz_outbox_row *r)
{
	sqlite3_stmt *s = NULL;

	assert_int_equal(sqlite3_prepare_v2(h,
	                                    r->body
	                                        ? "INSERT INTO h VALUES(?1, ?2, ?3, ?4)"
	                                          " ON CONFLICT DO UPDATE SET seq = ?3, raw = ?4"
	                                          " WHERE ?3 > seq"
	                                        : "DELETE FROM h WHERE kind = ?1 AND key = ?2",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(s, 1, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->key, -1, SQLITE_STATIC);
	if (r->body) {
		sqlite3_bind_int64(s, 3, r->seq);
		sqlite3_bind_text(s, 4, r->body, -1, SQLITE_STATIC);
	}
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
}

static int strcmp_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* SHA-256 of "key\tbody\n" over the hub's rows of kind, sorted in C. */
static void hub_digest(sqlite3 *h, const char *kind, int64_t *count, char hex[65])
{
	sqlite3_stmt *s = NULL;
	char **lines = NULL;
	size_t n = 0;
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	assert_int_equal(
	    sqlite3_prepare_v2(h, "SELECT key, raw FROM h WHERE kind = ?1", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);
		const char *b = (const char *)sqlite3_column_text(s, 1);
		size_t len = strlen(k) + strlen(b) + 3;
		lines = realloc(lines, (n + 1) * sizeof *lines);
		assert_non_null(lines);
		lines[n] = malloc(len);
		assert_non_null(lines[n]);
		snprintf(lines[n++], len, "%s\t%s\n", k, b);
	}
	sqlite3_finalize(s);
	/* Keys never hold a tab: sorting the lines sorts by key, bytewise. */
	if (n > 0)
		qsort(lines, n, sizeof *lines, strcmp_ptr);
	sha256_init(&ctx);
	for (size_t i = 0; i < n; i++) {
		sha256_update(&ctx, strlen(lines[i]), (const uint8_t *)lines[i]);
		free(lines[i]);
	}
	free(lines);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	*count = (int64_t)n;
}

/* Send everything in batches of 7 to the hub, ack each. */
static void sync_all(fixture *fx, sqlite3 *hub, yz_share_fn shared, void *ctx)
{
	yz_outbox_batch b;
	yz_sync_state g;

	for (;;) {
		assert_int_equal(yz_sync_state_get(fx->st, &g, NULL), 0);
		assert_int_equal(yz_outbox_read(fx->st, g.acked_seq, 7, shared, ctx, &b, NULL), 0);
		if (b.last_seq == g.acked_seq) {
			assert_int_equal(b.n, 0);
			yz_outbox_batch_free(&b);
			break;
		}
		for (size_t i = 0; i < b.n; i++)
			hub_put(hub, &b.rows[i]);
		assert_int_equal(yz_outbox_ack(fx->st, b.last_seq, NULL), 0);
		yz_outbox_batch_free(&b);
	}
	assert_int_equal(yz_sync_state_get(fx->st, &g, NULL), 0);
	assert_int_equal(g.waiting, 0);
}

static void digests_agree(fixture *fx, sqlite3 *hub, yz_share_fn shared, void *ctx)
{
	for (size_t i = 0; i < N_KINDS; i++) {
		int64_t n_here = -1, n_hub = -2;
		char here[65], there[65];
		assert_int_equal(
		    yz_outbox_digest(fx->st, kinds[i], shared, ctx, &n_here, here, NULL), 0);
		hub_digest(hub, kinds[i], &n_hub, there);
		if (n_here != n_hub || strcmp(here, there) != 0)
			fail_msg("%s: station %lld %s, hub %lld %s", kinds[i], (long long)n_here,
			         here, (long long)n_hub, there);
	}
}

/* What the hub holds after every sync equals what the station digests:
 * seeded, then changed (a deletion too), with the share filter. */
static void test_digest_equals_hub17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx), *hub = hub_open();
	yz_err err = {0};
	yz_case c1, c2;
	int calls = 0;
	int64_t n;
	char hex[65];
	yz_act a = {.actor = "clerk1", .today = "2026-04-02", .note = "back"};

	fill(fx, &c1, &c2);
	assert_int_equal(yz_outbox_enable(fx->st, NULL, NULL, &err), 0);
	sync_all(fx, hub, share17, &calls);
	assert_true(calls > 0);
	digests_agree(fx, hub, share17, &calls);
	/* Not shared: no applicant, only the fields that are not "secret". */
	assert_int_equal(yz_outbox_digest(fx->st, "applicant", share17, &calls, &n, hex, &err), 0);
	assert_int_equal(n, 0);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_equal(yz_outbox_digest(fx->st, "field", share17, &calls, &n, hex, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(yz_outbox_digest(fx->st, "field", NULL, NULL, &n, hex, &err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(yz_outbox_digest(fx->st, "nonsense", NULL, NULL, &n, hex, &err), -1);

	assert_int_equal(yz_case_resume(fx->st, &cal, c2.id, &a, &err), 0);
	assert_int_equal(
	    yz_case_forward_send(fx->st, c2.id, "Police", "2026-04-09", &a, NULL, &err), 0);
	raw_exec(db, "DELETE FROM case_fields WHERE case_id = 1 AND key = 'purpose'");
	raw_exec(db,
	         "UPDATE case_fields SET value = 'college' WHERE case_id = 2 AND key = 'purpose'");
	sync_all(fx, hub, share17, &calls);
	digests_agree(fx, hub, share17, &calls);
	assert_int_equal(yz_outbox_digest(fx->st, "field", share17, &calls, &n, hex, &err), 0);
	assert_int_equal(n, 1);
	sqlite3_close(hub);
	sqlite3_close(db);
}

static void sha_hex(const char *text, char hex[65])
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, strlen(text), (const uint8_t *)text);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* The bodies as written by hand from the design's table: compact JSON, the
 * keys in its order, numbers as numbers; keys with their zero-padded ids. */
static void test_digest_by_hand17(void **state)
{
	fixture *fx = *state;
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), n;
	yz_case c = make_case(fx, rid);
	char text[2048], want[65], hex[65];

	snprintf(text, sizeof text,
	         "T1-2026-000001\t{\"case\":\"T1-2026-000001\",\"name\":\"Resident A\","
	         "\"idno\":\"%s\"}\n",
	         c.resident_idno);
	sha_hex(text, want);
	assert_int_equal(yz_outbox_digest(fx->st, "applicant", NULL, NULL, &n, hex, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(hex, want);

	sha_hex("T1-2026-000001/0000\t{\"case\":\"T1-2026-000001\",\"key\":\"purpose\","
	        "\"value\":\"school\"}\n"
	        "T1-2026-000001/0001\t{\"case\":\"T1-2026-000001\",\"key\":\"secret\","
	        "\"value\":\"s3cr3t\"}\n",
	        want);
	assert_int_equal(yz_outbox_digest(fx->st, "field", NULL, NULL, &n, hex, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(hex, want);

	snprintf(text, sizeof text,
	         "T1-2026-000001\t{\"number\":\"T1-2026-000001\",\"form\":\"f17\","
	         "\"item\":\"Item 17\",\"line\":\"L\",\"state\":\"received\","
	         "\"status\":\"accepted\",\"result\":\"\",\"clerk\":\"clerk1\","
	         "\"owner\":\"clerk1\",\"accepted\":\"2026-04-01\",\"due\":\"2026-04-10\","
	         "\"legal_due\":\"2026-04-20\",\"eff_due\":\"2026-04-10\",\"fwd_due\":\"\","
	         "\"paused_since\":\"\",\"extension_days\":0,\"promise_days\":5,"
	         "\"legal_days\":10,\"closed_at\":\"\",\"created_at\":\"2026-04-01T10:00:00Z\","
	         "\"updated_at\":\"2026-04-01T10:00:00Z\"}\n");
	sha_hex(text, want);
	assert_int_equal(yz_outbox_digest(fx->st, "case", NULL, NULL, &n, hex, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(hex, want);

	sha_hex("T1-2026-000001/0000000001\t{\"case\":\"T1-2026-000001\","
	        "\"at\":\"2026-04-01T10:00:00Z\",\"actor\":\"clerk1\",\"kind\":\"accepted\","
	        "\"note\":\"\",\"from\":\"\",\"to\":\"\",\"on_behalf\":\"\"}\n",
	        want);
	assert_int_equal(yz_outbox_digest(fx->st, "event", NULL, NULL, &n, hex, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(hex, want);
}

/* Batches: up to max rows after a seq, those not shared skipped but counted;
 * the ack deletes them and notes the time; a failed try is remembered until
 * the next ack. */
static void test_read_ack17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx);
	yz_outbox_batch b;
	yz_sync_state g;
	int calls = 0;

	assert_int_equal(yz_outbox_enable(fx->st, NULL, NULL, &err), 0);
	make_case(fx, rid); /* seq 1 case, 2 applicant, 3-4 fields, 5 event */
	make_case(fx, rid); /* 6 to 10 */
	assert_int_equal(raw_int(db, "SELECT min(seq) || '-' || max(seq) = '1-10' FROM outbox"), 1);

	assert_int_equal(yz_outbox_read(fx->st, 0, 4, NULL, NULL, &b, &err), 0);
	assert_int_equal(b.n, 4);
	assert_int_equal(b.last_seq, 4);
	assert_int_equal(b.rows[0].seq, 1);
	assert_string_equal(b.rows[0].kind, "case");
	assert_string_equal(b.rows[0].key, "T1-2026-000001");
	assert_string_equal(b.rows[1].kind, "applicant");
	assert_string_equal(b.rows[3].key, "T1-2026-000001/0001");
	yz_outbox_batch_free(&b);

	/* Shared only: of seq 1 to 7 the applicants (2, 7) and the secret field
	 * (4) stay here; last_seq is still 7. */
	assert_int_equal(yz_outbox_read(fx->st, 0, 7, share17, &calls, &b, &err), 0);
	assert_int_equal(calls, 4);
	assert_int_equal(b.n, 4);
	assert_int_equal(b.last_seq, 7);
	int64_t seqs[] = {1, 3, 5, 6};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(b.rows[i].seq, seqs[i]);
	yz_outbox_batch_free(&b);

	/* Only unshared rows in range: none to send, but last_seq moves on. */
	assert_int_equal(yz_outbox_read(fx->st, 1, 1, share17, &calls, &b, &err), 0);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.last_seq, 2);
	yz_outbox_batch_free(&b);

	assert_int_equal(yz_sync_note_try(fx->st, "The hub did not answer.", &err), 0);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_int_equal(g.waiting, 10);
	assert_int_equal(g.last_seq, 10);
	assert_string_equal(g.last_try, "2026-04-01T10:00:00Z");
	assert_string_equal(g.last_error, "The hub did not answer.");
	assert_string_equal(g.last_sync, "");

	fixed_now += 60;
	assert_int_equal(yz_outbox_ack(fx->st, 7, &err), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 3);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_int_equal(g.acked_seq, 7);
	assert_int_equal(g.waiting, 3);
	assert_int_equal(g.last_seq, 10);
	assert_string_equal(g.last_sync, "2026-04-01T10:01:00Z");
	assert_string_equal(g.last_error, "");
	/* An older ack (a late answer) never moves acked_seq back. */
	assert_int_equal(yz_outbox_ack(fx->st, 3, &err), 0);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_int_equal(g.acked_seq, 7);

	assert_int_equal(yz_outbox_read(fx->st, 7, 100, NULL, NULL, &b, &err), 0);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.last_seq, 10);
	yz_outbox_batch_free(&b);
	assert_int_equal(yz_outbox_ack(fx->st, 10, &err), 0);
	/* Acked seqs are never given out again (AUTOINCREMENT). */
	make_case(fx, rid);
	assert_int_equal(raw_int(db, "SELECT min(seq) FROM outbox"), 11);
	assert_int_equal(yz_outbox_read(fx->st, 10, 0, NULL, NULL, &b, &err), 0);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.last_seq, 10);
	yz_outbox_batch_free(&b);
	fixed_now -= 60;
	sqlite3_close(db);
}

static yz_case reload(fixture *fx, const yz_case *c)
{
	yz_case out;
	assert_int_equal(yz_case_get_by_id(fx->st, c->id, &out, NULL), 0);
	return out;
}

/* The last event of a case's timeline. */
static yz_case_event last_event(fixture *fx, int64_t id, size_t *n)
{
	yz_case_event ev[32];

	assert_int_equal(yz_case_timeline(fx->st, id, ev, 32, n, NULL), 0);
	assert_true(*n > 0);
	return ev[*n - 1];
}

/* The departments' answers: on the case still waiting, the result as a clerk
 * records it; on one that is not, an event; each once, in order. */
static void test_apply_answer17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_err err = {0};
	int64_t rid = fx_clerk_and_resident(fx), fid, fid2;
	yz_case c = make_case(fx, rid), d = make_case(fx, rid);
	yz_act a = {.actor = "clerk1", .today = "2026-04-01", .to_state = "transferred"};
	yz_case_forward f[2];
	size_t n, n2;
	int applied = -1;

	assert_int_equal(
	    yz_case_forward_send(fx->st, c.id, "Street office", "2026-04-08", &a, &fid, &err), 0);
	assert_int_equal(
	    yz_case_forward_send(fx->st, d.id, "Street office", "2026-04-08", &a, &fid2, &err), 0);
	assert_int_equal(yz_outbox_enable(fx->st, NULL, NULL, &err), 0);
	raw_exec(db, "DELETE FROM outbox");

	yz_sync_answer ans = {.id = 5,
	                      .case_no = c.number,
	                      .forward_id = fid,
	                      .department = "Street office",
	                      .result = "granted",
	                      .result_date = "2026-04-03",
	                      .answered_by = "yz_d_street"};
	yz_act hub = {.actor = "hub",
	              .today = "2026-04-04",
	              .note = "Street office answered at the hub",
	              .from_state = "transferred",
	              .to_state = "decided"};
	assert_int_equal(yz_sync_apply_answer(fx->st, &ans, &hub, &applied, &err), 0);
	assert_int_equal(applied, 1);
	c = reload(fx, &c);
	assert_int_equal(c.forward_id, 0);
	assert_string_equal(c.dept_due, "");
	assert_string_equal(c.state, "decided");
	assert_int_equal(yz_case_forwards(fx->st, c.id, f, 2, &n, &err), 0);
	assert_string_equal(f[0].result, "granted");
	assert_string_equal(f[0].result_date, "2026-04-03");
	yz_case_event e = last_event(fx, c.id, &n);
	assert_string_equal(e.kind, "dept_result");
	assert_string_equal(e.actor, "hub");
	assert_string_equal(e.note, "Street office answered at the hub");
	assert_string_equal(e.from_state, "transferred");
	assert_string_equal(e.to_state, "decided");
	assert_int_equal(raw_int(db, "SELECT answer_id FROM sync_state"), 5);
	/* The station's change goes back to the hub like any other. */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox WHERE kind = 'forward'"
	                             " AND json_extract(body, '$.result') = 'granted'"),
	                 1);

	/* The same answer again, or an older one: nothing at all. */
	long long rows = raw_int(db, "SELECT count(*) FROM outbox");
	assert_int_equal(yz_sync_apply_answer(fx->st, &ans, &hub, &applied, &err), 0);
	assert_int_equal(applied, 0);
	ans.id = 4;
	assert_int_equal(yz_sync_apply_answer(fx->st, &ans, &hub, &applied, &err), 0);
	assert_int_equal(applied, 0);
	last_event(fx, c.id, &n2);
	assert_int_equal(n2, n);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), rows);
	assert_int_equal(raw_int(db, "SELECT answer_id FROM sync_state"), 5);

	/* A later answer to a case no longer waiting: an event, nothing else. */
	ans.id = 6;
	ans.result = "granted, 300 yuan";
	assert_int_equal(yz_sync_apply_answer(fx->st, &ans, &hub, &applied, &err), 0);
	assert_int_equal(applied, 2);
	e = last_event(fx, c.id, &n2);
	assert_int_equal(n2, n + 1);
	assert_string_equal(e.kind, "dept_answer");
	assert_string_equal(e.note, "Street office: granted, 300 yuan (2026-04-03) - Street office "
	                            "answered at the hub");
	assert_string_equal(reload(fx, &c).state, "decided");
	assert_int_equal(yz_case_forwards(fx->st, c.id, f, 2, &n, &err), 0);
	assert_string_equal(f[0].result, "granted");

	/* A case the station does not know: skipped, the answer counted. */
	ans.id = 7;
	ans.case_no = "T1-2026-999999";
	assert_int_equal(yz_sync_apply_answer(fx->st, &ans, &hub, &applied, &err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(raw_int(db, "SELECT answer_id FROM sync_state"), 7);

	/* The case was moved on at the counter meanwhile, still at the
	 * department (the answer's step was computed from "transferred"):
	 * nothing is kept and the answer is not counted, so that the caller
	 * reads the case again; with its step read again, the result is the
	 * forward's. */
	assert_int_equal(yz_case_transition(fx->st, d.id, "transferred", "review", &a, &err), 0);
	ans.id = 8;
	ans.case_no = d.number;
	ans.forward_id = fid2;
	ans.result = "refused";
	assert_int_equal(yz_sync_apply_answer(fx->st, &ans, &hub, &applied, &err), -1);
	assert_int_equal(err.code, YZ_ERR_BUSY);
	assert_int_equal(applied, 0);
	d = reload(fx, &d);
	assert_int_equal(d.forward_id, fid2);
	assert_string_equal(d.state, "review");
	assert_int_equal(yz_case_forwards(fx->st, d.id, f, 2, &n, &err), 0);
	assert_string_equal(f[0].result, "");
	assert_int_equal(raw_int(db, "SELECT answer_id FROM sync_state"), 7);
	yz_act again = hub;
	again.from_state = "review";
	again.to_state = NULL;
	assert_int_equal(yz_sync_apply_answer(fx->st, &ans, &again, &applied, &err), 0);
	assert_int_equal(applied, 1);
	d = reload(fx, &d);
	assert_int_equal(d.forward_id, 0);
	assert_string_equal(last_event(fx, d.id, &n).kind, "dept_result");
	assert_int_equal(raw_int(db, "SELECT answer_id FROM sync_state"), 8);
	sqlite3_close(db);
}

static void note_problem(void *ctx, const char *what)
{
	char *all = ctx;
	size_t len = strlen(all);

	snprintf(all + len, 1024 - len, "%s\n", what);
}

/* audit verify knows the outbox's triggers word for word: a station with
 * them is intact; one of them rewritten (it runs inside every write) is
 * reported like a trigger planted in the file. */
static void test_audit_knows_triggers17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_err err = {0};
	char problems[1024] = "";

	fx_clerk_and_resident(fx);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
	                             " AND name LIKE 'sync_%'"),
	                 22);
	assert_int_equal(yz_audit_check(fx->st, NULL, note_problem, problems, &err), 0);
	raw_exec(
	    db, "DROP TRIGGER sync_cases_applicant_u;"
	        "CREATE TRIGGER sync_cases_applicant_u AFTER UPDATE OF resident_name, resident_idno"
	        " ON cases WHEN (SELECT enabled FROM sync_state) BEGIN"
	        " INSERT INTO outbox(kind, key, at) VALUES ('applicant', NEW.number, ''); END");
	assert_int_equal(yz_audit_check(fx->st, NULL, note_problem, problems, &err), 1);
	fx_expect_in(problems, "sync_cases_applicant_u");
	sqlite3_close(db);
}

/* Enabling says so in the audit log (who, how many rows seeded), once; the
 * chain stays intact. */
static void test_enable_audited17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_err err = {0};
	yz_case c1, c2;
	int64_t seeded = -1, bad = -1;
	char detail[160];

	fill(fx, &c1, &c2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit WHERE action = 'sync_enabled'"),
	                 0);
	assert_int_equal(yz_outbox_enable(fx->st, "zhaozhan", &seeded, &err), 0);
	assert_int_equal(seeded, 19);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit WHERE action = 'sync_enabled'"
	                             " AND actor = 'zhaozhan' AND detail = 'seeded=19'"
	                             " AND at = '2026-04-01T10:00:00Z'"),
	                 1);
	assert_int_equal(yz_outbox_enable(fx->st, "zhaozhan", &seeded, &err), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit WHERE action = 'sync_enabled'"),
	                 1);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);

	/* No account (cron, the counter's child): "sync". */
	raw_exec(db, "UPDATE sync_state SET enabled = 0");
	assert_int_equal(yz_outbox_enable(fx->st, NULL, &seeded, &err), 0);
	snprintf(detail, sizeof detail,
	         "SELECT count(*) FROM audit WHERE action = 'sync_enabled'"
	         " AND actor = 'sync' AND detail = 'seeded=%lld'",
	         (long long)seeded);
	assert_int_equal(raw_int(db, detail), 1);
	sqlite3_close(db);
}

/* last_seq is the highest number ever given, also when every row was acked
 * and deleted; a sync that starts says so until it ends. */
static void test_state_after_acks17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_err err = {0};
	yz_case c1, c2;
	int64_t seeded = 0;
	yz_sync_state g;

	fill(fx, &c1, &c2);
	assert_int_equal(yz_outbox_enable(fx->st, NULL, &seeded, &err), 0);
	assert_int_equal(yz_outbox_ack(fx->st, seeded, &err), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), 0);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_int_equal(g.last_seq, seeded);
	assert_int_equal(g.acked_seq, seeded);
	assert_int_equal(g.waiting, 0);

	assert_int_equal(yz_sync_note_try(fx->st, NULL, &err), 0);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_string_equal(g.last_try, "2026-04-01T10:00:00Z");
	assert_true(g.running);
	/* a batch acked midway: still running */
	assert_int_equal(yz_outbox_ack(fx->st, seeded, &err), 0);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_true(g.running);
	assert_int_equal(yz_sync_note_try(fx->st, "", &err), 0);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_false(g.running);
	assert_string_equal(g.last_error, "");
	sqlite3_close(db);
}

/* Restored from an older backup, the hub holds numbers the station gives
 * again: renumbering moves the numbering above the hub's, seeds the present
 * state again (deletions not yet sent too), acks up to the new base and says
 * so in the audit log, in one transaction. */
static void test_renumber17(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = fx_raw(fx);
	yz_err err = {0};
	yz_case c1, c2;
	yz_act a = {.actor = "clerk1", .today = "2026-04-01", .note = ""};
	int64_t seeded = 0, again = -1, bad = -1;
	yz_sync_state g;
	long long views = 0, hub = 0;

	fill(fx, &c1, &c2);
	assert_int_equal(yz_outbox_enable(fx->st, NULL, &seeded, &err), 0);
	assert_int_equal(yz_outbox_ack(fx->st, seeded, &err), 0);
	/* Changes after the (restored) last sync: a resume and a deletion. */
	assert_int_equal(yz_case_resume(fx->st, &cal, c2.id, &a, &err), 0);
	raw_exec(db, "INSERT INTO outbox(kind, key, form, body, at)"
	             " VALUES ('rating', 'T1-2026-000777', 'f17', NULL, '')");
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	long long before = g.last_seq;
	assert_true(before > seeded + 1);
	hub = before + 40;

	for (size_t i = 0; i < N_KINDS; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sync_%s", kinds[i]);
		views += raw_int(db, sql);
	}
	assert_int_equal(yz_outbox_renumber(fx->st, hub, "zhaozhan", &again, &err), 0);
	assert_int_equal(again, views);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox WHERE seq <= "
	                             "(SELECT acked_seq FROM sync_state)"),
	                 0);
	assert_int_equal(raw_int(db, "SELECT min(seq) FROM outbox"), hub + 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM outbox"), views + 1);
	/* The deletion first, then every row as it is now. */
	assert_int_equal(
	    raw_int(db, "SELECT count(*) FROM outbox WHERE body IS NULL"
	                " AND key = 'T1-2026-000777' AND seq = (SELECT min(seq) FROM outbox)"),
	    1);
	assert_int_equal(yz_sync_state_get(fx->st, &g, &err), 0);
	assert_int_equal(g.acked_seq, hub);
	assert_int_equal(g.last_seq, hub + views + 1);
	assert_int_equal(g.waiting, views + 1);
	char sql[256];
	snprintf(
	    sql, sizeof sql,
	    "SELECT count(*) FROM audit WHERE action = 'sync_renumbered' AND actor = 'zhaozhan'"
	    " AND detail = 'hub_seq=%lld station_seq=%lld from=%lld seeded=%lld'",
	    hub, before, hub + 1, views);
	assert_int_equal(raw_int(db, sql), 1);
	assert_int_equal(yz_audit_verify(fx->st, &bad, &err), 0);

	/* The next change is numbered after them all. */
	assert_int_equal(yz_case_pause(fx->st, c2.id, "seal", "2026-04-05", &a, NULL, &err), 0);
	snprintf(sql, sizeof sql, "SELECT min(seq) FROM outbox WHERE seq > %lld", hub + views + 1);
	assert_int_equal(raw_int(db, sql), hub + views + 2);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_disabled_writes_nothing17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_enable_seeds17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_one_row_per_change17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_digest_equals_hub17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_digest_by_hand17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_read_ack17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_apply_answer17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_audit_knows_triggers17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_enable_audited17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_state_after_acks17, setup17, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_renumber17, setup17, fx_teardown),
	};

	setenv("TZ", "Asia/Shanghai", 1);
	int failed = cmocka_run_group_tests_name("outbox17", tests, NULL, NULL);
	yz_calendar_free(&cal);
	return failed ? 1 : 0;
}
