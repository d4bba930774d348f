/* Paper text (issue 13): what lands on paper is in the station's document
 * language (yizhan.conf's document_language), whatever the clerk's UI
 * language. P_() in src/intl.h calls yz_paper_gettext.
 *
 * glibc's gettext takes the catalogue's language from $LANGUAGE (ignored while
 * the thread's LC_MESSAGES locale is exactly "C"), then from LC_MESSAGES. So
 * one lookup in Chinese under an English UI sets LANGUAGE and, for that one
 * call, a thread locale whose LC_MESSAGES is a real one, then puts both back.
 * glibc also caches every translation it found under the LC_MESSAGES locale's
 * name only, not the language: without more, a Chinese word looked up for
 * paper under C.UTF-8 came back for the English screen under the same name
 * (test_paperlang shows it). textdomain() marks the loaded catalogues as
 * changed, which empties that cache before the lookup and after it.
 *
 * yizhan runs no threads of its own (the counter renders and sends each paper
 * in a child process), so changing the environment for one call is safe. */
#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "yizhan/text.h"

/* The document language of this process: the station's, set by the service
 * from yizhan.conf; one station, one value. */
static bool paper_english;

bool yz_paper_lang_valid(const char *lang)
{
	return lang && (!*lang || !strcmp(lang, "zh_CN") || !strcmp(lang, "en"));
}

bool yz_paper_lang_set(const char *lang)
{
	if (!yz_paper_lang_valid(lang))
		return false;
	paper_english = !strcmp(lang, "en");
	return true;
}

const char *yz_paper_lang(void)
{
	return paper_english ? "en" : "zh_CN";
}

/* True when gettext already answers in Chinese: LANGUAGE is zh_CN and the
 * LC_MESSAGES locale is not "C" (the Chinese UI, the program's default). */
static bool ui_is_chinese(void)
{
	const char *lang = getenv("LANGUAGE");
	const char *msg = setlocale(LC_MESSAGES, NULL);
	return lang && !strcmp(lang, "zh_CN") && msg && strcmp(msg, "C") != 0 &&
	       strcmp(msg, "POSIX") != 0;
}

/* A copy of the thread's locale with a real LC_MESSAGES locale, or 0. */
static locale_t messages_locale(void)
{
	static const char *const names[] = {"C.UTF-8", "zh_CN.UTF-8", "en_US.UTF-8"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		locale_t base = duplocale(uselocale((locale_t)0));
		if (!base)
			return (locale_t)0;
		locale_t loc = newlocale(LC_MESSAGES_MASK, names[i], base);
		if (loc)
			return loc;
		freelocale(base);
	}
	return (locale_t)0;
}

/* Empty glibc's cache of translations (see the top of the file). */
static void forget_translations(void)
{
	const char *domain = textdomain(NULL);
	if (domain)
		textdomain(domain);
}

/* msgid of domain in Chinese, whatever the UI's language. */
static const char *chinese(const char *domain, const char *msgid)
{
	const char *env = getenv("LANGUAGE");
	char *saved = env ? strdup(env) : NULL;
	locale_t loc = messages_locale();
	if ((env && !saved) || !loc || setenv("LANGUAGE", "zh_CN", 1) != 0) {
		free(saved); /* out of memory: the UI's language rather than nothing */
		if (loc)
			freelocale(loc);
		return dgettext(domain, msgid);
	}
	locale_t old = uselocale(loc);
	forget_translations();
	const char *text = dgettext(domain, msgid);
	if (saved)
		setenv("LANGUAGE", saved, 1);
	else
		unsetenv("LANGUAGE");
	uselocale(old);
	forget_translations();
	freelocale(loc);
	free(saved);
	return text;
}

const char *yz_paper_gettext(const char *domain, const char *msgid)
{
	if (!msgid || !*msgid || paper_english) /* "" would give the catalogue's header */
		return msgid;
	if (ui_is_chinese())
		return dgettext(domain, msgid);
	int e = errno; /* gettext keeps errno; so does its paper twin */
	const char *text = chinese(domain, msgid);
	errno = e;
	return text;
}
