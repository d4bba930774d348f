/* Drawing helpers: UTF-8 text placed by display width, the title row, the
 * message line and the key bar; and key classification. Text is turned into
 * wchar_t here and drawn with the wide-character curses calls, so that the
 * terminal's own encoding (UTF-8 or GB18030) is curses' business. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

bool key_code(tui_key k, int code)
{
	return !k.none && k.is_code && k.code == code;
}

bool key_ch(tui_key k, wint_t ch)
{
	return !k.none && !k.is_code && k.ch == ch;
}

bool key_enter(tui_key k)
{
	return key_ch(k, '\r') || key_ch(k, '\n') || key_code(k, KEY_ENTER);
}

bool key_esc(tui_key k)
{
	return key_ch(k, TUI_ESC);
}

bool key_backspace(tui_key k)
{
	return key_code(k, KEY_BACKSPACE) || key_ch(k, 127) || key_ch(k, 8);
}

bool key_printable(tui_key k)
{
	return !k.none && !k.is_code && yz_cp_width((uint32_t)k.ch) >= 0 && k.ch >= 0x20 &&
	       k.ch != 127;
}

/* A character the terminal's locale cannot draw (glibc's GB18030 locale knows
 * no width for CJK Ext-C and later, so curses would silently drop it and the
 * rest of the line would slide left). Draw a stand-in of the same width instead:
 * the geta mark, the printers' sign for a missing character, or '?'. */
static wchar_t drawable(uint32_t cp, int cw)
{
	if (wcwidth((wchar_t)cp) >= 0)
		return (wchar_t)cp;
	return cw == 2 ? (wchar_t)0x3013 : L'?';
}

int tui_put(int y, int x, const char *s, int w, attr_t a)
{
	if (!s || w <= 0)
		return 0;
	wchar_t buf[256];
	int n = 0, used = 0;
	size_t len = strlen(s);
	attr_t old_a;
	short old_p;
	attr_get(&old_a, &old_p, NULL);
	attrset(a);
	move(y, x);
	while (len > 0) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s, len, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		s += k;
		len -= k;
		int cw = yz_cp_width(cp);
		if (cw < 0)
			continue; /* control characters never reach the terminal */
		if (used + cw > w)
			break;
		buf[n++] = drawable(cp, cw);
		used += cw;
		if (n == (int)(sizeof buf / sizeof buf[0])) {
			addnwstr(buf, n);
			n = 0;
		}
	}
	if (n)
		addnwstr(buf, n);
	attr_set(old_a, old_p, NULL);
	return used;
}

void tui_put_pad(int y, int x, const char *s, int w, attr_t a)
{
	int used = tui_put(y, x, s, w, a);
	if (used < w) {
		attr_t old_a;
		short old_p;
		attr_get(&old_a, &old_p, NULL);
		attrset(a);
		mvhline(y, x + used, ' ', w - used);
		attr_set(old_a, old_p, NULL);
	}
}

void tui_put_center(int y, const char *s, attr_t a)
{
	int w = yz_text_width(s);
	int x = w < COLS ? (COLS - w) / 2 : 0;
	tui_put(y, x, s, COLS - x, a);
}

void tui_fmt(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

void tui_title(yz_tui *t, const char *title)
{
	attr_t a = tui_attr(t, ROLE_FOCUS);
	tui_put_pad(0, 0, "", COLS, a);
	int used = tui_put(0, 1, title, COLS / 2, a | A_BOLD);
	const char *st = t->s->cfg ? t->s->cfg->station_name : "";
	int sw = yz_text_width(st);
	int room = COLS - used - 4;
	if (sw > room)
		sw = room;
	if (sw > 0)
		tui_put(0, COLS - sw - 1, st, sw, a);
}

void tui_draw_status(yz_tui *t)
{
	int y = LINES - 2;
	move(y, 0);
	clrtoeol();
	if (!t->status[0])
		return;
	enum tui_role r = t->status_kind == TUI_MSG_ERROR ? ROLE_ERROR
	                  : t->status_kind == TUI_MSG_OK  ? ROLE_OK
	                                                  : ROLE_NORMAL;
	tui_put(y, 1, t->status, COLS - 2, tui_attr(t, r));
}

/* Like mc: the key in reverse video, then its label; as many as fit. */
void tui_draw_keybar(yz_tui *t, const yz_keyhint *k, size_t n)
{
	int y = LINES - 1, x = 0;
	move(y, 0);
	clrtoeol();
	for (size_t i = 0; i < n && x < COLS; i++) {
		const char *label = _(k[i].label);
		int need = yz_text_width(k[i].key) + yz_text_width(label) + 1;
		if (x + need > COLS)
			break;
		x += tui_put(y, x, k[i].key, COLS - x, tui_attr(t, ROLE_KEY));
		x += tui_put(y, x, label, COLS - x, A_NORMAL);
		x += 1;
	}
}
