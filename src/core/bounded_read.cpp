// Bounded file reading (see bounded_read.hpp).
#include "core/bounded_read.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace rateline::detail {

BoundedRead read_bounded(const std::string& path, std::uint64_t max_bytes) {
  BoundedRead result;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error("cannot read " + path);
  struct stat info {};
  const bool regular = ::fstat(::fileno(file.get()), &info) == 0 && S_ISREG(info.st_mode);
  if (regular) {
    result.size = static_cast<std::uint64_t>(info.st_size);
    if (result.size > max_bytes) {
      result.too_large = true;
      return result;
    }
    result.text.reserve(static_cast<std::size_t>(result.size));
  }
  char buffer[1 << 16];
  std::uint64_t seen = 0;
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    seen += got;
    if (seen > max_bytes) {   // a file that grew, or one with no size: stop at the limit
      result.too_large = true;
      result.size = seen;
      result.text.clear();
      result.text.shrink_to_fit();
      return result;
    }
    result.text.append(buffer, got);
  }
  if (std::ferror(file.get())) throw std::runtime_error("cannot read " + path);
  result.size = seen;
  return result;
}

std::string format_bytes(std::uint64_t bytes) {
  constexpr std::uint64_t kib = 1024, mib = kib * 1024, gib = mib * 1024;
  if (bytes >= gib && bytes % gib == 0) return std::to_string(bytes / gib) + " GiB";
  if (bytes >= mib && bytes % mib == 0) return std::to_string(bytes / mib) + " MiB";
  if (bytes >= kib && bytes % kib == 0) return std::to_string(bytes / kib) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace rateline::detail
