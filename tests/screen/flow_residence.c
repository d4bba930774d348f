/* flow_residence (flows.h): a known resident's residence certificate, the
 * keys a clerk presses from the home screen to both papers printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flows.h"
#include "screen_fixture.h"

/* Wait for text; false with the screen on stderr. */
static bool seen(vt *v, const char *text)
{
	return scr_seen(v, "flow_residence", text);
}

long flow_residence(vt *v, const char *idno_suffix)
{
	long start = vt_keys(v);

	/* The station's most used items are numbered: one digit. An item not
	 * among them is found by typing its pinyin initials. */
	if (!scr_pick_item(v, "flow_residence", "居住证明", "jzzm") || !seen(v, "申请人"))
		return -1;
	/* Straight into the applicant's search: the last digits name them. */
	vt_send(v, idno_suffix);
	if (!seen(v, "申请人：") || !seen(v, "证明用途"))
		return -1;
	/* The purpose starts with the station's usual one. With none (no
	 * certificate yet), or when it is "other" (which needs a note), the
	 * resident's: the first, for school. */
	int row = vt_row_of(v, "证明用途");
	char *text = row >= 0 ? vt_row(v, row) : NULL;
	static const char *const options[] = {"子女入学", "就业", "办理居住证", "银行开户",
	                                      "社保医保"};
	bool chosen = false;
	for (size_t i = 0; text && !chosen && i < sizeof options / sizeof options[0]; i++)
		chosen = strstr(text, options[i]) != NULL;
	free(text);
	if (!chosen)
		vt_send(v, "1");
	/* Every material seen (one key), then submit from where the focus is. */
	vt_send(v, VT_F12);
	if (!seen(v, "全部材料已勾选"))
		return -1;
	vt_send(v, VT_F9);
	if (!seen(v, "已受理：办件编号") || !seen(v, "回执：已送打印机") ||
	    !seen(v, "已送打印机 a4"))
		return -1;
	return vt_keys(v) - start;
}
