// utf8.hpp — where a text stops being well-formed UTF-8.
//
//   std::size_t bad = invalid_utf8(text);   // offset of the first bad byte, or npos
//
// Tariff text is checked with it when read (E0001), and the JSON writer of bills with it
// when written: JSON is UTF-8, and a label must not make a bill file unreadable.
#pragma once

#include <cstddef>
#include <string_view>

namespace rateline {

/// The offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF), or std::string_view::npos.
std::size_t invalid_utf8(std::string_view text);

}  // namespace rateline
