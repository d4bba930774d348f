/* A list with a selected row and scrolling; the screens draw the rows. */
#include "tui_int.h"

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
