/* Internal to src/hub: the table through which the program calls the hub's
 * code in yizhan-hub.so (module.c fills it, loader.c calls it).
 *
 * libpq pulls some twenty libraries into a process (OpenSSL, GnuTLS,
 * Kerberos, LDAP, SASL …); their loading and relocation cost every start of
 * the program a few milliseconds, most of what made the counter's first
 * screen slower than `dialog --msgbox` (issue 20). Only the hub's commands and
 * `yizhan sync` talk to the hub, so the hub's code is a module loaded on its
 * first call, as printing (src/print) and pinyin (src/ime) are; hub.h's API is
 * unchanged. */
#ifndef YZ_HUB_MODULE_INT_H
#define YZ_HUB_MODULE_INT_H

#include "yizhan/hub.h"

#define YZ_HUB_ABI    1
#define YZ_HUB_SYMBOL "yz_hub_module_ops"

/* One entry per function of hub.h that needs libpq, typed after it. */
#define HUB_OP(name) __typeof__(yz_hub_##name) *name
typedef struct yz_hub_ops {
	int abi;             /* YZ_HUB_ABI of the module */
	const char *version; /* YZ_VERSION of the module */
	HUB_OP(open);
	HUB_OP(close);
	HUB_OP(migrate);
	HUB_OP(station_add);
	HUB_OP(dept_add);
	HUB_OP(stations);
	HUB_OP(is_admin);
	HUB_OP(url_for);
	HUB_OP(push);
	HUB_OP(last_seq);
	HUB_OP(last_seen);
	HUB_OP(answers);
	HUB_OP(answers_free);
	HUB_OP(digest);
	HUB_OP(inbox);
	HUB_OP(answer_forward);
	HUB_OP(forward_of);
	HUB_OP(case_view_get);
	HUB_OP(case_view_free);
	HUB_OP(stats_read);
	HUB_OP(lrows_cases);
	HUB_OP(lrows_forwards);
	HUB_OP(lrows_followups);
	HUB_OP(lrows_latest);
	HUB_OP(publish);
	HUB_OP(withdraw);
	HUB_OP(published_list);
	HUB_OP(published_since);
	HUB_OP(published_free);
} yz_hub_ops;
#undef HUB_OP

#endif
