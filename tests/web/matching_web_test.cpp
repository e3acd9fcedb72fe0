// Demands and matches through the real server on both backends, from the demo after its
// published lists: who may post, review and answer; a refused demand changes nothing; the
// contact is never shown before both sides want to talk, and then only to them; the match
// walked to an agreement that the figures count, for the secretariat all of them, for a
// pilot city its province's.
#include <nlohmann/json.hpp>

#include "store/store.hpp"
#include "web_fixture.hpp"

namespace kczg::testing {
namespace {

using json = nlohmann::json;
const std::string k_contact = "测试联系人 13800001111";

class MatchingWebTest : public WebTest {
 protected:
  MatchingWebTest() { m_stage = "published"; }

  json body_of(const ClientResponse& r) { return json::parse(r.body, nullptr, false); }

  // The first published entry the demo's holder holds: its id and name.
  std::pair<long long, std::string> holder_entry() {
    auto store = open_store(m_db);
    EXPECT_TRUE(store);
    auto holder = (*store)->account_by_login("holder@demo.kczg.cn");
    EXPECT_TRUE(holder);
    std::vector<LibraryRecord> records = (*store)->library_records().value();
    for (const LibraryRecord& r : records) {
      if (r.application_id == 0) continue;
      if ((*store)->application(r.application_id)->applicant_id == holder->applicant_id) {
        return {r.id, r.name};
      }
    }
    ADD_FAILURE() << "the demo's holder holds no entry";
    return {0, ""};
  }

  std::size_t outbox_to(const std::string& login) {
    auto store = open_store(m_db);
    std::size_t n = 0;
    std::vector<OutboxMail> mail = (*store)->outbox(1000).value();
    for (const OutboxMail& m : mail) n += m.to == login;
    return n;
  }
};

TEST_P(MatchingWebTest, OnlyBothSidesSeeContactsAndTheAgreementIsCounted) {
  SignedIn pilot = sign_in("pilot@demo.kczg.cn");
  SignedIn holder = sign_in("holder@demo.kczg.cn");
  SignedIn secretariat = sign_in(demo_logins().at("secretariat"));
  SignedIn partner = sign_in(demo_logins().at("partner"));
  auto [entry, name] = holder_entry();
  ASSERT_NE(entry, 0);

  // The demo's demands: the public reads the open ones, never a contact.
  auto open = get("/api/v1/demands");
  ASSERT_EQ(open.status, 200) << open.body;
  ASSERT_EQ(body_of(open)["demands"].size(), 2u);
  json open_demands = body_of(open)["demands"];
  for (const json& d : open_demands) {
    EXPECT_EQ(d["state"], "open");
    EXPECT_FALSE(d.contains("contact"));
  }
  EXPECT_EQ(open.body.find("0577"), std::string::npos);
  auto pending = api("GET", "/api/v1/demands?which=pending", pilot);
  ASSERT_EQ(body_of(pending)["demands"].size(), 1u);
  long long waiting = body_of(pending)["demands"][0]["id"];
  EXPECT_EQ(get("/api/v1/demands/" + std::to_string(waiting)).status, 404);
  EXPECT_EQ(get("/demands/" + std::to_string(waiting)).status, 404);

  // A demand with a bad region is refused whole, in the caller's language.
  json demand{{"title", "寻求" + name + "产业化合作"},
              {"description", "温州市鹿城区企业希望引进“" + name +
                                  "”，用于新产线，半年内完成中试验证，欢迎洽谈。"},
              {"field", "electronic_information"},
              {"region", "339999"},
              {"budget_min", 100000},
              {"cooperation", {"licence"}},
              {"contact", k_contact}};
  auto before = body_of(api("GET", "/api/v1/demands?which=mine", pilot))["demands"].size();
  auto refused = api("POST", "/api/v1/demands", pilot, demand.dump(), "application/json", "en");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(body_of(refused)["code"], "demand_region_invalid");
  EXPECT_EQ(body_of(api("GET", "/api/v1/demands?which=mine", pilot))["demands"].size(), before);
  EXPECT_EQ(api("POST", "/api/v1/demands", partner, demand.dump()).status, 403);

  demand["region"] = "330302";
  auto posted = api("POST", "/api/v1/demands", pilot, demand.dump());
  ASSERT_EQ(posted.status, 201) << posted.body;
  long long id = body_of(posted)["id"];
  std::string path = "/api/v1/demands/" + std::to_string(id);
  EXPECT_EQ(body_of(posted)["state"], "pending");
  EXPECT_EQ(body_of(posted)["contact"], k_contact);
  EXPECT_EQ(get(path).status, 404) << "not public before review";

  // Only a reviewer approves: not the holder, not the poster's neighbour in the API.
  json approve{{"action", "approve"}};
  auto by_holder = api("POST", path + "/actions", holder, approve.dump());
  EXPECT_EQ(by_holder.status, 403) << by_holder.body;
  EXPECT_EQ(api("POST", path + "/actions", secretariat, json{{"action", "reject"}}.dump()).status,
            400)
      << "a rejection needs a reason";
  std::size_t holder_mail = outbox_to("holder@demo.kczg.cn");
  auto approved = api("POST", path + "/actions", secretariat, approve.dump());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(body_of(approved)["state"], "open");

  // The holder's entry ranks first, for the demand and on the entry's page; the matcher
  // proposed the match and mailed the holder.
  auto read = get(path);
  ASSERT_EQ(read.status, 200);
  EXPECT_FALSE(body_of(read).contains("contact"));
  EXPECT_EQ(body_of(read)["ranked_items"][0]["listed_entry"], entry);
  EXPECT_EQ(body_of(read)["ranked_items"][0]["why"]["same_field"], true);
  EXPECT_EQ(read.body.find("13800001111"), std::string::npos);
  ASSERT_TRUE(body_of(read)["ranked_experts"].is_array());
  EXPECT_FALSE(body_of(read)["ranked_experts"].empty()) << "the demo pool has chip experts";
  EXPECT_EQ(read.body.find('@'), std::string::npos) << "no expert's e-mail";
  EXPECT_GT(outbox_to("holder@demo.kczg.cn"), holder_mail);
  auto page = get("/library/" + std::to_string(entry), as(holder));
  EXPECT_NE(page.body.find("data-demand=\"" + std::to_string(id) + "\""), std::string::npos);
  EXPECT_EQ(page.body.find("13800001111"), std::string::npos);

  auto mine = [&](const SignedIn& who) {
    json all = body_of(api("GET", "/api/v1/dockings", who))["dockings"];
    for (const json& d : all) {
      if (d["demand"] == id && d["listed_entry"] == entry) return d;
    }
    return json();
  };
  json proposed = mine(holder);
  ASSERT_FALSE(proposed.is_null());
  EXPECT_EQ(proposed["state"], "proposed");
  EXPECT_FALSE(proposed.contains("contact"));
  EXPECT_EQ(api("GET", "/api/v1/dockings", partner).status, 403);

  // The holder says yes; still no contact. The secretariat is no side.
  json pair{{"listed_entry", entry}};
  auto holder_yes = api("POST", path + "/interest", holder, pair.dump());
  ASSERT_EQ(holder_yes.status, 200) << holder_yes.body;
  EXPECT_EQ(body_of(holder_yes)["supply_side"], true);
  EXPECT_EQ(body_of(holder_yes)["state"], "proposed");
  EXPECT_FALSE(mine(holder).contains("contact"));
  EXPECT_EQ(api("POST", path + "/interest", secretariat, pair.dump()).status, 403);
  auto dockings_page = get("/dockings", as(holder));
  EXPECT_EQ(dockings_page.body.find("13800001111"), std::string::npos);

  // The pilot city says yes: both see the other's contact, nobody else does.
  auto both = api("POST", path + "/interest", pilot, pair.dump());
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(body_of(both)["state"], "contacted");
  EXPECT_EQ(mine(holder)["contact"], k_contact);
  EXPECT_EQ(mine(pilot)["contact"][0]["login"], "holder@demo.kczg.cn");
  EXPECT_NE(get("/dockings", as(holder)).body.find("13800001111"), std::string::npos);
  EXPECT_EQ(get(path).body.find("13800001111"), std::string::npos);

  long long docking = body_of(both)["id"];
  std::string steps = "/api/v1/dockings/" + std::to_string(docking) + "/actions";
  EXPECT_EQ(api("POST", steps, holder, json{{"action", "agree"}}.dump()).status, 409)
      << "an agreement comes after negotiation";
  EXPECT_EQ(api("POST", steps, pilot, json{{"action", "negotiate"}}.dump()).status, 200);
  auto agreed = api("POST", steps, holder, json{{"action", "agree"}}.dump());
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(body_of(agreed)["state"], "agreement");
  EXPECT_FALSE(body_of(agreed)["agreed_at"].is_null());

  // The figures: the demo's agreement and this one; the pilot city sees its province's.
  auto all = api("GET", "/api/v1/matching/statistics?by=city", secretariat);
  ASSERT_EQ(all.status, 200) << all.body;
  json total = body_of(all)["rows"].back();
  EXPECT_TRUE(total["group"].is_null());
  EXPECT_EQ(total["agreements"], 2);
  EXPECT_EQ(total["demands"], 5);
  auto province = body_of(api("GET", "/api/v1/matching/statistics?by=city", pilot))["rows"];
  for (const json& row : province) {
    if (!row["group"].is_null()) {
      EXPECT_EQ(row["group"].get<std::string>().substr(0, 2), "33");
    }
  }
  EXPECT_EQ(province.back()["agreements"], 2);
  EXPECT_EQ(province.back()["demands"], 4);  // the Shenzhen factory's is not Zhejiang's
  EXPECT_EQ(api("GET", "/api/v1/matching/statistics", holder).status, 403);
  EXPECT_EQ(api("GET", "/api/v1/matching/statistics?by=moon", secretariat).status, 400);
  auto csv = get("/matching/statistics.csv?by=year", as(secretariat));
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("合计"), std::string::npos);

  // The pilot city's dashboard: its province's figures.
  auto dashboard = get("/dashboard", as(pilot));
  EXPECT_NE(dashboard.body.find("浙江省温州市"), std::string::npos);
  EXPECT_NE(dashboard.body.find("<dd id=\"pilot-agreements\">2</dd>"), std::string::npos)
      << dashboard.body;

  auto store = open_store(m_db);
  auto audit = (*store)->audit_search({"", "docking.", "docking:" + std::to_string(docking)}, 20);
  ASSERT_TRUE(audit);
  EXPECT_GE(audit->size(), 5u);  // proposed, two answers, negotiate, agree
}

TEST_P(MatchingWebTest, ThePostersFormShowsEveryProblemAndTheReviewerQueue) {
  SignedIn pilot = sign_in("pilot@demo.kczg.cn");
  auto form = post("/demands/new",
                   form_encode({{"_csrf", pilot.csrf},
                                {"title", "短"},
                                {"description", "太短"},
                                {"region", "33"},
                                {"budget_min", "abc"},
                                {"contact", ""}}),
                   as(pilot));
  EXPECT_EQ(form.status, 422);
  EXPECT_NE(form.body.find("budget_min"), std::string::npos) << "a budget that is no number";
  auto typed = post("/demands/new",
                    form_encode({{"_csrf", pilot.csrf},
                                 {"title", "短"},
                                 {"description", "太短"},
                                 {"region", "33"},
                                 {"contact", ""}}),
                    as(pilot));
  EXPECT_EQ(typed.status, 422);
  EXPECT_NE(typed.body.find("标题"), std::string::npos);
  EXPECT_NE(typed.body.find("联系方式"), std::string::npos);
  EXPECT_NE(typed.body.find("value=\"短\""), std::string::npos) << "what was typed stays";

  auto good = post(
      "/demands/new",
      form_encode(
          {{"_csrf", pilot.csrf},
           {"title", "园区污水处理提标改造"},
           {"description",
            "工业园区污水处理厂需要提标改造到地表水四类标准，寻求成熟的深度处理工艺与运维方案。"},
           {"region", "330381"},
           {"cooperation_joint_development", "on"},
           {"contact", "王工 0577-66660000"}}),
      as(pilot));
  ASSERT_EQ(good.status, 303) << good.body;
  std::string location = good.header("location");
  auto queue = get("/demands", as(pilot));
  EXPECT_NE(queue.body.find("id=\"review-queue\""), std::string::npos);
  EXPECT_NE(queue.body.find("园区污水处理提标改造"), std::string::npos);
  auto shown = get(location.substr(0, location.find('?')), as(pilot));
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("0577-66660000"), std::string::npos) << "the poster sees the contact";
  EXPECT_NE(shown.body.find("id=\"approve-demand\""), std::string::npos);
  auto anonymous = get("/demands");
  EXPECT_EQ(anonymous.body.find("园区污水处理提标改造"), std::string::npos) << "not public yet";
}

TEST_P(MatchingWebTest, ThePilotCityAccountsCarryTheirRegion) {
  SignedIn secretariat = sign_in(demo_logins().at("secretariat"));
  auto create = [&](const std::string& login, const std::string& region) {
    return post("/secretariat/accounts",
                form_encode({{"_csrf", secretariat.csrf},
                             {"login", login},
                             {"display_name", "深圳市科协"},
                             {"role", "pilot_city"},
                             {"region", region}}),
                as(secretariat));
  };
  auto refused = create("shenzhen@pilot.test", "44");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("region"), std::string::npos);
  auto store = open_store(m_db);
  EXPECT_FALSE((*store)->account_by_login("shenzhen@pilot.test"));
  auto created = create("shenzhen@pilot.test", "440300");
  EXPECT_EQ(created.status, 200) << created.body;
  auto account = (*store)->account_by_login("shenzhen@pilot.test");
  ASSERT_TRUE(account);
  EXPECT_EQ(account->role, Role::pilot_city);
  EXPECT_EQ(account->region, "440300");
  EXPECT_NE(get("/secretariat/accounts", as(secretariat)).body.find("广东省深圳市"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, MatchingWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
