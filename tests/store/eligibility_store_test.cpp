// Eligibility recorded at submission and the secretariat's formal check, on both backends.
#include "store/store_fixture.hpp"

namespace kczg::testing {
namespace {

using EligibilityStoreTest = StoreTest;

// An emerging enterprise founded on `founded`, submitted and recommended by a unit.
long long recommended_enterprise(Store& store, long long campaign, long long unit, int n,
                                 const std::string& founded, Instant at) {
  Actor applicant{Role::applicant, "applicant@test"};
  long long who = *store.add_applicant(
      {0, ApplicantKind::enterprise, "企业" + std::to_string(n), test_uscc(700 + n), ""}, applicant,
      at);
  Application a;
  a.campaign_id = campaign;
  a.applicant_id = who;
  a.list = "emerging_enterprise";
  a.title = "企业" + std::to_string(n);
  long long id = *store.create_application(a, applicant, at);
  Draft d{a.title, "", unit,
          R"({"founded_on":")" + founded + R"(","size_class":"small","region":"330106"})"};
  EXPECT_TRUE(store.save_draft(id, d, applicant, at));
  EXPECT_TRUE(store.submit(id, applicant, at));
  EXPECT_TRUE(store.recommend(id, unit, {Role::unit, "unit@test"}, at));
  return id;
}

const EligibilityFinding* rule_of(const std::vector<EligibilityFinding>& findings,
                                  std::string_view rule) {
  for (const EligibilityFinding& f : findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

TEST_P(EligibilityStoreTest, SubmissionRecordsTheCheckOfWhatWasSubmitted) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  long long old = recommended_enterprise(*m_store, c, unit, 1, "2012-12-31", in_collection());
  long long young = recommended_enterprise(*m_store, c, unit, 2, "2013-01-01", in_collection());

  auto checks = m_store->eligibility_checks(old);
  ASSERT_TRUE(checks);
  ASSERT_EQ(checks->size(), 1u);
  const EligibilityCheck& at_submission = checks->front();
  EXPECT_EQ(at_submission.stage, "submission");
  EXPECT_EQ(at_submission.verdict, Verdict::fail);
  EXPECT_EQ(at_submission.actor, "applicant@test");
  const EligibilityFinding* age = rule_of(at_submission.findings, "enterprise_age");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ(age->verdict, Verdict::fail);
  EXPECT_EQ(age->params.at("limit"), "2013-01-01");
  EXPECT_EQ(age->params.at("value"), "2012-12-31");

  auto young_checks = m_store->eligibility_checks(young);
  ASSERT_TRUE(young_checks && !young_checks->empty());
  const EligibilityFinding* young_age = rule_of(young_checks->front().findings, "enterprise_age");
  ASSERT_NE(young_age, nullptr);
  EXPECT_EQ(young_age->verdict, Verdict::pass);
  auto audit =
      m_store->audit_search({"", "application.submit", "application:" + std::to_string(old)}, 5);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_NE(audit->front().after_value.find(R"("eligibility":"fail")"), std::string::npos);
}

TEST_P(EligibilityStoreTest, FormalCheckDecidesAndAnOverrideNeedsAReason) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  long long old = recommended_enterprise(*m_store, c, unit, 1, "2012-12-31", in_collection());
  long long young = recommended_enterprise(*m_store, c, unit, 2, "2013-01-01", in_collection());
  std::vector<EligibilityFinding> failing = m_store->eligibility_checks(old)->front().findings;
  Instant review = after_collection();

  // Eligible despite a failing rule: refused without a reason, and nothing changes.
  auto refused = m_store->decide_formal_check({old, true, "", failing}, m_secretariat, review);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::formal_check_override_reason);
  EXPECT_EQ(m_store->application(old)->state, ApplicationState::recommended);
  EXPECT_EQ(m_store->eligibility_checks(old)->size(), 1u);
  // Only the secretariat, only in the preliminary review.
  EXPECT_EQ(
      m_store->decide_formal_check({old, false, "超龄", failing}, m_applicant, review).error().code,
      ErrorCode::transition_role);
  EXPECT_EQ(
      m_store->decide_formal_check({old, false, "超龄", failing}, m_secretariat, in_collection())
          .error()
          .code,
      ErrorCode::transition_phase);

  auto overridden = m_store->decide_formal_check(
      {old, true, "营业执照显示 2013 年重新登记", failing}, m_secretariat, review);
  ASSERT_TRUE(overridden) << code_name(overridden.error().code);
  EXPECT_EQ(*overridden, ApplicationState::eligible);
  auto checks = *m_store->eligibility_checks(old);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks.back().stage, "formal_check");
  EXPECT_TRUE(checks.back().eligible);
  EXPECT_TRUE(checks.back().overridden);
  EXPECT_EQ(checks.back().reason, "营业执照显示 2013 年重新登记");
  auto audit = m_store->audit_search(
      {"", "application.pass_formal_check", "application:" + std::to_string(old)}, 5);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_NE(audit->front().after_value.find(R"("override":"true")"), std::string::npos);

  // Failing needs a reason whatever the findings (here some statements are missing, so
  // needs_evidence); the applicant reads it.
  std::vector<EligibilityFinding> passing = m_store->eligibility_checks(young)->front().findings;
  EXPECT_EQ(overall_verdict(passing), Verdict::needs_evidence);
  EXPECT_EQ(
      m_store->decide_formal_check({young, false, "", passing}, m_secretariat, review).error().code,
      ErrorCode::transition_reason_missing);
  ASSERT_TRUE(m_store->decide_formal_check({young, false, "信用报告显示列入经营异常名录", passing},
                                           m_secretariat, review));
  Application failed = *m_store->application(young);
  EXPECT_EQ(failed.state, ApplicationState::ineligible);
  EXPECT_EQ(failed.reason, "信用报告显示列入经营异常名录");
  // Decided once: a second decision finds it no longer recommended.
  EXPECT_EQ(
      m_store->decide_formal_check({young, true, "x", passing}, m_secretariat, review).error().code,
      ErrorCode::transition_from_state);
}

INSTANTIATE_TEST_SUITE_P(Backends, EligibilityStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
