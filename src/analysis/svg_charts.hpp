// svg_charts.hpp — the inline SVG of the HTML report's charts (bars and scatter), drawn
// from Decimals: every coordinate is computed exactly and rounded half-even to 0.1 px.
//
//   std::string svg = svg_bar_chart(chart);      // "<svg ...>...</svg>"
#pragma once

#include "rateline/html_report.hpp"

#include <string>

namespace rateline::analysis_detail {

std::string svg_bar_chart(const BarChart& chart);
std::string svg_scatter_chart(const ScatterChart& chart);

}  // namespace rateline::analysis_detail
