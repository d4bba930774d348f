/* survey_key18: key one survey paper into a station, as the counter's entry
 * screen does (cli_survey18.sh keys the papers the CLI then counts, lists
 * and reports on; the program itself has no command to key papers).
 *
 *   survey_key18 HOME SURVEY LOGIN SERIAL MODE [FIELD=TYPED ...]
 *
 * MODE is self, proxy or counter; each answer is typed as a clerk types it
 * (a choice's number, a multichoice's numbers "1 3") and normalized by the
 * entry form's field. Prints "SERIAL pass P state S diffs N"; exit 1 with
 * the service's message when the paper is refused. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yizhan/service.h"

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr,
		        "usage: survey_key18 HOME SURVEY LOGIN SERIAL MODE [FIELD=TYPED ...]\n");
		return 2;
	}
	setlocale(LC_ALL, "C.UTF-8");
	const char *home = argv[1], *id = argv[2], *login = argv[3];
	yz_config cfg;
	yz_store *store = NULL;
	yz_err err = {{0}};
	char path[4200];
	yz_config_defaults(&cfg, home);
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	if (yz_config_load(&cfg, path, &err) != 0 ||
	    yz_store_open(cfg.db_path, &store, &err) != 0) {
		fprintf(stderr, "survey_key18: %s\n", err.msg);
		return 1;
	}
	yz_session s = {.cfg = &cfg, .store = store};
	if (yz_user_get(store, login, &s.user, &err) != 0) {
		fprintf(stderr, "survey_key18: no user %s\n", login);
		return 1;
	}
	yz_service_set_clock(&s, yz_clock_real());
	yz_survey_set set = {0};
	yz_diags d = {0};
	yz_service_surveys(&s, &set, &d);
	const yz_survey *sv = yz_survey_set_find(&set, id);
	if (!sv) {
		fprintf(stderr, "survey_key18: no survey %s\n", id);
		return 1;
	}
	yz_values v = {0};
	yz_values_set(&v, YZ_SURVEY_F_SERIAL, argv[4]);
	yz_survey_mode mode = !strcmp(argv[5], "proxy")     ? YZ_SURVEY_PROXY
	                      : !strcmp(argv[5], "counter") ? YZ_SURVEY_COUNTER
	                                                    : YZ_SURVEY_SELF;
	yz_values_set(&v, YZ_SURVEY_F_MODE, yz_survey_mode_label(mode));
	for (int i = 6; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			continue;
		*eq = '\0';
		const yz_field_def *f = yz_form_field(sv->entry, argv[i]);
		char *norm = f ? yz_field_normalize(f, eq + 1) : NULL;
		yz_values_set(&v, argv[i], norm ? norm : eq + 1);
		free(norm);
	}
	yz_survey_entered out = {0};
	int rc = yz_service_survey_enter(&s, sv, &v, &out, &err);
	if (rc != 0)
		fprintf(stderr, "survey_key18: %s\n", err.msg);
	else
		printf("%ld pass %d state %d diffs %zu\n", out.serial, out.pass, (int)out.state,
		       out.n_diffs);
	yz_values_clear(&v);
	yz_survey_set_free(&set);
	yz_diags_free(&d);
	yz_store_close(store);
	return rc != 0;
}
