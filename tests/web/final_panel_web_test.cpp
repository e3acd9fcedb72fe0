// The final panel (终评专家组) through the real server: the secretariat forms it on its
// review page (refused without a list, with a taken login, over another panel's list), its
// admin accepts the invitation, files a plan the secretariat approves and assigns the
// shortlisted candidates only; while it scores, the final review waits for it; once it
// has scored everything, its ranking is the final review's, the preliminary score beside.
#include <algorithm>
#include <set>

#include "final_review_fixture.hpp"

namespace kczg::testing {
namespace {

const char* const k_panel = "终评专家组";

class FinalPanelWebTest : public FinalReviewFixture {
 protected:
  // The demo body's shortlist reported (2 per field), preliminary review over and the
  // final review open until tomorrow: the shortlisted ids.
  std::set<long long> shortlist_and_open_final_review() {
    pass_formal_check_and_assign();
    EXPECT_GT(score_everything(), 0);
    EXPECT_EQ(api("POST", "/api/v1/review/shortlist", m_body, json{{"size", 2}}.dump()).status,
              200);
    open_final_review(now() + std::chrono::days(1));
    std::set<long long> shortlisted;
    for (const auto& [id, state] : states()) {
      if (state == "shortlisted") shortlisted.insert(id);
    }
    return shortlisted;
  }

  void open_final_review(Instant ends) {
    set_phase(m_secretariat, "preliminary_review", now() - std::chrono::days(3),
              now() - std::chrono::days(2));
    set_phase(m_secretariat, "final_review", now() - std::chrono::days(2), ends);
  }

  ClientResponse form_panel(const std::string& name, bool pioneer, const std::string& login) {
    std::vector<std::pair<std::string, std::string>> form{{"_csrf", m_secretariat.csrf},
                                                          {"name", name},
                                                          {"admin_login", login},
                                                          {"admin_name", "终评组秘书"}};
    if (pioneer) form.emplace_back("list_pioneer_tech", "on");
    return post("/secretariat/review/panel?lang=en", form_encode(form), as(m_secretariat));
  }

  const ReviewBody* panel_in(const StoredCampaign& stored) {
    return find_review_body(stored.campaign, k_panel);
  }

  // The invitation the outbox holds for `login`, accepted with a password.
  SignedIn accept_invitation(const std::string& login) {
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto mails = (*store)->outbox(500);
    EXPECT_TRUE(mails);
    auto mail = std::ranges::find_if(
        *mails, [&](const OutboxMail& m) { return m.to == login && contains(m.body, "/invite/"); });
    EXPECT_NE(mail, mails->end()) << login;
    if (mail == mails->end()) return {};
    std::string link = mail->body.substr(mail->body.find("/invite/"));
    std::string pw = form_encode({{"password", "final panel pw"}, {"password2", "final panel pw"}});
    EXPECT_EQ(post(link, pw).status, 200);
    return sign_in(login, "final panel pw");
  }

  // Academia, industry and investment, from organisations no candidate names.
  void add_panel_experts(const SignedIn& admin) {
    std::vector<Expert> experts;
    const std::pair<const char*, Sector> who[] = {{"终评·学者", Sector::academia},
                                                  {"终评·企业家", Sector::industry},
                                                  {"终评·投资人", Sector::investment}};
    int n = 0;
    for (const auto& [name, sector] : who) {
      Expert e;
      e.name = name;
      e.organisation = std::string("终评机构") + std::to_string(++n);
      e.region = "110108";
      e.sector = sector;
      e.keywords = {"芯片", "材料"};
      e.profile = "长期从事科技成果评价。";
      e.email = "panel-expert" + std::to_string(n) + "@example.org";
      experts.push_back(e);
    }
    auto store = open_store(m_db);
    ASSERT_TRUE(store);
    auto stored = (*store)->latest_campaign();
    ASSERT_TRUE((*store)->add_experts(stored->id, k_panel, experts,
                                      Actor{Role::review_body, "panel@example.org"}, now()));
    // The plan: a weighted merit score and a support vote (0 or 1), the mean of three.
    json plan{{"criteria",
               {{{"code", "merit"},
                 {"name_zh", "综合水平"},
                 {"name_en", "Merit"},
                 {"weight", 70},
                 {"scale_min", 0},
                 {"scale_max", 10}},
                {{"code", "vote"},
                 {"name_zh", "是否支持入选"},
                 {"name_en", "Support"},
                 {"weight", 30},
                 {"scale_min", 0},
                 {"scale_max", 1}}}},
              {"experts_per_application", 3},
              {"max_load", 30},
              {"sector_minimums", {{"academia", 1}, {"industry", 1}, {"investment", 1}}},
              {"aggregation", "mean"}};
    auto saved = api("PUT", "/api/v1/review/plan", admin, plan.dump());
    ASSERT_EQ(saved.status, 200) << saved.body;
    ASSERT_EQ(api("POST", "/api/v1/review/plan/file", admin).status, 200);
    ASSERT_EQ(api("POST", "/api/v1/review/plan/decision", m_secretariat,
                  json{{"body", k_panel}, {"action", "approve"}}.dump())
                  .status,
              200);
  }

  // The panel's merit runs against the preliminary scores (lower ids higher), so its
  // ranking reads differently.
  static json panel_scores(long long application) {
    return {{"merit", 1 + double(8 - application % 9)}, {"vote", application % 2 == 0 ? 1 : 0}};
  }

  json final_review() {
    return json::parse(api("GET", "/api/v1/final-review", m_secretariat).body);
  }
};

TEST_P(FinalPanelWebTest, TheFinalPanelScoresTheShortlistAndItsRankingDecides) {
  std::set<long long> shortlisted = shortlist_and_open_final_review();
  ASSERT_GE(shortlisted.size(), 2u);

  // Formed on the review page: refused without a list, with a taken login; then formed.
  auto no_list = form_panel(k_panel, false, "panel@example.org");
  EXPECT_EQ(no_list.status, 400);
  EXPECT_TRUE(contains(no_list.body, "tick at least one list")) << no_list.body.substr(0, 2000);
  auto taken = form_panel(k_panel, true, demo_logins().at("unit"));
  EXPECT_EQ(taken.status, 409);
  {
    auto store = open_store(m_db);
    auto stored = (*store)->latest_campaign();
    EXPECT_EQ(panel_in(*stored), nullptr);  // neither left a panel behind
  }
  auto formed = form_panel(k_panel, true, "panel@example.org");
  ASSERT_EQ(formed.status, 200) << formed.body.substr(0, 2000);
  EXPECT_TRUE(contains(formed.body, "class=\"final-panel-badge\""));
  auto overlap = form_panel("另一终评组", true, "panel2@example.org");
  EXPECT_EQ(overlap.status, 409);
  EXPECT_TRUE(contains(overlap.body, k_panel)) << overlap.body.substr(0, 2000);
  {
    auto store = open_store(m_db);
    auto stored = (*store)->latest_campaign();
    const ReviewBody* panel = panel_in(*stored);
    ASSERT_NE(panel, nullptr);
    EXPECT_TRUE(panel->final_panel);
    EXPECT_EQ(panel->covers, (std::vector<Coverage>{{"pioneer_tech", ""}}));
    EXPECT_EQ(find_review_body(stored->campaign, "另一终评组"), nullptr);
  }
  SignedIn admin = accept_invitation("panel@example.org");
  EXPECT_TRUE(contains(get("/review?lang=en", as(admin)).body, "id=\"final-panel-note\""));
  add_panel_experts(admin);

  // Approved but nothing scored: the final review shows the preliminary ranking, waits.
  json waiting = final_review();
  ASSERT_EQ(waiting.size(), 1u) << waiting.dump();
  int waiting_for = 0;
  for (const json& t : waiting[0]["tables"]) {
    ASSERT_TRUE(t["waiting_for_panel"].is_object()) << t.dump();
    EXPECT_EQ(t["waiting_for_panel"]["body"], k_panel);
    waiting_for += t["waiting_for_panel"]["count"].get<int>();
  }
  EXPECT_EQ(waiting_for, int(shortlisted.size()));
  auto before = states();
  long long first = *shortlisted.begin();
  auto decided = api("POST", "/api/v1/final-review/" + std::to_string(first) + "/decision",
                     m_secretariat, json{{"choice", "listed"}}.dump());
  EXPECT_EQ(decided.status, 409) << decided.body;
  EXPECT_EQ(json::parse(decided.body)["code"], "final_panel_scoring");
  auto applied = api("POST", "/api/v1/final-review/apply", m_secretariat);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(json::parse(applied.body)["listed"], 0);
  EXPECT_EQ(states(), before);
  auto page = get("/secretariat/final-review?lang=en", as(m_secretariat));
  EXPECT_TRUE(contains(page.body, "data-waiting=\"pioneer_tech/")) << page.body.substr(0, 3000);
  EXPECT_FALSE(contains(page.body, "id=\"apply-proposal\""));

  // The panel reports no shortlist; its assignment reads the shortlisted candidates only.
  auto report = api("POST", "/api/v1/review/shortlist", admin, json{{"size", 2}}.dump());
  EXPECT_EQ(report.status, 409) << report.body;
  EXPECT_EQ(json::parse(report.body)["code"], "final_panel_no_shortlist");
  auto run = api("POST", "/api/v1/review/assignment", admin);
  ASSERT_EQ(run.status, 200) << run.body;
  auto store = open_store(m_db);
  ASSERT_TRUE(store);
  auto stored = (*store)->latest_campaign();
  auto pairs = (*store)->assignments(stored->id, k_panel);
  ASSERT_TRUE(pairs);
  std::set<long long> assigned;
  for (const ReviewAssignment& p : *pairs) assigned.insert(p.application_id);
  EXPECT_EQ(assigned, shortlisted);
  EXPECT_EQ(pairs->size(), 3 * shortlisted.size());

  // Every pair but one expert's first scored from the store; that one through the web.
  auto experts = (*store)->experts(stored->id, k_panel);
  ASSERT_TRUE(experts);
  const Expert& academic = experts->front();
  long long by_web = 0;
  for (const ReviewAssignment& p : *pairs) {
    if (p.expert_id == academic.id && by_web == 0) {
      by_web = p.application_id;
      continue;
    }
    json s = panel_scores(p.application_id);
    ExpertSheet sheet{p.application_id,
                      p.expert_id,
                      {{"merit", s["merit"].get<double>()}, {"vote", s["vote"].get<double>()}},
                      "",
                      SheetState::submitted,
                      {},
                      std::nullopt};
    ASSERT_TRUE((*store)->save_sheet(sheet, Actor{Role::expert, "panel expert"}, now()));
  }
  json one_left = final_review();
  ASSERT_EQ(one_left.size(), 1u);
  int still = 0;
  for (const json& t : one_left[0]["tables"]) {
    if (t["waiting_for_panel"].is_object()) still += t["waiting_for_panel"]["count"].get<int>();
  }
  EXPECT_EQ(still, 1);  // a candidate counts as scored once every panel member has scored it

  // The panel's expert scores until the final review ends, not the preliminary deadline.
  ASSERT_EQ(post("/review/invite", form_encode({{"_csrf", admin.csrf}}), as(admin)).status, 200);
  SignedIn expert = accept_invitation(academic.email);
  std::string sheet_path = "/api/v1/expert/applications/" + std::to_string(by_web) + "/sheet";
  json sheet{{"scores", panel_scores(by_web)}, {"comment", "终评意见"}, {"submit", true}};
  open_final_review(now() - std::chrono::hours(1));
  auto late = api("PUT", sheet_path, expert, sheet.dump());
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(json::parse(late.body)["code"], "review_closed");
  open_final_review(now() + std::chrono::days(1));
  auto scored = api("PUT", sheet_path, expert, sheet.dump());
  ASSERT_EQ(scored.status, 200) << scored.body;

  // Complete: the panel ranks, each row with its preliminary score beside.
  json ranked = final_review();
  ASSERT_EQ(ranked.size(), 1u);
  bool reads_differently = false;
  for (const json& t : ranked[0]["tables"]) {
    EXPECT_TRUE(t["waiting_for_panel"].is_null()) << t.dump();
    double last = 1e9;
    std::vector<double> preliminary;
    for (const json& r : t["rows"]) {
      EXPECT_EQ(r["body"], k_panel);
      EXPECT_EQ(r["preliminary"]["body"], k_body);
      EXPECT_LE(r["score"].get<double>(), last + 1e-9);  // the panel's order
      last = r["score"].get<double>();
      preliminary.push_back(r["preliminary"]["score"].get<double>());
      if (r["application"] == by_web) {  // the bodies' comments, side by side
        EXPECT_EQ(r["comments"], json::array({std::string(k_panel) + ": 终评意见"}));
      }
    }
    reads_differently = reads_differently || !std::ranges::is_sorted(preliminary, std::greater{});
  }
  EXPECT_TRUE(reads_differently) << ranked.dump();
  auto panel_page = get("/secretariat/final-review?lang=en", as(m_secretariat));
  EXPECT_TRUE(contains(panel_page.body, "class=\"preliminary\""));
  EXPECT_TRUE(contains(panel_page.body, "<details class=\"comments\"><summary>"));
  EXPECT_TRUE(contains(panel_page.body, "id=\"apply-proposal\""));
  auto done = api("POST", "/api/v1/final-review/apply", m_secretariat);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(json::parse(done.body)["listed"].get<int>(), int(shortlisted.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, FinalPanelWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
