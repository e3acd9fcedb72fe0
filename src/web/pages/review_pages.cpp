// The review body admin's page: the review plan (written, filed, and read back when
// returned or approved), the expert pool with its invitations, the assignment run, and
// each expert's progress with reminders through the outbox. The ranked board is in
// board_pages.cpp.
#include <algorithm>
#include <cstdlib>

#include "domain/division.hpp"
#include "i18n/labels.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/invitation.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/review/expert_import.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_body_admin{Role::review_body};

// Blank rows the plan form offers for criteria beyond the ones written.
constexpr int k_spare_criteria = 2;

struct BodyContext {
  ReviewBodyRef body;
  StoredCampaign campaign;
  std::optional<ReviewPlan> plan;
};

Result<BodyContext> load_body(App& app, const Caller& caller) {
  auto body = administered_body(app.store(), *caller.account);
  if (!body) return fail(body.error());
  auto campaign = app.store().campaign_by_id(body->campaign_id);
  if (!campaign) return fail(campaign.error());
  auto plan = app.store().review_plan(campaign->id, body->name);
  if (!plan) return fail(plan.error());
  return BodyContext{std::move(*body), std::move(*campaign), std::move(*plan)};
}

std::string plan_state_label(PlanState state, Lang lang) {
  return translate("page.plan_state_" + std::string(plan_state_name(state)), {}, lang);
}

View criteria_view(const std::vector<Criterion>& criteria, bool spare) {
  View rows{View::type::list};
  auto add = [&](int i, const Criterion& c) {
    View row{View::type::object};
    row.set("i", std::to_string(i));
    row.set("code", c.code);
    row.set("name_zh", c.name_zh);
    row.set("name_en", c.name_en);
    row.set("weight", c.weight ? std::to_string(c.weight) : "");
    row.set("min", c.code.empty() ? "" : std::to_string(int(c.scale_min)));
    row.set("max", c.code.empty() ? "" : std::to_string(int(c.scale_max)));
    rows.push_back(row);
  };
  int i = 0;
  for (const Criterion& c : criteria) add(i++, c);
  for (int n = 0; spare && n < k_spare_criteria; ++n) add(i++, Criterion{"", "", "", 0, 0, 10});
  return rows;
}

View plan_view(const ReviewPlan& plan, Lang lang, bool editable) {
  View v{View::type::object};
  v.set("state", plan_state_label(plan.state, lang));
  v.set("state_code", std::string(plan_state_name(plan.state)));
  if (!plan.return_reason.empty()) v.set("return_reason", plan.return_reason);
  v.set("criteria", criteria_view(plan.criteria, editable));
  v.set("k", std::to_string(plan.experts_per_application));
  v.set("load", std::to_string(plan.max_load));
  View sectors{View::type::list};
  for (Sector s : k_sectors) {
    View row{View::type::object};
    row.set("code", std::string(sector_name(s)));
    row.set("name", std::string(lang == Lang::zh ? sector_name_zh(s) : sector_name_en(s)));
    auto it = plan.sector_minimums.find(s);
    row.set("minimum", std::to_string(it == plan.sector_minimums.end() ? 0 : it->second));
    sectors.push_back(row);
  }
  v.set("sectors", sectors);
  View methods{View::type::list};
  for (Aggregation a : {Aggregation::mean, Aggregation::trimmed_mean, Aggregation::zscore}) {
    View row{View::type::object};
    row.set("code", std::string(aggregation_name(a)));
    row.set("name", translate("page.aggregation_" + std::string(aggregation_name(a)), {}, lang));
    row.set("selected", a == plan.aggregation);
    methods.push_back(row);
  }
  v.set("methods", methods);
  v.set("method",
        translate("page.aggregation_" + std::string(aggregation_name(plan.aggregation)), {}, lang));
  return v;
}

struct PageState {
  std::optional<ReviewPlan> entered;  // the plan form as sent, when it is shown again
  std::vector<Error> errors;
  std::string notice;
  std::vector<std::string> unstaffed;  // after a run
  int status = 200;
};

http::Response body_page(App& app, const Caller& caller, const http::Request& request,
                         const PageState& state) {
  auto ctx = load_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  View view = page_view(caller, request, "review_title");
  view.set("body", ctx->body.name);
  if (!state.notice.empty()) view.set("notice", state.notice);
  std::vector<std::string> messages;
  for (const Error& e : state.errors) messages.push_back(message(e, caller.lang));
  view.set("errors", string_list(messages));
  view.set("has_errors", !messages.empty());
  view.set("unstaffed", string_list(state.unstaffed));
  view.set("has_unstaffed", !state.unstaffed.empty());
  ReviewPlan plan = state.entered ? *state.entered : ctx->plan.value_or(ReviewPlan{});
  if (!ctx->plan) plan.body = ctx->body.name;
  bool editable =
      !ctx->plan || ctx->plan->state == PlanState::draft || ctx->plan->state == PlanState::returned;
  if (ctx->plan) plan.state = ctx->plan->state, plan.return_reason = ctx->plan->return_reason;
  view.set("plan", plan_view(plan, caller.lang, editable));
  view.set("editable", editable);
  view.set("returned", ctx->plan && ctx->plan->state == PlanState::returned);
  bool approved = ctx->plan && ctx->plan->state == PlanState::approved;
  view.set("approved", approved);

  auto board = body_board(app.store(), ctx->campaign, ctx->body.name);
  View experts{View::type::list};
  auto accounts = app.store().accounts().value_or(std::vector<Account>{});
  auto pool = app.store().experts(ctx->campaign.id, ctx->body.name).value_or(std::vector<Expert>{});
  for (const Expert& e : pool) {
    View row{View::type::object};
    row.set("id", std::to_string(e.id));
    row.set("name", e.name);
    row.set("organisation", e.organisation);
    row.set("sector", std::string(caller.lang == Lang::zh ? sector_name_zh(e.sector)
                                                          : sector_name_en(e.sector)));
    bool invited =
        std::ranges::any_of(accounts, [&](const Account& a) { return a.expert_id == e.id; });
    row.set("account", translate(invited ? "page.expert_invited" : "page.expert_not_invited", {},
                                 caller.lang));
    if (board) {
      for (const ExpertProgress& p : board->progress) {
        if (p.expert.id != e.id) continue;
        row.set("assigned", std::to_string(p.assigned));
        row.set("submitted", std::to_string(p.submitted));
        row.set("declined", std::to_string(p.declined));
        row.set("behind", p.submitted < p.assigned);
      }
    }
    experts.push_back(row);
  }
  view.set("experts", experts);
  view.set("pool_size", std::to_string(pool.size()));
  if (board) {
    view.set("applications", std::to_string(board->applications.size()));
    view.set("assigned", std::to_string(board->assigned));
    view.set("submitted", std::to_string(board->submitted));
  }
  if (auto deadline = review_deadline(ctx->campaign.campaign)) {
    view.set("deadline", format_shanghai(*deadline));
  }
  View aliases{View::type::list};
  for (const OrganisationAlias& a : app.store()
                                        .aliases(ctx->campaign.id, ctx->body.name)
                                        .value_or(std::vector<OrganisationAlias>{})) {
    std::string names;
    for (const std::string& n : a.names) names += (names.empty() ? "" : " = ") + n;
    View row{View::type::object};
    row.set("names", names);
    row.set("uscc", a.uscc);
    aliases.push_back(row);
  }
  view.set("aliases", aliases);
  http::Response response = render_page("review_body", std::move(view), state.status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

// The plan form: criteria rows crit_<field>_<i>, k, load, min_<sector>, aggregation. A
// number that does not parse is kept as 0 or -1 so that validate_plan names it.
ReviewPlan plan_from_form(const std::map<std::string, std::string>& form, const std::string& body) {
  auto get = [&](const std::string& key) {
    auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
  };
  auto number = [](const std::string& text, int otherwise) {
    char* end = nullptr;
    long value = std::strtol(text.c_str(), &end, 10);
    return text.empty() || *end != '\0' ? otherwise : int(value);
  };
  ReviewPlan plan;
  plan.body = body;
  for (int i = 0; i < 50; ++i) {
    std::string n = std::to_string(i);
    if (!form.contains("crit_code_" + n)) break;
    Criterion c{get("crit_code_" + n),
                get("crit_zh_" + n),
                get("crit_en_" + n),
                number(get("crit_weight_" + n), 0),
                double(number(get("crit_min_" + n), 0)),
                double(number(get("crit_max_" + n), 0))};
    if (c.code.empty() && c.name_zh.empty() && c.name_en.empty() && c.weight == 0) continue;
    plan.criteria.push_back(std::move(c));
  }
  plan.experts_per_application = number(get("k"), 0);
  plan.max_load = number(get("load"), 0);
  for (Sector s : k_sectors) {
    // Blank is "none required"; anything else must be a number validate_plan accepts.
    std::string given = get("min_" + std::string(sector_name(s)));
    int minimum = given.empty() ? 0 : number(given, -1);
    if (minimum != 0) plan.sector_minimums[s] = minimum;
  }
  plan.aggregation = aggregation_from_name(get("aggregation")).value_or(Aggregation::trimmed_mean);
  return plan;
}

http::Response save_plan(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto form = form_fields(request);
  ReviewPlan plan = plan_from_form(form, ctx->body.name);
  if (ctx->plan) plan.covers = ctx->plan->covers;
  bool file = form["action"] == "file";
  PageState state{plan, {}, "", {}, 200};
  if (file) {
    // Every problem at once, not only the first the store would name.
    if (auto problems = validate_plan(plan); !problems.empty()) {
      state.errors = std::move(problems);
      state.status = 400;
      return body_page(app, caller, request, state);
    }
  }
  if (auto saved =
          app.store().save_review_plan(ctx->campaign.id, plan, actor_of(caller), app.now());
      !saved) {
    state.errors = {saved.error()};
    state.status = status_of(saved.error().code);
    return body_page(app, caller, request, state);
  }
  if (file) {
    auto filed = app.store().act_on_review_plan(ctx->campaign.id, ctx->body.name, PlanAction::file,
                                                "", actor_of(caller), app.now());
    if (!filed) {
      state.errors = {filed.error()};
      state.status = status_of(filed.error().code);
      return body_page(app, caller, request, state);
    }
  }
  return body_page(app, caller, request,
                   {std::nullopt,
                    {},
                    translate(file ? "page.plan_filed_ok" : "page.plan_saved_ok", {}, caller.lang),
                    {},
                    200});
}

http::Response run_assignment(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto inputs = body_inputs(app.store(), ctx->campaign, ctx->body.name, true);
  auto run =
      assign_and_store(app.store(), ctx->campaign, ctx->body.name, actor_of(caller), app.now());
  if (!run) {
    return body_page(app, caller, request,
                     {std::nullopt, {run.error()}, "", {}, status_of(run.error().code)});
  }
  PageState state;
  const review::AssignmentResult& r = run->result;
  state.notice = translate(
      "page.assignment_done",
      {{"pairs", std::to_string(run->assignments.size())},
       {"applications", std::to_string(inputs ? inputs->applications.size() : 0)},
       {"conflicts", std::to_string(run->conflicts.size())},
       {"optimal", translate(r.objective == r.bound ? "page.proved_optimal" : "page.not_proved", {},
                             caller.lang)}},
      caller.lang);
  for (const review::UnstaffedApplication& u : r.unstaffed) {
    if (!inputs || std::size_t(u.application) >= inputs->applications.size()) continue;
    const Application& a = inputs->applications[std::size_t(u.application)].application;
    state.unstaffed.push_back(
        translate("page.unstaffed_line",
                  {{"title", a.title}, {"missing", std::to_string(u.missing)}}, caller.lang));
  }
  return body_page(app, caller, request, state);
}

// Invitations for pool entries without an account; reminders for experts behind.
http::Response invite_experts(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_body(app, caller);
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
  return body_page(
      app, caller, request,
      {std::nullopt,
       errors,
       translate("page.invitations_sent", {{"count", std::to_string(sent)}}, caller.lang),
       {},
       errors.empty() ? 200 : 409});
}

http::Response remind_experts(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto board = body_board(app.store(), ctx->campaign, ctx->body.name);
  if (!board) {
    return body_page(app, caller, request,
                     {std::nullopt, {board.error()}, "", {}, status_of(board.error().code)});
  }
  std::string deadline;
  if (auto at = review_deadline(ctx->campaign.campaign)) deadline = format_shanghai(*at);
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
  return body_page(
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
  std::string text = it == form.end() ? "" : it->second;
  for (std::string_view sep : {"、", "，", "；", ";", "\n", "\r"}) {
    for (auto at = text.find(sep); at != std::string::npos; at = text.find(sep)) {
      text.replace(at, sep.size(), ",");
    }
  }
  for (std::size_t from = 0, at; from <= text.size(); from = at + 1) {
    at = std::min(text.find(',', from), text.size());
    std::string name = text.substr(from, at - from);
    auto first = name.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    name = name.substr(first, name.find_last_not_of(' ') - first + 1);
    if (std::ranges::find(alias.names, name) == alias.names.end()) alias.names.push_back(name);
  }
  if (auto u = form.find("uscc"); u != form.end()) alias.uscc = u->second;
  return alias;
}

http::Response add_alias(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  OrganisationAlias alias = alias_from_form(form_fields(request));
  if (auto problems = check_alias(alias, gb2260()); !problems.empty()) {
    return body_page(app, caller, request, {std::nullopt, problems, "", {}, 400});
  }
  if (auto added = app.store().add_alias(ctx->campaign.id, ctx->body.name, alias, actor_of(caller),
                                         app.now());
      !added) {
    return body_page(app, caller, request,
                     {std::nullopt, {added.error()}, "", {}, status_of(added.error().code)});
  }
  return body_page(app, caller, request,
                   {std::nullopt, {}, translate("page.alias_added", {}, caller.lang), {}, 200});
}

// The expert pool from an uploaded CSV or XLSX (told apart by content), refused whole with
// every bad row when anything is wrong.
http::Response upload_experts(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto parts = multipart_fields(request);
  if (!parts) return body_page(app, caller, request, {std::nullopt, {parts.error()}, "", {}, 400});
  const UploadedPart& file = (*parts)["file"];
  auto table = std::string_view(file.data).starts_with("PK\x03\x04")
                   ? tabular::parse_xlsx(file.data, file.filename)
                   : tabular::parse_csv(file.data, file.filename);
  if (!table) return body_page(app, caller, request, {std::nullopt, {table.error()}, "", {}, 400});
  auto experts = experts_from_table(app.store(), ctx->campaign.id, ctx->body.name, *table);
  if (!experts) {
    std::vector<Error> rows = experts.error();
    for (Error& e : rows) {
      if (e.param("row").empty()) continue;
      // Which row and column, in the person's language, before what is wrong there.
      e = make_error(ErrorCode::import_row_problem, "row", std::string(e.param("row")), "column",
                     std::string(e.param("column")), "message", message(e, caller.lang));
    }
    return body_page(app, caller, request, {std::nullopt, rows, "", {}, 400});
  }
  auto ids = app.store().add_experts(ctx->campaign.id, ctx->body.name, *experts, actor_of(caller),
                                     app.now());
  if (!ids) {
    return body_page(app, caller, request,
                     {std::nullopt, {ids.error()}, "", {}, status_of(ids.error().code)});
  }
  return body_page(
      app, caller, request,
      {std::nullopt,
       {},
       translate("page.experts_imported", {{"count", std::to_string(ids->size())}}, caller.lang),
       {},
       200});
}

}  // namespace

std::vector<RouteSpec> review_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/review", k_body_admin, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return body_page(app, caller, request, {});
                    }});
  routes.push_back({Method::post, "/review/plan", k_body_admin, false, 0, save_plan});
  routes.push_back({Method::post, "/review/assign", k_body_admin, false, 0, run_assignment});
  routes.push_back({Method::post, "/review/invite", k_body_admin, false, 0, invite_experts});
  routes.push_back({Method::post, "/review/remind", k_body_admin, false, 0, remind_experts});
  routes.push_back({Method::post, "/review/aliases", k_body_admin, false, 0, add_alias});
  // A pool of a few thousand experts with long profiles fits in 8 MB.
  routes.push_back(
      {Method::post, "/review/experts", k_body_admin, false, 8 * 1024 * 1024, upload_experts});
  return routes;
}

}  // namespace kczg::web
