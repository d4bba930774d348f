/* The print queue: jobs that failed (with CUPS's own reason), are held, wait at
 * the printer, and the last ones printed. Opening it asks CUPS what became of
 * the jobs it accepted (each question bounded by a short timeout, so a dead
 * print server costs a moment, not the counter). Enter retries a failed job
 * once; R reprints any job's document as a new job; E prints a failed job on
 * another printer. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { JOBS_MAX = 200, PRINTED_SHOWN = 20, POLL_TIMEOUT_MS = 300 };

typedef struct jobs {
	yz_print_job v[JOBS_MAX]; /* failed, held, sent, pending, then recently printed */
	yz_list list;             /* selection over v */
	bool server_down;         /* the last poll could not reach CUPS */
} jobs;

/* The words for a job row's state. */
static const char *state_words(const char *state)
{
	static const struct {
		const char *state, *words;
	} names[] = {
	    {YZ_JOB_FAILED, N_("failed")},
	    {YZ_JOBROW_HELD, N_("held")},
	    {YZ_JOB_SENT, N_("at the printer")},
	    {YZ_JOB_PENDING, N_("not sent yet")},
	    {YZ_JOB_PRINTED, N_("printed")},
	    {YZ_JOBROW_MOVED, N_("printed elsewhere")},
	    {YZ_JOBROW_SAVED, N_("saved to a file")},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(state, names[i].state) == 0)
			return _(names[i].words);
	return state;
}

/* Append the rows of one state; printed: only the newest PRINTED_SHOWN. */
static void add_state(yz_tui *t, jobs *j, const char *state, size_t *n)
{
	size_t room = JOBS_MAX - *n, got = 0;
	bool printed = strcmp(state, YZ_JOB_PRINTED) == 0;
	yz_print_job *tmp = printed ? calloc(JOBS_MAX, sizeof *tmp) : NULL;
	yz_print_job *dst = printed ? tmp : j->v + *n;
	if ((printed && !tmp) ||
	    yz_job_list(t->s->store, state, dst, printed ? JOBS_MAX : room, &got, NULL) != 0) {
		free(tmp);
		return;
	}
	if (printed) {
		size_t keep = got < PRINTED_SHOWN ? got : PRINTED_SHOWN;
		keep = keep < room ? keep : room;
		for (size_t i = 0; i < keep; i++) /* newest first */
			j->v[*n + i] = tmp[got - 1 - i];
		got = keep;
	}
	*n += got;
	free(tmp);
}

static void load(yz_tui *t, jobs *j, bool poll)
{
	if (poll) {
		yz_err err = {{0}};
		j->server_down = yz_service_poll_jobs(t->s, POLL_TIMEOUT_MS, NULL, &err) != 0;
	}
	size_t n = 0;
	static const char *const order[] = {YZ_JOB_FAILED, YZ_JOBROW_HELD, YZ_JOB_SENT,
	                                    YZ_JOB_PENDING, YZ_JOB_PRINTED};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		add_state(t, j, order[i], &n);
	j->list.n = n;
	if (j->list.sel >= n)
		j->list.sel = n ? n - 1 : 0;
}

/* Rows 3 .. LINES-6 list the jobs; two rows below them say in full why the
 * selected job did not print (a CUPS reason rarely fits its column). */
static int list_height(void)
{
	return LINES - 2 - 6;
}

static void draw_reason(yz_tui *t, const yz_print_job *p)
{
	if (!p->reason[0])
		return;
	char buf[400];
	tui_fmt(buf, sizeof buf, _("Why: %s"), p->reason);
	size_t first = yz_text_fit(buf, COLS - 4, NULL);
	attr_t a = strcmp(p->state, YZ_JOB_FAILED) == 0 ? tui_attr(t, ROLE_ERROR) : A_NORMAL;
	tui_put(LINES - 4, 2, buf, COLS - 4, a);
	if (buf[first])
		tui_put(LINES - 3, 4, buf + first, COLS - 6, a);
}

static void draw_row(yz_tui *t, const yz_print_job *p, int y, attr_t a)
{
	tui_put_pad(y, 1, "", COLS - 2, a);
	tui_put(y, 2, p->case_number, 19, a);
	tui_put(y, 22, tui_doc_name(NULL, p->doc), 10, a);
	tui_put(y, 33, p->printer, 10, a);
	attr_t sa = strcmp(p->state, YZ_JOB_FAILED) == 0 ? a | tui_attr(t, ROLE_ERROR) : a;
	tui_put(y, 44, state_words(p->state), 16, sa);
	tui_put(y, 61, p->reason, COLS - 62, a);
}

static void jobs_draw(yz_tui *t, yz_screen *sc)
{
	jobs *j = sc->data;
	tui_title(t, _("Print queue"));
	attr_t h = tui_attr(t, ROLE_HEADER);
	tui_put(2, 2, _("Case"), 19, h);
	tui_put(2, 22, _("Document"), 10, h);
	tui_put(2, 33, _("Printer"), 10, h);
	tui_put(2, 44, _("State"), 16, h);
	tui_put(2, 61, _("Why"), COLS - 62, h);
	size_t failed = 0;
	for (size_t i = 0; i < j->list.n; i++)
		failed += strcmp(j->v[i].state, YZ_JOB_FAILED) == 0;
	char buf[160];
	tui_fmt(buf, sizeof buf, "%s (%zu)", _("Print jobs waiting for a retry"), failed);
	tui_put(1, 2, buf, COLS / 2 - 3, failed ? tui_attr(t, ROLE_ERROR) : A_NORMAL);
	if (j->server_down)
		tui_put(1, COLS / 2, _("The print server does not answer."), COLS / 2 - 2,
		        tui_attr(t, ROLE_ERROR));
	if (j->list.n == 0)
		tui_put(4, 4, _("No print jobs."), COLS - 6, tui_attr(t, ROLE_DIM));
	int lh = list_height();
	list_scroll(&j->list, lh);
	for (int i = 0; i < lh && j->list.top + (size_t)i < j->list.n; i++) {
		size_t k = j->list.top + (size_t)i;
		attr_t a = k == j->list.sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		draw_row(t, &j->v[k], 3 + i, a);
	}
	if (j->list.n)
		draw_reason(t, &j->v[j->list.sel]);
}

static void tell(yz_tui *t, bool retry, int rc, const yz_print_outcome *out, const yz_err *err)
{
	if (rc != 0 && retry) {
		tui_msg(t, TUI_MSG_ERROR, _("Printing failed again: %s"),
		        out->reason[0] ? out->reason : err->msg);
		return;
	}
	if (rc == 0 && out->saved)
		tui_msg(t, TUI_MSG_OK, _("Saved to %s."), out->saved_path);
	else if (rc == 0)
		tui_msg(t, TUI_MSG_OK, "%s", _("Sent to the printer."));
	else
		tui_msg(t, TUI_MSG_ERROR, _("Not printed: %s"),
		        out->reason[0] ? out->reason : err->msg);
}

/* What a key does to the selected job. */
typedef enum job_action { ACT_RETRY, ACT_REPRINT, ACT_ELSEWHERE } job_action;

/* Another printer for "print elsewhere", picked from CUPS's list; NULL when
 * cancelled. names must be freed by the caller. */
static const char *pick_printer(yz_tui *t, const char *current, char **names, size_t *n)
{
	*n = yz_cups_list(names, 32);
	if (*n > 32)
		*n = 32;
	if (*n == 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("The print server lists no printers."));
		return NULL;
	}
	size_t sel = 0;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(names[i], current) == 0)
			sel = (i + 1) % *n;
	long k = tui_pick(t, _("Print on which printer?"), names, *n, sel);
	return k < 0 ? NULL : names[k];
}

static void act(yz_tui *t, jobs *j, job_action what)
{
	if (j->list.n == 0)
		return;
	yz_print_job p = j->v[j->list.sel];
	bool failed = strcmp(p.state, YZ_JOB_FAILED) == 0;
	if (what != ACT_REPRINT && !failed) {
		tui_msg(
		    t, TUI_MSG_INFO, "%s",
		    _("Only a failed job can be retried; press R to print the document again."));
		return;
	}
	char *names[32];
	size_t n = 0;
	const char *printer = what == ACT_ELSEWHERE ? pick_printer(t, p.printer, names, &n) : NULL;
	if (what == ACT_ELSEWHERE && !printer) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		return;
	}
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	yz_print_outcome out;
	memset(&out, 0, sizeof out);
	yz_err err = {{0}};
	/* A retry sends the job again to its own printer (it was fixed); a reprint is
	 * a new job on this counter's printer, where the resident stands now. */
	int rc = what == ACT_RETRY ? yz_service_retry(t->s, p.id, NULL, &out, &err)
	         : what == ACT_REPRINT
	             ? yz_service_print(t->s, p.case_number, p.doc, NULL, &out, &err)
	             : yz_service_print_elsewhere(t->s, p.id, printer, &out, &err);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	tell(t, what == ACT_RETRY, rc, &out, &err);
	load(t, j, false);
}

static bool jobs_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	jobs *j = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10)))
		tui_pop(t);
	else if (key_enter(k) || key_code(k, KEY_F(5)))
		act(t, j, ACT_RETRY);
	else if (key_ch(k, 'r') || key_ch(k, 'R'))
		act(t, j, ACT_REPRINT);
	else if (key_ch(k, 'e') || key_ch(k, 'E'))
		act(t, j, ACT_ELSEWHERE);
	else if (key_ch(k, 'u') || key_ch(k, 'U'))
		load(t, j, true);
	else
		return list_key(&j->list, k, list_height());
	return true;
}

static void jobs_enter(yz_tui *t, yz_screen *sc)
{
	load(t, sc->data, true);
}

static void jobs_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t jobs_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"Enter", N_("Retry")},
	                  {"R", N_("Reprint")},
	                  {"E", N_("Print elsewhere")},
	                  {"U", N_("Update")},
	                  {"Esc", N_("Back")}};
	size_t n = sizeof k / sizeof k[0];
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
}

static const yz_screen_ops jobs_ops = {
    .name = "jobs",
    .draw = jobs_draw,
    .key = jobs_key,
    .enter = jobs_enter,
    .leave = jobs_leave,
    .keys = jobs_keys,
};

void screen_jobs_push(yz_tui *t)
{
	jobs *j = calloc(1, sizeof *j);
	if (j)
		tui_push(t, &jobs_ops, j);
}
