/* Printers (admin): the CUPS destinations the print server offers, which of them
 * the configuration uses for receipts and A4, and a test page on any of them.
 * Also the preview every screen that prints offers: the document as it will
 * print, then printing on confirmation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { PRINTERS_MAX = 64 };

/* The list screen's data. */
typedef struct printers {
	char *names[PRINTERS_MAX]; /* CUPS destinations, sorted (owned) */
	size_t n;                  /* names used */
	yz_tui *t;                 /* for the configuration (what each is used for) */
} printers;

static void free_names(printers *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->names[i]);
	p->n = 0;
}

static void printers_free(void *data)
{
	free_names(data);
	free(data);
}

/* Ask CUPS again (U, and whenever the screen comes on top). */
static size_t load(yz_tui *t, yz_listscreen *ls)
{
	printers *p = ls->data;
	free_names(p);
	size_t n = yz_cups_list(&t->s->print, p->names, PRINTERS_MAX);
	p->n = n < PRINTERS_MAX ? n : PRINTERS_MAX;
	if (p->n == 0)
		tui_msg(t, TUI_MSG_ERROR, "%s",
		        _("The print server lists no printers (or does not answer)."));
	return p->n;
}

/* What the configuration uses a printer for. */
static const char *use_of(const yz_config *c, const char *name)
{
	bool r = yz_config_is_receipt_printer(c, name), a = yz_config_is_a4_printer(c, name);
	return r && a ? _("receipts and A4") : r ? _("receipts") : a ? _("A4 documents") : "";
}

static const yz_column columns[] = {
    {N_("Printer"), COL_FIT, 30, 0, false},
    {N_("Used for"), COL_FLEX, 10, 1, false},
};

static const char *cell(void *ctx, size_t row, size_t col, char *buf, size_t n)
{
	(void)buf, (void)n;
	const printers *p = ctx;
	return col == 0 ? p->names[row] : use_of(p->t->s->cfg, p->names[row]);
}

/* The test page as the printer takes it: ESC/POS for the receipt printer, PDF
 * for every other one. */
static void test_page(yz_tui *t, const char *name)
{
	yz_doc *d = yz_doc_test_page(t->s->cfg->station_name, name, yz_clock_now(&t->s->clock));
	unsigned char *data = NULL;
	size_t len = 0;
	yz_err err = {{0}};
	bool receipt = yz_config_is_receipt_printer(t->s->cfg, name);
	int rc = -1;
	if (d && receipt) {
		yz_escpos_opts o;
		yz_service_receipt_opts(t->s->cfg, &o);
		rc = yz_escpos_render(&t->s->print, d, &o, &data, &len, &err);
	} else if (d) {
		rc = yz_pdf_render(&t->s->print, d, YZ_PAPER_A4, &data, &len, &err);
	}
	if (rc != 0) {
		tui_msg(t, TUI_MSG_ERROR, "%s", d ? err.msg : _("Out of memory."));
		yz_doc_free(d);
		return;
	}
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	int job = 0;
	if (yz_cups_submit(&t->s->print, name, d->title, receipt ? YZ_MIME_RAW : YZ_MIME_PDF, data,
	                   len, t->s->cfg->print_timeout_ms, &job, &err) == 0)
		tui_msg(t, TUI_MSG_OK, _("Test page sent to %s (job %d)."), name, job);
	else
		tui_msg(t, TUI_MSG_ERROR, _("Test page not printed: %s"), err.msg);
	free(data);
	yz_doc_free(d);
}

/* Enter or T: a test page on the selected printer; U: ask CUPS again. */
static bool printers_key(yz_tui *t, yz_listscreen *ls, tui_key k)
{
	printers *p = ls->data;
	size_t row;
	if ((key_enter(k) || key_ch(k, 't') || key_ch(k, 'T')) && listscreen_selected(ls, &row))
		test_page(t, p->names[row]);
	else if (key_ch(k, 'u') || key_ch(k, 'U'))
		listscreen_reload(t, ls);
	else
		return false;
	return true;
}

static const yz_keyhint keys[] = {{"T", N_("Test page")}, {"U", N_("Update")}, {"Esc", N_("Back")}};

static const yz_listscreen_def printers_def = {
    .title = N_("Printers"),
    .cols = columns,
    .n_cols = sizeof columns / sizeof columns[0],
    .cell = cell,
    .below = 1,
    .load = load,
    .key = printers_key,
    .keys = keys,
    .n_keys = sizeof keys / sizeof keys[0],
    .n_keys_empty = sizeof keys / sizeof keys[0],
    .free = printers_free,
};

void screen_printers_push(yz_tui *t)
{
	printers *p = calloc(1, sizeof *p);
	if (p)
		p->t = t;
	listscreen_push(t, &printers_def, p);
}

int tui_preview_doc(yz_tui *t, const yz_form *f, const char *case_no, const char *doc, char *buf,
                    size_t n)
{
	yz_err err = {{0}};
	char *text = yz_service_preview(t->s, case_no, doc, &err);
	if (!text) {
		tui_msg(t, TUI_MSG_ERROR, "%s", err.msg);
		return -1;
	}
	char title[160];
	tui_fmt(title, sizeof title, _("Preview: %s"), tui_doc_name(f, doc));
	tui_textview(t, title, text);
	free(text);
	if (!tui_confirm(t, _("Print"), _("Print this document now?"))) {
		tui_msg(t, TUI_MSG_INFO, "%s", _("Not printed."));
		return 1;
	}
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	return tui_print_doc(t, case_no, doc, buf, n);
}
