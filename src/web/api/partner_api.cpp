// /api/v1 for the financial partner plan: a partner's profile and deal flow and its steps;
// the secretariat's suggestions for a listed entry and its directed recommendations. The
// same rules as the pages, from web/matching/partner_service.
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/app.hpp"
#include "web/matching/partner_service.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;

http::Response refuse(const Caller& caller, const Error& e) {
  return error_json(caller.lang, status_of(e.code), e);
}

ordered_json optional_number(const std::optional<long long>& n) {
  return n ? ordered_json(*n) : ordered_json();
}

ordered_json profile_json(const PartnerProfile& p) {
  ordered_json stages = ordered_json::array();
  for (Maturity m : p.stages) stages.push_back(maturity_name(m));
  return {{"account", p.account_id},
          {"name", p.name},
          {"kind", partner_kind_name(p.kind)},
          {"fields", p.fields},
          {"stages", stages},
          {"regions", p.regions},
          {"ticket_min", optional_number(p.ticket_min)},
          {"ticket_max", optional_number(p.ticket_max)}};
}

ordered_json deal_json(const Deal& d) {
  auto at = [](const std::optional<Instant>& i) {
    return i ? ordered_json(format_shanghai(*i)) : ordered_json();
  };
  return {{"id", d.id},
          {"listed_entry", d.listed_entry_id},
          {"partner", d.partner_id},
          {"note", d.note},
          {"state", deal_state_name(d.state)},
          {"reason", d.reason},
          {"amount", optional_number(d.amount)},
          {"recommended_at", format_shanghai(d.recommended_at)},
          {"answered_at", at(d.answered_at)}};
}

const char* fit_name(match::Fit f) {
  return f == match::Fit::meets ? "meets" : f == match::Fit::open ? "open" : "misses";
}

http::Response get_profile(App& app, const Caller& caller, http::Request&) {
  auto profile = app.store().partner_profile(caller.account->id);
  if (!profile) return error_json(caller.lang, 503, profile.error());
  return dump_json(200, *profile ? profile_json(**profile) : ordered_json(), "private, no-store");
}

http::Response put_profile(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  Error shape = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                           "{kind, fields: [code], stages: [maturity], regions: [2 digits], "
                           "ticket_min, ticket_max}");
  if (!body.is_object()) return refuse(caller, shape);
  PartnerProfile p;
  try {
    auto kind = partner_kind_from_name(body.value("kind", std::string("other")));
    if (!kind) return refuse(caller, shape);
    p.kind = *kind;
    p.fields = body.value("fields", std::vector<std::string>{});
    for (const std::string& s : body.value("stages", std::vector<std::string>{})) {
      auto m = maturity_from_name(s);
      if (!m)
        return refuse(caller, make_error(ErrorCode::field_invalid, "field", "stages", "detail", s));
      p.stages.push_back(*m);
    }
    p.regions = body.value("regions", std::vector<std::string>{});
    if (body.contains("ticket_min") && !body["ticket_min"].is_null())
      p.ticket_min = body["ticket_min"].get<long long>();
    if (body.contains("ticket_max") && !body["ticket_max"].is_null())
      p.ticket_max = body["ticket_max"].get<long long>();
  } catch (const nlohmann::json::exception&) {
    return refuse(caller, shape);
  }
  auto saved = save_profile_as(app.store(), *caller.account, p, actor_of(caller), app.now());
  if (!saved) return refuse(caller, saved.error());
  return get_profile(app, caller, request);
}

http::Response deals(App& app, const Caller& caller, http::Request&) {
  auto visible = visible_deals(app.store(), *caller.account);
  if (!visible) return refuse(caller, visible.error());
  ordered_json out = ordered_json::array();
  for (const Deal& d : *visible) out.push_back(deal_json(d));
  return dump_json(200, ordered_json{{"deals", out}}, "private, no-store");
}

// {action: interest|decline|meeting|term_sheet|invest, reason, amount}
http::Response deal_act(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  Error shape = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                           "{action: interest|decline|meeting|term_sheet|invest, reason, amount}");
  if (!body.is_object() || !body.value("action", ordered_json()).is_string())
    return refuse(caller, shape);
  auto action = deal_action_from_name(body["action"].get<std::string>());
  if (!action) return refuse(caller, shape);
  std::optional<long long> amount;
  if (body.contains("amount") && body["amount"].is_number_integer())
    amount = body["amount"].get<long long>();
  auto done =
      act_on_deal_as(app.store(), *caller.account, request.path_number("id"), *action,
                     body.value("reason", std::string()), amount, actor_of(caller), app.now());
  if (!done) return refuse(caller, done.error());
  return dump_json(200, deal_json(*done));
}

http::Response suggestions(App& app, const Caller& caller, http::Request& request) {
  auto record = app.store().library_record(request.path_number("id"));
  if (!record) return refuse(caller, record.error());
  auto found = partner_suggestions(app.store(), *caller.account, *record);
  if (!found) return refuse(caller, found.error());
  ordered_json out = ordered_json::array();
  for (const PartnerSuggestion& s : *found) {
    ordered_json row = profile_json(s.profile);
    row["fit"] = {{"score", s.fit.score},
                  {"field", fit_name(s.fit.field)},
                  {"stage", fit_name(s.fit.stage)},
                  {"region", fit_name(s.fit.region)}};
    row["deal"] = s.deal ? deal_json(*s.deal) : ordered_json();
    out.push_back(row);
  }
  return dump_json(200, ordered_json{{"partners", out}}, "private, no-store");
}

// {partners: [account ids], note}
http::Response recommend(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  Error shape =
      make_error(ErrorCode::field_invalid, "field", "body", "detail", "{partners: [id], note}");
  if (!body.is_object() || !body.value("partners", ordered_json()).is_array())
    return refuse(caller, shape);
  std::vector<long long> partners;
  for (const ordered_json& p : body["partners"]) {
    if (!p.is_number_integer()) return refuse(caller, shape);
    partners.push_back(p.get<long long>());
  }
  auto made = recommend_as(app.store(), *caller.account, request.path_number("id"), partners,
                           body.value("note", std::string()), actor_of(caller), app.now());
  if (!made) return refuse(caller, made.error());
  return dump_json(200, ordered_json{{"recommended", *made}});
}

}  // namespace

std::vector<RouteSpec> partner_api_routes() {
  const std::vector<Role> partner{Role::partner};
  const std::vector<Role> secretariat{Role::secretariat};
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/partner/profile", partner, true, 0, get_profile});
  routes.push_back({Method::put, "/api/v1/partner/profile", partner, true, 0, put_profile});
  routes.push_back(
      {Method::get, "/api/v1/partner/deals", {Role::partner, Role::secretariat}, true, 0, deals});
  routes.push_back(
      {Method::post, "/api/v1/partner/deals/{id}/actions", partner, true, 0, deal_act});
  routes.push_back(
      {Method::get, "/api/v1/library/{id}/partners", secretariat, true, 0, suggestions});
  routes.push_back(
      {Method::post, "/api/v1/library/{id}/recommendations", secretariat, true, 0, recommend});
  return routes;
}

}  // namespace kczg::web
