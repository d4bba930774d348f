/* The station's side of the district hub (issue 17): send the outbox to the
 * hub in batches, take the departments' answers back, take the forms, ledgers
 * and calendar the district published into the station's district folder,
 * and say which rows may leave the station at all (the forms' `share`).
 *
 * What must stay true: nothing is acked that the hub does not hold, so a
 * failure anywhere (the link drops, the hub restarts, the process is killed)
 * loses nothing — the next sync sends again what was not acked, and the hub
 * ignores what it already has. An answer is applied in the transaction that
 * moves sync_state.answer_id on, so none is applied twice. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../intl.h"
#include "workflow_int.h"
#include "yizhan/hub.h"

#define SYNC_BATCH_DEFAULT 1000
#define SYNC_BATCH_MAX     100000
#define ANSWERS_PAGE       200
#define PUBLISHED_PAGE     8
/* The station's meta key of the district's version it holds (the last
 * published file or withdrawal it took). */
#define DISTRICT_VERSION_KEY "district_version"

/* ---- the share filter ------------------------------------------------------ */

/* The form's applicant: its first resident field (forms/README.md). */
static const yz_field_def *applicant_field(const yz_form *f)
{
	for (size_t i = 0; i < f->n_fields; i++)
		if (f->fields[i].type == YZ_FIELD_RESIDENT)
			return &f->fields[i];
	return NULL;
}

bool yz_service_shared(void *cat, const char *form_id, const char *kind, const char *field)
{
	const yz_form *f;
	const yz_field_def *fd;
	char id[128];

	if (strcmp(kind, "applicant") != 0 && strcmp(kind, "field") != 0)
		return true;
	if (!cat || !form_id || !(f = yz_catalogue_find(cat, form_id)))
		return false; /* a form the station no longer has: nothing it cannot vouch for */
	if (!strcmp(kind, "applicant"))
		return (fd = applicant_field(f)) && fd->share;
	if (!field)
		return false;
	/* A table's cells ("members.2.income") follow the table's field. */
	snprintf(id, sizeof id, "%.*s", (int)strcspn(field, "."), field);
	return (fd = yz_form_field(f, id)) && fd->share;
}

/* ---- one sync ---------------------------------------------------------------- */

/* Everything one sync works with. */
typedef struct sync_run {
	yz_session *s;
	yz_hub *hub;
	const char *station; /* the station's code, its name at the hub */
	size_t batch;        /* rows read per batch */
	yz_sync_report *r;
} sync_run;

/* Who the audit rows of the outbox name. */
static const char *sync_actor(const yz_session *s)
{
	return s->user.login[0] ? s->user.login : "sync";
}

/* What the hub holds of the station, before anything is sent. More than the
 * station ever numbered: the station was restored from an older backup, and
 * its next changes would get numbers the hub already holds (and ignores):
 * the outbox is numbered on above the hub's and the station's present state
 * sent again as newer. So too after `yizhan restore` when the hub holds more
 * than the restored station acked (it may have numbered past the hub since).
 * Else the hub's answer was lost last time (the link dropped after its
 * commit, or the station was killed): what it holds is acked now, without
 * sending it again. */
static int ack_what_hub_has(sync_run *x, yz_err *err)
{
	yz_sync_state st;
	int64_t seq = 0, answer = 0;
	bool restored = false;

	if (yz_sync_state_get(x->s->store, &st, err) < 0 ||
	    yz_sync_restored(x->s->store, &restored, err) < 0 ||
	    yz_hub_last_seen(x->hub, x->station, &seq, &answer, err) < 0)
		return -1;
	/* The hub lost answers the station applied: those it gives from now
	 * on have ids the station has passed. */
	if (answer < st.answer_id && yz_sync_answers_from(x->s->store, answer, err) < 0)
		return -1;
	/* Restored, the station may have numbered past the hub since: the hub
	 * holding more than the restored station acked tells it too. The hub
	 * holding less than it acknowledged lost changes (put back from an
	 * older backup, or a new hub): everything is sent again as newer. */
	x->r->hub_behind = seq < st.acked_seq;
	if (seq > st.last_seq || (restored && seq > st.acked_seq) || x->r->hub_behind) {
		x->r->hub_seq = seq;
		return yz_outbox_renumber(x->s->store, seq, sync_actor(x->s), &x->r->reseeded, err);
	}
	return seq > st.acked_seq ? yz_outbox_ack(x->s->store, seq, err) : 0;
}

/* Send one batch of b's rows (none when all were not shared: no round trip)
 * and ack it. */
static int send_batch(sync_run *x, const yz_outbox_batch *b, int64_t backlog, yz_err *err)
{
	yz_hub_change *ch;
	int64_t acked = 0;
	int rc = 0;

	if (b->n > 0) {
		if (!(ch = calloc(b->n, sizeof *ch))) {
			yz_err_setc(err, YZ_ERR_NO_MEMORY, "%s", _("out of memory"));
			return -1;
		}
		for (size_t i = 0; i < b->n; i++)
			ch[i] = (yz_hub_change){.seq = b->rows[i].seq,
			                        .kind = b->rows[i].kind,
			                        .key = b->rows[i].key,
			                        .body = b->rows[i].body};
		rc = yz_hub_push(x->hub, x->station, ch, b->n, backlog, &acked, err);
		free(ch);
		if (rc < 0)
			return -1;
		if (acked < b->rows[b->n - 1].seq) {
			yz_err_setc(
			    err, YZ_ERR_INTERNAL,
			    _("The district hub holds changes up to %lld only, not the %lld "
			      "just sent; they will be sent again."),
			    (long long)acked, (long long)b->rows[b->n - 1].seq);
			return -1;
		}
		x->r->sent += (int64_t)b->n;
		x->r->batches++;
	}
	return yz_outbox_ack(x->s->store, b->last_seq, err);
}

/* Send everything that waits, batch after batch. */
static int send_outbox(sync_run *x, yz_err *err)
{
	yz_sync_state st;
	yz_outbox_batch b;
	int64_t after;
	int rc;

	if (yz_sync_state_get(x->s->store, &st, err) < 0)
		return -1;
	after = st.acked_seq;
	for (;;) {
		memset(&b, 0, sizeof b);
		if (yz_outbox_read(x->s->store, after, x->batch, yz_service_shared, x->s->cat, &b,
		                   err) < 0)
			return -1;
		if (b.last_seq <= after) {
			yz_outbox_batch_free(&b);
			return 0;
		}
		/* The newest change may have grown meanwhile (a counter at work): the
		 * hub's backlog is a figure for its status list, not a promise. */
		if (yz_sync_state_get(x->s->store, &st, err) < 0) {
			yz_outbox_batch_free(&b);
			return -1;
		}
		int64_t backlog = st.last_seq > b.last_seq ? st.last_seq - b.last_seq : 0;
		rc = send_batch(x, &b, backlog, err);
		after = b.last_seq;
		yz_outbox_batch_free(&b);
		if (rc < 0)
			return -1;
	}
}

/* The forward's id from its key, "<case number>/00000012". */
static int64_t forward_id_of(const char *key)
{
	const char *slash = strrchr(key, '/');

	return slash ? strtoll(slash + 1, NULL, 10) : 0;
}

/* Apply one department's answer as the clerk's own recording of the result
 * would be (yz_service_forward_result): the case moves on from the forwarded
 * step to the next; the store decides whether the case still waits on that
 * forward (else the answer is only noted on the timeline). */
static int apply_answer(sync_run *x, const yz_hub_answer *h, yz_err *err)
{
	yz_session *s = x->s;
	yz_case c;
	svc_act_buf b;
	char note[768];
	int applied = 0, rc;

	memset(&c, 0, sizeof c);
	if ((rc = yz_case_get(s->store, h->case_no, &c, err)) < 0)
		return -1;
	/* TRANSLATORS: the timeline's note of a department's answer that came
	 * through the district hub (the answer itself is the forward's result);
	 * %s is the department */
	snprintf(note, sizeof note, _("answered by %s at the district hub"), h->department);
	svc_act(s, &b, NULL, note);
	b.act.actor = "hub";
	if (rc == 0) {
		b.act.to_state = svc_event_step(s, &c, SVC_EVENT_RESULT);
		b.act.from_state = c.state; /* moved only from there (a counter at work) */
	}
	yz_sync_answer a = {
	    .id = h->id,
	    .case_no = h->case_no,
	    .forward_id = forward_id_of(h->forward_key),
	    .department = h->department,
	    .result = h->result ? h->result : "",
	    .result_date = h->result_date[0] ? h->result_date : b.today,
	    .answered_by = h->answered_by,
	};
	if (yz_sync_apply_answer(s->store, &a, &b.act, &applied, err) < 0)
		return -1;
	if (applied > 0)
		x->r->answers++;
	return 0;
}

/* apply_answer, read again when the case moved on between reading it and
 * recording the answer (a counter at work): the answer is never only noted
 * on a case that still waits for it. */
static int apply_answer_again(sync_run *x, const yz_hub_answer *h, yz_err *err)
{
	int rc = -1;

	for (int tries = 0; tries < 3; tries++)
		if ((rc = apply_answer(x, h, err)) == 0 || !err || err->code != YZ_ERR_BUSY)
			break;
	return rc;
}

/* The departments' answers the station has not applied yet, page by page. */
static int take_answers(sync_run *x, yz_err *err)
{
	yz_sync_state st;
	yz_hub_answer *ans;
	size_t n;
	int rc = 0;

	do {
		if (yz_sync_state_get(x->s->store, &st, err) < 0 ||
		    yz_hub_answers(x->hub, x->station, st.answer_id, ANSWERS_PAGE, &ans, &n, err) <
		        0)
			return -1;
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = apply_answer_again(x, &ans[i], err);
		yz_hub_answers_free(ans, n);
	} while (rc == 0 && n == ANSWERS_PAGE);
	return rc;
}

/* ---- the files the district published -------------------------------------------- */

int yz_service_district_version(yz_session *s, int64_t *version, yz_err *err)
{
	char buf[32] = "";
	int rc = yz_store_meta_get(s->store, DISTRICT_VERSION_KEY, buf, sizeof buf, err);

	if (rc < 0)
		return -1;
	*version = rc == 0 ? strtoll(buf, NULL, 10) : 0;
	return 0;
}

static int district_version_set(yz_session *s, int64_t version, yz_err *err)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)version);
	return yz_store_meta_set(s->store, DISTRICT_VERSION_KEY, buf, err);
}

/* Whether body is what the hub said it is (its SHA-256): a file cut short or
 * changed on the way is not written. */
static bool body_whole(const yz_hub_published *p)
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	char hex[2 * SHA256_DIGEST_SIZE + 1];

	sha256_init(&h);
	sha256_update(&h, strlen(p->body), (const uint8_t *)p->body);
	sha256_digest(&h, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	return strcmp(hex, p->sha256) == 0;
}

/* The district folder and the ones under it that name needs (0750). */
static int district_folders(const char *district, const char *name, yz_err *err)
{
	char path[PATH_MAX];

	if (yz_private_dir(district, true, err) < 0)
		return -1;
	if (strncmp(name, "forms/", 6) != 0)
		return 0;
	snprintf(path, sizeof path, "%s/forms", district);
	if (yz_private_dir(path, true, err) < 0)
		return -1;
	if (strncmp(name, "forms/ledgers/", 14) != 0)
		return 0;
	snprintf(path, sizeof path, "%s/forms/ledgers", district);
	return yz_private_dir(path, true, err);
}

/* Note name among the files this sync took (the first ones, for the line
 * `yizhan sync` prints). */
static void note_taken(yz_sync_report *r, const char *name, bool withdrawn)
{
	size_t len = strlen(r->district_names);

	r->district_files++;
	if (len + strlen(name) + 16 >= sizeof r->district_names)
		return;
	snprintf(r->district_names + len, sizeof r->district_names - len, "%s%s%s", len ? ", " : "",
	         name, withdrawn ? _(" (withdrawn)") : "");
}

/* Write (or remove, when withdrawn) one published file under district,
 * whole or not at all (a temporary file renamed over the name). 0 done, 1
 * nothing to do (withdrawn before it was ever taken), -1. */
static int put_published(const char *district, const yz_hub_published *p, yz_err *err)
{
	char path[PATH_MAX];

	/* Never a name that would reach outside the district folder, nor a
	 * file bigger than the hub takes, whatever the hub holds. */
	if (!yz_hub_published_name_ok(p->name)) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("The district hub sent a file named \"%s\", which a station does not "
		              "take; tell the hub's administrator."),
		            p->name);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s", district, p->name);
	if (p->withdrawn) {
		if (access(path, F_OK) != 0)
			return 1;
		return yz_outfile_remove(path, err) < 0 ? -1 : 0;
	}
	if (!p->body || strlen(p->body) > YZ_HUB_PUBLISH_MAX || !body_whole(p)) {
		yz_err_setc(err, YZ_ERR_IO,
		            _("The district's file %s arrived damaged (its SHA-256 differs); "
		              "the next sync fetches it again."),
		            p->name);
		return -1;
	}
	if (district_folders(district, p->name, err) < 0 ||
	    yz_outfile_write(path, p->body, strlen(p->body), err) < 0)
		return -1;
	return 0;
}

/* The files the district published after version `have`, page by page,
 * written under dir. For a station's sync (x): from the version it holds,
 * each file noted in its report, the version recorded after each page (a
 * sync stopped in between fetches the page again: harmless), everything
 * again when the hub holds less (put back from an older backup). A new or
 * withdrawn calendar makes the next start recompute the open cases' due
 * dates (the hash of the calendar in force no longer matches). Without x
 * (the hub's own commands): everything, nothing recorded. */
static int fetch_published(yz_hub *h, const char *dir, sync_run *x, yz_err *err)
{
	int64_t have = 0, hub_version = 0;
	yz_hub_published *p;
	size_t n;
	int rc = 0;

	if (x && yz_service_district_version(x->s, &have, err) < 0)
		return -1;
	for (bool again = true; again && rc == 0;) {
		if (yz_hub_published_since(h, have, PUBLISHED_PAGE, &p, &n, &hub_version, err) < 0)
			return -1;
		if (x && hub_version >= 0 && hub_version < have) {
			yz_hub_published_free(p, n);
			have = 0;
			rc = district_version_set(x->s, 0, err);
			continue;
		}
		again = n == PUBLISHED_PAGE;
		for (size_t i = 0; i < n && rc == 0; i++) {
			int put = put_published(dir, &p[i], err);
			rc = put < 0 ? -1 : 0;
			if (x && put == 0) {
				note_taken(x->r, p[i].name, p[i].withdrawn);
				x->r->district_calendar |= !strcmp(p[i].name, "calendar.txt");
			}
		}
		if (rc == 0 && n > 0) {
			have = p[n - 1].version;
			if (x)
				rc = district_version_set(x->s, have, err);
		}
		yz_hub_published_free(p, n);
	}
	if (x)
		x->r->district_version = have;
	return rc;
}

int yz_service_district_files(yz_hub *h, const char *dir, yz_err *err)
{
	return fetch_published(h, dir, NULL, err);
}

static int take_published(sync_run *x, yz_err *err)
{
	char district[PATH_MAX];

	yz_config_district_dir(x->s->cfg, district, sizeof district);
	return fetch_published(x->hub, district, x, err);
}

/* Connect to the station's hub, or say what is missing. */
static int open_hub(yz_session *s, int timeout_s, yz_hub **h, yz_err *err)
{
	*h = NULL;
	if (!s->cfg->hub[0]) {
		yz_err_setc(err, YZ_ERR_INVALID,
		            _("This station has no district hub: yizhan.conf needs the lines hub = "
		              "... and hub_password = ... that `yizhan hub station add` prints at "
		              "the hub."));
		return -1;
	}
	return yz_hub_open(h, s->cfg->hub, s->cfg->hub_password, timeout_s, err);
}

static int sync_steps(sync_run *x, yz_err *err)
{
	yz_sync_state st;

	/* The answers applied changed their cases: those changes go at once
	 * (the hub's inbox shows them answered). The last ack stamps last_sync
	 * even when nothing was waiting. */
	if (ack_what_hub_has(x, err) < 0 || send_outbox(x, err) < 0 || take_answers(x, err) < 0 ||
	    (x->r->answers > 0 && send_outbox(x, err) < 0) ||
	    yz_sync_state_get(x->s->store, &st, err) < 0 ||
	    yz_outbox_ack(x->s->store, st.acked_seq, err) < 0)
		return -1;
	x->r->waiting = st.waiting;
	/* Last, and never the sync's failure: a file the station cannot take
	 * (damaged on the way, a full disk) must not stop its changes going
	 * and its answers coming; the report says it, the next sync tries
	 * again from the version recorded. */
	yz_err e = {{0}};
	if (take_published(x, &e) < 0)
		snprintf(x->r->district_error, sizeof x->r->district_error, "%s", e.msg);
	return 0;
}

int yz_service_sync(yz_session *s, const yz_sync_opts *o, yz_sync_report *r, yz_err *err)
{
	yz_sync_report mine;
	yz_err e = {{0}}, e2 = {{0}};
	yz_sync_state st;
	sync_run x = {.s = s, .station = s->cfg->station_code, .r = r ? r : &mine};
	int rc;

	memset(x.r, 0, sizeof *x.r);
	x.batch = o && o->batch ? o->batch : SYNC_BATCH_DEFAULT;
	if (x.batch > SYNC_BATCH_MAX)
		x.batch = SYNC_BATCH_MAX;
	/* Until it ends, the station says a sync is under way: one killed
	 * midway leaves that for the home screen and `sync --status`. */
	if (yz_sync_note_try(s->store, NULL, &e) < 0)
		goto out;
	/* The outbox starts with the first sync that has a hub, reached or not:
	 * from then on the station counts what waits for it. */
	rc = s->cfg->hub[0] ? yz_outbox_enable(s->store, sync_actor(s), NULL, &e) : 0;
	if (rc == 0)
		rc = open_hub(s, o ? o->connect_timeout_s : 0, &x.hub, &e);
	if (rc == 0)
		rc = sync_steps(&x, &e);
	if (x.hub)
		yz_hub_close(x.hub);
	if (rc == 0)
		return yz_sync_note_try(s->store, "", err);
	/* What was acked stays acked; the rest waits for the next try. */
	yz_sync_note_try(s->store, e.msg, &e2);
	if (yz_sync_state_get(s->store, &st, &e2) == 0)
		x.r->waiting = st.waiting;
out:
	if (err)
		*err = e;
	return -1;
}

int yz_service_sync_state(yz_session *s, yz_sync_state *out, yz_err *err)
{
	return yz_sync_state_get(s->store, out, err);
}

/* ---- digests ------------------------------------------------------------------- */

int yz_service_sync_digest(yz_session *s, yz_sync_digest_fn fn, void *ctx, yz_err *err)
{
	int64_t count;
	char hex[65];

	for (size_t i = 0; yz_hub_kinds[i]; i++) {
		if (yz_outbox_digest(s->store, yz_hub_kinds[i], yz_service_shared, s->cat, &count,
		                     hex, err) < 0)
			return -1;
		if (fn)
			fn(ctx, yz_hub_kinds[i], count, hex, -1, NULL);
	}
	return 0;
}

int yz_service_sync_verify(yz_session *s, yz_sync_digest_fn fn, void *ctx, bool *same, yz_err *err)
{
	yz_hub *h;
	int64_t here, there;
	char hex_here[65], hex_there[65];
	int rc = 0;

	*same = true;
	if (open_hub(s, 0, &h, err) < 0)
		return -1;
	for (size_t i = 0; yz_hub_kinds[i] && rc == 0; i++) {
		const char *k = yz_hub_kinds[i];
		rc = yz_outbox_digest(s->store, k, yz_service_shared, s->cat, &here, hex_here, err);
		if (rc == 0)
			rc = yz_hub_digest(h, s->cfg->station_code, k, &there, hex_there, err);
		if (rc < 0)
			break;
		if (here != there || strcmp(hex_here, hex_there) != 0)
			*same = false;
		if (fn)
			fn(ctx, k, here, hex_here, there, hex_there);
	}
	yz_hub_close(h);
	return rc;
}
