/* Internal to the form module: the ledger language's pieces shared by the
 * parser (ledger.c) and the key table (ledger_keys.c). */
#ifndef YZ_FORM_LEDGER_INT_H
#define YZ_FORM_LEDGER_INT_H

#include <stdbool.h>

#include "yizhan/form/ledger.h"

/* The source whose word (as written after `source`) is word. */
bool yzl_source_parse(const char *word, yz_ledger_source *out);
/* The source words joined by ", " (for messages). */
const char *yzl_source_words(void);
/* The date key a source's period applies to when the ledger names none
 * (NULL: no period). */
const char *yzl_default_period(yz_ledger_source src);
/* Whether the source's rows have a case whose forms `forms` may list. */
bool yzl_source_has_forms(yz_ledger_source src);
/* Whether the source's rows have latest.<form> keys. */
bool yzl_source_has_latest(yz_ledger_source src);
/* The key of src named key, or NULL. */
const yz_ledger_key *yzl_key_find(yz_ledger_source src, const char *key);

#endif
