/* The surname table (data/surnames.txt) and its matcher (ime-int.h).
 *
 * The file lists the common surnames, the commonest first, each with its
 * reading as a surname: U+5355 (dan) is read shan as a surname whatever the
 * dictionary says, and compound surnames (Ouyang, Yuchi) are one entry of two
 * syllables. A name field ranks these first for the first syllables typed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "ime-int.h"

/* Limits on the file: it is a few kilobytes; these keep a wrong file (a
 * dictionary copied over it) from taking memory or time. */
#define SN_FILE_MAX  (256 * 1024)
#define SN_MAX       4000
#define SN_SYL_MAX   4 /* syllables of a surname */
#define SN_TEXT_MAX  16
#define SN_SYL_BYTES 8

typedef struct sn_entry {
	char text[SN_TEXT_MAX];             /* the surname, UTF-8 */
	char syl[SN_SYL_MAX][SN_SYL_BYTES]; /* its reading, one syllable each */
	size_t nsyl;                        /* syllables (= characters) */
} sn_entry;

struct yz_surnames {
	sn_entry *e; /* in the file's order */
	size_t n;    /* entries */
};

void yz_surnames_free(yz_surnames *s)
{
	if (s) {
		free(s->e);
		free(s);
	}
}

/* One line "SURNAME syl syl..." into e; false when it is not one. */
static bool parse_line(char *line, sn_entry *e)
{
	char *save = NULL;
	char *name = strtok_r(line, " \t", &save);
	if (!name || strlen(name) >= sizeof e->text || !yz_utf8_valid(name, strlen(name)))
		return false;
	memset(e, 0, sizeof *e);
	strcpy(e->text, name);
	for (char *t; (t = strtok_r(NULL, " \t", &save));) {
		if (e->nsyl == SN_SYL_MAX || strlen(t) >= SN_SYL_BYTES)
			return false;
		for (const char *c = t; *c; c++)
			if (*c < 'a' || *c > 'z')
				return false;
		strcpy(e->syl[e->nsyl++], t);
	}
	return e->nsyl > 0 && e->nsyl == yz_utf8_chars(name);
}

yz_surnames *yz_surnames_load(const char *path, yz_err *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		yz_err_setc(err, errno == ENOENT ? YZ_ERR_NOT_FOUND : YZ_ERR_IO,
		            _("The surname list %s cannot be read (%s). Reinstall yizhan."), path,
		            strerror(errno));
		return NULL;
	}
	yz_surnames *s = calloc(1, sizeof *s);
	if (s)
		s->e = calloc(SN_MAX, sizeof *s->e);
	char line[256];
	size_t read = 0, lineno = 0;
	bool bad = false;
	while (s && s->e && fgets(line, sizeof line, f)) {
		lineno++;
		read += strlen(line);
		if (read > SN_FILE_MAX || s->n == SN_MAX) {
			bad = true;
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (strspn(line, " \t") == strlen(line))
			continue;
		if (!parse_line(line, &s->e[s->n])) {
			bad = true;
			break;
		}
		s->n++;
	}
	fclose(f);
	if (!s || !s->e) {
		yz_surnames_free(s);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return NULL;
	}
	if (bad) {
		yz_surnames_free(s);
		yz_err_setc(err, YZ_ERR_DAMAGED,
		            _("The surname list %s is damaged near line %zu. Reinstall yizhan."),
		            path, lineno);
		return NULL;
	}
	return s;
}

/* The initial of a syllable: "zh", "ch", "sh" or its first letter. */
static size_t initial_len(const char *syl)
{
	return (syl[0] == 'z' || syl[0] == 'c' || syl[0] == 's') && syl[1] == 'h' ? 2 : 1;
}

/* Score of entry e on the tokens, -1 when it does not start them. A syllable
 * typed whole counts 1; typed as its initial ("oy" for ou yang, "z" or "zh"
 * for zhang) counts 1 when more follows and 0 at the end, where the clerk may
 * still be typing another name ("zhangs" is zhang san as much as zhang sun);
 * the start of a syllable counts 0 and is allowed only at the end. */
static int score(const sn_entry *e, char tok[][8], size_t ntok)
{
	if (e->nsyl > ntok)
		return -1;
	int sc = 0;
	for (size_t i = 0; i < e->nsyl; i++) {
		const char *t = tok[i], *s = e->syl[i];
		bool last = i + 1 == ntok;
		size_t tl = strlen(t);
		if (strcmp(t, s) == 0)
			sc++;
		else if ((tl == initial_len(s) || tl == 1) && strncmp(t, s, tl) == 0)
			sc += last ? 0 : 1;
		else if (!(last && strncmp(t, s, tl) == 0))
			return -1;
	}
	return sc;
}

size_t yz_surnames_match(const yz_surnames *s, char tok[][8], size_t ntok, yz_surname_hit *hits,
                         size_t max)
{
	size_t n = 0;
	if (!s || ntok == 0)
		return 0;
	for (size_t i = 0; i < s->n && n < max; i++) {
		int sc = score(&s->e[i], tok, ntok);
		if (sc < 0)
			continue;
		bool dup = false; /* a surname with two readings: its first line wins */
		for (size_t k = 0; k < n && !dup; k++)
			dup = strcmp(hits[k].text, s->e[i].text) == 0;
		if (dup)
			continue;
		/* insertion by score, file order kept among equals */
		size_t at = n;
		while (at > 0 && hits[at - 1].score < sc) {
			hits[at] = hits[at - 1];
			at--;
		}
		hits[at] = (yz_surname_hit){
		    .text = s->e[i].text, .tokens = s->e[i].nsyl, .score = sc, .rank = i};
		n++;
	}
	return n;
}
