/* The hall's day (issue 19): 1,000 tickets (YZ_BENCH_TICKETS) across the four
 * queues A-D taken at a kiosk and called by four counters, each a process of
 * its own on one station file, as the hall runs them:
 *
 *   the kiosk      takes a ticket (yz_service_ticket_take) and prints it on
 *                  the private cupsd's receipt queue (yz_service_ticket_print),
 *                  one every YZ_BENCH_KIOSK_MS (default 10) ms;
 *   4 counters     call the next ticket of their queues (yz_service_call_next,
 *                  counter 1 A B, 2 B A, 3 C D, 4 D C: each line covered by
 *                  a second window), serve it 5..25 ms, call the next; when
 *                  nobody waits they look again 20 ms later;
 *   the display    polls yz_service_hall_last every 100 ms, as `yizhan hall`
 *                  does, and on a new call reads yz_service_hall_calls after
 *                  the last it saw.
 *
 * It prints:
 *   call -> display: from the moment a counter began its call (before
 *     yz_service_call_next, so the commit is inside the span) to the moment
 *     the display had read the call, p50/p99/max over every call (goal: p99
 *     <= 1 s);
 *   ticket key -> print: from the key (before yz_service_ticket_take) to the
 *     job accepted by CUPS (yz_service_ticket_print returned), over every
 *     ticket, and to the first bytes at the printer (the capture backend's
 *     file of that job, or its .part while it is written, having bytes),
 *     over every tenth ticket, taken when the printer's queue is empty (the
 *     kiosk first waits for the tickets before it: the bench takes tickets
 *     far faster than residents do) and waited for (goal: <= 300 ms).
 * It fails (exit 1) when a ticket is lost: not issued, not called, or a call
 * the display never read. The times are figures, not a test: README quotes
 * them. Run under tests/lib/with-cupsd (meson: benchmark hall19). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"
#include "yizhan/service.h"
#include "yizhan/store.h"

#define MAX_TICKETS 3996 /* 999 per queue and day */
#define COUNTERS    4

/* What the processes share (an anonymous shared mapping made before fork). */
typedef struct shared {
	double call_start[MAX_TICKETS + 1]; /* by ticket id: a counter began calling it */
	double seen[MAX_TICKETS + 1];       /* by ticket id: the display had read its call */
	double submit_ms[MAX_TICKETS];      /* the kiosk's key -> job accepted */
	double first_byte_ms[MAX_TICKETS];  /* the kiosk's key -> bytes at the printer */
	int n_submit, n_first_byte;
	int issued;       /* tickets taken so far */
	int kiosk_done;   /* the kiosk has taken all of them */
	int called;       /* tickets called so far (counters add under the lock below) */
	int print_failed; /* tickets whose print did not reach CUPS */
	int display_stop; /* the parent says the day is over */
} shared;

static shared *S;
static char home[256];
static long n_tickets;

static void die(const char *what, const yz_err *err)
{
	fprintf(stderr, "bench_hall19: %s: %s\n", what, err ? err->msg : strerror(errno));
	_exit(1);
}

/* The station: four queues (the defaults), four counters with their queues,
 * the receipt printer of the private cupsd for the kiosk. */
static void make_station(void)
{
	char path[512];
	FILE *f;
	yz_config cfg;
	yz_store *st;
	yz_err err = {{0}};
	static const char *const queues[COUNTERS] = {"A B", "B A", "C D", "D C"};

	snprintf(home, sizeof home, "/tmp/yzbench-hall19.XXXXXX");
	if (!mkdtemp(home))
		die("mkdtemp", NULL);
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	if (!(f = fopen(path, "w")))
		die(path, NULL);
	fprintf(f, "station_name = Bench station\nstation_code = BENCH\n"
	           "printer_receipt = receipt\nticket_printer = receipt\nhall_voice = off\n");
	for (int i = 0; i < COUNTERS; i++)
		fprintf(f, "\n[counter %d]\nqueues = %s\n", i + 1, queues[i]);
	fclose(f);
	yz_config_defaults(&cfg, home);
	if (yz_config_load(&cfg, path, &err) != 0)
		die("yizhan.conf", &err);
	if (yz_store_open(cfg.db_path, &st, &err) != 0)
		die("store", &err);
	for (int i = 0; i < COUNTERS; i++) {
		char login[16];
		snprintf(login, sizeof login, "clerk%d", i + 1);
		if (yz_user_add(st, login, login, "13800000000", YZ_ROLE_CLERK, "bench1234",
		                &err) != 0)
			die("user", &err);
	}
	yz_store_close(st);
}

/* A process's session on the station: at counter (0 = the kiosk or the
 * display: no counter, nobody signed in). */
static void open_session(int counter, yz_config *cfg, yz_store **st, yz_session *s)
{
	char path[512], number[8];
	yz_err err = {{0}};

	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	yz_config_defaults(cfg, home);
	if (yz_config_load(cfg, path, &err) != 0)
		die("yizhan.conf", &err);
	if (yz_store_open(cfg->db_path, st, &err) != 0)
		die("store", &err);
	*s = (yz_session){.cfg = cfg, .store = *st};
	yz_service_set_clock(s, yz_clock_real());
	if (counter > 0) {
		char login[16];
		yz_counter_hints h = {.option = number};
		snprintf(number, sizeof number, "%d", counter);
		yz_counter_choose(cfg, &h, &s->counter);
		yz_config_use_counter(cfg, &s->counter);
		snprintf(login, sizeof login, "clerk%d", counter);
		if (yz_user_get(*st, login, &s->user, &err) != 0)
			die("user", &err);
	}
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

/* The capture backend's file of CUPS job `job` has bytes (whole: only the
 * finished file, renamed from its .part; else its .part will do): ms since
 * `since`, or -1 after 10 s. */
static double wait_capture(int job, double since, bool whole)
{
	char path[512], part[520];
	const char *dir = getenv("YZ_CAPTURE_DIR");
	struct stat sb;

	if (!dir || job <= 0)
		return -1;
	snprintf(path, sizeof path, "%s/receipt-%d.bin", dir, job);
	snprintf(part, sizeof part, "%s.part", path);
	while (now_ms() - since < 10000) {
		/* the backend writes <job>.bin.part, then renames it */
		if ((!whole && stat(part, &sb) == 0 && sb.st_size > 0) ||
		    (stat(path, &sb) == 0 && sb.st_size > 0))
			return now_ms() - since;
		sleep_ms(1);
	}
	return -1;
}

static void kiosk(void)
{
	static const char *const letters[] = {"A", "A", "A", "B", "B", "C", "C", "D", "D", "A"};
	yz_config cfg;
	yz_store *st;
	yz_session s;
	long every = env_long("YZ_BENCH_KIOSK_MS", 10);

	open_session(0, &cfg, &st, &s);
	int last_job = 0;

	for (long i = 0; i < n_tickets; i++) {
		yz_ticket_slip slip;
		yz_print_outcome po;
		yz_err err = {{0}};

		/* The tickets come far faster than residents do (one every half
		 * minute in a real day of 1,000): the printer's queue would hold
		 * tickets before this one. Every tenth waits for it to be empty,
		 * as a resident's key finds it, and is timed to its first bytes. */
		if (i % 10 == 0 && last_job)
			wait_capture(last_job, now_ms(), true);
		double key = now_ms();

		yz_service_new_day(&s);
		if (yz_service_ticket_take(&s, letters[i % 10], &slip, &err) != 0)
			die("ticket", &err);
		memset(&po, 0, sizeof po);
		if (yz_service_ticket_print(&s, &slip, &po, &err) != 0 || !po.printed) {
			if (!S->print_failed)
				fprintf(stderr, "bench_hall19: ticket %s not printed: %s\n",
				        slip.t.code, err.msg[0] ? err.msg : po.saved_path);
			__atomic_add_fetch(&S->print_failed, 1, __ATOMIC_SEQ_CST);
		} else {
			S->submit_ms[S->n_submit++] = now_ms() - key;
			last_job = po.cups_job_id;
			if (i % 10 == 0) {
				double fb = wait_capture(po.cups_job_id, key, false);
				if (fb >= 0)
					S->first_byte_ms[S->n_first_byte++] = fb;
			}
		}
		__atomic_add_fetch(&S->issued, 1, __ATOMIC_SEQ_CST);
		double spent = now_ms() - key;
		if (spent < every)
			sleep_ms(every - (long)spent);
	}
	__atomic_store_n(&S->kiosk_done, 1, __ATOMIC_SEQ_CST);
	yz_store_close(st);
	_exit(0);
}

static void counter(int number)
{
	yz_config cfg;
	yz_store *st;
	yz_session s;
	unsigned seed = (unsigned)number * 7919u;

	open_session(number, &cfg, &st, &s);
	for (;;) {
		yz_ticket t;
		yz_err err = {{0}};
		double start = now_ms();
		int rc;

		yz_service_new_day(&s);
		rc = yz_service_call_next(&s, &t, &err);
		if (rc < 0)
			die("call", &err);
		if (rc == 1) {
			if (__atomic_load_n(&S->kiosk_done, __ATOMIC_SEQ_CST) &&
			    __atomic_load_n(&S->called, __ATOMIC_SEQ_CST) >=
			        __atomic_load_n(&S->issued, __ATOMIC_SEQ_CST))
				break;
			sleep_ms(20);
			continue;
		}
		if (t.id > 0 && t.id <= MAX_TICKETS)
			S->call_start[t.id] = start;
		__atomic_add_fetch(&S->called, 1, __ATOMIC_SEQ_CST);
		sleep_ms(5 + (long)(rand_r(&seed) % 21)); /* serving */
	}
	{
		yz_err err = {{0}};
		yz_service_call_finish(&s, &err);
	}
	yz_store_close(st);
	_exit(0);
}

static void display(void)
{
	yz_config cfg;
	yz_store *st;
	yz_session s;
	int64_t last = 0;
	yz_hall_call calls[64];

	open_session(0, &cfg, &st, &s);
	while (!__atomic_load_n(&S->display_stop, __ATOMIC_SEQ_CST)) {
		int64_t id = 0;
		yz_err err = {{0}};

		yz_service_new_day(&s);
		if (yz_service_hall_last(&s, &id, &err) != 0)
			die("hall last", &err);
		while (id > last) {
			size_t n = 0;
			if (yz_service_hall_calls(&s, last, calls, 64, &n, &err) != 0)
				die("hall calls", &err);
			if (!n)
				break;
			double seen = now_ms();
			for (size_t i = 0; i < n; i++) {
				int64_t t = calls[i].ticket_id;
				if (t > 0 && t <= MAX_TICKETS && !S->seen[t])
					S->seen[t] = seen;
				last = calls[i].id;
			}
		}
		sleep_ms(100);
	}
	yz_store_close(st);
	_exit(0);
}

static pid_t spawn(void (*fn)(int), int arg)
{
	pid_t p = fork();
	if (p < 0)
		die("fork", NULL);
	if (p == 0)
		fn(arg);
	return p;
}

static void run_kiosk(int arg)
{
	(void)arg;
	kiosk();
}

static void run_display(int arg)
{
	(void)arg;
	display();
}

static bool wait_ok(pid_t p)
{
	int status;
	return waitpid(p, &status, 0) == p && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void print_figures(const char *what, double *v, size_t n, const char *goal)
{
	if (!n) {
		printf("%-40s none measured\n", what);
		return;
	}
	double p50 = pct(v, n, 0.50), p99 = pct_sorted(v, n, 0.99), max = v[n - 1];
	printf("%-40s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (n=%zu; goal %s)\n", what, p50, p99,
	       max, n, goal);
}

int main(void)
{
	pid_t kid, disp, counters[COUNTERS];
	double t0;
	bool ok = true;
	int lost = 0;

	n_tickets = env_long("YZ_BENCH_TICKETS", 1000);
	if (n_tickets > MAX_TICKETS)
		n_tickets = MAX_TICKETS;
	if (!getenv("YZ_CAPTURE_DIR"))
		fprintf(stderr,
		        "bench_hall19: no private cupsd (run under tests/lib/with-cupsd)\n");
	S = mmap(NULL, sizeof *S, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (S == MAP_FAILED)
		die("mmap", NULL);
	memset(S, 0, sizeof *S);
	make_station();

	t0 = now_ms();
	disp = spawn(run_display, 0);
	for (int i = 0; i < COUNTERS; i++)
		counters[i] = spawn(counter, i + 1);
	kid = spawn(run_kiosk, 0);
	ok &= wait_ok(kid);
	for (int i = 0; i < COUNTERS; i++)
		ok &= wait_ok(counters[i]);
	sleep_ms(300); /* the display's next poll or two */
	__atomic_store_n(&S->display_stop, 1, __ATOMIC_SEQ_CST);
	ok &= wait_ok(disp);
	double wall = now_ms() - t0;

	double *lat = calloc(MAX_TICKETS + 1, sizeof *lat);
	size_t n = 0;
	for (int id = 1; id <= MAX_TICKETS; id++) {
		if (S->call_start[id] && S->seen[id])
			lat[n++] = S->seen[id] - S->call_start[id];
		else if (S->call_start[id])
			lost++; /* called, never read by the display */
	}
	printf("hall19: %d tickets taken and printed (%d print failures), %d called at %d "
	       "counters in %.1f s of wall time; the display polled every 100 ms\n",
	       S->issued, S->print_failed, S->called, COUNTERS, wall / 1000.0);
	print_figures("call -> display (4 counters)", lat, n, "p99 <= 1000 ms");
	print_figures("ticket key -> print job accepted", S->submit_ms, (size_t)S->n_submit,
	              "<= 300 ms");
	print_figures("ticket key -> first bytes at printer", S->first_byte_ms,
	              (size_t)S->n_first_byte, "<= 300 ms");
	free(lat);
	if (!ok || S->issued != n_tickets || S->called != n_tickets || lost || S->print_failed) {
		fprintf(stderr,
		        "bench_hall19: FAILED: a process failed (%s), issued %d, called %d of %ld, "
		        "%d calls the display never read, %d prints failed\n",
		        ok ? "no" : "yes", S->issued, S->called, n_tickets, lost, S->print_failed);
		fprintf(stderr, "bench_hall19: the station is kept in %s\n", home);
		return 1;
	}
	if (!getenv("YZ_BENCH_KEEP")) {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_hall19: could not remove %s\n", home);
	}
	return 0;
}
