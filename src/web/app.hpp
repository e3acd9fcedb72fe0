// The kczg web application: every page and API route, each declared with the roles it
// admits, behind one authorization point (App::guard). Handlers stay thin: they parse,
// call the store or domain, and render.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "blobs/blob_store.hpp"
#include "domain/account.hpp"
#include "i18n/catalog.hpp"
#include "store/store.hpp"
#include "web/http/http.hpp"
#include "web/library/library_service.hpp"
#include "web/matching/expert_matching.hpp"
#include "web/matching/matching_service.hpp"

namespace kczg::web {

struct WebOptions {
  std::string static_dir = "static";
  std::string base_url = "http://127.0.0.1:8080";  // for links sent through the outbox
  std::chrono::hours session_lifetime{8};
  std::size_t form_limit = 64 * 1024;
  int sign_in_attempts_per_account = 5;   // per window, then 429
  int sign_in_attempts_per_address = 20;  // per window, then 429
  std::chrono::seconds throttle_window{15 * 60};
  std::string blob_dir = "var/blobs";               // attachments, content-addressed
  std::size_t attachment_limit = 20 * 1024 * 1024;  // per PDF
};

// Who is calling, resolved once per request by the authorization point.
struct Caller {
  Role role = Role::visitor;
  std::optional<Account> account;
  std::string session_hash;  // "" when not signed in through a session
  std::string csrf_token;
  bool by_api_token = false;
  Lang lang = Lang::zh;
};

// Role sets routes admit. Role::visitor admits everyone, signed in or not.
inline const std::vector<Role> k_everyone{Role::visitor};
inline const std::vector<Role> k_signed_in{Role::applicant, Role::unit,        Role::review_body,
                                           Role::expert,    Role::secretariat, Role::partner,
                                           Role::pilot_city};

class App;
using RouteHandler = std::function<http::Response(App&, const Caller&, http::Request&)>;
// A route's answer for an anonymous caller from memory, without the database, or nullopt.
using FastRouteHandler =
    std::function<std::optional<http::Response>(App&, Lang, const http::Request&)>;

struct RouteSpec {
  http::Method method;
  std::string pattern;
  // Admitted roles; Role::visitor admits everyone, signed in or not.
  std::vector<Role> roles;
  bool api = false;            // JSON errors; API tokens accepted
  std::size_t body_limit = 0;  // 0: WebOptions::form_limit
  RouteHandler handler;
  // Optional, only on GET routes open to everyone: tried on the I/O thread for callers
  // with no session, token or language switch; when it declines, `handler` answers.
  // Set after construction (routes.back().fast = …) since few routes have one.
  FastRouteHandler fast = {};
};

// Thread-safe: handlers run on the server's worker threads.
class App {
 public:
  App(Store& store, WebOptions options);

  // Every route, each wrapped by guard().
  http::Router router();
  const std::vector<RouteSpec>& routes() const { return m_routes; }

  Store& store() { return m_store; }
  LibraryCache& library() { return m_library; }
  DemandCache& open_demands() { return m_demands; }
  ExpertCache& experts() { return m_experts; }
  blobs::BlobStore& blobs() { return m_blobs; }
  const WebOptions& options() const { return m_options; }
  Instant now() const;

  // The public home page, rendered at most once a second per language: it is the page
  // everyone loads on deadline night, and it shows nothing personal.
  std::string cached_home(Lang lang, const std::function<std::string()>& render);
  // The cached home page when it is still fresh; never renders.
  std::optional<std::string> fresh_home(Lang lang);

 private:
  http::Response guard(const RouteSpec& spec, http::Request& request);
  Caller identify(const RouteSpec& spec, const http::Request& request);

  Store& m_store;
  LibraryCache m_library;
  DemandCache m_demands;
  ExpertCache m_experts;
  WebOptions m_options;
  blobs::BlobStore m_blobs;
  std::vector<RouteSpec> m_routes;
  std::mutex m_home_mutex;  // guards m_home
  struct CachedPage {
    std::string body;
    std::chrono::steady_clock::time_point rendered;
  };
  CachedPage m_home[2];
};

// Who the audit log names for a signed-in caller. REQUIRES: caller.account.
inline Actor actor_of(const Caller& caller) { return {caller.role, caller.account->login}; }

// Security headers every response carries (CSP without inline scripts, nosniff,
// frame-ancestors, Referrer-Policy); the server applies it to its own errors too.
void harden(http::Response& response);

// The language of a request: ?lang=, then the kczg_lang cookie, then Accept-Language;
// Chinese by default.
Lang request_lang(const http::Request& request);

// Route tables, one per area; App's constructor joins them.
std::vector<RouteSpec> public_routes();
std::vector<RouteSpec> account_routes();
std::vector<RouteSpec> secretariat_routes();
std::vector<RouteSpec> api_routes();
std::vector<RouteSpec> application_routes();
std::vector<RouteSpec> unit_routes();
std::vector<RouteSpec> overview_routes();
std::vector<RouteSpec> application_api_routes();
std::vector<RouteSpec> review_routes();
std::vector<RouteSpec> review_pool_routes();
std::vector<RouteSpec> review_assignment_routes();
std::vector<RouteSpec> board_routes();
std::vector<RouteSpec> expert_routes();
std::vector<RouteSpec> secretariat_review_routes();
std::vector<RouteSpec> review_api_routes();
std::vector<RouteSpec> formal_check_routes();
std::vector<RouteSpec> final_review_routes();
std::vector<RouteSpec> final_review_api_routes();
std::vector<RouteSpec> notice_routes();
std::vector<RouteSpec> notice_api_routes();
std::vector<RouteSpec> lists_routes();
std::vector<RouteSpec> lists_api_routes();
std::vector<RouteSpec> formal_check_api_routes();
std::vector<RouteSpec> library_routes();
std::vector<RouteSpec> library_api_routes();
std::vector<RouteSpec> demand_routes();
std::vector<RouteSpec> docking_routes();
std::vector<RouteSpec> matching_api_routes();
std::vector<RouteSpec> partner_routes();
std::vector<RouteSpec> partner_api_routes();
std::vector<RouteSpec> event_routes();
std::vector<RouteSpec> event_api_routes();
// Every table above, in registration order: the App's routes and the authorization
// matrix test's walk come from this one list.
std::vector<RouteSpec> all_routes();

}  // namespace kczg::web
