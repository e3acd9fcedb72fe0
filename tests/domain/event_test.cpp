// Events' rules: what an event needs, who organises where, and answering an invitation.
#include <gtest/gtest.h>

#include "domain/event.hpp"

namespace kczg {
namespace {

using namespace std::chrono;

TEST(Event, AnEventNeedsATitleARegionAPlaceAndAFutureStart) {
  Instant now = from_micros(1'764'900'000'000'000);
  Event e{0, 1, EventKind::roadshow, "先进材料专场路演", "", "330302", "温州科技馆", now + days(7)};
  EXPECT_TRUE(validate_event(e, now).empty());
  e.title = "路演";
  e.region = "3303";
  e.place = " ";
  e.starts_at = now - hours(1);
  auto problems = validate_event(e, now);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].code, ErrorCode::demand_title_length);
  EXPECT_EQ(problems[1].code, ErrorCode::demand_region_invalid);
  EXPECT_EQ(problems[2].param("field"), "place");
  EXPECT_EQ(problems[3].code, ErrorCode::event_in_past);
}

TEST(Event, APilotCityOrganisesInItsProvinceAndTheSecretariatAnywhere) {
  Account wenzhou;
  wenzhou.role = Role::pilot_city;
  wenzhou.region = "330300";
  EXPECT_TRUE(may_organise(wenzhou, "330782"));
  EXPECT_FALSE(may_organise(wenzhou, "440300"));
  Account secretariat;
  secretariat.role = Role::secretariat;
  EXPECT_TRUE(may_organise(secretariat, "440300"));
  Account partner;
  partner.role = Role::partner;
  EXPECT_FALSE(may_organise(partner, "330300"));
}

TEST(Event, AnInvitationIsAnsweredOnceBeforeTheEventStarts) {
  Instant now = from_micros(1'764'900'000'000'000);
  Event e{1, 1, EventKind::matchmaking, "投融资对接会", "", "330302", "线上", now + days(2)};
  Invitation i{5, 1, 9, 0, InvitationState::invited, now, std::nullopt};
  auto registered = answer_invitation(i, true, e, now + hours(1));
  ASSERT_TRUE(registered);
  EXPECT_EQ(registered->state, InvitationState::registered);
  EXPECT_EQ(registered->answered_at, now + hours(1));
  EXPECT_EQ(answer_invitation(*registered, false, e, now + hours(2)).error().code,
            ErrorCode::transition_from_state);
  EXPECT_EQ(answer_invitation(i, true, e, now + days(3)).error().code, ErrorCode::event_started);
}

}  // namespace
}  // namespace kczg
