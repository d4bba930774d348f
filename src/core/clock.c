/* The clock the libraries read the time from (core.h): the real one, or a
 * fixed one for tests. */
#include "yizhan/core.h"

static time_t real_now(void *ctx)
{
	(void)ctx;
	return time(NULL);
}

static time_t fixed_now(void *ctx)
{
	return *(const time_t *)ctx;
}

time_t yz_clock_now(const yz_clock *c)
{
	return c && c->now ? c->now(c->ctx) : real_now(NULL);
}

yz_clock yz_clock_real(void)
{
	return (yz_clock){.now = real_now};
}

yz_clock yz_clock_fixed(const time_t *at)
{
	/* ctx is not const (one type for every clock); fixed_now only reads it. */
	return (yz_clock){.now = fixed_now, .ctx = (void *)at};
}

yz_date yz_clock_today(const yz_clock *c)
{
	return yz_date_from_time(yz_clock_now(c));
}
