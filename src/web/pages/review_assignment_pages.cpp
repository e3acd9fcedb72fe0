// The body admin's view of its assignment (评审分配): every pair with its affinity and the
// phrases the application shares with the expert's profile, declined pairs with why, and
// the admin's changes afterwards — a manual swap re-checked against every rule, and pair
// rules (force/forbid) that every later run honours.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "web/applications/operations.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_body_admin{Role::review_body};

long long number_of(const std::map<std::string, std::string>& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? 0 : std::atoll(it->second.c_str());
}

http::Response assignments_page(App& app, const Caller& caller, const http::Request& request,
                                const std::vector<std::string>& errors, const std::string& notice,
                                int status) {
  auto body = administered_body(app.store(), *caller.account);
  if (!body) return error_response(false, caller.lang, status_of(body.error().code), body.error());
  auto stored = app.store().campaign_by_id(body->campaign_id);
  if (!stored) return error_response(false, caller.lang, 503, stored.error());
  View view = page_view(caller, request, "assignments_title");
  view.set("body", body->name);
  if (!notice.empty()) view.set("notice", notice);
  view.set("errors", string_list(errors));
  view.set("has_errors", !errors.empty());
  auto inputs = body_inputs(app.store(), *stored, body->name, false);
  auto pairs = app.store().assignments(stored->id, body->name);
  if (!inputs || !pairs) {
    const Error& e = !inputs ? inputs.error() : pairs.error();
    return error_response(false, caller.lang, status_of(e.code), e);
  }
  std::vector<std::string> why = review::explain_pairs(*inputs, *pairs);
  auto expert_of = [&](long long id) -> const Expert* {
    auto it = std::ranges::find_if(inputs->experts, [&](const Expert& e) { return e.id == id; });
    return it == inputs->experts.end() ? nullptr : &*it;
  };
  View rows{View::type::list};
  for (std::size_t i = 0; i < pairs->size(); ++i) {
    const ReviewAssignment& p = (*pairs)[i];
    auto candidate = std::ranges::find_if(
        inputs->applications, [&](const auto& c) { return c.application.id == p.application_id; });
    const Expert* e = expert_of(p.expert_id);
    char affinity[32];
    std::snprintf(affinity, sizeof affinity, "%.3f", p.affinity);
    View row{View::type::object};
    row.set("application_id", std::to_string(p.application_id));
    row.set("number", candidate == inputs->applications.end()
                          ? std::to_string(p.application_id)
                          : application_number(stored->campaign.year, candidate->application));
    row.set("title", candidate == inputs->applications.end() ? "" : candidate->application.title);
    row.set("expert", e ? e->name : std::to_string(p.expert_id));
    row.set("expert_id", std::to_string(p.expert_id));
    row.set("sector", e ? std::string(caller.lang == Lang::zh ? sector_name_zh(e->sector)
                                                              : sector_name_en(e->sector))
                        : "");
    row.set("affinity", std::string(affinity));
    row.set("why", why[i]);
    row.set("declined", p.state == AssignmentState::declined);
    row.set("reason", p.reason);
    rows.push_back(row);
  }
  view.set("pairs", rows);
  view.set("has_pairs", !rows.is_empty_list());
  View experts{View::type::list};
  for (const Expert& e : inputs->experts) {
    View row{View::type::object};
    row.set("id", std::to_string(e.id));
    row.set("name", e.name);
    experts.push_back(row);
  }
  view.set("experts", experts);
  View applications{View::type::list};
  for (const review::ReviewCandidate& c : inputs->applications) {
    View row{View::type::object};
    row.set("id", std::to_string(c.application.id));
    row.set("name",
            application_number(stored->campaign.year, c.application) + " " + c.application.title);
    applications.push_back(row);
  }
  view.set("applications", applications);
  View rules{View::type::list};
  for (const PairRuleEntry& r : inputs->rules) {
    const Expert* e = expert_of(r.expert_id);
    View row{View::type::object};
    row.set("application_id", std::to_string(r.application_id));
    row.set("expert", e ? e->name : std::to_string(r.expert_id));
    row.set("rule",
            translate("page.pair_rule_" + std::string(pair_rule_name(r.rule)), {}, caller.lang));
    row.set("reason", r.reason);
    rules.push_back(row);
  }
  view.set("rules", rules);
  view.set("has_rules", !rules.is_empty_list());
  http::Response response = render_page("review_assignments", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response swap(App& app, const Caller& caller, http::Request& request) {
  auto body = administered_body(app.store(), *caller.account);
  if (!body) return error_response(false, caller.lang, status_of(body.error().code), body.error());
  auto stored = app.store().campaign_by_id(body->campaign_id);
  if (!stored) return error_response(false, caller.lang, 503, stored.error());
  auto form = form_fields(request);
  long long application = number_of(form, "application"), from = number_of(form, "from"),
            to = number_of(form, "to");
  auto inputs = body_inputs(app.store(), *stored, body->name, true);
  if (!inputs) {
    return assignments_page(app, caller, request, {message(inputs.error(), caller.lang)}, "",
                            status_of(inputs.error().code));
  }
  auto changed = swap_and_store(app.store(), *stored, body->name, *inputs, application, from, to,
                                actor_of(caller), app.now());
  if (!changed) {
    return assignments_page(app, caller, request, {message(changed.error(), caller.lang)}, "",
                            status_of(changed.error().code));
  }
  if (!changed->violations.empty()) {
    std::vector<std::string> texts;
    for (const review::Violation& v : changed->violations) {
      texts.push_back(violation_text(*inputs, v, caller.lang));
    }
    return assignments_page(app, caller, request, texts, "", 409);
  }
  return assignments_page(app, caller, request, {},
                          translate("page.swapped_ok",
                                    {{"application", std::to_string(application)},
                                     {"from", std::to_string(from)},
                                     {"to", std::to_string(to)}},
                                    caller.lang),
                          200);
}

http::Response set_rule(App& app, const Caller& caller, http::Request& request) {
  auto body = administered_body(app.store(), *caller.account);
  if (!body) return error_response(false, caller.lang, status_of(body.error().code), body.error());
  auto stored = app.store().campaign_by_id(body->campaign_id);
  if (!stored) return error_response(false, caller.lang, 503, stored.error());
  auto form = form_fields(request);
  auto refuse = [&](const Error& e) {
    return assignments_page(app, caller, request, {message(e, caller.lang)}, "", status_of(e.code));
  };
  auto rule = pair_rule_from_name(form["rule"]);
  if (!rule)
    return refuse(make_error(ErrorCode::field_invalid, "field", "rule", "detail", form["rule"]));
  if (form["reason"].empty()) {
    return refuse(make_error(ErrorCode::transition_reason_missing, "action", form["rule"]));
  }
  PairRuleEntry entry{number_of(form, "application"), number_of(form, "expert"), *rule,
                      form["reason"]};
  // Only the body's own experts and the applications it reviews.
  auto inputs = body_inputs(app.store(), *stored, body->name, false);
  if (!inputs) return refuse(inputs.error());
  bool in_scope = std::ranges::any_of(inputs->applications, [&](const auto& c) {
    return c.application.id == entry.application_id;
  });
  bool in_pool = std::ranges::any_of(inputs->experts,
                                     [&](const Expert& e) { return e.id == entry.expert_id; });
  if (!in_scope) {
    return refuse(make_error(ErrorCode::application_not_found, "application",
                             std::to_string(entry.application_id)));
  }
  if (!in_pool) {
    return refuse(
        make_error(ErrorCode::expert_not_found, "expert", std::to_string(entry.expert_id)));
  }
  if (auto done = app.store().set_pair_rule(entry, actor_of(caller), app.now()); !done) {
    return refuse(done.error());
  }
  return assignments_page(app, caller, request, {},
                          translate("page.pair_rule_saved", {}, caller.lang), 200);
}

}  // namespace

std::vector<RouteSpec> review_assignment_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/review/assignments", k_body_admin, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return assignments_page(app, caller, request, {}, "", 200);
                    }});
  routes.push_back({Method::post, "/review/assignments/swap", k_body_admin, false, 0, swap});
  routes.push_back({Method::post, "/review/pair-rules", k_body_admin, false, 0, set_rule});
  return routes;
}

}  // namespace kczg::web
