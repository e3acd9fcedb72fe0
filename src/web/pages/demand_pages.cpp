// Technical demands (技术需求) in the browser: the public list of open demands; posting
// one (an enterprise, a pilot city admin, the secretariat); the reviewer's queue; a
// demand's page with its review, its poster's edit and close, and the listed items the
// matcher ranks for it, each with why and, for the poster, an offer to talk.
#include <algorithm>

#include "domain/division.hpp"
#include "i18n/labels.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/matching_view.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
constexpr std::size_t k_items_shown = 20;
constexpr std::size_t k_experts_shown = 10;
const std::vector<Role> k_posters{Role::applicant, Role::pilot_city, Role::secretariat};

Choices latest_fields(App& app, Lang lang) {
  auto latest = app.store().latest_campaign();
  return field_choices(latest ? &latest->campaign : nullptr, lang);
}

// The form's fields as they were typed, and the choices around them.
void form_view(View& view, const std::map<std::string, std::string>& values, const Choices& fields,
               Lang lang) {
  View typed{View::type::object};
  for (std::string_view name : k_demand_fields) {
    auto it = values.find(std::string(name));
    typed.set(std::string(name), it != values.end() ? it->second : std::string());
  }
  view.set("form", typed);
  auto value = [&](const char* name) {
    auto it = values.find(name);
    return it != values.end() ? it->second : std::string();
  };
  view.set("field_options", options(fields, value("field")));
  view.set("maturity_options", options(maturity_choices(lang), value("wanted_maturity")));
  View cooperation{View::type::list};
  std::vector<Cooperation> chosen = cooperation_from_codes(value("cooperation"));
  for (Cooperation c : k_cooperations) {
    View o{View::type::object};
    o.set("code", std::string(cooperation_name(c)));
    o.set("name", cooperation_label({c}, lang));
    o.set("checked", std::ranges::find(chosen, c) != chosen.end());
    cooperation.push_back(o);
  }
  view.set("cooperation_options", cooperation);
}

// A posted form's fields, the cooperation boxes joined as demand_from_fields reads them.
std::map<std::string, std::string> posted_fields(const http::Request& request) {
  auto form = form_fields(request);
  std::string cooperation;
  for (Cooperation c : k_cooperations) {
    if (form["cooperation_" + std::string(cooperation_name(c))] == "on") {
      cooperation += (cooperation.empty() ? "" : ",") + std::string(cooperation_name(c));
    }
  }
  form["cooperation"] = cooperation;
  return form;
}

// Every problem of a typed demand, in the reader's language: the parse's, else all of
// validate_demand's.
std::vector<std::string> problems_of(const Result<Demand>& parsed, Instant now, Lang lang) {
  std::vector<std::string> out;
  if (!parsed) {
    out.push_back(message(parsed.error(), lang));
    return out;
  }
  for (const Error& e : validate_demand(*parsed, shanghai_date(now)))
    out.push_back(message(e, lang));
  return out;
}

View demand_rows(const std::vector<Demand>& demands, const Choices& fields, Lang lang) {
  View rows{View::type::list};
  for (const Demand& d : demands) rows.push_back(demand_view(d, fields, false, lang));
  return rows;
}

http::Response list_page(App& app, const Caller& caller, http::Request& request) {
  View view = page_view(caller, request, "demands_title");
  Choices fields = latest_fields(app, caller.lang);
  std::string province(request.query_param("region"));
  std::string field(request.query_param("field"));
  if ((!province.empty() && province.size() != 2) ||
      std::ranges::any_of(province, [](char c) { return c < '0' || c > '9'; })) {
    return error_response(
        false, caller.lang, 400,
        make_error(ErrorCode::field_invalid, "field", "region", "detail", province));
  }
  auto open = app.store().demands({DemandState::open, 0, province});
  if (!open) return error_response(false, caller.lang, 503, open.error());
  if (!field.empty()) std::erase_if(*open, [&](const Demand& d) { return d.field != field; });
  view.set("open", demand_rows(*open, fields, caller.lang));
  view.set("has_open", !open->empty());
  Choices provinces;
  for (const Division& d : gb2260().provinces()) {
    provinces.emplace_back(std::string(d.code),
                           region_label(std::string(d.code) + "0000", caller.lang));
  }
  view.set("provinces", options(provinces, province));
  view.set("fields", options(fields, field));
  if (caller.account) {
    const Account& a = *caller.account;
    if (std::ranges::find(k_posters, a.role) != k_posters.end()) view.set("may_post", true);
    auto mine = app.store().demands({std::nullopt, a.id, ""});
    if (mine && !mine->empty()) {
      view.set("has_mine", true);
      view.set("mine", demand_rows(*mine, fields, caller.lang));
    }
    if (a.role == Role::secretariat || a.role == Role::pilot_city) {
      std::string region = a.role == Role::pilot_city ? a.region.substr(0, 2) : "";
      auto pending = app.store().demands({DemandState::pending, 0, region});
      if (pending) {
        view.set("reviewer", true);
        view.set("pending", demand_rows(*pending, fields, caller.lang));
        view.set("has_pending", !pending->empty());
      }
    }
  }
  http::Response response = render_page("demands", std::move(view));
  response.set_header("Cache-Control", caller.account ? "private, no-store" : "public, max-age=60");
  return response;
}

// The form to post a demand (`action` "/demands/new") or edit one ("/demands/{id}").
http::Response form_page(App& app, const Caller& caller, const http::Request& request,
                         const std::string& action,
                         const std::map<std::string, std::string>& values,
                         const std::vector<std::string>& errors, int status) {
  View view =
      page_view(caller, request, action == "/demands/new" ? "demand_new_title" : "demand_edit");
  form_view(view, values, latest_fields(app, caller.lang), caller.lang);
  view.set("errors", string_list(errors));
  view.set("action", action);
  return render_page("demand_form", std::move(view), status);
}

http::Response new_page(App& app, const Caller& caller, const http::Request& request,
                        const std::map<std::string, std::string>& values,
                        const std::vector<std::string>& errors, int status) {
  return form_page(app, caller, request, "/demands/new", values, errors, status);
}

http::Response post(App& app, const Caller& caller, http::Request& request) {
  auto values = posted_fields(request);
  auto parsed = demand_from_fields(values);
  if (auto problems = problems_of(parsed, app.now(), caller.lang); !problems.empty()) {
    return new_page(app, caller, request, values, problems, 422);
  }
  auto id = post_demand_as(app.store(), *caller.account, *parsed, actor_of(caller), app.now());
  if (!id) {
    return new_page(app, caller, request, values, {message(id.error(), caller.lang)},
                    status_of(id.error().code));
  }
  return http::redirect("/demands/" + std::to_string(*id) + "?posted=1");
}

std::map<std::string, std::string> fields_of(const Demand& d) {
  return {
      {"title", d.title},
      {"description", d.description},
      {"field", d.field},
      {"region", d.region},
      {"budget_min", d.budget_min ? std::to_string(*d.budget_min) : ""},
      {"budget_max", d.budget_max ? std::to_string(*d.budget_max) : ""},
      {"wanted_by", d.wanted_by ? format_date(*d.wanted_by) : ""},
      {"cooperation", cooperation_codes(d.cooperation)},
      {"wanted_maturity", d.wanted_maturity ? std::string(maturity_name(*d.wanted_maturity)) : ""},
      {"contact", d.contact}};
}

// The poster's edit form, while the demand is pending or rejected.
http::Response edit_page(App& app, const Caller& caller, http::Request& request) {
  long long id = request.path_number("id");
  auto demand = app.store().demand(id);
  if (!demand || demand->poster_id != caller.account->id) {
    Error e = make_error(ErrorCode::demand_not_found, "demand", std::to_string(id));
    return error_response(false, caller.lang, 404, e);
  }
  if (demand->state != DemandState::pending && demand->state != DemandState::rejected) {
    Error e = make_error(ErrorCode::transition_from_state, "action", "edit", "state",
                         std::string(demand_state_name(demand->state)));
    return error_response(false, caller.lang, status_of(e.code), e);
  }
  return form_page(app, caller, request, "/demands/" + std::to_string(id), fields_of(*demand), {},
                   200);
}

http::Response demand_page(App& app, const Caller& caller, const http::Request& request,
                           const std::vector<std::string>& errors, const std::string& notice,
                           int status) {
  long long id = request.path_number("id");
  auto demand = app.store().demand(id);
  const Account* account = caller.account ? &*caller.account : nullptr;
  if (demand && !may_read_demand(account, *demand)) {
    // Not yet public: as if it did not exist, so its title does not leak.
    demand = fail(make_error(ErrorCode::demand_not_found, "demand", std::to_string(id)));
  }
  if (!demand)
    return error_response(false, caller.lang, status_of(demand.error().code), demand.error());
  Choices fields = latest_fields(app, caller.lang);
  View view = page_view(caller, request, "demand_title");
  view.set("errors", string_list(errors));
  if (!notice.empty()) view.set("notice", notice);
  if (request.query_param("posted") == "1")
    view.set("notice", translate("page.demand_posted", {}, caller.lang));
  view.set("demand", demand_view(*demand, fields, may_see_contact(account, *demand), caller.lang));
  bool poster = account && account->id == demand->poster_id;
  if (account && reviews_demand(*account, *demand) && demand->state == DemandState::pending) {
    view.set("review_form", true);
  }
  if ((poster || (account && account->role == Role::secretariat)) &&
      (demand->state == DemandState::open || demand->state == DemandState::pending)) {
    view.set("close_form", true);
  }
  view.set("demand_id", std::to_string(id));
  if (poster && (demand->state == DemandState::pending || demand->state == DemandState::rejected)) {
    view.set("edit_form", true);
    view.set("action", "/demands/" + std::to_string(id));
  }
  if (demand->state == DemandState::open) {
    if (auto library = app.library().current(app.store())) {
      View rows{View::type::list};
      for (const match::Match& m : ranked_items(**library, *demand, k_items_shown)) {
        const LibraryRecord& r = (*library)->records[m.supply];
        View row{View::type::object};
        row.set("entry_id", std::to_string(r.id));
        row.set("name", r.name);
        row.set("holder", r.holder);
        row.set("year", std::to_string(r.year));
        std::string region = region_of_uscc(r.holder_uscc);
        row.set("region", region.empty() ? "" : region_label(region, caller.lang));
        row.set("maturity", maturity_label(r.parts.maturity, caller.lang));
        row.set("why", match_reasons(m, caller.lang));
        row.set("poster", poster && r.application_id != 0);
        rows.push_back(row);
      }
      view.set("has_items", !rows.is_empty_list());
      view.set("items", rows);
      view.set("ranked", true);
    }
    if (auto experts = app.experts().current(app.store())) {
      View rows{View::type::list};
      for (const match::Match& m : ranked_experts(**experts, *demand, k_experts_shown)) {
        const Expert& e = (*experts)->experts[m.supply];
        View row{View::type::object};
        row.set("name", e.name);
        row.set("organisation", e.organisation);
        row.set("title", e.title);
        row.set("region", e.region.empty() ? "" : region_label(e.region, caller.lang));
        row.set("why", match_reasons(m, caller.lang));
        rows.push_back(row);
      }
      view.set("has_experts", !rows.is_empty_list());
      view.set("experts", rows);
    }
  }
  http::Response response = render_page("demand", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response act(App& app, const Caller& caller, http::Request& request) {
  auto values = posted_fields(request);
  long long id = request.path_number("id");
  std::string action = values["_action"];
  auto refuse = [&](const Error& e) {
    return demand_page(app, caller, request, {message(e, caller.lang)}, "", status_of(e.code));
  };
  if (action == "edit") {
    auto parsed = demand_from_fields(values);
    std::string path = "/demands/" + std::to_string(id);
    if (auto problems = problems_of(parsed, app.now(), caller.lang); !problems.empty()) {
      return form_page(app, caller, request, path, values, problems, 422);
    }
    auto edited =
        edit_demand_as(app.store(), *caller.account, id, *parsed, actor_of(caller), app.now());
    if (!edited) {
      return form_page(app, caller, request, path, values, {message(edited.error(), caller.lang)},
                       status_of(edited.error().code));
    }
    return demand_page(app, caller, request, {}, translate("page.demand_edited", {}, caller.lang),
                       200);
  }
  std::optional<DemandAction> chosen;
  for (DemandAction a : {DemandAction::approve, DemandAction::reject, DemandAction::close}) {
    if (action == demand_action_name(a)) chosen = a;
  }
  if (!chosen)
    return refuse(make_error(ErrorCode::field_invalid, "field", "_action", "detail", action));
  auto library = app.library().current(app.store());
  if (!library) return refuse(library.error());
  auto done = act_on_demand_as(app.store(), **library, *caller.account, id, *chosen,
                               values["reason"], actor_of(caller), app.now());
  if (!done) return refuse(done.error());
  return demand_page(app, caller, request, {},
                     translate("page.demand_done_" + action, {}, caller.lang), 200);
}

http::Response interest(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  long long entry = std::atoll(form["entry"].c_str());
  auto done = express_interest_as(app.store(), *caller.account, request.path_number("id"), entry,
                                  actor_of(caller), app.now());
  if (!done) {
    return error_response(false, caller.lang, status_of(done.error().code), done.error());
  }
  return http::redirect("/dockings?interest=" + std::to_string(done->id));
}

}  // namespace

std::vector<RouteSpec> demand_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/demands", k_everyone, false, 0, list_page});
  routes.push_back({Method::get, "/demands/new", k_posters, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return new_page(app, caller, request, {}, {}, 200);
                    }});
  routes.push_back({Method::post, "/demands/new", k_posters, false, 0, post});
  routes.push_back({Method::get, "/demands/{id}", k_everyone, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return demand_page(app, caller, request, {}, "", 200);
                    }});
  routes.push_back({Method::get, "/demands/{id}/edit", k_posters, false, 0, edit_page});
  routes.push_back({Method::post, "/demands/{id}", k_posters, false, 0, act});
  routes.push_back({Method::post, "/demands/{id}/interest", k_posters, false, 0, interest});
  return routes;
}

}  // namespace kczg::web
