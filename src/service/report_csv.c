/* A report as CSV, the way the residents' export writes it (src/store/
 * import.c): RFC 4180 with CRLF, UTF-8 with a BOM (Excel reads UTF-8 only
 * with it) or GB18030 through iconv (what Excel on a Chinese Windows opens
 * without asking), every cell guarded by the same helper (yz_csv_put_cell:
 * no cell is ever a formula; codes stay text).
 *
 * Only the header row and the rows: no title or period lines above them, so
 * that the file imports cleanly into another table. A group's heading row is
 * left out (the grouped column is in every row); a subtotal's first cell
 * names its group, the total's says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "report_int.h"
#include "yizhan/store/exchange.h"
#include "yizhan/store/outfile.h"

static const char utf8_bom[] = "\xef\xbb\xbf";

static void put_row(FILE *f, const yz_report *r, size_t i)
{
	const yz_report_row *row = &r->rows[i];
	char buf[64];
	for (size_t c = 0; c < r->n_cols; c++) {
		const char *cell = rpt_shown(r->cols[c].kind, row->cells[c], buf, sizeof buf);
		char *named = NULL;
		const char *group =
		    c == 0 && row->kind == YZ_ROW_SUBTOTAL ? rpt_group_of(r, i) : NULL;
		if (group && *group)
			named = yz_strdup_printf(P_("%s (%s)"), cell, group);
		yz_csv_put_cell(f, named ? named : cell, r->cols[c].kind == YZ_CELL_CODE,
		                c + 1 == r->n_cols);
		free(named);
	}
}

int rpt_write_csv(const yz_report *r, bool gb18030, const char *path, yz_err *err)
{
	char *buf = NULL, *conv = NULL;
	size_t len = 0, clen = 0;
	FILE *mem = open_memstream(&buf, &len);
	int rc = -1;

	if (!mem) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	if (!gb18030)
		fputs(utf8_bom, mem);
	for (size_t c = 0; c < r->n_cols; c++)
		yz_csv_put_cell(mem, r->cols[c].label, false, c + 1 == r->n_cols);
	for (size_t i = 0; i < r->n_rows; i++)
		if (r->rows[i].kind != YZ_ROW_GROUP)
			put_row(mem, r, i);
	if (fclose(mem) != 0 || !buf) {
		free(buf);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("Out of memory."));
		return -1;
	}
	if (gb18030) {
		conv = yz_iconv(buf, len, "UTF-8", "GB18030", &clen, NULL, err);
		if (conv)
			rc = yz_outfile_write(path, conv, clen, err);
	} else {
		rc = yz_outfile_write(path, buf, len, err);
	}
	free(conv);
	free(buf);
	return rc;
}
