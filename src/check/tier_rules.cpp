// Tier tables: bounds cumulative and increasing in the quantity's unit (or per day / per kW
// of it), the unlimited tier last, the same period columns on every row, nested steps that
// cover their block, and a stated allocation when tiers have one price per period.
#include "check/billing_cycle_rules.hpp"
#include "check/charge_rules.hpp"
#include "check/words.hpp"

namespace rateline::check {

namespace {

void check_bound_unit(CheckContext& cx, const syntax::Quantity& q, const std::string& unit_text, const ChargeContext& ctx) {
  auto base = parse_unit(q.unit.front().text);
  bool ok = base.has_value() && *base == ctx.unit;
  if (ok && q.unit.size() > 1) {
    // kWh/day, kWh/kW, kWh/kW/day: only on energy
    std::string rest;
    for (std::size_t i = 1; i < q.unit.size(); ++i) rest += (rest.empty() ? "" : "/") + q.unit[i].text;
    ok = ctx.dimension != Dimension::power && (rest == "day" || rest == "kW" || rest == "kW/day");
    if (ctx.dimension != Dimension::power && months_of(rest) > 0) {
      check_cycle_bound(cx, q, rest);   // a limit per month, quarter or year of the billing cycle
      return;
    }
  }
  if (!ok)
    cx.error("E0312", "a tier limit in " + unit_text + " does not fit " + std::string(to_string(ctx.dimension)) + " in " +
              std::string(to_string(ctx.unit)),
             q.span, "limits are in " + std::string(to_string(ctx.unit)) + (ctx.dimension == Dimension::power ? "" : ", per day (`/day`) or per kW of demand (`/kW`)"));
}

}  // namespace

std::vector<std::string> check_tiers(CheckContext& cx, const syntax::Tiers& tiers, ChargeContext& ctx, bool nested) {
  // bounds: cumulative, in the determinant's unit (or per day / per kW of it)
  std::optional<Decimal> previous;   // upper bound of the previous tier, in comparable terms
  std::string previous_unit;
  bool unlimited_seen = false;
  std::vector<std::string> columns;
  bool first_row = true;
  for (auto& row : tiers.rows) {
    if (unlimited_seen) {
      cx.error("E0311", "this tier comes after a tier without a limit", row.span, "the tier without a limit (`above`, `rest`, `over N`) must be the last");
      break;
    }
    std::optional<Decimal> upper;
    std::string unit_text;
    if (row.quantity) {
      for (auto& u : row.quantity->unit) unit_text += (unit_text.empty() ? "" : "/") + u.text;
      check_bound_unit(cx, *row.quantity, unit_text, ctx);
      if (row.quantity->amount.is_negative()) cx.error("E0310", "a tier limit cannot be negative", row.quantity->span);
    }
    using B = syntax::TierRow::Bound;
    switch (row.bound) {
      case B::first:
        if (!first_row) cx.error("E0310", "`first` can only start a tier table", row.span, "use `next N` or `up to N` for later tiers");
        upper = row.quantity->amount;
        break;
      case B::next:
        if (first_row) cx.error("E0310", "the first tier cannot be `next`", row.span, "start with `first N` or `up to N`");
        if (!first_row && previous && previous_unit != unit_text)
          cx.error("E0310", "`next " + row.quantity->amount.to_string() + " " + unit_text + "` follows a limit in " + previous_unit +
                             ": the two cannot be added",
                   row.quantity->span, "write the limit as `up to N " + unit_text + "`, counted from zero");
        upper = (previous ? *previous : Decimal(0)) + row.quantity->amount;
        if (row.quantity->amount.sign() <= 0) cx.error("E0310", "`next` needs a positive size", row.quantity->span);
        break;
      case B::up_to:
        upper = row.quantity->amount;
        break;
      case B::over:
        unlimited_seen = true;
        if (previous && *previous != row.quantity->amount)
          cx.error("E0310", "this tier starts over " + row.quantity->amount.to_string() + " but the tier before it ends at " + previous->to_string(),
                   row.quantity->span, "tiers must follow one another without gaps or overlaps");
        if (!previous && row.quantity->amount.sign() != 0 && first_row)
          cx.error("E0310", "nothing prices usage up to " + row.quantity->amount.to_string(), row.quantity->span, "add a tier `first N` before it");
        break;
      case B::rest:
        unlimited_seen = true;
        break;
    }
    if (upper) {
      if (previous && previous_unit == unit_text && *upper <= *previous)
        cx.error("E0310", "tiers out of order: this tier ends at " + upper->to_string() + " " + unit_text +
                  ", not above the previous tier's " + previous->to_string(),
                 row.quantity->span, "list tiers from the lowest usage to the highest, with increasing limits");
      previous = upper;
      previous_unit = unit_text;
    }
    // prices: one, or one per period column, or nested steps
    std::vector<std::string> row_columns;
    if (row.nested) {
      if (nested) cx.error("E0315", "steps inside steps: a nested tier table cannot nest again", row.nested->span);
      else if (row.quantity && row.quantity->unit.size() > 1 && row.quantity->unit[1].text != "kW")
        cx.warning("W0316", "steps inside a block are usual only in hours-use (kWh/kW) blocks", row.span);
      row_columns = check_tiers(cx, *row.nested, ctx, true);
    }
    if (nested && row.quantity && row.quantity->unit.size() > 1)
      cx.error("E0312", "steps inside a block are in cumulative kWh for the billing period", row.quantity->span,
               "write the step limit in " + std::string(to_string(ctx.unit)) + ", e.g. `up to 3000 kWh`");
    for (auto& [period, price] : row.prices) {
      if (period) {
        row_columns.push_back(period->text);
        auto it = cx.out.period_index.find(period->text);
        if (it == cx.out.period_index.end()) {
          cx.error("E0304", "`" + period->text + "` is not a TOU period", period->span, period_hint(cx, period->text));
        } else {
          cx.period_used[period->text] = true;
          if (ctx.group && *ctx.group != it->second.group) cx.error("E0305", "periods from different `time_of_use` groups in one charge", period->span);
          ctx.group = it->second.group;
        }
      }
      check_price(cx, price, ctx);
    }
    if (first_row) {
      columns = row_columns;
    } else if (row_columns != columns) {
      cx.error("E0314", "this tier prices different periods than the first tier (" + (columns.empty() ? std::string("one price") : join(columns)) + ")",
               row.span, "every tier row needs the same period columns in the same order");
    }
    first_row = false;
  }
  if (!columns.empty() && !nested && ctx.dimension != Dimension::energy && ctx.dimension != Dimension::gas &&
      ctx.dimension != Dimension::water)
    cx.error("E0313", "one price per period applies to energy tiers; demand tiers are priced per period with `by period { ... }`",
             tiers.span, "write `by period { on_peak: tiers { ... }  off_peak: tiers { ... } }`");
  if (!columns.empty() && !nested && transforms_quantity(cx, ctx.charge))
    cx.error("E0335", "tiers with one price per period split interval energy as metered: they cannot be capped, converted or rounded",
             tiers.span, "write `by period { on_peak: tiers { ... } }`, or price the metered unit");
  if (!columns.empty() && !nested) {
    if (!tiers.allocation) {
      cx.error("E0313", "tiers with one price per period must say how usage is split across tiers", tiers.span,
               "write `tiers proportional { ... }` (each period gets its share of every tier, as NREL SAM does) or "
               "`tiers chronological { ... }` (tiers fill in time order)");
    }
  }
  if (tiers.allocation) {
    if (tiers.allocation->text == "proportional") cx.out.allocations[&tiers] = graph::Allocation::proportional;
    else if (tiers.allocation->text == "chronological") cx.out.allocations[&tiers] = graph::Allocation::chronological;
    else cx.error("E0313", "unknown tier allocation `" + tiers.allocation->text + "`", tiers.allocation->span, "use proportional or chronological");
  }
  if (tiers.allocation && columns.empty())
    cx.error("E0313", "`" + tiers.allocation->text + "` applies to tiers with one price per period", tiers.allocation->span,
             "remove it, or give each tier one price per period");
  if (!unlimited_seen && !tiers.rows.empty() && !nested)
    cx.warning("W0312", "usage above the last tier is not charged", tiers.rows.back().span,
               "end the table with `above: ...` if the sheet prices all usage");
  if (!unlimited_seen && !tiers.rows.empty() && nested)
    cx.error("E0316", "the steps inside a block must cover the whole block", tiers.rows.back().span,
             "end the steps with `above: ...`: the rest of the block, up to its limit");
  return columns;
}

}  // namespace rateline::check
