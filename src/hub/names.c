/* What the program knows of the hub without talking to it: the kinds of rows
 * a station sends and the names files are published under. Compiled into the
 * program (loader.c's side) and into the hub module alike: neither needs
 * libpq. */
#include <stdbool.h>
#include <string.h>

#include "yizhan/hub.h"

const char *const yz_hub_kinds[] = {"case",    "applicant", "field",    "event", "pause",
                                    "forward", "rating",    "followup", NULL};

/* A file's base name: what schema.c's CHECK allows after the folder. */
static bool base_ok(const char *s, size_t n, const char *ext)
{
	size_t e = strlen(ext);
	if (n <= e || n - e > 96 || strncmp(s + n - e, ext, e) != 0 || s[0] == '.')
		return false;
	for (size_t i = 0; i < n - e; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

bool yz_hub_published_name_ok(const char *name)
{
	static const char forms[] = "forms/", ledgers[] = "forms/ledgers/";
	if (!name)
		return false;
	if (!strcmp(name, "calendar.txt"))
		return true;
	if (!strncmp(name, ledgers, sizeof ledgers - 1))
		return base_ok(name + sizeof ledgers - 1, strlen(name) - (sizeof ledgers - 1),
		               ".ledger");
	if (!strncmp(name, forms, sizeof forms - 1))
		return base_ok(name + sizeof forms - 1, strlen(name) - (sizeof forms - 1), ".form");
	return false;
}
