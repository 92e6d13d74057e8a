// Inline SVG charts of the HTML report (svg_charts.hpp).
#include "analysis/svg_charts.hpp"

#include "analysis/text_util.hpp"

#include <algorithm>
#include <optional>

namespace rateline::analysis_detail {

namespace {

constexpr int kWidth = 720, kHeight = 380, kLeft = 90, kRight = 40, kTop = 40, kBottom = 110;
constexpr int kPlotWidth = kWidth - kLeft - kRight, kPlotHeight = kHeight - kTop - kBottom;
const char* const kColors[] = {"#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#76b7b2", "#b07aa1"};

const char* color(std::size_t i) { return kColors[i % (sizeof kColors / sizeof kColors[0])]; }

// v's distance from lo in a pixel span: (v − lo) × pixels / (hi − lo), 0.1 px.
Decimal along(const Decimal& v, const Decimal& lo, const Decimal& hi, int pixels) {
  return ((v - lo) * Decimal(pixels)).divided_by(hi - lo, 1, RoundingMode::half_even);
}

struct Range {
  Decimal lo, hi;
};

Range padded(Range r, bool from_zero) {
  if (from_zero) {
    r.lo = min(r.lo, Decimal(0));
    r.hi = max(r.hi, Decimal(0));
  }
  if (r.lo == r.hi) r.hi = r.lo + Decimal(1);
  return r;
}

std::string text(const Decimal& x, const Decimal& y, const std::string& body, const std::string& attrs = "") {
  return "<text x=\"" + x.to_string() + "\" y=\"" + y.to_string() + "\"" + attrs + ">" + html_escape(body) + "</text>";
}

std::string open_svg(const std::string& title, const std::string& kind) {
  std::string out = "<svg class=\"chart " + kind + "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                    std::to_string(kHeight) + "\" width=\"" + std::to_string(kWidth) + "\" height=\"" + std::to_string(kHeight) +
                    "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">";
  out += "<title>" + html_escape(title) + "</title>";
  out += text(Decimal(kLeft), Decimal(22), title, " class=\"chart-title\"");
  return out;
}

// Axes, five ticks on y with their values (2 places; whole numbers for counts), the axis labels.
std::string axes(const Range& y, const std::string& x_label, const std::string& y_label, bool whole = false) {
  std::string out;
  const Decimal left(kLeft), bottom(kTop + kPlotHeight);
  std::optional<Decimal> previous;
  for (int k = 0; k <= 4; ++k) {
    const Decimal value = y.lo + ((y.hi - y.lo) * Decimal(k)).divided_by(Decimal(4), whole ? 0 : 2, RoundingMode::half_even);
    if (previous && *previous == value) continue;
    previous = value;
    const Decimal py = bottom - along(value, y.lo, y.hi, kPlotHeight);
    out += "<line class=\"grid\" x1=\"" + left.to_string() + "\" x2=\"" + std::to_string(kLeft + kPlotWidth) + "\" y1=\"" + py.to_string() +
           "\" y2=\"" + py.to_string() + "\"/>";
    out += text(left - Decimal(6), py + Decimal(4), value.to_string(), " text-anchor=\"end\"");
  }
  out += "<line class=\"axis\" x1=\"" + left.to_string() + "\" x2=\"" + left.to_string() + "\" y1=\"" + std::to_string(kTop) + "\" y2=\"" +
         bottom.to_string() + "\"/>";
  out += "<line class=\"axis\" x1=\"" + left.to_string() + "\" x2=\"" + std::to_string(kLeft + kPlotWidth) + "\" y1=\"" + bottom.to_string() +
         "\" y2=\"" + bottom.to_string() + "\"/>";
  out += text(Decimal(kLeft + kPlotWidth / 2), Decimal(kHeight - 8), x_label, " text-anchor=\"middle\"");
  out += text(Decimal(12), Decimal(kTop + kPlotHeight / 2), y_label,
              " text-anchor=\"middle\" transform=\"rotate(-90 12 " + std::to_string(kTop + kPlotHeight / 2) + ")\"");
  return out;
}

template <class Series>
std::string legend(const std::vector<Series>& series) {
  std::string out;
  int x = kLeft + kPlotWidth;
  for (std::size_t i = series.size(); i-- > 0;) {
    x -= 12 + 8 * static_cast<int>(series[i].name.size()) + 16;
    out += "<rect x=\"" + std::to_string(x) + "\" y=\"12\" width=\"12\" height=\"12\" fill=\"" + color(i) + "\"/>";
    out += text(Decimal(x + 16), Decimal(22), series[i].name);
  }
  return out;
}

}  // namespace

std::string svg_bar_chart(const BarChart& chart) {
  Range y{Decimal(0), Decimal(0)};
  for (const auto& s : chart.series)
    for (const auto& v : s.values) y = {min(y.lo, v), max(y.hi, v)};
  y = padded(y, true);
  bool whole = true;
  for (const auto& s : chart.series)
    for (const auto& v : s.values) whole = whole && v.normalized().scale() == 0;
  std::string out = open_svg(chart.title, "bars") + axes(y, chart.x_label, chart.y_label, whole) + legend(chart.series);
  const std::size_t groups = std::max<std::size_t>(chart.categories.size(), 1), per_group = std::max<std::size_t>(chart.series.size(), 1);
  const Decimal group_width = Decimal(kPlotWidth).divided_by(Decimal(static_cast<std::int64_t>(groups)), 1, RoundingMode::half_even);
  const Decimal bar_width =
      (group_width * Decimal(8)).divided_by(Decimal(10 * static_cast<std::int64_t>(per_group)), 1, RoundingMode::half_even);
  const Decimal zero_y = Decimal(kTop + kPlotHeight) - along(Decimal(0), y.lo, y.hi, kPlotHeight);
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    const Decimal group_x = Decimal(kLeft) + group_width * Decimal(static_cast<std::int64_t>(c));
    const Decimal first_x = group_x + (group_width - bar_width * Decimal(static_cast<std::int64_t>(per_group))).divided_by(Decimal(2), 1, RoundingMode::half_even);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      if (c >= chart.series[s].values.size()) continue;
      const Decimal& v = chart.series[s].values[c];
      const Decimal py = Decimal(kTop + kPlotHeight) - along(v, y.lo, y.hi, kPlotHeight);
      const Decimal top = min(py, zero_y), height = max(py, zero_y) - top;
      out += "<rect class=\"bar\" x=\"" + (first_x + bar_width * Decimal(static_cast<std::int64_t>(s))).to_string() + "\" y=\"" + top.to_string() +
             "\" width=\"" + bar_width.to_string() + "\" height=\"" + max(height, Decimal(Decimal::Int(5), 1)).to_string() + "\" fill=\"" +
             color(s) + "\"><title>" + html_escape(chart.categories[c] + " — " + chart.series[s].name + ": " + v.to_string()) + "</title></rect>";
    }
    // Labels that do not fit under their bars are slanted; with many bars, every k-th only.
    const std::size_t step = std::max<std::size_t>(1, (groups * 14 + kPlotWidth - 1) / kPlotWidth);
    if (c % step != 0) continue;
    const Decimal label_x = group_x + group_width.divided_by(Decimal(2), 1, RoundingMode::half_even), label_y(kTop + kPlotHeight + 16);
    if (Decimal(static_cast<std::int64_t>(chart.categories[c].size()) * 7) <= group_width)
      out += text(label_x, label_y, chart.categories[c], " text-anchor=\"middle\" class=\"tick\"");
    else
      out += text(label_x, label_y, chart.categories[c],
                  " text-anchor=\"end\" class=\"tick\" transform=\"rotate(-30 " + label_x.to_string() + " " + label_y.to_string() + ")\"");
  }
  return out + "</svg>";
}

std::string svg_scatter_chart(const ScatterChart& chart) {
  bool any = false;
  Range x{}, y{};
  for (const auto& s : chart.series)
    for (const auto& [px, py] : s.points) {
      x = any ? Range{min(x.lo, px), max(x.hi, px)} : Range{px, px};
      y = any ? Range{min(y.lo, py), max(y.hi, py)} : Range{py, py};
      any = true;
    }
  x = padded(x, true);
  y = padded(y, true);
  std::string out = open_svg(chart.title, "scatter") + axes(y, chart.x_label, chart.y_label) + legend(chart.series);
  for (int k = 0; k <= 4; ++k) {
    const Decimal value = x.lo + ((x.hi - x.lo) * Decimal(k)).divided_by(Decimal(4), 2, RoundingMode::half_even);
    out += text(Decimal(kLeft) + along(value, x.lo, x.hi, kPlotWidth), Decimal(kTop + kPlotHeight + 16), value.to_string(),
                " text-anchor=\"middle\" class=\"tick\"");
  }
  for (std::size_t s = 0; s < chart.series.size(); ++s)
    for (const auto& [px, py] : chart.series[s].points)
      out += "<circle class=\"point\" cx=\"" + (Decimal(kLeft) + along(px, x.lo, x.hi, kPlotWidth)).to_string() + "\" cy=\"" +
             (Decimal(kTop + kPlotHeight) - along(py, y.lo, y.hi, kPlotHeight)).to_string() + "\" r=\"3\" fill=\"" + color(s) +
             "\" fill-opacity=\"0.6\"/>";
  return out + "</svg>";
}

}  // namespace rateline::analysis_detail
