/* The light module yizhan-cups.so (issue 20): the render table with only the
 * CUPS calls in it, so that the print child sending a job loads libcups and
 * not cairo, pango and their libraries (render-int.h, loader.c). */
#include "render-int.h"
#include "yz_config.h"

__attribute__((visibility("default"))) extern const yz_render_ops yz_render_module_ops;

const yz_render_ops yz_render_module_ops = {
    .abi = YZ_RENDER_ABI,
    .version = YZ_VERSION,
    .cups_submit = yzr_cups_submit,
    .cups_job_state = yzr_cups_job_state,
    .cups_list = yzr_cups_list,
};
