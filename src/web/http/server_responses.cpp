#include "web/http/server_responses.hpp"

#include <string>

namespace kczg::web::http {
namespace {

std::string_view reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
  }
  return "Error";
}

}  // namespace

Response error_response(int status) {
  return text_response(status, std::to_string(status) + " " + std::string(reason(status)) + "\n");
}

Response method_not_allowed(const Router& router, std::string_view path) {
  std::string allow;
  for (Method method : {Method::get, Method::head, Method::post, Method::put, Method::patch,
                        Method::delete_, Method::options}) {
    if (router.match(method, path).handler == nullptr) continue;
    if (!allow.empty()) allow += ", ";
    allow += method_name(method);
  }
  Response response = error_response(405);
  response.set_header("Allow", std::move(allow));
  return response;
}

Response call_handler(const Handler& handler, Request& request) {
  try {
    return handler(request);
  } catch (...) {
    // Handlers report expected failures as values; anything thrown is a bug, and the
    // client should see a plain 500 rather than a dropped connection.
    return error_response(500);
  }
}

std::optional<Response> call_fast_handler(const FastHandler& fast, const Request& request) {
  try {
    return fast(request);
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace kczg::web::http
