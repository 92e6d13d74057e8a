// usage_blocks.hpp — long-format usage (account,start,kwh... or account,meter,read_date,...)
// cut into one block per account, each a single-account file the exact readers read.
//
//   UsageStream stream(files);                 // table order: streamed, one chunk at a time
//   UsageBlock block;
//   while (stream.next(block)) { ... read_interval_csv(block.text, block.path, options) ... }
//
//   UsageIndex index(files);                   // any order: files mapped, rows indexed by account
//   std::optional<UsageBlock> b = index.take("A-1001");
//
// A block's text is the file's header, with the account column's name left empty, and the
// account's rows as written (copied as one range): read_interval_csv / read_register_reads
// skip an unnamed column silently, so they read each account exactly as a single-account
// file. `file_line` maps a line of the block back to the line of the file.
#pragma once

#include "rateline/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rateline::population_detail {

struct UsageBlock {
  std::string account;
  std::string text;                 ///< header (account column unnamed) + the rows as written
  std::string path;                 ///< the file, for messages
  std::size_t rows = 0;
  std::uint32_t first_line = 0;     ///< the file line of the block's first row
  /// {block line, file line} where each run of consecutive file lines starts (block line 1 = header).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;

  std::uint32_t file_line(std::uint32_t block_line) const;
  void clear();
};

/// A file's header: where the account column is, and the header text without it.
struct LongHeader {
  std::size_t account_column = 0;
  std::string header;          ///< the header with the account column's name left empty, "\n"-terminated
  std::uint32_t line = 0;
};

/// Finds the header of a long-format file: nullopt (and an error P0104) without an account column.
std::optional<LongHeader> read_long_header(std::string_view line, std::uint32_t line_number, const std::string& path,
                                           std::vector<Diagnostic>& errors);

/// The account id of one data line (empty when the line has too few fields).
std::string_view account_of(std::string_view line, std::size_t account_column);

/// Streams the files in order, one block per run of consecutive rows of one account.
class UsageStream {
 public:
  explicit UsageStream(std::vector<std::string> files) : files_(std::move(files)) {}
  ~UsageStream();
  UsageStream(const UsageStream&) = delete;
  UsageStream& operator=(const UsageStream&) = delete;

  /// The next block; false at the end or on an error (in errors()). Throws std::runtime_error on I/O.
  bool next(UsageBlock& block);
  const std::vector<Diagnostic>& errors() const { return errors_; }

 private:
  bool next_line(std::string_view& line);  // from the current file; false at its end
  bool read_more();                        // the next chunk after the partial line; false at the file's end
  void flush_pending(std::size_t upto);    // copies the pending block's bytes before `upto`
  bool open_next_file();

  std::vector<std::string> files_;
  std::size_t file_index_ = 0;
  std::FILE* file_ = nullptr;
  std::string buffer_;            // of which the first filled_ bytes are read from the file
  std::size_t filled_ = 0;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;   // offset of the line next_line returned
  std::size_t span_begin_ = 0;   // the pending block's bytes not yet copied start here
  bool eof_ = false;
  std::uint32_t line_number_ = 0;
  std::optional<LongHeader> header_;
  UsageBlock pending_;             // the block being filled
  bool have_pending_ = false;
  bool pending_plain_ = false;     // a row opening with the pending account's id and a comma is its row
  std::vector<Diagnostic> errors_;
};

/// Maps every file into memory and indexes its rows by account, so blocks can be taken in
/// any order. Memory: the files (mapped, paged in as read) + 24 bytes per run of consecutive
/// rows of one account.
class UsageIndex {
 public:
  explicit UsageIndex(const std::vector<std::string>& files);  // throws std::runtime_error on I/O
  ~UsageIndex();
  UsageIndex(const UsageIndex&) = delete;
  UsageIndex& operator=(const UsageIndex&) = delete;

  /// The account's rows as one block (removed from the index); nullopt when it has none.
  /// Rows from files with different headers: the block of the first file only, `mixed` set.
  std::optional<UsageBlock> take(const std::string& account, bool& mixed);
  /// Accounts never taken: {id, rows, file:line of the first row}.
  struct Left {
    std::string account;
    std::size_t rows;
    std::string where;
  };
  std::vector<Left> left() const;
  std::size_t rows() const { return rows_; }
  const std::vector<Diagnostic>& errors() const { return errors_; }

 private:
  struct Run {
    std::uint32_t file;
    std::uint32_t line;     // first file line of the run
    std::size_t begin;      // byte offsets of the run's lines in the file
    std::size_t end;
    std::uint32_t rows;
  };
  struct Mapped {
    std::string path;
    const char* data = nullptr;
    std::size_t size = 0;
    LongHeader header;
  };
  std::vector<Mapped> files_;
  std::unordered_map<std::string, std::vector<Run>> runs_;
  std::vector<std::string> order_;  // accounts in order of first appearance
  std::size_t rows_ = 0;
  std::vector<Diagnostic> errors_;
};

}  // namespace rateline::population_detail
