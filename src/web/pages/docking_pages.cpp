// Matches (对接) in the browser: each side's list of its matches with the next step it may
// take — say it wants to talk, negotiate, agree, close with a reason — and the other
// side's contact once both have said they want to talk; the figures per year, list, field
// and pilot city for the secretariat and pilot city admins, as tables, a chart and CSV.
#include "i18n/labels.hpp"
#include "web/applications/exports.hpp"
#include "web/matching/partner_service.hpp"
#include "web/pages/charts.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/matching_view.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_sides{Role::applicant, Role::pilot_city, Role::secretariat};

std::string when(const std::optional<Instant>& at) { return at ? format_shanghai(*at) : ""; }

View docking_row(App& app, const Account& account, const Docking& d, Lang lang) {
  View row{View::type::object};
  row.set("id", std::to_string(d.id));
  row.set("state_code", std::string(docking_state_name(d.state)));
  row.set("state",
          translate("page.docking_state_" + std::string(docking_state_name(d.state)), {}, lang));
  row.set("proposed_at", format_shanghai(d.proposed_at));
  row.set("first_response_at", when(d.first_response_at));
  row.set("agreed_at", when(d.agreed_at));
  if (d.close_reason) {
    row.set("close_reason",
            translate("page.close_reason_" + std::string(close_reason_name(*d.close_reason)), {},
                      lang) +
                (d.close_text.empty() ? "" : "：" + d.close_text));
  }
  auto demand = app.store().demand(d.demand_id);
  auto record = app.store().library_record(d.supply_id);
  if (!demand || !record) return row;
  row.set("demand_id", std::to_string(demand->id));
  row.set("demand", demand->title);
  row.set("entry_id", std::to_string(record->id));
  row.set("entry", record->name);
  row.set("holder", record->holder);
  auto side = side_of(app.store(), account, d, *demand);
  row.set("side", side ? translate(*side == DockingSide::demand ? "page.docking_side_demand"
                                                                : "page.docking_side_supply",
                                   {}, lang)
                       : "");
  row.set("demand_side", d.demand_side);
  row.set("supply_side", d.supply_side);
  if (auto other = other_side(app.store(), side, d, *demand); other && *other) {
    std::string contact = (*other)->demand_contact.value_or("");
    for (const Account& h : (*other)->holders) {
      contact += (contact.empty() ? "" : "; ") + h.display_name + " " + h.login;
    }
    row.set("contact", contact);
  }
  bool mine_said = side && (*side == DockingSide::demand ? d.demand_side : d.supply_side);
  if (side && d.state == DockingState::proposed && !mine_said) row.set("may_interest", true);
  if (side && d.state == DockingState::contacted) row.set("may_negotiate", true);
  if (side && d.state == DockingState::negotiating) row.set("may_agree", true);
  if ((side || account.role == Role::secretariat) && d.state != DockingState::agreement &&
      d.state != DockingState::closed) {
    row.set("may_close", true);
  }
  return row;
}

View reason_options(Lang lang) {
  Choices reasons;
  for (CloseReason r :
       {CloseReason::too_early, CloseReason::benefit_unclear, CloseReason::route_unclear,
        CloseReason::description_unclear, CloseReason::price, CloseReason::other}) {
    std::string code(close_reason_name(r));
    reasons.emplace_back(code, translate("page.close_reason_" + code, {}, lang));
  }
  return options(reasons, "");
}

http::Response list_page(App& app, const Caller& caller, const http::Request& request,
                         const std::string& error, const std::string& notice, int status) {
  View view = page_view(caller, request, "dockings_title");
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  if (!request.query_param("interest").empty()) {
    view.set("notice", translate("page.docking_interest_saved", {}, caller.lang));
  }
  auto dockings = visible_dockings(app.store(), *caller.account);
  if (!dockings) return error_response(false, caller.lang, 503, dockings.error());
  View rows{View::type::list};
  for (const Docking& d : *dockings)
    rows.push_back(docking_row(app, *caller.account, d, caller.lang));
  view.set("dockings", rows);
  view.set("has_dockings", !dockings->empty());
  view.set("reasons", reason_options(caller.lang));
  if (caller.role == Role::secretariat || caller.role == Role::pilot_city)
    view.set("statistics_link", true);
  http::Response response = render_page("dockings", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response act(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  long long id = request.path_number("id");
  std::optional<DockingAction> action;
  for (DockingAction a : {DockingAction::negotiate, DockingAction::agree, DockingAction::close}) {
    if (form["_action"] == docking_action_name(a)) action = a;
  }
  auto refuse = [&](const Error& e) {
    return list_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  if (!action) {
    return refuse(
        make_error(ErrorCode::field_invalid, "field", "_action", "detail", form["_action"]));
  }
  std::optional<CloseReason> reason = close_reason_from_name(form["reason"]);
  auto done = act_on_docking_as(app.store(), *caller.account, id, *action, reason, form["text"],
                                actor_of(caller), app.now());
  if (!done) return refuse(done.error());
  return list_page(app, caller, request, "",
                   translate("page.docking_done_" + form["_action"], {}, caller.lang), 200);
}

// A group's name in the reader's language.
std::string group_label(App& app, match::DockingDimension dimension, const std::string& group,
                        Lang lang) {
  if (group.empty()) return translate("page.total", {}, lang);
  if (dimension == match::DockingDimension::city) return region_label(group + "00", lang);
  if (dimension == match::DockingDimension::year) return group;
  auto latest = app.store().latest_campaign();
  if (!latest) return group;
  if (dimension == match::DockingDimension::field)
    return choice_name(field_choices(&latest->campaign, lang), group);
  for (const List& l : latest->campaign.lists) {
    if (l.code == group) return in_lang(lang, l.name_zh, l.name_en);
  }
  return group;
}

std::string number(const std::optional<double>& value) {
  if (!value) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", *value);
  return text;
}

// The table as rows of text, heading first, for the page and the CSV alike.
Result<std::vector<std::vector<std::string>>> statistics_rows(App& app, const Caller& caller,
                                                              match::DockingDimension dimension) {
  auto counts = docking_statistics(app.store(), *caller.account, dimension);
  if (!counts) return fail(counts.error());
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> heading;
  for (const char* key : {"matching_group", "matching_demands", "matching_proposed",
                          "matching_responded", "matching_agreements", "matching_closed",
                          "matching_median_response_hours", "matching_median_agreement_days"}) {
    heading.push_back(translate("page." + std::string(key), {}, caller.lang));
  }
  rows.push_back(heading);
  for (const match::DockingCounts& c : *counts) {
    rows.push_back({group_label(app, dimension, c.group, caller.lang), std::to_string(c.demands),
                    std::to_string(c.proposed), std::to_string(c.responded),
                    std::to_string(c.agreements), std::to_string(c.closed),
                    number(c.median_response_hours), number(c.median_agreement_days)});
  }
  return rows;
}

// The financial partners' figures as rows of text, heading first.
Result<std::vector<std::vector<std::string>>> deal_rows(App& app, const Caller& caller,
                                                        match::DockingDimension dimension) {
  auto counts = deal_statistics(app.store(), *caller.account, dimension);
  if (!counts) return fail(counts.error());
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> heading;
  for (const char* key : {"matching_group", "matching_recommended", "matching_interested",
                          "matching_declined", "matching_invested", "matching_amount"}) {
    heading.push_back(translate("page." + std::string(key), {}, caller.lang));
  }
  rows.push_back(heading);
  for (const match::DealCounts& c : *counts) {
    rows.push_back({group_label(app, dimension, c.group, caller.lang),
                    std::to_string(c.recommended), std::to_string(c.interested),
                    std::to_string(c.declined), std::to_string(c.invested),
                    std::to_string(c.amount)});
  }
  return rows;
}

http::Response statistics_page(App& app, const Caller& caller, http::Request& request) {
  auto dimension = match::docking_dimension_from_name(request.query_param("by"));
  if (!dimension) {
    return error_response(false, caller.lang, 400,
                          make_error(ErrorCode::field_invalid, "field", "by", "detail",
                                     std::string(request.query_param("by"))));
  }
  auto rows = statistics_rows(app, caller, *dimension);
  if (!rows) return error_response(false, caller.lang, status_of(rows.error().code), rows.error());
  View view = page_view(caller, request, "matching_statistics_title");
  std::string by =
      request.query_param("by").empty() ? "year" : std::string(request.query_param("by"));
  view.set("by", by);
  Choices dims;
  for (const char* d : {"year", "list", "field", "city"}) {
    dims.emplace_back(d, translate("page.matching_by_" + std::string(d), {}, caller.lang));
  }
  view.set("dimensions", options(dims, by));
  view.set("heading", string_list(rows->front()));
  View body{View::type::list};
  for (std::size_t i = 1; i < rows->size(); ++i) {
    View row{View::type::object};
    row.set("cells", string_list((*rows)[i]));
    body.push_back(row);
  }
  view.set("rows", body);
  // The chart: proposed, responded and agreed per group (not the total).
  std::vector<std::string> labels;
  std::vector<ChartSeries> series(3);
  for (std::size_t column = 0; column < 3; ++column)
    series[column].name = rows->front()[column + 2];
  for (std::size_t i = 1; i + 1 < rows->size(); ++i) {
    labels.push_back((*rows)[i][0]);
    for (std::size_t column = 0; column < 3; ++column) {
      series[column].values.push_back(std::atoi((*rows)[i][column + 2].c_str()));
    }
  }
  view.set("chart", series_chart(labels, series));
  if (auto deals = deal_rows(app, caller, *dimension)) {
    View rows_view{View::type::list};
    for (std::size_t i = 1; i < deals->size(); ++i) {
      View row{View::type::object};
      row.set("cells", string_list((*deals)[i]));
      rows_view.push_back(row);
    }
    view.set("deal_heading", string_list(deals->front()));
    view.set("deal_rows", rows_view);
  }
  view.set("charts", true);
  return render_page("matching_statistics", std::move(view));
}

// /matching/statistics.csv or .xlsx.
http::Response statistics_download(App& app, const Caller& caller, http::Request& request,
                                   const std::string& format) {
  auto dimension = match::docking_dimension_from_name(request.query_param("by"));
  if (!dimension) {
    return error_response(false, caller.lang, 400,
                          make_error(ErrorCode::field_invalid, "field", "by", "detail",
                                     std::string(request.query_param("by"))));
  }
  // ?table=deals: the financial partners' figures instead of the matches'.
  bool deals = request.query_param("table") == "deals";
  auto rows = deals ? deal_rows(app, caller, *dimension) : statistics_rows(app, caller, *dimension);
  if (!rows) return error_response(false, caller.lang, status_of(rows.error().code), rows.error());
  ExportTable table{
      deals ? "partners" : "matching", rows->front(), {rows->begin() + 1, rows->end()}};
  auto response =
      table_download(table, format, deals ? "partner-statistics" : "matching-statistics");
  if (!response) return error_response(false, caller.lang, 500, response.error());
  return *response;
}

}  // namespace

std::vector<RouteSpec> docking_routes() {
  std::vector<RouteSpec> routes;
  const std::vector<Role> reviewers{Role::secretariat, Role::pilot_city};
  routes.push_back({Method::get, "/dockings", k_sides, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return list_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/dockings/{id}", k_sides, false, 0, act});
  routes.push_back({Method::get, "/matching/statistics", reviewers, false, 0, statistics_page});
  for (std::string format : {"csv", "xlsx"}) {
    routes.push_back({Method::get, "/matching/statistics." + format, reviewers, false, 0,
                      [format](App& app, const Caller& caller, http::Request& request) {
                        return statistics_download(app, caller, request, format);
                      }});
  }
  return routes;
}

}  // namespace kczg::web
