// Events through the real server on both backends, from the demo after its published
// lists: a pilot city organises a roadshow in its province, invites the holder's entry and
// the demo fund; each answers for itself only; the public sees the entries registered; a
// meeting's follow-up lands in the fund's deal flow.
#include <nlohmann/json.hpp>

#include "store/store.hpp"
#include "web/security/secrets.hpp"
#include "web_fixture.hpp"

namespace kczg::testing {
namespace {

using json = nlohmann::json;

class EventWebTest : public WebTest {
 protected:
  EventWebTest() { m_stage = "published"; }
  json body_of(const ClientResponse& r) { return json::parse(r.body, nullptr, false); }
};

TEST_P(EventWebTest, APilotCityRoadshowFromInvitationToFollowUp) {
  SignedIn pilot = sign_in("pilot@demo.kczg.cn");
  SignedIn holder = sign_in("holder@demo.kczg.cn");
  SignedIn fund = sign_in(demo_logins().at("partner"));
  SignedIn applicant = sign_in(demo_logins().at("applicant"));
  auto store = open_store(m_db);
  long long fund_id = (*store)->account_by_login(demo_logins().at("partner"))->id;
  ASSERT_TRUE(web::init_secrets());
  Account bank_account;
  bank_account.login = "bank@partner.test";
  bank_account.role = Role::partner;
  bank_account.display_name = "某银行";
  bank_account.status = AccountStatus::active;
  long long bank_id = (*store)
                          ->create_account(bank_account, web::hash_password("partner password"),
                                           Actor{Role::secretariat, "test"}, Instant{})
                          .value();
  SignedIn bank = sign_in("bank@partner.test", "partner password");
  long long holder_applicant = (*store)->account_by_login("holder@demo.kczg.cn")->applicant_id;
  long long entry = 0;
  std::vector<LibraryRecord> records = (*store)->library_records().value();
  for (const LibraryRecord& r : records) {
    if (r.application_id &&
        (*store)->application(r.application_id)->applicant_id == holder_applicant)
      entry = r.id;
  }
  ASSERT_NE(entry, 0);

  std::string soon = format_shanghai(std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now() + std::chrono::days(10)));
  json event{{"kind", "roadshow"},
             {"title", "温州先导技术专场路演"},
             {"region", "440300"},
             {"place", "温州科技馆"},
             {"starts_at", soon}};
  EXPECT_EQ(api("POST", "/api/v1/events", pilot, event.dump()).status, 403) << "not its province";
  event["region"] = "330302";
  event["starts_at"] = "2020-01-01T09:00:00+08:00";
  EXPECT_EQ(api("POST", "/api/v1/events", pilot, event.dump()).status, 422);
  event["starts_at"] = soon;
  auto created = api("POST", "/api/v1/events", pilot, event.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/events/" + std::to_string(body_of(created)["id"].get<long long>());

  json invite{{"listed_entries", {entry}}, {"partners", {fund_id, bank_id}}};
  auto invited = api("POST", path + "/invitations", pilot, invite.dump());
  ASSERT_EQ(invited.status, 200) << invited.body;
  EXPECT_EQ(body_of(invited)["invited"], 3);
  EXPECT_EQ(body_of(api("POST", path + "/invitations", pilot, invite.dump()))["invited"], 0);

  // Each side sees and answers its own invitation only.
  auto seen = [&](const SignedIn& who) { return body_of(api("GET", path, who))["invitations"]; };
  json held = seen(holder);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0]["listed_entry"], entry);
  json offered = seen(fund);
  ASSERT_EQ(offered.size(), 1u);
  long long fund_invitation = offered[0]["id"];
  EXPECT_EQ(api("POST", path + "/answer", applicant,
                json{{"invitation", held[0]["id"]}, {"register", true}}.dump())
                .status,
            404);
  EXPECT_EQ(api("POST", path + "/answer", holder,
                json{{"invitation", fund_invitation}, {"register", true}}.dump())
                .status,
            404);
  EXPECT_TRUE(body_of(get(path))["invitations"].empty()) << "nobody registered yet";
  ASSERT_EQ(api("POST", path + "/answer", holder,
                json{{"invitation", held[0]["id"]}, {"register", true}}.dump())
                .status,
            200);
  EXPECT_EQ(api("POST", path + "/answer", holder,
                json{{"invitation", held[0]["id"]}, {"register", false}}.dump())
                .status,
            409);
  json follow{{"listed_entry", entry}, {"partner", bank_id}, {"note", "约定月底实地考察"}};
  EXPECT_EQ(api("POST", path + "/follow-ups", pilot, follow.dump()).status, 400)
      << "the bank has not registered";
  ASSERT_EQ(api("POST", path + "/answer", fund,
                json{{"invitation", fund_invitation}, {"register", true}}.dump())
                .status,
            200);
  long long bank_invitation = 0;
  json bank_sees = seen(bank);
  for (const json& i : bank_sees) {
    if (i["partner"] == bank_id) bank_invitation = i["id"];
  }
  ASSERT_NE(bank_invitation, 0);
  ASSERT_EQ(api("POST", path + "/answer", bank,
                json{{"invitation", bank_invitation}, {"register", true}}.dump())
                .status,
            200);
  json public_view = body_of(get(path))["invitations"];
  ASSERT_EQ(public_view.size(), 1u) << "the public sees the registered entry, not the partners";
  EXPECT_EQ(public_view[0]["listed_entry"], entry);

  auto followed = api("POST", path + "/follow-ups", pilot, follow.dump());
  ASSERT_EQ(followed.status, 200) << followed.body;
  EXPECT_EQ(body_of(followed)["created"], true);
  // The demo recommended the entry to the fund already: its deal goes on.
  json fund_follow{{"listed_entry", entry}, {"partner", fund_id}};
  EXPECT_EQ(body_of(api("POST", path + "/follow-ups", pilot, fund_follow.dump()))["created"],
            false);
  bool in_flow = false;
  json flow = body_of(api("GET", "/api/v1/partner/deals", bank))["deals"];
  for (const json& d : flow) {
    in_flow =
        in_flow || d["note"].get<std::string>().find("温州先导技术专场路演") != std::string::npos;
  }
  EXPECT_TRUE(in_flow);
  auto page = get(path.substr(7), as(pilot));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"follow-up-form\""), std::string::npos);
  EXPECT_EQ(get(path.substr(7)).body.find("id=\"invite-form\""), std::string::npos);
  EXPECT_NE(get("/events").body.find("温州先导技术专场路演"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
