// What the collection and eligibility tests share: applicants that register, fill their
// list's form from its own definition, attach and submit, through the real server.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "domain/instant.hpp"
#include "domain/uscc.hpp"
#include "web_fixture.hpp"

namespace kczg::testing {

using nlohmann::json;

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The smallest file libmagic calls a PDF; the server checks content, not names.
inline const std::string k_pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
inline const std::string k_png =
    std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 33);

inline std::string uscc(int n) {
  char body[18];
  std::snprintf(body, sizeof body, "91330106%09d", n);
  std::string code(body, 17);
  return code + uscc_check_digit(code);
}

class CollectionTest : public WebTest {
 public:
  using WebTest::api;
  struct Applicant {
    SignedIn who;
    std::string uscc;
    std::string name;
  };

  // Sets a phase's dates through the secretariat's campaign page.
  void set_phase(const SignedIn& secretariat, const std::string& kind, Instant starts,
                 Instant ends) {
    auto local = [](Instant at) { return format_shanghai(at).substr(0, 16); };
    auto r = post("/secretariat/campaign/phase",
                  form_encode({{"_csrf", secretariat.csrf},
                               {"kind", kind},
                               {"starts_at", local(starts)},
                               {"ends_at", local(ends)},
                               {"confirm", "yes"}}),
                  as(secretariat));
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 2000);
  }

  static Instant now() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }

  Applicant register_enterprise(int n) {
    Applicant a{{}, uscc(500 + n), "杭州测试" + std::to_string(n) + "号科技有限公司"};
    std::string login = "enterprise" + std::to_string(n) + "@example.org";
    auto r = post("/register", form_encode({{"kind", "enterprise"},
                                            {"name", a.name},
                                            {"uscc", a.uscc},
                                            {"contact", "联系人"},
                                            {"login", login},
                                            {"password", "a long password"},
                                            {"password2", "a long password"}}));
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 400);
    a.who = sign_in(login, "a long password");
    return a;
  }

  // Values that pass the list's form: every required field filled from the form's own
  // definition, so the test follows the form as it grows.
  json valid_values(const std::string& list, const Applicant& a) {
    json form = json::parse(get("/api/v1/forms/" + list).body);
    json values = json::object();
    for (const json& section : form["sections"]) {
      for (const json& f : section["fields"]) {
        if (!f["required"].get<bool>()) continue;
        std::string type = f["type"], name = f["name"];
        long long min = f["min"].is_null() ? 1 : f["min"].get<long long>();
        if (type == "text" || type == "textarea") {
          std::string text = a.name;
          while ((long long)text.size() / 3 < min) text += "创新";
          if (!f["max"].is_null() && (long long)(text.size() / 3) > f["max"].get<long long>())
            text = "测试";
          values[name] = name == form["title_field"] ? a.name : text;
        } else if (type == "integer" || type == "decimal") {
          values[name] = std::to_string(std::max(min, 1LL));
        } else if (type == "date") {
          values[name] = "2020-05-01";
        } else if (type == "choice") {
          values[name] = f["options"][0]["code"];
        } else if (type == "uscc") {
          values[name] = a.uscc;
        } else if (type == "region") {
          values[name] = "330106";
        } else if (type == "attestation") {
          values[name] = "1";
        }
      }
    }
    return values;
  }

  long long start(const Applicant& a, const std::string& list, const std::string& field = "") {
    auto r =
        api("POST", "/api/v1/applications", a.who, json{{"list", list}, {"field", field}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("id", 0LL);
  }

  // Filled, attached and submitted naming `unit_id`; returns the receipt.
  json apply(const Applicant& a, const std::string& list, const std::string& field,
             long long unit_id) {
    long long id = start(a, list, field);
    std::string path = "/api/v1/applications/" + std::to_string(id);
    auto saved =
        api("PUT", path, a.who,
            json{{"field", field}, {"unit_id", unit_id}, {"values", valid_values(list, a)}}.dump());
    EXPECT_EQ(saved.status, 200) << saved.body;
    auto attached = api("POST", path + "/attachments?kind=signed_form&name=scan.pdf", a.who, k_pdf,
                        "application/pdf");
    EXPECT_EQ(attached.status, 201) << attached.body;
    auto submitted = api("POST", path + "/submit", a.who);
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    json receipt = json::parse(submitted.body, nullptr, false);
    receipt["id"] = id;
    return receipt;
  }
};

// The demo's unit account acts for the first demo unit, in one channel: 3 per field.
inline long long demo_unit_id(CollectionTest& c, const SignedIn& unit) {
  json me = json::parse(c.api("GET", "/api/v1/me", unit).body);
  return me["unit_id"].is_number() ? me["unit_id"].get<long long>() : 0;
}

}  // namespace kczg::testing
