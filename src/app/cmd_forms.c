/* yizhan forms check [DIR]: parse every form file and check cross references,
 * then the ledgers of DIR/ledgers against those forms; prints
 * "file:line:col: message" for each problem and exits 1 on any. */
#include <stdio.h>

#include "../intl.h"
#include "app.h"

int cmd_forms_check(yz_app *a, int argc, char **argv)
{
	const char *dir = argc > 0 ? argv[0] : a->cfg.forms_dir;
	yz_err err = {{0}};
	if (argc == 0 && yz_config_check_own(&a->cfg, &err) != 0) {
		app_printf(stderr, "yizhan: %s\n", err.msg);
		return 1;
	}
	yz_catalogue cat = {0};
	yz_diags diags = {0};
	char vocab[PATH_MAX];
	yz_config_vocab_dir(&a->cfg, vocab, sizeof vocab);
	int rc = yz_catalogue_load(dir, vocab, yz_clock_today(&a->sess.clock), &cat, &diags);
	if (yz_catalogue_check(&cat, &diags) != 0)
		rc = -1;
	/* The registry's record forms (registry/resident.form) are checked too. */
	size_t n_records = 0;
	if (yz_service_check_record_forms(dir, yz_clock_today(&a->sess.clock), &diags,
	                                  &n_records) != 0)
		rc = -1;
	/* The ledgers name the forms: without any form they would only repeat
	 * what is wrong with the forms. */
	yz_ledger_set ledgers = {0};
	if (cat.n_forms > 0 && yz_service_ledgers_load(dir, &cat, &ledgers, &diags) != 0)
		rc = -1;
	for (size_t i = 0; i < diags.n; i++)
		app_printf(stderr, "%s\n", diags.items[i]);
	if (rc == 0)
		app_printf(stdout, _("%zu forms and %zu ledgers checked in %s: no problems.\n"),
		           cat.n_forms + n_records, ledgers.n, dir);
	else
		app_printf(stderr, _("%zu problems found in %s.\n"), diags.n, dir);
	yz_diags_free(&diags);
	yz_ledger_set_free(&ledgers);
	yz_catalogue_free(&cat);
	return rc == 0 ? 0 : 1;
}
