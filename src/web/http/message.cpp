#include "web/http/message.hpp"

#include <boost/beast/http/status.hpp>
#include <cstdio>

#include "web/http/ascii.hpp"
#include "web/http/url.hpp"

namespace kczg::web::http {
namespace beast_http = boost::beast::http;
namespace {

bool framing_header(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "connection") ||
         iequals(name, "transfer-encoding") || iequals(name, "server");
}

// A CR or LF in a header value would let a handler that echoes user input (a redirect
// target, a file name) split the response; Beast does not check, so replace them.
std::string header_safe(std::string value) {
  for (char& c : value) {
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  }
  return value;
}

}  // namespace

Method to_method(beast_http::verb verb) {
  switch (verb) {
    case beast_http::verb::get:
      return Method::get;
    case beast_http::verb::head:
      return Method::head;
    case beast_http::verb::post:
      return Method::post;
    case beast_http::verb::put:
      return Method::put;
    case beast_http::verb::patch:
      return Method::patch;
    case beast_http::verb::delete_:
      return Method::delete_;
    case beast_http::verb::options:
      return Method::options;
    default:
      return Method::other;
  }
}

Request request_head(const BeastRequest& message) {
  Request request;
  request.method = to_method(message.method());
  request.target = std::string(message.target());
  SplitTarget split = split_target(request.target);
  request.path = url_decode(split.path, false);
  request.query = parse_urlencoded(split.query);
  for (const auto& field : message) {
    request.headers.emplace_back(ascii_lower(field.name_string()), std::string(field.value()));
  }
  return request;
}

void append_chunk(std::string& out, std::string_view piece) {
  if (piece.empty()) return;  // an empty chunk would end the body
  char size[20];
  out.append(size, std::size_t(std::snprintf(size, sizeof size, "%zx\r\n", piece.size())));
  out += piece;
  out += "\r\n";
}

WireResponse to_wire(Response response, unsigned version, bool head, bool keep_alive) {
  if (response.status < 100 || response.status > 599) {
    response = text_response(500, "500 Internal Server Error\n");
  }
  bool bodiless = (response.status >= 100 && response.status < 200) || response.status == 204 ||
                  response.status == 304;
  std::string_view reason =
      beast_http::obsolete_reason(static_cast<beast_http::status>(response.status));
  WireResponse wire;
  wire.status = response.status;
  std::string& out = wire.bytes;
  out.reserve(256 + response.body.size());
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out += reason;
  out += "\r\n";
  for (auto& [name, value] : response.headers) {
    if (name.empty() || framing_header(name)) continue;
    out += header_safe(name);
    out += ": ";
    out += header_safe(std::move(value));
    out += "\r\n";
  }
  out += "Server: kczg\r\n";
  bool streamed = response.stream && !bodiless;
  if (streamed && version >= 11) {
    out += "Transfer-Encoding: chunked\r\n";
  } else if (!bodiless && !streamed) {
    out += "Content-Length: ";
    out += std::to_string(response.body.size());
    out += "\r\n";
  }
  // HTTP/1.1 keeps the connection unless told; HTTP/1.0 closes it unless told.
  if (version >= 11 && !keep_alive) out += "Connection: close\r\n";
  if (version < 11 && keep_alive) out += "Connection: keep-alive\r\n";
  out += "\r\n";
  if (!bodiless && !head) {
    wire.body_bytes = response.body.size();
    if (streamed && version >= 11) {
      append_chunk(out, response.body);
    } else {
      out += response.body;
    }
  }
  return wire;
}

}  // namespace kczg::web::http
