/* The hall's queues (issue 19): yizhan.conf's "[queue X]" sections, read and
 * written for config.c as counter.c does the counters', and the four queues a
 * station without sections has (yz_config_defaults).
 *
 * A default queue's label is an English msgid with line 0: whoever shows it
 * translates it (the kiosk and the display in their language, the ticket in
 * the station's document language). A station's own label is its words and
 * is never translated. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

#define DEFAULT_SLOTS                                                                              \
	"09:00-09:30 09:30-10:00 10:00-10:30 10:30-11:00 11:00-11:30 14:00-14:30 14:30-15:00"      \
	" 15:00-15:30 15:30-16:00 16:00-16:30"
#define DEFAULT_CAPACITY 2
#define MAX_CAPACITY     999

static const struct {
	const char *letter, *label, *lines;
} default_queues[] = {
    {"A", N_("Social assistance"), "social_assistance elderly_disabled"},
    {"B", N_("Social insurance and employment"), "employment social_insurance"},
    {"C", N_("Certificates"), "certificates migrants family_health"},
    {"D", N_("Requests and consultations"), "requests consultations volunteering"},
};

void svc_queue_defaults(yz_config *c)
{
	size_t n = sizeof default_queues / sizeof default_queues[0];

	memset(c->queues, 0, sizeof c->queues);
	for (size_t i = 0; i < n; i++) {
		yz_queue_line *q = &c->queues[i];
		snprintf(q->letter, sizeof q->letter, "%s", default_queues[i].letter);
		snprintf(q->label, sizeof q->label, "%s", default_queues[i].label);
		snprintf(q->lines, sizeof q->lines, "%s", default_queues[i].lines);
		snprintf(q->slots, sizeof q->slots, "%s", DEFAULT_SLOTS);
		q->slot_capacity = DEFAULT_CAPACITY;
	}
	c->n_queues = (int)n;
}

const yz_queue_line *yz_config_queue(const yz_config *c, const char *letter)
{
	if (!letter)
		return NULL;
	for (int i = 0; i < c->n_queues; i++)
		if (strcmp(c->queues[i].letter, letter) == 0)
			return &c->queues[i];
	return NULL;
}

void svc_queue_label(const yz_queue_line *q, bool paper, char *buf, size_t n)
{
	if (!q->label[0])
		snprintf(buf, n, paper ? P_("Queue %s") : _("Queue %s"), q->letter);
	else if (q->line == 0)
		snprintf(buf, n, "%s", paper ? P_(q->label) : _(q->label));
	else
		yz_strlcpy_utf8(buf, q->label, n);
}

/* ---- reading the sections ------------------------------------------------------- */

int svc_conf_queue_section(yz_config *c, const char *letter, const char *path, int lineno,
                           int *section, yz_err *err)
{
	/* The file's first section replaces the defaults: a station lists all
	 * of its queues. */
	if (c->n_queues > 0 && c->queues[0].line == 0)
		c->n_queues = 0;
	if (!(letter[0] >= 'A' && letter[0] <= 'Z' && letter[1] == '\0')) {
		yz_err_set(err,
		           _("%s:%d: a queue is named by one capital letter A to Z, not \"%s\""),
		           path, lineno, letter);
		return -1;
	}
	const yz_queue_line *dup = yz_config_queue(c, letter);
	if (dup) {
		yz_err_set(err, _("%s:%d: queue %s is already described on line %d"), path, lineno,
		           letter, dup->line);
		return -1;
	}
	if (c->n_queues == YZ_MAX_QUEUES) {
		yz_err_set(err, _("%s:%d: too many queues: at most %d"), path, lineno,
		           YZ_MAX_QUEUES);
		return -1;
	}
	yz_queue_line *q = &c->queues[c->n_queues];
	memset(q, 0, sizeof *q);
	snprintf(q->letter, sizeof q->letter, "%s", letter);
	q->line = lineno;
	q->slot_capacity = DEFAULT_CAPACITY;
	*section = SVC_QUEUE_SECTION + c->n_queues++;
	return 0;
}

/* Business line ids as data/vocab/lines.txt writes them: lower-case letters,
 * digits and '_' (which ones exist is the catalogue's to say: yizhan forms
 * check and the kiosk read them). */
static bool lines_ok(const char *v)
{
	for (; *v; v++)
		if (!((*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') || *v == '_' ||
		      *v == ' ' || *v == '\t'))
			return false;
	return true;
}

static int hhmm(const char *s)
{
	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
	      s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9'))
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0');
	return h < 24 ? h * 60 + (s[3] - '0') * 10 + (s[4] - '0') : -1;
}

/* One slot "HH:MM-HH:MM" that ends after it starts. */
static bool slot_ok(const char *s)
{
	if (strlen(s) != 11 || s[5] != '-')
		return false;
	int from = hhmm(s), to = hhmm(s + 6);
	return from >= 0 && to > from;
}

/* The slots, space-separated; *bad gets the first bad one. */
static bool slots_ok(const char *v, char *bad, size_t n)
{
	char buf[sizeof(((yz_queue_line *)0)->slots)];
	char *save = NULL;

	snprintf(buf, sizeof buf, "%s", v);
	for (char *t = strtok_r(buf, " \t", &save); t; t = strtok_r(NULL, " \t", &save))
		if (!slot_ok(t)) {
			snprintf(bad, n, "%s", t);
			return false;
		}
	return true;
}

int svc_conf_queue_key(yz_config *c, int section, const char *name, const char *val,
                       const char *path, int lineno, yz_err *err)
{
	yz_queue_line *q = &c->queues[section - SVC_QUEUE_SECTION];
	char bad[64];

	if (strcmp(name, "label") == 0) {
		if (yz_strlcpy_utf8(q->label, val, sizeof q->label))
			return 0;
	} else if (strcmp(name, "lines") == 0) {
		if (lines_ok(val) && yz_strlcpy_utf8(q->lines, val, sizeof q->lines))
			return 0;
		yz_err_set(err,
		           _("%s:%d: lines: business lines as data/vocab/lines.txt names them "
		             "(social_assistance ...), separated by spaces"),
		           path, lineno);
		return -1;
	} else if (strcmp(name, "slots") == 0) {
		if (!slots_ok(val, bad, sizeof bad)) {
			yz_err_set(err,
			           _("%s:%d: slots: \"%s\" is not a slot such as 09:00-09:30 (from "
			             "HH:MM to a later HH:MM)"),
			           path, lineno, bad);
			return -1;
		}
		if (yz_strlcpy_utf8(q->slots, val, sizeof q->slots))
			return 0;
	} else if (strcmp(name, "slot_capacity") == 0) {
		char *end;
		long v = strtol(val, &end, 10);
		if (end != val && !*end && v >= 1 && v <= MAX_CAPACITY) {
			q->slot_capacity = (int)v;
			return 0;
		}
		yz_err_set(err, _("%s:%d: slot_capacity: bookings per slot, a number from 1 to %d"),
		           path, lineno, MAX_CAPACITY);
		return -1;
	} else {
		yz_err_set(
		    err,
		    _("%s:%d: unknown setting \"%s\" for queue %s (a queue has label, lines, "
		      "slots and slot_capacity)"),
		    path, lineno, name, q->letter);
		return -1;
	}
	yz_err_set(err, _("%s:%d: bad value for %s"), path, lineno, name);
	return -1;
}

/* ---- writing them ----------------------------------------------------------------- */

static void write_queue(FILE *f, const yz_queue_line *q, const char *prefix)
{
	fprintf(f, "\n%s[queue %s]\n", prefix, q->letter);
	if (q->label[0])
		fprintf(f, "%slabel = %s\n", prefix, q->line == 0 ? _(q->label) : q->label);
	fprintf(f, "%slines = %s\n", prefix, q->lines);
	if (q->slots[0])
		fprintf(f, "%sslots = %s\n", prefix, q->slots);
	fprintf(f, "%sslot_capacity = %d\n", prefix, q->slot_capacity);
}

void svc_conf_write_queues(const yz_config *c, FILE *f)
{
	static const char *const intro[] = {
	    N_("Queues of the hall (yizhan ticket, yizhan hall): one section each, after the"),
	    N_("keys above. label: its name on the kiosk and the ticket; lines: the business"),
	    N_("lines it serves (a counter calls the queues of its clerk's lines, or those of"),
	    N_("its key queues); slots: appointment times; slot_capacity: bookings per slot."),
	    N_("Without sections, the four below apply (with their names translated)."),
	};
	bool own = c->n_queues > 0 && c->queues[0].line != 0;

	fputc('\n', f);
	for (size_t i = 0; i < sizeof intro / sizeof intro[0]; i++)
		fprintf(f, "# %s\n", _(intro[i]));
	for (int i = 0; i < c->n_queues; i++)
		write_queue(f, &c->queues[i], own ? "" : "#");
}
