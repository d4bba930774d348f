/* The hall's voice (issue 19): the words of a call, from a template that is
 * data (the program's data/hall/call.txt, a station's <home>/hall/call.txt
 * over it), and their sound: espeak-ng's voice, or a station's recorded clips
 * joined into one WAV. The players are children started with posix_spawnp
 * and an argv: the words never pass through a shell. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../intl.h"
#include "service_int.h"

extern char **environ;

#define TPL_PIECES 16                 /* pieces of a template: texts and tokens */
#define TPL_CLIPS  32                 /* clip lines */
#define WORD_LEN   40                 /* a digit's word */
#define CLIP_MAX   ((size_t)16 << 20) /* a clip larger than this is not a spoken word */
#define SOUND_MAX  64                 /* clips in one call */

typedef enum piece_kind { PIECE_TEXT, PIECE_TICKET, PIECE_WINDOW, PIECE_QUEUE } piece_kind;

typedef struct piece {
	piece_kind kind;
	char text[160]; /* PIECE_TEXT: the words between tokens, as written */
} piece;

/* A template file read: the program's, then the station's keys over it. */
typedef struct call_tpl {
	char tpl[480];             /* data/hall/call.txt: "{ticket}" ... "{window}" */
	char digits[10][WORD_LEN]; /* the words of 0..9 */
	bool has_digits;
	char voice[33]; /* espeak-ng's voice ("" = cmn) */
	struct {
		char text[160]; /* a piece of the template, trimmed */
		char file[NAME_MAX + 1];
	} clips[TPL_CLIPS];
	size_t n_clips;
	char station_path[PATH_MAX]; /* where a station adds its own lines */
} call_tpl;

static const char *const token_names[] = {"", "{ticket}", "{window}", "{queue}"};

/* Split tpl into pieces. 0; -1 with the unknown token in bad; -2 for a '{'
 * without its '}'; -3 for too many pieces. */
static int tpl_split(const char *tpl, piece *out, size_t *n, char *bad, size_t nbad)
{
	*n = 0;
	for (const char *p = tpl; *p;) {
		if (*n == TPL_PIECES)
			return -3;
		piece *pc = &out[(*n)++];
		if (*p != '{') {
			size_t len = strcspn(p, "{");
			if (len >= sizeof pc->text)
				return -3;
			pc->kind = PIECE_TEXT;
			memcpy(pc->text, p, len);
			pc->text[len] = '\0';
			p += len;
			continue;
		}
		const char *end = strchr(p, '}');
		if (!end)
			return -2;
		size_t len = (size_t)(end - p) + 1;
		pc->kind = PIECE_TEXT;
		pc->text[0] = '\0';
		for (int k = PIECE_TICKET; k <= PIECE_QUEUE; k++)
			if (strlen(token_names[k]) == len && !strncmp(p, token_names[k], len))
				pc->kind = (piece_kind)k;
		if (pc->kind == PIECE_TEXT) {
			snprintf(bad, nbad, "%.*s", (int)(len < 60 ? len : 60), p);
			return -1;
		}
		p = end + 1;
	}
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
	               s[len - 1] == '\n'))
		s[--len] = '\0';
	return s;
}

/* One "key = value" line of path (line ln) into t. */
static int tpl_line(call_tpl *t, char *key, char *val, const char *path, int ln, yz_err *err)
{
	if (!strcmp(key, "template")) {
		piece pcs[TPL_PIECES];
		size_t n;
		char bad[64] = "";
		int rc = tpl_split(val, pcs, &n, bad, sizeof bad);
		if (!*val || rc == -3 || strlen(val) >= sizeof t->tpl) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: the template is empty or too long (at most %zu "
			              "bytes and %d pieces)"),
			            path, ln, sizeof t->tpl - 1, TPL_PIECES);
			return -1;
		}
		if (rc == -1) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: unknown token \"%s\" in the template: the tokens "
			              "are {ticket}, {window} and {queue}"),
			            path, ln, bad);
			return -1;
		}
		if (rc == -2) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: a \"{\" without its \"}\" in the template"), path,
			            ln);
			return -1;
		}
		snprintf(t->tpl, sizeof t->tpl, "%s", val);
		return 0;
	}
	if (!strcmp(key, "digits")) {
		char words[10][WORD_LEN];
		int n = 0;
		char *save = NULL;
		for (char *w = strtok_r(val, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
			if (n < 10 && strlen(w) < WORD_LEN)
				snprintf(words[n], WORD_LEN, "%s", w);
			else if (n < 10)
				n = 99; /* a word too long: told as a wrong count */
			n++;
		}
		if (n != 10) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: digits needs ten words, for 0 to 9, each shorter "
			              "than %d bytes"),
			            path, ln, WORD_LEN);
			return -1;
		}
		memcpy(t->digits, words, sizeof words);
		t->has_digits = true;
		return 0;
	}
	if (!strcmp(key, "voice")) {
		size_t len = strlen(val);
		if (!len || len >= sizeof t->voice ||
		    strspn(val,
		           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+") !=
		        len) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: voice is the name of an espeak-ng voice, such as cmn "
			              "or en"),
			            path, ln);
			return -1;
		}
		snprintf(t->voice, sizeof t->voice, "%s", val);
		return 0;
	}
	if (!strncmp(key, "clip", 4) && (!key[4] || key[4] == ' ' || key[4] == '\t')) {
		char *text = trim(key + 4);
		if (!*text || !*val || strlen(text) >= sizeof t->clips[0].text ||
		    strlen(val) >= sizeof t->clips[0].file) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: a clip line is \"clip TEXT = FILE.wav\""), path, ln);
			return -1;
		}
		size_t i = 0;
		while (i < t->n_clips && strcmp(t->clips[i].text, text))
			i++;
		if (i == TPL_CLIPS) {
			yz_err_setc(err, YZ_ERR_INVALID, _("%s:%d: more than %d clip lines"), path,
			            ln, TPL_CLIPS);
			return -1;
		}
		if (i == t->n_clips)
			t->n_clips++;
		snprintf(t->clips[i].text, sizeof t->clips[i].text, "%s", text);
		snprintf(t->clips[i].file, sizeof t->clips[i].file, "%s", val);
		return 0;
	}
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("%s:%d: unknown key \"%s\": the keys are template, digits, voice and "
	              "clip TEXT"),
	            path, ln, key);
	return -1;
}

/* Read path's lines into t. 1 when the file is not there and need is false. */
static int tpl_read(call_tpl *t, const char *path, bool need, yz_err *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT && !need)
			return 1;
		yz_err_setc(err, YZ_ERR_IO, _("The call template %s cannot be read: %s"), path,
		            strerror(errno));
		return -1;
	}
	char buf[1024];
	int ln = 0, rc = 0;
	while (rc == 0 && fgets(buf, sizeof buf, f)) {
		ln++;
		if (!strchr(buf, '\n') && !feof(f)) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: the line is too long for a call template"), path, ln);
			rc = -1;
			break;
		}
		char *line = trim(buf);
		if (!*line || *line == '#')
			continue;
		char *eq = strchr(line, '=');
		if (!eq) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("%s:%d: a line is \"key = value\" (or a # comment)"), path,
			            ln);
			rc = -1;
			break;
		}
		*eq = '\0';
		rc = tpl_line(t, trim(line), trim(eq + 1), path, ln, err);
	}
	if (rc == 0 && ferror(f)) {
		yz_err_setc(err, YZ_ERR_IO, _("The call template %s cannot be read: %s"), path,
		            strerror(errno));
		rc = -1;
	}
	fclose(f);
	return rc;
}

static int tpl_load(const yz_config *cfg, call_tpl *t, yz_err *err)
{
	memset(t, 0, sizeof *t);
	char own[PATH_MAX];
	yz_config_own_path("data/hall/call.txt", own, sizeof own);
	snprintf(t->station_path, sizeof t->station_path, "%s/hall/call.txt", cfg->home);
	if (tpl_read(t, own, true, err) < 0)
		return -1;
	if (cfg->home[0] && tpl_read(t, t->station_path, false, err) < 0)
		return -1;
	if (!t->tpl[0] || !t->has_digits) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("%s: no \"%s = ...\" line: reinstall yizhan, or write the line in "
		              "%s"),
		            own, t->tpl[0] ? "digits" : "template", t->station_path);
		return -1;
	}
	return 0;
}

/* The name of queue letter, said in the station's language (svc_queue_label
 * for paper: a default queue's label translated, a station's own label its
 * words); a queue yizhan.conf does not know is said by its letter. */
static void queue_name(const yz_config *cfg, const char *letter, char *out, size_t n)
{
	const yz_queue_line *q = yz_config_queue(cfg, letter);
	if (!q) {
		snprintf(out, n, "%s", letter);
		return;
	}
	yz_paper_lang_set(cfg->document_language);
	svc_queue_label(q, true, out, n);
}

typedef struct strbuf {
	char *p;
	size_t n, len;
	bool full;
} strbuf;

static void sb_add(strbuf *b, const char *s)
{
	size_t l = strlen(s);
	if (b->len + l >= b->n) {
		b->full = true;
		return;
	}
	memcpy(b->p + b->len, s, l + 1);
	b->len += l;
}

static int words_of(const call_tpl *t, const yz_config *cfg, const yz_hall_call *c, char *out,
                    size_t n, yz_err *err)
{
	piece pcs[TPL_PIECES];
	size_t np;
	char bad[64];
	tpl_split(t->tpl, pcs, &np, bad, sizeof bad); /* checked when read */
	strbuf b = {out, n, 0, n == 0};
	if (n)
		out[0] = '\0';
	for (size_t i = 0; i < np; i++) {
		char tmp[128];
		switch (pcs[i].kind) {
		case PIECE_TEXT:
			sb_add(&b, pcs[i].text);
			break;
		case PIECE_TICKET:
			/* character by character, so "A012" is never said "A twelve" */
			for (const char *p = c->code; *p; p++) {
				if (p != c->code)
					sb_add(&b, " ");
				if (*p >= '0' && *p <= '9') {
					sb_add(&b, t->digits[*p - '0']);
				} else {
					char ch[2] = {*p, '\0'};
					sb_add(&b, ch);
				}
			}
			break;
		case PIECE_WINDOW:
			snprintf(tmp, sizeof tmp, "%d", c->counter);
			sb_add(&b, tmp);
			break;
		case PIECE_QUEUE:
			queue_name(cfg, c->queue, tmp, sizeof tmp);
			sb_add(&b, tmp);
			break;
		}
	}
	if (b.full) {
		yz_err_setc(err, YZ_ERR_INVALID, _("The words of the call are too long"));
		return -1;
	}
	return 0;
}

int yz_service_call_words(const yz_session *s, const yz_hall_call *c, char *out, size_t n,
                          yz_err *err)
{
	call_tpl t;
	if (tpl_load(s->cfg, &t, err) < 0)
		return -1;
	return words_of(&t, s->cfg, c, out, n, err);
}

/* ---- players ------------------------------------------------------------------ */

/* The last line of text that is not empty, into out. */
static void last_line(char *text, char *out, size_t n)
{
	out[0] = '\0';
	char *save = NULL;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (*trim(l))
			snprintf(out, n, "%s", trim(l));
}

/* Run argv (argv[0] looked up in PATH, from the Debian package package) with
 * stdin and stdout on /dev/null and its stderr kept (so a player's chatter
 * never reaches the hall display's screen, and its complaint reaches err);
 * wait for it. */
static int run_player(const char *const *argv, const char *package, yz_err *err)
{
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("The player %s could not be started: %s"),
		            argv[0], strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 2);
	/* The display may block or ignore signals for itself (a curses program
	 * does): the player starts with the defaults. */
	posix_spawnattr_init(&attr);
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGQUIT);
	sigaddset(&defaults, SIGTERM);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, &attr, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(pfd[1]);
	if (rc != 0) {
		close(pfd[0]);
		if (rc == ENOENT)
			yz_err_setc(err, YZ_ERR_NOT_FOUND,
			            _("The player %s was not found: install the Debian package %s"),
			            argv[0], package);
		else
			yz_err_setc(err, YZ_ERR_FAILED, _("The player %s could not be started: %s"),
			            argv[0], strerror(rc));
		return -1;
	}
	/* Keep the end of what it says: its complaint is its last line. */
	char text[2048];
	size_t len = 0;
	for (;;) {
		if (len == sizeof text - 1) {
			memmove(text, text + len / 2, len - len / 2);
			len -= len / 2;
		}
		ssize_t r = read(pfd[0], text + len, sizeof text - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	text[len] = '\0';
	close(pfd[0]);
	int status;
	pid_t w;
	while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (w < 0)
		return 0; /* the caller ignores SIGCHLD: reaped for it, the status is lost */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	char line[300];
	last_line(text, line, sizeof line);
	if (WIFSIGNALED(status))
		yz_err_setc(err, YZ_ERR_FAILED, _("The player %s was stopped by signal %d"),
		            argv[0], WTERMSIG(status));
	else if (line[0])
		yz_err_setc(err, YZ_ERR_FAILED, _("The player %s failed: %s"), argv[0], line);
	else
		yz_err_setc(err, YZ_ERR_FAILED, _("The player %s failed (exit status %d)"), argv[0],
		            WEXITSTATUS(status));
	return -1;
}

/* ---- clips: PCM WAV files joined ---------------------------------------------- */

typedef struct wav_fmt {
	uint16_t channels, bits, block;
	uint32_t rate;
} wav_fmt;

typedef struct sound {
	unsigned char *buf; /* the whole file */
	size_t off, len;    /* its samples */
} sound;

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

/* The format and samples of the PCM WAV file path. */
static int wav_read(const char *path, wav_fmt *f, sound *out, yz_err *err)
{
	memset(out, 0, sizeof *out);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		yz_err_setc(err, errno == ENOENT ? YZ_ERR_NOT_FOUND : YZ_ERR_IO,
		            _("The clip %s cannot be read: %s"), path, strerror(errno));
		return -1;
	}
	unsigned char *buf = malloc(CLIP_MAX);
	size_t len = buf ? fread(buf, 1, CLIP_MAX, fp) : 0;
	bool too_big = buf && len == CLIP_MAX && fgetc(fp) != EOF;
	fclose(fp);
	if (!buf) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	bool fmt_seen = false;
	if (!too_big && len >= 12 && !memcmp(buf, "RIFF", 4) && !memcmp(buf + 8, "WAVE", 4)) {
		size_t p = 12;
		while (p + 8 <= len) {
			uint32_t size = le32(buf + p + 4);
			size_t body = p + 8, left = len - body;
			if (!memcmp(buf + p, "fmt ", 4) && size >= 16 && left >= 16) {
				/* PCM only: 1, the format every recorder writes for it */
				fmt_seen = le16(buf + body) == 1;
				f->channels = le16(buf + body + 2);
				f->rate = le32(buf + body + 4);
				f->block = le16(buf + body + 12);
				f->bits = le16(buf + body + 14);
			} else if (!memcmp(buf + p, "data", 4) && fmt_seen && f->block &&
			           f->channels && f->rate) {
				/* a recorder that was stopped leaves the size too large */
				size_t n = size < left ? size : left;
				out->buf = buf;
				out->off = body;
				out->len = n - n % f->block;
				return 0;
			}
			if (size > left)
				break;
			p = body + size + (size & 1);
		}
	}
	free(buf);
	yz_err_setc(err, YZ_ERR_INVALID,
	            _("The clip %s is not a WAV file of PCM sound (at most %d MB)"), path,
	            (int)(CLIP_MAX >> 20));
	return -1;
}

static int write_all(int fd, const void *p, size_t n, const char *path, yz_err *err)
{
	const unsigned char *b = p;
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			if (errno == ENOSPC)
				yz_err_setc(
				    err, YZ_ERR_DISK_FULL,
				    _("The disk is full: the call's sound %s was not written"),
				    path);
			else
				yz_err_setc(err, YZ_ERR_IO, _("%s cannot be written: %s"), path,
				            strerror(errno));
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The clip files of the call c, in the order of the sentence. */
static int clip_names(const call_tpl *t, const yz_config *cfg, const yz_hall_call *c,
                      char (*names)[PATH_MAX], size_t *n, yz_err *err)
{
	char dir[PATH_MAX];
	if (cfg->hall_clips_dir[0])
		snprintf(dir, sizeof dir, "%s", cfg->hall_clips_dir);
	else
		snprintf(dir, sizeof dir, "%s/hall/clips", cfg->home);
	piece pcs[TPL_PIECES];
	size_t np;
	char bad[64];
	tpl_split(t->tpl, pcs, &np, bad, sizeof bad); /* checked when read */
	char file[SOUND_MAX][NAME_MAX + 1];
	size_t nf = 0;
#define ADD(...) (nf < SOUND_MAX ? snprintf(file[nf++], sizeof file[0], __VA_ARGS__) : 0)
	for (size_t i = 0; i < np; i++) {
		if (pcs[i].kind == PIECE_TEXT) {
			const char *text = trim(pcs[i].text);
			if (!*text)
				continue; /* spaces only: nothing to say */
			size_t k = 0;
			while (k < t->n_clips && strcmp(t->clips[k].text, text))
				k++;
			if (k == t->n_clips) {
				yz_err_setc(
				    err, YZ_ERR_NOT_FOUND,
				    _("The template's words \"%s\" have no clip: add the line "
				      "\"clip %s = FILE.wav\" to %s"),
				    text, text, t->station_path);
				return -1;
			}
			ADD("%s", t->clips[k].file);
		} else if (pcs[i].kind == PIECE_TICKET) {
			for (const char *p = c->code; *p; p++)
				ADD("%c.wav", *p);
		} else if (pcs[i].kind == PIECE_WINDOW) {
			char whole[PATH_MAX];
			snprintf(whole, sizeof whole, "%s/window-%d.wav", dir, c->counter);
			if (access(whole, F_OK) == 0) {
				ADD("window-%d.wav", c->counter);
			} else {
				char num[16];
				snprintf(num, sizeof num, "%d", c->counter);
				for (const char *p = num; *p; p++)
					ADD("%c.wav", *p);
			}
		} else {
			ADD("queue-%s.wav", c->queue);
		}
	}
#undef ADD
	*n = nf;
	for (size_t i = 0; i < nf; i++) {
		if (file[i][0] == '/')
			snprintf(names[i], PATH_MAX, "%s", file[i]);
		else
			snprintf(names[i], PATH_MAX, "%s/%s", dir, file[i]);
	}
	return 0;
}

/* Join the clips of c into the open file fd (path, for messages). */
static int say_clips(const call_tpl *t, const yz_config *cfg, const yz_hall_call *c, int fd,
                     const char *path, yz_err *err)
{
	char(*nm)[PATH_MAX] = malloc(SOUND_MAX * sizeof *nm); /* too large for a stack */
	sound *snd = calloc(SOUND_MAX, sizeof *snd);
	size_t n = 0, got = 0;
	int rc = -1;
	if (!nm || !snd) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		goto out;
	}
	if (clip_names(t, cfg, c, nm, &n, err) < 0)
		goto out;
	wav_fmt first = {0}, f = {0};
	uint64_t total = 0;
	for (; got < n; got++) {
		if (wav_read(nm[got], got ? &f : &first, &snd[got], err) < 0)
			goto out;
		if (got && (f.channels != first.channels || f.rate != first.rate ||
		            f.bits != first.bits || f.block != first.block)) {
			yz_err_setc(err, YZ_ERR_INVALID,
			            _("The clip %s is not in the format of %s: the clips of a call "
			              "share their rate, channels and sample size"),
			            nm[got], nm[0]);
			got++;
			goto out;
		}
		total += snd[got].len;
	}
	if (!n || total > UINT32_MAX - 36) {
		yz_err_setc(err, YZ_ERR_INVALID, _("The clips of the call make no sound"));
		goto out;
	}
	unsigned char h[44];
	memcpy(h, "RIFF", 4);
	put32(h + 4, (uint32_t)(36 + total));
	memcpy(h + 8, "WAVEfmt ", 8);
	put32(h + 16, 16);
	put16(h + 20, 1);
	put16(h + 22, first.channels);
	put32(h + 24, first.rate);
	put32(h + 28, first.rate * first.block);
	put16(h + 32, first.block);
	put16(h + 34, first.bits);
	memcpy(h + 36, "data", 4);
	put32(h + 40, (uint32_t)total);
	if (write_all(fd, h, sizeof h, path, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (write_all(fd, snd[i].buf + snd[i].off, snd[i].len, path, err) < 0)
			goto out;
	rc = 0;
out:
	for (size_t i = 0; snd && i < got; i++)
		free(snd[i].buf);
	free(snd);
	free(nm);
	return rc;
}

/* ---- speaking ----------------------------------------------------------------- */

/* A new file for the sound, owner and group only: beside wav_path (renamed
 * to it when complete, so a reader never sees half a call), else in the
 * temporary folder, to be played and removed. */
static int sound_open(const char *wav_path, char *tmp, size_t n, yz_err *err)
{
	if (wav_path) {
		snprintf(tmp, n, "%s.XXXXXX", wav_path);
	} else {
		const char *dir = getenv("TMPDIR");
		snprintf(tmp, n, "%s/yizhan-call-XXXXXX", dir && *dir ? dir : "/tmp");
	}
	int fd = mkstemp(tmp);
	if (fd < 0 || fchmod(fd, 0640) < 0) {
		yz_err_setc(err, errno == ENOSPC ? YZ_ERR_DISK_FULL : YZ_ERR_IO,
		            _("%s cannot be written: %s"), wav_path ? wav_path : tmp,
		            strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	return fd;
}

int yz_service_speak(const yz_session *s, const char *words, const yz_hall_call *c,
                     const char *wav_path, yz_err *err)
{
	const char *mode = s->cfg->hall_voice[0] ? s->cfg->hall_voice : "espeak";
	if (!strcmp(mode, "off"))
		return 0;
	bool clips = !strcmp(mode, "clips");
	if (!clips && strcmp(mode, "espeak")) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("hall_voice is \"%s\" in yizhan.conf: it is espeak, clips or off"),
		            mode);
		return -1;
	}
	if (!c && (clips || !words)) {
		yz_err_setc(err, YZ_ERR_INTERNAL, _("No call to speak"));
		return -1;
	}
	call_tpl *t = malloc(sizeof *t);
	char said[1024];
	if (!t) {
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return -1;
	}
	if (tpl_load(s->cfg, t, err) < 0 ||
	    (!clips && !words && words_of(t, s->cfg, c, said, sizeof said, err) < 0)) {
		free(t);
		return -1;
	}
	char tmp[PATH_MAX + 16];
	int fd = sound_open(wav_path, tmp, sizeof tmp, err);
	int rc = fd < 0 ? -1 : 0;
	if (rc == 0 && clips) {
		rc = say_clips(t, s->cfg, c, fd, wav_path ? wav_path : tmp, err);
	} else if (rc == 0) {
		/* espeak-ng writes the file (it would play itself, but it says
		 * nothing of a missing sound card: its exit status is still 0). */
		const char *argv[] = {"espeak-ng", "-v", t->voice[0] ? t->voice : "cmn", "-w",
		                      tmp,         "--", words ? words : said,           NULL};
		rc = run_player(argv, "espeak-ng", err);
	}
	free(t);
	if (fd >= 0 && close(fd) < 0 && rc == 0) {
		yz_err_setc(err, YZ_ERR_IO, _("%s cannot be written: %s"),
		            wav_path ? wav_path : tmp, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && wav_path) {
		if (rename(tmp, wav_path) < 0) {
			yz_err_setc(err, YZ_ERR_IO, _("%s cannot be written: %s"), wav_path,
			            strerror(errno));
			rc = -1;
		}
	} else if (rc == 0) {
		const char *argv[] = {"aplay", "-q", tmp, NULL};
		rc = run_player(argv, "alsa-utils", err);
	}
	if (fd >= 0 && (rc < 0 || !wav_path))
		unlink(tmp);
	return rc;
}
