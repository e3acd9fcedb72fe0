// Starting and ending sessions, shared by sign-in, registration and sign-out.
#pragma once

#include "web/app.hpp"

namespace kczg::web {

// A fresh session for `account` (never the id the browser came with, so a planted
// cookie is worthless) and a redirect to `next` that sets its cookie.
http::Response start_session(App& app, const http::Request& request, const Account& account,
                             const std::string& next);

// Ends the caller's session and clears the cookie.
http::Response end_session(App& app, const Caller& caller, const http::Request& request);

}  // namespace kczg::web
