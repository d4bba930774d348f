/* A department at the district hub (service/district.h): the hub module's
 * inbox, case and answer behind a session that remembers where the hub is, so
 * that a lost link is opened again on the next call, and whose waits are
 * bounded: connecting (connect_timeout), a statement (the hub module's
 * statement_timeout) and a silent link (TCP keepalives and
 * tcp_user_timeout added to the hub's address; libpq ignores them on a Unix
 * socket, where a stopped server is seen at once). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "service_int.h"
#include "yizhan/service/district.h"
#include "yizhan/service/lifecycle.h"

struct yz_district {
	yz_hub *hub; /* NULL after a lost link, until the next call */
	char *url;   /* the hub's address */
	char password[128];
	char code[17];           /* the department's code ("" = the login's own) */
	char name[160];          /* its name, once a row has shown it */
	int timeout_s;           /* connect_timeout */
	const yz_catalogue *cat; /* the forms for the fields' labels; may be NULL */
};

const char *yz_district_dept_code(const yz_config *cfg, const char *dept)
{
	if (dept && *dept)
		return dept;
	return cfg && cfg->hub_dept[0] ? cfg->hub_dept : "";
}

static int connect_hub(yz_district *d, yz_err *err)
{
	if (d->hub)
		return 0;
	return yz_hub_open(&d->hub, d->url, d->password, d->timeout_s, err);
}

/* After a failure: a link that is gone is opened again next time. */
static int failed(yz_district *d, yz_err *err)
{
	if (err->code == YZ_ERR_IO) {
		yz_hub_close(d->hub);
		d->hub = NULL;
	}
	return -1;
}

int yz_district_open(yz_district **out, const yz_config *cfg, const yz_catalogue *cat,
                     const char *dept, int connect_timeout_s, yz_err *err)
{
	*out = NULL;
	if (!cfg || !cfg->hub[0]) {
		yz_err_setc(err, YZ_ERR_INVALID, "%s",
		            _("This workstation has no hub: write hub = …, hub_password = … and "
		              "hub_dept = … in yizhan.conf (yizhan hub dept add prints them)."));
		return -1;
	}
	yz_district *d = calloc(1, sizeof *d);
	if (!d || !(d->url = strdup(cfg->hub))) {
		free(d);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
		return -1;
	}
	snprintf(d->password, sizeof d->password, "%s", cfg->hub_password);
	snprintf(d->code, sizeof d->code, "%s", yz_district_dept_code(cfg, dept));
	d->timeout_s = connect_timeout_s > 0 ? connect_timeout_s : 10;
	d->cat = cat;
	/* The department is checked at once: a wrong code is said before any
	 * screen (the inbox's first row also tells its name). */
	yz_dept_row *rows = NULL;
	size_t n = 0;
	yz_hub_inbox_query q = {.dept = d->code[0] ? d->code : NULL, .all = true, .limit = 1};
	if (connect_hub(d, err) != 0 || yz_hub_inbox(d->hub, &q, &rows, &n, err) != 0) {
		yz_district_close(d);
		return -1;
	}
	if (n)
		snprintf(d->name, sizeof d->name, "%s", rows[0].department);
	free(rows);
	*out = d;
	return 0;
}

void yz_district_close(yz_district *d)
{
	if (!d)
		return;
	yz_hub_close(d->hub);
	free(d->url);
	memset(d->password, 0, sizeof d->password);
	free(d);
}

const char *yz_district_dept_name(const yz_district *d)
{
	return d->name;
}

const char *yz_district_code(const yz_district *d)
{
	return d->code;
}

int yz_district_inbox(yz_district *d, bool all, const yz_dept_row *after, size_t limit,
                      const char *today, yz_dept_row **rows, size_t *n, yz_err *err)
{
	*rows = NULL;
	*n = 0;
	yz_hub_inbox_query q = {.dept = d->code[0] ? d->code : NULL,
	                        .today = today,
	                        .all = all,
	                        .limit = limit,
	                        .after = after};
	if (connect_hub(d, err) != 0 || yz_hub_inbox(d->hub, &q, rows, n, err) != 0)
		return failed(d, err);
	if (*n && !d->name[0])
		snprintf(d->name, sizeof d->name, "%s", (*rows)[0].department);
	return 0;
}

/* The fields of c under their labels, their values as the counter shows
 * them, when its form is known here; else as the station keyed them. */
static void label_fields(const yz_district *d, yz_dept_case *c)
{
	const yz_form *f = d->cat && c->form[0] ? yz_catalogue_find(d->cat, c->form) : NULL;
	if (!f)
		return;
	for (size_t i = 0; i < c->n_fields; i++) {
		yz_hub_field *fl = &c->fields[i];
		char label[256], buf[19];
		const char *shown =
		    yz_service_field_shown(f, fl->key, fl->value, label, sizeof label, buf);
		char *k = strdup(label), *v = strdup(shown ? shown : "");
		if (!k || !v) {
			free(k);
			free(v);
			continue; /* out of memory: this one stays as it came */
		}
		free(fl->key);
		free(fl->value);
		fl->key = k;
		fl->value = v;
	}
}

int yz_district_case(yz_district *d, const yz_dept_row *r, const char *today, yz_dept_case *out,
                     yz_err *err)
{
	memset(out, 0, sizeof *out);
	if (connect_hub(d, err) != 0 ||
	    yz_hub_case_view_get(d->hub, d->code[0] ? d->code : NULL, r->station, r->forward_key,
	                         today, out, err) != 0)
		return failed(d, err);
	label_fields(d, out);
	return 0;
}

void yz_district_case_free(yz_dept_case *c)
{
	yz_hub_case_view_free(c);
}

int yz_district_answer(yz_district *d, const yz_dept_row *r, const char *result, const char *date,
                       yz_err *err)
{
	if (connect_hub(d, err) != 0 ||
	    yz_hub_answer_forward(d->hub, d->code[0] ? d->code : NULL, r->station, r->forward_key,
	                          result, date, err) != 0)
		return failed(d, err);
	return 0;
}

int svc_district_admin_only(yz_hub *h, yz_err *err)
{
	bool admin = false;

	if (yz_hub_is_admin(h, &admin, err) != 0)
		return -1;
	if (admin)
		return 0;
	/* A station's hub login (its password is in the station's yizhan.conf,
	 * which the station's group reads) must not be a way round the
	 * station's own rules: figures and ledgers for the head only, each
	 * run audited. */
	yz_err_setc(err, YZ_ERR_DENIED, "%s",
	            _("This is the district's, for the hub's admin login only. A station's own "
	              "figures and ledgers are yizhan stats and yizhan ledger at the station (for "
	              "its head, recorded in its audit trail)."));
	return -1;
}

int svc_district_station(yz_hub *h, const char *code, yz_hub_station *out, yz_err *err)
{
	yz_hub_station *list = NULL;
	size_t n = 0;
	int rc = -1;

	if (yz_hub_stations(h, &list, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n && rc != 0; i++)
		if (!strcmp(list[i].code, code)) {
			*out = list[i];
			rc = 0;
		}
	free(list);
	if (rc != 0)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("The hub has no station %s (or this login may not read it)."), code);
	return rc;
}
