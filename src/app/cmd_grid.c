/* yizhan grid: the grids of the station and their books (yi zu yi ce).
 *
 *   grid list                                       one grid per line with its leader
 *   grid book GRID [--printer P] [--pdf FILE] [--masked] --as LOGIN
 *
 * GRID is the grid's name as `grid list` prints it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

enum { GRIDS_MAX = 256 };

int cmd_grid_list(yz_app *a, int argc, char **argv)
{
	(void)argv;
	if (argc > 0) {
		app_printf(stderr, _("yizhan grid list: no arguments\n"));
		return 2;
	}
	if (app_open(a) != 0)
		return 1;
	yz_place *g = calloc(GRIDS_MAX, sizeof *g);
	size_t n = 0;
	yz_err err = {{0}};
	if (!g || yz_service_grid_list(&a->sess, g, GRIDS_MAX, &n, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", g ? err.msg : _("Out of memory."));
		free(g);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		app_print_padded(stdout, g[i].name, 24);
		app_print_padded(stdout, g[i].leader, 12);
		app_printf(stdout, "%s\n", g[i].leader_phone);
	}
	free(g);
	return 0;
}

int cmd_grid_book(yz_app *a, int argc, char **argv)
{
	app_registry_opt o = {0};
	int rc = app_registry_opts("grid book", argc, argv, &o);
	if (rc != 0)
		return rc;
	if (app_open(a) != 0)
		return 1;
	if ((rc = app_need_account(a, "grid book")) != 0)
		return rc;
	yz_place g;
	yz_err err = {{0}};
	rc = yz_service_find_grid(&a->sess, o.arg, &g, &err);
	yz_doc *d = rc == 0 ? yz_service_grid_book(&a->sess, g.id, !o.masked, &err) : NULL;
	if (!d) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	char name[64], what[160];
	snprintf(name, sizeof name, "grid-%lld", (long long)g.id);
	snprintf(what, sizeof what, "grid %.128s", g.name);
	return app_registry_deliver(a, d, &o, name, "grid_book", what);
}
