/* The light module yizhan-qr.so (issue 20): the render table with only the
 * QR code in it, so that the print child of a receipt loads libqrencode and
 * not cairo, pango and their ~60 libraries (render-int.h, loader.c). */
#include "render-int.h"
#include "yz_config.h"

__attribute__((visibility("default"))) extern const yz_render_ops yz_render_module_ops;

const yz_render_ops yz_render_module_ops = {
    .abi = YZ_RENDER_ABI,
    .version = YZ_VERSION,
    .raster_qr = yzr_raster_qr,
};
