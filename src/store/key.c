/* The station key: a small file beside the database (or where the setting
 * key_file says) holding the keys of the audit chain and of the verification
 * codes. It is never stored in station.db, so a copy of the database alone
 * cannot forge a code nor rewrite the audit log unseen.
 *
 * The file is text, mode 0640:
 *   # comment lines
 *   master <64 hex digits>   keys of the audit chain and rows (derived by purpose)
 *   verify <64 hex digits>   key of the verification codes (an older station's
 *                            meta.verify_secret, moved here, so printed codes stay valid)
 * meta "station_key_id" holds a fingerprint of the master key, so that the key
 * of another station is refused by name instead of reporting every row as
 * altered. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../intl.h"
#include "store_int.h"

#define KEY_FILE_NAME "station.key"
#define KEY_FILE_MAX  4096 /* a key file is about 250 bytes; more is not one */
#define KEY_ID_META   "station_key_id"
#define OLD_SECRET    "verify_secret" /* meta key of schema 5 and earlier */

int st_key_path_set(yz_store *st, const char *key_path, yz_err *err)
{
	int n;

	if (key_path && key_path[0]) {
		n = snprintf(st->key_path, sizeof st->key_path, "%s", key_path);
	} else {
		const char *slash = strrchr(st->path, '/');
		if (slash)
			n = snprintf(st->key_path, sizeof st->key_path, "%.*s/%s",
			             (int)(slash - st->path), st->path, KEY_FILE_NAME);
		else
			n = snprintf(st->key_path, sizeof st->key_path, "%s", KEY_FILE_NAME);
	}
	if (n < 0 || (size_t)n >= sizeof st->key_path) {
		yz_err_set(err, _("The path of the station key file is too long: %s"),
		           key_path ? key_path : st->path);
		return -1;
	}
	return 0;
}

int yz_store_key_path(const yz_store *st, char *buf, size_t n)
{
	int len = snprintf(buf, n, "%s", st->key_path);

	return len < 0 || (size_t)len >= n ? -1 : 0;
}

void st_hmac(const uint8_t key[ST_KEY_BYTES], const char *purpose, uint8_t out[ST_KEY_BYTES])
{
	struct hmac_sha256_ctx ctx;

	hmac_sha256_set_key(&ctx, ST_KEY_BYTES, key);
	hmac_sha256_update(&ctx, strlen(purpose), (const uint8_t *)purpose);
	hmac_sha256_digest(&ctx, ST_KEY_BYTES, out);
}

static void to_hex(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

static bool from_hex(const char *s, size_t len, uint8_t *out, size_t n)
{
	if (len != 2 * n)
		return false;
	for (size_t i = 0; i < 2 * n; i++) {
		int c = s[i], v = c >= '0' && c <= '9'   ? c - '0'
		                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
		                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                                         : -1;
		if (v < 0)
			return false;
		if (i % 2 == 0)
			out[i / 2] = (uint8_t)(v << 4);
		else
			out[i / 2] |= (uint8_t)v;
	}
	return true;
}

/* The fingerprint kept in meta: 16 hex digits of HMAC(master, "station-key-id"). */
static void key_id(const yz_store *st, char out[17])
{
	uint8_t d[ST_KEY_BYTES];

	st_hmac(st->master, "station-key-id", d);
	to_hex(d, 8, out);
}

/* Derived keys, and the keyed contexts the audit code copies for each MAC. */
static void key_ready(yz_store *st)
{
	uint8_t k[ST_KEY_BYTES];

	st_hmac(st->master, "audit-chain", k);
	hmac_sha256_set_key(&st->chain_mac, sizeof k, k);
	st_hmac(st->master, "audit-rows", k);
	hmac_sha256_set_key(&st->row_mac, sizeof k, k);
	st->keyed = true;
}

static int key_missing(yz_store *st, yz_err *err)
{
	yz_err_setc(err, YZ_ERR_NOT_FOUND,
	            _("The station key %s is missing. The station's audit log and verification "
	              "codes need it: put back the station head's copy (it belongs beside the "
	              "database or where the setting key_file says). Nothing was changed."),
	            st->key_path);
	return -1;
}

static int key_damaged(yz_store *st, yz_err *err)
{
	yz_err_setc(err, YZ_ERR_DAMAGED,
	            _("The station key %s is damaged. Put back the station head's copy. Nothing "
	              "was changed."),
	            st->key_path);
	return -1;
}

/* Read and parse the key file: 0; 1 when it does not exist; -1 with err set. */
static int key_read(yz_store *st, yz_err *err)
{
	char buf[KEY_FILE_MAX + 1];
	struct stat sb;
	ssize_t len = 0, r;
	bool have_master = false, have_verify = false;
	int fd = open(st->key_path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0) {
		yz_err_setc(
		    err, YZ_ERR_DENIED,
		    _("The station key %s cannot be read (%s). Run yizhan as the station's "
		      "user or group, or ask the administrator to check the file. Nothing was "
		      "changed."),
		    st->key_path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > KEY_FILE_MAX) {
		close(fd);
		return key_damaged(st, err);
	}
	while (len < KEY_FILE_MAX && (r = read(fd, buf + len, (size_t)(KEY_FILE_MAX - len))) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	for (char *line = buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strncmp(line, "master ", 7) == 0)
			have_master = from_hex(line + 7, n - 7, st->master, ST_KEY_BYTES);
		else if (strncmp(line, "verify ", 7) == 0)
			have_verify = from_hex(line + 7, n - 7, st->verify, ST_KEY_BYTES);
	}
	if (!have_master || !have_verify)
		return key_damaged(st, err);
	key_ready(st);
	return 0;
}

static int key_write_fail(yz_store *st, const char *tmp, int fd, yz_err *err)
{
	int e = errno;

	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	yz_err_setc(err, e == ENOSPC ? YZ_ERR_DISK_FULL : YZ_ERR_DENIED,
	            _("The station key %s could not be written (%s). Nothing was changed."),
	            st->key_path, strerror(e));
	return -1;
}

/* Write st's keys to a new file beside the key file, then put it in place:
 * link (never replacing one another counter made first: 1 then) or, with
 * replace, rename. 0, 1 = another's exists, -1. */
static int key_write(yz_store *st, bool replace, yz_err *err)
{
	char tmp[sizeof st->key_path + 16], text[512], m[2 * ST_KEY_BYTES + 1],
	    v[2 * ST_KEY_BYTES + 1];
	int fd, n, rc = 0;

	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", st->key_path) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return key_write_fail(st, NULL, -1, err);
	}
	to_hex(st->master, ST_KEY_BYTES, m);
	to_hex(st->verify, ST_KEY_BYTES, v);
	n = snprintf(text, sizeof text,
	             "# yizhan station key: keep it secret, readable only by the station's group,\n"
	             "# and keep one copy on a medium the station head locks away, apart from\n"
	             "# the backups (a backup with its key could be forged). Without it the audit\n"
	             "# log and printed verification codes cannot be checked.\n"
	             "master %s\nverify %s\n",
	             m, v);
	fd = mkstemp(tmp);
	if (fd < 0)
		return key_write_fail(st, NULL, -1, err);
	if (fchmod(fd, 0640) != 0 || write(fd, text, (size_t)n) != n || fsync(fd) != 0)
		return key_write_fail(st, tmp, fd, err);
	if (close(fd) != 0)
		return key_write_fail(st, tmp, -1, err);
	if (replace) {
		if (rename(tmp, st->key_path) != 0)
			return key_write_fail(st, tmp, -1, err);
		return 0;
	}
	if (link(tmp, st->key_path) != 0) {
		if (errno != EEXIST)
			return key_write_fail(st, tmp, -1, err);
		rc = 1;
	}
	unlink(tmp);
	return rc;
}

/* The verification secret an older station keeps in meta (hex), if any. */
static int old_secret(yz_store *st, int version, uint8_t out[ST_KEY_BYTES], bool *found,
                      yz_err *err)
{
	char hex[2 * ST_KEY_BYTES + 1];
	int rc;

	*found = false;
	if (version < 1)
		return 0;
	rc = yz_store_meta_get(st, OLD_SECRET, hex, sizeof hex, err);
	if (rc < 0)
		return -1;
	uint8_t key[ST_KEY_BYTES];
	if (rc == 0 && from_hex(hex, strlen(hex), key, ST_KEY_BYTES)) {
		memcpy(out, key, ST_KEY_BYTES);
		*found = true;
	}
	return 0;
}

/* The key file belongs to another station's database: refused, by name. */
static int key_foreign(yz_store *st, yz_err *err)
{
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("The station key %s is not the key of the station database %s (it "
	              "belongs to another station). Use that station's key file (setting "
	              "key_file). Nothing was changed."),
	            st->key_path, st->path);
	return -1;
}

int st_key_prepare(yz_store *st, int version, yz_err *err)
{
	char want[64], have[17];
	int rc = key_read(st, err);
	bool found;

	if (rc < 0)
		return -1;
	if (rc == 1) {
		/* A station that has had a key since schema 6: its key is not made
		 * anew (every row would then read as altered); it is restored. */
		if (version >= 6)
			return key_missing(st, err);
		if (getrandom(st->master, ST_KEY_BYTES, 0) != ST_KEY_BYTES ||
		    getrandom(st->verify, ST_KEY_BYTES, 0) != ST_KEY_BYTES) {
			yz_err_set(err, "%s", _("No random numbers for the station key."));
			return -1;
		}
		/* An older station's printed codes stay valid: its secret moves here
		 * (and out of the database at the upgrade, st_key_upgrade). */
		if (old_secret(st, version, st->verify, &found, err) < 0)
			return -1;
		rc = key_write(st, false, err);
		if (rc < 0)
			return -1;
		/* Another counter made it first: use that one. */
		if (rc == 1 && (rc = key_read(st, err)) != 0)
			return rc == 1 ? key_missing(st, err) : -1;
		if (rc == 0)
			key_ready(st);
	}
	if (version < 6)
		return 0;
	rc = yz_store_meta_get(st, KEY_ID_META, want, sizeof want, err);
	if (rc < 0)
		return -1;
	key_id(st, have);
	if (rc == 0 && strcmp(want, have) != 0) {
		return key_foreign(st, err);
	}
	return 0;
}

int st_key_reload(yz_store *st, yz_err *err)
{
	int rc = key_read(st, err);

	return rc == 1 ? key_missing(st, err) : rc;
}

int st_key_upgrade(yz_store *st, yz_err *err)
{
	char id[17];
	uint8_t secret[ST_KEY_BYTES];
	bool found;

	if (old_secret(st, 6, secret, &found, err) < 0)
		return -1;
	/* A key file that was there before, made for another database: its
	 * codes and this one's cannot both stay valid, so neither is touched. */
	if (found && memcmp(secret, st->verify, ST_KEY_BYTES) != 0) {
		return key_foreign(st, err);
	}
	key_id(st, id);
	if (yz_store_meta_set(st, KEY_ID_META, id, err) < 0 ||
	    st_exec(st, "DELETE FROM meta WHERE key = '" OLD_SECRET "'", err) < 0)
		return -1;
	return 0;
}

int yz_store_key_derive(yz_store *st, const char *purpose, uint8_t out[32], yz_err *err)
{
	if (!st->keyed)
		return key_missing(st, err);
	st_hmac(st->master, purpose, out);
	return 0;
}

int yz_store_verify_key(yz_store *st, uint8_t out[32], yz_err *err)
{
	if (!st->keyed)
		return key_missing(st, err);
	memcpy(out, st->verify, ST_KEY_BYTES);
	return 0;
}
