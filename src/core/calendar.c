/* The working-day calendar. Chinese offices work Monday to Friday except the
 * public holidays the State Council announces each November, and they work on
 * the weekend days it names as make-up (tiaoxiu) working days; every promised time limit
 * counts on that calendar. The list is data (data/calendar.txt), parsed here
 * from text so that this module stays free of I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "yizhan/core.h"

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static bool contains(const long *v, size_t n, long day)
{
	return n && bsearch(&day, v, n, sizeof(long), cmp_long) != NULL;
}

static int push_long(long **v, size_t *n, long x)
{
	long *p = realloc(*v, (*n + 1) * sizeof(long));
	if (!p)
		return -1;
	p[(*n)++] = x;
	*v = p;
	return 0;
}

/* "2026-02-15" or "2026-02-15..2026-02-23" → first and last day. Only these
 * two lengths are read: a cut range ("2026-02-15..") is refused, never read
 * past its end. */
static bool parse_range(const char *s, long *first, long *last)
{
	char a[11], b[11];
	yz_date d1, d2;
	size_t n = strlen(s);
	bool range = n == 22 && s[10] == '.' && s[11] == '.';
	if (n != 10 && !range)
		return false;
	snprintf(a, sizeof(a), "%.10s", s);
	snprintf(b, sizeof(b), "%.10s", range ? s + 12 : s);
	if (!yz_date_parse(a, &d1) || !yz_date_parse(b, &d2))
		return false;
	*first = yz_date_to_days(d1);
	*last = yz_date_to_days(d2);
	return *first <= *last && *last - *first < 31;
}

typedef struct line_ctx {
	const char *path; /* for messages */
	int lineno;       /* current line */
	int year;         /* the last "year" line; 0 before the first */
} line_ctx;

static int add_days(yz_calendar *cal, const char *kind, const char *range, line_ctx *x, yz_err *err)
{
	long first, last;
	if (!parse_range(range, &first, &last)) {
		yz_err_set(
		    err, _("%s:%d: \"%s\" is not a date or a range such as 2026-02-15..2026-02-23"),
		    x->path, x->lineno, range);
		return -1;
	}
	if (!x->year || yz_date_from_days(first).year != x->year ||
	    yz_date_from_days(last).year != x->year) {
		yz_err_set(err,
		           _("%s:%d: the date is not in the year of the \"year\" line above it"),
		           x->path, x->lineno);
		return -1;
	}
	bool holiday = strcmp(kind, "holiday") == 0;
	for (long d = first; d <= last; d++) {
		int wd = yz_date_weekday(yz_date_from_days(d));
		if (!holiday && wd < 5) {
			yz_err_set(err,
			           _("%s:%d: a make-up working day must be a Saturday or Sunday"),
			           x->path, x->lineno);
			return -1;
		}
		if (push_long(holiday ? &cal->holidays : &cal->workdays,
		              holiday ? &cal->n_holidays : &cal->n_workdays, d) != 0)
			return -1;
	}
	return 0;
}

static int add_year(yz_calendar *cal, const char *word, line_ctx *x, yz_err *err)
{
	char *end;
	long y = strtol(word, &end, 10);
	if (*end || y < 1900 || y > 2999) {
		yz_err_set(err, _("%s:%d: \"%s\" is not a year"), x->path, x->lineno, word);
		return -1;
	}
	int *p = realloc(cal->years, (cal->n_years + 1) * sizeof(int));
	if (!p)
		return -1;
	p[cal->n_years++] = (int)y;
	cal->years = p;
	x->year = (int)y;
	return 0;
}

static int parse_line(yz_calendar *cal, char *line, line_ctx *x, yz_err *err)
{
	char *s = yz_text_trim(line);
	if (*s == '\0' || *s == '#')
		return 0;
	char *save = NULL;
	char *kind = strtok_r(s, " \t", &save), *arg = strtok_r(NULL, " \t", &save);
	if (kind && arg && strcmp(kind, "year") == 0)
		return add_year(cal, arg, x, err);
	if (kind && arg && (!strcmp(kind, "holiday") || !strcmp(kind, "workday")))
		return add_days(cal, kind, arg, x, err);
	yz_err_set(err, _("%s:%d: expected \"year\", \"holiday\" or \"workday\" and a date"),
	           x->path, x->lineno);
	return -1;
}

int yz_calendar_parse(const char *text, size_t len, const char *path, yz_calendar *cal, yz_err *err)
{
	memset(cal, 0, sizeof(*cal));
	line_ctx x = {.path = path};
	int rc = 0;
	for (size_t i = 0; i < len && rc == 0;) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		char *line = strndup(text + i, j - i);
		x.lineno++;
		rc = line ? parse_line(cal, line, &x, err) : -1;
		free(line);
		i = j + 1;
	}
	if (rc != 0) {
		yz_calendar_free(cal);
		return -1;
	}
	if (cal->n_holidays) /* qsort must not be given a null array, even empty */
		qsort(cal->holidays, cal->n_holidays, sizeof(long), cmp_long);
	if (cal->n_workdays)
		qsort(cal->workdays, cal->n_workdays, sizeof(long), cmp_long);
	return 0;
}

void yz_calendar_free(yz_calendar *cal)
{
	free(cal->holidays);
	free(cal->workdays);
	free(cal->years);
	memset(cal, 0, sizeof(*cal));
}

bool yz_calendar_covers(const yz_calendar *cal, int year)
{
	for (size_t i = 0; cal && i < cal->n_years; i++)
		if (cal->years[i] == year)
			return true;
	return false;
}

bool yz_is_workday(const yz_calendar *cal, yz_date d)
{
	long day = yz_date_to_days(d);
	if (cal && contains(cal->workdays, cal->n_workdays, day))
		return true;
	if (cal && contains(cal->holidays, cal->n_holidays, day))
		return false;
	return yz_date_weekday(d) < 5;
}

yz_date yz_add_workdays(const yz_calendar *cal, yz_date from, int n, bool *uncovered)
{
	long day = yz_date_to_days(from);
	bool out = false;
	while (n > 0) {
		yz_date d = yz_date_from_days(++day);
		out |= !yz_calendar_covers(cal, d.year);
		if (yz_is_workday(cal, d))
			n--;
	}
	if (uncovered)
		*uncovered = out;
	return yz_date_from_days(day);
}

int yz_workdays_between(const yz_calendar *cal, yz_date from, yz_date to)
{
	int n = 0;
	for (long d = yz_date_to_days(from) + 1, end = yz_date_to_days(to); d <= end; d++)
		n += yz_is_workday(cal, yz_date_from_days(d));
	return n;
}

yz_deadline yz_deadline_compute(const yz_calendar *cal, yz_date accepted, int limit_days,
                                const yz_pause *pauses, size_t n_pauses, int extension_days)
{
	yz_deadline dl = {.limit_days = limit_days, .extension_days = extension_days};
	/* A pause of one working day (waiting from Monday, back on Tuesday) adds one
	 * working day: the days in (from, until]. */
	for (size_t i = 0; i < n_pauses; i++)
		dl.paused_days += yz_workdays_between(cal, pauses[i].from, pauses[i].until);
	int total = limit_days + dl.paused_days + extension_days;
	dl.due = yz_add_workdays(cal, accepted, total, &dl.uncovered);
	dl.uncovered |= !yz_calendar_covers(cal, accepted.year);
	return dl;
}
