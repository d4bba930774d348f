/* The one single-line field editor (included from yizhan/form.h).
 *
 * A line of text as code points with a cursor that moves by characters, a
 * width limit in display columns, an optional mask (passwords) and a window
 * scrolled horizontally by display width. No terminal: the intake engine
 * edits its current cell with it, the counter UI every other text input
 * (login, search boxes, the small dialogs), and the unit tests drive it
 * directly. Control characters, escape sequences and invalid code points
 * never enter the text. */
#ifndef YZ_FORM_LINE_H
#define YZ_FORM_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The editing operations besides inserting a character. */
typedef enum yz_line_op {
	YZ_LINE_LEFT,      /* cursor one character left */
	YZ_LINE_RIGHT,     /* cursor one character right */
	YZ_LINE_HOME,      /* cursor to the start */
	YZ_LINE_END,       /* cursor to the end */
	YZ_LINE_BACKSPACE, /* delete the character before the cursor */
	YZ_LINE_DELETE,    /* delete the character at the cursor */
	YZ_LINE_KILL,      /* empty the line (Ctrl-U: the quickest way to retype) */
} yz_line_op;

/* What an insertion or an operation did. */
typedef enum yz_line_result {
	YZ_LINE_MOVED,   /* the text is unchanged (the cursor may have moved) */
	YZ_LINE_CHANGED, /* the text changed */
	YZ_LINE_FULL,    /* refused: the text would be wider than max_width */
	YZ_LINE_REFUSED, /* refused: a control character or an invalid code point, nothing
	                  * to move over or delete, or no memory */
} yz_line_result;

typedef struct yz_line {
	uint32_t *cp;    /* the text as code points (cap of them allocated) */
	size_t len;      /* code points in cp */
	size_t cap;      /* code points allocated */
	size_t cursor;   /* the cursor, 0..len (before cp[cursor]) */
	size_t scroll;   /* the first code point shown (yz_line_view_of keeps it) */
	int max_width;   /* widest text typed, in display columns; 0 = no limit */
	bool masked;     /* a password: every character is shown (and counted) as one '*' */
	bool newlines;   /* '\n' may be inserted and set (memo fields); it takes no column */
	char *text;      /* the text as UTF-8, kept in step with cp (never NULL after init) */
	size_t text_cap; /* bytes allocated for text */
} yz_line;

/* What to draw of a line in a box `width` columns wide: the text from byte
 * offset `start` (never inside a character) for `bytes` bytes, `chars`
 * characters, which is `scroll` display columns into the text; the cursor is
 * `cursor_col` columns from the box's left edge. The scroll offset is kept
 * between calls, so that the text does not jump while the cursor moves inside
 * the box; after a deletion as much of the text as fits is shown again. */
typedef struct yz_line_view {
	size_t start;   /* byte offset of the first visible character */
	size_t bytes;   /* bytes that fit in the box */
	size_t chars;   /* characters that fit in the box (a masked line draws this many '*') */
	int scroll;     /* display columns scrolled off on the left */
	int cursor_col; /* the cursor's column inside the box */
} yz_line_view;

/* An empty line; false on ENOMEM (the line is then still safe to use and free). */
bool yz_line_init(yz_line *l, int max_width, bool masked);
void yz_line_free(yz_line *l);
/* Replace the text by text (NULL = empty) without control characters, escape
 * sequences and invalid bytes ('\n' kept when l->newlines); a value set by the
 * program is kept whole, max_width only limits typing. The cursor goes to the
 * end. False on ENOMEM (the line is then empty). */
bool yz_line_set(yz_line *l, const char *text);
/* Insert one code point at the cursor. */
yz_line_result yz_line_insert(yz_line *l, uint32_t cp);
/* Insert text at the cursor (a paste), cleaned as yz_line_set does, character
 * by character up to the first that does not fit: never half a character,
 * never wider than max_width. CHANGED when anything was inserted, else why not. */
yz_line_result yz_line_insert_text(yz_line *l, const char *text);
yz_line_result yz_line_edit(yz_line *l, yz_line_op op);

/* The text as UTF-8 ("" when empty). */
const char *yz_line_text(const yz_line *l);
/* Display columns of the text (a masked line: its characters). */
int yz_line_width(const yz_line *l);
/* See yz_line_view; width < 1 counts as 1. */
void yz_line_view_of(yz_line *l, int width, yz_line_view *out);

#endif
