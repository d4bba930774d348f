/* service/counter.h: which counter (window) a session is at (the service module,
 * src/service/; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_COUNTER_H
#define YZ_SERVICE_COUNTER_H

#include <stdbool.h>
#include <stddef.h>

#include "yizhan/service/config.h"

typedef enum yz_counter_state {
	YZ_COUNTER_NONE,    /* the station has no counters: its window and printers, as before */
	YZ_COUNTER_CHOSEN,  /* the session is at a counter of yizhan.conf */
	YZ_COUNTER_UNKNOWN, /* a counter not in yizhan.conf was asked for, or counters are
	                     * configured and none matched: the station's window and printers */
} yz_counter_state;

typedef enum yz_counter_source {
	YZ_COUNTER_FROM_NOWHERE, /* nothing asked, not over SSH (a local console) */
	YZ_COUNTER_FROM_OPTION,  /* --counter N */
	YZ_COUNTER_FROM_ENV,     /* $YIZHAN_COUNTER */
	YZ_COUNTER_FROM_SSH,     /* the SSH client's address ($SSH_CONNECTION, $SSH_CLIENT) */
} yz_counter_source;

/* Where a session learns its counter; NULL or "" = not given. The caller reads
 * the command line and the environment, so the choice itself has no I/O. */
typedef struct yz_counter_hints {
	const char *option;         /* --counter N */
	const char *env;            /* $YIZHAN_COUNTER */
	const char *ssh_connection; /* $SSH_CONNECTION: "client port server port" */
	const char *ssh_client;     /* $SSH_CLIENT: "client port server-port" (older) */
} yz_counter_hints;

typedef struct yz_counter_pick {
	yz_counter_state state;
	yz_counter_source source; /* what decided (for UNKNOWN: what was tried last) */
	int number;               /* CHOSEN: the counter's number; else 0 */
	char asked[16];           /* the number asked for by option or env, as given ("" = none) */
	char ssh_addr[64];        /* the SSH client's address ("" = not over SSH) */
	char label[96];           /* CHOSEN: the counter's label (its default filled in) */
} yz_counter_pick;

/* The counter numbered number, or NULL. */
const yz_counter *yz_config_counter(const yz_config *c, int number);
/* The label of a counter: its own, else "Window N" in the clerk's UI language
 * (the screen's). */
void yz_counter_label(const yz_counter *k, char *buf, size_t n);
/* The same for paper: its own, else "Window N" in the station's document
 * language (issue 13: an English UI never puts "Window 2" on a Chinese
 * receipt). */
void yz_counter_paper_label(const yz_counter *k, char *buf, size_t n);
/* Decide the session's counter: --counter, else $YIZHAN_COUNTER, else the
 * first counter whose ssh_from lists the SSH client's address (the first field
 * of $SSH_CONNECTION, else of $SSH_CLIENT). A number asked for but not in the
 * file is UNKNOWN (never passed over for the next source): the clerk is told. */
void yz_counter_choose(const yz_config *c, const yz_counter_hints *h, yz_counter_pick *out);
/* Put the chosen counter's label and printers in force in c (window,
 * printer_receipt, printer_a4; a printer the counter leaves empty stays the
 * station's), so that everything printed from this session follows the
 * counter. For NONE and UNKNOWN c keeps the station's. c then holds the
 * session's settings, not the file's: it is never written back. */
void yz_config_use_counter(yz_config *c, const yz_counter_pick *p);
/* Whether the station or any of its counters uses printer name for receipt
 * paper (ESC/POS), and for A4 documents: the printers screen's test page and
 * its "used for" column, for every counter's printer, not only this one's. */
bool yz_config_is_receipt_printer(const yz_config *c, const char *name);
bool yz_config_is_a4_printer(const yz_config *c, const char *name);

#endif
