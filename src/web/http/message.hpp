// Private: conversion between Beast's messages and kczg's Request/Response. Only the
// connection code includes this header.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "web/http/http.hpp"

namespace kczg::web::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

Method to_method(boost::beast::http::verb verb);

// Method, target, decoded path and query, and lower-cased headers of `message`; the body
// is left for the caller (it is read after routing).
Request request_head(const BeastRequest& message);

// The message to write for `response`. The server owns framing: Content-Length is set
// from the body (for HEAD from the body that is then dropped; none for 1xx, 204, 304),
// handler-set Content-Length/Connection/Transfer-Encoding are ignored, Server is "kczg".
// A status outside 100-599 becomes a 500.
BeastResponse to_beast(Response response, unsigned version, bool head, bool keep_alive);

}  // namespace kczg::web::http
