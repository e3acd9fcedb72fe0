// The applicant's pages: start an application, fill its list's form (rendered from the
// form definition), attach PDFs, submit, get the receipt and the printable 申报书,
// withdraw. Units and the secretariat open the same page read-only.
#include <set>

#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/applications/pdf_document.hpp"
#include "web/pages/eligibility_view.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_applicant{Role::applicant};
// Who may read an application page; visible_application decides which applications.
const std::vector<Role> k_readers{Role::applicant, Role::unit, Role::secretariat, Role::expert,
                                  Role::review_body};

long long id_of(const http::Request& request) { return request.path_number("id"); }

// Messages for the fields they name ("field" param), and the rest for the page top.
struct Problems {
  std::map<std::string, std::string> by_field;
  std::vector<std::string> general;
  std::set<std::string> check_digit;  // USCC fields the applicant may confirm as printed
};
Problems sort_problems(const std::vector<Error>& errors, Lang lang) {
  Problems p;
  for (const Error& e : errors) {
    std::string field(e.param("field"));
    if (field.empty()) {
      p.general.push_back(message(e, lang));
    } else {
      p.by_field.emplace(field, message(e, lang));
      if (e.code == ErrorCode::uscc_check_digit) p.check_digit.insert(field);
    }
  }
  return p;
}

View options_view(const std::vector<std::pair<std::string, std::string>>& options,
                  const std::string& selected) {
  View list{View::type::list};
  for (const auto& [code, label] : options) {
    View o{View::type::object};
    o.set("code", code);
    o.set("label", label);
    o.set("selected", code == selected);
    list.push_back(o);
  }
  return list;
}

View form_view(const ApplicationForm& form, const FormValues& values, const Problems& problems,
               Lang lang) {
  View sections{View::type::list};
  for (const FormSection& section : form.sections) {
    View s{View::type::object};
    s.set("label", in_lang(lang, section.label_zh, section.label_en));
    View fields{View::type::list};
    for (const FormField& f : section.fields) {
      View v{View::type::object};
      auto value = values.find(f.name);
      std::string text = value == values.end() ? "" : value->second;
      v.set("name", f.name);
      v.set("label", in_lang(lang, f.label_zh, f.label_en));
      v.set("help", in_lang(lang, f.help_zh, f.help_en));
      v.set("value", text);
      v.set("required", f.required);
      v.set("type_" + std::string(form_field_type_name(f.type)), true);
      if (f.max && (f.type == FormFieldType::text || f.type == FormFieldType::textarea)) {
        v.set("maxlength", std::to_string(*f.max));
      }
      if (f.min && (f.type == FormFieldType::integer || f.type == FormFieldType::decimal)) {
        v.set("min", std::to_string(*f.min));
      }
      if (f.max && (f.type == FormFieldType::integer || f.type == FormFieldType::decimal)) {
        v.set("max", std::to_string(*f.max));
      }
      std::vector<std::pair<std::string, std::string>> options;
      for (const FormOption& o : f.options) {
        options.emplace_back(o.code, in_lang(lang, o.label_zh, o.label_en));
      }
      v.set("options", options_view(options, text));
      // The value as a reader sees it: a choice's label rather than its code.
      std::string shown = text;
      for (const FormOption& o : f.options) {
        if (o.code == text) shown = in_lang(lang, o.label_zh, o.label_en);
      }
      if (f.type == FormFieldType::attestation) {
        shown = text == "1" ? translate("page.confirmed", {}, lang) : "";
      }
      if (f.type == FormFieldType::region && !text.empty()) shown = region_label(text, lang);
      v.set("shown", shown);
      v.set("checked", text == "1");
      if (f.type == FormFieldType::uscc) {
        // Offered once the code failed only its check digit, and kept once confirmed.
        std::string key = as_printed_key(f.name);
        auto confirmed = values.find(key);
        bool checked = confirmed != values.end() && confirmed->second == "1";
        if (checked || problems.check_digit.contains(f.name)) {
          View as_printed{View::type::object};
          as_printed.set("name", key);
          as_printed.set("checked", checked);
          v.set("as_printed", as_printed);
        }
      }
      if (auto problem = problems.by_field.find(f.name); problem != problems.by_field.end()) {
        v.set("error", problem->second);
      }
      fields.push_back(v);
    }
    s.set("fields", fields);
    sections.push_back(s);
  }
  return sections;
}

// The eligibility panel: live while the applicant edits, as recorded after, with the
// formal check's decision and its reason once made.
void set_eligibility(App& app, const Caller& caller, View& view, long long id, bool editable) {
  auto eligibility = application_eligibility(app, caller, id);
  if (!eligibility) return;
  const std::vector<EligibilityFinding>& findings = shown_findings(*eligibility, editable);
  // An editable form always has the panel: the next save may bring its first finding.
  view.set("has_eligibility", editable || !findings.empty());
  view.set("eligibility_live", editable);
  view.set("eligibility", eligibility_view(findings, caller.lang));
  set_overall_verdict(view, findings, caller.lang);
  if (const EligibilityCheck* decided = formal_check_record(*eligibility)) {
    View d{View::type::object};
    d.set("eligible", decided->eligible);
    d.set("label", translate(decided->eligible ? "page.formal_check_eligible"
                                               : "page.formal_check_ineligible",
                             {}, caller.lang));
    d.set("has_reason", !decided->reason.empty());
    d.set("reason", decided->reason);
    d.set("at", format_shanghai(decided->checked_at));
    view.set("formal_decision", d);
  }
}

http::Response application_page(App& app, const Caller& caller, const http::Request& request,
                                long long id, const std::vector<Error>& errors,
                                const std::string& notice, int status) {
  auto record = visible_application(app, caller, id);
  if (!record)
    return error_response(false, caller.lang, status_of(record.error().code), record.error());
  const Application& a = record->application;
  auto stored = app.store().campaign_by_id(a.campaign_id);
  if (!stored) return error_response(false, caller.lang, 503, stored.error());
  const Campaign& c = stored->campaign;
  const List* list = find_list(c, a.list);
  Problems problems = sort_problems(errors, caller.lang);

  View view = page_view(caller, request, "application_title");
  view.set("id", std::to_string(a.id));
  view.set("number", application_number(c.year, a));
  view.set("list_name", list ? in_lang(caller.lang, list->name_zh, list->name_en) : a.list);
  view.set("state", state_label(a.state, caller.lang));
  view.set("state_code", std::string(state_name(a.state)));
  view.set("reason", a.reason);
  view.set("notice", notice);
  view.set("errors", string_list(problems.general));
  view.set("has_errors", !errors.empty());
  bool editable = caller.role == Role::applicant &&
                  (a.state == ApplicationState::draft || a.state == ApplicationState::returned);
  view.set("editable", editable);
  view.set("withdrawable",
           caller.role == Role::applicant && a.state != ApplicationState::withdrawn &&
               a.state != ApplicationState::listed && a.state != ApplicationState::not_listed);
  view.set("returned", a.state == ApplicationState::returned);
  if (const Phase* collection = find_phase(c, PhaseKind::collection);
      collection && collection->ends_at) {
    view.set("deadline", deadline_text(*collection->ends_at));
    view.set("deadline_iso", format_shanghai(*collection->ends_at));
  }
  if (list && !list->fields.empty()) {
    std::vector<std::pair<std::string, std::string>> fields;
    std::string shown;
    for (const Field& f : list->fields) {
      fields.emplace_back(f.code, in_lang(caller.lang, f.name_zh, f.name_en));
      if (f.code == a.field) shown = fields.back().second;
    }
    view.set("has_campaign_fields", true);
    view.set("campaign_fields", options_view(fields, a.field));
    view.set("campaign_field_shown", shown);
    if (auto p = problems.by_field.find("campaign_field"); p != problems.by_field.end())
      view.set("campaign_field_error", p->second);
  }
  std::vector<std::pair<std::string, std::string>> units;
  std::string unit_shown;
  for (const Unit& u : units_for_list(app, c, a.list)) {
    units.emplace_back(std::to_string(u.id), u.name);
    if (u.id == a.unit_id) unit_shown = u.name;
  }
  view.set("units", options_view(units, std::to_string(a.unit_id)));
  view.set("unit_shown", unit_shown);
  if (auto p = problems.by_field.find("unit_id"); p != problems.by_field.end())
    view.set("unit_error", p->second);
  view.set("sections", form_view(*record->form, record->values, problems, caller.lang));
  set_eligibility(app, caller, view, a.id, editable);

  View attachments{View::type::list};
  for (const FormAttachment& k : record->form->attachments) {
    View v{View::type::object};
    v.set("kind", k.kind);
    v.set("label", in_lang(caller.lang, k.label_zh, k.label_en));
    v.set("help", in_lang(caller.lang, k.help_zh, k.help_en));
    v.set("required", k.required_to_submit);
    for (const Attachment& f : record->attachments) {
      if (f.kind != k.kind) continue;
      v.set("file_name", f.name);
      v.set("file_size", std::to_string(f.size));
      v.set("file_sha256", f.sha256);
    }
    if (auto p = problems.by_field.find("attachment_" + k.kind); p != problems.by_field.end())
      v.set("error", p->second);
    attachments.push_back(v);
  }
  view.set("attachments", attachments);
  if (auto p = problems.by_field.find("file"); p != problems.by_field.end())
    view.set("upload_error", p->second);
  if (a.submitted_at && !a.content_sha256.empty()) {
    View receipt{View::type::object};
    receipt.set("number", application_number(c.year, a));
    receipt.set("submitted_at", format_shanghai(*a.submitted_at));
    receipt.set("sha256", a.content_sha256);
    view.set("receipt", receipt);
  }
  http::Response response = render_page("application", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

DraftInput draft_input(const std::map<std::string, std::string>& form) {
  DraftInput input;
  for (const auto& [name, value] : form) {
    if (name.starts_with("v_")) input.values[name.substr(2)] = value;
  }
  if (auto f = form.find("campaign_field"); f != form.end()) input.field = f->second;
  if (auto u = form.find("unit_id"); u != form.end()) input.unit_id = std::atoll(u->second.c_str());
  return input;
}

http::Response save(App& app, const Caller& caller, http::Request& request) {
  long long id = id_of(request);
  auto saved = save_application(app, caller, id, draft_input(form_fields(request)));
  if (!saved)
    return application_page(app, caller, request, id, {saved.error()}, "",
                            status_of(saved.error().code));
  return application_page(app, caller, request, id, *saved,
                          translate("page.draft_saved", {}, caller.lang), 200);
}

http::Response submit(App& app, const Caller& caller, http::Request& request) {
  long long id = id_of(request);
  // The form's latest values count: the applicant may press submit without saving.
  auto form = form_fields(request);
  if (form.contains("unit_id")) {
    auto saved = save_application(app, caller, id, draft_input(form));
    if (!saved)
      return application_page(app, caller, request, id, {saved.error()}, "",
                              status_of(saved.error().code));
  }
  auto outcome = submit_application(app, caller, id);
  if (!outcome) {
    return application_page(app, caller, request, id, {outcome.error()}, "",
                            status_of(outcome.error().code));
  }
  if (!outcome->submitted)
    return application_page(app, caller, request, id, outcome->problems, "", 422);
  return http::redirect("/applications/" + std::to_string(id) + "?submitted=1");
}

http::Response upload(App& app, const Caller& caller, http::Request& request) {
  long long id = id_of(request);
  auto parts = multipart_fields(request);
  if (!parts) return application_page(app, caller, request, id, {parts.error()}, "", 400);
  const UploadedPart& file = (*parts)["file"];
  auto attached = attach_pdf(app, caller, id, (*parts)["kind"].data, file.filename, file.data);
  if (!attached) {
    return application_page(app, caller, request, id, {attached.error()}, "",
                            status_of(attached.error().code));
  }
  return application_page(app, caller, request, id, {},
                          translate("page.attachment_saved", {}, caller.lang), 200);
}

http::Response pdf_response(std::string bytes, const std::string& file_name) {
  http::Response response = http::text_response(200, std::move(bytes), "application/pdf");
  response.set_header("Content-Disposition",
                      "attachment; filename*=UTF-8''" + http::url_encode(file_name));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response attachment(App& app, const Caller& caller, http::Request& request) {
  auto record = visible_application(app, caller, id_of(request));
  if (!record) return error_response(false, caller.lang, 404, record.error());
  for (const Attachment& f : record->attachments) {
    if (f.kind != request.path_param("kind")) continue;
    auto bytes = app.blobs().get(f.sha256);
    if (!bytes) break;
    return pdf_response(std::move(*bytes), f.name);
  }
  return error_response(false, caller.lang, 404,
                        make_error(ErrorCode::attachment_not_found, "attachment",
                                   std::string(request.path_param("kind"))));
}

http::Response printable_form(App& app, const Caller& caller, http::Request& request) {
  auto record = visible_application(app, caller, id_of(request));
  if (!record) return error_response(false, caller.lang, 404, record.error());
  auto stored = app.store().campaign_by_id(record->application.campaign_id);
  if (!stored) return error_response(false, caller.lang, 503, stored.error());
  std::string number = application_number(stored->campaign.year, record->application);
  return pdf_response(render_application_form_pdf(stored->campaign, *record, caller.lang),
                      number + ".pdf");
}

http::Response new_application_page(App& app, const Caller& caller, const http::Request& request,
                                    const std::string& error, int status) {
  View view = page_view(caller, request, "new_application_title");
  view.set("error", error);
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  View lists{View::type::list};
  for (const List& l : stored->campaign.lists) {
    if (l.separately_organised || !form_for(l.code)) continue;
    View row{View::type::object};
    row.set("code", l.code);
    row.set("name", in_lang(caller.lang, l.name_zh, l.name_en));
    View fields{View::type::list};
    for (const Field& f : l.fields) {
      View o{View::type::object};
      o.set("code", f.code);
      o.set("name", in_lang(caller.lang, f.name_zh, f.name_en));
      fields.push_back(o);
    }
    row.set("has_fields", !l.fields.empty());
    row.set("fields", fields);
    lists.push_back(row);
  }
  view.set("lists", lists);
  return render_page("application_new", std::move(view), status);
}

}  // namespace

std::vector<RouteSpec> application_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/applications/new", k_applicant, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return new_application_page(app, caller, request, "", 200);
                    }});
  routes.push_back({Method::post, "/applications", k_applicant, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      auto form = form_fields(request);
                      std::string list = form["list"];
                      auto id = start_application(app, caller, list, form["field_" + list]);
                      if (!id) {
                        return new_application_page(app, caller, request,
                                                    message(id.error(), caller.lang),
                                                    status_of(id.error().code));
                      }
                      return http::redirect("/applications/" + std::to_string(*id));
                    }});
  routes.push_back({Method::get, "/applications/{id}", k_readers, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      std::string notice = request.query_param("submitted") == "1"
                                               ? translate("page.submitted_notice", {}, caller.lang)
                                               : "";
                      return application_page(app, caller, request, id_of(request), {}, notice,
                                              200);
                    }});
  routes.push_back({Method::post, "/applications/{id}", k_applicant, false, 0, save});
  routes.push_back({Method::post, "/applications/{id}/submit", k_applicant, false, 0, submit});
  routes.push_back({Method::post, "/applications/{id}/withdraw", k_applicant, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      long long id = id_of(request);
                      auto done =
                          withdraw_application(app, caller, id, form_fields(request)["reason"]);
                      if (!done) {
                        return application_page(app, caller, request, id, {done.error()}, "",
                                                status_of(done.error().code));
                      }
                      return http::redirect("/applications/" + std::to_string(id));
                    }});
  routes.push_back(
      {Method::post, "/applications/{id}/attachments", k_applicant, false, k_upload_limit, upload});
  routes.push_back(
      {Method::get, "/applications/{id}/attachments/{kind}", k_readers, false, 0, attachment});
  routes.push_back(
      {Method::get, "/applications/{id}/form.pdf", k_readers, false, 0, printable_form});
  return routes;
}

}  // namespace kczg::web
