/* A module that says it belongs to another version of yizhan: the loader
 * must refuse it (test_ime.c, test_module_missing). */
#include "../../src/ime/ime-int.h"

__attribute__((visibility("default"))) extern const yz_ime_ops yz_ime_module_ops;
const yz_ime_ops yz_ime_module_ops = {.abi = YZ_IME_ABI, .version = "0.0-not-this-one"};
