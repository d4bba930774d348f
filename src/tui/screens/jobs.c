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

enum { JOBS_MAX = 200, PRINTED_SHOWN = 20, POLL_TIMEOUT_MS = 300, REASON_ROWS = 4 };

/* The list screen's data. */
typedef struct jobs {
	yz_print_job v[JOBS_MAX]; /* failed, held, sent, pending, then recently printed */
	char title[JOBS_MAX][96]; /* each job's document by its title */
	bool server_down;         /* the last poll could not reach CUPS */
	bool no_poll;             /* the next load does not ask CUPS (an action just did) */
} jobs;

/* The words for a job row's state. */
static const char *state_words(yz_print_job_state state)
{
	static const char *const words[] = {
	    [YZ_JOB_FAILED] = N_("failed"),         [YZ_JOB_HELD] = N_("held"),
	    [YZ_JOB_SENT] = N_("at the printer"),   [YZ_JOB_PENDING] = N_("not sent yet"),
	    [YZ_JOB_PRINTED] = N_("printed"),       [YZ_JOB_MOVED] = N_("printed elsewhere"),
	    [YZ_JOB_SAVED] = N_("saved to a file"),
	};
	if ((size_t)state < sizeof words / sizeof words[0] && words[state])
		return _(words[state]);
	return "?";
}

/* Append the jobs of one state after the n in v; returns how many v holds
 * then. The waiting ones come oldest first, in the order they wait; of the
 * printed ones only the newest PRINTED_SHOWN, newest first (the database
 * picks them: however many were printed, the latest are shown). */
static size_t add_state(yz_tui *t, jobs *j, yz_print_job_state state, size_t n)
{
	size_t room = JOBS_MAX - n, got = 0;
	bool printed = state == YZ_JOB_PRINTED;
	if (printed && room > PRINTED_SHOWN)
		room = PRINTED_SHOWN;
	int rc = printed ? yz_service_job_newest(t->s, state, j->v + n, room, &got, NULL)
	                 : yz_service_job_list(t->s, state, j->v + n, room, &got, NULL);
	return rc == 0 ? n + got : n;
}

/* Ask CUPS what became of the jobs it has (unless an action just did), then
 * read the queue. */
static size_t load(yz_tui *t, yz_listscreen *ls)
{
	jobs *j = ls->data;
	if (!j->no_poll) {
		yz_err err = {{0}};
		j->server_down = yz_service_poll_jobs(t->s, POLL_TIMEOUT_MS, NULL, &err) != 0;
	}
	j->no_poll = false;
	size_t n = 0;
	static const yz_print_job_state order[] = {YZ_JOB_FAILED, YZ_JOB_HELD, YZ_JOB_SENT,
	                                           YZ_JOB_PENDING, YZ_JOB_PRINTED};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		n = add_state(t, j, order[i], n);
	for (size_t i = 0; i < n; i++)
		yz_strlcpy_utf8(j->title[i], yz_service_job_title(t->s, &j->v[i]),
		                sizeof j->title[i]);
	return n;
}

static const yz_column columns[] = {
    {N_("Case"), COL_FIT, 24, 0, false},    {N_("Document"), COL_FIT, 24, 0, false},
    {N_("Printer"), COL_FIT, 16, 0, false}, {N_("State"), COL_FIT, 18, 0, false},
    {N_("Why"), COL_FLEX, 8, 1, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
	const yz_print_job *p = &((jobs *)ctx)->v[row];
	switch (col) {
	case 0:
		return p->case_number;
	case 1:
		return ((jobs *)ctx)->title[row];
	case 2:
		return p->printer;
	case 3:
		return state_words(p->state);
	default:
		return p->reason;
	}
}

/* A failed job's state in the error colour. */
static attr_t cell_attr(const yz_tui *t, void *ctx, size_t row, size_t col, bool sel)
{
	(void)sel;
	const yz_print_job *p = &((jobs *)ctx)->v[row];
	return col == 3 && p->state == YZ_JOB_FAILED ? tui_attr(t, ROLE_ERROR) : 0;
}

/* The selected job's reason in full, wrapped over the REASON_ROWS rows below
 * the list (a CUPS reason rarely fits its column, and is never cut here). */
static void draw_reason(yz_tui *t, const yz_print_job *p)
{
	if (!p->reason[0])
		return;
	char buf[400];
	tui_fmt(buf, sizeof buf, _("Why: %s"), p->reason);
	attr_t a = p->state == YZ_JOB_FAILED ? tui_attr(t, ROLE_ERROR) : A_NORMAL;
	const char *rest = buf;
	for (int y = LINES - 2 - REASON_ROWS; *rest && y < LINES - 2; y++) {
		int x = rest == buf ? 2 : 4;
		size_t len = yz_text_fit(rest, COLS - 2 - x, NULL), cut = len;
		while (rest[len] && cut > len / 2 && rest[cut] != ' ')
			cut--; /* English: at a space, when there is one in the second half */
		if (rest[len] && cut > len / 2)
			len = cut;
		if (!len)
			break;
		char line[sizeof buf];
		memcpy(line, rest, len);
		line[len] = '\0';
		tui_put(y, x, line, COLS - 2 - x, a);
		rest += len;
		while (*rest == ' ')
			rest++;
	}
}

/* Above the list how many failed, below it why the selected job did not print. */
static void jobs_draw(yz_tui *t, yz_listscreen *ls)
{
	jobs *j = ls->data;
	size_t failed = 0, row;
	for (size_t i = 0; i < ls->n; i++)
		failed += j->v[i].state == YZ_JOB_FAILED;
	char buf[160];
	tui_fmt(buf, sizeof buf, "%s (%zu)", _("Print jobs waiting for a retry"), failed);
	tui_put(1, 2, buf, COLS / 2 - 3, failed ? tui_attr(t, ROLE_ERROR) : A_NORMAL);
	if (j->server_down)
		tui_put(1, COLS / 2, _("The print server does not answer."), COLS / 2 - 2,
		        tui_attr(t, ROLE_ERROR));
	/* The rows below the list say in full why the selected job did not
	 * print (a CUPS reason rarely fits its column). */
	if (listscreen_selected(ls, &row))
		draw_reason(t, &j->v[row]);
}

static void tell(yz_tui *t, bool retry, int rc, const yz_print_outcome *out, const yz_err *err)
{
	if (rc != 0 && retry) {
		tui_msg(t, TUI_MSG_ERROR, _("Printing failed again: %s"), err->msg);
		return;
	}
	if (rc == 0 && out->saved)
		tui_msg(t, TUI_MSG_OK, _("Saved to %s."), out->saved_path);
	else if (rc == 0)
		tui_msg(t, TUI_MSG_OK, "%s", _("Sent to the printer."));
	else
		tui_msg(t, TUI_MSG_ERROR, _("Not printed: %s"), err->msg);
}

/* What a key does to the selected job. */
typedef enum job_action { ACT_RETRY, ACT_REPRINT, ACT_ELSEWHERE } job_action;

/* Another printer for "print elsewhere", picked from CUPS's list; NULL when
 * cancelled. The one offered first is the printer set for the document's
 * paper (issue 13), else the one after the job's. names must be freed by the
 * caller. */
static const char *pick_printer(yz_tui *t, const yz_print_job *p, char **names, size_t *n)
{
	const char *current = p->printer;
	const char *own =
	    yz_service_printer_for(t->s->cfg, yz_service_doc_paper(t->s, p->case_number, p->doc));
	*n = yz_cups_list(&t->s->print, names, 32);
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
	for (size_t i = 0; i < *n; i++)
		if (*own && strcmp(own, current) != 0 && strcmp(names[i], own) == 0)
			sel = i;
	long k = tui_pick(t, _("Print on which printer?"), names, *n, sel);
	return k < 0 ? NULL : names[k];
}

static void act(yz_tui *t, yz_listscreen *ls, job_action what)
{
	jobs *j = ls->data;
	size_t row;
	if (!listscreen_selected(ls, &row))
		return;
	yz_print_job p = j->v[row];
	bool failed = p.state == YZ_JOB_FAILED;
	if (what != ACT_REPRINT && !failed) {
		tui_msg(
		    t, TUI_MSG_INFO, "%s",
		    _("Only a failed job can be retried; press R to print the document again."));
		return;
	}
	char *names[32];
	size_t n = 0;
	const char *printer = what == ACT_ELSEWHERE ? pick_printer(t, &p, names, &n) : NULL;
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
	j->no_poll = true;
	listscreen_reload(t, ls);
}

static bool jobs_key(yz_tui *t, yz_listscreen *ls, tui_key k)
{
	if (key_enter(k) || key_code(k, KEY_F(5)))
		act(t, ls, ACT_RETRY);
	else if (key_ch(k, 'r') || key_ch(k, 'R'))
		act(t, ls, ACT_REPRINT);
	else if (key_ch(k, 'e') || key_ch(k, 'E'))
		act(t, ls, ACT_ELSEWHERE);
	else if (key_ch(k, 'u') || key_ch(k, 'U'))
		listscreen_reload(t, ls);
	else
		return false;
	return true;
}

static const yz_keyhint keys[] = {{"Enter", N_("Retry")},
                                  {"R", N_("Reprint")},
                                  {"E", N_("Print elsewhere")},
                                  {"U", N_("Update")},
                                  {"Esc", N_("Back")}};

static const yz_listscreen_def jobs_def = {
    .title = N_("Print queue"),
    .empty = N_("No print jobs."),
    .cols = columns,
    .n_cols = sizeof columns / sizeof columns[0],
    .cell = cell,
    .attr = cell_attr,
    .below = REASON_ROWS + 1, /* why the selected job did not print */
    .load = load,
    .draw = jobs_draw,
    .key = jobs_key,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .n_keys_empty = sizeof keys / sizeof keys[0],
};

void screen_jobs_push(yz_tui *t)
{
	listscreen_push(t, &jobs_def, calloc(1, sizeof(jobs)));
}
