// The recommending unit's page: the applications that name it, its quota per list (per
// field for pioneer_tech) as used / total over its stacked channels, and recommending or
// returning a selection. After the collection deadline it is read-only.
#include <algorithm>

#include "domain/phase_clock.hpp"
#include "domain/quota.hpp"
#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_unit{Role::unit};

struct Outcome {
  std::string title;
  std::string message;
  bool ok = false;
};

http::Response unit_page(App& app, const Caller& caller, const http::Request& request,
                         const std::vector<Outcome>& outcomes, const std::string& error,
                         int status) {
  View view = page_view(caller, request, "unit_applications_title");
  view.set("error", error);
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  const Campaign& c = stored->campaign;
  auto unit = app.store().unit(caller.account->unit_id);
  if (!unit) return error_response(false, caller.lang, 404, unit.error());
  view.set("unit_name", unit->name);
  std::string channels;
  for (const std::string& code : unit->channels) {
    const Channel* channel = find_channel(c, code);
    channels += (channels.empty() ? "" : "、") +
                (channel ? in_lang(caller.lang, channel->name_zh, channel->name_en) : code);
  }
  view.set("channels", channels);
  bool open = workflow_phase(c, app.now()) == PhaseKind::collection;
  view.set("open", open);
  if (const Phase* collection = find_phase(c, PhaseKind::collection);
      collection && collection->ends_at) {
    view.set("deadline", deadline_text(*collection->ends_at));
    if (!open && *collection->ends_at <= app.now()) {
      view.set("closed", message(make_error(ErrorCode::recommendation_closed, "deadline",
                                            deadline_text(*collection->ends_at)),
                                 caller.lang));
    }
  }

  View quotas{View::type::list};
  for (const List& l : c.lists) {
    auto total = unit_quota(c, l.code, unit->channels);
    if (!total || *total == 0) continue;
    auto add_row = [&](const std::string& field, const std::string& name) {
      int used = app.store().quota_used(stored->id, unit->id, l.code, field).value_or(0);
      View row{View::type::object};
      row.set("name", name);
      row.set("used", std::to_string(used));
      row.set("total", std::to_string(*total));
      row.set("full", used >= *total);
      quotas.push_back(row);
    };
    std::string list_name = in_lang(caller.lang, l.name_zh, l.name_en);
    if (l.fields.empty()) add_row("", list_name);
    for (const Field& f : l.fields) {
      add_row(f.code, list_name + " · " + in_lang(caller.lang, f.name_zh, f.name_en));
    }
  }
  view.set("quotas", quotas);

  View rows{View::type::list};
  ApplicationFilter filter{.unit_id = unit->id};
  for (const ApplicationSummary& s : app.store()
                                         .application_summaries(stored->id, filter)
                                         .value_or(std::vector<ApplicationSummary>{})) {
    const Application& a = s.application;
    if (a.state == ApplicationState::draft) continue;  // not yet the unit's business
    const List* l = find_list(c, a.list);
    std::string list_name = l ? in_lang(caller.lang, l->name_zh, l->name_en) : a.list;
    if (l) {
      if (const Field* f = find_field(*l, a.field)) {
        list_name += " · " + in_lang(caller.lang, f->name_zh, f->name_en);
      }
    }
    View row{View::type::object};
    row.set("id", std::to_string(a.id));
    row.set("number", application_number(c.year, a));
    row.set("title", a.title);
    row.set("applicant", s.applicant_name);
    row.set("list", list_name);
    row.set("state", state_label(a.state, caller.lang));
    row.set("state_code", std::string(state_name(a.state)));
    row.set("submitted_at", a.submitted_at ? format_shanghai(*a.submitted_at) : "");
    row.set("decidable", open && a.state == ApplicationState::submitted);
    rows.push_back(row);
  }
  view.set("has_applications", !rows.is_empty_list());
  view.set("applications", rows);

  View results{View::type::list};
  for (const Outcome& o : outcomes) {
    View row{View::type::object};
    row.set("title", o.title);
    row.set("message", o.message);
    row.set("ok", o.ok);
    results.push_back(row);
  }
  view.set("results", results);
  view.set("has_results", !outcomes.empty());
  http::Response response = render_page("unit_applications", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

// Bulk: every selected application is decided on its own, in the order listed, so a
// quota that runs out refuses only the ones beyond it, each with its reason.
http::Response decide(App& app, const Caller& caller, http::Request& request) {
  std::string action, reason;
  std::vector<long long> ids;
  for (const auto& [name, value] : request.form()) {
    if (name == "action") action = value;
    if (name == "reason") reason = value;
    if (name == "id") ids.push_back(std::atoll(value.c_str()));
  }
  if (action != "recommend" && action != "return") {
    return unit_page(
        app, caller, request, {},
        message(make_error(ErrorCode::field_invalid, "field", "action", "detail", action),
                caller.lang),
        400);
  }
  std::vector<Outcome> outcomes;
  for (long long id : ids) {
    auto a = app.store().application(id);
    Outcome o;
    o.title = a ? a->title : std::to_string(id);
    auto done = action == "recommend" ? recommend_application(app, caller, id)
                                      : return_application(app, caller, id, reason);
    o.ok = done.has_value();
    o.message = done ? translate(action == "recommend" ? "page.recommended_ok" : "page.returned_ok",
                                 {}, caller.lang)
                     : message(done.error(), caller.lang);
    outcomes.push_back(std::move(o));
  }
  bool all_ok = std::ranges::all_of(outcomes, [](const Outcome& o) { return o.ok; });
  return unit_page(app, caller, request, outcomes, "", all_ok ? 200 : 409);
}

}  // namespace

std::vector<RouteSpec> unit_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/unit/applications", k_unit, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return unit_page(app, caller, request, {}, "", 200);
                    }});
  routes.push_back({Method::post, "/unit/applications", k_unit, false, 0, decide});
  return routes;
}

}  // namespace kczg::web
