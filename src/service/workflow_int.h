/* Internal to the service's lifecycle files (workflow.c, lifecycle.c,
 * lifecycle_docs.c) and to the files whose writes it guards (access.c,
 * staff.c, residents.c, drafts.c, talk.c). */
#ifndef YZ_SERVICE_WORKFLOW_INT_H
#define YZ_SERVICE_WORKFLOW_INT_H

#include "yizhan/service.h"
#include "yizhan/store.h" /* the service may use the whole store */

/* Document ids of the lifecycle's papers. */
#define SVC_DOC_MISSING  "missing_notice" /* yi ci xing gao zhi shu */
#define SVC_DOC_TRANSFER "transfer_slip"  /* yi jiao dan */
#define SVC_DOC_REFUSAL  "refusal_notice" /* bu yu shou li gao zhi shu */

/* A yz_act with its own storage for today and on_behalf. */
typedef struct svc_act_buf {
	yz_act act;         /* points into the fields below */
	char today[11];     /* s->today */
	char on_behalf[33]; /* the A clerk covered, or "" */
} svc_act_buf;

void svc_act(yz_session *s, svc_act_buf *b, const char *on_behalf, const char *note);

/* Events that move a case by themselves (workflow.c). */
typedef enum svc_event {
	SVC_EVENT_FORWARD, /* sent to a department: to the form's forwarded step */
	SVC_EVENT_RESULT,  /* the department's result: on from the forwarded step */
} svc_event;
/* The state id event e moves c to, or NULL when it stays (the form has no such
 * step after the current one). */
const char *svc_event_step(yz_session *s, const yz_case *c, svc_event e);

/* Refuse an attempt (access.c): an audit row "case_denied" with what, its
 * subject (a case number, a line, a login; may be NULL) and why; err gets why
 * and that the attempt was recorded. Returns -1. */
int svc_refuse(yz_session *s, const char *what, const char *subject, const char *why, yz_err *err);
/* The roles a write allows, as a mask for svc_require. */
#define SVC_ROLE(r)     (1u << (r))
#define SVC_ROLES_STAFF (SVC_ROLE(YZ_ROLE_HEAD) | SVC_ROLE(YZ_ROLE_ADMIN))
#define SVC_ROLES_ANY   (SVC_ROLE(YZ_ROLE_CLERK) | SVC_ROLES_STAFF)
/* 0 when s->user is signed in with one of roles, else svc_refuse. */
int svc_require(yz_session *s, unsigned roles, const char *what, const char *subject, yz_err *err);
/* The opening of every action on one case (access.c): open it (visible to
 * s->user), check with yz_service_case_actions that action a is allowed now —
 * else svc_refuse with the reason —, then svc_act with note into b (on_behalf:
 * the absent A clerk a B clerk acts for). */
int svc_begin(yz_session *s, const char *case_no, yz_case_action a, const char *note, yz_case *c,
              svc_act_buf *b, yz_err *err);

/* Whether doc is one of the lifecycle's documents, its title, and building it. */
bool svc_life_doc(const char *doc);
const char *svc_life_doc_title(const char *doc);
yz_doc *svc_life_build_doc(yz_session *s, const yz_case *c, const char *doc, yz_err *err);
/* The hand-over slip's body for forward fw (handover.c): the dates as dates,
 * the resident's phone, the case's fields, the clerk's note, the materials. */
void svc_handover_details(yz_session *s, yz_doc *d, const yz_case *c, const yz_case_forward *fw);

/* Print a lifecycle document after its action was committed (printing.c), when
 * po is not NULL: err is cleared, and set (code YZ_ERR_PRINTER) when the
 * document did not print — the action stands, the job waits in the reprint
 * list. */
void svc_print_after(yz_session *s, const char *case_no, const char *doc, yz_print_outcome *po,
                     yz_err *err);

#endif
