/* Internal to src/ime: the engine module, yizhan-ime.so, and what the rest of
 * the library shares.
 *
 * librime and its libraries (boost, leveldb, yaml-cpp, opencc, marisa, glog,
 * the C++ runtime) and the pinyin tables it maps are several megabytes a
 * counter that never types pinyin should not carry (issue 5's memory figure).
 * So the librime calls live in a module that loader.c loads with dlopen() on
 * the first yz_ime_open(), found and checked as src/print's render module is.
 * The module knows nothing of yizhan's own candidates (surnames, places, code
 * points): it is a thin, synchronous wrapper of one librime session; ime.c
 * merges and pages. */
#ifndef YZ_IME_INT_H
#define YZ_IME_INT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "yizhan/ime.h"

/* Bumped whenever yz_ime_ops or a structure it passes changes. */
#define YZ_IME_ABI 2
/* The name of the exported yz_ime_ops in the module. */
#define YZ_IME_SYMBOL "yz_ime_module_ops"

/* The schema yizhan selects: Luna Pinyin with simplified output (OpenCC t2s).
 * Luna's dictionary is the one Debian packages with the most characters
 * (15,816 of CJK Ext-B and beyond) and the essay-based phrase weights;
 * pinyin_simp has none beyond the BMP. */
#define YZ_IME_SCHEMA "luna_pinyin_simp"
/* Its user dictionary (learnt words): <user folder>/luna_pinyin.userdb. */
#define YZ_IME_USERDB "luna_pinyin"
/* Where Debian's rime-data packages put the shared data. */
#define YZ_IME_SHARED_DIR "/usr/share/rime-data"

/* Longest candidate text and comment kept (bytes with the NUL); a longer
 * sentence candidate is cut at a character boundary. */
#define YZ_IME_TEXT_MAX    256
#define YZ_IME_COMMENT_MAX 64
/* Longest pinyin input the engine is given (letters and separators). */
#define YZ_IME_INPUT_MAX 64

/* One candidate of the engine's menu. */
typedef struct yz_ime_cand {
	char text[YZ_IME_TEXT_MAX];       /* UTF-8 */
	char comment[YZ_IME_COMMENT_MAX]; /* the engine's comment, "" none */
} yz_ime_cand;

/* One open librime session (module.c). */
typedef struct yz_ime_engine yz_ime_engine;

/* Keys the module understands besides ASCII (X11 keysyms, as librime wants). */
enum {
	YZ_IME_XK_BACKSPACE = 0xff08,
	YZ_IME_XK_ESCAPE = 0xff1b,
	YZ_IME_XK_LEFT = 0xff51,
	YZ_IME_XK_RIGHT = 0xff53,
};

/* What the module offers; loader.c checks abi and version before use. Every
 * call is synchronous (librime's maintenance thread is joined in open). */
typedef struct yz_ime_ops {
	int abi;             /* YZ_IME_ABI of the module */
	const char *version; /* YZ_VERSION of the module */
	/* Set librime up (once per process), deploy the schema into user_dir when
	 * it changed (the first time: about half a second), open a session on
	 * YZ_IME_SCHEMA. NULL with err set in the clerk's words. */
	yz_ime_engine *(*open)(const char *shared_dir, const char *user_dir, yz_err *err);
	/* End the session and librime (its user dictionary is written). */
	void (*close)(yz_ime_engine *e);
	/* librime's own synchronisation of learnt words. The session ends (the
	 * user dictionary must be closed); with merge, RimeSyncUserData: the
	 * snapshots of every installation in the sync folder (named in the user
	 * folder's installation.yaml) are merged into this one's dictionary,
	 * then this one's is written there as its snapshot; without, only the
	 * snapshot is written (librime's levers backup_user_dict), which costs
	 * a fraction. With again a new session follows (a composition is lost:
	 * call it between two). False when the sync or the new session
	 * failed. */
	bool (*sync)(yz_ime_engine *e, bool merge, bool again);
	/* Give one key (an ASCII character or a YZ_IME_XK_*) to librime: true
	 * when it took it. */
	bool (*key)(yz_ime_engine *e, int keysym);
	/* The raw input ("zhangsan"), "" when nothing is composed; valid until
	 * the next call. */
	const char *(*input)(yz_ime_engine *e);
	/* Copy the preedit as librime shows it ("zhang san", or "xing fu" picked followed by "li")
	 * into out. */
	void (*preedit)(yz_ime_engine *e, char *out, size_t n);
	/* Copy up to max candidates of the menu, from index from on, into out;
	 * returns how many there were (fewer at the end of the menu). */
	size_t (*candidates)(yz_ime_engine *e, size_t from, yz_ime_cand *out, size_t max);
	/* Pick candidate index of the whole menu. */
	bool (*select)(yz_ime_engine *e, size_t index);
	/* Copy the text the last key or pick committed into out (n bytes); false
	 * when nothing was committed. */
	bool (*commit)(yz_ime_engine *e, char *out, size_t n);
	/* Replace the input (what is left after yizhan took a surname). */
	bool (*set_input)(yz_ime_engine *e, const char *input);
	/* Drop what is being composed. */
	void (*clear)(yz_ime_engine *e);
} yz_ime_ops;

/* loader.c: the module's table, or NULL with err set (module missing or of
 * another version). */
const yz_ime_ops *yz_ime_module(yz_err *err);

/* surnames.c: the surname table (data/surnames.txt). */
typedef struct yz_surnames yz_surnames;
/* Loads the table from path; NULL with err set. */
yz_surnames *yz_surnames_load(const char *path, yz_err *err);
void yz_surnames_free(yz_surnames *s);
/* One surname matching the start of the pinyin typed. */
typedef struct yz_surname_hit {
	const char *text; /* the surname (UTF-8), owned by the table */
	size_t tokens;    /* syllables of the input it takes */
	int score;        /* syllables typed whole or as a finished initial */
	size_t rank;      /* its place in the file: the lower the commoner */
} yz_surname_hit;
/* The surnames whose reading starts the syllables tok[0..ntok) (as
 * librime's preedit splits the input), best first: more syllables typed
 * out, then the commoner. Returns how many were written to hits. */
size_t yz_surnames_match(const yz_surnames *s, char tok[][8], size_t ntok, yz_surname_hit *hits,
                         size_t max);

/* readings.c: may token t (a syllable as librime splits the input, small
 * letters, v for u-umlaut) stand for character cp? It may when it is one of
 * cp's readings; an initial (one letter, zh, ch, sh) one of them starts with;
 * or, with prefix (the last syllable, still being typed), the start of one. */
bool yz_ime_token_reads(uint32_t cp, const char *t, bool prefix);

/* station.c: the station's folders (its comment says what lives where). */
#define YZ_IME_ID_MAX 64 /* a counter's id at most (bytes): part of a folder's name */
typedef struct ime_station {
	char user_dir[PATH_MAX];    /* this counter's folder in the station's rime folder */
	char sync_dir[PATH_MAX];    /* the station's sync folder (shared by its counters) */
	char id[YZ_IME_ID_MAX + 8]; /* the installation: the counter's id (".2": a second one) */
	int lock_fd;                /* the counter folder's lock held, -1 none (no learning) */
} ime_station;
/* Makes the station's rime and sync folders, takes a counter folder for id
 * (validated with ime_id_ok) and writes yizhan's librime settings into it.
 * 0, or -1 with err set. */
int ime_station_open(ime_station *sta, const char *rime_dir, const char *id, yz_err *err);
/* Lets the counter folder go (another program of this counter may take it). */
void ime_station_close(ime_station *sta);
/* librime's sync through the module, one counter of the station at a time.
 * merge: take the others' words in too (on opening), else only give this
 * counter's. again: a session follows. 1 synced, 0 not now (no learning, or
 * another counter's sync went on too long), -1 the session could not be made
 * again. */
int ime_station_sync(ime_station *sta, const yz_ime_ops *ops, yz_ime_engine *eng, bool merge,
                     bool again);
/* Whether id may name a counter's folder; the id of a program that names no
 * counter (its OS account's). */
bool ime_id_ok(const char *id);
void ime_account_id(char *out, size_t n);
/* Files and folders under dir: 0640/0750 at most. */
void ime_tighten(const char *dir);
/* yizhan's own file name (data/...) in its data folder ($YIZHAN_DATADIR). */
void ime_own_path(const char *name, char *out, size_t n);
/* librime's shared data: Debian's, or $YIZHAN_RIME_SHARED_DIR. */
const char *ime_shared_dir(void);

/* codepoint.c: true when cp may be typed by its code point: assigned in the
 * Unicode data the build was made with, not a control, format character,
 * surrogate, private-use or noncharacter. */
bool yz_ime_cp_ok(uint32_t cp);

#endif
