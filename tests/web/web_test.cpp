// The security baseline and the account flows, against the real binary.
#include <nlohmann/json.hpp>

#include "domain/uscc.hpp"
#include "web/app.hpp"
#include "web_fixture.hpp"

namespace kczg::testing {
namespace {

using SecurityTest = WebTest;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_P(SecurityTest, HeadersOnPagesAndApi) {
  for (const std::string target : {"/", "/sign-in", "/api/v1/campaign", "/no-such-page"}) {
    auto r = get(target);
    EXPECT_TRUE(contains(r.header("content-security-policy"), "script-src 'self'")) << target;
    EXPECT_FALSE(contains(r.header("content-security-policy"), "unsafe-inline")) << target;
    EXPECT_TRUE(contains(r.header("content-security-policy"), "frame-ancestors 'none'")) << target;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
    EXPECT_EQ(r.header("referrer-policy"), "same-origin") << target;
  }
  // No inline script anywhere: the CSP would block it, so the pages must not need it.
  EXPECT_FALSE(contains(get("/").body, "<script>"));
  EXPECT_EQ(get("/healthz").status, 200);
}

TEST_P(SecurityTest, SessionCookieIsHttpOnlyLaxAndRotatedAtSignIn) {
  std::string planted = "kczg_session=attacker-chosen-value";
  auto r = post("/sign-in",
                form_encode({{"login", "applicant@demo.kczg.cn"}, {"password", k_demo_password}}),
                {{"Cookie", planted}});
  ASSERT_EQ(r.status, 303);
  std::string set;
  for (const std::string& c : r.all("set-cookie")) {
    if (c.starts_with("kczg_session=")) set = c;
  }
  EXPECT_TRUE(contains(set, "HttpOnly"));
  EXPECT_TRUE(contains(set, "SameSite=Lax"));
  EXPECT_FALSE(contains(set, "attacker-chosen-value"));
  // The planted id never became a session.
  EXPECT_EQ(get("/dashboard", {{"Cookie", planted}}).status, 303);
  EXPECT_EQ(get("/dashboard", {{"Cookie", set.substr(0, set.find(';'))}}).status, 200);
}

TEST_P(SecurityTest, SignOutEndsTheSession) {
  SignedIn who = sign_in("unit@demo.kczg.cn");
  EXPECT_EQ(post("/sign-out", form_encode({{"_csrf", who.csrf}}), as(who)).status, 303);
  EXPECT_EQ(get("/dashboard", as(who)).status, 303);
  EXPECT_EQ(get("/api/v1/me", as(who)).status, 401);
}

TEST_P(SecurityTest, CsrfMissingOrWrongIsRefusedAndChangesNothing) {
  SignedIn secretariat = sign_in("secretariat@demo.kczg.cn");
  auto accounts = [&] { return get("/secretariat/accounts", as(secretariat)).body; };
  std::vector<std::pair<std::string, std::string>> fields{
      {"login", "new-expert@example.org"}, {"display_name", "新专家"}, {"role", "expert"}};
  auto missing = post("/secretariat/accounts", form_encode(fields), as(secretariat));
  EXPECT_EQ(missing.status, 403);
  auto wrong_fields = fields;
  wrong_fields.emplace_back("_csrf", "forged");
  EXPECT_EQ(post("/secretariat/accounts", form_encode(wrong_fields), as(secretariat)).status, 403);
  // A header with another session's token is as wrong.
  SignedIn other = sign_in("unit@demo.kczg.cn");
  Fields cross = as(secretariat);
  cross.emplace_back("X-CSRF-Token", other.csrf);
  EXPECT_EQ(post("/secretariat/accounts", form_encode(fields), cross).status, 403);
  EXPECT_FALSE(contains(accounts(), "new-expert@example.org"));
  auto right_fields = fields;
  right_fields.emplace_back("_csrf", secretariat.csrf);
  EXPECT_EQ(post("/secretariat/accounts", form_encode(right_fields), as(secretariat)).status, 200);
  EXPECT_TRUE(contains(accounts(), "new-expert@example.org"));
}

TEST_P(SecurityTest, SignInIsThrottledPerAccount) {
  std::string wrong =
      form_encode({{"login", "expert@demo.kczg.cn"}, {"password", "wrong password"}});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(post("/sign-in", wrong).status, 401) << i;
  EXPECT_EQ(post("/sign-in", wrong).status, 429);
  // Even the right password waits for the window.
  auto right = post("/sign-in",
                    form_encode({{"login", "expert@demo.kczg.cn"}, {"password", k_demo_password}}));
  EXPECT_EQ(right.status, 429);
  EXPECT_TRUE(right.all("set-cookie").empty());
  // Another account from the same address is not locked out by it.
  EXPECT_EQ(post("/sign-in",
                 form_encode({{"login", "partner@demo.kczg.cn"}, {"password", k_demo_password}}))
                .status,
            303);
}

TEST_P(SecurityTest, SignInIsThrottledPerAddress) {
  int refused = 0;
  for (int i = 0; i < 22; ++i) {
    std::string login = "nobody" + std::to_string(i) + "@example.org";
    refused += post("/sign-in", form_encode({{"login", login}, {"password", "x"}})).status == 429;
  }
  EXPECT_EQ(refused, 2);  // attempts 21 and 22
}

// Many people behind one proxy or NAT sign in from one address: successes never use up
// the address's budget, only failures do.
TEST_P(SecurityTest, SuccessfulSignInsDoNotExhaustTheAddress) {
  for (int i = 0; i < 25; ++i) {
    auto r = post("/sign-in", form_encode({{"login", "unit@demo.kczg.cn"},
                                           {"password", std::string(k_demo_password)}}));
    ASSERT_EQ(r.status, 303) << "sign-in " << i + 1;
  }
}

TEST_P(SecurityTest, StoredXssRendersInert) {
  const std::string payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
  std::string body = "91110108MA0000001";
  std::string uscc = body + kczg::uscc_check_digit(body);
  auto registered = post("/register", form_encode({{"kind", "enterprise"},
                                                   {"name", "企业" + payload},
                                                   {"uscc", uscc},
                                                   {"contact", "联系人" + payload},
                                                   {"login", "xss@example.org"},
                                                   {"password", "a long password"},
                                                   {"password2", "a long password"}}));
  ASSERT_EQ(registered.status, 303) << registered.body.substr(0, 500);
  // A refused form echoes the payload back into its inputs: escaped too.
  auto refused = post("/register", form_encode({{"kind", "enterprise"},
                                                {"name", payload},
                                                {"uscc", payload},
                                                {"contact", payload},
                                                {"login", payload},
                                                {"password", "short"},
                                                {"password2", "short"}}));
  EXPECT_EQ(refused.status, 400);
  SignedIn xss = sign_in("xss@example.org", "a long password");
  auto token =
      post("/account/tokens", form_encode({{"_csrf", xss.csrf}, {"name", payload}}), as(xss));
  SignedIn secretariat = sign_in("secretariat@demo.kczg.cn");
  post("/secretariat/accounts",
       form_encode({{"_csrf", secretariat.csrf},
                    {"login", "x2@example.org"},
                    {"display_name", payload},
                    {"role", "partner"}}),
       as(secretariat));
  for (const auto& page :
       {refused, get("/dashboard", as(xss)), get("/account", as(xss)),
        get("/secretariat/accounts", as(secretariat)), get("/secretariat/audit", as(secretariat)),
        get("/secretariat/audit?actor=" + web::http::url_encode(payload), as(secretariat))}) {
    EXPECT_FALSE(contains(page.body, "<script>alert")) << page.body.substr(0, 2000);
    EXPECT_FALSE(contains(page.body, "<img src=x")) << page.body.substr(0, 2000);
  }
  EXPECT_TRUE(contains(get("/secretariat/accounts", as(secretariat)).body, "&lt;script&gt;"));
}

TEST_P(SecurityTest, RegisterRefusesBadInputWithSpecificMessages) {
  auto bad_uscc = post("/register?lang=en", form_encode({{"kind", "organisation"},
                                                         {"name", "某研究院"},
                                                         {"uscc", "91350100M000100Y44"},
                                                         {"contact", "x"},
                                                         {"login", "org@example.org"},
                                                         {"password", "a long password"},
                                                         {"password2", "a long password"}}));
  EXPECT_EQ(bad_uscc.status, 400);
  EXPECT_TRUE(contains(bad_uscc.body, "wrong check digit")) << bad_uscc.body.substr(0, 3000);
  auto mismatch = post("/register", form_encode({{"kind", "person"},
                                                 {"name", "张三"},
                                                 {"contact", "x"},
                                                 {"login", "13800000000"},
                                                 {"password", "a long password"},
                                                 {"password2", "another long one"}}));
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_TRUE(contains(mismatch.body, "两次输入的密码不一致"));
  // Nothing was created: the login is still free.
  EXPECT_EQ(
      post("/sign-in", form_encode({{"login", "13800000000"}, {"password", "a long password"}}))
          .status,
      401);
}

TEST_P(SecurityTest, ApiErrorsAreJsonInTheRequestLanguage) {
  auto zh = get("/api/v1/me");
  EXPECT_EQ(zh.status, 401);
  auto j = nlohmann::json::parse(zh.body);
  EXPECT_EQ(j["code"], "not_signed_in");
  EXPECT_EQ(j["message"], "请先登录");
  EXPECT_TRUE(j["field"].is_null());
  auto en = get("/api/v1/me", {{"Accept-Language", "en-US,en;q=0.9"}});
  EXPECT_EQ(nlohmann::json::parse(en.body)["message"], "Please sign in first");
  SignedIn unit = sign_in("unit@demo.kczg.cn");
  auto forbidden = get("/api/v1/audit?lang=en", as(unit));
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(nlohmann::json::parse(forbidden.body)["code"], "forbidden");
}

TEST_P(SecurityTest, ApiTokenAuthenticatesScripts) {
  SignedIn secretariat = sign_in("secretariat@demo.kczg.cn");
  auto page =
      post("/account/tokens",
           form_encode({{"_csrf", secretariat.csrf}, {"name", "nightly export"}}), as(secretariat));
  auto at = page.body.find("id=\"new-token\">");
  ASSERT_NE(at, std::string::npos);
  at += 15;
  std::string token = page.body.substr(at, page.body.find('<', at) - at);
  auto me = get("/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(nlohmann::json::parse(me.body)["role"], "secretariat");
  auto audit =
      get("/api/v1/audit?action=account.create_api_token", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(nlohmann::json::parse(audit.body)["entries"][0]["after"]["name"], "nightly export");
  EXPECT_EQ(get("/api/v1/me", {{"Authorization", "Bearer not-a-token"}}).status, 401);
  // A token is not a page session.
  EXPECT_EQ(get("/dashboard", {{"Authorization", "Bearer " + token}}).status, 303);
}

TEST_P(SecurityTest, InvitationActivatesAnAccountOnce) {
  SignedIn secretariat = sign_in("secretariat@demo.kczg.cn");
  auto created = post("/secretariat/accounts",
                      form_encode({{"_csrf", secretariat.csrf},
                                   {"login", "body@example.org"},
                                   {"display_name", "评审机构甲"},
                                   {"role", "review_body"}}),
                      as(secretariat));
  ASSERT_EQ(created.status, 200);
  auto outbox = get("/secretariat/outbox", as(secretariat)).body;
  auto at = outbox.find("/invite/");
  ASSERT_NE(at, std::string::npos);
  std::string link = outbox.substr(at, outbox.find('<', at) - at);
  EXPECT_EQ(post("/sign-in",
                 form_encode({{"login", "body@example.org"}, {"password", "chosen password"}}))
                .status,
            401);
  std::string pw = form_encode({{"password", "chosen password"}, {"password2", "chosen password"}});
  EXPECT_EQ(post(link, pw).status, 200);
  EXPECT_EQ(post(link, pw).status, 400);  // used
  SignedIn body = sign_in("body@example.org", "chosen password");
  EXPECT_TRUE(contains(get("/dashboard", as(body)).body, "data-role=\"review_body\""));
}

TEST_P(SecurityTest, LanguageSwitchSticks) {
  auto en = get("/?lang=en");
  EXPECT_TRUE(contains(en.body, "<html lang=\"en\">"));
  std::string cookie = cookie_from(en, "kczg_lang");
  EXPECT_EQ(cookie, "kczg_lang=en");
  EXPECT_TRUE(contains(get("/sign-in", {{"Cookie", cookie}}).body, ">Sign in<"));
  EXPECT_TRUE(contains(get("/sign-in").body, ">登录<"));
}

// The anonymous home page is answered from a cache on the I/O thread; a signed-in caller
// or a language switch must still reach the full handler.
TEST_P(SecurityTest, CachedHomePageIsNeverPersonalAndFollowsTheLanguage) {
  SignedIn unit = sign_in("unit@demo.kczg.cn");
  for (int round = 0; round < 3; ++round) {
    auto anonymous = get("/");
    EXPECT_EQ(anonymous.header("cache-control"), "public, max-age=5");
    EXPECT_FALSE(contains(anonymous.body, "sign-out"));
    EXPECT_TRUE(contains(anonymous.body, "<html lang=\"zh-CN\">"));
    auto signed_in = get("/", as(unit));
    EXPECT_EQ(signed_in.header("cache-control"), "private, no-store");
    EXPECT_TRUE(contains(signed_in.body, "sign-out"));
    EXPECT_TRUE(contains(get("/", {{"Accept-Language", "en-GB"}}).body, "<html lang=\"en\">"));
    EXPECT_EQ(cookie_from(get("/?lang=en"), "kczg_lang"), "kczg_lang=en");
  }
}

TEST_P(SecurityTest, SecretariatControlsPhasesWithConfirmation) {
  SignedIn s = sign_in("secretariat@demo.kczg.cn");
  std::vector<std::pair<std::string, std::string>> fields{{"_csrf", s.csrf},
                                                          {"kind", "public_notice"},
                                                          {"starts_at", "2024-01-20T00:00"},
                                                          {"ends_at", "2024-01-27T00:00"}};
  EXPECT_EQ(post("/secretariat/campaign/phase", form_encode(fields), as(s)).status,
            400);  // no confirmation
  fields.emplace_back("confirm", "yes");
  EXPECT_EQ(post("/secretariat/campaign/phase", form_encode(fields), as(s)).status, 200);
  auto campaign = nlohmann::json::parse(get("/api/v1/campaign").body);
  EXPECT_EQ(campaign["phases"][3]["starts_at"], "2024-01-20T00:00:00+08:00");
  EXPECT_EQ(campaign["phases"][3]["ends_at"], "2024-01-27T00:00:00+08:00");
  auto audit = get("/secretariat/audit.csv?action=campaign.set_phase", as(s));
  EXPECT_EQ(audit.status, 200);
  EXPECT_TRUE(contains(audit.body, "secretariat@demo.kczg.cn"));
}

// More rows than one page of the stream (2,000): the CSV arrives chunked, every row once,
// oldest first, and a filter streams only its rows.
TEST_P(SecurityTest, AuditCsvStreamsTheWholeLogPageByPage) {
  auto store = open_store(m_db);
  ASSERT_TRUE(store);
  auto campaign = (*store)->latest_campaign_id();
  ASSERT_TRUE(campaign);
  Instant start = from_micros(1'700'000'000'000'000);
  for (int i = 0; i < 2500; ++i) {
    Instant at = start + std::chrono::hours(i);
    ASSERT_TRUE((*store)->set_phase_dates(*campaign, PhaseKind::collection, at,
                                          at + std::chrono::hours(1),
                                          Actor{Role::secretariat, "load"}, at));
  }
  auto log = (*store)->audit_log();
  ASSERT_TRUE(log);
  SignedIn s = sign_in("secretariat@demo.kczg.cn");
  auto audit = get("/secretariat/audit.csv", as(s));
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.header("transfer-encoding"), "chunked");
  std::vector<long long> ids;
  for (std::size_t at = audit.body.find("\r\n") + 2; at < audit.body.size();) {
    std::size_t end = audit.body.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    ids.push_back(std::atoll(audit.body.c_str() + at + 1));  // past the opening quote
    at = end + 2;
  }
  ASSERT_EQ(ids.size(), log->size());
  EXPECT_TRUE(std::ranges::is_sorted(ids));
  EXPECT_EQ(ids.front(), log->front().id);
  EXPECT_EQ(ids.back(), log->back().id);
  auto phases = get("/secretariat/audit.csv?actor=load", as(s));
  EXPECT_EQ(std::ranges::count(phases.body, '\n'), 2501);  // the header and every row
}

TEST_P(SecurityTest, OpenApiDocumentsEveryApiRoute) {
  auto doc = nlohmann::json::parse(get("/api/v1/openapi.json").body);
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3."));
  int api_routes = 0;
  for (const web::RouteSpec& spec : web::all_routes()) {
    if (!spec.api) continue;
    ++api_routes;
    std::string method(web::http::method_name(spec.method));
    std::ranges::transform(method, method.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_TRUE(doc["paths"].contains(spec.pattern)) << spec.pattern;
    EXPECT_TRUE(doc["paths"][spec.pattern].contains(method)) << method << " " << spec.pattern;
  }
  EXPECT_GE(api_routes, 14);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
