/* store/surveys.h: placeholder (issue 18), written by the store's owner. */
#ifndef YZ_STORE_SURVEYS_H
#define YZ_STORE_SURVEYS_H
#endif
