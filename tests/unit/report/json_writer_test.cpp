// The JSON writer of bills (src/report/json_writer.hpp) against nlohmann::json's dump(2),
// which wrote the bill formats before it: the same text, byte for byte, for random trees of
// objects, arrays, strings and booleans, escapes included; and text that is not UTF-8 is
// refused, as nlohmann refuses it.
#include <doctest/doctest.h>

#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace {

using rateline::report_detail::JsonWriter;

struct Random {
  std::uint64_t state;
  unsigned below(unsigned n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned>((state >> 33) % n);
  }
};

// A string of what labels hold: letters, quotes, backslashes, control bytes, DEL, and two-,
// three- and four-byte characters.
std::string text(Random& r) {
  static const char* const pieces[] = {"a", "Z", " ", "\"", "\\", "\n", "\t", "\r", "\b", "\f", "\x01", "\x1f", "\x7f",
                                       "/", "¢", "—", "😀", "kWh", "0.0125"};
  std::string s;
  for (unsigned n = r.below(8); n-- > 0;) s += pieces[r.below(sizeof pieces / sizeof *pieces)];
  return s;
}

// Writes one random value to both, `depth` levels at most.
void value(Random& r, int depth, JsonWriter& w, nlohmann::ordered_json& j) {
  const unsigned kind = depth == 0 ? r.below(2) : r.below(4);
  if (kind == 0) {
    const std::string s = text(r);
    w.string(s);
    j = s;
  } else if (kind == 1) {
    const bool b = r.below(2) == 1;
    w.boolean(b);
    j = b;
  } else if (kind == 2) {
    w.begin_array();
    j = nlohmann::ordered_json::array();
    for (unsigned n = r.below(4); n-- > 0;) {
      nlohmann::ordered_json element;
      value(r, depth - 1, w, element);
      j.push_back(std::move(element));
    }
    w.end_array();
  } else {
    w.begin_object();
    j = nlohmann::ordered_json::object();
    for (unsigned n = r.below(4); n-- > 0;) {
      const std::string key = "k" + std::to_string(n) + text(r);  // distinct keys, in order
      w.key(key);
      value(r, depth - 1, w, j[key]);
    }
    w.end_object();
  }
}

}  // namespace

TEST_CASE("report: the JSON writer writes what nlohmann's dump(2) wrote, byte for byte") {
  Random r{2026};
  for (int round = 0; round < 2000; ++round) {
    JsonWriter w;
    nlohmann::ordered_json j;
    value(r, 4, w, j);
    const std::string expected = j.dump(2) + "\n";
    const std::string written = std::move(w).finish();
    REQUIRE(written == expected);
  }
}

TEST_CASE("report: the JSON writer lays out a bill's shapes as before") {
  JsonWriter w;
  w.begin_object();
  w.member("tariff", "Rate \"R\" — residential");
  w.key("line_items");
  w.begin_array();
  w.end_array();
  w.key("period");
  w.begin_object();
  w.member("from", "2024-07-01");
  w.end_object();
  w.key("estimated");
  w.boolean(true);
  w.end_object();
  CHECK(std::move(w).finish() ==
        "{\n  \"tariff\": \"Rate \\\"R\\\" — residential\",\n  \"line_items\": [],\n  \"period\": {\n"
        "    \"from\": \"2024-07-01\"\n  },\n  \"estimated\": true\n}\n");
}

TEST_CASE("report: the JSON writer refuses text that is not UTF-8") {
  for (const std::string& bad : {std::string("caf\xE9"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("x\xF0\x9F\x98")}) {
    JsonWriter w;
    w.begin_array();
    CHECK_THROWS_AS(w.string(bad), std::invalid_argument);
    CHECK_THROWS(nlohmann::json(bad).dump(2));
  }
}
