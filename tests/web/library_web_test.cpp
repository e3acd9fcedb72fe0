// The achievements library through the real server on both backends: after publication,
// every published entry and the earlier years' imported ones are found by 1–2 character
// Chinese keywords (繁 or 简) and filters, page and API alike; the holder keeps the
// cooperation-facing parts, audited, while the published record stays; nobody else may.
#include "final_review_fixture.hpp"
#include "web/security/secrets.hpp"

namespace kczg::testing {
namespace {

class LibraryWebTest : public FinalReviewFixture {
 protected:
  // The demo campaign published: the listed applications' ids.
  std::vector<long long> publish() {
    std::vector<long long> listed = open_notice_of_listed();
    Instant hour_ago = now() - std::chrono::hours(1);
    set_phase(m_secretariat, "public_notice", now() - std::chrono::days(8), hour_ago);
    set_phase(m_secretariat, "publication", hour_ago, now() + std::chrono::days(30));
    auto published = api("POST", "/api/v1/publication", m_secretariat);
    EXPECT_EQ(published.status, 200) << published.body;
    return listed;
  }

  json search(const std::string& query) {
    auto r = get("/api/v1/library?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  long long entry_application(long long entry) {
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto record = (*store)->library_record(entry);
    EXPECT_TRUE(record);
    return record ? record->application_id : 0;
  }

  long long applicant_of(long long application) {
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto a = (*store)->application(application);
    return a ? a->applicant_id : 0;
  }

  // An applicant account for the applicant of `application`, signed in.
  SignedIn holder_of(long long application, const std::string& login) {
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto a = (*store)->application(application);
    EXPECT_TRUE(a);
    Account account;
    account.login = login;
    account.role = Role::applicant;
    account.display_name = "持有方";
    account.applicant_id = a->applicant_id;
    account.status = AccountStatus::active;
    EXPECT_TRUE((*store)->create_account(account, web::hash_password("holder password"),
                                         Actor{Role::secretariat, "test"}, now()));
    return sign_in(login, "holder password");
  }
};

TEST_P(LibraryWebTest, PublishedEntriesAreFoundAndTheirHoldersKeepThemUpToDate) {
  std::vector<long long> listed = publish();
  ASSERT_FALSE(listed.empty());
  json all = search("");
  // The published entries and the earlier years' entries the demo imported.
  ASSERT_GT(all["total"].get<int>(), int(listed.size())) << all.dump();
  // A 2023 entry the demo applicant does not hold, so that it stands for anyone else.
  long long demo_applicant = 0;
  {
    auto store = open_store(m_db);
    demo_applicant = (*store)->account_by_login(demo_logins().at("applicant"))->applicant_id;
  }
  json entry;
  for (int page = 1; entry.is_null(); ++page) {
    json p = search("page=" + std::to_string(page) + "&limit=100");
    ASSERT_FALSE(p["entries"].empty());
    for (const json& e : p["entries"]) {
      if (e["year"] == 2023 && applicant_of(entry_application(e["id"])) != demo_applicant) {
        entry = e;
      }
    }
  }
  long long id = entry["id"];
  std::string name = entry["name"];
  ASSERT_GE(name.size(), 6u);
  EXPECT_FALSE(contains(all.dump(), "demo@example.org"));  // never a contact

  // Two characters and one character of its name find it; with a year filter too.
  std::string two = name.substr(0, 6), one = name.substr(0, 3);
  auto found = [&](const json& r) {
    return std::ranges::any_of(r["entries"], [&](const json& e) { return e["id"] == id; });
  };
  EXPECT_TRUE(found(search("q=" + web::http::url_encode(two) + "&limit=100")));
  EXPECT_TRUE(found(search("q=" + web::http::url_encode(one) + "&limit=100")));
  EXPECT_TRUE(found(search("q=" + web::http::url_encode(two) + "&year=2023&limit=100")));
  EXPECT_FALSE(found(search("q=" + web::http::url_encode(two) + "&year=2022&limit=100")));
  // 简体 finds the earlier year's entry the demo imported in 繁体 (存算一體晶片).
  json simplified = search("q=" + web::http::url_encode("存算一体") + "&year=2022");
  ASSERT_EQ(simplified["total"], 1) << simplified.dump();
  EXPECT_EQ(simplified["entries"][0]["name"], "高精度存算一體晶片");
  EXPECT_EQ(get("/api/v1/library?year=twenty").status, 400);
  EXPECT_EQ(get("/api/v1/library?maturity=someday").status, 400);

  auto page = get("/library?lang=en&q=" + web::http::url_encode(two));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "data-entry=\"" + std::to_string(id) + "\""));
  auto anonymous = get("/library/" + std::to_string(id));
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_TRUE(contains(anonymous.body, name));
  EXPECT_FALSE(contains(anonymous.body, "id=\"holder-form\""));
  EXPECT_EQ(get("/library/999999").status, 404);

  // Another applicant may not; the holder may, the record stays as published.
  SignedIn other = sign_in(demo_logins().at("applicant"));
  json parts{
      {"maturity", "pilot"}, {"cooperation", {"licence", "investment"}}, {"note", "寻求中试基地"}};
  std::string path = "/api/v1/library/" + std::to_string(id) + "/holder";
  auto refused = api("PUT", path, other, parts.dump());
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto refused_page = post("/library/" + std::to_string(id),
                           form_encode({{"_csrf", other.csrf}, {"maturity", "pilot"}}), as(other));
  EXPECT_EQ(refused_page.status, 403);
  EXPECT_EQ(search("maturity=pilot")["total"], 0);
  SignedIn holder = holder_of(entry_application(id), "holder@example.org");
  auto long_note = api("PUT", path, holder, json{{"note", std::string(2001 * 3, 'x')}}.dump());
  EXPECT_EQ(long_note.status, 422) << long_note.body;
  auto saved = api("PUT", path, holder, parts.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  json after = json::parse(saved.body);
  EXPECT_EQ(after["maturity"], "pilot");
  EXPECT_EQ(after["cooperation"], json::array({"licence", "investment"}));
  EXPECT_EQ(after["name"], name);  // the published record unchanged
  EXPECT_TRUE(contains(get("/lists/2023").body, name));
  json pilots = search("maturity=pilot");
  ASSERT_EQ(pilots["total"], 1) << pilots.dump();
  EXPECT_EQ(pilots["entries"][0]["id"], id);

  // The page form: the holder sees it and saves through it.
  auto mine = get("/library/" + std::to_string(id) + "?lang=en", as(holder));
  EXPECT_TRUE(contains(mine.body, "id=\"holder-form\""));
  auto posted = post("/library/" + std::to_string(id),
                     form_encode({{"_csrf", holder.csrf},
                                  {"maturity", "production"},
                                  {"cooperation_transfer", "on"},
                                  {"note", "可整体转让"}}),
                     as(holder));
  ASSERT_EQ(posted.status, 200) << posted.body.substr(0, 2000);
  EXPECT_TRUE(contains(posted.body, "可整体转让"));
  EXPECT_EQ(search("maturity=production")["total"], 1);
  EXPECT_EQ(search("maturity=pilot")["total"], 0);
  auto audit = get("/secretariat/audit.csv?action=library.", as(m_secretariat));
  EXPECT_TRUE(contains(audit.body, "寻求中试基地"));  // before and after, both changes
  EXPECT_TRUE(contains(audit.body, "可整体转让"));
}

INSTANTIATE_TEST_SUITE_P(Backends, LibraryWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
