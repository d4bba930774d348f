/* The hub module's one exported symbol (module-int.h): the table through
 * which loader.c calls the hub's code. Everything else in the module is
 * hidden (meson: gnu_symbol_visibility and --exclude-libs), so its copies of
 * the core and text code never clash with the program's. */
#include "module-int.h"
#include "yz_config.h"

__attribute__((visibility("default"))) extern const yz_hub_ops yz_hub_module_ops;

const yz_hub_ops yz_hub_module_ops = {
    .abi = YZ_HUB_ABI,
    .version = YZ_VERSION,
    .open = yz_hub_open,
    .close = yz_hub_close,
    .migrate = yz_hub_migrate,
    .station_add = yz_hub_station_add,
    .dept_add = yz_hub_dept_add,
    .stations = yz_hub_stations,
    .is_admin = yz_hub_is_admin,
    .url_for = yz_hub_url_for,
    .push = yz_hub_push,
    .last_seq = yz_hub_last_seq,
    .last_seen = yz_hub_last_seen,
    .answers = yz_hub_answers,
    .answers_free = yz_hub_answers_free,
    .digest = yz_hub_digest,
    .inbox = yz_hub_inbox,
    .answer_forward = yz_hub_answer_forward,
    .forward_of = yz_hub_forward_of,
    .case_view_get = yz_hub_case_view_get,
    .case_view_free = yz_hub_case_view_free,
    .stats_read = yz_hub_stats_read,
    .lrows_cases = yz_hub_lrows_cases,
    .lrows_forwards = yz_hub_lrows_forwards,
    .lrows_followups = yz_hub_lrows_followups,
    .lrows_latest = yz_hub_lrows_latest,
    .publish = yz_hub_publish,
    .withdraw = yz_hub_withdraw,
    .published_list = yz_hub_published_list,
    .published_since = yz_hub_published_since,
    .published_free = yz_hub_published_free,
};
