// The secretariat's pages: campaign settings and phase control, accounts, units, the
// audit log and the outbox.

#include <memory>
#include <stdexcept>

#include "domain/division.hpp"
#include "i18n/labels.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/invitation.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/security/secrets.hpp"

namespace kczg::web {
namespace {

using http::Method;
const std::vector<Role> k_secretariat{Role::secretariat};

// datetime-local values are Asia/Shanghai civil time without an offset.
std::string local_input(const std::optional<Instant>& at) {
  return at ? format_shanghai(*at).substr(0, 16) : std::string();
}
Result<std::optional<Instant>> parse_local(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<Instant>{};
  std::string iso = text.size() == 16 ? text + ":00+08:00" : text + "+08:00";
  auto at = parse_instant(iso);
  if (!at) return fail(make_error(ErrorCode::field_invalid, "field", field, "detail", text));
  return std::optional<Instant>{*at};
}

http::Response campaign_page(App& app, const Caller& caller, const http::Request& request,
                             const std::string& error, const std::string& notice, int status) {
  View view = page_view(caller, request, "campaign_settings");
  view.set("error", error);
  view.set("notice", notice);
  auto stored = app.store().latest_campaign();
  if (!stored) return error_response(false, caller.lang, 404, stored.error());
  const Campaign& c = stored->campaign;
  view.set("name", in_lang(caller.lang, c.name_zh, c.name_en));
  View lists{View::type::list};
  for (const List& l : c.lists) {
    View row{View::type::object};
    row.set("name", in_lang(caller.lang, l.name_zh, l.name_en));
    row.set("target", std::to_string(l.target_size));
    std::string quota;
    for (auto& [channel, n] : l.quota_per_channel)
      quota += (quota.empty() ? "" : " ") + channel + "=" + std::to_string(n);
    row.set("fields", field_names(l, caller.lang));
    row.set("quota", l.separately_organised ? "—" : quota);
    lists.push_back(row);
  }
  view.set("lists", lists);
  View phases{View::type::list};
  for (const Phase& p : c.phases) {
    View row{View::type::object};
    row.set("kind", std::string(phase_name(p.kind)));
    row.set("name", phase_label(p.kind, caller.lang));
    row.set("starts_at", local_input(p.starts_at));
    row.set("ends_at", local_input(p.ends_at));
    row.set("csrf", caller.csrf_token);
    phases.push_back(row);
  }
  view.set("phases", phases);
  view.set("notes", string_list(c.notes));
  return render_page("secretariat_campaign", std::move(view), status);
}

http::Response set_phase(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto kind = phase_from_name(form["kind"]);
  auto fail_with = [&](const Error& e) {
    return campaign_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  if (!kind)
    return fail_with(make_error(ErrorCode::field_invalid, "field", "kind", "detail", form["kind"]));
  if (form["confirm"] != "yes") {
    return fail_with(make_error(ErrorCode::field_invalid, "field", "confirm", "detail",
                                translate("page.confirm_change", {}, caller.lang)));
  }
  auto starts = parse_local(form["starts_at"], "starts_at");
  if (!starts) return fail_with(starts.error());
  auto ends = parse_local(form["ends_at"], "ends_at");
  if (!ends) return fail_with(ends.error());
  auto stored = app.store().latest_campaign();
  if (!stored) return fail_with(stored.error());
  if (auto set = app.store().set_phase_dates(stored->id, *kind, *starts, *ends, actor_of(caller),
                                             app.now());
      !set) {
    return fail_with(set.error());
  }
  return campaign_page(app, caller, request, "", translate("page.phase_saved", {}, caller.lang),
                       200);
}

http::Response accounts_page(App& app, const Caller& caller, const http::Request& request,
                             const std::string& error, const std::string& notice, int status) {
  View view = page_view(caller, request, "accounts_admin");
  view.set("error", error);
  view.set("notice", notice);
  View accounts{View::type::list};
  for (const Account& a : app.store().accounts().value_or(std::vector<Account>{})) {
    View row{View::type::object};
    row.set("login", a.login);
    row.set("display_name", a.display_name);
    row.set("role", role_label(a.role, caller.lang));
    if (!a.region.empty()) row.set("region", region_label(a.region, caller.lang));
    row.set("status", translate("page.status_" + std::string(account_status_name(a.status)), {},
                                caller.lang));
    accounts.push_back(row);
  }
  view.set("accounts", accounts);
  View units{View::type::list};
  for (const Unit& u : app.store().units().value_or(std::vector<Unit>{})) {
    View row{View::type::object};
    row.set("id", std::to_string(u.id));
    row.set("name", u.name);
    units.push_back(row);
  }
  view.set("units", units);
  return render_page("secretariat_accounts", std::move(view), status);
}

http::Response create_account(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto refuse = [&](const Error& e) {
    return accounts_page(app, caller, request, message(e, caller.lang), "", status_of(e.code));
  };
  auto role = role_from_name(form["role"]);
  if (!role || *role == Role::applicant || *role == Role::visitor) {
    return refuse(make_error(ErrorCode::field_invalid, "field", "role", "detail", form["role"]));
  }
  if (auto ok = check_login(form["login"]); !ok) return refuse(ok.error());
  if (form["display_name"].empty())
    return refuse(make_error(ErrorCode::import_cell_empty, "field", "display_name"));
  Account account;
  account.login = form["login"];
  account.role = *role;
  account.display_name = form["display_name"];
  if (*role == Role::unit) {
    long long unit_id = std::atoll(form["unit_id"].c_str());
    if (!app.store().unit(unit_id)) {
      return refuse(
          make_error(ErrorCode::unit_not_found, "unit", form["unit_id"], "field", "unit_id"));
    }
    account.unit_id = unit_id;
  }
  if (*role == Role::pilot_city) {
    // A pilot city (park) admin reviews the demands of its province: its region is its
    // city's or park's GB/T 2260 code.
    std::string region = form["region"];
    if (region.size() != 6 || !gb2260().find(region)) {
      return refuse(make_error(ErrorCode::field_invalid, "field", "region", "detail", region));
    }
    account.region = region;
  }
  if (auto invited = invite_account(app, caller, account); !invited) {
    return refuse(invited.error());
  }
  return accounts_page(app, caller, request, "", translate("page.account_created", {}, caller.lang),
                       200);
}

AuditFilter audit_filter(const http::Request& request) {
  return {std::string(request.query_param("actor")), std::string(request.query_param("action")),
          std::string(request.query_param("object"))};
}

http::Response audit_page(App& app, const Caller& caller, http::Request& request) {
  AuditFilter filter = audit_filter(request);
  View view = page_view(caller, request, "audit_log");
  view.set("actor", filter.actor);
  view.set("action", filter.action);
  view.set("object", filter.object);
  view.set("actor_q", http::url_encode(filter.actor));
  view.set("action_q", http::url_encode(filter.action));
  view.set("object_q", http::url_encode(filter.object));
  View entries{View::type::list};
  for (const AuditEntry& e :
       app.store().audit_search(filter, 200).value_or(std::vector<AuditEntry>{})) {
    View row{View::type::object};
    row.set("at", format_shanghai(e.at));
    row.set("actor", e.actor);
    row.set("role", e.role);
    row.set("action", e.action);
    row.set("object", e.object);
    row.set("before", e.before_value);
    row.set("after", e.after_value);
    entries.push_back(row);
  }
  view.set("entries", entries);
  return render_page("secretariat_audit", std::move(view));
}

// RFC 4180 quoting, and a leading apostrophe where a spreadsheet would run a formula.
std::string csv_cell(const std::string& value) {
  std::string cell = value;
  if (!cell.empty() && std::string_view("=+-@").find(cell[0]) != std::string_view::npos)
    cell = "'" + cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string audit_rows(const std::vector<AuditEntry>& entries) {
  std::string rows;
  for (const AuditEntry& e : entries) {
    for (const std::string& cell : {std::to_string(e.id), format_shanghai(e.at), e.actor, e.role,
                                    e.action, e.object, e.before_value, e.after_value}) {
      rows += csv_cell(cell) + ",";
    }
    rows.back() = '\r';
    rows += "\n";
  }
  return rows;
}

// The audit log grows without bound, so its CSV is streamed a page of rows at a time,
// oldest first, and never held whole.
http::Response audit_csv(App& app, const Caller& caller, http::Request& request) {
  constexpr std::size_t k_page = 2000;
  Store& store = app.store();
  AuditFilter filter = audit_filter(request);
  // The first page is read before answering, so that a failing store still gets a status.
  auto first = store.audit_page(filter, 0, k_page);
  if (!first) return error_response(false, caller.lang, 503, first.error());
  struct Cursor {
    long long after = 0;
    bool done = false;
  };
  auto cursor = std::make_shared<Cursor>(
      Cursor{first->empty() ? 0 : first->back().id, first->size() < k_page});
  http::Response response = http::text_response(
      200, "\xEF\xBB\xBFid,at,actor,role,action,object,before,after\r\n" + audit_rows(*first),
      "text/csv; charset=utf-8");
  response.stream = [&store, filter, cursor]() -> std::optional<std::string> {
    if (cursor->done) return std::nullopt;
    auto page = store.audit_page(filter, cursor->after, k_page);
    if (!page) throw std::runtime_error(std::string(code_name(page.error().code)));
    cursor->done = page->size() < k_page;
    if (page->empty()) return std::nullopt;
    cursor->after = page->back().id;
    return audit_rows(*page);
  };
  response.set_header("Content-Disposition", "attachment; filename=\"kczg-audit.csv\"");
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

std::vector<RouteSpec> secretariat_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/secretariat/campaign", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return campaign_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back(
      {Method::post, "/secretariat/campaign/phase", k_secretariat, false, 0, set_phase});
  routes.push_back({Method::get, "/secretariat/accounts", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return accounts_page(app, caller, request, "", "", 200);
                    }});
  routes.push_back(
      {Method::post, "/secretariat/accounts", k_secretariat, false, 0, create_account});
  routes.push_back({Method::get, "/secretariat/units", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      View view = page_view(caller, request, "units_admin");
                      View units{View::type::list};
                      for (const Unit& u : app.store().units().value_or(std::vector<Unit>{})) {
                        View row{View::type::object};
                        row.set("name", u.name);
                        row.set("uscc", u.uscc);
                        std::string channels;
                        for (const std::string& c : u.channels)
                          channels += (channels.empty() ? "" : " ") + c;
                        row.set("channels", channels);
                        row.set("region", u.region);
                        units.push_back(row);
                      }
                      view.set("units", units);
                      return render_page("secretariat_units", std::move(view));
                    }});
  routes.push_back({Method::get, "/secretariat/audit", k_secretariat, false, 0, audit_page});
  routes.push_back({Method::get, "/secretariat/audit.csv", k_secretariat, false, 0, audit_csv});
  routes.push_back({Method::get, "/secretariat/outbox", k_secretariat, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      View view = page_view(caller, request, "outbox");
                      View mail{View::type::list};
                      for (const OutboxMail& m :
                           app.store().outbox(200).value_or(std::vector<OutboxMail>{})) {
                        View row{View::type::object};
                        row.set("at", format_shanghai(m.created_at));
                        row.set("to", m.to);
                        row.set("subject", m.subject);
                        row.set("body", m.body);
                        mail.push_back(row);
                      }
                      view.set("mail", mail);
                      return render_page("secretariat_outbox", std::move(view));
                    }});
  return routes;
}

}  // namespace kczg::web
