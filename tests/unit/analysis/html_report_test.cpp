// The HTML report writer (src/analysis/html_report.cpp, svg_charts.cpp): one file, text
// escaped, charts as inline SVG with coordinates from exact decimals.
#include "rateline/html_report.hpp"

#include <doctest/doctest.h>

using rateline::Decimal;

TEST_CASE("render_html: self-contained, escaped, with sized inline SVG") {
  rateline::HtmlReport r;
  r.title = "Impact <draft>";
  r.facts = {{"Accounts", "3"}};
  r.blocks.push_back(rateline::BarChart{"Revenue", "class", "$", {"R", "GS"}, {{"old", {Decimal(100), Decimal(300)}}, {"new", {Decimal(110), Decimal(-20)}}}});
  r.blocks.push_back(rateline::ScatterChart{"Bill vs usage", "kWh", "$", {{"old", {{Decimal(10), Decimal(5)}, {Decimal(20), Decimal(9)}}}}});
  r.blocks.push_back(rateline::ReportTable{"Largest", {"Account", "Change"}, {{"A&1", "+1.00"}}, {false, true}});
  const std::string html = rateline::render_html(r);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<title>Impact &lt;draft&gt;</title>") != std::string::npos);
  CHECK(html.find("<td>A&amp;1</td><td class=\"num\">+1.00</td>") != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  // the y axis runs from -20 to 300 over 230 px: 300 sits at the top (y = 40), 0 at 40 + 300/320 × 230
  CHECK(html.find("<rect class=\"bar\" x=\"") != std::string::npos);
  CHECK(html.find("y=\"40.0\"") != std::string::npos);
  CHECK(html.find("<circle class=\"point\"") != std::string::npos);
  std::size_t svgs = 0;
  for (auto at = html.find("<svg class=\"chart"); at != std::string::npos; at = html.find("<svg class=\"chart", at + 1)) ++svgs;
  CHECK(svgs == 2);
}
