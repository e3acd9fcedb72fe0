// A JSON body as the API answers it. Private to src/web/api, whose files include
// nlohmann/json already.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "web/responses.hpp"

namespace kczg::web {

// Invalid UTF-8 from stored text is replaced rather than thrown on; `cache` is the
// Cache-Control header (private by default: most answers are one caller's).
inline http::Response dump_json(int status, const nlohmann::ordered_json& j,
                                std::string_view cache = "private, no-store") {
  http::Response response = json_response(
      status, j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  response.set_header("Cache-Control", std::string(cache));
  return response;
}

}  // namespace kczg::web
