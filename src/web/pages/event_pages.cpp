// Events (路演, 投融资对接会) in the browser: the public list and each event's page with the
// entries registered; for its organiser (or the secretariat) the invitations, the form to
// invite listed entries and partners, and the follow-up of a meeting; for an invited holder
// or partner the answer.
#include <algorithm>

#include "i18n/labels.hpp"
#include "web/matching/event_service.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/matching_view.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_organisers{Role::secretariat, Role::pilot_city};
const std::vector<Role> k_invited{Role::applicant, Role::partner};

std::vector<long long> ids_of(const std::string& text) {
  std::vector<long long> out;
  for (std::size_t from = 0; from < text.size();) {
    std::size_t comma = std::min(text.find_first_of(",， ", from), text.size());
    if (long long id = std::atoll(text.substr(from, comma - from).c_str()); id > 0)
      out.push_back(id);
    from = comma + 1;
  }
  return out;
}

View event_view(const Event& e, Lang lang) {
  View v{View::type::object};
  v.set("id", std::to_string(e.id));
  v.set("kind", translate("page.event_kind_" + std::string(event_kind_name(e.kind)), {}, lang));
  v.set("title", e.title);
  v.set("description", e.description);
  v.set("region", region_label(e.region, lang));
  v.set("place", e.place);
  v.set("starts_at", format_shanghai(e.starts_at));
  return v;
}

http::Response list_page(App& app, const Caller& caller, http::Request& request) {
  View view = page_view(caller, request, "events_title");
  auto events = app.store().events();
  if (!events) return error_response(false, caller.lang, 503, events.error());
  View rows{View::type::list};
  for (const Event& e : *events) rows.push_back(event_view(e, caller.lang));
  view.set("events", rows);
  view.set("has_events", !events->empty());
  view.set("may_organise", caller.role == Role::secretariat || caller.role == Role::pilot_city);
  return render_page("events", std::move(view));
}

http::Response new_page(App&, const Caller& caller, const http::Request& request,
                        const std::map<std::string, std::string>& values, const std::string& error,
                        int status) {
  View view = page_view(caller, request, "event_new_title");
  if (!error.empty()) view.set("error", error);
  View typed{View::type::object};
  for (const char* key : {"title", "description", "region", "place", "starts_at"}) {
    auto it = values.find(key);
    typed.set(key, it != values.end() ? it->second : std::string());
  }
  view.set("form", typed);
  return render_page("event_new", std::move(view), status);
}

http::Response create(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto refuse = [&](const Error& e) {
    return new_page(app, caller, request, form, message(e, caller.lang), status_of(e.code));
  };
  Event e;
  auto kind = event_kind_from_name(form["kind"]);
  if (!kind)
    return refuse(make_error(ErrorCode::field_invalid, "field", "kind", "detail", form["kind"]));
  e.kind = *kind;
  e.title = form["title"];
  e.description = form["description"];
  e.region = form["region"];
  e.place = form["place"];
  // <input type="datetime-local">: Beijing time without an offset.
  auto starts =
      parse_instant(form["starts_at"] + (form["starts_at"].size() == 16 ? ":00+08:00" : ""));
  if (!starts)
    return refuse(
        make_error(ErrorCode::field_invalid, "field", "starts_at", "detail", form["starts_at"]));
  e.starts_at = *starts;
  auto id = create_event_as(app.store(), *caller.account, e, actor_of(caller), app.now());
  if (!id) return refuse(id.error());
  return http::redirect("/events/" + std::to_string(*id));
}

http::Response event_page(App& app, const Caller& caller, const http::Request& request,
                          const std::string& error, const std::string& notice, int status) {
  auto event = app.store().event(request.path_number("id"));
  if (!event)
    return error_response(false, caller.lang, status_of(event.error().code), event.error());
  auto invitations = app.store().invitations(event->id);
  if (!invitations) return error_response(false, caller.lang, 503, invitations.error());
  View view = page_view(caller, request, "event_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  view.set("event", event_view(*event, caller.lang));
  view.set("event_id", std::to_string(event->id));
  bool runs = caller.account && runs_event(*caller.account, *event);
  View registered{View::type::list}, all{View::type::list}, mine{View::type::list};
  View entry_choices{View::type::list}, partner_choices{View::type::list};
  for (const Invitation& i : *invitations) {
    View row{View::type::object};
    row.set("id", std::to_string(i.id));
    row.set("state_code", std::string(invitation_state_name(i.state)));
    row.set("state",
            translate("page.invitation_state_" + std::string(invitation_state_name(i.state)), {},
                      caller.lang));
    std::string name;
    if (i.listed_entry_id) {
      auto r = app.store().library_record(i.listed_entry_id);
      name = r ? r->name + " · " + r->holder : std::to_string(i.listed_entry_id);
      row.set("entry_id", std::to_string(i.listed_entry_id));
    } else {
      auto p = app.store().account(i.partner_id);
      name = p ? p->display_name : std::to_string(i.partner_id);
      row.set("partner_id", std::to_string(i.partner_id));
    }
    row.set("name", name);
    if (i.state == InvitationState::registered && i.listed_entry_id) registered.push_back(row);
    if (runs) all.push_back(row);
    if (runs && i.state == InvitationState::registered) {
      (i.listed_entry_id ? entry_choices : partner_choices).push_back(row);
    }
    if (caller.account && answers_invitation(app.store(), *caller.account, i)) {
      row.set("may_answer", i.state == InvitationState::invited);
      mine.push_back(row);
    }
  }
  view.set("registered", registered);
  view.set("has_registered", !registered.is_empty_list());
  view.set("mine", mine);
  if (runs) {
    view.set("runs", true);
    view.set("invitations", all);
    View partners{View::type::list};
    for (const Account& a : app.store().accounts().value_or(std::vector<Account>{})) {
      if (a.role != Role::partner) continue;
      View o{View::type::object};
      o.set("id", std::to_string(a.id));
      o.set("name", a.display_name);
      partners.push_back(o);
    }
    view.set("partners", partners);
    view.set("entry_choices", entry_choices);
    view.set("partner_choices", partner_choices);
  }
  http::Response response = render_page("event", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response invite(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  std::vector<long long> partners;
  for (const auto& [key, value] : form) {
    if (key.starts_with("partner_") && value == "on")
      partners.push_back(std::atoll(key.c_str() + 8));
  }
  auto made = invite_as(app.store(), *caller.account, request.path_number("id"),
                        ids_of(form["entries"]), partners, actor_of(caller), app.now());
  if (!made)
    return event_page(app, caller, request, message(made.error(), caller.lang), "",
                      status_of(made.error().code));
  return event_page(
      app, caller, request, "",
      translate("page.event_invited", {{"count", std::to_string(*made)}}, caller.lang), 200);
}

http::Response answer(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto done = answer_as(app.store(), *caller.account, request.path_number("id"),
                        std::atoll(form["invitation"].c_str()), form["_action"] == "register",
                        actor_of(caller), app.now());
  if (!done)
    return event_page(app, caller, request, message(done.error(), caller.lang), "",
                      status_of(done.error().code));
  return event_page(app, caller, request, "", translate("page.event_answered", {}, caller.lang),
                    200);
}

http::Response follow_up(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto done = follow_up_as(app.store(), *caller.account, request.path_number("id"),
                           std::atoll(form["entry"].c_str()), std::atoll(form["partner"].c_str()),
                           form["note"], actor_of(caller), app.now());
  if (!done)
    return event_page(app, caller, request, message(done.error(), caller.lang), "",
                      status_of(done.error().code));
  return event_page(app, caller, request, "", translate("page.event_followed_up", {}, caller.lang),
                    200);
}

}  // namespace

std::vector<RouteSpec> event_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/events", k_everyone, false, 0, list_page});
  routes.push_back({Method::get, "/events/new", k_organisers, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return new_page(app, caller, request, {}, "", 200);
                    }});
  routes.push_back({Method::post, "/events/new", k_organisers, false, 0, create});
  routes.push_back({Method::get, "/events/{id}", k_everyone, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return event_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/events/{id}/invitations", k_organisers, false, 0, invite});
  routes.push_back({Method::post, "/events/{id}/answer", k_invited, false, 0, answer});
  routes.push_back({Method::post, "/events/{id}/follow-ups", k_organisers, false, 0, follow_up});
  return routes;
}

}  // namespace kczg::web
