// /api/v1 for the achievements library: searching it and reading an entry (public), and a
// holder keeping their entry's cooperation-facing parts up to date.
#include <nlohmann/json.hpp>

#include "web/api/api_json.hpp"
#include "web/app.hpp"
#include "web/library/library_service.hpp"
#include "web/responses.hpp"

namespace kczg::web {
namespace {

using http::Method;
using nlohmann::ordered_json;
constexpr std::size_t k_max_limit = 100;

ordered_json entry_json(const LibraryRecord& r) {
  ordered_json cooperation = ordered_json::array();
  for (Cooperation c : r.parts.cooperation) cooperation.push_back(cooperation_name(c));
  ordered_json maturity = nullptr;
  if (r.parts.maturity) maturity = maturity_name(*r.parts.maturity);
  ordered_json updated = nullptr;
  if (r.parts_updated_at) updated = format_shanghai(*r.parts_updated_at);
  return {{"id", r.id},
          {"year", r.year},
          {"list", r.list},
          {"field", r.field},
          {"name", r.name},
          {"holder", r.holder},
          {"region", region_of_uscc(r.holder_uscc)},
          {"summary", r.summary},
          {"maturity", maturity},
          {"cooperation", cooperation},
          {"note", r.parts.note},
          {"updated_at", updated}};
}

http::Response search(App& app, const Caller& caller, http::Request& request) {
  std::size_t limit = 20;
  if (std::string_view l = request.query_param("limit"); !l.empty()) {
    limit = std::size_t(std::atoll(std::string(l).c_str()));
    if (limit < 1 || limit > k_max_limit) {
      return error_json(caller.lang, 400,
                        make_error(ErrorCode::field_invalid, "field", "limit", "detail",
                                   "1.." + std::to_string(k_max_limit)));
    }
  }
  auto query = library_query(library_params(request), limit);
  if (!query) return error_json(caller.lang, 400, query.error());
  auto snapshot = app.library().current(app.store());
  if (!snapshot) return error_json(caller.lang, 503, snapshot.error());
  match::LibraryResults results = (*snapshot)->index.search(*query);
  ordered_json entries = ordered_json::array();
  for (const match::LibraryHit& hit : results.hits) {
    entries.push_back(entry_json((*snapshot)->records[hit.profile]));
    entries.back()["score"] = hit.score;
  }
  return dump_json(200,
                   ordered_json{{"total", results.total},
                                {"offset", query->offset},
                                {"limit", query->limit},
                                {"entries", entries}},
                   "public, max-age=60");
}

http::Response entry(App& app, const Caller& caller, http::Request& request) {
  long long id = request.path_number("id");
  auto record = app.store().library_record(id);
  if (!record) return error_json(caller.lang, status_of(record.error().code), record.error());
  return dump_json(200, entry_json(*record), "public, max-age=60");
}

http::Response put_holder_parts(App& app, const Caller& caller, http::Request& request) {
  ordered_json body = ordered_json::parse(request.body, nullptr, false);
  Error shape = make_error(ErrorCode::field_invalid, "field", "body", "detail",
                           "{maturity: name|null, cooperation: [name], note: text}");
  if (!body.is_object()) return error_json(caller.lang, 400, shape);
  HolderParts parts;
  if (body.contains("maturity") && !body["maturity"].is_null()) {
    if (!body["maturity"].is_string()) return error_json(caller.lang, 400, shape);
    parts.maturity = maturity_from_name(body["maturity"].get<std::string>());
    if (!parts.maturity) {
      return error_json(caller.lang, 400,
                        make_error(ErrorCode::field_invalid, "field", "maturity", "detail",
                                   body["maturity"].get<std::string>()));
    }
  }
  if (body.contains("cooperation")) {
    if (!body["cooperation"].is_array()) return error_json(caller.lang, 400, shape);
    for (const ordered_json& c : body["cooperation"]) {
      auto kind = c.is_string() ? cooperation_from_name(c.get<std::string>()) : std::nullopt;
      if (!kind) {
        return error_json(
            caller.lang, 400,
            make_error(ErrorCode::field_invalid, "field", "cooperation", "detail", c.dump()));
      }
      if (std::ranges::find(parts.cooperation, *kind) == parts.cooperation.end()) {
        parts.cooperation.push_back(*kind);
      }
    }
    std::ranges::sort(parts.cooperation);
  }
  if (body.contains("note")) {
    if (!body["note"].is_string()) return error_json(caller.lang, 400, shape);
    parts.note = body["note"].get<std::string>();
  }
  long long id = request.path_number("id");
  auto saved =
      save_holder_parts_as(app.store(), *caller.account, id, parts, actor_of(caller), app.now());
  if (!saved) return error_json(caller.lang, status_of(saved.error().code), saved.error());
  return dump_json(200, entry_json(*saved));
}

}  // namespace

std::vector<RouteSpec> library_api_routes() {
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/api/v1/library", k_everyone, true, 0, search});
  routes.push_back({Method::get, "/api/v1/library/{id}", k_everyone, true, 0, entry});
  routes.push_back(
      {Method::put, "/api/v1/library/{id}/holder", {Role::applicant}, true, 0, put_holder_parts});
  return routes;
}

}  // namespace kczg::web
