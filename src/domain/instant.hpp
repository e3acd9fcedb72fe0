// Instants and the campaign's civil time zone.
//
// Every deadline in a call is Asia/Shanghai civil time; the server decides with these
// functions, never the browser. The conversions use the date/tz library (the system
// tz database), so no calendar arithmetic is written here by hand.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace kczg {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

// Midnight at the start of the civil day y-m-d in Asia/Shanghai.
// A deadline "10月31日24时" is shanghai_midnight(2022y/November/1).
Instant shanghai_midnight(std::chrono::year_month_day day);

// The civil date in Asia/Shanghai on which `at` falls.
std::chrono::year_month_day shanghai_date(Instant at);

// ISO-8601 with the +08:00 offset, seconds precision: "2022-11-01T00:00:00+08:00".
std::string format_shanghai(Instant at);

// "2022-11-01": a civil date as forms, files and JSON write it.
std::string format_date(std::chrono::year_month_day day);

// Parses "YYYY-MM-DD" (a Shanghai civil date, meaning its midnight) or a full
// ISO-8601 instant with an explicit offset or Z. Error value_out_of_range {name, value}.
Result<Instant> parse_instant(std::string_view text);

// Microseconds since the Unix epoch: the store's representation of an instant.
inline long long to_micros(Instant at) { return at.time_since_epoch().count(); }
inline Instant from_micros(long long us) { return Instant(std::chrono::microseconds(us)); }

}  // namespace kczg
