// core/text.cpp — Text's storage: in place up to Text::kInline characters, else one heap block (rateline/text.hpp).
#include "rateline/text.hpp"

#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace rateline {

void Text::release() noexcept {
  if (size_ > kInline) delete[] heap_;
  size_ = 0;
  inline_[0] = '\0';
}

char* Text::reserve_exactly(std::size_t n) {
  if (n > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("rateline::Text: text longer than 4 GiB");
  release();
  char* out = inline_;
  if (n > kInline) {
    out = new char[n + 1];
    heap_ = out;
  }
  size_ = static_cast<std::uint32_t>(n);
  out[n] = '\0';
  return out;
}

char* Text::copy_piece(char* out, std::string_view p) noexcept {
  if (!p.empty()) std::memcpy(out, p.data(), p.size());
  return out + p.size();
}

void Text::assign(std::string_view s) {
  if (s.size() <= kInline && size_ <= kInline) {
    // in place: s may point into this text (t = t.view().substr(...)), so move, not copy
    if (!s.empty()) std::memmove(inline_, s.data(), s.size());
    size_ = static_cast<std::uint32_t>(s.size());
    inline_[size_] = '\0';
    return;
  }
  Text copy;
  copy_piece(copy.reserve_exactly(s.size()), s);
  *this = std::move(copy);
}

// Takes other's text (this one is empty): its heap block, or a copy of its in-place characters.
void Text::take(Text& other) noexcept {
  size_ = other.size_;
  if (size_ > kInline) {
    heap_ = other.heap_;
    other.size_ = 0;
    other.inline_[0] = '\0';
  } else {
    std::memcpy(inline_, other.inline_, size_ + 1);
  }
}

Text::Text(Text&& other) noexcept { take(other); }

Text& Text::operator=(const Text& other) {
  if (this != &other) assign(other.view());
  return *this;
}

Text& Text::operator=(Text&& other) noexcept {
  if (this == &other) return *this;
  release();
  take(other);
  return *this;
}

Text& Text::operator=(std::string_view s) {
  assign(s);
  return *this;
}

Text& Text::operator+=(std::string_view s) {
  const std::size_t n = size_ + s.size();
  if (n <= kInline) {
    // s may point into this text: memmove
    if (!s.empty()) std::memmove(inline_ + size_, s.data(), s.size());
    size_ = static_cast<std::uint32_t>(n);
    inline_[n] = '\0';
    return *this;
  }
  Text joined_text;
  char* out = joined_text.reserve_exactly(n);
  out = copy_piece(out, view());
  copy_piece(out, s);
  *this = std::move(joined_text);
  return *this;
}

}  // namespace rateline
