/* service/registry.h: the registry on paper: household sheets and grid books (the
 * service module, src/service/; all of it: yizhan/service.h). */
#ifndef YZ_SERVICE_REGISTRY_H
#define YZ_SERVICE_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yizhan/store/residents.h"
#include "yizhan/service/documents.h"

/* ---- the registry on paper (issue 5): src/service/registry_docs.c ----------------
 * Both books are the station's internal register: with full_idno the ID numbers
 * are printed in full (the sheet stays in the station); without it they are
 * masked (a copy handed out). Sensitive special groups appear only when
 * s->user.role may see them. Caller frees the document. */

/* Household sheet (yi hu yi biao): number, address, grid and leader, head, and a
 * table of every member with relation, ID number, birth, ethnicity, phone,
 * category and special groups. */
yz_doc *yz_service_household_sheet(yz_session *s, int64_t household_id, bool full_idno,
                                   yz_err *err);
/* Grid book (yi zu yi ce): the grid, its leader, and every household of the grid
 * in address order with its members (a table per household). */
yz_doc *yz_service_grid_book(yz_session *s, int64_t grid_id, bool full_idno, yz_err *err);
/* The household with this number; 1 = none (err says so), -1 on error. */
int yz_service_household_by_code(yz_session *s, const char *code, yz_household *out, yz_err *err);
/* The grid with this name (or place id); 1 = none, -1 on error. */
int yz_service_find_grid(yz_session *s, const char *name_or_id, yz_place *out, yz_err *err);
/* Every grid of the station, in name order. */
int yz_service_grid_list(yz_session *s, yz_place *out, size_t max, size_t *n, yz_err *err);
/* Render d as an A4 PDF into path. */
int yz_service_save_pdf(yz_session *s, const yz_doc *d, const char *path, yz_err *err);
/* Print d (A4 PDF) on printer (NULL = the configured A4 printer); with no printer
 * set it is saved as save_dir/<name>.pdf (out->saved, out->saved_path). No case,
 * no job row: registry documents are printed on demand. 0, or -1 with err (code
 * YZ_ERR_PRINTER). */
int yz_service_print_a4(yz_session *s, const yz_doc *d, const char *printer, const char *name,
                        yz_print_outcome *out, yz_err *err);

/* ---- the station's places for typing addresses (issue 15): src/service/place_words.c
 * The words an address field completes to in pinyin mode (yz_ime_set_words): the
 * name of every building or lane of the registry as stored (places of kind
 * YZ_PLACE_BUILDING, e.g. city, district, road, number and building), the same
 * from the road on (road, number and building), and its named parts alone: the
 * city, district, town, road or street, and residential compound (xiao qu). The
 * address text of households without a place (an imported registry) gives the
 * same words, cut before the unit and room. Each word once: the named parts
 * first, then from the road on, then the whole names (each group in byte
 * order), at most YZ_PLACE_WORDS_MAX (the whole names are dropped first). It
 * reads at most 10,000 rows (3,000 buildings: about 10 ms): call it once, not
 * per key. *words is one allocation
 * holding the array and the strings (NUL-ended UTF-8; words[*n] is NULL); free
 * it with yz_service_place_words_free. 0 (also with *n 0 for an empty
 * registry), or -1 with err. */
#define YZ_PLACE_WORDS_MAX 8192
int yz_service_place_words(yz_session *s, char ***words, size_t *n, yz_err *err);
void yz_service_place_words_free(char **words);

#endif
