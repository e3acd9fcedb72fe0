// /api/v1 for the final review (终评): the proposal list by list with each candidate's
// score, rank and state, deciding one, and applying the proposal, as the secretariat's
// page does.
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/app.hpp"
#include "web/applications/operations.hpp"
#include "web/responses.hpp"
#include "web/review/final_review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;
const std::vector<Role> k_secretariat{Role::secretariat};

ordered_json table_json(const StoredCampaign& stored, const FinalReview& review,
                        const review::FinalTable& t, int& listed, int& undecided) {
  ordered_json rows = ordered_json::array();
  for (const review::FinalRow& r : t.rows) {
    long long id = r.entry.score.application_id;
    const ApplicationSummary& s = review.applications.at(id);
    const Application& a = s.application;
    listed += a.state == ApplicationState::listed;
    undecided += a.state == ApplicationState::shortlisted;
    rows.push_back({{"application", id},
                    {"number", application_number(stored.campaign.year, a)},
                    {"title", a.title},
                    {"applicant", s.applicant_name},
                    {"unit", s.unit_name},
                    {"body", review.bodies.at(id)},
                    {"rank", r.entry.rank},
                    {"tied", r.entry.tied},
                    {"score", r.entry.value},
                    {"proposed", r.proposed},
                    {"tied_at_cut", r.tied_at_cut},
                    {"state", state_name(a.state)},
                    {"reason", a.reason}});
    auto said = review.comments.find(id);
    rows.back()["comments"] =
        said == review.comments.end() ? std::vector<std::string>{} : said->second;
    if (auto before = review.preliminary.find(id); before != review.preliminary.end()) {
      rows.back()["preliminary"] = {{"body", before->second.body}, {"score", before->second.value}};
    }
  }
  ordered_json waiting = nullptr;
  if (const PanelScoring* panel = waiting_for_panel(review, t.where)) {
    waiting = {{"body", panel->body}, {"count", panel->count}};
  }
  return {{"field", t.where.field},
          {"seats", t.seats},
          {"seats_left_for_ties", t.seats_left_for_ties},
          {"waiting_for_panel", waiting},
          {"rows", rows}};
}

http::Response proposal(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto review = load_final_review(app.store(), *stored);
  if (!review) return error_json(caller.lang, status_of(review.error().code), review.error());
  ordered_json lists = ordered_json::array();
  for (const review::FinalList& fl : review->lists) {
    int listed = 0, undecided = 0;
    ordered_json tables = ordered_json::array();
    for (const review::FinalTable& t : fl.tables) {
      tables.push_back(table_json(*stored, *review, t, listed, undecided));
    }
    lists.push_back({{"list", fl.list},
                     {"target", fl.target},
                     {"listed", listed},
                     {"undecided", undecided},
                     {"over_target", std::max(0, listed - fl.target)},
                     {"tables", tables}});
  }
  return dump_json(200, lists);
}

http::Response decide(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("choice") || !body["choice"].is_string() ||
      (body.contains("reason") && !body["reason"].is_string())) {
    Error e = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                         "{choice: listed|not_listed|reconsider, reason: text}");
    return error_json(caller.lang, 400, e);
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  long long id = request.path_number("id");
  auto decided = decide_final(app.store(), *stored, id, body["choice"].get<std::string>(),
                              body.value("reason", ""), actor_of(caller), app.now());
  if (!decided) return error_json(caller.lang, status_of(decided.error().code), decided.error());
  return dump_json(200, ordered_json{{"application", id}, {"state", state_name(*decided)}});
}

http::Response apply(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto applied = apply_final_proposal(app.store(), *stored, actor_of(caller), app.now());
  if (!applied) return error_json(caller.lang, status_of(applied.error().code), applied.error());
  return dump_json(200, ordered_json{{"listed", applied->listed},
                                     {"not_listed", applied->not_listed},
                                     {"left", applied->left}});
}

}  // namespace

std::vector<RouteSpec> final_review_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/final-review", k_secretariat, true, 0, proposal});
  routes.push_back(
      {Method::post, "/api/v1/final-review/{id}/decision", k_secretariat, true, 0, decide});
  routes.push_back({Method::post, "/api/v1/final-review/apply", k_secretariat, true, 0, apply});
  return routes;
}

}  // namespace kczg::web
