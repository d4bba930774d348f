/* Replays every file of a corpus folder through the fuzz target's entry point,
 * so that the ordinary test suite (and its sanitizer build) runs the corpus
 * without libFuzzer. */
#include <dirent.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (fp == NULL) {
		perror(path);
		return 1;
	}
	buf = malloc(1 << 20);
	n = buf ? fread(buf, 1, 1 << 20, fp) : 0;
	fclose(fp);
	if (buf == NULL)
		return 1;
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	struct dirent **names;
	int n, failed = 0;

	setlocale(LC_ALL, "C.UTF-8");
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
		return 2;
	}
	if ((n = scandir(argv[1], &names, NULL, alphasort)) < 0) {
		perror(argv[1]);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		if (names[i]->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", argv[1], names[i]->d_name);
			failed += replay(path);
		}
		free(names[i]);
	}
	free(names);
	printf("replayed %d files\n", n - 2);
	return failed != 0 || n < 10;
}
