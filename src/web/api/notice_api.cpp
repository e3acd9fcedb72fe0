// /api/v1 for the public notice: the proposed lists (public, only the public fields), an
// objection from anyone while the notice is open, and the secretariat's objections with
// their resolution.
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/app.hpp"
#include "web/notice/notice_service.hpp"
#include "web/notice/substitution.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;
const std::vector<Role> k_secretariat{Role::secretariat};
constexpr std::size_t k_objection_body_limit = 32 * 1024;

http::Response notice(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  const Phase* p = find_phase(stored->campaign, PhaseKind::public_notice);
  auto when = [](const std::optional<Instant>& at) {
    return at ? ordered_json(format_shanghai(*at)) : ordered_json(nullptr);
  };
  bool open = static_cast<bool>(check_notice_open(stored->campaign, app.now()));
  ordered_json entries = ordered_json::array();
  if (open) {
    auto found = notice_entries(app.store(), *stored);
    if (!found) return error_json(caller.lang, 503, found.error());
    for (const NoticeEntry& e : *found) {
      entries.push_back({{"application", e.application_id},
                         {"number", e.number},
                         {"name", e.name},
                         {"holder", e.holder},
                         {"unit", e.unit},
                         {"list", e.list},
                         {"field", e.field}});
    }
  }
  return dump_json(200,
                   {{"year", stored->campaign.year},
                    {"starts_at", p ? when(p->starts_at) : ordered_json(nullptr)},
                    {"ends_at", p ? when(p->ends_at) : ordered_json(nullptr)},
                    {"open", open},
                    {"entries", entries}},
                   "no-store");
}

http::Response object(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  auto text = [&](const char* key) {
    return body.is_object() && body.contains(key) && body[key].is_string()
               ? body[key].get<std::string>()
               : std::string();
  };
  if (!body.is_object()) {
    Error e = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                         "{name, contact, organisation, grounds}");
    return error_json(caller.lang, 400, e);
  }
  long long id = request.path_number("id");
  ObjectionForm form{text("name"), text("contact"), text("organisation"), text("grounds")};
  std::vector<Error> problems;
  auto filed = file_public_objection(app, id, form, {}, request.remote_address, &problems);
  if (!filed) {
    http::Response r = error_json(caller.lang, status_of(filed.error().code), filed.error());
    if (problems.size() > 1) {
      ordered_json all = ordered_json::parse(r.body);
      all["problems"] = ordered_json::array();
      for (const Error& e : problems) {
        all["problems"].push_back(
            {{"code", code_name(e.code)}, {"message", message(e, caller.lang)}});
      }
      r = dump_json(status_of(filed.error().code), all, "no-store");
    }
    return r;
  }
  return dump_json(201, {{"objection", *filed}, {"state", "filed"}}, "no-store");
}

http::Response list(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto all = app.store().objections(stored->id);
  if (!all) return error_json(caller.lang, 503, all.error());
  ordered_json out = ordered_json::array();
  for (const Objection& o : *all) {
    ordered_json evidence = ordered_json::array();
    for (std::size_t n = 0; n < o.attachments.size(); ++n) {
      evidence.push_back({{"name", o.attachments[n].name},
                          {"size", o.attachments[n].size},
                          {"href", "/secretariat/objections/" + std::to_string(o.id) +
                                       "/evidence/" + std::to_string(n + 1)}});
    }
    out.push_back({{"id", o.id},
                   {"application", o.application_id},
                   {"name", o.form.name},
                   {"contact", o.form.contact},
                   {"organisation", o.form.organisation},
                   {"grounds", o.form.grounds},
                   {"state", objection_state_name(o.state)},
                   {"resolution", o.resolution},
                   {"filed_at", format_shanghai(o.filed_at)},
                   {"resolved_at", o.resolved_at ? ordered_json(format_shanghai(*o.resolved_at))
                                                 : ordered_json(nullptr)},
                   {"resolved_by", o.resolved_by},
                   {"evidence", evidence}});
  }
  return dump_json(200, out, "private, no-store");
}

http::Response resolve(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("upheld") || !body["upheld"].is_boolean() ||
      (body.contains("resolution") && !body["resolution"].is_string())) {
    Error e = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                         "{upheld: true|false, resolution: text}");
    return error_json(caller.lang, 400, e);
  }
  long long id = request.path_number("id");
  auto resolved = resolve_public_objection(app, id, body["upheld"].get<bool>(),
                                           body.value("resolution", ""), actor_of(caller));
  if (!resolved) {
    return error_json(caller.lang, status_of(resolved.error().code), resolved.error());
  }
  return dump_json(200, {{"id", id}, {"state", objection_state_name(resolved->state)}},
                   "private, no-store");
}

http::Response freed(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto objections = app.store().objections(stored->id);
  if (!objections) return error_json(caller.lang, 503, objections.error());
  auto seats = freed_seats(app.store(), *stored, *objections);
  if (!seats) return error_json(caller.lang, 503, seats.error());
  ordered_json out = ordered_json::array();
  for (const FreedSeats& f : seats->lists) {
    ordered_json candidates = ordered_json::array();
    for (const SubstituteCandidate& c : f.candidates) {
      candidates.push_back(
          {{"application", c.application_id},
           {"title", seats->review.applications.at(c.application_id).application.title},
           {"field", c.field},
           {"rank", c.rank},
           {"score", c.score}});
    }
    out.push_back(
        {{"list", f.list}, {"listed", f.listed}, {"target", f.target}, {"candidates", candidates}});
  }
  return dump_json(200, out, "private, no-store");
}

http::Response list_substitute(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("reason") || !body["reason"].is_string()) {
    Error e = make_error(ErrorCode::field_invalid, "field", "body", "detail", "{reason: text}");
    return error_json(caller.lang, 400, e);
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  long long id = request.path_number("id");
  auto listed = substitute(app.store(), *stored, id, body["reason"].get<std::string>(),
                           actor_of(caller), app.now());
  if (!listed) return error_json(caller.lang, status_of(listed.error().code), listed.error());
  return dump_json(200, {{"application", id}, {"state", state_name(*listed)}}, "private, no-store");
}

}  // namespace

std::vector<RouteSpec> notice_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/notice", k_everyone, true, 0, notice});
  routes.push_back({Method::post, "/api/v1/notice/{id}/objections", k_everyone, true,
                    k_objection_body_limit, object});
  routes.push_back({Method::get, "/api/v1/objections", k_secretariat, true, 0, list});
  routes.push_back(
      {Method::post, "/api/v1/objections/{id}/resolution", k_secretariat, true, 0, resolve});
  routes.push_back({Method::get, "/api/v1/substitutes", k_secretariat, true, 0, freed});
  routes.push_back(
      {Method::post, "/api/v1/substitutes/{id}", k_secretariat, true, 0, list_substitute});
  return routes;
}

}  // namespace kczg::web
