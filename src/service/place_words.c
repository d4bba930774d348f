/* The station's places as words for typing addresses (issue 15): a clerk in
 * pinyin mode types the initials of a road or of a building's address and the
 * registry's own spelling comes first (yz_ime_set_words).
 *
 * The registry keeps a building's name as the whole address down to the
 * building (city, district, road, house number, building: what the demo and an
 * import write), and households without a place keep only their address text.
 * Neither says where the road ends, so the text is cut into parts at the
 * characters that end a part of a Chinese address (city, district, town, road,
 * street, lane, compound, number, building, unit, room), and a clerk gets the
 * parts that are names (the road alone), the address from the road on (what is
 * said at the counter) and the whole of it. The marker characters are written
 * as escapes: no Chinese in C sources. */
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"
#include "yizhan/service.h"

/* Rows read from the registry at most: a station has some thousands of
 * buildings; an imported registry's household addresses stop here. */
enum { PW_MAX_ROWS = 10000, PW_MAX_SEGS = 24, PW_WORD_MAX = 256 };

/* What a part of an address is, from the character that ends it. */
typedef enum seg_kind {
	SEG_PLAIN,    /* no marker at its end (a number without a unit) */
	SEG_ADMIN,    /* province, city, district, county, town, township, subdistrict */
	SEG_ROAD,     /* road, street, lane, avenue */
	SEG_COMPOUND, /* residential compound (xiao qu), garden, village */
	SEG_NUMBER,   /* house number (hao) */
	SEG_BUILDING, /* building (zhuang, dong, lou, zuo) */
	SEG_STOP,     /* unit, room, floor: below the building, not a place word */
} seg_kind;

#define CP_XIAO 0x5c0fu /* small: xiao qu */
#define CP_DAN  0x5355u /* dan yuan (unit) */
#define CP_JIE  0x8857u /* street; jie dao (subdistrict) */

/* The kind a part ending in cp has (prev: the character before it). */
static seg_kind marker_kind(uint32_t cp, uint32_t prev)
{
	switch (cp) {
	case 0x7701: /* sheng: province */
	case 0x5e02: /* shi: city */
	case 0x53bf: /* xian: county */
	case 0x9547: /* zhen: town */
	case 0x4e61: /* xiang: township */
		return SEG_ADMIN;
	case 0x533a: /* qu: district, or xiao qu */
		return prev == CP_XIAO ? SEG_COMPOUND : SEG_ADMIN;
	case 0x9053: /* dao: jie dao (subdistrict) or da dao (avenue) */
		return prev == CP_JIE ? SEG_ADMIN : SEG_ROAD;
	case 0x8def: /* lu: road */
	case 0x8857: /* jie: street */
	case 0x5df7: /* xiang: lane */
	case 0x5f04: /* nong: lane */
		return SEG_ROAD;
	case 0x82d1: /* yuan: garden */
	case 0x56ed: /* yuan: garden */
	case 0x6751: /* cun: village */
		return SEG_COMPOUND;
	case 0x53f7: /* hao: number */
		return SEG_NUMBER;
	case 0x5e62: /* zhuang: building */
	case 0x680b: /* dong: building */
	case 0x697c: /* lou: building */
	case 0x5ea7: /* zuo: block */
		return SEG_BUILDING;
	case 0x5143: /* yuan: dan yuan (unit) */
		return prev == CP_DAN ? SEG_STOP : SEG_PLAIN;
	case 0x5ba4: /* shi: room */
	case 0x6237: /* hu: flat */
	case 0x5c42: /* ceng: floor */
		return SEG_STOP;
	default:
		return SEG_PLAIN;
	}
}

/* A part of the text: bytes [start, end) and its kind. */
typedef struct seg {
	size_t start, end;
	seg_kind kind;
	int named; /* characters with pinyin in it (a name, not only a number) */
} seg;

/* Whether the character after a marker keeps the marker inside a longer part:
 * a road or street marker (the yuan of "dong xin yuan lu" is part of a road's
 * name, the jie of "jie dao" of a subdistrict's) or lou ("3 hao lou"). */
static int continues(uint32_t next)
{
	seg_kind k = marker_kind(next, 0);

	return k == SEG_ROAD || next == 0x697c;
}

enum { PW_MAX_CHARS = 128 };

/* Cut text into parts. Returns how many (at most PW_MAX_SEGS; past that, or
 * past PW_MAX_CHARS characters, the rest is not looked at). */
static size_t split(const char *text, seg *out)
{
	uint32_t cp[PW_MAX_CHARS];
	size_t end[PW_MAX_CHARS]; /* byte offset after each character */
	size_t len = strlen(text), nc = 0, n = 0, start = 0;
	int named = 0, chars = 0;

	for (size_t i = 0; i < len && nc < PW_MAX_CHARS;) {
		size_t k = yz_utf8_decode(text + i, len - i, &cp[nc]);
		i += k ? k : 1;
		if (k)
			end[nc++] = i;
	}
	for (size_t c = 0; c < nc && n + 1 < PW_MAX_SEGS; c++) {
		seg_kind kind = marker_kind(cp[c], c ? cp[c - 1] : 0);
		chars++;
		if (kind == SEG_PLAIN) {
			if (cp[c] >= 0x80 && yz_pinyin_primary(cp[c]))
				named++;
			continue;
		}
		/* A marker alone begins the next part ("shi" of "shi xin lu"); one
		 * followed by a road marker is inside a name. */
		if (chars == 1 || (c + 1 < nc && continues(cp[c + 1])))
			continue;
		out[n++] = (seg){start, end[c], kind, named};
		start = end[c];
		named = chars = 0;
	}
	if (nc && start < end[nc - 1])
		out[n++] = (seg){start, end[nc - 1], SEG_PLAIN, named};
	return n;
}

/* The words gathered so far; group orders them (0 names, 1 from the road on,
 * 2 whole). */
typedef struct pw_word {
	char *text;
	int group;
} pw_word;

typedef struct pw_list {
	pw_word *w;
	size_t n, cap;
	int oom;
} pw_list;

static void add_word(pw_list *l, const char *text, size_t len, int group)
{
	pw_word *grown;
	char *copy;

	if (l->oom || len == 0 || len >= PW_WORD_MAX)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		grown = realloc(l->w, cap * sizeof *grown);
		if (!grown) {
			l->oom = 1;
			return;
		}
		l->w = grown;
		l->cap = cap;
	}
	copy = malloc(len + 1);
	if (!copy) {
		l->oom = 1;
		return;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	l->w[l->n++] = (pw_word){copy, group};
}

/* The words of one address text (yz_place_text_cb). */
static int add_text(const char *text, bool building, void *ctx)
{
	pw_list *l = ctx;
	seg s[PW_MAX_SEGS];
	size_t n = split(text, s), m = 0, tail = 0;
	int named = 0;

	(void)building;
	/* Down to the building: not the unit or room, nor a bare number after it. */
	while (m < n && s[m].kind != SEG_STOP)
		m++;
	while (m > 0 && s[m - 1].kind == SEG_PLAIN && s[m - 1].named == 0)
		m--;
	for (size_t i = 0; i < m; i++) {
		seg_kind k = s[i].kind;
		named += s[i].named;
		if ((k == SEG_ADMIN || k == SEG_ROAD || k == SEG_COMPOUND) && s[i].named > 0)
			add_word(l, text + s[i].start, s[i].end - s[i].start, 0);
		if (k == SEG_ADMIN)
			tail = i + 1;
	}
	if (m == 0 || named == 0)
		return l->oom;
	if (tail > 0 && tail < m)
		add_word(l, text + s[tail].start, s[m - 1].end - s[tail].start, 1);
	add_word(l, text, s[m - 1].end, 2);
	return l->oom;
}

static int by_text(const void *a, const void *b)
{
	const pw_word *x = a, *y = b;
	int c = strcmp(x->text, y->text);

	return c ? c : x->group - y->group;
}

static int by_group(const void *a, const void *b)
{
	const pw_word *x = a, *y = b;

	return x->group != y->group ? x->group - y->group : strcmp(x->text, y->text);
}

/* Each word once (its first group), in group order, at most max. */
static size_t unique_words(pw_list *l, size_t max)
{
	size_t n = 0;

	if (l->n == 0)
		return 0;
	qsort(l->w, l->n, sizeof *l->w, by_text);
	for (size_t i = 0; i < l->n; i++) {
		if (n > 0 && strcmp(l->w[n - 1].text, l->w[i].text) == 0) {
			free(l->w[i].text);
			continue;
		}
		l->w[n++] = l->w[i];
	}
	qsort(l->w, n, sizeof *l->w, by_group);
	for (size_t i = max; i < n; i++)
		free(l->w[i].text);
	l->n = n < max ? n : max;
	return l->n;
}

/* The array and the strings in one allocation. */
static char **pack(const pw_list *l)
{
	size_t bytes = (l->n + 1) * sizeof(char *);
	char **out, *p;

	for (size_t i = 0; i < l->n; i++)
		bytes += strlen(l->w[i].text) + 1;
	out = malloc(bytes);
	if (!out)
		return NULL;
	p = (char *)(out + l->n + 1);
	for (size_t i = 0; i < l->n; i++) {
		size_t len = strlen(l->w[i].text) + 1;
		memcpy(p, l->w[i].text, len);
		out[i] = p;
		p += len;
	}
	out[l->n] = NULL;
	return out;
}

static void list_free(pw_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->w[i].text);
	free(l->w);
}

int yz_service_place_words(yz_session *s, char ***words, size_t *n, yz_err *err)
{
	pw_list l = {0};
	int rc;

	*words = NULL;
	*n = 0;
	rc = yz_place_texts(s->store, PW_MAX_ROWS, add_text, &l, err);
	if (rc == 0 && !l.oom) {
		unique_words(&l, YZ_PLACE_WORDS_MAX);
		*words = pack(&l);
		if (*words)
			*n = l.n;
	}
	if (rc == 0 && !*words) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		rc = -1;
	}
	list_free(&l);
	return rc;
}

void yz_service_place_words_free(char **words)
{
	free(words);
}
