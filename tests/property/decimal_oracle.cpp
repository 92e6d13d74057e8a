// Reads Decimal operations from stdin, one a line, and prints one result a line, for
// decimal_vs_python.py to compare with Python's decimal module:
//
//   parse TEXT                 -> to_string of the parse, or "invalid"
//   add A B | sub A B | mul A B -> to_string of the exact result
//   cmp A B                    -> -1, 0 or 1
//   round A SCALE MODE         -> A.rounded(SCALE, MODE)
//   div A B SCALE MODE         -> A.divided_by(B, SCALE, MODE)
//
// MODE is a rateline name (half_up, half_even, half_down, toward_zero, away_from_zero,
// floor, ceiling). Errors print "error: <kind>" (e.g. "error: domain_error").
#include "rateline/decimal.hpp"

#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

using rateline::Decimal;

namespace {

Decimal number(const std::string& text) {
  auto d = Decimal::parse(text);
  if (!d) throw std::invalid_argument("unparsable operand " + text);
  return *d;
}

std::string run(const std::string& line) {
  std::istringstream in(line);
  std::string op, a, b;
  in >> op >> a;
  if (op == "parse") {
    auto d = Decimal::parse(a);
    return d ? d->to_string() : "invalid";
  }
  if (op == "round") {
    int scale = 0;
    std::string mode;
    in >> scale >> mode;
    return number(a).rounded(scale, rateline::parse_rounding_mode(mode).value()).to_string();
  }
  in >> b;
  if (op == "add") return (number(a) + number(b)).to_string();
  if (op == "sub") return (number(a) - number(b)).to_string();
  if (op == "mul") return (number(a) * number(b)).to_string();
  if (op == "cmp") {
    auto c = number(a) <=> number(b);
    return c < 0 ? "-1" : c > 0 ? "1" : "0";
  }
  if (op == "div") {
    int scale = 0;
    std::string mode;
    in >> scale >> mode;
    return number(a).divided_by(number(b), scale, rateline::parse_rounding_mode(mode).value()).to_string();
  }
  throw std::invalid_argument("unknown op " + op);
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    try {
      std::cout << run(line) << '\n';
    } catch (const std::domain_error&) {
      std::cout << "error: domain_error\n";
    } catch (const std::exception& e) {
      std::cout << "error: " << e.what() << '\n';
    }
  }
  return 0;
}
