// One self-contained HTML file: inline CSS (screen and print) and inline SVG charts, no
// script and nothing fetched from a network (rateline/html_report.hpp).
#include "rateline/html_report.hpp"

#include "analysis/svg_charts.hpp"
#include "analysis/text_util.hpp"

namespace rateline {

using analysis_detail::html_escape;

namespace {

constexpr const char* kStyle = R"(
body { font: 14px/1.4 "DejaVu Sans", Arial, sans-serif; color: #222; margin: 24px auto; max-width: 980px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; }
.subtitle { color: #555; margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: #555; } dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 10px; text-align: left; vertical-align: top; }
td:not(:last-child) { white-space: nowrap; }
th { background: #f4f4f4; } td.num { text-align: right; white-space: nowrap; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
svg.chart text { font: 11px "DejaVu Sans", Arial, sans-serif; fill: #333; }
svg.chart .chart-title { font-size: 14px; font-weight: bold; }
svg.chart .grid { stroke: #e6e6e6; } svg.chart .axis { stroke: #555; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; color: #000; }
  section, figure, svg.chart, tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  th { background: none; border-bottom: 1px solid #000; }
  svg.chart { max-width: 17cm; }
  @page { margin: 1.5cm; }
}
)";

std::string render(const Paragraph& p) {
  std::string out = "<section>";
  if (!p.heading.empty()) out += "<h2>" + html_escape(p.heading) + "</h2>";
  return out + "<p>" + html_escape(p.text) + "</p></section>\n";
}

std::string render(const ReportTable& t) {
  std::string out = "<section><table>";
  if (!t.caption.empty()) out += "<caption>" + html_escape(t.caption) + "</caption>";
  out += "<thead><tr>";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    out += std::string(i < t.numeric.size() && t.numeric[i] ? "<th class=\"num\">" : "<th>") + html_escape(t.columns[i]) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i)
      out += std::string(i < t.numeric.size() && t.numeric[i] ? "<td class=\"num\">" : "<td>") + html_escape(row[i]) + "</td>";
    out += "</tr>";
  }
  if (t.rows.empty()) out += "<tr><td colspan=\"" + std::to_string(t.columns.size()) + "\">none</td></tr>";
  return out + "</tbody></table></section>\n";
}

std::string render(const BarChart& c) { return "<figure>" + analysis_detail::svg_bar_chart(c) + "</figure>\n"; }
std::string render(const ScatterChart& c) { return "<figure>" + analysis_detail::svg_scatter_chart(c) + "</figure>\n"; }

}  // namespace

std::string render_html(const HtmlReport& report) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(report.title) + "</title>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(report.title) + "</h1>\n";
  if (!report.subtitle.empty()) out += "<p class=\"subtitle\">" + html_escape(report.subtitle) + "</p>\n";
  if (!report.facts.empty()) {
    out += "<section><dl class=\"facts\">";
    for (const auto& [k, v] : report.facts) out += "<dt>" + html_escape(k) + "</dt><dd>" + html_escape(v) + "</dd>";
    out += "</dl></section>\n";
  }
  for (const auto& block : report.blocks) out += std::visit([](const auto& b) { return render(b); }, block);
  return out + "</body>\n</html>\n";
}

}  // namespace rateline
