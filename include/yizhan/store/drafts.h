/* store: drafts: nothing typed is lost (the store module, src/store/; the whole API:
 * yizhan/store.h). */
#ifndef YZ_STORE_DRAFTS_H
#define YZ_STORE_DRAFTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/cases.h"

/* One draft per (clerk, form). Values are saved on every change. */
int yz_draft_save(yz_store *st, const char *clerk, const char *form_id, const yz_kv_list *values,
                  yz_err *err);
int yz_draft_load(yz_store *st, const char *clerk, const char *form_id, yz_kv_list *out,
                  yz_err *err); /* 1 = none */
int yz_draft_delete(yz_store *st, const char *clerk, const char *form_id, yz_err *err);

#endif
