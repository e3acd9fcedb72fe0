// /api/v1 for preliminary review: the body admin's plan (read, save, file) and assignment
// run, the secretariat's decision on a filed plan, the ranked board, and the expert's
// assignments, score sheets and declines. The same checks as the pages, through
// web/review/review_service.hpp; errors as {code, message, field}.
#include <nlohmann/json.hpp>

#include "web/applications/operations.hpp"
#include "web/responses.hpp"
#include "web/review/final_review_service.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;
const std::vector<Role> k_body_admin{Role::review_body};
const std::vector<Role> k_expert{Role::expert};
const std::vector<Role> k_secretariat{Role::secretariat};
const std::vector<Role> k_board_readers{Role::review_body, Role::secretariat};

http::Response fail_json(const Caller& caller, const Error& error) {
  return error_json(caller.lang, status_of(error.code), error);
}

http::Response dump(int status, const ordered_json& j) {
  http::Response response =
      json_response(status, j.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

Error bad_body(std::string_view shape) {
  return make_error(ErrorCode::field_invalid, "field", "body", "detail", std::string(shape));
}

ordered_json plan_json(const ReviewPlan& p) {
  ordered_json criteria = ordered_json::array();
  for (const Criterion& c : p.criteria) {
    criteria.push_back({{"code", c.code},
                        {"name_zh", c.name_zh},
                        {"name_en", c.name_en},
                        {"weight", c.weight},
                        {"scale_min", c.scale_min},
                        {"scale_max", c.scale_max}});
  }
  ordered_json mix = ordered_json::object();
  for (const auto& [sector, minimum] : p.sector_minimums) mix[sector_name(sector)] = minimum;
  return {{"body", p.body},
          {"state", plan_state_name(p.state)},
          {"return_reason", p.return_reason},
          {"criteria", criteria},
          {"experts_per_application", p.experts_per_application},
          {"max_load", p.max_load},
          {"sector_minimums", mix},
          {"aggregation", aggregation_name(p.aggregation)}};
}

// A plan from its JSON; members left out keep ReviewPlan's defaults, wrong types are
// refused as a whole.
Result<ReviewPlan> plan_from_json(const ordered_json& j, const std::string& body) {
  constexpr std::string_view k_shape =
      "{criteria: [{code, name_zh, name_en, weight, scale_min, scale_max}], "
      "experts_per_application, max_load, sector_minimums: {sector: n}, aggregation}";
  if (!j.is_object()) return fail(bad_body(k_shape));
  ReviewPlan plan;
  plan.body = body;
  try {
    if (auto c = j.find("criteria"); c != j.end()) {
      for (const ordered_json& row : *c) {
        plan.criteria.push_back({row.value("code", ""), row.value("name_zh", ""),
                                 row.value("name_en", ""), row.value("weight", 0),
                                 row.value("scale_min", 0.0), row.value("scale_max", 10.0)});
      }
    }
    plan.experts_per_application = j.value("experts_per_application", plan.experts_per_application);
    plan.max_load = j.value("max_load", plan.max_load);
    if (auto mix = j.find("sector_minimums"); mix != j.end()) {
      for (const auto& [name, minimum] : mix->items()) {
        auto sector = sector_from_name(name);
        if (!sector) {
          return fail(
              make_error(ErrorCode::field_invalid, "field", "sector_minimums", "detail", name));
        }
        plan.sector_minimums[*sector] = minimum.get<int>();
      }
    }
    std::string method = j.value("aggregation", std::string(aggregation_name(plan.aggregation)));
    auto aggregation = aggregation_from_name(method);
    if (!aggregation) {
      return fail(make_error(ErrorCode::field_invalid, "field", "aggregation", "detail", method));
    }
    plan.aggregation = *aggregation;
  } catch (const nlohmann::json::exception&) {
    return fail(bad_body(k_shape));
  }
  return plan;
}

struct BodyTarget {
  StoredCampaign campaign;
  std::string body;
};

Result<BodyTarget> own_body(App& app, const Caller& caller) {
  auto body = administered_body(app.store(), *caller.account);
  if (!body) return fail(body.error());
  auto stored = app.store().campaign_by_id(body->campaign_id);
  if (!stored) return fail(stored.error());
  return BodyTarget{std::move(*stored), body->name};
}

http::Response get_plan(App& app, const Caller& caller, http::Request&) {
  auto target = own_body(app, caller);
  if (!target) return fail_json(caller, target.error());
  auto plan = app.store().review_plan(target->campaign.id, target->body);
  if (!plan) return fail_json(caller, plan.error());
  if (!*plan) {
    return fail_json(caller, make_error(ErrorCode::plan_not_approved, "state", "none", "state_zh",
                                        "未报送", "state_en", "not filed"));
  }
  return dump(200, plan_json(**plan));
}

http::Response put_plan(App& app, const Caller& caller, http::Request& request) {
  auto target = own_body(app, caller);
  if (!target) return fail_json(caller, target.error());
  auto plan = plan_from_json(ordered_json::parse(request.body, nullptr, false), target->body);
  if (!plan) return fail_json(caller, plan.error());
  if (auto stored = app.store().review_plan(target->campaign.id, target->body); stored && *stored) {
    plan->covers = (*stored)->covers;
  }
  auto saved =
      app.store().save_review_plan(target->campaign.id, *plan, actor_of(caller), app.now());
  if (!saved) return fail_json(caller, saved.error());
  ordered_json j = plan_json(*saved);
  ordered_json problems = ordered_json::array();
  for (const Error& e : validate_plan(*saved)) {
    problems.push_back({{"code", code_name(e.code)}, {"message", message(e, caller.lang)}});
  }
  j["problems"] = problems;  // what filing would refuse, so a client can fix it first
  return dump(200, j);
}

http::Response file_plan(App& app, const Caller& caller, http::Request&) {
  auto target = own_body(app, caller);
  if (!target) return fail_json(caller, target.error());
  if (auto plan = app.store().review_plan(target->campaign.id, target->body); plan && *plan) {
    if (auto problems = validate_plan(**plan); !problems.empty()) {
      return problems_json(caller.lang, problems);
    }
  }
  auto filed = app.store().act_on_review_plan(target->campaign.id, target->body, PlanAction::file,
                                              "", actor_of(caller), app.now());
  if (!filed) return fail_json(caller, filed.error());
  return dump(200, plan_json(*filed));
}

http::Response decide_plan(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object()) return fail_json(caller, bad_body("{body, action, reason}"));
  std::string action = body.value("action", "");
  if (action != "approve" && action != "return") {
    return fail_json(caller,
                     make_error(ErrorCode::field_invalid, "field", "action", "detail", action));
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return fail_json(caller, stored.error());
  auto done = app.store().act_on_review_plan(
      stored->id, body.value("body", ""),
      action == "approve" ? PlanAction::approve : PlanAction::return_, body.value("reason", ""),
      actor_of(caller), app.now());
  if (!done) return fail_json(caller, done.error());
  return dump(200, plan_json(*done));
}

// The body reports its board's shortlist (报送入围名单): {"size": n} optional, per list and
// field; the list's target otherwise.
http::Response report(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = request.body.empty() ? ordered_json::object()
                                           : ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || (body.contains("size") && !body["size"].is_number_integer())) {
    return fail_json(caller, make_error(ErrorCode::field_invalid, "field", "body", "detail",
                                        "{size: whole number}"));
  }
  auto target = own_body(app, caller);
  if (!target) return fail_json(caller, target.error());
  std::string size = body.contains("size") ? std::to_string(body["size"].get<long long>()) : "";
  auto reported = report_shortlist(app.store(), target->campaign, target->body, size,
                                   actor_of(caller), app.now());
  if (!reported) return fail_json(caller, reported.error());
  return dump(200, {{"shortlisted", reported->shortlisted},
                    {"tied_at_cut", reported->tied_at_cut},
                    {"not_shortlisted", reported->not_shortlisted}});
}

http::Response assign(App& app, const Caller& caller, http::Request&) {
  auto target = own_body(app, caller);
  if (!target) return fail_json(caller, target.error());
  auto inputs = body_inputs(app.store(), target->campaign, target->body, true);
  if (!inputs) return fail_json(caller, inputs.error());
  auto run = assign_and_store(app.store(), target->campaign, target->body, *inputs,
                              actor_of(caller), app.now());
  if (!run) return fail_json(caller, run.error());
  const review::AssignmentResult& r = run->result;
  ordered_json pairs = ordered_json::array();
  for (const ReviewAssignment& a : run->assignments) {
    pairs.push_back(
        {{"application", a.application_id}, {"expert", a.expert_id}, {"affinity", a.affinity}});
  }
  ordered_json unstaffed = ordered_json::array();
  for (const review::UnstaffedApplication& u : r.unstaffed) {
    if (std::size_t(u.application) >= inputs->applications.size()) continue;
    unstaffed.push_back(
        {{"application", inputs->applications[std::size_t(u.application)].application.id},
         {"missing", u.missing}});
  }
  return dump(200, {{"pairs", pairs},
                    {"conflicts", run->conflicts.size()},
                    {"objective", r.objective},
                    {"bound", r.bound},
                    {"optimal", r.objective == r.bound},
                    {"unstaffed", unstaffed}});
}

http::Response board(App& app, const Caller& caller, http::Request& request) {
  Result<BodyTarget> target =
      caller.role == Role::review_body ? own_body(app, caller) : [&]() -> Result<BodyTarget> {
    auto stored = app.store().latest_campaign();
    if (!stored) return fail(stored.error());
    return BodyTarget{std::move(*stored), std::string(request.query_param("body"))};
  }();
  if (!target) return fail_json(caller, target.error());
  auto b = body_board(app.store(), target->campaign, target->body);
  if (!b) return fail_json(caller, b.error());
  ordered_json rankings = ordered_json::array();
  for (const review::Ranking& ranking : b->rankings) {
    auto size = shortlist_size(target->campaign.campaign, ranking, request.query_param("size"));
    if (!size) return fail_json(caller, size.error());
    review::Shortlist cut = review::shortlist(ranking, *size);
    ordered_json entries = ordered_json::array();
    for (const review::RankedApplication& e : ranking.entries) {
      ordered_json experts = ordered_json::array();
      for (const review::ExpertScore& s : e.score.experts) {
        experts.push_back({{"expert", s.expert_id},
                           {"total", s.total},
                           {"calibrated", s.calibrated},
                           {"deviation", s.deviation},
                           {"neutral", s.neutral}});
      }
      entries.push_back({{"application", e.score.application_id},
                         {"rank", e.rank},
                         {"tied", e.tied},
                         {"mean", e.score.mean},
                         {"trimmed_mean", e.score.trimmed_mean},
                         {"zscore", e.score.zscore},
                         {"value", e.value},
                         {"experts", experts}});
    }
    rankings.push_back({{"list", ranking.where.list},
                        {"field", ranking.where.field},
                        {"method", aggregation_name(ranking.method)},
                        {"entries", entries},
                        {"unscored", ranking.unscored},
                        {"shortlist", cut.chosen},
                        {"tied_at_cut", cut.tied_at_cut},
                        {"seats_left", cut.seats_left}});
  }
  return dump(200, {{"body", target->body},
                    {"aggregation", aggregation_name(b->plan.aggregation)},
                    {"assigned", b->assigned},
                    {"submitted", b->submitted},
                    {"rankings", rankings}});
}

http::Response my_assignments(App& app, const Caller& caller, http::Request&) {
  auto expert = reading_expert(app.store(), *caller.account);
  if (!expert) return fail_json(caller, expert.error());
  auto pairs = app.store().expert_assignments(expert->expert.id);
  if (!pairs) return fail_json(caller, pairs.error());
  auto sheets = app.store().sheets(expert->body.campaign_id, expert->body.name);
  if (!sheets) return fail_json(caller, sheets.error());
  ordered_json out = ordered_json::array();
  for (const ReviewAssignment& a : *pairs) {
    auto application = app.store().application(a.application_id);
    std::string sheet = "none";
    for (const ExpertSheet& s : *sheets) {
      if (s.expert_id == a.expert_id && s.application_id == a.application_id) {
        sheet = sheet_state_name(s.state);
      }
    }
    out.push_back({{"application", a.application_id},
                   {"title", application ? application->title : ""},
                   {"state", assignment_state_name(a.state)},
                   {"sheet", sheet}});
  }
  return dump(200, out);
}

http::Response put_sheet(App& app, const Caller& caller, http::Request& request) {
  auto expert = reading_expert(app.store(), *caller.account);
  if (!expert) return fail_json(caller, expert.error());
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  constexpr std::string_view k_shape = "{scores: {criterion: number}, comment, submit}";
  if (!body.is_object()) return fail_json(caller, bad_body(k_shape));
  SheetInput input;
  try {
    if (auto scores = body.find("scores"); scores != body.end()) {
      for (const auto& [code, value] : scores->items()) input.scores[code] = value.get<double>();
    }
    input.comment = body.value("comment", "");
    input.submit = body.value("submit", false);
  } catch (const nlohmann::json::exception&) {
    return fail_json(caller, bad_body(k_shape));
  }
  std::vector<Error> problems;
  long long id = request.path_number("id");
  auto saved =
      save_expert_sheet(app.store(), *expert, id, input, actor_of(caller), app.now(), &problems);
  if (!saved) {
    if (problems.size() > 1) return problems_json(caller.lang, problems);
    return fail_json(caller, saved.error());
  }
  return dump(200, {{"application", saved->application_id},
                    {"state", sheet_state_name(saved->state)},
                    {"scores", saved->scores},
                    {"comment", saved->comment}});
}

http::Response decline(App& app, const Caller& caller, http::Request& request) {
  auto expert = reading_expert(app.store(), *caller.account);
  if (!expert) return fail_json(caller, expert.error());
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.value("reason", ordered_json()).is_string()) {
    return fail_json(caller, bad_body("{reason, note}"));
  }
  std::string reason_name = body.value("reason", "");
  auto reason = decline_reason_from_name(reason_name);
  if (!reason) {
    return fail_json(
        caller, make_error(ErrorCode::field_invalid, "field", "reason", "detail", reason_name));
  }
  long long id = request.path_number("id");
  Decline d{expert->expert.id, id, *reason, body.value("note", "")};
  if (auto ok = check_decline(d); !ok) return fail_json(caller, ok.error());
  if (auto done = app.store().decline_assignment(d, actor_of(caller), app.now()); !done) {
    return fail_json(caller, done.error());
  }
  return dump(200, {{"application", id}, {"state", "declined"}});
}

}  // namespace

std::vector<RouteSpec> review_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/review/plan", k_body_admin, true, 0, get_plan});
  routes.push_back({Method::put, "/api/v1/review/plan", k_body_admin, true, 0, put_plan});
  routes.push_back({Method::post, "/api/v1/review/plan/file", k_body_admin, true, 0, file_plan});
  routes.push_back(
      {Method::post, "/api/v1/review/plan/decision", k_secretariat, true, 0, decide_plan});
  routes.push_back({Method::post, "/api/v1/review/assignment", k_body_admin, true, 0, assign});
  routes.push_back({Method::get, "/api/v1/review/board", k_board_readers, true, 0, board});
  routes.push_back({Method::post, "/api/v1/review/shortlist", k_body_admin, true, 0, report});
  routes.push_back({Method::get, "/api/v1/expert/assignments", k_expert, true, 0, my_assignments});
  routes.push_back(
      {Method::put, "/api/v1/expert/applications/{id}/sheet", k_expert, true, 0, put_sheet});
  routes.push_back(
      {Method::post, "/api/v1/expert/applications/{id}/decline", k_expert, true, 0, decline});
  return routes;
}

}  // namespace kczg::web
