// The matching figures: what each group counts, and medians over what was reached only.
#include <gtest/gtest.h>

#include "match/docking_statistics.hpp"

namespace kczg::match {
namespace {

using namespace std::chrono;

Instant at(const char* text) { return parse_instant(text).value(); }

Demand posted(long long id, const char* when, std::string region, std::string field) {
  Demand d;
  d.id = id;
  d.region = std::move(region);
  d.field = std::move(field);
  d.posted_at = at(when);
  return d;
}

DockingFacts match(long long demand, const char* proposed, std::optional<hours> response,
                   std::optional<days> agreement, std::string list, std::string city) {
  Docking d;
  d.demand_id = demand;
  d.proposed_at = at(proposed);
  if (response) {
    d.first_response_at = d.proposed_at + *response;
    d.state = DockingState::contacted;
  }
  if (agreement) {
    d.agreed_at = d.proposed_at + *agreement;
    d.state = DockingState::agreement;
  }
  return {d, std::move(list), "green_low_carbon", std::move(city)};
}

TEST(DockingStatistics, CountsPerGroupAndMediansOverWhatWasReached) {
  std::vector<Demand> demands{posted(1, "2023-12-31T20:00:00+08:00", "330302", "green_low_carbon"),
                              posted(2, "2024-01-02T09:00:00+08:00", "330303", "biomedicine"),
                              posted(3, "2024-02-01T09:00:00+08:00", "420100", "biomedicine")};
  std::vector<DockingFacts> dockings{
      match(1, "2024-01-01T09:00:00+08:00", hours(24), days(9), "pioneer_tech", "3303"),
      match(1, "2024-01-01T09:00:00+08:00", hours(72), std::nullopt, "pioneer_tech", "3303"),
      match(2, "2024-01-03T09:00:00+08:00", std::nullopt, std::nullopt, "emerging_enterprise",
            "3303"),
      match(3, "2024-02-02T09:00:00+08:00", hours(6), days(3), "pioneer_tech", "4201")};
  dockings[1].docking.state = DockingState::closed;  // declined after three days
  dockings[1].docking.close_reason = CloseReason::price;

  auto by_year = docking_counts(demands, dockings, DockingDimension::year);
  ASSERT_EQ(by_year.size(), 3u);
  EXPECT_EQ(by_year[0].group, "2023");  // 20:00 on 31 December in Shanghai
  EXPECT_EQ(by_year[0].demands, 1);
  EXPECT_EQ(by_year[0].proposed, 0);
  EXPECT_FALSE(by_year[0].median_response_hours);
  EXPECT_EQ(by_year[1].group, "2024");
  EXPECT_EQ(by_year[1].demands, 2);
  EXPECT_EQ(by_year[1].proposed, 4);
  EXPECT_EQ(by_year[1].responded, 3);  // the decline answered too
  EXPECT_EQ(by_year[1].agreements, 2);
  EXPECT_EQ(by_year[1].closed, 1);
  EXPECT_DOUBLE_EQ(*by_year[1].median_response_hours, 24);
  EXPECT_DOUBLE_EQ(*by_year[1].median_agreement_days, 6);  // (9 + 3) / 2
  EXPECT_EQ(by_year[2], (DockingCounts{"", 3, 4, 3, 2, 1, 24.0, 6.0}));

  auto by_list = docking_counts(demands, dockings, DockingDimension::list);
  ASSERT_EQ(by_list.size(), 3u);
  EXPECT_EQ(by_list[0].group, "emerging_enterprise");
  EXPECT_EQ(by_list[0].demands, 1);
  EXPECT_EQ(by_list[0].responded, 0);
  EXPECT_EQ(by_list[1].group, "pioneer_tech");
  EXPECT_EQ(by_list[1].demands, 2);  // demands 1 and 3, matched with its items
  EXPECT_EQ(by_list[1].proposed, 3);

  auto by_city = docking_counts(demands, dockings, DockingDimension::city);
  ASSERT_EQ(by_city.size(), 3u);
  EXPECT_EQ(by_city[0], (DockingCounts{"3303", 2, 3, 2, 1, 1, 48.0, 9.0}));
  EXPECT_EQ(by_city[1].group, "4201");
  EXPECT_EQ(by_city[1].demands, 1);

  auto none = docking_counts({}, {}, DockingDimension::field);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0], (DockingCounts{"", 0, 0, 0, 0, 0, std::nullopt, std::nullopt}));
}

}  // namespace
}  // namespace kczg::match
