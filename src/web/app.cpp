#include "web/app.hpp"

#include <algorithm>
#include <stdexcept>

#include "web/responses.hpp"
#include "web/security/secrets.hpp"

namespace kczg::web {
namespace {

bool changes_state(http::Method method) {
  return method == http::Method::post || method == http::Method::put ||
         method == http::Method::patch || method == http::Method::delete_;
}

bool admits(const RouteSpec& spec, Role role) {
  return std::ranges::find(spec.roles, Role::visitor) != spec.roles.end() ||
         std::ranges::find(spec.roles, role) != spec.roles.end();
}

}  // namespace

void harden(http::Response& response) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; script-src 'self'; style-src 'self'; "
                      "img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                      "form-action 'self'; frame-ancestors 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "same-origin");
}

Lang request_lang(const http::Request& request) {
  for (std::string_view given : {request.query_param("lang"), request.cookie("kczg_lang")}) {
    if (auto lang = lang_from_name(given); lang && !given.empty()) return *lang;
  }
  std::string_view accept = request.header("accept-language");
  if (accept.starts_with("en")) return Lang::en;
  return Lang::zh;
}

std::vector<RouteSpec> all_routes() {
  std::vector<RouteSpec> routes;
  for (auto table : {public_routes,
                     account_routes,
                     secretariat_routes,
                     api_routes,
                     application_routes,
                     unit_routes,
                     overview_routes,
                     application_api_routes,
                     review_routes,
                     review_pool_routes,
                     review_assignment_routes,
                     board_routes,
                     expert_routes,
                     secretariat_review_routes,
                     review_api_routes,
                     formal_check_routes,
                     formal_check_api_routes,
                     final_review_routes,
                     final_review_api_routes,
                     notice_routes,
                     notice_api_routes,
                     lists_routes,
                     lists_api_routes,
                     library_routes,
                     library_api_routes,
                     demand_routes,
                     docking_routes,
                     matching_api_routes,
                     partner_routes,
                     partner_api_routes,
                     event_routes,
                     event_api_routes}) {
    for (RouteSpec& spec : table()) routes.push_back(std::move(spec));
  }
  return routes;
}

App::App(Store& store, WebOptions options)
    : m_store(store),
      m_options(std::move(options)),
      m_blobs(m_options.blob_dir),
      m_routes(all_routes()) {}

Instant App::now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

http::Router App::router() {
  http::Router router;
  for (const RouteSpec& spec : m_routes) {
    http::FastHandler fast;
    if (spec.fast) {
      // The fast path skips guard(), which is only sound where guard() has nothing to do.
      if (spec.method != http::Method::get || !admits(spec, Role::visitor)) {
        throw std::logic_error("a fast path on a guarded route: " + spec.pattern);
      }
      fast = [this, &spec](const http::Request& request) -> std::optional<http::Response> {
        if (!request.cookie("kczg_session").empty() || !request.header("authorization").empty() ||
            !request.query_param("lang").empty()) {
          return std::nullopt;
        }
        return spec.fast(*this, request_lang(request), request);
      };
    }
    router.add(
        spec.method, spec.pattern,
        [this, &spec](http::Request& request) { return guard(spec, request); },
        spec.body_limit ? spec.body_limit : m_options.form_limit, std::move(fast));
  }
  return router;
}

Caller App::identify(const RouteSpec& spec, const http::Request& request) {
  Caller caller;
  caller.lang = request_lang(request);
  std::string_view authorization = request.header("authorization");
  if (spec.api && authorization.starts_with("Bearer ")) {
    if (auto account = m_store.account_by_api_token(token_hash(authorization.substr(7)))) {
      caller.role = account->role;
      caller.account = std::move(*account);
      caller.by_api_token = true;
    }
    return caller;
  }
  std::string_view sid = request.cookie("kczg_session");
  if (sid.empty()) return caller;
  std::string hash = token_hash(sid);
  if (auto session = m_store.session(hash, now())) {
    caller.role = session->account.role;
    caller.account = std::move(session->account);
    caller.session_hash = std::move(hash);
    caller.csrf_token = std::move(session->csrf_token);
  }
  return caller;
}

http::Response App::guard(const RouteSpec& spec, http::Request& request) {
  Caller caller = identify(spec, request);
  http::Response response;
  if (!admits(spec, caller.role)) {
    if (!caller.account) {
      response = spec.api ? error_json(caller.lang, 401, make_error(ErrorCode::not_signed_in))
                          : http::redirect("/sign-in?next=" + http::url_encode(request.target));
    } else {
      response = error_response(spec.api, caller.lang, 403, forbidden_role(caller.role));
    }
  } else if (changes_state(request.method) && !caller.session_hash.empty() &&
             !same_secret(csrf_of(request), caller.csrf_token)) {
    // A session's state-changing request must carry its CSRF token; API tokens are not
    // sent by browsers on their own, so they need none.
    response = error_response(spec.api, caller.lang, 403, make_error(ErrorCode::csrf_failed));
  } else {
    response = spec.handler(*this, caller, request);
  }
  if (!request.query_param("lang").empty()) {
    response.set_cookie({"kczg_lang", caller.lang == Lang::en ? "en" : "zh", "/",
                         std::chrono::hours(24 * 365), false, request.secure, "Lax"});
  }
  return response;
}

std::optional<std::string> App::fresh_home(Lang lang) {
  auto now = std::chrono::steady_clock::now();
  const CachedPage& page = m_home[lang == Lang::en ? 1 : 0];
  std::lock_guard lock(m_home_mutex);
  if (page.body.empty() || now - page.rendered >= std::chrono::seconds(1)) return std::nullopt;
  return page.body;
}

std::string App::cached_home(Lang lang, const std::function<std::string()>& render) {
  auto now = std::chrono::steady_clock::now();
  CachedPage& page = m_home[lang == Lang::en ? 1 : 0];
  {
    std::lock_guard lock(m_home_mutex);
    if (!page.body.empty() && now - page.rendered < std::chrono::seconds(1)) return page.body;
  }
  std::string body = render();
  std::lock_guard lock(m_home_mutex);
  page = {body, now};
  return body;
}

}  // namespace kczg::web
