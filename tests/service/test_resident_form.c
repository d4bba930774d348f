/* Issue 11: the resident's record is a form file (forms/registry/resident.form)
 * like any other. The service loads and checks it, reads a person out of its
 * values (the ID number's birth and sex, the registry's words) and back, and
 * `forms check` finds what a station's edit of it got wrong; the catalogue
 * never offers it as a service item. A real station database, the real file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "yz_test_paths.h"

static int setup(void **state)
{
	fixture *f = fixture_open("yzrform");
	snprintf(f->cfg.forms_dir, sizeof f->cfg.forms_dir, "%s", YZ_SOURCE_ROOT "/forms");
	*state = f;
	return 0;
}

/* Values as the form engine would hold them after the clerk typed. */
static void typed(yz_values *v, const char *idno)
{
	yz_values_set(v, "name", "\u6b27\u9633\u00b7\u5c0f\u660e");
	yz_values_set(v, "idno", idno);
	yz_values_set(v, "phone", "13800001111");
	yz_values_set(v, "address", "\u5e78\u798f\u8def12\u53f7");
	yz_values_set(v, "ethnicity", "01"); /* typed as its GB/T 3304 code */
	yz_values_set(v, "category", "\u6d41\u52a8\u4eba\u53e3");
}

static void test_new_person(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_form *form = yz_service_resident_form(&f->s, &err);
	yz_values v = {0};
	yz_resident r = {0}, back;
	char idno[19];
	long field = -2;

	assert_non_null(form);
	assert_true(form->record);
	assert_int_equal(yz_service_resident_item(yz_form_field(form, "idno")), YZ_RITEM_IDNO);
	fixture_make_idno("11010519491231002", idno);
	typed(&v, idno);
	assert_int_equal(yz_service_resident_read(&f->s, form, &v, &r, &field, &err), 0);
	assert_string_equal(r.idno, idno);
	assert_string_equal(r.birth, "1949-12-31");
	assert_int_equal(r.female, 1); /* the 17th digit is even */
	assert_string_equal(r.ethnicity, "\u6c49\u65cf");
	assert_string_equal(r.category, "\u6d41\u52a8\u4eba\u53e3");
	assert_int_equal(yz_service_resident_add(&f->s, &r, &err), 0);
	assert_int_equal(yz_service_resident_by_idno(&f->s, idno, &back, &err), 0);
	assert_string_equal(back.phone, "13800001111");

	/* A wrong check digit: refused at the ID number, with the reason. */
	yz_resident bad = {0};
	idno[17] = idno[17] == '0' ? '1' : '0';
	yz_values_set(&v, "idno", idno);
	assert_int_equal(yz_service_resident_read(&f->s, form, &v, &bad, &field, &err), -1);
	assert_int_equal(field, yz_form_field(form, "idno") - form->fields);
	assert_true(err.msg[0] != '\0');
	/* An ethnicity the registry does not know: refused at that field. */
	fixture_make_idno("11010519491231002", idno);
	yz_values_set(&v, "idno", idno);
	yz_values_set(&v, "ethnicity", "\u706b\u661f\u65cf");
	assert_int_equal(yz_service_resident_read(&f->s, form, &v, &bad, &field, &err), -1);
	assert_int_equal(field, yz_form_field(form, "ethnicity") - form->fields);
	/* The name is required, as the form says. */
	yz_values_set(&v, "ethnicity", NULL);
	yz_values_set(&v, "name", NULL);
	assert_int_equal(yz_service_resident_read(&f->s, form, &v, &bad, &field, &err), -1);
	assert_int_equal(field, yz_form_field(form, "name") - form->fields);
	yz_values_clear(&v);
	yz_form_free(form);
}

/* Editing: the values start from the record, the ID number stays whatever the
 * values say, and the update keeps the change in the history. */
static void test_edit_person(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_form *form = yz_service_resident_form(&f->s, &err);
	yz_values v = {0};
	yz_resident r, now;
	yz_change ch[8];
	size_t n = 0;

	assert_non_null(form);
	fixture_resident(f, "\u738b\u82b3");
	assert_int_equal(yz_service_resident_by_idno(&f->s, f->idno, &r, &err), 0);
	yz_service_resident_values(form, &r, &v);
	assert_string_equal(yz_values_get(&v, "idno"), f->idno);
	assert_string_equal(yz_values_get(&v, "address"), r.address);
	assert_null(yz_values_get(&v, "phone")); /* empty in the registry */
	yz_values_set(&v, "phone", "13912345678");
	char other[19];
	fixture_make_idno("11010519491231002", other);
	yz_values_set(&v, "idno", other); /* never taken when editing */
	now = r;
	if (yz_service_resident_read(&f->s, form, &v, &now, NULL, &err) != 0)
		fail_msg("%s", err.msg);
	assert_string_equal(now.idno, f->idno);
	assert_int_equal(yz_service_resident_update(&f->s, &now, "X-2025-000001", &err), 0);
	assert_int_equal(yz_service_resident_history(&f->s, r.id, ch, 8, &n, &err), 0);
	assert_true(n >= 1);
	assert_string_equal(ch[0].new, "13912345678");
	assert_string_equal(ch[0].case_no, "X-2025-000001");
	yz_values_clear(&v);
	yz_form_free(form);
}

/* The two fields every resident record form has, as a form file writes them. */
#define RECORD_KEYS                                                                                \
	"field name name\n"                                                                        \
	"    label N\n"                                                                            \
	"    required yes\n"                                                                       \
	"\n"                                                                                       \
	"field idno idcard\n"                                                                      \
	"    label I\n"                                                                            \
	"    required yes\n"

/* What forms check said, for the log of a failing test. */
static void dump_diags(const yz_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "%s\n", d->items[i]);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* `forms check` of a station's folder: the real one is good; an edited record
 * with a field the registry lacks, an option it does not keep and no
 * `record yes` is reported line by line; the catalogue refuses a record. */
static void test_forms_check(void **state)
{
	fixture *f = *state;
	yz_diags d = {0};
	size_t n = 9;
	char dir[512], path[600];

	assert_int_equal(yz_service_check_record_forms(YZ_SOURCE_ROOT "/forms", f->s.today, &d, &n),
	                 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(n, 1);

	snprintf(dir, sizeof dir, "%s/forms", f->home);
	assert_int_equal(mkdir(dir, 0750), 0);
	snprintf(path, sizeof path, "%s/registry", dir);
	assert_int_equal(mkdir(path, 0750), 0);
	snprintf(path, sizeof path, "%s/registry/resident.form", dir);
	write_file(path, "form resident\n"
	                 "    title T\n"
	                 "    record yes\n"
	                 "\n" RECORD_KEYS "\n"
	                 "field shoe_size integer\n"
	                 "    label S\n"
	                 "\n"
	                 "field employment choice\n"
	                 "    label E\n"
	                 "    option astronaut\n");
	assert_int_equal(yz_service_check_record_forms(dir, f->s.today, &d, &n), -1);
	bool shoe = false, option = false;
	for (size_t i = 0; i < d.n; i++) {
		shoe = shoe || strstr(d.items[i], "resident.form:13:1:") != NULL;
		option = option || (strstr(d.items[i], "resident.form:16:1:") != NULL &&
		                    strstr(d.items[i], "astronaut") != NULL);
	}
	if (!shoe || !option || d.n != 2)
		dump_diags(&d);
	assert_true(shoe);
	assert_true(option);
	assert_int_equal(d.n, 2);
	yz_diags_free(&d);
	/* A service item's form put there: it is no record. */
	write_file(path, "form resident\n"
	                 "    title T\n"
	                 "    line \u8bc1\u660e\n"
	                 "    authority A\n"
	                 "    kind \u5373\u529e\u4ef6\n"
	                 "\n" RECORD_KEYS);
	assert_int_equal(yz_service_check_record_forms(dir, f->s.today, &d, &n), -1);
	if (d.n != 1)
		dump_diags(&d);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0], "record yes"));
	yz_diags_free(&d);
	/* With `record yes` the service items' keys (line, authority, kind) are
	 * not asked for. */
	write_file(path, "form resident\n"
	                 "    title T\n"
	                 "    record yes\n"
	                 "\n" RECORD_KEYS);
	assert_int_equal(yz_service_check_record_forms(dir, f->s.today, &d, &n), 0);
	assert_int_equal(n, 1);
	/* The same file among the service items: refused, never offered. */
	yz_catalogue cat = {0};
	snprintf(path, sizeof path, "%s/resident.form", dir);
	write_file(path, "form resident\n"
	                 "    title T\n"
	                 "    record yes\n"
	                 "\n"
	                 "field name name\n"
	                 "    label N\n");
	assert_int_equal(yz_catalogue_load(dir, YZ_SOURCE_ROOT "/data/vocab", f->s.today, &cat, &d),
	                 -1);
	assert_int_equal(cat.n_forms, 0);
	assert_true(d.n >= 1 && strstr(d.items[d.n - 1], "registry") != NULL);
	yz_catalogue_free(&cat);
	yz_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_new_person, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_edit_person, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_forms_check, setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
