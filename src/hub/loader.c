/* Loading the hub module (module-int.h) on first use: hub.h's functions as
 * the program sees them, each a call through the module's table.
 *
 * Where the module is looked for (as src/print/loader.c):
 *   $YIZHAN_HUB_MODULE  a path (the build tree's module: tests, `meson
 *                       devenv`, ./run), and then nothing else;
 *   YZ_PKGLIBDIR        else where `meson install` puts it.
 * No handle is kept: dlopen() of a module already loaded finds it again, which
 * costs microseconds beside a round trip to the hub. The module is never
 * closed (libpq's TLS libraries cannot be unloaded safely). When it cannot be
 * loaded, every call fails as a hub that cannot be reached does, with a
 * sentence the admin can act on. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "module-int.h"
#include "yz_config.h"

/* The module's table from path, or NULL with why set. */
static const yz_hub_ops *open_module(const char *path, char *why, size_t n)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, n, "%s", e ? e : path);
		return NULL;
	}
	const yz_hub_ops *ops = dlsym(h, YZ_HUB_SYMBOL);
	if (ops && ops->abi == YZ_HUB_ABI && ops->version && strcmp(ops->version, YZ_VERSION) == 0)
		return ops;
	snprintf(why, n, _("%s belongs to another version of yizhan"), path);
	dlclose(h);
	return NULL;
}

/* The hub module, or NULL with err set (err may be NULL). */
static const yz_hub_ops *hub_ops(yz_err *err)
{
	char why[PATH_MAX + 128] = "";
	const char *env = getenv("YIZHAN_HUB_MODULE");
	const yz_hub_ops *ops =
	    open_module(env && *env ? env : YZ_PKGLIBDIR "/" YZ_HUB_MODULE_NAME, why, sizeof why);
	if (!ops)
		yz_err_setc(
		    err, YZ_ERR_IO,
		    _("The district hub's part of yizhan is missing (%s). Reinstall yizhan "
		      "(its package needs libpq5) or call the station's technical support."),
		    why);
	return ops;
}

/* return the module's answer, or -1 when it cannot be loaded (err says why) */
#define HUB_CALL(err, op, ...)                                                                     \
	do {                                                                                       \
		const yz_hub_ops *o_ = hub_ops(err);                                               \
		return o_ ? o_->op(__VA_ARGS__) : -1;                                              \
	} while (0)

/* Things made by the module are freed by it; without the module nothing was
 * made. */
#define HUB_FREE(op, ...)                                                                          \
	do {                                                                                       \
		const yz_hub_ops *o_ = hub_ops(NULL);                                              \
		if (o_)                                                                            \
			o_->op(__VA_ARGS__);                                                       \
	} while (0)

int yz_hub_open(yz_hub **out, const char *url, const char *password, int connect_timeout_s,
                yz_err *err)
{
	*out = NULL;
	HUB_CALL(err, open, out, url, password, connect_timeout_s, err);
}

void yz_hub_close(yz_hub *h)
{
	if (h)
		HUB_FREE(close, h);
}

int yz_hub_migrate(yz_hub *h, int *from, int *to, yz_err *err)
{
	HUB_CALL(err, migrate, h, from, to, err);
}

int yz_hub_station_add(yz_hub *h, const char *code, const char *name, char *role, char *password,
                       yz_err *err)
{
	HUB_CALL(err, station_add, h, code, name, role, password, err);
}

int yz_hub_dept_add(yz_hub *h, const char *code, const char *name, char *role, char *password,
                    yz_err *err)
{
	HUB_CALL(err, dept_add, h, code, name, role, password, err);
}

int yz_hub_stations(yz_hub *h, yz_hub_station **out, size_t *n, yz_err *err)
{
	HUB_CALL(err, stations, h, out, n, err);
}

int yz_hub_is_admin(yz_hub *h, bool *admin, yz_err *err)
{
	HUB_CALL(err, is_admin, h, admin, err);
}

int yz_hub_url_for(yz_hub *h, const char *role, char *out, size_t n, yz_err *err)
{
	HUB_CALL(err, url_for, h, role, out, n, err);
}

int yz_hub_push(yz_hub *h, const char *station, const yz_hub_change *rows, size_t n,
                int64_t backlog, int64_t *acked, yz_err *err)
{
	HUB_CALL(err, push, h, station, rows, n, backlog, acked, err);
}

int yz_hub_last_seq(yz_hub *h, const char *station, int64_t *seq, yz_err *err)
{
	HUB_CALL(err, last_seq, h, station, seq, err);
}

int yz_hub_last_seen(yz_hub *h, const char *station, int64_t *seq, int64_t *answer_id, yz_err *err)
{
	HUB_CALL(err, last_seen, h, station, seq, answer_id, err);
}

int yz_hub_answers(yz_hub *h, const char *station, int64_t after_id, size_t max,
                   yz_hub_answer **out, size_t *n, yz_err *err)
{
	HUB_CALL(err, answers, h, station, after_id, max, out, n, err);
}

void yz_hub_answers_free(yz_hub_answer *a, size_t n)
{
	if (a)
		HUB_FREE(answers_free, a, n);
}

int yz_hub_digest(yz_hub *h, const char *station, const char *kind, int64_t *count, char hex[65],
                  yz_err *err)
{
	HUB_CALL(err, digest, h, station, kind, count, hex, err);
}

int yz_hub_inbox(yz_hub *h, const yz_hub_inbox_query *q, yz_hub_inbox_row **out, size_t *n,
                 yz_err *err)
{
	HUB_CALL(err, inbox, h, q, out, n, err);
}

int yz_hub_answer_forward(yz_hub *h, const char *dept, const char *station, const char *forward_key,
                          const char *result, const char *result_date, yz_err *err)
{
	HUB_CALL(err, answer_forward, h, dept, station, forward_key, result, result_date, err);
}

int yz_hub_forward_of(yz_hub *h, const char *dept, const char *station, const char *case_no,
                      char key[64], yz_err *err)
{
	HUB_CALL(err, forward_of, h, dept, station, case_no, key, err);
}

int yz_hub_case_view_get(yz_hub *h, const char *dept, const char *station, const char *forward_key,
                         const char *today, yz_hub_case_view *out, yz_err *err)
{
	HUB_CALL(err, case_view_get, h, dept, station, forward_key, today, out, err);
}

void yz_hub_case_view_free(yz_hub_case_view *v)
{
	if (v)
		HUB_FREE(case_view_free, v);
}

int yz_hub_stats_read(yz_hub *h, const char *station, const yz_stats_query *q,
                      const yz_stats_sink *sink, yz_err *err)
{
	HUB_CALL(err, stats_read, h, station, q, sink, err);
}

int yz_hub_lrows_cases(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	HUB_CALL(err, lrows_cases, h, q, cb, ctx, err);
}

int yz_hub_lrows_forwards(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	HUB_CALL(err, lrows_forwards, h, q, cb, ctx, err);
}

int yz_hub_lrows_followups(yz_hub *h, const yz_lrow_query *q, yz_lrow_cb cb, void *ctx, yz_err *err)
{
	HUB_CALL(err, lrows_followups, h, q, cb, ctx, err);
}

int yz_hub_lrows_latest(yz_hub *h, const char *station, const char *form_id, const char *to,
                        yz_hub_latest_cb cb, void *ctx, yz_err *err)
{
	HUB_CALL(err, lrows_latest, h, station, form_id, to, cb, ctx, err);
}

int yz_hub_publish(yz_hub *h, yz_hub_pub_file *files, size_t n, yz_err *err)
{
	HUB_CALL(err, publish, h, files, n, err);
}

int yz_hub_withdraw(yz_hub *h, const char *name, int64_t *version, yz_err *err)
{
	HUB_CALL(err, withdraw, h, name, version, err);
}

int yz_hub_published_list(yz_hub *h, yz_hub_published **out, size_t *n, yz_err *err)
{
	HUB_CALL(err, published_list, h, out, n, err);
}

int yz_hub_published_since(yz_hub *h, int64_t after, size_t max, yz_hub_published **out, size_t *n,
                           int64_t *hub_version, yz_err *err)
{
	HUB_CALL(err, published_since, h, after, max, out, n, hub_version, err);
}

void yz_hub_published_free(yz_hub_published *p, size_t n)
{
	if (p)
		HUB_FREE(published_free, p, n);
}
