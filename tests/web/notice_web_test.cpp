// The public notice and publication through the real server on both backends: objections
// (anonymous ones refused, evidence kept for the secretariat alone, none outside the
// notice), upheld and dismissed with the objector told; a seat an upheld objection freed
// taken by the next in the ranking; publication once, public fields only, the entries
// earlier lists for next year; every report table downloaded.
#include <algorithm>
#include <set>

#include "final_review_fixture.hpp"

namespace kczg::testing {
namespace {

class NoticeWebTest : public FinalReviewFixture {};

TEST_P(NoticeWebTest, PublicNoticeTakesObjectionsAndAnUpheldOneTakesTheEntryOff) {
  std::vector<long long> listed = open_notice_of_listed();
  ASSERT_GE(listed.size(), 2u);
  long long target = listed[0];

  // The notice, without signing in: the proposed entries with their public fields only.
  auto page = get("/notice");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "data-application=\"" + std::to_string(target) + "\""));
  json notice = json::parse(get("/api/v1/notice").body);
  EXPECT_EQ(notice["open"], true);
  ASSERT_EQ(notice["entries"].size(), listed.size());
  for (const json& e : notice["entries"]) {
    std::set<std::string> keys;
    for (const auto& [k, v] : e.items()) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"application", "number", "name", "holder", "unit",
                                           "list", "field"}));
  }
  // Nothing private on the page either: no contact, no score.
  EXPECT_FALSE(contains(page.body, "@demo.kczg.cn"));
  EXPECT_FALSE(contains(page.body, "data-proposed"));

  // Anonymous or without a contact: refused with every reason, nothing stored.
  auto object = [&](long long id, const json& body) {
    return request("POST", "/api/v1/notice/" + std::to_string(id) + "/objections",
                   {{"Content-Type", "application/json"}}, body.dump());
  };
  std::string grounds =
      "该技术核心专利已转让他人，申报单位已非权利人，附国家知识产权局登记簿副本为证。";
  auto anonymous = object(target, {{"name", "匿名"}, {"contact", ""}, {"grounds", grounds}});
  EXPECT_EQ(anonymous.status, 422) << anonymous.body;
  json refused = json::parse(anonymous.body);
  EXPECT_EQ(refused["code"], "objection_anonymous");
  EXPECT_EQ(refused["problems"].size(), 2u);
  auto form = post("/notice/" + std::to_string(target) + "/objection",
                   form_encode({{"name", ""}, {"contact", "x"}, {"grounds", grounds}}));
  EXPECT_EQ(form.status, 422);
  EXPECT_TRUE(contains(form.body, "匿名异议不予受理")) << form.body.substr(0, 2000);
  // An application not on the notice cannot be objected to.
  EXPECT_EQ(object(999999, {{"name", "张明"}, {"contact", "zm@example.org"}, {"grounds", grounds}})
                .status,
            404);

  // A real objection, by the API and by the page.
  auto filed = object(target, {{"name", "张明"},
                               {"contact", "zhang.ming@example.org"},
                               {"organisation", "某大学科研处"},
                               {"grounds", grounds}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  long long objection = json::parse(filed.body)["objection"];
  auto by_page = post("/notice/" + std::to_string(listed[1]) + "/objection?lang=en",
                      form_encode({{"name", "Li Hua"},
                                   {"contact", "13800138000"},
                                   {"grounds", "The enterprise was founded in 2010, not 2015."}}));
  EXPECT_EQ(by_page.status, 200);
  EXPECT_TRUE(contains(by_page.body, "Objection received")) << by_page.body.substr(0, 2000);
  // Who objected is the secretariat's to see, no one else's.
  json all = json::parse(api("GET", "/api/v1/objections", m_secretariat).body);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["contact"], "zhang.ming@example.org");
  EXPECT_EQ(api("GET", "/api/v1/objections", m_body).status, 403);
  EXPECT_FALSE(contains(get("/notice").body, "zhang.ming"));

  // Resolving needs a reason; upheld takes the entry off and tells the objector.
  std::string path = "/api/v1/objections/" + std::to_string(objection) + "/resolution";
  EXPECT_EQ(
      api("POST", path, m_secretariat, json{{"upheld", true}, {"resolution", ""}}.dump()).status,
      400);
  EXPECT_EQ(states()[target], "listed");
  auto upheld = api("POST", path, m_secretariat,
                    json{{"upheld", true}, {"resolution", "经核实，专利已于 2021 年转让"}}.dump());
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_EQ(states()[target], "not_listed");
  EXPECT_EQ(
      api("POST", path, m_secretariat, json{{"upheld", false}, {"resolution", "再次处理"}}.dump())
          .status,
      409);
  json after = json::parse(get("/api/v1/notice").body);
  EXPECT_EQ(after["entries"].size(), listed.size() - 1);
  auto outbox = get("/secretariat/outbox", as(m_secretariat));
  EXPECT_TRUE(contains(outbox.body, "zhang.ming@example.org"));
  EXPECT_TRUE(contains(outbox.body, "经核实，专利已于 2021 年转让"));
  auto audit = get("/secretariat/audit.csv", as(m_secretariat));
  EXPECT_TRUE(contains(audit.body, "objection.file"));
  EXPECT_TRUE(contains(audit.body, "objection.upheld"));
  EXPECT_TRUE(contains(audit.body, "application.remove_listed"));
  // The other is dismissed from the page, with its reason.
  long long second = all[1]["id"];
  auto dismissed = post("/secretariat/objections/" + std::to_string(second) + "/resolution",
                        form_encode({{"_csrf", m_secretariat.csrf},
                                     {"outcome", "dismissed"},
                                     {"resolution", "营业执照载明成立于 2015 年"}}),
                        as(m_secretariat));
  EXPECT_EQ(dismissed.status, 303) << dismissed.body.substr(0, 2000);
  EXPECT_EQ(states()[listed[1]], "listed");
  auto secretariat_page = get("/secretariat/objections", as(m_secretariat));
  EXPECT_TRUE(contains(secretariat_page.body, "data-state=\"dismissed\""));
  EXPECT_TRUE(contains(secretariat_page.body, "data-state=\"upheld\""));

  // Evidence with the page's multipart form: a PDF is kept for the secretariat alone; a
  // file that is not a PDF refuses the whole objection, and nothing is filed.
  auto with_evidence = [&](const std::string& file, const std::string& bytes) {
    std::string b = "----kczgevidence";
    auto field = [&](const std::string& name, const std::string& value) {
      return "--" + b + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
             value + "\r\n";
    };
    std::string body = field("name", "赵敏") + field("contact", "zhao.min@example.org") +
                       field("grounds", grounds) + "--" + b +
                       "\r\nContent-Disposition: form-data; name=\"evidence_1\"; filename=\"" +
                       file + "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n--" + b +
                       "--\r\n";
    return request("POST", "/notice/" + std::to_string(listed[1]) + "/objection",
                   {{"Content-Type", "multipart/form-data; boundary=" + b}}, body);
  };
  auto not_pdf = with_evidence("登记簿.pdf", "just text, not a PDF at all");
  EXPECT_EQ(not_pdf.status, 415) << not_pdf.body.substr(0, 2000);
  EXPECT_EQ(json::parse(api("GET", "/api/v1/objections", m_secretariat).body).size(), 2u);
  auto evidenced = with_evidence("登记簿.pdf", k_pdf);
  ASSERT_EQ(evidenced.status, 200) << evidenced.body.substr(0, 2000);
  json three = json::parse(api("GET", "/api/v1/objections", m_secretariat).body);
  ASSERT_EQ(three.size(), 3u);
  std::string evidence_path =
      "/secretariat/objections/" + std::to_string(three[2]["id"].get<long long>()) + "/evidence/1";
  ASSERT_EQ(three[2]["evidence"].size(), 1u);
  EXPECT_EQ(three[2]["evidence"][0]["name"], "登记簿.pdf");
  EXPECT_EQ(three[2]["evidence"][0]["href"], evidence_path);
  EXPECT_TRUE(contains(get("/secretariat/objections", as(m_secretariat)).body, evidence_path));
  auto downloaded = get(evidence_path, as(m_secretariat));
  EXPECT_EQ(downloaded.status, 200);
  EXPECT_EQ(downloaded.body, k_pdf);
  EXPECT_EQ(get(evidence_path, as(m_body)).status, 403);
  EXPECT_EQ(get(evidence_path.substr(0, evidence_path.size() - 1) + "2", as(m_secretariat)).status,
            404);
  EXPECT_FALSE(contains(get("/notice").body, "登记簿"));
  EXPECT_TRUE(
      contains(get("/secretariat/exports/objections.csv", as(m_secretariat)).body, "登记簿.pdf"));

  // After the notice, objections are refused.
  set_phase(m_secretariat, "public_notice", now() - std::chrono::days(7),
            now() - std::chrono::minutes(1));
  auto late =
      object(listed[1], {{"name", "张明"}, {"contact", "zm@example.org"}, {"grounds", grounds}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(json::parse(late.body)["code"], "objection_closed");
  EXPECT_EQ(json::parse(get("/api/v1/notice").body)["entries"].size(), 0u);
}

TEST_P(NoticeWebTest, AnUpheldObjectionFreesASeatTheNextInTheRankingMayTake) {
  std::vector<long long> listed = open_notice_of_listed(3);
  ASSERT_EQ(listed.size(), 3u);
  auto fields = [&] {
    std::map<long long, std::string> out;
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto stored = (*store)->latest_campaign();
    auto summaries = (*store)->application_summaries(stored->id, {});
    EXPECT_TRUE(summaries);
    for (const ApplicationSummary& s : *summaries) out[s.application.id] = s.application.field;
    return out;
  }();
  // No upheld objection yet: no seat is free, though the list has candidates left.
  EXPECT_EQ(json::parse(api("GET", "/api/v1/substitutes", m_secretariat).body).size(), 0u);
  long long target = listed[0];
  std::string grounds = "该技术核心专利已转让他人，申报单位已非权利人，附登记簿副本为证。";
  auto filed =
      request("POST", "/api/v1/notice/" + std::to_string(target) + "/objections",
              {{"Content-Type", "application/json"}},
              json{{"name", "张明"}, {"contact", "zm@example.org"}, {"grounds", grounds}}.dump());
  ASSERT_EQ(filed.status, 201) << filed.body;
  std::string resolution = "/api/v1/objections/" +
                           std::to_string(json::parse(filed.body)["objection"].get<long long>()) +
                           "/resolution";
  ASSERT_EQ(api("POST", resolution, m_secretariat,
                json{{"upheld", true}, {"resolution", "专利已转让，属实"}}.dump())
                .status,
            200);

  json freed = json::parse(api("GET", "/api/v1/substitutes", m_secretariat).body);
  ASSERT_EQ(freed.size(), 1u) << freed.dump();
  EXPECT_EQ(freed[0]["list"], "pioneer_tech");
  EXPECT_EQ(freed[0]["listed"], 2);
  EXPECT_EQ(freed[0]["target"], 3);
  const json& candidates = freed[0]["candidates"];
  ASSERT_GE(candidates.size(), 2u) << freed.dump();
  // The freed field's candidates come first; the one taken off is never offered.
  bool in_field = true;
  for (const json& c : candidates) {
    long long id = c["application"];
    EXPECT_NE(id, target);
    EXPECT_EQ(states()[id], "not_listed");
    bool same = fields[id] == fields[target];
    EXPECT_TRUE(in_field || !same)
        << "a candidate of the freed field after another: " << freed.dump();
    in_field = same;
  }
  auto path = [](long long id) { return "/api/v1/substitutes/" + std::to_string(id); };
  long long first = candidates[0]["application"];
  long long second = candidates[1]["application"];
  EXPECT_EQ(api("POST", path(first), m_body, json{{"reason", "递补"}}.dump()).status, 403);
  auto no_reason = api("POST", path(first), m_secretariat, json{{"reason", " "}}.dump());
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  auto objected = api("POST", path(target), m_secretariat, json{{"reason", "递补"}}.dump());
  EXPECT_EQ(objected.status, 409) << objected.body;
  EXPECT_EQ(json::parse(objected.body)["code"], "substitute_objected");
  EXPECT_EQ(states()[first], "not_listed");
  // By the page: the next in the ranking is listed, and appears on the notice.
  auto page = get("/secretariat/objections", as(m_secretariat));
  EXPECT_TRUE(contains(page.body, "id=\"substitute-" + std::to_string(first) + "\""));
  auto listed_first =
      post("/secretariat/substitutes/" + std::to_string(first),
           form_encode({{"_csrf", m_secretariat.csrf}, {"reason", "按终评排名递补"}}),
           as(m_secretariat));
  EXPECT_EQ(listed_first.status, 303) << listed_first.body.substr(0, 2000);
  EXPECT_EQ(states()[first], "listed");
  json notice = json::parse(get("/api/v1/notice").body);
  EXPECT_EQ(notice["entries"].size(), 3u);
  EXPECT_TRUE(contains(notice.dump(), "\"application\":" + std::to_string(first)));
  // The seat is taken: no other substitute, and the page offers none.
  auto full = api("POST", path(second), m_secretariat, json{{"reason", "递补"}}.dump());
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_EQ(json::parse(full.body)["code"], "substitute_no_seat");
  EXPECT_EQ(states()[second], "not_listed");
  EXPECT_EQ(json::parse(api("GET", "/api/v1/substitutes", m_secretariat).body).size(), 0u);
  EXPECT_FALSE(
      contains(get("/secretariat/objections", as(m_secretariat)).body, "id=\"substitute-"));
  EXPECT_TRUE(
      contains(get("/secretariat/audit.csv", as(m_secretariat)).body, "application.substitute"));
}

TEST_P(NoticeWebTest, PublicationMakesTheListsFinalPublicAndPriorForNextYear) {
  std::vector<long long> listed = open_notice_of_listed();
  ASSERT_GE(listed.size(), 1u);
  std::string grounds = "该企业成立时间与申报材料不符，营业执照显示成立于 2010 年，请核实。";
  auto filed =
      request("POST", "/api/v1/notice/" + std::to_string(listed[0]) + "/objections",
              {{"Content-Type", "application/json"}},
              json{{"name", "王芳"}, {"contact", "wf@example.org"}, {"grounds", grounds}}.dump());
  ASSERT_EQ(filed.status, 201) << filed.body;
  long long objection = json::parse(filed.body)["objection"];
  EXPECT_EQ(get("/lists/2023").status, 404);  // nothing published yet

  // Into the publication phase: refused while an objection is open, then published once.
  Instant hour_ago = now() - std::chrono::hours(1);
  set_phase(m_secretariat, "public_notice", now() - std::chrono::days(8), hour_ago);
  set_phase(m_secretariat, "publication", hour_ago, now() + std::chrono::days(30));
  auto early = api("POST", "/api/v1/publication", m_secretariat);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(json::parse(early.body)["code"], "objections_unresolved");
  ASSERT_EQ(
      api("POST", "/api/v1/objections/" + std::to_string(objection) + "/resolution", m_secretariat,
          json{{"upheld", false}, {"resolution", "执照载明成立于 2015 年"}}.dump())
          .status,
      200);
  EXPECT_EQ(api("POST", "/api/v1/publication", m_body).status, 403);
  auto unconfirmed = post("/secretariat/publication", form_encode({{"_csrf", m_secretariat.csrf}}),
                          as(m_secretariat));
  EXPECT_EQ(unconfirmed.status, 400);
  auto published =
      post("/secretariat/publication",
           form_encode({{"_csrf", m_secretariat.csrf}, {"confirm", "yes"}}), as(m_secretariat));
  ASSERT_EQ(published.status, 200) << published.body.substr(0, 2000);
  EXPECT_TRUE(contains(published.body, "名单已发布，共 " + std::to_string(listed.size()) + " 项"));
  auto again = api("POST", "/api/v1/publication", m_secretariat);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(json::parse(again.body)["code"], "campaign_published");

  // Public: the archive, the year's lists, each record, the feed and the downloads.
  json years = json::parse(get("/api/v1/lists").body);
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0]["year"], 2023);
  EXPECT_EQ(years[0]["entries"], int(listed.size()));
  json year = json::parse(get("/api/v1/lists/2023").body);
  ASSERT_EQ(year["entries"].size(), listed.size());
  for (const json& e : year["entries"]) {
    EXPECT_EQ(e.size(), 7u);  // application, number, name, holder, unit, list, field
    EXPECT_FALSE(e.contains("contact") || e.contains("score") || e.contains("reason"));
  }
  auto page = get("/lists/2023?lang=en");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "/lists/2023/" + std::to_string(listed[0])));
  auto record = get("/lists/2023/" + std::to_string(listed[0]));
  EXPECT_EQ(record.status, 200);
  EXPECT_TRUE(contains(record.body, "id=\"entry-name\""));
  EXPECT_EQ(get("/lists/2023/999999").status, 404);
  auto feed = get("/lists.atom");
  EXPECT_EQ(feed.status, 200);
  EXPECT_TRUE(contains(feed.body, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  EXPECT_TRUE(contains(feed.body, "/lists/2023</id>"));
  auto csv = get("/lists/2023/download?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(contains(csv.body, "推荐单位"));
  auto xlsx = get("/lists/2023/download");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_FALSE(contains(page.body, "wf@example.org"));

  // Published entries are earlier lists now: next year's formal check compares with them.
  auto store = open_store(m_db);
  ASSERT_TRUE(store);
  auto prior = (*store)->listed_entries();
  ASSERT_TRUE(prior);
  int of_2023 = 0;
  for (const ListedEntry& e : *prior) of_2023 += e.year == 2023;
  EXPECT_EQ(of_2023, int(listed.size()));
  auto audit = get("/secretariat/audit.csv", as(m_secretariat));
  EXPECT_TRUE(contains(audit.body, "campaign.publish"));

  // Every report table downloads, the secretariat's only: the objection with who filed it,
  // the decisions with their reasons, the statistics with the listed count and the year.
  auto objections = get("/secretariat/exports/objections.csv", as(m_secretariat));
  EXPECT_EQ(objections.status, 200);
  EXPECT_TRUE(contains(objections.body, "wf@example.org"));
  EXPECT_TRUE(contains(objections.body, "执照载明成立于 2015 年"));
  auto decisions = get("/secretariat/exports/decisions.csv", as(m_secretariat));
  EXPECT_TRUE(contains(decisions.body, "材料已核实"));
  auto statistics = get("/secretariat/exports/statistics.csv", as(m_secretariat));
  EXPECT_TRUE(
      contains(statistics.body, "入选项目（按榜单）,先导技术榜," + std::to_string(listed.size())))
      << statistics.body;
  EXPECT_TRUE(contains(statistics.body, "历年对比,2023 入选数," + std::to_string(listed.size())))
      << statistics.body;
  EXPECT_TRUE(contains(statistics.body, std::string("评审进度,") + k_body + " 已提交评分,"))
      << statistics.body;
  for (const char* name : {"formal_check", "assignments", "scores", "rankings"}) {
    auto csv = get(std::string("/secretariat/exports/") + name + ".csv", as(m_secretariat));
    EXPECT_EQ(csv.status, 200) << name;
    EXPECT_GT(std::ranges::count(csv.body, '\n'), 1) << name << ": no rows";
    auto xlsx = get(std::string("/secretariat/exports/") + name + ".xlsx", as(m_secretariat));
    EXPECT_TRUE(xlsx.body.starts_with("PK")) << name;
  }
  EXPECT_EQ(get("/secretariat/exports/passwords.csv", as(m_secretariat)).status, 404);
  EXPECT_EQ(get("/secretariat/exports/objections.csv", as(m_body)).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, NoticeWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
