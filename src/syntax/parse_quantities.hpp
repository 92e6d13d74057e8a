// syntax/parse_quantities.hpp — the parse tree of derived quantities made into the AST: a
// share (`on 90 % of usage`), an average of named months (`on average of usage in Dec, Jan`),
// usage beyond an allowance (`on usage beyond base`) and the allowance a fixed charge
// includes (`15.00 $/month includes 2 kgal`). Called by src/syntax/parser.cpp.
#pragma once

#include "syntax/ast.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <memory>

namespace rateline::syntax {

/// Fills det's share, average and beyond from the `determinant` node `d`. An average's months
/// are the names after `in`, which the parser first read as TOU periods.
void read_derived_determinant(const tao::pegtl::parse_tree::node& d, const std::shared_ptr<const SourceFile>& source,
                              Determinant& det);

/// Fills c.includes from the `charge_body` node `body`.
void read_allowance(const tao::pegtl::parse_tree::node& body, const std::shared_ptr<const SourceFile>& source, ChargeDecl& c);

/// A `metering_adjustment_decl` node made into its declaration.
MeteringAdjustmentDecl read_metering_adjustment(const tao::pegtl::parse_tree::node& item, const std::shared_ptr<const SourceFile>& source);

}  // namespace rateline::syntax
