// The secretariat's overview of the campaign: counts by list, field, state, channel and
// province, what was listed by list and province, quota use by unit, the late-night
// submission curve — each as a table and an ECharts chart — and the downloads of
// applications and recommendations as XLSX and CSV.
#include <algorithm>
#include <tuple>

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

// A JSON string literal: labels are names and dates, escaped for the page's chart data.
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (static_cast<unsigned char>(ch) < 0x20) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// What static/kczg.js draws with ECharts: {"kind":"bar"|"line","labels":[…],"values":[…]}.
// The table beside it says the same for readers without script.
std::string chart_data(const std::map<std::string, int>& counts, std::string_view kind) {
  std::string labels, values;
  for (const auto& [label, n] : counts) {
    labels += (labels.empty() ? "" : ",") + json_string(label);
    values += (values.empty() ? "" : ",") + std::to_string(n);
  }
  return "{\"kind\":" + json_string(kind) + ",\"labels\":[" + labels + "],\"values\":[" + values +
         "]}";
}

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
  std::map<std::string, int> listed_by_list, listed_by_province;
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
    if (a.state == ApplicationState::listed) ++listed_by_list[list_name];
    if (auto u = units.find(a.unit_id); u != units.end()) {
      if (a.state == ApplicationState::listed) {
        ++listed_by_province[province_of(u->second.region, caller.lang)];
      }
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
  view.set("charts", true);
  for (const auto& [name, counts, kind] :
       {std::tuple{"by_list", &by_list, "bar"}, std::tuple{"by_field", &by_field, "bar"},
        std::tuple{"by_state", &by_state, "bar"}, std::tuple{"by_channel", &by_channel, "bar"},
        std::tuple{"by_province", &by_province, "bar"}, std::tuple{"per_day", &per_day, "line"},
        std::tuple{"last_hours", &last_hours, "line"},
        std::tuple{"listed_by_list", &listed_by_list, "bar"},
        std::tuple{"listed_by_province", &listed_by_province, "bar"}}) {
    view.set(name, count_rows(*counts));
    view.set(std::string(name) + "_chart", chart_data(*counts, kind));
  }

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
