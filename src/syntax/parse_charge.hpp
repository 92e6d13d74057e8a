// syntax/parse_charge.hpp — a `charge` declaration of the parse tree made into the AST,
// with its pricing: prices, quantities, tier tables and `by` tables. Called by
// src/syntax/parser.cpp.
#pragma once

#include "syntax/ast.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <memory>

namespace rateline::syntax {

/// A `charge_decl` node (any kind: charge, rider, tax, credit, minimum, late_fee, adjustment).
ChargeDecl read_charge(const tao::pegtl::parse_tree::node& n, const std::shared_ptr<const SourceFile>& source);

/// A `quantity` node: an amount and its unit words.
Quantity read_quantity(const tao::pegtl::parse_tree::node& n, const std::shared_ptr<const SourceFile>& source);

/// A `by_table` node: the axis and each case's pricing.
ByTable read_by_table(const tao::pegtl::parse_tree::node& n, const std::shared_ptr<const SourceFile>& source);

}  // namespace rateline::syntax
