/* The counter's common transactions as a clerk does them, key by key, for the
 * screen tests and the keystroke benchmark (tests/bench/bench_keys.c): each
 * starts on the logged-in clerk's home screen, ends with the papers printed,
 * and returns the keys it took (vt_keys), or -1 (why on stderr) when the
 * screen did not answer as expected. */
#ifndef YZ_TEST_FLOWS_H
#define YZ_TEST_FLOWS_H

#include "vt.h"

/* Keys vt.h does not name. */
#ifndef VT_F12
#define VT_F12 "\033[24~"
#endif

/* A known resident's residence certificate (forms/residence_certificate.form)
 * served with the station's habits: F2, the item's digit, the last digits of
 * the ID number (idno_suffix: 4 to 6 characters naming one person for sure),
 * the usual purpose and the residence start from the registry, F12 (every
 * material received), F9. Returns with the receipt and the A4 certificate
 * sent to the printers. */
long flow_residence(vt *v, const char *idno_suffix);

/* A household applying for di bao (flow_dibao.c): the head (the applicant)
 * and how many members the registry holds; new_name and new_idno, when not
 * NULL, a member not registered yet, typed into the table. */
typedef struct flow_household {
	const char *head_name; /* the applicant, head of the household */
	const char *head_idno;
	int registered;       /* members in the registry, the head included */
	const char *new_name; /* a member to register from the table row, or NULL */
	const char *new_idno;
} flow_household;

/* The di bao application of h's head with the household's members, from the
 * home screen to the case accepted. */
long flow_dibao(vt *v, const flow_household *h);

#endif
