/* A render module (src/print/render-int.h) whose calls go wrong the ways a
 * real one might: a crash, an abort, a call that never returns. test_loader
 * points $YIZHAN_RENDER_MODULE here to see that isolated mode
 * (yz_print_opts.isolated) turns each into a plain error, never a hang. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "render-int.h"
#include "yz_config.h"

/* crashes as a bad pointer would */
static int crash_pdf(const yz_doc *d, yz_paper paper, unsigned char **out, size_t *len, yz_err *err)
{
	(void)d, (void)paper, (void)out, (void)len, (void)err;
	raise(SIGSEGV);
	return -1;
}

/* aborts, as glib does on a failed assertion */
static int abort_text(const char *text, unsigned style, int width_dots, yz_bitmap *bm, yz_err *err)
{
	(void)text, (void)style, (void)width_dots, (void)bm, (void)err;
	abort();
}

/* exits without writing its answer */
static int exit_qr(const char *data, int width_dots, yz_bitmap *bm, yz_err *err)
{
	(void)data, (void)width_dots, (void)bm, (void)err;
	_exit(0);
}

/* kills itself */
static int kill_submit(const char *printer, const char *title, const char *mime,
                       const unsigned char *data, size_t len, int timeout_ms, int *job_id,
                       yz_err *err)
{
	(void)printer, (void)title, (void)mime, (void)data, (void)len, (void)timeout_ms;
	(void)job_id, (void)err;
	raise(SIGKILL);
	return -1;
}

/* never returns: a server that hangs after connecting */
static int hang_job_state(int job_id, int timeout_ms, yz_cups_job *out, yz_err *err)
{
	(void)job_id, (void)timeout_ms, (void)out, (void)err;
	sleep(3600);
	return -1;
}

static size_t crash_list(char **names, size_t max)
{
	(void)names, (void)max;
	raise(SIGSEGV);
	return 0;
}

const yz_render_ops yz_render_module_ops = {
    .abi = YZ_RENDER_ABI,
    .version = YZ_VERSION,
    .pdf_render = crash_pdf,
    .raster_text = abort_text,
    .raster_qr = exit_qr,
    .cups_submit = kill_submit,
    .cups_job_state = hang_job_state,
    .cups_list = crash_list,
};
