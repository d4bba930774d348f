/* The one field editor on the terminal: the keys that edit a yz_line (the form
 * module's editor, also the intake engine's) and the drawing of its window.
 * Every text input of the counter UI goes through here or through the engine,
 * which takes the same keys (tui_line_op). */
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

bool tui_line_op(tui_key k, yz_line_op *op)
{
	static const struct {
		int code;      /* a KEY_* code, or 0 */
		wint_t ch;     /* else a control character */
		yz_line_op op; /* what it does */
	} map[] = {
	    {KEY_LEFT, 0, YZ_LINE_LEFT},      {KEY_RIGHT, 0, YZ_LINE_RIGHT},
	    {KEY_HOME, 0, YZ_LINE_HOME},      {KEY_END, 0, YZ_LINE_END},
	    {KEY_DC, 0, YZ_LINE_DELETE},      {0, TUI_CTRL('a'), YZ_LINE_HOME},
	    {0, TUI_CTRL('e'), YZ_LINE_END},  {0, TUI_CTRL('d'), YZ_LINE_DELETE},
	    {0, TUI_CTRL('u'), YZ_LINE_KILL},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].code ? key_code(k, map[i].code) : key_ch(k, map[i].ch)) {
			*op = map[i].op;
			return true;
		}
	}
	if (key_backspace(k)) {
		*op = YZ_LINE_BACKSPACE;
		return true;
	}
	return false;
}

/* Say which limit the refused character cp met, in the clerk's units. */
static void say_full(yz_tui *t, const yz_line *l, uint32_t cp)
{
	char enc[4];
	size_t bytes = yz_utf8_encode(cp, enc);

	if (l->max_chars > 0 && l->len >= l->max_chars)
		tui_msg(t, TUI_MSG_INFO, _("This field is full: at most %zu characters."),
		        l->max_chars);
	else if (l->max_bytes > 0 && strlen(yz_line_text(l)) + bytes > l->max_bytes)
		/* a caller's buffer: 3 bytes a Chinese character */
		tui_msg(t, TUI_MSG_INFO,
		        _("This field is full: at most about %zu Chinese characters."),
		        l->max_bytes / 3);
	else
		tui_msg(t, TUI_MSG_INFO,
		        _("This field is full: at most %d columns (a Chinese character takes 2)."),
		        l->max_width);
}

bool tui_line_key(yz_tui *t, yz_line *l, tui_key k, yz_line_result *res)
{
	yz_line_op op;
	yz_line_result r;

	if (tui_line_op(k, &op))
		r = yz_line_edit(l, op);
	else if (key_printable(k))
		r = yz_line_insert(l, (uint32_t)k.ch);
	else
		return false;
	if (r == YZ_LINE_FULL && t)
		say_full(t, l, (uint32_t)k.ch);
	if (res)
		*res = r;
	return true;
}

void tui_line_draw(yz_line *l, int y, int x, int w, attr_t a, int *cx)
{
	yz_line_view v;
	char buf[4096];

	if (w <= 0)
		return;
	yz_line_view_of(l, w, &v);
	if (l->masked) {
		size_t n = v.chars < sizeof buf - 1 ? v.chars : sizeof buf - 1;
		memset(buf, '*', n);
		buf[n] = '\0';
	} else {
		const char *s = yz_line_text(l) + v.start;
		size_t n = v.bytes < sizeof buf - 1 ? v.bytes : sizeof buf - 1;
		while (n > 0 && n < v.bytes && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--; /* a box wider than buf: still never half a character */
		memcpy(buf, s, n);
		buf[n] = '\0';
	}
	tui_put_pad(y, x, buf, w, a);
	if (cx)
		*cx = x + v.cursor_col;
}
