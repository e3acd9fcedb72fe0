// From the preliminary review's board to the final review's decisions, through the real
// server on both backends: the body admin cannot report its shortlist while anything is
// unscored, reports it (the cut and any tie at it go on, the rest off) once all is scored;
// the secretariat decides only in the final review phase, needs a reason to depart from
// the proposal or to take a decision back, applies the proposal to the rest, and the
// counts of listed against the target follow.
#include "final_review_fixture.hpp"

namespace kczg::testing {
namespace {

class FinalReviewWebTest : public FinalReviewFixture {};

TEST_P(FinalReviewWebTest, ShortlistIsReportedWholeAndTheFinalReviewDecidesWithReasons) {
  Instant hour_ago = now() - std::chrono::hours(1);
  pass_formal_check_and_assign();
  // Nothing scored yet: the report is refused whole, and no state moves.
  auto before = states();
  auto early = api("POST", "/api/v1/review/shortlist", m_body, json{{"size", 2}}.dump());
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(json::parse(early.body)["code"], "shortlist_unscored");
  EXPECT_EQ(states(), before);
  // Nothing is shortlisted yet: applying the final proposal has nothing to move.
  EXPECT_EQ(api("POST", "/api/v1/final-review/apply", m_secretariat).status, 200);
  EXPECT_EQ(states(), before);

  ASSERT_GT(score_everything(), 0);
  json board = json::parse(api("GET", "/api/v1/review/board", m_body).body);
  int ranked = 0;
  for (const json& r : board["rankings"]) ranked += int(r["entries"].size());
  ASSERT_GE(ranked, 3) << board.dump();
  // A wrong size is refused; 2 per field is reported, the page shows the states.
  EXPECT_EQ(api("POST", "/api/v1/review/shortlist", m_body, json{{"size", "two"}}.dump()).status,
            400);
  auto reported = api("POST", "/api/v1/review/shortlist", m_body, json{{"size", 2}}.dump());
  ASSERT_EQ(reported.status, 200) << reported.body;
  json counts = json::parse(reported.body);
  EXPECT_EQ(counts["shortlisted"].get<int>() + counts["not_shortlisted"].get<int>(), ranked);
  EXPECT_GE(counts["shortlisted"].get<int>(), 1);
  int shortlisted = 0, not_shortlisted = 0;
  for (const auto& [id, state] : states()) {
    shortlisted += state == "shortlisted";
    not_shortlisted += state == "not_shortlisted";
  }
  EXPECT_EQ(shortlisted, counts["shortlisted"].get<int>());
  EXPECT_EQ(not_shortlisted, counts["not_shortlisted"].get<int>());
  auto page = get("/review/board?lang=en", as(m_body));
  EXPECT_TRUE(contains(page.body, "data-state=\"shortlisted\"")) << page.body.substr(0, 3000);
  EXPECT_FALSE(contains(page.body, "id=\"report-shortlist\""));  // nothing left to report

  // The final review lists the shortlist; deciding waits for its phase.
  json proposal = json::parse(api("GET", "/api/v1/final-review", m_secretariat).body);
  ASSERT_EQ(proposal.size(), 1u) << proposal.dump();
  EXPECT_EQ(proposal[0]["list"], "pioneer_tech");
  EXPECT_EQ(proposal[0]["target"], 150);
  std::vector<long long> candidates;
  for (const json& t : proposal[0]["tables"]) {
    for (const json& r : t["rows"]) {
      EXPECT_EQ(r["proposed"], true);  // fewer candidates than the target: all proposed
      candidates.push_back(r["application"]);
    }
  }
  ASSERT_EQ(int(candidates.size()), shortlisted);
  auto decision = [&](long long id, const std::string& choice, const std::string& reason) {
    return api("POST", "/api/v1/final-review/" + std::to_string(id) + "/decision", m_secretariat,
               json{{"choice", choice}, {"reason", reason}}.dump());
  };
  auto too_early = decision(candidates[0], "listed", "");
  EXPECT_EQ(too_early.status, 409) << too_early.body;
  EXPECT_EQ(json::parse(too_early.body)["code"], "transition_phase");

  set_phase(m_secretariat, "preliminary_review", now() - std::chrono::days(2), hour_ago);
  set_phase(m_secretariat, "final_review", hour_ago, now() + std::chrono::days(10));
  // Leaving out a proposed one departs from the proposal: a reason, or nothing changes.
  auto bare = decision(candidates[0], "not_listed", " ");
  EXPECT_EQ(bare.status, 422) << bare.body;
  EXPECT_EQ(json::parse(bare.body)["code"], "final_reason_missing");
  EXPECT_EQ(states()[candidates[0]], "shortlisted");
  EXPECT_EQ(decision(candidates[0], "not_listed", "同一技术已由其他渠道推荐").status, 200);
  EXPECT_EQ(states()[candidates[0]], "not_listed");
  EXPECT_EQ(decision(candidates[0], "maybe", "").status, 400);
  // Taking it back needs a reason too; a not-shortlisted application is no candidate.
  EXPECT_EQ(decision(candidates[0], "reconsider", "").status, 400);
  EXPECT_EQ(decision(candidates[0], "reconsider", "经复核重新审议").status, 200);
  EXPECT_EQ(states()[candidates[0]], "shortlisted");
  for (const auto& [id, state] : states()) {
    if (state == "not_shortlisted") {
      EXPECT_EQ(decision(id, "listed", "理由").status, 404);
      break;
    }
  }
  // As proposed needs no reason; the rest is applied in one go and the counts follow.
  if (candidates.size() > 1) {
    EXPECT_EQ(decision(candidates[1], "listed", "").status, 200);
  }
  auto applied = api("POST", "/api/v1/final-review/apply", m_secretariat);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(json::parse(applied.body)["left"], 0);
  json after = json::parse(api("GET", "/api/v1/final-review", m_secretariat).body);
  EXPECT_EQ(after[0]["listed"], shortlisted);
  EXPECT_EQ(after[0]["undecided"], 0);
  EXPECT_EQ(after[0]["over_target"], 0);

  // The audit log keeps each decision with its reason; the page shows it in both languages.
  auto audit = get("/secretariat/audit.csv", as(m_secretariat));
  EXPECT_TRUE(contains(audit.body, "application.reject_list"));
  EXPECT_TRUE(contains(audit.body, "同一技术已由其他渠道推荐"));
  EXPECT_TRUE(contains(audit.body, "application.reconsider"));
  auto zh = get("/secretariat/final-review", as(m_secretariat));
  EXPECT_EQ(zh.status, 200);
  EXPECT_TRUE(contains(zh.body, "已入榜 " + std::to_string(shortlisted) + " 项，目标 150 项"))
      << zh.body.substr(0, 3000);
  auto en = get("/secretariat/final-review?lang=en", as(m_secretariat));
  EXPECT_TRUE(contains(en.body, std::to_string(shortlisted) + " listed of a target of 150"));
  EXPECT_TRUE(contains(en.body, "data-state=\"listed\""));
  EXPECT_EQ(get("/secretariat/final-review", as(m_body)).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, FinalReviewWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
