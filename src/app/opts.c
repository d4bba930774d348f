/* The commands' options from a table (STYLE.md: tmux's options table): each
 * command lists its options once — the word and the member of its options
 * struct the value goes to — and one loop reads them, so every command says
 * the same thing about an unknown argument or a missing value. Also what the
 * commands that name a survey or a ledger share: the "there is none, these
 * are" message and the files left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

/* The table's entry for arg that this command (p->which) takes, or NULL. */
static const app_opt *lookup(const app_opts *p, const char *arg)
{
	for (size_t k = 0; k < p->n; k++) {
		const app_opt *t = &p->opt[k];
		if (!strcmp(arg, t->name) && (!t->in || (t->in & p->which)))
			return t;
	}
	return NULL;
}

int app_opts_parse(const char *cmd, const app_opts *p, int argc, char **argv, void *o)
{
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		int took = p->period ? app_take_period(cmd, argc, argv, &i, p->period) : 0;
		if (took == 2)
			return 2;
		if (took == 1)
			continue;
		const app_opt *t = lookup(p, arg);
		if (t && t->flag) {
			*(bool *)((char *)o + t->at) = true;
		} else if (t) {
			if (app_take_value(cmd, argc, argv, &i,
			                   (const char **)((char *)o + t->at)) != 0)
				return 2;
		} else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			*p->help = true;
		} else if (arg[0] != '-' && p->word && !*p->word) {
			*p->word = arg;
		} else {
			app_printf(stderr,
			           _("yizhan %s: unknown argument %s (see yizhan %s --help)\n"),
			           cmd, arg, cmd);
			return 2;
		}
	}
	return 0;
}

void app_diags_print(const yz_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		app_printf(stderr, "%s\n", d->items[i]);
}

long app_find_named(const char *cmd, const char *name, const app_named *w, const void *set,
                    size_t n, const yz_diags *d)
{
	size_t len = 2;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(w->id(set, i), name))
			return (long)i;
	for (size_t i = 0; i < n; i++)
		len += strlen(w->id(set, i)) + 2;
	char *ids = calloc(1, len);
	for (size_t i = 0; ids && i < n; i++) {
		if (i)
			strcat(ids, ", ");
		strcat(ids, w->id(set, i));
	}
	/* w->none is a translated "yizhan %s: there is no ... %s. ...: %s\n" */
	app_printf(stderr, w->none, cmd, name, ids && *ids ? ids : "-");
	free(ids);
	if (d->n) {
		app_printf(stderr, "%s\n", w->mistakes);
		app_diags_print(d);
	}
	return -1;
}
