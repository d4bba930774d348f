/* libFuzzer target for yizhan.conf (yz_config_load): any bytes as the file go
 * through its station keys, legacy keys, settings.NAME lines and [counter N]
 * sections. Besides not crashing, leaking or hanging: a file that loads is
 * written back with yz_config_write, and that file must load again and be
 * written the same, byte for byte: what the program writes, it reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_tmp.h"
#include "yizhan/service.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_config: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* Load path into a fresh configuration; 0 when it loads. */
static int load(yz_config *c, const char *path, yz_err *err)
{
	yz_config_defaults(c, "/nonexistent/station");
	return yz_config_load(c, path, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static yz_config c; /* large: kept off the stack */
	char in[4200], out1[4200], out2[4200];
	yz_err err = {0};
	size_t n1, n2;

	fuzz_tmp_path("yizhan.conf", in, sizeof in);
	fuzz_tmp_path("written.conf", out1, sizeof out1);
	fuzz_tmp_path("rewritten.conf", out2, sizeof out2);
	fuzz_tmp_write(in, data, size);
	if (load(&c, in, &err) == 0) {
		if (yz_config_write(&c, out1, &err) != 0)
			fail("cannot write", err.msg);
		if (load(&c, out1, &err) != 0)
			fail("the written file does not load", err.msg);
		if (yz_config_write(&c, out2, &err) != 0)
			fail("cannot write", err.msg);
		char *a = fuzz_tmp_read(out1, &n1), *b = fuzz_tmp_read(out2, &n2);
		if (n1 != n2 || memcmp(a, b, n1) != 0)
			fail("the written file loads to other settings", NULL);
		free(a);
		free(b);
	} else if (!err.msg[0]) {
		fail("a file that does not load, without a message", NULL);
	}
	unlink(in);
	unlink(out1);
	unlink(out2);
	return 0;
}
