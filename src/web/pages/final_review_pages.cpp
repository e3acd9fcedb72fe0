// The secretariat's final review page (终评): list by list, each field's shortlisted
// applications ranked by their review body's score, the proposal against the list's target
// (seats per field, ties at a cut left open), the count of listed against the target with
// any overrun, and a decision per application — a departure from the proposal, and taking
// a decision back, with a reason the audit log keeps.

#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/review/final_review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};

std::string proposal_label(const review::FinalRow& row, Lang lang) {
  if (row.tied_at_cut) return translate("page.final_review_tied", {}, lang);
  return translate(row.proposed ? "page.final_review_proposed" : "page.final_review_not_proposed",
                   {}, lang);
}

View table_view(const StoredCampaign& stored, const FinalReview& review,
                const review::FinalTable& table, const List& list, Lang lang, int& listed,
                int& undecided, bool& can_apply) {
  View out{View::type::object};
  const Field* field = find_field(list, table.where.field);
  out.set("field", field ? in_lang(lang, field->name_zh, field->name_en) : "");
  out.set("where", table.where.list + "/" + table.where.field);
  bool waiting = false;
  if (const PanelScoring* panel = waiting_for_panel(review, table.where)) {
    waiting = true;
    out.set("waiting",
            translate("page.final_review_waiting",
                      {{"body", panel->body}, {"count", std::to_string(panel->count)}}, lang));
  }
  out.set("seats", translate("page.final_review_seats",
                             {{"seats", std::to_string(table.seats)},
                              {"candidates", std::to_string(table.rows.size())}},
                             lang));
  if (table.seats_left_for_ties > 0) {
    int tied = 0, rank = 0;
    for (const review::FinalRow& r : table.rows) {
      if (r.tied_at_cut) ++tied, rank = r.entry.rank;
    }
    out.set("tie", translate("page.final_review_tie",
                             {{"rank", std::to_string(rank)},
                              {"tied", std::to_string(tied)},
                              {"seats", std::to_string(table.seats_left_for_ties)}},
                             lang));
  }
  View rows{View::type::list};
  for (const review::FinalRow& r : table.rows) {
    long long id = r.entry.score.application_id;
    const ApplicationSummary& s = review.applications.at(id);
    const Application& a = s.application;
    listed += a.state == ApplicationState::listed;
    bool open = a.state == ApplicationState::shortlisted;
    undecided += open;
    can_apply = can_apply || (open && !r.tied_at_cut && !waiting);
    View row{View::type::object};
    row.set("id", std::to_string(id));
    row.set("rank", std::to_string(r.entry.rank) + (r.entry.tied ? "=" : ""));
    row.set("number", application_number(stored.campaign.year, a));
    row.set("title", a.title);
    row.set("applicant", s.applicant_name);
    row.set("unit", s.unit_name);
    row.set("body", review.bodies.at(id));
    row.set("score", review::format_score(r.entry.value));
    if (auto said = review.comments.find(id); said != review.comments.end()) {
      row.set("comments", string_list(said->second));
      row.set("comment_count", std::to_string(said->second.size()));
    }
    if (auto before = review.preliminary.find(id); before != review.preliminary.end()) {
      row.set("preliminary", translate("page.final_review_preliminary",
                                       {{"body", before->second.body},
                                        {"score", review::format_score(before->second.value)}},
                                       lang));
    }
    row.set("proposed", r.proposed);
    row.set("tied_at_cut", r.tied_at_cut);
    row.set("proposal", proposal_label(r, lang));
    row.set("state", state_label(a.state, lang));
    row.set("state_code", std::string(state_name(a.state)));
    if (!open && !a.reason.empty()) row.set("reason", a.reason);
    row.set("undecided", open);
    rows.push_back(row);
  }
  out.set("rows", rows);
  return out;
}

http::Response final_review_page(App& app, const Caller& caller, const http::Request& request,
                                 const std::string& error, const std::string& notice, int status) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto review = load_final_review(app.store(), *stored);
  if (!review)
    return error_response(false, caller.lang, status_of(review.error().code), review.error());
  View view = page_view(caller, request, "final_review_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  View lists{View::type::list};
  bool can_apply = false;
  for (const review::FinalList& fl : review->lists) {
    const List* list = find_list(stored->campaign, fl.list);
    if (!list) continue;
    int listed = 0, undecided = 0;
    View tables{View::type::list};
    for (const review::FinalTable& t : fl.tables) {
      tables.push_back(
          table_view(*stored, *review, t, *list, caller.lang, listed, undecided, can_apply));
    }
    View l{View::type::object};
    l.set("code", fl.list);
    l.set("name", in_lang(caller.lang, list->name_zh, list->name_en));
    l.set("listed", std::to_string(listed));
    l.set("target", std::to_string(fl.target));
    l.set("tally", translate("page.final_review_tally",
                             {{"listed", std::to_string(listed)},
                              {"target", std::to_string(fl.target)},
                              {"undecided", std::to_string(undecided)}},
                             caller.lang));
    if (listed > fl.target) {
      l.set("overrun", translate("page.final_review_overrun",
                                 {{"over", std::to_string(listed - fl.target)},
                                  {"target", std::to_string(fl.target)}},
                                 caller.lang));
    }
    l.set("tables", tables);
    lists.push_back(l);
  }
  view.set("lists", lists);
  view.set("can_apply", can_apply);
  http::Response response = render_page("secretariat_final_review", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response decide(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  long long id = request.path_number("id");
  auto decided = decide_final(app.store(), *stored, id, form["choice"], form["reason"],
                              actor_of(caller), app.now());
  if (!decided) {
    return final_review_page(app, caller, request, message(decided.error(), caller.lang), "",
                             status_of(decided.error().code));
  }
  return http::redirect("/secretariat/final-review#application-" + std::to_string(id));
}

http::Response apply(App& app, const Caller& caller, http::Request& request) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto applied = apply_final_proposal(app.store(), *stored, actor_of(caller), app.now());
  if (!applied) {
    return final_review_page(app, caller, request, message(applied.error(), caller.lang), "",
                             status_of(applied.error().code));
  }
  std::string notice = translate("page.final_review_applied",
                                 {{"listed", std::to_string(applied->listed)},
                                  {"not_listed", std::to_string(applied->not_listed)},
                                  {"left", std::to_string(applied->left)}},
                                 caller.lang);
  return final_review_page(app, caller, request, "", notice, 200);
}

}  // namespace

std::vector<RouteSpec> final_review_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/secretariat/final-review", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return final_review_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back(
      {Method::post, "/secretariat/final-review/apply", k_secretariat, false, 0, apply});
  routes.push_back(
      {Method::post, "/secretariat/final-review/{id}/decision", k_secretariat, false, 0, decide});
  return routes;
}

}  // namespace kczg::web
