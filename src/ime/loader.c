/* Loading the engine module (ime-int.h) on first use.
 *
 * Where the module is looked for, as src/print/loader.c does for the render
 * module:
 *   $YIZHAN_IME_MODULE  a path (the build tree's module: tests, `meson
 *                       devenv`, ./run), and then nothing else;
 *   YZ_PKGLIBDIR        else where `meson install` puts it.
 * No path of the build tree is compiled in. A module of another version of
 * yizhan is refused: the table's layout may differ.
 *
 * No handle is kept: dlopen() of a module already loaded finds it again. The
 * module is never closed: librime's C++ runtime and glog do not unload
 * cleanly. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "ime-int.h"
#include "yz_config.h"

/* The module's table from path, or NULL with why set. */
static const yz_ime_ops *open_module(const char *path, char *why, size_t n)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, n, "%s", e ? e : path);
		return NULL;
	}
	const yz_ime_ops *ops = dlsym(h, YZ_IME_SYMBOL);
	if (ops && ops->abi == YZ_IME_ABI && ops->version && strcmp(ops->version, YZ_VERSION) == 0)
		return ops;
	snprintf(why, n, _("%s belongs to another version of yizhan"), path);
	dlclose(h);
	return NULL;
}

const yz_ime_ops *yz_ime_module(yz_err *err)
{
	char why[PATH_MAX + 128] = "";
	const char *env = getenv("YIZHAN_IME_MODULE");
	const yz_ime_ops *ops =
	    open_module(env && *env ? env : YZ_PKGLIBDIR "/" YZ_IME_MODULE_NAME, why, sizeof why);
	if (!ops)
		yz_err_setc(err, YZ_ERR_NOT_FOUND,
		            _("Pinyin input is missing a part (%s). Reinstall yizhan (its package "
		              "needs librime1) or call the station's technical support."),
		            why);
	return ops;
}
