#include "review/conflicts.hpp"

#include <gtest/gtest.h>

namespace kczg::review {
namespace {

// A chip company applying with a university as co-holder, recommended by a society.
ApplicationParties chip_application() {
  return {.id = "A-1",
          .applicant = {"中芯国际集成电路制造（上海）有限公司", "91310000710932515R"},
          .holders = {{"复旦大学", ""}},
          .holder_people = {},
          .team = {"张伟", "阿依古丽·买买提"},
          .referees = {"李娜"},
          .unit = {"中国电子学会", "51100000500000617A"}};
}

ExpertRecord expert(std::string name, std::vector<OrganisationRef> organisations) {
  return {.id = "E-" + name,
          .name = std::move(name),
          .organisations = std::move(organisations),
          .declared_applications = {},
          .declared_organisations = {}};
}

std::vector<Conflict> conflicts_of(const ExpertRecord& e, const ConflictRules& rules = {}) {
  std::vector<ApplicationParties> applications{chip_application()};
  return find_conflicts(std::vector<ExpertRecord>{e}, applications, rules);
}

// The one reason of the one conflict, or fails.
ConflictReason only_reason(const std::vector<Conflict>& conflicts) {
  EXPECT_EQ(conflicts.size(), 1u);
  if (conflicts.size() != 1) return {};
  EXPECT_EQ(conflicts[0].reasons.size(), 1u) << describe(conflicts[0].reasons[0]);
  return conflicts[0].reasons[0];
}

TEST(Conflicts, SameOrganisationByUsccAlone) {
  auto r = only_reason(conflicts_of(expert("王强", {{"", "91310000 710932515r"}})));
  EXPECT_EQ(r.kind, ConflictKind::same_organisation);
  EXPECT_EQ(r.basis, ConflictBasis::uscc);
  EXPECT_EQ(r.role, PartyRole::applicant);
  EXPECT_EQ(r.application_side, "91310000710932515R");
}

TEST(Conflicts, SameOrganisationThroughSuffixAndBrackets) {
  for (std::string name : {"中芯国际集成电路制造有限公司", "中芯国际集成电路制造(上海)股份有限公司",
                           "上海中芯国际集成电路制造有限公司", "中芯国际集成电路制造 集团"}) {
    auto r = only_reason(conflicts_of(expert("王强", {{name, ""}})));
    EXPECT_EQ(r.kind, ConflictKind::same_organisation) << name;
    EXPECT_EQ(r.basis, ConflictBasis::name) << name;
    EXPECT_EQ(r.expert_side, name);
    EXPECT_EQ(r.application_side, "中芯国际集成电路制造（上海）有限公司");
  }
}

TEST(Conflicts, ShortNameByPrefixRule) {
  auto r = only_reason(conflicts_of(expert("王强", {{"中芯国际", ""}})));
  EXPECT_EQ(r.basis, ConflictBasis::name_prefix);
  EXPECT_EQ(
      describe(r),
      "same_organisation applicant 中芯国际 ~ 中芯国际集成电路制造（上海）有限公司 (name_prefix)");
  // The other direction: the application's name begins the expert's.
  auto holder = only_reason(conflicts_of(expert("王强", {{"复旦大学附属华山医院", ""}})));
  EXPECT_EQ(holder.role, PartyRole::holder);
  EXPECT_EQ(holder.basis, ConflictBasis::name_prefix);
}

TEST(Conflicts, ShortNamesBelowFourUnitsNeedTheAliasTable) {
  EXPECT_TRUE(conflicts_of(expert("王强", {{"中芯", ""}})).empty());
  EXPECT_TRUE(conflicts_of(expert("王强", {{"SMIC", ""}})).empty());
  ConflictRules rules;
  rules.aliases = {{0, {"中芯", "SMIC"}, "91310000710932515R"}};
  for (std::string name : {"中芯", "ＳＭＩＣ", "smic"}) {
    auto r = only_reason(conflicts_of(expert("王强", {{name, ""}}), rules));
    EXPECT_EQ(r.basis, ConflictBasis::alias) << name;
    EXPECT_EQ(r.role, PartyRole::applicant);
  }
}

TEST(Conflicts, NearMissOrganisationsDoNotConflict) {
  for (std::string name : {"中芯微电子有限公司",      // shares 中芯 only
                           "新中芯国际集成电路制造",  // contains the name, not at the start
                           "复旦",                    // 2 units
                           "复旦大学附中"}) {         // … but this one is a prefix match
    auto found = conflicts_of(expert("王强", {{name, "91310000710932515X"}}));
    if (name == "复旦大学附中") {
      EXPECT_EQ(found.size(), 1u);
    } else {
      EXPECT_TRUE(found.empty()) << name << ": " << describe(found[0].reasons[0]);
    }
  }
}

TEST(Conflicts, RecommendingUnit) {
  auto r = only_reason(conflicts_of(expert("王强", {{"中国电子学会", ""}})));
  EXPECT_EQ(r.kind, ConflictKind::recommending_unit);
  EXPECT_EQ(r.role, PartyRole::unit);
  auto by_code = only_reason(conflicts_of(expert("王强", {{"", "51100000500000617A"}})));
  EXPECT_EQ(by_code.kind, ConflictKind::recommending_unit);
  EXPECT_EQ(by_code.basis, ConflictBasis::uscc);
}

TEST(Conflicts, NamedInApplication) {
  auto team = only_reason(conflicts_of(expert("张 伟", {})));
  EXPECT_EQ(team.kind, ConflictKind::named_in_application);
  EXPECT_EQ(team.role, PartyRole::team_member);
  EXPECT_EQ(team.application_side, "张伟");
  EXPECT_EQ(only_reason(conflicts_of(expert("阿依古丽•买买提", {}))).role, PartyRole::team_member);
  EXPECT_EQ(only_reason(conflicts_of(expert("李娜", {}))).role, PartyRole::referee);
  EXPECT_TRUE(conflicts_of(expert("张伟东", {})).empty());
  EXPECT_TRUE(conflicts_of(expert("李", {})).empty());
}

TEST(Conflicts, Declared) {
  ExpertRecord e = expert("王强", {});
  e.declared_applications = {"A-1", "A-01"};
  e.declared_organisations = {{"复旦大学", ""}};
  auto found = conflicts_of(e);
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].reasons.size(), 2u);
  EXPECT_EQ(describe(found[0].reasons[0]), "declared holder 复旦大学 ~ 复旦大学 (name)");
  EXPECT_EQ(describe(found[0].reasons[1]), "declared application A-1 ~ A-1 (application_id)");
}

TEST(Conflicts, ForbiddenPairOnly) {
  std::vector<ApplicationParties> applications{chip_application(), chip_application()};
  applications[1].id = "A-2";
  applications[1].team.clear();
  std::vector<ExpertRecord> experts{expert("王强", {}), expert("赵敏", {})};
  ConflictRules rules;
  rules.forbidden = {{"E-王强", "A-2"}, {"E-nobody", "A-1"}, {"E-赵敏", "A-9"}};
  auto found = find_conflicts(experts, applications, rules);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].expert, 0u);
  EXPECT_EQ(found[0].application, 1u);
  EXPECT_EQ(found[0].reasons[0].kind, ConflictKind::forbidden);
}

TEST(Conflicts, EveryReasonOfAPairIsReported) {
  ExpertRecord e = expert("张伟", {{"中芯国际", "91310000710932515R"}, {"中国电子学会", ""}});
  e.declared_applications = {"A-1"};
  ConflictRules rules;
  rules.forbidden = {{"E-张伟", "A-1"}};
  auto found = conflicts_of(e, rules);
  ASSERT_EQ(found.size(), 1u);
  std::vector<std::string> kinds;
  for (const auto& r : found[0].reasons) kinds.emplace_back(kind_name(r.kind));
  EXPECT_EQ(kinds, (std::vector<std::string>{"same_organisation", "recommending_unit",
                                             "named_in_application", "declared", "forbidden"}));
  // The USCC is the strongest of the two ways 中芯国际 matched.
  EXPECT_EQ(found[0].reasons[0].basis, ConflictBasis::uscc);
}

TEST(Conflicts, EmptyValuesNeverMatch) {
  ApplicationParties bare;
  bare.id = "A-1";
  bare.holders = {{"", ""}};
  ExpertRecord e = expert("", {{"", ""}, {"（）", " "}});
  EXPECT_TRUE(
      find_conflicts(std::vector<ExpertRecord>{e}, std::vector<ApplicationParties>{bare}).empty());
}

TEST(Conflicts, SiblingsInOtherCitiesConflictByDesign) {
  // XX(北京) and XX(上海) share the core name XX: subsidiaries of one group, so reported;
  // 北京XX against XX(上海) likewise, the bracket saying the name is used in several cities.
  for (std::string name :
       {"中芯国际集成电路制造（北京）有限公司", "北京中芯国际集成电路制造有限公司"}) {
    auto found = conflicts_of(expert("王强", {{name, ""}}));
    ASSERT_EQ(found.size(), 1u) << name;
  }
}

TEST(Conflicts, CityLeftOutOnOneSide) {
  ApplicationParties app = chip_application();
  app.applicant = {"北京百度网讯科技有限公司", ""};
  std::vector<ApplicationParties> applications{app};
  auto check = [&](std::string organisation) {
    return find_conflicts(std::vector<ExpertRecord>{expert("王强", {{organisation, ""}})},
                          applications);
  };
  auto found = check("百度网讯科技有限公司");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].reasons[0].basis, ConflictBasis::name_without_region);
  EXPECT_EQ(check("北京市百度网讯科技有限公司").size(), 1u);
  // Both sides with a city: different cities are different companies.
  EXPECT_TRUE(check("上海百度网讯科技有限公司").empty());
  // The other way round: the application leaves the city out.
  applications[0].applicant = {"百度网讯科技有限公司", ""};
  EXPECT_EQ(check("北京百度网讯科技有限公司").size(), 1u);
  // Too little left without the city.
  applications[0].applicant = {"北京大学", ""};
  EXPECT_TRUE(check("大学").empty());
  EXPECT_TRUE(check("南京大学").empty());
}

TEST(Conflicts, StableNames) {
  EXPECT_EQ(kind_name(ConflictKind::named_in_application), "named_in_application");
  EXPECT_EQ(basis_name(ConflictBasis::name_prefix), "name_prefix");
  EXPECT_EQ(role_name(PartyRole::holder_person), "holder_person");
}

}  // namespace
}  // namespace kczg::review
