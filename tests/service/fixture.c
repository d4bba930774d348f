/* The service tests' shared fixture: see fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pwd.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "yz_test_paths.h"

void fixture_ui_language(const char *lang)
{
	setenv("LANG", "C.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANGUAGE", lang, 1);
	assert_non_null(setlocale(LC_ALL, ""));
	const char *dir = getenv("YIZHAN_LOCALEDIR");
	assert_non_null(dir);
	bindtextdomain("yizhan", dir);
	bind_textdomain_codeset("yizhan", "UTF-8");
	textdomain("yizhan");
}

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

int fixture_run(const char *cmd, bool stdout_too, char *out, size_t n)
{
	char path[] = "/tmp/yzfixture-run.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char *full = yz_strdup_printf("%s 2>%s %s", cmd, path, stdout_too ? "1>&2" : ">/dev/null");
	assert_non_null(full);
	int rc = system(full);
	free(full);
	FILE *e = fopen(path, "r");
	size_t k = e ? fread(out, 1, n - 1, e) : 0;
	out[k] = '\0';
	if (e)
		fclose(e);
	unlink(path);
	return rc;
}

void fixture_open_demo(fixture *f, const char *exe, char *home, fixture *demo)
{
	char cmd[1024], msg[4096], path[300];
	yz_err err = {{0}};
	assert_non_null(mkdtemp(home));
	snprintf(cmd, sizeof cmd, "'%s' --home '%s' init --demo", exe, home);
	if (fixture_run(cmd, true, msg, sizeof msg) != 0)
		fail_msg("init --demo: %s", msg);
	/* Issue 14: the commands this test runs act as the station's admin,
	 * through this OS account's mapping (os_accounts). */
	struct passwd *pw = getpwuid(geteuid());
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	FILE *conf = fopen(path, "a");
	assert_non_null(pw);
	assert_non_null(conf);
	fprintf(conf, "os_accounts = %s:admin\n", pw->pw_name);
	assert_int_equal(fclose(conf), 0);
	*demo = *f;
	snprintf(demo->home, sizeof demo->home, "%s", home);
	yz_config_defaults(&demo->cfg, home);
	snprintf(path, sizeof path, "%s/yizhan.conf", home);
	if (yz_config_load(&demo->cfg, path, &err) != 0)
		fail_msg("yizhan.conf: %s", err.msg);
	assert_int_equal(yz_store_open(demo->cfg.db_path, &demo->store, &err), 0);
	demo->s = (yz_session){.cfg = &demo->cfg, .store = demo->store, .cat = &f->cat};
	assert_int_equal(yz_user_get(demo->store, "zhangli", &demo->s.user, &err), 0);
	yz_service_set_clock(&demo->s, yz_clock_real());
}

void fixture_close_demo(fixture *demo)
{
	char cmd[400];
	yz_store_close(demo->store);
	demo->store = NULL;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", demo->home);
	assert_int_equal(system(cmd), 0);
}

yz_case_new fixture_case_new(fixture *f, const yz_form *form, const char *accepted)
{
	yz_resident r;
	yz_err err = {{0}};
	assert_non_null(form);
	assert_int_equal(yz_resident_by_idno(f->store, f->idno, &r, &err), 0);
	return (yz_case_new){.form_id = form->id,
	                     .item = form->title,
	                     .line = form->line,
	                     .resident_id = r.id,
	                     .clerk_login = "zhangli",
	                     .accepted_date = accepted,
	                     .due_date = accepted};
}

void fixture_store_case(fixture *f, const char *form_id, const yz_kv_list *kv, yz_case *out)
{
	yz_err err = {{0}};
	char today[11];
	yz_date_format(f->s.today, today);
	yz_case_new in = fixture_case_new(f, yz_catalogue_find(&f->cat, form_id), today);
	in.field_keys = (const char *const *)kv->keys;
	in.field_vals = (const char *const *)kv->vals;
	in.n_fields = kv->n;
	if (yz_case_create(f->store, f->cfg.station_code, f->s.today.year, &in, out, &err) != 0)
		fail_msg("case: %s", err.msg);
}

void fixture_printers(fixture *f)
{
	snprintf(f->cfg.printer_receipt, sizeof(f->cfg.printer_receipt), "receipt");
	snprintf(f->cfg.printer_a4, sizeof(f->cfg.printer_a4), "a4");
	snprintf(f->cfg.station_phone, sizeof(f->cfg.station_phone), "0571-88886666");
}

void fixture_conf(fixture *f, const char *text)
{
	char path[300];
	yz_err err = {{0}};
	snprintf(path, sizeof path, "%s/yizhan.conf", f->home);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	if (yz_config_load(&f->cfg, path, &err) != 0)
		fail_msg("yizhan.conf: %s", err.msg);
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

bool fixture_has_gb18030(const unsigned char *buf, size_t len, const char *utf8)
{
	size_t n;
	char *gb = yz_iconv(utf8, strlen(utf8), "UTF-8", "GB18030", &n, NULL, NULL);
	assert_non_null(gb);
	bool found = memmem(buf, len, gb, n) != NULL;
	free(gb);
	return found;
}

void fixture_assert_gb18030(const unsigned char *buf, size_t len, const char *utf8)
{
	if (!fixture_has_gb18030(buf, len, utf8))
		fail_msg("receipt lacks \"%s\"", utf8);
}

void fixture_submit_certificate(fixture *f, yz_case *c)
{
	/* resident ID card, household register */
	static const char *materials[] = {"\u5c45\u6c11\u8eab\u4efd\u8bc1", "\u6237\u53e3\u7c3f"};
	const yz_form *form = yz_catalogue_find(&f->cat, "residence_certificate");
	assert_non_null(form);
	yz_values v = {0};
	yz_values_set(&v, "resident", f->idno);
	yz_values_set(&v, "purpose", "\u5b50\u5973\u5165\u5b66"); /* children's schooling */
	yz_values_set(&v, "since", "2019-03-01");
	yz_err err = {{0}};
	int rc = yz_service_submit(&f->s, form, &v, materials, 2, c, &err);
	yz_values_clear(&v);
	if (rc != 0)
		fail_msg("submit: %s", err.msg);
}

void fixture_submit_request(fixture *f, const char *place, const char *content, yz_case *c)
{
	const yz_form *form = yz_catalogue_find(&f->cat, "resident_request");
	assert_non_null(form);
	yz_values v = {0};
	yz_values_set(&v, "resident", f->idno);
	yz_values_set(&v, "phone", "13588012345");
	yz_values_set(&v, "category", "\u6c34"); /* water */
	yz_values_set(&v, "urgent", "no");
	yz_values_set(&v, "place", place);
	yz_values_set(&v, "content", content);
	yz_values_set(&v, "source", "\u7a97\u53e3\u6765\u8bbf"); /* came to the window */
	yz_values_set(&v, "reply", "yes");
	yz_err err = {{0}};
	int rc = yz_service_submit(&f->s, form, &v, NULL, 0, c, &err);
	yz_values_clear(&v);
	if (rc != 0)
		fail_msg("submit: %s", err.msg);
}

unsigned char *fixture_print_saved(fixture *f, const char *case_no, const char *doc, size_t *len)
{
	yz_print_outcome out;
	yz_err err = {{0}};
	if (yz_service_print(&f->s, case_no, doc, NULL, &out, &err) != 0)
		fail_msg("print %s: %s", doc, err.msg);
	assert_true(out.saved);
	FILE *fp = fopen(out.saved_path, "rb");
	assert_non_null(fp);
	struct stat st;
	assert_int_equal(fstat(fileno(fp), &st), 0);
	unsigned char *buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)st.st_size, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

void fixture_write_temp(char *tmpl, const void *bytes, size_t len)
{
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, len), (ssize_t)len);
	close(fd);
}

char *fixture_pdftotext(const unsigned char *pdf, size_t len)
{
	char in[] = "/tmp/yzpdf.XXXXXX";
	fixture_write_temp(in, pdf, len);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 %s -", in);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *text = calloc(1, 65536);
	size_t n = fread(text, 1, 65535, p);
	text[n] = '\0';
	assert_int_equal(pclose(p), 0);
	unlink(in);
	return text;
}

yz_resident fixture_resident_born(fixture *f, const char *name, const char *birth,
                                  const char *address)
{
	char first17[18];
	yz_resident r = {0};
	yz_err err = {{0}};
	snprintf(first17, sizeof first17, "330106%s123", birth);
	fixture_make_idno(first17, r.idno);
	snprintf(r.name, sizeof r.name, "%s", name);
	snprintf(r.address, sizeof r.address, "%s", address);
	assert_int_equal(yz_resident_add(f->store, &r, "zhangli", &err), 0);
	return r;
}

void fixture_ensure_resident(fixture *f, const char *idno, const char *name, const char *address)
{
	/* Wang Jixiang (a CJK Ext-B character), Li Xiuying, Ayiguli Maimaiti, Zhang
	 * Wei, Chen Guoqiang, Liu Guiying, Zhao Liping, Zhou Jianhua */
	static const char *const names[] = {"\u738b\U00020bb7\u7965",
	                                    "\u674e\u79c0\u82f1",
	                                    "\u963f\u4f9d\u53e4\u4e3d\u00b7\u4e70\u4e70\u63d0",
	                                    "\u5f20\u4f1f",
	                                    "\u9648\u56fd\u5f3a",
	                                    "\u5218\u6842\u82f1",
	                                    "\u8d75\u4e3d\u840d",
	                                    "\u5468\u5efa\u534e"};
	yz_resident r = {0};
	yz_err err = {{0}};

	if (yz_resident_by_idno(f->store, idno, &r, &err) == 0)
		return;
	memset(&r, 0, sizeof r);
	snprintf(r.name, sizeof(r.name), "%s", name ? name : names[f->residents++ % 8]);
	snprintf(r.idno, sizeof(r.idno), "%s", idno);
	/* West Lake district, 8 Wenyi Road, building 2, flat 301 */
	snprintf(r.address, sizeof(r.address), "%s",
	         address ? address
	                 : "\u897f\u6e56\u533a\u6587\u4e00\u8def 8 \u53f7 2 \u5e62 301 \u5ba4");
	if (yz_resident_add(f->store, &r, "zhangli", &err) != 0)
		fail_msg("adding resident %s: %s", idno, err.msg);
}

size_t fixture_all_materials(const yz_form *form, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < form->n_materials && n < max; i++)
		out[n++] = form->materials[i].label;
	return n;
}

/* Rows given to every table: "one or two rows", the most common case in
 * practice and enough for a min_rows of 2. */
#define TABLE_ROWS 2

static void fill_table(const yz_form *form, const yz_field_def *t, yz_values *v)
{
	int rows = TABLE_ROWS;

	if (t->max_rows > 0 && rows > t->max_rows)
		rows = t->max_rows;
	if (rows < t->min_rows)
		fail_msg("%s: table %s needs %d rows", form->id, t->id, t->min_rows);
	for (int r = 1; r <= rows; r++) {
		assert_int_equal(yz_table_add_row(v, t->id), r);
		for (size_t c = 0; c < t->n_columns; c++) {
			const yz_field_def *col = &t->columns[c];
			if (col->example == NULL)
				fail_msg("%s: column %s.%s has no example", form->id, t->id,
				         col->id);
			yz_table_set(v, t->id, r, col->id, col->example);
		}
	}
}

void fixture_fill_examples(fixture *f, const yz_form *form, yz_values *v)
{
	yz_eval_env env;

	yz_service_eval_env(&f->s, &env);
	for (size_t i = 0; i < form->n_fields; i++) {
		const yz_field_def *d = &form->fields[i];
		if (d->type == YZ_FIELD_COMPUTED)
			continue;
		if (d->type == YZ_FIELD_TABLE) {
			fill_table(form, d, v);
			continue;
		}
		if (d->example == NULL)
			fail_msg("%s: field %s has no example", form->id, d->id);
		yz_values_set(v, d->id, d->example);
		if (d->type == YZ_FIELD_RESIDENT)
			fixture_ensure_resident(f, d->example, NULL, NULL);
	}
	yz_form_compute(form, v, &env);
	for (size_t i = 0; i < form->n_fields; i++) {
		const yz_field_def *d = &form->fields[i];
		if (d->type != YZ_FIELD_COMPUTED && d->type != YZ_FIELD_TABLE &&
		    !yz_field_visible(d, v, &env))
			yz_values_set(v, d->id, NULL);
	}
	yz_form_compute(form, v, &env);
}

void fixture_fill_applicant(yz_session *s, const yz_form *form, const char *idno, const char *key,
                            const char *val, yz_values *v)
{
	yz_eval_env env;
	for (size_t i = 0; i < form->n_fields; i++) {
		const yz_field_def *d = &form->fields[i];
		if (d->type == YZ_FIELD_TABLE) {
			yz_table_add_row(v, d->id);
			for (size_t c = 0; c < d->n_columns; c++)
				yz_table_set(v, d->id, 1, d->columns[c].id, d->columns[c].example);
		} else if (d->type != YZ_FIELD_COMPUTED) {
			yz_values_set(v, d->id, d->type == YZ_FIELD_RESIDENT ? idno : d->example);
		}
	}
	if (key)
		yz_values_set(v, key, val);
	yz_service_eval_env(s, &env);
	for (size_t i = 0; i < form->n_fields; i++)
		if (form->fields[i].type != YZ_FIELD_COMPUTED &&
		    form->fields[i].type != YZ_FIELD_TABLE &&
		    !yz_field_visible(&form->fields[i], v, &env))
			yz_values_set(v, form->fields[i].id, NULL);
	yz_form_compute(form, v, &env);
}
