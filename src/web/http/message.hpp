// Private: conversion between Beast's messages and kczg's Request/Response. Only the
// connection code includes this header.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "web/http/http.hpp"

namespace kczg::web::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

Method to_method(boost::beast::http::verb verb);

// Method, target, decoded path and query, and lower-cased headers of `message`; the body
// is left for the caller (it is read after routing).
Request request_head(const BeastRequest& message);

// The bytes to write for `response`: status line, headers and body in one buffer, so a
// response is one write (Beast's serializer was a fifth of a cached page's time). The
// server owns framing: Content-Length is set from the body (for HEAD from the body that is
// then dropped; none for 1xx, 204, 304), handler-set Content-Length/Connection/
// Transfer-Encoding are ignored, Server is "kczg", Connection says what `keep_alive`
// means for `version`. A status outside 100-599 becomes a 500.
struct WireResponse {
  std::string bytes;
  int status = 0;
  std::size_t body_bytes = 0;  // as sent: 0 for HEAD, 204 and 304
};
// The status line, headers and body: Content-Length framing, or for a streamed response
// (Response::stream) chunked framing on HTTP/1.1 with `body` as the first chunk, and none
// on HTTP/1.0, whose body ends with the connection (keep_alive must be false then).
WireResponse to_wire(Response response, unsigned version, bool head, bool keep_alive);
// Appends `piece` as one chunk of a chunked body; nothing for an empty piece.
void append_chunk(std::string& out, std::string_view piece);

}  // namespace kczg::web::http
