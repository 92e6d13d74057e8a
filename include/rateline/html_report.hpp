// rateline/html_report.hpp — a self-contained HTML report from plain data: one file, its
// charts inline SVG, its style inline CSS (with print rules), nothing fetched from a network.
//
//   rateline::HtmlReport report;
//   report.title = "Rate change impact";
//   report.facts = {{"Accounts compared", "1000"}};
//   rateline::BarChart bars{"Revenue by class", "rate class", "$", {"R", "GS"}, {{"old", {...}}, {"new", {...}}}};
//   report.blocks.push_back(bars);
//   write_file("impact.html", rateline::render_html(report));
//
// Chart coordinates are computed from the Decimals exactly and rounded to 0.1 px; no value
// passes through binary floating point.
#pragma once

#include "rateline/decimal.hpp"

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace rateline {

struct ChartSeries {
  std::string name;
  std::vector<Decimal> values;             ///< one per category
};

/// Vertical bars, one group per category, one bar per series.
struct BarChart {
  std::string title, x_label, y_label;
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
};

struct ScatterSeries {
  std::string name;
  std::vector<std::pair<Decimal, Decimal>> points;   ///< (x, y)
};

struct ScatterChart {
  std::string title, x_label, y_label;
  std::vector<ScatterSeries> series;
};

struct ReportTable {
  std::string caption;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;               ///< per column: right-aligned (empty: none)
};

struct Paragraph {
  std::string heading;                     ///< may be empty
  std::string text;
};

using ReportBlock = std::variant<Paragraph, ReportTable, BarChart, ScatterChart>;

struct HtmlReport {
  std::string title;
  std::string subtitle;
  std::vector<std::pair<std::string, std::string>> facts;   ///< the key figures, first on the page
  std::vector<ReportBlock> blocks;                          ///< in page order
};

/// The whole document (<!DOCTYPE html> ...). Text is HTML-escaped.
std::string render_html(const HtmlReport& report);

}  // namespace rateline
