// rateline/account.hpp — what the biller knows about a customer beyond the meter.
//
// Tariffs branch on account attributes (meter size, low-income enrollment, tax
// exemption...). Attributes are plain strings named as the tariff names them.
//
//   rateline::Account account;
//   account.attributes["meter_size"] = "5/8in";
#pragma once

#include <map>
#include <string>

namespace rateline {

struct Account {
  std::string id;
  std::map<std::string, std::string> attributes;
};

}  // namespace rateline
