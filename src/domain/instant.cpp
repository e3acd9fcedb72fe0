#include "domain/instant.hpp"

#include <cstdio>

// date.h's parse() trips g++ 12's -Wmaybe-uninitialized inside <chrono> (a known false
// positive of that compiler); the rest of this file keeps the warning.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <date/date.h>
#include <date/tz.h>

#include <sstream>

namespace kczg {
namespace {

const date::time_zone* shanghai() {
  // locate_zone reads the tz database once; the pointer stays valid for the process.
  static const date::time_zone* zone = date::locate_zone("Asia/Shanghai");
  return zone;
}

date::year_month_day to_date(std::chrono::year_month_day day) {
  return date::year(int(day.year())) / date::month(unsigned(day.month())) /
         date::day(unsigned(day.day()));
}

}  // namespace

Instant shanghai_midnight(std::chrono::year_month_day day) {
  auto local = date::local_days(to_date(day));
  auto zoned = date::make_zoned(shanghai(), local, date::choose::earliest);
  return std::chrono::time_point_cast<std::chrono::microseconds>(zoned.get_sys_time());
}

std::chrono::year_month_day shanghai_date(Instant at) {
  auto local = date::make_zoned(shanghai(), at).get_local_time();
  date::year_month_day d{date::floor<date::days>(local)};
  return std::chrono::year{int(d.year())} / std::chrono::month{unsigned(d.month())} /
         std::chrono::day{unsigned(d.day())};
}

std::string format_date(std::chrono::year_month_day day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()),
                unsigned(day.day()));
  return text;
}

std::string format_shanghai(Instant at) {
  auto seconds = date::floor<std::chrono::seconds>(at);
  return date::format("%FT%T%Ez", date::make_zoned(shanghai(), seconds));
}

Result<Instant> parse_instant(std::string_view text) {
  std::string input(text);
  auto bad = [&] {
    return fail(make_error(ErrorCode::value_out_of_range, "name", "instant", "value", input));
  };
  if (input.size() == 10) {
    std::istringstream in(input);
    date::year_month_day day{};
    in >> date::parse("%F", day);
    if (in.fail() || !day.ok()) return bad();
    return shanghai_midnight(std::chrono::year{int(day.year())} / unsigned(day.month()) /
                             unsigned(day.day()));
  }
  std::istringstream in(input);
  date::sys_time<std::chrono::microseconds> at;
  if (!input.empty() && (input.back() == 'Z' || input.back() == 'z')) {
    in >> date::parse("%FT%TZ", at);
  } else {
    in >> date::parse("%FT%T%Ez", at);
  }
  if (in.fail()) return bad();
  return Instant(at.time_since_epoch());
}
#pragma GCC diagnostic pop

}  // namespace kczg
