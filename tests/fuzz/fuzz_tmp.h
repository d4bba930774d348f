/* A private scratch folder for fuzz targets whose parser reads a file: the
 * input is written there, read back by the code under test and removed. */
#ifndef YZ_FUZZ_TMP_H
#define YZ_FUZZ_TMP_H

#include <stddef.h>
#include <stdint.h>

/* out = "<scratch folder>/name"; the folder (under $TMPDIR, else /tmp, mode
 * 0700) is made on the first call and removed at exit when empty. Aborts when
 * it cannot be made: a fuzz run without its folder would test nothing. */
void fuzz_tmp_path(const char *name, char *out, size_t n);

/* Write data to path (created 0600, truncated); aborts on failure. */
void fuzz_tmp_write(const char *path, const uint8_t *data, size_t size);

/* The whole file at path, malloc'd and NUL terminated; *size gets its length.
 * Aborts when it cannot be read. */
char *fuzz_tmp_read(const char *path, size_t *size);

#endif
