/* The service tests' shared fixture: see fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "yz_test_paths.h"

fixture *fixture_open(const char *tag)
{
	fixture *f = calloc(1, sizeof(*f));
	yz_err err = {{0}};
	yz_diags d = {0};

	assert_non_null(f);
	snprintf(f->home, sizeof(f->home), "/tmp/%s.XXXXXX", tag);
	assert_non_null(mkdtemp(f->home));
	yz_config_defaults(&f->cfg, f->home);
	assert_int_equal(yz_store_open(f->cfg.db_path, &f->store, &err), 0);
	if (yz_catalogue_load(YZ_SOURCE_ROOT "/forms", YZ_SOURCE_ROOT "/data/vocab",
	                      yz_clock_today(NULL), &f->cat, &d) != 0)
		fail_msg("forms/ does not load: %s", d.n ? d.items[0] : "?");
	yz_diags_free(&d);
	assert_int_equal(yz_user_add(f->store, "zhangli", "\u5f20\u4e3d", "13800000000",
	                             YZ_ROLE_CLERK, "demo1234", &err),
	                 0);
	f->s = (yz_session){.cfg = &f->cfg, .store = f->store, .cat = &f->cat};
	assert_int_equal(yz_user_get(f->store, "zhangli", &f->s.user, &err), 0);
	yz_service_set_clock(&f->s, yz_clock_real()); /* today, and the store's stamps */
	return f;
}

void fixture_printers(fixture *f)
{
	snprintf(f->cfg.printer_receipt, sizeof(f->cfg.printer_receipt), "receipt");
	snprintf(f->cfg.printer_a4, sizeof(f->cfg.printer_a4), "a4");
	snprintf(f->cfg.station_phone, sizeof(f->cfg.station_phone), "0571-88886666");
}

void fixture_resident(fixture *f, const char *name)
{
	yz_err err = {{0}};
	yz_resident r = {0};

	fixture_make_idno("33010619850312123", f->idno);
	snprintf(r.name, sizeof(r.name), "%s", name);
	snprintf(r.idno, sizeof(r.idno), "%s", f->idno);
	/* West Lake district, 8 Wenyi Road, building 2, flat 301 */
	snprintf(r.address, sizeof(r.address), "%s",
	         "\u897f\u6e56\u533a\u6587\u4e00\u8def 8 \u53f7 2 \u5e62 301 \u5ba4");
	assert_int_equal(yz_resident_add(f->store, &r, "zhangli", &err), 0);
}

int fixture_teardown(void **state)
{
	fixture *f = *state;
	char cmd[300];

	yz_store_close(f->store);
	yz_catalogue_free(&f->cat);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->home);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

void fixture_make_idno(const char *first17, char out[19])
{
	memcpy(out, first17, 17);
	out[17] = yz_idcard_check_char(first17);
	out[18] = '\0';
}

int fixture_count_captured(const char *printer)
{
	DIR *d = opendir(getenv("YZ_CAPTURE_DIR"));
	assert_non_null(d);
	int n = 0;
	size_t len = strlen(printer);
	for (struct dirent *e; (e = readdir(d));)
		if (!strncmp(e->d_name, printer, len) && e->d_name[len] == '-' &&
		    !strstr(e->d_name, ".part"))
			n++;
	closedir(d);
	return n;
}

unsigned char *fixture_wait_capture(const char *printer, int job, size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s-%d.bin", getenv("YZ_CAPTURE_DIR"), printer, job);
	for (int i = 0; i < 200 && access(path, R_OK) != 0; i++)
		usleep(50 * 1000);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		fail_msg("job %d never reached printer %s", job, printer);
	struct stat st;
	fstat(fileno(fp), &st);
	unsigned char *buf = malloc((size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, fp);
	fclose(fp);
	return buf;
}

void fixture_assert_gb18030(const unsigned char *buf, size_t len, const char *utf8)
{
	size_t n;
	char *gb = yz_iconv(utf8, strlen(utf8), "UTF-8", "GB18030", &n, NULL, NULL);
	assert_non_null(gb);
	if (!memmem(buf, len, gb, n))
		fail_msg("receipt lacks \"%s\"", utf8);
	free(gb);
}
