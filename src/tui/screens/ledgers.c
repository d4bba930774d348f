/* Ledgers (issue 16): the station's ledgers (forms/ledgers/, one file each) for the
 * station head and the admin — L on their home and on the statistics. Enter
 * on one asks the format (an Excel workbook, CSV, an A4 PDF, or the A4
 * printer) and the period (the statistics' period first), makes the ledger
 * and saves it into the station's save folder, the one documents are saved in
 * when no printer is set, or prints it; then says where the file went and how
 * many rows it holds. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"
#include "yizhan/service/ledgers.h"
#include "yizhan/service/stats.h"

/* The list screen's data. */
typedef struct ledgers {
	yz_ledger_set set; /* the ledgers, read when the screen is first shown */
	bool loaded;       /* set was read (also when it failed: not read again) */
	yz_period period;  /* the period offered first */
} ledgers;

static size_t ledgers_load(yz_tui *t, yz_listscreen *ls)
{
	ledgers *d = ls->data;
	if (d->loaded)
		return d->set.n;
	d->loaded = true;
	yz_diags diags = {0};
	/* The good ones are listed; a file with a mistake is named, with where
	 * the admin finds every mistake. */
	if (yz_service_ledgers(t->s, &d->set, &diags) != 0)
		tui_msg(t, TUI_MSG_ERROR,
		        _("A ledger file has a mistake and is left out: %s (yizhan forms check "
		          "lists all)."),
		        diags.n ? diags.items[0] : "?");
	yz_diags_free(&diags);
	return d->set.n;
}

static const char *source_name(yz_ledger_source src)
{
	switch (src) {
	case YZ_LSRC_CASES:
		return _("cases");
	case YZ_LSRC_RESIDENTS:
		return _("residents");
	case YZ_LSRC_HOUSEHOLDS:
		return _("households");
	case YZ_LSRC_FORWARDS:
		return _("forwards");
	case YZ_LSRC_FOLLOWUPS:
		return _("follow-ups");
	case YZ_LSRC_TALK:
		return _("talk days");
	}
	return "?";
}

static const yz_column columns[] = {
    {N_("Ledger"), COL_FLEX, 16, 3, false},
    {N_("File name"), COL_FIT, 24, 0, false}, /* the id: forms/ledgers/<id>.ledger */
    {N_("Lists"), COL_FIT, 12, 0, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
	const yz_ledger *l = ((ledgers *)ctx)->set.items[row];
	switch (col) {
	case 0:
		return l->title ? l->title : "";
	case 1:
		return l->id ? l->id : "";
	default:
		return source_name(l->source);
	}
}

/* The line under the title: what Enter does and the period offered. */
static void ledgers_draw(yz_tui *t, yz_listscreen *ls)
{
	const ledgers *d = ls->data;
	char label[64], buf[256];
	yz_period_label(&d->period, label, sizeof label);
	tui_fmt(buf, sizeof buf, _("Enter saves or prints a ledger (period first offered: %s)."),
	        label);
	tui_put(1, 1, buf, COLS - 2, tui_attr(t, ROLE_DIM));
	tui_fmt(buf, sizeof buf, _("Files go to %s"), t->s->cfg->save_dir);
	tui_put(LINES - 3, 1, buf, COLS - 2, tui_attr(t, ROLE_DIM));
}

/* What the clerk may choose; the first four are file formats. */
enum { OUT_XLSX, OUT_CSV_GB, OUT_CSV_UTF8, OUT_PDF, OUT_PRINT, N_OUT };

static const yz_report_format out_format[] = {YZ_REPORT_XLSX, YZ_REPORT_CSV_GB18030,
                                              YZ_REPORT_CSV_UTF8, YZ_REPORT_PDF};

/* Ask where the ledger goes; -1 on Esc. */
static long ask_output(yz_tui *t, const yz_ledger *l)
{
	char *items[N_OUT] = {_("Excel workbook (.xlsx)"), _("CSV for Excel (GB18030)"),
	                      _("CSV (UTF-8)"), _("PDF, A4"), _("Print on the A4 printer")};
	char title[256];
	tui_fmt(title, sizeof title, "%s", l->title ? l->title : l->id);
	return tui_pick(t, title, items, N_OUT, 0);
}

/* Ask the period: from and to, the statistics' period first. False on Esc;
 * dates that do not make a period are asked again. */
static bool ask_period(yz_tui *t, const ledgers *d, const yz_ledger *l, yz_date *from, yz_date *to)
{
	char f[16], u[16], title[256];
	yz_date_format(d->period.from, f);
	yz_date_format(d->period.to, u);
	tui_fmt(title, sizeof title, "%s", l->title ? l->title : l->id);
	for (;;) {
		yz_ask_field fields[] = {{N_("From (YYYY-MM-DD)"), f, sizeof f, 10, true},
		                         {N_("Until (YYYY-MM-DD)"), u, sizeof u, 10, true}};
		if (!tui_ask(t, title, _("The period of the ledger"), fields, 2))
			return false;
		if (yz_date_parse(f, from) && yz_date_parse(u, to) &&
		    yz_date_to_days(*from) <= yz_date_to_days(*to))
			return true;
		tui_message(t, _("Not a period"),
		            _("Type two dates as YYYY-MM-DD, the first not after the second."));
	}
}

static size_t data_rows(const yz_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		n += r->rows[i].kind == YZ_ROW_DATA;
	return n;
}

/* Save the report made of a ledger in the save folder (or print it) and say
 * where it went. */
static void deliver(yz_tui *t, yz_report *r, long out)
{
	yz_err err = {{0}};
	char text[PATH_MAX + 256];
	size_t rows = data_rows(r);
	if (out == OUT_PRINT) {
		if (yz_service_report_print(t->s, r, NULL, &err) != 0) {
			tui_msg_clear(t);
			tui_message(t, _("Not printed"), err.msg);
			return;
		}
		tui_msg(t, TUI_MSG_OK, _("Sent to the A4 printer: %zu rows."), rows);
		return;
	}
	char name[256], path[PATH_MAX + 256];
	yz_report_format f = out_format[out];
	yz_report_file_name(r, f, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", t->s->cfg->save_dir, name);
	if (yz_service_report_save(t->s, r, f, path, &err) != 0) {
		tui_msg_clear(t);
		tui_message(t, _("Not saved"), err.msg);
		return;
	}
	tui_fmt(text, sizeof text, _("%zu rows saved to\n%s"), rows, path);
	tui_msg_clear(t);
	tui_message(t, _("Ledger saved"), text);
	tui_msg(t, TUI_MSG_OK, _("%zu rows saved to %s"), rows, path);
}

static void run(yz_tui *t, yz_listscreen *ls, const yz_ledger *l)
{
	ledgers *d = ls->data;
	long out = ask_output(t, l);
	yz_date from, to;
	if (out < 0 || !ask_period(t, d, l, &from, &to))
		return;
	if (out == OUT_PRINT && !t->s->cfg->printer_a4[0]) {
		tui_message(t, _("Not printed"),
		            _("No A4 printer is configured. Save the ledger as a PDF and print it "
		              "from another computer, or ask the admin to set printer_a4."));
		return;
	}
	/* The period's own name in the file name when it is the one offered. */
	bool same = yz_date_to_days(from) == yz_date_to_days(d->period.from) &&
	            yz_date_to_days(to) == yz_date_to_days(d->period.to);
	yz_ledger_query q = {.from = from, .to = to, .period_id = same ? d->period.id : NULL};
	tui_msg(t, TUI_MSG_INFO, "%s", _("Making the ledger..."));
	tui_draw(t);
	yz_report *r = NULL;
	yz_err err = {{0}};
	if (yz_service_ledger_run(t->s, l, &q, &r, &err) != 0) {
		tui_msg_clear(t);
		tui_message(t, _("Not made"), err.msg);
		return;
	}
	deliver(t, r, out); /* "Making the ledger..." stays while it is written */
	yz_report_free(r);
}

static bool ledgers_key(yz_tui *t, yz_listscreen *ls, tui_key k)
{
	size_t row;
	if (!key_enter(k) || !listscreen_selected(ls, &row))
		return false;
	run(t, ls, ((ledgers *)ls->data)->set.items[row]);
	return true;
}

static void ledgers_free(void *data)
{
	ledgers *d = data;
	yz_ledger_set_free(&d->set);
	free(d);
}

static const yz_keyhint keys[] = {{"Esc", N_("Back")}, {"Enter", N_("Save or print")}};

static const yz_listscreen_def ledgers_def = {
    .title = N_("Ledgers"),
    .count = true,
    .empty = N_("The station has no ledgers (forms/ledgers)."),
    .cols = columns,
    .n_cols = sizeof columns / sizeof columns[0],
    .cell = cell,
    .below = 1, /* where the files go */
    .load = ledgers_load,
    .draw = ledgers_draw,
    .key = ledgers_key,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .n_keys_empty = 1, /* Esc */
    .free = ledgers_free,
};

void screen_ledgers_push(yz_tui *t, const struct yz_period *p)
{
	ledgers *d = calloc(1, sizeof *d);
	if (!d) {
		tui_msg(t, TUI_MSG_ERROR, "%s", _("Out of memory."));
		return;
	}
	if (p)
		d->period = *p;
	else
		yz_period_of(YZ_PERIOD_MONTH, t->s->today, &d->period);
	listscreen_push(t, &ledgers_def, d);
}
