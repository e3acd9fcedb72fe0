// The JSON API under /api/v1: the same store calls and the same authorization point as
// the pages; scripts authenticate with an API token, the pages' own JS with the session.
#include <nlohmann/json.hpp>

#include "web/api/campaign_json.hpp"
#include "web/app.hpp"
#include "web/responses.hpp"
#include "web/templates_text.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;

std::string_view openapi_text() {
  for (const auto& [name, text] : k_templates) {
    if (name == "openapi.json") return text;
  }
  return "{}";
}

http::Response campaign(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  // Public: counts and settings, nothing personal.
  auto units = app.store().units();
  auto by_state = app.store().count_by_state(stored->id);
  http::Response response =
      json_response(200, campaign_to_json(stored->campaign, stored->id, units ? units->size() : 0,
                                          by_state.value_or(std::map<std::string, int>{})));
  response.set_header("Cache-Control", "public, max-age=5");
  return response;
}

http::Response me(App&, const Caller& caller, http::Request&) {
  const Account& a = *caller.account;
  ordered_json j{
      {"id", a.id},
      {"login", a.login},
      {"role", role_name(a.role)},
      {"display_name", a.display_name},
      {"status", account_status_name(a.status)},
      {"applicant_id", a.applicant_id ? ordered_json(a.applicant_id) : ordered_json(nullptr)},
      {"unit_id", a.unit_id ? ordered_json(a.unit_id) : ordered_json(nullptr)},
      {"csrf_token",
       caller.csrf_token.empty() ? ordered_json(nullptr) : ordered_json(caller.csrf_token)}};
  http::Response response = json_response(200, j.dump());
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response audit(App& app, const Caller& caller, http::Request& request) {
  AuditFilter filter{std::string(request.query_param("actor")),
                     std::string(request.query_param("action")),
                     std::string(request.query_param("object"))};
  std::size_t limit = 100;
  if (auto given = request.query_param("limit"); !given.empty()) {
    limit =
        std::clamp<std::size_t>(std::strtoull(std::string(given).c_str(), nullptr, 10), 1, 10000);
  }
  auto entries = app.store().audit_search(filter, limit);
  if (!entries) return error_json(caller.lang, 503, entries.error());
  ordered_json list = ordered_json::array();
  for (const AuditEntry& e : *entries) {
    list.push_back({{"id", e.id},
                    {"at", format_shanghai(e.at)},
                    {"actor", e.actor},
                    {"role", e.role},
                    {"action", e.action},
                    {"object", e.object},
                    {"before", ordered_json::parse(e.before_value, nullptr, false)},
                    {"after", ordered_json::parse(e.after_value, nullptr, false)}});
  }
  http::Response response = json_response(200, ordered_json{{"entries", list}}.dump());
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

std::vector<RouteSpec> api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/openapi.json", k_everyone, true, 0,
                    [](App&, const Caller&, http::Request&) {
                      return json_response(200, std::string(openapi_text()));
                    }});
  routes.push_back({Method::get, "/api/v1/campaign", k_everyone, true, 0, campaign});
  routes.push_back({Method::get, "/api/v1/me", k_signed_in, true, 0, me});
  routes.push_back({Method::get, "/api/v1/audit", {Role::secretariat}, true, 0, audit});
  return routes;
}

}  // namespace kczg::web
