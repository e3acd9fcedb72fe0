// The review body admin's page: the review plan (written, filed, and read back when
// returned or approved), the expert pool with each expert's progress, the alias table and
// the assignment run. The pool's and aliases' forms are handled in review_pool_pages.cpp,
// the ranked board in board_pages.cpp.
#include <algorithm>
#include <cstdlib>

#include "i18n/labels.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/review_body_page.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_body_admin{Role::review_body};

// Blank rows the plan form offers for criteria beyond the ones written.
constexpr int k_spare_criteria = 2;

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

}  // namespace

Result<BodyContext> load_administered_body(App& app, const Caller& caller) {
  auto body = administered_body(app.store(), *caller.account);
  if (!body) return fail(body.error());
  auto campaign = app.store().campaign_by_id(body->campaign_id);
  if (!campaign) return fail(campaign.error());
  auto plan = app.store().review_plan(campaign->id, body->name);
  if (!plan) return fail(plan.error());
  return BodyContext{std::move(*body), std::move(*campaign), std::move(*plan)};
}

http::Response review_body_page(App& app, const Caller& caller, const http::Request& request,
                                const BodyPageState& state) {
  auto ctx = load_administered_body(app, caller);
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
  if (const ReviewBody* b = find_review_body(ctx->campaign.campaign, ctx->body.name);
      b && b->final_panel) {
    view.set("final_panel", translate("page.final_panel_board", {}, caller.lang));
  }
  if (auto deadline = review_deadline(ctx->campaign.campaign, ctx->body.name)) {
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

namespace {

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
  auto ctx = load_administered_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto form = form_fields(request);
  ReviewPlan plan = plan_from_form(form, ctx->body.name);
  if (ctx->plan) plan.covers = ctx->plan->covers;
  bool file = form["action"] == "file";
  BodyPageState state{plan, {}, "", {}, 200};
  if (file) {
    // Every problem at once, not only the first the store would name.
    if (auto problems = validate_plan(plan); !problems.empty()) {
      state.errors = std::move(problems);
      state.status = 400;
      return review_body_page(app, caller, request, state);
    }
  }
  if (auto saved =
          app.store().save_review_plan(ctx->campaign.id, plan, actor_of(caller), app.now());
      !saved) {
    state.errors = {saved.error()};
    state.status = status_of(saved.error().code);
    return review_body_page(app, caller, request, state);
  }
  if (file) {
    auto filed = app.store().act_on_review_plan(ctx->campaign.id, ctx->body.name, PlanAction::file,
                                                "", actor_of(caller), app.now());
    if (!filed) {
      state.errors = {filed.error()};
      state.status = status_of(filed.error().code);
      return review_body_page(app, caller, request, state);
    }
  }
  return review_body_page(
      app, caller, request,
      {std::nullopt,
       {},
       translate(file ? "page.plan_filed_ok" : "page.plan_saved_ok", {}, caller.lang),
       {},
       200});
}

http::Response run_assignment(App& app, const Caller& caller, http::Request& request) {
  auto ctx = load_administered_body(app, caller);
  if (!ctx) return error_response(false, caller.lang, status_of(ctx.error().code), ctx.error());
  auto inputs = body_inputs(app.store(), ctx->campaign, ctx->body.name, true);
  auto run = inputs ? assign_and_store(app.store(), ctx->campaign, ctx->body.name, *inputs,
                                       actor_of(caller), app.now())
                    : Result<review::AssignmentRun>(std::unexpected(inputs.error()));
  if (!run) {
    return review_body_page(app, caller, request,
                            {std::nullopt, {run.error()}, "", {}, status_of(run.error().code)});
  }
  BodyPageState state;
  const review::AssignmentResult& r = run->result;
  state.notice = translate(
      "page.assignment_done",
      {{"pairs", std::to_string(run->assignments.size())},
       {"applications", std::to_string(inputs->applications.size())},
       {"conflicts", std::to_string(run->conflicts.size())},
       {"optimal", translate(r.objective == r.bound ? "page.proved_optimal" : "page.not_proved", {},
                             caller.lang)}},
      caller.lang);
  for (const review::UnstaffedApplication& u : r.unstaffed) {
    if (std::size_t(u.application) >= inputs->applications.size()) continue;
    const Application& a = inputs->applications[std::size_t(u.application)].application;
    state.unstaffed.push_back(
        translate("page.unstaffed_line",
                  {{"title", a.title}, {"missing", std::to_string(u.missing)}}, caller.lang));
  }
  return review_body_page(app, caller, request, state);
}

}  // namespace

std::vector<RouteSpec> review_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/review", k_body_admin, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return review_body_page(app, caller, request, {});
                    }});
  routes.push_back({Method::post, "/review/plan", k_body_admin, false, 0, save_plan});
  routes.push_back({Method::post, "/review/assign", k_body_admin, false, 0, run_assignment});
  return routes;
}

}  // namespace kczg::web
