/* The demo station: clerks, households of residents with valid ID numbers of one
 * city, and a month of cases (demo_cases.c, demo_life.c). Everything Chinese
 * comes from data/demo.txt; the choices come from a private splitmix64
 * generator, so a seed always gives the same station (password salts and the
 * time of today's last cases aside). Written on the store's public API only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "demo_int.h"

#define DEMO_PASSWORD "demo1234"

/* Relations by their position in [relations]. */
enum { REL_HEAD, REL_SPOUSE, REL_CHILD, REL_PARENT, REL_GRANDCHILD, REL_SIBLING, REL_COUNT };

static const char *const sec_names[S_COUNT] = {
    "users",          "city",           "regions",
    "address_parts",  "surnames",       "compound_surnames",
    "given_male",     "given_female",   "rare_names",
    "minority_names", "ethnicities",    "relations",
    "purposes",       "materials",      "grids",
    "staffing",       "ledger_samples",
};

/* The least number of words each section must have. */
static const size_t sec_min_words[S_COUNT] = {3, 1, 3,         4, 1, 1, 1, 1, 2,
                                              3, 1, REL_COUNT, 1, 1, 1, 2, 2};

static int find_sections(demo_ctx *c, const demo_data *d, yz_err *err)
{
	for (int i = 0; i < S_COUNT; i++) {
		c->sec[i] = demo_section_get(d, sec_names[i]);
		if (!c->sec[i] || c->sec[i]->n_words < sec_min_words[i]) {
			yz_err_set(err, _("The demo data file lacks the section [%s]."),
			           sec_names[i]);
			return -1;
		}
	}
	return 0;
}

const char *demo_pick(demo_ctx *c, int sec)
{
	const demo_section *s = c->sec[sec];

	return s->words[demo_below(&c->r, s->n_words)];
}

static const char *relation(demo_ctx *c, int rel)
{
	return c->sec[S_RELATIONS]->words[rel];
}

/* ---- users -------------------------------------------------------------------- */

static yz_role role_of(const char *word)
{
	if (strcmp(word, "admin") == 0)
		return YZ_ROLE_ADMIN;
	if (strcmp(word, "head") == 0)
		return YZ_ROLE_HEAD;
	return YZ_ROLE_CLERK;
}

static int add_users(demo_ctx *c, yz_err *err)
{
	const demo_section *s = c->sec[S_USERS];

	for (size_t i = 0; i < s->n_lines; i++) {
		size_t n;
		char *const *w = demo_line(s, i, &n);
		yz_role role;
		int rc;
		if (n < 3)
			continue;
		role = role_of(w[2]);
		rc = yz_user_get(c->st, w[0], NULL, err);
		if (rc < 0 || (rc == 1 && yz_user_add(c->st, w[0], w[1], n > 3 ? w[3] : "", role,
		                                      DEMO_PASSWORD, err) < 0))
			return -1;
		if (role == YZ_ROLE_ADMIN && !c->actor[0])
			yz_strlcpy_utf8(c->actor, w[0], sizeof c->actor);
		if (role == YZ_ROLE_HEAD && !c->head[0])
			yz_strlcpy_utf8(c->head, w[0], sizeof c->head);
		if (role == YZ_ROLE_CLERK && c->n_clerks < 16)
			yz_strlcpy_utf8(c->clerks[c->n_clerks++], w[0], sizeof c->clerks[0]);
	}
	if (!c->n_clerks || !c->actor[0]) {
		yz_err_set(err, _("The demo data file needs an admin and at least one clerk."));
		return -1;
	}
	return 0;
}

/* ---- people ------------------------------------------------------------------ */

/* One person to add to a household. */
typedef struct person {
	int female;          /* 0 or 1 */
	int age;             /* whole years on today */
	const char *surname; /* family name; ignored for minority names */
	int rel;             /* REL_* */
	bool own_name;       /* nobody's surname derives from this person's: a
	                        minority name (which has no family surname) may be used */
} person;

/* A random line of a record section whose last word (m/f) matches the sex;
 * NULL when none was found. *n receives the line's number of words. */
static char *const *line_for_sex(demo_ctx *c, int sec, int female, size_t *n)
{
	const demo_section *s = c->sec[sec];

	for (int tries = 0; tries < 8; tries++) {
		char *const *w = demo_line(s, demo_below(&c->r, s->n_lines), n);
		if (*n >= 2 && (w[*n - 1][0] == 'f') == (female != 0))
			return w;
	}
	return NULL;
}

/* A given name: one or two characters, now and then a rare one. */
static void given_name(demo_ctx *c, int female, char *out, size_t n)
{
	int sec = female ? S_FEMALE : S_MALE;
	size_t k;
	char *const *rare = demo_chance(&c->r, 3) ? line_for_sex(c, S_RARE, female, &k) : NULL;
	/* One draw per statement: argument evaluation order is unspecified in C, and
	 * the same seed must give the same names with any compiler. */
	const char *g1 = rare ? rare[0] : demo_pick(c, sec);
	const char *g2 = demo_chance(&c->r, 35) ? "" : demo_pick(c, sec);

	snprintf(out, n, "%s%s", g1, g2);
}

static void make_name(demo_ctx *c, const person *p, char *name, size_t n, char *eth, size_t en)
{
	const demo_section *e = c->sec[S_ETHNIC];
	char given[64];
	size_t k;
	char *const *w;

	yz_strlcpy_utf8(eth, e->words[0], en);
	if (p->own_name && demo_chance(&c->r, 8) &&
	    (w = line_for_sex(c, S_MINORITY, p->female, &k)) != NULL && k >= 3) {
		yz_strlcpy_utf8(name, w[0], n);
		yz_strlcpy_utf8(eth, w[1], en);
		return;
	}
	if (demo_chance(&c->r, 4))
		yz_strlcpy_utf8(eth, e->words[1 + demo_below(&c->r, e->n_words - 1)], en);
	given_name(c, p->female, given, sizeof given);
	snprintf(name, n, "%s%s", p->surname, given);
}

static yz_date birth_for_age(demo_ctx *c, int age)
{
	long days = c->today_days - (long)age * 365 - age / 4 - (long)demo_below(&c->r, 360);

	return yz_date_from_days(days);
}

/* A valid, unused ID number for region, birth and sex. */
static int make_idno(demo_ctx *c, int region, yz_date birth, int female, char out[19], yz_err *err)
{
	for (int tries = 0; tries < 50; tries++) {
		unsigned seq = (unsigned)demo_below(&c->r, 1000);
		int rc;
		/* The 17th digit (last of the sequence) is odd for men, even for women. */
		if ((seq % 2 == 0) != (female != 0))
			seq ^= 1;
		snprintf(out, 19, "%06d%04d%02d%02d%03u", region, birth.year, birth.month,
		         birth.day, seq);
		out[17] = yz_idcard_check_char(out);
		out[18] = '\0';
		rc = yz_resident_by_idno(c->st, out, NULL, err);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return 0;
	}
	yz_err_set(err, _("The demo could not find a free ID number."));
	return -1;
}

static void make_phone(demo_ctx *c, int age, char *out, size_t n)
{
	static const char second[] = "35789";
	unsigned rest;

	if (age < 14) {
		out[0] = '\0';
		return;
	}
	/* One draw per statement (argument evaluation order is unspecified; this
	 * is the order GCC gave the stations made so far). */
	rest = (unsigned)demo_below(&c->r, 1000000000);
	snprintf(out, n, "1%c%09u", second[demo_below(&c->r, 5)], rest);
}

static int push_res(demo_ctx *c, int64_t id, yz_err *err)
{
	if (c->n_res == c->cap_res) {
		size_t cap = c->cap_res ? 2 * c->cap_res : 256;
		int64_t *r = realloc(c->res, cap * sizeof *r);
		if (!r) {
			yz_err_set(err, _("Out of memory."));
			return -1;
		}
		c->res = r;
		c->cap_res = cap;
	}
	c->res[c->n_res++] = id;
	return 0;
}

/* Employment by age, at roughly urban rates. Indexes of yz_employment_label. */
static int employment_for(demo_ctx *c, int age)
{
	enum { EMPLOYED = 1, FLEXIBLE, UNEMPLOYED, RETIRED, STUDENT, PRESCHOOL, NOT_WORKING };
	unsigned x = (unsigned)demo_below(&c->r, 100);

	if (age < 6)
		return PRESCHOOL;
	if (age < 19)
		return STUDENT;
	if (age >= 60)
		return x < 90 ? RETIRED : NOT_WORKING;
	if (age < 23 && x < 50)
		return STUDENT;
	return x < 80 ? EMPLOYED : x < 88 ? FLEXIBLE : x < 94 ? UNEMPLOYED : NOT_WORKING;
}

/* Category and registered address: most are registered here, some live here
 * from elsewhere in the city, some are floating population. */
static void category_for(demo_ctx *c, yz_resident *r, const char *address, const char *elsewhere)
{
	unsigned x = (unsigned)demo_below(&c->r, 100);

	yz_strlcpy_utf8(r->category,
	                x < 72   ? YZ_CAT_REGISTERED
	                : x < 88 ? YZ_CAT_RESIDENT
	                         : YZ_CAT_FLOATING,
	                sizeof r->category);
	yz_strlcpy_utf8(r->hukou_address, x < 72 ? address : elsewhere, sizeof r->hukou_address);
}

/* The date a person has lived here since: between the birth and a month ago,
 * within the last three years for floating population. Drawn from the ID
 * number, not from the demo's random sequence, so that everything else the
 * demo makes stays as it was. */
static void since_for(demo_ctx *c, yz_resident *r)
{
	unsigned long h = 5381;
	yz_date birth;
	char b[9];
	long from, span;

	memcpy(b, r->idno + 6, 8); /* the birth date in the ID number: YYYYMMDD */
	b[8] = '\0';
	if (!yz_date_parse(b, &birth))
		return;
	for (const char *p = r->idno; *p; p++)
		h = h * 33 + (unsigned char)*p;
	from = yz_date_to_days(birth);
	if (strcmp(r->category, YZ_CAT_FLOATING) == 0 && c->today_days - 3 * 365 > from)
		from = c->today_days - 3 * 365;
	span = c->today_days - 30 - from;
	yz_date_format(yz_date_from_days(from + (span > 0 ? (long)(h % (unsigned long)span) : 0)),
	               r->since);
}

static int tag(demo_ctx *c, int64_t id, yz_tag_kind kind, int years_ago, yz_err *err)
{
	yz_tag t;
	long start = c->today_days - 365L * years_ago - (long)demo_below(&c->r, 365);

	memset(&t, 0, sizeof t);
	t.resident_id = id;
	t.kind = kind;
	yz_date_format(yz_date_from_days(start), t.start);
	if (kind == YZ_TAG_DISABLED) {
		yz_strlcpy_utf8(t.detail, yz_disability_label((int)demo_below(&c->r, 7)),
		                sizeof t.detail);
		t.grade = 1 + (int)demo_below(&c->r, 4);
	}
	return yz_tag_add(c->st, &t, c->actor, NULL, err);
}

/* Special groups at rates near those of an urban community. */
static int add_tags(demo_ctx *c, const person *p, const yz_resident *r, int employment, yz_err *err)
{
	int rc = 0;

	if (p->rel == REL_HEAD && demo_chance(&c->r, 2))
		rc |= tag(c, r->id, YZ_TAG_DIBAO, 1 + (int)demo_below(&c->r, 4), err);
	if (p->age >= 60 && c->hh_size == 1 && rc == 0)
		rc |= tag(c, r->id, demo_chance(&c->r, 50) ? YZ_TAG_ALONE : YZ_TAG_EMPTY_NEST, 1,
		          err);
	if (demo_chance(&c->r, 6) && rc == 0)
		rc |= tag(c, r->id, YZ_TAG_DISABLED, 1 + (int)demo_below(&c->r, 8), err);
	if (employment == 3 && rc == 0) {
		rc |= tag(c, r->id, YZ_TAG_UNEMPLOYED, 0, err);
		if (demo_chance(&c->r, 30) && rc == 0)
			rc |= tag(c, r->id, YZ_TAG_HARD_EMPLOY, 0, err);
	}
	if (!p->female && p->age >= 25 && demo_chance(&c->r, 4) && rc == 0)
		rc |= tag(c, r->id, YZ_TAG_VETERAN, 2 + (int)demo_below(&c->r, 20), err);
	if (p->age >= 60 && demo_chance(&c->r, 2) && rc == 0)
		rc |= tag(c, r->id, YZ_TAG_YOUFU, 3, err);
	if (strcmp(r->category, YZ_CAT_FLOATING) == 0 && rc == 0)
		rc |= tag(c, r->id, YZ_TAG_FLOATING, 0, err);
	if (p->age < 16 && demo_chance(&c->r, 1) && rc == 0)
		rc |= tag(c, r->id, YZ_TAG_LEFT_BEHIND, 0, err);
	if (p->age >= 18 && p->age < 60 && demo_chance(&c->r, 1) && rc == 0)
		rc |= tag(c, r->id, YZ_TAG_CORRECTIONS, 0, err);
	if (p->rel == REL_HEAD && p->age >= 60 && c->hh_size == 1 && demo_chance(&c->r, 3) &&
	    rc == 0)
		rc |= tag(c, r->id, YZ_TAG_TEKUN, 2, err);
	return rc ? -1 : 0;
}

static int add_person(demo_ctx *c, const person *p, int region, int64_t hh, const char *address,
                      const char *elsewhere, yz_err *err)
{
	yz_resident r;
	int employment;

	memset(&r, 0, sizeof r);
	make_name(c, p, r.name, sizeof r.name, r.ethnicity, sizeof r.ethnicity);
	if (make_idno(c, region, birth_for_age(c, p->age), p->female, r.idno, err) < 0)
		return -1;
	make_phone(c, p->age, r.phone, sizeof r.phone);
	yz_strlcpy_utf8(r.address, address, sizeof r.address);
	r.household_id = hh;
	yz_strlcpy_utf8(r.relation, relation(c, p->rel), sizeof r.relation);
	employment = employment_for(c, p->age);
	yz_strlcpy_utf8(r.employment, yz_employment_label(employment), sizeof r.employment);
	category_for(c, &r, address, elsewhere);
	since_for(c, &r);
	/* In the batch (add_residents) the head of household is made the
	 * household's head by the store, as an import makes it. */
	if (yz_resident_add(c->st, &r, c->actor, err) < 0 ||
	    add_tags(c, p, &r, employment, err) < 0)
		return -1;
	return push_res(c, r.id, err);
}

/* ---- households ----------------------------------------------------------------- */

static const char *surname(demo_ctx *c)
{
	return demo_chance(&c->r, 3) ? demo_pick(c, S_COMPOUND) : demo_pick(c, S_SURNAMES);
}

static int household_size(demo_ctx *c)
{
	/* Roughly the urban distribution: many couples and three-person families. */
	static const unsigned cumulative[] = {15, 40, 70, 88, 96, 100};
	unsigned x = (unsigned)demo_below(&c->r, 100);
	int i = 0;

	while (x >= cumulative[i])
		i++;
	return i + 1;
}

static void set_person(person *p, int female, int age, const char *surname, int rel)
{
	p->female = female;
	p->age = age;
	p->surname = surname;
	p->rel = rel;
	p->own_name = false;
}

/* Members besides the head, in a plausible order; returns how many were planned. */
static int plan_members(demo_ctx *c, const person *head, int size, person *m)
{
	int n = 0;
	const char *family = head->surname; /* the children's surname */

	/* Each draw in its own statement so that the sequence is the same with any
	 * compiler (initializer evaluation order is unspecified). */
	if (n < size - 1 && head->age >= 22 && demo_chance(&c->r, 85)) {
		m[n].own_name = true;
		m[n].female = !head->female;
		m[n].age = head->age - 3 + (int)demo_below(&c->r, 9);
		m[n].surname = surname(c);
		m[n].rel = REL_SPOUSE;
		if (m[n].age < 20)
			m[n].age = 20;
		if (head->female)
			family = m[n].surname;
		n++;
	}
	for (int k = 0; k < 3 && n < size - 1 && head->age >= 24; k++) {
		int age = head->age - 22 - (int)demo_below(&c->r, 13);
		if (age >= 0)
			set_person(&m[n++], (int)demo_below(&c->r, 2), age, family, REL_CHILD);
	}
	if (n < size - 1 && head->age <= 62) {
		int female = (int)demo_below(&c->r, 2);
		int age = head->age + 24 + (int)demo_below(&c->r, 10);
		set_person(&m[n++], female, age, female ? surname(c) : head->surname, REL_PARENT);
	}
	while (n < size - 1 && head->age >= 50) {
		int female = (int)demo_below(&c->r, 2);
		set_person(&m[n++], female, (int)demo_below(&c->r, 18), family, REL_GRANDCHILD);
	}
	while (n < size - 1) {
		int female = (int)demo_below(&c->r, 2);
		int age = head->age - 5 + (int)demo_below(&c->r, 11);
		set_person(&m[n++], female, age, head->surname, REL_SIBLING);
	}
	return n;
}

/* A flat's address in three parts: building (with city, district, street and
 * house number), unit and room; *street_no receives the street's index. */
typedef struct flat {
	char building[192]; /* ...road 123 hao 13 zhuang */
	char unit[32];      /* 1 dan yuan */
	char room[32];      /* 1504 shi */
	size_t street;      /* index of the street in its region line */
} flat;

static void make_flat(demo_ctx *c, char *const *reg, size_t n_reg, flat *f)
{
	char *const *parts = c->sec[S_PARTS]->words;
	size_t street = 2 + demo_below(&c->r, n_reg - 2);
	unsigned house = 1 + (unsigned)demo_below(&c->r, 300) % c->houses;
	unsigned building = 1 + (unsigned)demo_below(&c->r, 30);
	unsigned unit = 1 + (unsigned)demo_below(&c->r, 4);
	unsigned floor = 1 + (unsigned)demo_below(&c->r, 18);
	unsigned flat_no = 1 + (unsigned)demo_below(&c->r, 4);

	f->street = street;
	snprintf(f->building, sizeof f->building, "%s%s%s%u%s%u%s", c->sec[S_CITY]->words[0],
	         reg[1], reg[street], house, parts[0], building, parts[1]);
	snprintf(f->unit, sizeof f->unit, "%u%s", unit, parts[2]);
	snprintf(f->room, sizeof f->room, "%u%02u%s", floor, flat_no, parts[3]);
}

static void make_address(demo_ctx *c, char *const *reg, size_t n_reg, char *out, size_t n)
{
	flat f;

	make_flat(c, reg, n_reg, &f);
	snprintf(out, n, "%s%s%s", f.building, f.unit, f.room);
}

/* The grids of the station, each with a leader. */
static int add_grids(demo_ctx *c, const char *station, yz_err *err)
{
	const demo_section *g = c->sec[S_GRIDS];
	char leader[128], phone[32];

	if (yz_place_ensure(c->st, 0, YZ_PLACE_STATION, station, &c->station_place, err) < 0)
		return -1;
	for (size_t i = 0; i < g->n_words && c->n_grids < 16; i++) {
		int64_t id;
		/* One draw per statement (argument evaluation order is unspecified;
		 * this is the order GCC gave the stations made so far). */
		const char *given = demo_pick(c, S_FEMALE);
		const char *family = demo_pick(c, S_SURNAMES);
		snprintf(leader, sizeof leader, "%s%s", family, given);
		snprintf(phone, sizeof phone, "139571%05u", (unsigned)demo_below(&c->r, 100000));
		if (yz_place_ensure(c->st, c->station_place, YZ_PLACE_GRID, g->words[i], &id, err) <
		        0 ||
		    yz_place_set_leader(c->st, id, leader, phone, c->actor, err) < 0)
			return -1;
		c->grids[c->n_grids++] = id;
	}
	return 0;
}

/* A household in a new room of a flat: grid by street, then building, unit,
 * room. A room that is already taken gets the household too (shared flats). */
static int flat_household(demo_ctx *c, char *const *reg, size_t n_reg, int64_t *hh, char *address,
                          size_t n, yz_err *err)
{
	flat f;
	int64_t grid, b, u, room;

	make_flat(c, reg, n_reg, &f);
	grid = c->grids[(size_t)(atoi(reg[0]) + (int)f.street) % c->n_grids];
	if (yz_place_ensure(c->st, grid, YZ_PLACE_BUILDING, f.building, &b, err) < 0 ||
	    yz_place_ensure(c->st, b, YZ_PLACE_UNIT, f.unit, &u, err) < 0 ||
	    yz_place_ensure(c->st, u, YZ_PLACE_ROOM, f.room, &room, err) < 0 ||
	    yz_household_add_at(c->st, room, NULL, hh, err) < 0)
		return -1;
	snprintf(address, n, "%s%s%s", f.building, f.unit, f.room);
	return 0;
}

static int add_household(demo_ctx *c, yz_err *err)
{
	const demo_section *regs = c->sec[S_REGIONS];
	char address[256], elsewhere[256];
	size_t n_reg;
	char *const *reg = demo_line(regs, demo_below(&c->r, regs->n_lines), &n_reg);
	int region = atoi(reg[0]);
	person head, m[6];
	int64_t hh;
	int n;

	int size = household_size(c);

	head.female = demo_chance(&c->r, 35);
	head.age = 25 + (int)demo_below(&c->r, 61);
	head.surname = surname(c);
	head.rel = REL_HEAD;
	head.own_name = size == 1;

	if (n_reg < 3) {
		yz_err_set(err, _("The demo data file has a region without streets."));
		return -1;
	}
	make_address(c, reg, n_reg, elsewhere, sizeof elsewhere);
	c->hh_size = size;
	if (flat_household(c, reg, n_reg, &hh, address, sizeof address, err) < 0 ||
	    add_person(c, &head, region, hh, address, elsewhere, err) < 0)
		return -1;
	n = plan_members(c, &head, size, m);
	for (int i = 0; i < n; i++) {
		/* Most people of a household were born in the city; any district. */
		int r = demo_chance(&c->r, 70)
		            ? region
		            : atoi(regs->words[regs->line_start[demo_below(&c->r, regs->n_lines)]]);
		if (add_person(c, &m[i], r, hh, address, elsewhere, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- the whole station --------------------------------------------------------------- */

/* Residents per batch: the registry is written as an import writes it (issue
 * 20), with one audit row per batch instead of one per resident (at a
 * million residents 195 MB of a 747 MB station), each row still signed. */
#define DEMO_BATCH 1000

/* Households until there are n_residents residents, in batches of whole
 * households. */
static int add_residents(demo_ctx *c, int n_residents, yz_err *err)
{
	size_t want = (size_t)(n_residents > 0 ? n_residents : 0);

	while (c->n_res < want) {
		size_t start = c->n_res;
		if (yz_resident_batch_begin(c->st, c->actor, err) < 0)
			return -1;
		while (c->n_res < want && c->n_res - start < DEMO_BATCH) {
			if (add_household(c, err) < 0) {
				yz_resident_batch_end(c->st, false, NULL);
				return -1;
			}
		}
		if (yz_resident_batch_end(c->st, true, err) < 0)
			return -1;
	}
	return 0;
}

static int fill(demo_ctx *c, const char *station, int n_residents, int n_cases,
                const yz_demo_item *items, size_t n_items, yz_err *err)
{
	char buf[32];
	int rc = yz_store_meta_get(c->st, "station_code", buf, sizeof buf, err);

	if (rc < 0 || (rc == 1 && yz_store_meta_set(c->st, "station_code", station, err) < 0))
		return -1;
	if (add_users(c, err) < 0 || add_grids(c, station, err) < 0 ||
	    add_residents(c, n_residents, err) < 0)
		return -1;
	if (demo_add_cases(c, station, n_cases, items, n_items, err) < 0 ||
	    demo_lifecycle(c, err) < 0)
		return -1;
	/* Last: what comes before stays as the seed made it. */
	return n_cases > 0 ? demo_ledger_cases(c, station, items, n_items, err) : 0;
}

/* Up to this many residents a station's households are spread over every
 * house number 1 to 300 of its streets, as the demo always did. A bigger
 * station is denser: its streets have fewer houses, so that its buildings
 * keep about as many households as at this size (300 houses of 30 buildings
 * on 33 streets would give nearly every household of a million residents a
 * building and a unit of its own: 850,000 places). The draws stay the same,
 * so the people do. */
#define DEMO_SPREAD_RESIDENTS 20000

static unsigned houses_for(int n_residents)
{
	if (n_residents <= DEMO_SPREAD_RESIDENTS)
		return 300;
	return (unsigned)(300L * DEMO_SPREAD_RESIDENTS / n_residents) + 1;
}

int yz_demo_fill(yz_store *st, const char *data_dir, const char *station_code, yz_date today,
                 const yz_calendar *cal, unsigned seed, int n_residents, int n_cases,
                 const yz_demo_item *items, size_t n_items, yz_err *err)
{
	demo_data d;
	demo_ctx c;
	int rc;

	if (!yz_station_code_valid(station_code)) {
		yz_err_set(err, _("The station code must be 1 to 16 capital letters or digits."));
		return -1;
	}
	if (demo_data_load(data_dir, &d, err) < 0)
		return -1;
	memset(&c, 0, sizeof c);
	c.st = st;
	c.r.s = seed;
	c.today = today;
	c.today_days = yz_date_to_days(today);
	c.clock = yz_store_clock(st);
	c.cal = cal;
	c.houses = houses_for(n_residents);
	rc = find_sections(&c, &d, err);
	/* One transaction: a station is either filled completely or not at all. */
	if (rc == 0 && (rc = yz_store_begin(st, err)) == 0) {
		if (fill(&c, station_code, n_residents, n_cases, items, n_items, err) == 0) {
			rc = yz_store_commit(st, err);
		} else {
			yz_store_rollback(st);
			rc = -1;
		}
	}
	/* The cases were stamped on a clock that pointed into c. */
	yz_store_set_clock(st, c.clock);
	free(c.res);
	free(c.lines);
	demo_data_free(&d);
	return rc;
}
