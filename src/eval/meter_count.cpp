// The meters of an account: the `meters` attribute, or the one meter of the usage file.
#include "eval/meter_count.hpp"

#include <charconv>

namespace rateline::eval {

std::optional<int> meter_count(const Account& account, std::vector<Diagnostic>& errors) {
  auto it = account.attributes.find("meters");
  if (it == account.attributes.end()) return 1;
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
  return n;
}

}  // namespace rateline::eval
