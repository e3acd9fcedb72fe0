#include "domain/instant.hpp"

#include <gtest/gtest.h>

namespace kczg {
namespace {

using std::chrono::year;

TEST(Instant, ShanghaiMidnightIsSixteenHundredUtcTheDayBefore) {
  Instant deadline = shanghai_midnight(year{2022} / 11 / 1);
  EXPECT_EQ(to_micros(deadline), 1667232000LL * 1000000);  // 2022-10-31T16:00:00Z
  EXPECT_EQ(format_shanghai(deadline), "2022-11-01T00:00:00+08:00");
}

TEST(Instant, ParsesDatesAndOffsets) {
  EXPECT_EQ(parse_instant("2022-11-01").value(), shanghai_midnight(year{2022} / 11 / 1));
  EXPECT_EQ(parse_instant("2022-10-31T16:00:00Z").value(), shanghai_midnight(year{2022} / 11 / 1));
  EXPECT_EQ(format_shanghai(parse_instant("2022-10-31T23:59:59+08:00").value()),
            "2022-10-31T23:59:59+08:00");
  EXPECT_EQ(parse_instant("2022-13-01").error().code, ErrorCode::value_out_of_range);
  EXPECT_FALSE(parse_instant("tomorrow"));
}

TEST(Instant, ShanghaiDateOfLateEvening) {
  Instant late = parse_instant("2022-10-31T23:50:00+08:00").value();
  EXPECT_EQ(shanghai_date(late), year{2022} / 10 / 31);
  Instant utc_next_day_early = parse_instant("2022-10-31T16:00:00Z").value();
  EXPECT_EQ(shanghai_date(utc_next_day_early), year{2022} / 11 / 1);
}

TEST(Instant, MicrosRoundTrip) {
  Instant t = parse_instant("2023-11-30T23:59:59+08:00").value() + std::chrono::microseconds(7);
  EXPECT_EQ(from_micros(to_micros(t)), t);
}

}  // namespace
}  // namespace kczg
