// The secretariat's view of review: every appointed body with what it covers and its plan
// (criteria, weights, panel, aggregation), approving a filed plan or returning it with a
// reason, and each body's board; forming the final panel with its admin's account.
#include "domain/account.hpp"
#include "i18n/labels.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/invitation.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};

std::string coverage_text(const Campaign& c, const std::vector<Coverage>& covers, Lang lang) {
  std::string text;
  for (const Coverage& cover : covers) {
    text += (text.empty()       ? ""
             : lang == Lang::zh ? "；"
                                : "; ") +
            where_label(c, cover.list, cover.field, lang);
  }
  return text;
}

http::Response review_page(App& app, const Caller& caller, const http::Request& request,
                           const std::string& error, const std::string& notice, int status) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  View view = page_view(caller, request, "secretariat_review_title");
  // kainjow shows a section for any string, even an empty one.
  if (!error.empty()) view.set("error", error);
  if (!notice.empty()) view.set("notice", notice);
  View bodies{View::type::list};
  for (const ReviewBody& b : stored->campaign.review_bodies) {
    View row{View::type::object};
    row.set("name", b.name);
    row.set("name_q", http::url_encode(b.name));
    row.set("covers", coverage_text(stored->campaign, b.covers, caller.lang));
    row.set("final_panel", b.final_panel);
    auto plan = app.store().review_plan(stored->id, b.name);
    if (plan && *plan) {
      const ReviewPlan& p = **plan;
      row.set("has_plan", true);
      row.set("state", translate("page.plan_state_" + std::string(plan_state_name(p.state)), {},
                                 caller.lang));
      row.set("state_code", std::string(plan_state_name(p.state)));
      row.set("filed", p.state == PlanState::filed);
      std::string criteria;
      for (const Criterion& c : p.criteria) {
        criteria += (criteria.empty() ? "" : "；") + in_lang(caller.lang, c.name_zh, c.name_en) +
                    " " + std::to_string(c.weight);
      }
      row.set("criteria", criteria);
      std::string mix;
      for (const auto& [sector, minimum] : p.sector_minimums) {
        mix +=
            (mix.empty() ? "" : " ") +
            std::string(caller.lang == Lang::zh ? sector_name_zh(sector) : sector_name_en(sector)) +
            "≥" + std::to_string(minimum);
      }
      row.set("panel",
              translate("page.plan_panel",
                        {{"k", std::to_string(p.experts_per_application)},
                         {"load", std::to_string(p.max_load)},
                         {"mix", mix},
                         {"method", translate("page.aggregation_" +
                                                  std::string(aggregation_name(p.aggregation)),
                                              {}, caller.lang)}},
                        caller.lang));
      if (!p.return_reason.empty()) row.set("return_reason", p.return_reason);
    }
    bodies.push_back(row);
  }
  view.set("bodies", bodies);
  View lists{View::type::list};
  for (const List& l : stored->campaign.lists) {
    View row{View::type::object};
    row.set("code", l.code);
    row.set("name", in_lang(caller.lang, l.name_zh, l.name_en));
    lists.push_back(row);
  }
  view.set("lists", lists);
  http::Response response = render_page("secretariat_review", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response act(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  std::string action = form["action"];
  if (action != "approve" && action != "return") {
    Error e = make_error(ErrorCode::field_invalid, "field", "action", "detail", action);
    return review_page(app, caller, request, message(e, caller.lang), "", 400);
  }
  PlanAction a = action == "approve" ? PlanAction::approve : PlanAction::return_;
  auto done = app.store().act_on_review_plan(stored->id, form["body"], a, form["reason"],
                                             actor_of(caller), app.now());
  if (!done) {
    return review_page(app, caller, request, message(done.error(), caller.lang), "",
                       status_of(done.error().code));
  }
  return review_page(
      app, caller, request, "",
      translate(a == PlanAction::approve ? "page.plan_approved_ok" : "page.plan_returned_ok",
                {{"body", form["body"]}}, caller.lang),
      200);
}

// The final panel (终评专家组): appointed to the lists ticked, with an invitation for the
// account that administers it (imports its experts, files its plan, runs its assignment).
http::Response form_panel(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto refuse = [&](const Error& e) {
    return review_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  auto stored = app.store().latest_campaign();
  if (!stored) return refuse(stored.error());
  ReviewBody panel{form["name"], form["admin_login"], false, {}, true};
  if (panel.name.empty() || panel.name.size() > 200) {
    return refuse(make_error(ErrorCode::field_invalid, "field", "name", "detail", "1-200"));
  }
  for (const List& l : stored->campaign.lists) {
    if (form["list_" + l.code] == "on") panel.covers.push_back({l.code, ""});
  }
  if (panel.covers.empty()) {
    return refuse(make_error(ErrorCode::field_invalid, "field", "lists", "detail",
                             translate("page.final_panel_no_list", {}, caller.lang)));
  }
  if (auto ok = check_login(form["admin_login"]); !ok) return refuse(ok.error());
  if (form["admin_name"].empty()) {
    return refuse(make_error(ErrorCode::import_cell_empty, "field", "admin_name"));
  }
  // Checked before appointing, so that a taken login leaves no panel without its admin.
  if (app.store().account_by_login(form["admin_login"])) {
    return refuse(make_error(ErrorCode::account_exists, "login", form["admin_login"]));
  }
  auto id = app.store().appoint_review_body(stored->id, panel, actor_of(caller), app.now());
  if (!id) return refuse(id.error());
  Account admin;
  admin.login = form["admin_login"];
  admin.role = Role::review_body;
  admin.display_name = form["admin_name"];
  admin.review_body_id = *id;
  if (auto invited = invite_account(app, caller, admin); !invited) return refuse(invited.error());
  return review_page(app, caller, request, "",
                     translate("page.final_panel_formed",
                               {{"body", panel.name}, {"login", admin.login}}, caller.lang),
                     200);
}

}  // namespace

std::vector<RouteSpec> secretariat_review_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/secretariat/review", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return review_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/secretariat/review", k_secretariat, false, 0, act});
  routes.push_back(
      {Method::post, "/secretariat/review/panel", k_secretariat, false, 0, form_panel});
  return routes;
}

}  // namespace kczg::web
