/* Issue 17, the hub module against a real PostgreSQL 15 (tests/lib/with-postgres
 * starts a private one and exports YZ_PG_URL, PGPASSWORD and YZ_PG_CTL): the
 * schema made and migrated again, stations and departments registered, a
 * station's batches in (again, out of order, newer, deleted), the hub's
 * digests against digests computed here from the same rows, row-level
 * security (a station reads and writes only its own rows, a department only
 * its forwards and their cases), the inbox's order and overdue marks, an
 * answer back to its station, and a server stopped under a connection.
 *
 * The tests run in order and build on each other (one hub for all). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <nettle/sha2.h>

#include "yizhan/hub.h"

static const char *admin_url;
static yz_hub *admin;
static char pw_a[64], pw_b[64], pw_mz[64], pw_rs[64];

/* ---- the rows a station sends ------------------------------------------------------ */

typedef struct row {
	const char *kind, *key, *body; /* body NULL = deleted */
} row;

/* What station A sends first: three cases, their applicant, fields, events,
 * forwards (three to 民政科 with different due dates, one to 人社所), and one
 * row of each other kind. */
static const row batch_a[] = {
    {"case", "A-2026-000001",
     "{\"number\":\"A-2026-000001\",\"item\":\"低保申请\",\"state\":\"forwarded\"}"},
    {"case", "A-2026-000002",
     "{\"number\":\"A-2026-000002\",\"item\":\"高龄津贴\",\"state\":\"forwarded\"}"},
    {"case", "A-2026-000003",
     "{\"number\":\"A-2026-000003\",\"item\":\"失业登记\",\"state\":\"forwarded\"}"},
    {"applicant", "A-2026-000001",
     "{\"case\":\"A-2026-000001\",\"name\":\"张三\",\"idno\":\"110101199003074514\"}"},
    {"field", "A-2026-000001/0001",
     "{\"case\":\"A-2026-000001\",\"key\":\"income\",\"value\":\"1200\"}"},
    {"field", "A-2026-000001/0002",
     "{\"case\":\"A-2026-000001\",\"key\":\"members\",\"value\":\"3\"}"},
    {"event", "A-2026-000001/0000000001",
     "{\"case\":\"A-2026-000001\",\"kind\":\"accepted\",\"note\":\"a \\\"quoted\\\" note\\\\\"}"},
    {"event", "A-2026-000002/0000000002", "{\"case\":\"A-2026-000002\",\"kind\":\"accepted\"}"},
    {"forward", "A-2026-000001/00000001",
     "{\"case\":\"A-2026-000001\",\"id\":1,\"department\":\"民政科\",\"sent\":\"2026-01-02\","
     "\"due\":\"2026-01-20\",\"result\":\"\"}"},
    {"forward", "A-2026-000002/00000002",
     "{\"case\":\"A-2026-000002\",\"id\":2,\"department\":\"民政科\",\"sent\":\"2026-01-03\","
     "\"due\":\"2026-01-05\",\"result\":\"\"}"},
    {"forward", "A-2026-000003/00000003",
     "{\"case\":\"A-2026-000003\",\"id\":3,\"department\":\"民政科\",\"sent\":\"2026-01-01\","
     "\"due\":\"\",\"result\":\"\"}"},
    {"forward", "A-2026-000003/00000004",
     "{\"case\":\"A-2026-000003\",\"id\":4,\"department\":\"人社所\",\"sent\":\"2026-01-01\","
     "\"due\":\"2026-01-04\",\"result\":\"\"}"},
    {"pause", "A-2026-000001/00000001", "{\"case\":\"A-2026-000001\",\"from\":\"2026-01-02\"}"},
    {"rating", "A-2026-000002", "{\"case\":\"A-2026-000002\",\"score\":5}"},
    {"followup", "A-2026-000002/00000001", "{\"case\":\"A-2026-000002\",\"due\":\"2026-02-01\"}"},
};
#define N_BATCH_A (sizeof batch_a / sizeof batch_a[0])

/* The station's rows as the test expects the hub to hold them now, per kind. */
typedef struct expect {
	char kind[16], key[64];
	char *body; /* NULL = gone */
} expect;
static expect held[64];
static size_t n_held;

static void hold(const char *kind, const char *key, const char *body)
{
	for (size_t i = 0; i < n_held; i++)
		if (!strcmp(held[i].kind, kind) && !strcmp(held[i].key, key)) {
			free(held[i].body);
			held[i].body = body ? strdup(body) : NULL;
			return;
		}
	assert_true(n_held < 64);
	snprintf(held[n_held].kind, sizeof held[n_held].kind, "%s", kind);
	snprintf(held[n_held].key, sizeof held[n_held].key, "%s", key);
	held[n_held].body = body ? strdup(body) : NULL;
	n_held++;
}

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const expect *const *)a)->key, (*(const expect *const *)b)->key);
}

/* The digest of kind computed here, as design17.md defines it: SHA-256 of
 * key TAB body LF of each row in bytewise key order. */
static int64_t digest_here(const char *kind, char hex[65])
{
	const expect *rows[64];
	size_t n = 0;
	for (size_t i = 0; i < n_held; i++)
		if (!strcmp(held[i].kind, kind) && held[i].body)
			rows[n++] = &held[i];
	qsort(rows, n, sizeof rows[0], by_key);
	struct sha256_ctx c;
	sha256_init(&c);
	for (size_t i = 0; i < n; i++) {
		sha256_update(&c, strlen(rows[i]->key), (const uint8_t *)rows[i]->key);
		sha256_update(&c, 1, (const uint8_t *)"\t");
		sha256_update(&c, strlen(rows[i]->body), (const uint8_t *)rows[i]->body);
		sha256_update(&c, 1, (const uint8_t *)"\n");
	}
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	return (int64_t)n;
}

/* Every kind's digest at the hub (through h, for station) equals ours. */
static void assert_digests(yz_hub *h, const char *station)
{
	for (int k = 0; yz_hub_kinds[k]; k++) {
		int64_t count = -1;
		char hex[65] = "", want[65];
		yz_err err = {{0}};
		assert_int_equal(yz_hub_digest(h, station, yz_hub_kinds[k], &count, hex, &err), 0);
		int64_t n = digest_here(yz_hub_kinds[k], want);
		if (count != n || strcmp(hex, want))
			fail_msg("kind %s: hub %lld %s, here %lld %s", yz_hub_kinds[k],
			         (long long)count, hex, (long long)n, want);
	}
}

static int push(yz_hub *h, const char *station, const row *rows, const int64_t *seqs, size_t n,
                int64_t *acked, yz_err *err)
{
	yz_hub_change c[64];
	assert_true(n <= 64);
	for (size_t i = 0; i < n; i++)
		c[i] = (yz_hub_change){seqs[i], rows[i].kind, rows[i].key, rows[i].body};
	return yz_hub_push(h, station, c, n, 0, acked, err);
}

/* ---- connections ---------------------------------------------------------------- */

static yz_hub *open_as(const char *role, const char *password)
{
	char url[512];
	yz_err err = {{0}};
	assert_int_equal(yz_hub_url_for(admin, role, url, sizeof url, &err), 0);
	yz_hub *h = NULL;
	if (yz_hub_open(&h, url, password, 5, &err) != 0)
		fail_msg("open %s: %s", url, err.msg);
	return h;
}

/* A plain libpq connection as role, for the SQL a station could try by hand. */
static PGconn *pq_as(const char *role, const char *password)
{
	char url[512];
	yz_err err = {{0}};
	assert_int_equal(yz_hub_url_for(admin, role, url, sizeof url, &err), 0);
	const char *k[] = {"dbname", "password", NULL};
	const char *v[] = {url, password, NULL};
	PGconn *c = PQconnectdbParams(k, v, 1);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("connect %s: %s", url, PQerrorMessage(c));
	return c;
}

/* The one value of a query, or "ERROR:<sqlstate>". */
static char *pq_value(PGconn *c, const char *sql)
{
	static char out[256];
	PGresult *r = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);
	if (st == PGRES_TUPLES_OK && PQntuples(r) == 1)
		snprintf(out, sizeof out, "%s", PQgetvalue(r, 0, 0));
	else if (st == PGRES_COMMAND_OK)
		snprintf(out, sizeof out, "OK:%s", PQcmdTuples(r));
	else
		snprintf(out, sizeof out, "ERROR:%s", PQresultErrorField(r, PG_DIAG_SQLSTATE));
	PQclear(r);
	return out;
}

/* ---- the tests -------------------------------------------------------------------- */

static void test_migrate(void **state)
{
	(void)state;
	int from = -1, to = -1;
	yz_err err = {{0}};
	if (yz_hub_migrate(admin, &from, &to, &err) != 0)
		fail_msg("migrate: %s", err.msg);
	assert_int_equal(from, 0);
	assert_int_equal(to, YZ_HUB_SCHEMA_VERSION);
	/* again: nothing to do, the same version */
	assert_int_equal(yz_hub_migrate(admin, &from, &to, &err), 0);
	assert_int_equal(from, YZ_HUB_SCHEMA_VERSION);
	assert_int_equal(to, YZ_HUB_SCHEMA_VERSION);
	/* a hub newer than this program is refused */
	PGconn *c = pq_as("yzadmin", getenv("PGPASSWORD"));
	assert_string_equal(pq_value(c, "UPDATE hub_meta SET version = 99"), "OK:1");
	assert_int_equal(yz_hub_migrate(admin, &from, &to, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "99"));
	char back[64];
	snprintf(back, sizeof back, "UPDATE hub_meta SET version = %d", YZ_HUB_SCHEMA_VERSION);
	assert_string_equal(pq_value(c, back), "OK:1");
	PQfinish(c);
}

static void test_register(void **state)
{
	(void)state;
	char role[64];
	yz_err err = {{0}};
	assert_int_equal(yz_hub_station_add(admin, "A", "东湖社区服务站", role, pw_a, &err), 0);
	assert_string_equal(role, "yz_s_a");
	assert_int_equal(strlen(pw_a), 24);
	assert_int_equal(
	    strspn(pw_a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"), 24);
	assert_int_equal(yz_hub_station_add(admin, "B", "西湖社区服务站", role, pw_b, &err), 0);
	assert_string_equal(role, "yz_s_b");
	assert_string_not_equal(pw_a, pw_b);
	assert_int_equal(yz_hub_dept_add(admin, "MZ", "民政科", role, pw_mz, &err), 0);
	assert_string_equal(role, "yz_d_mz");
	assert_int_equal(yz_hub_dept_add(admin, "RS_1", "人社所", role, pw_rs, &err), 0);
	assert_string_equal(role, "yz_d_rs_1");

	char pw[64];
	assert_int_equal(yz_hub_station_add(admin, "A", "again", role, pw, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_int_equal(yz_hub_dept_add(admin, "MZ2", "民政科", role, pw, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_int_equal(yz_hub_station_add(admin, "a", "lower", role, pw, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(yz_hub_station_add(admin, "A_1", "underscore", role, pw, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(yz_hub_station_add(admin, "C", "", role, pw, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);

	yz_hub_station *s = NULL;
	size_t n = 0;
	assert_int_equal(yz_hub_stations(admin, &s, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].code, "A");
	assert_string_equal(s[0].name, "东湖社区服务站");
	assert_string_equal(s[0].last_sync, "");
	assert_string_equal(s[1].code, "B");
	free(s);

	/* the URL for a station: the admin's socket folder and database */
	char url[512];
	assert_int_equal(yz_hub_url_for(admin, "yz_s_a", url, sizeof url, &err), 0);
	assert_non_null(strstr(url, "postgresql://yz_s_a@"));
	assert_non_null(strstr(url, "/yizhan_hub"));
	assert_non_null(strstr(url, "host=/"));
	/* the station's password opens it, another does not */
	yz_hub *h = open_as("yz_s_a", pw_a);
	yz_hub_close(h);
	h = NULL;
	assert_int_equal(yz_hub_open(&h, url, pw_b, 5, &err), -1);
	assert_null(h);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	/* a station's role may not register stations */
	h = open_as("yz_s_a", pw_a);
	assert_int_equal(yz_hub_station_add(h, "X", "x", role, pw, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	yz_hub_close(h);
}

static int64_t seqs_a[N_BATCH_A];

static void test_push_again(void **state)
{
	(void)state;
	yz_hub *a = open_as("yz_s_a", pw_a);
	yz_err err = {{0}};
	for (size_t i = 0; i < N_BATCH_A; i++) {
		seqs_a[i] = (int64_t)i + 1;
		hold(batch_a[i].kind, batch_a[i].key, batch_a[i].body);
	}
	int64_t acked = 0;
	if (push(a, "A", batch_a, seqs_a, N_BATCH_A, &acked, &err) != 0)
		fail_msg("push: %s", err.msg);
	assert_int_equal(acked, N_BATCH_A);
	assert_digests(a, "A");
	assert_digests(admin, "A");

	/* the same batch again (its answer was lost): nothing changes */
	assert_int_equal(push(a, "A", batch_a, seqs_a, N_BATCH_A, &acked, &err), 0);
	assert_int_equal(acked, N_BATCH_A);
	assert_digests(a, "A");
	yz_hub_station *s = NULL;
	size_t n = 0;
	assert_int_equal(yz_hub_stations(admin, &s, &n, &err), 0);
	assert_int_equal(s[0].rows, N_BATCH_A);
	assert_int_equal(s[0].last_seq, N_BATCH_A);
	assert_int_equal(strlen(s[0].last_sync), 20);
	free(s);
	PGconn *c = pq_as("yzadmin", getenv("PGPASSWORD"));
	char want[16];
	snprintf(want, sizeof want, "%zu", N_BATCH_A);
	assert_string_equal(pq_value(c, "SELECT count(*) FROM changes"), want);
	PQfinish(c);
	int64_t seq = 0;
	assert_int_equal(yz_hub_last_seq(a, "A", &seq, &err), 0);
	assert_int_equal(seq, N_BATCH_A);

	/* a bad row is refused before anything is sent */
	row bad[] = {{"nonsense", "A-2026-000001", "{}"}};
	int64_t bad_seq[] = {99};
	assert_int_equal(push(a, "A", bad, bad_seq, 1, &acked, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	/* a body that is not JSON: the whole batch refused by the server */
	row notjson[] = {{"case", "A-2026-000009", "{\"number\":"}};
	assert_int_equal(push(a, "A", notjson, bad_seq, 1, &acked, &err), -1);
	assert_int_equal(yz_hub_last_seq(a, "A", &seq, &err), 0);
	assert_int_equal(seq, N_BATCH_A);
	yz_hub_close(a);
}

static void test_push_order(void **state)
{
	(void)state;
	yz_hub *a = open_as("yz_s_a", pw_a);
	yz_err err = {{0}};
	int64_t acked = 0;
	/* a newer version of case 1 and a deleted event; the same key twice in
	 * one batch (the newer wins) */
	row newer[] = {
	    {"case", "A-2026-000001",
	     "{\"number\":\"A-2026-000001\",\"item\":\"低保申请\",\"state\":\"v100\"}"},
	    {"event", "A-2026-000002/0000000002", NULL},
	    {"case", "A-2026-000002",
	     "{\"number\":\"A-2026-000002\",\"item\":\"高龄津贴\",\"state\":\"v102\"}"},
	    {"case", "A-2026-000002",
	     "{\"number\":\"A-2026-000002\",\"item\":\"高龄津贴\",\"state\":\"v103\"}"},
	};
	int64_t s_newer[] = {100, 101, 102, 103};
	assert_int_equal(push(a, "A", newer, s_newer, 4, &acked, &err), 0);
	assert_int_equal(acked, 103);
	hold("case", "A-2026-000001", newer[0].body);
	hold("event", "A-2026-000002/0000000002", NULL);
	hold("case", "A-2026-000002", newer[3].body);
	assert_digests(a, "A");

	/* older changes arriving late (seq 50, 60) change nothing: neither the
	 * newer case nor the deletion is undone */
	row older[] = {
	    {"case", "A-2026-000001",
	     "{\"number\":\"A-2026-000001\",\"item\":\"低保申请\",\"state\":\"v50\"}"},
	    {"event", "A-2026-000002/0000000002", "{\"case\":\"A-2026-000002\",\"kind\":\"v60\"}"},
	};
	int64_t s_older[] = {50, 60};
	assert_int_equal(push(a, "A", older, s_older, 2, &acked, &err), 0);
	assert_int_equal(acked, 103);
	assert_digests(a, "A");

	/* a row deleted and written again later comes back */
	row again[] = {{"event", "A-2026-000002/0000000002",
	                "{\"case\":\"A-2026-000002\",\"kind\":\"v104\"}"}};
	int64_t s_again[] = {104};
	assert_int_equal(push(a, "A", again, s_again, 1, &acked, &err), 0);
	hold("event", "A-2026-000002/0000000002", again[0].body);
	assert_digests(a, "A");
	/* an empty batch records the contact and the backlog */
	assert_int_equal(yz_hub_push(a, "A", NULL, 0, 7, &acked, &err), 0);
	assert_int_equal(acked, 104);
	yz_hub_station *s = NULL;
	size_t n = 0;
	assert_int_equal(yz_hub_stations(admin, &s, &n, &err), 0);
	assert_int_equal(s[0].backlog, 7);
	assert_int_equal(s[0].rows, N_BATCH_A + 7);
	free(s);
	yz_hub_close(a);
}

static void test_rls_stations(void **state)
{
	(void)state;
	yz_hub *b = open_as("yz_s_b", pw_b);
	yz_err err = {{0}};
	/* B sees none of A's rows: its digests of A are those of nothing */
	int64_t count = -1;
	char hex[65];
	assert_int_equal(yz_hub_digest(b, "A", "case", &count, hex, &err), 0);
	assert_int_equal(count, 0);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	int64_t seq = 0;
	assert_int_equal(yz_hub_last_seq(b, "A", &seq, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	/* nor may it write them */
	row r[] = {
	    {"case", "A-2026-000001", "{\"number\":\"A-2026-000001\",\"state\":\"forged\"}"}};
	int64_t s1[] = {1000};
	int64_t acked = 0;
	assert_int_equal(push(b, "A", r, s1, 1, &acked, &err), -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);
	row rb[] = {{"case", "B-2026-000001", "{\"number\":\"B-2026-000001\",\"item\":\"x\"}"}};
	assert_int_equal(push(b, "B", rb, s1, 1, &acked, &err), 0);
	assert_int_equal(acked, 1000);
	yz_hub_answer *ans = NULL;
	size_t n = 99;
	assert_int_equal(yz_hub_answers(b, "A", 0, 10, &ans, &n, &err), 0);
	assert_int_equal(n, 0);
	yz_hub_answers_free(ans, n);
	yz_hub_close(b);

	/* by hand, with B's password: A's rows are not there to read or change */
	PGconn *c = pq_as("yz_s_b", pw_b);
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_case"), "1");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_case WHERE station = 'A'"), "0");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM changes WHERE station = 'A'"), "0");
	assert_string_equal(pq_value(c, "SELECT string_agg(code, ',') FROM stations"), "B");
	assert_string_equal(pq_value(c, "UPDATE h_case SET raw = NULL WHERE station = 'A'"),
	                    "OK:0");
	assert_string_equal(pq_value(c, "DELETE FROM h_applicant"), "OK:0");
	assert_string_equal(pq_value(c, "INSERT INTO h_case (station, key, seq, raw) "
	                                "VALUES ('A', 'A-2026-000009', 1, '{}')"),
	                    "ERROR:42501");
	assert_string_equal(pq_value(c, "UPDATE h_case SET station = 'A'"), "ERROR:42501");
	assert_string_equal(pq_value(c, "UPDATE stations SET name = 'x'"), "ERROR:42501");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM departments"), "ERROR:42501");
	assert_string_equal(pq_value(c, "INSERT INTO answers (station, case_no, forward_key, "
	                                "department, result, result_date) VALUES ('B', 'x', 'x', "
	                                "'x', 'x', '2026-01-01')"),
	                    "ERROR:42501");
	PQfinish(c);
	/* A's rows are as they were */
	assert_digests(admin, "A");
}

static void test_department(void **state)
{
	(void)state;
	yz_hub *mz = open_as("yz_d_mz", pw_mz);
	yz_err err = {{0}};
	yz_hub_inbox_row *r = NULL;
	size_t n = 0;
	yz_hub_inbox_query q = {.today = "2026-01-10"};
	if (yz_hub_inbox(mz, &q, &r, &n, &err) != 0)
		fail_msg("inbox: %s", err.msg);
	/* by due date, none last; the one past due marked */
	assert_int_equal(n, 3);
	assert_string_equal(r[0].forward_key, "A-2026-000002/00000002");
	assert_string_equal(r[0].due, "2026-01-05");
	assert_true(r[0].overdue);
	assert_string_equal(r[0].item, "高龄津贴");
	assert_string_equal(r[0].station, "A");
	assert_string_equal(r[0].station_name, "东湖社区服务站");
	assert_string_equal(r[0].department, "民政科");
	assert_string_equal(r[0].case_no, "A-2026-000002");
	assert_string_equal(r[0].sent, "2026-01-03");
	assert_string_equal(r[1].forward_key, "A-2026-000001/00000001");
	assert_false(r[1].overdue);
	assert_string_equal(r[2].forward_key, "A-2026-000003/00000003");
	assert_string_equal(r[2].due, "");
	assert_false(r[2].overdue);
	for (size_t i = 0; i < n; i++)
		assert_false(r[i].answered);
	free(r);
	/* a page */
	q.offset = 1;
	q.limit = 1;
	assert_int_equal(yz_hub_inbox(mz, &q, &r, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].forward_key, "A-2026-000001/00000001");
	free(r);
	/* another department's inbox is not this login's to read */
	q = (yz_hub_inbox_query){.dept = "RS_1", .today = "2026-01-10"};
	assert_int_equal(yz_hub_inbox(mz, &q, &r, &n, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	/* the admin names it: the forward to 人社所 only */
	assert_int_equal(yz_hub_inbox(admin, &q, &r, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].forward_key, "A-2026-000003/00000004");
	assert_true(r[0].overdue);
	free(r);
	/* the admin without a department named: refused in words */
	q.dept = NULL;
	assert_int_equal(yz_hub_inbox(admin, &q, &r, &n, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	yz_hub_close(mz);

	/* by hand: the forwards to 民政科 and their cases, nothing else */
	PGconn *c = pq_as("yz_d_mz", pw_mz);
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_forward"), "3");
	assert_string_equal(pq_value(c, "SELECT string_agg(key, ',' ORDER BY key) FROM h_case"),
	                    "A-2026-000001,A-2026-000002,A-2026-000003");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_case WHERE station = 'B'"), "0");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_field"), "2");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_applicant"), "1");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_pause"), "ERROR:42501");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_rating"), "ERROR:42501");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM changes"), "ERROR:42501");
	assert_string_equal(pq_value(c, "UPDATE h_forward SET raw = NULL"), "ERROR:42501");
	/* the stations' names, not their logins or figures */
	assert_string_equal(pq_value(c, "SELECT name FROM stations WHERE code = 'A'"),
	                    "东湖社区服务站");
	assert_string_equal(pq_value(c, "SELECT role FROM stations"), "ERROR:42501");
	assert_string_equal(pq_value(c, "SELECT backlog FROM stations"), "ERROR:42501");
	/* an answer slipped past the function: only to its own open forwards */
	assert_string_equal(pq_value(c, "INSERT INTO answers (station, case_no, forward_key, "
	                                "department, result, result_date) VALUES ('A', "
	                                "'A-2026-000003', 'A-2026-000003/00000004', '人社所', "
	                                "'x', '2026-01-01')"),
	                    "ERROR:42501");
	PQfinish(c);
	/* 人社所 sees its one forward and that case only */
	c = pq_as("yz_d_rs_1", pw_rs);
	assert_string_equal(pq_value(c, "SELECT string_agg(key, ',') FROM h_forward"),
	                    "A-2026-000003/00000004");
	assert_string_equal(pq_value(c, "SELECT string_agg(key, ',') FROM h_case"),
	                    "A-2026-000003");
	assert_string_equal(pq_value(c, "SELECT count(*) FROM h_applicant"), "0");
	PQfinish(c);
}

static void test_answer(void **state)
{
	(void)state;
	yz_hub *mz = open_as("yz_d_mz", pw_mz);
	yz_err err = {{0}};
	char key[64];
	assert_int_equal(yz_hub_forward_of(mz, NULL, "A", "A-2026-000002", key, &err), 0);
	assert_string_equal(key, "A-2026-000002/00000002");
	if (yz_hub_answer_forward(mz, NULL, "A", key, "同意，按月发放", "2026-01-09", &err) != 0)
		fail_msg("answer: %s", err.msg);
	/* once only */
	assert_int_equal(yz_hub_answer_forward(mz, NULL, "A", key, "again", "2026-01-09", &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	/* in its own name, which the function takes from the login, not the caller */
	PGconn *ac = pq_as("yzadmin", getenv("PGPASSWORD"));
	assert_string_equal(pq_value(ac, "SELECT answered_by || ' ' || case_no FROM answers"
	                                 " WHERE forward_key = 'A-2026-000002/00000002'"),
	                    "yz_d_mz A-2026-000002");
	PQfinish(ac);
	/* a department may not answer in another department's name */
	assert_int_equal(yz_hub_answer_forward(mz, "RS_1", "A", "A-2026-000003/00000004", "x",
	                                       "2026-01-09", &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	/* not another department's forward (invisible to this login) */
	assert_int_equal(
	    yz_hub_answer_forward(mz, NULL, "A", "A-2026-000003/00000004", "x", "2026-01-09", &err),
	    -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_int_equal(yz_hub_forward_of(mz, NULL, "A", "A-2026-000009", key, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_int_equal(
	    yz_hub_answer_forward(mz, NULL, "A", "A-2026-000001/00000001", "x", "2026-13-45", &err),
	    -1);
	assert_int_equal(
	    yz_hub_answer_forward(mz, NULL, "A", "A-2026-000001/00000001", "x", "9.1.2026", &err),
	    -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);

	/* the inbox: two open; with --all three, the answered one marked */
	yz_hub_inbox_row *r = NULL;
	size_t n = 0;
	yz_hub_inbox_query q = {.today = "2026-01-10"};
	assert_int_equal(yz_hub_inbox(mz, &q, &r, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].forward_key, "A-2026-000001/00000001");
	free(r);
	q.all = true;
	assert_int_equal(yz_hub_inbox(mz, &q, &r, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(r[0].forward_key, "A-2026-000002/00000002");
	assert_true(r[0].answered);
	assert_false(r[0].overdue);
	assert_string_equal(r[0].answer, "同意，按月发放");
	assert_false(r[1].answered);
	free(r);
	yz_hub_close(mz);

	/* the admin answering for 民政科 a forward of 人社所: refused */
	assert_int_equal(yz_hub_answer_forward(admin, "MZ", "A", "A-2026-000003/00000004", "x",
	                                       "2026-01-09", &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_DENIED);

	/* the station fetches its answer; B has none */
	yz_hub *a = open_as("yz_s_a", pw_a);
	yz_hub_answer *ans = NULL;
	assert_int_equal(yz_hub_answers(a, "A", 0, 10, &ans, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(ans[0].id > 0);
	assert_string_equal(ans[0].case_no, "A-2026-000002");
	assert_string_equal(ans[0].forward_key, "A-2026-000002/00000002");
	assert_string_equal(ans[0].department, "民政科");
	assert_string_equal(ans[0].result, "同意，按月发放");
	assert_string_equal(ans[0].result_date, "2026-01-09");
	assert_string_equal(ans[0].answered_by, "yz_d_mz");
	assert_int_equal(strlen(ans[0].answered_at), 20);
	int64_t last = ans[0].id;
	yz_hub_answers_free(ans, n);
	assert_int_equal(yz_hub_answers(a, "A", last, 10, &ans, &n, &err), 0);
	assert_int_equal(n, 0);
	yz_hub_answers_free(ans, n);

	/* the station records a result itself (by phone): the forward leaves the
	 * open inbox and cannot be answered at the hub any more */
	row rec[] = {{"forward", "A-2026-000001/00000001",
	              "{\"case\":\"A-2026-000001\",\"id\":1,\"department\":\"民政科\",\"sent\":"
	              "\"2026-01-02\",\"due\":\"2026-01-20\",\"result\":\"不予受理\"}"}};
	int64_t s_rec[] = {200};
	int64_t acked = 0;
	assert_int_equal(push(a, "A", rec, s_rec, 1, &acked, &err), 0);
	hold(rec[0].kind, rec[0].key, rec[0].body);
	yz_hub_close(a);
	mz = open_as("yz_d_mz", pw_mz);
	q.all = false;
	assert_int_equal(yz_hub_inbox(mz, &q, &r, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].forward_key, "A-2026-000003/00000003");
	free(r);
	assert_int_equal(
	    yz_hub_answer_forward(mz, NULL, "A", "A-2026-000001/00000001", "x", "2026-01-09", &err),
	    -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	yz_hub_close(mz);
}

/* Answers are numbered in the order they commit: while one is being
 * written, another waits for it (so a station that fetched every answer up to
 * id N never misses one with a smaller id committed later). */
static void test_answers_in_order(void **state)
{
	(void)state;
	PGconn *c1 = pq_as("yzadmin", getenv("PGPASSWORD"));
	PGconn *c2 = pq_as("yzadmin", getenv("PGPASSWORD"));
	assert_string_equal(pq_value(c1, "BEGIN"), "OK:");
	assert_string_equal(pq_value(c1, "SELECT hub_answer('RS_1', 'A', 'A-2026-000003/00000004', "
	                                 "'first', '2026-01-09')"),
	                    "ok");
	assert_int_equal(PQsendQuery(c2, "SELECT hub_answer('MZ', 'A', 'A-2026-000003/00000003', "
	                                 "'second', '2026-01-09')"),
	                 1);
	struct timespec wait = {0, 300 * 1000 * 1000};
	nanosleep(&wait, NULL);
	assert_int_equal(PQconsumeInput(c2), 1);
	assert_true(PQisBusy(c2)); /* waits for the first to commit */
	assert_string_equal(pq_value(c1, "COMMIT"), "OK:");
	PGresult *r = PQgetResult(c2);
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_string_equal(PQgetvalue(r, 0, 0), "ok");
	PQclear(r);
	while ((r = PQgetResult(c2)))
		PQclear(r);
	assert_string_equal(pq_value(c1, "SELECT string_agg(result, ',' ORDER BY id) FROM answers "
	                                 "WHERE result IN ('first', 'second')"),
	                    "first,second");
	PQfinish(c1);
	PQfinish(c2);
}

/* The server stopped under an open connection: the push fails as a link
 * failure and changes nothing; after the restart the same batch goes in. */
static void test_server_gone(void **state)
{
	(void)state;
	const char *ctl = getenv("YZ_PG_CTL");
	if (!ctl)
		skip();
	yz_hub *a = open_as("yz_s_a", pw_a);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "%s stop", ctl);
	assert_int_equal(system(cmd), 0);
	row r[] = {{"rating", "A-2026-000001", "{\"case\":\"A-2026-000001\",\"score\":4}"}};
	int64_t s[] = {300};
	int64_t acked = 0;
	yz_err err = {{0}};
	assert_int_equal(push(a, "A", r, s, 1, &acked, &err), -1);
	assert_int_equal(err.code, YZ_ERR_IO);
	yz_hub_close(a);
	snprintf(cmd, sizeof cmd, "%s start", ctl);
	assert_int_equal(system(cmd), 0);
	yz_hub_close(admin);
	admin = NULL;
	assert_int_equal(yz_hub_open(&admin, admin_url, NULL, 5, &err), 0);
	assert_digests(admin, "A");
	a = open_as("yz_s_a", pw_a);
	assert_int_equal(push(a, "A", r, s, 1, &acked, &err), 0);
	assert_int_equal(acked, 300);
	hold(r[0].kind, r[0].key, r[0].body);
	assert_digests(a, "A");
	yz_hub_close(a);
}

int main(void)
{
	admin_url = getenv("YZ_PG_URL");
	if (!admin_url) {
		fprintf(stderr, "test_hub17: run under tests/lib/with-postgres (YZ_PG_URL)\n");
		return 77;
	}
	yz_err err = {{0}};
	if (yz_hub_open(&admin, admin_url, NULL, 5, &err) != 0) {
		fprintf(stderr, "test_hub17: %s\n", err.msg);
		return 1;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_migrate),      cmocka_unit_test(test_register),
	    cmocka_unit_test(test_push_again),   cmocka_unit_test(test_push_order),
	    cmocka_unit_test(test_rls_stations), cmocka_unit_test(test_department),
	    cmocka_unit_test(test_answer),       cmocka_unit_test(test_answers_in_order),
	    cmocka_unit_test(test_server_gone),
	};
	int rc = cmocka_run_group_tests_name("hub17", tests, NULL, NULL);
	yz_hub_close(admin);
	for (size_t i = 0; i < n_held; i++)
		free(held[i].body);
	return rc;
}
