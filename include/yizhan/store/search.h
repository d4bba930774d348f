/* store: resident search by ID suffix, name prefix and pinyin initials (the store
 * module, src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_SEARCH_H
#define YZ_STORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/residents.h"

typedef enum yz_match {
	YZ_MATCH_IDNO,          /* the full ID number */
	YZ_MATCH_NAME,          /* the exact name */
	YZ_MATCH_PINYIN,        /* pinyin initials of the whole name */
	YZ_MATCH_PHONE,         /* the full phone number */
	YZ_MATCH_ADDRESS,       /* building-unit-room exactly */
	YZ_MATCH_IDNO_SUFFIX,   /* the last 4-6 characters of the ID number */
	YZ_MATCH_NAME_PREFIX,   /* the name starts with the query */
	YZ_MATCH_PINYIN_PREFIX, /* the initials start with the query */
	YZ_MATCH_PHONE_SUFFIX,  /* the last 4+ digits of the phone */
	YZ_MATCH_ADDRESS_PREFIX /* building, or building and unit */
} yz_match;

typedef struct yz_search_hit {
	yz_resident r;
	char masked_idno[19]; /* what lists show */
	yz_match how;
	bool exact;  /* how < YZ_MATCH_IDNO_SUFFIX */
	bool filled; /* r and masked_idno are read (else only r.id) */
} yz_search_hit;

/* Everything the query may mean, exact matches first, then prefixes and
 * suffixes; at most max hits, each person once. */
int yz_registry_search(yz_store *st, const char *query, yz_search_hit *out, size_t max, size_t *n,
                       yz_err *err);
/* Issue 20: the same hits in the same order, some known by r.id alone (not
 * filled): what a list shows is read with yz_registry_fill, the rows it
 * shows only. */
int yz_registry_search_ids(yz_store *st, const char *query, yz_search_hit *out, size_t max,
                           size_t *n, yz_err *err);
/* Read the person of each hit of hits[0..n) not filled yet (one gone
 * meanwhile stays unfilled). */
int yz_registry_fill(yz_store *st, yz_search_hit *hits, size_t n, yz_err *err);

/* The "building-unit-room" key of an address ("13-1-1504" for both "...13 zhuang 1
 * dan yuan 1504 shi" and "13-1-1504"): the last three runs of digits. */
void yz_address_key(const char *address, char *out, size_t n);

/* Residents with the same name at the same address as r (not r itself): the
 * clerk is asked whether it is the same person before adding. */
int yz_resident_duplicates(yz_store *st, const yz_resident *r, yz_resident *out, size_t max,
                           size_t *n, yz_err *err);

#endif
