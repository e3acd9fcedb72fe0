// /api/v1 for the formal check: the campaign's possible repeats with their evidence, as
// the secretariat's page shows them.
#include <nlohmann/json.hpp>

#include "web/app.hpp"
#include "web/formal/duplicate_check.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;

ordered_json item_json(const match::ListedItem& item) {
  return {{"id", item.id},          {"year", item.year},     {"list", item.list},
          {"name", item.name},      {"holder", item.holder}, {"holder_uscc", item.holder_uscc},
          {"summary", item.summary}};
}

http::Response duplicates(App& app, const Caller& caller, http::Request&) {
  auto stored = app.store().latest_campaign();
  if (!stored) return error_json(caller.lang, status_of(stored.error().code), stored.error());
  auto findings = campaign_duplicates(app.store(), *stored);
  if (!findings) return error_json(caller.lang, 503, findings.error());
  ordered_json out = ordered_json::array();
  for (const DuplicateFinding& f : *findings) {
    out.push_back({{"application", f.application.application.id},
                   {"kind", match::duplicate_kind_name(f.hit.kind)},
                   {"score", f.hit.score},
                   {"text_similarity", f.hit.text_similarity},
                   {"within_campaign", f.within_campaign},
                   {"matched", item_json(f.match)},
                   {"passages", f.hit.passages}});
  }
  http::Response response =
      json_response(200, out.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

std::vector<RouteSpec> formal_check_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/formal-check/duplicates",
                    std::vector<Role>{Role::secretariat}, true, 0, duplicates});
  return routes;
}

}  // namespace kczg::web
