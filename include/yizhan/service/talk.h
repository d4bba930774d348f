/* service/talk.h: the residents' talk day (ju min shuo shi ri) beyond
 * yz_service_talk_add, _link and _summary: the session, its figures, the form
 * the items are taken with, and linking the cases a clerk accepted meanwhile. */
#ifndef YZ_SERVICE_TALK_H
#define YZ_SERVICE_TALK_H

#include "yizhan/store/talk.h"
#include "yizhan/service/session.h"

/* The form residents' requests are taken with on a talk day: the first form
 * of the catalogue (by file name) that says `talk_day yes`; NULL when none. */
const yz_form *yz_service_talk_form(yz_session *s);

/* The session id: 0, 1 when none, -1 on error. */
int yz_service_talk_get(yz_session *s, int64_t id, yz_talk_session *out, yz_err *err);
/* Its figures: one row per service item, and the totals. */
int yz_service_talk_rows(yz_session *s, int64_t id, yz_talk_row *out, size_t max, size_t *n,
                         long *accepted, long *done, yz_err *err);

/* The mark to link from: the id of the newest case s->user accepted (0 when
 * none). Taken before an intake, since the intake knows nothing of the session. */
int64_t yz_service_talk_mark(yz_session *s);
/* Link to the session every case s->user accepted after *mark (the newest 50
 * at most); *mark moves on to the newest, *linked (may be NULL) counts the
 * links made. A link that fails is skipped: -1 with err saying why, after the
 * others were linked. */
int yz_service_talk_link_new(yz_session *s, int64_t session_id, int64_t *mark, long *linked,
                             yz_err *err);

/* The session's printed summary (A4): the title, the station, the date, place
 * and people present, and yz_service_talk_summary's lines, all in the
 * station's document language. NULL with err when the session cannot be read
 * or memory runs out; free it with yz_doc_free. */
yz_doc *yz_service_talk_doc(yz_session *s, int64_t session_id, yz_err *err);

#endif
