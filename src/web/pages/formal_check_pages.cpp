// The secretariat's formal-check page (形式审查): every recommended application with its
// eligibility findings (the rules re-run on what was submitted, and repeats of earlier
// lists or of other applications), decided one by one or, for clear pass and fail
// verdicts, in one go; then the repeats with their evidence, both texts side by side with
// the passages they share.
#include <cstdio>

#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/formal/eligibility_check.hpp"
#include "web/pages/eligibility_view.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};

View duplicate_rows(const StoredCampaign& stored, const std::vector<DuplicateFinding>& findings,
                    Lang lang) {
  View rows{View::type::list};
  for (const DuplicateFinding& f : findings) {
    const Application& a = f.application.application;
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", f.hit.score);
    std::string kind(match::duplicate_kind_name(f.hit.kind));
    View row{View::type::object};
    row.set("id", std::to_string(a.id));
    row.set("number", application_number(stored.campaign.year, a));
    row.set("title", a.title);
    row.set("applicant", f.application.applicant_name);
    row.set("kind_code", kind);
    row.set("kind", translate("page.duplicate_" + kind, {}, lang));
    row.set("score", std::string(score));
    row.set(
        "where",
        f.within_campaign
            ? translate("page.duplicate_this_campaign",
                        {{"id", std::to_string(f.match_application_id)}}, lang)
            : translate("page.duplicate_earlier",
                        {{"year", std::to_string(f.match.year)}, {"list", f.match.list}}, lang));
    row.set("probe_text", f.probe.name + "｜" + f.probe.holder + "｜" + f.probe.summary);
    row.set("match_text", f.match.name + "｜" + f.match.holder + "｜" + f.match.summary);
    row.set("passages", string_list(f.hit.passages));
    rows.push_back(row);
  }
  return rows;
}

// Each application with the findings that need a look (passes are counted, not listed).
View eligibility_rows(const StoredCampaign& stored, const std::vector<FormalCheckRow>& rows,
                      Lang lang, std::map<std::string, int>& counts) {
  View out{View::type::list};
  for (const FormalCheckRow& r : rows) {
    const Application& a = r.application.application;
    std::vector<EligibilityFinding> notable;
    int passed = 0;
    for (const EligibilityFinding& f : r.findings) {
      if (f.verdict == Verdict::pass) {
        ++passed;
      } else {
        notable.push_back(f);
      }
    }
    std::string verdict(verdict_name(r.verdict));
    bool pending = a.state == ApplicationState::recommended;
    ++counts[pending ? "pending_" + verdict : std::string(state_name(a.state))];
    View row{View::type::object};
    row.set("id", std::to_string(a.id));
    row.set("number", application_number(stored.campaign.year, a));
    row.set("title", a.title);
    const List* list = find_list(stored.campaign, a.list);
    row.set("list", list ? in_lang(lang, list->name_zh, list->name_en) : a.list);
    row.set("unit", r.application.unit_name);
    row.set("verdict_code", verdict);
    row.set("verdict", translate("eligibility.verdict." + verdict, {}, lang));
    row.set("findings", eligibility_view(notable, lang));
    row.set("passed",
            translate("page.formal_check_passed", {{"count", std::to_string(passed)}}, lang));
    row.set("pending", pending);
    if (r.decided) {
      View d{View::type::object};
      d.set("state", state_label(a.state, lang));
      d.set("state_code", std::string(state_name(a.state)));
      d.set("overridden", r.decided->overridden);
      d.set("has_reason", !r.decided->reason.empty());
      d.set("reason", r.decided->reason);
      d.set("actor", r.decided->actor);
      row.set("decided", d);
    }
    out.push_back(row);
  }
  return out;
}

http::Response formal_check_page(App& app, const Caller& caller, const http::Request& request,
                                 const std::string& error, const std::string& notice, int status) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto findings = campaign_duplicates(app.store(), *stored);
  if (!findings) return error_response(false, caller.lang, 503, findings.error());
  auto rows = formal_check_rows(app.store(), *stored);
  if (!rows) return error_response(false, caller.lang, 503, rows.error());
  auto listed = app.store().listed_entries();
  View view = page_view(caller, request, "formal_check_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  std::map<std::string, int> counts;
  View eligibility = eligibility_rows(*stored, *rows, caller.lang, counts);
  auto count = [&](const char* key) { return std::to_string(counts[key]); };
  view.set("eligibility_rows", eligibility);
  view.set("has_eligibility_rows", !rows->empty());
  view.set("eligibility_summary", translate("page.formal_check_eligibility_summary",
                                            {{"pass", count("pending_pass")},
                                             {"fail", count("pending_fail")},
                                             {"needs_evidence", count("pending_needs_evidence")},
                                             {"eligible", count("eligible")},
                                             {"ineligible", count("ineligible")}},
                                            caller.lang));
  view.set("can_apply", counts["pending_pass"] + counts["pending_fail"] > 0);
  view.set("summary", translate("page.formal_check_summary",
                                {{"entries", std::to_string(listed ? listed->size() : 0)},
                                 {"findings", std::to_string(findings->size())}},
                                caller.lang));
  View duplicates = duplicate_rows(*stored, *findings, caller.lang);
  view.set("findings", duplicates);
  view.set("has_findings", !findings->empty());
  http::Response response = render_page("secretariat_formal_check", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response decide(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  long long id = request.path_number("id");
  std::string decision = form["decision"];
  if (decision != "eligible" && decision != "ineligible") {
    Error e = make_error(ErrorCode::field_invalid, "field", "decision", "detail",
                         "eligible | ineligible");
    return formal_check_page(app, caller, request, message(e, caller.lang), "", 400);
  }
  auto decided = decide_formal_check(app.store(), *stored, id, decision == "eligible",
                                     form["reason"], actor_of(caller), app.now());
  if (!decided) {
    return formal_check_page(app, caller, request, message(decided.error(), caller.lang), "",
                             status_of(decided.error().code));
  }
  return http::redirect("/secretariat/formal-check#application-" + std::to_string(id));
}

http::Response apply(App& app, const Caller& caller, http::Request& request) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto outcome = apply_automatic_verdicts(app.store(), *stored, actor_of(caller), app.now());
  if (!outcome) {
    return formal_check_page(app, caller, request, message(outcome.error(), caller.lang), "",
                             status_of(outcome.error().code));
  }
  std::string notice = translate("page.formal_check_applied",
                                 {{"eligible", std::to_string(outcome->eligible)},
                                  {"ineligible", std::to_string(outcome->ineligible)},
                                  {"left", std::to_string(outcome->left)}},
                                 caller.lang);
  return formal_check_page(app, caller, request, "", notice, 200);
}

}  // namespace

std::vector<RouteSpec> formal_check_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/secretariat/formal-check", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return formal_check_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back(
      {Method::post, "/secretariat/formal-check/apply", k_secretariat, false, 0, apply});
  routes.push_back(
      {Method::post, "/secretariat/formal-check/{id}/decision", k_secretariat, false, 0, decide});
  return routes;
}

}  // namespace kczg::web
