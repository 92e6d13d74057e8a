// text_util.hpp — small text helpers the analysis formats share: dates, padding, CSV
// fields, HTML escaping, a rate's short name.
//
//   format_day(2024y/July/1d) == "2024-07-01";  pad_left("12.00", 8);  csv_field("a,b") == "\"a,b\""
#pragma once

#include <chrono>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

namespace rateline::analysis_detail {

std::string format_day(std::chrono::year_month_day day);
std::string pad_left(std::string_view text, std::size_t width);
std::string pad_right(std::string_view text, std::size_t width);
std::string csv_field(std::string_view text);
std::string html_escape(std::string_view text);
/// "tariffs/willmar-residential.tariff" -> "willmar-residential"
std::string short_name(std::string_view path);
/// "+12.50" for positive numbers, as written otherwise.
std::string signed_text(const std::string& number);
/// The fields of one CSV line (RFC 4180 quotes); nullopt for an unterminated quote.
std::optional<std::vector<std::string>> split_csv_line(std::string_view line);
/// "2024-07-01" -> the date; nullopt for anything else.
std::optional<std::chrono::year_month_day> parse_day(std::string_view text);

}  // namespace rateline::analysis_detail
