// Request accessors. Lookups are linear scans: a request carries a few dozen headers and
// parameters at most, and vectors keep their order for handlers that care.
#include <cstdlib>

#include "web/http/ascii.hpp"
#include "web/http/http.hpp"
#include "web/http/url.hpp"

namespace kczg::web::http {
namespace {

template <typename Pairs>
std::string_view find_value(const Pairs& pairs, std::string_view name) {
  for (const auto& [key, value] : pairs) {
    if (key == name) return value;
  }
  return {};
}

}  // namespace

std::string_view method_name(Method method) {
  switch (method) {
    case Method::get:
      return "GET";
    case Method::head:
      return "HEAD";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::delete_:
      return "DELETE";
    case Method::options:
      return "OPTIONS";
    case Method::other:
      break;
  }
  return "OTHER";
}

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

std::string_view Request::query_param(std::string_view name) const {
  return find_value(query, name);
}

long long Request::path_number(std::string_view name) const {
  return std::atoll(std::string(path_param(name)).c_str());
}

std::string_view Request::path_param(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Request::cookie(std::string_view name) const {
  // RFC 6265 §5.4: "a=1; b=2". Proxies speaking HTTP/2 upstream may split cookies over
  // several Cookie headers, so every one is searched. The first match wins, as browsers
  // send the most specific path first.
  for (const auto& [key, value] : headers) {
    if (!iequals(key, "cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
      std::string_view v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return v;
    }
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> Request::form() const {
  // A JSON or multipart body is not a form even if it happens to contain '='. Requests
  // built by hand in tests often omit Content-Type, so absence counts as a form.
  std::string_view type = header("content-type");
  type = trim(type.substr(0, type.find(';')));
  if (!type.empty() && !iequals(type, "application/x-www-form-urlencoded")) return {};
  return parse_urlencoded(body);
}

}  // namespace kczg::web::http
