// Long-format usage cut into per-account blocks: see usage_blocks.hpp.
#include "population/usage_blocks.hpp"

#include "usage/usage_text.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rateline::population_detail {

namespace {

constexpr std::size_t kChunk = 1 << 20;  // bytes read at a time: the stream's own memory

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

std::uint32_t UsageBlock::file_line(std::uint32_t block_line) const {
  auto it = std::upper_bound(runs.begin(), runs.end(), block_line,
                             [](std::uint32_t l, const std::pair<std::uint32_t, std::uint32_t>& r) { return l < r.first; });
  if (it == runs.begin()) return block_line;
  --it;
  return it->second + (block_line - it->first);
}

void UsageBlock::clear() {
  account.clear();
  text.clear();
  rows = 0;
  first_line = 0;
  runs.clear();
}

std::optional<LongHeader> read_long_header(std::string_view line, std::uint32_t line_number, const std::string& path,
                                           std::vector<Diagnostic>& errors) {
  const char* p = line.data();
  const char* const end = p + line.size();
  bool bad_quote = false;
  for (std::size_t column = 0;; ++column) {
    std::string_view name;
    const char* next = usage_detail::split_field(p, end, name, bad_quote);
    if (usage_detail::iequals(name, "account")) {
      LongHeader header;
      header.account_column = column;
      header.line = line_number;
      // The account column keeps its place with an empty name: the single-account readers
      // skip a column without a name silently, so rows go to them exactly as written.
      const char* name_start = name.data();
      const char* name_end = name.data() + name.size();
      if (name_start > line.data() && name_start[-1] == '"') --name_start, ++name_end;
      header.header.assign(line.data(), static_cast<std::size_t>(name_start - line.data()));
      header.header.append(name_end, static_cast<std::size_t>(line.data() + line.size() - name_end));
      header.header += '\n';
      return header;
    }
    if (next >= end) break;
    p = next + 1;
  }
  errors.push_back(Diagnostic{Severity::error, "P0104",
                              path + ":" + std::to_string(line_number) + ": the usage header has no account column", Span{},
                              "long-format usage names the account on every row: account,start,kwh"});
  return std::nullopt;
}

std::string_view account_of(std::string_view line, std::size_t account_column) {
  // The common case: the account is the first field, unquoted.
  if (account_column == 0 && !line.empty() && line.front() != '"' && !usage_detail::is_blank(line.front())) {
    const void* comma = std::memchr(line.data(), ',', line.size());
    std::string_view id = comma ? line.substr(0, static_cast<std::size_t>(static_cast<const char*>(comma) - line.data())) : line;
    while (!id.empty() && usage_detail::is_blank(id.back())) id.remove_suffix(1);
    return id;
  }
  const char* const end = line.data() + line.size();
  const char* p = line.data();
  bool bad_quote = false;
  std::string_view field;
  for (std::size_t column = 0;; ++column) {
    const char* next = usage_detail::split_field(p, end, field, bad_quote);
    if (column == account_column) return field;
    if (next >= end) return {};  // too few fields: the reader reports the row
    p = next + 1;
  }
}

namespace {

// Whether account_of(line, 0) reads `id` wherever `line` opens with `id` and a comma: an
// id account_of could have read unquoted (no quote or blank at its ends, no comma).
bool plain_id(std::string_view id) {
  return !id.empty() && id.front() != '"' && !usage_detail::is_blank(id.front()) && !usage_detail::is_blank(id.back()) &&
         id.find(',') == std::string_view::npos;
}

// Whether the n bytes at a and b are equal: an account id of 4 to 16 bytes with two
// overlapping loads a side, inline (a call to memcmp cost some 19 instructions a row).
template <std::size_t kBytes>
bool same_ends(const char* a, const char* b, std::size_t n) {
  using Word = std::conditional_t<kBytes == 8, std::uint64_t, std::uint32_t>;
  Word a0, a1, b0, b1;
  std::memcpy(&a0, a, kBytes);
  std::memcpy(&b0, b, kBytes);
  std::memcpy(&a1, a + n - kBytes, kBytes);
  std::memcpy(&b1, b + n - kBytes, kBytes);
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8 && n <= 16) return same_ends<8>(a, b, n);
  if (n >= 4 && n < 8) return same_ends<4>(a, b, n);
  return std::memcmp(a, b, n) == 0;
}

}  // namespace

// ---- streaming ----

UsageStream::~UsageStream() {
  if (file_) std::fclose(file_);
}

bool UsageStream::open_next_file() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
  if (file_index_ >= files_.size()) return false;
  const std::string& path = files_[file_index_++];
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw std::runtime_error("cannot open usage file " + path);
  filled_ = 0;
  pos_ = 0;
  eof_ = false;
  line_number_ = 0;
  header_.reset();
  return true;
}

// Inlined into next(), its one caller: entering and leaving it once a row was a third of
// its cost. Reading the next chunk is the rare part, out of line.
[[gnu::always_inline]] inline bool UsageStream::next_line(std::string_view& line) {
  for (;;) {
    const char* base = buffer_.data();
    const char* const found = usage_detail::find_newline(base + pos_, base + filled_);
    const bool newline = found != base + filled_;
    if (newline || (eof_ && pos_ < filled_)) {
      const std::size_t stop = static_cast<std::size_t>(found - base);
      line_start_ = pos_;
      line = without_cr(std::string_view(base + pos_, stop - pos_));
      pos_ = newline ? stop + 1 : stop;
      ++line_number_;
      if (line_number_ == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.remove_prefix(3);
      return true;
    }
    if (!read_more()) return false;
  }
}

bool UsageStream::read_more() {
  flush_pending(pos_);
  if (eof_) return false;
  // keep the partial line, read the next chunk after it; the buffer keeps its size (it
  // grows only for a line longer than a chunk), so a chunk is not zeroed before each read
  std::memmove(buffer_.data(), buffer_.data() + pos_, filled_ - pos_);
  filled_ -= pos_;
  span_begin_ = 0;
  pos_ = 0;
  if (buffer_.size() < filled_ + kChunk) buffer_.resize(filled_ + kChunk);
  const std::size_t got = std::fread(buffer_.data() + filled_, 1, kChunk, file_);
  filled_ += got;
  if (got < kChunk) {
    if (std::ferror(file_)) throw std::runtime_error("cannot read usage file " + files_[file_index_ - 1]);
    eof_ = true;
  }
  return true;
}

// The pending block's rows are a contiguous range of the file: copied in one piece when
// the block ends or the buffer moves on.
void UsageStream::flush_pending(std::size_t upto) {
  if (!have_pending_ || upto <= span_begin_) return;
  pending_.text.append(buffer_, span_begin_, upto - span_begin_);
  if (pending_.text.back() != '\n') pending_.text += '\n';
  span_begin_ = upto;
}

bool UsageStream::next(UsageBlock& block) {
  if (!errors_.empty()) return false;
  std::string_view line;
  for (;;) {
    // The pending account's run of rows, in a loop of its own: a row that opens with the
    // id and a comma is looked at no further than its end (the loop below also asks each
    // row whether it is blank, takes off its CR, and notes where it starts: some 50
    // instructions a row more). An id opening with a byte above '#' makes no comment or
    // blank line. A row cut by the chunk's end, and any other row, goes the general way.
    if (have_pending_ && pending_plain_ && file_) {
      const std::size_t n = pending_.account.size();
      const char* const base = buffer_.data();
      const char* const id = pending_.account.data();
      while (filled_ - pos_ > n && base[pos_ + n] == ',' && same_bytes(base + pos_, id, n)) {
        const char* const found = usage_detail::find_newline(base + pos_ + n, base + filled_);
        if (found == base + filled_) break;
        pos_ = static_cast<std::size_t>(found - base) + 1;
        ++line_number_;
        ++pending_.rows;
      }
    }
    if (!file_ || !next_line(line)) {
      // The end of a file ends its last block; the next file starts afresh with its header.
      if (have_pending_) {
        have_pending_ = false;
        std::swap(block, pending_);
        return true;
      }
      if (!open_next_file()) return false;
      continue;
    }
    if (usage_detail::is_skipped_line(line)) continue;
    const std::string& path = files_[file_index_ - 1];
    if (!header_) {
      header_ = read_long_header(line, line_number_, path, errors_);
      if (!header_) return false;
      continue;
    }
    const std::string_view id = account_of(line, header_->account_column);
    if (have_pending_ && id == pending_.account) {
      ++pending_.rows;
      continue;
    }
    bool done = false;
    if (have_pending_) {
      flush_pending(line_start_);
      std::swap(block, pending_);
      have_pending_ = false;
      done = true;
    }
    pending_.clear();
    pending_.account = std::string(id);
    pending_plain_ = header_->account_column == 0 && plain_id(id) && static_cast<unsigned char>(id.front()) > '#';
    pending_.path = path;
    pending_.text = header_->header;
    pending_.first_line = line_number_;
    pending_.runs.emplace_back(1, header_->line);
    pending_.runs.emplace_back(2, line_number_);
    pending_.rows = 1;
    span_begin_ = line_start_;
    have_pending_ = true;
    if (done) return true;
  }
}

// ---- any order: an index over mapped files ----

UsageIndex::UsageIndex(const std::vector<std::string>& files) {
  for (const std::string& path : files) {
    Mapped m;
    m.path = path;
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw std::runtime_error("cannot open usage file " + path);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      throw std::runtime_error("cannot read usage file " + path);
    }
    m.size = static_cast<std::size_t>(st.st_size);
    if (m.size > 0) {
      void* data = ::mmap(nullptr, m.size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data == MAP_FAILED) {
        ::close(fd);
        throw std::runtime_error("cannot map usage file " + path);
      }
      ::madvise(data, m.size, MADV_SEQUENTIAL);
      m.data = static_cast<const char*>(data);
    }
    ::close(fd);
    files_.push_back(std::move(m));
  }
  for (std::uint32_t f = 0; f < files_.size(); ++f) {
    Mapped& m = files_[f];
    std::size_t pos = 0;
    std::uint32_t line_number = 0;
    bool have_header = false;
    Run* last = nullptr;
    std::string last_id;
    while (pos < m.size) {
      const void* nl = std::memchr(m.data + pos, '\n', m.size - pos);
      const std::size_t stop = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - m.data) : m.size;
      std::string_view line = without_cr(std::string_view(m.data + pos, stop - pos));
      const std::size_t begin = pos;
      pos = nl ? stop + 1 : m.size;
      ++line_number;
      if (line_number == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.remove_prefix(3);
      if (usage_detail::is_skipped_line(line)) continue;
      if (!have_header) {
        auto header = read_long_header(line, line_number, m.path, errors_);
        if (!header) return;
        m.header = std::move(*header);
        have_header = true;
        continue;
      }
      ++rows_;
      const std::string_view id = account_of(line, m.header.account_column);
      if (last && id == last_id && last->end == begin) {  // the common case: the next row of the same account
        last->end = pos;
        ++last->rows;
        continue;
      }
      auto [it, inserted] = runs_.try_emplace(std::string(id));
      if (inserted) order_.push_back(it->first);
      it->second.push_back(Run{f, line_number, begin, pos, 1});
      last = &it->second.back();
      last_id = it->first;
    }
  }
}

UsageIndex::~UsageIndex() {
  for (const Mapped& m : files_)
    if (m.data) ::munmap(const_cast<char*>(m.data), m.size);
}

std::optional<UsageBlock> UsageIndex::take(const std::string& account, bool& mixed) {
  mixed = false;
  auto it = runs_.find(account);
  if (it == runs_.end()) return std::nullopt;
  const std::vector<Run> runs = std::move(it->second);
  runs_.erase(it);
  UsageBlock block;
  block.account = account;
  const Mapped& first = files_[runs.front().file];
  block.path = first.path;
  block.text = first.header.header;
  block.first_line = runs.front().line;
  block.runs.emplace_back(1, first.header.line);
  block.runs.clear();
  block.runs.emplace_back(1, first.header.line);
  for (const Run& run : runs) {
    const Mapped& m = files_[run.file];
    if (m.header.header != first.header.header) {
      mixed = true;
      continue;
    }
    block.runs.emplace_back(static_cast<std::uint32_t>(block.rows + 2), run.line);
    block.text.append(m.data + run.begin, run.end - run.begin);
    if (block.text.back() != '\n') block.text += '\n';
    block.rows += run.rows;
  }
  return block;
}

std::vector<UsageIndex::Left> UsageIndex::left() const {
  std::vector<Left> out;
  for (const std::string& id : order_) {
    auto it = runs_.find(id);
    if (it == runs_.end()) continue;
    std::size_t rows = 0;
    for (const Run& r : it->second) rows += r.rows;
    out.push_back(Left{id, rows, files_[it->second.front().file].path + ":" + std::to_string(it->second.front().line)});
  }
  return out;
}

}  // namespace rateline::population_detail
