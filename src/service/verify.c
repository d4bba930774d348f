/* Verification codes of printed documents, without a table of their own.
 *
 * A code is 12 characters of Crockford's alphabet (no I, L, O, U: nothing a
 * reader could take for another character). The first six carry the case's year
 * and sequence (masked, so that codes do not look sequential); the last six are
 * 30 bits of HMAC-SHA256 over the station code, the case number and the document
 * id, keyed with a secret made once per station and kept in the station key
 * file (never in the database: a copy of it cannot forge a code). Checking a
 * code is therefore one case lookup and a few HMACs, however many cases the
 * station has; forging one means guessing 30 bits. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <nettle/hmac.h>

#include "../intl.h"
#include "yizhan/service.h"

#define SECRET_BYTES 32

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The station's secret: the "verify" key of the station key file, never in
 * the database (an older station's meta.verify_secret was moved there when it
 * was upgraded, so the codes it printed stay valid). */
static int load_secret(yz_session *s, unsigned char key[SECRET_BYTES], yz_err *err)
{
	return yz_store_verify_key(s->store, key, err);
}

/* The first 30 bits of HMAC-SHA256(key, parts joined by '\n'). */
static uint32_t mac30(const unsigned char key[SECRET_BYTES], const char *const *parts, size_t n)
{
	struct hmac_sha256_ctx ctx;
	hmac_sha256_set_key(&ctx, SECRET_BYTES, key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			hmac_sha256_update(&ctx, 1, (const uint8_t *)"\n");
		hmac_sha256_update(&ctx, strlen(parts[i]), (const uint8_t *)parts[i]);
	}
	uint8_t d[SHA256_DIGEST_SIZE];
	hmac_sha256_digest(&ctx, sizeof d, d);
	return ((uint32_t)d[0] << 22 | (uint32_t)d[1] << 14 | (uint32_t)d[2] << 6 | d[3] >> 2) &
	       0x3fffffffu;
}

static uint32_t payload_mask(const unsigned char key[SECRET_BYTES])
{
	const char *parts[] = {"payload-mask"};
	return mac30(key, parts, 1);
}

static void put30(uint32_t v, char *out)
{
	for (int i = 5; i >= 0; i--, v >>= 5)
		out[i] = alphabet[v & 31];
}

/* Year and sequence of "<station>-<year>-<seq>"; false when it is not one. */
static bool split_number(const char *case_no, int *year, long *seq)
{
	const char *d2 = strrchr(case_no, '-');
	if (!d2 || d2 == case_no)
		return false;
	const char *d1 = d2 - 1;
	while (d1 > case_no && *d1 != '-')
		d1--;
	if (*d1 != '-' || sscanf(d1 + 1, "%4d", year) != 1 || sscanf(d2 + 1, "%6ld", seq) != 1)
		return false;
	return *year >= 2000 && *year < 2128 && *seq > 0 && *seq <= 999999;
}

static uint32_t doc_mac(yz_session *s, const unsigned char *key, const char *case_no,
                        const char *doc)
{
	const char *parts[] = {s->cfg->station_code, case_no, doc};
	return mac30(key, parts, 3);
}

static void format_code(uint32_t payload, uint32_t mac, char out[YZ_VERIFY_BUF])
{
	char raw[12];
	put30(payload, raw);
	put30(mac, raw + 6);
	snprintf(out, YZ_VERIFY_BUF, "%.4s-%.4s-%.4s", raw, raw + 4, raw + 8);
}

int yz_service_verify_code(yz_session *s, const char *case_no, const char *doc,
                           char out[YZ_VERIFY_BUF], yz_err *err)
{
	int year;
	long seq;
	unsigned char key[SECRET_BYTES];
	out[0] = '\0';
	if (!split_number(case_no, &year, &seq)) {
		yz_err_set(err, _("%s is not a case number"), case_no);
		return -1;
	}
	if (load_secret(s, key, err) != 0)
		return -1;
	uint32_t payload = ((uint32_t)(year - 2000) << 20 | (uint32_t)seq) ^ payload_mask(key);
	format_code(payload, doc_mac(s, key, case_no, doc), out);
	return 0;
}

void yz_service_doc_serial(const char *case_no, int doc_index, char *out, size_t n)
{
	snprintf(out, n, "%s-%d", case_no, doc_index);
}

/* The 12 code characters of text (dashes and spaces dropped, lower case and
 * the look-alikes O, I, L read as 0, 1, 1); false when it cannot be a code. */
static bool normalise(const char *text, uint32_t *payload, uint32_t *mac)
{
	uint32_t v[2] = {0, 0};
	size_t n = 0;
	for (const char *p = text; *p; p++) {
		int c = toupper((unsigned char)*p);
		if (c == '-' || c == ' ')
			continue;
		c = c == 'O' ? '0' : (c == 'I' || c == 'L') ? '1' : c;
		const char *at = c ? strchr(alphabet, c) : NULL;
		if (!at || n == YZ_VERIFY_LEN)
			return false;
		v[n / 6] = v[n / 6] << 5 | (uint32_t)(at - alphabet);
		n++;
	}
	*payload = v[0];
	*mac = v[1];
	return n == YZ_VERIFY_LEN;
}

/* The first character of the name and a star for each other one. */
static void mask_name(const char *name, char *out, size_t n)
{
	uint32_t cp;
	size_t first = yz_utf8_decode(name, strlen(name), &cp);
	size_t rest = yz_utf8_chars(name);
	snprintf(out, n, "%.*s%s", (int)first, name, rest > 2 ? "**" : rest == 2 ? "*" : "");
}

static const char *doc_title(const yz_form *f, const char *doc)
{
	if (strcmp(doc, "receipt") == 0)
		return _("Acceptance receipt");
	const yz_document_def *d = f ? yz_form_document(f, doc) : NULL;
	return d && d->title ? d->title : doc;
}

/* Which document of case c carries mac; false when none does. */
static bool match_doc(yz_session *s, const unsigned char *key, const yz_case *c, uint32_t mac,
                      yz_verify_result *out)
{
	const yz_form *f = yz_catalogue_find(s->cat, c->form_id);
	size_t n = f ? f->n_documents : 0;
	for (size_t i = 0; i <= n; i++) {
		const char *doc = i == 0 ? "receipt" : f->documents[i - 1].id;
		if (doc_mac(s, key, c->number, doc) != mac)
			continue;
		snprintf(out->doc, sizeof out->doc, "%s", doc);
		snprintf(out->doc_title, sizeof out->doc_title, "%s", doc_title(f, doc));
		return true;
	}
	return false;
}

int yz_service_verify(yz_session *s, const char *code, yz_verify_result *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	out->status = YZ_VERIFY_UNKNOWN;
	uint32_t payload, mac;
	unsigned char key[SECRET_BYTES];
	if (!normalise(code, &payload, &mac))
		return 0;
	if (load_secret(s, key, err) != 0)
		return -1;
	payload ^= payload_mask(key);
	unsigned year = 2000 + (payload >> 20), seq = payload & 0xfffff;
	if (seq == 0 || seq > 999999 || year >= 2128)
		return 0;
	snprintf(out->case_number, sizeof out->case_number, "%s-%04u-%06u", s->cfg->station_code,
	         year, seq);
	yz_case c;
	int rc = yz_case_get(s->store, out->case_number, &c, err);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	if (!match_doc(s, key, &c, mac, out)) {
		out->status = YZ_VERIFY_FORGED;
		return 0;
	}
	out->status = YZ_VERIFY_GENUINE;
	snprintf(out->item, sizeof out->item, "%s", c.item);
	snprintf(out->date, sizeof out->date, "%s", c.accepted_date);
	out->case_status = c.status;
	mask_name(c.resident_name, out->resident_initial, sizeof out->resident_initial);
	if (c.resident_idno[0])
		yz_idcard_mask(c.resident_idno, out->resident_idno_masked);
	snprintf(out->station, sizeof out->station, "%s",
	         s->cfg->station_name[0] ? s->cfg->station_name : s->cfg->station_code);
	return 0;
}
