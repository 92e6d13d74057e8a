// Exemptions by account attribute: yes / no, nothing else.
#include "eval/exemption.hpp"

namespace rateline::eval {

std::optional<bool> is_exempt(const Account& account, const std::string& charge_id, const std::string& attribute,
                              std::vector<Diagnostic>& errors) {
  auto it = account.attributes.find(attribute);
  if (it != account.attributes.end()) {
    const auto& v = it->second;
    if (v == "yes" || v == "true") return true;
    if (v == "no" || v == "false") return false;
  }
  std::string message = "charge `" + charge_id + "` does not apply when the account attribute `" + attribute + "` is yes; " +
                        (it == account.attributes.end() ? "the account does not give it" : "the account gives `" + it->second + "`");
  for (auto& d : errors)
    if (d.code == "B0053" && d.message == message) return std::nullopt;
  errors.push_back({Severity::error, "B0053", message, {}, "pass --attribute " + attribute + "=yes or --attribute " + attribute + "=no"});
  return std::nullopt;
}

}  // namespace rateline::eval
