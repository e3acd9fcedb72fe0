// Walks every route of the application under every role and anonymously, and compares
// what the server allows with the table below, written by hand from DESIGN §4.
#include <set>

#include "web/app.hpp"
#include "web_fixture.hpp"

namespace kczg::testing {
namespace {

const std::set<std::string> k_all{"anonymous", "applicant",   "unit",    "review_body",
                                  "expert",    "secretariat", "partner", "pilot_city"};
const std::set<std::string> k_signed_in{"applicant",   "unit",    "review_body", "expert",
                                        "secretariat", "partner", "pilot_city"};
// Who posts and answers demands, and who reviews them and reads the figures.
const std::set<std::string> k_posters{"applicant", "pilot_city", "secretariat"};
const std::set<std::string> k_demand_reviewers{"pilot_city", "secretariat"};
const std::set<std::string> k_partner{"partner"};
const std::set<std::string> k_invited{"applicant", "partner"};
const std::set<std::string> k_partner_readers{"partner", "secretariat"};
const std::set<std::string> k_secretariat{"secretariat"};
const std::set<std::string> k_applicant{"applicant"};
const std::set<std::string> k_unit{"unit"};
const std::set<std::string> k_readers{"applicant", "unit", "secretariat"};
// Application pages: review reads the applications it was given, too.
const std::set<std::string> k_page_readers{"applicant", "unit", "secretariat", "expert",
                                           "review_body"};
const std::set<std::string> k_body_admin{"review_body"};
const std::set<std::string> k_expert{"expert"};
const std::set<std::string> k_board_readers{"review_body", "secretariat"};

// "METHOD pattern" → the callers that get through the authorization point.
const std::map<std::string, std::set<std::string>>& expected() {
  static const std::map<std::string, std::set<std::string>> table{
      {"GET /", k_all},
      {"GET /healthz", k_all},
      {"GET /static/{file}", k_all},
      {"GET /sign-in", k_all},
      {"POST /sign-in", k_all},
      {"POST /sign-out", k_signed_in},
      {"GET /register", k_all},
      {"POST /register", k_all},
      {"GET /invite/{token}", k_all},
      {"POST /invite/{token}", k_all},
      {"GET /reset/{token}", k_all},
      {"POST /reset/{token}", k_all},
      {"GET /reset", k_all},
      {"POST /reset", k_all},
      {"GET /dashboard", k_signed_in},
      {"GET /account", k_signed_in},
      {"POST /account/password", k_signed_in},
      {"POST /account/tokens", k_signed_in},
      {"GET /secretariat/campaign", k_secretariat},
      {"POST /secretariat/campaign/phase", k_secretariat},
      {"GET /secretariat/accounts", k_secretariat},
      {"POST /secretariat/accounts", k_secretariat},
      {"GET /secretariat/units", k_secretariat},
      {"GET /secretariat/audit", k_secretariat},
      {"GET /secretariat/audit.csv", k_secretariat},
      {"GET /secretariat/outbox", k_secretariat},
      {"GET /api/v1/openapi.json", k_all},
      {"GET /api/v1/campaign", k_all},
      {"GET /api/v1/me", k_signed_in},
      {"GET /api/v1/audit", k_secretariat},
      // Applications: ownership is checked after the role (visible_application), so a
      // role that passes here may still get 404 for an application that is not its own.
      {"GET /applications/new", k_applicant},
      {"POST /applications", k_applicant},
      {"GET /applications/{id}", k_page_readers},
      {"POST /applications/{id}", k_applicant},
      {"POST /applications/{id}/submit", k_applicant},
      {"POST /applications/{id}/withdraw", k_applicant},
      {"POST /applications/{id}/attachments", k_applicant},
      {"GET /applications/{id}/attachments/{kind}", k_page_readers},
      {"GET /applications/{id}/form.pdf", k_page_readers},
      {"GET /unit/applications", k_unit},
      {"POST /unit/applications", k_unit},
      {"GET /secretariat/overview", k_secretariat},
      {"GET /secretariat/exports/{file}", k_secretariat},
      {"GET /api/v1/forms/{list}", k_all},
      {"GET /api/v1/applications", k_readers},
      {"POST /api/v1/applications", k_applicant},
      {"GET /api/v1/applications/{id}", k_readers},
      {"PUT /api/v1/applications/{id}", k_applicant},
      {"GET /api/v1/applications/{id}/eligibility", k_readers},
      {"POST /api/v1/applications/{id}/submit", k_applicant},
      {"POST /api/v1/applications/{id}/attachments", k_applicant},
      {"POST /api/v1/applications/{id}/withdraw", k_applicant},
      {"POST /api/v1/applications/{id}/recommend", k_unit},
      {"POST /api/v1/applications/{id}/return", k_unit},
      // Preliminary review: the body admin's own body, the expert's own assignment.
      {"GET /review", k_body_admin},
      {"POST /review/plan", k_body_admin},
      {"POST /review/assign", k_body_admin},
      {"POST /review/invite", k_body_admin},
      {"POST /review/remind", k_body_admin},
      {"POST /review/aliases", k_body_admin},
      {"POST /review/experts", k_body_admin},
      {"GET /review/assignments", k_body_admin},
      {"POST /review/assignments/swap", k_body_admin},
      {"POST /review/pair-rules", k_body_admin},
      {"POST /expert/conflicts", k_expert},
      {"GET /review/board", k_body_admin},
      {"GET /review/board/export", k_body_admin},
      {"GET /secretariat/review/board", k_secretariat},
      {"GET /secretariat/review/board/export", k_secretariat},
      {"GET /expert", k_expert},
      {"GET /expert/applications/{id}", k_expert},
      {"POST /expert/applications/{id}", k_expert},
      {"POST /expert/applications/{id}/decline", k_expert},
      {"GET /secretariat/review", k_secretariat},
      {"GET /secretariat/formal-check", k_secretariat},
      {"GET /api/v1/formal-check/duplicates", k_secretariat},
      {"POST /secretariat/formal-check/apply", k_secretariat},
      {"POST /secretariat/formal-check/{id}/decision", k_secretariat},
      {"GET /api/v1/formal-check", k_secretariat},
      {"POST /api/v1/formal-check/apply", k_secretariat},
      {"POST /api/v1/formal-check/{id}/decision", k_secretariat},
      {"GET /secretariat/final-review", k_secretariat},
      {"POST /secretariat/final-review/apply", k_secretariat},
      {"POST /secretariat/final-review/{id}/decision", k_secretariat},
      {"GET /api/v1/final-review", k_secretariat},
      {"POST /api/v1/final-review/apply", k_secretariat},
      {"POST /api/v1/final-review/{id}/decision", k_secretariat},
      {"POST /review/board/report", k_body_admin},
      {"POST /api/v1/review/shortlist", k_body_admin},
      {"GET /notice", k_all},
      {"GET /notice/{id}/objection", k_all},
      {"POST /notice/{id}/objection", k_all},
      {"GET /secretariat/objections", k_secretariat},
      {"POST /secretariat/objections/{id}/resolution", k_secretariat},
      {"POST /secretariat/substitutes/{id}", k_secretariat},
      {"GET /secretariat/objections/{id}/evidence/{n}", k_secretariat},
      {"GET /api/v1/substitutes", k_secretariat},
      {"POST /api/v1/substitutes/{id}", k_secretariat},
      {"GET /api/v1/notice", k_all},
      {"POST /api/v1/notice/{id}/objections", k_all},
      {"GET /api/v1/objections", k_secretariat},
      {"POST /api/v1/objections/{id}/resolution", k_secretariat},
      {"GET /lists", k_all},
      {"GET /lists.atom", k_all},
      {"GET /lists/{year}", k_all},
      {"GET /lists/{year}/download", k_all},
      {"GET /lists/{year}/{id}", k_all},
      {"GET /secretariat/publication", k_secretariat},
      {"POST /secretariat/publication", k_secretariat},
      {"GET /api/v1/lists", k_all},
      {"GET /api/v1/lists/{year}", k_all},
      {"POST /api/v1/publication", k_secretariat},
      {"POST /secretariat/review", k_secretariat},
      {"POST /secretariat/review/panel", k_secretariat},
      {"GET /library", k_all},
      {"GET /library/{id}", k_all},
      {"POST /library/{id}", k_applicant},
      {"GET /api/v1/library", k_all},
      {"GET /api/v1/library/{id}", k_all},
      {"PUT /api/v1/library/{id}/holder", k_applicant},
      {"GET /demands", k_all},
      {"GET /demands/new", k_posters},
      {"POST /demands/new", k_posters},
      {"GET /demands/{id}", k_all},
      {"GET /demands/{id}/edit", k_posters},
      {"POST /demands/{id}", k_posters},
      {"POST /demands/{id}/interest", k_posters},
      {"GET /dockings", k_posters},
      {"POST /dockings/{id}", k_posters},
      {"GET /matching/statistics", k_demand_reviewers},
      {"GET /matching/statistics.csv", k_demand_reviewers},
      {"GET /matching/statistics.xlsx", k_demand_reviewers},
      {"GET /api/v1/demands", k_all},
      {"POST /api/v1/demands", k_posters},
      {"GET /api/v1/demands/{id}", k_all},
      {"PUT /api/v1/demands/{id}", k_posters},
      {"POST /api/v1/demands/{id}/actions", k_posters},
      {"POST /api/v1/demands/{id}/interest", k_posters},
      {"GET /api/v1/dockings", k_posters},
      {"POST /api/v1/dockings/{id}/actions", k_posters},
      {"GET /api/v1/matching/statistics", k_demand_reviewers},
      {"GET /events", k_all},
      {"GET /events/new", k_demand_reviewers},
      {"POST /events/new", k_demand_reviewers},
      {"GET /events/{id}", k_all},
      {"POST /events/{id}/invitations", k_demand_reviewers},
      {"POST /events/{id}/answer", k_invited},
      {"POST /events/{id}/follow-ups", k_demand_reviewers},
      {"GET /api/v1/events", k_all},
      {"POST /api/v1/events", k_demand_reviewers},
      {"GET /api/v1/events/{id}", k_all},
      {"POST /api/v1/events/{id}/invitations", k_demand_reviewers},
      {"POST /api/v1/events/{id}/answer", k_invited},
      {"POST /api/v1/events/{id}/follow-ups", k_demand_reviewers},
      {"GET /partner", k_partner},
      {"POST /partner", k_partner},
      {"POST /partner/deals/{id}", k_partner},
      {"GET /library/{id}/recommend", k_secretariat},
      {"POST /library/{id}/recommend", k_secretariat},
      {"GET /api/v1/partner/profile", k_partner},
      {"PUT /api/v1/partner/profile", k_partner},
      {"GET /api/v1/partner/deals", k_partner_readers},
      {"POST /api/v1/partner/deals/{id}/actions", k_partner},
      {"GET /api/v1/library/{id}/partners", k_secretariat},
      {"POST /api/v1/library/{id}/recommendations", k_secretariat},
      {"GET /api/v1/review/plan", k_body_admin},
      {"PUT /api/v1/review/plan", k_body_admin},
      {"POST /api/v1/review/plan/file", k_body_admin},
      {"POST /api/v1/review/plan/decision", k_secretariat},
      {"POST /api/v1/review/assignment", k_body_admin},
      {"GET /api/v1/review/board", k_board_readers},
      {"GET /api/v1/expert/assignments", k_expert},
      {"PUT /api/v1/expert/applications/{id}/sheet", k_expert},
      {"POST /api/v1/expert/applications/{id}/decline", k_expert},
  };
  return table;
}

std::vector<std::pair<std::string, std::string>> app_routes() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& spec : web::all_routes()) {
    out.emplace_back(std::string(web::http::method_name(spec.method)), spec.pattern);
  }
  return out;
}

// The guard's refusals: 403, a 401 from the API, or a redirect to sign-in.
bool denied(const ClientResponse& r) {
  return r.status == 403 ||
         (r.status == 401 && r.header("content-type").starts_with("application/json")) ||
         (r.status == 303 && r.header("location").starts_with("/sign-in?next="));
}

TEST(AuthorizationTable, EveryRouteIsInTheTable) {
  std::set<std::string> seen;
  for (const auto& [method, pattern] : app_routes()) {
    std::string key = method + " " + pattern;
    EXPECT_TRUE(expected().contains(key)) << key << " is not in the expected table";
    seen.insert(key);
  }
  for (const auto& [key, roles] : expected())
    EXPECT_TRUE(seen.contains(key)) << key << " no longer exists";
}

using AuthorizationMatrix = WebTest;

TEST_P(AuthorizationMatrix, EveryRouteTimesEveryRole) {
  std::map<std::string, SignedIn> callers{{"anonymous", {}}};
  for (const auto& [role, login] : demo_logins()) callers[role] = sign_in(login);
  auto routes = app_routes();
  // Sign-out ends the session it is called with: walk it last.
  std::stable_partition(routes.begin(), routes.end(),
                        [](const auto& r) { return r.second != "/sign-out"; });
  int unexpected_allows = 0, unexpected_denials = 0;
  for (const auto& [method, pattern] : routes) {
    std::string target = pattern;
    for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
      target.replace(open, target.find('}') - open + 1, "kczg.css");
    }
    for (const auto& [role, who] : callers) {
      Fields headers;
      if (!who.cookie.empty()) headers.emplace_back("Cookie", who.cookie);
      // A valid CSRF token, so that only the role decides.
      ClientResponse r;
      if (method == "GET") {
        r = get(target, headers);
      } else if (method == "POST") {
        r = post(target, form_encode({{"_csrf", who.csrf}}), headers);
      } else {
        headers.emplace_back("X-CSRF-Token", who.csrf);
        r = request(method, target, headers, "{}");
      }
      bool allowed = !denied(r);
      bool should = expected().at(method + " " + pattern).contains(role);
      if (allowed && !should) ++unexpected_allows;
      if (!allowed && should) ++unexpected_denials;
      EXPECT_EQ(allowed, should) << method << " " << pattern << " as " << role << ": " << r.status;
    }
  }
  EXPECT_EQ(unexpected_allows, 0);
  EXPECT_EQ(unexpected_denials, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationMatrix, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
