/* Internal to the service's lifecycle files (workflow.c, lifecycle.c,
 * lifecycle_docs.c). */
#ifndef YZ_SERVICE_WORKFLOW_INT_H
#define YZ_SERVICE_WORKFLOW_INT_H

#include "yizhan/service.h"

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

/* Audit row for a refused attempt. */
void svc_denied(yz_session *s, const char *what, const char *case_no);
/* 0 when s->user may change c (on_behalf receives the covered A clerk or ""),
 * else -1 with err and an audit row. */
int svc_may_act(yz_session *s, const yz_case *c, char on_behalf[33], yz_err *err);
/* Open case_no for a change: visible, may act, still open. */
int svc_load_for_action(yz_session *s, const char *case_no, yz_case *c, char on_behalf[33],
                        yz_err *err);
/* The opening of most actions on one case: svc_load_for_action, then svc_act
 * with note into b (b keeps its own copy of on_behalf). */
int svc_begin_action(yz_session *s, const char *case_no, const char *note, yz_case *c,
                     svc_act_buf *b, yz_err *err);

/* Whether doc is one of the lifecycle's documents, its title, and building it. */
bool svc_life_doc(const char *doc);
const char *svc_life_doc_title(const char *doc);
yz_doc *svc_life_build_doc(yz_session *s, const yz_case *c, const char *doc, yz_err *err);

#endif
