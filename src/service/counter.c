/* Several counters at one station (issue 10). The station PC holds station.db
 * and the printers; each counter (window) is a terminal on it, a local console
 * or an SSH login, with its own window number, label and receipt printer.
 *
 * yizhan.conf describes the counters in "[counter N]" sections after the
 * station's keys (config.c reads the lines and hands section headers and the
 * keys inside a section to the functions here). A session picks its counter
 * from --counter, $YIZHAN_COUNTER or the SSH client's address
 * (yz_counter_choose, no I/O), and the counter's label and printers are then
 * put in force in the session's yz_config (yz_config_use_counter), so every
 * document printed from the session follows the counter without each printing
 * path having to know about counters. */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* A key of a counter section. */
typedef struct counter_key {
	const char *name;
	size_t offset;    /* offsetof(yz_counter, …) */
	size_t size;      /* buffer size */
	const char *help; /* comment written above the key in the example (translated) */
} counter_key;

#define CTR_KEY(k, h)                                                                              \
	{                                                                                          \
#k, offsetof(yz_counter, k), sizeof(((yz_counter *)0)->k), h                       \
	}

static const counter_key counter_keys[] = {
    CTR_KEY(label, N_("Window name printed on receipts and shown on the screen; empty = "
                      "\"Window N\"")),
    CTR_KEY(printer_receipt, N_("CUPS printer for this counter's receipts and slips; empty = "
                                "the station's printer_receipt")),
    CTR_KEY(printer_a4, N_("CUPS printer for this counter's A4 documents; empty = the "
                           "station's printer_a4")),
    CTR_KEY(ssh_from, N_("Addresses of this counter's PCs when they log in with SSH, "
                         "separated by spaces")),
    CTR_KEY(queues, N_("The hall's queues this counter calls from, letters separated by "
                       "spaces (A C); empty = the queues of its clerk's business lines")),
};
#define N_COUNTER_KEYS (sizeof(counter_keys) / sizeof(counter_keys[0]))

const yz_counter *yz_config_counter(const yz_config *c, int number)
{
	for (int i = 0; i < c->n_counters; i++)
		if (c->counters[i].number == number)
			return &c->counters[i];
	return NULL;
}

void yz_counter_label(const yz_counter *k, char *buf, size_t n)
{
	if (k->label[0])
		yz_strlcpy_utf8(buf, k->label, n);
	else /* TRANSLATORS: the default name of counter window %d, printed on receipts. */
		snprintf(buf, n, _("Window %d"), k->number);
}

void yz_counter_paper_label(const yz_counter *k, char *buf, size_t n)
{
	if (k->label[0])
		yz_strlcpy_utf8(buf, k->label, n);
	else /* the same words as the screen's, in the station's document language */
		snprintf(buf, n, P_("Window %d"), k->number);
}

/* A counter number "1".."99" (digits only); 0 when it is not one. */
static int counter_number(const char *s)
{
	int v = 0;
	if (!*s || strlen(s) > 2)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v <= YZ_COUNTER_MAX_NUMBER ? v : 0;
}

/* An address as 16 bytes (IPv4 as IPv4-mapped IPv6), so that "::ffff:10.0.0.5"
 * and "10.0.0.5", or two spellings of one IPv6 address, compare equal. An IPv6
 * zone ("%eth0") is ignored. False when text is not an address. */
static bool addr_parse(const char *text, unsigned char out[16])
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s", text);
	buf[strcspn(buf, "%")] = '\0';
	struct in_addr v4;
	if (inet_pton(AF_INET, buf, &v4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &v4, 4);
		return true;
	}
	return inet_pton(AF_INET6, buf, out) == 1;
}

/* Calls fn on each address of an ssh_from list (spaces, tabs or commas
 * between them) until it returns non-zero; returns that value, or 0. */
static int each_addr(const char *list, int (*fn)(const char *addr, void *ctx), void *ctx)
{
	char buf[sizeof(((yz_counter *)0)->ssh_from)];
	snprintf(buf, sizeof buf, "%s", list);
	char *save = NULL;
	for (char *a = strtok_r(buf, " \t,", &save); a; a = strtok_r(NULL, " \t,", &save)) {
		int rc = fn(a, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

static int same_addr(const char *addr, void *ctx)
{
	const unsigned char *want = ctx;
	unsigned char got[16];
	return addr_parse(addr, got) && memcmp(got, want, 16) == 0;
}

/* The first counter other than skip whose ssh_from lists addr (16 bytes). */
static const yz_counter *counter_with_addr(const yz_config *c, const unsigned char addr[16],
                                           const yz_counter *skip)
{
	for (int i = 0; i < c->n_counters; i++)
		if (&c->counters[i] != skip &&
		    each_addr(c->counters[i].ssh_from, same_addr, (void *)addr))
			return &c->counters[i];
	return NULL;
}

/* ---- reading and writing the sections (called by config.c) ------------------ */

int svc_conf_section(yz_config *c, char *s, const char *path, int lineno, int *section, yz_err *err)
{
	size_t len = strlen(s);
	if (len < 2 || s[len - 1] != ']') {
		yz_err_set(err, _("%s:%d: a counter section starts with a line \"[counter N]\""),
		           path, lineno);
		return -1;
	}
	s[len - 1] = '\0';
	char *body = yz_text_trim(s + 1);
	if (strncmp(body, "queue", 5) == 0 && (body[5] == ' ' || body[5] == '\t'))
		return svc_conf_queue_section(c, yz_text_trim(body + 5), path, lineno, section,
		                              err);
	if (strncmp(body, "counter", 7) != 0 || (body[7] != ' ' && body[7] != '\t')) {
		yz_err_set(
		    err,
		    _("%s:%d: unknown section \"[%s]\"; sections are written \"[counter N]\" "
		      "or \"[queue X]\""),
		    path, lineno, body);
		return -1;
	}
	char *num = yz_text_trim(body + 7);
	int number = counter_number(num);
	const yz_counter *dup = number ? yz_config_counter(c, number) : NULL;
	if (!number)
		yz_err_set(err, _("%s:%d: a counter number is a number from 1 to %d, not \"%s\""),
		           path, lineno, YZ_COUNTER_MAX_NUMBER, num);
	else if (dup)
		yz_err_set(err, _("%s:%d: counter %d is already described on line %d"), path,
		           lineno, number, dup->line);
	else if (c->n_counters == YZ_MAX_COUNTERS)
		yz_err_set(err, _("%s:%d: too many counters: at most %d"), path, lineno,
		           YZ_MAX_COUNTERS);
	if (!number || dup || c->n_counters == YZ_MAX_COUNTERS)
		return -1;
	yz_counter *k = &c->counters[c->n_counters];
	memset(k, 0, sizeof *k);
	k->number = number;
	k->line = lineno;
	*section = c->n_counters++;
	return 0;
}

/* What check_addr reports on a bad ssh_from entry. */
typedef struct addr_check {
	const yz_config *c;
	const yz_counter *self;
	bool bad;                   /* addr is not an address */
	const yz_counter *taken_by; /* else: the earlier counter that lists it */
	char addr[64];              /* the entry (each_addr's copy does not last) */
} addr_check;

static int check_addr(const char *addr, void *ctx)
{
	addr_check *ck = ctx;
	unsigned char a[16];
	snprintf(ck->addr, sizeof ck->addr, "%s", addr);
	ck->bad = !addr_parse(addr, a);
	if (!ck->bad)
		ck->taken_by = counter_with_addr(ck->c, a, ck->self);
	return ck->bad || ck->taken_by;
}

/* Every ssh_from entry is an address, and no other counter lists it: a PC
 * sits at one window. */
static int check_ssh_from(const yz_config *c, const yz_counter *k, const char *path, int lineno,
                          yz_err *err)
{
	addr_check ck = {.c = c, .self = k};
	if (!each_addr(k->ssh_from, check_addr, &ck))
		return 0;
	if (ck.bad)
		yz_err_set(err, _("%s:%d: ssh_from: \"%s\" is not an IP address"), path, lineno,
		           ck.addr);
	else
		yz_err_set(err, _("%s:%d: ssh_from: %s is already listed for counter %d"), path,
		           lineno, ck.addr, ck.taken_by->number);
	return -1;
}

/* A counter's queues: capital letters separated by spaces or commas (which
 * queues exist is checked when the whole file is read: a queue section may
 * come after the counter's). */
static bool queue_letters_ok(const char *v)
{
	bool sep = true;
	for (; *v; v++) {
		if (*v == ' ' || *v == '\t' || *v == ',') {
			sep = true;
		} else if (*v >= 'A' && *v <= 'Z' && sep) {
			sep = false;
		} else {
			return false;
		}
	}
	return true;
}

int svc_conf_counter_key(yz_config *c, int section, const char *name, const char *val,
                         const char *path, int lineno, yz_err *err)
{
	yz_counter *k = &c->counters[section];
	const counter_key *ck = NULL;
	for (size_t i = 0; i < N_COUNTER_KEYS && !ck; i++)
		if (strcmp(counter_keys[i].name, name) == 0)
			ck = &counter_keys[i];
	if (!ck) {
		yz_err_set(err,
		           _("%s:%d: unknown setting \"%s\" for counter %d (a counter has label, "
		             "printer_receipt, printer_a4, ssh_from and queues)"),
		           path, lineno, name, k->number);
		return -1;
	}
	if (strcmp(name, "queues") == 0 && !queue_letters_ok(val)) {
		yz_err_set(err,
		           _("%s:%d: queues: letters of the hall's queues separated by spaces "
		             "(A C), not \"%s\""),
		           path, lineno, val);
		return -1;
	}
	if (!yz_strlcpy_utf8((char *)k + ck->offset, val, ck->size)) {
		yz_err_set(err, _("%s:%d: bad value for %s"), path, lineno, name);
		return -1;
	}
	return strcmp(name, "ssh_from") == 0 ? check_ssh_from(c, k, path, lineno, err) : 0;
}

static void write_counter(FILE *f, const yz_counter *k)
{
	fprintf(f, "\n[counter %d]\n", k->number);
	for (size_t i = 0; i < N_COUNTER_KEYS; i++) {
		const char *v = (const char *)k + counter_keys[i].offset;
		if (*v)
			fprintf(f, "%s = %s\n", counter_keys[i].name, v);
	}
}

void svc_conf_write_counters(const yz_config *c, FILE *f)
{
	static const char *const intro[] = {
	    N_("Counters (windows): a station with several describes each one in a section"),
	    N_("of its own, after all the keys above. A session picks its counter with"),
	    N_("--counter N, with YIZHAN_COUNTER=N, or by the address its SSH login comes"),
	    N_("from (ssh_from). Without sections, window and the printers above apply."),
	};
	fputc('\n', f);
	for (size_t i = 0; i < sizeof intro / sizeof intro[0]; i++)
		fprintf(f, "# %s\n", _(intro[i]));
	for (int i = 0; i < c->n_counters; i++)
		write_counter(f, &c->counters[i]);
	if (c->n_counters > 0)
		return;
	/* An example, commented out. */
	yz_counter ex = {.number = 2};
	char window[96], label[160];
	yz_counter_label(&ex, window, sizeof window);
	/* TRANSLATORS: a business line, in the example label of a counter. */
	snprintf(label, sizeof label, "%s %s", window, _("social assistance"));
	const char *vals[N_COUNTER_KEYS] = {label, "receipt2", "a4", "192.168.1.22 192.168.1.23",
	                                    "A"};
	fprintf(f, "#\n#[counter 2]\n");
	for (size_t i = 0; i < N_COUNTER_KEYS; i++)
		fprintf(f, "## %s\n#%s = %s\n", _(counter_keys[i].help), counter_keys[i].name,
		        vals[i]);
}

/* ---- choosing the session's counter -------------------------------------------- */

/* Copy what somebody typed or the environment holds, for messages: printable
 * ASCII only (the rest as '?'), cut to n - 1 bytes. */
static void copy_shown(char *dst, const char *src, size_t n)
{
	size_t i = 0;
	for (; src[i] && i + 1 < n; i++)
		dst[i] = src[i] > ' ' && src[i] < 0x7f ? src[i] : '?';
	dst[i] = '\0';
}

/* The first field of an SSH variable ("client-address port ..."). */
static void first_field(const char *v, char *out, size_t n)
{
	while (*v == ' ')
		v++;
	size_t len = strcspn(v, " \t");
	char buf[64];
	snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), v);
	copy_shown(out, buf, n);
}

static void chosen(const yz_counter *k, yz_counter_pick *out)
{
	out->state = YZ_COUNTER_CHOSEN;
	out->number = k->number;
	yz_counter_label(k, out->label, sizeof out->label);
}

/* A counter asked for by number (option or environment). */
static void by_number(const yz_config *c, const char *asked, yz_counter_source from,
                      yz_counter_pick *out)
{
	out->source = from;
	copy_shown(out->asked, asked, sizeof out->asked);
	int number = counter_number(asked);
	const yz_counter *k = number ? yz_config_counter(c, number) : NULL;
	if (k)
		chosen(k, out);
	else if (c->n_counters == 0 && number == 1)
		out->state = YZ_COUNTER_NONE; /* issue 19: a station without sections is one
		                                 window, number 1: its own window and printers */
	else
		out->state = YZ_COUNTER_UNKNOWN;
}

void yz_counter_choose(const yz_config *c, const yz_counter_hints *h, yz_counter_pick *out)
{
	memset(out, 0, sizeof *out);
	const char *ssh = h->ssh_connection && *h->ssh_connection ? h->ssh_connection
	                  : h->ssh_client && *h->ssh_client       ? h->ssh_client
	                                                          : NULL;
	if (ssh)
		first_field(ssh, out->ssh_addr, sizeof out->ssh_addr);
	if (h->option && *h->option) {
		by_number(c, h->option, YZ_COUNTER_FROM_OPTION, out);
		return;
	}
	if (h->env && *h->env) {
		by_number(c, h->env, YZ_COUNTER_FROM_ENV, out);
		return;
	}
	if (c->n_counters == 0)
		return; /* NONE: the station's window and printers, as before counters */
	out->state = YZ_COUNTER_UNKNOWN;
	unsigned char a[16];
	if (!out->ssh_addr[0] || !addr_parse(out->ssh_addr, a))
		return;
	out->source = YZ_COUNTER_FROM_SSH;
	const yz_counter *k = counter_with_addr(c, a, NULL);
	if (k)
		chosen(k, out);
}

void yz_config_use_counter(yz_config *c, const yz_counter_pick *p)
{
	const yz_counter *k =
	    p->state == YZ_COUNTER_CHOSEN ? yz_config_counter(c, p->number) : NULL;
	if (!k)
		return;
	snprintf(c->station_printer_receipt, sizeof c->station_printer_receipt, "%s",
	         c->printer_receipt);
	snprintf(c->station_printer_a4, sizeof c->station_printer_a4, "%s", c->printer_a4);
	yz_strlcpy_utf8(c->window, p->label, sizeof c->window);
	if (k->printer_receipt[0])
		snprintf(c->printer_receipt, sizeof c->printer_receipt, "%s", k->printer_receipt);
	if (k->printer_a4[0])
		snprintf(c->printer_a4, sizeof c->printer_a4, "%s", k->printer_a4);
}

/* Why the counter is unknown, in the clerk's words (one line of 80 columns). */
static void unknown_text(const yz_counter_pick *p, bool brief, char *buf, size_t n)
{
	if (brief)
		snprintf(buf, n, "%s", _("Counter unknown: station printers"));
	else if (p->asked[0])
		snprintf(buf, n,
		         _("Counter %s is not in yizhan.conf: printing on the station's printers."),
		         p->asked);
	else if (p->ssh_addr[0])
		snprintf(buf, n,
		         _("No counter has ssh_from %s: printing on the station's printers."),
		         p->ssh_addr);
	else
		snprintf(buf, n, "%s",
		         _("Counter unknown (start with --counter N): printing on the station's "
		           "printers."));
}

bool yz_service_counter_text(const yz_session *s, bool brief, char *buf, size_t n)
{
	const yz_counter_pick *p = &s->counter;
	buf[0] = '\0';
	if (p->state == YZ_COUNTER_UNKNOWN) {
		unknown_text(p, brief, buf, n);
		return true;
	}
	if (p->state == YZ_COUNTER_CHOSEN)
		yz_strlcpy_utf8(buf, p->label, n);
	return false;
}

/* name is one of the printers of a kind: the session's, the station's own, or a
 * counter's (offset: where the kind's field is in yz_counter). */
static bool printer_of(const yz_config *c, const char *name, const char *session,
                       const char *station, size_t offset)
{
	if (!name[0])
		return false;
	if (strcmp(name, session) == 0 || strcmp(name, station) == 0)
		return true;
	for (int i = 0; i < c->n_counters; i++)
		if (strcmp(name, (const char *)&c->counters[i] + offset) == 0)
			return true;
	return false;
}

bool yz_config_is_receipt_printer(const yz_config *c, const char *name)
{
	return printer_of(c, name, c->printer_receipt, c->station_printer_receipt,
	                  offsetof(yz_counter, printer_receipt));
}

bool yz_config_is_a4_printer(const yz_config *c, const char *name)
{
	return printer_of(c, name, c->printer_a4, c->station_printer_a4,
	                  offsetof(yz_counter, printer_a4));
}
