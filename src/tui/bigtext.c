/* Big characters from the terminal's own cells (issue 19): the ticket kiosk's
 * number and the hall display's codes, readable across a room on any
 * terminal — no graphics, no font of the terminal's. The font is data: 5 rows
 * of 4 dots per character. A dot is 2 columns by 1 row at scale 1, because a
 * terminal's cell is about twice as tall as it is wide; scale 2 doubles both.
 * Characters are one dot apart. */
#include <langinfo.h>
#include <string.h>

#include "tui_int.h"

#define BIG_ROWS 5
#define BIG_COLS 4

typedef struct big_glyph {
	char ch;
	const char *rows[BIG_ROWS];
} big_glyph;

/* Ticket codes are a letter and digits ("A012"); the clock on the hall's
 * title uses ':'; '-' is for a booking number's day. */
static const big_glyph font[] = {
    {'0', {" ## ", "#  #", "#  #", "#  #", " ## "}},
    {'1', {" #  ", "##  ", " #  ", " #  ", "### "}},
    {'2', {"### ", "   #", " ## ", "#   ", "####"}},
    {'3', {"### ", "   #", " ## ", "   #", "### "}},
    {'4', {"#  #", "#  #", "####", "   #", "   #"}},
    {'5', {"####", "#   ", "### ", "   #", "### "}},
    {'6', {" ## ", "#   ", "### ", "#  #", " ## "}},
    {'7', {"####", "   #", "  # ", " #  ", " #  "}},
    {'8', {" ## ", "#  #", " ## ", "#  #", " ## "}},
    {'9', {" ## ", "#  #", " ###", "   #", " ## "}},
    {'A', {" ## ", "#  #", "####", "#  #", "#  #"}},
    {'B', {"### ", "#  #", "### ", "#  #", "### "}},
    {'C', {" ###", "#   ", "#   ", "#   ", " ###"}},
    {'D', {"### ", "#  #", "#  #", "#  #", "### "}},
    {'E', {"####", "#   ", "### ", "#   ", "####"}},
    {'F', {"####", "#   ", "### ", "#   ", "#   "}},
    {'G', {" ###", "#   ", "# ##", "#  #", " ###"}},
    {'H', {"#  #", "#  #", "####", "#  #", "#  #"}},
    {'I', {"### ", " #  ", " #  ", " #  ", "### "}},
    {'J', {"  ##", "   #", "   #", "#  #", " ## "}},
    {'K', {"#  #", "# # ", "##  ", "# # ", "#  #"}},
    {'L', {"#   ", "#   ", "#   ", "#   ", "####"}},
    {'M', {"#  #", "####", "####", "#  #", "#  #"}},
    {'N', {"#  #", "## #", "# ##", "#  #", "#  #"}},
    {'O', {"####", "#  #", "#  #", "#  #", "####"}},
    {'P', {"### ", "#  #", "### ", "#   ", "#   "}},
    {'Q', {" ## ", "#  #", "#  #", "# ##", " ###"}},
    {'R', {"### ", "#  #", "### ", "# # ", "#  #"}},
    {'S', {" ###", "#   ", " ## ", "   #", "### "}},
    {'T', {"####", " #  ", " #  ", " #  ", " #  "}},
    {'U', {"#  #", "#  #", "#  #", "#  #", " ## "}},
    {'V', {"#  #", "#  #", "#  #", " ## ", " ## "}},
    {'W', {"#  #", "#  #", "####", "####", "#  #"}},
    {'X', {"#  #", "#  #", " ## ", "#  #", "#  #"}},
    {'Y', {"#  #", "#  #", " ## ", " #  ", " #  "}},
    {'Z', {"####", "   #", " ## ", "#   ", "####"}},
    {':', {"    ", " #  ", "    ", " #  ", "    "}},
    {'-', {"    ", "    ", "####", "    ", "    "}},
};

static const big_glyph *glyph(char c)
{
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
		if (font[i].ch == c)
			return &font[i];
	return NULL; /* drawn blank: a space, or what the font lacks */
}

int tui_big_height(int scale)
{
	return scale > 0 ? BIG_ROWS * scale : 0;
}

int tui_big_width(const char *s, int scale)
{
	size_t n = strlen(s);
	if (n == 0 || scale <= 0)
		return 0;
	int dot = 2 * scale;
	return (int)n * BIG_COLS * dot + ((int)n - 1) * dot;
}

int tui_big_fit(const char *s, int w, int h, int max)
{
	for (int scale = max; scale > 0; scale--)
		if (tui_big_width(s, scale) <= w && tui_big_height(scale) <= h)
			return scale;
	return 0;
}

/* A UTF-8 terminal has the full block; elsewhere (a GB18030 console) a
 * reversed space is the same square and needs no character set at all. */
static bool blocks(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* One run of width dots' columns lit, at (y, x). */
static void lit(int y, int x, int width, bool utf8, attr_t a)
{
	if (y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	if (utf8) {
		char buf[3 * 64 + 1];
		int n = width < 64 ? width : 64;
		for (int i = 0; i < n; i++)
			memcpy(buf + 3 * i, "\xe2\x96\x88", 3); /* U+2588 FULL BLOCK */
		buf[3 * n] = '\0';
		tui_put(y, x, buf, n, a);
	} else {
		attr_t old_a;
		short old_p;
		attr_get(&old_a, &old_p, NULL);
		attrset(a | A_REVERSE);
		mvhline(y, x, ' ', width);
		attr_set(old_a, old_p, NULL);
	}
}

void tui_big_draw(int y, int x, const char *s, int scale, attr_t a)
{
	if (scale <= 0)
		return;
	bool utf8 = blocks();
	int dot = 2 * scale;
	for (size_t i = 0; s[i]; i++, x += (BIG_COLS + 1) * dot) {
		const big_glyph *g = glyph(s[i]);
		if (!g)
			continue;
		for (int r = 0; r < BIG_ROWS; r++)
			for (int c = 0; c < BIG_COLS; c++) {
				if (g->rows[r][c] != '#')
					continue;
				/* Dots next to each other in one run: fewer calls. */
				int run = 1;
				while (c + run < BIG_COLS && g->rows[r][c + run] == '#')
					run++;
				for (int k = 0; k < scale; k++)
					lit(y + r * scale + k, x + c * dot, run * dot, utf8, a);
				c += run - 1;
			}
	}
}
