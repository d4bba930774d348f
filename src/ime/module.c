/* yizhan-ime.so: one librime session (ime-int.h), and nothing of yizhan's
 * own candidates.
 *
 * librime is set up the way an input method front end sets it up (setup,
 * initialize, maintenance, a session, the schema), with what a counter needs:
 *   - shared data from Debian's rime-data packages, user data in the
 *     counter's folder of the station's rime folder, and librime's own
 *     sync (installation_id, sync_dir) to share what the counters learn
 *     within the station (ime.c, "the station's folders");
 *   - only librime's built-in modules ("default"): Debian's plugins (lua,
 *     octagram, charcode) would load more libraries for nothing Luna Pinyin
 *     uses;
 *   - glog at FATAL only, its directory the user folder: nothing on the
 *     counter's terminal (it would draw over the screen) and nothing in /tmp.
 *
 * librime's setup may run once per process (it initialises glog, which
 * refuses a second time), and librime is one engine per process: the two
 * flags below are that library's own global state mirrored, nothing more. */
#include <errno.h>
#include <malloc.h>
#include <rime_api.h>
#include <rime_levers_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../intl.h"
#include "ime-int.h"
#include "yz_config.h"

/* librime's RimeSetup ran in this process. */
static bool set_up;
/* A session is open (librime is initialised). */
static bool opened;

struct yz_ime_engine {
	RimeApi *api;          /* librime's function table */
	RimeSessionId session; /* the one session */
};

/* The files yizhan's schema needs in the shared folder: Luna Pinyin's
 * dictionary and schemas (rime-data-luna-pinyin) and librime's base
 * configuration (rime-prelude). */
static bool shared_data_there(const char *shared_dir)
{
	static const char *const need[] = {"luna_pinyin.dict.yaml", "luna_pinyin.schema.yaml",
	                                   YZ_IME_SCHEMA ".schema.yaml", "default.yaml"};
	char path[4096];
	for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
		snprintf(path, sizeof path, "%s/%s", shared_dir, need[i]);
		if (access(path, R_OK) != 0)
			return false;
	}
	return true;
}

static void no_data(yz_err *err)
{
	yz_err_setc(err, YZ_ERR_NOT_FOUND,
	            _("The pinyin data is missing: the station's technical support must install "
	              "the Debian packages rime-data-luna-pinyin and rime-prelude."));
}

/* In the child: the parent's signal handlers are not its own (a terminal
 * library's would redraw or reset the counter's screen); the terminal's keys
 * are the parent's business. */
static void child_signals(void)
{
	static const int dfl[] = {SIGHUP,   SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
	                          SIGWINCH, SIGCONT, SIGTTIN, SIGTTOU, SIGCHLD};
	static const int ign[] = {SIGINT, SIGQUIT, SIGTSTP};
	struct sigaction sa = {.sa_handler = SIG_DFL};
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof dfl / sizeof *dfl; i++)
		sigaction(dfl[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	for (size_t i = 0; i < sizeof ign / sizeof *ign; i++)
		sigaction(ign[i], &sa, NULL);
}

/* A deployment's limit: it takes about a second; a child stuck for longer is
 * killed and the open deploys in the process itself. */
#define DEPLOY_LIMIT_MS 120000

/* The first open in a process deploys in a child that exits: a deployment
 * (compiling the schema's tables into the user folder) allocates some 15 MB
 * that would stay with the counter UI all day (issue 5's figure) and runs a
 * thread. The open that follows only finds the deployment done. Whatever
 * happens to the child, the open goes on: its own maintenance deploys what
 * the child did not. */
static void deploy_in_child(RimeApi *api, RimeTraits *traits)
{
	pid_t pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		child_signals();
		api->setup(traits);
		api->initialize(traits);
		if (api->start_maintenance(False))
			api->join_maintenance_thread();
		api->finalize();
		_exit(0); /* no atexit handlers, no stdio flush: the parent's */
	}
	struct timespec tick = {0, 5000000};
	for (long waited = 0;; waited += 5) {
		int st;
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return; /* done (or SIGCHLD ignored: reaped already) */
		if (waited >= DEPLOY_LIMIT_MS) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			return;
		}
		nanosleep(&tick, NULL);
	}
}

static yz_ime_engine *engine_open(const char *shared_dir, const char *user_dir, yz_err *err)
{
	if (opened) {
		yz_err_setc(err, YZ_ERR_BUSY, _("Pinyin input is already open in this program."));
		return NULL;
	}
	if (!shared_data_there(shared_dir)) {
		no_data(err);
		return NULL;
	}
	RimeApi *api = rime_get_api();
	if (!api) {
		no_data(err);
		return NULL;
	}
	static const char *modules[] = {"default", NULL};
	RIME_STRUCT(RimeTraits, traits);
	traits.shared_data_dir = shared_dir;
	traits.user_data_dir = user_dir;
	traits.distribution_name = "yizhan";
	traits.distribution_code_name = "yizhan";
	traits.distribution_version = YZ_VERSION;
	traits.app_name = "rime.yizhan";
	traits.modules = modules;
	traits.min_log_level = 3; /* FATAL: nothing is logged short of a crash */
	traits.log_dir = user_dir;
	if (!set_up) {
		deploy_in_child(api, &traits);
		api->setup(&traits);
		set_up = true;
	}
	api->initialize(&traits);
	/* Deploys when the user folder is new or a configuration file changed
	 * (when the child above could not, or in a later open); else only
	 * compares timestamps, in a few milliseconds. */
	if (api->start_maintenance(False)) {
		api->join_maintenance_thread();
		/* the deployment's thread leaves its freed memory in its malloc
		 * arena: back to the system */
		malloc_trim(0);
	}
	RimeSessionId s = api->create_session();
	if (!s || !api->select_schema(s, YZ_IME_SCHEMA)) {
		if (s)
			api->destroy_session(s);
		api->finalize();
		yz_err_setc(err, YZ_ERR_IO,
		            _("Pinyin input could not prepare its files in %s. Check that the "
		              "folder can be written and the disk is not full."),
		            user_dir);
		return NULL;
	}
	yz_ime_engine *e = calloc(1, sizeof *e);
	if (!e) {
		api->destroy_session(s);
		api->finalize();
		yz_err_setc(err, YZ_ERR_NO_MEMORY, _("Out of memory."));
		return NULL;
	}
	e->api = api;
	e->session = s;
	opened = true;
	return e;
}

static bool engine_sync(yz_ime_engine *e, bool merge, bool again)
{
	RimeApi *api = e->api;
	if (e->session)
		api->destroy_session(e->session);
	e->session = 0;
	bool ok = false;
	if (merge) {
		/* sync_user_data ends every session itself, and runs its tasks
		 * (installation_update, backup_config_files, user_dict_sync) in
		 * librime's maintenance thread */
		ok = api->sync_user_data();
		if (ok)
			api->join_maintenance_thread();
	} else {
		/* the levers module (loaded by the maintenance of open) writes
		 * the snapshot into <sync_dir>/<installation_id> */
		RimeModule *m = api->find_module("levers");
		RimeLeversApi *levers = m && m->get_api ? (RimeLeversApi *)m->get_api() : NULL;
		ok = levers && levers->backup_user_dict && levers->backup_user_dict(YZ_IME_USERDB);
	}
	malloc_trim(0);
	if (!again)
		return ok;
	/* a failed merge (a damaged snapshot) leaves the dictionary as it
	 * was: what matters now is the session */
	RimeSessionId s = api->create_session();
	if (!s || !api->select_schema(s, YZ_IME_SCHEMA)) {
		if (s)
			api->destroy_session(s);
		return false;
	}
	e->session = s;
	return true;
}

static void engine_close(yz_ime_engine *e)
{
	if (!e)
		return;
	if (e->session)
		e->api->destroy_session(e->session);
	e->api->finalize(); /* closes the user dictionary */
	opened = false;
	free(e);
}

static bool engine_key(yz_ime_engine *e, int keysym)
{
	return e->api->process_key(e->session, keysym, 0);
}

static const char *engine_input(yz_ime_engine *e)
{
	const char *in = e->api->get_input(e->session);
	return in ? in : "";
}

static void engine_preedit(yz_ime_engine *e, char *out, size_t n)
{
	out[0] = '\0';
	RIME_STRUCT(RimeContext, ctx);
	if (!e->api->get_context(e->session, &ctx))
		return;
	if (ctx.composition.preedit)
		yz_strlcpy_utf8(out, ctx.composition.preedit, n);
	e->api->free_context(&ctx);
}

static size_t engine_candidates(yz_ime_engine *e, size_t from, yz_ime_cand *out, size_t max)
{
	RimeCandidateListIterator it;
	memset(&it, 0, sizeof it);
	size_t n = 0;
	if (max == 0 || !e->api->candidate_list_from_index(e->session, &it, (int)from))
		return 0;
	while (n < max && e->api->candidate_list_next(&it)) {
		yz_strlcpy_utf8(out[n].text, it.candidate.text ? it.candidate.text : "",
		                sizeof out[n].text);
		yz_strlcpy_utf8(out[n].comment, it.candidate.comment ? it.candidate.comment : "",
		                sizeof out[n].comment);
		n++;
	}
	e->api->candidate_list_end(&it);
	return n;
}

static bool engine_select(yz_ime_engine *e, size_t index)
{
	return e->api->select_candidate(e->session, index);
}

static bool engine_commit(yz_ime_engine *e, char *out, size_t n)
{
	RIME_STRUCT(RimeCommit, c);
	if (!e->api->get_commit(e->session, &c))
		return false;
	bool any = c.text && *c.text;
	yz_strlcpy_utf8(out, c.text ? c.text : "", n);
	e->api->free_commit(&c);
	return any;
}

static void engine_clear(yz_ime_engine *e)
{
	e->api->clear_composition(e->session);
}

/* librime has no call that sets the input: the letters are typed again. */
static bool engine_set_input(yz_ime_engine *e, const char *input)
{
	engine_clear(e);
	for (const char *p = input; *p; p++)
		if (!engine_key(e, (unsigned char)*p))
			return false;
	return true;
}

/* The one symbol the module exports (meson hides the rest). */
__attribute__((visibility("default"))) extern const yz_ime_ops yz_ime_module_ops;
const yz_ime_ops yz_ime_module_ops = {
    .abi = YZ_IME_ABI,
    .version = YZ_VERSION,
    .open = engine_open,
    .close = engine_close,
    .sync = engine_sync,
    .key = engine_key,
    .input = engine_input,
    .preedit = engine_preedit,
    .candidates = engine_candidates,
    .select = engine_select,
    .commit = engine_commit,
    .set_input = engine_set_input,
    .clear = engine_clear,
};
