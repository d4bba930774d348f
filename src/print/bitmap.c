/* 1-bit images for receipt printers (GS v 0): the buffer the render module's
 * raster.c draws into and escpos.c sends. */
#include <stdlib.h>
#include <string.h>

#include "print-int.h"

bool yz_bitmap_init(yz_bitmap *bm, int width, int height)
{
	bm->width = (width + 7) / 8 * 8;
	bm->height = height;
	bm->bits = calloc((size_t)height * (size_t)(bm->width / 8) + 1, 1);
	return bm->bits != NULL;
}

void yz_bitmap_set(yz_bitmap *bm, int x, int y)
{
	if (x < 0 || y < 0 || x >= bm->width || y >= bm->height)
		return;
	bm->bits[(size_t)y * (size_t)(bm->width / 8) + (size_t)(x / 8)] |=
	    (unsigned char)(0x80u >> (x % 8));
}

void yz_bitmap_free(yz_bitmap *bm)
{
	free(bm->bits);
	memset(bm, 0, sizeof *bm);
}
