// Private: the responses the server produces itself, without a handler (errors, 405 with
// its Allow list), and the exception barrier around handlers. Kept free of Beast so the
// rules can be read and tested apart from the socket code.
#pragma once

#include <string_view>

#include "web/http/http.hpp"

namespace kczg::web::http {

// "404 Not Found" style plain-text response for `status`.
Response error_response(int status);

// 405 with "Allow: GET, HEAD, POST" listing the methods `router` has for `path`.
Response method_not_allowed(const Router& router, std::string_view path);

// Runs `handler`; an escaping exception becomes a 500 rather than killing a worker thread.
Response call_handler(const Handler& handler, Request& request);
// Runs a fast path; one that throws declines, and the worker's handler answers instead.
std::optional<Response> call_fast_handler(const FastHandler& fast, const Request& request);

}  // namespace kczg::web::http
