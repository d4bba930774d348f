/* Verify a document (V on home): a resident or an office shows a receipt or a
 * certificate, the clerk types its verification code, and the screen says
 * whether this station issued it — which document of which case, for whom (the
 * name's first character and the masked ID number), accepted when, by which
 * station — or that it is not genuine. The same check as `yizhan verify`
 * (yz_service_verify). */
#include <stdlib.h>
#include <string.h>

#include "../../intl.h"
#include "../tui_int.h"

typedef struct verify {
	char code[64];      /* the code as typed, "" before the first check */
	bool checked;       /* r holds the answer for code */
	yz_verify_result r; /* the answer */
} verify;

/* Text wrapped into the screen's width from row y; returns the next row. */
static int put_wrapped(int y, const char *s, attr_t a)
{
	int w = COLS - 6 > 10 ? COLS - 6 : 10;
	while (*s && y < LINES - 3) {
		size_t shown, k = tui_wrap(s, w, &shown);
		char line[512];
		if (k == 0)
			break;
		yz_strlcpy_utf8(line, s, shown + 1 < sizeof line ? shown + 1 : sizeof line);
		tui_put(y++, 3, line, w, a);
		s += k;
	}
	return y;
}

static const char *status_words(yz_case_status st)
{
	return st == YZ_CASE_DONE ? _("closed") : st == YZ_CASE_ACCEPTED ? _("open") : _("unknown");
}

/* One "label  value" row. */
static int row(int y, const char *label, const char *value)
{
	tui_put(y, 3, label, 18, A_NORMAL);
	int x = 3 + (yz_text_width(label) > 16 ? yz_text_width(label) + 2 : 18);
	tui_put(y, x, value && *value ? value : "-", COLS - x - 2, A_BOLD);
	return y + 1;
}

static void draw_genuine(yz_tui *t, const yz_verify_result *r, int y)
{
	char buf[256];
	tui_fmt(buf, sizeof buf, _("Genuine: issued by this station (%s)."), r->station);
	y = put_wrapped(y, buf, tui_attr(t, ROLE_OK) | A_BOLD) + 1;
	y = row(y, _("Document"), r->doc_title);
	y = row(y, _("Case number"), r->case_number);
	y = row(y, _("Item"), r->item);
	tui_fmt(buf, sizeof buf, "%s  %s", r->resident_initial, r->resident_idno_masked);
	y = row(y, _("For"), buf);
	y = row(y, _("Accepted on"), r->date);
	y = row(y, _("Issued by"), r->station);
	row(y, _("Case status"), status_words(r->case_status));
}

static void verify_draw(yz_tui *t, yz_screen *sc)
{
	verify *v = sc->data;
	char buf[512];
	tui_title(t, _("Verify a document"));
	put_wrapped(2,
	            _("Type the verification code printed on the receipt or certificate "
	              "(12 letters and digits, such as ABCD-EFGH-JKMN): Enter."),
	            tui_attr(t, ROLE_DIM));
	t->cur_y = -1;
	if (!v->checked)
		return;
	tui_fmt(buf, sizeof buf, _("Code: %s"), v->code);
	tui_put(5, 3, buf, COLS - 6, A_BOLD);
	switch (v->r.status) {
	case YZ_VERIFY_GENUINE:
		draw_genuine(t, &v->r, 7);
		return;
	case YZ_VERIFY_FORGED:
		tui_fmt(buf, sizeof buf,
		        _("NOT genuine: case %s exists, but no document of it has this code. The "
		          "paper may be forged or altered."),
		        v->r.case_number);
		put_wrapped(7, buf, tui_attr(t, ROLE_ERROR) | A_BOLD);
		return;
	case YZ_VERIFY_UNKNOWN:
		break;
	}
	put_wrapped(7,
	            _("Unknown code: this station issued no document with it. Check that it "
	              "was typed right."),
	            tui_attr(t, ROLE_ERROR) | A_BOLD);
}

/* Ask for a code and check it. */
static void check(yz_tui *t, verify *v)
{
	char code[64] = "";
	yz_ask_field f[] = {{N_("Verification code"), code, sizeof code, 20, true}};
	if (!tui_ask(t, _("Verify a document"), NULL, f, 1))
		return;
	yz_err err = {{0}};
	yz_verify_result r;
	if (yz_service_verify(t->s, code, &r, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, _("Cannot check the code: %s"), err.msg);
		return;
	}
	tui_msg_clear(t);
	yz_strlcpy_utf8(v->code, code, sizeof v->code);
	v->r = r;
	v->checked = true;
}

static bool verify_key(yz_tui *t, yz_screen *sc, tui_key k)
{
	verify *v = sc->data;
	if (key_esc(k) || key_code(k, KEY_F(10))) {
		tui_pop(t);
		return true;
	}
	if (key_enter(k)) {
		check(t, v);
		return true;
	}
	return false;
}

static void verify_leave(yz_tui *t, yz_screen *sc)
{
	(void)t;
	free(sc->data);
}

static size_t verify_keys(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max)
{
	(void)t;
	(void)sc;
	yz_keyhint k[] = {{"Enter", N_("Type a code")}, {"Esc", N_("Back")}};
	return tui_put_keys(out, max, k, 2);
}

static const yz_screen_ops verify_ops = {
    .name = "verify",
    .draw = verify_draw,
    .key = verify_key,
    .leave = verify_leave,
    .keys = verify_keys,
};

void screen_verify_push(yz_tui *t)
{
	verify *v = calloc(1, sizeof *v);
	if (!v)
		return;
	tui_push(t, &verify_ops, v);
	check(t, v); /* the code is what the clerk came for: asked at once */
}
