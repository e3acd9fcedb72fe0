// /api/v1 for demands and matches: the open demands (public) and one demand with the
// listed items ranked for it; posting, reviewing, editing and closing a demand; saying
// one wants to talk; a match's steps; the figures. The same rules as the pages, from
// web/matching.
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/app.hpp"
#include "web/matching/matching_service.hpp"
#include "web/matching/partner_service.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;
constexpr std::size_t k_items = 20;

ordered_json demand_json(const Demand& d, bool contact) {
  ordered_json cooperation = ordered_json::array();
  for (Cooperation c : d.cooperation) cooperation.push_back(cooperation_name(c));
  ordered_json out{
      {"id", d.id},
      {"title", d.title},
      {"description", d.description},
      {"field", d.field},
      {"region", d.region},
      {"budget_min", d.budget_min ? ordered_json(*d.budget_min) : ordered_json()},
      {"budget_max", d.budget_max ? ordered_json(*d.budget_max) : ordered_json()},
      {"wanted_by", d.wanted_by ? ordered_json(format_date(*d.wanted_by)) : ordered_json()},
      {"cooperation", cooperation},
      {"wanted_maturity",
       d.wanted_maturity ? ordered_json(maturity_name(*d.wanted_maturity)) : ordered_json()},
      {"state", demand_state_name(d.state)},
      {"reason", d.reason},
      {"posted_at", format_shanghai(d.posted_at)}};
  if (contact) out["contact"] = d.contact;
  return out;
}

ordered_json why_json(const match::Match& m) {
  return {{"score", m.score},
          {"text", m.text},
          {"same_field", m.same_field},
          {"nearby", m.nearby == match::Match::Nearby::city       ? "city"
                     : m.nearby == match::Match::Nearby::province ? "province"
                                                                  : "no"},
          {"maturity_fit", m.maturity_fit},
          {"shared", m.shared}};
}

ordered_json docking_json(const Docking& d) {
  auto at = [](const std::optional<Instant>& i) {
    return i ? ordered_json(format_shanghai(*i)) : ordered_json();
  };
  return {{"id", d.id},
          {"demand", d.demand_id},
          {"listed_entry", d.supply_id},
          {"state", docking_state_name(d.state)},
          {"score", d.score},
          {"demand_side", d.demand_side},
          {"supply_side", d.supply_side},
          {"proposed_at", format_shanghai(d.proposed_at)},
          {"first_response_at", at(d.first_response_at)},
          {"agreed_at", at(d.agreed_at)},
          {"closed_at", at(d.closed_at)},
          {"close_reason",
           d.close_reason ? ordered_json(close_reason_name(*d.close_reason)) : ordered_json()},
          {"close_text", d.close_text}};
}

http::Response refuse(const Caller& caller, const Error& e) {
  return error_json(caller.lang, status_of(e.code), e);
}

// A JSON object's members as the text fields demand_from_fields reads.
Result<std::map<std::string, std::string>> fields_of(const ordered_json& body) {
  Error shape = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                           "{title, description, field, region, budget_min, budget_max, "
                           "wanted_by, cooperation: [code], wanted_maturity, contact}");
  if (!body.is_object()) return fail(shape);
  std::map<std::string, std::string> fields;
  for (std::string_view name : k_demand_fields) {
    auto it = body.find(std::string(name));
    if (it == body.end() || it->is_null()) continue;
    if (name == "cooperation") {
      if (!it->is_array()) return fail(shape);
      std::string codes;
      for (const ordered_json& c : *it) {
        if (!c.is_string()) return fail(shape);
        codes += (codes.empty() ? "" : ",") + c.get<std::string>();
      }
      fields["cooperation"] = codes;
    } else if (it->is_string()) {
      fields[std::string(name)] = it->get<std::string>();
    } else if (it->is_number_integer()) {
      fields[std::string(name)] = std::to_string(it->get<long long>());
    } else {
      return fail(shape);
    }
  }
  return fields;
}

Result<Demand> demand_of(const http::Request& request) {
  auto fields = fields_of(ordered_json::parse(request.body, nullptr, false));
  if (!fields) return fail(fields.error());
  return demand_from_fields(*fields);
}

http::Response list(App& app, const Caller& caller, http::Request& request) {
  const Account* account = caller.account ? &*caller.account : nullptr;
  DemandFilter filter{DemandState::open, 0, ""};
  std::string_view which = request.query_param("which");
  if (which == "mine" && account) filter = {std::nullopt, account->id, ""};
  if (which == "pending" && account &&
      (account->role == Role::secretariat || account->role == Role::pilot_city)) {
    filter = {DemandState::pending, 0,
              account->role == Role::pilot_city ? account->region.substr(0, 2) : ""};
  }
  auto demands = app.store().demands(filter);
  if (!demands) return error_json(caller.lang, 503, demands.error());
  ordered_json out = ordered_json::array();
  for (const Demand& d : *demands) {
    if (may_read_demand(account, d)) out.push_back(demand_json(d, may_see_contact(account, d)));
  }
  return dump_json(200, ordered_json{{"demands", out}},
                   account ? "private, no-store" : "public, max-age=60");
}

http::Response one(App& app, const Caller& caller, http::Request& request) {
  const Account* account = caller.account ? &*caller.account : nullptr;
  long long id = request.path_number("id");
  auto demand = app.store().demand(id);
  if (demand && !may_read_demand(account, *demand)) {
    demand = fail(make_error(ErrorCode::demand_not_found, "demand", std::to_string(id)));
  }
  if (!demand) return refuse(caller, demand.error());
  ordered_json out = demand_json(*demand, may_see_contact(account, *demand));
  ordered_json items = ordered_json::array();
  if (demand->state == DemandState::open) {
    auto library = app.library().current(app.store());
    if (!library) return error_json(caller.lang, 503, library.error());
    for (const match::Match& m : ranked_items(**library, *demand, k_items)) {
      const LibraryRecord& r = (*library)->records[m.supply];
      items.push_back({{"listed_entry", r.id},
                       {"name", r.name},
                       {"holder", r.holder},
                       {"year", r.year},
                       {"why", why_json(m)}});
    }
  }
  out["ranked_items"] = items;
  // Experts: who they are and why, never their e-mail (the pools hold it for review only).
  ordered_json experts = ordered_json::array();
  if (demand->state == DemandState::open) {
    auto pool = app.experts().current(app.store());
    if (!pool) return error_json(caller.lang, 503, pool.error());
    for (const match::Match& m : ranked_experts(**pool, *demand, k_items)) {
      const Expert& e = (*pool)->experts[m.supply];
      experts.push_back({{"name", e.name},
                         {"organisation", e.organisation},
                         {"title", e.title},
                         {"region", e.region},
                         {"why", why_json(m)}});
    }
  }
  out["ranked_experts"] = experts;
  return dump_json(200, out, "private, no-store");
}

http::Response post(App& app, const Caller& caller, http::Request& request) {
  auto demand = demand_of(request);
  if (!demand) return refuse(caller, demand.error());
  auto id = post_demand_as(app.store(), *caller.account, *demand, actor_of(caller), app.now());
  if (!id) return refuse(caller, id.error());
  return dump_json(201, demand_json(app.store().demand(*id).value(), true));
}

http::Response edit(App& app, const Caller& caller, http::Request& request) {
  auto demand = demand_of(request);
  if (!demand) return refuse(caller, demand.error());
  auto edited = edit_demand_as(app.store(), *caller.account, request.path_number("id"), *demand,
                               actor_of(caller), app.now());
  if (!edited) return refuse(caller, edited.error());
  return dump_json(200, demand_json(*edited, true));
}

// {action: approve|reject|close, reason}
http::Response act(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  Error shape = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                           "{action: approve|reject|close, reason: text}");
  if (!body.is_object() || !body.value("action", ordered_json()).is_string()) {
    return refuse(caller, shape);
  }
  std::string name = body["action"].get<std::string>();
  std::optional<DemandAction> action;
  for (DemandAction a : {DemandAction::approve, DemandAction::reject, DemandAction::close}) {
    if (name == demand_action_name(a)) action = a;
  }
  if (!action) return refuse(caller, shape);
  auto library = app.library().current(app.store());
  if (!library) return error_json(caller.lang, 503, library.error());
  auto done =
      act_on_demand_as(app.store(), **library, *caller.account, request.path_number("id"), *action,
                       body.value("reason", std::string()), actor_of(caller), app.now());
  if (!done) return refuse(caller, done.error());
  return dump_json(200, demand_json(*done, true));
}

// {listed_entry: id}
http::Response interest(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.value("listed_entry", ordered_json()).is_number_integer()) {
    return refuse(caller, make_error(ErrorCode::field_invalid, "field", "body", "detail",
                                     "{listed_entry: id}"));
  }
  auto done =
      express_interest_as(app.store(), *caller.account, request.path_number("id"),
                          body["listed_entry"].get<long long>(), actor_of(caller), app.now());
  if (!done) return refuse(caller, done.error());
  return dump_json(200, docking_json(*done));
}

http::Response dockings(App& app, const Caller& caller, http::Request&) {
  auto visible = visible_dockings(app.store(), *caller.account);
  if (!visible) return error_json(caller.lang, 503, visible.error());
  ordered_json out = ordered_json::array();
  for (const Docking& d : *visible) {
    ordered_json row = docking_json(d);
    // The other side's contact, only to a side, only once both want to talk.
    auto demand = app.store().demand(d.demand_id);
    auto side = demand ? side_of(app.store(), *caller.account, d, *demand) : std::nullopt;
    auto other = demand ? other_side(app.store(), side, d, *demand)
                        : Result<std::optional<OtherSide>>(std::nullopt);
    if (other && *other && (*other)->demand_contact) {
      row["contact"] = *(*other)->demand_contact;
    } else if (other && *other) {
      ordered_json holders = ordered_json::array();
      for (const Account& h : (*other)->holders) {
        holders.push_back({{"name", h.display_name}, {"login", h.login}});
      }
      row["contact"] = holders;
    }
    out.push_back(row);
  }
  return dump_json(200, ordered_json{{"dockings", out}}, "private, no-store");
}

// {action: negotiate|agree|close, reason, text}
http::Response docking_act(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  Error shape = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                           "{action: negotiate|agree|close, reason: code, text: text}");
  if (!body.is_object() || !body.value("action", ordered_json()).is_string()) {
    return refuse(caller, shape);
  }
  std::string name = body["action"].get<std::string>();
  std::optional<DockingAction> action;
  for (DockingAction a : {DockingAction::negotiate, DockingAction::agree, DockingAction::close}) {
    if (name == docking_action_name(a)) action = a;
  }
  if (!action) return refuse(caller, shape);
  auto done = act_on_docking_as(app.store(), *caller.account, request.path_number("id"), *action,
                                close_reason_from_name(body.value("reason", std::string())),
                                body.value("text", std::string()), actor_of(caller), app.now());
  if (!done) return refuse(caller, done.error());
  return dump_json(200, docking_json(*done));
}

http::Response statistics(App& app, const Caller& caller, http::Request& request) {
  std::string_view by = request.query_param("by");
  auto dimension = match::docking_dimension_from_name(by);
  if (!dimension) {
    return error_json(
        caller.lang, 400,
        make_error(ErrorCode::field_invalid, "field", "by", "detail", std::string(by)));
  }
  auto counts = docking_statistics(app.store(), *caller.account, *dimension);
  if (!counts) return refuse(caller, counts.error());
  ordered_json rows = ordered_json::array();
  for (const match::DockingCounts& c : *counts) {
    rows.push_back(
        {{"group", c.group.empty() ? ordered_json() : ordered_json(c.group)},
         {"demands", c.demands},
         {"proposed", c.proposed},
         {"responded", c.responded},
         {"agreements", c.agreements},
         {"closed", c.closed},
         {"median_response_hours",
          c.median_response_hours ? ordered_json(*c.median_response_hours) : ordered_json()},
         {"median_agreement_days",
          c.median_agreement_days ? ordered_json(*c.median_agreement_days) : ordered_json()}});
  }
  auto deals = deal_statistics(app.store(), *caller.account, *dimension);
  if (!deals) return refuse(caller, deals.error());
  ordered_json deal_rows = ordered_json::array();
  for (const match::DealCounts& c : *deals) {
    deal_rows.push_back({{"group", c.group.empty() ? ordered_json() : ordered_json(c.group)},
                         {"recommended", c.recommended},
                         {"interested", c.interested},
                         {"declined", c.declined},
                         {"invested", c.invested},
                         {"amount", c.amount}});
  }
  return dump_json(
      200, ordered_json{{"by", by.empty() ? "year" : by}, {"rows", rows}, {"deals", deal_rows}},
      "private, no-store");
}

}  // namespace

std::vector<RouteSpec> matching_api_routes() {
  const std::vector<Role> posters{Role::applicant, Role::pilot_city, Role::secretariat};
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/demands", k_everyone, true, 0, list});
  routes.push_back({Method::post, "/api/v1/demands", posters, true, 0, post});
  routes.push_back({Method::get, "/api/v1/demands/{id}", k_everyone, true, 0, one});
  routes.push_back({Method::put, "/api/v1/demands/{id}", posters, true, 0, edit});
  routes.push_back({Method::post, "/api/v1/demands/{id}/actions", posters, true, 0, act});
  routes.push_back({Method::post, "/api/v1/demands/{id}/interest", posters, true, 0, interest});
  routes.push_back({Method::get, "/api/v1/dockings", posters, true, 0, dockings});
  routes.push_back({Method::post, "/api/v1/dockings/{id}/actions", posters, true, 0, docking_act});
  routes.push_back({Method::get,
                    "/api/v1/matching/statistics",
                    {Role::secretariat, Role::pilot_city},
                    true,
                    0,
                    statistics});
  return routes;
}

}  // namespace kczg::web
