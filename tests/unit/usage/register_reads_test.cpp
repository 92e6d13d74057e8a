// Register reads: consumption from cumulative meter reads, rollover, meter exchanges,
// estimated reads, and every diagnostic (U0100..U0149).
#include <doctest/doctest.h>

#include "rateline/register_reads.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>
#include "test_paths.hpp"

using namespace std::chrono;
using rateline::Decimal;
using rateline::MeterRead;
using rateline::RegisterReadResult;
using rateline::Unit;

namespace {

RegisterReadResult read(std::string_view text, Unit unit = Unit::kWh) {
  return rateline::read_register_reads(text, "reads.csv", unit);
}

Decimal dec(std::string_view text) { return Decimal::parse(text).value(); }

year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

std::string rendered(const RegisterReadResult& r) {
  std::string text;
  for (auto& d : r.diagnostics) text += rateline::render(d);
  return text;
}

std::vector<const rateline::Diagnostic*> all(const RegisterReadResult& r, std::string_view code) {
  std::vector<const rateline::Diagnostic*> found;
  for (auto& d : r.diagnostics)
    if (d.code == code) found.push_back(&d);
  return found;
}

/// The only diagnostic with `code`.
const rateline::Diagnostic& one(const RegisterReadResult& r, std::string_view code) {
  auto found = all(r, code);
  INFO("diagnostics: " << rendered(r));
  REQUIRE(found.size() == 1);
  return *found.front();
}

/// The only diagnostic of the result, which must have that code and be an error; no usage.
const rateline::Diagnostic& only_error(const RegisterReadResult& r, std::string_view code) {
  INFO("diagnostics: " << rendered(r));
  CHECK_FALSE(r.usage);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == code);
  CHECK(r.diagnostics[0].severity == rateline::Severity::error);
  return r.diagnostics[0];
}

std::uint32_t line_of(const rateline::Diagnostic& d) { return d.span.file ? d.span.file->position(d.span.begin).line : 0; }
std::uint32_t column_of(const rateline::Diagnostic& d) {
  return d.span.file ? d.span.file->position(d.span.begin).column : 0;
}
std::string spanned(const rateline::Diagnostic& d) {
  if (!d.span.file) return {};
  return d.span.file->text().substr(d.span.begin, d.span.end - d.span.begin);
}
bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

constexpr std::string_view kHeader = "meter,read_date,reading,dials,multiplier,type\n";

}  // namespace

TEST_CASE("reads: monthly reads of one meter become contiguous intervals from read to read") {
  auto r = read(std::string(kHeader) +
                "4471,2024-05-02,12031,5,1,actual\n"
                "4471,2024-06-03,12843,5,1,actual\n"
                "4471,2024-07-02,13797.5,5,1,actual\n");
  INFO(rendered(r));
  REQUIRE(r.usage);
  CHECK(r.diagnostics.empty());
  const auto& u = *r.usage;
  CHECK(u.unit == Unit::kWh);
  CHECK(u.source == "reads.csv");
  REQUIRE(u.intervals.size() == 2);
  CHECK(u.intervals[0].from == ymd(2024, 5, 2));
  CHECK(u.intervals[0].to == ymd(2024, 6, 3));
  CHECK(u.intervals[0].consumption == Decimal(812));
  CHECK(u.intervals[0].meter == "4471");
  CHECK_FALSE(u.intervals[0].estimated);
  CHECK(u.intervals[0].note.empty());
  CHECK(u.intervals[1].from == ymd(2024, 6, 3));
  CHECK(u.intervals[1].to == ymd(2024, 7, 2));
  CHECK(u.intervals[1].consumption == dec("954.5"));
  CHECK(u.intervals[1].consumption.to_string() == "954.5");

  REQUIRE(u.reads.size() == 3);
  const MeterRead& last = u.reads[2];
  CHECK(last.meter == "4471");
  CHECK(last.date == ymd(2024, 7, 2));
  CHECK(last.reading == dec("13797.5"));
  CHECK(last.dials == 5);
  CHECK(last.multiplier == Decimal(1));
  CHECK_FALSE(last.estimated);
  CHECK(last.event == MeterRead::Event::none);
  CHECK(last.line == 4);
}

TEST_CASE("reads: rows in any order, columns in any order, comments and blanks give the same result") {
  auto ordered = read(std::string(kHeader) +
                      "4471,2024-05-02,12031,5,1,actual\n"
                      "4471,2024-06-03,12843,5,1,estimated\n"
                      "4471,2024-07-02,13797,5,1,actual\n");
  auto shuffled = read("# exported 2024-07-03\r\n"
                       " Type , MULTIPLIER,reading,read_date,meter,dials\r\n"
                       "actual,1,13797,2024-07-02,4471,5\r\n"
                       "\r\n"
                       "actual,1,12031,2024-05-02,\"4471\",5\r\n"
                       "# a comment between rows\r\n"
                       "estimated,1,12843,2024-06-03,4471,5\r\n");
  INFO(rendered(shuffled));
  REQUIRE(ordered.usage);
  REQUIRE(shuffled.usage);
  CHECK(shuffled.diagnostics.empty());
  const auto& a = ordered.usage->intervals;
  const auto& b = shuffled.usage->intervals;
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].from == b[i].from);
    CHECK(a[i].to == b[i].to);
    CHECK(a[i].consumption == b[i].consumption);
    CHECK(a[i].estimated == b[i].estimated);
    CHECK(a[i].note == b[i].note);
  }
  // Reads come back by date, wherever the rows were.
  REQUIRE(shuffled.usage->reads.size() == 3);
  CHECK(shuffled.usage->reads[0].date == ymd(2024, 5, 2));
  CHECK(shuffled.usage->reads[0].line == 5);
  CHECK(shuffled.usage->reads[2].line == 3);
}

TEST_CASE("reads: a 5-dial register rolls over: 99850 to 00120 is 270 x multiplier") {
  auto r = read(std::string(kHeader) +
                "M9,2024-06-01,99850,5,40,actual\n"
                "M9,2024-07-01,00120,5,40,actual\n"
                "M9,2024-08-01,00400,5,40,actual\n");
  INFO(rendered(r));
  REQUIRE(r.usage);
  CHECK(r.diagnostics.empty());
  const auto& in = r.usage->intervals;
  REQUIRE(in.size() == 2);
  CHECK(in[0].consumption == Decimal(270 * 40));
  CHECK(in[0].note == "the 5-dial register rolled over: 99850 to 00120");
  CHECK(in[1].consumption == Decimal(280 * 40));
  CHECK(in[1].note.empty());
  CHECK(r.usage->reads[1].reading == Decimal(120));
}

TEST_CASE("reads: rollover is taken only when the rolled-over advance is under half the register") {
  // 60001 -> 10000 on 5 dials: rolled over, the meter advanced 49999 (< 50000).
  auto under = read(std::string(kHeader) +
                    "M,2024-06-01,60001,5,1,actual\n"
                    "M,2024-07-01,10000,5,1,actual\n");
  REQUIRE(under.usage);
  CHECK(under.usage->intervals[0].consumption == Decimal(49999));

  // 60000 -> 10000: a rollover would be exactly half the register; going back 50000 is
  // just as likely. Not a rollover.
  auto half = read(std::string(kHeader) +
                   "M,2024-06-01,60000,5,1,actual\n"
                   "M,2024-07-01,10000,5,1,actual\n");
  only_error(half, "U0124");

  // Fractional registers roll over exactly too: 9999.8 -> 0000.3 on 4 dials is 0.5.
  auto tenths = read(std::string(kHeader) +
                     "M,2024-06-01,9999.8,4,1,actual\n"
                     "M,2024-07-01,0000.3,4,1,actual\n");
  REQUIRE(tenths.usage);
  CHECK(tenths.usage->intervals[0].consumption == dec("0.5"));
}

TEST_CASE("reads: a read going backwards without rollover evidence is an error naming both reads") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,45100,5,1,actual\n"
                "4471,2024-07-01,45210,5,1,actual\n"
                "4471,2024-08-01,45100,5,1,actual\n");
  const auto& d = only_error(r, "U0124");
  CHECK(d.message == "meter 4471 goes backwards from 45210 on 2024-07-01 (line 3) to 45100 on 2024-08-01 (line 4)");
  CHECK(d.hint ==
        "as a rollover of the 5-dial register it would be 99890, not under half the register (50000), so it is not "
        "taken as one; if the meter was exchanged, give the new meter its own id and mark the exchange (event final "
        "on the old meter's last read, initial on the new meter's first); otherwise check both reads for a misread");
  CHECK(line_of(d) == 4);
  CHECK(column_of(d) == 17);
  CHECK(spanned(d) == "45100");
  CHECK(rateline::render(d).starts_with("reads.csv:4:17: error[U0124]: meter 4471 goes backwards"));
}

TEST_CASE("reads: a meter exchange continues the chain from the old meter's final read to the new one's initial") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,event\n"
                "A100,2024-06-01,44800,5,1,actual,\n"
                "A100,2024-07-01,45000,5,1,actual,\n"
                "A100,2024-07-15,45210,5,1,actual,final\n"
                "B200,2024-07-15,0,5,1,actual,initial\n"
                "B200,2024-08-01,312,5,1,actual,\n");
  INFO(rendered(r));
  REQUIRE(r.usage);
  CHECK(r.diagnostics.empty());
  const auto& in = r.usage->intervals;
  REQUIRE(in.size() == 3);
  CHECK(in[0].from == ymd(2024, 6, 1));
  CHECK(in[0].consumption == Decimal(200));
  CHECK(in[1].meter == "A100");
  CHECK(in[1].from == ymd(2024, 7, 1));
  CHECK(in[1].to == ymd(2024, 7, 15));
  CHECK(in[1].consumption == Decimal(210));
  CHECK(in[1].note == "meter A100 removed 2024-07-15 (final read 45210)");
  CHECK(in[2].meter == "B200");
  CHECK(in[2].from == ymd(2024, 7, 15));
  CHECK(in[2].to == ymd(2024, 8, 1));
  CHECK(in[2].consumption == Decimal(312));
  CHECK(in[2].note == "meter B200 installed 2024-07-15 (initial read 0), replacing meter A100 (final read 45210)");
  for (std::size_t i = 1; i < in.size(); ++i) CHECK(in[i - 1].to == in[i].from);

  REQUIRE(r.usage->reads.size() == 5);
  CHECK(r.usage->reads[2].event == MeterRead::Event::final);
  CHECK(r.usage->reads[3].event == MeterRead::Event::initial);
  CHECK(r.usage->reads[3].meter == "B200");

  // A bill across the exchange sums both meters.
  auto july = rateline::consumption_between(*r.usage, ymd(2024, 7, 1), ymd(2024, 8, 1));
  REQUIRE(july);
  CHECK(july->consumption == Decimal(522));
  CHECK(july->intervals == 2);
  CHECK_FALSE(july->estimated);
}

TEST_CASE("reads: the new meter's rows may come first in the file") {
  auto r = read("event,meter,read_date,reading,dials,multiplier,type\n"
                ",B200,2024-08-01,312,5,1,actual\n"
                "initial,B200,2024-07-15,0,5,1,actual\n"
                "final,A100,2024-07-15,45210,5,1,actual\n"
                ",A100,2024-07-01,45000,5,1,actual\n");
  INFO(rendered(r));
  REQUIRE(r.usage);
  REQUIRE(r.usage->intervals.size() == 2);
  CHECK(r.usage->intervals[0].meter == "A100");
  CHECK(r.usage->intervals[1].meter == "B200");
  CHECK(r.usage->intervals[1].consumption == Decimal(312));
}

TEST_CASE("reads: an interval is estimated when either end read is") {
  auto r = read(std::string(kHeader) +
                "4471,2024-05-01,100,5,1,actual\n"
                "4471,2024-06-01,200,5,1,ESTIMATED\n"
                "4471,2024-07-01,300,5,1,actual\n"
                "4471,2024-08-01,400,5,1,actual\n");
  INFO(rendered(r));
  REQUIRE(r.usage);
  const auto& in = r.usage->intervals;
  REQUIRE(in.size() == 3);
  CHECK(in[0].estimated);
  CHECK(in[0].note == "estimated: the read of 2024-06-01 is estimated");
  CHECK(in[1].estimated);
  CHECK(in[1].note == "estimated: the read of 2024-06-01 is estimated");
  CHECK_FALSE(in[2].estimated);
  CHECK(r.usage->reads[1].estimated);

  auto summer = rateline::consumption_between(*r.usage, ymd(2024, 5, 1), ymd(2024, 7, 1));
  REQUIRE(summer);
  CHECK(summer->estimated);
  CHECK(summer->consumption == Decimal(200));
  auto august = rateline::consumption_between(*r.usage, ymd(2024, 7, 1), ymd(2024, 8, 1));
  REQUIRE(august);
  CHECK_FALSE(august->estimated);
}

TEST_CASE("reads: the multiplier is applied exactly (40 x 12.5 = 500)") {
  auto r = read(std::string(kHeader) +
                "CT-7,2024-06-01,1000.0,5,40,actual\n"
                "CT-7,2024-07-01,1012.5,5,40,actual\n"
                "CT-7,2024-08-01,1012.6,5,40,actual\n");
  INFO(rendered(r));
  REQUIRE(r.usage);
  CHECK(r.usage->intervals[0].consumption == Decimal(500));
  CHECK(r.usage->intervals[0].consumption.to_string() == "500.0");
  CHECK(r.usage->intervals[1].consumption == Decimal(4));

  // A fractional constant, and 0.1 steps that no binary fraction holds exactly.
  auto f = read(std::string(kHeader) +
                "G1,2024-06-01,0.1,4,1.037,actual\n"
                "G1,2024-07-01,0.3,4,1.037,actual\n",
                Unit::CCF);
  REQUIRE(f.usage);
  CHECK(f.usage->unit == Unit::CCF);
  CHECK(f.usage->intervals[0].consumption == dec("0.2074"));
  CHECK(f.usage->reads[0].multiplier.to_string() == "1.037");
}

TEST_CASE("reads: consumption_between needs read dates at both ends") {
  auto r = read(std::string(kHeader) +
                "4471,2024-05-01,100,5,1,actual\n"
                "4471,2024-06-01,250,5,1,actual\n"
                "4471,2024-07-01,300,5,1,actual\n");
  REQUIRE(r.usage);
  const auto& u = *r.usage;
  auto all_of_it = rateline::consumption_between(u, ymd(2024, 5, 1), ymd(2024, 7, 1));
  REQUIRE(all_of_it);
  CHECK(all_of_it->consumption == Decimal(200));
  CHECK(all_of_it->intervals == 2);
  CHECK(all_of_it->from == ymd(2024, 5, 1));
  CHECK(all_of_it->to == ymd(2024, 7, 1));
  auto june = rateline::consumption_between(u, ymd(2024, 6, 1), ymd(2024, 7, 1));
  REQUIRE(june);
  CHECK(june->consumption == Decimal(50));
  CHECK_FALSE(rateline::consumption_between(u, ymd(2024, 5, 2), ymd(2024, 7, 1)));  // no read on May 2
  CHECK_FALSE(rateline::consumption_between(u, ymd(2024, 5, 1), ymd(2024, 6, 15)));  // ends inside an interval
  CHECK_FALSE(rateline::consumption_between(u, ymd(2024, 5, 1), ymd(2024, 8, 1)));   // past the last read
  CHECK_FALSE(rateline::consumption_between(u, ymd(2024, 6, 1), ymd(2024, 6, 1)));   // empty
  CHECK_FALSE(rateline::consumption_between(u, ymd(2024, 7, 1), ymd(2024, 6, 1)));   // reversed
}

TEST_CASE("reads: a file from tests/data/reads") {
  auto r = rateline::read_register_reads_file(RATELINE_SOURCE_DIR "/tests/data/reads/exchange.csv", Unit::kWh);
  INFO(rendered(r));
  REQUIRE(r.usage);
  CHECK(r.diagnostics.empty());
  CHECK(r.usage->source == RATELINE_SOURCE_DIR "/tests/data/reads/exchange.csv");
  auto year = rateline::consumption_between(*r.usage, ymd(2024, 1, 2), ymd(2025, 1, 2));
  REQUIRE(year);
  CHECK(year->estimated);
  CHECK(year->intervals == 13);
  CHECK(year->consumption == Decimal(9843 * 40));
  CHECK_THROWS_AS(rateline::read_register_reads_file(RATELINE_SOURCE_DIR "/tests/data/reads/no-such-file.csv", Unit::kWh),
                  std::runtime_error);
}

// ---- the input as a whole (U0100..U0107) ----

TEST_CASE("reads: U0100 an empty file, or a header without reads") {
  auto empty = read("# nothing\n\n");
  const auto& d = only_error(empty, "U0100");
  CHECK(d.message == "the file has no data");
  CHECK_FALSE(d.span.file);
  auto header_only = read(kHeader);
  const auto& h = only_error(header_only, "U0100");
  CHECK(h.message == "no reads after the header");
}

TEST_CASE("reads: U0101 missing columns, or no header at all") {
  auto r = read("meter,read_date,reading,multiplier\n4471,2024-06-01,100,1\n");
  const auto& d = only_error(r, "U0101");
  CHECK(d.message == "the header has no dials, type columns");
  CHECK(line_of(d) == 1);
  auto one_missing = read("meter,read_date,reading,dials,multiplier\n");
  CHECK(only_error(one_missing, "U0101").message == "the header has no type column");
  auto data = read("4471,2024-06-01,100,5,1,actual\n");
  CHECK(only_error(data, "U0101").message == "the file has no register-read header line");
}

TEST_CASE("reads: U0102 a column named twice") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,Reading\n");
  const auto& d = only_error(r, "U0102");
  CHECK(d.message == "the header names the column \"Reading\" twice");
  CHECK(spanned(d) == "Reading");
}

TEST_CASE("reads: U0103 a column that is not read is a warning") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,route\n"
                "4471,2024-06-01,100,5,1,actual,R12\n"
                "4471,2024-07-01,150,5,1,actual,R12\n");
  REQUIRE(r.usage);
  const auto& d = one(r, "U0103");
  CHECK(d.severity == rateline::Severity::warning);
  CHECK(d.message == "column \"route\" is not read");
  CHECK(spanned(d) == "route");
}

TEST_CASE("reads: U0105 a row with the wrong number of fields, U0106 an unclosed quote") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,100,5,1\n"
                "\"4471,2024-07-01,150,5,1,actual\n");
  INFO(rendered(r));
  CHECK_FALSE(r.usage);
  const auto& fields = one(r, "U0105");
  CHECK(fields.message == "this row has 5 fields but the header names 6 columns");
  CHECK(line_of(fields) == 2);
  const auto& quote = one(r, "U0106");
  CHECK(line_of(quote) == 3);
  CHECK(r.diagnostics.size() == 2);  // no follow-on errors between meters
}

TEST_CASE("reads: U0107 a unit that registers do not count") {
  auto r = read(std::string(kHeader) + "4471,2024-06-01,100,5,1,actual\n", Unit::kW);
  const auto& d = only_error(r, "U0107");
  CHECK(d.message == "register reads count a cumulative quantity; kW is not one");
}

// ---- fields (U0110..U0118) ----

TEST_CASE("reads: U0110 an empty meter id") {
  auto r = read(std::string(kHeader) + " ,2024-06-01,100,5,1,actual\n");
  const auto& d = only_error(r, "U0110");
  CHECK(d.message == "the meter id is empty");
  CHECK(line_of(d) == 2);
}

TEST_CASE("reads: U0111 a read date that is not a date") {
  auto r = read(std::string(kHeader) +
                "4471,2024-02-30,100,5,1,actual\n"
                "4471,2024-13-01,100,5,1,actual\n"
                "4471,07/01/2024,100,5,1,actual\n"
                "4471,2024-06-01T00:00,100,5,1,actual\n"
                "4471,,100,5,1,actual\n");
  CHECK_FALSE(r.usage);
  const auto found = all(r, "U0111");
  REQUIRE(found.size() == 5);
  CHECK(found[0]->message == "read_date \"2024-02-30\" is not a date: that day does not exist in that month");
  CHECK(spanned(*found[0]) == "2024-02-30");
  CHECK(column_of(*found[0]) == 6);
  CHECK(found[1]->message == "read_date \"2024-13-01\" is not a date: the month is not 01..12");
  CHECK(found[2]->message == "read_date \"07/01/2024\" is not a date: expected YYYY-MM-DD");
  CHECK(found[3]->message == "read_date \"2024-06-01T00:00\" is not a date: expected YYYY-MM-DD");
  CHECK(found[4]->message == "read_date is empty");
  CHECK(r.diagnostics.size() == 5);
}

TEST_CASE("reads: U0112 a reading that is not a number, U0113 a negative one") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,45 210,5,1,actual\n"
                "4471,2024-06-02,,5,1,actual\n"
                "4471,2024-06-03,1e,5,1,actual\n"
                "4471,2024-06-04,-12,5,1,actual\n"
                "4471,2024-06-05,-0,5,1,actual\n"
                "4471,2024-06-06,0.0000000000000000001,5,1,actual\n");
  INFO(rendered(r));
  CHECK_FALSE(r.usage);
  const auto bad = all(r, "U0112");
  REQUIRE(bad.size() == 4);
  CHECK(bad[0]->message == "reading \"45 210\" is not a number");
  CHECK(spanned(*bad[0]) == "45 210");
  CHECK(bad[1]->message == "reading is empty");
  CHECK(bad[2]->message == "reading \"1e\" is not a number");
  CHECK(bad[3]->message == "reading \"0.0000000000000000001\" has more than 18 decimal places");
  const auto& negative = one(r, "U0113");
  CHECK(negative.message == "reading \"-12\" is negative");
  CHECK(line_of(negative) == 5);
  CHECK(r.diagnostics.size() == 5);  // "-0" is zero; a meter with bad rows gets no single-read warning
}

TEST_CASE("reads: U0114 a reading with more digits than the dials allow") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,100000,5,1,actual\n"
                "4471,2024-07-01,99999.9,5,1,actual\n"
                "4471,2024-08-01,99999999999999999999,5,1,actual\n");
  INFO(rendered(r));
  CHECK_FALSE(r.usage);
  const auto found = all(r, "U0114");
  REQUIRE(found.size() == 2);
  CHECK(found[0]->message == "reading \"100000\" has more digits than a 5-dial register shows (at most 99999)");
  CHECK(found[1]->message ==
        "reading \"99999999999999999999\" has more digits than any register shows (at most 18 dials)");
  CHECK(r.diagnostics.size() == 2);  // 99999.9 fits five dials and a tenths wheel
}

TEST_CASE("reads: U0115 dials that are not 1..18") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,100,0,1,actual\n"
                "4471,2024-07-01,100,19,1,actual\n"
                "4471,2024-08-01,100,5.0,1,actual\n"
                "4471,2024-09-01,100,,1,actual\n");
  const auto found = all(r, "U0115");
  REQUIRE(found.size() == 4);
  CHECK(found[0]->message == "dials \"0\" is not a whole number of dials from 1 to 18");
  CHECK(found[1]->message == "dials \"19\" is not a whole number of dials from 1 to 18");
  CHECK(found[2]->message == "dials \"5.0\" is not a whole number of dials from 1 to 18");
  CHECK(found[3]->message == "dials is empty");
  CHECK(r.diagnostics.size() == 4);
}

TEST_CASE("reads: U0116 a multiplier that is not a positive number") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,100,5,0,actual\n"
                "4471,2024-07-01,100,5,-40,actual\n"
                "4471,2024-08-01,100,5,x40,actual\n"
                "4471,2024-09-01,100,5,,actual\n");
  const auto found = all(r, "U0116");
  REQUIRE(found.size() == 4);
  CHECK(found[0]->message == "multiplier \"0\" is not a positive number");
  CHECK(found[1]->message == "multiplier \"-40\" is not a positive number");
  CHECK(found[2]->message == "multiplier \"x40\" is not a positive number");
  CHECK(found[3]->message == "multiplier is empty");
  CHECK(r.diagnostics.size() == 4);
}

TEST_CASE("reads: U0117 an unknown type, U0118 an unknown event") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,event\n"
                "4471,2024-06-01,100,5,1,customer,\n"
                "4471,2024-07-01,150,5,1,actual,removed\n"
                "4471,2024-08-01,150,5,1,,\n");
  INFO(rendered(r));
  CHECK_FALSE(r.usage);
  const auto types = all(r, "U0117");
  REQUIRE(types.size() == 2);
  CHECK(types[0]->message == "type \"customer\" is not actual or estimated");
  CHECK(types[1]->message == "type is empty");
  const auto& event = one(r, "U0118");
  CHECK(event.message == "event \"removed\" is not final or initial");
  CHECK(spanned(event) == "removed");
  CHECK(r.diagnostics.size() == 3);
}

// ---- one meter's reads (U0120..U0125) ----

TEST_CASE("reads: U0120 two reads of one meter on one date") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,100,5,1,actual\n"
                "4471,2024-07-01,150,5,1,actual\n"
                "4471,2024-07-01,151,5,1,estimated\n");
  const auto& d = only_error(r, "U0120");
  CHECK(d.message == "meter 4471 has two reads dated 2024-07-01: 150 on line 3 and 151 on line 4");
  CHECK(line_of(d) == 4);
  // The same date on two meters is no duplicate (it is an exchange, or two services).
}

TEST_CASE("reads: U0121 a meter whose dials or multiplier change") {
  auto r = read(std::string(kHeader) +
                "4471,2024-06-01,100,5,1,actual\n"
                "4471,2024-07-01,150,6,1,actual\n"
                "4471,2024-08-01,190,5,40,actual\n");
  INFO(rendered(r));
  CHECK_FALSE(r.usage);
  const auto found = all(r, "U0121");
  REQUIRE(found.size() == 2);
  CHECK(found[0]->message == "meter 4471 has 6 dials on line 3 but 5 on line 2");
  CHECK(spanned(*found[0]) == "6");
  CHECK(found[1]->message == "meter 4471 has the multiplier 40 on line 4 but 1 on line 2");
  CHECK(spanned(*found[1]) == "40");
  CHECK(r.diagnostics.size() == 2);
}

TEST_CASE("reads: U0122 initial not on the first read, U0123 final not on the last") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,event\n"
                "4471,2024-06-01,100,5,1,actual,final\n"
                "4471,2024-07-01,150,5,1,actual,initial\n"
                "4471,2024-08-01,190,5,1,actual,\n");
  INFO(rendered(r));
  CHECK_FALSE(r.usage);
  const auto& initial = one(r, "U0122");
  CHECK(initial.message ==
        "read of meter 4471 on 2024-07-01 is marked initial but is not the meter's first read (line 2 is dated "
        "2024-06-01)");
  CHECK(spanned(initial) == "initial");
  const auto& final_read = one(r, "U0123");
  CHECK(final_read.message ==
        "read of meter 4471 on 2024-06-01 is marked final but is not the meter's last read (line 4 is dated "
        "2024-08-01)");
  CHECK(r.diagnostics.size() == 2);
}

TEST_CASE("reads: U0125 a meter with a single read measures nothing (a warning)") {
  auto r = read(std::string(kHeader) + "4471,2024-06-01,100,5,1,actual\n");
  INFO(rendered(r));
  REQUIRE(r.usage);
  CHECK(r.usage->intervals.empty());
  CHECK(r.usage->reads.size() == 1);
  const auto& d = one(r, "U0125");
  CHECK(d.severity == rateline::Severity::warning);
  CHECK(d.message == "meter 4471 has a single read (2024-06-01): no consumption is measured by it");

  // The new meter of an exchange at the end of the file: its initial read alone.
  auto fresh = read("meter,read_date,reading,dials,multiplier,type,event\n"
                    "A,2024-06-01,100,5,1,actual,\n"
                    "A,2024-07-01,150,5,1,actual,final\n"
                    "B,2024-07-01,0,5,1,actual,initial\n");
  INFO(rendered(fresh));
  REQUIRE(fresh.usage);
  CHECK(fresh.usage->intervals.size() == 1);
  CHECK(one(fresh, "U0125").message == "meter B has a single read (2024-07-01): no consumption is measured by it");
}

// ---- between meters (U0130..U0132) ----

TEST_CASE("reads: U0130 two meters meet on one date without the exchange marked") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,event\n"
                "A,2024-06-01,100,5,1,actual,\n"
                "A,2024-07-01,150,5,1,actual,\n"
                "B,2024-07-01,0,5,1,actual,initial\n"
                "B,2024-08-01,90,5,1,actual,\n");
  const auto& d = only_error(r, "U0130");
  CHECK(d.message == "meter A's reads end and meter B's begin on 2024-07-01, but the exchange is not marked");
  CHECK(d.hint ==
        "write event final on line 3, so that the change of meter is deliberate, not two meters' reads mixed up");
  CHECK(line_of(d) == 3);

  auto neither = read(std::string(kHeader) +
                      "A,2024-06-01,100,5,1,actual\n"
                      "A,2024-07-01,150,5,1,actual\n"
                      "B,2024-07-01,0,5,1,actual\n"
                      "B,2024-08-01,90,5,1,actual\n");
  const auto& both = only_error(neither, "U0130");
  CHECK(contains(both.hint, "write event final on line 3 and event initial on line 4"));
  CHECK(line_of(both) == 4);
}

TEST_CASE("reads: U0131 a gap between the old meter's final read and the new one's initial read") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,event\n"
                "A,2024-06-01,100,5,1,actual,\n"
                "A,2024-07-01,150,5,1,actual,final\n"
                "B,2024-07-03,0,5,1,actual,initial\n"
                "B,2024-08-01,90,5,1,actual,\n");
  const auto& d = only_error(r, "U0131");
  CHECK(d.message ==
        "no meter was read from 2024-07-01 to 2024-07-03: meter A's reads end on 2024-07-01 (line 3) and meter B's "
        "begin on 2024-07-03 (line 4)");
  CHECK(line_of(d) == 4);
}

TEST_CASE("reads: U0132 two meters' reads overlap") {
  auto r = read("meter,read_date,reading,dials,multiplier,type,event\n"
                "A,2024-06-01,100,5,1,actual,\n"
                "A,2024-08-01,150,5,1,actual,final\n"
                "B,2024-07-01,0,5,1,actual,initial\n"
                "B,2024-09-01,90,5,1,actual,\n");
  const auto& d = only_error(r, "U0132");
  CHECK(d.message ==
        "meter B's reads begin on 2024-07-01 (line 4), before meter A's reads end on 2024-08-01 (line 3)");
  CHECK(line_of(d) == 4);
}

TEST_CASE("reads: U0149 counts the errors beyond the first 50") {
  std::string text(kHeader);
  for (int i = 0; i < 60; ++i) text += "4471,2024-06-01,abc,5,1,actual\n";
  auto r = read(text);
  CHECK_FALSE(r.usage);
  CHECK(all(r, "U0112").size() == 50);
  const auto& more = one(r, "U0149");
  CHECK(more.severity == rateline::Severity::note);
  CHECK(more.message == "and 10 more errors not shown");
  CHECK(all(r, "U0099").empty());
}
