/* Issue 19, appointments and home visits through the service on a real
 * station file, the clock fixed on Monday 2026-12-07 08:00 (local): the slots
 * of a queue, booking numbers per day over every queue, the refusals (full
 * slot, second booking, rest day, past day, unknown slot, queue, resident),
 * cancel frees the place, find by number or ID number, missed after the slot
 * ended; home visits planned from the registry (address, phone, grid), the
 * day's list and the route sheet grouped by grid (the staff by name), a rest
 * day refused, staff away named, the case's visit after its result, results,
 * audit rows; a 17-digit ID number refused as not valid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_count.h"
#include "fixture.h"
#include "yizhan/service.h"
#include "yizhan/store.h"

static time_t now_t;

/* The session's clock at local y-m-d h:m. */
static void set_now(fixture *f, int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_isdst = -1};
	now_t = mktime(&tm);
	yz_service_set_clock(&f->s, yz_clock_fixed(&now_t));
}

static int setup(void **state)
{
	fixture *f = fixture_open("yzappt19");
	set_now(f, 2026, 12, 7, 8, 0);
	*state = f;
	return 0;
}

/* A registered resident (ID from first17), living in grid's flat when grid is
 * given; its ID number into idno. */
static void resident_in(fixture *f, const char *name, const char *first17, const char *grid,
                        const char *building, char idno[19])
{
	yz_err err = {{0}};
	yz_resident r = {0};
	int64_t st = 0, g, b, u, room, h = 0;

	if (grid) {
		assert_int_equal(
		    yz_place_ensure(f->store, 0, YZ_PLACE_STATION, "Station", &st, &err), 0);
		assert_int_equal(yz_place_ensure(f->store, st, YZ_PLACE_GRID, grid, &g, &err), 0);
		assert_int_equal(
		    yz_place_ensure(f->store, g, YZ_PLACE_BUILDING, building, &b, &err), 0);
		assert_int_equal(yz_place_ensure(f->store, b, YZ_PLACE_UNIT, "U1", &u, &err), 0);
		assert_int_equal(yz_place_ensure(f->store, u, YZ_PLACE_ROOM, "101", &room, &err),
		                 0);
		assert_int_equal(yz_household_add_at(f->store, room, building, &h, &err), 0);
	}
	snprintf(r.name, sizeof r.name, "%s", name);
	fixture_make_idno(first17, r.idno);
	snprintf(r.phone, sizeof r.phone, "1390000%s", first17 + 13);
	if (!grid)
		snprintf(r.address, sizeof r.address, "Wenyi Road 5");
	r.household_id = h;
	if (yz_resident_add(f->store, &r, "zhangli", &err) != 0)
		fail_msg("resident %s: %s", name, err.msg);
	memcpy(idno, r.idno, 19);
}

static void test_slots_and_booking(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_slot sl[32];
	size_t n = 0;
	yz_appointment a, b, c;
	char id1[19], id2[19], id3[19];

	resident_in(f, "Wang Fang", "33010619500101002", NULL, NULL, id1);
	resident_in(f, "Li Ming", "33010619600202003", NULL, NULL, id2);
	resident_in(f, "Zhao Lei", "33010619700303004", NULL, NULL, id3);

	/* The default queue A: ten slots of two places on a working day. */
	assert_int_equal(yz_service_slots(&f->s, "A", "2026-12-08", sl, 32, &n, &err), 0);
	assert_int_equal(n, 10);
	assert_string_equal(sl[0].slot, "09:00-09:30");
	assert_int_equal(sl[0].capacity, 2);
	assert_int_equal(sl[0].booked, 0);
	/* none on a Saturday */
	assert_int_equal(yz_service_slots(&f->s, "A", "2026-12-12", sl, 32, &n, &err), 0);
	assert_int_equal(n, 0);

	/* Booking: the number is Y + the day + the day's sequence over every queue. */
	assert_int_equal(yz_service_appt_book(&f->s, "A", "20261208", "09:00-09:30", id1, NULL,
	                                      "walks with a stick", &a, &err),
	                 0);
	assert_string_equal(a.number, "Y20261208-001");
	assert_string_equal(a.name, "Wang Fang");
	assert_string_equal(a.phone, "13900001002"); /* from the registry */
	assert_string_equal(a.day, "2026-12-08");
	assert_int_equal(a.state, YZ_APPT_BOOKED);
	assert_int_equal(yz_service_appt_book(&f->s, "B", "2026-12-08", "10:00-10:30", id1,
	                                      "13511112222", NULL, &b, &err),
	                 0);
	assert_string_equal(b.number, "Y20261208-002");
	assert_string_equal(b.phone, "13511112222"); /* the phone given wins */

	/* The resident's second booking of queue A that day. */
	assert_int_equal(yz_service_appt_book(&f->s, "A", "2026-12-08", "14:00-14:30", id1, NULL,
	                                      NULL, &c, &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_non_null(strstr(err.msg, "Wang Fang"));

	/* The slot takes two: the third is refused in words. */
	assert_int_equal(yz_service_appt_book(&f->s, "A", "2026-12-08", "09:00-09:30", id2, NULL,
	                                      NULL, &c, &err),
	                 0);
	assert_string_equal(c.number, "Y20261208-003");
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_service_appt_book(&f->s, "A", "2026-12-08", "09:00-09:30", id3, NULL,
	                                      NULL, &c, &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	assert_non_null(strstr(err.msg, "09:00-09:30"));
	assert_int_equal(yz_service_slots(&f->s, "A", "2026-12-08", sl, 32, &n, &err), 0);
	assert_int_equal(sl[0].booked, 2);
	assert_int_equal(sl[1].booked, 0);

	/* Refusals in words. */
	static const struct {
		const char *queue, *day, *slot;
		yz_errcode code;
	} bad[] = {
	    {"A", "2026-12-12", "09:00-09:30", YZ_ERR_INVALID}, /* Saturday */
	    {"A", "2026-12-04", "09:00-09:30", YZ_ERR_INVALID}, /* past */
	    {"A", "2026-12-08", "08:00-08:30", YZ_ERR_INVALID}, /* not a slot */
	    {"Q", "2026-12-08", "09:00-09:30", YZ_ERR_INVALID}, /* no such queue */
	    {"A", "2026-13-40", "09:00-09:30", YZ_ERR_INVALID}, /* no date */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&err, 0, sizeof err);
		assert_int_equal(yz_service_appt_book(&f->s, bad[i].queue, bad[i].day, bad[i].slot,
		                                      id3, NULL, NULL, &c, &err),
		                 -1);
		assert_int_equal(err.code, bad[i].code);
		assert_true(err.msg[0] != '\0');
	}
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_service_appt_book(&f->s, "A", "2026-12-08", "09:30-10:00",
	                                      "110101199003070011", NULL, NULL, &c, &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	/* 17 digits: not a valid number (the core's check), not "not registered". */
	memset(&err, 0, sizeof err);
	assert_int_equal(yz_service_appt_book(&f->s, "A", "2026-12-08", "09:30-10:00",
	                                      "11010119900307001", NULL, NULL, &c, &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "not a valid ID number"));

	/* Find by number, and by ID number typed with a small x. */
	yz_appointment got;
	assert_int_equal(yz_appt_find(f->store, "2026-12-08", "y20261208-003", &got, &err), 0);
	assert_string_equal(got.idno, id2);
	assert_int_equal(yz_appt_find(f->store, "2026-12-08", id1, &got, &err), 0);
	assert_string_equal(got.number, "Y20261208-001"); /* the earliest slot */
	assert_int_equal(yz_appt_find(f->store, "2026-12-09", id1, &got, &err), 1);

	/* Cancel frees the place; a second cancel is refused. */
	assert_int_equal(yz_service_appt_cancel(&f->s, c.id, &err), 0);
	assert_int_equal(yz_appt_get(f->store, c.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_APPT_CANCELLED);
	assert_int_equal(yz_service_appt_cancel(&f->s, c.id, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(yz_service_appt_book(&f->s, "A", "2026-12-08", "09:00-09:30", id3, NULL,
	                                      NULL, &c, &err),
	                 0);
	assert_string_equal(c.number, "Y20261208-004"); /* numbers are never reused */

	/* The day's list by slot. */
	yz_appointment l[8];
	assert_int_equal(yz_service_appt_list(&f->s, "2026-12-08", l, 8, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(l[0].slot, "09:00-09:30");
	assert_string_equal(l[3].slot, "10:00-10:30");

	assert_int_equal(test_audit_count(f->cfg.db_path, "appt_booked"), 4);
	assert_int_equal(test_audit_count(f->cfg.db_path, "appt_cancelled"), 1);
}

static void test_missed_and_arrived(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	yz_appointment a, b, got;
	char id1[19], id2[19];
	int n = -1;

	resident_in(f, "Sun Hua", "33010619550505006", NULL, NULL, id1);
	resident_in(f, "Zhou Jie", "33010619650606007", NULL, NULL, id2);
	/* Today at 08:00: 09:00 and 14:00 bookings. */
	assert_int_equal(yz_service_appt_book(&f->s, "C", "2026-12-07", "09:00-09:30", id1, NULL,
	                                      NULL, &a, &err),
	                 0);
	assert_string_equal(a.number, "Y20261207-001");
	assert_int_equal(yz_service_appt_book(&f->s, "C", "2026-12-07", "14:00-14:30", id2, NULL,
	                                      NULL, &b, &err),
	                 0);
	/* Last Friday's booking nobody marked (written by the store: the
	 * service books no past day). */
	yz_appointment old = {.queue = "D", .day = "2026-12-04", .slot = "16:00-16:30"};
	memcpy(old.idno, id1, 19);
	snprintf(old.name, sizeof old.name, "Sun Hua");
	assert_int_equal(yz_appt_book(f->store, &old, 2, "zhangli", &err), 0);
	/* 09:40: the first slot ended; a booking of it is refused now. */
	set_now(f, 2026, 12, 7, 9, 40);
	assert_int_equal(yz_service_appt_book(&f->s, "D", "2026-12-07", "09:00-09:30", id2, NULL,
	                                      NULL, &got, &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(yz_service_appt_mark_missed(&f->s, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(yz_appt_get(f->store, a.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_APPT_MISSED);
	assert_int_equal(yz_appt_get(f->store, old.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_APPT_MISSED);
	assert_int_equal(yz_appt_get(f->store, b.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_APPT_BOOKED);
	/* A missed booking cannot be cancelled any more. */
	assert_int_equal(yz_service_appt_cancel(&f->s, a.id, &err), -1);
	/* The kiosk's check-in (CORE's yz_service_ticket_arrive) sets ARRIVED with
	 * the ticket; then it is no longer missed at 15:00. */
	assert_int_equal(yz_appt_set_state(f->store, b.id, YZ_APPT_ARRIVED, 0, "", &err), 0);
	set_now(f, 2026, 12, 7, 15, 0);
	assert_int_equal(yz_service_appt_mark_missed(&f->s, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(yz_appt_get(f->store, b.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_APPT_ARRIVED);
	assert_int_equal(test_audit_count(f->cfg.db_path, "appt_missed"), 2);
	assert_int_equal(test_audit_count(f->cfg.db_path, "appt_arrived"), 1);
}

/* A case of the residence certificate for the resident idno. */
static void case_for(fixture *f, const char *idno, yz_case *c)
{
	yz_kv_list kv = {0};

	memcpy(f->idno, idno, 19);
	fixture_store_case(f, "residence_certificate", &kv, c);
}

static void test_visits_and_sheet(void **state)
{
	fixture *f = *state;
	yz_err err = {{0}};
	char id1[19], id2[19], id3[19];
	yz_case c1, c2, c3;
	yz_visit v1, v2, v3, got, l[8];
	size_t n = 0;

	resident_in(f, "Qian Lan", "33010619400707008", "Grid East", "B7", id1);
	resident_in(f, "Wu Gang", "33010619410808009", "Grid West", "B2", id2);
	resident_in(f, "Zheng Yu", "33010619420909000", "Grid East", "B3", id3);
	case_for(f, id1, &c1);
	case_for(f, id2, &c2);
	case_for(f, id3, &c3);
	assert_int_equal(yz_user_add(f->store, "liqiang", "Li Qiang", "13800000001", YZ_ROLE_CLERK,
	                             "demo1234", &err),
	                 0);

	assert_int_equal(
	    yz_service_visit_plan(&f->s, c1.number, "2026-12-09", "zhangli liqiang", &v1, &err), 0);
	assert_string_equal(v1.name, "Qian Lan");
	assert_string_equal(v1.grid, "Grid East");
	assert_string_equal(v1.phone, "13900007008");
	assert_non_null(strstr(v1.address, "B7"));
	assert_string_equal(v1.staff, "zhangli liqiang");
	assert_int_equal(
	    yz_service_visit_plan(&f->s, c2.number, "2026-12-09", "liqiang", &v2, &err), 0);
	assert_int_equal(
	    yz_service_visit_plan(&f->s, c3.number, "2026-12-09", "zhangli", &v3, &err), 0);

	/* Refusals: a second plan of the case, an unknown login, a past day, no staff. */
	assert_int_equal(
	    yz_service_visit_plan(&f->s, c1.number, "2026-12-10", "zhangli", &got, &err), -1);
	assert_int_equal(err.code, YZ_ERR_EXISTS);
	memset(&err, 0, sizeof err);
	yz_case c4;
	case_for(f, id2, &c4);
	assert_int_equal(
	    yz_service_visit_plan(&f->s, c4.number, "2026-12-10", "zhangli nobody", &got, &err),
	    -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "nobody"));
	assert_int_equal(
	    yz_service_visit_plan(&f->s, c4.number, "2026-12-01", "zhangli", &got, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(yz_service_visit_plan(&f->s, c4.number, "2026-12-10", "  ", &got, &err),
	                 -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);

	/* The day's list: by grid, then address. */
	assert_int_equal(yz_service_visit_list(&f->s, "2026-12-09", l, 8, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(l[0].grid, "Grid East");
	assert_string_equal(l[1].grid, "Grid East");
	assert_string_equal(l[2].grid, "Grid West");
	assert_true(strcmp(l[0].address, l[1].address) < 0);
	assert_string_equal(l[0].case_no, c3.number); /* B3 before B7 */

	/* The route sheet: one table per grid with the resident, address, case. */
	yz_doc *d = yz_service_route_sheet(&f->s, "2026-12-09", &err);
	assert_non_null(d);
	char *text = yz_doc_layout_text(d, 160);
	assert_non_null(text);
	char *east = strstr(text, "Grid East"), *west = strstr(text, "Grid West");
	assert_non_null(east);
	assert_non_null(west);
	assert_true(east < west);
	char *qian = strstr(text, "Qian Lan"), *wu = strstr(text, "Wu Gang");
	assert_non_null(qian);
	assert_non_null(wu);
	assert_true(qian > east && qian < west && wu > west);
	assert_non_null(strstr(text, c2.number));
	assert_non_null(strstr(text, "Li Qiang")); /* the staff by name, not login */
	assert_null(strstr(text, "liqiang"));
	free(text);
	yz_doc_free(d);

	/* Results: not met needs words; done; a second result refused. */
	assert_int_equal(yz_service_visit_result(&f->s, v2.id, YZ_VISIT_NOT_MET, "", &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_int_equal(
	    yz_service_visit_result(&f->s, v2.id, YZ_VISIT_NOT_MET, "nobody at home", &err), 0);
	assert_int_equal(yz_service_visit_result(&f->s, v1.id, YZ_VISIT_DONE, "signed", &err), 0);
	assert_int_equal(yz_service_visit_result(&f->s, v1.id, YZ_VISIT_DONE, "again", &err), -1);
	assert_int_equal(yz_visit_get(f->store, v2.id, &got, &err), 0);
	assert_int_equal(got.state, YZ_VISIT_NOT_MET);
	assert_string_equal(got.result, "nobody at home");
	assert_true(got.done_at[0] != '\0');
	/* the case has no planned visit any more: a new one may be planned */
	assert_int_equal(yz_visit_of_case(f->store, c1.id, &got, &err), 1);
	assert_int_equal(
	    yz_service_visit_plan(&f->s, c2.number, "2026-12-10", "liqiang", &got, &err), 0);
	/* The case view's line after the result: the visit's day, state, words. */
	assert_int_equal(yz_service_visit_last_of_case(&f->s, c1.number, &got, &err), 0);
	assert_int_equal(got.id, v1.id);
	assert_int_equal(got.state, YZ_VISIT_DONE);
	assert_string_equal(got.day, "2026-12-09");
	assert_string_equal(got.result, "signed");
	assert_int_equal(yz_service_visit_last_of_case(&f->s, c2.number, &got, &err), 0);
	assert_int_equal(got.state, YZ_VISIT_PLANNED);
	assert_string_equal(got.day, "2026-12-10");
	assert_int_equal(yz_service_visit_last_of_case(&f->s, c4.number, &got, &err), 1);
	/* Staff by name; those away on the day named for the warning. */
	char names[200], away[200];
	yz_service_visit_staff_names(&f->s, "zhangli liqiang", names, sizeof names);
	assert_non_null(strstr(names, "Li Qiang"));
	assert_null(strstr(names, "liqiang"));
	assert_int_equal(
	    yz_absence_add(f->store, "liqiang", "2026-12-10", "2026-12-10", "admin", NULL, &err),
	    0);
	assert_int_equal(yz_service_visit_staff_away(&f->s, "zhangli liqiang", "2026-12-10", away,
	                                             sizeof away, &err),
	                 0);
	assert_string_equal(away, "Li Qiang");
	assert_int_equal(yz_service_visit_staff_away(&f->s, "zhangli liqiang", "2026-12-11", away,
	                                             sizeof away, &err),
	                 0);
	assert_string_equal(away, "");
	/* A rest day (Saturday 2026-12-12) is refused, not planned. */
	assert_int_equal(
	    yz_service_visit_plan(&f->s, c4.number, "2026-12-12", "zhangli", &got, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "not a working day"));
	assert_int_equal(test_audit_count(f->cfg.db_path, "visit_planned"), 4);
	assert_int_equal(test_audit_count(f->cfg.db_path, "visit_result"), 2);
}

int main(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_slots_and_booking, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_missed_and_arrived, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_visits_and_sheet, setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
