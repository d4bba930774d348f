/* The single-line field editor: a UTF-8 buffer with a cursor that moves by
 * characters, drawn by display width with horizontal scrolling. Control
 * characters and escape sequences never enter the buffer. */
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

void edit_init(yz_edit *e, int max_width, bool masked)
{
	memset(e, 0, sizeof *e);
	e->max_width = max_width;
	e->masked = masked;
	e->cap = 32;
	e->buf = calloc(1, e->cap);
}

void edit_free(yz_edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

static bool reserve(yz_edit *e, size_t more)
{
	if (e->len + more + 1 <= e->cap)
		return true;
	size_t cap = e->cap ? e->cap : 32;
	while (cap < e->len + more + 1)
		cap *= 2;
	char *b = realloc(e->buf, cap);
	if (!b)
		return false;
	e->buf = b;
	e->cap = cap;
	return true;
}

/* Display width of len bytes at s, as drawn ('*' per character when masked). */
static int span_width(const yz_edit *e, const char *s, size_t len)
{
	int w = 0;
	while (len > 0) {
		uint32_t cp;
		size_t k = yz_utf8_decode(s, len, &cp);
		if (k == 0)
			k = 1, cp = '?';
		int cw = yz_cp_width(cp);
		w += e->masked ? 1 : (cw > 0 ? cw : 0);
		s += k;
		len -= k;
	}
	return w;
}

static size_t next_char(const yz_edit *e, size_t at)
{
	if (at >= e->len)
		return e->len;
	uint32_t cp;
	size_t k = yz_utf8_decode(e->buf + at, e->len - at, &cp);
	return at + (k ? k : 1);
}

static size_t prev_char(const yz_edit *e, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)e->buf[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static void delete_range(yz_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
	if (e->scroll > e->cur)
		e->scroll = e->cur;
}

bool edit_insert(yz_edit *e, const char *text)
{
	char *clean = yz_text_sanitize(text, false);
	if (!clean)
		return false;
	size_t n = strlen(clean);
	bool changed = false;
	/* Insert character by character so that a paste stops at the width limit
	 * without ever splitting a character. */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(clean + i, n - i, &cp);
		if (k == 0)
			break;
		int cw = e->masked ? 1 : yz_cp_width(cp);
		if (cw < 0 ||
		    (e->max_width > 0 && span_width(e, e->buf, e->len) + cw > e->max_width))
			break;
		if (!reserve(e, k))
			break;
		memmove(e->buf + e->cur + k, e->buf + e->cur, e->len - e->cur + 1);
		memcpy(e->buf + e->cur, clean + i, k);
		e->len += k;
		e->cur += k;
		i += k;
		changed = true;
	}
	free(clean);
	return changed;
}

void edit_set(yz_edit *e, const char *text)
{
	e->len = e->cur = e->scroll = 0;
	if (e->buf)
		e->buf[0] = '\0';
	if (text)
		edit_insert(e, text);
}

static yz_edit_result insert_key(yz_edit *e, wint_t ch)
{
	char u[5] = {0};
	if (!yz_utf8_encode((uint32_t)ch, u))
		return EDIT_REFUSED;
	return edit_insert(e, u) ? EDIT_CHANGED : EDIT_REFUSED;
}

yz_edit_result edit_key(yz_edit *e, tui_key k)
{
	if (key_code(k, KEY_LEFT)) {
		e->cur = prev_char(e, e->cur);
		return EDIT_MOVED;
	}
	if (key_code(k, KEY_RIGHT)) {
		e->cur = next_char(e, e->cur);
		return EDIT_MOVED;
	}
	if (key_code(k, KEY_HOME) || key_ch(k, TUI_CTRL('a'))) {
		e->cur = 0;
		return EDIT_MOVED;
	}
	if (key_code(k, KEY_END) || key_ch(k, TUI_CTRL('e'))) {
		e->cur = e->len;
		return EDIT_MOVED;
	}
	if (key_backspace(k)) {
		if (e->cur == 0)
			return EDIT_REFUSED;
		delete_range(e, prev_char(e, e->cur), e->cur);
		return EDIT_CHANGED;
	}
	if (key_code(k, KEY_DC) || key_ch(k, TUI_CTRL('d'))) {
		if (e->cur == e->len)
			return EDIT_REFUSED;
		delete_range(e, e->cur, next_char(e, e->cur));
		return EDIT_CHANGED;
	}
	if (key_ch(k, TUI_CTRL('u'))) {
		/* Ctrl-U empties the field, the quickest way to retype a value. */
		if (e->len == 0)
			return EDIT_REFUSED;
		delete_range(e, 0, e->len);
		return EDIT_CHANGED;
	}
	if (key_printable(k))
		return insert_key(e, k.ch);
	return EDIT_IGNORED;
}

/* Move the scroll offset so that the cursor is inside the w columns shown. */
static void keep_cursor_visible(yz_edit *e, int w)
{
	if (e->cur < e->scroll)
		e->scroll = e->cur;
	while (e->scroll < e->cur && span_width(e, e->buf + e->scroll, e->cur - e->scroll) > w - 1)
		e->scroll = next_char(e, e->scroll);
	/* When there is room again (text deleted), show as much as possible. */
	while (e->scroll > 0) {
		size_t p = prev_char(e, e->scroll);
		if (span_width(e, e->buf + p, e->len - p) > w - 1)
			break;
		e->scroll = p;
	}
}

void edit_draw(yz_edit *e, int y, int x, int w, attr_t a, int *cx)
{
	if (w <= 0)
		return;
	keep_cursor_visible(e, w);
	const char *s = e->buf + e->scroll;
	if (e->masked) {
		char stars[256];
		size_t n = yz_utf8_chars(s);
		if (n > sizeof stars - 1)
			n = sizeof stars - 1;
		memset(stars, '*', n);
		stars[n] = '\0';
		tui_put_pad(y, x, stars, w, a);
	} else {
		tui_put_pad(y, x, s, w, a);
	}
	if (cx)
		*cx = x + span_width(e, s, e->cur - e->scroll);
}
