#include <locale.h>
#include <stdlib.h>

#include "tests.h"

int main(void)
{
	/* Messages are checked in English: no translation catalogue is loaded. */
	setlocale(LC_ALL, "C.UTF-8");
	/* Local dates come from local time; pin the zone of the stations. */
	setenv("TZ", "Asia/Shanghai", 1);
	int failed = 0;
	failed += run_db_tests();
	failed += run_user_tests();
	failed += run_resident_tests();
	failed += run_case_tests();
	failed += run_misc_tests();
	failed += run_registry_tests();
	failed += run_import_tests();
	failed += run_lifecycle_tests();
	failed += run_vocab_tests();
	return failed ? 1 : 0;
}
