/* Character-set conversion with glibc's iconv. No "//TRANSLIT" and no
 * "//IGNORE": a resident's name that a printer cannot print must be reported,
 * never silently turned into '?' or dropped. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../intl.h"
#include "yizhan/text.h"

/* Output buffer that grows as iconv needs. */
struct outbuf {
	char *data;  /* malloc'd */
	size_t size; /* allocated bytes */
	char *pos;   /* next byte iconv writes */
	size_t left; /* bytes free after pos, keeping room for the terminator */
};

/* Room kept after the converted text for a NUL of any width (UTF-32 needs 4). */
#define TERMINATOR 4

static bool outbuf_grow(struct outbuf *b)
{
	size_t used = (size_t)(b->pos - b->data);
	size_t size = b->size * 2;
	char *data = realloc(b->data, size);

	if (!data)
		return false;
	b->data = data;
	b->size = size;
	b->pos = data + used;
	b->left = size - used - TERMINATOR;
	return true;
}

static bool is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0;
}

/* Explains an EILSEQ/EINVAL stop at byte off of the input. */
static void report_bad_input(const char *in, size_t inlen, size_t off, const char *from,
                             const char *to, int e, yz_err *err)
{
	uint32_t cp;
	size_t n = is_utf8_name(from) ? yz_utf8_decode(in + off, inlen - off, &cp) : 0;

	if (e == EINVAL) {
		yz_err_set(err, _("The text ends in the middle of a character (byte %zu)."), off);
	} else if (n > 0) {
		yz_err_set(err,
		           _("The character \"%.*s\" (U+%04X, at byte %zu) cannot be written in "
		             "%s. Use GB18030 instead, or check the text."),
		           (int)n, in + off, (unsigned)cp, off, to);
	} else {
		yz_err_set(err, _("The text is not valid %s at byte %zu."), from, off);
	}
}

/* Runs the conversion loop; returns 0, or the errno that stopped it with the
 * input offset of the character in *stop. */
static int convert(iconv_t cd, const char *in, size_t inlen, struct outbuf *b, size_t *stop)
{
	char *ip = (char *)in;
	size_t ileft = inlen;

	while (ileft > 0) {
		if (iconv(cd, &ip, &ileft, &b->pos, &b->left) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			if (!outbuf_grow(b))
				return ENOMEM;
			continue;
		}
		*stop = (size_t)(ip - in);
		return errno;
	}
	/* Flush: stateful encodings write their final shift sequence here. */
	while (iconv(cd, NULL, NULL, &b->pos, &b->left) == (size_t)-1) {
		if (errno != E2BIG || !outbuf_grow(b))
			return ENOMEM;
	}
	return 0;
}

char *yz_iconv(const char *in, size_t inlen, const char *from, const char *to, size_t *outlen,
               size_t *bad_offset, yz_err *err)
{
	if (!in)
		inlen = 0;
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1) {
		yz_err_set(err, _("Conversion from %s to %s is not supported on this computer."),
		           from, to);
		return NULL;
	}
	struct outbuf b = {.size = inlen * 2 + 16 + TERMINATOR};
	b.data = malloc(b.size);
	if (!b.data) {
		iconv_close(cd);
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return NULL;
	}
	b.pos = b.data;
	b.left = b.size - TERMINATOR;

	size_t stop = 0;
	int e = convert(cd, in ? in : "", inlen, &b, &stop);
	iconv_close(cd);
	if (e != 0) {
		free(b.data);
		if (e == ENOMEM) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
			return NULL;
		}
		if (bad_offset)
			*bad_offset = stop;
		report_bad_input(in, inlen, stop, from, to, e, err);
		return NULL;
	}
	memset(b.pos, 0, TERMINATOR);
	if (outlen)
		*outlen = (size_t)(b.pos - b.data);
	return b.data;
}

bool yz_text_encodable(const char *utf8, const char *charset)
{
	if (!utf8)
		return true;
	char *out = yz_iconv(utf8, strlen(utf8), "UTF-8", charset, NULL, NULL, NULL);
	free(out);
	return out != NULL;
}
