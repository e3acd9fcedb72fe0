#include "domain/demand.hpp"

#include <gtest/gtest.h>

#include "domain/docking.hpp"

namespace kczg {
namespace {

using namespace std::chrono;

constexpr year_month_day k_today{2026y / December / 5d};

Demand good_demand() {
  Demand d;
  d.poster_id = 7;
  d.title = "碳化硅衬底低缺陷生长";
  d.description = "我公司计划扩产车规级功率器件，需要低缺陷大尺寸碳化硅衬底的生长工艺支持。";
  d.region = "330302";
  d.budget_min = 500000;
  d.budget_max = 2000000;
  d.wanted_by = 2027y / June / 30d;
  d.contact = "张经理 13800000000";
  return d;
}

std::vector<ErrorCode> codes(const std::vector<Error>& errors) {
  std::vector<ErrorCode> out;
  for (const Error& e : errors) out.push_back(e.code);
  return out;
}

TEST(Demand, AGoodDemandPassesAndEveryProblemIsListedAtOnce) {
  EXPECT_TRUE(validate_demand(good_demand(), k_today).empty());
  Demand bad = good_demand();
  bad.title = "需求";
  bad.description = "太短";
  bad.region = "999999";
  bad.budget_min = 3000000;
  bad.wanted_by = 2026y / December / 4d;
  bad.contact = "  ";
  auto problems = validate_demand(bad, k_today);
  EXPECT_EQ(codes(problems),
            (std::vector<ErrorCode>{
                ErrorCode::demand_title_length, ErrorCode::demand_description_length,
                ErrorCode::demand_region_invalid, ErrorCode::demand_budget_invalid,
                ErrorCode::demand_wanted_by_past, ErrorCode::demand_contact_missing}));
  EXPECT_EQ(problems[0].param("length"), "2");
  EXPECT_EQ(problems[4].param("today"), "2026-12-05");
  bad = good_demand();
  bad.budget_min = -1;
  bad.budget_max.reset();
  EXPECT_EQ(codes(validate_demand(bad, k_today)),
            std::vector<ErrorCode>{ErrorCode::demand_budget_invalid});
}

TEST(Demand, ThePilotCityOfItsProvinceOrTheSecretariatReviewsIt) {
  Demand d = good_demand();
  DemandActor wenzhou{Role::pilot_city, 20, "330300"};
  DemandActor suzhou{Role::pilot_city, 21, "320500"};
  DemandActor poster{Role::applicant, 7, ""};
  EXPECT_EQ(apply_demand_action(d, DemandAction::approve, suzhou).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(apply_demand_action(d, DemandAction::approve, poster).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(apply_demand_action(d, DemandAction::reject, wenzhou).error().code,
            ErrorCode::transition_reason_missing);
  auto rejected = apply_demand_action(d, DemandAction::reject, wenzhou, "预算区间不明确");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->state, DemandState::rejected);
  EXPECT_EQ(rejected->reason, "预算区间不明确");
  EXPECT_EQ(apply_demand_action(*rejected, DemandAction::approve, wenzhou).error().code,
            ErrorCode::transition_from_state);
  auto reposted = apply_demand_action(*rejected, DemandAction::repost, poster);
  ASSERT_TRUE(reposted);
  auto open =
      apply_demand_action(*reposted, DemandAction::approve, DemandActor{Role::secretariat, 1, ""});
  ASSERT_TRUE(open);
  EXPECT_EQ(open->state, DemandState::open);
  EXPECT_TRUE(open->reason.empty());
  // The poster closes without a reason; the secretariat only with one.
  EXPECT_EQ(apply_demand_action(*open, DemandAction::close, DemandActor{Role::secretariat, 1, ""})
                .error()
                .code,
            ErrorCode::transition_reason_missing);
  EXPECT_EQ(apply_demand_action(*open, DemandAction::close, poster)->state, DemandState::closed);
}

TEST(Docking, FromProposedToAgreementWithItsTimes) {
  Instant t0 = from_micros(1'764'900'000'000'000);
  Docking d{0, 1, 2, DockingState::proposed, t0, {}, {}, {}, {}, "", 0.8, false, false};
  EXPECT_EQ(apply_docking_action(d, DockingAction::agree, t0).error().code,
            ErrorCode::transition_from_state);
  auto contacted = apply_docking_action(d, DockingAction::contact, t0 + days(1));
  ASSERT_TRUE(contacted);
  auto negotiating = apply_docking_action(*contacted, DockingAction::negotiate, t0 + days(3));
  auto agreed = apply_docking_action(*negotiating, DockingAction::agree, t0 + days(9));
  ASSERT_TRUE(agreed);
  EXPECT_EQ(agreed->state, DockingState::agreement);
  EXPECT_EQ(time_to_response(*agreed), duration_cast<microseconds>(days(1)));
  EXPECT_EQ(time_to_agreement(*agreed), duration_cast<microseconds>(days(9)));
  EXPECT_EQ(apply_docking_action(*agreed, DockingAction::close, t0 + days(10), CloseReason::price)
                .error()
                .code,
            ErrorCode::transition_from_state);
}

TEST(Docking, ClosingNeedsAReasonFromTheSetAndTextForOther) {
  Instant t0 = from_micros(1'764'900'000'000'000);
  Docking d{0, 1, 2, DockingState::contacted, t0, t0 + hours(20), {}, {}, {}, "", 0, true, true};
  EXPECT_EQ(apply_docking_action(d, DockingAction::close, t0 + days(2)).error().code,
            ErrorCode::docking_close_reason_missing);
  EXPECT_EQ(apply_docking_action(d, DockingAction::close, t0 + days(2), CloseReason::other, " ")
                .error()
                .code,
            ErrorCode::docking_close_text_missing);
  auto closed = apply_docking_action(d, DockingAction::close, t0 + days(2), CloseReason::too_early,
                                     "仍在实验室阶段");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->state, DockingState::closed);
  EXPECT_EQ(closed->close_reason, CloseReason::too_early);
  EXPECT_EQ(closed->first_response_at, t0 + hours(20));  // kept from the first response
  EXPECT_FALSE(time_to_agreement(*closed));
  EXPECT_EQ(close_reason_from_name("benefit_unclear"), CloseReason::benefit_unclear);
  EXPECT_EQ(docking_state_name(DockingState::negotiating), "negotiating");
}

TEST(Docking, ContactsAreShownOnlyOnceBothSidesWantToTalk) {
  Instant t0 = from_micros(1'764'900'000'000'000);
  Docking d{0, 1, 2, DockingState::proposed, t0, {}, {}, {}, {}, "", 0.8, false, false};
  auto holder = express_interest(d, DockingSide::supply, t0 + hours(5));
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->state, DockingState::proposed);
  EXPECT_FALSE(contacts_shown(*holder));
  EXPECT_FALSE(holder->first_response_at);
  auto again = express_interest(*holder, DockingSide::supply, t0 + hours(6));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *holder);
  auto both = express_interest(*holder, DockingSide::demand, t0 + hours(30));
  ASSERT_TRUE(both);
  EXPECT_EQ(both->state, DockingState::contacted);
  EXPECT_TRUE(contacts_shown(*both));
  EXPECT_EQ(time_to_response(*both), duration_cast<microseconds>(hours(30)));
  auto late = express_interest(*both, DockingSide::demand, t0 + hours(31));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::transition_from_state);
}

}  // namespace
}  // namespace kczg
