// /api/v1 for the formal check: the recommended applications with their eligibility
// findings and decisions, deciding one or applying the automatic verdicts, and the
// campaign's possible repeats with their evidence, as the secretariat's page shows them.
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/api/eligibility_json.hpp"
#include "web/app.hpp"
#include "web/applications/operations.hpp"
#include "web/formal/duplicate_check.hpp"
#include "web/formal/eligibility_check.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;

ordered_json item_json(const match::ListedItem& item) {
  return {{"id", item.id},          {"year", item.year},     {"list", item.list},
          {"name", item.name},      {"holder", item.holder}, {"holder_uscc", item.holder_uscc},
          {"summary", item.summary}};
}

http::Response duplicates(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto findings = campaign_duplicates(app.store(), *stored);
  if (!findings) return error_json(caller.lang, 503, findings.error());
  ordered_json out = ordered_json::array();
  for (const DuplicateFinding& f : *findings) {
    out.push_back({{"application", f.application.application.id},
                   {"kind", match::duplicate_kind_name(f.hit.kind)},
                   {"score", f.hit.score},
                   {"text_similarity", f.hit.text_similarity},
                   {"within_campaign", f.within_campaign},
                   {"matched", item_json(f.match)},
                   {"passages", f.hit.passages}});
  }
  return dump_json(200, out);
}

http::Response rows(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto rows = formal_check_rows(app.store(), *stored);
  if (!rows) return error_json(caller.lang, 503, rows.error());
  ordered_json out = ordered_json::array();
  for (const FormalCheckRow& r : *rows) {
    const Application& a = r.application.application;
    out.push_back(
        {{"application", a.id},
         {"number", application_number(stored->campaign.year, a)},
         {"title", a.title},
         {"list", a.list},
         {"field", a.field},
         {"unit", r.application.unit_name},
         {"state", state_name(a.state)},
         {"verdict", verdict_name(r.verdict)},
         {"findings", findings_json(r.findings, caller.lang)},
         {"decision", r.decided ? check_json(*r.decided, caller.lang) : ordered_json(nullptr)}});
  }
  return dump_json(200, out);
}

http::Response decide(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("eligible") || !body["eligible"].is_boolean() ||
      (body.contains("reason") && !body["reason"].is_string())) {
    Error e = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                         "{eligible: true|false, reason: text}");
    return error_json(caller.lang, 400, e);
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  long long id = request.path_number("id");
  auto decided = decide_formal_check(app.store(), *stored, id, body["eligible"].get<bool>(),
                                     body.value("reason", ""), actor_of(caller), app.now());
  if (!decided) return error_json(caller.lang, status_of(decided.error().code), decided.error());
  return dump_json(200, ordered_json{{"application", id}, {"state", state_name(*decided)}});
}

http::Response apply(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto outcome = apply_automatic_verdicts(app.store(), *stored, actor_of(caller), app.now());
  if (!outcome) return error_json(caller.lang, status_of(outcome.error().code), outcome.error());
  return dump_json(200, ordered_json{{"eligible", outcome->eligible},
                                     {"ineligible", outcome->ineligible},
                                     {"left", outcome->left}});
}

}  // namespace

std::vector<RouteSpec> formal_check_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/formal-check/duplicates",
                    std::vector<Role>{Role::secretariat}, true, 0, duplicates});
  routes.push_back(
      {Method::get, "/api/v1/formal-check", std::vector<Role>{Role::secretariat}, true, 0, rows});
  routes.push_back({Method::post, "/api/v1/formal-check/{id}/decision",
                    std::vector<Role>{Role::secretariat}, true, 0, decide});
  routes.push_back({Method::post, "/api/v1/formal-check/apply",
                    std::vector<Role>{Role::secretariat}, true, 0, apply});
  return routes;
}

}  // namespace kczg::web
