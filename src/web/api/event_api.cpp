// /api/v1 for events (路演, 投融资对接会): the list and one event (public, its invitations
// for its organiser); creating one, inviting, answering, and recording a follow-up. The
// same rules as the pages, from web/matching/event_service.
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/app.hpp"
#include "web/matching/event_service.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;

http::Response refuse(const Caller& caller, const Error& e) {
  return error_json(caller.lang, status_of(e.code), e);
}

ordered_json event_json(const Event& e) {
  return {{"id", e.id},
          {"kind", event_kind_name(e.kind)},
          {"title", e.title},
          {"description", e.description},
          {"region", e.region},
          {"place", e.place},
          {"starts_at", format_shanghai(e.starts_at)}};
}

ordered_json invitation_json(const Invitation& i) {
  return {{"id", i.id},
          {"listed_entry", i.listed_entry_id ? ordered_json(i.listed_entry_id) : ordered_json()},
          {"partner", i.partner_id ? ordered_json(i.partner_id) : ordered_json()},
          {"state", invitation_state_name(i.state)},
          {"answered_at",
           i.answered_at ? ordered_json(format_shanghai(*i.answered_at)) : ordered_json()}};
}

std::vector<long long> ids(const ordered_json& body, const char* key) {
  std::vector<long long> out;
  if (body.contains(key) && body[key].is_array()) {
    for (const ordered_json& v : body[key]) {
      if (v.is_number_integer()) out.push_back(v.get<long long>());
    }
  }
  return out;
}

http::Response list(App& app, const Caller& caller, http::Request&) {
  auto events = app.store().events();
  if (!events) return error_json(caller.lang, 503, events.error());
  ordered_json out = ordered_json::array();
  for (const Event& e : *events) out.push_back(event_json(e));
  return dump_json(200, ordered_json{{"events", out}}, "public, max-age=60");
}

http::Response one(App& app, const Caller& caller, http::Request& request) {
  auto event = app.store().event(request.path_number("id"));
  if (!event) return refuse(caller, event.error());
  auto invitations = app.store().invitations(event->id);
  if (!invitations) return error_json(caller.lang, 503, invitations.error());
  ordered_json out = event_json(*event);
  bool runs = caller.account && runs_event(*caller.account, *event);
  ordered_json rows = ordered_json::array();
  for (const Invitation& i : *invitations) {
    // The public sees the entries registered; the organiser every invitation; an invited
    // side its own.
    bool own = caller.account && answers_invitation(app.store(), *caller.account, i);
    bool shown = runs || own || (i.listed_entry_id && i.state == InvitationState::registered);
    if (shown) rows.push_back(invitation_json(i));
  }
  out["invitations"] = rows;
  return dump_json(200, out, "private, no-store");
}

// {kind, title, description, region, place, starts_at (ISO-8601)}
http::Response create(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  Error shape = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                           "{kind, title, description, region, place, starts_at}");
  if (!body.is_object()) return refuse(caller, shape);
  Event e;
  auto kind = event_kind_from_name(body.value("kind", std::string("roadshow")));
  if (!kind) return refuse(caller, shape);
  e.kind = *kind;
  e.title = body.value("title", std::string());
  e.description = body.value("description", std::string());
  e.region = body.value("region", std::string());
  e.place = body.value("place", std::string());
  auto starts = parse_instant(body.value("starts_at", std::string()));
  if (!starts)
    return refuse(caller, make_error(ErrorCode::field_invalid, "field", "starts_at", "detail",
                                     body.value("starts_at", std::string())));
  e.starts_at = *starts;
  auto id = create_event_as(app.store(), *caller.account, e, actor_of(caller), app.now());
  if (!id) return refuse(caller, id.error());
  return dump_json(201, event_json(app.store().event(*id).value()));
}

// {listed_entries: [id], partners: [account id]}
http::Response invite(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object()) {
    return refuse(caller, make_error(ErrorCode::field_invalid, "field", "body", "detail",
                                     "{listed_entries: [id], partners: [id]}"));
  }
  auto made =
      invite_as(app.store(), *caller.account, request.path_number("id"),
                ids(body, "listed_entries"), ids(body, "partners"), actor_of(caller), app.now());
  if (!made) return refuse(caller, made.error());
  return dump_json(200, ordered_json{{"invited", *made}});
}

// {invitation: id, register: bool}
http::Response answer(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.value("invitation", ordered_json()).is_number_integer() ||
      !body.value("register", ordered_json()).is_boolean()) {
    return refuse(caller, make_error(ErrorCode::field_invalid, "field", "body", "detail",
                                     "{invitation: id, register: true|false}"));
  }
  auto done = answer_as(app.store(), *caller.account, request.path_number("id"),
                        body["invitation"].get<long long>(), body["register"].get<bool>(),
                        actor_of(caller), app.now());
  if (!done) return refuse(caller, done.error());
  return dump_json(200, invitation_json(*done));
}

// {listed_entry: id, partner: account id, note}
http::Response follow_up(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.value("listed_entry", ordered_json()).is_number_integer() ||
      !body.value("partner", ordered_json()).is_number_integer()) {
    return refuse(caller, make_error(ErrorCode::field_invalid, "field", "body", "detail",
                                     "{listed_entry: id, partner: id, note}"));
  }
  auto done = follow_up_as(app.store(), *caller.account, request.path_number("id"),
                           body["listed_entry"].get<long long>(), body["partner"].get<long long>(),
                           body.value("note", std::string()), actor_of(caller), app.now());
  if (!done) return refuse(caller, done.error());
  return dump_json(200, ordered_json{{"deal", done->deal.id},
                                     {"state", deal_state_name(done->deal.state)},
                                     {"created", done->created}});
}

}  // namespace

std::vector<RouteSpec> event_api_routes() {
  const std::vector<Role> organisers{Role::secretariat, Role::pilot_city};
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/events", k_everyone, true, 0, list});
  routes.push_back({Method::post, "/api/v1/events", organisers, true, 0, create});
  routes.push_back({Method::get, "/api/v1/events/{id}", k_everyone, true, 0, one});
  routes.push_back({Method::post, "/api/v1/events/{id}/invitations", organisers, true, 0, invite});
  routes.push_back({Method::post,
                    "/api/v1/events/{id}/answer",
                    {Role::applicant, Role::partner},
                    true,
                    0,
                    answer});
  routes.push_back(
      {Method::post, "/api/v1/events/{id}/follow-ups", organisers, true, 0, follow_up});
  return routes;
}

}  // namespace kczg::web
