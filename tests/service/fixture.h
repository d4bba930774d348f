/* What the service tests share: a station in a temporary folder with its
 * database, the real forms/ catalogue, the clerk zhangli serving today, and
 * the helpers that read back what the private cupsd captured. */
#ifndef YZ_TEST_SERVICE_FIXTURE_H
#define YZ_TEST_SERVICE_FIXTURE_H

#include <stdbool.h>
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

/* The clerk's UI language as the program sets it (src/app/locale.c) for
 * LANG=C.UTF-8 and LANGUAGE=lang, with the build tree's catalogue
 * ($YIZHAN_LOCALEDIR, set by meson test). */
void fixture_ui_language(const char *lang);

/* Run the shell command cmd; its exit status (as system() gives it). out
 * gets (at most n - 1 bytes of) its stderr, and its stdout too when
 * stdout_too (else stdout is thrown away). */
int fixture_run(const char *cmd, bool stdout_too, char *out, size_t n);

/* A station in /tmp/<tag>.XXXXXX: configuration defaults, the database, the
 * catalogue, the clerk zhangli (password demo1234) logged in today. */
fixture *fixture_open(const char *tag);

/* A fresh `yizhan init --demo` station made by the real binary exe in a new
 * folder made from home (a mkdtemp template, changed in place to the folder's
 * name), opened into demo as the counter opens it: its yizhan.conf, its
 * database, on f's catalogue, the clerk zhangli, today. */
void fixture_open_demo(fixture *f, const char *exe, char *home, fixture *demo);

/* Close what fixture_open_demo opened and remove the demo station's folder. */
void fixture_close_demo(fixture *demo);

/* What a case of form for the resident f->idno stores when the clerk zhangli
 * takes it on accepted (YYYY-MM-DD, kept by the caller), due the same day; the
 * caller sets the rest. */
yz_case_new fixture_case_new(fixture *f, const yz_form *form, const char *accepted);

/* A case of form_id for the resident f->idno, accepted and due today, its
 * fields kv, stored as given (as the demo stores its cases), not through
 * intake. */
void fixture_store_case(fixture *f, const char *form_id, const yz_kv_list *kv, yz_case *out);

/* Write text as the station's yizhan.conf and load it into f->cfg. */
void fixture_conf(fixture *f, const char *text);

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

/* The receipt carries text in GB18030: buf holds utf8's GB18030 bytes. */
bool fixture_has_gb18030(const unsigned char *buf, size_t len, const char *utf8);

/* Fail unless buf holds utf8's GB18030 bytes. */
void fixture_assert_gb18030(const unsigned char *buf, size_t len, const char *utf8);

/* Submit a residence certificate for f->idno (an on-the-spot item, an A4
 * certificate): purpose children's schooling, living there since 2019-03-01,
 * the ID card and household register brought. */
void fixture_submit_certificate(fixture *f, yz_case *c);

/* Submit a resident's request for f->idno (promised within working days, the
 * receipt-paper slip "slip"): water, not urgent, phone 13588012345, at place,
 * saying content, came to the window, a reply wanted. */
void fixture_submit_request(fixture *f, const char *place, const char *content, yz_case *c);

/* Print doc of case_no through the service with no printer set: the file it
 * saved, its bytes NUL-terminated (free them). */
unsigned char *fixture_print_saved(fixture *f, const char *case_no, const char *doc, size_t *len);

/* Write len bytes to a new file made from tmpl (a mkstemp template, changed
 * in place to the file's name). */
void fixture_write_temp(char *tmpl, const void *bytes, size_t len);

/* The text of a PDF as `pdftotext -enc UTF-8` reads it (free it). */
char *fixture_pdftotext(const unsigned char *pdf, size_t len);

/* A resident born on birth (YYYYMMDD, ID number 330106<birth>123 with its
 * check character) named name, living at address (may be ""), registered. */
yz_resident fixture_resident_born(fixture *f, const char *name, const char *birth,
                                  const char *address);

/* Make sure the registry has a resident with this ID number: one of eight
 * names in turn (name NULL) or name, living at address (NULL: on Wenyi Road). */
void fixture_ensure_resident(fixture *f, const char *idno, const char *name, const char *address);

/* The labels of all the form's materials (at most max): the resident brought
 * everything. */
size_t fixture_all_materials(const yz_form *form, const char **out, size_t max);

/* Every field of form with its example (tables with two rows of their
 * columns' examples, fewer when the table allows fewer), each example
 * resident registered (fixture_ensure_resident, a name in turn); then the
 * fields the examples hide emptied and the computed ones computed. Fails on
 * a field or column without an example. */
void fixture_fill_examples(fixture *f, const yz_form *form, yz_values *v);

/* The form's examples for the applicant idno (every resident field; a table:
 * one row of its columns' examples), key set to val (key may be NULL), the
 * fields hidden emptied and the computed ones computed, on session s. */
void fixture_fill_applicant(yz_session *s, const yz_form *form, const char *idno, const char *key,
                            const char *val, yz_values *v);

#endif
