/* The list view: one widget for every list of the counter (cases, the print
 * queue, approvals, the dashboard's sections, search results, pickers …), the
 * way tig draws every view's lines with one drawer. A screen describes its
 * columns and gives the text of a cell through a callback; widths come from
 * display width (wcwidth, so a CJK character counts two), a cell too long is
 * cut with an ellipsis at a character boundary, and rows hidden above or below
 * the window are counted in a marker.
 *
 * The first half is the layout, pure functions of their arguments that the
 * unit tests (tests/tui) call without a terminal; the second half keeps the
 * selection and the filter, and draws through tui_put. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "tui_int.h"

/* The most columns a list may have (the widths are kept on the stack). */
enum { LIST_MAX_COLS = 16, CELL_MAX = 512 };

/* The ellipsis that ends a cut cell: one column in a UTF-8 locale, two in a
 * GB18030 one (the width comes from the locale, as the terminal's does). */
#define ELLIPSIS "\u2026"

/* ---- selection over rows (the screens that keep their own rows) ------------ */

void list_scroll(yz_list *l, int height)
{
	if (height <= 0)
		return;
	if (l->n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)height)
		l->top = l->sel - (size_t)height + 1;
}

bool list_key(yz_list *l, tui_key k, int height)
{
	size_t page = height > 1 ? (size_t)height - 1 : 1;
	if (l->n == 0)
		return key_code(k, KEY_UP) || key_code(k, KEY_DOWN);
	if (key_code(k, KEY_UP)) {
		if (l->sel > 0)
			l->sel--;
	} else if (key_code(k, KEY_DOWN)) {
		if (l->sel + 1 < l->n)
			l->sel++;
	} else if (key_code(k, KEY_PPAGE)) {
		l->sel = l->sel > page ? l->sel - page : 0;
	} else if (key_code(k, KEY_NPAGE)) {
		l->sel = l->sel + page < l->n ? l->sel + page : l->n - 1;
	} else if (key_code(k, KEY_HOME)) {
		l->sel = 0;
	} else if (key_code(k, KEY_END)) {
		l->sel = l->n - 1;
	} else {
		return false;
	}
	list_scroll(l, height);
	return true;
}

/* ---- the layout (pure) ----------------------------------------------------- */

/* Columns used by widths w: the shown columns and a gap between two of them. */
static int used_width(const int *w, size_t n)
{
	int used = 0, shown = 0;
	for (size_t j = 0; j < n; j++)
		if (w[j] > 0)
			used += w[j], shown++;
	return shown > 1 ? used + (shown - 1) * LIST_GAP : used;
}

/* The column to take a column from when they do not fit: the widest of those
 * whose width follows the room (fit, flex), the rightmost of the widest; only
 * then fixed columns, from the right. -1 when every column is 0 already. */
static int to_shrink(const yz_column *cols, const int *w, size_t n)
{
	int k = -1;
	for (size_t j = 0; j < n; j++)
		if (cols[j].rule != COL_FIXED && w[j] > 0 && (k < 0 || w[j] >= w[k]))
			k = (int)j;
	for (size_t j = n; k < 0 && j-- > 0;)
		if (w[j] > 0)
			k = (int)j;
	return k;
}

void list_layout(const yz_column *cols, size_t n, const int *natural, int total, int *w)
{
	int shares = 0;
	for (size_t j = 0; j < n; j++) {
		const yz_column *c = &cols[j];
		w[j] = c->width;
		if (c->rule == COL_FIT && (c->width <= 0 || natural[j] < c->width))
			w[j] = natural[j];
		if (c->rule == COL_FLEX)
			shares += c->flex > 0 ? c->flex : 1;
		if (w[j] < 0)
			w[j] = 0;
	}
	if (total < 0)
		total = 0;
	int used = used_width(w, n);
	for (int k; used > total && (k = to_shrink(cols, w, n)) >= 0;) {
		w[k]--;
		used = used_width(w, n);
	}
	int room = total - used;
	if (room <= 0 || shares == 0)
		return;
	/* A flex column that is 0 wide (an empty minimum) needs its gap too. */
	for (size_t j = 0; j < n; j++)
		if (cols[j].rule == COL_FLEX && w[j] == 0 && used > 0)
			room -= LIST_GAP;
	int given = 0, last = -1;
	for (size_t j = 0; j < n && room > 0; j++) {
		if (cols[j].rule != COL_FLEX)
			continue;
		int share = room * (cols[j].flex > 0 ? cols[j].flex : 1) / shares;
		w[j] += share;
		given += share;
		last = (int)j;
	}
	if (last >= 0 && room > given)
		w[last] += room - given; /* what the division left goes to the last */
}

int list_cut(const char *s, int w, char *out, size_t n)
{
	if (n == 0)
		return 0;
	out[0] = '\0';
	if (!s || w <= 0)
		return 0;
	int sw = yz_text_width(s), ew = yz_text_width(ELLIPSIS);
	size_t el = strlen(ELLIPSIS), keep;
	int kept;
	if (sw <= w) {
		keep = strlen(s);
		el = 0;
	} else if (ew > w) {
		keep = yz_text_fit(s, w, &kept); /* no room even for the ellipsis */
		el = 0;
	} else {
		keep = yz_text_fit(s, w - ew, &kept);
	}
	if (el >= n)
		el = 0, keep = 0;
	if (keep + el >= n) { /* out is short: fewer bytes, still whole characters */
		keep = n - el - 1;
		while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
			keep--;
	}
	memcpy(out, s, keep);
	memcpy(out + keep, ELLIPSIS, el);
	out[keep + el] = '\0';
	return yz_text_width(out);
}

void list_markers(size_t above, size_t below, char *buf, size_t n)
{
	if (n == 0)
		return;
	buf[0] = '\0';
	if (above && below)
		snprintf(buf, n, "\u2191%zu \u2193%zu", above, below);
	else if (above)
		snprintf(buf, n, "\u2191%zu", above);
	else if (below)
		snprintf(buf, n, "\u2193%zu", below);
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool all_letters(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

bool list_match(const char *text, const char *query)
{
	if (!query || !*query)
		return true;
	if (!text || !*text)
		return false;
	size_t qn = strlen(query), tn = strlen(text);
	for (size_t i = 0; i + qn <= tn; i++) {
		size_t k = 0;
		while (k < qn && ascii_lower(text[i + k]) == ascii_lower(query[k]))
			k++;
		if (k == qn)
			return true;
	}
	return all_letters(query) && yz_pinyin_match(text, query, NULL);
}

void list_window(size_t n, size_t sel, int height, size_t *top)
{
	if (height <= 0)
		return;
	size_t h = (size_t)height;
	if (n == 0) {
		*top = 0;
		return;
	}
	if (sel >= n)
		sel = n - 1;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + h)
		*top = sel - h + 1;
	if (*top + h > n) /* no empty rows below while rows are hidden above */
		*top = n > h ? n - h : 0;
}

/* ---- the widget: rows, filter, selection ----------------------------------- */

void listview_init(yz_listview *lv, const yz_column *cols, size_t n_cols, yz_cell_fn cell,
                   void *ctx)
{
	memset(lv, 0, sizeof *lv);
	lv->cols = cols;
	lv->n_cols = n_cols < LIST_MAX_COLS ? n_cols : LIST_MAX_COLS;
	lv->cell = cell;
	lv->ctx = ctx;
}

void listview_free(yz_listview *lv)
{
	free(lv->shown);
	lv->shown = NULL;
	lv->cap = 0;
}

size_t listview_count(const yz_listview *lv)
{
	return lv->list.n;
}

size_t listview_row(const yz_listview *lv, size_t i)
{
	return lv->shown ? lv->shown[i] : i;
}

static bool is_heading(const yz_listview *lv, size_t i)
{
	return lv->heading && i < lv->list.n && lv->heading(lv->ctx, listview_row(lv, i));
}

/* Move the selection off a heading: towards dir (+1 down, -1 up), else back. */
static void skip_headings(yz_listview *lv, int dir)
{
	size_t n = lv->list.n, s = lv->list.sel;
	if (!lv->heading || n == 0 || !is_heading(lv, s))
		return;
	for (int pass = 0; pass < 2; pass++, dir = -dir) {
		for (size_t i = s; i<n; i = dir> 0 ? i + 1 : i - 1) {
			if (!is_heading(lv, i)) {
				lv->list.sel = i;
				return;
			}
			if (dir < 0 && i == 0)
				break;
		}
	}
}

/* Keep the selection in the window of h rows, and a heading above the first
 * row of its group in view with it. */
static void listview_scroll(yz_listview *lv, int h)
{
	yz_list *l = &lv->list;
	if (h <= 0)
		return;
	if (lv->no_select) {
		size_t hh = (size_t)h;
		if (l->top + hh > l->n)
			l->top = l->n > hh ? l->n - hh : 0;
		return;
	}
	if (l->n && l->sel >= l->n)
		l->sel = l->n - 1;
	list_window(l->n, l->sel, h, &l->top);
	if (h >= 2 && l->top > 0 && l->sel == l->top && is_heading(lv, l->top - 1))
		l->top--;
}

static bool row_matches(const yz_listview *lv, size_t r)
{
	char buf[CELL_MAX];
	for (size_t j = 0; j < lv->n_cols; j++)
		if (list_match(lv->cell(lv->ctx, r, j, buf, sizeof buf), lv->query))
			return true;
	return false;
}

/* The rows matching the query into shown; false when that cannot be done (no
 * query, or no memory: then every row is shown). */
static bool filter_rows(yz_listview *lv)
{
	if (!lv->query[0])
		return false;
	if (lv->cap < lv->n_rows || !lv->shown) {
		size_t cap = lv->n_rows ? lv->n_rows : 1;
		size_t *v = realloc(lv->shown, cap * sizeof *v);
		if (!v)
			return false;
		lv->shown = v;
		lv->cap = cap;
	}
	size_t m = 0;
	for (size_t r = 0; r < lv->n_rows; r++)
		if (!(lv->heading && lv->heading(lv->ctx, r)) && row_matches(lv, r))
			lv->shown[m++] = r;
	lv->list.n = m;
	return true;
}

static void apply_filter(yz_listview *lv)
{
	if (!filter_rows(lv)) {
		listview_free(lv);
		lv->list.n = lv->n_rows;
	}
	if (lv->list.n == 0)
		lv->list.sel = lv->list.top = 0;
	else if (lv->list.sel >= lv->list.n)
		lv->list.sel = lv->list.n - 1;
	skip_headings(lv, 1);
}

void listview_set_rows(yz_listview *lv, size_t n)
{
	lv->n_rows = n;
	lv->natural_ok = false; /* new rows: measured again at the next draw */
	apply_filter(lv);
	listview_scroll(lv, lv->height > 0 ? lv->height : 1);
}

void listview_filter(yz_listview *lv)
{
	lv->list.sel = lv->list.top = 0; /* the first match */
	apply_filter(lv);
}

bool listview_selected(const yz_listview *lv, size_t *row)
{
	if (lv->no_select || lv->list.n == 0 || lv->list.sel >= lv->list.n ||
	    is_heading(lv, lv->list.sel))
		return false;
	*row = listview_row(lv, lv->list.sel);
	return true;
}

void listview_select(yz_listview *lv, size_t row)
{
	for (size_t i = 0; i < lv->list.n; i++)
		if (listview_row(lv, i) == row) {
			lv->list.sel = i;
			return;
		}
}

/* Rows that are not headings among shown rows [from, to). */
static size_t count_rows(const yz_listview *lv, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to && i < lv->list.n; i++)
		n += !is_heading(lv, i);
	return n;
}

void listview_hidden(const yz_listview *lv, size_t *above, size_t *below)
{
	size_t top = lv->list.top, h = lv->height > 0 ? (size_t)lv->height : 0;
	*above = count_rows(lv, 0, top);
	*below = top + h < lv->list.n ? count_rows(lv, top + h, lv->list.n) : 0;
}

/* Read-only lists: the keys move the window. */
static bool scroll_key(yz_listview *lv, tui_key k, size_t h)
{
	yz_list *l = &lv->list;
	size_t page = h > 1 ? h - 1 : 1, last = l->n > h ? l->n - h : 0;
	if (key_code(k, KEY_UP))
		l->top = l->top > 0 ? l->top - 1 : 0;
	else if (key_code(k, KEY_DOWN))
		l->top = l->top < last ? l->top + 1 : last;
	else if (key_code(k, KEY_PPAGE))
		l->top = l->top > page ? l->top - page : 0;
	else if (key_code(k, KEY_NPAGE))
		l->top = l->top + page < last ? l->top + page : last;
	else if (key_code(k, KEY_HOME))
		l->top = 0;
	else if (key_code(k, KEY_END))
		l->top = last;
	else
		return false;
	return true;
}

bool listview_key(yz_listview *lv, tui_key k)
{
	int h = lv->height > 0 ? lv->height : 1;
	if (lv->no_select)
		return scroll_key(lv, k, (size_t)h);
	if (!list_key(&lv->list, k, h))
		return false;
	bool up = key_code(k, KEY_UP) || key_code(k, KEY_PPAGE) || key_code(k, KEY_END);
	skip_headings(lv, up ? -1 : 1);
	listview_scroll(lv, h);
	return true;
}

bool listview_search_key(yz_listview *lv, tui_key k)
{
	if (!lv->search)
		return false;
	size_t len = strlen(lv->query);
	if (key_backspace(k) || key_esc(k)) {
		if (len == 0)
			return false;
		if (key_esc(k))
			len = 0;
		else /* the last character, not the last byte */
			while (len > 0 && ((unsigned char)lv->query[--len] & 0xC0) == 0x80)
				;
		lv->query[len] = '\0';
	} else if (key_printable(k) && !(len == 0 && k.ch == ' ')) {
		char u[4];
		size_t ul = yz_utf8_encode((uint32_t)k.ch, u);
		if (ul == 0 || len + ul >= sizeof lv->query)
			return true; /* the query is full: the key is still ours */
		memcpy(lv->query + len, u, ul);
		lv->query[len + ul] = '\0';
	} else {
		return false;
	}
	listview_filter(lv);
	return true;
}

/* ---- drawing --------------------------------------------------------------- */

/* Widen lv->natural by the cells of rows [from, to) of the screen's rows. */
static void measure_rows(yz_listview *lv, size_t from, size_t to)
{
	char buf[CELL_MAX];
	for (size_t j = 0; j < lv->n_cols; j++) {
		if (lv->cols[j].rule != COL_FIT)
			continue;
		for (size_t r = from; r < to; r++) {
			if (lv->heading && lv->heading(lv->ctx, r))
				continue;
			int cw = yz_text_width(lv->cell(lv->ctx, r, j, buf, sizeof buf));
			if (cw > lv->natural[j])
				lv->natural[j] = cw;
		}
	}
}

void listview_natural(yz_listview *lv, int *natural)
{
	/* Every row, not only those shown: the columns stay put while the clerk
	 * scrolls or types a search. Measured once per set of rows; a screen
	 * that changes a row in place changes one the clerk sees, so the rows on
	 * screen are measured again at every draw (a cell grown wider widens its
	 * column at once; one grown narrower leaves it wide until the rows are
	 * set again). */
	if (!lv->natural_ok) {
		memset(lv->natural, 0, sizeof lv->natural);
		for (size_t j = 0; j < lv->n_cols; j++) {
			const char *title = lv->cols[j].title;
			if (lv->cols[j].rule == COL_FIT && title && *title)
				lv->natural[j] = yz_text_width(_(title));
		}
		measure_rows(lv, 0, lv->n_rows);
		lv->natural_ok = true;
	} else {
		size_t h = lv->height > 0 ? (size_t)lv->height : 1;
		for (size_t i = lv->list.top; i < lv->list.top + h && i < lv->list.n; i++) {
			size_t r = listview_row(lv, i);
			measure_rows(lv, r, r + 1);
		}
	}
	for (size_t j = 0; j < lv->n_cols; j++)
		if (lv->natural[j] > natural[j])
			natural[j] = lv->natural[j];
}

void listview_widths(yz_listview *lv, int w, int *widths)
{
	int natural[LIST_MAX_COLS] = {0};
	listview_natural(lv, natural);
	list_layout(lv->cols, lv->n_cols, natural, w - 2 - lv->indent, widths);
}

/* One cell, cut to its width, aligned in it. */
static void put_cell(int y, int x, int w, const char *text, bool right, attr_t a)
{
	char cut[CELL_MAX];
	int used = list_cut(text, w, cut, sizeof cut);
	tui_put(y, right ? x + w - used : x, cut, w, a);
}

static void draw_header(yz_tui *t, const yz_listview *lv, const int *widths, int y, int x)
{
	attr_t a = tui_attr(t, ROLE_HEADER);
	for (size_t j = 0; j < lv->n_cols; j++) {
		if (widths[j] <= 0)
			continue;
		const char *title = lv->cols[j].title;
		put_cell(y, x, widths[j], title && *title ? _(title) : "", lv->cols[j].right, a);
		x += widths[j] + LIST_GAP;
	}
}

static void draw_row(yz_tui *t, yz_listview *lv, const int *widths, size_t i, int y, int x, int w)
{
	char buf[CELL_MAX];
	size_t r = listview_row(lv, i);
	if (is_heading(lv, i)) {
		attr_t a =
		    tui_attr(t, ROLE_HEADER) | (lv->attr ? lv->attr(t, lv->ctx, r, 0, false) : 0);
		put_cell(y, x + 1, w - 2, lv->cell(lv->ctx, r, 0, buf, sizeof buf), false, a);
		return;
	}
	bool sel = !lv->no_select && i == lv->list.sel;
	attr_t base = sel ? tui_attr(t, ROLE_FOCUS) : A_NORMAL;
	tui_put_pad(y, x + lv->indent, "", w - lv->indent, base);
	int cx = x + 1 + lv->indent;
	for (size_t j = 0; j < lv->n_cols; j++) {
		if (widths[j] <= 0)
			continue;
		attr_t a = base | (lv->attr ? lv->attr(t, lv->ctx, r, j, sel) : 0);
		put_cell(y, cx, widths[j], lv->cell(lv->ctx, r, j, buf, sizeof buf),
		         lv->cols[j].right, a);
		cx += widths[j] + LIST_GAP;
	}
}

void listview_draw_rows(yz_tui *t, yz_listview *lv, const int *widths, int y, int x, int w, int h)
{
	lv->height = h > 0 ? h : 0;
	if (h <= 0 || w <= 2)
		return;
	listview_scroll(lv, h);
	for (int i = 0; i < h && lv->list.top + (size_t)i < lv->list.n; i++)
		draw_row(t, lv, widths, lv->list.top + (size_t)i, y + i, x, w);
}

/* The markers in the header row (x, w: from the first column to the right
 * margin), where they hide no title: at the end of the row when the titles
 * leave room there, else at the end of the column whose title leaves the most
 * (a wide flex column), else over the end of the row. */
static void draw_header_markers(const yz_listview *lv, const int *widths, int y, int x, int w)
{
	size_t above, below;
	char m[64];
	listview_hidden(lv, &above, &below);
	list_markers(above, below, m, sizeof m);
	int mw = yz_text_width(m);
	if (mw == 0 || mw + 1 > w)
		return;
	int cx = x, best = -1, end = x + w, titles_end = x;
	for (size_t j = 0; j < lv->n_cols; j++) {
		if (widths[j] <= 0)
			continue;
		const char *title = lv->cols[j].title;
		int tw = title && *title ? yz_text_width(_(title)) : 0;
		tw = tw < widths[j] ? tw : widths[j];
		titles_end = cx + (lv->cols[j].right ? widths[j] : tw);
		int room = widths[j] - tw - 1; /* after the title and a blank */
		if (room >= mw && room > best)
			best = room, end = cx + widths[j];
		cx += widths[j] + LIST_GAP;
	}
	if (x + w - mw - 1 >= titles_end || best < 0) {
		end = x + w;
		tui_put_pad(y, end - mw - 1, "", mw + 1, A_NORMAL);
	}
	tui_put(y, end - mw, m, mw, A_BOLD);
}

void listview_draw(yz_tui *t, yz_listview *lv, int y, int x, int w, int h, bool header)
{
	int widths[LIST_MAX_COLS];
	if (w <= 2 || h <= (header ? 1 : 0))
		return;
	listview_widths(lv, w, widths);
	if (header)
		draw_header(t, lv, widths, y, x + 1 + lv->indent);
	listview_draw_rows(t, lv, widths, header ? y + 1 : y, x, w, header ? h - 1 : h);
	if (header)
		draw_header_markers(lv, widths, y, x + 1 + lv->indent, w - 1 - lv->indent);
}

void listview_draw_markers(yz_tui *t, const yz_listview *lv, int y, int x, int w)
{
	(void)t;
	size_t above, below;
	char m[64];
	listview_hidden(lv, &above, &below);
	list_markers(above, below, m, sizeof m);
	int mw = yz_text_width(m);
	if (mw > 0 && mw + 1 < w) { /* after a blank, over what was there */
		tui_put_pad(y, x + w - mw - 1, "", mw + 1, A_NORMAL);
		tui_put(y, x + w - mw, m, mw, A_BOLD);
	}
}

void listview_draw_query(yz_tui *t, const yz_listview *lv, int y, int x, int w)
{
	if (w <= 0)
		return;
	if (!lv->query[0]) {
		tui_put(y, x, _("Type to search"), w, tui_attr(t, ROLE_DIM));
		return;
	}
	int used = tui_put(y, x, _("Search: "), w, A_BOLD);
	used += tui_put(y, x + used, lv->query, w - used, tui_attr(t, ROLE_FIELD));
	t->cur_y = y;
	t->cur_x = x + used;
}
