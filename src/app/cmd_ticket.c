/* Issue 19, placeholder (helper HALL). */
#include "app.h"

int cmd_ticket(yz_app *a, int argc, char **argv)
{
	(void)a;
	(void)argc;
	(void)argv;
	return 2;
}
