/* Issue 15: Chinese typed inside the counter UI, for terminals without an
 * input method (the Linux console, a thin terminal, SSH from a PC without a
 * Chinese IME). Ctrl-Space switches a text field between direct input and
 * pinyin input; the engine (yizhan/ime.h: librime in a module loaded with
 * dlopen) is opened at the first switch to pinyin, never before, so a counter
 * that never types pinyin keeps its memory figure.
 *
 * In pinyin mode each key goes to the engine first; what the engine does not
 * take goes to the field as before. What the clerk picks is typed into the
 * field a character a key (tui_ime_next, read by the key loop before the
 * terminal), so a field's limits and messages are the ones it has for typed
 * characters. While the clerk composes, the pinyin and the candidates cover
 * the key bar on the bottom row: the field's line and the cursor stay where
 * they are. Ctrl-Space is a NUL from the terminal (xterm, tmux, the Linux
 * console); Shift alone is never seen by a program on a terminal, so it
 * cannot switch. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

/* The field that has the focus, by the screen's field op; *id tells it from
 * the screen's other fields. */
static tui_field_kind focus(yz_tui *t, const void **id)
{
	yz_screen *sc = tui_top(t);

	*id = NULL;
	if (!sc || !sc->ops->field || !tui_size_ok())
		return TUI_FIELD_NONE;
	return sc->ops->field(t, sc, id);
}

static yz_ime_kind engine_kind(tui_field_kind kind)
{
	return kind == TUI_FIELD_NAME      ? YZ_IME_NAME
	       : kind == TUI_FIELD_ADDRESS ? YZ_IME_ADDRESS
	                                   : YZ_IME_TEXT;
}

/* The station's places for its address fields: read when an address field of
 * a screen is first focused (a household registered meanwhile is offered on
 * the next screen). Without them the engine still offers its own words. */
static void read_places(yz_tui *t, const void *data)
{
	char **words = NULL;
	size_t n = 0;
	yz_err err = {{0}};

	t->ime.words_for = data;
	if (yz_service_place_words(t->s, &words, &n, &err) != 0) {
		tui_msg(t, TUI_MSG_ERROR, _("The station's places are not offered: %s"), err.msg);
		return;
	}
	if (yz_ime_set_words(t->ime.engine, (const char *const *)words, n, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, _("The station's places are not offered: %s"), err.msg);
	yz_service_place_words_free(words);
}

void tui_ime_follow(yz_tui *t)
{
	tui_ime *m = &t->ime;
	yz_screen *sc = tui_top(t);
	const void *id;
	tui_field_kind kind = focus(t, &id);
	const yz_screen_ops *ops = sc ? sc->ops : NULL;
	const void *data = sc ? sc->data : NULL;

	bool moved = ops != m->ops || data != m->data || id != m->id;

	m->ops = ops;
	m->data = data;
	m->id = id;
	if (!m->engine || (!moved && kind == m->kind))
		return;
	if (kind == TUI_FIELD_ADDRESS && m->words_for != data)
		read_places(t, data);
	/* Another field: what was composed for the one left goes, and the new
	 * one starts afresh (a name field's surnames first again). */
	if (kind == TUI_FIELD_NONE)
		yz_ime_clear(m->engine);
	else
		yz_ime_set_kind(m->engine, engine_kind(kind));
	m->kind = kind;
}

void tui_ime_drop(yz_tui *t, const void *data)
{
	if (t->ime.engine)
		yz_ime_clear(t->ime.engine);
	t->ime.ops = NULL;
	t->ime.data = NULL;
	t->ime.id = NULL;
	if (t->ime.words_for == data) /* a new screen there reads them again */
		t->ime.words_for = NULL;
}

/* The first switch to pinyin: the engine is loaded (the first time on a
 * station it also prepares its data in the station's folder, a moment). */
static bool load(yz_tui *t)
{
	tui_ime *m = &t->ime;
	char dir[PATH_MAX];
	yz_err err = {{0}};

	if (!t->s->cfg || !t->s->cfg->home[0]) {
		tui_msg(t, TUI_MSG_ERROR, "%s",
		        _("Pinyin input is not available: no station folder."));
		return false;
	}
	if ((size_t)snprintf(dir, sizeof dir, "%s/rime", t->s->cfg->home) >= sizeof dir) {
		tui_msg(t, TUI_MSG_ERROR, "%s",
		        _("Pinyin input is not available: the station folder's path is too long."));
		return false;
	}
	tui_msg(t, TUI_MSG_INFO, "%s", _("Loading the pinyin input..."));
	tui_draw(t);
	/* Each counter learns in a folder of its own; the station's counters
	 * share their words through the engine's sync (ime.h). Without a
	 * counter number the OS account names the folder. */
	char id[32];
	const yz_counter_pick *c = &t->s->counter;
	if (c->state == YZ_COUNTER_CHOSEN)
		snprintf(id, sizeof id, "counter-%d", c->number);
	m->engine = yz_ime_open_at(dir, c->state == YZ_COUNTER_CHOSEN ? id : NULL, &err);
	if (!m->engine) {
		tui_msg(t, TUI_MSG_ERROR,
		        _("Pinyin input is not available: %s Keys type as before."), err.msg);
		return false;
	}
	m->ops = NULL; /* the engine is told the field's kind now */
	m->words_for = NULL;
	tui_ime_follow(t);
	return true;
}

static void toggle(yz_tui *t)
{
	tui_ime *m = &t->ime;

	if (m->pinyin) {
		if (m->engine)
			yz_ime_clear(m->engine);
		m->pinyin = false;
		tui_msg(t, TUI_MSG_INFO, "%s",
		        _("Direct input: keys type as they are. Ctrl-Space for pinyin."));
		return;
	}
	if (!m->engine && !load(t))
		return;
	m->pinyin = true;
	tui_msg(t, TUI_MSG_INFO, "%s",
	        _("Pinyin input: type pinyin, pick with 1-9 or Space. Ctrl-Space for direct "
	          "input."));
}

/* The engine's name of a key; false for keys it never sees (function keys,
 * Tab, control characters, characters other than ASCII). */
static bool engine_key(tui_key k, uint32_t *key)
{
	static const struct {
		int code;     /* KEY_* */
		uint32_t key; /* the engine's */
	} codes[] = {
	    {KEY_BACKSPACE, YZ_IME_K_BACKSPACE},
	    {KEY_ENTER, YZ_IME_K_ENTER},
	    {KEY_PPAGE, YZ_IME_K_PGUP},
	    {KEY_NPAGE, YZ_IME_K_PGDN},
	    {KEY_UP, YZ_IME_K_UP},
	    {KEY_DOWN, YZ_IME_K_DOWN},
	    {KEY_LEFT, YZ_IME_K_LEFT},
	    {KEY_RIGHT, YZ_IME_K_RIGHT},
	};

	if (k.is_code) {
		for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
			if (k.code == codes[i].code) {
				*key = codes[i].key;
				return true;
			}
		return false;
	}
	if (key_backspace(k))
		*key = YZ_IME_K_BACKSPACE;
	else if (key_enter(k))
		*key = YZ_IME_K_ENTER;
	else if (key_esc(k))
		*key = YZ_IME_K_ESC;
	else if (k.ch >= 0x20 && k.ch < 0x7f)
		*key = (uint32_t)k.ch;
	else
		return false;
	return true;
}

/* Text the engine chose, queued to be typed after what is still queued. */
static void queue(tui_ime *m, const char *text)
{
	size_t left = strlen(m->out) - m->out_at;

	memmove(m->out, m->out + m->out_at, left + 1);
	m->out_at = 0;
	/* out is as large as the engine's answer: nothing is left queued then,
	 * as the key loop types the queue before it reads the next key. */
	yz_strlcpy_utf8(m->out + left, text, sizeof m->out - left);
}

bool tui_ime_key(yz_tui *t, tui_key k)
{
	tui_ime *m = &t->ime;
	const void *id;
	uint32_t key;
	char out[sizeof m->out];

	if (k.none || k.chosen)
		return false;
	tui_ime_follow(t);
	tui_field_kind kind = focus(t, &id);
	if (!k.is_code && k.ch == 0) { /* Ctrl-Space */
		if (kind == TUI_FIELD_NONE)
			tui_msg(t, TUI_MSG_INFO, "%s",
			        _("Ctrl-Space switches to pinyin in a text, name, address or memo "
			          "field."));
		else
			toggle(t);
		return true;
	}
	if (!m->pinyin || !m->engine || kind == TUI_FIELD_NONE || !engine_key(k, &key))
		return false;
	out[0] = '\0';
	switch (yz_ime_key(m->engine, key, out, sizeof out)) {
	case YZ_IME_PASS:
		return false;
	case YZ_IME_COMMIT:
		queue(m, out);
		return true;
	case YZ_IME_USED:
	default:
		return true;
	}
}

bool tui_ime_next(yz_tui *t, tui_key *k)
{
	tui_ime *m = &t->ime;
	size_t len = strlen(m->out);
	uint32_t cp;

	if (m->out_at >= len)
		return false;
	size_t n = yz_utf8_decode(m->out + m->out_at, len - m->out_at, &cp);
	m->out_at = n ? m->out_at + n : len;
	if (m->out_at >= len) {
		m->out[0] = '\0';
		m->out_at = 0;
	}
	if (n == 0)
		return false;
	*k = (tui_key){.ch = (wint_t)cp, .chosen = true};
	return true;
}

size_t tui_ime_hints(yz_tui *t, yz_keyhint *out, size_t max)
{
	const void *id;

	if (max == 0 || focus(t, &id) == TUI_FIELD_NONE)
		return 0;
	/* The mode the field is in: the key switches it. */
	out[0] = (yz_keyhint){"^Space", t->ime.pinyin ? N_("Pinyin") : N_("Direct")};
	return 1;
}

/* The page marks at the bar's right end: "<" when there is a page before,
 * the page's number, ">" when there is one after ("" for a single page). */
static void page_marks(const yz_ime_view *v, char *buf, size_t n)
{
	if (v->page == 0 && v->last_page)
		buf[0] = '\0';
	else
		snprintf(buf, n, "%s%d%s", v->page > 0 ? "<" : "", v->page + 1,
		         v->last_page ? "" : ">");
}

/* The pinyin at (y, 1) in at most w columns: its end when it is longer (what
 * was typed last), after a "…". Returns the columns used. */
static int put_preedit(yz_tui *t, int y, const char *s, int w)
{
	attr_t a = tui_attr(t, ROLE_KEY);
	int x = 1;
	size_t len = strlen(s);
	uint32_t cp;

	if (yz_text_width(s) > w) {
		x += tui_put(y, x, "\u2026", 1, a);
		while (*s && yz_text_width(s) > w - 1) {
			size_t k = yz_utf8_decode(s, len, &cp);
			k = k ? k : 1;
			s += k;
			len -= k;
		}
	}
	return x - 1 + tui_put(y, x, s, w - (x - 1), a);
}

void tui_ime_draw(yz_tui *t)
{
	tui_ime *m = &t->ime;
	const void *id;
	char marks[32], c[128];

	if (!m->pinyin || !m->engine || !yz_ime_composing(m->engine) ||
	    focus(t, &id) == TUI_FIELD_NONE)
		return;
	const yz_ime_view *v = yz_ime_view_get(m->engine);
	if (!v)
		return;
	int y = LINES - 1;
	page_marks(v, marks, sizeof marks);
	int right = COLS - 2 - yz_text_width(marks);
	move(y, 0);
	clrtoeol();
	int x = 1 + put_preedit(t, y, v->preedit, COLS / 3) + 2;
	if (v->note && *v->note) /* why `u+...` gives no character */
		x += tui_put(y, x, v->note, right - x, tui_attr(t, ROLE_ERROR)) + 2;
	for (size_t i = 0; i < v->n; i++) {
		const char *note = v->comment[i] ? v->comment[i] : "";
		snprintf(c, sizeof c, "%zu.%s", i + 1, v->cand[i]);
		int w = yz_text_width(c) + (*note ? 1 + yz_text_width(note) : 0);
		/* Room for " …" after it unless it is the last: the rest are picked
		 * by their digits all the same. */
		if (x + w > right - (i + 1 < v->n ? 2 : 0)) {
			tui_put(y, x, "\u2026", 1, A_BOLD);
			break;
		}
		attr_t a = (int)i == v->highlighted ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		x += tui_put(y, x, c, right - x, a);
		if (*note)
			x += 1 + tui_put(y, x + 1, note, right - x - 1, tui_attr(t, ROLE_DIM));
		x += 1;
	}
	if (marks[0])
		tui_put(y, right + 1, marks, COLS - right - 1, A_BOLD);
}

bool tui_ime_help(yz_tui *t, FILE *f)
{
	const void *id;

	if (focus(t, &id) == TUI_FIELD_NONE)
		return false;
	fprintf(f, "%s\n",
	        _("Typing Chinese: Ctrl-Space switches this field between pinyin and direct "
	          "input; the key bar shows which is on. In pinyin, type the pinyin in full or "
	          "by initials (zhang san, zs), then pick with 1-9, or with Space or Enter the "
	          "highlighted one; - and = or PgUp and PgDn show more; Backspace corrects the "
	          "pinyin; Esc drops it. A name field offers surnames first, an address field "
	          "the station's places. A rare character by its code point: u+ and the code, "
	          "such as u+20bb7."));
	fprintf(f, "%s\n\n", t->ime.pinyin ? _("Now: pinyin.") : _("Now: direct input."));
	return true;
}

void tui_ime_end(yz_tui *t)
{
	if (t->ime.engine)
		yz_ime_close(t->ime.engine);
	t->ime.engine = NULL;
	t->ime.pinyin = false;
}
