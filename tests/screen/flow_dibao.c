/* flow_dibao (flows.h): a household's di bao application as a clerk keys it,
 * from the home screen to the case accepted. The head applies; member 1 is
 * the applicant without retyping, F8 adds the rest of the household from the
 * registry, and the clerk types only what the registry does not know: the
 * incomes, and a member not registered yet. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flows.h"
#include "screen_fixture.h"

#define VT_F8 "\033[19~"

/* Words on the screen (UTF-8 escapes: no Chinese in C sources). */
#define W_DIBAO    "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7" /* di bao application */
#define W_INTAKE   "\u65b0\u529e\u4e1a\u52a1"                         /* new service */
#define W_HEAD     "\u6237\u4e3b"                                     /* household head */
#define W_PHONE    "\u8054\u7cfb\u7535\u8bdd"                         /* phone */
#define W_HUKOU    "\u6237\u7c4d\u6027\u8d28"                         /* kind of hukou */
#define W_REASON   "\u4e3b\u8981\u56f0\u96be\u539f\u56e0"             /* main reason */
#define W_OTHER    "\u5176\u4ed6"                                     /* other */
#define W_PAGE2    "\u7b2c 2/3 \u9875"                                /* page 2/3 */
#define W_PAGE3    "\u7b2c 3/3 \u9875"                                /* page 3/3 */
#define W_ALL_MATS "\u5168\u90e8\u6750\u6599\u5df2\u52fe\u9009"       /* every material ticked */
#define W_ACCEPTED "\u5df2\u53d7\u7406\uff1a\u529e\u4ef6\u7f16\u53f7" /* accepted: case number */

/* Wait for text; false with the screen on stderr. */
static bool seen(vt *v, const char *text)
{
	return scr_seen(v, "flow_dibao", text);
}

/* The value shown right of label on its row ("" when none) into out. */
static void value_of(vt *v, const char *label, char *out, size_t n)
{
	int row = vt_row_of(v, label);
	char *text = row >= 0 ? vt_row(v, row) : NULL;
	const char *p = text ? strstr(text, label) : NULL;

	out[0] = '\0';
	if (p) {
		for (p += strlen(label); *p == ' '; p++)
			;
		snprintf(out, n, "%s", p);
	}
	free(text);
}

/* A choice on the focused row: the station's usual value when the field
 * starts with one (any but "other", which asks for a note), else option 1. */
static void choose(vt *v, const char *label)
{
	char now[128];

	value_of(v, label, now, sizeof now);
	if (strstr(now, W_OTHER))
		vt_send(v, VT_CTRL_U "1");
	else if (!now[0])
		vt_send(v, "1");
	vt_send(v, VT_TAB);
}

/* F2 and the item: its digit among the station's most used, else its pinyin
 * initials. */
static bool open_item(vt *v)
{
	return scr_pick_item(v, "flow_dibao", W_DIBAO, "dbsq") &&
	       seen(v, W_HEAD); /* the search for the applicant, the head */
}

/* The search for the applicant is open: the last 6 characters of the ID
 * number; a person named for sure is taken at once, else Enter takes the
 * first found. */
static bool pick_head(vt *v, const flow_household *h)
{
	vt_send(v, h->head_idno + 12);
	if (!seen(v, h->head_name))
		return false;
	if (!vt_wait_for(v, W_PHONE, 1000))
		vt_send(v, VT_ENTER);
	return seen(v, W_INTAKE) && seen(v, W_PHONE);
}

long flow_dibao(vt *v, const flow_household *h)
{
	long start = vt_keys(v);

	if (!open_item(v) || !pick_head(v, h))
		return -1;
	/* Phone and address from the registry; the hukou and the reason. */
	vt_send(v, VT_TAB VT_TAB);
	choose(v, W_HUKOU);
	choose(v, W_REASON);
	vt_send(v, VT_PGDN);
	if (!seen(v, W_PAGE2))
		return -1;
	/* Member 1 is the applicant already: F8 brings the rest of the
	 * household, and the cursor waits in the first income. Alone in the
	 * registry: past the name, ID number and relation to the income. */
	vt_send(v, h->registered > 1 ? VT_F8 : VT_TAB VT_TAB VT_TAB);
	vt_send(v, "600");
	for (int i = 1; i < h->registered; i++)
		vt_send(v, VT_DOWN "300");
	if (h->new_name) {
		/* A child at school: relation 3 (child), income 0, work 4 (at school). */
		vt_send(v, VT_F3);
		vt_send(v, h->new_name);
		vt_send(v, VT_TAB);
		vt_send(v, h->new_idno); /* full: on to the relation by itself */
		vt_send(v, "3" VT_TAB "0" VT_TAB "4");
		if (!seen(v, h->new_name))
			return -1;
	}
	vt_send(v, VT_PGDN);
	if (!seen(v, W_PAGE3))
		return -1;
	/* No vehicle, one home, no deposits, signed; every material (one key). */
	vt_send(v, "n" VT_TAB "1" VT_TAB VT_TAB "y");
	vt_send(v, VT_F12);
	if (!seen(v, W_ALL_MATS))
		return -1;
	vt_send(v, VT_F9);
	if (!seen(v, W_ACCEPTED))
		return -1;
	return vt_keys(v) - start;
}
