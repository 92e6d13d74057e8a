// rateline/text.hpp — Text: a line item's id or label, a string value that keeps up to 87 characters in place.
//
//   Text label("Energy Charge, first 800 kWh");
//   std::string_view v = label;            // reads like a string_view
//   label += " (estimated)";               // appends (moves to the heap only past 87 characters)
//   if (label == "Energy Charge") ...       // compares with any string
//   std::string s = label.str();
//
// Why not std::string: a bill's labels ("TOU Demand Charge, Demand period 1, up to 100 kW")
// are longer than std::string keeps in place, so every line item of every bill cost two heap
// allocations and frees, a fifth of a customer-year's billing time. A Text of up to 87
// characters lives inside the line item. It is a plain value: copies are independent, and it
// can move between threads like a std::string.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

namespace rateline {

class Text {
 public:
  /// Characters kept in place; a longer text is held on the heap.
  static constexpr std::size_t kInline = 87;

  Text() noexcept { inline_[0] = '\0'; }
  explicit Text(std::string_view s) { assign(s); }
  explicit Text(const char* s) : Text(std::string_view(s)) {}
  explicit Text(const std::string& s) : Text(std::string_view(s)) {}
  Text(const Text& other) : Text(other.view()) {}
  Text(Text&& other) noexcept;
  Text& operator=(const Text& other);
  Text& operator=(Text&& other) noexcept;
  Text& operator=(std::string_view s);
  Text& operator=(const char* s) { return *this = std::string_view(s); }
  Text& operator=(const std::string& s) { return *this = std::string_view(s); }
  ~Text() { release(); }

  /// The text joined from pieces: one copy, no intermediate string.
  static Text joined(std::initializer_list<std::string_view> pieces) {
    Text t;
    t.assign_joined(pieces);
    return t;
  }

  /// Sets the text to its parts joined, each part a string_view or a range of them
  /// (`label.assign_joined(charge_label, context_pieces, tier_label)`). The parts must not
  /// point into this text.
  template <class... Parts>
  Text& assign_joined(const Parts&... parts) {
    const std::size_t n = (length_of(parts) + ... + 0);
    char* out = n <= kInline && size_ <= kInline ? inline_ : reserve_exactly(n);
    (write(out, parts), ...);
    size_ = static_cast<std::uint32_t>(n);
    *out = '\0';
    return *this;
  }

  std::string_view view() const noexcept { return {data(), size_}; }
  operator std::string_view() const noexcept { return view(); }
  std::string str() const { return std::string(view()); }
  const char* data() const noexcept { return size_ > kInline ? heap_ : inline_; }
  /// Always NUL-terminated (what the C API hands out).
  const char* c_str() const noexcept { return data(); }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  bool starts_with(std::string_view s) const noexcept { return view().starts_with(s); }
  bool ends_with(std::string_view s) const noexcept { return view().ends_with(s); }

  Text& operator+=(std::string_view s);

  friend bool operator==(const Text& a, const Text& b) noexcept { return a.view() == b.view(); }
  friend bool operator==(const Text& a, std::string_view b) noexcept { return a.view() == b; }
  friend std::strong_ordering operator<=>(const Text& a, const Text& b) noexcept { return a.view() <=> b.view(); }
  friend std::strong_ordering operator<=>(const Text& a, std::string_view b) noexcept { return a.view() <=> b; }
  friend std::string operator+(const Text& a, std::string_view b) { return std::string(a.view()).append(b); }
  friend std::string operator+(std::string_view a, const Text& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const Text& a, const Text& b) { return std::string(a.view()).append(b.view()); }
  friend std::ostream& operator<<(std::ostream& os, const Text& t) { return os << t.view(); }

 private:
  void assign(std::string_view s);
  void release() noexcept;
  void take(Text& other) noexcept;
  /// Makes room for exactly n characters (contents undefined, NUL written at n) and returns where they go.
  char* reserve_exactly(std::size_t n);
  static char* copy_piece(char* out, std::string_view p) noexcept;

  static std::size_t length_of(std::string_view p) noexcept { return p.size(); }
  template <class Range>
    requires(!std::is_convertible_v<const Range&, std::string_view>)
  static std::size_t length_of(const Range& pieces) noexcept {
    std::size_t n = 0;
    for (std::string_view p : pieces) n += p.size();
    return n;
  }
  static void write(char*& out, std::string_view p) noexcept {
    // a label's pieces are a few characters each ("., ", "summer", ".t1"): copied with two
    // overlapping fixed-size moves from the piece's own bytes, not a call to memcpy
    const char* in = p.data();
    const std::size_t n = p.size();
    if (n > 16 && n <= 32) {   // "Demand period 1 (tiered)", "Fixed Monthly Charge"
      copy_fixed<16>(out, in);
      copy_fixed<16>(out + n - 16, in + n - 16);
    } else if (n >= 8 && n <= 16) {
      copy_fixed<8>(out, in);
      copy_fixed<8>(out + n - 8, in + n - 8);
    } else if (n >= 4 && n < 8) {
      copy_fixed<4>(out, in);
      copy_fixed<4>(out + n - 4, in + n - 4);
    } else if (n > 0 && n < 4) {
      out[0] = in[0];
      out[n / 2] = in[n / 2];
      out[n - 1] = in[n - 1];
    } else if (n > 32) {
      std::memcpy(out, in, n);
    }
    out += n;
  }
  template <std::size_t N>
  static void copy_fixed(char* out, const char* in) noexcept {
    char chunk[N];
    std::memcpy(chunk, in, N);   // fixed size: compiles to one load and one store
    std::memcpy(out, chunk, N);
  }
  template <class Range>
    requires(!std::is_convertible_v<const Range&, std::string_view>)
  static void write(char*& out, const Range& pieces) noexcept {
    for (std::string_view p : pieces) write(out, p);
  }

  union {
    char inline_[kInline + 1];
    char* heap_;
  };
  std::uint32_t size_ = 0;
};

}  // namespace rateline
