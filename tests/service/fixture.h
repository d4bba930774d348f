/* What the service tests share: a station in a temporary folder with its
 * database, the real forms/ catalogue, the clerk zhangli serving today, and
 * the helpers that read back what the private cupsd captured. */
#ifndef YZ_TEST_SERVICE_FIXTURE_H
#define YZ_TEST_SERVICE_FIXTURE_H

#include <stddef.h>

#include "yizhan/service.h"

typedef struct fixture {
	char home[256];   /* temporary data directory */
	yz_config cfg;    /* defaults plus what each test program sets */
	yz_store *store;  /* the station database */
	yz_catalogue cat; /* the real forms/ folder */
	yz_session s;     /* what the service layer works on: zhangli, today */
	char idno[19];    /* the ID number of the resident fixture_resident added */
	int residents;    /* residents created so far, for their names */
} fixture;

/* A station in /tmp/<tag>.XXXXXX: configuration defaults, the database, the
 * catalogue, the clerk zhangli (password demo1234) logged in today. */
fixture *fixture_open(const char *tag);

/* Print on the private cupsd's queues "receipt" and "a4"; the station's phone. */
void fixture_printers(fixture *f);

/* Register a resident named name with ID 33010619850312123X (check character
 * computed) in f->idno, living on Wenyi Road. */
void fixture_resident(fixture *f, const char *name);

/* A cmocka teardown: close everything and remove the station's folder. */
int fixture_teardown(void **state);

/* A valid ID number from its first 17 characters, with its check character. */
void fixture_make_idno(const char *first17, char out[19]);

/* Finished captured jobs of one printer in $YZ_CAPTURE_DIR (partial files of a
 * job being delivered are not counted). */
int fixture_count_captured(const char *printer);

/* Wait for job (CUPS job id) of printer to be captured; its bytes (free them). */
unsigned char *fixture_wait_capture(const char *printer, int job, size_t *len);

/* The receipt carries text in GB18030: fail unless buf holds utf8's GB18030 bytes. */
void fixture_assert_gb18030(const unsigned char *buf, size_t len, const char *utf8);

#endif
