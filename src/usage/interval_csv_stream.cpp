// The streaming interval CSV reader (see interval_csv_stream.hpp). It accepts a subset of
// what read_interval_csv accepts and gives the same IntervalUsage for it; everything else
// is left to the whole read, which owns every error message.
#include "usage/interval_csv_stream.hpp"

#include "usage/reader_support.hpp"
#include "usage/reporter.hpp"
#include "usage/sam_load.hpp"
#include "usage/usage_text.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

namespace rateline::usage_detail {

namespace {

// The grid limit of grid.cpp (U0047): a longer file is the whole read's to refuse.
constexpr std::int64_t kMaxIntervals = 50'000'000;
constexpr std::size_t kChunk = std::size_t{1} << 20;
// The first read is smaller: it decides whether the file is streamed at all (a SAM load
// file, or a file with a problem, is handed to the whole read), so it should not cost a
// whole chunk. The buffer doubles from here to kChunk over the next reads.
constexpr std::size_t kFirstChunk = std::size_t{1} << 16;

enum class Role : std::uint8_t { ignore, start, delivered, received, reactive };

struct Column {
  Role role;
  Unit unit;
  std::vector<std::int64_t> values;  // at `scale`, one per interval
  std::int32_t scale = 0;
};

// Reads a file's lines chunk by chunk; a line is handed out without its "\n" / "\r\n",
// as LineCursor does, and is valid until the next call.
class ChunkedLines {
 public:
  explicit ChunkedLines(std::FILE* file) : file_(file), buffer_(new char[kFirstChunk]), size_(kFirstChunk) {}

  // false at the end of the file; `failed` is set when the file could not be read.
  bool next(std::string_view& line) {
    for (;;) {
      const auto* newline = static_cast<const char*>(std::memchr(buffer_.get() + begin_, '\n', end_ - begin_));
      if (newline) {
        const std::size_t at = static_cast<std::size_t>(newline - buffer_.get());
        line_offset_ = consumed_ + begin_;
        line = cut(at);
        begin_ = at + 1;
        return true;
      }
      if (eof_) {
        if (begin_ == end_) return false;
        line_offset_ = consumed_ + begin_;
        line = cut(end_);
        begin_ = end_;
        return true;
      }
      fill();
    }
  }
  bool failed() const { return failed_; }
  std::uint64_t bytes_read() const { return read_; }
  /// The file offset of the line `next` gave last.
  std::uint64_t line_offset() const { return line_offset_; }

 private:
  std::string_view cut(std::size_t at) const {
    std::size_t text_end = at;
    if (text_end > begin_ && buffer_[text_end - 1] == '\r') --text_end;
    return {buffer_.get() + begin_, text_end - begin_};
  }
  void fill() {
    // Keep the unfinished line, at the front; a line longer than the buffer grows it.
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    consumed_ += begin_;
    end_ -= begin_;
    begin_ = 0;
    if (size_ - end_ < kChunk / 2) {
      std::unique_ptr<char[]> larger(new char[size_ * 2]);
      std::memcpy(larger.get(), buffer_.get(), end_);
      buffer_ = std::move(larger);
      size_ *= 2;
    }
    const std::size_t got = std::fread(buffer_.get() + end_, 1, size_ - end_, file_);
    if (got == 0) {
      eof_ = true;
      failed_ = std::ferror(file_) != 0;
    }
    if (read_ == 0 && got >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;  // a UTF-8 BOM
    end_ += got;
    read_ += got;
  }

  std::FILE* file_;
  // Not zero-filled: fread writes what is read. [0, end_) is read; [begin_, end_) not handed out.
  std::unique_ptr<char[]> buffer_;
  std::size_t size_;
  std::size_t begin_ = 0, end_ = 0;
  std::uint64_t read_ = 0;
  std::uint64_t consumed_ = 0;  // file offset of buffer_[0]
  std::uint64_t line_offset_ = 0;
  bool eof_ = false, failed_ = false;
};

class Stream {
 public:
  Stream(const std::string& path, const UsageReadOptions& options, std::uint64_t file_size)
      : path_(path), options_(options), clock_(options), file_size_(file_size) {}

  // false: not a file this reader takes.
  /// `read_prefix(n)`: the file's first n bytes, for the warnings about unread columns.
  template <class ReadPrefix>
  bool header(std::string_view line, std::uint64_t line_offset, ReadPrefix&& read_prefix);
  bool row(std::string_view line);
  std::optional<UsageReadResult> finish();

 private:
  bool push(Column& column, const Number& n);
  void reserve(std::size_t line_bytes);

  const std::string& path_;
  const UsageReadOptions& options_;
  LocalClock clock_;
  DateCache dates_;
  std::uint64_t file_size_;
  std::string header_text_;  // the file up to the header line: U0006 points into it
  std::vector<Role> roles_;
  std::vector<Column> columns_;                // delivered, then received, reactive if present
  std::array<std::size_t, 5> column_of_role_{};  // index into columns_, or kNone
  std::vector<Diagnostic> header_warnings_;
  std::int64_t first_ = 0, last_ = 0, step_ = 0;
  std::int64_t rows_ = 0;
};

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

template <class ReadPrefix>
bool Stream::header(std::string_view line, std::uint64_t line_offset, ReadPrefix&& read_prefix) {
  // The same roles as CsvReader::read_header; a header it would refuse is left to it.
  const char* p = line.data();
  const char* const end = p + line.size();
  bool bad_quote = false;
  column_of_role_.fill(kNone);
  std::array<std::string_view, 5> names{};
  std::vector<std::string_view> unknown;
  bool seen_start = false;
  for (;;) {
    std::string_view name;
    const char* next = split_field(p, end, name, bad_quote);
    Role role = Role::ignore;
    if (iequals(name, "start")) role = Role::start;
    else if (iequals(name, "kwh") || iequals(name, "kw")) role = Role::delivered;
    else if (iequals(name, "kwh_received")) role = Role::received;
    else if (iequals(name, "kvarh")) role = Role::reactive;
    else if (!name.empty()) unknown.push_back(name);
    const auto r = static_cast<std::size_t>(role);
    if (role == Role::start) {
      if (seen_start) return false;
      seen_start = true;
    } else if (role != Role::ignore) {
      if (!names[r].empty()) return false;  // U0004 / U0005
      names[r] = name;
    }
    roles_.push_back(role);
    if (next >= end) break;
    p = next + 1;
  }
  if (bad_quote || !seen_start || names[static_cast<std::size_t>(Role::delivered)].empty()) return false;

  const bool kw = iequals(names[static_cast<std::size_t>(Role::delivered)], "kw");
  for (auto [role, unit] : {std::pair{Role::delivered, kw ? Unit::kW : Unit::kWh}, std::pair{Role::received, Unit::kWh},
                            std::pair{Role::reactive, Unit::kVARh}}) {
    if (names[static_cast<std::size_t>(role)].empty()) continue;
    column_of_role_[static_cast<std::size_t>(role)] = columns_.size();
    columns_.push_back(Column{role, unit, {}, 0});
  }
  if (!unknown.empty()) {
    // The warnings quote the header line: a text of the file up to it keeps their offsets.
    // The line as the file has it, "\r\n" included, as the whole read's text does.
    const std::uint64_t line_end = line_offset + line.size();
    header_text_ = read_prefix(line_end + 2);
    if (header_text_.size() < line_end) return false;
    if (const auto newline = header_text_.find('\n', static_cast<std::size_t>(line_end)); newline != std::string::npos)
      header_text_.resize(newline + 1);
    Reporter reporter(header_text_, path_);
    for (std::string_view name : unknown) {
      const auto begin = static_cast<std::uint32_t>(line_offset + static_cast<std::uint64_t>(name.data() - line.data()));
      reporter.warning("U0006", begin, static_cast<std::uint32_t>(begin + name.size()),
                       "column \"" + std::string(name) + "\" is not read",
                       "the columns read are start, kwh or kw, kwh_received and kvarh");
    }
    header_warnings_ = reporter.finish();
  }
  return true;
}

void Stream::reserve(std::size_t line_bytes) {
  // The first row's length estimates the row count, so the values are allocated once
  // (pages never written are never resident); a file whose later rows are much shorter
  // grows the vectors as usual.
  const std::uint64_t rows = file_size_ / (line_bytes + 1) * 5 / 4 + 1024;
  for (auto& c : columns_) c.values.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(rows, kMaxIntervals)));
}

bool Stream::push(Column& column, const Number& n) {
  // A column's scale is the most decimal places any of its values wrote. When a value
  // writes more, the values so far are scaled up; each stays exactly what rescale() at
  // the end of the whole read gives it, and overflows where that one would.
  if (n.written_digits > column.scale) {
    const std::int64_t factor = kPow10[n.written_digits - column.scale];
    for (auto& v : column.values) {
      if (v > INT64_MAX / factor) return false;
      v *= factor;
    }
    column.scale = n.written_digits;
  }
  const std::int64_t factor = kPow10[column.scale - n.digits];
  if (n.mantissa > INT64_MAX / factor) return false;
  column.values.push_back(n.mantissa * factor);
  return true;
}

bool Stream::row(std::string_view line) {
  std::array<std::string_view, 5> fields{};
  const char* p = line.data();
  const char* const end = p + line.size();
  std::size_t count = 0;
  bool bad_quote = false;
  for (;;) {
    std::string_view field;
    const char* next = split_field(p, end, field, bad_quote);
    if (count < roles_.size()) fields[static_cast<std::size_t>(roles_[count])] = field;
    ++count;
    if (next >= end) break;
    p = next + 1;
  }
  if (bad_quote || count != roles_.size()) return false;

  const Timestamp ts = parse_timestamp(fields[static_cast<std::size_t>(Role::start)], &dates_);
  if (ts.problem) return false;
  std::int64_t t = ts.seconds;
  if (!ts.has_offset) {
    if (options_.time_zone.empty()) return false;
    // Errors only (unknown zone, a skipped or repeated local time): the whole read reports them.
    Reporter silent({}, path_);
    auto utc = clock_.to_utc(ts.seconds, silent, 0, 0, false);
    if (!utc) return false;
    t = *utc;
  }

  if (rows_ == 0) {
    first_ = t;
    reserve(line.size());
  } else if (rows_ == 1) {
    step_ = t - first_;
    if (options_.interval_minutes) {
      if (step_ != std::int64_t{*options_.interval_minutes} * 60) return false;
    } else if (step_ <= 0 || step_ % 60 != 0 || 86400 % step_ != 0) {
      return false;
    }
  } else if (t != last_ + step_) {
    return false;  // a gap, a duplicate, an overlap or rows out of order
  }
  if (rows_ >= kMaxIntervals) return false;

  for (auto& column : columns_) {
    const Number n = parse_number(fields[static_cast<std::size_t>(column.role)]);
    if (n.status != NumberStatus::ok || !push(column, n)) return false;
  }
  last_ = t;
  ++rows_;
  return true;
}

std::optional<UsageReadResult> Stream::finish() {
  if (rows_ == 0) return std::nullopt;  // U0001
  std::int64_t length = step_;
  if (options_.interval_minutes) {
    const std::int32_t m = *options_.interval_minutes;
    if (m < 1 || m > 1440 || 1440 % m != 0) return std::nullopt;  // U0041
    length = std::int64_t{m} * 60;
  }
  if (length == 0) return std::nullopt;  // one row and no interval given: U0040

  IntervalUsage usage;
  auto build = [&](Column& column) {
    IntervalSeries series;
    series.start = std::chrono::sys_seconds{std::chrono::seconds{first_}};
    series.minutes = static_cast<std::int32_t>(length / 60);
    series.scale = column.scale;
    series.unit = column.unit;
    series.values = std::move(column.values);
    return series;
  };
  usage.delivered = build(columns_[column_of_role_[static_cast<std::size_t>(Role::delivered)]]);
  if (auto c = column_of_role_[static_cast<std::size_t>(Role::received)]; c != kNone) usage.received = build(columns_[c]);
  if (auto c = column_of_role_[static_cast<std::size_t>(Role::reactive)]; c != kNone) usage.reactive = build(columns_[c]);
  usage.source = path_;
  UsageReadResult result;
  result.usage = std::move(usage);
  result.diagnostics = std::move(header_warnings_);
  return result;
}

}  // namespace

std::optional<UsageReadResult> stream_interval_csv(const std::string& path, const UsageReadOptions& options) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return std::nullopt;
  struct stat info {};
  if (::fstat(::fileno(file.get()), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  const auto size = static_cast<std::uint64_t>(info.st_size);
  // Over the size limit (L0001) or the 32-bit spans of diagnostics (U0007): the whole
  // read refuses it before reading.
  if (size > options.max_file_bytes || size >= std::numeric_limits<std::uint32_t>::max()) return std::nullopt;

  Stream stream(path, options, size);
  ChunkedLines lines(file.get());
  std::string_view line;
  bool have_header = false;
  while (lines.next(line))
    if (!is_blank_line(line) && !is_comment_line(line)) {
      have_header = true;
      break;
    }
  if (!have_header || is_sam_header(line)) return std::nullopt;
  const int fd = ::fileno(file.get());
  auto read_prefix = [fd](std::uint64_t n) {
    std::string text(static_cast<std::size_t>(n), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
      const ::ssize_t r = ::pread(fd, text.data() + got, text.size() - got, static_cast<::off_t>(got));
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    text.resize(got);
    return text;
  };
  if (!stream.header(line, lines.line_offset(), read_prefix)) return std::nullopt;
  while (lines.next(line)) {
    // Blank and comment lines are skipped as the whole read skips them.
    if (is_skipped_line(line)) continue;
    if (!stream.row(line)) return std::nullopt;
  }
  // A read error, or a file that grew past the limit while read: the whole read says so.
  if (lines.failed() || lines.bytes_read() > options.max_file_bytes) return std::nullopt;
  return stream.finish();
}

}  // namespace rateline::usage_detail
