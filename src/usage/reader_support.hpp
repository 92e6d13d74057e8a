// reader_support.hpp — line scanning and local-time placement shared by the usage readers.
#pragma once

#include "rateline/time_zone.hpp"
#include "rateline/usage.hpp"
#include "usage/reporter.hpp"
#include "usage/usage_text.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace rateline::usage_detail {

/// One line of the input: its first byte's offset and its text without "\n" / "\r\n".
struct Line {
  std::uint32_t begin = 0;
  std::string_view text;
};

/// Walks the lines of a text (find_newline: sixteen bytes at a time).
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {
    // A UTF-8 byte order mark (spreadsheet exports) is not part of the first column name.
    if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }

  bool next(Line& line) {
    if (pos_ >= text_.size()) return false;
    const char* base = text_.data();
    const std::size_t end = static_cast<std::size_t>(find_newline(base + pos_, base + text_.size()) - base);
    std::size_t text_end = end;
    if (text_end > pos_ && base[text_end - 1] == '\r') --text_end;
    line.begin = static_cast<std::uint32_t>(pos_);
    line.text = text_.substr(pos_, text_end - pos_);
    pos_ = end < text_.size() ? end + 1 : text_.size();
    return true;
  }

  /// Where the next line starts; a reader that parses lines itself (sam_load.cpp's fast
  /// path) moves on to the start of the line after the ones it took.
  std::size_t position() const { return pos_; }
  void skip_to(std::size_t line_start) { pos_ = line_start; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

/// Blank lines and `#` comments carry no data in either format.
inline bool is_blank_line(std::string_view line) { return trim(line).empty(); }
inline bool is_comment_line(std::string_view line) {
  std::string_view t = trim(line);
  return !t.empty() && t.front() == '#';
}

/// The end of a line that starts at `begin` (before its "\r\n"), for re-reading a row on
/// the error path.
std::uint32_t line_end(std::string_view text, std::uint32_t begin);

/// Places wall-clock times of options.time_zone on the UTC line. The zone is looked up on
/// first use, so a file whose every start has an offset never touches the tz database.
class LocalClock {
 public:
  explicit LocalClock(const UsageReadOptions& options) : options_(options) {}

  /// UTC seconds of the wall-clock time `local` (seconds since 1970-01-01T00:00 local).
  /// An unknown zone (U0024, reported once), or a local time that is skipped (U0022) or
  /// repeated (U0023) under LocalTimePolicy::error, is reported at [begin, end).
  std::optional<std::int64_t> to_utc(std::int64_t local, Reporter& reporter, std::uint32_t begin,
                                     std::uint32_t end, bool located = true);

 private:
  const UsageReadOptions& options_;
  std::optional<TimeZone> zone_;
  bool looked_up_ = false;
  // The offset of the last start placed and the UTC span it holds for: a year of
  // 15-minute local starts needs a tz lookup only near the two DST changes.
  std::optional<TimeZone::OffsetSpan> span_;
};

}  // namespace rateline::usage_detail
