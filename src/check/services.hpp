// check/services.hpp — a tariff of several services cut into one tariff per service: the
// shared part (header fields, seasons, periods, rounding) joined with each `service`
// block, so that each is checked and lowered exactly as a one-service tariff is.
#pragma once

#include "syntax/ast.hpp"

#include <memory>
#include <string>
#include <vector>

namespace rateline::check {

/// The meter kind of a block: its `service KIND` field, else its id when that is a kind
/// (electric, gas, water, sewer); "" for a service without a meter (solid waste).
std::string service_kind(const syntax::ServiceDecl& s);

struct ServicePart {
  std::string id, label;
  std::string meter;         ///< `meter NAME`, else the id
  bool needs_usage = false;  ///< a charge is on a metered quantity (not fixed, not `on days`)
  std::unique_ptr<syntax::File> file;   ///< holds the service's tariff; the whole file is checked with it as an import
};

/// Whether a body bills a metered quantity: a charge `on` anything but `days`. A tariff
/// (or service) whose charges are all fixed is billed without usage.
bool needs_usage(const syntax::TariffBody& body);

/// One part per block, in written order. Moves the blocks' charges out of `whole`.
std::vector<ServicePart> split_services(syntax::File& whole);

}  // namespace rateline::check
