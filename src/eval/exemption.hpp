// eval/exemption.hpp — whether an account is exempt from a charge (`unless tax_exempt`).
//
// The attribute must say `yes` or `no` (also true/false): an account that does not say is
// refused (B0053), because billing or not billing a tax by default would be a silent guess.
#pragma once

#include "rateline/account.hpp"
#include "rateline/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

/// true: exempt (not billed); false: billed; nullopt after adding B0053 to `errors`.
std::optional<bool> is_exempt(const Account& account, const std::string& charge_id, const std::string& attribute,
                              std::vector<Diagnostic>& errors);

}  // namespace rateline::eval
