#include "domain/quota.hpp"

#include <gtest/gtest.h>

#include "domain/presets.hpp"

namespace kczg {
namespace {

TEST(Quota, OneChannelGivesTheCallsNumber) {
  Campaign c = preset_2022();
  EXPECT_EQ(unit_quota(c, "pioneer_tech", {"national_society"}), 3);
  EXPECT_EQ(unit_quota(c, "emerging_enterprise", {"provincial_association"}), 5);
  EXPECT_EQ(unit_quota(c, "tech_manager", {"pilot_city"}), 2);
}

TEST(Quota, QuotaStacksAcrossChannels) {
  Campaign c = preset_2022();
  EXPECT_EQ(unit_quota(c, "pioneer_tech", {"pilot_city", "consortium_member"}), 6);
  EXPECT_EQ(
      unit_quota(c, "emerging_enterprise", {"national_society", "pilot_city", "consortium_member"}),
      15);
  EXPECT_EQ(unit_quota(c, "integration_org", {"central_enterprise", "other"}), 4);
}

TEST(Quota, EditedChannelQuotaIsUsed) {
  Campaign c = preset_2023();
  c.lists[1].quota_per_channel["pilot_city"] = 8;  // emerging_enterprise
  EXPECT_EQ(unit_quota(c, "emerging_enterprise", {"pilot_city", "national_society"}), 13);
}

TEST(Quota, NoChannelsNoQuota) {
  EXPECT_EQ(unit_quota(preset_2022(), "pioneer_tech", {}), 0);
  EXPECT_EQ(unit_quota(preset_2022(), "pioneer_tech", {"unheard_of"}), 0);
}

TEST(Quota, SeparatelyOrganisedListsHaveNone) {
  auto q = unit_quota(preset_2022(), "open_source", {"national_society"});
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, ErrorCode::quota_none);
  EXPECT_EQ(unit_quota(preset_2022(), "nope", {}).error().code, ErrorCode::list_unknown);
}

TEST(Quota, RoomUntilUsedReachesQuota) {
  EXPECT_TRUE(check_quota_room(preset_2023(), "u", "pioneer_tech", "biomedicine", 2, 3));
  auto full = check_quota_room(preset_2023(), "u", "pioneer_tech", "biomedicine", 3, 3);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::quota_exhausted);
  EXPECT_EQ(full.error().param("used"), "3");
  EXPECT_EQ(full.error().param("quota"), "3");
  // Messages name the list and field as people read them, not their codes.
  EXPECT_EQ(full.error().param("where_zh"), "先导技术榜·生物医药");
  EXPECT_EQ(full.error().param("where_en"), "Pioneer Technology List, Biomedicine");
}

}  // namespace
}  // namespace kczg
