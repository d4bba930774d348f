/* Choices at the counter: what the clerk types into a choice cell picks an
 * option by its number, the start of its text or its pinyin initials; a
 * multichoice value is switched option by option. The stored text stays the
 * engine's business (options, joined by YZ_MULTI_SEP). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui_int.h"

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool all_letters(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

bool choice_matches(const yz_field_def *d, size_t i, const char *typed)
{
	const char *opt = d->options[i];
	size_t n = strlen(typed);

	if (n == 0)
		return true;
	if (all_digits(typed)) {
		char num[24];
		snprintf(num, sizeof num, "%zu", i + 1);
		return strncmp(num, typed, n) == 0;
	}
	if (strncasecmp(opt, typed, n) == 0)
		return true;
	return all_letters(typed) && yz_pinyin_match(opt, typed, NULL);
}

long choice_pick(const yz_field_def *d, const char *typed)
{
	if (!d || !typed || !*typed)
		return -1;
	for (size_t i = 0; i < d->n_options; i++)
		if (strcmp(d->options[i], typed) == 0)
			return (long)i;
	if (all_digits(typed)) {
		long v = atol(typed);
		return v >= 1 && (size_t)v <= d->n_options ? v - 1 : -1;
	}
	for (size_t i = 0; i < d->n_options; i++)
		if (choice_matches(d, i, typed))
			return (long)i;
	return -1;
}

void choice_hint(const yz_field_def *d, const char *typed, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; d && i < d->n_options && len + 1 < n; i++) {
		if (!choice_matches(d, i, typed))
			continue;
		int w =
		    snprintf(buf + len, n - len, "%s%zu %s", len ? "  " : "", i + 1, d->options[i]);
		if (w < 0 || (size_t)w >= n - len) {
			buf[len] = '\0';
			break;
		}
		len += (size_t)w;
	}
}

/* Whether the option text opt is one of the separated items of value. */
static bool has_item(const char *value, const char *opt)
{
	size_t on = strlen(opt), sn = strlen(YZ_MULTI_SEP);

	for (const char *p = value; p && *p;) {
		const char *sep = strstr(p, YZ_MULTI_SEP);
		size_t l = sep ? (size_t)(sep - p) : strlen(p);
		if (l == on && strncmp(p, opt, on) == 0)
			return true;
		p = sep ? sep + sn : NULL;
	}
	return false;
}

bool multi_has(const yz_field_def *d, const char *value, size_t i)
{
	return d && value && i < d->n_options && has_item(value, d->options[i]);
}

char *multi_toggle(const yz_field_def *d, const char *value, size_t i)
{
	size_t cap = 1;
	char *out;

	for (size_t k = 0; k < d->n_options; k++)
		cap += strlen(d->options[k]) + strlen(YZ_MULTI_SEP);
	if ((out = calloc(1, cap)) == NULL)
		return NULL;
	for (size_t k = 0; k < d->n_options; k++) {
		bool on = multi_has(d, value, k);
		if (k == i)
			on = !on;
		if (!on)
			continue;
		if (*out)
			strcat(out, YZ_MULTI_SEP);
		strcat(out, d->options[k]);
	}
	return out;
}
