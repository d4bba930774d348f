/* yizhan forms check [DIR]: parse every form file and check cross references,
 * then the ledgers of DIR/ledgers against those forms, then the surveys of
 * DIR/surveys (issue 18); prints "file:line:col: message" for each problem
 * and exits 1 on any. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "app.h"
#include "yizhan/form/survey.h"

/* How many of cat's forms were read from overlay ("" = none). */
static size_t district_forms(const yz_catalogue *cat, const char *overlay)
{
	size_t n = 0;
	for (size_t i = 0; overlay[0] && i < cat->n_forms; i++)
		n += !strncmp(cat->forms[i]->path, overlay, strlen(overlay));
	return n;
}

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
	char vocab[PATH_MAX], overlay[PATH_MAX] = "";
	yz_config_vocab_dir(&a->cfg, vocab, sizeof vocab);
	/* The station's own forms are checked as the counter reads them: with
	 * the district's published ones over them (issue 17). */
	if (argc == 0)
		yz_config_district_forms_dir(&a->cfg, overlay, sizeof overlay);
	int rc = yz_catalogue_load_with(dir, overlay[0] ? overlay : NULL, vocab,
	                                yz_clock_today(&a->sess.clock), &cat, &diags);
	size_t n_district = district_forms(&cat, overlay);
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
	/* The surveys stand alone (their questions are their own fields); the
	 * district's published ones are read over the station's, as the counter
	 * reads them. */
	char sdir[PATH_MAX], soverlay[PATH_MAX] = "";
	yz_survey_set surveys = {0};
	snprintf(sdir, sizeof sdir, "%s/surveys", dir);
	if (overlay[0])
		snprintf(soverlay, sizeof soverlay, "%s/surveys", overlay);
	if (yz_survey_set_load_with(sdir, soverlay[0] ? soverlay : NULL, &surveys, &diags) != 0)
		rc = -1;
	for (size_t i = 0; i < diags.n; i++)
		app_printf(stderr, "%s\n", diags.items[i]);
	if (n_district > 0)
		app_printf(stdout, _("Forms published by the district, in use: %zu (%s)\n"),
		           n_district, overlay);
	for (size_t i = 0; n_district > 0 && i < cat.n_forms; i++)
		if (!strncmp(cat.forms[i]->path, overlay, strlen(overlay)))
			app_printf(stdout, "  %s\t%s\n", cat.forms[i]->id, cat.forms[i]->title);
	if (rc == 0)
		app_printf(
		    stdout,
		    _("%zu forms, %zu ledgers and %zu surveys checked in %s: no problems.\n"),
		    cat.n_forms + n_records, ledgers.n, surveys.n, dir);
	else
		app_printf(stderr, _("%zu problems found in %s.\n"), diags.n, dir);
	yz_diags_free(&diags);
	yz_ledger_set_free(&ledgers);
	yz_survey_set_free(&surveys);
	yz_catalogue_free(&cat);
	return rc == 0 ? 0 : 1;
}
