// The secretariat's overview of the campaign: counts by list, field, state, channel and
// province, what was listed by list and province, quota use by unit, the late-night
// submission curve — each as a table and an ECharts chart — and the downloads of every
// report table (report_tables.hpp) as XLSX and CSV.
#include <algorithm>
#include <tuple>

#include "domain/quota.hpp"
#include "i18n/labels.hpp"
#include "web/applications/exports.hpp"
#include "web/applications/operations.hpp"
#include "web/applications/report_tables.hpp"
#include "web/pages/charts.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};

// Rows of (label, count) with a <meter> scale: the largest count fills it.
View count_rows(const std::map<std::string, int>& counts) {
  int largest = 1;
  for (const auto& [label, n] : counts) largest = std::max(largest, n);
  View rows{View::type::list};
  for (const auto& [label, n] : counts) {
    View row{View::type::object};
    row.set("label", label);
    row.set("count", std::to_string(n));
    row.set("max", std::to_string(largest));
    rows.push_back(row);
  }
  return rows;
}

http::Response overview(App& app, const Caller& caller, http::Request& request) {
  View view = page_view(caller, request, "overview_title");
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  const Campaign& c = stored->campaign;
  auto summaries = app.store().application_summaries(stored->id);
  if (!summaries) return error_response(false, caller.lang, 503, summaries.error());
  std::map<long long, Unit> units;
  for (Unit& u : app.store().units().value_or(std::vector<Unit>{})) units[u.id] = std::move(u);

  CampaignCounts n = campaign_counts(c, *summaries, units, app.now(), caller.lang);
  view.set("total", std::to_string(summaries->size()));
  view.set("charts", true);
  for (const auto& [name, counts, kind] :
       {std::tuple{"by_list", &n.by_list, "bar"}, std::tuple{"by_field", &n.by_field, "bar"},
        std::tuple{"by_state", &n.by_state, "bar"}, std::tuple{"by_channel", &n.by_channel, "bar"},
        std::tuple{"by_province", &n.by_province, "bar"}, std::tuple{"per_day", &n.per_day, "line"},
        std::tuple{"last_hours", &n.last_hours, "line"},
        std::tuple{"listed_by_list", &n.listed_by_list, "bar"},
        std::tuple{"listed_by_province", &n.listed_by_province, "bar"}}) {
    view.set(name, count_rows(*counts));
    view.set(std::string(name) + "_chart", chart_data(*counts, kind));
  }

  auto years = year_counts(app.store(), c.year);
  if (!years) return error_response(false, caller.lang, 503, years.error());
  View year_rows{View::type::list};
  std::map<std::string, int> submitted_by_year;
  for (const YearCounts& y : *years) {
    View row{View::type::object};
    row.set("year", std::to_string(y.year));
    row.set("submitted", std::to_string(y.submitted));
    row.set("listed", std::to_string(y.listed));
    year_rows.push_back(row);
    submitted_by_year[std::to_string(y.year)] = y.submitted;
  }
  view.set("by_year", year_rows);
  view.set("by_year_chart", chart_data(submitted_by_year, "bar"));

  auto progress = review_progress(app.store(), *stored);
  if (!progress) return error_response(false, caller.lang, 503, progress.error());
  View progress_rows{View::type::list};
  std::map<std::string, int> percent_by_body;
  for (const ReviewProgress& p : *progress) {
    int percent = p.assigned ? p.submitted * 100 / p.assigned : 0;
    View row{View::type::object};
    row.set("body", p.body);
    row.set("assigned", std::to_string(p.assigned));
    row.set("submitted", std::to_string(p.submitted));
    row.set("percent", std::to_string(percent));
    progress_rows.push_back(row);
    percent_by_body[p.body] = percent;
  }
  view.set("review_progress", progress_rows);
  view.set("review_progress_chart", chart_data(percent_by_body, "bar"));

  View quota_rows{View::type::list};
  for (const auto& [id, unit] : units) {
    int total = 0;
    for (const List& l : c.lists) {
      int per = unit_quota(c, l.code, unit.channels).value_or(0);
      total += per * int(std::max<std::size_t>(l.fields.size(), 1));
    }
    if (total == 0) continue;
    View row{View::type::object};
    int used = n.recommended_by_unit[id];
    row.set("unit", unit.name);
    row.set("used", std::to_string(used));
    row.set("total", std::to_string(total));
    quota_rows.push_back(row);
  }
  view.set("quota_rows", quota_rows);
  View exports{View::type::list};
  for (const std::string& name : report_table_names()) {
    View row{View::type::object};
    row.set("name", name);
    row.set("label", translate("page.export_" + name, {}, caller.lang));
    exports.push_back(row);
  }
  view.set("exports", exports);
  http::Response response = render_page("secretariat_overview", std::move(view));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response download(App& app, const Caller& caller, http::Request& request) {
  std::string file(request.path_param("file"));  // applications.xlsx
  auto dot = file.find('.');
  std::string table = file.substr(0, dot);
  std::string format = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (std::ranges::find(report_table_names(), table) == report_table_names().end() ||
      (format != "csv" && format != "xlsx")) {
    return error_response(false, caller.lang, 404,
                          make_error(ErrorCode::not_found, "path", request.path));
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto t = report_table(app.store(), *stored, table, app.now(), caller.lang);
  if (!t) return error_response(false, caller.lang, 503, t.error());
  auto response =
      table_download(*t, format, "kczg-" + table + "-" + std::to_string(stored->campaign.year));
  if (!response) return error_response(false, caller.lang, 500, response.error());
  return std::move(*response);
}

}  // namespace

std::vector<RouteSpec> overview_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/secretariat/overview", k_secretariat, false, 0, overview});
  routes.push_back({Method::get, "/secretariat/exports/{file}", k_secretariat, false, 0, download});
  return routes;
}

}  // namespace kczg::web
