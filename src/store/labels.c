/* The registry's fixed vocabularies: employment statuses, relationships,
 * special-group tags with who may see them, disability categories and the GB/T
 * 3304 nationalities (generated from data/ethnicities.txt). The labels are the
 * stored and exported values; the sources spell them as universal character
 * names so that they stay ASCII. */
#include <string.h>

#include "store_int.h"

/* From the generated ethnic_table.c. */
extern const char *const st_ethnic_codes[];
extern const char *const st_ethnic_names[];
extern const size_t st_ethnic_n;

static const char *const employment[] = {
    "",
    "\u5728\u4e1a",
    "\u7075\u6d3b\u5c31\u4e1a",
    "\u5931\u4e1a",
    "\u9000\u4f11",
    "\u5728\u6821\u5b66\u751f",
    "\u5b66\u9f84\u524d\u513f\u7ae5",
    "\u65e0\u4e1a",
};

static const char *const relations[] = {
    "\u6237\u4e3b", "\u914d\u5076",       "\u5b50\u5973",
    "\u7236\u6bcd", "\u5b59\u5b50\u5973", "\u5144\u5f1f\u59d0\u59b9",
    "\u5176\u4ed6",
};

static const char *const disability[] = {
    "\u89c6\u529b", "\u542c\u529b", "\u8a00\u8bed", "\u80a2\u4f53",
    "\u667a\u529b", "\u7cbe\u795e", "\u591a\u91cd",
};

/* One special group: its code, its label and the least role that sees it. */
typedef struct tag_def {
	const char *code;  /* ASCII, for the command line and tests */
	const char *label; /* UTF-8, for sheets and CSV */
	yz_role min_role;  /* community correction is for the station head only */
} tag_def;

static const tag_def tags[YZ_TAG_COUNT] = {
    [YZ_TAG_DIBAO] = {"dibao", "\u4f4e\u4fdd\u6237", YZ_ROLE_CLERK},
    [YZ_TAG_TEKUN] = {"tekun", "\u7279\u56f0\u4f9b\u517b", YZ_ROLE_CLERK},
    [YZ_TAG_DISABLED] = {"disabled", "\u6b8b\u75be\u4eba", YZ_ROLE_CLERK},
    [YZ_TAG_ELDERLY] = {"elderly", "\u9ad8\u9f84", YZ_ROLE_CLERK},
    [YZ_TAG_ALONE] = {"alone", "\u72ec\u5c45\u8001\u4eba", YZ_ROLE_CLERK},
    [YZ_TAG_EMPTY_NEST] = {"empty_nest", "\u7a7a\u5de2\u8001\u4eba", YZ_ROLE_CLERK},
    [YZ_TAG_UNEMPLOYED] = {"unemployed", "\u5931\u4e1a\u4eba\u5458", YZ_ROLE_CLERK},
    [YZ_TAG_HARD_EMPLOY] = {"hard_employ", "\u5c31\u4e1a\u56f0\u96be\u4eba\u5458", YZ_ROLE_CLERK},
    [YZ_TAG_YOUFU] = {"youfu", "\u4f18\u629a\u5bf9\u8c61", YZ_ROLE_CLERK},
    [YZ_TAG_VETERAN] = {"veteran", "\u9000\u5f79\u519b\u4eba", YZ_ROLE_CLERK},
    [YZ_TAG_LEFT_BEHIND] = {"left_behind", "\u7559\u5b88\u513f\u7ae5", YZ_ROLE_CLERK},
    [YZ_TAG_FLOATING] = {"floating", "\u6d41\u52a8\u4eba\u53e3", YZ_ROLE_CLERK},
    [YZ_TAG_CORRECTIONS] = {"corrections", "\u793e\u533a\u77eb\u6b63\u5bf9\u8c61", YZ_ROLE_HEAD},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *yz_employment_label(int i)
{
	return i >= 0 && (size_t)i < COUNT(employment) ? employment[i] : NULL;
}

const char *yz_relation_label(int i)
{
	return i >= 0 && (size_t)i < COUNT(relations) ? relations[i] : NULL;
}

const char *yz_disability_label(int i)
{
	return i >= 0 && (size_t)i < COUNT(disability) ? disability[i] : NULL;
}

const char *yz_tag_code(yz_tag_kind k)
{
	return (unsigned)k < YZ_TAG_COUNT ? tags[k].code : "";
}

const char *yz_tag_label(yz_tag_kind k)
{
	return (unsigned)k < YZ_TAG_COUNT ? tags[k].label : "";
}

yz_role yz_tag_min_role(yz_tag_kind k)
{
	return (unsigned)k < YZ_TAG_COUNT ? tags[k].min_role : YZ_ROLE_ADMIN;
}

int yz_tag_kind_from(const char *s)
{
	for (int k = 0; s && k < YZ_TAG_COUNT; k++) {
		if (strcmp(s, tags[k].code) == 0 || strcmp(s, tags[k].label) == 0)
			return k;
	}
	return -1;
}

const char *yz_ethnicity_at(size_t i, const char **code)
{
	if (i >= st_ethnic_n)
		return NULL;
	if (code)
		*code = st_ethnic_codes[i];
	return st_ethnic_names[i];
}

const char *yz_ethnicity_lookup(const char *s)
{
	for (size_t i = 0; s && i < st_ethnic_n; i++) {
		if (strcmp(s, st_ethnic_codes[i]) == 0 || strcmp(s, st_ethnic_names[i]) == 0)
			return st_ethnic_names[i];
	}
	return NULL;
}

/* Index of label in a list, or -1; "" is index 0 where the list allows it. */
static int index_of(const char *const *list, size_t n, const char *label)
{
	for (size_t i = 0; label && i < n; i++) {
		if (strcmp(list[i], label) == 0)
			return (int)i;
	}
	return -1;
}

int st_employment_code(const char *label)
{
	return index_of(employment, COUNT(employment), label);
}

bool st_relation_known(const char *label)
{
	return !label[0] || index_of(relations, COUNT(relations), label) >= 0;
}

bool st_disability_known(const char *label)
{
	return index_of(disability, COUNT(disability), label) >= 0;
}

/* Categories are stored as 0-3. */
static const char *const categories[] = {"", YZ_CAT_REGISTERED, YZ_CAT_RESIDENT, YZ_CAT_FLOATING};

int st_category_code(const char *label)
{
	return index_of(categories, COUNT(categories), label);
}

const char *st_category_label(int code)
{
	return code >= 0 && (size_t)code < COUNT(categories) ? categories[code] : "";
}

const char *st_employment_label_of(int code)
{
	const char *s = yz_employment_label(code);

	return s ? s : "";
}
