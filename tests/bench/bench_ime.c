/* Pinyin input (issue 15): the figures of the engine on this machine.
 *   - the first yz_ime_open of a station (librime deploys its schema there),
 *     and later opens;
 *   - the time from a key to the candidates to show (yz_ime_key and
 *     yz_ime_view_get), p50/p99/max over typing names in a name field,
 *     addresses in an address field with 200 places, and a sentence;
 *   - a station's counters sharing their learnt words (librime's sync): the
 *     close and open of a counter with some 3,000 words learnt at each of
 *     two counters, and a pick that syncs while open;
 *   - VmRSS/VmHWM of this process before the engine is loaded and with it
 *     loaded and used (the counter UI adds the same to its own figure).
 * Prints figures; fails only when the engine cannot be opened. */
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "yizhan/ime.h"
#include "bench_util.h"

static void memory(const char *when)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long rss = 0, hwm = 0, anon = 0, file = 0;
	while (f && fgets(line, sizeof line, f)) {
		sscanf(line, "VmRSS: %ld", &rss);
		sscanf(line, "VmHWM: %ld", &hwm);
		sscanf(line, "RssAnon: %ld", &anon);
		sscanf(line, "RssFile: %ld", &file);
	}
	if (f)
		fclose(f);
	/* RssFile: the libraries' code and the mapped dictionary, shared
	 * with other counters and given back under memory pressure */
	printf("memory %-44s VmRSS %5.1f MB (anon %5.1f, file %5.1f)  VmHWM %5.1f MB\n", when,
	       rss / 1024.0, anon / 1024.0, file / 1024.0, hwm / 1024.0);
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Wall time (what the clerk waits) and this thread's CPU time (what the key
 * costs, whatever else the machine is doing) of each key. */
#define MAX_SAMPLES 20000
static double samples[MAX_SAMPLES], cpu[MAX_SAMPLES];
static size_t nsamples;

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One key and the view the bar would draw, timed. */
static void key(yz_ime *ime, uint32_t k)
{
	char out[256];
	double t = now_ms(), c = cpu_ms();
	yz_ime_key(ime, k, out, sizeof out);
	const yz_ime_view *v = yz_ime_view_get(ime);
	(void)v;
	if (nsamples < MAX_SAMPLES) {
		cpu[nsamples] = cpu_ms() - c;
		samples[nsamples++] = now_ms() - t;
	}
}

/* Types the letters of s, and after each run of letters (up to a space in
 * s) picks with Space until nothing is composed. */
static void type(yz_ime *ime, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == ' ') {
			for (int i = 0; i < 8 && yz_ime_composing(ime); i++)
				key(ime, ' ');
			continue;
		}
		key(ime, (unsigned char)*p);
	}
	for (int i = 0; i < 8 && yz_ime_composing(ime); i++)
		key(ime, ' ');
}

static void report(const char *what)
{
	if (!nsamples)
		return;
	qsort(samples, nsamples, sizeof *samples, cmp);
	qsort(cpu, nsamples, sizeof *cpu, cmp);
	size_t n = nsamples, p99 = (n * 99) / 100;
	printf(
	    "keys   %-30s n %4zu  p50 %5.2f  p99 %5.2f  max %5.2f ms;  cpu p50 %5.2f  p99 %5.2f  "
	    "max %5.2f ms\n",
	    what, n, samples[n / 2], samples[p99], samples[n - 1], cpu[n / 2], cpu[p99],
	    cpu[n - 1]);
	nsamples = 0;
}

static const char *const names[] = {
    "ouyangxiaoyan", "shanzhongchao",   "zhangsan",   "lisi",
    "wangxiuying",   "liuyang",         "chenjing",   "zhuge liang",
    "sima qian",     "huangfu mingyue", "zs",         "zhangs",
    "lxy",           "ji xiang",        "zengguofan",
};
static const char *const addresses[] = {
    "jiefanglu", "jfl", "yangguangxiaoqu", "ygxq",     "guihuaxiang",
    "renminlu",  "rml", "jianshe dajie",   "xingfuli", "hpq",
};
static const char *const sentences[] = {
    "jumin fanying louxia de lajitong meitian wanshang meiyou qingyun qing shequ bangmang "
    "xietiao wuye chuli",
    "woyao banli gaoling jintie shenqing",
};

/* Station places: 200 names from a few parts. */
static const char *const part1[] = {"解放", "人民", "建设", "幸福", "阳光",
                                    "桂花", "和平", "胜利", "东风", "光明"};
static const char *const part2[] = {"路",   "街",   "小区", "巷",   "里",   "大街", "新村",
                                    "花园", "公寓", "苑",   "北路", "南路", "东路", "西路",
                                    "广场", "大厦", "社区", "一村", "二村", "三村"};

/* Opens the engine on dir, types everything twice and prints the figures;
 * run in a child of its own, so that its memory is the engine's alone. */
static int session(const char *dir, const char *what)
{
	yz_err err = {{0}};
	double t = now_ms();
	yz_ime *ime = yz_ime_open(dir, &err);
	if (!ime) {
		fprintf(stderr, "bench_ime: %s\n", err.msg);
		return 1;
	}
	printf("open   %-34s %7.1f ms\n", what, now_ms() - t);
	char m[96];
	snprintf(m, sizeof m, "%s: opened", what);
	memory(m);

	static char place[200][32];
	const char *places[200];
	for (size_t i = 0; i < 200; i++) {
		snprintf(place[i], sizeof place[i], "%s%s", part1[i % 10], part2[i / 10]);
		places[i] = place[i];
	}
	yz_ime_set_words(ime, places, 200, &err);

	for (int round = 0; round < 2; round++) {
		const char *tag = round ? " (again)" : "";
		char line[96];
		for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
			yz_ime_set_kind(ime, YZ_IME_NAME);
			type(ime, names[i]);
		}
		snprintf(line, sizeof line, "names, name field%s", tag);
		report(line);
		for (size_t i = 0; i < sizeof addresses / sizeof *addresses; i++) {
			yz_ime_set_kind(ime, YZ_IME_ADDRESS);
			type(ime, addresses[i]);
		}
		snprintf(line, sizeof line, "addresses, 200 places%s", tag);
		report(line);
		yz_ime_set_kind(ime, YZ_IME_TEXT);
		for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++)
			type(ime, sentences[i]);
		snprintf(line, sizeof line, "a sentence, text field%s", tag);
		report(line);
	}
	/* u+, and = through a long menu */
	yz_ime_set_kind(ime, YZ_IME_TEXT);
	type(ime, "u+20bb7");
	key(ime, 'j');
	key(ime, 'i');
	for (int i = 0; i < 40; i++)
		key(ime, '=');
	key(ime, YZ_IME_K_ESC);
	report("u+ and 40 pages of ji");
	snprintf(m, sizeof m, "%s: after typing", what);
	memory(m);
	yz_ime_close(ime);
	fflush(stdout);
	return 0;
}

/* Learnt words shared by a station's counters: counter-1 and counter-2
 * learn n words each (three-syllable inputs, one of the first three
 * candidates picked for each part); the figures are the close (a sync that
 * gives the counter's words), a later open (merges every counter's), and a
 * pick that syncs while the engine is open ($YIZHAN_IME_SYNC_SECONDS=0). */
static const char *const syl[] = {
    "ba",   "bo",  "ma",   "mi",   "fa",   "da",  "di",   "ta",    "ti",  "na",   "li",  "lu",
    "ge",   "ke",  "he",   "ji",   "qi",   "xi",  "zhi",  "chi",   "shi", "ri",   "zi",  "ci",
    "si",   "an",  "wo",   "ni",   "hao",  "xue", "xiao", "jia",   "guo", "ren",  "min", "shan",
    "shui", "hua", "ming", "dong", "fang", "nan", "bei",  "zhong", "wen", "ping", "xin", "cun"};

static int learn_words(const char *dir, const char *counter, int n, unsigned seed)
{
	yz_err err = {{0}};
	double t = now_ms();
	yz_ime *ime = yz_ime_open_at(dir, counter, &err);
	if (!ime) {
		fprintf(stderr, "bench_ime: %s\n", err.msg);
		return 1;
	}
	double opened = now_ms() - t;
	srand(seed);
	size_t ns = sizeof syl / sizeof *syl;
	char out[256];
	for (int i = 0; i < n; i++) {
		char w[32];
		snprintf(w, sizeof w, "%s%s%s", syl[rand() % ns], syl[rand() % ns],
		         syl[rand() % ns]);
		for (const char *p = w; *p; p++)
			yz_ime_key(ime, (unsigned char)*p, out, sizeof out);
		for (int k = 0; k < 4 && yz_ime_composing(ime); k++)
			yz_ime_key(ime, (uint32_t)('1' + rand() % 3), out, sizeof out);
		yz_ime_clear(ime);
	}
	t = now_ms();
	yz_ime_close(ime);
	printf("sync   %s: open %.1f ms, %d words learnt, close (gives them) %.1f ms\n", counter,
	       opened, n, now_ms() - t);
	return 0;
}

static int sync_figures(const char *dir)
{
	int rc = learn_words(dir, "counter-1", 3000, 1);
	if (rc == 0)
		rc = learn_words(dir, "counter-2", 3000, 2);
	if (rc == 0)
		rc = learn_words(dir, "counter-1", 0, 3);
	char path[256];
	snprintf(path, sizeof path, "%s/sync/counter-2/luna_pinyin.userdb.txt", dir);
	FILE *f = fopen(path, "r");
	long lines = 0;
	for (int c; f && (c = getc(f)) != EOF;)
		lines += c == '\n';
	if (f)
		fclose(f);
	printf("sync   the station's words: %ld lines in counter-2's snapshot\n", lines);
	if (rc != 0)
		return rc;
	/* a pick that syncs while open */
	setenv("YIZHAN_IME_SYNC_SECONDS", "0", 1);
	yz_err err = {{0}};
	yz_ime *ime = yz_ime_open_at(dir, "counter-3", &err);
	unsetenv("YIZHAN_IME_SYNC_SECONDS");
	if (!ime)
		return 1;
	char out[256];
	double worst = 0;
	for (int i = 0; i < 5; i++) {
		for (const char *p = "xingfuli"; *p; p++)
			yz_ime_key(ime, (unsigned char)*p, out, sizeof out);
		double t = now_ms();
		yz_ime_key(ime, ' ', out, sizeof out);
		double d = now_ms() - t;
		worst = d > worst ? d : worst;
	}
	printf("sync   a pick that syncs while open (at most every 300 s): max of 5 %.1f ms\n",
	       worst);
	yz_ime_close(ime);
	return 0;
}

static int in_child(const char *dir, const char *what)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(session(dir, what));
	int st = 0;
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	char home[] = "/tmp/yz-bench-ime.XXXXXX";
	if (!mkdtemp(home))
		return 1;
	char dir[64];
	snprintf(dir, sizeof dir, "%s/rime", home);
	double load[3] = {0};
	getloadavg(load, 3);
	printf("load   %.2f %.2f %.2f (2 cores shared with other work: wall times include waits)\n",
	       load[0], load[1], load[2]);
	memory("no engine");
	/* a new station: librime deploys the schema into its folder */
	int rc = in_child(dir, "first of a station (deploys)");
	/* the station's later days: what a counter UI sees */
	if (rc == 0)
		rc = in_child(dir, "later (deployed)");
	/* learnt words shared by counters, at a station of its own */
	if (rc == 0) {
		char sdir[96];
		snprintf(sdir, sizeof sdir, "%s/sync-station", home);
		mkdir(sdir, 0750);
		strncat(sdir, "/rime", sizeof sdir - strlen(sdir) - 1);
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			int r = sync_figures(sdir);
			fflush(stdout);
			_exit(r);
		}
		int st = 0;
		rc = pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : 1;
	}
	double opens[5];
	for (int i = 0; rc == 0 && i < 5; i++) {
		yz_err err = {{0}};
		double t = now_ms();
		yz_ime *ime = yz_ime_open(dir, &err);
		opens[i] = now_ms() - t;
		if (!ime) {
			fprintf(stderr, "bench_ime: %s\n", err.msg);
			rc = 1;
			break;
		}
		yz_ime_close(ime);
	}
	if (rc == 0) {
		qsort(opens, 5, sizeof *opens, cmp);
		printf("open   later, median of 5 in one process %6.1f ms  (min %.1f, max %.1f)\n",
		       opens[2], opens[0], opens[4]);
	}
	nftw(home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
