/* Internal interface of the tui module: the screen stack, keys, drawing helpers and
 * the widgets (field editor, panel of fields, list, dialogs, key bar) that the
 * screens in src/tui/screens/ are built from. Only src/tui includes this. */
#ifndef YZ_TUI_INT_H
#define YZ_TUI_INT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include "yizhan/ime.h"
#include "yizhan/tui.h"

/* The smallest terminal the screens are laid out for. */
#define TUI_MIN_COLS  80
#define TUI_MIN_LINES 24
/* How often a screen with a tick op reads again while no key comes (ms). */
#define TUI_TICK_MS 5000

/* ---- keys ------------------------------------------------------------------ */

/* One key press: a function key (KEY_* code) or a character. */
typedef struct tui_key {
	bool none;    /* nothing usable (a discarded escape sequence, an error) */
	bool is_code; /* code holds a KEY_* value; otherwise ch holds a character */
	int code;     /* KEY_F(1), KEY_UP, KEY_RESIZE, … */
	wint_t ch;    /* a character, control characters included (27 = a lone Esc) */
	bool chosen;  /* issue 15: a character the pinyin input chose, typed into the field */
} tui_key;

#define TUI_CTRL(c) ((c)&0x1f)
#define TUI_ESC     27

bool key_code(tui_key k, int code);
bool key_ch(tui_key k, wint_t ch);
bool key_enter(tui_key k);
bool key_esc(tui_key k);
bool key_backspace(tui_key k);
/* A printable character (not a control character, not a function key). */
bool key_printable(tui_key k);

/* ---- the screen stack ------------------------------------------------------- */

typedef struct yz_tui yz_tui;
typedef struct yz_screen yz_screen;

/* Issue 15: the kind of text field that has the focus: where Ctrl-Space's
 * pinyin input works, and how it orders its candidates. */
typedef enum tui_field_kind {
	TUI_FIELD_NONE,    /* no text field (a list, a choice, a date, a password) */
	TUI_FIELD_TEXT,    /* free text, a memo */
	TUI_FIELD_NAME,    /* a person's name: surnames first */
	TUI_FIELD_ADDRESS, /* an address: the station's places first */
} tui_field_kind;

/* Issue 15: the focused text field, as the screen's field op tells it. */
typedef struct tui_focus {
	const void *id;   /* what tells it from the screen's other fields */
	const char *text; /* its text (UTF-8; NULL: not told), until the next key */
	size_t cursor;    /* the cursor, in characters */
} tui_focus;

/* A key valid now, for the key bar and the F1 help. */
typedef struct yz_keyhint {
	const char *key;   /* "F2", "Enter", "Space" … (not translated) */
	const char *label; /* English msgid, translated when drawn */
} yz_keyhint;

/* The operations of a screen, as tig's views have them. */
typedef struct yz_screen_ops {
	const char *name; /* for debugging and the help title */
	/* Draw the screen body (rows 0 .. LINES-3); the status line and key bar are
	 * drawn by the stack. */
	void (*draw)(yz_tui *t, yz_screen *sc);
	/* Handle a key; returns true when the key was used. The screen may push or pop
	 * screens; after popping itself it must not touch sc again. */
	bool (*key)(yz_tui *t, yz_screen *sc, tui_key k);
	/* Called when the screen becomes the top one: pushed, or uncovered again
	 * when the screen above it was popped (reload data here). May be NULL. */
	void (*enter)(yz_tui *t, yz_screen *sc);
	/* Issue 17: called about every TUI_TICK_MS while the screen is on top and
	 * no key comes, to read again what others change meanwhile (home: what
	 * the background sync brought). Cheap reads only. May be NULL. */
	void (*tick)(yz_tui *t, yz_screen *sc);
	/* Called when the screen is popped: free sc->data. May be NULL. */
	void (*leave)(yz_tui *t, yz_screen *sc);
	/* The keys valid now; returns how many it wrote (at most max). */
	size_t (*keys)(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max);
	/* F1: text shown above the list of keys (malloc'd; NULL = none), and the
	 * help's title written into title (size n). May be NULL. */
	char *(*help)(yz_tui *t, yz_screen *sc, char *title, size_t n);
	/* Issue 15: the kind of the text field that has the focus, and in *at
	 * what tells it from the screen's other fields (what is being composed
	 * in pinyin is dropped when it changes), its text and its cursor (a
	 * name field emptied gets its surnames first again; an address field
	 * completes to the station's places). NULL: no text fields. */
	tui_field_kind (*field)(yz_tui *t, yz_screen *sc, tui_focus *at);
	/* A dialog (tui_run_modal): drawn over the screen below it, and popping
	 * it does not enter (reload) that screen, whose key handler is waiting
	 * for the answer. */
	bool modal;
	/* Drawn alone: nothing under it shows (the counter's lock, issue 14). */
	bool opaque;
	/* Issue 20: takes its keys before the station is open (the login
	 * screen: typing a name and a password needs no store). Every other
	 * screen's key waits for the opening (tui_station). */
	bool before_station;
} yz_screen_ops;

struct yz_screen {
	const yz_screen_ops *ops; /* what the screen does */
	void *data;               /* its state, owned by the screen */
};

enum { TUI_STACK_MAX = 16 };

typedef enum yz_msg_kind { TUI_MSG_INFO, TUI_MSG_ERROR, TUI_MSG_OK } yz_msg_kind;

/* Issue 15: the pinyin input of the counter UI (src/tui/ime.c). */
typedef struct tui_ime {
	yz_ime *engine;           /* loaded at the first switch to pinyin; NULL until then */
	bool pinyin;              /* pinyin mode (Ctrl-Space); else direct input */
	tui_field_kind kind;      /* the kind the engine was last told */
	const void *words_for;    /* the screen's data the places were last read for */
	const yz_screen_ops *ops; /* the focused field last seen: its screen, ... */
	const void *data;         /* ... that screen's data ... */
	const void *id;           /* ... and the field (the screen's field op) */
	char out[256];            /* text chosen, typed into the field a character a key */
	size_t out_at;            /* bytes of out typed so far */
	bool empty;               /* the focused field's text was empty when last seen */
	/* The station's places for completing addresses as typed, in direct
	 * input too (no engine): read once a screen (yz_service_place_words). */
	char **places;          /* NULL: none read */
	size_t n_places;        /* words in places */
	const void *places_for; /* the screen's data they were read for */
	unsigned long hush;     /* the field's text (a hash) the completion is hidden at */
} tui_ime;

struct yz_tui {
	yz_session *s;                  /* config, store, catalogue, clerk */
	yz_screen stack[TUI_STACK_MAX]; /* stack[depth-1] is on top */
	size_t depth;                   /* screens on the stack */
	char status[512];               /* the message line */
	yz_msg_kind status_kind;        /* how the message line is drawn */
	bool quit;                      /* leave the main loop */
	bool kiosk;                     /* yizhan --kiosk: only an admin ends the UI */
	bool colour;                    /* the terminal has colours */
	int cur_y, cur_x;               /* where the cursor goes; cur_y < 0 hides it */
	/* Issue 14: the idle lock (screens/lock.c). */
	long long last_key_ms;  /* monotonic time of the clerk's last key; 0 = not yet */
	long long last_tick_ms; /* issue 17: when the top screen's tick last ran */
	bool locked;            /* the lock screen is up: no second lock */
	bool handover;          /* another clerk logged in at the lock: this session ends */
	yz_user handover_user;  /* that clerk, made s->user once the screens are unwound */
	bool waiting;           /* issue 14: the "waiting for another window" line is up (wait.c) */
	bool wait_refused;      /* Esc gave up a wait during the key of ... */
	long long wait_refused_key; /* ... this last_key_ms: its other writes give up too */
	/* Keys typed while waiting (wait.c), handed to the screens afterwards in
	 * the order typed: a fast clerk's type-ahead is never lost. */
	int ahead_r[64];
	wint_t ahead_c[64];
	int n_ahead;
	tui_ime ime; /* issue 15: pinyin input */
	/* Issue 20: the station opening behind the login screen (opening.c). */
	struct tui_opening *opening; /* NULL: not opening (open, or failed: see open_failed) */
	bool open_failed;            /* the station could not be opened: the UI ends */
};

void tui_push(yz_tui *t, const yz_screen_ops *ops, void *data);
void tui_pop(yz_tui *t);
/* Pop everything down to the bottom screen (login or home). */
void tui_pop_to(yz_tui *t, size_t depth);
yz_screen *tui_top(yz_tui *t);

/* The message line. */
void tui_msg(yz_tui *t, yz_msg_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tui_msg_clear(yz_tui *t);

/* Redraw everything now (before a slow operation such as printing). */
void tui_draw(yz_tui *t);
/* The keys of a screen's table k (n of them) into out, at most max: the body
 * of most keys operations. Returns how many. */
size_t tui_put_keys(yz_keyhint *out, size_t max, const yz_keyhint *k, size_t n);
/* Push a dialog (ops->modal) and run the one key loop until it has left the
 * stack again: the caller waits for the answer the dialog leaves in data, which
 * may live in the caller's frame. False when it could not be pushed. */
bool tui_run_modal(yz_tui *t, const yz_screen_ops *ops, void *data);
/* True when the terminal is big enough to lay the screens out. */
bool tui_size_ok(void);
/* True while the session is ending (quit, or another clerk took over at the
 * lock): a dialog ended by it was not answered, so its caller does nothing
 * it would do on a "no" that cannot be undone (deleting a draft). */
bool tui_ending(const yz_tui *t);

/* ---- drawing ----------------------------------------------------------------- */

enum tui_role {
	ROLE_NORMAL,
	ROLE_TITLE,  /* screen titles */
	ROLE_FIELD,  /* an input field */
	ROLE_FOCUS,  /* the focused field or selected row */
	ROLE_KEY,    /* the key name in the key bar */
	ROLE_ERROR,  /* error messages */
	ROLE_OK,     /* good news (case accepted, printed) */
	ROLE_DIM,    /* hints */
	ROLE_HEADER, /* column headers, group headers */
};
attr_t tui_attr(const yz_tui *t, enum tui_role role);

/* Draw UTF-8 text at (y, x), at most w columns (never half a wide character);
 * control characters are not drawn. Returns the columns used. */
int tui_put(int y, int x, const char *s, int w, attr_t a);
/* Same, then pad with spaces (in attribute a) to exactly w columns. */
void tui_put_pad(int y, int x, const char *s, int w, attr_t a);
/* Centred on row y over the whole width. */
void tui_put_center(int y, const char *s, attr_t a);
/* Blank the h x w area at (y, x) and frame it with lines (dialog.c). */
void tui_frame(int y, int x, int h, int w);
/* A screen title on row 0 with the station name at the right. */
void tui_title(yz_tui *t, const char *title);
/* printf into a static-size buffer, for labels. */
void tui_fmt(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* One line of s wrapped at w columns: Chinese between any two characters,
 * English at spaces (a word longer than the line is cut, the rest on the next
 * line), never before a closing punctuation mark, a '\n' always. *shown gets
 * the bytes to draw (without the spaces at the break); returns the bytes to
 * skip to the next line's start. */
size_t tui_wrap(const char *s, int w, size_t *shown);

/* Status line (row LINES-2; a long message wraps onto the rows above) and key
 * bar (row LINES-1). */
void tui_draw_status(yz_tui *t);
/* Issue 14: on, the store's waits for another counter's write lock are shown
 * on the status line with Esc to give up (wait.c); off, the store's timeout. */
void tui_wait_install(yz_tui *t, bool on);

/* Issue 20: the station opened in a thread of its own while the login screen
 * takes keys (opening.c). tui_opening_start starts open(s, ctx) (false: no
 * thread — it has run here already, and t->open_failed says how it went).
 * Until the opening has ended the key loop touches nothing of t->s but its
 * cfg. tui_station waits for it: true when the station is open, false (and
 * t->quit set) when it could not be. tui_station_poll asks without waiting,
 * the same answer once it has ended; while it has not, false and no quit. */
void tui_opening_start(yz_tui *t, yz_tui_open_fn open, void *ctx);
bool tui_station(yz_tui *t);
bool tui_station_poll(yz_tui *t);
void tui_draw_keybar(yz_tui *t, const yz_keyhint *k, size_t n);

/* ---- pinyin input (issue 15: src/tui/ime.c) ------------------------------------
 *
 * Ctrl-Space (a NUL from the terminal) switches a text field between direct
 * and pinyin input; the engine (yizhan/ime.h) is loaded at the first switch.
 * In pinyin mode a key goes to the engine first; what it chooses is typed
 * into the field a character a key (tui_ime_next), as the clerk would. */

/* The key's turn before the screen's: true when the pinyin input took it. */
bool tui_ime_key(yz_tui *t, tui_key k);
/* The next character of chosen text still to type; false when none. */
bool tui_ime_next(yz_tui *t, tui_key *k);
/* Follow the focus: what is composed is dropped when the field is left. */
void tui_ime_follow(yz_tui *t);
/* Drop what is being composed: the screen with data left the stack. */
void tui_ime_drop(yz_tui *t, const void *data);
/* The key bar's entry in a text field (Ctrl-Space with the mode): 0 or 1. */
size_t tui_ime_hints(yz_tui *t, yz_keyhint *out, size_t max);
/* While composing: the pinyin and the candidates over the key bar. */
void tui_ime_draw(yz_tui *t);
/* F1 in a text field: how to type Chinese; false elsewhere (nothing written). */
bool tui_ime_help(yz_tui *t, FILE *f);
/* The UI ends: the engine is closed. */
void tui_ime_end(yz_tui *t);

/* ---- the one field editor on the terminal (src/tui/line.c) -------------------
 *
 * Every text input is a yz_line (yizhan/form/line.h: code points, cursor, width
 * limit, mask, horizontal scroll by display width) or the intake engine's cell,
 * which is one too; these map keys to it and draw it. */

/* The editing operation of a key: Left/Right, Home/Ctrl-A, End/Ctrl-E,
 * Backspace, Delete/Ctrl-D, Ctrl-U (empty the field). False for other keys. */
bool tui_line_op(tui_key k, yz_line_op *op);
/* Apply an editing key or a printable character to l; false when k is neither
 * (nothing done), else true with what it did in *res (may be NULL). A
 * character that does not fit is refused and the status line says the field
 * is full and how much it holds: nothing is ever cut silently. */
bool tui_line_key(yz_tui *t, yz_line *l, tui_key k, yz_line_result *res);
/* Draw l's window in w columns at (y, x) in attribute a (a masked line as one
 * '*' per character); *cx (may be NULL) receives the cursor's column. */
void tui_line_draw(yz_line *l, int y, int x, int w, attr_t a, int *cx);

/* ---- panel: a column of labelled text rows (src/tui/panel.c) ------------------ */

typedef struct yz_row {
	char *label;  /* shown left of the value (owned copy) */
	yz_line edit; /* the value: the one field editor */
} yz_row;

typedef struct yz_panel {
	yz_row *rows; /* the rows, in focus order */
	size_t n;     /* rows used */
	size_t cap;   /* rows allocated */
	size_t focus; /* the focused row */
	size_t top;   /* first row shown when the rows do not fit */
	int label_w;  /* columns for labels */
	int value_w;  /* columns for values (0 = up to the right edge) */
} yz_panel;

typedef enum yz_panel_event {
	PANEL_NONE,    /* key not used */
	PANEL_MOVED,   /* used; nothing changed */
	PANEL_CHANGED, /* a value changed */
	PANEL_DONE,    /* Enter or Tab on the last row */
} yz_panel_event;

void panel_init(yz_panel *p, int label_w);
void panel_free(yz_panel *p);
/* A row typed into with at most max_width columns (0 = no limit), masked for a
 * password; NULL on ENOMEM. */
yz_row *panel_add(yz_panel *p, const char *label, int max_width, bool masked);
/* The value of row i as text ("" when empty). */
const char *panel_value(const yz_panel *p, size_t i);
void panel_set_value(yz_panel *p, size_t i, const char *v);
/* Focus row i, the cursor at the end of its value. */
void panel_focus(yz_panel *p, size_t i);
yz_panel_event panel_key(yz_tui *t, yz_panel *p, tui_key k);
/* Draw rows into the area rows y0 .. y1-1; places the cursor. */
void panel_draw(yz_tui *t, yz_panel *p, int y0, int y1);

/* ---- signing in (issue 14: screens/login.c, screens/lock.c) ------------------ */

/* The two rows of a sign-in panel: first a login (login: YZ_LOGIN_MAX
 * bytes) or a new password (masked, YZ_PASSWORD_MAX bytes), then a password
 * (masked, YZ_PASSWORD_MAX bytes); longer input is refused as it is typed,
 * never cut. False on ENOMEM. */
bool tui_signin_fields(yz_panel *p, const char *first, bool login, const char *second);
/* Put a failed login's reason (wrong, waiting, database) in the message line. */
void tui_login_result(yz_tui *t, yz_login_result r, int locked, const yz_err *err);
/* After a handover: the stack is down to the login screen; u signs in there
 * (their home, or first their own password). */
void tui_login_handover(yz_tui *t, const yz_user *u);
/* Cover the screen with the lock after idle seconds without a key, until the
 * clerk's password (back where they were) or another clerk's login (sets
 * t->handover). */
void tui_lock(yz_tui *t, int idle);

/* ---- choices: what a clerk types into a choice or multichoice cell ------------ */

/* Does option i of d match typed: empty matches all; digits match the option's
 * number; otherwise the start of the option's text (ASCII case-insensitive) or
 * its pinyin initials ("jy" for the option read jiu ye). */
bool choice_matches(const yz_field_def *d, size_t i, const char *typed);
/* The option typed means: exactly its text or its number, else the first
 * option that matches; -1 when none does. */
long choice_pick(const yz_field_def *d, const char *typed);
/* "1 option  2 option …" of the options matching typed, into buf. */
void choice_hint(const yz_field_def *d, const char *typed, char *buf, size_t n);
/* Whether option i is one of the options of a multichoice value. */
bool multi_has(const yz_field_def *d, const char *value, size_t i);
/* value with option i switched on or off (malloc'd, options in form order). */
char *multi_toggle(const yz_field_def *d, const char *value, size_t i);

/* ---- form view: a page of the intake engine's form -------------------------- */

/* Draws the current page of an engine's form (labels, cells, tables, memo boxes,
 * computed values), scrolled so that the focused cell is visible; the screen
 * may add its own lines (the materials checklist) after the last page's fields. */
typedef struct yz_formview {
	yz_engine *eng;     /* the engine drawn (not owned) */
	int top;            /* first line of the page shown */
	size_t multi_sel;   /* multichoice: the highlighted option */
	bool cell_focus;    /* the engine's cell has the focus (not an extra line) */
	yz_session *s;      /* for the names of resident fields; may be NULL */
	yz_eval_env env;    /* for required_if marks */
	char res_idno[20];  /* the ID number whose name is cached in res_name */
	char res_name[128]; /* "name  masked ID" of res_idno, "" when not found */
	size_t note_field;  /* the field note is shown beside (the ID number's check) */
	char note[256];     /* drawn right of note_field's value; "" = none */
	int label_w;        /* columns of the labels at the last draw (extra lines align) */
	/* Fields still at the station's usual value, untouched by the clerk: drawn
	 * marked as usual (issue 12); may be NULL. */
	const yz_values *usual;
} yz_formview;

/* Draws extra line i at row y (focus: it has the focus). */
typedef void (*formview_extra_fn)(yz_tui *t, void *ctx, size_t i, int y, bool focus);

/* Draw into rows y0 .. y1-1. The n_extra extra lines follow the fields of the
 * last page; extra_focus is the focused one, or -1 when the engine has the
 * focus. Places the terminal cursor. */
void formview_draw(yz_tui *t, yz_formview *fv, int y0, int y1, size_t n_extra, long extra_focus,
                   formview_extra_fn extra, void *ctx);
/* Issue 15: the kind of text field d is (TUI_FIELD_NONE for NULL and for
 * fields that are not free text). */
tui_field_kind formview_field_kind(const yz_field_def *d);
/* The one-line hint for the current cell (options, table keys), "" if none. */
void formview_hint(yz_formview *fv, char *buf, size_t n);
/* What a clerk sees for the value of field f (resident: name and masked ID,
 * yesno: the words), into buf. */
void formview_value_text(yz_formview *fv, const yz_field_def *f, const char *v, char *buf,
                         size_t n);
/* Show what a key did to the engine: its message in the status line (an error
 * when invalid or blocked), a beep when refused without one; else the status
 * line is cleared. Returns r. */
yz_key_result formview_report(yz_tui *t, yz_formview *fv, yz_key_result r);
/* Send a key to the engine and report what it did. */
yz_key_result formview_run(yz_tui *t, yz_formview *fv, yz_key key, uint32_t cp);
/* A choice typed as a number, a prefix or pinyin initials becomes its option
 * (before the engine sees the cell left). */
void formview_resolve_choice(yz_formview *fv);
/* The field editor's keys in the current cell (tui_line_op's, Ctrl-J in a memo,
 * printable characters), sent to the engine; false when k is none of them. */
bool formview_edit_key(yz_tui *t, yz_formview *fv, tui_key k);
/* A memo's own keys: Enter and Ctrl-J start a new line, Up/Down move by row
 * inside it; false for other keys and for Up on its first row and Down on its
 * last (the form moves to the field above or below). */
bool formview_memo_key(yz_tui *t, yz_formview *fv, tui_key k);

/* ---- list with a selection (scrolled text; lists of rows are list views) ----- */

typedef struct yz_list {
	size_t n;   /* rows */
	size_t sel; /* the selected row */
	size_t top; /* the first row shown */
} yz_list;

/* Up/Down/PgUp/PgDn/Home/End; returns true when the key was used. */
bool list_key(yz_list *l, tui_key k, int height);
/* Keep the selection visible in height rows. */
void list_scroll(yz_list *l, int height);

/* ---- list view: the one widget for every list (src/tui/list.c) ---------------
 *
 * A screen describes its columns once and hands over a callback giving the
 * text of row i, column j; the widget sizes the columns by display width, cuts
 * a cell that does not fit with an ellipsis at a character boundary, draws the
 * header and the rows with the selected one highlighted, scrolls, says how many
 * rows are hidden above and below, and filters the rows as the clerk types
 * (where the screen asks for it). The layout is made of pure functions (the
 * list_* ones below) that the unit tests call without a terminal. */

/* How a column's width is found (list_layout). */
typedef enum yz_col_rule {
	COL_FIXED, /* exactly .width columns */
	COL_FIT,   /* as wide as its widest cell or its header, at most .width (0: no limit) */
	COL_FLEX,  /* at least .width, plus .flex shares of the room the others leave */
} yz_col_rule;

/* One column of a list, described once per screen. */
typedef struct yz_column {
	const char *title; /* header: English msgid, translated when drawn ("" = none) */
	yz_col_rule rule;  /* how the width is found */
	int width;         /* columns, as rule says */
	int flex;          /* COL_FLEX: shares of the room left (0 counts as 1) */
	bool right;        /* right-aligned (numbers) */
} yz_column;

/* Columns between two columns. */
#define LIST_GAP 1

/* The text of row's column col: written into buf (n bytes) or a pointer to text
 * the screen keeps. Never NULL. */
typedef const char *(*yz_cell_fn)(void *ctx, size_t row, size_t col, char *buf, size_t n);
/* An attribute OR-ed onto a cell's own (the row's: reversed when selected): an
 * overdue date in the error colour, an exact match in bold. */
typedef attr_t (*yz_cell_attr_fn)(const yz_tui *t, void *ctx, size_t row, size_t col, bool sel);
/* Whether row is a heading (a business line of the catalogue): drawn across
 * the columns in the header style, never selected, hidden while filtering. */
typedef bool (*yz_heading_fn)(void *ctx, size_t row);

typedef struct yz_listview {
	const yz_column *cols; /* the columns (the screen's table, not owned) */
	size_t n_cols;         /* how many */
	yz_cell_fn cell;       /* the text of a cell */
	yz_cell_attr_fn attr;  /* extra attributes; NULL = none */
	yz_heading_fn heading; /* heading rows; NULL = none */
	void *ctx;             /* the screen's data, passed to the callbacks */
	bool no_select;        /* read-only: the keys scroll, no row is highlighted */
	bool search;           /* typing filters the rows (listview_search_key) */
	int indent;            /* columns the rows stand in from their headings */
	char query[64];        /* what was typed ("" = every row shown) */
	size_t n_rows;         /* rows the screen has */
	size_t *shown;         /* while filtering: the rows matching query (malloc'd) */
	size_t cap;            /* entries allocated in shown */
	yz_list list;          /* selection and scrolling over the rows shown */
	int height;            /* rows of the last draw (the page of PgUp/PgDn) */
	/* Issue 20: the widest cell of each column over every row, measured
	 * once per listview_set_rows (a scroll step measured all 500 rows of a
	 * list, two thirds of its cost), then widened by the rows drawn. */
	int natural[16];
	bool natural_ok;
} yz_listview;

/* -- the layout, pure: no terminal, no curses call -- */

/* Widths of n columns sharing total columns (LIST_GAP between them) into w;
 * natural[j] is the widest cell or header of column j (used by COL_FIT). When
 * the columns do not fit, the widest cut first; a column may get 0. */
void list_layout(const yz_column *cols, size_t n, const int *natural, int total, int *w);
/* s cut to at most w display columns into out (n bytes): whole when it fits,
 * else as much as fits before an ellipsis, never half a character. Returns the
 * display width of out. */
int list_cut(const char *s, int w, char *out, size_t n);
/* The "more above / more below" marker into buf: "" when nothing is hidden,
 * else an up arrow with the count above and a down arrow with the count below
 * (only the ones that are not 0). */
void list_markers(size_t above, size_t below, char *buf, size_t n);
/* Does text match what the clerk typed: the query anywhere in it (ASCII letters
 * in any case), or ASCII letters that start the pinyin initials of text
 * ("zs" for zhang san). An empty query matches everything. */
bool list_match(const char *text, const char *query);
/* The window over n rows of height rows keeping sel visible: top is moved as
 * little as possible and never leaves empty rows below while rows are hidden
 * above. */
void list_window(size_t n, size_t sel, int height, size_t *top);

/* -- the widget -- */

void listview_init(yz_listview *lv, const yz_column *cols, size_t n_cols, yz_cell_fn cell,
                   void *ctx);
void listview_free(yz_listview *lv);
/* The screen has n rows now (loaded again): the filter is applied again and the
 * selection kept where it was, as far as it still exists. */
void listview_set_rows(yz_listview *lv, size_t n);
/* Apply query again (after it changed). */
void listview_filter(yz_listview *lv);
/* Rows shown (matching the query). */
size_t listview_count(const yz_listview *lv);
/* The screen's row shown at i. */
size_t listview_row(const yz_listview *lv, size_t i);
/* The selected row (the screen's index); false when none is (empty, read-only). */
bool listview_selected(const yz_listview *lv, size_t *row);
/* Select the screen's row (if shown). */
void listview_select(yz_listview *lv, size_t row);
/* Rows hidden above and below the window of the last draw. */
void listview_hidden(const yz_listview *lv, size_t *above, size_t *below);
/* Up/Down/PgUp/PgDn/Home/End (headings skipped); true when the key was used. */
bool listview_key(yz_listview *lv, tui_key k);
/* With search on: a printable character extends the query, Backspace shortens
 * it, Esc clears it (only while there is one); true when the key was used. */
bool listview_search_key(yz_listview *lv, tui_key k);
/* Widths of the columns in an area of w columns (list_layout over the rows'
 * text) into widths (n_cols). The area's first and last columns are margins,
 * where the highlight of the selected row shows. */
void listview_widths(yz_listview *lv, int w, int *widths);
/* The widest cell or header of each COL_FIT column, merged into natural (the
 * larger kept): lists that share their columns measure each other's rows. */
void listview_natural(yz_listview *lv, int *natural);
/* Draw into the area at (y, x) of w columns and h rows (margins as above):
 * with header, the column titles on its first row and the markers in that row
 * where they hide no title; then the rows of the window. */
void listview_draw(yz_tui *t, yz_listview *lv, int y, int x, int w, int h, bool header);
/* The rows only, with widths given (lists that share their columns, such as
 * the sections of the dashboard); the caller shows the markers. */
void listview_draw_rows(yz_tui *t, yz_listview *lv, const int *widths, int y, int x, int w, int h);
/* The markers of the last draw, right-aligned in the w columns at (y, x). */
void listview_draw_markers(yz_tui *t, const yz_listview *lv, int y, int x, int w);
/* "Search: <query>" at (y, x) when there is a query, else the hint that typing
 * searches, in at most w columns. */
void listview_draw_query(yz_tui *t, const yz_listview *lv, int y, int x, int w);

/* ---- list screens (src/tui/listscreen.c) --------------------------------------
 *
 * A screen that is one list under its title (approvals, the print queue, the
 * printers), as tig's views are: the screen describes itself once in a
 * yz_listscreen_def and keeps its rows in its own data; the list screen does
 * the rest the same way for each: the list view, loading the rows whenever the
 * screen comes on top, the title (with the count), the words for an empty
 * list, Esc/F10 back, the moving keys and the key bar. */

typedef struct yz_listscreen yz_listscreen;

typedef struct yz_listscreen_def {
	const char *title;     /* English msgid, translated when drawn */
	bool count;            /* the title ends with the number of rows: "… (3)" */
	const char *empty;     /* English msgid shown while there are no rows; NULL = none */
	const yz_column *cols; /* the columns (the screen's table) */
	size_t n_cols;         /* how many */
	yz_cell_fn cell;       /* the text of a cell; ctx is the screen's data */
	yz_cell_attr_fn attr;  /* extra attributes; NULL = none */
	int below;             /* rows kept free between the list and the status line */
	/* Load the rows into the screen's data; returns how many. Called when the
	 * screen comes on top (pushed, or uncovered) and by listscreen_reload. */
	size_t (*load)(yz_tui *t, yz_listscreen *ls);
	/* What the screen draws besides the list (the line under the title, the
	 * selected row in full below the list); NULL = nothing. */
	void (*draw)(yz_tui *t, yz_listscreen *ls);
	/* The screen's own keys (actions on the selected row); true when used. It
	 * may push screens and dialogs but not pop its own screen. NULL = none. */
	bool (*key)(yz_tui *t, yz_listscreen *ls, tui_key k);
	const yz_keyhint *keys;   /* the key bar */
	size_t n_keys;            /* how many */
	size_t n_keys_empty;      /* the first n_keys_empty of them while there are no rows */
	void (*free)(void *data); /* frees the screen's data; NULL = free() */
} yz_listscreen_def;

struct yz_listscreen {
	const yz_listscreen_def *def; /* what the screen is (static, not owned) */
	void *data;                   /* its rows and state (owned; def->free) */
	size_t n;                     /* rows loaded */
	yz_listview lv;               /* the list of them */
};

/* Push the list screen def shows over data (malloc'd by the caller, owned from
 * here on, also when it cannot be pushed); its rows are loaded at once. */
void listscreen_push(yz_tui *t, const yz_listscreen_def *def, void *data);
/* The selected row (the screen's index); false when there is none. */
bool listscreen_selected(const yz_listscreen *ls, size_t *row);
/* Load the rows again (after an action changed them), the selection kept. */
void listscreen_reload(yz_tui *t, yz_listscreen *ls);

/* ---- dialogs (src/tui/dialog.c): screens on the stack, run by tui_run_modal;
 * each call waits for the clerk's answer ----------------------------------------- */

/* A question; true for yes (Y or Enter on "yes"). */
bool tui_confirm(yz_tui *t, const char *title, const char *text);
/* A message the clerk acknowledges. */
void tui_message(yz_tui *t, const char *title, const char *text);
/* A scrollable text ('\n' separated); Esc/Enter closes. */
void tui_textview(yz_tui *t, const char *title, const char *text);
/* Pick one of items; returns its index or -1 when cancelled. */
long tui_pick(yz_tui *t, const char *title, char *const *items, size_t n, size_t sel);
/* One of the station's clerks and heads into login (src/tui/people.c); skip
 * leaves one login out, none offers "(nobody)" as "". False on Esc. */
bool tui_pick_clerk(yz_tui *t, const char *title, const char *skip, bool none, char login[33]);

/* ---- the screens (src/tui/screens/) ------------------------------------------- */

void screen_login_push(yz_tui *t);
void screen_home_push(yz_tui *t);
void screen_catalogue_push(yz_tui *t);
void screen_intake_push(yz_tui *t, const yz_form *f);
/* Resident search. With on_pick set, Enter hands the resident to on_pick (after
 * the search screen has popped itself); otherwise Enter shows the resident. */
typedef void (*yz_pick_fn)(yz_tui *t, void *ctx, const yz_resident *r);
void screen_resident_find_push(yz_tui *t, yz_pick_fn on_pick, void *ctx, const char *title);
/* Same, with query already typed into the search (and searched). */
void screen_resident_find_query(yz_tui *t, yz_pick_fn on_pick, void *ctx, const char *title,
                                const char *query);
void screen_resident_view_push(yz_tui *t, const yz_resident *r);
/* typed: what the search found nobody for, put into the name or ID row ("" = none). */
void screen_resident_new_push(yz_tui *t, yz_pick_fn on_done, void *ctx, const char *typed);
void screen_cases_push(yz_tui *t);
/* Verify a printed document's code (V on home; issue 12). */
void screen_verify_push(yz_tui *t);
void screen_case_view_push(yz_tui *t, const char *case_no);
void screen_jobs_push(yz_tui *t);
/* Admin: the CUPS destinations and a test page on each (printers.c). */
void screen_printers_push(yz_tui *t);
/* Show a document of a case as it will print; print it when the clerk confirms.
 * Returns tui_print_doc's result, or 1 when the clerk chose not to print, -1
 * when the document cannot be built (printers.c). */
int tui_preview_doc(yz_tui *t, const yz_form *f, const char *case_no, const char *doc, char *buf,
                    size_t n);
/* After submit: the case number, the print outcomes (the jobs written with
 * the case printed), the receipt text. */
void screen_accepted_push(yz_tui *t, const yz_submitted *sub, const yz_form *f);

/* Print one document of a case and put the outcome in the message line; returns
 * the outcome text in buf as well (for screens that list them). */
int tui_print_doc(yz_tui *t, const char *case_no, const char *doc, char *buf, size_t n);
/* The same for the job job_id written with the case (yz_service_print_job);
 * job_id 0 prints the document as tui_print_doc does. */
int tui_print_job(yz_tui *t, const char *case_no, const char *doc, int64_t job_id, char *buf,
                  size_t n);
/* A document's name for the clerk: "receipt" → the word for receipt, else its title. */
const char *tui_doc_name(const yz_form *f, const char *doc);
/* "Print <the document's name>" for the key bar, in buf. */
const char *tui_print_label(const yz_form *f, const char *doc, char *buf, size_t n);
/* The clerk-facing word for a case status. */
const char *tui_status_name(yz_case_status status);

/* ---- the resident's record (src/tui/screens/resident_form.c): the new and
 * edit screens fill forms/registry/resident.form with the form engine -------- */

typedef struct yz_rform {
	yz_form *form;     /* the record's form (the service's, owned) */
	yz_engine *eng;    /* its values, the position and the current cell's editor */
	yz_formview fv;    /* how it is drawn */
	yz_eval_env env;   /* today and the station settings */
	yz_resident r;     /* editing: the person as loaded; new: {0} */
	bool edit;         /* a registered person: the ID number stays as it is */
	yz_line from_case; /* editing: the case the change comes from (a line after the fields) */
	bool on_case;      /* editing: that line has the focus */
	bool name_other;   /* F2: the name is marked as a foreign or minority-script one */
} yz_rform;

/* r NULL: a new person; else r to edit. False (with the reason in the message
 * line) when the record's form cannot be used. */
bool rform_init(yz_tui *t, yz_rform *f, const yz_resident *r);
void rform_free(yz_rform *f);
/* Draw into rows y0 .. y1-1, with the hint of the field at y1. */
void rform_draw(yz_tui *t, yz_rform *f, int y0, int y1);
/* Keys of the form (Enter on the ethnicity opens the GB/T 3304 list); *save
 * is set when Enter or Tab on the last line asks to save. */
bool rform_key(yz_tui *t, yz_rform *f, tui_key k, bool *save);
/* Check everything as submit does and read the values into r (the ID number,
 * birth and sex only for a new person); false with the cursor on what is
 * wrong and the reason in the message line. */
bool rform_read(yz_tui *t, yz_rform *f, yz_resident *r);
/* The field of the form holding item, or NULL (a station may leave items out). */
const yz_field_def *rform_field(const yz_rform *f, yz_resident_item item);
/* Put the cursor on the field holding item (the ID number, a duplicate's). */
void rform_focus(yz_rform *f, yz_resident_item item);
/* Set the field holding item (what the search found nobody for). */
void rform_set(yz_rform *f, yz_resident_item item, const char *v);
/* Issue 15: the kind of text field that has the focus (the screen's field op). */
tui_field_kind rform_field_kind(const yz_rform *f, tui_focus *at);
/* The keys valid now, and F1's help of the current field. */
size_t rform_keys(yz_rform *f, yz_keyhint *out, size_t max);
char *rform_help(yz_rform *f, char *title, size_t n);
/* Edit a registered resident (F6 on the person): saved with the clerk as actor. */
void screen_resident_edit_push(yz_tui *t, const yz_resident *r);

/* The record's screen (src/tui/screens/resident_record.c): the new and edit
 * screens are one screen with the record's form, differing in the title, the
 * line under it and what saving does. */
typedef struct yz_rscreen_kind {
	const char *title; /* English msgid; a %s in it is the name as loaded (edit) */
	const char *hint;  /* the line under the title: English msgid */
	/* F9, Ctrl-S, or Enter/Tab on the last line: check the record and save it,
	 * the person saved into *r and the outcome in the message line; false
	 * keeps the screen (the reason in the message line, the cursor on it). */
	bool (*save)(yz_tui *t, yz_rform *f, yz_resident *r);
} yz_rscreen_kind;

typedef struct yz_rscreen {
	yz_rform form;               /* the record */
	const yz_rscreen_kind *kind; /* new or edit (static, not owned) */
	yz_pick_fn on_done;          /* gets the person saved, after the screen left; may be NULL */
	void *ctx;                   /* for on_done */
} yz_rscreen;

/* The screen for r (NULL: a new person), to fill in before rscreen_push;
 * NULL (the reason in the message line) when the record's form cannot be used. */
yz_rscreen *rscreen_new(yz_tui *t, const yz_rscreen_kind *kind, const yz_resident *r,
                        yz_pick_fn on_done, void *ctx);
/* Push it (owned by the stack from here on); NULL does nothing. */
void rscreen_push(yz_tui *t, yz_rscreen *rs);

/* ---- issue 4: the clerk's day (src/tui/screens/ask.c, rating.c, approvals.c,
 * followups.c, staff.c, talk.c) ---------------------------------------------- */

/* One text field of a small modal form (tui_ask). A field whose label asks for
 * YYYY-MM-DD is a date: 20261214 becomes 2026-12-14 as the focus leaves it. */
typedef struct yz_ask_field {
	const char *label; /* English msgid, translated when drawn */
	char *buf;         /* in: the value shown first; out: what was typed */
	size_t size;       /* bytes of buf */
	int max_width;     /* largest display width; 0 = no limit */
	bool required;     /* OK is refused while it is empty */
} yz_ask_field;

/* A modal form of n fields under an optional line of text; true when the clerk
 * pressed Enter on the last field (values copied into the buffers), false on Esc. */
bool tui_ask(yz_tui *t, const char *title, const char *text, yz_ask_field *f, size_t n);
/* Tick items (Space or number); true on Enter, false on Esc. */
bool tui_checklist(yz_tui *t, const char *title, char *const *items, size_t n, bool *checked);

/* The resident rates a case just closed (1-5 on the counter keyboard). */
void screen_rating_push(yz_tui *t, const char *case_no);
/* Station head: pending approvals, open follow-ups; head and admin: A/B staff. */
void screen_approvals_push(yz_tui *t);
void screen_followups_push(yz_tui *t);
void screen_staff_push(yz_tui *t);
/* Ju min shuo shi ri: a session and the cases raised there. */
void screen_talk_push(yz_tui *t);
/* A print outcome of a lifecycle notice in plain words, into the message line. */
void tui_outcome_msg(yz_tui *t, const char *what, int rc, const yz_print_outcome *po,
                     const yz_err *err);

/* ---- issue 17: a department at the district hub (src/tui/screens/dept_inbox.c) ---- */

struct yz_district;
/* The department's inbox (yz_tui_run_dept's bottom screen). */
void screen_dept_inbox_push(yz_tui *t, struct yz_district *d);

/* ---- issue 16: statistics and ledgers (src/tui/screens/stats.c, ledgers.c) ---- */

struct yz_period;
/* Head and admin: the station's figures of a month, quarter or year with
 * bar charts (F11 on their home). */
void screen_stats_push(yz_tui *t);
/* Head and admin: the station's ledgers, each saved into the save folder or
 * printed over a period; p is the period offered first (NULL: this month). */
void screen_ledgers_push(yz_tui *t, const struct yz_period *p);

/* ---- issue 18: surveys (src/tui/screens/surveys.c, survey_entry.c) ------------ */

/* The station's surveys: key papers, at the counter, differences, the head's
 * tallies, questionnaires printed (S on home). */
void screen_surveys_push(yz_tui *t);
/* Key papers of sv (kept by the caller's screen below); counter: answered at
 * the counter, the mode preset and the next free serial. */
void screen_survey_entry_push(yz_tui *t, const yz_survey *sv, bool counter);
/* The third look: the answers two keyings disagree on, settled paper by paper. */
void screen_survey_diffs_push(yz_tui *t, const yz_survey *sv);
/* The head's tallies of sv, read again every few seconds as papers come in. */
void screen_survey_tally_push(yz_tui *t, const yz_survey *sv);

/* ---- issue 19: big characters (src/tui/bigtext.c), the kiosk and the hall
 * display (screens/ticket.c, hall.c) -------------------------------------------- */

/* The terminal set up as the counter UI's (tui.c): for the full-screen
 * programs with their own loop. False when the terminal cannot be used. */
bool tui_start_curses(yz_tui *t);
/* The terminal is gone (a read gave nothing and stdin hangs up): the loops end. */
bool tui_terminal_gone(void);
/* Big characters drawn from the terminal's cells: a font of 0-9, A-Z, ':'
 * and '-' (others draw blank), 5 dots high and 4 wide, a dot being 2 columns
 * by 1 row at scale 1 (the cells are about twice as tall as wide), doubled at
 * scale 2. Full blocks in a UTF-8 terminal, reverse-video spaces otherwise. */
int tui_big_width(const char *s, int scale);
int tui_big_height(int scale);
/* The largest scale (at most max) at which s fits w x h; 0 = none. */
int tui_big_fit(const char *s, int w, int h, int max);
void tui_big_draw(int y, int x, const char *s, int scale, attr_t a);

/* ---- issue 19: calling at the counter (src/tui/screens/calls.c), on home ------ */

/* The most keys a screen offers at once (the key bar and F1's help): the
 * head's home with the hall's keys has more than 16. */
enum { TUI_KEYS_MAX = 32 };

/* What home shows of the hall, read by tui_calls_load. */
typedef struct tui_calls {
	yz_ticket ticket; /* the ticket this counter serves (id 0 = none) */
	bool in_use;      /* a ticket served here or issued today: the line is shown */
	int issued;       /* tickets issued today, all queues */
	int waiting;      /* waiting now in this counter's queues */
	char mine[32];    /* those queues' letters, "A B" */
	char today[256];  /* the head's line of the day (yz_service_hall_today); "" = none */
} tui_calls;

/* Read it: the served ticket from the store (s->ticket set again: a counter
 * restarted or signed in again keeps its ticket), the counts, the head's line. */
void tui_calls_load(yz_tui *t, tui_calls *c);
/* The line from row y (and the head's under it) when the hall is in use;
 * returns the next free row. */
int tui_calls_draw(yz_tui *t, const tui_calls *c, int y);
/* N, R, X, T, E: the call's key handled (c loaded again); false for others. */
bool tui_calls_key(yz_tui *t, tui_calls *c, tui_key k);
/* The key bar's entries: N (serving_keys false), or the served ticket's R X T E. */
size_t tui_calls_keys(const tui_calls *c, bool serving_keys, yz_keyhint *out, size_t max);

/* ---- issue 19: appointments and home visits (src/tui/screens/appointments.c,
 * visits.c) ------------------------------------------------------------------- */

/* The day's appointments (B book, C cancel, D day, M missed, V home visits);
 * a key of home opens it. 0, or -1 out of memory. */
int tui_appointments(yz_tui *t);
/* The day's home visits (D day, P route sheet, R result, Enter the case). */
int tui_visits(yz_tui *t);
/* The case view's key: plan a home visit for case c, or enter the result of
 * the one planned. */
void tui_visit_case(yz_tui *t, const yz_case *c);

#endif
