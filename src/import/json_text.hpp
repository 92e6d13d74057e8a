// A small JSON tree that keeps every number as the text it was written with.
//
// URDB prices such as 19.538999557495117 must reach the tariff exactly as published, so
// the importer never lets a number pass through binary floating point: the document is
// read with nlohmann-json's SAX interface, which hands over the raw text of each number,
// and numbers are turned into rateline::Decimal from that text.
#pragma once

#include "rateline/decimal.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::urdb {

struct JsonMember;

/// Arrays and objects nest at most this deep (L0003): the tree is freed by recursion.
inline constexpr std::size_t kMaxJsonDepth = 64;
/// Numbers are at most this long (L0007): URDB's longest are 20-odd characters.
inline constexpr std::size_t kMaxJsonNumberChars = 100;

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool flag = false;     ///< a boolean's value
  std::string text;      ///< a number's text as written ("9.999999680285692e+37"), or a string's value
  std::vector<JsonValue> items;                              ///< array elements
  std::vector<JsonMember> members;   ///< object members, in document order

  bool is_null() const { return kind == Kind::null; }
  bool is_number() const { return kind == Kind::number; }
  bool is_string() const { return kind == Kind::string; }
  bool is_array() const { return kind == Kind::array; }
  bool is_object() const { return kind == Kind::object; }

  /// The member named `key` of an object (nullptr if absent or not an object).
  const JsonValue* find(std::string_view key) const;
  /// The exact value of a number, or of a string holding a number ("12.5").
  std::optional<Decimal> decimal() const;
};

// A struct, not std::pair: a pair of the incomplete JsonValue does not compile with clang.
struct JsonMember {
  std::string first;    ///< the key
  JsonValue second;     ///< the value
};

struct JsonParseResult {
  std::optional<JsonValue> value;
  std::string error;           ///< when value is absent: what is wrong
  std::size_t error_offset = 0;
  bool too_deep = false;       ///< nesting beyond kMaxJsonDepth (L0003; the error says so)
  bool long_number = false;    ///< a number beyond kMaxJsonNumberChars (L0007)
};

/// Parses JSON text (RFC 8259; no comments). Numbers keep their text.
JsonParseResult parse_json(std::string_view text);

}  // namespace rateline::urdb
