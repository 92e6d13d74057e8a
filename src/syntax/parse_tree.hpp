// syntax/parse_tree.hpp — the PEGTL parse tree as the readers in src/syntax walk it:
//   find<R>(n)      the first child of rule R (or nullptr)
//   all<R>(n)       every child of rule R, in order
//   descend<R>(n)   the first descendant of rule R, depth first
//   span_of(n, source), name_of(n, source), number_of(n), unquote(text)
// Only src/syntax includes it: no other layer sees PEGTL.
#pragma once

#include "syntax/ast.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::syntax::tree {

using Node = tao::pegtl::parse_tree::node;

template <typename R>
const Node* find(const Node& n) {
  for (auto& c : n.children)
    if (c->template is_type<R>()) return c.get();
  return nullptr;
}

template <typename R>
std::vector<const Node*> all(const Node& n) {
  std::vector<const Node*> out;
  for (auto& c : n.children)
    if (c->template is_type<R>()) out.push_back(c.get());
  return out;
}

template <typename R>
const Node* descend(const Node& n) {
  for (auto& c : n.children) {
    if (c->template is_type<R>()) return c.get();
    if (auto* d = descend<R>(*c)) return d;
  }
  return nullptr;
}

inline Span span_of(const Node& n, const std::shared_ptr<const SourceFile>& source) {
  return {source, static_cast<std::uint32_t>(n.m_begin.byte), static_cast<std::uint32_t>(n.m_end.byte)};
}

/// An identifier, whichever named rule wraps it (charge_id, season_id, ...).
inline Name name_of(const Node& n, const std::shared_ptr<const SourceFile>& source) {
  return {std::string(n.string_view()), span_of(n, source)};
}

/// A `number` node: the grammar admits only decimals Decimal::parse reads.
inline Decimal number_of(const Node& n) { return Decimal::parse(n.string_view()).value(); }

/// A string literal's text without its quotes, `\n` and `\"` read.
inline std::string unquote(std::string_view s) {
  std::string out;
  if (s.size() >= 2) s = s.substr(1, s.size() - 2);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += s[i] == 'n' ? '\n' : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace rateline::syntax::tree
