// Accounts that others create — the secretariat's staff accounts, a review body's experts —
// start invited: no password, and a one-use link through the outbox to set one.
#pragma once

#include "web/app.hpp"

namespace kczg::web {

// Creates `account` as invited and queues its invitation link (valid 72 hours) to its
// login. Returns the account id. Errors those of Store::create_account and create_link.
Result<long long> invite_account(App& app, const Caller& caller, const Account& account);

}  // namespace kczg::web
