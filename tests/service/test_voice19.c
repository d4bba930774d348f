/* Issue 19, the hall's voice: the words of a call from the template in data
 * (data/hall/call.txt) and a station's own (<home>/hall/call.txt) over it; a
 * bad template refused naming its file and line; espeak-ng's Mandarin voice
 * writing a WAV of plausible length that is not silence; a station's recorded
 * clips joined sample for sample; a missing clip, a clip of another format, a
 * piece of the template without a clip refused; "off" says nothing; a player
 * that is missing or fails told in words.
 *
 * Real parts: the program's data folder ($YIZHAN_DATADIR, set by meson test),
 * the real espeak-ng and aplay, WAV files read back by a small reader below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <libintl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yizhan/service.h"

typedef struct station {
	char home[256];
	char clips[300];
	yz_config cfg;
	yz_session s;
} station;

static int setup(void **state)
{
	station *st = calloc(1, sizeof *st);
	assert_non_null(st);
	snprintf(st->home, sizeof st->home, "/tmp/yzvoice.XXXXXX");
	assert_non_null(mkdtemp(st->home));
	yz_config_defaults(&st->cfg, st->home);
	char dir[300];
	snprintf(dir, sizeof dir, "%s/hall", st->home);
	assert_int_equal(mkdir(dir, 0750), 0);
	snprintf(st->clips, sizeof st->clips, "%s/hall/clips", st->home);
	assert_int_equal(mkdir(st->clips, 0750), 0);
	st->s.cfg = &st->cfg;
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	station *st = *state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", st->home);
	assert_int_equal(system(cmd), 0);
	free(st);
	return 0;
}

/* The station's own template file. */
static void station_template(station *st, const char *text)
{
	char path[300];
	snprintf(path, sizeof path, "%s/hall/call.txt", st->home);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static yz_hall_call call(const char *code, int counter)
{
	yz_hall_call c = {.id = 7, .ticket_id = 3, .counter = counter};
	snprintf(c.code, sizeof c.code, "%s", code);
	snprintf(c.queue, sizeof c.queue, "%c", code[0]);
	return c;
}

/* ---- a small WAV reader: the RIFF header and 16-bit PCM -------------------------- */

typedef struct wav {
	int rate, channels, bits;
	size_t bytes;     /* of samples */
	int16_t *samples; /* bytes / 2 of them */
} wav;

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wav_load(const char *path, wav *w)
{
	memset(w, 0, sizeof *w);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static unsigned char buf[8 << 20];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_true(len > 44);
	assert_memory_equal(buf, "RIFF", 4);
	assert_memory_equal(buf + 8, "WAVE", 4);
	for (size_t p = 12; p + 8 <= len;) {
		uint32_t size = le32(buf + p + 4);
		if (!memcmp(buf + p, "fmt ", 4)) {
			assert_int_equal(buf[p + 8] | buf[p + 9] << 8, 1); /* PCM */
			w->channels = buf[p + 10] | buf[p + 11] << 8;
			w->rate = (int)le32(buf + p + 12);
			w->bits = buf[p + 22] | buf[p + 23] << 8;
		} else if (!memcmp(buf + p, "data", 4)) {
			assert_int_equal(w->bits, 16);
			assert_true(p + 8 + size <= len); /* the header tells the truth */
			w->bytes = size;
			w->samples = malloc(size + 2);
			assert_non_null(w->samples);
			memcpy(w->samples, buf + p + 8, size);
			return;
		}
		p += 8 + size + (size & 1);
	}
	fail_msg("%s: no data chunk", path);
}

static double wav_seconds(const wav *w)
{
	return (double)w->bytes / (w->rate * 2.0 * w->channels);
}

/* Not silence: the RMS over a threshold and enough loud samples. */
static void assert_sound(const wav *w)
{
	size_t n = w->bytes / 2, loud = 0;
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		sum += (double)w->samples[i] * w->samples[i];
		if (abs(w->samples[i]) > 1000)
			loud++;
	}
	double rms = sqrt(sum / (double)n);
	if (rms < 300 || loud < 1000)
		fail_msg("silence: RMS %.0f, %zu samples above 1000", rms, loud);
}

/* A clip: a sine of freq Hz for ms milliseconds, 16-bit PCM. */
static void write_sine(const char *dir, const char *name, int rate, int channels, int ms,
                       double freq)
{
	char path[400];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t frames = (size_t)rate * (size_t)ms / 1000;
	uint32_t bytes = (uint32_t)(frames * 2 * (size_t)channels);
	unsigned char h[44] = "RIFF____WAVEfmt ";
	uint32_t v[] = {36 + bytes, 16};
	memcpy(h + 4, &v[0], 4); /* x86: little-endian as RIFF */
	memcpy(h + 16, &v[1], 4);
	uint16_t fmt[] = {1, (uint16_t)channels};
	memcpy(h + 20, fmt, 4);
	uint32_t r[] = {(uint32_t)rate, (uint32_t)(rate * 2 * channels)};
	memcpy(h + 24, r, 8);
	uint16_t blk[] = {(uint16_t)(2 * channels), 16};
	memcpy(h + 32, blk, 4);
	memcpy(h + 36, "data", 4);
	memcpy(h + 40, &bytes, 4);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(h, 1, 44, f);
	for (size_t i = 0; i < frames; i++)
		for (int c = 0; c < channels; c++) {
			int16_t s = (int16_t)(12000 * sin(2 * M_PI * freq * (double)i / rate));
			fwrite(&s, 2, 1, f);
		}
	assert_int_equal(fclose(f), 0);
}

/* Files in dir (not . and ..). */
static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* ---- the words ---------------------------------------------------------------- */

static void test_words_default(void **state)
{
	station *st = *state;
	yz_hall_call c = call("A012", 2);
	char words[256];
	yz_err err = {0};
	assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), 0);
	/* qing A ling yi er hao dao 2 hao chuang kou ban li */
	assert_string_equal(words, "\u8bf7A \u96f6 \u4e00 \u4e8c\u53f7\u5230"
	                           "2\u53f7\u7a97\u53e3\u529e\u7406");
	c = call("C105", 11);
	assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), 0);
	assert_string_equal(words, "\u8bf7C \u4e00 \u96f6 \u4e94\u53f7\u5230"
	                           "11\u53f7\u7a97\u53e3\u529e\u7406");
	/* too small a buffer is refused, not cut */
	assert_int_equal(yz_service_call_words(&st->s, &c, words, 10, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
}

static void test_words_station(void **state)
{
	station *st = *state;
	st->cfg.n_queues = 1;
	yz_queue_line *q = &st->cfg.queues[0];
	memset(q, 0, sizeof *q);
	snprintf(q->letter, sizeof q->letter, "B");
	q->line = 12; /* the station's own label: its words, untranslated */
	snprintf(q->label, sizeof q->label, "Pensions and jobs");
	station_template(st, "# an English station\n"
	                     "template = Ticket {ticket}, {queue}, please go to window {window}\n"
	                     "digits = zero one two three four five six seven eight nine\n"
	                     "voice = en\n");
	yz_hall_call c = call("B090", 3);
	char words[256];
	yz_err err = {0};
	assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), 0);
	assert_string_equal(words,
	                    "Ticket B zero nine zero, Pensions and jobs, please go to window 3");
	/* a key left out stays the program's: here the digits */
	station_template(st, "template = {ticket} -> {window} ({queue})\n");
	assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), 0);
	assert_string_equal(words, "B \u96f6 \u4e5d \u96f6 -> 3 (Pensions and jobs)");
	/* a queue with no label is said by its letter */
	c = call("D001", 1);
	assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), 0);
	assert_string_equal(words, "D \u96f6 \u96f6 \u4e00 -> 1 (D)");
}

/* The default queues' names are said in the station's document language,
 * whatever the UI's. */
static void test_words_default_queue(void **state)
{
	station *st = *state;
	const char *dir = getenv("YIZHAN_LOCALEDIR");
	assert_non_null(dir);
	bindtextdomain("yizhan", dir);
	bind_textdomain_codeset("yizhan", "UTF-8");
	station_template(st, "template = {ticket}, {queue}\n");
	yz_hall_call c = call("A001", 1);
	char words[256];
	yz_err err = {0};
	assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), 0);
	/* ... she hui jiu zhu */
	assert_string_equal(words, "A \u96f6 \u96f6 \u4e00, \u793e\u4f1a\u6551\u52a9");
	snprintf(st->cfg.document_language, sizeof st->cfg.document_language, "en");
	assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), 0);
	assert_string_equal(words, "A \u96f6 \u96f6 \u4e00, Social assistance");
}

static void test_bad_template(void **state)
{
	station *st = *state;
	static const struct {
		const char *text;
		int line;
		const char *says;
	} bad[] = {
	    {"# a comment\ntemplate = {ticket} to {windo}\n", 2, "{windo}"},
	    {"template = {ticket} to {window\n", 1, "{"},
	    {"\n\ndigits = 0 1 2 3 4 5 6 7 8\n", 3, "digits"},
	    {"template = {ticket}\nspeed = 3\n", 2, "speed"},
	    {"template {ticket}\n", 1, "key = value"},
	    {"template =\n", 1, "template"},
	    {"voice = cmn; rm -rf /\n", 1, "voice"},
	    {"clip = a.wav\n", 1, "clip"},
	};
	yz_hall_call c = call("A001", 1);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		station_template(st, bad[i].text);
		char words[256], at[400];
		yz_err err = {0};
		assert_int_equal(yz_service_call_words(&st->s, &c, words, sizeof words, &err), -1);
		assert_int_equal(err.code, YZ_ERR_INVALID);
		snprintf(at, sizeof at, "%s/hall/call.txt:%d: ", st->home, bad[i].line);
		if (strncmp(err.msg, at, strlen(at)) || !strstr(err.msg, bad[i].says))
			fail_msg("case %zu: \"%s\"", i, err.msg);
		/* speaking the same call is refused the same way, writing nothing */
		char wav_path[400];
		snprintf(wav_path, sizeof wav_path, "%s/bad.wav", st->home);
		assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), -1);
		assert_int_equal(access(wav_path, F_OK), -1);
	}
}

/* ---- espeak-ng ------------------------------------------------------------------ */

static void test_espeak(void **state)
{
	station *st = *state;
	char dir[300], wav_path[400];
	snprintf(dir, sizeof dir, "%s/calls", st->home);
	assert_int_equal(mkdir(dir, 0750), 0);
	snprintf(wav_path, sizeof wav_path, "%s/call-7.wav", dir);
	yz_hall_call c = call("A012", 2);
	yz_err err = {0};
	if (yz_service_speak(&st->s, NULL, &c, wav_path, &err) < 0)
		fail_msg("%s", err.msg);
	struct stat sb;
	assert_int_equal(stat(wav_path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(count_files(dir), 1); /* no temporary file left beside it */
	wav w;
	wav_load(wav_path, &w);
	double sec = wav_seconds(&w);
	if (sec < 1 || sec > 10)
		fail_msg("the call lasts %.2f s", sec);
	assert_sound(&w);
	free(w.samples);

	/* words given are spoken as given: a longer sentence, a longer sound */
	char longer[400];
	snprintf(longer, sizeof longer, "%s/long.wav", dir);
	assert_int_equal(yz_service_speak(&st->s,
	                                  "\u8bf7A \u96f6 \u4e00 \u4e8c\u53f7\u5230"
	                                  "2\u53f7\u7a97\u53e3\u529e\u7406\uff0c\u8bf7A \u96f6 "
	                                  "\u4e00 \u4e8c\u53f7\u5230"
	                                  "2\u53f7\u7a97\u53e3\u529e\u7406",
	                                  &c, longer, &err),
	                 0);
	wav w2;
	wav_load(longer, &w2);
	assert_true(wav_seconds(&w2) > sec * 1.5);
	free(w2.samples);
}

/* ---- clips ------------------------------------------------------------------------ */

static void test_clips_join(void **state)
{
	station *st = *state;
	snprintf(st->cfg.hall_voice, sizeof st->cfg.hall_voice, "clips");
	station_template(st, "template = \u8bf7{window}\u53f7\n"
	                     "clip \u8bf7 = please.wav\n"
	                     "clip \u53f7 = number.wav\n");
	write_sine(st->clips, "please.wav", 16000, 1, 300, 440);
	write_sine(st->clips, "7.wav", 16000, 1, 450, 660);
	write_sine(st->clips, "number.wav", 16000, 1, 200, 880);
	char wav_path[400];
	snprintf(wav_path, sizeof wav_path, "%s/joined.wav", st->home);
	yz_hall_call c = call("A003", 7);
	yz_err err = {0};
	if (yz_service_speak(&st->s, NULL, &c, wav_path, &err) < 0)
		fail_msg("%s", err.msg);
	wav w, a, b, d;
	wav_load(wav_path, &w);
	assert_int_equal(w.rate, 16000);
	assert_int_equal(w.channels, 1);
	char p[400];
	snprintf(p, sizeof p, "%s/please.wav", st->clips);
	wav_load(p, &a);
	snprintf(p, sizeof p, "%s/7.wav", st->clips);
	wav_load(p, &b);
	snprintf(p, sizeof p, "%s/number.wav", st->clips);
	wav_load(p, &d);
	/* the length is the sum, the samples the clips' in the sentence's order */
	assert_int_equal(w.bytes, a.bytes + b.bytes + d.bytes);
	assert_true(fabs(wav_seconds(&w) - 0.95) < 0.001);
	unsigned char *s = (unsigned char *)w.samples;
	assert_memory_equal(s, a.samples, a.bytes);
	assert_memory_equal(s + a.bytes, b.samples, b.bytes);
	assert_memory_equal(s + a.bytes + b.bytes, d.samples, d.bytes);
	assert_sound(&w);
	struct stat sb;
	assert_int_equal(stat(wav_path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	free(w.samples);
	free(a.samples);
	free(b.samples);
	free(d.samples);
}

/* The ticket letter by letter, the queue's clip, a window of two digits as a
 * whole when the station recorded it; the clips folder set in yizhan.conf. */
static void test_clips_tokens(void **state)
{
	station *st = *state;
	snprintf(st->cfg.hall_voice, sizeof st->cfg.hall_voice, "clips");
	char dir[300];
	snprintf(dir, sizeof dir, "%s/voice", st->home);
	assert_int_equal(mkdir(dir, 0750), 0);
	snprintf(st->cfg.hall_clips_dir, sizeof st->cfg.hall_clips_dir, "%s", dir);
	station_template(st, "template = {ticket} {queue} {window}\n");
	const char *names[] = {"B.wav", "0.wav", "4.wav", "1.wav", "queue-B.wav", "window-12.wav"};
	for (size_t i = 0; i < 6; i++)
		write_sine(dir, names[i], 8000, 2, 100 * (int)(i + 1), 300 + 50.0 * (double)i);
	char wav_path[400];
	snprintf(wav_path, sizeof wav_path, "%s/tokens.wav", st->home);
	yz_hall_call c = call("B041", 12);
	yz_err err = {0};
	if (yz_service_speak(&st->s, NULL, &c, wav_path, &err) < 0)
		fail_msg("%s", err.msg);
	wav w;
	wav_load(wav_path, &w);
	assert_int_equal(w.channels, 2);
	/* B 0 4 1 queue-B window-12: 100+200+300+400+500+600 ms */
	assert_true(fabs(wav_seconds(&w) - 2.1) < 0.001);
	free(w.samples);
	/* without window-12.wav, 12 is said digit by digit: "1" "2" */
	char p[400];
	snprintf(p, sizeof p, "%s/window-12.wav", dir);
	assert_int_equal(unlink(p), 0);
	write_sine(dir, "2.wav", 8000, 2, 50, 500);
	assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), 0);
	wav_load(wav_path, &w);
	assert_true(fabs(wav_seconds(&w) - (1.5 + 0.4 + 0.05)) < 0.001);
	free(w.samples);
}

static void test_clips_refused(void **state)
{
	station *st = *state;
	snprintf(st->cfg.hall_voice, sizeof st->cfg.hall_voice, "clips");
	station_template(st, "template = \u8bf7{window}\u53f7\n"
	                     "clip \u8bf7 = please.wav\n"
	                     "clip \u53f7 = number.wav\n");
	write_sine(st->clips, "please.wav", 16000, 1, 300, 440);
	write_sine(st->clips, "number.wav", 16000, 1, 200, 880);
	char wav_path[400], p[400];
	snprintf(wav_path, sizeof wav_path, "%s/out/refused.wav", st->home);
	snprintf(p, sizeof p, "%s/out", st->home);
	assert_int_equal(mkdir(p, 0750), 0);
	yz_hall_call c = call("A003", 7);
	yz_err err = {0};

	/* a missing clip: named */
	assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	snprintf(p, sizeof p, "%s/7.wav", st->clips);
	if (!strstr(err.msg, p))
		fail_msg("\"%s\" does not name %s", err.msg, p);

	/* a clip of another rate */
	write_sine(st->clips, "7.wav", 22050, 1, 450, 660);
	assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, p));

	/* not a WAV at all */
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("ID3 not a wave\n", f);
	fclose(f);
	assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, p));

	/* a piece of the template without its clip line: the line to add */
	write_sine(st->clips, "7.wav", 16000, 1, 450, 660);
	station_template(st, "template = \u8bf7{window}\u53f7\u7a97\u53e3\n"
	                     "clip \u8bf7 = please.wav\n");
	assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "clip \u53f7\u7a97\u53e3 = "));

	snprintf(p, sizeof p, "%s/out", st->home);
	assert_int_equal(count_files(p), 0); /* nothing written, nothing left */
}

/* ---- off, and players missing or failing --------------------------------------- */

static void test_off(void **state)
{
	station *st = *state;
	snprintf(st->cfg.hall_voice, sizeof st->cfg.hall_voice, "off");
	char wav_path[400];
	snprintf(wav_path, sizeof wav_path, "%s/off.wav", st->home);
	yz_hall_call c = call("A012", 2);
	yz_err err = {0};
	assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), 0);
	assert_int_equal(access(wav_path, F_OK), -1);
	snprintf(st->cfg.hall_voice, sizeof st->cfg.hall_voice, "loud");
	assert_int_equal(yz_service_speak(&st->s, NULL, &c, wav_path, &err), -1);
	assert_int_equal(err.code, YZ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "loud"));
}

static void test_player_missing(void **state)
{
	station *st = *state;
	char empty[300], wav_path[400];
	snprintf(empty, sizeof empty, "%s/nobin", st->home);
	assert_int_equal(mkdir(empty, 0750), 0);
	snprintf(wav_path, sizeof wav_path, "%s/nobin/call.wav", st->home);
	char *path = strdup(getenv("PATH"));
	assert_int_equal(setenv("PATH", empty, 1), 0);
	yz_hall_call c = call("A012", 2);
	yz_err err = {0};
	int rc = yz_service_speak(&st->s, NULL, &c, wav_path, &err);
	setenv("PATH", path, 1);
	free(path);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, YZ_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "espeak-ng"));
	assert_int_equal(count_files(empty), 0);
}

/* Played (no wav_path) where ALSA has no sound card (an empty configuration):
 * aplay fails, and says why; the temporary sound is removed. */
static void test_player_fails(void **state)
{
	station *st = *state;
	char tmp[300];
	snprintf(tmp, sizeof tmp, "%s/tmp", st->home);
	assert_int_equal(mkdir(tmp, 0750), 0);
	assert_int_equal(setenv("TMPDIR", tmp, 1), 0);
	assert_int_equal(setenv("ALSA_CONFIG_PATH", "/dev/null", 1), 0);
	snprintf(st->cfg.hall_voice, sizeof st->cfg.hall_voice, "clips");
	station_template(st, "template = {window}\n");
	write_sine(st->clips, "2.wav", 16000, 1, 300, 440);
	yz_hall_call c = call("A012", 2);
	yz_err err = {0};
	int rc = yz_service_speak(&st->s, NULL, &c, NULL, &err);
	unsetenv("ALSA_CONFIG_PATH");
	unsetenv("TMPDIR");
	assert_int_equal(rc, -1);
	assert_int_not_equal(err.code, YZ_ERR_NONE);
	if (!strstr(err.msg, "aplay"))
		fail_msg("\"%s\"", err.msg);
	assert_int_equal(count_files(tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_words_default, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_words_station, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_words_default_queue, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_template, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_espeak, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_clips_join, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_clips_tokens, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_clips_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_off, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_player_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_player_fails, setup, teardown),
	};
	return cmocka_run_group_tests_name("voice19", tests, NULL, NULL);
}
