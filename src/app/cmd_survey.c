/* placeholder (issue 18): filled by its owner */
typedef int yz_placeholder_cmd_survey;
