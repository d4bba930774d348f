/* hub_push_rows URL PASSWORD STATION [BACKLOG] < ROWS: push a station's changes
 * to the hub as `yizhan sync` would (yz_hub_push, one batch), for the tests
 * of the hub's command line. ROWS: one change a line, "seq TAB kind TAB key
 * TAB body", body \N for a deleted row. Prints the seq the hub acked. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yizhan/hub.h"

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: hub_push_rows URL PASSWORD STATION [BACKLOG] < ROWS\n");
		return 2;
	}
	yz_hub_change rows[1000];
	char *lines[1000];
	size_t n = 0;
	char buf[8192];
	while (n < 1000 && fgets(buf, sizeof buf, stdin)) {
		buf[strcspn(buf, "\n")] = '\0';
		if (!*buf)
			continue;
		char *line = lines[n] = strdup(buf);
		char *kind = line ? strchr(line, '\t') : NULL;
		char *key = kind ? strchr(kind + 1, '\t') : NULL;
		char *body = key ? strchr(key + 1, '\t') : NULL;
		if (!body) {
			fprintf(stderr, "hub_push_rows: bad line: %s\n", buf);
			return 2;
		}
		*kind++ = *key++ = *body++ = '\0';
		rows[n] = (yz_hub_change){strtoll(line, NULL, 10), kind, key,
		                          strcmp(body, "\\N") ? body : NULL};
		n++;
	}
	yz_err err = {{0}};
	yz_hub *h = NULL;
	int64_t acked = 0;
	int rc = 0;
	if (yz_hub_open(&h, argv[1], argv[2], 5, &err) != 0 ||
	    yz_hub_push(h, argv[3], rows, n, argc > 4 ? strtoll(argv[4], NULL, 10) : 0, &acked,
	                &err) != 0) {
		fprintf(stderr, "hub_push_rows: %s\n", err.msg);
		rc = 1;
	} else {
		printf("%" PRId64 "\n", acked);
	}
	yz_hub_close(h);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	return rc;
}
