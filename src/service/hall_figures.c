/* The hall's figures (issue 19): waiting and service times, no-shows and
 * appointments kept, over a span of days split by line, window, clerk, day or
 * month (the store counts: yz_hall_figures), for the station head and the
 * admin; and today's line on the head's home.
 *
 * The definitions, said once (the command's help and the README say them
 * the same way):
 *   wait     from taking the ticket to its first call, over the tickets called;
 *   service  from the first call to done (the window called the next or
 *            finished it), over the tickets served;
 *   no-show rate  no-shows / (served + no-shows): the tickets whose end is
 *            known (one being served now is neither yet);
 *   kept rate     appointments that arrived / the appointments of the days
 *            not called off. */
#include <stdio.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"

/* A day as forms accept it ("20261207", "2026-12-07") into out; "" or NULL
 * gives def. 0, or -1 with err naming what was typed. */
static int day_arg(const char *typed, const char *def, char out[11], yz_err *err)
{
	yz_date d;

	if (!typed || !*typed) {
		snprintf(out, 11, "%s", def);
		return 0;
	}
	if (yz_date_norm(typed, out) == out && yz_date_parse(out, &d))
		return 0;
	yz_err_setc(err, YZ_ERR_INVALID, _("\"%s\" is not a date: write it as 2026-12-07."), typed);
	return -1;
}

int yz_service_hall_figures(yz_session *s, const char *from, const char *until, char by,
                            yz_hall_fig *out, size_t max, size_t *n, yz_err *err)
{
	char today[11], first[11], a[11], b[11], subject[128];

	*n = 0;
	snprintf(subject, sizeof subject, "hall stats %s..%s", from && *from ? from : "-",
	         until && *until ? until : "-");
	if (svc_require_as(s, "stats_denied", true, subject,
	                   _("Only the station head or the admin can see the hall's figures."),
	                   err) != 0)
		return -1;
	if (!by || !strchr("lwcdm", by)) {
		yz_err_setc(
		    err, YZ_ERR_INVALID, "%s",
		    _("The hall's figures are split by line, window, clerk, day or month."));
		return -1;
	}
	/* Without dates: this month up to today. */
	yz_date_format(s->today, today);
	if (day_arg(until, today, b, err) != 0)
		return -1;
	snprintf(first, sizeof first, "%.8s01", b);
	if (day_arg(from, first, a, err) != 0)
		return -1;
	if (strcmp(a, b) > 0) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The first day %s is after the last day %s: give them the other way "
		              "round."),
		            a, b);
		return -1;
	}
	return yz_hall_figures(s->store, a, b, by, out, max, n, err);
}

/* Minutes of sum seconds over count, rounded, into buf; "-" when none. */
static void mean_minutes(long sum, int count, char *buf, size_t n)
{
	if (count <= 0) {
		snprintf(buf, n, "-");
		return;
	}
	/* TRANSLATORS: a mean time in whole minutes, on the head's home line. */
	snprintf(buf, n, _("%ld min"), (sum + count * 30L) / (count * 60L));
}

/* The tickets waiting now in the station's queues. */
static int waiting_now(yz_session *s, const char *day, int *waiting, yz_err *err)
{
	const char *letters[YZ_MAX_QUEUES];
	yz_queue_count counts[YZ_MAX_QUEUES];
	size_t k = 0;

	*waiting = 0;
	for (int i = 0; i < s->cfg->n_queues && k < YZ_MAX_QUEUES; i++)
		letters[k++] = s->cfg->queues[i].letter;
	if (!k)
		return 0;
	if (yz_queue_counts(s->store, day, letters, k, counts, err) != 0)
		return -1;
	for (size_t i = 0; i < k; i++)
		*waiting += counts[i].waiting;
	return 0;
}

int yz_service_hall_today(yz_session *s, char *buf, size_t n, yz_err *err)
{
	char day[11], wait[32], serve[32], noshow[16];
	yz_hall_fig f;
	size_t rows = 0;
	int waiting;

	yz_date_format(s->today, day);
	if (yz_service_hall_figures(s, day, day, 'd', &f, 1, &rows, err) != 0 ||
	    waiting_now(s, day, &waiting, err) != 0)
		return -1;
	if (!rows)
		memset(&f, 0, sizeof f);
	mean_minutes(f.wait_s_sum, f.called, wait, sizeof wait);
	mean_minutes(f.serve_s_sum, f.served, serve, sizeof serve);
	if (f.served + f.noshow > 0)
		snprintf(noshow, sizeof noshow, "%d%%",
		         (200 * f.noshow + f.served + f.noshow) / (2 * (f.served + f.noshow)));
	else
		snprintf(noshow, sizeof noshow, "-");
	/* TRANSLATORS: the head's home: tickets waiting now, served today, the
	 * mean wait and service times ("8 min" or "-") and the no-show rate. */
	snprintf(buf, n,
	         _("Hall today: %d waiting, %d served, mean wait %s, mean service %s, "
	           "no-shows %s"),
	         waiting, f.served, wait, serve, noshow);
	return 0;
}
