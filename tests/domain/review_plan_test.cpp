#include "domain/review_plan.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "domain/presets.hpp"
#include "i18n/catalog.hpp"

namespace kczg {
namespace {

// The issue's example: innovation 30, maturity 25, market value 25, team 20, each on 0–10;
// five experts per application, at least two from academia, two from industry and one
// investor.
ReviewPlan good_plan() {
  ReviewPlan plan;
  plan.body = "中国科协智能制造学会联合体";
  plan.criteria = {
      {"innovation", "创新性", "Innovation", 30, 0, 10},
      {"maturity", "技术成熟度", "Maturity", 25, 0, 10},
      {"market_value", "市场价值", "Market value", 25, 0, 10},
      {"team", "团队能力", "Team", 20, 0, 10},
  };
  plan.experts_per_application = 5;
  plan.max_load = 30;
  plan.sector_minimums = {{Sector::academia, 2}, {Sector::industry, 2}, {Sector::investment, 1}};
  plan.aggregation = Aggregation::trimmed_mean;
  return plan;
}

std::vector<std::string> codes_and_fields(const std::vector<Error>& errors) {
  std::vector<std::string> found;
  for (const Error& e : errors)
    found.push_back(std::string(code_name(e.code)) + "@" + std::string(e.param("field")));
  return found;
}

TEST(ReviewPlan, IssueExamplePlanIsValid) { EXPECT_TRUE(validate_plan(good_plan()).empty()); }

TEST(ReviewPlan, WeightsNotSummingTo100AreRefusedInBothLanguages) {
  ReviewPlan plan = good_plan();
  plan.criteria[3].weight = 10;  // 30 + 25 + 25 + 10 = 90
  std::vector<Error> errors = validate_plan(plan);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::plan_weights_sum);
  EXPECT_EQ(errors[0].param("field"), "criteria");
  EXPECT_EQ(errors[0].param("sum"), "90");
  EXPECT_EQ(errors[0].param("expected"), "100");
  EXPECT_EQ(message(errors[0], Lang::zh), "各项评审指标权重合计为 90，应为 100");
  EXPECT_EQ(message(errors[0], Lang::en),
            "The criteria weights add up to 90; they must add up to 100");
}

TEST(ReviewPlan, EveryWeightMustBePositive) {
  ReviewPlan plan = good_plan();
  plan.criteria[0].weight = 0;
  plan.criteria[1].weight = 55;  // keeps the sum at 100, so only the zero is wrong
  std::vector<Error> errors = validate_plan(plan);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::plan_weight_not_positive);
  EXPECT_EQ(errors[0].param("field"), "criteria[0].weight");
  EXPECT_EQ(errors[0].param("value"), "0");
  EXPECT_EQ(message(errors[0], Lang::zh), "评审指标“创新性”的权重为 0，应大于 0");
  EXPECT_EQ(message(errors[0], Lang::en),
            "Criterion \"Innovation\" has weight 0; a weight must be more than 0");
}

TEST(ReviewPlan, ScaleMinimumMustBeBelowMaximum) {
  ReviewPlan plan = good_plan();
  plan.criteria[1].scale_min = 10;  // 10..10
  plan.criteria[2].scale_min = 5.5;
  plan.criteria[2].scale_max = 1;
  plan.criteria[3].scale_max = std::numeric_limits<double>::quiet_NaN();
  std::vector<Error> errors = validate_plan(plan);
  EXPECT_EQ(codes_and_fields(errors),
            (std::vector<std::string>{"plan_scale_invalid@criteria[1].scale",
                                      "plan_scale_invalid@criteria[2].scale",
                                      "plan_scale_invalid@criteria[3].scale"}));
  EXPECT_EQ(errors[1].param("min"), "5.5");
  EXPECT_EQ(errors[1].param("max"), "1");
  EXPECT_EQ(message(errors[1], Lang::zh),
            "评审指标“市场价值”的评分区间无效：最低分 5.5 应小于最高分 1");
}

TEST(ReviewPlan, CriterionCodesAreUniqueAndNamedInBothLanguages) {
  ReviewPlan plan = good_plan();
  plan.criteria[2].code = "innovation";
  plan.criteria[3].code = " ";
  plan.criteria[3].name_en = "";
  std::vector<Error> errors = validate_plan(plan);
  EXPECT_EQ(codes_and_fields(errors),
            (std::vector<std::string>{"plan_criterion_duplicate@criteria[2].code",
                                      "plan_criterion_code_missing@criteria[3].code",
                                      "plan_criterion_name_missing@criteria[3].name_en"}));
  EXPECT_EQ(errors[0].param("position"), "3");
  EXPECT_EQ(errors[0].param("other"), "1");
  EXPECT_EQ(message(errors[2], Lang::zh), "第 4 项评审指标缺少英文名称");
  EXPECT_EQ(message(errors[2], Lang::en), "Criterion 4 has no English name");
}

TEST(ReviewPlan, PlanWithoutCriteriaIsRefused) {
  ReviewPlan plan = good_plan();
  plan.criteria.clear();
  EXPECT_EQ(codes_and_fields(validate_plan(plan)),
            (std::vector<std::string>{"plan_no_criteria@criteria"}));
}

TEST(ReviewPlan, SectorMixAboveKIsRefused) {
  ReviewPlan plan = good_plan();
  plan.experts_per_application = 3;  // minimums 2 + 2 + 1 = 5
  std::vector<Error> errors = validate_plan(plan);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::plan_sector_mix_exceeds_k);
  EXPECT_EQ(errors[0].param("field"), "sector_minimums");
  EXPECT_EQ(errors[0].param("sum"), "5");
  EXPECT_EQ(errors[0].param("k"), "3");
  EXPECT_EQ(
      message(errors[0], Lang::zh),
      "各界别专家最低人数合计 5 人（学术界 2、产业界 2、投资界 1），超过每项申报的评审专家人数 "
      "3 人");
  EXPECT_EQ(message(errors[0], Lang::en),
            "The sector minimums add up to 5 (academia 2, industry 2, investment 1), more than "
            "the 3 experts per application");
}

TEST(ReviewPlan, PanelSizeLoadAndMinimumsHaveLowerBounds) {
  ReviewPlan plan = good_plan();
  plan.experts_per_application = 0;
  plan.max_load = 0;
  plan.sector_minimums = {{Sector::investment, -1}};
  std::vector<Error> errors = validate_plan(plan);
  EXPECT_EQ(codes_and_fields(errors),
            (std::vector<std::string>{"plan_experts_too_few@experts_per_application",
                                      "plan_load_too_small@max_load",
                                      "plan_sector_minimum_negative@sector_minimums.investment"}));
  EXPECT_EQ(message(errors[0], Lang::en),
            "0 experts per application is too few; at least 1 are needed");
  EXPECT_EQ(message(errors[1], Lang::zh), "每位专家的评审上限为 0 项，至少应为 1 项");
  EXPECT_EQ(message(errors[2], Lang::zh), "投资界专家的最低人数为 -1，不能小于 0");
}

TEST(ReviewPlan, FiledThenApprovedStartsReview) {
  auto filed = apply_plan_action(good_plan(), PlanAction::file, Role::review_body);
  ASSERT_TRUE(filed);
  EXPECT_EQ(filed->state, PlanState::filed);
  EXPECT_EQ(check_review_can_start(*filed).error().code, ErrorCode::plan_not_approved);
  EXPECT_EQ(check_plan_editable(*filed).error().code, ErrorCode::plan_locked);
  auto approved = apply_plan_action(*filed, PlanAction::approve, Role::secretariat);
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->state, PlanState::approved);
  EXPECT_TRUE(check_review_can_start(*approved));
}

TEST(ReviewPlan, ReturnedWithReasonThenFiledAgain) {
  ReviewPlan filed = *apply_plan_action(good_plan(), PlanAction::file, Role::review_body);
  auto no_reason = apply_plan_action(filed, PlanAction::return_, Role::secretariat, "  ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error()[0].code, ErrorCode::transition_reason_missing);
  EXPECT_EQ(no_reason.error()[0].param("action"), "return_plan");

  auto returned =
      apply_plan_action(filed, PlanAction::return_, Role::secretariat, "投资界专家不足");
  ASSERT_TRUE(returned);
  EXPECT_EQ(returned->state, PlanState::returned);
  EXPECT_EQ(returned->return_reason, "投资界专家不足");
  EXPECT_TRUE(check_plan_editable(*returned));
  Error not_yet = check_review_can_start(*returned).error();
  EXPECT_EQ(message(not_yet, Lang::zh), "评审方案当前为“已退回”，须经联合秘书处批准后才能开始评审");

  auto refiled = apply_plan_action(*returned, PlanAction::file, Role::review_body);
  ASSERT_TRUE(refiled);
  EXPECT_EQ(refiled->state, PlanState::filed);
  EXPECT_EQ(refiled->return_reason, "");
}

TEST(ReviewPlan, OnlyTheRightRoleFromTheRightState) {
  ReviewPlan draft = good_plan();
  auto early = apply_plan_action(draft, PlanAction::approve, Role::secretariat);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error()[0].code, ErrorCode::transition_from_state);
  EXPECT_EQ(early.error()[0].param("state"), "draft");
  auto by_secretariat = apply_plan_action(draft, PlanAction::file, Role::secretariat);
  ASSERT_FALSE(by_secretariat);
  EXPECT_EQ(by_secretariat.error()[0].code, ErrorCode::transition_role);
  ReviewPlan filed = *apply_plan_action(draft, PlanAction::file, Role::review_body);
  auto self_approved = apply_plan_action(filed, PlanAction::approve, Role::review_body);
  ASSERT_FALSE(self_approved);
  EXPECT_EQ(self_approved.error()[0].param("role"), "secretariat");
}

TEST(ReviewPlan, FilingAnInvalidPlanListsEveryProblem) {
  ReviewPlan plan = good_plan();
  plan.criteria[0].weight = 40;
  plan.max_load = 0;
  auto filed = apply_plan_action(plan, PlanAction::file, Role::review_body);
  ASSERT_FALSE(filed);
  EXPECT_EQ(
      codes_and_fields(filed.error()),
      (std::vector<std::string>{"plan_weights_sum@criteria", "plan_load_too_small@max_load"}));
}

TEST(ReviewPlan, BodiesAndFieldsAreManyToMany) {
  Campaign c = preset_2022();
  auto manufacturing = bodies_for(c, "pioneer_tech", "equipment_manufacturing");
  auto foundation = bodies_for(c, "pioneer_tech", "industrial_foundation");
  ASSERT_EQ(manufacturing.size(), 1u);
  ASSERT_EQ(foundation.size(), 1u);
  EXPECT_EQ(manufacturing[0], foundation[0]);  // one body, two fields
  EXPECT_EQ(manufacturing[0]->name, "中国科协智能制造学会联合体");
  auto green = bodies_for(c, "pioneer_tech", "green_low_carbon");
  ASSERT_EQ(green.size(), 2u);  // two bodies, one field
  EXPECT_EQ(green[0]->name, "中国科协生态环境产学联合体");
  EXPECT_EQ(green[1]->name, "中国科协清洁能源学会联合体");
  EXPECT_EQ(bodies_for(c, "emerging_enterprise", "").size(), 1u);
  EXPECT_TRUE(bodies_for(c, "pioneer_tech", "no_such_field").empty());
}

TEST(ReviewPlan, OneFinalPanelRanksEachListAndField) {
  Campaign c = preset_2022();
  ReviewBody whole{"终评专家组", "", false, {{"pioneer_tech", ""}}, true};
  EXPECT_TRUE(check_final_panel(c, whole));  // the preliminary bodies do not count
  c.review_bodies.push_back(whole);
  ReviewBody field{"另一终评组", "", false, {{"pioneer_tech", "biomedicine"}}, true};
  auto overlap = check_final_panel(c, field);
  ASSERT_FALSE(overlap);
  EXPECT_EQ(overlap.error().code, ErrorCode::final_panel_overlap);
  EXPECT_EQ(overlap.error().param("other"), "终评专家组");
  EXPECT_EQ(overlap.error().param("where_en"), "Pioneer Technology List · Biomedicine");
  field.covers = {{"emerging_enterprise", ""}};
  EXPECT_TRUE(check_final_panel(c, field));  // another list
  field.final_panel = false;
  field.covers = {{"pioneer_tech", ""}};
  EXPECT_TRUE(check_final_panel(c, field));  // a preliminary body shares fields freely
}

TEST(ReviewPlan, PlanCoversOnlyWhatItsBodyReviews) {
  Campaign c = preset_2022();
  ReviewPlan plan = good_plan();
  plan.covers = {{"pioneer_tech", "industrial_foundation"}};
  EXPECT_TRUE(check_plan_body(c, plan).empty());
  plan.covers = {{"pioneer_tech", "biomedicine"}, {"pioneer_tech", ""}};
  std::vector<Error> errors = check_plan_body(c, plan);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].code, ErrorCode::plan_coverage_outside);
  EXPECT_EQ(errors[0].param("field"), "biomedicine");
  EXPECT_EQ(errors[1].param("field"), "");  // the whole list is more than its two fields
  plan.body = "无名机构";
  EXPECT_EQ(check_plan_body(c, plan)[0].code, ErrorCode::review_body_unknown);
}

TEST(ReviewPlan, FeasibilityReportsPoolAndSectorShortfalls) {
  ReviewPlan plan = good_plan();  // k = 5: academia 2, industry 2, investment 1
  plan.max_load = 10;
  // 100 applications: 500 reviews need 50 experts at 10 each; academia 200 reviews → 20,
  // industry 200 → 20, investment 100 → 10.
  Feasibility f = check_feasibility(
      plan, {{Sector::academia, 20}, {Sector::industry, 15}, {Sector::investment, 5}}, 100);
  EXPECT_FALSE(f.feasible);
  ASSERT_EQ(f.needs.size(), 4u);
  EXPECT_EQ(f.needs[0].sector, std::nullopt);
  EXPECT_EQ(f.needs[0].reviews, 500);
  EXPECT_EQ(f.needs[0].capacity, 400);
  EXPECT_EQ(f.needs[0].needed, 50);
  EXPECT_EQ(f.needs[0].shortfall, 10);
  EXPECT_EQ(f.needs[1].sector, Sector::academia);
  EXPECT_EQ(f.needs[1].shortfall, 0);
  EXPECT_EQ(f.needs[2].shortfall, 5);
  EXPECT_EQ(f.needs[3].needed, 10);
  EXPECT_EQ(f.needs[3].shortfall, 5);
  ASSERT_EQ(f.problems.size(), 3u);
  EXPECT_EQ(f.problems[0].code, ErrorCode::plan_pool_short);
  EXPECT_EQ(
      message(f.problems[0], Lang::zh),
      "专家不足：500 人次评审、每位专家至多 10 项，至少需要 50 位专家，现有 40 位，还差 10 位");
  EXPECT_EQ(f.problems[1].code, ErrorCode::plan_sector_short);
  EXPECT_EQ(f.problems[1].param("sector"), "industry");
  EXPECT_EQ(message(f.problems[2], Lang::en),
            "Too few investment experts: at least 1 per application, 100 reviews at most 10 per "
            "expert need at least 10; there are 5, 5 short");
}

TEST(ReviewPlan, FeasibilityCountsDistinctExpertsForFewApplications) {
  ReviewPlan plan = good_plan();
  // One application needs five different people, though one expert could carry the load.
  Feasibility f = check_feasibility(
      plan, {{Sector::academia, 2}, {Sector::industry, 1}, {Sector::investment, 1}}, 1);
  EXPECT_FALSE(f.feasible);
  EXPECT_EQ(f.needs[0].needed, 5);
  EXPECT_EQ(f.needs[0].shortfall, 1);
  EXPECT_EQ(f.needs[2].sector, Sector::industry);
  EXPECT_EQ(f.needs[2].shortfall, 1);
  Feasibility enough = check_feasibility(
      plan, {{Sector::academia, 2}, {Sector::industry, 2}, {Sector::investment, 1}}, 1);
  EXPECT_TRUE(enough.feasible);
  EXPECT_TRUE(enough.problems.empty());
  EXPECT_TRUE(check_feasibility(plan, {}, 0).feasible);
}

TEST(ReviewPlan, NamesRoundTrip) {
  for (Aggregation a : {Aggregation::mean, Aggregation::trimmed_mean, Aggregation::zscore})
    EXPECT_EQ(aggregation_from_name(aggregation_name(a)), a);
  EXPECT_EQ(aggregation_name(Aggregation::zscore), "zscore");
  for (PlanState s : {PlanState::draft, PlanState::filed, PlanState::approved, PlanState::returned})
    EXPECT_EQ(plan_state_from_name(plan_state_name(s)), s);
  EXPECT_EQ(plan_state_from_name("rejected"), std::nullopt);
}

TEST(ReviewPlan, NumbersReadBackExactly) {
  EXPECT_EQ(format_number(10), "10");
  EXPECT_EQ(format_number(8.5), "8.5");
  EXPECT_EQ(format_number(-1), "-1");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.30000000000000004");  // shown as it is, not rounded
}

}  // namespace
}  // namespace kczg
