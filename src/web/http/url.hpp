// Private helpers shared by Request and the connection: splitting a request target and
// decoding application/x-www-form-urlencoded text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kczg::web::http {

// "a=1&b=x+y&c" -> {a,1} {b,"x y"} {c,""}; empty pieces ("a=1&&b=2") are skipped.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view text);

struct SplitTarget {
  std::string_view path;   // still percent-encoded
  std::string_view query;  // after '?', without it; "" when absent
};
SplitTarget split_target(std::string_view target);

}  // namespace kczg::web::http
