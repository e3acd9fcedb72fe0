// The financial partner plan in the browser: a partner's profile and deal flow (/partner),
// where it answers each recommendation and records what followed; the secretariat's
// directed recommendation of a listed entry (/library/{id}/recommend), partners suggested
// by fit and chosen by a person.
#include <algorithm>

#include "i18n/labels.hpp"
#include "web/matching/partner_service.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/matching_view.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_partner{Role::partner};
const std::vector<Role> k_secretariat{Role::secretariat};

std::string kind_label(PartnerKind kind, Lang lang) {
  return translate("page.partner_kind_" + std::string(partner_kind_name(kind)), {}, lang);
}

std::string fit_label(match::Fit fit, const char* what, Lang lang) {
  std::string key = fit == match::Fit::meets  ? "page.fit_meets_"
                    : fit == match::Fit::open ? "page.fit_open_"
                                              : "page.fit_misses_";
  return translate(key + what, {}, lang);
}

// [{code, name, checked}] for checkboxes named `prefix`code.
View boxes(const Choices& choices, const std::vector<std::string>& chosen) {
  View list{View::type::list};
  for (const auto& [code, name] : choices) {
    View o{View::type::object};
    o.set("code", code);
    o.set("name", name);
    o.set("checked", std::ranges::find(chosen, code) != chosen.end());
    list.push_back(o);
  }
  return list;
}

View deal_row(App& app, const Deal& d, Lang lang) {
  View row{View::type::object};
  row.set("id", std::to_string(d.id));
  row.set("state_code", std::string(deal_state_name(d.state)));
  row.set("state", translate("page.deal_state_" + std::string(deal_state_name(d.state)), {}, lang));
  row.set("note", d.note);
  row.set("recommended_at", format_shanghai(d.recommended_at));
  if (!d.reason.empty()) row.set("reason", d.reason);
  if (d.amount) row.set("amount", std::to_string(*d.amount));
  if (auto r = app.store().library_record(d.listed_entry_id)) {
    row.set("entry_id", std::to_string(r->id));
    row.set("entry", r->name);
    row.set("holder", r->holder);
    row.set("year", std::to_string(r->year));
    row.set("maturity", maturity_label(r->parts.maturity, lang));
  }
  using S = DealState;
  row.set("may_interest", d.state == S::recommended);
  row.set("may_meeting", d.state == S::interested);
  row.set("may_term_sheet", d.state == S::meeting);
  row.set("may_invest", d.state == S::meeting || d.state == S::term_sheet);
  row.set("may_decline", d.state != S::declined && d.state != S::invested);
  return row;
}

http::Response partner_page(App& app, const Caller& caller, const http::Request& request,
                            const std::string& error, const std::string& notice, int status) {
  View view = page_view(caller, request, "partner_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  auto profile = app.store().partner_profile(caller.account->id);
  PartnerProfile p = profile && *profile ? **profile : PartnerProfile{};
  Choices kinds;
  for (PartnerKind k : k_partner_kinds)
    kinds.emplace_back(std::string(partner_kind_name(k)), kind_label(k, caller.lang));
  view.set("kinds", options(kinds, partner_kind_name(p.kind)));
  auto latest = app.store().latest_campaign();
  view.set("fields",
           boxes(field_choices(latest ? &latest->campaign : nullptr, caller.lang), p.fields));
  std::vector<std::string> stages;
  for (Maturity m : p.stages) stages.emplace_back(maturity_name(m));
  view.set("stages", boxes(maturity_choices(caller.lang), stages));
  std::string regions;
  for (const std::string& r : p.regions) regions += (regions.empty() ? "" : ",") + r;
  view.set("regions", regions);
  if (p.ticket_min) view.set("ticket_min", std::to_string(*p.ticket_min));
  if (p.ticket_max) view.set("ticket_max", std::to_string(*p.ticket_max));
  auto deals = visible_deals(app.store(), *caller.account);
  View rows{View::type::list};
  for (const Deal& d : deals.value_or(std::vector<Deal>{}))
    rows.push_back(deal_row(app, d, caller.lang));
  view.set("has_deals", !rows.is_empty_list());
  view.set("deals", rows);
  http::Response response = render_page("partner", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response save_profile(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto refuse = [&](const Error& e) {
    return partner_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  PartnerProfile p;
  auto kind = partner_kind_from_name(form["kind"]);
  if (!kind)
    return refuse(make_error(ErrorCode::field_invalid, "field", "kind", "detail", form["kind"]));
  p.kind = *kind;
  auto latest = app.store().latest_campaign();
  for (const auto& [code, name] :
       field_choices(latest ? &latest->campaign : nullptr, caller.lang)) {
    if (form["field_" + code] == "on") p.fields.push_back(code);
  }
  for (Maturity m : k_maturities) {
    if (form["stage_" + std::string(maturity_name(m))] == "on") p.stages.push_back(m);
  }
  std::string regions = form["regions"];
  for (std::size_t from = 0; from < regions.size();) {
    std::size_t comma = std::min(regions.find(',', from), regions.size());
    std::string r = regions.substr(from, comma - from);
    std::erase(r, ' ');
    if (!r.empty()) p.regions.push_back(r);
    from = comma + 1;
  }
  for (auto [name, target] :
       {std::pair{"ticket_min", &p.ticket_min}, {"ticket_max", &p.ticket_max}}) {
    std::string value = form[name];
    if (value.empty()) continue;
    char* end = nullptr;
    long long n = std::strtoll(value.c_str(), &end, 10);
    if (*end != '\0')
      return refuse(make_error(ErrorCode::field_invalid, "field", name, "detail", value));
    *target = n;
  }
  auto saved = save_profile_as(app.store(), *caller.account, p, actor_of(caller), app.now());
  if (!saved) return refuse(saved.error());
  return partner_page(app, caller, request, "", translate("page.partner_saved", {}, caller.lang),
                      200);
}

http::Response act(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto refuse = [&](const Error& e) {
    return partner_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  auto action = deal_action_from_name(form["_action"]);
  if (!action)
    return refuse(
        make_error(ErrorCode::field_invalid, "field", "_action", "detail", form["_action"]));
  std::optional<long long> amount;
  if (!form["amount"].empty()) amount = std::atoll(form["amount"].c_str());
  auto done = act_on_deal_as(app.store(), *caller.account, request.path_number("id"), *action,
                             form["reason"], amount, actor_of(caller), app.now());
  if (!done) return refuse(done.error());
  return partner_page(app, caller, request, "", translate("page.deal_saved", {}, caller.lang), 200);
}

http::Response recommend_page(App& app, const Caller& caller, const http::Request& request,
                              const std::string& error, const std::string& notice, int status) {
  auto record = app.store().library_record(request.path_number("id"));
  if (!record)
    return error_response(false, caller.lang, status_of(record.error().code), record.error());
  auto suggestions = partner_suggestions(app.store(), *caller.account, *record);
  if (!suggestions)
    return error_response(false, caller.lang, status_of(suggestions.error().code),
                          suggestions.error());
  View view = page_view(caller, request, "recommend_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  view.set("entry_id", std::to_string(record->id));
  view.set("entry", record->name);
  view.set("holder", record->holder);
  View rows{View::type::list};
  for (const PartnerSuggestion& s : *suggestions) {
    View row{View::type::object};
    row.set("account_id", std::to_string(s.profile.account_id));
    row.set("name", s.profile.name);
    row.set("kind", kind_label(s.profile.kind, caller.lang));
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", s.fit.score);
    row.set("score", std::string(score));
    row.set("why", fit_label(s.fit.field, "field", caller.lang) + " · " +
                       fit_label(s.fit.stage, "stage", caller.lang) + " · " +
                       fit_label(s.fit.region, "region", caller.lang));
    if (s.deal) {
      row.set("deal_state",
              translate("page.deal_state_" + std::string(deal_state_name(s.deal->state)), {},
                        caller.lang));
    }
    rows.push_back(row);
  }
  view.set("has_partners", !rows.is_empty_list());
  view.set("partners", rows);
  return render_page("recommend", std::move(view), status);
}

http::Response recommend(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  std::vector<long long> partners;
  for (const auto& [key, value] : form) {
    if (key.starts_with("partner_") && value == "on")
      partners.push_back(std::atoll(key.c_str() + 8));
  }
  auto refuse = [&](const Error& e) {
    return recommend_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  if (partners.empty())
    return refuse(make_error(ErrorCode::field_invalid, "field", "partners", "detail", "—"));
  auto made = recommend_as(app.store(), *caller.account, request.path_number("id"), partners,
                           form["note"], actor_of(caller), app.now());
  if (!made) return refuse(made.error());
  return recommend_page(
      app, caller, request, "",
      translate("page.recommend_done", {{"count", std::to_string(*made)}}, caller.lang), 200);
}

}  // namespace

std::vector<RouteSpec> partner_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/partner", k_partner, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return partner_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/partner", k_partner, false, 0, save_profile});
  routes.push_back({Method::post, "/partner/deals/{id}", k_partner, false, 0, act});
  routes.push_back({Method::get, "/library/{id}/recommend", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return recommend_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/library/{id}/recommend", k_secretariat, false, 0, recommend});
  return routes;
}

}  // namespace kczg::web
