/* The values typed into a form: an ordered list of field id → text. */
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"

static long find(const yz_values *v, const char *key)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return (long)i;
	return -1;
}

static void remove_at(yz_values *v, size_t i)
{
	free(v->keys[i]);
	free(v->vals[i]);
	memmove(&v->keys[i], &v->keys[i + 1], (v->n - i - 1) * sizeof *v->keys);
	memmove(&v->vals[i], &v->vals[i + 1], (v->n - i - 1) * sizeof *v->vals);
	v->n--;
}

/* Appends key/val (both already copied); frees them on ENOMEM. */
static void append(yz_values *v, char *key, char *val)
{
	char **keys = realloc(v->keys, (v->n + 1) * sizeof *keys);
	char **vals;

	if (keys != NULL)
		v->keys = keys;
	vals = keys ? realloc(v->vals, (v->n + 1) * sizeof *vals) : NULL;
	if (vals == NULL) {
		free(key);
		free(val);
		return;
	}
	v->vals = vals;
	v->keys[v->n] = key;
	v->vals[v->n] = val;
	v->n++;
}

/* A NULL val removes the key. On ENOMEM the old value stays. */
void yz_values_set(yz_values *v, const char *key, const char *val)
{
	long i = find(v, key);
	char *copy;

	if (val == NULL) {
		if (i >= 0)
			remove_at(v, (size_t)i);
		return;
	}
	if ((copy = yzf_strdup(val)) == NULL)
		return;
	if (i >= 0) {
		free(v->vals[i]);
		v->vals[i] = copy;
		return;
	}
	char *kcopy = yzf_strdup(key);
	if (kcopy == NULL) {
		free(copy);
		return;
	}
	append(v, kcopy, copy);
}

const char *yz_values_get(const yz_values *v, const char *key)
{
	long i = find(v, key);

	return i >= 0 ? v->vals[i] : NULL;
}

void yz_values_clear(yz_values *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->keys[i]);
		free(v->vals[i]);
	}
	free(v->keys);
	free(v->vals);
	v->keys = NULL;
	v->vals = NULL;
	v->n = 0;
}
