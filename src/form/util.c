/* Small helpers of the form module and the fixed vocabularies of the language.
 *
 * The vocabularies are Chinese words the program's rules depend on (an on-the-spot
 * item must promise 0 days; the catalogue screen groups by business line). They
 * are written as \u escapes because source files hold no Chinese characters. */
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"

/* In the order the catalogue screen shows them (issue 2's list). */
const char *const yzf_business_lines[] = {
    "\u793e\u4f1a\u6551\u52a9",       /* social assistance */
    "\u8001\u5e74\u4e0e\u6b8b\u75be", /* the elderly and the disabled */
    "\u52b3\u52a8\u5c31\u4e1a",       /* labour and employment */
    "\u793e\u4f1a\u4fdd\u969c",       /* social insurance */
    "\u8ba1\u751f\u536b\u751f",       /* family planning and health */
    "\u6d41\u52a8\u4eba\u53e3",       /* migrant population */
    "\u8bc1\u660e",                   /* certificates */
    "\u8bc9\u6c42",                   /* requests and complaints */
    "\u54a8\u8be2",                   /* consultations */
    "\u5fd7\u613f\u670d\u52a1",       /* volunteer service */
    NULL,
};

const char *const yzf_kind_on_the_spot = "\u5373\u529e\u4ef6";

const char *const yzf_kinds[] = {
    "\u5373\u529e\u4ef6", /* done on the spot */
    "\u627f\u8bfa\u4ef6", /* forwarded, answered within the promised days */
    "\u8bc9\u6c42",       /* a request or complaint */
    "\u767b\u8bb0",       /* a registration */
    NULL,
};

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

const char *const *yz_form_business_lines(void)
{
	return yzf_business_lines;
}

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
