/* Locale set-up. The UI is Chinese by default and English when the locale asks
 * for English. Messages are always delivered in UTF-8 (the TUI and app_print
 * convert for GB18030 terminals), because every other text in the program —
 * forms, database, documents — is UTF-8 too. */
#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "../intl.h"
#include "app.h"
#include "yz_config.h"

/* The first of LC_ALL, LC_MESSAGES, LANG that is set. */
static const char *messages_env(void)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return "";
}

static bool wants_english(void)
{
	const char *lang = getenv("LANGUAGE");
	if (lang && *lang)
		return strncmp(lang, "en", 2) == 0;
	return strncmp(messages_env(), "en", 2) == 0;
}

/* The installed catalogues, or a build tree's ($YIZHAN_LOCALEDIR, set by the
 * tests, `meson devenv` and ./run) so that the program run from the build
 * folder shows the translations it was built with. */
static const char *locale_dir(void)
{
	const char *env = getenv("YIZHAN_LOCALEDIR");
	if (env && *env)
		return env;
	return YZ_LOCALEDIR;
}

/* Wide characters need a multibyte LC_CTYPE; a bare "C" locale gets UTF-8. */
static void ensure_ctype(void)
{
	const char *cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "GB18030") == 0 || strcmp(cs, "GBK") == 0)
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "zh_CN.UTF-8");
}

void app_setup_locale(void)
{
	setlocale(LC_ALL, "");
	ensure_ctype();
	if (!wants_english()) {
		/* gettext ignores LANGUAGE under the C locale, so give LC_MESSAGES a
		 * real one; the catalogue then comes from LANGUAGE. */
		const char *cur = setlocale(LC_MESSAGES, NULL);
		if (!cur || !strcmp(cur, "C") || !strcmp(cur, "POSIX"))
			if (!setlocale(LC_MESSAGES, "zh_CN.UTF-8"))
				setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", "zh_CN", 1);
	}
	bindtextdomain(YZ_DOMAIN, locale_dir());
	bind_textdomain_codeset(YZ_DOMAIN, "UTF-8");
	textdomain(YZ_DOMAIN);
}
