#include <locale.h>
#include <stdio.h>

#include "tests.h"

int main(void)
{
	/* Display widths come from wcwidth: a UTF-8 LC_CTYPE, as at the counter. */
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "locale C.UTF-8 is missing\n");
		return 1;
	}
	int failed = 0;
	failed += run_list_tests();
	failed += run_choice_tests();
	failed += run_wrap_tests();
	return failed ? 1 : 0;
}
