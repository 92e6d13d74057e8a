// rateline/rateline.hpp — the whole C++ API in one include (the umbrella header).
//
//   #include <rateline/rateline.hpp>
//   auto compiled = rateline::compile_tariff_file("tariffs/duke-nc-rs.tariff");
//
// The C API is the separate header rateline/rateline.h (docs/c-api.md).
#pragma once

#include "rateline/account.hpp"
#include "rateline/bill.hpp"
#include "rateline/calendar.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/quantity.hpp"
#include "rateline/rate_graph.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/report.hpp"
#include "rateline/tariff.hpp"
#include "rateline/text.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/unit.hpp"
#include "rateline/urdb.hpp"
#include "rateline/usage.hpp"
