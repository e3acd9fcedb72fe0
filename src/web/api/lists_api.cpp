// /api/v1 for the published lists (public) and for publishing them (secretariat).
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/app.hpp"
#include "web/publication/lists_service.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;

http::Response years(App& app, const Caller& caller, http::Request&) {
  auto all = app.store().publications();
  if (!all) return error_json(caller.lang, 503, all.error());
  ordered_json out = ordered_json::array();
  for (const Publication& p : *all) {
    out.push_back({{"year", p.year},
                   {"published_at", format_shanghai(p.published_at)},
                   {"entries", p.entries}});
  }
  return dump_json(200, out, "public, max-age=60");
}

http::Response year(App& app, const Caller& caller, http::Request& request) {
  int y = std::atoi(std::string(request.path_param("year")).c_str());
  auto lists = published_lists(app.store(), y);
  if (!lists) return error_json(caller.lang, status_of(lists.error().code), lists.error());
  ordered_json entries = ordered_json::array();
  for (const NoticeEntry& e : lists->entries) {
    entries.push_back({{"application", e.application_id},
                       {"number", e.number},
                       {"name", e.name},
                       {"holder", e.holder},
                       {"unit", e.unit},
                       {"list", e.list},
                       {"field", e.field}});
  }
  return dump_json(200,
                   {{"year", y},
                    {"published_at", format_shanghai(lists->publication.published_at)},
                    {"entries", entries}},
                   "public, max-age=60");
}

http::Response publish(App& app, const Caller& caller, http::Request&) {
  auto published = publish_latest(app.store(), actor_of(caller), app.now());
  if (!published) {
    return error_json(caller.lang, status_of(published.error().code), published.error());
  }
  return dump_json(200, {{"entries", *published}}, "private, no-store");
}

}  // namespace

std::vector<RouteSpec> lists_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/lists", k_everyone, true, 0, years});
  routes.push_back({Method::get, "/api/v1/lists/{year}", k_everyone, true, 0, year});
  routes.push_back({Method::post, "/api/v1/publication", std::vector<Role>{Role::secretariat}, true,
                    0, publish});
  return routes;
}

}  // namespace kczg::web
