// Preliminary review through the real server on both backends: the body admin files the
// plan (refused while its weights miss 100), the secretariat approves it, the assignment
// runs, the demo expert reads and scores only what it was given — before the deadline,
// within the scale, once — and the board ranks, shortlists and exports.
#include <nlohmann/json.hpp>

#include "web_fixture.hpp"

namespace kczg::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class ReviewWebTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    m_body = sign_in(demo_logins().at("review_body"));
    m_secretariat = sign_in(demo_logins().at("secretariat"));
    m_expert = sign_in(demo_logins().at("expert"));
  }

  // File the demo plan and approve it, then assign; returns the expert's assignments.
  json approve_and_assign() {
    auto filed = api("POST", "/api/v1/review/plan/file", m_body);
    EXPECT_EQ(filed.status, 200) << filed.body;
    auto approved = api("POST", "/api/v1/review/plan/decision", m_secretariat,
                        json{{"body", "演示·评审机构"}, {"action", "approve"}}.dump());
    EXPECT_EQ(approved.status, 200) << approved.body;
    auto run = api("POST", "/api/v1/review/assignment", m_body);
    EXPECT_EQ(run.status, 200) << run.body;
    json result = json::parse(run.body, nullptr, false);
    EXPECT_EQ(result.value("optimal", false), true) << run.body;
    EXPECT_GE(result.value("conflicts", 0), 1);  // the demo's planted conflict
    return json::parse(api("GET", "/api/v1/expert/assignments", m_expert).body);
  }

  ClientResponse score(long long application, const json& scores, bool submit) {
    return api("PUT", "/api/v1/expert/applications/" + std::to_string(application) + "/sheet",
               m_expert, json{{"scores", scores}, {"comment", "意见"}, {"submit", submit}}.dump());
  }

  SignedIn m_body, m_secretariat, m_expert;
};

TEST_P(ReviewWebTest, PlanIsFiledOnlyWhenWholeAndAssignmentWaitsForApproval) {
  json plan = json::parse(api("GET", "/api/v1/review/plan", m_body).body);
  ASSERT_EQ(plan["state"], "draft");
  plan["criteria"][0]["weight"] = 40;
  auto saved = api("PUT", "/api/v1/review/plan", m_body, plan.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json::parse(saved.body)["problems"][0]["code"], "plan_weights_sum");
  auto refused = api("POST", "/api/v1/review/plan/file", m_body);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["code"], "plan_weights_sum");

  // The page form: fixed and filed; the secretariat's page then lists it as filed.
  auto page = get("/review", as(m_body));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "id=\"plan-form\""));
  std::vector<std::pair<std::string, std::string>> form{{"_csrf", m_body.csrf}, {"action", "file"}};
  const char* codes[] = {"innovation", "maturity", "market_value", "team"};
  int weights[] = {30, 25, 25, 20};
  for (int i = 0; i < 4; ++i) {
    std::string n = std::to_string(i);
    form.insert(form.end(), {{"crit_code_" + n, codes[i]},
                             {"crit_zh_" + n, "指标" + n},
                             {"crit_en_" + n, "Criterion " + n},
                             {"crit_weight_" + n, std::to_string(weights[i])},
                             {"crit_min_" + n, "0"},
                             {"crit_max_" + n, "10"}});
  }
  form.insert(form.end(),
              {{"k", "3"}, {"load", "8"}, {"min_industry", "1"}, {"aggregation", "zscore"}});
  auto filed = post("/review/plan", form_encode(form), as(m_body));
  auto errors_at = filed.body.find("review-errors");
  EXPECT_EQ(filed.status, 200) << filed.body.substr(errors_at == std::string::npos ? 0 : errors_at,
                                                    600);
  EXPECT_TRUE(contains(filed.body, "data-state=\"filed\""));
  // Filed, not approved: nothing is assigned.
  auto early = api("POST", "/api/v1/review/assignment", m_body);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(json::parse(early.body)["code"], "plan_not_approved");
  EXPECT_EQ(json::parse(api("GET", "/api/v1/review/plan", m_body).body)["aggregation"], "zscore");
  auto queue = get("/secretariat/review", as(m_secretariat));
  EXPECT_TRUE(contains(queue.body, "approve-plan"));

  // Returning needs a reason; a returned plan can be edited again.
  auto bare = api("POST", "/api/v1/review/plan/decision", m_secretariat,
                  json{{"body", "演示·评审机构"}, {"action", "return"}}.dump());
  EXPECT_EQ(bare.status, 400) << bare.body;
  auto returned = api(
      "POST", "/api/v1/review/plan/decision", m_secretariat,
      json{{"body", "演示·评审机构"}, {"action", "return"}, {"reason", "请补充投资界专家"}}.dump());
  EXPECT_EQ(returned.status, 200) << returned.body;
  EXPECT_TRUE(contains(get("/review", as(m_body)).body, "请补充投资界专家"));
  // Only the secretariat decides.
  EXPECT_EQ(api("POST", "/api/v1/review/plan/decision", m_body,
                json{{"body", "演示·评审机构"}, {"action", "approve"}}.dump())
                .status,
            403);
}

TEST_P(ReviewWebTest, ExpertScoresOnlyItsOwnWithinTheScaleAndTheBoardRanks) {
  json mine = approve_and_assign();
  ASSERT_GE(mine.size(), 2u) << mine.dump();
  long long first = mine[0]["application"], second = mine[1]["application"];
  std::set<long long> assigned;
  for (const json& a : mine) assigned.insert(a["application"].get<long long>());
  long long stranger = 1;
  while (assigned.contains(stranger)) ++stranger;

  // Not assigned: not found, on the page, the API and the application itself.
  EXPECT_EQ(get("/expert/applications/" + std::to_string(stranger), as(m_expert)).status, 404);
  EXPECT_EQ(score(stranger, {{"innovation", 5}}, false).status, 404);
  EXPECT_EQ(get("/applications/" + std::to_string(stranger), as(m_expert)).status, 404);
  EXPECT_EQ(get("/applications/" + std::to_string(first), as(m_expert)).status, 200);

  // Out of the scale, or an unknown criterion: refused, nothing stored.
  auto out = score(first, {{"innovation", 11}, {"nonsense", 3}}, false);
  EXPECT_EQ(out.status, 422) << out.body;
  EXPECT_EQ(json::parse(out.body)["problems"].size(), 2u);
  // A submission needs every criterion; a draft does not.
  auto partial = score(first, {{"innovation", 9}}, true);
  EXPECT_EQ(partial.status, 422);
  EXPECT_EQ(json::parse(partial.body)["code"], "score_missing");
  EXPECT_EQ(score(first, {{"innovation", 9}}, false).status, 200);
  json full{{"innovation", 9}, {"maturity", 8}, {"market_value", 9}, {"team", 8}};
  EXPECT_EQ(score(first, full, true).status, 200);
  auto again = score(first, full, true);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(json::parse(again.body)["code"], "sheet_submitted");
  json low{{"innovation", 5}, {"maturity", 5}, {"market_value", 6}, {"team", 4}};
  auto page = post("/expert/applications/" + std::to_string(second),
                   form_encode({{"_csrf", m_expert.csrf},
                                {"action", "submit"},
                                {"score_innovation", "5"},
                                {"score_maturity", "5"},
                                {"score_market_value", "6"},
                                {"score_team", "4"},
                                {"comment", "一般"}}),
                   as(m_expert));
  EXPECT_EQ(page.status, 200) << page.body.substr(0, 600);
  EXPECT_TRUE(contains(page.body, "id=\"sheet-final\""));

  // A submitted pair cannot be declined; a third one can, with a reason for "other".
  EXPECT_EQ(api("POST", "/api/v1/expert/applications/" + std::to_string(first) + "/decline",
                m_expert, json{{"reason", "unavailable"}}.dump())
                .status,
            409);
  if (mine.size() > 2) {
    std::string third = "/api/v1/expert/applications/" +
                        std::to_string(mine[2]["application"].get<long long>()) + "/decline";
    EXPECT_EQ(api("POST", third, m_expert, json{{"reason", "other"}}.dump()).status, 400);
    EXPECT_EQ(
        api("POST", third, m_expert, json{{"reason", "other"}, {"note", "出差"}}.dump()).status,
        200);
  }

  json board = json::parse(api("GET", "/api/v1/review/board", m_body).body);
  EXPECT_EQ(board["aggregation"], "trimmed_mean");
  EXPECT_EQ(board["submitted"], 2);
  std::map<long long, int> rank;
  for (const json& r : board["rankings"]) {
    for (const json& e : r["entries"]) rank[e["application"]] = e["rank"];
  }
  ASSERT_TRUE(rank.contains(first) && rank.contains(second)) << board.dump();
  // The same field ranks the higher total first; different fields rank apart.
  EXPECT_TRUE(rank[first] <= rank[second]);
  json secretariat_view = json::parse(
      api("GET",
          "/api/v1/review/"
          "board?body=%E6%BC%94%E7%A4%BA%C2%B7%E8%AF%84%E5%AE%A1%E6%9C%BA%E6%9E%84&size=1",
          m_secretariat)
          .body);
  for (const json& r : secretariat_view["rankings"]) {
    EXPECT_LE(r["shortlist"].size(), 1u);
  }
  EXPECT_EQ(api("GET", "/api/v1/review/board?size=0", m_body).status, 400);
  auto csv = get("/review/board/export?format=csv", as(m_body));
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(contains(csv.body, "名次"));
  auto html = get("/review/board?lang=en", as(m_body));
  EXPECT_EQ(html.status, 200);
  EXPECT_TRUE(contains(html.body, "Ranked board"));
  EXPECT_TRUE(contains(html.body, "id=\"deviations\""));

  // Once scored, a re-run keeps the scored pairs rather than dropping them.
  EXPECT_EQ(api("POST", "/api/v1/review/assignment", m_body).status, 200);
  EXPECT_EQ(json::parse(api("GET", "/api/v1/review/board", m_body).body)["submitted"], 2);
}

TEST_P(ReviewWebTest, BodyAdminInvitesExpertsAndRemindsThoseBehind) {
  approve_and_assign();
  auto invited = post("/review/invite", form_encode({{"_csrf", m_body.csrf}}), as(m_body));
  EXPECT_EQ(invited.status, 200) << invited.body.substr(0, 600);
  // 15 demo experts, one (expert 1) already has the demo account.
  EXPECT_TRUE(contains(invited.body, "已发送 14 封专家邀请")) << invited.body.substr(0, 2000);
  auto reminded = post("/review/remind", form_encode({{"_csrf", m_body.csrf}}), as(m_body));
  EXPECT_EQ(reminded.status, 200);
  auto outbox = get("/secretariat/outbox", as(m_secretariat));
  EXPECT_TRUE(contains(outbox.body, "科创中国初评提醒"));
  EXPECT_TRUE(contains(outbox.body, "/invite/"));
}

TEST_P(ReviewWebTest, BodyAdminKeepsPoolAliasesAndPairsAndExpertsDeclareTies) {
  // The pool from an uploaded CSV: a bad row refuses the whole file, a good one adds.
  auto upload = [&](const std::string& csv) {
    std::string b = "----kczgboundary";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
                       m_body.csrf + "\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; "
                       "filename=\"experts.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                       csv + "\r\n--" + b + "--\r\n";
    Fields headers = as(m_body);
    headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + b);
    return request("POST", "/review/experts", headers, body);
  };
  std::string header = "姓名,工作单位,所在地区,界别,专业关键词,电子邮箱\n";
  auto bad = upload(header + "新专家甲,某某大学,110108,学术界,芯片,new1@example.org\n" +
                    "新专家乙,某某公司,110108,媒体界,芯片,new2@example.org\n");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "第 3 行")) << bad.body.substr(0, 3000);
  auto good = upload(header + "新专家甲,某某大学,110108,学术界,芯片,new1@example.org\n");
  EXPECT_EQ(good.status, 200) << good.body.substr(0, 3000);
  EXPECT_TRUE(contains(good.body, "已导入 1 位专家"));
  EXPECT_TRUE(contains(good.body, "新专家甲"));

  // Aliases: one name alone is refused; a group is kept and listed.
  auto alone = post("/review/aliases", form_encode({{"_csrf", m_body.csrf}, {"names", "中芯国际"}}),
                    as(m_body));
  EXPECT_EQ(alone.status, 400);
  auto group = post(
      "/review/aliases",
      form_encode({{"_csrf", m_body.csrf}, {"names", "中芯国际集成电路制造有限公司、中芯国际"}}),
      as(m_body));
  EXPECT_EQ(group.status, 200);
  EXPECT_TRUE(contains(group.body, "中芯国际集成电路制造有限公司 = 中芯国际"));

  // The assignment page explains each pair; a swap onto the planted conflict is refused,
  // a rule-abiding one is stored.
  json mine = approve_and_assign();
  auto page = get("/review/assignments", as(m_body));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "id=\"pairs\""));
  // Who reads what, from the page's rows (data-application, data-expert).
  std::map<long long, std::set<long long>> readers;
  for (auto at = page.body.find("data-application=\""); at != std::string::npos;
       at = page.body.find("data-application=\"", at + 1)) {
    long long a = std::atoll(page.body.c_str() + at + 18);
    auto e = page.body.find("data-expert=\"", at);
    readers[a].insert(std::atoll(page.body.c_str() + e + 13));
  }
  ASSERT_TRUE(readers.contains(1)) << "application 1 is not assigned";
  auto swap = [&](long long a, long long from, long long to) {
    return post("/review/assignments/swap",
                form_encode({{"_csrf", m_body.csrf},
                             {"application", std::to_string(a)},
                             {"from", std::to_string(from)},
                             {"to", std::to_string(to)}}),
                as(m_body));
  };
  // Expert 15 works for application 1's applicant: never its reader.
  auto conflicted = swap(1, *readers[1].begin(), 15);
  EXPECT_EQ(conflicted.status, 409);
  EXPECT_TRUE(contains(conflicted.body, "专家 15 与申报 1 存在利益冲突"))
      << conflicted.body.substr(0, 3000);
  // Expert 1 (academia) makes way for another academic not yet reading it.
  long long application = mine[0]["application"];
  long long to = 0;
  for (long long academic : {3, 5, 7, 9, 11, 16}) {
    if (!readers[application].contains(academic)) {
      to = academic;
      break;
    }
  }
  ASSERT_NE(to, 0);
  auto swapped = swap(application, 1, to);
  EXPECT_EQ(swapped.status, 200) << swapped.body.substr(0, 3000);
  EXPECT_TRUE(contains(swapped.body, "已换为专家 " + std::to_string(to)));
  json after = json::parse(api("GET", "/api/v1/expert/assignments", m_expert).body);
  for (const json& a : after) EXPECT_NE(a["application"], application);
  auto rule = post("/review/pair-rules",
                   form_encode({{"_csrf", m_body.csrf},
                                {"application", std::to_string(application)},
                                {"expert", "4"},
                                {"rule", "forbid"},
                                {"reason", "同门关系"}}),
                   as(m_body));
  EXPECT_EQ(rule.status, 200) << rule.body.substr(0, 2000);
  EXPECT_TRUE(contains(rule.body, "同门关系"));
  auto unreasoned = post("/review/pair-rules",
                         form_encode({{"_csrf", m_body.csrf},
                                      {"application", std::to_string(application)},
                                      {"expert", "2"},
                                      {"rule", "force"}}),
                         as(m_body));
  EXPECT_EQ(unreasoned.status, 400);

  // The expert declares an organisation; a declaration without a reason is refused.
  auto undeclared =
      post("/expert/conflicts",
           form_encode({{"_csrf", m_expert.csrf}, {"organisation", "某某大学"}}), as(m_expert));
  EXPECT_EQ(undeclared.status, 400);
  auto declared = post("/expert/conflicts",
                       form_encode({{"_csrf", m_expert.csrf},
                                    {"organisation", "演示理工大学附属企业"},
                                    {"reason", "曾任职"}}),
                       as(m_expert));
  EXPECT_EQ(declared.status, 200);
  EXPECT_TRUE(contains(get("/expert", as(m_expert)).body, "演示理工大学附属企业"));
}

// The formal check's duplicates page on the demo: its earlier lists plant one of its
// names in traditional characters (晶片 for 芯片) and another with 技术 added.
TEST_P(ReviewWebTest, FormalCheckShowsRepeatsOfEarlierListsSideBySide) {
  auto page = get("/secretariat/formal-check", as(m_secretariat));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "高精度存算一體晶片")) << page.body.substr(0, 3000);
  EXPECT_TRUE(contains(page.body, "data-kind=\"name\""));
  EXPECT_TRUE(contains(page.body, "可回收单细胞测序平台技术"));
  EXPECT_TRUE(contains(page.body, "<mark>"));
  EXPECT_EQ(get("/secretariat/formal-check", as(m_body)).status, 403);
  json findings = json::parse(api("GET", "/api/v1/formal-check/duplicates", m_secretariat).body);
  ASSERT_EQ(findings.size(), 2u) << findings.dump();
  EXPECT_EQ(findings[0]["kind"], "name");
  EXPECT_EQ(findings[0]["matched"]["name"], "高精度存算一體晶片");
  EXPECT_EQ(findings[0]["matched"]["year"], 2022);
  EXPECT_DOUBLE_EQ(findings[1]["score"].get<double>(), 0.9);  // 技术 added
  auto english = get("/secretariat/formal-check?lang=en", as(m_secretariat)).body;
  EXPECT_TRUE(contains(english, "<h2 id=\"duplicates-h\">Duplicates</h2>")) << english;
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
