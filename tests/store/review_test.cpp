// Preliminary review's records on both backends: plans through their states, expert
// pools, declared conflicts, pair rules and the assignment.
#include "review_fixture.hpp"
#include "store/json_codec.hpp"

namespace kczg::testing {
namespace {

TEST_P(ReviewStore, PlanIsFiledReturnedRevisedAndApprovedAndLockedWhileFiled) {
  long long c = campaign_with_body();
  EXPECT_FALSE(m_store->review_plan(c, k_body)->has_value());
  EXPECT_EQ(m_store->review_plan(c, "无此机构").error().code, ErrorCode::review_body_unknown);

  auto saved = m_store->save_review_plan(c, plan_of(k_body), m_body, in_collection());
  ASSERT_TRUE(saved) << code_name(saved.error().code);
  EXPECT_EQ(saved->state, PlanState::draft);
  ReviewPlan stored = **m_store->review_plan(c, k_body);
  EXPECT_EQ(stored.criteria, plan_of(k_body).criteria);
  EXPECT_EQ(stored.sector_minimums, plan_of(k_body).sector_minimums);
  EXPECT_EQ(stored.aggregation, Aggregation::zscore);
  EXPECT_EQ(stored.experts_per_application, 3);

  // Only the secretariat approves; a body files.
  EXPECT_EQ(m_store->act_on_review_plan(c, k_body, PlanAction::approve, "", m_body, in_collection())
                .error()
                .code,
            ErrorCode::transition_from_state);
  ASSERT_TRUE(
      m_store->act_on_review_plan(c, k_body, PlanAction::file, "", m_body, in_collection()));
  EXPECT_EQ(m_store->save_review_plan(c, plan_of(k_body), m_body, in_collection()).error().code,
            ErrorCode::plan_locked);
  EXPECT_EQ(
      m_store
          ->act_on_review_plan(c, k_body, PlanAction::return_, "", m_secretariat, in_collection())
          .error()
          .code,
      ErrorCode::transition_reason_missing);
  auto returned = m_store->act_on_review_plan(c, k_body, PlanAction::return_, "请补充投资界专家",
                                              m_secretariat, in_collection());
  ASSERT_TRUE(returned);
  EXPECT_EQ((*m_store->review_plan(c, k_body))->return_reason, "请补充投资界专家");

  ReviewPlan revised = plan_of(k_body);
  revised.sector_minimums[Sector::investment] = 1;
  ASSERT_TRUE(m_store->save_review_plan(c, revised, m_body, in_collection()));
  ASSERT_TRUE(
      m_store->act_on_review_plan(c, k_body, PlanAction::file, "", m_body, in_collection()));
  auto approved = m_store->act_on_review_plan(c, k_body, PlanAction::approve, "", m_secretariat,
                                              in_collection());
  ASSERT_TRUE(approved);
  ReviewPlan final_plan = **m_store->review_plan(c, k_body);
  EXPECT_EQ(final_plan.state, PlanState::approved);
  EXPECT_EQ(final_plan.sector_minimums.at(Sector::investment), 1);
  EXPECT_TRUE(check_review_can_start(final_plan));

  int plan_rows = 0;
  auto log = m_store->audit_log();
  for (const AuditEntry& e : *log) plan_rows += e.object.starts_with("review_plan:");
  EXPECT_EQ(plan_rows, 6);  // save, file, return, save, file, approve; refusals write none
}

TEST_P(ReviewStore, ExpertsAreAddedOncePerEmailAndDeclareConflicts) {
  long long c = campaign_with_body();
  auto ids = m_store->add_experts(c, k_body,
                                  {expert("王五", "wang@example.org", Sector::academia),
                                   expert("赵六", "zhao@example.org", Sector::industry)},
                                  m_body, in_collection());
  ASSERT_TRUE(ids);
  ASSERT_EQ(ids->size(), 2u);
  auto again = m_store->add_experts(c, k_body,
                                    {expert("钱七", "qian@example.org", Sector::investment),
                                     expert("王五", "WANG@example.org", Sector::academia)},
                                    m_body, in_collection());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::import_exists);
  EXPECT_EQ(again.error().param("row"), "3");
  auto pool = *m_store->experts(c, k_body);
  ASSERT_EQ(pool.size(), 2u);  // the refused batch stored nothing, not even its first row
  EXPECT_EQ(pool[1].sector, Sector::industry);
  EXPECT_EQ(pool[1].keywords, (std::vector<std::string>{"芯片", "集成电路"}));

  long long unit = add_unit("单位", {"national_society"});
  long long app = submitted_application(c, unit, "pioneer_tech", "electronic_information");
  DeclaredConflict declared{(*ids)[0], app, "", "", "曾为该项目顾问"};
  ASSERT_TRUE(m_store->declare_conflict(declared, m_body, in_collection()));
  DeclaredConflict by_organisation{(*ids)[1], 0, "华为技术有限公司", "", "现任职"};
  ASSERT_TRUE(m_store->declare_conflict(by_organisation, m_body, in_collection()));
  DeclaredConflict nobody{(*ids)[1] + 100, app, "", "", "无"};
  EXPECT_EQ(m_store->declare_conflict(nobody, m_body, in_collection()).error().code,
            ErrorCode::expert_not_found);
  auto conflicts = *m_store->declared_conflicts(c, k_body);
  ASSERT_EQ(conflicts.size(), 2u);
  EXPECT_EQ(conflicts[0], declared);
  EXPECT_EQ(conflicts[1], by_organisation);
}

TEST_P(ReviewStore, AssignmentIsReplacedWholeAndPairRulesAreKept) {
  long long c = campaign_with_body();
  auto ids = *m_store->add_experts(c, k_body,
                                   {expert("甲", "a@example.org", Sector::academia),
                                    expert("乙", "b@example.org", Sector::industry),
                                    expert("丙", "c@example.org", Sector::investment)},
                                   m_body, in_collection());
  long long unit = add_unit("单位", {"national_society"});
  long long a1 = submitted_application(c, unit, "pioneer_tech", "electronic_information");

  ASSERT_TRUE(m_store->set_pair_rule({a1, ids[0], PairRule::force, "领域唯一专家"}, m_body,
                                     in_collection()));
  ASSERT_TRUE(m_store->set_pair_rule({a1, ids[0], PairRule::forbid, "发现同门关系"}, m_body,
                                     in_collection()));  // replaces the first
  EXPECT_EQ(
      m_store->set_pair_rule({a1, ids[2] + 50, PairRule::forbid, "x"}, m_body, in_collection())
          .error()
          .code,
      ErrorCode::expert_not_found);
  auto rules = *m_store->pair_rules(c, k_body);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].rule, PairRule::forbid);
  EXPECT_EQ(rules[0].reason, "发现同门关系");

  ASSERT_TRUE(
      m_store->replace_assignments(c, k_body,
                                   {{0, a1, ids[1], 1.5, AssignmentState::assigned, "", {}},
                                    {0, a1, ids[2], 0.25, AssignmentState::assigned, "", {}}},
                                   m_body, in_collection()));
  auto first = *m_store->assignments(c, k_body);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].expert_id, ids[1]);
  EXPECT_DOUBLE_EQ(first[0].affinity, 1.5);
  EXPECT_EQ(first[0].updated_at, in_collection());
  ASSERT_TRUE(m_store->replace_assignments(
      c, k_body, {{0, a1, ids[2], 0.5, AssignmentState::assigned, "", {}}}, m_body,
      in_collection()));
  auto second = *m_store->assignments(c, k_body);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_DOUBLE_EQ(second[0].affinity, 0.5);
  EXPECT_EQ(m_store->assignments(c, "无此机构").error().code, ErrorCode::review_body_unknown);
}

TEST_P(ReviewStore, TheSecretariatAppointsBodiesToListsAndFields) {
  long long c = campaign_with_body();
  ReviewBody joint{
      "中国科协先进材料学会联合体",
      "联系人",
      false,
      {{"pioneer_tech", "electronic_information"}, {"pioneer_tech", "advanced_materials"}},
      false};
  ASSERT_TRUE(m_store->appoint_review_body(c, joint, m_secretariat, in_collection()));
  ReviewBody whole_list{"演示·评审机构", "", false, {{"tech_manager", ""}}, false};
  ASSERT_TRUE(m_store->appoint_review_body(c, whole_list, m_secretariat, in_collection()));
  Campaign stored = m_store->campaign_by_id(c)->campaign;
  ASSERT_EQ(stored.review_bodies.size(), 3u);
  EXPECT_EQ(stored.review_bodies[1].name, joint.name);
  EXPECT_EQ(stored.review_bodies[1].covers.size(), 2u);  // the order of covers carries no meaning
  EXPECT_EQ(bodies_for(stored, "pioneer_tech", "electronic_information").size(), 2u);
  EXPECT_EQ(bodies_for(stored, "tech_manager", "").size(), 1u);

  EXPECT_EQ(m_store->appoint_review_body(c, joint, m_secretariat, in_collection()).error().code,
            ErrorCode::review_body_exists);
  ReviewBody nowhere{"某机构", "", false, {{"pioneer_tech", "no_such_field"}}, false};
  EXPECT_EQ(m_store->appoint_review_body(c, nowhere, m_secretariat, in_collection()).error().code,
            ErrorCode::field_unknown);
  EXPECT_EQ(m_store->campaign_by_id(c)->campaign.review_bodies.size(), 3u);

  // The final panel is kept as one, and refused over another panel's list.
  ReviewBody panel{"终评专家组", "", false, {{"pioneer_tech", ""}}, true};
  auto panel_id = m_store->appoint_review_body(c, panel, m_secretariat, in_collection());
  ASSERT_TRUE(panel_id);
  EXPECT_EQ(m_store->review_body_by_id(*panel_id)->name, panel.name);
  ReviewBody second{"另一终评组", "", false, {{"pioneer_tech", "advanced_materials"}}, true};
  EXPECT_EQ(m_store->appoint_review_body(c, second, m_secretariat, in_collection()).error().code,
            ErrorCode::final_panel_overlap);
  Campaign with_panel = m_store->campaign_by_id(c)->campaign;
  ASSERT_EQ(with_panel.review_bodies.size(), 4u);
  EXPECT_EQ(with_panel.review_bodies[3], panel);
  EXPECT_FALSE(with_panel.review_bodies[1].final_panel);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
