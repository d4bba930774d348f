/* Issue 19, placeholder (helper FIG). */
#include "app.h"

int cmd_hall_stats(yz_app *a, int argc, char **argv)
{
	(void)a;
	(void)argc;
	(void)argv;
	return 2;
}
