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
  void string(const CaseText& t, std::string_view value) { edits_.push_back({t.span.begin, t.span.end, toml_string(value)}); }

  // Every line item alone on its line and the closing `]` on its own: then items are added
  // and removed a line at a time. Other layouts get the whole array rewritten.
  bool one_per_line(const ExpectedBill& bill) const {
    for (auto& line : bill.lines) {
      if (!first_on_line(line.span.begin)) return false;
      auto after = skip_blanks(line.span.end);
      if (after < text_.size() && text_[after] == ',') after = skip_blanks(after + 1);
      if (after < text_.size() && text_[after] != '\n' && text_[after] != '\r' && text_[after] != '#') return false;
    }
    auto close = bill.lines_span.end - 1;
    return close < text_.size() && text_[close] == ']' && (bill.lines.empty() || first_on_line(close));
  }

  // A `#` outside strings: a comment that rewriting the span would lose.
  bool has_comment(TextSpan span) const {
    bool quoted = false;
    for (auto i = span.begin; i < span.end && i < text_.size(); ++i) {
      if (text_[i] == '"' && (i == 0 || text_[i - 1] != '\\')) quoted = !quoted;
      else if (text_[i] == '#' && !quoted) return true;
    }
    return false;
  }

  // The line item's whole line (with any comment at its end).
  void remove_line(const ExpectedLine& line) {
    auto start = line_start(line.span.begin);
    auto newline = text_.find('\n', line.span.end);
    edits_.push_back({start, newline == std::string::npos ? static_cast<std::uint32_t>(text_.size()) : static_cast<std::uint32_t>(newline + 1), ""});
  }

  // New line items before the `]` that closes `lines` (on its own line, or `lines = []`).
  void add_lines(const ExpectedBill& bill, const std::vector<const LineItem*>& items) {
    if (items.empty()) return;
    auto close = bill.lines_span.end - 1;
    std::string indent = "  ";
    if (!bill.lines.empty()) {
      auto s = line_start(bill.lines.back().span.begin);
      indent = text_.substr(s, bill.lines.back().span.begin - s);
    }
    std::string added;
    for (auto* item : items) added += indent + "# " + item->label + eol() + indent + format_expected_line(*item) + "," + eol();
    if (first_on_line(close)) {
      auto s = line_start(close);
      edits_.push_back({s, s, added});
    } else {
      edits_.push_back({close, close, eol() + added});   // `lines = []`
    }
  }

  // The whole `lines = [...]` array as the bill's line items, one per line.
  void rewrite_lines(const ExpectedBill& bill, const Bill& actual) {
    std::string text = "[" + eol();
    for (auto& item : actual.line_items) text += "  " + format_expected_line(item) + "," + eol();
    edits_.push_back({bill.lines_span.begin, bill.lines_span.end, text + "]"});
  }

  std::string eol() const { return text_.find("\r\n") != std::string::npos ? "\r\n" : "\n"; }

  void append(const std::string& block) {
    auto end = static_cast<std::uint32_t>(text_.size());
    std::string lines = block;
    if (eol() != "\n")
      for (std::size_t at = lines.find('\n'); at != std::string::npos; at = lines.find('\n', at + 2)) lines.replace(at, 1, eol());
    edits_.push_back({end, end, (text_.empty() || text_.back() == '\n' ? eol() : eol() + eol()) + lines});
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
  bool first_on_line(std::uint32_t at) const { return text_.find_first_not_of(" \t", line_start(at)) == at; }
  std::uint32_t skip_blanks(std::uint32_t at) const {
    while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
    return at;
  }

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
    bool structural = false;
    for (auto& l : b.lines) structural = structural || l.kind != LineChange::Kind::changed;
    if (structural && !editor.one_per_line(*b.expected)) {
      if (editor.has_comment(b.expected->lines_span)) {
        result.problem = "line items were added or removed and `lines` has comments between items not one per line; put one line item per line";
        return result;
      }
      editor.rewrite_lines(*b.expected, *b.actual);
    } else {
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
      editor.add_lines(*b.expected, added);
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
