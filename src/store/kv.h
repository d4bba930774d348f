/* Internal: growing yz_kv_list (kv.c). */
#ifndef YZ_STORE_KV_H
#define YZ_STORE_KV_H

#include "yizhan/store.h"

/* Append copies of key[0..klen) and val[0..vlen); -1 when out of memory (the list
 * is unchanged). */
int st_kv_push(yz_kv_list *kv, const char *key, size_t klen, const char *val, size_t vlen);

#endif
