#include <locale.h>
#include <stdio.h>

#include "tests.h"

int main(void)
{
	/* wcwidth needs a UTF-8 LC_CTYPE; C.UTF-8 exists on every Debian system. */
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "locale C.UTF-8 is missing\n");
		return 1;
	}
	int failed = 0;
	failed += run_utf8_tests();
	failed += run_width_tests();
	failed += run_sanitize_tests();
	failed += run_conv_tests();
	failed += run_pinyin_tests();
	failed += run_err_tests();
	return failed ? 1 : 0;
}
