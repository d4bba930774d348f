/* The household table of an intake form filled from the registry (one number,
 * one source): the applicant is member 1, the other members of the applicant's
 * household are added with one key each (F7, a list of those not in the table
 * yet) or all at once (F8), with what the registry knows of them. The service
 * says which table is a household table (yz_service_household_table) and what
 * a member's row starts with (yz_service_member_row). */
#ifndef YZ_TUI_INTAKE_MEMBERS_H
#define YZ_TUI_INTAKE_MEMBERS_H

#include "../tui_int.h"

/* Person r was just picked as the applicant: member 1 of the form's household
 * table becomes r (relation "self"), unless r is in the table already; a
 * member 1 that was the previous applicant is replaced. The engine's position
 * is kept. */
void members_applicant(yz_tui *t, yz_engine *eng, const yz_resident *r);
/* The keys of a household table (F7 and F8); true when k was used. */
bool members_key(yz_tui *t, yz_formview *fv, tui_key k);
/* Those keys for the key bar while the cursor is in a household table, into
 * out (room for 2); returns how many. */
size_t members_hints(yz_engine *eng, yz_keyhint *out);

#endif
