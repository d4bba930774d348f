/* yizhan.conf: defaults, a write/read round trip, station settings, and clear
 * messages with line numbers for every kind of mistake an admin makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yizhan/service.h"

static char path[] = "/tmp/yzconf.XXXXXX";

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Loads text over the defaults; returns the message ("" when it loaded). */
static const char *load(const char *text, yz_config *c)
{
	static yz_err err;
	memset(&err, 0, sizeof(err));
	write_file(text);
	yz_config_defaults(c, "/srv/yz");
	return yz_config_load(c, path, &err) == 0 ? "" : err.msg;
}

static void test_defaults(void **state)
{
	(void)state;
	yz_config c;
	yz_config_defaults(&c, "/srv/yz");
	assert_string_equal(c.db_path, "/srv/yz/station.db");
	assert_string_equal(c.receipt_encoding, "GB18030");
	assert_int_equal(c.receipt_columns, 48);
	assert_int_equal(c.receipt_paper, 80);
	assert_string_equal(c.receipt_profile, "gb18030");
	assert_string_equal(c.printer_receipt, ""); /* no printer until one is named */
	assert_non_null(yz_config_setting(&c, "dibao_standard"));
}

static void test_round_trip(void **state)
{
	(void)state;
	yz_config c, d;
	yz_config_defaults(&c, "/srv/yz");
	snprintf(c.station_name, sizeof(c.station_name), "文一社区党群服务中心");
	snprintf(c.station_code, sizeof(c.station_code), "WY01");
	snprintf(c.printer_receipt, sizeof(c.printer_receipt), "POS80");
	c.receipt_paper = 58;
	snprintf(c.receipt_profile, sizeof(c.receipt_profile), "gbk-plain");
	assert_true(yz_config_set_setting(&c, "dibao_standard", "1310.00"));
	assert_true(yz_config_set_setting(&c, "elderly_age", "80"));
	assert_int_equal(yz_config_write(&c, path, NULL), 0);
	yz_config_defaults(&d, "/srv/yz");
	assert_int_equal(yz_config_load(&d, path, NULL), 0);
	assert_string_equal(d.station_name, "文一社区党群服务中心");
	assert_string_equal(d.station_code, "WY01");
	assert_string_equal(d.printer_receipt, "POS80");
	assert_int_equal(d.receipt_paper, 58);
	assert_string_equal(d.receipt_profile, "gbk-plain");
	assert_int_equal(d.receipt_columns, 32); /* the older fields follow */
	assert_string_equal(d.receipt_encoding, "GBK");
	yz_escpos_opts o;
	yz_service_receipt_opts(&d, &o);
	assert_int_equal(o.columns, 32);
	assert_false(o.kanji_mode); /* gbk-plain: no FS & */
	assert_string_equal(yz_config_setting(&d, "dibao_standard"), "1310.00");
	assert_string_equal(yz_config_setting(&d, "elderly_age"), "80");
	assert_null(yz_config_setting(&d, "nothing"));
}

static void test_mistakes(void **state)
{
	(void)state;
	yz_config c;
	assert_string_equal(load("# comment\n\nstation_code = AB12\n", &c), "");
	assert_string_equal(c.station_code, "AB12");
	assert_non_null(strstr(load("station_code = AB12\nprinter = x\n", &c), ":2: "));
	assert_non_null(strstr(load("printer = x\n", &c), "printer"));
	assert_non_null(strstr(load("station_code AB12\n", &c), ":1: "));
	assert_non_null(strstr(load("station_code = ab-1\n", &c), "station_code"));
	assert_non_null(strstr(load("receipt_columns = 40\n", &c), "receipt_columns"));
	assert_non_null(strstr(load("receipt_columns = many\n", &c), "receipt_columns"));
	assert_non_null(strstr(load("receipt_encoding = BIG5\n", &c), "receipt_encoding"));
	assert_non_null(strstr(load("receipt_paper = 76\n", &c), "receipt_paper"));
	assert_non_null(strstr(load("receipt_profile = star\n", &c), "receipt_profile"));
	/* the older keys still work and set the paper and the profile */
	assert_string_equal(load("receipt_columns = 32\nreceipt_encoding = GBK\n", &c), "");
	assert_int_equal(c.receipt_paper, 58);
	assert_string_equal(c.receipt_profile, "gbk");
	assert_int_equal(c.receipt_columns, 32);
	assert_string_equal(c.receipt_encoding, "GBK");
	assert_string_equal(load("receipt_paper = 58\nreceipt_profile = epson\n", &c), "");
	assert_int_equal(c.receipt_columns, 32);
	assert_string_equal(c.receipt_encoding, "GB18030");
	assert_non_null(strstr(load("settings.Bad-Name = 1\n", &c), "settings.Bad-Name"));
	assert_string_equal(load("settings.dibao_standard = 999.50\n", &c), "");
	assert_string_equal(yz_config_setting(&c, "dibao_standard"), "999.50");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_mistakes),
	};
	int rc = cmocka_run_group_tests_name("config", tests, NULL, NULL);
	unlink(path);
	return rc;
}
