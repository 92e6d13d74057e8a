// eval/charge_forms.cpp — the table of charge forms (eval/charge_forms.hpp).
#include "eval/charge_forms.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace rateline::eval {

namespace {

constexpr std::array<std::pair<graph::Form, ChargeForm>, 4> kForms{{
    {graph::Form::priced, &bill_priced},
    {graph::Form::percentage, &bill_percentage},
    {graph::Form::minimum, &bill_minimum},
    {graph::Form::late_fee, &bill_late_fee},
}};

}  // namespace

ChargeForm charge_form(graph::Form form) {
  for (auto& [f, bill] : kForms)
    if (f == form) return bill;
  throw std::logic_error("rateline: a charge form without a row in eval/charge_forms.cpp");
}

}  // namespace rateline::eval
