// The financial partner plan's rules: a profile's regions and ticket range, a deal's steps
// from recommendation to investment, and the fit that orders the suggestions.
#include <gtest/gtest.h>

#include "domain/partner.hpp"

namespace kczg {
namespace {

using namespace std::chrono;

TEST(Partner, AProfileNamesProvincesAndAnUprightTicketRange) {
  PartnerProfile p{7,
                   "某创投",
                   PartnerKind::venture_fund,
                   {"biomedicine"},
                   {Maturity::pilot},
                   {"33", "44"},
                   1'000'000,
                   5'000'000};
  EXPECT_TRUE(check_partner_profile(p).empty());
  p.regions = {"33", "3"};
  p.ticket_min = 9'000'000;
  auto problems = check_partner_profile(p);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].code, ErrorCode::field_invalid);
  EXPECT_EQ(problems[0].param("detail"), "3");
  EXPECT_EQ(problems[1].code, ErrorCode::demand_budget_invalid);
  EXPECT_EQ(partner_kind_from_name("guarantee"), PartnerKind::guarantee);
}

TEST(Partner, ADealGoesFromRecommendationToInvestmentOrIsDeclinedWithAReason) {
  Instant t0 = from_micros(1'764'900'000'000'000);
  Deal d;
  d.recommended_at = t0;
  EXPECT_EQ(apply_deal_action(d, DealAction::meeting, t0).error().code,
            ErrorCode::transition_from_state);
  EXPECT_EQ(apply_deal_action(d, DealAction::decline, t0, " ").error().code,
            ErrorCode::transition_reason_missing);
  auto interested = apply_deal_action(d, DealAction::interest, t0 + days(2));
  ASSERT_TRUE(interested);
  EXPECT_EQ(interested->answered_at, t0 + days(2));
  auto met = apply_deal_action(*interested, DealAction::meeting, t0 + days(10));
  ASSERT_TRUE(met);
  EXPECT_EQ(met->answered_at, t0 + days(2));  // the first answer stays
  EXPECT_EQ(apply_deal_action(*met, DealAction::invest, t0 + days(30), "", 0).error().code,
            ErrorCode::field_invalid);
  auto invested = apply_deal_action(*met, DealAction::invest, t0 + days(30), "", 3'000'000);
  ASSERT_TRUE(invested);
  EXPECT_EQ(invested->state, DealState::invested);
  EXPECT_EQ(invested->amount, 3'000'000);
  EXPECT_EQ(apply_deal_action(*invested, DealAction::decline, t0, "晚了").error().code,
            ErrorCode::transition_from_state);
  auto declined = apply_deal_action(*met, DealAction::decline, t0 + days(12), "估值过高");
  ASSERT_TRUE(declined);
  EXPECT_EQ(declined->reason, "估值过高");
  EXPECT_EQ(deal_state_name(DealState::term_sheet), "term_sheet");
}

}  // namespace
}  // namespace kczg
