// The public notice (公示): the proposed lists on a page anyone may open, with the dates
// of the notice; an objection form per entry (real name and contact required, shown only
// to the secretariat); and the secretariat's objections page, where each is upheld (the
// entry comes off the list) or dismissed, with a reason the objector receives.
#include <algorithm>

#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/notice/notice_service.hpp"
#include "web/notice/substitution.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};
// A real objection with its grounds and evidence fits; a flood of larger bodies does not.
constexpr std::size_t k_objection_body_limit =
    k_objection_max_attachments * k_objection_attachment_max_bytes + 64 * 1024;

std::string notice_dates(const Campaign& c, Lang lang) {
  const Phase* p = find_phase(c, PhaseKind::public_notice);
  if (!p || !p->starts_at || !p->ends_at) return translate("page.not_scheduled", {}, lang);
  return format_shanghai(*p->starts_at) + " — " + format_shanghai(*p->ends_at);
}

http::Response notice_page(App& app, const Caller& caller, http::Request& request) {
  View view = page_view(caller, request, "notice_title");
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  const Campaign& c = stored->campaign;
  view.set("campaign", in_lang(caller.lang, c.name_zh, c.name_en));
  view.set("dates", notice_dates(c, caller.lang));
  bool open = static_cast<bool>(check_notice_open(c, app.now()));
  view.set("open", open);
  if (open) {
    auto entries = notice_entries(app.store(), *stored);
    if (!entries) return error_response(false, caller.lang, 503, entries.error());
    View rows{View::type::list};
    for (const NoticeEntry& e : *entries) {
      View row{View::type::object};
      row.set("id", std::to_string(e.application_id));
      row.set("number", e.number);
      row.set("name", e.name);
      row.set("holder", e.holder);
      row.set("unit", e.unit);
      row.set("where", where_label(c, e.list, e.field, caller.lang));
      rows.push_back(row);
    }
    view.set("entries", rows);
    view.set("count", translate("page.notice_count", {{"count", std::to_string(entries->size())}},
                                caller.lang));
  }
  http::Response response = render_page("notice", std::move(view));
  response.set_header("Cache-Control", "no-store");
  return response;
}

// The objection form for one entry, with what was typed and every problem on a refusal.
http::Response objection_form(App& app, const Caller& caller, const http::Request& request,
                              const ObjectionForm& typed, const std::vector<Error>& problems,
                              const std::string& notice, int status) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  long long id = request.path_number("id");
  auto entries = notice_entries(app.store(), *stored);
  if (!entries) return error_response(false, caller.lang, 503, entries.error());
  auto entry =
      std::ranges::find_if(*entries, [&](const NoticeEntry& e) { return e.application_id == id; });
  if (entry == entries->end() || !check_notice_open(stored->campaign, app.now())) {
    Error e = entry == entries->end()
                  ? make_error(ErrorCode::application_not_found, "application", std::to_string(id))
                  : check_notice_open(stored->campaign, app.now()).error();
    return error_response(false, caller.lang, status_of(e.code), e);
  }
  View view = page_view(caller, request, "objection_title");
  view.set("id", std::to_string(id));
  view.set("number", entry->number);
  view.set("name", entry->name);
  view.set("holder", entry->holder);
  view.set("where", where_label(stored->campaign, entry->list, entry->field, caller.lang));
  view.set("objector", typed.name);
  view.set("contact", typed.contact);
  view.set("organisation", typed.organisation);
  view.set("grounds", typed.grounds);
  if (!notice.empty()) view.set("notice", notice);
  std::vector<std::string> errors;
  for (const Error& e : problems) errors.push_back(message(e, caller.lang));
  view.set("problems", string_list(errors));
  view.set("has_problems", !problems.empty());
  http::Response response = render_page("notice_objection", std::move(view), status);
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response file_objection(App& app, const Caller& caller, http::Request& request) {
  // The page's form is multipart (it carries evidence); a plain form is read as well.
  std::map<std::string, std::string> form;
  std::vector<EvidenceFile> evidence;
  if (request.header("content-type").starts_with("multipart/form-data")) {
    auto parts = multipart_fields(request);
    if (!parts) return objection_form(app, caller, request, {}, {parts.error()}, "", 400);
    for (auto& [name, part] : *parts) {
      if (!name.starts_with("evidence")) {
        form[name] = part.data;
      } else if (!part.filename.empty() || !part.data.empty()) {
        evidence.push_back({part.filename, std::move(part.data)});
      }
    }
  } else {
    form = form_fields(request);
  }
  ObjectionForm typed{form["name"], form["contact"], form["organisation"], form["grounds"]};
  long long id = request.path_number("id");
  std::vector<Error> problems;
  auto filed = file_public_objection(app, id, typed, evidence, request.remote_address, &problems);
  if (!filed) {
    if (problems.empty()) problems.push_back(filed.error());
    return objection_form(app, caller, request, typed, problems, "", status_of(filed.error().code));
  }
  std::string notice =
      translate("page.objection_filed", {{"id", std::to_string(*filed)}}, caller.lang);
  return objection_form(app, caller, request, {}, {}, notice, 200);
}

http::Response objections_page(App& app, const Caller& caller, const http::Request& request,
                               const std::string& error, int status) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto all = app.store().objections(stored->id);
  if (!all) return error_response(false, caller.lang, 503, all.error());
  auto summaries = app.store().application_summaries(stored->id, {});
  if (!summaries) return error_response(false, caller.lang, 503, summaries.error());
  View view = page_view(caller, request, "objections_title");
  if (!error.empty()) view.set("error", error);
  view.set("dates", notice_dates(stored->campaign, caller.lang));
  View rows{View::type::list};
  for (const Objection& o : *all) {
    auto s = std::ranges::find_if(*summaries, [&](const ApplicationSummary& x) {
      return x.application.id == o.application_id;
    });
    View row{View::type::object};
    row.set("id", std::to_string(o.id));
    row.set("application", std::to_string(o.application_id));
    if (s != summaries->end()) {
      row.set("title", s->application.title);
      row.set("holder", s->applicant_name);
      row.set("entry_state", state_label(s->application.state, caller.lang));
    }
    row.set("objector", o.form.name);
    row.set("contact", o.form.contact);
    row.set("organisation", o.form.organisation);
    row.set("grounds", o.form.grounds);
    row.set("filed_at", format_shanghai(o.filed_at));
    std::string state(objection_state_name(o.state));
    row.set("state_code", state);
    row.set("state", translate("page.objection_state_" + state, {}, caller.lang));
    row.set("open", o.state == ObjectionState::filed);
    row.set("resolution", o.resolution);
    row.set("resolved_by", o.resolved_by);
    View files{View::type::list};
    for (std::size_t n = 0; n < o.attachments.size(); ++n) {
      View file{View::type::object};
      file.set("n", std::to_string(n + 1));
      file.set("name", o.attachments[n].name);
      files.push_back(file);
    }
    row.set("attachments", files);
    rows.push_back(row);
  }
  view.set("objections", rows);
  view.set("has_objections", !all->empty());
  // Seats an upheld objection freed, and the next in the ranking for each.
  auto freed = freed_seats(app.store(), *stored, *all);
  if (!freed) return error_response(false, caller.lang, 503, freed.error());
  View seats{View::type::list};
  for (const FreedSeats& f : freed->lists) {
    View seat{View::type::object};
    seat.set("list", f.list);
    seat.set("where", where_label(stored->campaign, f.list, "", caller.lang));
    seat.set("listed", std::to_string(f.listed));
    seat.set("target", std::to_string(f.target));
    View candidates{View::type::list};
    for (const SubstituteCandidate& c : f.candidates) {
      const ApplicationSummary& s = freed->review.applications.at(c.application_id);
      View row{View::type::object};
      row.set("id", std::to_string(c.application_id));
      row.set("number", application_number(stored->campaign.year, s.application));
      row.set("title", s.application.title);
      row.set("holder", s.applicant_name);
      row.set("field", where_label(stored->campaign, f.list, c.field, caller.lang));
      row.set("rank", std::to_string(c.rank));
      row.set("score", review::format_score(c.score));
      candidates.push_back(row);
    }
    seat.set("candidates", candidates);
    seat.set("has_candidates", !f.candidates.empty());
    seats.push_back(seat);
  }
  view.set("freed", seats);
  http::Response response = render_page("secretariat_objections", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response resolve(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  long long id = request.path_number("id");
  std::string outcome = form["outcome"];
  if (outcome != "upheld" && outcome != "dismissed") {
    Error e =
        make_error(ErrorCode::field_invalid, "field", "outcome", "detail", "upheld | dismissed");
    return objections_page(app, caller, request, message(e, caller.lang), 400);
  }
  auto resolved =
      resolve_public_objection(app, id, outcome == "upheld", form["resolution"], actor_of(caller));
  if (!resolved) {
    return objections_page(app, caller, request, message(resolved.error(), caller.lang),
                           status_of(resolved.error().code));
  }
  return http::redirect("/secretariat/objections#objection-" + std::to_string(id));
}

// The evidence filed with an objection, the secretariat's only, as a download.
http::Response evidence_file(App& app, const Caller& caller, http::Request& request) {
  long long id = request.path_number("id");
  std::size_t n = std::strtoul(std::string(request.path_param("n")).c_str(), nullptr, 10);
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto all = app.store().objections(stored->id);
  if (!all) return error_response(false, caller.lang, 503, all.error());
  auto it = std::ranges::find_if(*all, [&](const Objection& o) { return o.id == id; });
  std::optional<std::string> bytes;
  if (it != all->end() && n >= 1 && n <= it->attachments.size()) {
    bytes = app.blobs().get(it->attachments[n - 1].sha256);
  }
  if (!bytes) {
    return error_response(false, caller.lang, 404,
                          make_error(ErrorCode::not_found, "path", request.path));
  }
  http::Response response = http::text_response(200, std::move(*bytes), "application/pdf");
  response.set_header("Content-Disposition", "attachment; filename*=UTF-8''" +
                                                 http::url_encode(it->attachments[n - 1].name));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response list_substitute(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  long long id = request.path_number("id");
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto listed = substitute(app.store(), *stored, id, form["reason"], actor_of(caller), app.now());
  if (!listed) {
    return objections_page(app, caller, request, message(listed.error(), caller.lang),
                           status_of(listed.error().code));
  }
  return http::redirect("/secretariat/objections#freed");
}

}  // namespace

std::vector<RouteSpec> notice_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/notice", k_everyone, false, 0, notice_page});
  routes.push_back({Method::get, "/notice/{id}/objection", k_everyone, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return objection_form(app, caller, request, {}, {}, "", 200);
                    }});
  routes.push_back({Method::post, "/notice/{id}/objection", k_everyone, false,
                    k_objection_body_limit, file_objection});
  routes.push_back({Method::get, "/secretariat/objections", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return objections_page(app, caller, request, "", 200);
                    }});
  routes.push_back(
      {Method::post, "/secretariat/objections/{id}/resolution", k_secretariat, false, 0, resolve});
  routes.push_back(
      {Method::post, "/secretariat/substitutes/{id}", k_secretariat, false, 0, list_substitute});
  routes.push_back({Method::get, "/secretariat/objections/{id}/evidence/{n}", k_secretariat, false,
                    0, evidence_file});
  return routes;
}

}  // namespace kczg::web
