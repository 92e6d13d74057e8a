// `rateline test --update`: see case_update.hpp.
#include "case_update.hpp"

#include "bill_diff.hpp"
#include "case_record.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace rateline::cli {

namespace {

struct Edit {
  std::uint32_t begin, end;
  std::string text;
};

class Editor {
 public:
  explicit Editor(const std::string& text) : text_(text) {}

  void number(const CaseNumber& n, const Decimal& value) {
    edits_.push_back({n.span.begin, n.span.end, n.quoted ? "\"" + value.to_string() + "\"" : value.to_string()});
  }
  void replace(TextSpan span, std::string text) { edits_.push_back({span.begin, span.end, std::move(text)}); }
  void string(const CaseText& t, const std::string& value) { edits_.push_back({t.span.begin, t.span.end, toml_string(value)}); }

  // The line item's whole line when nothing else is on it; otherwise the table and its comma.
  void remove_line(const ExpectedLine& line) {
    auto start = line_start(line.span.begin);
    auto end = line.span.end;
    while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t')) ++end;
    if (end < text_.size() && text_[end] == ',') ++end;
    auto after = end;
    while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t')) ++after;
    bool alone_before = text_.find_first_not_of(" \t", start) == line.span.begin;
    if (alone_before && (after == text_.size() || text_[after] == '\n' || text_[after] == '#')) {
      auto eol = text_.find('\n', after);
      edits_.push_back({start, eol == std::string::npos ? static_cast<std::uint32_t>(text_.size()) : static_cast<std::uint32_t>(eol + 1), ""});
    } else {
      edits_.push_back({line.span.begin, end, ""});
    }
  }

  // New line items before the `]` that closes `lines`.
  bool add_lines(const ExpectedBill& bill, const std::vector<const LineItem*>& items) {
    if (items.empty()) return true;
    auto close = bill.lines_span.end - 1;
    if (close >= text_.size() || text_[close] != ']') return false;
    std::string indent = "  ";
    if (!bill.lines.empty()) {
      auto s = line_start(bill.lines.back().span.begin);
      indent = text_.substr(s, bill.lines.back().span.begin - s);
    }
    std::string added;
    for (auto* item : items) added += indent + "# " + item->label + "\n" + indent + format_expected_line(*item) + ",\n";
    auto s = line_start(close);
    if (text_.find_first_not_of(" \t", s) == close) {
      edits_.push_back({s, s, added});
    } else {
      // `lines = []` or `..., { ... }]`: the new lines go on lines of their own.
      std::uint32_t at = close;
      std::string prefix = "\n";
      if (!bill.lines.empty() && text_.rfind(',', close) < bill.lines.back().span.end) prefix = ",\n";
      edits_.push_back({at, at, prefix + added});
    }
    return true;
  }

  void append(const std::string& block) {
    auto end = static_cast<std::uint32_t>(text_.size());
    edits_.push_back({end, end, (text_.empty() || text_.back() == '\n' ? "\n" : "\n\n") + block});
  }

  std::string apply() {
    // From the end of the file back, so earlier offsets stay valid; of two insertions at one
    // place the later one goes in first, so that they read in the order they were made.
    std::vector<std::size_t> order(edits_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return edits_[a].begin != edits_[b].begin ? edits_[a].begin > edits_[b].begin : a > b;
    });
    std::string out = text_;
    for (auto i : order) out.replace(edits_[i].begin, edits_[i].end - edits_[i].begin, edits_[i].text);
    return out;
  }

 private:
  std::uint32_t line_start(std::uint32_t at) const {
    auto nl = text_.rfind('\n', at == 0 ? 0 : at - 1);
    return at == 0 || nl == std::string::npos ? 0 : static_cast<std::uint32_t>(nl + 1);
  }

  const std::string& text_;
  std::vector<Edit> edits_;
};

}  // namespace

CaseUpdate update_case_text(const BillCase& c, const BillSeries& actual) {
  CaseUpdate result;
  Editor editor(c.source->text());
  auto diff = diff_case(c, actual);
  for (auto& b : diff.bills) {
    if (!b.expected) {
      editor.append(format_expect_block(*b.actual));
      continue;
    }
    if (!b.actual) {
      result.problem = "the case expects more bills than were made; remove the extra [[expect]] tables by hand";
      return result;
    }
    if (b.period_differs) {
      result.problem = "the case's [[expect]] periods are not the bills' periods; fix `from`/`to` by hand";
      return result;
    }
    std::vector<const LineItem*> added;
    for (auto& l : b.lines) {
      if (l.kind == LineChange::Kind::added) {
        added.push_back(l.actual);
      } else if (l.kind == LineChange::Kind::removed) {
        editor.remove_line(*l.expected);
      } else {
        const auto& e = *l.expected;
        const auto& a = *l.actual;
        if (e.quantity && e.quantity->value != a.quantity) editor.number(*e.quantity, a.quantity);
        if (e.rate && e.rate->value != a.rate) editor.number(*e.rate, a.rate);
        if (e.amount.value != a.amount) editor.number(e.amount, a.amount);
        if (e.label && e.label->value != a.label) editor.string(*e.label, a.label);
        if (e.unit && e.unit->value != a.unit) editor.string(*e.unit, a.unit);
        if (e.rate_unit && e.rate_unit->value != a.rate_unit) editor.string(*e.rate_unit, a.rate_unit);
      }
    }
    if (!editor.add_lines(*b.expected, added)) {
      result.problem = "cannot find the `]` that closes `lines`";
      return result;
    }
    if (b.total_differs) editor.number(b.expected->total, b.actual->total);
    if (b.estimated_differs) editor.replace(b.expected->estimated->span, b.actual->estimated ? "true" : "false");
    if (b.notes_differ) {
      std::string codes;
      for (auto& code : note_codes(*b.actual)) codes += (codes.empty() ? "" : ", ") + toml_string(code);
      editor.replace(b.expected->notes->span, "[" + codes + "]");
    }
  }
  result.text = editor.apply();
  return result;
}

bool replace_file(const std::string& path, const std::string& text, std::string& problem) {
  const std::string temporary = path + ".rateline-update";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      problem = "cannot write " + temporary;
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    problem = "cannot replace " + path;
    return false;
  }
  return true;
}

}  // namespace rateline::cli
