#include "domain/presets.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kczg {
namespace {

std::vector<std::string> list_codes(const Campaign& c) {
  std::vector<std::string> codes;
  for (const List& l : c.lists) codes.push_back(l.code);
  return codes;
}

int target(const Campaign& c, std::string_view list) { return find_list(c, list)->target_size; }

TEST(Presets, The2022CallHasSevenListsWithPublishedSizes) {
  Campaign c = preset_2022();
  EXPECT_EQ(c.year, 2022);
  EXPECT_EQ(list_codes(c), (std::vector<std::string>{
                               "pioneer_tech", "emerging_enterprise", "integration_org",
                               "entrepreneur", "tech_manager", "intl_cooperation", "open_source"}));
  EXPECT_EQ(target(c, "pioneer_tech"), 150);
  EXPECT_EQ(target(c, "emerging_enterprise"), 100);
  EXPECT_EQ(target(c, "integration_org"), 10);
  EXPECT_EQ(target(c, "entrepreneur"), 50);
  EXPECT_EQ(target(c, "tech_manager"), 20);
  EXPECT_EQ(target(c, "intl_cooperation"), 50);
  EXPECT_EQ(target(c, "open_source"), 30);
  int total = 0;
  for (const List& l : c.lists) total += l.target_size;
  EXPECT_EQ(total, 410);  // "published 410 entries on 7 lists"
}

TEST(Presets, PioneerTechHasFivePlusOneFields) {
  Campaign c = preset_2022();
  const List* pioneer = find_list(c, "pioneer_tech");
  ASSERT_NE(pioneer, nullptr);
  std::vector<std::string> fields;
  for (const Field& f : pioneer->fields) fields.push_back(f.code + ":" + f.name_zh);
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "electronic_information:电子信息", "biomedicine:生物医药",
                        "equipment_manufacturing:装备制造", "advanced_materials:先进材料",
                        "green_low_carbon:绿色低碳", "industrial_foundation:产业基础"}));
}

TEST(Presets, QuotasPerChannelAsTheCallStates) {
  Campaign c = preset_2022();
  ASSERT_EQ(c.channels.size(), 6u);
  for (const Channel& channel : c.channels) {
    EXPECT_EQ(find_list(c, "pioneer_tech")->quota_per_channel.at(channel.code), 3) << channel.code;
    EXPECT_EQ(find_list(c, "emerging_enterprise")->quota_per_channel.at(channel.code), 5);
    EXPECT_EQ(find_list(c, "integration_org")->quota_per_channel.at(channel.code), 2);
    EXPECT_EQ(find_list(c, "entrepreneur")->quota_per_channel.at(channel.code), 2);
    EXPECT_EQ(find_list(c, "tech_manager")->quota_per_channel.at(channel.code), 2);
  }
}

TEST(Presets, SeparatelyOrganisedListsHaveNoQuota) {
  Campaign c = preset_2022();
  for (std::string_view code : {"intl_cooperation", "open_source"}) {
    const List* l = find_list(c, code);
    EXPECT_TRUE(l->separately_organised);
    EXPECT_TRUE(l->quota_per_channel.empty());
  }
  EXPECT_FALSE(find_list(c, "pioneer_tech")->separately_organised);
}

TEST(Presets, The2022PhasesEndAtMidnightShanghai) {
  Campaign c = preset_2022();
  const Phase* collection = find_phase(c, PhaseKind::collection);
  EXPECT_EQ(format_shanghai(*collection->ends_at), "2022-11-01T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*collection->starts_at), "2022-09-01T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::preliminary_review)->ends_at),
            "2022-12-01T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::final_review)->ends_at),
            "2023-01-01T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::publication)->starts_at),
            "2023-01-01T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::promotion)->ends_at),
            "2023-05-01T00:00:00+08:00");
  EXPECT_FALSE(find_phase(c, PhaseKind::public_notice)->starts_at.has_value());
}

TEST(Presets, The2022ReviewBodiesAreManyToMany) {
  Campaign c = preset_2022();
  // The call's eleven entries name twelve organisations: entry 5 names two jointly.
  EXPECT_EQ(c.review_bodies.size(), 12u);
  auto bodies_covering = [&](std::string_view list, std::string_view field) {
    std::vector<std::string> names;
    for (const ReviewBody& b : c.review_bodies) {
      for (const Coverage& cov : b.covers) {
        if (cov.list == list && cov.field == field) names.push_back(b.name);
      }
    }
    return names;
  };
  EXPECT_EQ(bodies_covering("pioneer_tech", "green_low_carbon"),
            (std::vector<std::string>{"中国科协生态环境产学联合体", "中国科协清洁能源学会联合体"}));
  EXPECT_EQ(bodies_covering("pioneer_tech", "industrial_foundation"),
            (std::vector<std::string>{"中国科协智能制造学会联合体"}));
  EXPECT_EQ(bodies_covering("pioneer_tech", "equipment_manufacturing"),
            (std::vector<std::string>{"中国科协智能制造学会联合体"}));
  auto smart = std::ranges::find(c.review_bodies, "中国科协智能制造学会联合体", &ReviewBody::name);
  EXPECT_EQ(smart->covers.size(), 2u);
  EXPECT_EQ(bodies_covering("emerging_enterprise", ""),
            (std::vector<std::string>{"“科创中国”联合体秘书处"}));
  int separate = 0;
  for (const ReviewBody& b : c.review_bodies) separate += b.separately_organised;
  EXPECT_EQ(separate, 2);
  // Every list and field has at least one body.
  for (const List& l : c.lists) {
    if (l.fields.empty()) {
      EXPECT_FALSE(bodies_covering(l.code, "").empty()) << l.code;
    }
    for (const Field& f : l.fields) EXPECT_FALSE(bodies_covering(l.code, f.code).empty()) << f.code;
  }
}

TEST(Presets, The2023CallHasFourListsOf230) {
  Campaign c = preset_2023();
  EXPECT_EQ(list_codes(c), (std::vector<std::string>{"pioneer_tech", "emerging_enterprise",
                                                     "integration_org", "tech_manager"}));
  EXPECT_EQ(target(c, "pioneer_tech"), 150);
  EXPECT_EQ(target(c, "emerging_enterprise"), 50);
  EXPECT_EQ(target(c, "integration_org"), 10);
  EXPECT_EQ(target(c, "tech_manager"), 20);
  EXPECT_EQ(find_list(c, "pioneer_tech")->fields.size(), 6u);
  EXPECT_EQ(find_list(c, "emerging_enterprise")->quota_per_channel.at("pilot_city"), 5);
  // The borrowed values say where they come from.
  auto mentions = [&](std::string_view text) {
    return std::ranges::any_of(c.notes,
                               [&](const std::string& n) { return n.find(text) != n.npos; });
  };
  EXPECT_TRUE(mentions("150 / 50 / 10 / 20"));
  EXPECT_TRUE(mentions("2022 call"));
}

TEST(Presets, The2023PhasesAndEligibility) {
  Campaign c = preset_2023();
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::collection)->starts_at),
            "2023-10-07T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::collection)->ends_at),
            "2023-12-01T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::preliminary_review)->ends_at),
            "2023-12-31T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::final_review)->starts_at),
            "2024-01-01T00:00:00+08:00");
  EXPECT_EQ(format_shanghai(*find_phase(c, PhaseKind::publication)->ends_at),
            "2024-03-01T00:00:00+08:00");
  EXPECT_EQ(c.eligibility.enterprise_max_age_years, 10);
  using std::chrono::year;
  EXPECT_EQ(c.eligibility.integration_org_founded_before, year{2021} / 9 / 1);
  EXPECT_EQ(c.eligibility.consortium_founded_before, year{2022} / 9 / 1);
  EXPECT_EQ(c.eligibility.industrial_foundation_kinds.size(), 5u);
  EXPECT_TRUE(c.eligibility.relisting_barred);
}

TEST(Presets, UnknownPresetIsRefused) {
  auto c = campaign_preset("2021");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::preset_unknown);
  EXPECT_EQ(c.error().param("preset"), "2021");
}

TEST(Campaign, ListFieldCheck) {
  Campaign c = preset_2023();
  EXPECT_TRUE(check_list_field(c, "pioneer_tech", "biomedicine"));
  EXPECT_EQ(check_list_field(c, "pioneer_tech", "").error().code, ErrorCode::field_required);
  EXPECT_EQ(check_list_field(c, "pioneer_tech", "resources").error().code,
            ErrorCode::field_unknown);
  EXPECT_EQ(check_list_field(c, "entrepreneur", "").error().code, ErrorCode::list_unknown);
  EXPECT_EQ(check_list_field(c, "tech_manager", "biomedicine").error().code,
            ErrorCode::field_unknown);
  EXPECT_TRUE(check_list_field(c, "tech_manager", ""));
}

}  // namespace
}  // namespace kczg
