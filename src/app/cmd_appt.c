/* yizhan appt: appointments of the hall (yu yue, issue 19).
 *
 *   appt book QUEUE DAY SLOT IDNO [--phone P] [--note TEXT] --as LOGIN
 *   appt list [DAY] [--slots QUEUE] --as LOGIN
 *   appt cancel NUMBER --as LOGIN
 *   appt missed --as LOGIN
 *
 * A booking is for a registered resident (name and phone from the registry);
 * the kiosk turns it into a priority ticket when the resident arrives with
 * the booking number or the ID card. `missed` marks today's bookings whose
 * slot has ended without an arrival (run it at noon and at closing, or from
 * cron). The positional words are read in order; options may stand anywhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"

#define APPT_LIST_MAX 1000

typedef struct appt_args {
	const char *word[5]; /* the positional words after the subcommand */
	int n;
	const char *phone, *note, *slots;
	bool help;
} appt_args;

/* Read argv into o; 0, or 2 after a message. */
static int appt_parse(const char *cmd, int argc, char **argv, int max_words, appt_args *o)
{
	*o = (appt_args){0};
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		if (!strcmp(w, "--help") || !strcmp(w, "-h")) {
			o->help = true;
		} else if (!strcmp(w, "--phone") || !strcmp(w, "--note") || !strcmp(w, "--slots")) {
			const char **to = w[2] == 'p'   ? &o->phone
			                  : w[2] == 'n' ? &o->note
			                                : &o->slots;
			if (app_take_value(cmd, argc, argv, &i, to) != 0)
				return 2;
		} else if (w[0] == '-' && w[1] == '-') {
			app_printf(stderr, _("yizhan %s: unknown option \"%s\"\n"), cmd, w);
			return 2;
		} else if (o->n >= max_words) {
			app_printf(stderr, _("yizhan %s: too many arguments (\"%s\")\n"), cmd, w);
			return 2;
		} else {
			o->word[o->n++] = w;
		}
	}
	return 0;
}

static void appt_help(void)
{
	app_printf(stdout, "%s",
	           _("Usage: yizhan appt book QUEUE DAY SLOT IDNO [--phone P] [--note TEXT]\n"
	             "       yizhan appt list [DAY] [--slots QUEUE]\n"
	             "       yizhan appt cancel NUMBER\n"
	             "       yizhan appt missed\n"
	             "Appointments of the hall. book: a registered resident (ID number) in "
	             "queue QUEUE (a letter of yizhan.conf's [queue X]) on DAY (a working day) "
	             "in SLOT (as the queue's slots say, e.g. 09:00-09:30); prints the booking "
	             "number the resident shows at the ticket kiosk. list: the bookings of DAY "
	             "(today when not given); --slots QUEUE shows that queue's slots of the day "
	             "and their places left instead. cancel: call a booking off. missed: today's "
	             "bookings whose slot has ended without an arrival are marked missed.\n"));
}

static int appt_book(yz_app *a, int argc, char **argv)
{
	const char *cmd = "appt book";
	appt_args o;
	yz_appointment ap;
	yz_err err = {{0}};
	int rc = appt_parse(cmd, argc, argv, 4, &o);

	if (rc != 0 || o.help) {
		if (o.help)
			appt_help();
		return rc;
	}
	if (o.n < 4) {
		app_printf(stderr,
		           _("yizhan %s: give QUEUE DAY SLOT IDNO (see yizhan appt --help)\n"),
		           cmd);
		return 2;
	}
	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	if (yz_service_appt_book(&a->sess, o.word[0], o.word[1], o.word[2], o.word[3], o.phone,
	                         o.note, &ap, &err) != 0)
		return app_fail(&err);
	app_printf(stdout, _("Booked %s: %s, queue %s, %s %s.\n"), ap.number, ap.name, ap.queue,
	           ap.day, ap.slot);
	return 0;
}

static int appt_slots(yz_app *a, const char *queue, const char *day)
{
	yz_slot sl[64];
	size_t n = 0;
	yz_err err = {{0}};
	char today[11];

	if (!day) {
		yz_date_format(a->sess.today, today);
		day = today;
	}
	if (yz_service_slots(&a->sess, queue, day, sl, 64, &n, &err) != 0)
		return app_fail(&err);
	if (n == 0)
		app_printf(stdout,
		           _("No slots of queue %s on %s (not a working day, or the queue "
		             "takes no appointments).\n"),
		           queue, day);
	for (size_t i = 0; i < n; i++)
		app_printf(stdout, _("%s  booked %d of %d\n"), sl[i].slot, sl[i].booked,
		           sl[i].capacity);
	return 0;
}

static int appt_list(yz_app *a, int argc, char **argv)
{
	const char *cmd = "appt list";
	appt_args o;
	yz_err err = {{0}};
	size_t n = 0;
	int rc = appt_parse(cmd, argc, argv, 1, &o);

	if (rc != 0 || o.help) {
		if (o.help)
			appt_help();
		return rc;
	}
	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	if (o.slots)
		return appt_slots(a, o.slots, o.word[0]);
	yz_appointment *l = calloc(APPT_LIST_MAX, sizeof *l);
	if (!l) {
		app_printf(stderr, "yizhan: %s\n", _("Out of memory."));
		return 1;
	}
	if (yz_service_appt_list(&a->sess, o.word[0], l, APPT_LIST_MAX, &n, &err) != 0) {
		free(l);
		return app_fail(&err);
	}
	if (app_audit_read(a, "appt_list", "%zu appointments of %.16s listed", n,
	                   o.word[0] ? o.word[0] : "today") != 0) {
		free(l);
		return 1;
	}
	app_print_col(_("NUMBER"), 15);
	app_print_col(_("SLOT"), 13);
	app_print_col(_("QUEUE"), 6);
	app_print_col(_("NAME"), 14);
	app_print_col(_("ID NUMBER"), 20);
	app_print_col(_("PHONE"), 13);
	app_printf(stdout, "%s\n", _("STATE"));
	for (size_t i = 0; i < n; i++) {
		char masked[19];
		yz_idcard_mask(l[i].idno, masked);
		app_print_col(l[i].number, 15);
		app_print_col(l[i].slot, 13);
		app_print_col(l[i].queue, 6);
		app_print_col(l[i].name, 14);
		app_print_col(masked, 20);
		app_print_col(l[i].phone, 13);
		app_printf(stdout, "%s\n", yz_service_appt_state_text(l[i].state));
	}
	free(l);
	return 0;
}

static int appt_cancel(yz_app *a, int argc, char **argv)
{
	const char *cmd = "appt cancel";
	appt_args o;
	yz_appointment ap;
	yz_err err = {{0}};
	char day[11];
	int rc = appt_parse(cmd, argc, argv, 1, &o);

	if (rc != 0 || o.help) {
		if (o.help)
			appt_help();
		return rc;
	}
	/* The number carries its day: Y20261207-003. */
	if (o.n < 1 || strlen(o.word[0]) != 13 || (o.word[0][0] != 'Y' && o.word[0][0] != 'y') ||
	    o.word[0][9] != '-') {
		app_printf(stderr, _("yizhan %s: give the booking number, e.g. Y20261207-003\n"),
		           cmd);
		return 2;
	}
	snprintf(day, sizeof day, "%.4s-%.2s-%.2s", o.word[0] + 1, o.word[0] + 5, o.word[0] + 7);
	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	rc = yz_appt_find(a->store, day, o.word[0], &ap, &err);
	if (rc == 1) {
		app_printf(stderr, _("yizhan: there is no appointment %s\n"), o.word[0]);
		return 2;
	}
	if (rc != 0 || yz_service_appt_cancel(&a->sess, ap.id, &err) != 0)
		return app_fail(&err);
	app_printf(stdout, _("Appointment %s cancelled.\n"), ap.number);
	return 0;
}

static int appt_missed(yz_app *a, int argc, char **argv)
{
	const char *cmd = "appt missed";
	appt_args o;
	yz_err err = {{0}};
	int n = 0;
	int rc = appt_parse(cmd, argc, argv, 0, &o);

	if (rc != 0 || o.help) {
		if (o.help)
			appt_help();
		return rc;
	}
	if ((rc = app_open_acting(a, cmd)) != 0)
		return rc;
	if (yz_service_appt_mark_missed(&a->sess, &n, &err) != 0)
		return app_fail(&err);
	app_printf(stdout, _("%d appointments marked missed.\n"), n);
	return 0;
}

int cmd_appt(yz_app *a, int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		appt_help();
		return argc < 1 ? 2 : 0;
	}
	if (!strcmp(argv[0], "book"))
		return appt_book(a, argc - 1, argv + 1);
	if (!strcmp(argv[0], "list"))
		return appt_list(a, argc - 1, argv + 1);
	if (!strcmp(argv[0], "cancel"))
		return appt_cancel(a, argc - 1, argv + 1);
	if (!strcmp(argv[0], "missed"))
		return appt_missed(a, argc - 1, argv + 1);
	app_printf(stderr,
	           _("yizhan appt: unknown subcommand \"%s\" (book, list, cancel, missed)\n"),
	           argv[0]);
	return 2;
}
