/* The values typed into a form: an ordered list of field id → text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"

static long find(const yz_values *v, const char *key)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return (long)i;
	return -1;
}

static void remove_at(yz_values *v, size_t i)
{
	free(v->keys[i]);
	free(v->vals[i]);
	memmove(&v->keys[i], &v->keys[i + 1], (v->n - i - 1) * sizeof *v->keys);
	memmove(&v->vals[i], &v->vals[i + 1], (v->n - i - 1) * sizeof *v->vals);
	v->n--;
}

/* Appends key/val (both already copied); frees them on ENOMEM. */
static void append(yz_values *v, char *key, char *val)
{
	char **keys = realloc(v->keys, (v->n + 1) * sizeof *keys);
	char **vals;

	if (keys != NULL)
		v->keys = keys;
	vals = keys ? realloc(v->vals, (v->n + 1) * sizeof *vals) : NULL;
	if (vals == NULL) {
		free(key);
		free(val);
		return;
	}
	v->vals = vals;
	v->keys[v->n] = key;
	v->vals[v->n] = val;
	v->n++;
}

/* A NULL val removes the key. On ENOMEM the old value stays. */
void yz_values_set(yz_values *v, const char *key, const char *val)
{
	long i = find(v, key);
	char *copy;

	if (val == NULL) {
		if (i >= 0)
			remove_at(v, (size_t)i);
		return;
	}
	if ((copy = yzf_strdup(val)) == NULL)
		return;
	if (i >= 0) {
		free(v->vals[i]);
		v->vals[i] = copy;
		return;
	}
	char *kcopy = yzf_strdup(key);
	if (kcopy == NULL) {
		free(copy);
		return;
	}
	append(v, kcopy, copy);
}

const char *yz_values_get(const yz_values *v, const char *key)
{
	long i = find(v, key);

	return i >= 0 ? v->vals[i] : NULL;
}

void yz_values_clear(yz_values *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->keys[i]);
		free(v->vals[i]);
	}
	free(v->keys);
	free(v->vals);
	v->keys = NULL;
	v->vals = NULL;
	v->n = 0;
}

/* ---- tables: "<table>.<row>.<column>" and "<table>.rows" ------------------ */

int yz_table_rows(const yz_values *v, const char *table)
{
	char key[96];
	const char *s;
	long n;

	snprintf(key, sizeof key, "%s.rows", table);
	s = yz_values_get(v, key);
	n = s ? strtol(s, NULL, 10) : 0;
	return n > 0 && n <= YZ_TABLE_MAX_ROWS * 4 ? (int)n : 0;
}

const char *yz_table_get(const yz_values *v, const char *table, int row, const char *col)
{
	char key[192];

	snprintf(key, sizeof key, "%s.%d.%s", table, row, col);
	return yz_values_get(v, key);
}

void yz_table_set(yz_values *v, const char *table, int row, const char *col, const char *val)
{
	char key[192];

	snprintf(key, sizeof key, "%s.%d.%s", table, row, col);
	yz_values_set(v, key, val);
}

static void set_rows(yz_values *v, const char *table, int rows)
{
	char key[96], n[16];

	snprintf(key, sizeof key, "%s.rows", table);
	snprintf(n, sizeof n, "%d", rows);
	yz_values_set(v, key, n);
}

int yz_table_add_row(yz_values *v, const char *table)
{
	int rows = yz_table_rows(v, table) + 1;

	set_rows(v, table, rows);
	return rows;
}

/* The row number of a key "<table>.<row>.<col>", 0 when key is not a cell of
 * table; *col receives the column part. */
static int cell_row(const char *key, const char *table, size_t tlen, const char **col)
{
	char *end;
	long row;

	if (strncmp(key, table, tlen) != 0 || key[tlen] != '.' || key[tlen + 1] < '1' ||
	    key[tlen + 1] > '9')
		return 0;
	row = strtol(key + tlen + 1, &end, 10);
	if (*end != '.' || row > 100000)
		return 0;
	*col = end + 1;
	return (int)row;
}

void yz_table_delete_row(yz_values *v, const char *table, int row)
{
	int rows = yz_table_rows(v, table);
	size_t tlen = strlen(table);

	if (row < 1 || row > rows)
		return;
	for (size_t i = 0; i < v->n;) {
		const char *col;
		int r = cell_row(v->keys[i], table, tlen, &col);
		if (r == row) {
			remove_at(v, i);
			continue;
		}
		if (r > row) {
			char *nk = yz_strdup_printf("%s.%d.%s", table, r - 1, col);
			if (nk != NULL) {
				free(v->keys[i]);
				v->keys[i] = nk;
			}
		}
		i++;
	}
	set_rows(v, table, rows - 1);
}

bool yz_table_key(const yz_form *f, const char *key, const yz_field_def **table, long *row,
                  const yz_field_def **column)
{
	const char *dot = strchr(key, '.');
	char name[64], *end;

	*row = 0;
	*column = NULL;
	if (dot == NULL || (size_t)(dot - key) >= sizeof name)
		return false;
	memcpy(name, key, (size_t)(dot - key));
	name[dot - key] = '\0';
	*table = yz_form_field(f, name);
	if (*table == NULL || (*table)->type != YZ_FIELD_TABLE)
		return false;
	if (strcmp(dot + 1, "rows") == 0)
		return true;
	*row = strtol(dot + 1, &end, 10);
	if (*row < 1 || *end != '.')
		return false;
	*column = yz_table_column(*table, end + 1);
	return *column != NULL;
}

const yz_field_def *yz_table_column(const yz_field_def *table, const char *col)
{
	for (size_t i = 0; col && i < table->n_columns; i++)
		if (strcmp(table->columns[i].id, col) == 0)
			return &table->columns[i];
	return NULL;
}
