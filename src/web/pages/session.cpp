#include "web/pages/session.hpp"

#include "web/responses.hpp"
#include "web/security/secrets.hpp"

namespace kczg::web {

http::Response start_session(App& app, const http::Request& request, const Account& account,
                             const std::string& next) {
  if (std::string_view old = request.cookie("kczg_session"); !old.empty()) {
    (void)app.store().delete_session(token_hash(old));
  }
  std::string sid = random_token(), csrf = random_token();
  Instant expires = app.now() + app.options().session_lifetime;
  if (auto created =
          app.store().create_session(token_hash(sid), account.id, csrf, expires, app.now());
      !created) {
    return error_response(false, request_lang(request), 503, created.error());
  }
  http::Response response = http::redirect(next);
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(app.options().session_lifetime);
  response.set_cookie({"kczg_session", sid, "/", lifetime, true, request.secure, "Lax"});
  return response;
}

http::Response end_session(App& app, const Caller& caller, const http::Request& request) {
  if (!caller.session_hash.empty()) (void)app.store().delete_session(caller.session_hash);
  http::Response response = http::redirect("/");
  response.set_cookie(
      {"kczg_session", "", "/", std::chrono::seconds(0), true, request.secure, "Lax"});
  return response;
}

}  // namespace kczg::web
