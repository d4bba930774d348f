/* Failed print jobs (the reprint list): Enter or F5 tries one again. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { JOBS_MAX = 200 };

typedef struct jobs {
	yz_print_job v[JOBS_MAX]; /* failed and pending jobs, oldest first */
	yz_list list;             /* selection over v */
} jobs;

static void load(yz_tui *t, jobs *j)
{
	yz_err err = {{0}};
	size_t n = 0;
	if (yz_job_list(t->s->store, NULL, j->v, JOBS_MAX, &n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
	j->list.n = n;
	list_scroll(&j->list, 1);
}

static int list_height(void)
{
	return LINES - 2 - 4;
}

static void jobs_draw(yz_tui *t, yz_screen *sc)
{
	jobs *j = sc->data;
	char buf[128];
	tui_fmt(buf, sizeof buf, "%s (%zu)", _("Print jobs waiting for a retry"), j->list.n);
	tui_title(t, buf);
	attr_t h = tui_attr(t, ROLE_HEADER);
	tui_put(2, 2, _("Case"), 20, h);
	tui_put(2, 23, _("Document"), 12, h);
	tui_put(2, 36, _("Printer"), 12, h);
	tui_put(2, 49, _("Why"), COLS - 50, h);
	if (j->list.n == 0)
		tui_put(4, 4, _("Nothing waits: every document was printed."), COLS - 6,
		        tui_attr(t, ROLE_DIM));
	int lh = list_height();
	list_scroll(&j->list, lh);
	for (int i = 0; i < lh && j->list.top + (size_t)i < j->list.n; i++) {
		size_t k = j->list.top + (size_t)i;
		const yz_print_job *p = &j->v[k];
		attr_t a = k == j->list.sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		int y = 3 + i;
		tui_put_pad(y, 1, "", COLS - 2, a);
		tui_put(y, 2, p->case_number, 20, a);
		tui_put(y, 23, tui_doc_name(NULL, p->doc), 12, a);
		tui_put(y, 36, p->printer, 12, a);
		tui_put(y, 49, p->reason[0] ? p->reason : p->state, COLS - 50, a);
	}
}

static void retry(yz_tui *t, jobs *j)
{
	if (j->list.n == 0)
		return;
	const yz_print_job *p = &j->v[j->list.sel];
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	yz_print_outcome out;
	memset(&out, 0, sizeof out);
	yz_err err = {{0}};
	int rc = yz_service_retry(t->s, p->id, NULL, &out, &err);
	if (rc == 0 && out.saved)
		tui_msg(t, TUI_MSG_OK, _("Saved to %s."), out.saved_path);
	else if (rc == 0)
		tui_msg(t, TUI_MSG_OK, "%s", _("Sent to the printer."));
	else
		tui_msg(t, TUI_MSG_ERROR, _("Printing failed again: %s"),
		        out.reason[0] ? out.reason : err.msg);
	load(t, j);
}

static bool jobs_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	jobs *j = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_enter(k) || key_code(k, KEY_F(5))) {
		retry(t, j);
		return true;
	}
	return list_key(&j->list, k, list_height());
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
	yz_keyhint k[] = {{"Enter", N_("Retry")}, {"Esc", N_("Back")}};
	size_t n = sizeof k / sizeof k[0];
	n = n < max ? n : max;
	memcpy(out, k, n * sizeof *k);
	return n;
}

static const yz_screen_ops jobs_ops = {
    .name = "jobs",
    .draw = jobs_draw,
    .key = jobs_key,
    .leave = jobs_leave,
    .keys = jobs_keys,
};

void screen_jobs_push(yz_tui *t)
{
	jobs *j = calloc(1, sizeof *j);
	if (!j)
		return;
	load(t, j);
	tui_push(t, &jobs_ops, j);
}
