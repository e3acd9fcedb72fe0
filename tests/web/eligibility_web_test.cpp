// Eligibility through the real server on both backends: verdicts come back with every
// save (the applicant's form shows them live), are recorded at submission, and the
// secretariat's formal check decides on them — overriding only with a reason — while the
// applicant reads the decision and why.
#include "collection_fixture.hpp"

namespace kczg::testing {
namespace {

class EligibilityWebTest : public CollectionTest {
 protected:
  // An emerging enterprise's draft with distinct texts (so no two look like one item).
  long long enterprise_draft(const Applicant& a, long long unit_id, const std::string& founded,
                             json* values_out = nullptr) {
    long long id = start(a, "emerging_enterprise");
    json values = valid_values("emerging_enterprise", a);
    values["founded_on"] = founded;
    values["products"] = a.name + "的主营产品：面向" + a.uscc + "的专用检测设备";
    values["core_competence"] = a.name + std::string(60, 'x') + a.uscc + std::string(60, 'y');
    if (values_out) *values_out = values;
    auto saved =
        api("PUT", path_of(id), a.who, json{{"unit_id", unit_id}, {"values", values}}.dump());
    EXPECT_EQ(saved.status, 200) << saved.body;
    return id;
  }

  static std::string path_of(long long id) { return "/api/v1/applications/" + std::to_string(id); }

  static json finding(const json& findings, const std::string& rule) {
    for (const json& f : findings) {
      if (f["rule"] == rule) return f;
    }
    return json();
  }

  // Closes collection an hour ago and opens the preliminary review, through the page.
  void open_preliminary_review(const SignedIn& secretariat) {
    Instant hour_ago = now() - std::chrono::hours(1);
    set_phase(secretariat, "collection", now() - std::chrono::days(30), hour_ago);
    set_phase(secretariat, "preliminary_review", hour_ago, now() + std::chrono::days(20));
  }
};

TEST_P(EligibilityWebTest, VerdictsFollowEverySaveAndAreRecordedAtSubmission) {
  auto a = register_enterprise(11);
  long long unit_id = demo_unit_id(*this, sign_in("unit@demo.kczg.cn"));
  json values;
  long long id = enterprise_draft(a, unit_id, "2012-05-01", &values);

  // Founded in 2012: more than 10 years counted back from 2023, said with both dates.
  values["founded_on"] = "2012-05-01";
  auto saved =
      api("PUT", path_of(id), a.who, json{{"unit_id", unit_id}, {"values", values}}.dump());
  json answer = json::parse(saved.body);
  EXPECT_EQ(answer["eligibility_verdict"], "fail");
  json age = finding(answer["eligibility"], "enterprise_age");
  EXPECT_EQ(age["verdict"], "fail");
  EXPECT_EQ(age["explanation"], "成立于 2012-05-01，早于 2013-01-01，超过 10 年（以 2023 年反推）");
  // The page shows the same panel, in English for an English reader.
  auto page = get("/applications/" + std::to_string(id) + "?lang=en", as(a.who));
  EXPECT_TRUE(contains(page.body, "id=\"eligibility\"")) << page.body.substr(0, 2000);
  EXPECT_TRUE(contains(page.body, "data-rule=\"enterprise_age\" data-verdict=\"fail\""));
  EXPECT_TRUE(contains(page.body, "Founded on 2012-05-01, before 2013-01-01"));

  // One day inside the limit passes; Hong Kong fails with the place named.
  values["founded_on"] = "2013-01-01";
  values["region"] = "810000";
  answer = json::parse(api("PUT", path_of(id), a.who,
                           json{{"unit_id", unit_id}, {"values", values}}.dump(),
                           "application/json", "en")
                           .body);
  EXPECT_EQ(finding(answer["eligibility"], "enterprise_age")["verdict"], "pass");
  json mainland = finding(answer["eligibility"], "mainland");
  EXPECT_EQ(mainland["verdict"], "fail");
  EXPECT_TRUE(contains(mainland["explanation"], "Hong Kong")) << mainland.dump();
  // Statements alone need the credit report; attached, they pass.
  EXPECT_EQ(finding(answer["eligibility"], "no_major_incident")["verdict"], "needs_evidence");
  ASSERT_EQ(api("POST", path_of(id) + "/attachments?kind=credit_report&name=report.pdf", a.who,
                k_pdf, "application/pdf")
                .status,
            201);
  json now = json::parse(api("GET", path_of(id) + "/eligibility", a.who).body);
  EXPECT_EQ(finding(now["current"], "no_major_incident")["verdict"], "pass");
  EXPECT_EQ(now["checks"].size(), 0u);

  // A code that fails only its check digit: refused with why, accepted once confirmed as
  // printed on the licence, and flagged.
  std::string printed = a.uscc.substr(0, 17) + (a.uscc[17] == '3' ? "4" : "3");
  values["uscc"] = printed;
  values["region"] = "330106";
  api("PUT", path_of(id), a.who, json{{"unit_id", unit_id}, {"values", values}}.dump());
  ASSERT_EQ(api("POST", path_of(id) + "/attachments?kind=signed_form&name=scan.pdf", a.who, k_pdf,
                "application/pdf")
                .status,
            201);
  auto refused = post("/applications/" + std::to_string(id) + "/submit",
                      form_encode({{"_csrf", a.who.csrf}}), as(a.who));
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "name=\"v_uscc_as_printed\"")) << refused.body.substr(0, 3000);
  values["uscc_as_printed"] = "1";
  api("PUT", path_of(id), a.who, json{{"unit_id", unit_id}, {"values", values}}.dump());
  auto submitted = api("POST", path_of(id) + "/submit", a.who);
  ASSERT_EQ(submitted.status, 200) << submitted.body;

  json recorded = json::parse(api("GET", path_of(id) + "/eligibility", a.who).body);
  ASSERT_EQ(recorded["checks"].size(), 1u) << recorded.dump();
  EXPECT_EQ(recorded["checks"][0]["stage"], "submission");
  json flagged = finding(recorded["checks"][0]["findings"], "uscc_as_printed");
  EXPECT_EQ(flagged["verdict"], "needs_evidence");
  EXPECT_EQ(flagged["params"]["value"], printed);
  // Another applicant cannot read it.
  auto b = register_enterprise(12);
  EXPECT_EQ(api("GET", path_of(id) + "/eligibility", b.who).status, 404);
}

TEST_P(EligibilityWebTest, FormalCheckDecidesAndTheApplicantReadsWhy) {
  SignedIn unit = sign_in("unit@demo.kczg.cn");
  SignedIn secretariat = sign_in(demo_logins().at("secretariat"));
  long long unit_id = demo_unit_id(*this, unit);
  auto old = register_enterprise(21), clean = register_enterprise(22);
  long long old_id = enterprise_draft(old, unit_id, "2012-05-01");
  long long clean_id = enterprise_draft(clean, unit_id, "2020-05-01");
  for (auto [who, id] : {std::pair{old, old_id}, std::pair{clean, clean_id}}) {
    for (const char* kind : {"signed_form", "credit_report"}) {
      ASSERT_EQ(api("POST", path_of(id) + "/attachments?kind=" + std::string(kind) + "&name=x.pdf",
                    who.who, k_pdf, "application/pdf")
                    .status,
                201);
    }
    ASSERT_EQ(api("POST", path_of(id) + "/submit", who.who).status, 200);
    auto r = api("POST", path_of(id) + "/recommend", unit);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // Not before the preliminary review.
  auto early = api("POST", "/api/v1/formal-check/" + std::to_string(old_id) + "/decision",
                   secretariat, json{{"eligible", false}, {"reason", "超龄"}}.dump());
  EXPECT_EQ(early.status, 409) << early.body;
  open_preliminary_review(secretariat);

  json rows = json::parse(api("GET", "/api/v1/formal-check", secretariat).body);
  auto row_of = [&](long long id) {
    for (const json& r : rows) {
      if (r["application"] == id) return r;
    }
    return json();
  };
  EXPECT_EQ(row_of(old_id)["verdict"], "fail") << rows.dump();
  EXPECT_EQ(row_of(clean_id)["verdict"], "pass") << row_of(clean_id).dump();
  EXPECT_EQ(finding(row_of(clean_id)["findings"], "not_listed_before")["verdict"], "pass");
  EXPECT_EQ(api("GET", "/api/v1/formal-check", unit).status, 403);

  // Eligible despite the failing rule needs a reason; the override is shown and audited.
  auto bare = api("POST", "/api/v1/formal-check/" + std::to_string(old_id) + "/decision",
                  secretariat, json{{"eligible", true}}.dump());
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(json::parse(bare.body)["code"], "formal_check_override_reason");
  EXPECT_EQ(api("POST", "/api/v1/formal-check/" + std::to_string(old_id) + "/decision", secretariat,
                json{{"eligible", "yes"}}.dump())
                .status,
            400);
  // The automatic verdicts: the clean one passes; the failing one is decided with its reason.
  json applied = json::parse(api("POST", "/api/v1/formal-check/apply", secretariat).body);
  EXPECT_GE(applied["eligible"].get<int>(), 1) << applied.dump();
  EXPECT_GE(applied["ineligible"].get<int>(), 1) << applied.dump();
  json clean_app = json::parse(api("GET", path_of(clean_id), clean.who).body);
  EXPECT_EQ(clean_app["state"], "eligible");
  json old_app = json::parse(api("GET", path_of(old_id), old.who).body);
  EXPECT_EQ(old_app["state"], "ineligible");

  // The applicant's page says why, in the words of the rule.
  auto page = get("/applications/" + std::to_string(old_id), as(old.who));
  EXPECT_TRUE(contains(page.body, "id=\"formal-decision\"")) << page.body.substr(0, 3000);
  EXPECT_TRUE(contains(page.body, "成立于 2012-05-01，早于 2013-01-01"));
  // Decided once.
  EXPECT_EQ(api("POST", "/api/v1/formal-check/" + std::to_string(old_id) + "/decision", secretariat,
                json{{"eligible", true}, {"reason", "复核"}}.dump())
                .status,
            409);
  auto audit = get("/secretariat/audit?action=application.fail_formal_check", as(secretariat));
  EXPECT_TRUE(contains(audit.body, "application:" + std::to_string(old_id)));

  // The page: decided rows with their decisions, in both languages.
  auto formal = get("/secretariat/formal-check", as(secretariat));
  ASSERT_EQ(formal.status, 200);
  EXPECT_TRUE(contains(formal.body, "id=\"application-" + std::to_string(old_id) + "\""));
  EXPECT_TRUE(contains(formal.body, "data-state=\"ineligible\""));
  EXPECT_TRUE(contains(get("/secretariat/formal-check?lang=en", as(secretariat)).body,
                       "Automatic verdict"));
}

INSTANTIATE_TEST_SUITE_P(Backends, EligibilityWebTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
