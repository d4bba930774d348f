/* Loading the render module (render-int.h) on first use.
 *
 * The PDF and raster renderers and CUPS submission live in yizhan-render.so
 * so that a process pays for cairo, pango, libcups and their libraries only
 * once it prints, makes a PDF or asks a printer something. These wrappers keep
 * print.h's API: when the module cannot be loaded they fail like any other
 * print failure, with a sentence the clerk can pass on.
 *
 * Where the module is looked for, first found wins:
 *   $YIZHAN_RENDER_MODULE  a path (tests, packagers), and then nothing else;
 *   the build tree         when this program runs from the build tree it
 *                          was built in (tests, developers);
 *   YZ_PKGLIBDIR           where `meson install` puts it.
 *
 * No handle is kept (no global state): dlopen() of a module already loaded only
 * finds it again, which costs microseconds beside a print. The module is never
 * closed: glib and fontconfig cannot be unloaded safely. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "render-int.h"
#include "yz_config.h"

/* True when the running program is inside YZ_BUILD_ROOT: a program that was
 * installed (or copied) elsewhere must not pick up a build tree's module. */
static bool in_build_tree(void)
{
	char exe[PATH_MAX], root[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || !realpath(YZ_BUILD_ROOT, root))
		return false;
	exe[n] = '\0';
	size_t k = strlen(root);
	return strncmp(exe, root, k) == 0 && exe[k] == '/';
}

/* The module's table from path, or NULL with why set. */
static const yz_render_ops *open_module(const char *path, char *why, size_t n)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, n, "%s", e ? e : path);
		return NULL;
	}
	const yz_render_ops *ops = dlsym(h, YZ_RENDER_SYMBOL);
	if (ops && ops->abi == YZ_RENDER_ABI && ops->version &&
	    strcmp(ops->version, YZ_VERSION) == 0)
		return ops;
	snprintf(why, n, _("%s belongs to another version of yizhan"), path);
	dlclose(h);
	return NULL;
}

/* The render module, or NULL with err set. */
static const yz_render_ops *render_ops(yz_err *err)
{
	char why[PATH_MAX + 128] = "";
	const yz_render_ops *ops = NULL;
	const char *env = getenv("YIZHAN_RENDER_MODULE");
	if (env && *env) {
		ops = open_module(env, why, sizeof why);
	} else {
		if (in_build_tree())
			ops = open_module(YZ_RENDER_BUILD_PATH, why, sizeof why);
		if (!ops)
			ops = open_module(YZ_PKGLIBDIR "/" YZ_RENDER_NAME, why, sizeof why);
	}
	if (!ops)
		yz_err_set(err,
		           _("Printing components are missing: %s. Reinstall yizhan or call the "
		             "station's technical support."),
		           why);
	return ops;
}

/* The same for the CUPS calls, whose failures go into res->reason. */
static const yz_render_ops *render_ops_res(yz_cups_result *res)
{
	yz_err err = {{0}};
	const yz_render_ops *ops = render_ops(&err);
	if (!ops && res) {
		memset(res, 0, sizeof *res);
		yz_strlcpy_utf8(res->reason, err.msg, sizeof res->reason);
	}
	return ops;
}

int yz_pdf_render(const yz_doc *d, yz_paper paper, unsigned char **out, size_t *len, yz_err *err)
{
	*out = NULL;
	*len = 0;
	const yz_render_ops *ops = render_ops(err);
	return ops ? ops->pdf_render(d, paper, out, len, err) : -1;
}

int yz_raster_text(const char *text, unsigned style, int width_dots, yz_bitmap *bm, yz_err *err)
{
	memset(bm, 0, sizeof *bm);
	const yz_render_ops *ops = render_ops(err);
	return ops ? ops->raster_text(text, style, width_dots, bm, err) : -1;
}

int yz_raster_qr(const char *data, int width_dots, yz_bitmap *bm, yz_err *err)
{
	memset(bm, 0, sizeof *bm);
	const yz_render_ops *ops = render_ops(err);
	return ops ? ops->raster_qr(data, width_dots, bm, err) : -1;
}

int yz_cups_submit(const char *printer, const char *title, const char *mime,
                   const unsigned char *data, size_t len, int timeout_ms, yz_cups_result *res)
{
	const yz_render_ops *ops = render_ops_res(res);
	return ops ? ops->cups_submit(printer, title, mime, data, len, timeout_ms, res) : -1;
}

int yz_cups_job_state(int job_id, int timeout_ms, yz_job_state *state, yz_cups_result *res)
{
	*state = YZ_CUPS_JOB_UNKNOWN;
	const yz_render_ops *ops = render_ops_res(res);
	return ops ? ops->cups_job_state(job_id, timeout_ms, state, res) : -1;
}

size_t yz_cups_list(char **names, size_t max)
{
	/* No way to say why here: an empty list, and printing says why. */
	const yz_render_ops *ops = render_ops(NULL);
	return ops ? ops->cups_list(names, max) : 0;
}
