/* libFuzzer target for the form language: any bytes go through the parser;
 * a form that parses is also put through the checker, the engine (a few keys
 * taken from the input) and submit. Nothing may crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "yizhan/form.h"
#include "yz_test_paths.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *setting(const char *name, void *ctx)
{
	(void)name;
	(void)ctx;
	return "1050.50";
}

/* Replays the input's bytes as keys: low values are the special keys. */
static void drive(const yz_form *f, const uint8_t *data, size_t size)
{
	yz_eval_env env = {{2025, 6, 15}, setting, NULL};
	yz_engine *e = yz_engine_new(f, &env);
	yz_engine_view v;

	if (e == NULL)
		return;
	for (size_t i = 0; i < size && i < 256; i++) {
		uint8_t b = data[i];
		if (b < 16)
			yz_engine_key(e, (yz_key)b, 0);
		else
			yz_engine_key(e, YZ_KEY_CHAR, b < 128 ? b : 0x4e00u + b);
		yz_engine_view_of(e, 1 + b % 20, &v);
	}
	yz_engine_submit(e);
	yz_engine_free(e);
}

/* The kinds and business lines of the source tree, read once. */
static const yz_form_vocab *vocab(void)
{
	static yz_form_vocab v;
	static bool loaded;
	yz_err err = {0};

	if (!loaded && yz_form_vocab_load(YZ_SOURCE_ROOT "/data/vocab", &v, &err) != 0) {
		fprintf(stderr, "fuzz_form: %s\n", err.msg);
		abort();
	}
	loaded = true;
	return &v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yz_diags d = {0};
	/* a fixed day: the same input always gives the same result */
	yz_form *f = yz_form_parse("fuzz.form", (const char *)data, size, (yz_date){2025, 6, 15},
	                           vocab(), &d);

	if (f != NULL) {
		yz_catalogue cat = {.forms = &f, .n_forms = 1};
		yz_catalogue_check(&cat, &d);
		drive(f, data, size);
		yz_form_free(f);
	}
	yz_diags_free(&d);
	return 0;
}
