/* store: the registry: residents, labels, places, households, tags, rentals and change
 * history (the store module, src/store/; the whole API: yizhan/store.h). */
#ifndef YZ_STORE_RESIDENTS_H
#define YZ_STORE_RESIDENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/core.h"
#include "yizhan/text.h"
#include "yizhan/store/users.h"

typedef struct yz_resident {
	int64_t id;
	char name[128];
	char idno[19];  /* 18 characters, upper-case X */
	char birth[11]; /* derived from idno */
	int female;     /* derived from idno */
	char ethnicity[32];
	char phone[32];
	char address[256];    /* residence address */
	int64_t household_id; /* 0 = none */
	char relation[32];    /* relationship to the household head: 户主, 配偶, 子女, … */
	/* Schema 2: */
	char hukou_address[256]; /* registered (hukou) address; "" = unknown */
	char category[32];       /* YZ_CAT_* label, "" = not stated */
	char employment[32];     /* one of yz_employment_label(), "" = not stated */
	char notes[512];         /* the clerk's notes */
	/* Schema 5: */
	char since[11];  /* YYYY-MM-DD the person has lived here since; "" = unknown */
	char income[32]; /* average monthly income in yuan as money is kept ("1850.00"), the
	                  * figure last declared or verified; "" = unknown */
} yz_resident;

/* Insert; r->id receives the new id. The ID number must be valid and unique. */
int yz_resident_add(yz_store *st, yz_resident *r, const char *actor, yz_err *err);
/* Issue 20: a batch of residents added in bulk (the demo's generated registry),
 * in a transaction of its own (a savepoint inside the caller's). Until the
 * batch ends, yz_resident_add checks and inserts each resident as always
 * (pinyin keys, the row's MAC and the table's keyed sum, so every row stays
 * covered by `yizhan audit verify`) but writes no audit row of its own, and a
 * head of household (relation hu zhu) becomes the head of a household that
 * has none, as an import makes it; the end writes one audit row for the batch
 * ("residents_added": how many, first and last id, by actor), as an import
 * writes one per batch. ok false rolls the batch back. 0, or -1 with err. */
int yz_resident_batch_begin(yz_store *st, const char *actor, yz_err *err);
int yz_resident_batch_end(yz_store *st, bool ok, yz_err *err);
/* Update name/phone/address/…; every changed column is written to resident_history. */
int yz_resident_update(yz_store *st, const yz_resident *r, const char *actor, const char *case_no,
                       yz_err *err);
int yz_resident_get(yz_store *st, int64_t id, yz_resident *out, yz_err *err); /* 1 = none */
int yz_resident_by_idno(yz_store *st, const char *idno, yz_resident *out,
                        yz_err *err); /* 1 = none */

/* Find by full ID number, ID suffix (4-6 characters), exact name or name prefix.
 * Exact matches first. Fills up to max results; *n receives how many. */
int yz_resident_find(yz_store *st, const char *query, yz_resident *out, size_t max, size_t *n,
                     yz_err *err);
long yz_resident_count(yz_store *st);
/* Whether the end of an ID number typed so far (q, 4 to 6 characters) may
 * still grow into another person's: some registered ID number starts with q
 * (a whole number being typed), or ends with q and one or two more characters
 * (a longer ending, at most 6). Then a single hit for q is not yet the person
 * meant. 0 with *more set, or -1 with err. */
int yz_resident_idno_more(yz_store *st, const char *q, bool *more, yz_err *err);

/* Create a household with an address; returns its id in *id. */
int yz_household_add(yz_store *st, const char *address, int64_t *id, yz_err *err);
/* Members of a household, head first. */
int yz_household_members(yz_store *st, int64_t household_id, yz_resident *out, size_t max,
                         size_t *n, yz_err *err);

/* ---- the registry (schema 2): labels, places, households, tags, rentals ---- */

/* Person categories (UTF-8 labels, as stored and exported): registered
 * (hu ji ren kou), resident (chang zhu ren kou), floating (liu dong ren kou). */
#define YZ_CAT_REGISTERED "\u6237\u7c4d\u4eba\u53e3"
#define YZ_CAT_RESIDENT   "\u5e38\u4f4f\u4eba\u53e3"
#define YZ_CAT_FLOATING   "\u6d41\u52a8\u4eba\u53e3"

/* The employment statuses the registry accepts: index 1.. (0 is ""); NULL past
 * the end. */
const char *yz_employment_label(int i);
/* The relationships to the head of household, 0 = the head; NULL past the end. */
const char *yz_relation_label(int i);

/* GB/T 3304 nationalities (the 56, then 97 other and 98 foreign-born), from
 * data/ethnicities.txt at build time. i from 0; NULL past the end. */
const char *yz_ethnicity_at(size_t i, const char **code);
/* Name for a code ("01") or a name; NULL when neither is known. */
const char *yz_ethnicity_lookup(const char *code_or_name);

/* Places: station > grid (wang ge, with its leader) > building or lane > unit >
 * room. Each kind's parent is the kind before it. */
typedef enum yz_place_kind {
	YZ_PLACE_STATION = 0,
	YZ_PLACE_GRID = 1,
	YZ_PLACE_BUILDING = 2,
	YZ_PLACE_UNIT = 3,
	YZ_PLACE_ROOM = 4,
} yz_place_kind;

typedef struct yz_place {
	int64_t id;
	int64_t parent_id;  /* 0 for a station */
	yz_place_kind kind; /* its level */
	char name[128];     /* as written on the door: "13 zhuang", "1 dan yuan", "1504 shi" */
	char leader[128];   /* grids: the grid leader (wang ge zhang) */
	char leader_phone[32];
} yz_place;

/* The place under parent with this name, created when absent (kind must be the
 * level under the parent's). *id receives it. */
int yz_place_ensure(yz_store *st, int64_t parent_id, yz_place_kind kind, const char *name,
                    int64_t *id, yz_err *err);
int yz_place_get(yz_store *st, int64_t id, yz_place *out, yz_err *err); /* 1 = none */
/* Children in name order. */
int yz_place_children(yz_store *st, int64_t parent_id, yz_place *out, size_t max, size_t *n,
                      yz_err *err);
/* Set a grid's leader; kept in the history. */
int yz_place_set_leader(yz_store *st, int64_t grid_id, const char *leader, const char *phone,
                        const char *actor, yz_err *err);
/* The address of a place below its grid: building, unit and room names joined. */
int yz_place_address(yz_store *st, int64_t id, char *buf, size_t n, yz_err *err);
/* The grid a place lies in (itself for a grid); 0 when none. */
int64_t yz_place_grid(yz_store *st, int64_t id);
/* Issue 15: the texts the station's addresses are made of, for typing them: the
 * name of every building or lane (kind YZ_PLACE_BUILDING, building true), then
 * the distinct address text of households that have no place (an imported
 * registry; building false), at most max_rows in all (the first ones stored),
 * in no particular order. cb returns non-zero to stop. 0, or -1 with err. */
typedef int (*yz_place_text_cb)(const char *text, bool building, void *ctx);
int yz_place_texts(yz_store *st, size_t max_rows, yz_place_text_cb cb, void *ctx, yz_err *err);

/* A household (hu): its address, its head and its number (hu bian hao), which
 * the CSV exchange uses to keep members together. */
typedef struct yz_household {
	int64_t id;
	char code[24];     /* household number; unique */
	char address[256]; /* residence address */
	int64_t place_id;  /* room, 0 when only the address text is known */
	int64_t head_id;   /* resident, 0 while unknown */
	char created_at[21];
} yz_household;

/* A household at a room: the address is the room's path. code may be NULL (the
 * id is used). */
int yz_household_add_at(yz_store *st, int64_t place_id, const char *code, int64_t *id, yz_err *err);
int yz_household_get(yz_store *st, int64_t id, yz_household *out, yz_err *err); /* 1 = none */
/* Change the head or the address (place_id 0 keeps the place, address NULL keeps
 * the text); every change goes to the history with actor and case. */
int yz_household_set_head(yz_store *st, int64_t id, int64_t resident_id, const char *actor,
                          const char *case_no, yz_err *err);
int yz_household_move(yz_store *st, int64_t id, int64_t place_id, const char *address,
                      const char *actor, const char *case_no, yz_err *err);
/* Households of a grid (for the grid book, yi zu yi ce), in address order. The
 * callback returns non-zero to stop. */
typedef int (*yz_household_cb)(const yz_household *h, void *ctx);
int yz_household_list_grid(yz_store *st, int64_t grid_id, yz_household_cb cb, void *ctx,
                           yz_err *err);

/* Special groups. Sensitive kinds are shown only to roles at or above
 * yz_tag_min_role(). YZ_TAG_ELDERLY is derived from the age, never stored. */
typedef enum yz_tag_kind {
	YZ_TAG_DIBAO,       /* minimum living allowance household */
	YZ_TAG_TEKUN,       /* destitute persons support */
	YZ_TAG_DISABLED,    /* disability: detail = category, grade 1-4 */
	YZ_TAG_ELDERLY,     /* 80 and over (derived) */
	YZ_TAG_ALONE,       /* elderly living alone */
	YZ_TAG_EMPTY_NEST,  /* empty-nest elderly */
	YZ_TAG_UNEMPLOYED,  /* registered unemployed */
	YZ_TAG_HARD_EMPLOY, /* hard to employ */
	YZ_TAG_YOUFU,       /* entitled groups (you fu dui xiang) */
	YZ_TAG_VETERAN,     /* retired soldier */
	YZ_TAG_LEFT_BEHIND, /* left-behind child */
	YZ_TAG_FLOATING,    /* floating population */
	YZ_TAG_CORRECTIONS, /* under community correction: sensitive */
	YZ_TAG_COUNT
} yz_tag_kind;

/* Age from which YZ_TAG_ELDERLY is shown. */
#define YZ_ELDERLY_AGE 80

typedef struct yz_tag {
	int64_t id; /* 0 for the derived YZ_TAG_ELDERLY */
	int64_t resident_id;
	yz_tag_kind kind;
	char detail[64]; /* disability category (one of yz_disability_label) */
	int grade;       /* disability grade 1-4; 0 otherwise */
	char start[11];  /* YYYY-MM-DD */
	char end[11];    /* "" while it lasts */
} yz_tag;

const char *yz_tag_code(yz_tag_kind k);  /* ASCII: "dibao", "corrections", … */
const char *yz_tag_label(yz_tag_kind k); /* UTF-8 label for sheets and CSV */
/* Kind for a code or label; -1 when unknown. */
int yz_tag_kind_from(const char *code_or_label);
/* The least role that may see this kind. */
yz_role yz_tag_min_role(yz_tag_kind k);
/* Disability categories, index 0..; NULL past the end. */
const char *yz_disability_label(int i);

/* Add a tag (t->id receives its id); history row with actor and case. */
int yz_tag_add(yz_store *st, yz_tag *t, const char *actor, const char *case_no, yz_err *err);
/* Close a tag on end (YYYY-MM-DD); history row. */
int yz_tag_end(yz_store *st, int64_t tag_id, const char *end, const char *actor,
               const char *case_no, yz_err *err);
/* The tags of a resident the viewer may see, including the derived elderly tag
 * (age on today). current_only: only tags without an end or ending after today. */
int yz_tag_list(yz_store *st, int64_t resident_id, yz_role viewer, const char *today,
                bool current_only, yz_tag *out, size_t max, size_t *n, yz_err *err);

/* Rentals (chu zu fang wu): a room, its landlord and tenants. */
typedef struct yz_rental {
	int64_t id;
	int64_t room_id;     /* place of kind YZ_PLACE_ROOM */
	int64_t landlord_id; /* resident */
	char start[11];
	char end[11]; /* "" while let */
	char notes[256];
} yz_rental;

int yz_rental_add(yz_store *st, yz_rental *r, const int64_t *tenants, size_t n_tenants,
                  const char *actor, const char *case_no, yz_err *err);
int yz_rental_get(yz_store *st, int64_t id, yz_rental *out, int64_t *tenants, size_t max,
                  size_t *n_tenants, yz_err *err); /* 1 = none */
int yz_rental_end(yz_store *st, int64_t id, const char *end, const char *actor, const char *case_no,
                  yz_err *err);
/* Rentals of a room, newest first. */
int yz_rental_list_room(yz_store *st, int64_t room_id, yz_rental *out, size_t max, size_t *n,
                        yz_err *err);

/* One kept change. */
typedef struct yz_change {
	char field[32]; /* column or event ("tag_added", …) */
	char old[256];
	char new[256];
	char actor[33];
	char case_no[40]; /* "" when not from a case */
	char at[21];      /* UTC */
} yz_change;

/* History of "resident", "household", "tag", "rental" or "place" id, oldest first. */
int yz_history_list(yz_store *st, const char *entity, int64_t id, yz_change *out, size_t max,
                    size_t *n, yz_err *err);
/* The newest max changes of the same, newest first (what a screen shows: a
 * long history keeps its latest changes in view). */
int yz_history_newest(yz_store *st, const char *entity, int64_t id, yz_change *out, size_t max,
                      size_t *n, yz_err *err);

#endif
