/* Small helpers of the form module and the fixed keys of the language. The
 * kinds and business lines a form may name are data (data/vocab, vocab.c). */
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"

const char *const yzf_service_keys[] = {
    "resident.name",
    "resident.idno",
    "resident.idno_masked",
    "resident.sex",
    "resident.birth",
    "resident.address",
    "resident.phone",
    "station.name",
    "station.phone",
    "case.number",
    "case.date",
    "case.date_cn",
    "case.due_date",
    "clerk.name",
    "today",
    "today_cn",
    NULL,
};

const char *const yzf_filters[] = {"cn", "mask", "money", NULL};

char *yzf_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *yzf_strdup(const char *s)
{
	return s ? yzf_strndup(s, strlen(s)) : NULL;
}

bool yzf_grow(void *arr, size_t *cap, size_t n, size_t elem)
{
	void **p = arr;
	size_t ncap;
	void *np;

	if (n + 1 <= *cap)
		return true;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < n + 1)
		ncap *= 2;
	np = realloc(*p, ncap * elem);
	if (np == NULL)
		return false;
	*p = np;
	*cap = ncap;
	return true;
}

bool yzf_in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

char *yzf_join(const char *const *list)
{
	size_t n = 1;
	char *out;

	for (const char *const *l = list; *l; l++)
		n += strlen(*l) + 2;
	out = malloc(n);
	if (out == NULL)
		return NULL;
	out[0] = '\0';
	for (const char *const *l = list; *l; l++) {
		if (l != list)
			strcat(out, ", ");
		strcat(out, *l);
	}
	return out;
}

bool yzf_id_valid(const char *s, size_t n)
{
	if (n == 0 || n > 63 || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}
