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
#include <sys/stat.h>
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
	/* A line longer than the reader's buffer is refused, not cut in two: the
	 * tail of a long comment never becomes a setting. */
	char text[4200] = "# ";
	memset(text + 2, 'x', 4093);
	strcpy(text + 4095, "station_code = EVIL\n");
	const char *msg = load(text, &c);
	assert_non_null(strstr(msg, ":1: "));
	assert_non_null(strstr(msg, "too long"));
}

/* ---- issue 10: counters ------------------------------------------------------- */

static const char three_counters[] = "station_code = AB12\n"
                                     "printer_receipt = pos\n"
                                     "printer_a4 = laser\n"
                                     "window = front\n"
                                     "\n"
                                     "[counter 1]\n"
                                     "printer_receipt = receipt1\n"
                                     "ssh_from = 192.0.2.11\n"
                                     "\n"
                                     "[ counter 2 ]\n"
                                     "# the social-assistance window\n"
                                     "label = 2 social assistance\n"
                                     "printer_receipt = receipt2\n"
                                     "printer_a4 = a4-2\n"
                                     "ssh_from = 192.0.2.22 192.0.2.23, 2001:db8::22\n"
                                     "\n"
                                     "[counter 13]\n"
                                     "label = 13 employment\n"
                                     "printer_receipt = receipt13\n";

static void test_counter_sections(void **state)
{
	(void)state;
	yz_config c;
	assert_string_equal(load(three_counters, &c), "");
	assert_string_equal(c.station_code, "AB12"); /* the station's keys stay the station's */
	assert_string_equal(c.printer_receipt, "pos");
	assert_string_equal(c.window, "front");
	assert_int_equal(c.n_counters, 3);
	const yz_counter *k1 = yz_config_counter(&c, 1), *k2 = yz_config_counter(&c, 2);
	assert_non_null(k1);
	assert_non_null(k2);
	assert_null(yz_config_counter(&c, 3));
	assert_int_equal(k1->line, 6);
	assert_string_equal(k1->printer_receipt, "receipt1");
	assert_string_equal(k1->printer_a4, "");
	assert_string_equal(k1->label, "");
	char label[96];
	yz_counter_label(k1, label, sizeof label);
	assert_string_equal(label, "Window 1"); /* the default, translated */
	assert_string_equal(k2->label, "2 social assistance");
	assert_string_equal(k2->printer_a4, "a4-2");
	assert_string_equal(k2->ssh_from, "192.0.2.22 192.0.2.23, 2001:db8::22");
	assert_string_equal(yz_config_counter(&c, 13)->printer_receipt, "receipt13");
	/* No sections: no counters, as before. */
	assert_string_equal(load("station_code = AB12\n", &c), "");
	assert_int_equal(c.n_counters, 0);
}

/* The message of loading text, which must name line `line` and contain what. */
static void assert_error(const char *text, int line, const char *what)
{
	yz_config c;
	const char *msg = load(text, &c);
	char at[16];
	snprintf(at, sizeof at, ":%d: ", line);
	if (!strstr(msg, at) || !strstr(msg, what)) {
		fprintf(stderr, "for:\n%s\nexpected line %d and \"%s\", got \"%s\"\n", text, line,
		        what, msg);
		fail();
	}
}

static void test_counter_mistakes(void **state)
{
	(void)state;
	assert_error("station_code = AB12\n[counter 0]\n", 2, "from 1 to 99, not \"0\"");
	assert_error("[counter 100]\n", 1, "\"100\"");
	assert_error("[counter two]\n", 1, "\"two\"");
	assert_error("[counter -1]\n", 1, "\"-1\"");
	assert_error("[counter]\n", 1, "[counter N]");
	assert_error("[window 2]\n", 1, "unknown section \"[window 2]\"");
	assert_error("[counter 2\nlabel = x\n", 1, "[counter N]");
	assert_error("[counter 2]\nlabel = a\n\n[counter 2]\n", 4,
	             "counter 2 is already described on line 1");
	assert_error("[counter 2]\nlabel = a\nprinter = p\n", 3,
	             "unknown setting \"printer\" for counter 2");
	/* The station's keys come first: after a section they are the counter's, and
	 * wrong there. */
	assert_error("[counter 2]\nstation_code = AB12\n", 2, "\"station_code\" for counter 2");
	assert_error("[counter 2]\nsettings.dibao_standard = 1\n", 2, "for counter 2");
	assert_error("[counter 2]\nssh_from = 192.0.2.1 pc-22\n", 2,
	             "\"pc-22\" is not an IP address");
	assert_error("[counter 1]\nssh_from = 192.0.2.1\n[counter 2]\nssh_from = 192.0.2.9 "
	             "::ffff:192.0.2.1\n",
	             4, "::ffff:192.0.2.1 is already listed for counter 1");
	char big[4096] = "";
	for (int i = 1; i <= YZ_MAX_COUNTERS + 1; i++)
		snprintf(big + strlen(big), sizeof big - strlen(big), "[counter %d]\n", i);
	assert_error(big, YZ_MAX_COUNTERS + 1, "at most 32");
	char label[200];
	memset(label, 'x', sizeof label);
	snprintf(label, sizeof label, "[counter 3]\nlabel = %0150d\n", 0);
	assert_error(label, 2, "bad value for label");
}

static void test_counter_write(void **state)
{
	(void)state;
	yz_config c, d;
	/* A fresh station's file has the example section commented out... */
	yz_config_defaults(&c, "/srv/yz");
	assert_int_equal(yz_config_write(&c, path, NULL), 0);
	yz_config_defaults(&d, "/srv/yz");
	assert_int_equal(yz_config_load(&d, path, NULL), 0);
	assert_int_equal(d.n_counters, 0);
	/* ...at the end, and uncommented it is a valid counter. */
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[1024], text[16384] = "";
	bool example = false;
	while (fgets(line, sizeof line, f)) {
		example = example || strncmp(line, "#[counter 2]", 12) == 0;
		const char *l = line;
		if (example && line[0] == '#' && line[1] != '#' && line[1] != '\n')
			l = line + 1;
		strncat(text, l, sizeof text - strlen(text) - 1);
	}
	fclose(f);
	assert_true(example);
	assert_string_equal(load(text, &d), "");
	assert_int_equal(d.n_counters, 1);
	assert_string_equal(d.counters[0].printer_receipt, "receipt2");
	assert_string_equal(d.counters[0].label, "Window 2 social assistance");
	/* Counters written and read back. */
	assert_string_equal(load(three_counters, &c), "");
	assert_int_equal(yz_config_write(&c, path, NULL), 0);
	yz_config_defaults(&d, "/srv/yz");
	assert_int_equal(yz_config_load(&d, path, NULL), 0);
	assert_int_equal(d.n_counters, 3);
	assert_int_equal(d.counters[2].number, 13);
	assert_string_equal(d.counters[1].label, "2 social assistance");
	assert_string_equal(d.counters[1].ssh_from, "192.0.2.22 192.0.2.23, 2001:db8::22");
	assert_string_equal(d.counters[0].printer_receipt, "receipt1");
}

/* The pick for these hints on the three counters' station. */
static yz_counter_pick pick(const char *option, const char *env, const char *conn,
                            const char *client)
{
	yz_config c;
	assert_string_equal(load(three_counters, &c), "");
	yz_counter_hints h = {option, env, conn, client};
	yz_counter_pick p;
	yz_counter_choose(&c, &h, &p);
	return p;
}

static void test_counter_choose(void **state)
{
	(void)state;
	const char *ssh2 = "192.0.2.23 50122 192.0.2.1 22";
	/* --counter first, then YIZHAN_COUNTER, then the SSH client's address. */
	yz_counter_pick p = pick("13", "1", ssh2, NULL);
	assert_int_equal(p.state, YZ_COUNTER_CHOSEN);
	assert_int_equal(p.source, YZ_COUNTER_FROM_OPTION);
	assert_int_equal(p.number, 13);
	assert_string_equal(p.label, "13 employment");
	assert_string_equal(p.ssh_addr, "192.0.2.23");
	p = pick(NULL, "1", ssh2, NULL);
	assert_int_equal(p.source, YZ_COUNTER_FROM_ENV);
	assert_int_equal(p.number, 1);
	assert_string_equal(p.label, "Window 1");
	p = pick("", "", ssh2, NULL);
	assert_int_equal(p.state, YZ_COUNTER_CHOSEN);
	assert_int_equal(p.source, YZ_COUNTER_FROM_SSH);
	assert_int_equal(p.number, 2);
	assert_string_equal(p.label, "2 social assistance");
	/* SSH_CLIENT when SSH_CONNECTION is not there; IPv6; IPv4-mapped. */
	assert_int_equal(pick(NULL, NULL, NULL, "192.0.2.11 40000 22").number, 1);
	assert_int_equal(pick(NULL, NULL, "", "192.0.2.11 40000 22").number, 1);
	assert_int_equal(pick(NULL, NULL, "2001:DB8:0::22 5 2001:db8::1 22", NULL).number, 2);
	assert_int_equal(pick(NULL, NULL, "::ffff:192.0.2.22 5 ::ffff:192.0.2.1 22", NULL).number,
	                 2);
	/* SSH_CONNECTION wins over SSH_CLIENT. */
	assert_int_equal(pick(NULL, NULL, ssh2, "192.0.2.11 40000 22").number, 2);
	/* A number asked for that is not there: unknown, said so; the next source is
	 * not tried (the clerk asked for that counter). */
	p = pick("7", "1", ssh2, NULL);
	assert_int_equal(p.state, YZ_COUNTER_UNKNOWN);
	assert_int_equal(p.source, YZ_COUNTER_FROM_OPTION);
	assert_string_equal(p.asked, "7");
	assert_int_equal(p.number, 0);
	p = pick(NULL, "window\x1b[2J", NULL, NULL);
	assert_int_equal(p.state, YZ_COUNTER_UNKNOWN);
	assert_int_equal(p.source, YZ_COUNTER_FROM_ENV);
	assert_string_equal(p.asked, "window?[2J"); /* never a raw escape on the screen */
	assert_int_equal(pick("02", NULL, NULL, NULL).number, 2);
	assert_int_equal(pick("2 ", NULL, NULL, NULL).state, YZ_COUNTER_UNKNOWN);
	/* Counters configured, none matched: unknown. */
	p = pick(NULL, NULL, "198.51.100.7 5 192.0.2.1 22", NULL);
	assert_int_equal(p.state, YZ_COUNTER_UNKNOWN);
	assert_int_equal(p.source, YZ_COUNTER_FROM_SSH);
	assert_string_equal(p.ssh_addr, "198.51.100.7");
	p = pick(NULL, NULL, NULL, NULL); /* a local console */
	assert_int_equal(p.state, YZ_COUNTER_UNKNOWN);
	assert_int_equal(p.source, YZ_COUNTER_FROM_NOWHERE);
	assert_string_equal(p.ssh_addr, "");
	/* A station without counters: as before, whatever the SSH address. */
	yz_config c;
	assert_string_equal(load("station_code = AB12\n", &c), "");
	yz_counter_hints h = {NULL, NULL, ssh2, NULL};
	yz_counter_choose(&c, &h, &p);
	assert_int_equal(p.state, YZ_COUNTER_NONE);
	h.env = "2"; /* asked for a counter it does not have */
	yz_counter_choose(&c, &h, &p);
	assert_int_equal(p.state, YZ_COUNTER_UNKNOWN);
	h.env = "1"; /* its one window (issue 19: the hall calls it window 1) */
	yz_counter_choose(&c, &h, &p);
	assert_int_equal(p.state, YZ_COUNTER_NONE);
	assert_string_equal(p.asked, "1");
}

/* three_counters loaded and counter option (--counter) put in force. */
static void in_force(const char *option, yz_config *c, yz_counter_pick *p)
{
	assert_string_equal(load(three_counters, c), "");
	yz_counter_hints h = {.option = option};
	yz_counter_choose(c, &h, p);
	yz_config_use_counter(c, p);
}

static void test_counter_in_force(void **state)
{
	(void)state;
	yz_config c;
	yz_counter_pick p;
	in_force("1", &c, &p);
	assert_string_equal(c.window, "Window 1");
	assert_string_equal(c.printer_receipt, "receipt1");
	assert_string_equal(c.printer_a4, "laser"); /* none of its own: the station's */
	assert_string_equal(yz_service_printer_for(&c, "receipt"), "receipt1");
	assert_string_equal(yz_service_printer_for(&c, "certificate"), "laser");
	yz_session s = {.cfg = &c, .counter = p};
	char buf[256];
	assert_false(yz_service_counter_text(&s, false, buf, sizeof buf));
	assert_string_equal(buf, "Window 1");

	in_force("2", &c, &p);
	assert_string_equal(c.window, "2 social assistance");
	assert_string_equal(c.printer_receipt, "receipt2");
	assert_string_equal(c.printer_a4, "a4-2");

	/* Unknown: the station's window and printers, and the clerk is told. */
	in_force("9", &c, &p);
	assert_string_equal(c.window, "front");
	assert_string_equal(c.printer_receipt, "pos");
	s.counter = p;
	assert_true(yz_service_counter_text(&s, false, buf, sizeof buf));
	assert_non_null(strstr(buf, "Counter 9 is not in yizhan.conf"));
	assert_true(yz_service_counter_text(&s, true, buf, sizeof buf));
	assert_non_null(strstr(buf, "unknown"));
	yz_counter_hints h = {.ssh_connection = "198.51.100.7 5 192.0.2.1 22"};
	yz_counter_choose(&c, &h, &s.counter);
	assert_true(yz_service_counter_text(&s, false, buf, sizeof buf));
	assert_non_null(strstr(buf, "198.51.100.7"));
	h.ssh_connection = NULL;
	yz_counter_choose(&c, &h, &s.counter);
	assert_true(yz_service_counter_text(&s, false, buf, sizeof buf));
	assert_non_null(strstr(buf, "--counter N"));
	/* No counters: nothing to say. */
	assert_string_equal(load("station_code = AB12\n", &c), "");
	yz_counter_choose(&c, &h, &s.counter);
	assert_false(yz_service_counter_text(&s, false, buf, sizeof buf));
	assert_string_equal(buf, "");
}

/* The printers screen knows every counter's printers, not only the session's:
 * a test page to another counter's roll printer is ESC/POS, never a PDF. */
/* The forms' vocabulary: a vocab folder beside the station's own calendar
 * file, else the program's own data/vocab (a station that set calendar_file
 * before there was a vocabulary keeps working). */
static void test_vocab_dir(void **state)
{
	(void)state;
	yz_config c;
	char dir[] = "/tmp/yzvocab.XXXXXX", out[PATH_MAX], own[PATH_MAX], sub[PATH_MAX];
	yz_config_defaults(&c, "/srv/yz");
	yz_config_own_path("data/vocab", own, sizeof own);
	yz_config_vocab_dir(&c, out, sizeof out);
	assert_string_equal(out, own);
	assert_non_null(mkdtemp(dir));
	snprintf(c.calendar_file, sizeof c.calendar_file, "%s/calendar.txt", dir);
	yz_config_vocab_dir(&c, out, sizeof out);
	assert_string_equal(out, own);
	snprintf(sub, sizeof sub, "%s/vocab", dir);
	assert_int_equal(mkdir(sub, 0750), 0);
	snprintf(sub, sizeof sub, "%s/vocab/kinds.txt", dir);
	FILE *f = fopen(sub, "w");
	assert_non_null(f);
	fclose(f);
	yz_config_vocab_dir(&c, out, sizeof out);
	snprintf(sub, sizeof sub, "%s/vocab", dir);
	assert_string_equal(out, sub);
	snprintf(sub, sizeof sub, "%s/vocab/kinds.txt", dir);
	unlink(sub);
	snprintf(sub, sizeof sub, "%s/vocab", dir);
	rmdir(sub);
	rmdir(dir);
}

static void test_printer_kinds(void **state)
{
	(void)state;
	yz_config c;
	yz_counter_pick p;
	in_force("1", &c, &p);
	const char *receipts[] = {"receipt1", "receipt2", "receipt13", "pos"};
	for (size_t i = 0; i < sizeof receipts / sizeof *receipts; i++) {
		assert_true(yz_config_is_receipt_printer(&c, receipts[i]));
		assert_false(yz_config_is_a4_printer(&c, receipts[i]));
	}
	assert_true(yz_config_is_a4_printer(&c, "laser"));
	assert_true(yz_config_is_a4_printer(&c, "a4-2"));
	assert_false(yz_config_is_receipt_printer(&c, "laser"));
	assert_false(yz_config_is_receipt_printer(&c, "other"));
	assert_false(yz_config_is_a4_printer(&c, "other"));
	assert_false(yz_config_is_receipt_printer(&c, ""));
}

/* ---- issue 17: the district hub's keys ----------------------------------------- */

/* Text of a written file; static, for one assertion at a time. */
static const char *written(void)
{
	static char buf[16384];
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_hub17(void **state)
{
	(void)state;
	yz_config c, d;
	/* A lone station: no hub, syncs every 5 minutes once it has one, and
	 * not a word of the hub in its file. */
	yz_config_defaults(&c, "/srv/yz");
	assert_string_equal(c.hub, "");
	assert_int_equal(c.hub_every, 5);
	assert_int_equal(yz_config_write(&c, path, NULL), 0);
	assert_null(strstr(written(), "hub"));
	/* The lines `yizhan hub station add` prints, appended, load. */
	assert_string_equal(load("station_code = WY01\n"
	                         "# from yizhan hub station add\n"
	                         "hub = postgresql://yz_s_wy01@/yizhan_hub?host=/run/pg\n"
	                         "hub_password = Ab3dEf6hIj9kLm2nOp5qRs8t\n",
	                         &c),
	                    "");
	assert_string_equal(c.hub, "postgresql://yz_s_wy01@/yizhan_hub?host=/run/pg");
	assert_string_equal(c.hub_password, "Ab3dEf6hIj9kLm2nOp5qRs8t");
	assert_int_equal(c.hub_every, 5);
	c.hub_every = 0;
	assert_int_equal(yz_config_write(&c, path, NULL), 0);
	assert_non_null(strstr(written(), "\nhub_every = 0\n"));
	assert_null(strstr(written(), "hub_dept")); /* a station has none */
	yz_config_defaults(&d, "/srv/yz");
	assert_int_equal(yz_config_load(&d, path, NULL), 0);
	assert_string_equal(d.hub, c.hub);
	assert_string_equal(d.hub_password, c.hub_password);
	assert_int_equal(d.hub_every, 0);
	/* A department's workstation, with a key=value address. */
	assert_string_equal(load("hub = host=/run/pg dbname=yizhan_hub user=yz_d_mz\n"
	                         "hub_dept = MZ_01\nhub_every = 1440\n",
	                         &c),
	                    "");
	assert_string_equal(c.hub_dept, "MZ_01");
	assert_int_equal(yz_config_write(&c, path, NULL), 0);
	assert_non_null(strstr(written(), "\nhub_dept = MZ_01\n"));
	/* Mistakes, told by name. */
	const char *msg = load("hub = https://hub.example/yizhan\n", &c);
	assert_non_null(strstr(msg, "hub \"https://hub.example/yizhan\""));
	assert_non_null(strstr(msg, "postgresql://"));
	assert_non_null(strstr(load("hub = hub.example\n", &c), "PostgreSQL"));
	assert_non_null(strstr(load("hub_every = 1441\n", &c), "hub_every"));
	assert_non_null(strstr(load("hub_every = -1\n", &c), "hub_every"));
	assert_non_null(strstr(load("hub_dept = mz\n", &c), "hub_dept"));
	assert_non_null(strstr(load("hub_dept = ABCDEFGHIJKLMNOPQ\n", &c), "hub_dept"));
	assert_string_equal(load("hub = postgres://u@h/db\n", &c), "");
	/* Appended after the counters, as printed: still the station's. */
	assert_string_equal(load("station_code = WY01\n[counter 1]\nprinter_receipt = r1\n"
	                         "hub = postgresql://yz_s_wy01@hub/yizhan\nhub_password = pw\n",
	                         &c),
	                    "");
	assert_string_equal(c.hub, "postgresql://yz_s_wy01@hub/yizhan");
	assert_int_equal(c.n_counters, 1);
	assert_string_equal(c.counters[0].printer_receipt, "r1");
	assert_int_equal(yz_config_write(&c, path, NULL), 0);
	yz_config_defaults(&d, "/srv/yz");
	assert_int_equal(yz_config_load(&d, path, NULL), 0);
	assert_string_equal(d.hub_password, "pw");
	assert_int_equal(d.n_counters, 1);
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
	    cmocka_unit_test(test_counter_sections),
	    cmocka_unit_test(test_counter_mistakes),
	    cmocka_unit_test(test_counter_write),
	    cmocka_unit_test(test_counter_choose),
	    cmocka_unit_test(test_counter_in_force),
	    cmocka_unit_test(test_printer_kinds),
	    cmocka_unit_test(test_vocab_dir),
	    cmocka_unit_test(test_hub17),
	};
	int rc = cmocka_run_group_tests_name("config", tests, NULL, NULL);
	unlink(path);
	return rc;
}
