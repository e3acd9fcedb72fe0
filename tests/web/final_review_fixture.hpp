// What the final review, notice and publication tests share: a demo campaign taken through
// the formal check and the assignment, every pair scored, the shortlist reported, the
// final review decided and the public notice opened, through the real server.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "collection_fixture.hpp"
#include "store/store.hpp"

namespace kczg::testing {

inline const char* const k_body = "演示·评审机构";

class FinalReviewFixture : public CollectionTest {
 protected:
  void SetUp() override {
    CollectionTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_secretariat = sign_in(demo_logins().at("secretariat"));
    m_body = sign_in(demo_logins().at("review_body"));
  }

  std::map<long long, std::string> states() {
    std::map<long long, std::string> out;
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto stored = (*store)->latest_campaign();
    auto summaries = (*store)->application_summaries(stored->id, {});
    for (const ApplicationSummary& s : *summaries) {
      out[s.application.id] = std::string(state_name(s.application.state));
    }
    return out;
  }

  // Every pair of the demo body's assignment scored and submitted, higher for later ids, so
  // the ranking is known.
  int score_everything() {
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto stored = (*store)->latest_campaign();
    auto pairs = (*store)->assignments(stored->id, k_body);
    EXPECT_TRUE(pairs);
    int scored = 0;
    for (const ReviewAssignment& p : *pairs) {
      if (p.state != AssignmentState::assigned) continue;
      double v = 1 + double(p.application_id % 9);
      ExpertSheet sheet{p.application_id,
                        p.expert_id,
                        {{"innovation", v}, {"maturity", v}, {"market_value", v}, {"team", 4}},
                        "",
                        SheetState::submitted,
                        {},
                        std::nullopt};
      auto saved = (*store)->save_sheet(sheet, Actor{Role::expert, "expert@test"}, now());
      EXPECT_TRUE(saved) << (saved ? "" : std::string(code_name(saved.error().code)));
      ++scored;
    }
    return scored;
  }

  // Into the preliminary review: the formal check passes what the demo's units
  // recommended, the plan is approved and the assignment runs.
  void pass_formal_check_and_assign() {
    Instant hour_ago = now() - std::chrono::hours(1);
    set_phase(m_secretariat, "collection", now() - std::chrono::days(30), hour_ago);
    set_phase(m_secretariat, "preliminary_review", hour_ago, now() + std::chrono::days(20));
    json rows = json::parse(api("GET", "/api/v1/formal-check", m_secretariat).body);
    for (const json& r : rows) {
      if (r["state"] != "recommended") continue;
      std::string path =
          "/api/v1/formal-check/" + std::to_string(r["application"].get<long long>()) + "/decision";
      auto d = api("POST", path, m_secretariat,
                   json{{"eligible", true}, {"reason", "材料已核实"}}.dump());
      ASSERT_EQ(d.status, 200) << d.body;
    }
    ASSERT_EQ(api("POST", "/api/v1/review/plan/file", m_body).status, 200);
    ASSERT_EQ(api("POST", "/api/v1/review/plan/decision", m_secretariat,
                  json{{"body", k_body}, {"action", "approve"}}.dump())
                  .status,
              200);
    ASSERT_EQ(api("POST", "/api/v1/review/assignment", m_body).status, 200);
  }

  // Scored, reported (2 per field), decided as proposed in the final review (the pioneer
  // list's target set to `pioneer_target` first, when given), which then closes, and the
  // public notice open: the listed applications' ids.
  std::vector<long long> open_notice_of_listed(int pioneer_target = 0) {
    pass_formal_check_and_assign();
    EXPECT_GT(score_everything(), 0);
    EXPECT_EQ(api("POST", "/api/v1/review/shortlist", m_body, json{{"size", 2}}.dump()).status,
              200);
    Instant hour_ago = now() - std::chrono::hours(1);
    set_phase(m_secretariat, "preliminary_review", now() - std::chrono::days(3),
              now() - std::chrono::days(2));
    set_phase(m_secretariat, "final_review", now() - std::chrono::days(2),
              now() + std::chrono::hours(1));
    if (pioneer_target > 0) {
      auto store = open_store(m_db);
      EXPECT_TRUE(store);
      auto stored = (*store)->latest_campaign();
      EXPECT_TRUE((*store)->set_list_target(stored->id, "pioneer_tech", pioneer_target,
                                            Actor{Role::secretariat, "test"}, now()));
    }
    EXPECT_EQ(api("POST", "/api/v1/final-review/apply", m_secretariat).status, 200);
    set_phase(m_secretariat, "final_review", now() - std::chrono::days(2), hour_ago);
    set_phase(m_secretariat, "public_notice", hour_ago, now() + std::chrono::days(7));
    std::vector<long long> listed;
    for (const auto& [id, state] : states()) {
      if (state == "listed") listed.push_back(id);
    }
    return listed;
  }

  SignedIn m_secretariat, m_body;
};

}  // namespace kczg::testing
