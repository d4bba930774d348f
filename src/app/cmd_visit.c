/* Issue 19, placeholder (helper APPT). */
#include "app.h"

int cmd_visit(yz_app *a, int argc, char **argv)
{
	(void)a;
	(void)argc;
	(void)argv;
	return 2;
}
