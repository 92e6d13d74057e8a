// bounded_read.hpp — reads an input file without trusting its size.
//
//   auto r = rateline::detail::read_bounded("usage.csv", 1 << 30);
//   if (r.too_large) ...   // refused: r.size is the size stat() gave, or the bytes seen
//
// A regular file larger than the limit is refused by its size before a byte is read;
// anything else (a pipe, /dev/zero, a FIFO) is read until the limit and refused at the
// first byte past it. Throws std::runtime_error only when the file cannot be opened or
// read (I/O is exceptional; a file too large is the user's input, reported by callers).
#pragma once

#include <cstdint>
#include <string>

namespace rateline::detail {

struct BoundedRead {
  std::string text;          ///< the whole file, when not too large
  bool too_large = false;
  std::uint64_t size = 0;    ///< the file's size (regular files) or the bytes read
};

BoundedRead read_bounded(const std::string& path, std::uint64_t max_bytes);

/// "16 MiB", "1 GiB", "1500 bytes": a limit as the user would write it.
std::string format_bytes(std::uint64_t bytes);

}  // namespace rateline::detail
