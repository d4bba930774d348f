/* Internal interface of the tui module: the screen stack, keys, drawing helpers and
 * the widgets (field editor, panel of fields, list, dialogs, key bar) that the
 * screens in src/tui/screens/ are built from. Only src/tui includes this. */
#ifndef YZ_TUI_INT_H
#define YZ_TUI_INT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "yizhan/tui.h"

/* The smallest terminal the screens are laid out for. */
#define TUI_MIN_COLS  80
#define TUI_MIN_LINES 24

/* ---- keys ------------------------------------------------------------------ */

/* One key press: a function key (KEY_* code) or a character. */
typedef struct tui_key {
	bool none;    /* nothing usable (a discarded escape sequence, an error) */
	bool is_code; /* code holds a KEY_* value; otherwise ch holds a character */
	int code;     /* KEY_F(1), KEY_UP, KEY_RESIZE, … */
	wint_t ch;    /* a character, control characters included (27 = a lone Esc) */
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
	/* Called when the screen is popped: free sc->data. May be NULL. */
	void (*leave)(yz_tui *t, yz_screen *sc);
	/* The keys valid now; returns how many it wrote (at most max). */
	size_t (*keys)(yz_tui *t, yz_screen *sc, yz_keyhint *out, size_t max);
	/* F1: text shown above the list of keys (malloc'd; NULL = none), and the
	 * help's title written into title (size n). May be NULL. */
	char *(*help)(yz_tui *t, yz_screen *sc, char *title, size_t n);
} yz_screen_ops;

struct yz_screen {
	const yz_screen_ops *ops; /* what the screen does */
	void *data;               /* its state, owned by the screen */
};

enum { TUI_STACK_MAX = 16 };

typedef enum yz_msg_kind { TUI_MSG_INFO, TUI_MSG_ERROR, TUI_MSG_OK } yz_msg_kind;

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
/* Read one key; a terminal resize is returned as KEY_RESIZE. */
tui_key tui_getkey(yz_tui *t);
/* True when the terminal is big enough to lay the screens out. */
bool tui_size_ok(void);

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

/* Status line (row LINES-2) and key bar (row LINES-1). */
void tui_draw_status(yz_tui *t);
void tui_draw_keybar(yz_tui *t, const yz_keyhint *k, size_t n);

/* ---- the single-line field editor --------------------------------------------- */

typedef enum yz_edit_result {
	EDIT_IGNORED, /* not an editing key */
	EDIT_MOVED,   /* cursor moved, value unchanged */
	EDIT_CHANGED, /* the value changed */
	EDIT_REFUSED, /* an editing key that could not apply (field full, control char) */
} yz_edit_result;

typedef struct yz_edit {
	char *buf;     /* the value, UTF-8, NUL terminated */
	size_t len;    /* bytes in buf */
	size_t cap;    /* bytes allocated */
	size_t cur;    /* byte offset of the cursor (always at a character boundary) */
	size_t scroll; /* byte offset of the first character shown */
	int max_width; /* largest display width of the value; 0 = no limit */
	bool masked;   /* passwords: every character is drawn as '*' */
} yz_edit;

void edit_init(yz_edit *e, int max_width, bool masked);
void edit_free(yz_edit *e);
/* Replace the value (sanitised: no control characters or escape sequences). */
void edit_set(yz_edit *e, const char *text);
/* Insert text at the cursor (sanitised), e.g. a paste. Returns true if it changed. */
bool edit_insert(yz_edit *e, const char *text);
yz_edit_result edit_key(yz_edit *e, tui_key k);
/* Draw in w columns at (y, x); sets *cx to the cursor column. */
void edit_draw(yz_edit *e, int y, int x, int w, attr_t a, int *cx);

/* ---- panel: a column of labelled rows (fields, choices, checkboxes) -------- */

typedef enum yz_row_kind {
	ROW_EDIT,   /* a field editor */
	ROW_CHOICE, /* one of options (number keys, arrows) */
	ROW_YESNO,  /* yes / no */
	ROW_CHECK,  /* a checkbox (materials) */
	ROW_BUTTON, /* a read-only value; Enter acts (the resident of a form) */
	ROW_HEADING /* a section heading, never focused */
} yz_row_kind;

typedef struct yz_row {
	yz_row_kind kind;
	char *label;             /* shown left of the value (owned copy) */
	const yz_field_def *def; /* validation and options; NULL = none */
	yz_edit edit;            /* ROW_EDIT: the value */
	size_t choice;   /* ROW_CHOICE: option index + 1 (0 = none); ROW_YESNO: 1 yes 2 no */
	bool checked;    /* ROW_CHECK */
	bool required;   /* marked with '*'; ROW_CHECK: must be ticked */
	char *value;     /* ROW_BUTTON: the value (owned) */
	char *display;   /* ROW_BUTTON: drawn instead of value when set (owned) */
	char note[256];  /* shown right of the value (a check result, a hint) */
	const void *tag; /* the caller's pointer (a material definition …) */
} yz_row;

typedef struct yz_panel {
	yz_row *rows;  /* the rows, in focus order */
	size_t n;      /* rows used */
	size_t cap;    /* rows allocated */
	size_t focus;  /* the focused row */
	size_t top;    /* first row shown when the rows do not fit */
	int label_w;   /* columns for labels */
	int value_w;   /* columns for values (0 = up to the right edge minus notes) */
	yz_date today; /* for validation */
} yz_panel;

typedef enum yz_panel_event {
	PANEL_NONE,    /* key not used */
	PANEL_MOVED,   /* used; nothing changed */
	PANEL_CHANGED, /* a value changed (save the draft) */
	PANEL_INVALID, /* the focused value is invalid; message in the status line */
	PANEL_BUTTON,  /* Enter on a button row */
	PANEL_DONE,    /* Enter on the last row, which is valid */
} yz_panel_event;

void panel_init(yz_panel *p, yz_date today, int label_w);
void panel_free(yz_panel *p);
yz_row *panel_add(yz_panel *p, yz_row_kind kind, const char *label, const yz_field_def *def);
/* The value as text ("" when empty; choices give the option, yes/no "yes"/"no"). */
const char *panel_value(const yz_panel *p, size_t i);
void panel_set_value(yz_panel *p, size_t i, const char *v);
/* Validate row i; on failure the message goes to the status line. */
bool panel_validate(yz_tui *t, yz_panel *p, size_t i);
void panel_focus(yz_panel *p, size_t i);
yz_panel_event panel_key(yz_tui *t, yz_panel *p, tui_key k);
/* Draw rows into the area rows y0 .. y1-1; places the cursor. */
void panel_draw(yz_tui *t, yz_panel *p, int y0, int y1);
/* Key hints for the focused row. */
size_t panel_keys(const yz_panel *p, yz_keyhint *out, size_t max);

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
	yz_store *store;    /* for the names of resident fields; may be NULL */
	yz_eval_env env;    /* for required_if marks */
	char res_idno[20];  /* the ID number whose name is cached in res_name */
	char res_name[128]; /* "name  masked ID" of res_idno, "" when not found */
} yz_formview;

/* Draws extra line i at row y (focus: it has the focus). */
typedef void (*formview_extra_fn)(yz_tui *t, void *ctx, size_t i, int y, bool focus);

/* Draw into rows y0 .. y1-1. The n_extra extra lines follow the fields of the
 * last page; extra_focus is the focused one, or -1 when the engine has the
 * focus. Places the terminal cursor. */
void formview_draw(yz_tui *t, yz_formview *fv, int y0, int y1, size_t n_extra, long extra_focus,
                   formview_extra_fn extra, void *ctx);
/* The one-line hint for the current cell (options, table keys), "" if none. */
void formview_hint(yz_formview *fv, char *buf, size_t n);
/* What a clerk sees for the value of field f (resident: name and masked ID,
 * yesno: the words), into buf. */
void formview_value_text(yz_formview *fv, const yz_field_def *f, const char *v, char *buf,
                         size_t n);

/* ---- list with a selection ---------------------------------------------------- */

typedef struct yz_list {
	size_t n;   /* rows */
	size_t sel; /* the selected row */
	size_t top; /* the first row shown */
} yz_list;

/* Up/Down/PgUp/PgDn/Home/End; returns true when the key was used. */
bool list_key(yz_list *l, tui_key k, int height);
/* Keep the selection visible in height rows. */
void list_scroll(yz_list *l, int height);

/* ---- dialogs (modal; they run their own key loop and survive resizes) ------- */

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
void screen_case_view_push(yz_tui *t, const char *case_no);
void screen_jobs_push(yz_tui *t);
/* Admin: the CUPS destinations and a test page on each (printers.c). */
void screen_printers_push(yz_tui *t);
/* Show a document of a case as it will print; print it when the clerk confirms.
 * Returns tui_print_doc's result, or 1 when the clerk chose not to print, -1
 * when the document cannot be built (printers.c). */
int tui_preview_doc(yz_tui *t, const yz_form *f, const char *case_no, const char *doc, char *buf,
                    size_t n);
/* After submit: the case number, the print outcomes, the receipt text. */
void screen_accepted_push(yz_tui *t, const yz_case *c, const yz_form *f);

/* Print one document of a case and put the outcome in the message line; returns
 * the outcome text in buf as well (for screens that list them). */
int tui_print_doc(yz_tui *t, const char *case_no, const char *doc, char *buf, size_t n);
/* A document's name for the clerk: "receipt" → the word for receipt, else its title. */
const char *tui_doc_name(const yz_form *f, const char *doc);
/* "Print <the document's name>" for the key bar, in buf. */
const char *tui_print_label(const yz_form *f, const char *doc, char *buf, size_t n);
/* The clerk-facing word for a case status. */
const char *tui_status_name(const char *status);

/* ---- resident rows (src/tui/screens/resident_form.c): new and edit screens ---- */

enum {
	RF_NAME,
	RF_IDNO,
	RF_PHONE,
	RF_ADDRESS,
	RF_HUKOU,
	RF_ETHNICITY,
	RF_CATEGORY,
	RF_EMPLOYMENT,
	RF_NOTES,
	RF_CASE, /* edit only: the case number the change comes from */
	RF_COUNT,
	RF_MAX_OPTS = 16
};

typedef struct yz_rform {
	yz_panel panel;              /* the rows (RF_CASE only when editing) */
	yz_field_def defs[RF_COUNT]; /* their validation and options */
	char *cat_opts[3];           /* category options (store labels, not owned) */
	char *emp_opts[RF_MAX_OPTS]; /* employment options (store labels, not owned) */
	bool edit;                   /* a registered resident: the ID number is read-only */
} yz_rform;

/* r NULL: a new resident; else the rows hold r to edit. */
void rform_init(yz_tui *t, yz_rform *f, const yz_resident *r);
void rform_free(yz_rform *f);
/* Keys of the rows (Enter on ethnicity opens the GB/T 3304 list). */
yz_panel_event rform_key(yz_tui *t, yz_rform *f, tui_key k);
/* Validate every row and copy the values into r (the ID number, birth and sex
 * only for a new resident); false with the cursor on the bad row. */
bool rform_read(yz_tui *t, yz_rform *f, yz_resident *r);
void rform_id_note(yz_tui *t, yz_rform *f);
/* Edit a registered resident (F6 on the person): saved with the clerk as actor. */
void screen_resident_edit_push(yz_tui *t, const yz_resident *r);

/* ---- issue 4: the clerk's day (src/tui/screens/ask.c, rating.c, approvals.c,
 * followups.c, staff.c, talk.c) ---------------------------------------------- */

/* One text field of a small modal form (tui_ask). */
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
/* Whether the clerk may act on c: its owner, the B clerk covering the absent
 * owner, the head or the admin (the service decides; this only hides keys). */
bool tui_may_act(yz_tui *t, const yz_case *c);

#endif
