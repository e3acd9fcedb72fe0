// The financial partner plan through the real server on both backends, from the demo after
// its published lists: the secretariat is shown the partners an entry suits and recommends
// it; a partner sees only what was recommended to it, answers, and records an investment
// the figures count; nobody else may.
#include <nlohmann/json.hpp>

#include "store/store.hpp"
#include "web/security/secrets.hpp"
#include "web_fixture.hpp"

namespace kczg::testing {
namespace {

using json = nlohmann::json;

class PartnerWebTest : public WebTest {
 protected:
  PartnerWebTest() { m_stage = "published"; }
  json body_of(const ClientResponse& r) { return json::parse(r.body, nullptr, false); }
};

TEST_P(PartnerWebTest, APartnerSeesOnlyWhatWasRecommendedToItAndRecordsTheInvestment) {
  auto store = open_store(m_db);
  ASSERT_TRUE(store);
  ASSERT_TRUE(web::init_secrets());
  Account other;
  other.login = "bank@partner.test";
  other.role = Role::partner;
  other.display_name = "某银行";
  other.status = AccountStatus::active;
  long long other_id = (*store)
                           ->create_account(other, web::hash_password("partner password"),
                                            Actor{Role::secretariat, "test"}, Instant{})
                           .value();
  SignedIn fund = sign_in(demo_logins().at("partner"));
  SignedIn bank = sign_in("bank@partner.test", "partner password");
  SignedIn secretariat = sign_in(demo_logins().at("secretariat"));
  SignedIn holder = sign_in("holder@demo.kczg.cn");
  long long fund_id = (*store)->account_by_login(demo_logins().at("partner"))->id;
  long long holder_id = (*store)->account_by_login("holder@demo.kczg.cn")->id;

  // Profiles: a province that is none is refused, nothing saved.
  json profile{{"kind", "bank"}, {"fields", json::array()}, {"regions", {"33", "xx"}}};
  auto refused = api("PUT", "/api/v1/partner/profile", bank, profile.dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(body_of(api("GET", "/api/v1/partner/profile", bank)).is_null());
  profile["regions"] = {"44"};
  ASSERT_EQ(api("PUT", "/api/v1/partner/profile", bank, profile.dump()).status, 200);
  EXPECT_EQ(api("PUT", "/api/v1/partner/profile", holder, profile.dump()).status, 403);

  // An entry of 2022 nobody has recommended yet.
  long long entry = 0;
  std::vector<LibraryRecord> records = (*store)->library_records().value();
  for (const LibraryRecord& r : records) {
    if (r.year == 2022 && (*store)->deals(0, r.id)->empty()) entry = r.id;
  }
  ASSERT_NE(entry, 0);
  std::string base = "/api/v1/library/" + std::to_string(entry);
  auto suggested = api("GET", base + "/partners", secretariat);
  ASSERT_EQ(suggested.status, 200) << suggested.body;
  EXPECT_EQ(body_of(suggested)["partners"].size(), 2u);
  EXPECT_EQ(api("GET", base + "/partners", holder).status, 403);
  std::string page_path = "/library/" + std::to_string(entry) + "/recommend";
  auto page = get(page_path, as(secretariat));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("某银行"), std::string::npos);
  EXPECT_NE(page.body.find("省份不符"), std::string::npos) << "the bank names Guangdong only";
  EXPECT_EQ(post(page_path, form_encode({{"_csrf", secretariat.csrf}}), as(secretariat)).status,
            400)
      << "nobody chosen";

  EXPECT_EQ(
      api("POST", base + "/recommendations", secretariat, json{{"partners", {holder_id}}}.dump())
          .status,
      404)
      << "only partner accounts";
  json to_fund{{"partners", {fund_id}}, {"note", "成熟度高，寻求 A 轮"}};
  auto made = api("POST", base + "/recommendations", secretariat, to_fund.dump());
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_EQ(body_of(made)["recommended"], 1);
  EXPECT_EQ(
      body_of(api("POST", base + "/recommendations", secretariat, to_fund.dump()))["recommended"],
      0);

  // The fund sees it; the bank sees nothing of it and cannot act on it.
  long long deal = 0;
  json fund_deals = body_of(api("GET", "/api/v1/partner/deals", fund))["deals"];
  for (const json& d : fund_deals) {
    EXPECT_EQ(d["partner"], fund_id);
    if (d["listed_entry"] == entry) deal = d["id"];
  }
  ASSERT_NE(deal, 0);
  EXPECT_TRUE(body_of(api("GET", "/api/v1/partner/deals", bank))["deals"].empty());
  EXPECT_EQ(get("/partner", as(bank)).body.find("成熟度高"), std::string::npos);
  std::string steps = "/api/v1/partner/deals/" + std::to_string(deal) + "/actions";
  EXPECT_EQ(api("POST", steps, bank, json{{"action", "interest"}}.dump()).status, 404);
  EXPECT_EQ(api("POST", steps, fund, json{{"action", "decline"}}.dump()).status, 400);
  for (const char* action : {"interest", "meeting"}) {
    auto r = api("POST", steps, fund, json{{"action", action}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto invested = api("POST", steps, fund, json{{"action", "invest"}, {"amount", 3000000}}.dump());
  ASSERT_EQ(invested.status, 200) << invested.body;
  EXPECT_EQ(body_of(invested)["state"], "invested");
  EXPECT_NE(get("/partner", as(fund)).body.find("3000000"), std::string::npos);

  auto figures = body_of(api("GET", "/api/v1/matching/statistics?by=list", secretariat));
  json total = figures["deals"].back();
  EXPECT_EQ(total["invested"], 1);
  EXPECT_EQ(total["amount"], 3000000);
  EXPECT_EQ(api("GET", "/api/v1/matching/statistics", fund).status, 403);
  auto csv = get("/matching/statistics.csv?by=year&table=deals", as(secretariat));
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("投资金额"), std::string::npos);
  EXPECT_NE(csv.body.find("3000000"), std::string::npos);
  EXPECT_NE(other_id, fund_id);
}

INSTANTIATE_TEST_SUITE_P(Backends, PartnerWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
