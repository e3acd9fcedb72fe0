// /api/v1 for applications: the forms as data, drafts, attachments, submission with its
// receipt, withdrawal, and the unit's decisions. The same operations (and so the same
// ownership and phase checks) as the pages; errors as {code, message, field}.
#include <nlohmann/json.hpp>

#include "web/api/eligibility_json.hpp"
#include "web/applications/operations.hpp"
#include "web/pages/forms.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;
const std::vector<Role> k_applicant{Role::applicant};
const std::vector<Role> k_readers{Role::applicant, Role::unit, Role::secretariat};

long long id_of(const http::Request& request) { return request.path_number("id"); }

http::Response fail_json(const Caller& caller, const Error& error) {
  return error_json(caller.lang, status_of(error.code), error);
}

ordered_json form_json(const ApplicationForm& form) {
  ordered_json sections = ordered_json::array();
  for (const FormSection& s : form.sections) {
    ordered_json fields = ordered_json::array();
    for (const FormField& f : s.fields) {
      ordered_json options = ordered_json::array();
      for (const FormOption& o : f.options) {
        options.push_back({{"code", o.code}, {"label_zh", o.label_zh}, {"label_en", o.label_en}});
      }
      fields.push_back({{"name", f.name},
                        {"type", form_field_type_name(f.type)},
                        {"required", f.required},
                        {"min", f.min ? ordered_json(*f.min) : ordered_json(nullptr)},
                        {"max", f.max ? ordered_json(*f.max) : ordered_json(nullptr)},
                        {"options", options},
                        {"label_zh", f.label_zh},
                        {"label_en", f.label_en},
                        {"help_zh", f.help_zh},
                        {"help_en", f.help_en}});
    }
    sections.push_back({{"label_zh", s.label_zh}, {"label_en", s.label_en}, {"fields", fields}});
  }
  ordered_json attachments = ordered_json::array();
  for (const FormAttachment& a : form.attachments) {
    attachments.push_back({{"kind", a.kind},
                           {"required_to_submit", a.required_to_submit},
                           {"label_zh", a.label_zh},
                           {"label_en", a.label_en}});
  }
  return {{"list", form.list},
          {"title_field", form.title_field},
          {"sections", sections},
          {"attachments", attachments}};
}

ordered_json application_json(int year, const Application& a) {
  return {{"id", a.id},
          {"number", application_number(year, a)},
          {"list", a.list},
          {"field", a.field},
          {"unit_id", a.unit_id},
          {"state", state_name(a.state)},
          {"title", a.title},
          {"reason", a.reason},
          {"updated_at", format_shanghai(a.updated_at)},
          {"submitted_at",
           a.submitted_at ? ordered_json(format_shanghai(*a.submitted_at)) : ordered_json(nullptr)},
          {"content_sha256",
           a.content_sha256.empty() ? ordered_json(nullptr) : ordered_json(a.content_sha256)}};
}

int campaign_year(App& app, long long campaign_id) {
  auto stored = app.store().campaign_by_id(campaign_id);
  return stored ? stored->campaign.year : 0;
}

http::Response dump(int status, const ordered_json& j) {
  return json_response(status, j.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
}

http::Response get_form(App&, const Caller& caller, http::Request& request) {
  const ApplicationForm* form = form_for(request.path_param("list"));
  if (!form) {
    return fail_json(caller, make_error(ErrorCode::list_unknown, "list",
                                        std::string(request.path_param("list"))));
  }
  http::Response response = dump(200, form_json(*form));
  response.set_header("Cache-Control", "public, max-age=300");
  return response;
}

http::Response list_applications(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign_id();
  if (!stored) return fail_json(caller, stored.error());
  ApplicationFilter filter;
  if (caller.role == Role::applicant) filter.applicant_id = caller.account->applicant_id;
  if (caller.role == Role::unit) filter.unit_id = caller.account->unit_id;
  ordered_json out = ordered_json::array();
  if (caller.role != Role::secretariat && !filter.applicant_id && !filter.unit_id) {
    return dump(200, out);
  }
  int year = 0;
  auto summaries = app.store().application_summaries(*stored, filter);
  if (!summaries) return fail_json(caller, summaries.error());
  for (const ApplicationSummary& s : *summaries) {
    if (caller.role == Role::unit && s.application.state == ApplicationState::draft) continue;
    if (!year) year = campaign_year(app, s.application.campaign_id);
    ordered_json j = application_json(year, s.application);
    j["applicant"] = s.applicant_name;
    j["unit"] = s.unit_name;
    out.push_back(j);
  }
  return dump(200, out);
}

http::Response create(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object()) {
    return fail_json(
        caller, make_error(ErrorCode::field_invalid, "field", "body", "detail", "JSON object"));
  }
  auto id = start_application(app, caller, body.value("list", ""), body.value("field", ""));
  if (!id) return fail_json(caller, id.error());
  auto a = app.store().application(*id);
  if (!a) return fail_json(caller, a.error());
  return dump(201, application_json(campaign_year(app, a->campaign_id), *a));
}

http::Response get_application(App& app, const Caller& caller, http::Request& request) {
  auto record = visible_application(app, caller, id_of(request));
  if (!record) return fail_json(caller, record.error());
  ordered_json j =
      application_json(campaign_year(app, record->application.campaign_id), record->application);
  j["values"] = record->values;
  ordered_json files = ordered_json::array();
  for (const Attachment& f : record->attachments) {
    files.push_back({{"kind", f.kind}, {"name", f.name}, {"sha256", f.sha256}, {"size", f.size}});
  }
  j["attachments"] = files;
  http::Response response = dump(200, j);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response save(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || (body.contains("values") && !body["values"].is_object())) {
    return fail_json(caller, make_error(ErrorCode::field_invalid, "field", "body", "detail",
                                        "{field, unit_id, values: {name: text}}"));
  }
  DraftInput input;
  input.field = body.value("field", "");
  input.unit_id = body.value("unit_id", 0LL);
  if (body.contains("values")) {
    for (const auto& [name, value] : body["values"].items()) {
      if (value.is_string()) input.values[name] = value.get<std::string>();
    }
  }
  auto problems = save_application(app, caller, id_of(request), input);
  if (!problems) return fail_json(caller, problems.error());
  ordered_json list = ordered_json::array();
  for (const Error& e : *problems) {
    list.push_back({{"code", code_name(e.code)},
                    {"message", message(e, caller.lang)},
                    {"field", std::string(e.param("field"))}});
  }
  ordered_json j = {{"saved_at", format_shanghai(app.now())}, {"problems", list}};
  // The applicant's form shows the verdicts live: they come back with every save.
  if (auto eligibility = application_eligibility(app, caller, id_of(request))) {
    std::string verdict(verdict_name(overall_verdict(eligibility->current)));
    j["eligibility_verdict"] = verdict;
    j["eligibility_verdict_label"] = translate("eligibility.verdict." + verdict, {}, caller.lang);
    j["eligibility"] = findings_json(eligibility->current, caller.lang);
  }
  return dump(200, j);
}

http::Response get_eligibility(App& app, const Caller& caller, http::Request& request) {
  auto eligibility = application_eligibility(app, caller, id_of(request));
  if (!eligibility) return fail_json(caller, eligibility.error());
  ordered_json checks = ordered_json::array();
  for (const EligibilityCheck& c : eligibility->recorded)
    checks.push_back(check_json(c, caller.lang));
  http::Response response =
      dump(200, {{"verdict", verdict_name(overall_verdict(eligibility->current))},
                 {"current", findings_json(eligibility->current, caller.lang)},
                 {"checks", checks}});
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response submit(App& app, const Caller& caller, http::Request& request) {
  long long id = id_of(request);
  auto outcome = submit_application(app, caller, id);
  if (!outcome) return fail_json(caller, outcome.error());
  if (!outcome->submitted) return problems_json(caller.lang, outcome->problems);
  const Application& a = *outcome->submitted;
  // The receipt: what the applicant keeps as proof of what was submitted, and when.
  return dump(200, {{"id", a.id},
                    {"number", application_number(outcome->year, a)},
                    {"state", state_name(a.state)},
                    {"submitted_at", format_shanghai(*a.submitted_at)},
                    {"content_sha256", a.content_sha256}});
}

http::Response attach(App& app, const Caller& caller, http::Request& request) {
  std::string kind(request.query_param("kind"));
  std::string name(request.query_param("name"));
  std::string bytes;
  if (request.header("content-type").starts_with("multipart/form-data")) {
    auto parts = multipart_fields(request);
    if (!parts) return fail_json(caller, parts.error());
    if (kind.empty()) kind = (*parts)["kind"].data;
    name = (*parts)["file"].filename;
    bytes = std::move((*parts)["file"].data);
  } else {
    bytes = std::move(request.body);
  }
  auto attached = attach_pdf(app, caller, id_of(request), kind, name, bytes);
  if (!attached) return fail_json(caller, attached.error());
  auto files = app.store().attachments(id_of(request));
  ordered_json out = ordered_json::array();
  for (const Attachment& f : files.value_or(std::vector<Attachment>{})) {
    out.push_back({{"kind", f.kind}, {"name", f.name}, {"sha256", f.sha256}, {"size", f.size}});
  }
  return dump(201, {{"attachments", out}});
}

std::string reason_of(const http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  return body.is_object() ? body.value("reason", "") : "";
}

http::Response state_answer(App& app, const Caller& caller, long long id, Result<void> done) {
  if (!done) return fail_json(caller, done.error());
  auto a = app.store().application(id);
  if (!a) return fail_json(caller, a.error());
  return dump(200, application_json(campaign_year(app, a->campaign_id), *a));
}

}  // namespace

std::vector<RouteSpec> application_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/forms/{list}", k_everyone, true, 0, get_form});
  routes.push_back({Method::get, "/api/v1/applications", k_readers, true, 0, list_applications});
  routes.push_back({Method::post, "/api/v1/applications", k_applicant, true, 0, create});
  routes.push_back({Method::get, "/api/v1/applications/{id}", k_readers, true, 0, get_application});
  routes.push_back({Method::put, "/api/v1/applications/{id}", k_applicant, true, 0, save});
  routes.push_back(
      {Method::get, "/api/v1/applications/{id}/eligibility", k_readers, true, 0, get_eligibility});
  routes.push_back(
      {Method::post, "/api/v1/applications/{id}/submit", k_applicant, true, 0, submit});
  routes.push_back({Method::post, "/api/v1/applications/{id}/attachments", k_applicant, true,
                    k_upload_limit, attach});
  routes.push_back({Method::post, "/api/v1/applications/{id}/withdraw", k_applicant, true, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      long long id = id_of(request);
                      return state_answer(
                          app, caller, id,
                          withdraw_application(app, caller, id, reason_of(request)));
                    }});
  routes.push_back({Method::post,
                    "/api/v1/applications/{id}/recommend",
                    {Role::unit},
                    true,
                    0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      long long id = id_of(request);
                      return state_answer(app, caller, id, recommend_application(app, caller, id));
                    }});
  routes.push_back({Method::post,
                    "/api/v1/applications/{id}/return",
                    {Role::unit},
                    true,
                    0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      long long id = id_of(request);
                      return state_answer(app, caller, id,
                                          return_application(app, caller, id, reason_of(request)));
                    }});
  return routes;
}

}  // namespace kczg::web
