/* Internal: gettext shorthands used by every module. User-visible strings are
 * written in English in the sources and translated in po/zh_CN.po (Chinese is
 * the default language, chosen by the app at start-up). */
#ifndef YZ_INTL_H
#define YZ_INTL_H

#include <libintl.h>

#include "yizhan/text.h"

#define YZ_DOMAIN "yizhan"
#define _(s)      dgettext(YZ_DOMAIN, s)
#define N_(s)     (s)
/* A string that lands on paper: in the station's document language, never
 * the clerk's UI language (issue 13: yz_paper_gettext in src/text/paper.c;
 * the service sets the language from yizhan.conf's document_language). Also
 * for a word chosen at run time that is printed. */
#define P_(s) yz_paper_gettext(YZ_DOMAIN, s)

#endif
