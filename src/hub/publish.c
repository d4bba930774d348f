/* hub/publish.c (issue 17): being written (placeholder of the lead's
 * scaffolding; the helper that owns this file replaces it). */
#include "hub_int.h"

typedef int yz_hub_publish_placeholder;
