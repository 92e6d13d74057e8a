// One TZif file read and answered as date/tz would (see tzif.hpp for why).
#include "calendar/tzif.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>

namespace rateline::calendar_detail {

namespace {

using namespace std::chrono;

// date/tz's bounds of time: the first and last day of its year range (-32767..32767).
const sys_seconds kMinSeconds = sys_days{year::min() / January / 1};
const sys_seconds kMaxSeconds = sys_days{year::max() / December / 31};

bool zone_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '-';
}

// The entries of the zone directory that date/tz skips when it lists the zones.
bool skipped_entry(std::string_view part) {
  static constexpr std::array<std::string_view, 12> skipped{
      "Factory", "iso3166.tab", "right",     "+VERSION",    "version",     "zone.tab",
      "zone1970.tab", "zonenow.tab", "tzdata.zi", "leapseconds", "leap-seconds.list", "localtime"};
  return part.substr(0, 5) == "posix" || std::find(skipped.begin(), skipped.end(), part) != skipped.end();
}

// A bounds-checked big-endian reader over the file's bytes.
struct Bytes {
  std::string_view s;
  std::size_t i = 0;

  bool has(std::size_t n) const { return n <= s.size() - i; }
  bool skip(std::size_t n) {
    if (!has(n)) return false;
    i += n;
    return true;
  }
  std::uint8_t u8() { return static_cast<std::uint8_t>(s[i++]); }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v = (v << 8) | u8();
    return v;
  }
  std::int64_t i64() {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = (v << 8) | u8();
    return static_cast<std::int64_t>(v);
  }
};

struct Counts {
  std::size_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;

  // The size of the data block that follows a header with these counts.
  std::size_t block(std::size_t time_size) const {
    return time * (time_size + 1) + type * 6 + chars + leap * (time_size + 4) + isstd + isut;
  }
};

// "TZif", the version, 15 reserved bytes and six counts; nullopt if malformed.
std::optional<Counts> header(Bytes& in, char& version) {
  if (!in.has(44) || in.s.substr(in.i, 4) != "TZif") return std::nullopt;
  in.i += 4;
  version = static_cast<char>(in.u8());
  in.i += 15;
  std::array<std::size_t, 6> n{};
  for (auto& c : n) {
    const std::uint32_t v = in.u32();
    if (v > 1'000'000) return std::nullopt;  // far beyond any real zone; keeps sizes small
    c = v;
  }
  return Counts{n[0], n[1], n[2], n[3], n[4], n[5]};
}

std::optional<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size < (1 << 20)) {
    std::string data(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < data.size()) {
      const ssize_t r = ::read(fd, data.data() + got, data.size() - got);
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    if (got == data.size()) out = std::move(data);
  }
  ::close(fd);
  return out;
}

}  // namespace

bool is_zone_file_name(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = name.find('/', start);
    const std::string_view part = name.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (part.empty() || part.front() == '.' || skipped_entry(part)) return false;
    if (!std::all_of(part.begin(), part.end(), zone_char)) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

std::optional<TzifTable> TzifTable::load(std::string_view name) {
  if (!is_zone_file_name(name)) return std::nullopt;
  const auto data = read_file(std::string(kZoneDirectory) + '/' + std::string(name));
  if (!data) return std::nullopt;
  return parse(*data);
}

std::optional<TzifTable> TzifTable::parse(std::string_view bytes) {
  Bytes in{bytes};
  char version = 0;
  auto counts = header(in, version);
  if (!counts) return std::nullopt;
  std::size_t time_size = 4;
  if (version != '\0') {
    // Version 2 and later repeat the data with 64-bit times after the 32-bit block; date/tz
    // reads that second block, and so do we.
    if (!in.skip(counts->block(4))) return std::nullopt;
    counts = header(in, version);
    if (!counts) return std::nullopt;
    time_size = 8;
  }
  const Counts& n = *counts;
  // Leap-second ("right/") files are not zones date/tz lists; a type is needed for any time.
  if (n.leap != 0 || n.type == 0 || n.chars == 0 || !in.has(n.block(time_size))) return std::nullopt;

  TzifTable table;
  std::vector<std::int64_t> times(n.time);
  for (auto& t : times) t = time_size == 8 ? in.i64() : static_cast<std::int32_t>(in.u32());
  std::vector<std::uint32_t> indices(n.time);
  for (auto& k : indices) {
    k = in.u8();
    if (k >= n.type) return std::nullopt;
  }
  struct Raw {
    std::int32_t offset;
    bool is_dst;
    std::size_t abbrev;
  };
  std::vector<Raw> raw(n.type);
  for (auto& r : raw) {
    r.offset = static_cast<std::int32_t>(in.u32());
    r.is_dst = in.u8() != 0;
    r.abbrev = in.u8();
    if (r.abbrev >= n.chars) return std::nullopt;
  }
  const std::string_view chars = bytes.substr(in.i, n.chars);
  in.i += n.chars + n.isstd + n.isut;
  for (const Raw& r : raw) {
    const std::string_view rest = chars.substr(r.abbrev);
    table.types_.push_back({seconds{r.offset}, r.is_dst, std::string(rest.substr(0, rest.find('\0')))});
  }
  // The footer: a newline, the POSIX rule, a newline (empty rule: none).
  if (version != '\0' && in.has(2) && in.s[in.i] == '\n') {
    const std::size_t end = in.s.find('\n', in.i + 1);
    if (end != std::string_view::npos) table.footer_ = std::string(in.s.substr(in.i + 1, end - in.i - 1));
  }

  // date/tz's time_zone::load_data and init_impl, step for step.
  table.transitions_.reserve(n.time + 1);
  if (times.empty() || seconds{times.front()} != kMinSeconds.time_since_epoch()) {
    const auto standard = std::find_if(table.types_.begin(), table.types_.end(), [](const Type& t) { return !t.is_dst; });
    const auto first = standard == table.types_.end() ? 0 : standard - table.types_.begin();
    table.transitions_.push_back({kMinSeconds, static_cast<std::uint32_t>(first)});
  }
  for (std::size_t k = 0; k < times.size(); ++k) {
    table.transitions_.push_back({sys_seconds{seconds{times[k]}}, indices[k]});
  }
  const auto same = [&](const Transition& a, const Transition& b) {
    const Type& x = table.types_[a.type];
    const Type& y = table.types_[b.type];
    return x.offset == y.offset && x.abbrev == y.abbrev && x.is_dst == y.is_dst;
  };
  table.transitions_.erase(std::unique(table.transitions_.begin(), table.transitions_.end(), same),
                           table.transitions_.end());
  return table;
}

TzifTable::Info TzifTable::info(std::vector<Transition>::const_iterator i) const {
  // date/tz's load_sys_info.
  Info r;
  const auto b = transitions_.begin();
  const auto e = transitions_.end();
  const auto& in_force = i != b ? i[-1] : i[0];
  r.begin = i != b ? i[-1].at : kMinSeconds;
  if (i != b) {
    r.end = i != e ? i->at : kMaxSeconds;
  } else {
    r.end = i + 1 != e ? i[1].at : kMaxSeconds;
  }
  const Type& type = types_[in_force.type];
  r.offset = type.offset;
  r.is_dst = type.is_dst;
  r.abbrev = type.abbrev;
  return r;
}

TzifTable::Info TzifTable::at(sys_seconds t) const {
  return info(std::upper_bound(transitions_.begin(), transitions_.end(), t,
                               [](sys_seconds x, const Transition& tr) { return x < tr.at; }));
}

TzifTable::LocalInfo TzifTable::at_local(local_seconds tp) const {
  // date/tz's time_zone::get_info(local_seconds), step for step.
  LocalInfo out;
  auto tr = std::upper_bound(transitions_.begin(), transitions_.end(), tp, [&](local_seconds x, const Transition& t) {
    return sys_seconds{x.time_since_epoch()} - types_[t.type].offset < t.at;
  });
  out.first = info(tr);
  auto tps = sys_seconds{tp.time_since_epoch() - out.first.offset};
  if (tps < out.first.begin + days{1} && tr != transitions_.begin()) {
    out.second = info(--tr);
    tps = sys_seconds{tp.time_since_epoch() - out.second.offset};
    if (tps < out.second.end && out.first.end != out.second.end) {
      out.result = LocalInfo::ambiguous;
      std::swap(out.first, out.second);
    } else {
      out.second = {};
    }
  } else if (tps >= out.first.end && tr != transitions_.end()) {
    out.second = info(++tr);
    tps = sys_seconds{tp.time_since_epoch() - out.second.offset};
    if (tps < out.second.begin) {
      out.result = LocalInfo::nonexistent;
    } else {
      out.second = {};
    }
  }
  return out;
}

}  // namespace rateline::calendar_detail
