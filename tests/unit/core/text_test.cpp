// Text (include/rateline/text.hpp): a line item's id or label, in place up to Text::kInline
// characters and on the heap past that. These cases sit at that boundary and cross it in
// both directions, append to and assign from the text itself, and check that copies and
// moves stay independent, so a wrong size or a shared buffer fails here rather than in a bill.
#include <doctest/doctest.h>

#include "rateline/text.hpp"

#include <boost/container/small_vector.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

using rateline::Text;

namespace {

std::string of_length(std::size_t n, char first = 'a') {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<char>(first + i % 26);
  return s;
}

void check_same(const Text& t, const std::string& s) {
  CHECK(t.view() == s);
  CHECK(t.size() == s.size());
  CHECK(t.empty() == s.empty());
  CHECK(std::string(t.c_str()) == s);   // NUL-terminated at its size
  CHECK(t.c_str()[t.size()] == '\0');
}

}  // namespace

TEST_CASE("text: empty, short, at the in-place limit and past it") {
  check_same(Text(), "");
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, Text::kInline - 1, Text::kInline,
                        Text::kInline + 1, std::size_t{300}}) {
    CAPTURE(n);
    auto s = of_length(n);
    check_same(Text(s), s);
    check_same(Text(std::string_view(s)), s);
    check_same(Text(s.c_str()), s);
  }
}

TEST_CASE("text: copies and moves are independent values") {
  for (std::size_t n : {std::size_t{10}, Text::kInline, Text::kInline + 20}) {
    CAPTURE(n);
    auto s = of_length(n);
    Text a(s);
    Text b = a;
    b += "!";
    check_same(a, s);
    check_same(b, s + "!");
    Text c = std::move(b);
    check_same(c, s + "!");
    Text d;
    d = c;
    c = "other";
    check_same(d, s + "!");
    check_same(c, "other");
    Text e;
    e = std::move(d);
    check_same(e, s + "!");
    std::vector<Text> many(40, Text(s));   // vector growth moves them
    for (auto& t : many) check_same(t, s);
  }
}

TEST_CASE("text: appends cross the in-place limit both ways, and assignments shrink back") {
  Text t;
  std::string expected;
  for (int i = 0; i < 40; ++i) {
    t += "abcd";
    expected += "abcd";
    check_same(t, expected);
  }
  CHECK(t.size() > Text::kInline);
  t = "short again";
  check_same(t, "short again");
  t = of_length(Text::kInline + 5);
  check_same(t, of_length(Text::kInline + 5));
  t = std::string_view{};
  check_same(t, "");
}

TEST_CASE("text: appending or assigning a part of itself") {
  for (std::size_t n : {std::size_t{20}, Text::kInline - 2, Text::kInline + 30}) {
    CAPTURE(n);
    auto s = of_length(n);
    Text t(s);
    t += t.view();   // doubles, possibly onto the heap
    check_same(t, s + s);
    t = t.view().substr(3, n);   // a window into its own storage
    check_same(t, (s + s).substr(3, n));
  }
}

TEST_CASE("text: joined from pieces equals the concatenation") {
  boost::container::small_vector<std::string_view, 6> pieces{"Energy Charge", ", ", "Summer", ", ", "first 800 kWh"};
  Text label;
  label.assign_joined(pieces);
  check_same(label, "Energy Charge, Summer, first 800 kWh");
  label.assign_joined(std::string_view("Fixed"), pieces, std::string_view("!"));   // parts of both kinds, over an old value
  check_same(label, "FixedEnergy Charge, Summer, first 800 kWh!");
  Text heap(of_length(200));
  heap.assign_joined(std::string_view("back in place"));
  check_same(heap, "back in place");
  heap.assign_joined(std::string_view(of_length(150)), std::string_view("+"));
  check_same(heap, of_length(150) + "+");
  check_same(Text::joined({"tou_demand", ".", "d1", ".t1"}), "tou_demand.d1.t1");
  check_same(Text::joined({}), "");
  auto long_piece = of_length(Text::kInline);
  check_same(Text::joined({long_piece, "x"}), long_piece + "x");
}

TEST_CASE("text: compares, orders, concatenates and prints like a string") {
  Text a("energy.t1"), b("energy.t2");
  CHECK(a == "energy.t1");
  CHECK("energy.t1" == a);
  CHECK(a == std::string("energy.t1"));
  CHECK(a != b);
  CHECK(a < b);
  CHECK(a < std::string_view("energy.t2"));
  CHECK(a == Text("energy.t1"));
  CHECK(a + ".x" == "energy.t1.x");
  CHECK("id " + a == "id energy.t1");
  CHECK(a.starts_with("energy"));
  CHECK(a.ends_with(".t1"));
  std::ostringstream os;
  os << a << '|' << b;
  CHECK(os.str() == "energy.t1|energy.t2");
}

TEST_CASE("text: pieces of every length from 0 to 40 join exactly") {
  // the short-piece copy has a branch per size class (0, 1-3, 4-7, 8-16, longer)
  const std::string source = of_length(40, 'A');
  for (std::size_t a = 0; a <= 40; ++a)
    for (std::size_t b : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{16}, std::size_t{17}}) {
      CAPTURE(a);
      CAPTURE(b);
      const std::string_view first(source.data(), a), second(source.data() + 40 - b, b);
      Text t;
      t.assign_joined(first, second, first);
      check_same(t, std::string(first) + std::string(second) + std::string(first));
    }
}
