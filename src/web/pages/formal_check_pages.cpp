// The secretariat's formal-check page, duplicates part (重复申报核查): every application
// that repeats an earlier year's listed entry or another application of this campaign,
// with the kind of evidence, its score, and both texts side by side with the passages
// they share.
#include <cstdio>

#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/formal/duplicate_check.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};

http::Response formal_check_page(App& app, const Caller& caller, http::Request& request) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto findings = campaign_duplicates(app.store(), *stored);
  if (!findings) return error_response(false, caller.lang, 503, findings.error());
  auto listed = app.store().listed_entries();
  View view = page_view(caller, request, "formal_check_title");
  view.set("summary", translate("page.formal_check_summary",
                                {{"entries", std::to_string(listed ? listed->size() : 0)},
                                 {"findings", std::to_string(findings->size())}},
                                caller.lang));
  View rows{View::type::list};
  for (const DuplicateFinding& f : *findings) {
    const Application& a = f.application.application;
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", f.hit.score);
    View row{View::type::object};
    row.set("id", std::to_string(a.id));
    row.set("number", application_number(stored->campaign.year, a));
    row.set("title", a.title);
    row.set("applicant", f.application.applicant_name);
    row.set("kind_code", std::string(match::duplicate_kind_name(f.hit.kind)));
    row.set("kind",
            translate("page.duplicate_" + std::string(match::duplicate_kind_name(f.hit.kind)), {},
                      caller.lang));
    row.set("score", std::string(score));
    row.set("where",
            f.within_campaign
                ? translate("page.duplicate_this_campaign",
                            {{"id", std::to_string(f.match_application_id)}}, caller.lang)
                : translate("page.duplicate_earlier",
                            {{"year", std::to_string(f.match.year)}, {"list", f.match.list}},
                            caller.lang));
    row.set("probe_text", f.probe.name + "｜" + f.probe.holder + "｜" + f.probe.summary);
    row.set("match_text", f.match.name + "｜" + f.match.holder + "｜" + f.match.summary);
    row.set("passages", string_list(f.hit.passages));
    rows.push_back(row);
  }
  view.set("findings", rows);
  view.set("has_findings", !rows.is_empty_list());
  http::Response response = render_page("secretariat_formal_check", std::move(view));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

std::vector<RouteSpec> formal_check_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back(
      {Method::get, "/secretariat/formal-check", k_secretariat, false, 0, formal_check_page});
  return routes;
}

}  // namespace kczg::web
