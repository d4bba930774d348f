/* The one field editor (included from yizhan/form.h).
 *
 * A line of text as code points with a cursor that moves by characters, a
 * capacity (display columns, characters, bytes), an optional mask (passwords)
 * and a window scrolled horizontally by display width; a memo (newlines) is
 * the same text wrapped in a box, moved in by rows and scrolled vertically.
 * No terminal: the intake engine edits its current cell with it, the counter
 * UI every other text input (login, search boxes, the small dialogs), and the
 * unit tests drive it directly. Control characters, escape sequences and
 * invalid code points never enter the text. */
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
	YZ_LINE_FULL,    /* refused: the text would be wider than max_width, or longer
	                  * than max_chars characters or max_bytes bytes */
	YZ_LINE_REFUSED, /* refused: a control character or an invalid code point, nothing
	                  * to move over or delete, or no memory */
} yz_line_result;

typedef struct yz_line {
	uint32_t *cp;     /* the text as code points (cap of them allocated) */
	size_t len;       /* code points in cp */
	size_t cap;       /* code points allocated */
	size_t cursor;    /* the cursor, 0..len (before cp[cursor]) */
	size_t scroll;    /* the first code point shown (yz_line_view_of keeps it) */
	int max_width;    /* widest text typed, in display columns; 0 = no limit */
	size_t max_chars; /* most characters typed ('\n' counts one); 0 = no limit */
	size_t max_bytes; /* most UTF-8 bytes typed (a caller's buffer); 0 = no limit */
	bool masked;      /* a password: every character is shown (and counted) as one '*' */
	bool newlines;    /* '\n' may be inserted and set (memo fields); it takes no column */
	char *text;       /* the text as UTF-8, kept in step with cp (never NULL after init) */
	size_t text_cap;  /* bytes allocated for text */
	size_t top;       /* a memo box: the first row shown (yz_line_box_of keeps it) */
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

/* One row of a memo wrapped in a box: bytes [start, start + bytes) of the
 * text, without the '\n' that may end it. */
typedef struct yz_line_row {
	size_t start; /* byte offset of its first character */
	size_t bytes; /* its bytes */
} yz_line_row;

/* What to draw of a memo in a box `width` columns wide and `height` rows high.
 * The text is wrapped where the next character would not fit (a Chinese
 * character takes two columns) and after each '\n'; a full last row is
 * followed by an empty one for the cursor. */
typedef struct yz_line_box {
	size_t rows;    /* rows of the whole text (at least 1) */
	size_t top;     /* the first row shown: rows above the box */
	size_t shown;   /* rows shown, 0..height (row[0..shown) filled) */
	int cursor_row; /* the cursor's row inside the box (when it shows) */
	int cursor_col; /* the cursor's column */
} yz_line_box;

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
/* Characters in the text ('\n' counts one). */
size_t yz_line_chars(const yz_line *l);

/* See yz_line_box: the rows shown into row[0..height), l->top moved so that
 * the cursor's row shows (keep_cursor) or left as it is and only clamped
 * (a box drawn without the focus). width, height < 1 count as 1. */
void yz_line_box_of(yz_line *l, int width, int height, bool keep_cursor, yz_line_row *row,
                    yz_line_box *out);
/* Move the cursor one row up (dir < 0) or down in the text wrapped at width,
 * to the column nearest the one it is in: MOVED, or REFUSED on the first
 * (last) row, where a form leaves the memo. */
yz_line_result yz_line_vertical(yz_line *l, int width, int dir);

#endif
