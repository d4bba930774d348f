/* After submit: the case number in large print, what happened to each document
 * (printed, saved to a file, or failed and waiting for a reprint), and the
 * receipt's text. */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

enum { DOCS_MAX = 8 };

typedef struct accepted {
	yz_case c;                  /* the new case */
	const yz_form *f;           /* its form */
	const char *docs[DOCS_MAX]; /* receipt first, then the form's documents */
	size_t n_docs;
	char outcome[DOCS_MAX][384]; /* what printing each document did; "" = not yet */
	bool failed[DOCS_MAX];       /* the last print of that document failed */
	char *receipt;               /* the receipt laid out as text */
	yz_list view;                /* scrolling of the receipt text */
	size_t receipt_lines;
	char print_label[160]; /* the key bar's "Print <second document>" */
} accepted;

static int text_top(void)
{
	return 6 + DOCS_MAX / 2;
}

static void acc_draw(yz_tui *t, yz_screen *sc)
{
	accepted *a = sc->data;
	char buf[256];
	tui_title(t, _("Case accepted"));
	tui_fmt(buf, sizeof buf, _("Accepted: case number %s"), a->c.number);
	tui_put_center(2, buf, tui_attr(t, ROLE_OK));
	char masked[19];
	yz_idcard_mask(a->c.resident_idno, masked);
	tui_fmt(buf, sizeof buf, "%s  %s %s  %s", a->c.item, a->c.resident_name, masked,
	        tui_status_name(a->c.status));
	tui_put_center(3, buf, A_NORMAL);
	/* Each outcome may take two rows: a failure reason can be long. */
	int row = 5;
	for (size_t i = 0; i < a->n_docs && row < text_top(); i++) {
		const char *o = a->outcome[i][0] ? a->outcome[i] : _("printing...");
		attr_t at = a->failed[i] ? tui_attr(t, ROLE_ERROR) : A_NORMAL;
		/* wrapped at spaces (tui_wrap), the rows after the first indented */
		for (int x = 2; *o && row < text_top(); x = 4) {
			size_t shown, next = tui_wrap(o, COLS - 2 - x, &shown);
			char *part = strndup(o, shown);
			tui_put(row++, x, part ? part : "", COLS - 2 - x, at);
			free(part);
			o += next;
		}
	}
	int y = text_top();
	tui_put(y, 2, _("Receipt"), 30, tui_attr(t, ROLE_HEADER));
	if (!a->receipt)
		return;
	int h = LINES - 2 - y - 1;
	size_t line = 0;
	for (const char *p = a->receipt; p; line++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (line >= a->view.top) {
			if ((int)(line - a->view.top) >= h)
				break;
			char *s = strndup(p, len);
			tui_put(y + 1 + (int)(line - a->view.top), 4, s, COLS - 6, A_NORMAL);
			free(s);
		}
		p = nl ? nl + 1 : NULL;
	}
}

static void reprint(yz_tui *t, accepted *a, size_t i)
{
	if (i >= a->n_docs)
		return;
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	a->failed[i] =
	    tui_print_doc(t, a->c.number, a->docs[i], a->outcome[i], sizeof a->outcome[i]) != 0;
}

/* V: which document (when there are several), shown as it will print, then
 * printed on confirmation. */
static void preview(yz_tui *t, accepted *a)
{
	size_t i = 0;
	if (a->n_docs > 1) {
		char *names[DOCS_MAX];
		for (size_t d = 0; d < a->n_docs; d++)
			names[d] = (char *)tui_doc_name(a->f, a->docs[d]);
		long k = tui_pick(t, _("Preview which document?"), names, a->n_docs, 0);
		if (k < 0)
			return;
		i = (size_t)k;
	}
	int rc =
	    tui_preview_doc(t, a->f, a->c.number, a->docs[i], a->outcome[i], sizeof a->outcome[i]);
	if (rc != 1)
		a->failed[i] = rc != 0;
}

static bool acc_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	accepted *a = sc->data;
	if (key_esc(k) || key_enter(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_ch(k, 'r') || key_ch(k, 'R')) {
		reprint(t, a, 0);
		return true;
	}
	if ((key_ch(k, 'p') || key_ch(k, 'P')) && a->n_docs > 1) {
		reprint(t, a, 1);
		return true;
	}
	if (key_ch(k, 'v') || key_ch(k, 'V')) {
		preview(t, a);
		return true;
	}
	if (key_code(k, KEY_F(4))) {
		tui_pop(t);
		screen_cases_push(t);
		return true;
	}
	int h = LINES - 2 - text_top() - 1;
	if (key_code(k, KEY_DOWN) && a->view.top + (size_t)h < a->receipt_lines) {
		a->view.top++;
		return true;
	}
	if (key_code(k, KEY_UP) && a->view.top > 0) {
		a->view.top--;
		return true;
	}
	return false;
}

static void acc_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	accepted *a = sc->data;
	free(a->receipt);
	free(a);
}

static size_t acc_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	accepted *a = sc->data;
	size_t n = 0;
	yz_keyhint k[] = {{"Enter", N_("Done")},
	                  {"R", N_("Reprint receipt")},
	                  {"P", a->n_docs > 1 ? tui_print_label(a->f, a->docs[1], a->print_label,
	                                                        sizeof a->print_label)
	                                      : ""},
	                  {"V", N_("Preview")},
	                  {"F4", N_("Cases")}};
	for (size_t i = 0; i < sizeof k / sizeof k[0] && n < max; i++)
		if (i != 2 || a->n_docs > 1)
			out[n++] = k[i];
	return n;
}

static const yz_screen_ops acc_ops = {
    .name = "accepted",
    .draw = acc_draw,
    .key = acc_key,
    .leave = acc_leave,
    .keys = acc_keys,
};

static void load_receipt(yz_tui *t, accepted *a)
{
	yz_err err = {{0}};
	yz_doc *d = yz_service_build_doc(t->s, a->c.number, "receipt", &err);
	if (!d) {
		a->receipt = strdup(err.msg);
	} else {
		yz_escpos_opts o;
		yz_service_receipt_opts(t->s->cfg, &o);
		a->receipt = yz_doc_layout_text(d, o.columns);
		yz_doc_free(d);
	}
	for (const char *p = a->receipt; p && *p; p++)
		a->receipt_lines += *p == '\n';
	a->receipt_lines++;
}

void screen_accepted_push(yz_tui *t, const yz_submitted *sub, const yz_form *f)
{
	accepted *a = calloc(1, sizeof *a);
	if (!a)
		return;
	const yz_case *c = &sub->c;
	a->c = *c;
	a->f = f;
	/* The papers and their jobs were written with the case (issue 14). */
	for (size_t i = 0; i < sub->n_docs && a->n_docs < DOCS_MAX; i++)
		a->docs[a->n_docs++] = sub->docs[i];
	load_receipt(t, a);
	tui_push(t, &acc_ops, a);
	/* The case is committed; now print, with the number already on screen. */
	tui_msg(t, TUI_MSG_INFO, "%s", _("Printing..."));
	tui_draw(t);
	int failed = 0;
	for (size_t i = 0; i < a->n_docs; i++) {
		a->failed[i] = tui_print_job(t, c->number, a->docs[i], sub->jobs[i], a->outcome[i],
		                             sizeof a->outcome[i]) != 0;
		failed += a->failed[i];
		tui_draw(t);
	}
	if (failed)
		tui_msg(t, TUI_MSG_ERROR, "%s",
		        _("Some documents did not print. The case is saved; reprint them with R "
		          "or P, or later under F4."));
	else
		tui_msg(t, TUI_MSG_OK, _("Case %s accepted."), c->number);
}
