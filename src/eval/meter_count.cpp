// The meters of an account: the `meters` attribute, or the one meter of the usage file.
#include "eval/meter_count.hpp"

#include <charconv>

namespace rateline::eval {

std::optional<int> meter_count(const Account& account, std::string* trace, std::vector<Diagnostic>& errors) {
  auto it = account.attributes.find("meters");
  if (it == account.attributes.end()) {
    if (trace) *trace = "1 meter (the usage is one meter's; the account gives no `meters`)";
    return 1;
  }
  const auto& v = it->second;
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || end != v.data() + v.size() || n < 1) {
    std::string message = "the account attribute `meters` must be a whole number of meters, not `" + v + "`";
    for (auto& d : errors)
      if (d.code == "B0052" && d.message == message) return std::nullopt;
    errors.push_back({Severity::error, "B0052", message, {}, "e.g. --attribute meters=2"});
    return std::nullopt;
  }
  if (trace) *trace = std::to_string(n) + (n == 1 ? " meter" : " meters") + " (account attribute `meters`)";
  return n;
}

}  // namespace rateline::eval
