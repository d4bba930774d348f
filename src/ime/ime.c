/* The yz_ime_* API (include/yizhan/ime.h): the keys, yizhan's own candidates
 * merged before the engine's, the pages.
 *
 * The engine (librime, in yizhan-ime.so) composes the pinyin and gives its
 * menu; this file owns what the clerk sees: one menu of at most
 * YZ_IME_PAGE candidates a page, where yizhan's own come first and the
 * engine's follow (without the ones already shown):
 *   - in a name field, before anything of the name is picked, the surnames
 *     whose reading starts the syllables typed (data/surnames.txt): a pick
 *     types the surname and leaves the rest composing;
 *   - in an address field, the station's places whose pinyin (whole or
 *     initials) the syllables typed are (from any character of the place
 *     on), then the places that are only the start of a longer input (an
 *     address typed in one go): a pick types the place, the rest composes;
 *   - `u+` and hex digits: the character of that code point.
 * The syllables are librime's own reading of the letters (its preedit,
 * "ou yang xiao yan", "j f l"), so yizhan's candidates follow the same split
 * the engine's do; after a pick of the engine that took only the start of
 * the input, they are the rest's. Picking an engine candidate goes back to
 * librime, which learns it: in this counter's user dictionary, given to the
 * station's other counters through librime's sync (see "the station's
 * folders" below). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../intl.h"
#include "ime-int.h"
#include "yz_config.h"
#include "yizhan/ime.h"

/* yizhan's own candidates at most (surnames for "z" are about 40). */
#define OWN_MAX 96
/* The menu at most: pages beyond are not offered (nobody pages 100 times). */
#define MENU_MAX (YZ_IME_PAGE * 100)
/* Engine candidates fetched at once. */
#define FETCH 32
/* Syllables looked at. */
#define TOK_MAX 16
/* Hex digits of a code point. */
#define CP_DIGITS 6
/* What was learnt goes to the station at most this often (seconds) while
 * the engine is open: a sync with a few thousand learnt words at the station
 * takes about 0.3 s (bench_ime), a pause the clerk should seldom see.
 * $YIZHAN_IME_SYNC_SECONDS sets another (0: after every learnt pick; the
 * tests use it). */
#define SYNC_SECONDS 300
/* Places kept for an address field, and the length of one. */
#define WORDS_MAX      20000
#define WORD_BYTES_MAX 256

typedef enum src {
	SRC_ENGINE,    /* the engine's candidate index */
	SRC_SURNAME,   /* a surname taking the first tokens syllables */
	SRC_WORD,      /* a place: takes its syllables (tokens), the rest composes */
	SRC_CODEPOINT, /* u+: takes all the input */
} src;

/* One candidate of the menu. */
typedef struct entry {
	src src;
	size_t index;  /* SRC_ENGINE: its index in the engine's menu */
	size_t tokens; /* SRC_SURNAME: the syllables it takes */
	char text[YZ_IME_TEXT_MAX];
	char comment[YZ_IME_COMMENT_MAX];
} entry;

struct yz_ime {
	const yz_ime_ops *ops; /* the module */
	yz_ime_engine *eng;    /* its session */
	ime_station sta;       /* its folders in the station's (station.c) */
	unsigned learnt;       /* picks the engine learnt since the last sync */
	time_t synced;         /* when it last synced */
	long sync_every;       /* SYNC_SECONDS or $YIZHAN_IME_SYNC_SECONDS */
	yz_surnames *surnames; /* data/surnames.txt */
	char **words;          /* yz_ime_set_words' copies */
	size_t nwords;         /* how many */
	yz_ime_kind kind;      /* the field's */
	bool picked;           /* something of this field's text was picked: no surnames first */
	bool cp_mode;          /* typing u+XXXX */
	char cp_hex[CP_DIGITS + 1];    /* its digits */
	char tok[TOK_MAX][8];          /* the syllables of the input still to convert */
	size_t ntok;                   /* how many */
	size_t held;                   /* bytes of the preedit the engine has picked already */
	size_t rest_letters;           /* letters of the input still to convert */
	entry *menu;                   /* own candidates, then the engine's fetched so far */
	size_t nmenu;                  /* entries in menu */
	size_t nown;                   /* of which yizhan's own */
	size_t eng_next;               /* the engine's next index to fetch */
	bool eng_end;                  /* the engine's menu is all fetched */
	size_t page;                   /* the page shown */
	size_t hl;                     /* the highlighted entry (menu index) */
	char preedit[YZ_IME_TEXT_MAX]; /* what the view shows */
	char note[256];                /* why u+ gives nothing, "" */
	yz_ime_view view;              /* yz_ime_view_get's */
};

static void refresh(yz_ime *ime);

/* The station's sync (ime_station_sync); false only when the session could
 * not be made again. */
static bool sync_words(yz_ime *ime, bool merge, bool again)
{
	int rc = ime_station_sync(&ime->sta, ime->ops, ime->eng, merge, again);
	if (rc == 1) {
		ime->learnt = 0;
		ime->synced = time(NULL);
	}
	return rc >= 0;
}

/* After a pick that ended the composition: the words learnt go to the
 * station now and then (a sync costs a session's end and start, see
 * bench_ime), never while something is being composed. */
static void maybe_sync(yz_ime *ime)
{
	if (ime->learnt == 0 || ime->sta.lock_fd < 0 || yz_ime_composing(ime))
		return;
	if (time(NULL) - ime->synced < ime->sync_every)
		return;
	sync_words(ime, false, true);
	refresh(ime);
}

/* ---- open and close ------------------------------------------------------- */

/* One engine per process (librime is); the module says so too, but only
 * after this file made the counter folder. */
static bool in_use;

static void release(yz_ime *ime)
{
	ime_station_close(&ime->sta);
	yz_surnames_free(ime->surnames);
	free(ime->menu);
	free(ime);
}

yz_ime *yz_ime_open_at(const char *station_rime_dir, const char *counter_id, yz_err *err)
{
	const char *rime_dir = station_rime_dir;
	if (!rime_dir || !*rime_dir || strlen(rime_dir) >= PATH_MAX - 2 * YZ_IME_ID_MAX - 64) {
		yz_err_setc(err, YZ_ERR_INVALID, _("No folder for pinyin input was given."));
		return NULL;
	}
	char id[YZ_IME_ID_MAX + 1];
	if (counter_id && !ime_id_ok(counter_id)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("\"%s\" cannot name a counter's pinyin folder: use letters, digits, "
		              "'-', '_' and '.' only."),
		            counter_id);
		return NULL;
	}
	if (counter_id)
		snprintf(id, sizeof id, "%s", counter_id);
	else
		ime_account_id(id, sizeof id);
	if (in_use) {
		yz_err_setc(err, YZ_ERR_BUSY, _("Pinyin input is already open in this program."));
		return NULL;
	}
	yz_ime *ime = calloc(1, sizeof *ime);
	if (ime)
		ime->menu = calloc(MENU_MAX, sizeof *ime->menu);
	if (!ime || !ime->menu) {
		if (ime)
			free(ime);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return NULL;
	}
	ime->sta.lock_fd = -1;
	const char *every = getenv("YIZHAN_IME_SYNC_SECONDS");
	ime->sync_every = every && *every ? strtol(every, NULL, 10) : SYNC_SECONDS;
	if (ime->sync_every < 0)
		ime->sync_every = SYNC_SECONDS;
	char path[PATH_MAX];
	if (ime_station_open(&ime->sta, rime_dir, id, err) != 0) {
		release(ime);
		return NULL;
	}
	ime_own_path("data/surnames.txt", path, sizeof path);
	if (!(ime->surnames = yz_surnames_load(path, err)) || !(ime->ops = yz_ime_module(err)) ||
	    !(ime->eng = ime->ops->open(ime_shared_dir(), ime->sta.user_dir, err))) {
		ime_tighten(ime->sta.user_dir);
		release(ime);
		return NULL;
	}
	in_use = true;
	/* what the station's other counters learnt */
	if (!sync_words(ime, true, true)) {
		yz_err_setc(err, YZ_ERR_IO,
		            _("Pinyin input could not prepare its files in %s. Check that the "
		              "folder can be written and the disk is not full."),
		            ime->sta.user_dir);
		yz_ime_close(ime);
		return NULL;
	}
	ime_tighten(ime->sta.user_dir);
	refresh(ime);
	return ime;
}

yz_ime *yz_ime_open(const char *user_dir, yz_err *err)
{
	return yz_ime_open_at(user_dir, NULL, err);
}

static void free_words(yz_ime *ime)
{
	for (size_t i = 0; i < ime->nwords; i++)
		free(ime->words[i]);
	free(ime->words);
	ime->words = NULL;
	ime->nwords = 0;
}

void yz_ime_close(yz_ime *ime)
{
	if (!ime)
		return;
	sync_words(ime, false, false); /* what this counter learnt, for the station */
	ime->ops->close(ime->eng);
	ime_tighten(ime->sta.user_dir);
	free_words(ime);
	in_use = false;
	release(ime);
}

int yz_ime_set_words(yz_ime *ime, const char *const *words, size_t n, yz_err *err)
{
	free_words(ime);
	if (n > WORDS_MAX)
		n = WORDS_MAX;
	ime->words = n ? calloc(n, sizeof *ime->words) : NULL;
	if (n && !ime->words)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		if (!words[i] || !*words[i] || strlen(words[i]) >= WORD_BYTES_MAX ||
		    !yz_utf8_valid(words[i], strlen(words[i])))
			continue; /* not a place one types */
		if (!(ime->words[ime->nwords] = strdup(words[i])))
			goto oom;
		ime->nwords++;
	}
	return 0;
oom:
	free_words(ime);
	yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
	return -1;
}

/* ---- the menu -------------------------------------------------------------- */

/* Whether p starts a character of the pinyin in librime's preedit: a
 * letter, a separator, u-umlaut. */
static bool pinyin_at(const char *p)
{
	unsigned char c = (unsigned char)*p;
	return (c >= 'a' && c <= 'z') || c == ' ' || c == '\'' ||
	       (c == 0xc3 && (unsigned char)p[1] == 0xbc);
}

/* The syllables of librime's preedit into ime->tok. After a pick of the
 * engine that took only the start of the input ("xi hu qu wen san lu", the
 * district Xihuqu picked) the preedit begins with what was picked (its three
 * characters, then "wen san lu"): its
 * bytes are ime->held, and the syllables are those of the rest, converted
 * as the whole input would be. None when the pinyin holds characters
 * elsewhere (a stroke lookup's strokes). */
static void split_tokens(yz_ime *ime)
{
	ime->ntok = 0;
	ime->rest_letters = 0;
	const char *p = ime->preedit;
	size_t left = strlen(p);
	while (*p && !pinyin_at(p)) {
		uint32_t cp;
		size_t k = yz_utf8_decode(p, left, &cp);
		if (k == 0)
			break;
		p += k;
		left -= k;
	}
	ime->held = (size_t)(p - ime->preedit);
	size_t len = 0;
	for (;; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\0' || c == ' ' || c == '\'') {
			if (len > 0 && ime->ntok < TOK_MAX) {
				ime->tok[ime->ntok][len] = '\0';
				ime->ntok++;
			}
			len = 0;
			if (c == '\0')
				break;
			continue;
		}
		if (c >= 'a' && c <= 'z') {
			ime->rest_letters++;
			if (len < 7 && ime->ntok < TOK_MAX)
				ime->tok[ime->ntok][len++] = (char)c;
		} else if (c == 0xc3 && (unsigned char)p[1] == 0xbc) { /* u-umlaut: v */
			ime->rest_letters++;
			if (len < 7 && ime->ntok < TOK_MAX)
				ime->tok[ime->ntok][len++] = 'v';
			p++;
		} else {
			ime->ntok = 0; /* characters after the pinyin */
			ime->rest_letters = 0;
			return;
		}
	}
}

static bool own_has(const yz_ime *ime, const char *text)
{
	for (size_t i = 0; i < ime->nown; i++)
		if (strcmp(ime->menu[i].text, text) == 0)
			return true;
	return false;
}

static void add_own(yz_ime *ime, src s, size_t tokens, const char *text, const char *comment)
{
	if (ime->nown >= OWN_MAX || own_has(ime, text))
		return;
	entry *e = &ime->menu[ime->nown++];
	e->src = s;
	e->index = 0;
	e->tokens = tokens;
	yz_strlcpy_utf8(e->text, text, sizeof e->text);
	yz_strlcpy_utf8(e->comment, comment, sizeof e->comment);
}

/* Where in word the tokens are the readings (whole, or their initials) of a
 * run of characters (characters without one, digits, are passed over): the
 * byte offset of the run's first character, or -1. The earliest run is
 * taken. */
static long word_run(const yz_ime *ime, const char *word)
{
	size_t len = strlen(word);
	for (size_t start = 0; start < len;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(word + start, len - start, &cp);
		if (k == 0)
			return -1;
		if (yz_pinyin_mask(cp) && cp >= 0x80) {
			size_t t = 0, at = start;
			while (t < ime->ntok && at < len) {
				uint32_t c2;
				size_t k2 = yz_utf8_decode(word + at, len - at, &c2);
				if (k2 == 0)
					break;
				at += k2;
				if (!yz_pinyin_mask(c2) || c2 < 0x80)
					continue;
				if (!yz_ime_token_reads(c2, ime->tok[t], t + 1 == ime->ntok))
					break;
				t++;
			}
			if (t == ime->ntok)
				return (long)start;
		}
		start += k;
	}
	return -1;
}

/* How many syllables from the first on the whole word reads (whole or as
 * initials), when they are a start of the input only: two at least, and
 * fewer than all ("xi hu qu wen san lu" and the place Xihuqu: 3); 0 else. */
static size_t word_covers(const yz_ime *ime, const char *word)
{
	size_t len = strlen(word), t = 0;
	for (size_t at = 0; at < len;) {
		uint32_t cp;
		size_t k = yz_utf8_decode(word + at, len - at, &cp);
		if (k == 0)
			return 0;
		at += k;
		if (!yz_pinyin_mask(cp) || cp < 0x80)
			continue;
		if (t + 1 >= ime->ntok || !yz_ime_token_reads(cp, ime->tok[t], false))
			return 0;
		t++;
	}
	return t >= 2 ? t : 0;
}

static void add_words(yz_ime *ime)
{
	if (ime->ntok == 0)
		return; /* nothing to match (not every place) */
	/* the places starting with the syllables first, then those where they
	 * are inside ("xq" for the compound Yangguang Xiaoqu offers its "xiaoqu"; two syllables at
	 * least, or "lu" would offer the end of every road) */
	for (int pass = 0; pass < (ime->ntok >= 2 ? 2 : 1); pass++)
		for (size_t i = 0; i < ime->nwords; i++) {
			long at = word_run(ime, ime->words[i]);
			if (at >= 0 && (at == 0) == (pass == 0))
				add_own(ime, SRC_WORD, ime->ntok, ime->words[i] + at, "");
		}
	/* then the places that are the start of a longer input ("xi hu qu wen
	 * san lu": Xihuqu), the longest first: a pick types the place and
	 * leaves the rest composing */
	size_t best[OWN_MAX], nbest = 0;
	for (size_t i = 0; i < ime->nwords && nbest < OWN_MAX; i++)
		if (word_covers(ime, ime->words[i]))
			best[nbest++] = i;
	for (size_t k = ime->ntok - 1; k >= 2; k--)
		for (size_t j = 0; j < nbest; j++)
			if (word_covers(ime, ime->words[best[j]]) == k)
				add_own(ime, SRC_WORD, k, ime->words[best[j]], "");
}

static void add_surnames(yz_ime *ime)
{
	yz_surname_hit hits[OWN_MAX];
	size_t n = yz_surnames_match(ime->surnames, ime->tok, ime->ntok, hits, OWN_MAX);
	for (size_t i = 0; i < n; i++)
		add_own(ime, SRC_SURNAME, hits[i].tokens, hits[i].text, "");
}

/* The code point typed after u+, and whether it is one to type. */
static void add_codepoint(yz_ime *ime)
{
	ime->note[0] = '\0';
	if (!ime->cp_hex[0])
		return;
	unsigned long cp = strtoul(ime->cp_hex, NULL, 16);
	char text[8] = "", comment[YZ_IME_COMMENT_MAX];
	if (cp >= 0xd800 && cp <= 0xdfff)
		snprintf(ime->note, sizeof ime->note,
		         _("U+%04lX is half of a UTF-16 pair (a surrogate), not a character."), cp);
	else if (cp > 0x10ffff || !yz_ime_cp_ok((uint32_t)cp) ||
	         !yz_utf8_encode((uint32_t)cp, text))
		snprintf(ime->note, sizeof ime->note,
		         _("U+%04lX is not a character one can type: unassigned, a control or "
		           "private-use code."),
		         cp);
	if (ime->note[0])
		return;
	snprintf(comment, sizeof comment, "U+%04lX", cp);
	add_own(ime, SRC_CODEPOINT, 0, text, comment);
}

/* The comment of an engine candidate: the engine's, else for a single
 * character beyond the BMP (a rare character some fonts and printers lack)
 * its code point. */
static void engine_comment(entry *e, const char *comment)
{
	uint32_t cp;
	size_t len = strlen(e->text);
	size_t k = yz_utf8_decode(e->text, len, &cp);
	if (*comment)
		yz_strlcpy_utf8(e->comment, comment, sizeof e->comment);
	else if (k == len && k > 0 && cp > 0xffff)
		snprintf(e->comment, sizeof e->comment, "U+%04X", (unsigned)cp);
	else
		e->comment[0] = '\0';
}

/* Fetch engine candidates until the menu has want entries or the engine's
 * menu ends. */
static void fill(yz_ime *ime, size_t want)
{
	if (want > MENU_MAX)
		want = MENU_MAX;
	yz_ime_cand got[FETCH];
	while (ime->nmenu < want && !ime->eng_end && !ime->cp_mode) {
		size_t n = ime->ops->candidates(ime->eng, ime->eng_next, got, FETCH);
		if (n < FETCH)
			ime->eng_end = true;
		for (size_t i = 0; i < n && ime->nmenu < MENU_MAX; i++) {
			size_t index = ime->eng_next + i;
			if (own_has(ime, got[i].text))
				continue;
			entry *e = &ime->menu[ime->nmenu++];
			e->src = SRC_ENGINE;
			e->index = index;
			e->tokens = 0;
			yz_strlcpy_utf8(e->text, got[i].text, sizeof e->text);
			engine_comment(e, got[i].comment);
		}
		ime->eng_next += n;
		if (ime->nmenu >= MENU_MAX)
			ime->eng_end = true;
	}
}

/* After the input changed: the syllables, yizhan's own candidates, the
 * first page. */
static void refresh(yz_ime *ime)
{
	ime->nown = ime->nmenu = 0;
	ime->eng_next = 0;
	ime->eng_end = false;
	ime->page = ime->hl = 0;
	ime->note[0] = '\0';
	if (ime->cp_mode) {
		snprintf(ime->preedit, sizeof ime->preedit, "u+%s", ime->cp_hex);
		ime->ntok = 0;
		add_codepoint(ime);
		ime->nmenu = ime->nown;
		ime->eng_end = true;
		return;
	}
	ime->ops->preedit(ime->eng, ime->preedit, sizeof ime->preedit);
	split_tokens(ime);
	if (ime->kind == YZ_IME_NAME && !ime->picked)
		add_surnames(ime);
	else if (ime->kind == YZ_IME_ADDRESS)
		add_words(ime);
	ime->nmenu = ime->nown;
	fill(ime, YZ_IME_PAGE + 1);
}

/* ---- keys ------------------------------------------------------------------ */

bool yz_ime_composing(const yz_ime *ime)
{
	return ime->cp_mode || *ime->ops->input(ime->eng) != '\0';
}

static void drop(yz_ime *ime)
{
	ime->ops->clear(ime->eng);
	ime->cp_mode = false;
	ime->cp_hex[0] = '\0';
	refresh(ime);
}

void yz_ime_clear(yz_ime *ime)
{
	ime->picked = false;
	drop(ime);
}

void yz_ime_set_kind(yz_ime *ime, yz_ime_kind kind)
{
	ime->kind = kind;
	yz_ime_clear(ime);
}

/* out gets text; the result for the caller. */
static yz_ime_result commit(yz_ime *ime, const char *text, char *out, size_t n)
{
	yz_strlcpy_utf8(out, text, n);
	ime->picked = true;
	refresh(ime);
	return *out ? YZ_IME_COMMIT : YZ_IME_USED;
}

/* Pick menu entry i. */
static yz_ime_result pick(yz_ime *ime, size_t i, char *out, size_t n)
{
	fill(ime, i + 1);
	if (i >= ime->nmenu)
		return YZ_IME_USED;
	entry *e = &ime->menu[i];
	char text[YZ_IME_TEXT_MAX];
	yz_strlcpy_utf8(text, e->text, sizeof text);
	switch (e->src) {
	case SRC_ENGINE:
		ime->picked = true;
		if (!ime->ops->select(ime->eng, e->index)) {
			refresh(ime);
			return YZ_IME_USED;
		}
		if (ime->ops->commit(ime->eng, text, sizeof text)) {
			ime->learnt++; /* the engine learnt what it committed */
			return commit(ime, text, out, n);
		}
		refresh(ime); /* a part picked: the rest still composing */
		return YZ_IME_USED;
	case SRC_SURNAME:
	case SRC_WORD: {
		/* A surname or a place takes its syllables' letters, what the
		 * engine had picked before it (ime->held) is typed with it, and
		 * the rest of the input is given to the engine again. */
		char whole[2 * YZ_IME_TEXT_MAX];
		snprintf(whole, sizeof whole, "%.*s%s", (int)ime->held, ime->preedit, text);
		const char *in = ime->ops->input(ime->eng);
		size_t letters = 0;
		for (const char *q = in; *q; q++)
			if (*q != '\'' && *q != ' ')
				letters++;
		letters = letters > ime->rest_letters ? letters - ime->rest_letters : 0;
		for (size_t t = 0; t < e->tokens && t < ime->ntok; t++)
			letters += strlen(ime->tok[t]);
		char rest[YZ_IME_INPUT_MAX + 1];
		const char *p = in;
		for (; *p && letters > 0; p++)
			if (*p != '\'' && *p != ' ')
				letters--;
		p += strspn(p, "' ");
		snprintf(rest, sizeof rest, "%s", p);
		if (*rest)
			ime->ops->set_input(ime->eng, rest);
		else
			ime->ops->clear(ime->eng);
		return commit(ime, whole, out, n);
	}
	case SRC_CODEPOINT:
		ime->ops->clear(ime->eng);
		ime->cp_mode = false;
		ime->cp_hex[0] = '\0';
		return commit(ime, text, out, n);
	}
	return YZ_IME_USED;
}

/* Enter or Space with nothing to pick: the letters as typed (a word in
 * Latin letters, an English name). */
static yz_ime_result commit_raw(yz_ime *ime, char *out, size_t n)
{
	char raw[YZ_IME_INPUT_MAX + 8];
	if (ime->cp_mode)
		snprintf(raw, sizeof raw, "u+%s", ime->cp_hex);
	else
		snprintf(raw, sizeof raw, "%s", ime->ops->input(ime->eng));
	drop(ime);
	yz_strlcpy_utf8(out, raw, n);
	ime->picked = true;
	return *out ? YZ_IME_COMMIT : YZ_IME_USED;
}

static void set_page(yz_ime *ime, size_t page)
{
	fill(ime, (page + 1) * YZ_IME_PAGE + 1);
	if (page * YZ_IME_PAGE >= ime->nmenu)
		return;
	ime->page = page;
	ime->hl = page * YZ_IME_PAGE;
}

static void move_hl(yz_ime *ime, int d)
{
	if (d < 0 && ime->hl == 0)
		return;
	size_t to = d < 0 ? ime->hl - 1 : ime->hl + 1;
	fill(ime, to + 2);
	if (to >= ime->nmenu)
		return;
	ime->hl = to;
	ime->page = to / YZ_IME_PAGE;
}

/* A key while typing u+XXXX. */
static yz_ime_result cp_key(yz_ime *ime, uint32_t key, char *out, size_t n)
{
	size_t len = strlen(ime->cp_hex);
	if (key < 0x80 && strchr("0123456789abcdefABCDEF", (int)key) && key) {
		if (len < CP_DIGITS) {
			ime->cp_hex[len] = (char)(key | 0x20);
			ime->cp_hex[len + 1] = '\0';
			refresh(ime);
		}
		return YZ_IME_USED;
	}
	switch (key) {
	case YZ_IME_K_BACKSPACE:
		if (len > 0) {
			ime->cp_hex[len - 1] = '\0';
		} else { /* back to the "u" it came from */
			ime->cp_mode = false;
			ime->ops->set_input(ime->eng, "u");
		}
		refresh(ime);
		return YZ_IME_USED;
	case YZ_IME_K_ESC:
		drop(ime);
		return YZ_IME_USED;
	case ' ':
	case YZ_IME_K_ENTER:
		return ime->nmenu ? pick(ime, 0, out, n) : YZ_IME_USED;
	default:
		return YZ_IME_USED;
	}
}

/* A key while composing pinyin. */
static yz_ime_result compose_key(yz_ime *ime, uint32_t key, char *out, size_t n)
{
	const char *in = ime->ops->input(ime->eng);
	if (key >= 'A' && key <= 'Z')
		key |= 0x20;
	if ((key >= 'a' && key <= 'z') || key == '\'') {
		if (strlen(in) < YZ_IME_INPUT_MAX) {
			ime->ops->key(ime->eng, (int)key);
			refresh(ime);
		}
		return YZ_IME_USED;
	}
	if (key == '+' && strcmp(in, "u") == 0) {
		ime->ops->clear(ime->eng);
		ime->cp_mode = true;
		ime->cp_hex[0] = '\0';
		refresh(ime);
		return YZ_IME_USED;
	}
	if (key >= '1' && key <= '9') {
		size_t i = ime->page * YZ_IME_PAGE + (key - '1');
		return i < ime->nmenu ? pick(ime, i, out, n) : YZ_IME_USED;
	}
	switch (key) {
	case ' ':
	case YZ_IME_K_ENTER:
		return ime->nmenu ? pick(ime, ime->hl, out, n) : commit_raw(ime, out, n);
	case '-':
	case YZ_IME_K_PGUP:
		if (ime->page > 0)
			set_page(ime, ime->page - 1);
		return YZ_IME_USED;
	case '=':
	case YZ_IME_K_PGDN:
		set_page(ime, ime->page + 1);
		return YZ_IME_USED;
	case YZ_IME_K_UP:
		move_hl(ime, -1);
		return YZ_IME_USED;
	case YZ_IME_K_DOWN:
		move_hl(ime, 1);
		return YZ_IME_USED;
	case YZ_IME_K_LEFT:
	case YZ_IME_K_RIGHT:
		ime->ops->key(ime->eng, key == YZ_IME_K_LEFT ? YZ_IME_XK_LEFT : YZ_IME_XK_RIGHT);
		refresh(ime);
		return YZ_IME_USED;
	case YZ_IME_K_BACKSPACE:
		ime->ops->key(ime->eng, YZ_IME_XK_BACKSPACE);
		refresh(ime);
		return YZ_IME_USED;
	case YZ_IME_K_ESC:
		drop(ime);
		return YZ_IME_USED;
	default:
		/* other characters are not typed into the middle of the pinyin;
		 * the caller's own keys (Tab, function keys) are its business */
		return key >= 0x20 && key < 0x7f ? YZ_IME_USED : YZ_IME_PASS;
	}
}

static yz_ime_result one_key(yz_ime *ime, uint32_t key, char *out, size_t n)
{
	char spare[4];
	if (!out || n == 0) { /* the caller takes no text: it is dropped */
		out = spare;
		n = sizeof spare;
	}
	out[0] = '\0';
	if (ime->cp_mode)
		return cp_key(ime, key, out, n);
	if (yz_ime_composing(ime))
		return compose_key(ime, key, out, n);
	/* Nothing composed: a small letter starts the pinyin, ` a character
	 * looked up by its strokes (Luna Pinyin's stroke lookup: h s p n z for
	 * the five strokes, the way to a rare character whose reading the
	 * clerk does not know); a capital, a digit, a sign is the field's
	 * (building 3, block A: "3 hao lou A zuo"). */
	if ((key >= 'a' && key <= 'z') || key == '`') {
		ime->ops->key(ime->eng, (int)key);
		refresh(ime);
		return YZ_IME_USED;
	}
	return YZ_IME_PASS;
}

yz_ime_result yz_ime_key(yz_ime *ime, uint32_t key, char *out, size_t n)
{
	yz_ime_result r = one_key(ime, key, out, n);
	if (r == YZ_IME_COMMIT)
		maybe_sync(ime);
	return r;
}

const yz_ime_view *yz_ime_view_get(yz_ime *ime)
{
	yz_ime_view *v = &ime->view;
	memset(v, 0, sizeof *v);
	fill(ime, (ime->page + 1) * YZ_IME_PAGE + 1);
	v->preedit = yz_ime_composing(ime) ? ime->preedit : "";
	v->note = ime->note;
	v->page = (int)ime->page;
	size_t first = ime->page * YZ_IME_PAGE;
	for (size_t i = first; i < ime->nmenu && v->n < YZ_IME_PAGE; i++) {
		v->cand[v->n] = ime->menu[i].text;
		v->comment[v->n] = ime->menu[i].comment;
		v->n++;
	}
	v->highlighted = (int)(ime->hl - first);
	v->last_page = ime->eng_end && first + YZ_IME_PAGE >= ime->nmenu;
	return v;
}
