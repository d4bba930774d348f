/* Issue 13, second round, on screen (English UI, the real binary under a
 * pty): a station whose station_phone is empty cannot print the papers that
 * give it (a paper never has a blank). The admin's home says so before a
 * clerk meets the refusal, with where to set it; a clerk's home does not; once
 * the phone is set the notice is gone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_fixture.h"

#define NOTICE "Station phone not set"

static void set_phone(const char *phone)
{
	char cmd[PATH_MAX + 120];
	snprintf(cmd, sizeof cmd,
	         "sed -i 's|^station_phone =.*|station_phone = %s|' '%s/yizhan.conf'", phone,
	         scr_home());
	assert_int_equal(system(cmd), 0);
}

/* The home screen, drawn, has no notice. */
static void no_notice(vt *v, const char *why)
{
	vt_pump(v, 300);
	char *text = vt_text(v);
	bool seen = strstr(text, NOTICE) != NULL;
	free(text);
	if (seen) {
		vt_dump(v);
		fail_msg("%s", why);
	}
}

static int group_setup(void **state)
{
	(void)state;
	return scr_station("yzpolish13", NULL);
}

static void test_phone_notice(void **state)
{
	(void)state;
	set_phone("");
	vt *v = scr_start(scr_env_en, 30, 100, NULL);
	scr_login(v, "log in", "admin", "demo1234");
	SEE(v, "Accepted today");
	SEE(v, NOTICE);
	SEE(v, "station_phone in");
	SEE(v, "yizhan.conf");
	scr_quit(v, "log in");

	/* a clerk is not the one to set it */
	v = scr_start_en("zhangli");
	no_notice(v, "a clerk's home has the admin's notice");
	scr_quit(v, "log in");

	set_phone("0571-88886666");
	v = scr_start(scr_env_en, 30, 100, NULL);
	scr_login(v, "log in", "admin", "demo1234");
	SEE(v, "Accepted today");
	no_notice(v, "the notice stays once the phone is set");
	scr_quit(v, "log in");
}

int main(int argc, char **argv)
{
	if (scr_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_phone_notice),
	};
	return cmocka_run_group_tests(tests, group_setup, scr_teardown);
}
