/* libFuzzer target for the ledger language: any bytes go through the ledger
 * parser against the real catalogue (forms/, read once); a ledger that parses
 * has its condition and every column evaluated on rows whose keys are filled
 * from the input (dates good and bad, numbers, text, table rows). Nothing may
 * crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yizhan/form.h"
#include "yizhan/form/ledger.h"
#include "yz_test_paths.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *setting(const char *name, void *ctx)
{
	(void)ctx;
	return strcmp(name, "missing") == 0 ? NULL : "7";
}

/* The forms of the source tree, read once with a fixed day. Forms that do
 * not load are left out: the target is the ledger parser. */
static const yz_catalogue *catalogue(void)
{
	static yz_catalogue cat;
	static bool loaded;
	yz_diags d = {0};

	if (!loaded) {
		yz_catalogue_load(YZ_SOURCE_ROOT "/forms", YZ_SOURCE_ROOT "/data/vocab",
		                  (yz_date){2099, 1, 1}, &cat, &d);
		yz_diags_free(&d);
		loaded = true;
	}
	return &cat;
}

/* A value of the given type chosen by byte b. */
static const char *value_of(yz_lkey_type t, uint8_t b, const char *text)
{
	static const char *const dates[] = {"2026-01-31", "2024-02-29", "", "2026-02-30", "x"};
	static const char *const nums[] = {"12", "0", "", "1234.50", "-3", "99999999999999"};

	if (t == YZ_LKEY_DATE)
		return dates[b % 5];
	if (t == YZ_LKEY_NUMBER)
		return nums[b % 6];
	return b % 4 == 0 ? "" : text;
}

static void fill_row(const yz_ledger *l, yz_values *row, const uint8_t *data, size_t size,
                     const char *text)
{
	size_t i = 0;

	for (const yz_ledger_key *k = yz_ledger_keys(l->source); k->key; k++, i++)
		yz_values_set(row, k->key, value_of(k->type, size ? data[i % size] : 0, text));
	for (size_t j = 0; j < l->n_latest; j++) {
		char key[128];
		snprintf(key, sizeof key, "latest.%s", l->latest[j]);
		yz_values_set(row, key, text);
		snprintf(key, sizeof key, "latest.%s.date", l->latest[j]);
		yz_values_set(row, key, value_of(YZ_LKEY_DATE, (uint8_t)j, text));
	}
	/* The table most forms have, with a row or two. */
	yz_values_set(row, "members.rows", size % 3 == 0 ? "0" : "2");
	yz_values_set(row, "members.1.income", "600");
	yz_values_set(row, "members.2.income", text);
}

static void run(const yz_ledger *l, const uint8_t *data, size_t size)
{
	yz_eval_env env = {{2026, 11, 30}, setting, NULL};
	char text[17];
	yz_values row = {0};
	yz_err err;
	yz_xval v;

	snprintf(text, sizeof text, "%.*s", (int)(size < 16 ? size : 16), (const char *)data);
	fill_row(l, &row, data, size, text);
	if (l->where)
		yz_ledger_eval(l, l->where, &row, &env, &v, &err);
	for (size_t i = 0; i < l->n_cols; i++)
		if (l->cols[i].value)
			yz_ledger_eval(l, l->cols[i].value, &row, &env, &v, &err);
	yz_values_clear(&row);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yz_diags d = {0};
	yz_ledger *l = yz_ledger_parse("fuzz.ledger", (const char *)data, size, catalogue(), &d);

	if (l != NULL) {
		run(l, data, size);
		yz_ledger_free(l);
	}
	yz_diags_free(&d);
	return 0;
}
