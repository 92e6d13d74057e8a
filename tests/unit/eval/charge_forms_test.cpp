// eval/charge_forms.hpp: every form of the graph has a row in the table, and the row bills that form.
#include "eval/charge_forms.hpp"
#include "eval/money_text.hpp"

#include <doctest/doctest.h>

using namespace rateline;

TEST_CASE("charge_form: each graph::Form has its own function") {
  CHECK((eval::charge_form(graph::Form::priced) == &eval::bill_priced));
  CHECK((eval::charge_form(graph::Form::percentage) == &eval::bill_percentage));
  CHECK((eval::charge_form(graph::Form::minimum) == &eval::bill_minimum));
  CHECK((eval::charge_form(graph::Form::late_fee) == &eval::bill_late_fee));
  CHECK_THROWS_AS(eval::charge_form(static_cast<graph::Form>(200)), std::logic_error);
}

TEST_CASE("currency_symbol and currency_unit: how amounts and money units are written per currency") {
  CHECK(eval::currency_symbol("USD") == "$");
  CHECK(eval::currency_symbol("CAD") == "$");
  CHECK(eval::currency_symbol("EUR") == "€");
  CHECK(eval::currency_symbol("CHF") == "CHF ");
  CHECK(eval::currency_unit("USD") == "$");
  CHECK(eval::currency_unit("CAD") == "CAD");
}
