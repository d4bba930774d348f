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

/* Punctuation that closes a phrase: a line never starts with it. */
static bool closing(uint32_t cp)
{
	static const uint32_t v[] = {0x3001, 0x3002, 0xff0c, 0xff0e, 0xff1a, 0xff1b, 0xff01, 0xff1f,
	                             0xff09, 0x300b, 0x300d, 0x300f, 0x3011, 0x201d, 0x2019, 0x2026,
	                             ',',    '.',    ';',    ':',    '!',    '?',    ')'};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (v[i] == cp)
			return true;
	return false;
}

size_t tui_wrap(const char *s, int w, size_t *shown)
{
	size_t n = strlen(s), i = 0, brk_shown = 0, brk_next = 0;
	int used = 0, prev_w = 0;
	uint32_t prev = ' ';

	if (w < 1)
		w = 1;
	while (i < n) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s + i, n - i, &cp);
		int cw;
		if (k == 0) {
			k = 1;
			cp = '?';
		}
		if (cp == '\n') {
			*shown = i;
			return i + 1;
		}
		if (cp == ' ') { /* a line may end before spaces; they go at the break */
			size_t j = i;
			while (j < n && s[j] == ' ')
				j++;
			if (i > 0) {
				brk_shown = i;
				brk_next = j;
			}
			if (j >= n || used + (int)(j - i) >= w) {
				*shown = i;
				return j;
			}
			used += (int)(j - i);
			i = j;
			prev = ' ';
			prev_w = 1;
			continue;
		}
		cw = yz_cp_width(cp);
		cw = cw < 0 ? 1 : cw;
		/* Chinese breaks between any two characters; English only at spaces. */
		if (i > 0 && prev != ' ' && (cw == 2 || prev_w == 2) && !closing(cp)) {
			brk_shown = i;
			brk_next = i;
		}
		if (used + cw > w) {
			if (brk_next > 0) {
				*shown = brk_shown;
				return brk_next;
			}
			i = i > 0 ? i : k; /* a word longer than the line is cut; never lost */
			*shown = i;
			return i;
		}
		used += cw;
		prev = cp;
		prev_w = cw;
		i += k;
	}
	*shown = n;
	return n;
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

/* A message wider than the screen is never cut: it wraps (at spaces in
 * English) onto the rows above the status line, over the screen's last rows,
 * up to a third of the screen. */
void tui_draw_status(yz_tui *t)
{
	enum { MAX_ROWS = 8 };
	size_t start[MAX_ROWS], len[MAX_ROWS], rows = 0, at = 0;
	size_t most = LINES / 3 < MAX_ROWS ? (size_t)LINES / 3 : MAX_ROWS;
	const char *s = t->status;

	move(LINES - 2, 0);
	clrtoeol();
	if (!s[0])
		return;
	enum tui_role r = t->status_kind == TUI_MSG_ERROR ? ROLE_ERROR
	                  : t->status_kind == TUI_MSG_OK  ? ROLE_OK
	                                                  : ROLE_NORMAL;
	while (s[at] && rows < (most > 0 ? most : 1)) {
		start[rows] = at;
		at += tui_wrap(s + at, COLS - 2, &len[rows]);
		rows++;
	}
	if (s[at]) /* more than a third of the screen: the last row takes the rest */
		len[rows - 1] = strlen(s + start[rows - 1]);
	for (size_t i = 0; i < rows; i++) {
		char line[sizeof t->status];
		int y = LINES - 1 - (int)rows + (int)i;
		memcpy(line, s + start[i], len[i]);
		line[len[i]] = '\0';
		move(y, 0);
		clrtoeol();
		tui_put(y, 1, line, COLS - 2, tui_attr(t, r));
	}
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
		/* Keys that do not fit are never dropped silently: "…" says F1 (the
		 * first key) lists them all. */
		int keep = i + 1 < n ? 2 : 0;
		if (x + need + keep > COLS) {
			tui_put(y, x < COLS - 1 ? x : COLS - 2, "\u2026", 1, A_BOLD);
			break;
		}
		x += tui_put(y, x, k[i].key, COLS - x, tui_attr(t, ROLE_KEY));
		x += tui_put(y, x, label, COLS - x, A_NORMAL);
		x += 1;
	}
}
