// The review body admin's forms for its expert pool and alias table: invitations for pool
// entries without an account, reminders to experts behind, the 简称 alias table, and more
// experts from an uploaded spreadsheet. Each answers with the body's page.
#include <algorithm>

#include "domain/division.hpp"
#include "i18n/labels.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/invitation.hpp"
#include "web/pages/review_body_page.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/review/expert_import.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_body_admin{Role::review_body};

// Invitations for pool entries without an account; reminders for experts behind.
http::Response invite_experts(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_administered_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto accounts = app.store().accounts().value_or(std::vector<Account>{});
  auto pool = app.store().experts(ctx->campaign.id, ctx->body.name).value_or(std::vector<Expert>{});
  int sent = 0;
  std::vector<Error> errors;
  for (const Expert& e : pool) {
    if (std::ranges::any_of(accounts, [&](const Account& a) { return a.expert_id == e.id; })) {
      continue;
    }
    Account account;
    account.login = e.email;
    account.role = Role::expert;
    account.display_name = e.name;
    account.expert_id = e.id;
    if (auto invited = invite_account(app, caller, account); !invited) {
      errors.push_back(invited.error());
    } else {
      ++sent;
    }
  }
  return review_body_page(
      app, caller, request,
      {std::nullopt,
       errors,
       translate("page.invitations_sent", {{"count", std::to_string(sent)}}, caller.lang),
       {},
       errors.empty() ? 200 : 409});
}

http::Response remind_experts(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_administered_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto board = body_board(app.store(), ctx->campaign, ctx->body.name);
  if (!board) {
    return review_body_page(app, caller, request,
                            {std::nullopt, {board.error()}, "", {}, status_of(board.error().code)});
  }
  std::string deadline;
  if (auto at = review_deadline(ctx->campaign.campaign, ctx->body.name)) {
    deadline = format_shanghai(*at);
  }
  int sent = 0;
  for (const ExpertProgress& p : board->progress) {
    if (p.submitted >= p.assigned) continue;
    std::vector<std::pair<std::string, std::string>> params{
        {"name", p.expert.name},
        {"left", std::to_string(p.assigned - p.submitted)},
        {"deadline", deadline},
        {"link", app.options().base_url + "/expert"}};
    (void)app.store().enqueue_mail({0,
                                    p.expert.email,
                                    translate("page.reminder_subject", {}, caller.lang),
                                    translate("page.reminder_body", params, caller.lang),
                                    {}},
                                   app.now());
    ++sent;
  }
  return review_body_page(
      app, caller, request,
      {std::nullopt,
       {},
       translate("page.reminders_sent", {{"count", std::to_string(sent)}}, caller.lang),
       {},
       200});
}

// One alias group from the form: names separated by 、 ， ； , ; or new lines.
OrganisationAlias alias_from_form(const std::map<std::string, std::string>& form) {
  OrganisationAlias alias;
  auto it = form.find("names");
  std::string_view text = it == form.end() ? std::string_view() : std::string_view(it->second);
  auto add = [&](std::string_view name) {
    auto first = name.find_first_not_of(' ');
    if (first == std::string_view::npos) return;
    std::string trimmed(name.substr(first, name.find_last_not_of(' ') - first + 1));
    if (std::ranges::find(alias.names, trimmed) == alias.names.end()) {
      alias.names.push_back(std::move(trimmed));
    }
  };
  std::size_t from = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t width = 0;
    for (std::string_view sep : {"、", "，", "；", ",", ";", "\n", "\r"}) {
      if (text.substr(at).starts_with(sep)) width = sep.size();
    }
    if (width == 0) {
      ++at;
      continue;
    }
    add(text.substr(from, at - from));
    at += width;
    from = at;
  }
  add(text.substr(from));
  if (auto u = form.find("uscc"); u != form.end()) alias.uscc = u->second;
  return alias;
}

http::Response add_alias(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_administered_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  OrganisationAlias alias = alias_from_form(form_fields(request));
  if (auto problems = check_alias(alias, gb2260()); !problems.empty()) {
    return review_body_page(app, caller, request, {std::nullopt, problems, "", {}, 400});
  }
  if (auto added = app.store().add_alias(ctx->campaign.id, ctx->body.name, alias, actor_of(caller),
                                         app.now());
      !added) {
    return review_body_page(app, caller, request,
                            {std::nullopt, {added.error()}, "", {}, status_of(added.error().code)});
  }
  return review_body_page(
      app, caller, request,
      {std::nullopt, {}, translate("page.alias_added", {}, caller.lang), {}, 200});
}

// The expert pool from an uploaded CSV or XLSX (told apart by content), refused whole with
// every bad row when anything is wrong.
http::Response upload_experts(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_administered_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto parts = multipart_fields(request);
  if (!parts)
    return review_body_page(app, caller, request, {std::nullopt, {parts.error()}, "", {}, 400});
  const UploadedPart& file = (*parts)["file"];
  auto table = std::string_view(file.data).starts_with("PK\x03\x04")
                   ? tabular::parse_xlsx(file.data, file.filename)
                   : tabular::parse_csv(file.data, file.filename);
  if (!table)
    return review_body_page(app, caller, request, {std::nullopt, {table.error()}, "", {}, 400});
  auto experts = experts_from_table(app.store(), ctx->campaign.id, ctx->body.name, *table);
  if (!experts) {
    std::vector<Error> rows = experts.error();
    for (Error& e : rows) {
      if (e.param("row").empty()) continue;
      // Which row and column, in the person's language, before what is wrong there.
      e = make_error(ErrorCode::import_row_problem, "row", std::string(e.param("row")), "column",
                     std::string(e.param("column")), "message", message(e, caller.lang));
    }
    return review_body_page(app, caller, request, {std::nullopt, rows, "", {}, 400});
  }
  auto ids = app.store().add_experts(ctx->campaign.id, ctx->body.name, *experts, actor_of(caller),
                                     app.now());
  if (!ids) {
    return review_body_page(app, caller, request,
                            {std::nullopt, {ids.error()}, "", {}, status_of(ids.error().code)});
  }
  return review_body_page(
      app, caller, request,
      {std::nullopt,
       {},
       translate("page.experts_imported", {{"count", std::to_string(ids->size())}}, caller.lang),
       {},
       200});
}

}  // namespace

std::vector<RouteSpec> review_pool_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::post, "/review/invite", k_body_admin, false, 0, invite_experts});
  routes.push_back({Method::post, "/review/remind", k_body_admin, false, 0, remind_experts});
  routes.push_back({Method::post, "/review/aliases", k_body_admin, false, 0, add_alias});
  // A pool of a few thousand experts with long profiles fits in 8 MB.
  routes.push_back(
      {Method::post, "/review/experts", k_body_admin, false, 8 * 1024 * 1024, upload_experts});
  return routes;
}

}  // namespace kczg::web
