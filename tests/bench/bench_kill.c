/* kill -9 at random moments of intake and commit (issue 14): the real binary
 * under a pty at 80x24 on a demo station, three counters at once on one
 * station.db, each a demo clerk typing a policy consultation
 * (forms/policy_consultation.form: the draft is saved at every key) and
 * submitting it with F9. In each round one counter, picked at random, gets
 * SIGKILL at a random moment of its typing or of its commit, as a power cut or
 * a closed SSH window would; the others finish their case, and the killed one
 * is started again and logs in (a draft it left is declined at the next form).
 * A typing kill falls anywhere in the time the typing takes; a commit kill, in
 * half of the rounds anywhere from F9 to the papers saved, in the other half
 * within twice the time from F9 to the case number on screen (the commit and
 * what comes right after it are short beside the printing).
 *
 * After each kill (the other counters done with their case) and at the end
 * the station is checked, as the station head would after a power cut:
 *   corruptions   PRAGMA integrity_check or foreign_key_check not clean, or
 *                 `yizhan audit verify` failing;
 *   lost          a case whose number a screen showed ("accepted: case number
 *                 ...") not in the database, or not holding what was typed;
 *   gaps          sequence numbers missing between 1 and the station's
 *                 counter of the year: src/store/cases.c takes the number in
 *                 the transaction that inserts the case, so it promises none;
 *   stale drafts  a clerk's draft of a case that was committed: drafts are
 *                 kept per clerk and form with no link to a case
 *                 (src/store/drafts.c), so the draft is known by what was
 *                 typed; it would be offered again, and a second F9 would make
 *                 the case twice;
 *   no receipt    a committed case without its receipt print job.
 * Each typed consultation carries a marker ("KB" six digits "Q") that names
 * it in the case's fields and in a draft. The printers are left blank in the
 * station's yizhan.conf: the papers are saved to files.
 *
 * One summary line on stdout; the exit status is 1 when any figure is not 0
 * (or a screen did not answer). Environment: YZ_KILL_SEED repeats a run's
 * choices (victims, moments, texts; what a kill hits also depends on the
 * machine's timing; the seed is printed), YZ_KILLS the kills (200),
 * YZ_KILL_COUNTERS the counters at once (2 or 3, default 3), YZ_KEEP_HOME=1
 * keeps the station.
 *
 * usage: bench_kill /path/to/yizhan */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../screen/screen_fixture.h"
#include "../screen/vt.h"

/* What the Chinese UI shows (po/zh_CN.po), as the screen tests read it. */
#define T_LOGIN    "\u8bf7\u767b\u5f55"                                /* please log in */
#define T_HOME     "\u4eca\u65e5\u53d7\u7406"                          /* accepted today */
#define T_AWAY     "\u4f60\u5df2\u767b\u8bb0\u4e0d\u5728\u5c97"        /* you are marked away */
#define T_ITEM     "\u653f\u7b56\u54a8\u8be2\u767b\u8bb0"              /* policy consultation */
#define T_TOPIC    "\u54a8\u8be2\u4e8b\u9879"                          /* its first field */
#define T_QUESTION "\u54a8\u8be2\u5185\u5bb9"                          /* the question (a memo) */
#define T_ANSWER   "\u7b54\u590d\u5185\u5bb9"                          /* the answer (a memo) */
#define T_YESNO    "Y \u662f\uff0cN \u5426"                            /* a yes/no field's hint */
#define T_SOCIAL   "\u793e\u4f1a\u6551\u52a9"                          /* topic 1 */
#define T_JOBS     "\u5c31\u4e1a\u521b\u4e1a"                          /* topic 2 */
#define T_ANSWERED "\u5df2\u5f53\u573a\u7b54\u590d"                    /* answered on the spot */
#define T_YES      "\u662f"                                            /* yes */
#define T_DRAFT    "\u5df2\u4fdd\u5b58\u4e3a\u8349\u7a3f"              /* kept as a draft */
#define T_NUMBER   "\u5df2\u53d7\u7406\uff1a\u529e\u4ef6\u7f16\u53f7 " /* accepted: case number */
#define T_DONE     "\u5df2\u53d7\u7406\u3002" /* "Case X accepted." after printing */
#define T_REFUSED  "\u672a\u63d0\u4ea4"       /* not submitted */

#define FORM_ID     "policy_consultation"
#define MARKER_LEN  9     /* "KB" + 6 digits + "Q" */
#define WAIT_MS     20000 /* a screen that does not answer in this time is stuck */
#define MAX_COUNTER 3

/* One counter: a demo clerk's session of the program. */
typedef struct counter {
	const char *user;
	vt *v;                       /* NULL while not running */
	bool away;                   /* the demo marks this clerk away today: a notice at login */
	char marker[MARKER_LEN + 1]; /* the consultation being typed */
	/* This round's times from the first key or from F9: typed, the number on
	 * screen, the papers saved; -1 when not measured. */
	long typed_ms, number_ms, committed_ms;
	/* The consultation's keys, one at a time, each seen on screen before the
	 * next (build_steps). */
	struct step {
		char key[8];       /* what is sent */
		const char *label; /* the row of this label... */
		int below;         /* ...or the row this many below it... */
		char text[24];     /* ...shows this once the key is taken */
	} steps[64];
	int n_steps, step;
	long step_ms; /* when the current step's key was sent */
} counter;

static counter counters[MAX_COUNTER] = {
    {.user = "zhangli"}, {.user = "wangfang"}, {.user = "zhaozhan"}};
static int n_counters = MAX_COUNTER;
static const char *exe;

/* A case number a screen showed, with the marker of what was typed. */
typedef struct ack {
	char number[40];
	char marker[MARKER_LEN + 1];
	bool lost; /* counted once */
} ack;

static ack *acks;
static size_t n_acks, cap_acks;

/* The figures. */
static struct {
	long kills, intake_kills, commit_kills;
	long corruptions, lost, gaps, stale, no_receipt, duplicates, stuck, refused;
} fig;

/* Case ids already counted as having a stale draft or no receipt job. */
static bool *stale_seen, *receipt_seen;
static size_t seen_cap;
static int64_t base_case; /* the demo's last case: the benchmark's are above */
static unsigned long next_marker = 1;

/* ---- time and the seeded random numbers ------------------------------------------------ */

static uint64_t rng;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static long rnd_below(long n)
{
	return n > 0 ? (long)(rnd() % (uint64_t)n) : 0;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---- driving the counters --------------------------------------------------------------- */

/* Read what every running counter wrote, for ms milliseconds (none is left
 * blocked on a full terminal while another is waited for). */
static void pump_all(long ms)
{
	long end = now_ms() + ms;
	do {
		for (int i = 0; i < n_counters; i++)
			if (counters[i].v)
				vt_pump(counters[i].v, 0);
		if (ms > 0)
			usleep(1000);
	} while (now_ms() < end);
}

static bool shows(counter *c, const char *text)
{
	return vt_row_of(c->v, text) >= 0;
}

/* Wait until c shows text (every counter read meanwhile); false, with the
 * screen on stderr, after ms. */
static bool wait_text(counter *c, const char *text, long ms)
{
	long end = now_ms() + ms;
	for (;;) {
		pump_all(0);
		if (shows(c, text))
			return true;
		if (now_ms() >= end)
			break;
		pump_all(5);
	}
	fprintf(stderr, "bench_kill: %s: expected on screen: %s\n", c->user, text);
	vt_dump(c->v);
	return false;
}

/* A counter whose screen did not answer: ended (not counted as a kill) and
 * started again next round. */
static void stuck(counter *c)
{
	fig.stuck++;
	if (c->v) {
		vt_kill(c->v, SIGKILL);
		vt_close(c->v);
		c->v = NULL;
	}
}

static const char *const env_zh[] = {
    "LANG=zh_CN.UTF-8",    "LANGUAGE",    "LC_ALL",         "LC_MESSAGES", "LC_CTYPE",
    "TERM=xterm-256color", "YIZHAN_HOME", "YIZHAN_COUNTER", NULL,
};

/* Start c's program and log its clerk in, to the home screen. */
static bool start(counter *c, bool first)
{
	char *argv[] = {(char *)exe, "--home", (char *)scr_home(), NULL};
	c->v = vt_spawn(argv, env_zh, 24, 80);
	if (!c->v)
		return false;
	if (!wait_text(c, T_LOGIN, WAIT_MS))
		return false;
	vt_send(c->v, c->user);
	vt_send(c->v, VT_ENTER);
	vt_send(c->v, "demo1234" VT_ENTER);
	if (!wait_text(c, T_HOME, WAIT_MS))
		return false;
	/* The demo marks one clerk away today: told at each login. */
	if (first) {
		long end = now_ms() + 1000;
		while (!c->away && now_ms() < end) {
			pump_all(10);
			c->away = shows(c, T_AWAY);
		}
	}
	if (c->away) {
		if (!wait_text(c, T_AWAY, WAIT_MS))
			return false;
		vt_send(c->v, VT_ENTER);
		if (!vt_wait_gone(c->v, T_AWAY, WAIT_MS))
			return false;
	}
	return true;
}

/* Whether the clerk's draft of the form holds a value (then opening the form
 * asks whether to continue with it: src/tui/screens/intake.c offer_draft). */
static bool draft_waiting(const char *user)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	bool any = false;
	if (sqlite3_open_v2(scr_db(), &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return false;
	}
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_prepare_v2(h, "SELECT data FROM drafts WHERE clerk = ?1 AND form_id = ?2", -1,
	                       &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, FORM_ID, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW) {
			/* Netstrings "len:bytes," as key, value, key, value... */
			const char *p = sqlite3_column_blob(s, 0);
			const char *e = p + sqlite3_column_bytes(s, 0);
			for (int k = 0; p && p < e && !any; k++) {
				char *colon;
				unsigned long n = strtoul(p, &colon, 10);
				if (colon >= e || *colon != ':' || n > (unsigned long)(e - colon))
					break;
				any = (k % 2 == 1) && n > 0;
				p = colon + 1 + n + 1;
			}
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return any;
}

/* From home: F2, the policy consultation, a kept draft declined (it was
 * counted by the check if it held a committed case). The question comes
 * before the form is drawn. */
static bool open_form(counter *c)
{
	bool draft = draft_waiting(c->user);
	if (!scr_pick_item(c->v, c->user, T_ITEM, "zczx"))
		return false;
	if (draft && !wait_text(c, T_DRAFT, WAIT_MS))
		return false;
	long end = now_ms() + WAIT_MS;
	for (;;) {
		pump_all(0);
		if (shows(c, T_DRAFT)) {
			vt_send(c->v, "n");
			if (!vt_wait_gone(c->v, T_DRAFT, WAIT_MS))
				break;
		} else if (shows(c, T_TOPIC)) {
			return true;
		}
		if (now_ms() >= end)
			break;
		pump_all(5);
	}
	fprintf(stderr, "bench_kill: %s: the form did not open\n", c->user);
	vt_dump(c->v);
	return false;
}

static void kill_counter(counter *c);

static void add_step(counter *c, const char *key, const char *label, int below, const char *fmt,
                     ...)
{
	struct step *st = &c->steps[c->n_steps++];
	va_list ap;
	snprintf(st->key, sizeof st->key, "%s", key);
	st->label = label;
	st->below = below;
	va_start(ap, fmt);
	vsnprintf(st->text, sizeof st->text, fmt, ap);
	va_end(ap);
}

/* The keys of one consultation: a topic, Tab, the question (the marker and
 * some letters), Tab, the answer, Tab, answered on the spot. Each key is sent
 * once the screen shows the one before taken, as a clerk who watches the
 * screen types (keys typed ahead during a wait for another counter's write
 * are kept, src/tui/wait.c, and tested in tests/screen/test_wait14.c). A memo's character counter
 * ("N/2000" under the focused memo) shows each letter and space taken. */
static void build_steps(counter *c)
{
	char question[48], answer[16];
	size_t q = 4 + (size_t)rnd_below(13), a = 2 + (size_t)rnd_below(7);
	snprintf(c->marker, sizeof c->marker, "KB%06luQ", next_marker++ % 1000000);
	snprintf(question, sizeof question, "%s ", c->marker);
	for (size_t i = strlen(question); i < MARKER_LEN + 1 + q && i + 1 < sizeof question; i++)
		question[i] = (char)('a' + rnd_below(26)), question[i + 1] = '\0';
	for (size_t i = 0; i < a && i + 1 < sizeof answer; i++)
		answer[i] = (char)('a' + rnd_below(26)), answer[i + 1] = '\0';
	c->n_steps = c->step = 0;
	/* A topic other than the one shown (the station's usual may be there). */
	int row = vt_row_of(c->v, T_TOPIC);
	char *line = row >= 0 ? vt_row(c->v, row) : NULL;
	bool social = line && strstr(line, T_SOCIAL);
	free(line);
	add_step(c, social ? "2" : "1", T_TOPIC, 0, "%s", social ? T_JOBS : T_SOCIAL);
	add_step(c, VT_TAB, T_QUESTION, 1, " 0/2000");
	for (size_t i = 0; question[i]; i++)
		add_step(c, (char[]){question[i], '\0'}, T_QUESTION, 1, " %zu/2000", i + 1);
	add_step(c, VT_TAB, T_ANSWER, 1, " 0/2000");
	for (size_t i = 0; answer[i]; i++)
		add_step(c, (char[]){answer[i], '\0'}, T_ANSWER, 1, " %zu/2000", i + 1);
	add_step(c, VT_TAB, T_YESNO, 0, "%s", T_YESNO);
	add_step(c, "y", T_ANSWERED, 0, "%s", T_YES);
}

/* Whether c's screen shows its current step's key taken. */
static bool step_seen(counter *c)
{
	const struct step *st = &c->steps[c->step];
	int row = vt_row_of(c->v, st->label);
	char *line = row >= 0 ? vt_row(c->v, row + st->below) : NULL;
	bool ok = line && strstr(line, st->text);
	free(line);
	return ok;
}

/* Every running counter types its consultation, all at once; the victim (or
 * NULL) is killed kill_after ms after the first key, wherever it is then. */
static void type_all(counter *victim, long kill_after)
{
	long t0 = now_ms();
	for (int i = 0; i < n_counters; i++) {
		counter *c = &counters[i];
		if (!c->v)
			continue;
		build_steps(c);
		c->step_ms = now_ms();
		vt_send_now(c->v, c->steps[0].key);
	}
	for (;;) {
		bool all = true;
		pump_all(0);
		if (victim && victim->v && now_ms() - t0 >= kill_after) {
			kill_counter(victim);
			fig.intake_kills++;
		}
		for (int i = 0; i < n_counters; i++) {
			counter *c = &counters[i];
			if (!c->v || c->step >= c->n_steps)
				continue;
			all = false;
			if (step_seen(c)) {
				if (++c->step == c->n_steps) {
					c->typed_ms = now_ms() - t0;
					continue;
				}
				c->step_ms = now_ms();
				vt_send_now(c->v, c->steps[c->step].key);
			} else if (now_ms() - c->step_ms > WAIT_MS) {
				fprintf(stderr,
				        "bench_kill: %s: key %d (%s) not taken: no \"%s\"\n",
				        c->user, c->step, c->steps[c->step].key,
				        c->steps[c->step].text);
				vt_dump(c->v);
				stuck(c);
			}
		}
		if (all && !(victim && victim->v)) /* the victim dies even when done */
			return;
		pump_all(1);
	}
}

/* The case number c's screen shows as accepted into out; false when none. */
static bool shown_number(counter *c, char *out, size_t n)
{
	char *s = vt_text(c->v);
	const char *p = s ? strstr(s, T_NUMBER) : NULL;
	size_t len = 0;
	if (p) {
		p += strlen(T_NUMBER);
		while (len + 1 < n && ((p[len] >= 'A' && p[len] <= 'Z') ||
		                       (p[len] >= '0' && p[len] <= '9') || p[len] == '-'))
			len++;
		memcpy(out, p, len);
	}
	out[len] = '\0';
	free(s);
	return len >= 15; /* station-YYYY-NNNNNN */
}

static void record_ack(counter *c, const char *number)
{
	if (n_acks == cap_acks) {
		size_t cap = cap_acks ? cap_acks * 2 : 256;
		ack *a = realloc(acks, cap * sizeof *a);
		if (!a)
			return;
		acks = a, cap_acks = cap;
	}
	ack *a = &acks[n_acks++];
	snprintf(a->number, sizeof a->number, "%s", number);
	snprintf(a->marker, sizeof a->marker, "%s", c->marker);
	a->lost = false;
}

/* SIGKILL now; a case number the screen showed by then was acknowledged. */
static void kill_counter(counter *c)
{
	char number[40];
	vt_kill(c->v, SIGKILL); /* reads the program's last output */
	if (shown_number(c, number, sizeof number))
		record_ack(c, number);
	vt_close(c->v);
	c->v = NULL;
	fig.kills++;
}

/* After F9: 1 when the papers are saved ("Case X accepted.", after the
 * number), -1 when the submit was refused, 0 not yet. */
static int committed(counter *c)
{
	return shows(c, T_DONE) ? 1 : shows(c, T_REFUSED) ? -1 : 0;
}

/* Watch every running counter at once until each has committed, noting when
 * the number shows and when the papers are saved; a counter that does not get
 * there in time is stuck. Every counter is read all the time, so the times
 * are each one's. */
static void watch_commits(long since)
{
	bool done[MAX_COUNTER] = {false};
	long end = now_ms() + WAIT_MS;
	for (;;) {
		bool all = true;
		pump_all(0);
		for (int i = 0; i < n_counters; i++) {
			counter *c = &counters[i];
			if (!c->v || done[i])
				continue;
			if (c->number_ms < 0 && shows(c, T_NUMBER))
				c->number_ms = now_ms() - since;
			int st = committed(c);
			if (st == 0) {
				all = false;
				continue;
			}
			done[i] = true;
			c->committed_ms = now_ms() - since;
			if (st < 0) {
				fprintf(stderr, "bench_kill: %s: the submit was refused\n",
				        c->user);
				vt_dump(c->v);
				fig.refused++;
				stuck(c);
			}
		}
		if (all)
			return;
		if (now_ms() >= end)
			break;
		pump_all(1);
	}
	for (int i = 0; i < n_counters; i++)
		if (counters[i].v && !done[i]) {
			fprintf(stderr, "bench_kill: %s: the screen did not answer\n",
			        counters[i].user);
			vt_dump(counters[i].v);
			stuck(&counters[i]);
		}
}

/* A committed counter: its number acknowledged, Enter back home. */
static void back_home(counter *c)
{
	char number[40];
	if (!shown_number(c, number, sizeof number)) {
		fprintf(stderr, "bench_kill: %s: no case number on screen\n", c->user);
		vt_dump(c->v);
		stuck(c);
		return;
	}
	record_ack(c, number);
	vt_send(c->v, VT_ENTER); /* done */
	if (!wait_text(c, T_HOME, WAIT_MS))
		stuck(c);
}

/* ---- the checks ------------------------------------------------------------------------- */

static bool mark_seen(bool **set, int64_t id)
{
	if ((size_t)id >= seen_cap) {
		size_t cap = seen_cap ? seen_cap : 1024;
		while (cap <= (size_t)id)
			cap *= 2;
		bool *a = realloc(stale_seen, cap * sizeof *a), *b;
		if (!a)
			return false;
		stale_seen = a;
		if (!(b = realloc(receipt_seen, cap * sizeof *b)))
			return false;
		receipt_seen = b;
		memset(stale_seen + seen_cap, 0, (cap - seen_cap) * sizeof *a);
		memset(receipt_seen + seen_cap, 0, (cap - seen_cap) * sizeof *b);
		seen_cap = cap;
	}
	bool first = !(*set)[id];
	(*set)[id] = true;
	return first;
}

/* Rows of a query with one int64 bound to ?1 (or none); each row's first
 * column (an id) and second (text) handed to fn. -1 when it cannot run. */
static long each_row(sqlite3 *h, const char *sql, int64_t bind, void (*fn)(int64_t, const char *))
{
	sqlite3_stmt *s;
	long n = 0;
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_kill: %s: %s\n", sql, sqlite3_errmsg(h));
		return -1;
	}
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, bind);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n++;
		if (fn)
			fn(sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1));
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench_kill: %s: %s\n", sql, sqlite3_errmsg(h));
		n = -1;
	}
	sqlite3_finalize(s);
	return n;
}

static const char *check_when; /* "after kill N" or "at the end", for stderr */

/* PRAGMA integrity_check: one row "ok", else a row per problem. */
static void check_integrity(sqlite3 *h)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 0);
		if (!text || strcmp(text, "ok") != 0) {
			fprintf(stderr, "bench_kill: %s: integrity_check: %s\n", check_when,
			        text ? text : "");
			fig.corruptions++;
		}
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench_kill: %s: integrity_check: %s\n", check_when,
		        sqlite3_errmsg(h));
		fig.corruptions++;
	}
	sqlite3_finalize(s);
}

static void on_stale(int64_t id, const char *number)
{
	if (mark_seen(&stale_seen, id)) {
		fprintf(stderr, "bench_kill: %s: stale draft of committed case %s\n", check_when,
		        number);
		fig.stale++;
	}
}

static void on_no_receipt(int64_t id, const char *number)
{
	if (mark_seen(&receipt_seen, id)) {
		fprintf(stderr, "bench_kill: %s: case %s has no receipt job\n", check_when, number);
		fig.no_receipt++;
	}
}

/* Sequence numbers missing from 1 to the counter, over the station's years
 * (a number above the counter, which the next case would be given again,
 * counts too). */
static long missing_numbers(sqlite3 *h)
{
	sqlite3_stmt *s;
	long missing = 0;
	if (sqlite3_prepare_v2(h,
	                       "SELECT k.station, k.year, k.last_seq,"
	                       " (SELECT count(DISTINCT c.seq) FROM cases c WHERE c.station ="
	                       " k.station AND c.year = k.year AND c.seq BETWEEN 1 AND k.last_seq),"
	                       " (SELECT count(*) FROM cases c WHERE c.station = k.station AND"
	                       " c.year = k.year AND c.seq > k.last_seq)"
	                       " FROM case_counters k",
	                       -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_kill: gaps: %s\n", sqlite3_errmsg(h));
		return -1;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		long last = sqlite3_column_int(s, 2), have = sqlite3_column_int(s, 3);
		long above = sqlite3_column_int(s, 4);
		if (last != have || above)
			fprintf(
			    stderr,
			    "bench_kill: %s: %s %d: %ld numbers missing up to %ld, %ld above it\n",
			    check_when, (const char *)sqlite3_column_text(s, 0),
			    sqlite3_column_int(s, 1), last - have, last, above);
		missing += last - have + above;
	}
	sqlite3_finalize(s);
	return missing;
}

/* Acknowledged cases not in the database, or not holding their marker. */
static void check_acks(sqlite3 *h)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(h,
	                       "SELECT 1 FROM cases c JOIN case_fields f ON f.case_id = c.id"
	                       " AND f.key = 'question' WHERE c.number = ?1"
	                       " AND substr(f.value, 1, ?3) = ?2",
	                       -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_kill: lost: %s\n", sqlite3_errmsg(h));
		fig.corruptions++;
		return;
	}
	for (size_t i = 0; i < n_acks; i++) {
		if (acks[i].lost)
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, acks[i].number, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, acks[i].marker, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, MARKER_LEN);
		if (sqlite3_step(s) != SQLITE_ROW) {
			fprintf(stderr, "bench_kill: %s: case %s (%s) acknowledged, not stored\n",
			        check_when, acks[i].number, acks[i].marker);
			acks[i].lost = true;
			fig.lost++;
		}
	}
	sqlite3_finalize(s);
}

/* Everything the module comment lists, on one read snapshot of station.db,
 * then `yizhan audit verify`. */
static void check_station(const char *when)
{
	sqlite3 *h;
	check_when = when;
	if (sqlite3_open_v2(scr_db(), &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_kill: %s: station.db does not open: %s\n", when,
		        sqlite3_errmsg(h));
		sqlite3_close(h);
		fig.corruptions++;
		return;
	}
	sqlite3_busy_timeout(h, 10000);
	sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	check_integrity(h);
	long fk = each_row(h, "PRAGMA foreign_key_check", 0, NULL);
	if (fk != 0) {
		fprintf(stderr, "bench_kill: %s: foreign_key_check: %ld rows\n", when, fk);
		fig.corruptions++;
	}
	check_acks(h);
	long missing = missing_numbers(h);
	if (missing > fig.gaps) /* a missing number never comes back: the largest seen */
		fig.gaps = missing;
	else if (missing < 0)
		fig.corruptions++;
	each_row(h,
	         "SELECT DISTINCT c.id, c.number FROM drafts d JOIN case_fields f"
	         " ON f.key = 'question' AND f.value LIKE 'KB%'"
	         " AND instr(d.data, CAST(substr(f.value, 1, 9) AS BLOB)) > 0"
	         " JOIN cases c ON c.id = f.case_id WHERE c.id > ?1",
	         base_case, on_stale);
	each_row(h,
	         "SELECT c.id, c.number FROM cases c WHERE c.id > ?1 AND NOT EXISTS"
	         " (SELECT 1 FROM print_jobs j WHERE j.case_id = c.id AND j.doc = 'receipt')",
	         base_case, on_no_receipt);
	long dup = each_row(h,
	                    "SELECT count(*), substr(value, 1, 9) FROM case_fields"
	                    " WHERE key = 'question' AND value LIKE 'KB%'"
	                    " GROUP BY substr(value, 1, 9) HAVING count(*) > 1",
	                    0, NULL);
	if (dup > fig.duplicates)
		fig.duplicates = dup;
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);

	char out[4096];
	const char *const verify[] = {"audit", "verify", NULL};
	int rc = scr_command(verify, out, sizeof out);
	if (rc != 0) {
		fprintf(stderr, "bench_kill: %s: yizhan audit verify: exit %d: %s\n", when, rc,
		        out);
		fig.corruptions++;
	}
}

/* Cases the benchmark's counters committed. */
static long committed_cases(void)
{
	sqlite3 *h;
	long n = -1;
	if (sqlite3_open_v2(scr_db(), &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(h, 10000);
		n = each_row(h, "SELECT id, number FROM cases WHERE id > ?1", base_case, NULL);
	}
	sqlite3_close(h);
	return n;
}

static int64_t last_case(void)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	int64_t id = -1;
	if (sqlite3_open_v2(scr_db(), &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT coalesce(max(id), 0) FROM cases", -1, &s, NULL) ==
	        SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return id;
}

/* ---- the station ------------------------------------------------------------------------ */

/* Blank the demo's printers in yizhan.conf: every paper is saved to a file. */
static int blank_printers(void)
{
	char path[4096], line[1024];
	snprintf(path, sizeof path, "%s/yizhan.conf", scr_home());
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!f || !m) {
		if (f)
			fclose(f);
		if (m)
			fclose(m);
		free(text);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "printer_receipt", 15) == 0)
			fputs("printer_receipt =\n", m);
		else if (strncmp(line, "printer_a4", 10) == 0)
			fputs("printer_a4 =\n", m);
		else
			fputs(line, m);
	}
	fclose(f);
	fclose(m);
	f = fopen(path, "w");
	int rc = f && fputs(text, f) >= 0 ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	free(text);
	return rc;
}

/* ---- one round -------------------------------------------------------------------------- */

/* The windows kills are drawn from: typing, F9 to the number on screen, F9
 * to the papers saved. */
static long est_type_ms = 600, est_number_ms = 50, est_commit_ms = 400;

/* The mean of this round's times, averaged with the window so far: the next
 * round's window. */
static void estimate(void)
{
	long type = 0, number = 0, commit = 0, nt = 0, nn = 0, nc = 0;
	for (int i = 0; i < n_counters; i++) {
		if (counters[i].typed_ms > 0)
			type += counters[i].typed_ms, nt++;
		if (counters[i].number_ms > 0)
			number += counters[i].number_ms, nn++;
		if (counters[i].committed_ms > 0)
			commit += counters[i].committed_ms, nc++;
	}
	if (nt)
		est_type_ms = (est_type_ms + type / nt) / 2 + 1;
	if (nn)
		est_number_ms = (est_number_ms + number / nn) / 2 + 1;
	if (nc)
		est_commit_ms = (est_commit_ms + commit / nc) / 2 + 1;
}

/* Every counter serves one consultation; the victim is killed at a random
 * moment of its typing (intake) or of its commit. */
static void round_once(int victim, bool at_commit)
{
	counter *vc = &counters[victim];

	for (int i = 0; i < n_counters; i++) {
		counter *c = &counters[i];
		c->typed_ms = c->number_ms = c->committed_ms = -1;
		if (!c->v && !start(c, false)) {
			stuck(c);
			continue;
		}
		if (!open_form(c))
			stuck(c);
	}
	/* Typing, all counters at once: every key saves the draft. An intake
	 * kill falls anywhere in the typing's time (the last rounds' mean). */
	type_all(at_commit ? NULL : vc, at_commit ? 0 : rnd_below(est_type_ms + est_type_ms / 5));
	/* F9 in every counter before reading any, in a changing order. */
	long t1 = now_ms();
	int first = (int)rnd_below(n_counters);
	for (int k = 0; k < n_counters; k++) {
		counter *c = &counters[(first + k) % n_counters];
		if (c->v)
			vt_send_now(c->v, VT_F9);
	}
	/* The commit itself (to the number on screen, and the draft removed and
	 * the receipt's job written just after it) is short beside the printing
	 * that follows: half of the kills fall in twice its time, half anywhere
	 * up to the papers saved. */
	if (at_commit && vc->v) {
		long window = rnd_below(2) ? 2 * est_number_ms : est_commit_ms + est_commit_ms / 5;
		pump_all(rnd_below(window));
		kill_counter(vc);
		fig.commit_kills++;
	}
	watch_commits(t1);
	for (int i = 0; i < n_counters; i++)
		if (counters[i].v)
			back_home(&counters[i]);
	estimate();
}

static void quit_all(void)
{
	for (int i = 0; i < n_counters; i++) {
		counter *c = &counters[i];
		if (!c->v)
			continue;
		vt_send(c->v, VT_F10); /* log out */
		if (wait_text(c, T_LOGIN, WAIT_MS)) {
			vt_send(c->v, VT_F10); /* quit */
			int st = vt_wait_exit(c->v, WAIT_MS);
			if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
				fig.stuck++;
		} else {
			fig.stuck++;
		}
		vt_close(c->v);
		c->v = NULL;
	}
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	exe = argv[1];
	const char *e;
	long kills = (e = getenv("YZ_KILLS")) && atol(e) > 0 ? atol(e) : 200;
	if ((e = getenv("YZ_KILL_COUNTERS")) && atoi(e) >= 2 && atoi(e) <= MAX_COUNTER)
		n_counters = atoi(e);
	uint64_t seed = (e = getenv("YZ_KILL_SEED")) && *e
	                    ? strtoull(e, NULL, 10)
	                    : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
	rng = seed;
	printf("kill -9 loop: seed %llu (YZ_KILL_SEED=%llu repeats it), %ld kills, %d counters\n",
	       (unsigned long long)seed, (unsigned long long)seed, kills, n_counters);
	fflush(stdout);

	setenv("LANG", "zh_CN.UTF-8", 1);
	if (scr_station("yzbenchkill", NULL) != 0 || blank_printers() != 0 ||
	    (base_case = last_case()) < 0) {
		fprintf(stderr, "bench_kill: no demo station\n");
		scr_teardown(NULL);
		return 1;
	}
	long t_start = now_ms();
	for (int i = 0; i < n_counters; i++)
		if (!start(&counters[i], true)) {
			fprintf(stderr, "bench_kill: %s cannot log in\n", counters[i].user);
			quit_all();
			scr_teardown(NULL);
			return 1;
		}
	char when[64];
	long rounds = 0;
	while (fig.kills < kills && fig.stuck <= kills / 10) {
		long before = fig.kills;
		round_once((int)rnd_below(n_counters), rnd_below(2) == 1);
		rounds++;
		if (fig.kills > before) {
			snprintf(when, sizeof when, "after kill %ld", fig.kills);
			check_station(when);
		}
		if (rounds % 25 == 0)
			fprintf(stderr,
			        "bench_kill: %ld kills, %zu acknowledged, %ld s (windows: typing "
			        "%ld ms,"
			        " F9 to the number %ld ms, to the papers %ld ms)\n",
			        fig.kills, n_acks, (now_ms() - t_start) / 1000, est_type_ms,
			        est_number_ms, est_commit_ms);
	}
	quit_all();
	check_station("at the end");
	long committed = committed_cases();
	long seconds = (now_ms() - t_start + 500) / 1000;

	printf("kill -9 loop: %ld kills (%ld while typing, %ld while committing) on %d counters,"
	       " %zu cases acknowledged (%ld committed); corruptions %ld, lost acknowledged"
	       " commits %ld, gaps %ld, stale drafts %ld, cases without receipt job %ld,"
	       " duplicated cases %ld, screens stuck %ld; %ld s (seed %llu)\n",
	       fig.kills, fig.intake_kills, fig.commit_kills, n_counters, n_acks, committed,
	       fig.corruptions, fig.lost, fig.gaps, fig.stale, fig.no_receipt, fig.duplicates,
	       fig.stuck, seconds, (unsigned long long)seed);
	scr_teardown(NULL);
	free(acks);
	free(stale_seen);
	free(receipt_seen);
	bool clean = fig.kills >= kills && fig.corruptions == 0 && fig.lost == 0 && fig.gaps == 0 &&
	             fig.stale == 0 && fig.no_receipt == 0 && fig.duplicates == 0 &&
	             fig.stuck == 0 && fig.refused == 0;
	return clean ? 0 : 1;
}
