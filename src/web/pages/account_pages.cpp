// Pages of a signed-in account: the role's dashboard and the account itself.
#include "i18n/labels.hpp"
#include "web/pages/charts.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/security/secrets.hpp"

namespace kczg::web {
namespace {

using http::Method;

// The applications a dashboard lists: the applicant's own, or those naming the unit.
View application_rows(App& app, const Caller& caller, long long campaign_id) {
  View rows{View::type::list};
  ApplicationFilter filter;
  if (caller.role == Role::applicant) filter.applicant_id = caller.account->applicant_id;
  if (caller.role == Role::unit) filter.unit_id = caller.account->unit_id;
  // An account not tied to an applicant or unit sees nothing rather than everything.
  if (!filter.applicant_id && !filter.unit_id) return rows;
  auto summaries = app.store().application_summaries(campaign_id, filter);
  if (!summaries) return rows;
  for (const ApplicationSummary& s : *summaries) {
    const Application& a = s.application;
    if (caller.role == Role::unit && a.state == ApplicationState::draft) continue;
    View row{View::type::object};
    row.set("id", std::to_string(a.id));
    row.set("list", a.list + (a.field.empty() ? "" : " / " + a.field));
    row.set("title", a.title);
    row.set("state", state_label(a.state, caller.lang));
    rows.push_back(row);
  }
  return rows;
}

http::Response dashboard(App& app, const Caller& caller, http::Request& request) {
  View view = page_view(caller, request, "dashboard_title");
  view.set("role_code", std::string(role_name(caller.role)));
  view.set("role_line", translate("page.role_line",
                                  {{"role", role_label(caller.role, caller.lang)}}, caller.lang));
  auto campaign = app.store().latest_campaign_id();
  switch (caller.role) {
    case Role::applicant:
    case Role::unit: {
      View section{View::type::object};
      View rows = campaign ? application_rows(app, caller, *campaign) : View{View::type::list};
      section.set("has_applications", !rows.is_empty_list());
      section.set("applications", rows);
      view.set(caller.role == Role::applicant ? "applicant" : "unit", section);
      break;
    }
    case Role::review_body:
      view.set("review_body", true);
      break;
    case Role::expert:
      view.set("expert", true);
      break;
    case Role::partner:
      view.set("partner", true);
      break;
    case Role::pilot_city: {
      // The pilot city's province at a glance: its listed items, and how its demands fare.
      View section{View::type::object};
      section.set("region", region_label(caller.account->region, caller.lang));
      std::string province = caller.account->region.substr(0, 2);
      int items = 0;
      if (auto library = app.library().current(app.store())) {
        for (const LibraryRecord& r : (*library)->records) {
          items += region_of_uscc(r.holder_uscc).starts_with(province) && !province.empty();
        }
      }
      section.set("listed_items", std::to_string(items));
      section.set("province", province);
      // Per city of the province: matches proposed, answered and agreed, as a chart.
      if (auto by_city =
              docking_statistics(app.store(), *caller.account, match::DockingDimension::city)) {
        std::vector<std::string> labels;
        std::vector<ChartSeries> series{
            {translate("page.matching_proposed", {}, caller.lang), {}},
            {translate("page.matching_responded", {}, caller.lang), {}},
            {translate("page.matching_agreements", {}, caller.lang), {}}};
        for (std::size_t i = 0; i + 1 < by_city->size(); ++i) {  // the last row is the total
          const match::DockingCounts& c = (*by_city)[i];
          labels.push_back(region_label(c.group + "00", caller.lang));
          series[0].values.push_back(c.proposed);
          series[1].values.push_back(c.responded);
          series[2].values.push_back(c.agreements);
        }
        section.set("chart", series_chart(labels, series));
        view.set("charts", true);
        const match::DockingCounts& total = by_city->back();
        for (auto [key, n] : {std::pair{"demands", total.demands},
                              {"proposed", total.proposed},
                              {"responded", total.responded},
                              {"agreements", total.agreements}}) {
          section.set(key, std::to_string(n));
        }
      }
      view.set("pilot_city", section);
      break;
    }
    case Role::secretariat: {
      View section{View::type::object};
      View counts{View::type::list};
      if (campaign) {
        for (auto& [state, n] :
             app.store().count_by_state(*campaign).value_or(std::map<std::string, int>{})) {
          View row{View::type::object};
          row.set("state", state_label(state, caller.lang));
          row.set("count", std::to_string(n));
          counts.push_back(row);
        }
      }
      section.set("counts", counts);
      view.set("secretariat", section);
      break;
    }
    case Role::visitor:
      break;
  }
  http::Response response = render_page("dashboard", std::move(view));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response account_page(const Caller& caller, const http::Request& request,
                            const std::string& error, const std::string& notice,
                            const std::string& new_token, int status) {
  View view = page_view(caller, request, "account_title");
  view.set("login", caller.account->login);
  view.set("error", error);
  view.set("notice", notice);
  view.set("new_token", new_token);
  http::Response response = render_page("account", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

std::vector<RouteSpec> account_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/dashboard", k_signed_in, false, 0, dashboard});
  routes.push_back({Method::get, "/account", k_signed_in, false, 0,
                    [](App&, const Caller& caller, http::Request& request) {
                      return account_page(caller, request, "", "", "", 200);
                    }});
  routes.push_back(
      {Method::post, "/account/password", k_signed_in, false, 0,
       [](App& app, const Caller& caller, http::Request& request) {
         auto form = form_fields(request);
         if (auto ok = check_new_password(form["password"], form["password2"]); !ok) {
           return account_page(caller, request, message(ok.error(), caller.lang), "", "", 400);
         }
         auto set = app.store().set_password(caller.account->id, hash_password(form["password"]),
                                             actor_of(caller), app.now());
         if (!set) return error_response(false, caller.lang, 503, set.error());
         // Every session ended with the old password, this one too.
         return http::redirect("/sign-in");
       }});
  routes.push_back(
      {Method::post, "/account/tokens", k_signed_in, false, 0,
       [](App& app, const Caller& caller, http::Request& request) {
         auto form = form_fields(request);
         if (form["name"].empty()) {
           return account_page(
               caller, request,
               message(make_error(ErrorCode::import_cell_empty, "field", "name"), caller.lang), "",
               "", 400);
         }
         std::string token = random_token();
         auto made = app.store().create_api_token(token_hash(token), caller.account->id,
                                                  form["name"], actor_of(caller), app.now());
         if (!made) return error_response(false, caller.lang, 503, made.error());
         return account_page(caller, request, "", "", token, 200);
       }});
  return routes;
}

}  // namespace kczg::web
