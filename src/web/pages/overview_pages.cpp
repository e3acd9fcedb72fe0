// The secretariat's live overview of the collection phase: counts by list, field, state,
// channel and province, quota use by unit, the late-night submission curve, and the
// downloads of applications and recommendations as XLSX and CSV.
#include <algorithm>

#include "domain/quota.hpp"
#include "i18n/labels.hpp"
#include "web/applications/exports.hpp"
#include "web/applications/operations.hpp"
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

// The province of a unit's region (national units count as 全国/National).
std::string province_of(const std::string& region, Lang lang) {
  if (region.size() < 2) return "—";
  return region_label(region.substr(0, 2) + "0000", lang);
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

  std::map<std::string, int> by_list, by_field, by_state, by_channel, by_province;
  std::map<std::string, int> per_day, last_hours;
  std::map<long long, int> recommended_by_unit;
  Instant now = app.now();
  const Phase* collection = find_phase(c, PhaseKind::collection);
  Instant curve_end = collection && collection->ends_at ? std::min(*collection->ends_at, now) : now;
  for (const ApplicationSummary& s : *summaries) {
    const Application& a = s.application;
    const List* l = find_list(c, a.list);
    ++by_state[state_label(a.state, caller.lang)];
    if (a.state == ApplicationState::draft) continue;  // counts below are of submissions
    std::string list_name = l ? in_lang(caller.lang, l->name_zh, l->name_en) : a.list;
    ++by_list[list_name];
    if (l) {
      if (const Field* f = find_field(*l, a.field)) {
        ++by_field[list_name + " · " + in_lang(caller.lang, f->name_zh, f->name_en)];
      }
    }
    if (auto u = units.find(a.unit_id); u != units.end()) {
      for (const std::string& code : u->second.channels) {
        const Channel* ch = find_channel(c, code);
        ++by_channel[ch ? in_lang(caller.lang, ch->name_zh, ch->name_en) : code];
      }
      ++by_province[province_of(u->second.region, caller.lang)];
    }
    if (a.state == ApplicationState::recommended) ++recommended_by_unit[a.unit_id];
    if (a.submitted_at) {
      ++per_day[format_shanghai(*a.submitted_at).substr(0, 10)];
      // The last 48 hours before the deadline (or now), by hour: deadline night.
      if (*a.submitted_at <= curve_end && curve_end - *a.submitted_at < std::chrono::hours(48)) {
        ++last_hours[format_shanghai(*a.submitted_at).substr(0, 13) + ":00"];
      }
    }
  }
  view.set("total", std::to_string(summaries->size()));
  view.set("by_list", count_rows(by_list));
  view.set("by_field", count_rows(by_field));
  view.set("by_state", count_rows(by_state));
  view.set("by_channel", count_rows(by_channel));
  view.set("by_province", count_rows(by_province));
  view.set("per_day", count_rows(per_day));
  view.set("last_hours", count_rows(last_hours));

  View quota_rows{View::type::list};
  for (const auto& [id, unit] : units) {
    int total = 0;
    for (const List& l : c.lists) {
      int per = unit_quota(c, l.code, unit.channels).value_or(0);
      total += per * int(std::max<std::size_t>(l.fields.size(), 1));
    }
    if (total == 0) continue;
    View row{View::type::object};
    int used = recommended_by_unit[id];
    row.set("unit", unit.name);
    row.set("used", std::to_string(used));
    row.set("total", std::to_string(total));
    quota_rows.push_back(row);
  }
  view.set("quota_rows", quota_rows);
  http::Response response = render_page("secretariat_overview", std::move(view));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response download(App& app, const Caller& caller, http::Request& request) {
  std::string file(request.path_param("file"));  // applications.xlsx
  std::string table = file.substr(0, file.find('.'));
  std::string format = file.find('.') == std::string::npos ? "" : file.substr(file.find('.') + 1);
  if ((table != "applications" && table != "recommendations") ||
      (format != "csv" && format != "xlsx")) {
    return error_response(false, caller.lang, 404,
                          make_error(ErrorCode::not_found, "path", request.path));
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  auto summaries = app.store().application_summaries(stored->id);
  if (!summaries) return error_response(false, caller.lang, 503, summaries.error());
  ExportTable t = table == "applications"
                      ? applications_table(stored->campaign, *summaries, caller.lang)
                      : recommendations_table(stored->campaign, *summaries, caller.lang);
  auto response =
      table_download(t, format, "kczg-" + table + "-" + std::to_string(stored->campaign.year));
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
