/* The render module's one exported symbol (render-int.h): the table through
 * which loader.c calls the PDF and raster renderers and CUPS. Everything
 * else in the module is hidden (meson: gnu_symbol_visibility and
 * --exclude-libs), so its copies of the text and layout code never clash
 * with the program's. */
#include "render-int.h"
#include "yz_config.h"

__attribute__((visibility("default"))) extern const yz_render_ops yz_render_module_ops;

const yz_render_ops yz_render_module_ops = {
    .abi = YZ_RENDER_ABI,
    .version = YZ_VERSION,
    .pdf_render = yzr_pdf_render,
    .raster_text = yzr_raster_text,
    .raster_qr = yzr_raster_qr,
    .cups_submit = yzr_cups_submit,
    .cups_job_state = yzr_cups_job_state,
    .cups_list = yzr_cups_list,
};
