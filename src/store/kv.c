/* yz_kv_list: the key/value lists used for case fields, materials and drafts. */
#include <stdlib.h>
#include <string.h>

#include "kv.h"

void yz_kv_free(yz_kv_list *kv)
{
	if (!kv)
		return;
	for (size_t i = 0; i < kv->n; i++) {
		free(kv->keys[i]);
		free(kv->vals[i]);
	}
	free(kv->keys);
	free(kv->vals);
	kv->keys = kv->vals = NULL;
	kv->n = 0;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

int st_kv_push(yz_kv_list *kv, const char *key, size_t klen, const char *val, size_t vlen)
{
	char **k = realloc(kv->keys, (kv->n + 1) * sizeof *k);
	char **v;

	if (!k)
		return -1;
	kv->keys = k;
	v = realloc(kv->vals, (kv->n + 1) * sizeof *v);
	if (!v)
		return -1;
	kv->vals = v;
	k[kv->n] = dup_n(key, klen);
	v[kv->n] = dup_n(val, vlen);
	if (!k[kv->n] || !v[kv->n]) {
		free(k[kv->n]);
		free(v[kv->n]);
		return -1;
	}
	kv->n++;
	return 0;
}

int yz_kv_push(yz_kv_list *kv, const char *key, const char *val)
{
	key = key ? key : "";
	val = val ? val : "";
	return st_kv_push(kv, key, strlen(key), val, strlen(val));
}
