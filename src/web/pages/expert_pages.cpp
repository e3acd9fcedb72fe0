// The expert's pages: the applications assigned to them and nothing else, each with the
// plan's criteria to score, a comment, save or submit before the review deadline, and
// declining (回避) with a reason. Reading the application itself (values, attachments,
// the printable form) goes through /applications/{id}, which admits an expert for the
// applications they read.
#include <algorithm>
#include <cstdlib>

#include "domain/division.hpp"
#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_expert{Role::expert};

long long application_of(const http::Request& request) { return request.path_number("id"); }

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// Where the list page shows a pair: not scored, draft, submitted or declined.
std::string sheet_label(const ReviewAssignment& a, const ExpertSheet* sheet, Lang lang) {
  if (a.state == AssignmentState::declined) return translate("page.sheet_declined", {}, lang);
  if (!sheet) return translate("page.sheet_none", {}, lang);
  return translate("page.sheet_" + std::string(sheet_state_name(sheet->state)), {}, lang);
}

struct ExpertContext {
  ExpertRef expert;
  StoredCampaign campaign;
  std::vector<ReviewAssignment> pairs;
  std::vector<ExpertSheet> sheets;  // the expert's own
};

Result<ExpertContext> load_context(App& app, const Caller& caller) {
  auto expert = reading_expert(app.store(), *caller.account);
  if (!expert) return fail(expert.error());
  auto campaign = app.store().campaign_by_id(expert->body.campaign_id);
  if (!campaign) return fail(campaign.error());
  auto pairs = app.store().expert_assignments(expert->expert.id);
  if (!pairs) return fail(pairs.error());
  auto sheets = app.store().sheets(campaign->id, expert->body.name);
  if (!sheets) return fail(sheets.error());
  ExpertContext ctx{std::move(*expert), std::move(*campaign), std::move(*pairs), {}};
  for (ExpertSheet& s : *sheets) {
    if (s.expert_id == ctx.expert.expert.id) ctx.sheets.push_back(std::move(s));
  }
  return ctx;
}

const ExpertSheet* sheet_for(const ExpertContext& ctx, long long application) {
  for (const ExpertSheet& s : ctx.sheets) {
    if (s.application_id == application) return &s;
  }
  return nullptr;
}

void set_deadline(View& view, const ExpertContext& ctx, Instant now) {
  if (auto deadline = review_deadline(ctx.campaign.campaign, ctx.expert.body.name)) {
    view.set("deadline", format_shanghai(*deadline));
    view.set("closed", *deadline <= now);
  }
}

http::Response assignments_page(App& app, const Caller& caller, const http::Request& request,
                                const std::vector<Error>& errors, const std::string& notice,
                                int status) {
  auto ctx = load_context(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  View view = page_view(caller, request, "expert_title");
  view.set("expert_name", ctx->expert.expert.name);
  view.set("body", ctx->expert.body.name);
  set_deadline(view, *ctx, app.now());
  View rows{View::type::list};
  int done = 0, open = 0;
  for (const ReviewAssignment& a : ctx->pairs) {
    auto application = app.store().application(a.application_id);
    if (!application) continue;
    const ExpertSheet* sheet = sheet_for(*ctx, a.application_id);
    View row{View::type::object};
    row.set("id", std::to_string(a.application_id));
    row.set("number", application_number(ctx->campaign.campaign.year, *application));
    row.set("title", application->title);
    row.set("state", sheet_label(a, sheet, caller.lang));
    row.set("readable", a.state == AssignmentState::assigned);
    if (a.state == AssignmentState::assigned) {
      ++(sheet && sheet->state == SheetState::submitted ? done : open);
    }
    rows.push_back(row);
  }
  view.set("assignments", rows);
  view.set("has_assignments", !rows.is_empty_list());
  view.set("progress",
           translate("page.expert_progress",
                     {{"done", std::to_string(done)}, {"total", std::to_string(done + open)}},
                     caller.lang));
  View declared{View::type::list};
  for (const DeclaredConflict& d : app.store()
                                       .declared_conflicts(ctx->campaign.id, ctx->expert.body.name)
                                       .value_or(std::vector<DeclaredConflict>{})) {
    if (d.expert_id != ctx->expert.expert.id) continue;
    View row{View::type::object};
    row.set("organisation",
            d.organisation.empty() ? std::to_string(d.application_id) : d.organisation);
    row.set("uscc", d.organisation_uscc);
    row.set("reason", d.reason);
    declared.push_back(row);
  }
  view.set("declared", declared);
  view.set("has_declared", !declared.is_empty_list());
  if (!notice.empty()) view.set("notice", notice);
  std::vector<std::string> messages;
  for (const Error& e : errors) messages.push_back(message(e, caller.lang));
  view.set("errors", string_list(messages));
  view.set("has_errors", !errors.empty());
  http::Response response = render_page("expert_assignments", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response sheet_page(App& app, const Caller& caller, const http::Request& request,
                          long long id, const SheetInput* entered, const std::vector<Error>& errors,
                          const std::string& notice, int status) {
  auto ctx = load_context(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto pair = std::ranges::find_if(ctx->pairs, [&](const ReviewAssignment& a) {
    return a.application_id == id && a.state == AssignmentState::assigned;
  });
  auto application = app.store().application(id);
  // Another expert's application, a declined one or none at all look the same: not found.
  if (pair == ctx->pairs.end() || !application) {
    Error e = make_error(ErrorCode::application_not_found, "application", std::to_string(id));
    return error_response(false, caller.lang, 404, e);
  }
  auto plan = app.store().review_plan(ctx->campaign.id, ctx->expert.body.name);
  const ExpertSheet* sheet = sheet_for(*ctx, id);
  View view = page_view(caller, request, "sheet_title");
  view.set("id", std::to_string(id));
  view.set("number", application_number(ctx->campaign.campaign.year, *application));
  view.set("application_title", application->title);
  if (!notice.empty()) view.set("notice", notice);
  std::vector<std::string> messages;
  for (const Error& e : errors) messages.push_back(message(e, caller.lang));
  view.set("errors", string_list(messages));
  view.set("has_errors", !errors.empty());
  set_deadline(view, *ctx, app.now());
  bool submitted = sheet && sheet->state == SheetState::submitted;
  view.set("submitted", submitted);
  if (sheet && sheet->submitted_at) view.set("submitted_at", format_shanghai(*sheet->submitted_at));
  view.set("comment", entered ? entered->comment : sheet ? sheet->comment : "");
  View criteria{View::type::list};
  if (plan && *plan) {
    for (const Criterion& c : (*plan)->criteria) {
      View row{View::type::object};
      row.set("code", c.code);
      row.set("name", in_lang(caller.lang, c.name_zh, c.name_en));
      row.set("weight", std::to_string(c.weight));
      row.set("min", number_text(c.scale_min));
      row.set("max", number_text(c.scale_max));
      const std::map<std::string, double>* scores = entered ? &entered->scores
                                                    : sheet ? &sheet->scores
                                                            : nullptr;
      if (scores) {
        if (auto s = scores->find(c.code); s != scores->end())
          row.set("value", number_text(s->second));
      }
      criteria.push_back(row);
    }
  }
  view.set("criteria", criteria);
  View reasons{View::type::list};
  for (DeclineReason r : {DeclineReason::conflict_of_interest, DeclineReason::outside_expertise,
                          DeclineReason::unavailable, DeclineReason::other}) {
    View row{View::type::object};
    row.set("code", std::string(decline_reason_name(r)));
    row.set("label",
            translate("page.decline_" + std::string(decline_reason_name(r)), {}, caller.lang));
    reasons.push_back(row);
  }
  view.set("reasons", reasons);
  http::Response response = render_page("expert_sheet", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

// The sheet as the form sends it: score_<criterion> fields (blank ones left out), the
// comment and which button. A score that is not a number is its own error.
SheetInput sheet_input(const std::map<std::string, std::string>& form, std::vector<Error>& bad) {
  SheetInput input;
  for (const auto& [name, value] : form) {
    if (name == "comment") input.comment = value;
    if (name == "action") input.submit = value == "submit";
    if (!name.starts_with("score_") || value.empty()) continue;
    char* end = nullptr;
    double score = std::strtod(value.c_str(), &end);
    std::string code = name.substr(6);
    if (end == value.c_str() || *end != '\0') {
      bad.push_back(make_error(ErrorCode::field_invalid, "field", name, "detail", value));
      continue;
    }
    input.scores[code] = score;
  }
  return input;
}

http::Response save_sheet(App& app, const Caller& caller, http::Request& request) {
  long long id = application_of(request);
  auto ctx = load_context(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  std::vector<Error> problems;
  SheetInput input = sheet_input(form_fields(request), problems);
  if (!problems.empty()) return sheet_page(app, caller, request, id, &input, problems, "", 400);
  auto saved = save_expert_sheet(app.store(), ctx->expert, id, input, actor_of(caller), app.now(),
                                 &problems);
  if (!saved) {
    if (saved.error().code == ErrorCode::assignment_missing) {
      return sheet_page(app, caller, request, id, nullptr, {}, "", 404);
    }
    if (problems.empty()) problems.push_back(saved.error());
    return sheet_page(app, caller, request, id, &input, problems, "",
                      status_of(saved.error().code));
  }
  std::string notice =
      translate(input.submit ? "page.sheet_submitted_ok" : "page.sheet_saved_ok", {}, caller.lang);
  return sheet_page(app, caller, request, id, nullptr, {}, notice, 200);
}

http::Response decline(App& app, const Caller& caller, http::Request& request) {
  long long id = application_of(request);
  auto ctx = load_context(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto form = form_fields(request);
  auto reason = decline_reason_from_name(form["reason"]);
  if (!reason) {
    Error e = make_error(ErrorCode::field_invalid, "field", "reason", "detail", form["reason"]);
    return sheet_page(app, caller, request, id, nullptr, {e}, "", 400);
  }
  Decline d{ctx->expert.expert.id, id, *reason, form["note"]};
  if (auto ok = check_decline(d); !ok) {
    return sheet_page(app, caller, request, id, nullptr, {ok.error()}, "", 400);
  }
  if (auto done = app.store().decline_assignment(d, actor_of(caller), app.now()); !done) {
    if (done.error().code == ErrorCode::assignment_missing) {
      return sheet_page(app, caller, request, id, nullptr, {}, "", 404);
    }
    return sheet_page(app, caller, request, id, nullptr, {done.error()}, "",
                      status_of(done.error().code));
  }
  return http::redirect("/expert");
}

// An organisation the expert has ties with (former employer, a recent collaborator): no
// application of it, its holders or its recommending unit is assigned to them again.
http::Response declare(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_context(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto form = form_fields(request);
  DeclaredConflict d{ctx->expert.expert.id, 0, form["organisation"], form["uscc"], form["reason"]};
  if (auto problems = check_declared_conflict(d, gb2260()); !problems.empty()) {
    return assignments_page(app, caller, request, problems, "", 400);
  }
  if (auto done = app.store().declare_conflict(d, actor_of(caller), app.now()); !done) {
    return assignments_page(app, caller, request, {done.error()}, "", status_of(done.error().code));
  }
  return assignments_page(app, caller, request, {},
                          translate("page.conflict_declared", {}, caller.lang), 200);
}

}  // namespace

std::vector<RouteSpec> expert_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/expert", k_expert, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return assignments_page(app, caller, request, {}, "", 200);
                    }});
  routes.push_back({Method::post, "/expert/conflicts", k_expert, false, 0, declare});
  routes.push_back({Method::get, "/expert/applications/{id}", k_expert, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return sheet_page(app, caller, request, application_of(request), nullptr, {},
                                        "", 200);
                    }});
  routes.push_back({Method::post, "/expert/applications/{id}", k_expert, false, 0, save_sheet});
  routes.push_back(
      {Method::post, "/expert/applications/{id}/decline", k_expert, false, 0, decline});
  return routes;
}

}  // namespace kczg::web
