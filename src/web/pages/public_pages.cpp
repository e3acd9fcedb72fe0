// Pages anyone may open: home, health, static files, sign-in and -out, registration,
// invitations and password resets.
#include "domain/phase_clock.hpp"
#include "domain/uscc.hpp"
#include "i18n/labels.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/session.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/security/secrets.hpp"

namespace kczg::web {
namespace {

using http::Method;

View campaign_view(const Campaign& c, Lang lang, Instant now) {
  View v{View::type::object};
  v.set("name", in_lang(lang, c.name_zh, c.name_en));
  View lists{View::type::list};
  for (const List& l : c.lists) {
    View row{View::type::object};
    row.set("name", in_lang(lang, l.name_zh, l.name_en));
    row.set("target", std::to_string(l.target_size));
    row.set("fields", field_names(l, lang));
    lists.push_back(row);
  }
  v.set("lists", lists);
  View phases{View::type::list};
  for (const Phase& p : c.phases) {
    View row{View::type::object};
    row.set("name", phase_label(p.kind, lang));
    row.set("dates", p.starts_at && p.ends_at
                         ? format_shanghai(*p.starts_at) + " — " + format_shanghai(*p.ends_at)
                         : translate("page.not_scheduled", {}, lang));
    phases.push_back(row);
  }
  v.set("phases", phases);
  if (auto open = workflow_phase(c, now)) {
    v.set("phase_now", phase_label(*open, lang));
    v.set("deadline", format_shanghai(*find_phase(c, *open)->ends_at));
  }
  return v;
}

http::Response home_response(std::string body, bool personal) {
  http::Response response = http::text_response(200, std::move(body), "text/html; charset=utf-8");
  response.set_header("Cache-Control", personal ? "private, no-store" : "public, max-age=5");
  return response;
}

http::Response home(App& app, const Caller& caller, http::Request& request) {
  auto render = [&] {
    View view = page_view(caller, request, "home_title");
    if (auto c = app.store().latest_campaign()) {
      view.set("campaign", campaign_view(c->campaign, caller.lang, app.now()));
    }
    return render_page("home", std::move(view)).body;
  };
  std::string body = caller.account ? render() : app.cached_home(caller.lang, render);
  return home_response(std::move(body), caller.account.has_value());
}

std::optional<http::Response> fresh_home(App& app, Lang lang, const http::Request&) {
  std::optional<std::string> body = app.fresh_home(lang);
  if (!body) return std::nullopt;
  return home_response(std::move(*body), false);
}

http::Response sign_in_page(const Caller& caller, const http::Request& request,
                            const std::string& error, const std::string& login, int status) {
  View view = page_view(caller, request, "sign_in_title");
  view.set("next", std::string(request.query_param("next")));
  view.set("error", error);
  view.set("login", login);
  return render_page("sign_in", std::move(view), status);
}

http::Response sign_in(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  const std::string& login = form["login"];
  auto refuse = [&](const Error& e) {
    View view = page_view(caller, request, "sign_in_title");
    view.set("next", form["next"]);
    view.set("error", message(e, caller.lang));
    view.set("login", login);
    return render_page("sign_in", std::move(view), status_of(e.code));
  };
  Store& store = app.store();
  const WebOptions& o = app.options();
  auto by_account = store.throttle_hit("sign-in:account:" + login, app.now(), o.throttle_window);
  auto by_address =
      store.throttle_hit("sign-in:address:" + request.remote_address, app.now(), o.throttle_window);
  if (!by_account || !by_address)
    return refuse(make_error(ErrorCode::database_unavailable, "detail", ""));
  if (*by_account > o.sign_in_attempts_per_account ||
      *by_address > o.sign_in_attempts_per_address) {
    return refuse(make_error(ErrorCode::sign_in_throttled, "seconds",
                             std::to_string(o.throttle_window.count())));
  }
  auto account = store.account_by_login(login);
  // The same answer for an unknown account and a wrong password.
  if (!account || account->status != AccountStatus::active ||
      !verify_password(store.password_hash(account->id).value_or(""), form["password"])) {
    return refuse(make_error(ErrorCode::sign_in_failed));
  }
  (void)store.throttle_clear("sign-in:account:" + login);
  // Only failures count against an address: an office behind one NAT signs in all day.
  (void)store.throttle_forgive("sign-in:address:" + request.remote_address);
  return start_session(app, request, *account, safe_next(form["next"]));
}

http::Response register_page(const Caller& caller, const http::Request& request,
                             std::map<std::string, std::string> form, const std::string& error,
                             int status) {
  View view = page_view(caller, request, "register_title");
  for (const char* key : {"name", "uscc", "contact", "login"}) view.set(key, form[key]);
  std::string kind = form["kind"].empty() ? "enterprise" : form["kind"];
  view.set("kind_" + kind, true);
  view.set("error", error);
  return render_page("register", std::move(view), status);
}

Result<Account> register_applicant(App& app, std::map<std::string, std::string>& form) {
  auto kind = applicant_kind_from_name(form["kind"]);
  if (!kind)
    return fail(make_error(ErrorCode::field_invalid, "field", "kind", "detail", form["kind"]));
  if (form["name"].empty()) return fail(make_error(ErrorCode::import_cell_empty, "field", "name"));
  if (form["contact"].empty())
    return fail(make_error(ErrorCode::import_cell_empty, "field", "contact"));
  std::string uscc;
  if (*kind != ApplicantKind::person) {
    uscc = normalize_uscc(form["uscc"]);
    if (auto checked = check_uscc(uscc, gb2260()); !checked) {
      Error e = checked.error();
      e.params.emplace_back("field", "uscc");
      return fail(e);
    }
  }
  if (auto ok = check_login(form["login"]); !ok) return fail(ok.error());
  if (auto ok = check_new_password(form["password"], form["password2"]); !ok)
    return fail(ok.error());
  Store& store = app.store();
  if (store.account_by_login(form["login"])) {
    return fail(make_error(ErrorCode::account_exists, "login", form["login"], "field", "login"));
  }
  Actor self{Role::applicant, form["login"]};
  auto applicant =
      store.add_applicant({0, *kind, form["name"], uscc, form["contact"]}, self, app.now());
  if (!applicant) return fail(applicant.error());
  Account account;
  account.login = form["login"];
  account.role = Role::applicant;
  account.display_name = form["name"];
  account.status = AccountStatus::active;
  account.applicant_id = *applicant;
  auto id = store.create_account(account, hash_password(form["password"]), self, app.now());
  if (!id) return fail(id.error());
  account.id = *id;
  return account;
}

http::Response set_password_page(const Caller& caller, const http::Request& request,
                                 const std::string& error, int status) {
  View view = page_view(caller, request, "set_password_title");
  view.set("action", request.path);
  view.set("error", error);
  return render_page("set_password", std::move(view), status);
}

// POST /invite/{token} and /reset/{token}: a one-use link sets the password.
http::Response use_link(App& app, const Caller& caller, http::Request& request,
                        std::string_view purpose) {
  auto form = form_fields(request);
  if (auto ok = check_new_password(form["password"], form["password2"]); !ok) {
    return set_password_page(caller, request, message(ok.error(), caller.lang), 400);
  }
  std::string hash = token_hash(request.path_param("token"));
  auto account_id = app.store().consume_link(hash, purpose, app.now());
  if (!account_id)
    return set_password_page(caller, request, message(account_id.error(), caller.lang), 400);
  auto account = app.store().account(*account_id);
  if (!account) return error_response(false, caller.lang, 404, account.error());
  Actor self{account->role, account->login};
  if (auto set =
          app.store().set_password(*account_id, hash_password(form["password"]), self, app.now());
      !set) {
    return error_response(false, caller.lang, 503, set.error());
  }
  View view = page_view(caller, request, "sign_in_title");
  view.set("notice", translate("page.password_set", {}, caller.lang));
  view.set("login", account->login);
  return render_page("sign_in", std::move(view));
}

http::Response request_reset(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  if (auto account = app.store().account_by_login(form["login"]);
      account && account->status == AccountStatus::active) {
    std::string token = random_token();
    Instant expires = app.now() + std::chrono::hours(1);
    if (app.store().create_link(token_hash(token), "reset", account->id, expires, app.now())) {
      std::string link = app.options().base_url + "/reset/" + token;
      (void)app.store().enqueue_mail(
          {0, account->login, translate("page.reset_title", {}, caller.lang), link, {}}, app.now());
    }
  }
  View view = page_view(caller, request, "reset_title");
  view.set("notice", translate("page.reset_sent", {}, caller.lang));
  return render_page("reset", std::move(view));
}

}  // namespace

std::vector<RouteSpec> public_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/", k_everyone, false, 0, home});
  routes.back().fast = fresh_home;
  routes.push_back(
      {Method::get, "/healthz", k_everyone, false, 0, [](App& app, const Caller&, http::Request&) {
         bool up = app.store().ping().has_value();
         return http::text_response(up ? 200 : 503, up ? "ok\n" : "database unavailable\n");
       }});
  routes.push_back({Method::get, "/static/{file}", k_everyone, false, 0,
                    [](App& app, const Caller&, http::Request& request) {
                      return http::static_file(app.options().static_dir, request.path_param("file"),
                                               request, std::chrono::hours(24));
                    }});
  routes.push_back({Method::get, "/sign-in", k_everyone, false, 0,
                    [](App&, const Caller& caller, http::Request& request) {
                      return sign_in_page(caller, request, "", "", 200);
                    }});
  routes.push_back({Method::post, "/sign-in", k_everyone, false, 0, sign_in});
  routes.push_back({Method::post, "/sign-out", k_signed_in, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      return end_session(app, caller, request);
                    }});
  routes.push_back({Method::get, "/register", k_everyone, false, 0,
                    [](App&, const Caller& caller, http::Request& request) {
                      return register_page(caller, request, {}, "", 200);
                    }});
  routes.push_back({Method::post, "/register", k_everyone, false, 0,
                    [](App& app, const Caller& caller, http::Request& request) {
                      auto form = form_fields(request);
                      auto account = register_applicant(app, form);
                      if (!account) {
                        return register_page(caller, request, form,
                                             message(account.error(), caller.lang),
                                             status_of(account.error().code));
                      }
                      return start_session(app, request, *account, "/dashboard");
                    }});
  for (std::string purpose : {"invitation", "reset"}) {
    std::string pattern = purpose == "invitation" ? "/invite/{token}" : "/reset/{token}";
    routes.push_back({Method::get, pattern, k_everyone, false, 0,
                      [](App&, const Caller& caller, http::Request& request) {
                        return set_password_page(caller, request, "", 200);
                      }});
    routes.push_back({Method::post, pattern, k_everyone, false, 0,
                      [purpose](App& app, const Caller& caller, http::Request& request) {
                        return use_link(app, caller, request, purpose);
                      }});
  }
  routes.push_back({Method::get, "/reset", k_everyone, false, 0,
                    [](App&, const Caller& caller, http::Request& request) {
                      return render_page("reset", page_view(caller, request, "reset_title"));
                    }});
  routes.push_back({Method::post, "/reset", k_everyone, false, 0, request_reset});
  return routes;
}

}  // namespace kczg::web
