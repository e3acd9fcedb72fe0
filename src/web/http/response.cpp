// Response helpers. The connection adds Content-Length, Connection and Server itself.
#include "web/http/ascii.hpp"
#include "web/http/http.hpp"

namespace kczg::web::http {

void Response::set_header(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return iequals(header.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
}

void Response::set_cookie(const Cookie& cookie) {
  // RFC 6265 §4.1. The value is written as given: session ids and CSRF tokens are
  // base64url, which needs no quoting.
  std::string line = cookie.name + "=" + cookie.value;
  if (!cookie.path.empty()) line += "; Path=" + cookie.path;
  if (cookie.max_age.count() >= 0) {
    line += "; Max-Age=" + std::to_string(cookie.max_age.count());
    // Max-Age=0 alone is ignored by a few old clients; a past Expires deletes everywhere.
    if (cookie.max_age.count() == 0) line += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
  }
  if (cookie.http_only) line += "; HttpOnly";
  if (cookie.secure) line += "; Secure";
  if (!cookie.same_site.empty()) line += "; SameSite=" + cookie.same_site;
  headers.emplace_back("Set-Cookie", std::move(line));
}

Response text_response(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", std::move(content_type));
  return response;
}

Response redirect(std::string location, int status) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

}  // namespace kczg::web::http
