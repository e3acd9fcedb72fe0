// The collection phase end to end against the real binary, on SQLite and PostgreSQL:
// applicants apply, units recommend within quota, the secretariat watches it fill.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "collection_fixture.hpp"
#include "domain/instant.hpp"

namespace kczg::testing {
namespace {

TEST_P(CollectionTest, ApplicantSubmitsWithAReceiptAndTheUnitAndSecretariatSeeIt) {
  CollectionTest& c = *this;
  auto a = c.register_enterprise(1);
  SignedIn unit = sign_in("unit@demo.kczg.cn");
  long long unit_id = demo_unit_id(c, unit);
  ASSERT_GT(unit_id, 0);
  long long id = c.start(a, "emerging_enterprise");
  std::string path = "/api/v1/applications/" + std::to_string(id);

  // A half-typed draft saves; a bad date is reported, not refused.
  auto draft =
      c.api("PUT", path, a.who,
            json{{"values", {{"enterprise_name", a.name}, {"founded_on", "2020-02-30"}}}}.dump());
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(json::parse(draft.body)["problems"][0]["field"], "founded_on");

  // Submitting too early lists every problem, in the caller's language.
  auto early = c.api("POST", path + "/submit", a.who);
  ASSERT_EQ(early.status, 422) << early.body;
  json problems = json::parse(early.body)["problems"];
  std::set<std::string> codes, fields;
  for (const json& p : problems) {
    codes.insert(p["code"]);
    if (!p["field"].is_null()) fields.insert(p["field"]);
  }
  EXPECT_TRUE(codes.contains("form_bad_date"));
  EXPECT_TRUE(codes.contains("form_value_missing"));
  EXPECT_TRUE(codes.contains("unit_not_chosen"));
  EXPECT_TRUE(codes.contains("attachment_missing"));
  EXPECT_TRUE(fields.contains("uscc"));
  EXPECT_TRUE(contains(early.body, "请填写")) << early.body;
  auto early_en = c.api("POST", path + "/submit", a.who, "", "application/json", "en");
  EXPECT_TRUE(contains(early_en.body, "Please fill in")) << early_en.body;
  EXPECT_EQ(json::parse(c.api("GET", path, a.who).body)["state"], "draft");

  // Attachments are checked by content: a PNG named .pdf is refused, nothing stored.
  auto png = c.api("POST", path + "/attachments?kind=signed_form&name=scan.pdf", a.who, k_png,
                   "application/pdf");
  EXPECT_EQ(png.status, 415) << png.body;
  EXPECT_EQ(json::parse(png.body)["code"], "attachment_not_pdf");
  EXPECT_TRUE(json::parse(c.api("GET", path, a.who).body)["attachments"].empty());

  auto saved = c.api(
      "PUT", path, a.who,
      json{{"unit_id", unit_id}, {"values", c.valid_values("emerging_enterprise", a)}}.dump());
  ASSERT_EQ(saved.status, 200);
  ASSERT_EQ(
      c.api("POST", path + "/attachments?kind=signed_form&name=%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf",
            a.who, k_pdf, "application/pdf")
          .status,
      201);
  auto submitted = c.api("POST", path + "/submit", a.who);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  json receipt = json::parse(submitted.body);
  std::string sha = receipt["content_sha256"];
  EXPECT_EQ(sha.size(), 64u);
  EXPECT_TRUE(receipt["number"].get<std::string>().starts_with("KC2023-EE-"));
  EXPECT_TRUE(receipt["submitted_at"].get<std::string>().ends_with("+08:00"));
  // A retry whose first answer was lost gets the same receipt, not an error.
  auto retried = c.api("POST", path + "/submit", a.who);
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(json::parse(retried.body), receipt);

  // The receipt is on the page; the 申报书 and the attachment download.
  auto page = get("/applications/" + std::to_string(id), as(a.who));
  EXPECT_TRUE(contains(page.body, sha));
  auto pdf = get("/applications/" + std::to_string(id) + "/form.pdf", as(a.who));
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
  auto scan = get("/applications/" + std::to_string(id) + "/attachments/signed_form", as(unit));
  EXPECT_EQ(scan.status, 200);
  EXPECT_EQ(scan.body, k_pdf);

  // Submitted means locked.
  EXPECT_EQ(c.api("PUT", path, a.who, json{{"values", json::object()}}.dump()).status, 409);

  // Other applicants see nothing of it; the unit it names does.
  auto other = c.register_enterprise(2);
  EXPECT_EQ(c.api("GET", path, other.who).status, 404);
  EXPECT_EQ(c.api("PUT", path, other.who, "{}").status, 404);
  EXPECT_EQ(get("/applications/" + std::to_string(id) + "/form.pdf", as(other.who)).status, 404);
  EXPECT_EQ(c.api("GET", path, unit).status, 200);
  EXPECT_TRUE(contains(get("/unit/applications", as(unit)).body, a.name));

  // Returned with a reason, revised, resubmitted: a new digest.
  auto returned = c.api("POST", path + "/return", unit, json{{"reason", "请补充营业执照"}}.dump());
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_TRUE(
      contains(get("/applications/" + std::to_string(id), as(a.who)).body, "请补充营业执照"));
  json values = c.valid_values("emerging_enterprise", a);
  values["products"] = "改进后的主营产品说明";
  ASSERT_EQ(c.api("PUT", path, a.who, json{{"unit_id", unit_id}, {"values", values}}.dump()).status,
            200);
  auto again = c.api("POST", path + "/submit", a.who);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(json::parse(again.body)["content_sha256"], sha);

  // The secretariat's overview and export count it.
  SignedIn secretariat = sign_in("secretariat@demo.kczg.cn");
  auto overview = get("/secretariat/overview", as(secretariat));
  EXPECT_EQ(overview.status, 200);
  EXPECT_TRUE(contains(overview.body, "id=\"by-province\""));
  auto csv = get("/secretariat/exports/applications.csv", as(secretariat));
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(contains(csv.body, a.name));
  auto xlsx = get("/secretariat/exports/recommendations.xlsx", as(secretariat));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
}

TEST_P(CollectionTest, TheFourthRecommendationInAFieldWithQuotaThreeIsRefused) {
  CollectionTest& c = *this;
  SignedIn unit = sign_in("unit@demo.kczg.cn");
  long long unit_id = demo_unit_id(c, unit);
  // A field in which the demo unit has recommended nothing yet.
  std::set<std::string> used;
  for (const json& a : json::parse(c.api("GET", "/api/v1/applications", unit).body)) {
    if (a["state"] == "recommended") used.insert(a["field"].get<std::string>());
  }
  std::string field;
  for (std::string f : {"electronic_information", "biomedicine", "equipment_manufacturing",
                        "advanced_materials", "green_low_carbon", "industrial_foundation"}) {
    if (!used.contains(f)) field = f;
  }
  ASSERT_FALSE(field.empty());
  std::vector<long long> ids;
  for (int n = 0; n < 4; ++n) {
    auto a = c.register_enterprise(10 + n);
    json receipt = c.apply(a, "pioneer_tech", field, unit_id);
    ids.push_back(receipt["id"]);
  }
  auto first = c.api("POST", "/api/v1/applications/" + std::to_string(ids[0]) + "/recommend", unit);
  ASSERT_EQ(first.status, 200) << first.body;
  // The rest in one bulk decision on the unit's page.
  std::vector<std::pair<std::string, std::string>> form{{"_csrf", unit.csrf},
                                                        {"action", "recommend"}};
  for (std::size_t i = 1; i < ids.size(); ++i) form.emplace_back("id", std::to_string(ids[i]));
  auto bulk = post("/unit/applications", form_encode(form), as(unit));
  EXPECT_EQ(bulk.status, 409);
  EXPECT_TRUE(contains(bulk.body, "推荐名额已用完（已用 3，名额 3）")) << bulk.body.substr(0, 4000);
  int recommended = 0;
  for (long long id : ids) {
    auto a = json::parse(c.api("GET", "/api/v1/applications/" + std::to_string(id), unit).body);
    recommended += a["state"] == "recommended";
  }
  EXPECT_EQ(recommended, 3);
  auto fourth = c.api("POST", "/api/v1/applications/" + std::to_string(ids[3]) + "/recommend", unit,
                      "", "application/json", "en");
  EXPECT_EQ(fourth.status, 409);
  EXPECT_EQ(json::parse(fourth.body)["code"], "quota_exhausted");
}

TEST_P(CollectionTest, AfterTheDeadlineSubmissionsAndDecisionsAreRefusedNamingIt) {
  CollectionTest& c = *this;
  auto a = c.register_enterprise(20);
  SignedIn unit = sign_in("unit@demo.kczg.cn");
  long long unit_id = demo_unit_id(c, unit);
  json receipt = c.apply(a, "tech_manager", "", unit_id);
  auto b = c.register_enterprise(22);
  long long draft = c.start(b, "emerging_enterprise");
  ASSERT_EQ(
      c.api("PUT", "/api/v1/applications/" + std::to_string(draft), b.who,
            json{{"unit_id", unit_id}, {"values", c.valid_values("emerging_enterprise", b)}}.dump())
          .status,
      200);

  // The secretariat closes collection a minute ago (the server's clock decides).
  SignedIn s = sign_in("secretariat@demo.kczg.cn");
  auto now = std::chrono::system_clock::now() - std::chrono::minutes(1);
  std::string end = format_shanghai(std::chrono::time_point_cast<std::chrono::microseconds>(now));
  std::string local = end.substr(0, 16);  // datetime-local, +08:00
  auto closed = post("/secretariat/campaign/phase",
                     form_encode({{"_csrf", s.csrf},
                                  {"kind", "collection"},
                                  {"starts_at", "2023-09-01T00:00"},
                                  {"ends_at", local},
                                  {"confirm", "yes"}}),
                     as(s));
  ASSERT_EQ(closed.status, 200) << closed.body.substr(0, 2000);
  std::string deadline = local.substr(0, 10) + " " + local.substr(11, 5);

  auto refused = c.api("POST", "/api/v1/applications/" + std::to_string(draft) + "/submit", b.who);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["code"], "collection_closed");
  EXPECT_TRUE(contains(refused.body, deadline)) << refused.body << " " << deadline;
  auto decision =
      c.api("POST",
            "/api/v1/applications/" + std::to_string(receipt["id"].get<long long>()) + "/recommend",
            unit);
  EXPECT_EQ(decision.status, 409) << decision.body;
  EXPECT_EQ(json::parse(decision.body)["code"], "recommendation_closed");
  auto page = get("/unit/applications", as(unit));
  EXPECT_TRUE(contains(page.body, "id=\"read-only\""));
  EXPECT_FALSE(contains(page.body, "id=\"decide\""));
  auto new_start = c.api("POST", "/api/v1/applications", b.who,
                         json{{"list", "tech_manager"}, {"field", ""}}.dump());
  EXPECT_EQ(json::parse(new_start.body)["code"], "collection_closed");
}

TEST_P(CollectionTest, PagesWalkTheFormInChineseAndEnglish) {
  CollectionTest& c = *this;
  auto a = c.register_enterprise(30);
  auto start = post(
      "/applications",
      form_encode(
          {{"_csrf", a.who.csrf}, {"list", "pioneer_tech"}, {"field_pioneer_tech", "biomedicine"}}),
      as(a.who));
  ASSERT_EQ(start.status, 303) << start.body.substr(0, 2000);
  std::string location = start.header("location");
  auto zh = get(location, as(a.who));
  EXPECT_TRUE(contains(zh.body, "id=\"v_tech_name\""));
  EXPECT_TRUE(contains(zh.body, "data-autosave="));
  auto en = get(location + "?lang=en", as(a.who));
  EXPECT_TRUE(contains(en.body, "Submit application")) << en.body.substr(0, 1500);
  // Submitting the empty form marks the fields that need filling, in the page's language.
  auto submitted = post(
      location + "/submit?lang=en",
      form_encode({{"_csrf", a.who.csrf}, {"unit_id", "0"}, {"campaign_field", "biomedicine"}}),
      as(a.who));
  EXPECT_EQ(submitted.status, 422);
  EXPECT_TRUE(contains(submitted.body, "id=\"error-tech_name\""));
  EXPECT_TRUE(contains(submitted.body, "Please fill in"));

  // The page's upload form: multipart, with the CSRF token as one of its fields.
  auto multipart = [&](const std::string& csrf) {
    std::string b = "----kczgboundary";
    std::string body =
        "--" + b + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--" +
        b + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsigned_form\r\n--" + b +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"扫描件.pdf\"\r\n"
        "Content-Type: application/pdf\r\n\r\n" +
        k_pdf + "\r\n--" + b + "--\r\n";
    Fields headers = as(a.who);
    headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + b);
    return request("POST", location + "/attachments", headers, body);
  };
  EXPECT_EQ(multipart("forged").status, 403);
  auto uploaded = multipart(a.who.csrf);
  EXPECT_EQ(uploaded.status, 200) << uploaded.body.substr(0, 2000);
  EXPECT_TRUE(contains(uploaded.body, "扫描件.pdf"));
}

INSTANTIATE_TEST_SUITE_P(Backends, CollectionTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
