#include "web/pages/invitation.hpp"

#include "web/security/secrets.hpp"

namespace kczg::web {

Result<long long> invite_account(App& app, const Caller& caller, const Account& account) {
  Account invited = account;
  invited.status = AccountStatus::invited;
  auto id = app.store().create_account(invited, "", actor_of(caller), app.now());
  if (!id) return fail(id.error());
  std::string token = random_token();
  Instant expires = app.now() + std::chrono::hours(72);
  if (auto link = app.store().create_link(token_hash(token), "invitation", *id, expires, app.now());
      !link) {
    return fail(link.error());
  }
  (void)app.store().enqueue_mail({0,
                                  account.login,
                                  translate("page.set_password_title", {}, caller.lang),
                                  app.options().base_url + "/invite/" + token,
                                  {}},
                                 app.now());
  return *id;
}

}  // namespace kczg::web
