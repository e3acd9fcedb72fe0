// Experts' score sheets and declines on both backends, and the lookups that lead a body
// admin's and an expert's account to their body.
#include "review_fixture.hpp"

namespace kczg::testing {
namespace {

class SheetStore : public ReviewStore {
 protected:
  void SetUp() override {
    ReviewStore::SetUp();
    m_campaign = campaign_with_body();
    m_experts = *m_store->add_experts(m_campaign, k_body,
                                      {expert("甲", "a@example.org", Sector::academia),
                                       expert("乙", "b@example.org", Sector::industry)},
                                      m_body, in_collection());
    long long unit = add_unit("单位", {"national_society"});
    m_application =
        submitted_application(m_campaign, unit, "pioneer_tech", "electronic_information");
    ASSERT_TRUE(m_store->replace_assignments(
        m_campaign, k_body,
        {{0, m_application, m_experts[0], 1.0, AssignmentState::assigned, "", {}},
         {0, m_application, m_experts[1], 2.0, AssignmentState::assigned, "", {}}},
        m_body, in_collection()));
  }

  ExpertSheet sheet(long long expert, SheetState state) const {
    return {
        m_application, expert, {{"innovation", 8}, {"maturity", 6.5}}, "思路新颖", state, {}, {}};
  }

  int audit_rows(std::string_view action) {
    int n = 0;
    auto log = m_store->audit_log();
    for (const AuditEntry& e : *log) n += e.action == action;
    return n;
  }

  long long m_campaign = 0, m_application = 0;
  std::vector<long long> m_experts;
  Actor m_expert{Role::expert, "a@example.org"};
};

TEST_P(SheetStore, DraftIsSavedAgainThenSubmittedOnceAndForGood) {
  Instant later = in_collection() + std::chrono::hours(1);
  ASSERT_TRUE(
      m_store->save_sheet(sheet(m_experts[0], SheetState::draft), m_expert, in_collection()));
  ExpertSheet changed = sheet(m_experts[0], SheetState::draft);
  changed.scores["team"] = 9;
  ASSERT_TRUE(m_store->save_sheet(changed, m_expert, in_collection()));
  auto saved = *m_store->sheets(m_campaign, k_body);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].scores, changed.scores);
  EXPECT_EQ(saved[0].comment, "思路新颖");
  EXPECT_EQ(saved[0].state, SheetState::draft);
  EXPECT_FALSE(saved[0].submitted_at);

  auto submitted = m_store->save_sheet(sheet(m_experts[0], SheetState::submitted), m_expert, later);
  ASSERT_TRUE(submitted);
  EXPECT_EQ(submitted->submitted_at, later);
  auto again = m_store->save_sheet(sheet(m_experts[0], SheetState::draft), m_expert, later);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::sheet_submitted);
  saved = *m_store->sheets(m_campaign, k_body);
  EXPECT_EQ(saved[0].state, SheetState::submitted);
  EXPECT_EQ(saved[0].scores, sheet(m_experts[0], SheetState::draft).scores);
  EXPECT_EQ(saved[0].submitted_at, later);
  EXPECT_EQ(audit_rows("sheet.save"), 2);
  EXPECT_EQ(audit_rows("sheet.submit"), 1);
}

TEST_P(SheetStore, OnlyTheAssignedExpertHasASheet) {
  auto added =
      m_store->add_experts(m_campaign, k_body, {expert("丙", "c@example.org", Sector::investment)},
                           m_body, in_collection());
  long long stranger = added->front();
  auto refused = m_store->save_sheet(sheet(stranger, SheetState::draft), m_expert, in_collection());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::assignment_missing);
  EXPECT_TRUE(m_store->sheets(m_campaign, k_body)->empty());
}

TEST_P(SheetStore, DeclineDropsTheDraftAndTheSheetWithIt) {
  ASSERT_TRUE(
      m_store->save_sheet(sheet(m_experts[0], SheetState::draft), m_expert, in_collection()));
  ASSERT_TRUE(m_store->decline_assignment(
      {m_experts[0], m_application, DeclineReason::conflict_of_interest, "曾与申报单位合作"},
      m_expert, in_collection()));
  EXPECT_TRUE(m_store->sheets(m_campaign, k_body)->empty());
  auto mine = *m_store->expert_assignments(m_experts[0]);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].state, AssignmentState::declined);
  EXPECT_EQ(mine[0].reason, "conflict_of_interest: 曾与申报单位合作");
  // A declined pair takes no sheet and cannot be declined twice.
  EXPECT_EQ(m_store->save_sheet(sheet(m_experts[0], SheetState::draft), m_expert, in_collection())
                .error()
                .code,
            ErrorCode::assignment_missing);
  EXPECT_EQ(m_store
                ->decline_assignment({m_experts[0], m_application, DeclineReason::unavailable, ""},
                                     m_expert, in_collection())
                .error()
                .code,
            ErrorCode::assignment_missing);
}

TEST_P(SheetStore, SubmittedSheetCannotBeDeclinedNorItsPairDropped) {
  Actor other{Role::expert, "b@example.org"};
  ASSERT_TRUE(
      m_store->save_sheet(sheet(m_experts[1], SheetState::submitted), other, in_collection()));
  EXPECT_EQ(m_store
                ->decline_assignment({m_experts[1], m_application, DeclineReason::unavailable, ""},
                                     other, in_collection())
                .error()
                .code,
            ErrorCode::sheet_submitted);
  // A re-run that drops the scored pair is refused whole; one that keeps it keeps the
  // row, and with it the sheet.
  auto dropped = m_store->replace_assignments(
      m_campaign, k_body,
      {{0, m_application, m_experts[0], 1.0, AssignmentState::assigned, "", {}}}, m_body,
      in_collection());
  ASSERT_FALSE(dropped);
  EXPECT_EQ(dropped.error().code, ErrorCode::assignment_scored);
  EXPECT_EQ(dropped.error().param("expert"), std::to_string(m_experts[1]));
  EXPECT_EQ(m_store->assignments(m_campaign, k_body)->size(), 2u);
  ASSERT_TRUE(m_store->replace_assignments(
      m_campaign, k_body,
      {{0, m_application, m_experts[1], 3.5, AssignmentState::assigned, "", {}}}, m_body,
      in_collection()));
  auto kept = *m_store->assignments(m_campaign, k_body);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_DOUBLE_EQ(kept[0].affinity, 3.5);
  ASSERT_EQ(m_store->sheets(m_campaign, k_body)->size(), 1u);
}

TEST_P(SheetStore, AccountsLeadToTheirBodyAndPoolEntry) {
  auto expert = m_store->expert_by_id(m_experts[1]);
  ASSERT_TRUE(expert);
  EXPECT_EQ(expert->expert.name, "乙");
  EXPECT_EQ(expert->expert.sector, Sector::industry);
  EXPECT_EQ(expert->body.name, k_body);
  EXPECT_EQ(expert->body.campaign_id, m_campaign);
  auto body = m_store->review_body_by_id(expert->body.id);
  ASSERT_TRUE(body);
  EXPECT_EQ(body->name, k_body);
  EXPECT_EQ(m_store->expert_by_id(m_experts[1] + 99).error().code, ErrorCode::expert_not_found);
  EXPECT_EQ(m_store->review_body_by_id(expert->body.id + 99).error().code,
            ErrorCode::review_body_unknown);

  Account admin{0, "admin@body.org", Role::review_body, "机构管理员", AccountStatus::active};
  admin.review_body_id = expert->body.id;
  Account reader{0, "b@example.org", Role::expert, "乙", AccountStatus::invited};
  reader.expert_id = m_experts[1];
  ASSERT_TRUE(m_store->create_account(admin, "", m_secretariat, in_collection()));
  ASSERT_TRUE(m_store->create_account(reader, "", m_secretariat, in_collection()));
  EXPECT_EQ(m_store->account_by_login("admin@body.org")->review_body_id, expert->body.id);
  EXPECT_EQ(m_store->account_by_login("b@example.org")->expert_id, m_experts[1]);
  EXPECT_EQ(m_store->account_by_login("b@example.org")->review_body_id, 0);
}

TEST_P(SheetStore, NoSheetIsSavedFromTheReviewDeadlineOn) {
  auto stored = m_store->campaign_by_id(m_campaign);
  ASSERT_TRUE(stored);
  const Phase* review = find_phase(stored->campaign, PhaseKind::preliminary_review);
  ASSERT_TRUE(review && review->starts_at);
  Instant deadline = *review->starts_at + std::chrono::hours(24 * 20);
  ASSERT_TRUE(m_store->set_phase_dates(m_campaign, PhaseKind::preliminary_review, review->starts_at,
                                       deadline, m_secretariat, in_collection()));
  Instant last = deadline - std::chrono::microseconds(1);
  ASSERT_TRUE(m_store->save_sheet(sheet(m_experts[0], SheetState::draft), m_expert, last));
  auto late = m_store->save_sheet(sheet(m_experts[0], SheetState::submitted), m_expert, deadline);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::review_closed);
  EXPECT_FALSE(late.error().param("deadline").empty());
  EXPECT_EQ(m_store->sheets(m_campaign, k_body)->front().state, SheetState::draft);
}

TEST_P(SheetStore, AliasTableIsKeptPerBody) {
  OrganisationAlias alias{0, {"中芯国际集成电路制造有限公司", "中芯国际", "SMIC"}, ""};
  auto id = m_store->add_alias(m_campaign, k_body, alias, m_body, in_collection());
  ASSERT_TRUE(id);
  auto kept = *m_store->aliases(m_campaign, k_body);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].id, *id);
  EXPECT_EQ(kept[0].names, alias.names);
  EXPECT_EQ(m_store->add_alias(m_campaign, "无此机构", alias, m_body, in_collection()).error().code,
            ErrorCode::review_body_unknown);
}

TEST_P(SheetStore, EarlierListsAreStoredAsABatch) {
  std::vector<ListedEntry> entries{
      {0, 2022, "pioneer_tech", "存算一体芯片", "某某公司", "", "简介", "", 0},
      {0, 2021, "emerging_enterprise", "某某科技", "", test_uscc(7), "", "", 0}};
  auto added = m_store->add_listed_entries(entries, m_secretariat, in_collection());
  ASSERT_TRUE(added);
  EXPECT_EQ(*added, 2);
  auto stored = *m_store->listed_entries();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_GT(stored[0].id, 0);
  stored[0].id = stored[1].id = 0;
  EXPECT_EQ(stored, entries);
  EXPECT_EQ(audit_rows("listed.import"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SheetStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
