/* ime: Chinese typed inside the program (issue 15). Pinyin in, characters out,
 * for counters whose terminal has no input method (the Linux console, a thin
 * or serial terminal, SSH from a PC without a Chinese IME).
 *
 * The engine is librime with a pinyin schema from Debian's rime-data packages,
 * in a module loaded with dlopen() on first use (yizhan-ime.so, like the
 * print module's yizhan-render.so), so a counter that never types pinyin never
 * maps librime and its libraries. What is yizhan's own lies around the engine,
 * in this library: names first (surnames, with their surname readings, and
 * compound surnames rank first in a name field), the station's places first
 * in an address field, `u+2a6a5` for a character by its code point.
 *
 * The caller (the counter UI) owns the keys: in pinyin mode it gives each key
 * to yz_ime_key first; YZ_IME_PASS means "not mine, give it to the field". Text
 * that comes out (YZ_IME_COMMIT) is typed into the field as if the clerk had
 * typed it. No ncurses here, and no database: the places come as a list of
 * words (yz_ime_set_words). */
#ifndef YZ_IME_H
#define YZ_IME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/text.h"

typedef struct yz_ime yz_ime;

/* What the field holds: the order of the candidates follows it. */
typedef enum yz_ime_kind {
	YZ_IME_TEXT,    /* free text, memo: the engine's order (and what it learnt) */
	YZ_IME_NAME,    /* a person's name: surnames first for the first syllables */
	YZ_IME_ADDRESS, /* an address: the station's places (yz_ime_set_words) first */
} yz_ime_kind;

/* Keys that are not characters (a character key is its code point, ASCII). */
enum {
	YZ_IME_K_BACKSPACE = 0x110001,
	YZ_IME_K_ENTER,
	YZ_IME_K_ESC,
	YZ_IME_K_PGUP,
	YZ_IME_K_PGDN,
	YZ_IME_K_UP,
	YZ_IME_K_DOWN,
	YZ_IME_K_LEFT,
	YZ_IME_K_RIGHT,
};

typedef enum yz_ime_result {
	YZ_IME_PASS,   /* not the engine's key: give it to the field */
	YZ_IME_USED,   /* taken (the pinyin or the candidates changed): redraw */
	YZ_IME_COMMIT, /* text to type into the field (out); may still be composing */
} yz_ime_result;

#define YZ_IME_PAGE 9 /* candidates on a page at most (picked with 1 .. 9) */

/* What to show while composing. Valid until the next call on the engine. */
typedef struct yz_ime_view {
	const char *preedit;              /* the pinyin being typed, as shown ("zhang s") */
	size_t n;                         /* candidates on this page */
	const char *cand[YZ_IME_PAGE];    /* UTF-8 text of each */
	const char *comment[YZ_IME_PAGE]; /* a note ("" none): a rare character's code point */
	int highlighted;                  /* index on the page Space/Enter picks */
	int page;                         /* 0 = the first */
	bool last_page;
	const char *note; /* "" or a sentence for the clerk: why `u+...` gives no character */
} yz_ime_view;

/* Load the module and librime, and open a session for one counter of a
 * station. station_rime_dir is the station data folder's "rime" (made when
 * absent); in it each counter has a folder of its own, named counter_id
 * ("counter-3": letters, digits, - _ . only; NULL: an id from the OS
 * account, "user-NAME"), and the counters share a sync folder: what one
 * counter learnt is offered at the others from their next open on (learnt
 * words are the station's, never another station's). Opening merges the
 * other counters' words; yz_ime_close, and now and then a pick that ended a
 * composition, gives this counter's. A second program of the same counter
 * at once gets a folder of its own ("counter-3.2"): it types and learns like
 * any counter. The first open of a counter deploys the schema in its folder,
 * which takes a moment once. NULL with err set in the clerk's words when the
 * module or the pinyin data are missing, or the folder cannot be made. One
 * engine per process (YZ_ERR_BUSY). */
yz_ime *yz_ime_open_at(const char *station_rime_dir, const char *counter_id, yz_err *err);
/* yz_ime_open_at(station_rime_dir, NULL, err). */
yz_ime *yz_ime_open(const char *station_rime_dir, yz_err *err);
/* Gives this counter's learnt words to the station (a moment), then ends
 * the engine. */
void yz_ime_close(yz_ime *ime);

/* The field's kind: call it on entering every field (also of the same kind).
 * It clears what is being composed and starts the field afresh: in a name
 * field the surnames rank first again until something is picked. */
void yz_ime_set_kind(yz_ime *ime, yz_ime_kind kind);
/* The station's places (or any words) offered first in an address field when
 * the pinyin typed are their initials or their full pinyin. Copied. */
int yz_ime_set_words(yz_ime *ime, const char *const *words, size_t n, yz_err *err);

/* One key. On YZ_IME_COMMIT the text (UTF-8, NUL-ended) is in out (size n).
 * Nothing composed: a-z start the pinyin (` the strokes), every other key
 * (capitals, digits, signs, Tab, Enter) is YZ_IME_PASS. Composing: a-z and ' (syllable
 * separator) edit the pinyin, 1-9 pick on the page, Space and Enter pick the
 * highlighted (with no candidate, Enter types the letters as they are),
 * - = PgUp PgDn page, Up/Down move the highlight, Left/Right move in the
 * pinyin, Backspace edits, Esc drops; other printable keys are swallowed and
 * control keys (Tab) passed, the composition kept. `u` then `+` then hex
 * digits types a character by its code point (Space/Enter picks it); `
 * then strokes (h s p n z: the five strokes in writing order, "`hshszh")
 * looks a character up by its shape. */
yz_ime_result yz_ime_key(yz_ime *ime, uint32_t key, char *out, size_t n);
/* Whether pinyin is being composed (the candidate bar shows). */
bool yz_ime_composing(const yz_ime *ime);
/* The pinyin and the current page of candidates. */
const yz_ime_view *yz_ime_view_get(yz_ime *ime);
/* Drop what is being composed (the field was left, Esc at the screen). It
 * also starts the field afresh, as yz_ime_set_kind does: call it when the
 * field's text is emptied, so that a name typed again gets its surnames
 * first. */
void yz_ime_clear(yz_ime *ime);

#endif
