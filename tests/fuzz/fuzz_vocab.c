/* libFuzzer target for the form vocabulary (data/vocab, yz_form_vocab_load):
 * any bytes as both kinds.txt and lines.txt (a good kinds file is a good lines
 * file too, so that loading succeeds often). Besides not crashing, leaking or
 * hanging: a vocabulary that loads is usable, that is a form naming its first
 * kind and its first business line parses, with that kind. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_tmp.h"
#include "yizhan/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_vocab: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* A form with the vocabulary's first kind and line parses to that kind. */
static void check_usable(const yz_form_vocab *v)
{
	yz_diags d = {0};
	char *text = NULL;
	yz_form *f;
	int n = asprintf(&text,
	                 "form f\n    title T\n    line %s\n    authority A\n    kind %s\n\n"
	                 "field a text\n    label A\n\ndocument d\n    paper a4\n    title D\n"
	                 "    body:\n        {a}\n",
	                 v->lines[0], v->kinds[YZ_FORM_KIND_ON_THE_SPOT]);

	if (n < 0)
		abort();
	f = yz_form_parse("f.form", text, (size_t)n, (yz_date){2025, 6, 15}, v, &d);
	if (!f)
		fail("a form with the vocabulary's words does not parse", d.n ? d.items[0] : NULL);
	if (f->kind_id != YZ_FORM_KIND_ON_THE_SPOT || strcmp(f->line, v->lines[0]) != 0)
		fail("a form with the vocabulary's words reads otherwise", NULL);
	yz_form_free(f);
	yz_diags_free(&d);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[4200], kinds[4300], lines[4300];
	yz_form_vocab v;
	yz_err err = {0};

	fuzz_tmp_path("vocab", dir, sizeof dir);
	snprintf(kinds, sizeof kinds, "%s/kinds.txt", dir);
	snprintf(lines, sizeof lines, "%s/lines.txt", dir);
	if (access(dir, F_OK) != 0 && mkdir(dir, 0700) != 0)
		fail("cannot make the vocabulary folder", dir);
	fuzz_tmp_write(kinds, data, size);
	fuzz_tmp_write(lines, data, size);
	if (yz_form_vocab_load(dir, &v, &err) == 0) {
		if (v.n_lines == 0 || !v.lines || v.lines[v.n_lines] != NULL)
			fail("a vocabulary without its lines", NULL);
		for (int k = 1; k < YZ_FORM_N_KINDS; k++)
			if (!v.kinds[k])
				fail("a vocabulary without a kind",
				     yz_form_kind_id((yz_form_kind)k));
		check_usable(&v);
		yz_form_vocab_free(&v);
	} else if (!err.msg[0]) {
		fail("a vocabulary refused without a message", NULL);
	}
	unlink(kinds);
	unlink(lines);
	rmdir(dir);
	return 0;
}
