/* text: UTF-8 handling, display width, character-set conversion.
 *
 * Everything inside yizhan is UTF-8. Display width always comes from wcwidth()
 * (the caller must have set an LC_CTYPE locale whose wchar_t is UCS-4, as glibc's
 * are), never from byte counts. GB18030/GBK exist only at the edges: printers,
 * exports, imports and GB18030 terminals. */
#ifndef YZ_TEXT_H
#define YZ_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What kind of failure an error is: callers branch on the code and show the
 * message (as SQLite's sqlite3_errcode beside sqlite3_errmsg). One list, each
 * entry X(NAME, token): the enum value YZ_ERR_NAME and the token that
 * yz_err_code_name gives for logs and tests (never shown to a clerk). */
#define YZ_ERR_CODES(X)                                                                            \
	X(NONE, "none")           /* no error: a zeroed yz_err */                                  \
	X(FAILED, "failed")       /* a failure no code below describes (yz_err_set) */             \
	X(INVALID, "invalid")     /* what was typed or asked for is not acceptable */              \
	X(NOT_FOUND, "not_found") /* no such case, resident, job, file or printer */               \
	X(EXISTS, "exists")       /* already there (an ID number, a login), or taken meanwhile */  \
	X(DENIED, "denied")       /* this user may not; or a file's permissions forbid it */       \
	X(BUSY, "busy")           /* another counter holds the database or the job: try again */   \
	X(DISK_FULL, "disk_full") /* the disk is full: nothing was saved */                        \
	X(DAMAGED, "damaged")     /* the station database is damaged or not a yizhan database */   \
	X(IO, "io")               /* a file or the disk could not be read or written */            \
	X(PRINTER, "printer")     /* a document did not print (its job waits for a retry) */       \
	X(NO_MEMORY, "no_memory") /* out of memory or processes */                                 \
	X(INTERNAL, "internal")   /* an unexpected state: a bug to report */

typedef enum yz_errcode {
#define YZ_ERR_ENUM_(name, token) YZ_ERR_##name,
	YZ_ERR_CODES(YZ_ERR_ENUM_)
#undef YZ_ERR_ENUM_
} yz_errcode;

/* An error: its code and a message for the clerk, already translated — one
 * channel for both. Every function that can fail takes a yz_err * (which may
 * be NULL) and fills it. The members sit in an anonymous struct, the code
 * first, so that both {0} and {{0}} make "no error" (YZ_ERR_NONE, "") without
 * a compiler warning. */
typedef struct yz_err {
	struct {
		yz_errcode code; /* what kind of failure; YZ_ERR_NONE while there is none */
		char msg[512];   /* translated, UTF-8, one line */
	};
} yz_err;

/* Fill err with code and the formatted message. */
void yz_err_setc(yz_err *err, yz_errcode code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same with the code YZ_ERR_FAILED: for failures no caller tells apart. */
void yz_err_set(yz_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Back to "no error". */
void yz_err_clear(yz_err *err);
/* The token of a code ("disk_full"), for logs and tests; "?" when unknown. */
const char *yz_err_code_name(yz_errcode code);

/* Decode one code point from s (at most len bytes). Returns the number of bytes
 * used (1-4), or 0 when the bytes are not valid UTF-8 (overlong, surrogate, >U+10FFFF,
 * truncated). */
size_t yz_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp into out (4 bytes at least); returns bytes written, 0 if cp is invalid. */
size_t yz_utf8_encode(uint32_t cp, char *out);

bool yz_utf8_valid(const char *s, size_t len);

/* Number of code points in a NUL-terminated valid UTF-8 string. */
size_t yz_utf8_chars(const char *s);

/* Display width of one code point (0 for combining marks, 2 for CJK, -1 for
 * control characters). */
int yz_cp_width(uint32_t cp);

/* Display columns of a NUL-terminated UTF-8 string; control characters count 0,
 * invalid bytes count 1 each. */
int yz_text_width(const char *s);

/* Length in bytes of the longest prefix of s whose width is at most cols; never
 * splits a character. *width (may be NULL) receives the prefix's width. */
size_t yz_text_fit(const char *s, int cols, int *width);

/* Copy of s with C0/C1 controls, DEL and terminal escape sequences (ESC [ … final,
 * ESC ] … BEL/ST, other ESC x) removed and invalid UTF-8 bytes dropped. When
 * keep_newlines is true, '\n' is kept (memo fields). Returns malloc'd string. */
char *yz_text_sanitize(const char *s, bool keep_newlines);

/* Characters that must not come in from outside text (an import) because
 * nobody sees them: they hide inside a name or reorder what is shown. The
 * table comes from the Unicode Character Database at build time
 * (tools/gen_hidden.py): general categories Cc, Cf, Zl, Zp and
 * Default_Ignorable_Code_Point; not unassigned or private-use code points. */
typedef enum yz_hidden_kind {
	YZ_HIDDEN_NONE,        /* a character one sees */
	YZ_HIDDEN_CONTROL,     /* Cc: NUL, C0 controls, DEL, C1 controls U+0080-009F */
	YZ_HIDDEN_BIDI,        /* Bidi_Control: marks, embeddings, overrides, isolates
	                        * (U+061C, U+200E-200F, U+202A-202E, U+2066-2069) */
	YZ_HIDDEN_ZERO_WIDTH,  /* other Cf and default ignorables: zero-width spaces and
	                        * joiners, U+FEFF, U+2060, soft hyphen, U+034F, variation
	                        * selectors, U+FFF9-FFFB, tags U+E0000-E0FFF */
	YZ_HIDDEN_REPLACEMENT, /* U+FFFD: a character lost in an earlier conversion */
	YZ_HIDDEN_SEPARATOR,   /* U+2028 line and U+2029 paragraph separators (Zl, Zp) */
} yz_hidden_kind;
yz_hidden_kind yz_cp_hidden(uint32_t cp);
/* The byte offset of the first hidden character of s (len bytes, NUL bytes
 * included), LF and CR allowed when newlines is true; len when there is none.
 * *cp (may be NULL) receives it. Invalid UTF-8 bytes are skipped, not judged
 * (yz_utf8_valid does). */
size_t yz_text_find_hidden(const char *s, size_t len, bool newlines, uint32_t *cp);

/* Trim ASCII and U+3000 (ideographic space) at both ends, in place. */
char *yz_text_trim(char *s);

/* Convert between character sets with iconv. Returns a malloc'd buffer (NUL
 * terminated, length in *outlen) or NULL with err set. Characters the target
 * cannot represent are an error (no '?' substitution); *bad_offset (may be NULL)
 * receives the input byte offset of the first one. */
char *yz_iconv(const char *in, size_t inlen, const char *from, const char *to, size_t *outlen,
               size_t *bad_offset, yz_err *err);

/* True when every character of the UTF-8 string can be encoded in charset. */
bool yz_text_encodable(const char *utf8, const char *charset);

/* Like snprintf into a growing malloc'd buffer; returns NULL only on ENOMEM. */
char *yz_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copy src into dst of size n, always NUL terminated, never splitting a UTF-8
 * character. Returns true when everything fit. */
bool yz_strlcpy_utf8(char *dst, const char *src, size_t n);

/* ---- pinyin initials (table generated at build time from Unihan) ---------- */

/* Pinyin initials of one code point, from every Mandarin reading Unihan gives it
 * (kMandarin, kHanyuPinyin, kXHC1983). Bits 0-25 are the letters a-z;
 * YZ_PY_ZH/CH/SH say that a reading starts with zh/ch/sh. 0 = no reading. */
#define YZ_PY_ZH (1u << 26)
#define YZ_PY_CH (1u << 27)
#define YZ_PY_SH (1u << 28)
uint32_t yz_pinyin_mask(uint32_t cp);

/* The initial of cp's most common reading ('a'-'z'), or 0 when it has none. */
char yz_pinyin_primary(uint32_t cp);

/* Does query (ASCII letters, any case) match the name's pinyin initials from its
 * first character? Each character takes one letter, or two for zh/ch/sh ("zs"
 * and "zhs" both match a name read zhang san); a polyphonic character matches
 * any reading. ASCII letters in the name stand for themselves; other characters
 * without a reading (the '·' of minority names, digits) are skipped. Returns
 * false, or true with *exact (may be NULL) telling whether the query covered
 * every character. */
bool yz_pinyin_match(const char *name, const char *query, bool *exact);

/* The pinyin keys of name: one string per combination of the initials its
 * characters' readings start with, one letter per character (zh/ch/sh count
 * as z/c/s; yz_pinyin_match tells them apart on the name). The surname's
 * reading comes first (shan for the surname written like dan, yu chi for the
 * compound surname wei chi), then each character's most common reading, so
 * the first key is how the name is read. Every combination is written, none
 * dropped: when the whole name has more than max_keys of them (or they do not
 * fit in out), the keys cover the longest run of leading characters whose
 * combinations do, each followed by '{' ("the name goes on": the search
 * confirms the rest on the name). Separated by single spaces, written into
 * out (size n). Returns how many (0 when the name has no letters). */
size_t yz_pinyin_keys(const char *name, size_t max_keys, char *out, size_t n);

/* Changes whenever yz_pinyin_keys would give other keys for some name (their
 * form, the reading table, the surname readings): a station whose stored keys
 * were made under another value makes them again. */
uint32_t yz_pinyin_keys_version(void);

/* The one-letter-per-character strings a query may stand for: each "zh", "ch",
 * "sh" is read both as one initial and as two ("zhs" gives "zs" and "zhs").
 * Lower-cased, space separated; at most max_keys. Returns how many, 0 when the
 * query is not all ASCII letters. */
size_t yz_pinyin_query_keys(const char *query, size_t max_keys, char *out, size_t n);

/* Paper text (issue 13): documents are in the station's document language,
 * whatever the clerk's UI language. The languages are "zh_CN" (the default)
 * and "en" (the English msgids themselves); "" means the default. */
bool yz_paper_lang_valid(const char *lang);
/* Set this process's document language (the service does, from yizhan.conf);
 * false, and nothing changed, when lang is not valid. */
bool yz_paper_lang_set(const char *lang);
/* "zh_CN" or "en". */
const char *yz_paper_lang(void);
/* msgid of the gettext domain in the document language (P_() in src/intl.h;
 * also for a word chosen at run time): like dgettext, the result lives as
 * long as the program, and errno is kept. */
const char *yz_paper_gettext(const char *domain, const char *msgid);

#endif
