#include <locale.h>
#include <stdlib.h>

#include "tests.h"

int main(void)
{
	/* Messages are checked in English: no translation catalogue is loaded. */
	setlocale(LC_ALL, "C.UTF-8");
	/* yz_date_from_time uses local time; pin the zone of the stations. */
	setenv("TZ", "Asia/Shanghai", 1);
	int failed = 0;
	failed += run_date_tests();
	failed += run_idcard_tests();
	failed += run_caseno_tests();
	failed += run_money_tests();
	failed += run_calendar_tests();
	return failed ? 1 : 0;
}
