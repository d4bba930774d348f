/* The printer test page of the admin screen: everything a counter document
 * uses (Chinese text, a rare name character, the middle dot of minority
 * names, bold, double size, a table, small print, a QR code), so one sheet
 * shows whether a printer and its settings are right. Its words are in the
 * station's document language, as every paper is (issue 13). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../intl.h"
#include "print-int.h"

/* Glyph samples, not messages: a Chinese sentence with full-width
 * punctuation ("Chinese print test: characters, punctuation, numbers."), and
 * names with a CJK Ext-B character (U+20BB7) and with U+00B7. */
#define CJK_SAMPLE                                                                                 \
	"\u4e2d\u6587\u6253\u5370\u6d4b\u8bd5\uff1a\u6c49\u5b57\u3001\u6807\u70b9\uff0c"           \
	"\u6570\u5b57 0123456789\u3002"
#define RARE_SAMPLE "\u738b\U00020BB7  \u963f\u4f9d\u53e4\u4e3d\u00b7\u4e70\u4e70\u63d0"
#define TABLE_CJK   "\u6c49\u5b57"

static void add_table(yz_doc *d)
{
	const char *head[] = {P_("No."), P_("Sample"), P_("Amount")};
	yz_doc_table(d, 3, head, (const int[]){1, 4, 2}, "lrr");
	yz_doc_table_row(d, (const char *[]){"1", TABLE_CJK, "12.50"});
	yz_doc_table_row(d, (const char *[]){"2", "ABC xyz", "1,234.00"});
}

yz_doc *yz_doc_test_page(const char *station, const char *printer, time_t when)
{
	char date[32] = "";
	struct tm tm;
	if (localtime_r(&when, &tm))
		strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
	yz_doc *d = yz_doc_new(P_("Printer test page"));
	if (!d)
		return NULL;
	yz_doc_set_created(d, when);
	yz_doc_text(d, P_("Printer test page"), YZ_STYLE_BOLD | YZ_STYLE_DOUBLE | YZ_STYLE_CENTER);
	yz_doc_text(d, station ? station : "", YZ_STYLE_CENTER);
	yz_doc_rule(d);
	yz_doc_kv(d, P_("Printer"), printer ? printer : "");
	yz_doc_kv(d, P_("Printed at"), date);
	yz_doc_rule(d);
	yz_doc_text(d, CJK_SAMPLE, 0);
	yz_doc_kv(d, P_("Rare characters"), RARE_SAMPLE);
	yz_doc_text(d, "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz", 0);
	yz_doc_text(d, P_("Bold text"), YZ_STYLE_BOLD);
	yz_doc_text(d, P_("Double size"), YZ_STYLE_DOUBLE);
	add_table(d);
	yz_doc_code(d, P_("Verification code"), "7QK2M9");
	char *qr = yz_strdup_printf("yizhan test page %s %s", printer ? printer : "", date);
	yz_doc_qr(d, qr ? qr : "yizhan test page");
	free(qr);
	yz_doc_small(d,
	             P_("If every line above is clear, the rare characters are complete and the QR "
	                "code scans, the printer is ready."),
	             0);
	if (d->oom) {
		yz_doc_free(d);
		return NULL;
	}
	return d;
}
