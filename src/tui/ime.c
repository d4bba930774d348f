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

/* The field that has the focus, by the screen's field op; at->id tells it
 * from the screen's other fields. */
static tui_field_kind focus(yz_tui *t, tui_focus *at)
{
	yz_screen *sc = tui_top(t);

	*at = (tui_focus){0};
	if (!sc || !sc->ops->field || !tui_size_ok())
		return TUI_FIELD_NONE;
	return sc->ops->field(t, sc, at);
}

/* A field's text as a number (FNV-1a): the completion of places stays
 * hidden while the text is the one it was hidden at. */
static unsigned long text_hash(const char *s)
{
	unsigned long h = 2166136261UL;

	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619UL;
	return h;
}

static bool composing(const tui_ime *m)
{
	return m->pinyin && m->engine && yz_ime_composing(m->engine);
}

static yz_ime_kind engine_kind(tui_field_kind kind)
{
	return kind == TUI_FIELD_NAME      ? YZ_IME_NAME
	       : kind == TUI_FIELD_ADDRESS ? YZ_IME_ADDRESS
	                                   : YZ_IME_TEXT;
}

static void free_places(tui_ime *m)
{
	yz_service_place_words_free(m->places);
	m->places = NULL;
	m->n_places = 0;
	m->places_for = NULL;
}

/* The station's places for its address fields: read when an address field of
 * a screen is first focused (a household registered meanwhile is offered on
 * the next screen), in direct input too, where they complete the Chinese
 * characters typed. Without them the engine still offers its own words. */
static void read_places(yz_tui *t, const void *data)
{
	tui_ime *m = &t->ime;
	yz_err err = {{0}};

	if (m->places_for == data)
		return;
	free_places(m);
	m->places_for = data;
	if (yz_service_place_words(t->s, &m->places, &m->n_places, &err) != 0) {
		m->places = NULL;
		m->n_places = 0;
		tui_msg(t, TUI_MSG_ERROR, _("The station's places are not offered: %s"), err.msg);
	}
}

/* The places given to the engine, for pinyin. */
static void engine_places(yz_tui *t, const void *data)
{
	tui_ime *m = &t->ime;
	yz_err err = {{0}};

	read_places(t, data);
	m->words_for = data;
	if (m->places &&
	    yz_ime_set_words(m->engine, (const char *const *)m->places, m->n_places, &err) != 0)
		tui_msg(t, TUI_MSG_ERROR, _("The station's places are not offered: %s"), err.msg);
}

void tui_ime_follow(yz_tui *t)
{
	tui_ime *m = &t->ime;
	yz_screen *sc = tui_top(t);
	tui_focus at;
	tui_field_kind kind = focus(t, &at);
	const yz_screen_ops *ops = sc ? sc->ops : NULL;
	const void *data = sc ? sc->data : NULL;

	bool moved = ops != m->ops || data != m->data || at.id != m->id;
	bool empty = !at.text || !at.text[0];
	bool emptied = !moved && empty && !m->empty;

	m->ops = ops;
	m->data = data;
	m->id = at.id;
	m->empty = empty;
	if (moved) /* places complete what is typed here, not what was there */
		m->hush = text_hash(at.text);
	if (kind == TUI_FIELD_ADDRESS)
		read_places(t, data);
	if (!m->engine)
		return;
	if (!moved && kind == m->kind) {
		/* The field emptied (Ctrl-U, Backspace): what is typed next starts
		 * afresh, a name with its surnames first. */
		if (emptied && kind != TUI_FIELD_NONE && !yz_ime_composing(m->engine))
			yz_ime_set_kind(m->engine, engine_kind(kind));
		return;
	}
	if (kind == TUI_FIELD_ADDRESS && m->words_for != data)
		engine_places(t, data);
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
	if (t->ime.places_for == data)
		free_places(&t->ime);
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

/* ---- places completed as typed ------------------------------------------------
 *
 * In an address field, Chinese characters typed (by the terminal's own input
 * method, or picked in pinyin) complete to the station's places, fish-shell
 * style: when the text ends with at least two Chinese characters that a place
 * starts with, or holds, the places show on the bottom row from those
 * characters on, and Right at the end of the field types the rest of the
 * first. The longest run of the text's last characters that any place holds
 * is taken; the places it starts come first, then the ones it is inside of
 * (the district's whole names), each from the run on, each once. */

enum {
	RUN_MAX = 12, /* the text's last characters looked for, at most */
	DONE_MAX = 9, /* completions shown, at most */
};

typedef struct completion {
	size_t run_len;             /* bytes of the text's end the places continue */
	const char *run;            /* those (the end of the field's text) */
	const char *part[DONE_MAX]; /* each place from the run on: the first is Right's */
	size_t n;
	bool more; /* more places than part holds */
} completion;

static bool han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
}

/* Add p to list (size *n) unless it is in a or b already. */
static void add_part(const char **list, size_t *n, bool *more, const char *const *a, size_t na,
                     const char *const *b, size_t nb, const char *p)
{
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], p) == 0)
			return;
	for (size_t i = 0; i < nb; i++)
		if (strcmp(b[i], p) == 0)
			return;
	if (*n < DONE_MAX)
		list[(*n)++] = p;
	else
		*more = true;
}

/* The completions of the focused address field now; false: none to show. */
static bool complete(yz_tui *t, completion *c)
{
	tui_ime *m = &t->ime;
	yz_screen *sc = tui_top(t);
	tui_focus at;
	size_t off[RUN_MAX], k = 0, chars = 0;

	if (focus(t, &at) != TUI_FIELD_ADDRESS || !at.text || !m->places || !sc ||
	    m->places_for != sc->data || composing(m) || text_hash(at.text) == m->hush)
		return false;
	/* The text's last Chinese characters (the last RUN_MAX of them). */
	size_t len = strlen(at.text);
	for (size_t i = 0; i < len; chars++) {
		uint32_t cp = 0;
		size_t b = yz_utf8_decode(at.text + i, len - i, &cp);
		if (b && han(cp))
			off[k++ % RUN_MAX] = i;
		else
			k = 0;
		i += b ? b : 1;
	}
	if (k < 2 || at.cursor != chars)
		return false;
	size_t nr = k < RUN_MAX ? k : RUN_MAX;
	const char *shortest = at.text + off[(k - 2) % RUN_MAX];
	const char *pre[DONE_MAX], *in[DONE_MAX];
	size_t npre = 0, nin = 0, best = 0;

	*c = (completion){0};
	for (size_t w = 0; w < m->n_places; w++) {
		const char *word = m->places[w];
		if (!strstr(word, shortest)) /* every longer run holds it */
			continue;
		for (size_t i = 0; i + 1 < nr && nr - i >= best; i++) {
			const char *s = at.text + off[(k - nr + i) % RUN_MAX];
			size_t sl = len - (size_t)(s - at.text);
			const char *p = strncmp(word, s, sl) == 0 ? word : strstr(word, s);
			if (!p || !p[sl]) /* not in it, or it ends there: nothing to add */
				continue;
			if (nr - i > best) { /* a longer run: the shorter one's go */
				best = nr - i;
				npre = nin = 0;
				c->more = false;
				c->run = s;
				c->run_len = sl;
			}
			if (p == word)
				add_part(pre, &npre, &c->more, pre, npre, in, nin, p);
			else
				add_part(in, &nin, &c->more, pre, npre, in, nin, p);
			break;
		}
	}
	for (size_t i = 0; i < npre; i++)
		c->part[c->n++] = pre[i];
	for (size_t i = 0; i < nin; i++) {
		if (c->n < DONE_MAX)
			c->part[c->n++] = in[i];
		else
			c->more = true;
	}
	return c->n > 0;
}

/* The completions on the bottom row: the characters typed, an arrow, the
 * places (the first, Right's, highlighted) and at the right end the key. */
static void draw_completion(yz_tui *t, const completion *c)
{
	const char *key = _("Right: complete");
	int y = LINES - 1;
	int right = COLS - 2 - yz_text_width(key);

	move(y, 0);
	clrtoeol();
	int x = 1 + tui_put(y, 1, c->run, right - 1, tui_attr(t, ROLE_KEY));
	x += 1 + tui_put(y, x + 1, "\u2192", right - x - 1, A_NORMAL) + 1;
	for (size_t i = 0; i < c->n; i++) {
		bool after = i + 1 < c->n || c->more;
		int w = yz_text_width(c->part[i]);
		if (i > 0 && x + w > right - (after ? 2 : 0)) {
			tui_put(y, x, "\u2026", 1, A_BOLD);
			x = right;
			break;
		}
		attr_t a = i == 0 ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
		x += tui_put(y, x, c->part[i], right - x, a) + 2;
	}
	if (c->more && x < right)
		tui_put(y, x, "\u2026", 1, A_BOLD);
	tui_put(y, right + 1, key, COLS - right - 1, A_BOLD);
}

/* Right at the end of an address field takes the first completion, typed as
 * if typed; Esc hides them until the text changes. */
static bool completion_key(yz_tui *t, tui_key k)
{
	tui_ime *m = &t->ime;
	completion c;
	tui_focus at;

	if (!key_code(k, KEY_RIGHT) && !key_esc(k))
		return false;
	if (!complete(t, &c))
		return false;
	if (key_esc(k)) {
		focus(t, &at);
		m->hush = text_hash(at.text);
	} else {
		queue(m, c.part[0] + c.run_len);
	}
	return true;
}

bool tui_ime_key(yz_tui *t, tui_key k)
{
	tui_ime *m = &t->ime;
	tui_focus at;
	uint32_t key;
	char out[sizeof m->out];

	if (k.none || k.chosen)
		return false;
	tui_ime_follow(t);
	tui_field_kind kind = focus(t, &at);
	if (!k.is_code && k.ch == 0) { /* Ctrl-Space */
		if (kind == TUI_FIELD_NONE)
			tui_msg(t, TUI_MSG_INFO, "%s",
			        _("Ctrl-Space switches to pinyin in a text, name, address or memo "
			          "field."));
		else
			toggle(t);
		return true;
	}
	if (kind == TUI_FIELD_ADDRESS && completion_key(t, k))
		return true;
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
	tui_focus at;

	if (max == 0 || focus(t, &at) == TUI_FIELD_NONE)
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
	tui_focus at;
	char marks[32], c[128];
	completion done;

	if (!composing(m) || focus(t, &at) == TUI_FIELD_NONE) {
		if (complete(t, &done)) /* places completing what was typed */
			draw_completion(t, &done);
		return;
	}
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
	tui_focus at;
	tui_field_kind kind = focus(t, &at);

	if (kind == TUI_FIELD_NONE)
		return false;
	fprintf(f, "%s\n",
	        _("Typing Chinese: Ctrl-Space switches this field between pinyin and direct "
	          "input; the key bar shows which is on. In pinyin, type the pinyin in full or "
	          "by initials (zhang san, zs), then pick with 1-9, or with Space or Enter the "
	          "highlighted one; - and = or PgUp and PgDn show more; Backspace corrects the "
	          "pinyin; Esc drops it. A name field offers surnames first, an address field "
	          "the station's places. A rare character by its code point: u+ and the code, "
	          "such as u+20bb7."));
	if (kind == TUI_FIELD_ADDRESS)
		fprintf(
		    f, "%s\n",
		    _("Chinese characters typed here, in pinyin or by the terminal's own input "
		      "method, complete to the station's places shown on the bottom row: Right "
		      "at the end of the field types the rest of the first one, Esc hides them."));
	fprintf(f, "%s\n\n", t->ime.pinyin ? _("Now: pinyin.") : _("Now: direct input."));
	return true;
}

void tui_ime_end(yz_tui *t)
{
	if (t->ime.engine)
		yz_ime_close(t->ime.engine);
	t->ime.engine = NULL;
	t->ime.pinyin = false;
	free_places(&t->ime);
}
