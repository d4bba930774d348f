/* Diagnostics: "file:line:col: message" strings collected while parsing and
 * checking form files. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "form_internal.h"

/* Appends item to d; on ENOMEM the message is lost, which is all we can do. */
static void diags_push(yz_diags *d, char *item)
{
	char **items;

	if (item == NULL)
		return;
	items = realloc(d->items, (d->n + 1) * sizeof *items);
	if (items == NULL) {
		free(item);
		return;
	}
	d->items = items;
	d->items[d->n++] = item;
}

void yz_diags_add(yz_diags *d, const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	char *item;

	if (d == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (msg == NULL)
		return;
	/* Line 0 means "the whole file", column 0 "the whole line". */
	if (line > 0 && col > 0)
		item = yz_strdup_printf("%s:%d:%d: %s", file, line, col, msg);
	else if (line > 0)
		item = yz_strdup_printf("%s:%d: %s", file, line, msg);
	else
		item = yz_strdup_printf("%s: %s", file, msg);
	free(msg);
	diags_push(d, item);
}

void yzf_diags_push(yz_diags *d, const char *text)
{
	if (d != NULL)
		diags_push(d, yzf_strdup(text));
}

void yz_diags_free(yz_diags *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->items[i]);
	free(d->items);
	d->items = NULL;
	d->n = 0;
}
