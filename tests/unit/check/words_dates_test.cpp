// The checker's general helpers: "did you mean" hints (src/check/words.hpp) and the dates,
// months and day words tariffs write (src/check/dates.hpp).
#include <doctest/doctest.h>

#include "check/dates.hpp"
#include "check/words.hpp"

#include <string>

using namespace rateline::check;

TEST_CASE("words: edit distance ignores case, a hint names the closest word within two edits") {
  CHECK(edit_distance("energy", "Energy") == 0);
  CHECK(edit_distance("enrgy", "energy") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(suggest("enrgy", {"demand", "energy"}) == "did you mean `energy`?");
  CHECK(suggest("dmnd", {"demand", "energy"}) == "did you mean `demand`?");
  CHECK(suggest("xyz", {"demand", "energy"}).empty());
  // two edits away at most, whatever the lengths: two letters more is a near miss, three is not
  CHECK(suggest("energyyy", {"energy"}) == "did you mean `energy`?");
  CHECK(suggest("energyyyy", {"energy"}).empty());
  CHECK(suggest("ergy", {"energy"}) == "did you mean `energy`?");
  CHECK(suggest(std::string(100'000, 'q'), {"energy", "qqqq"}).empty());
  CHECK(edit_distance("\xC3\x89nergy", "\xC3\xA9nergy") == 1);  // bytes past ASCII compare as they are
  CHECK(join({"a", "b", "c"}) == "a, b, c");
  CHECK(join({"a", "b"}, " -> ") == "a -> b");
  CHECK(lowercase("Jan") == "jan");
}

TEST_CASE("dates: real days, billing months, months and day words") {
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_FALSE(parse_date("2023-02-29").has_value());
  CHECK_FALSE(parse_date("2024-2-29").has_value());
  CHECK(is_billing_month("2024-12"));
  CHECK_FALSE(is_billing_month("2024-13"));
  CHECK_FALSE(is_billing_month("24-01"));
  CHECK(days_in_month(2) == 29);   // seasons and holidays may name Feb 29
  CHECK(month_index("Sep") == 9u);
  CHECK_FALSE(month_index("sep").has_value());
  CHECK(day_mask_of("Weekend") == std::uint8_t{0x60});
  CHECK(day_mask_of("tuesday") == std::uint8_t{0x02});
  CHECK(day_mask_of("holidays") == std::uint8_t{0x80});
  CHECK_FALSE(day_mask_of("someday").has_value());
}
