// kczg library search: the achievements library from the command line, with the same
// index, query and filters as /library, one entry per line or JSON lines.
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands.hpp"
#include "web/library/library_service.hpp"

namespace kczg::cli {

int run_library_search(const Context& ctx, const LibrarySearch& search) {
  auto query = web::library_query({search.q, search.list, search.field, search.year, search.region,
                                   search.maturity, search.page},
                                  search.limit);
  if (!query) return report(ctx, query.error());
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  web::LibraryCache cache;
  auto snapshot = cache.current(**store);
  if (!snapshot) return report(ctx, snapshot.error());
  match::LibraryResults results = (*snapshot)->index.search(*query);
  for (const match::LibraryHit& hit : results.hits) {
    const LibraryRecord& r = (*snapshot)->records[hit.profile];
    if (search.json) {
      *ctx.out << nlohmann::ordered_json{{"id", r.id},
                                         {"year", r.year},
                                         {"list", r.list},
                                         {"field", r.field},
                                         {"name", r.name},
                                         {"holder", r.holder},
                                         {"region", region_of_uscc(r.holder_uscc)},
                                         {"score", hit.score}}
                      .dump()
               << "\n";
    } else {
      *ctx.out << r.id << "\t" << r.year << "\t" << r.list << (r.field.empty() ? "" : "/" + r.field)
               << "\t" << r.name << "\t" << r.holder << "\n";
    }
  }
  if (!search.json) {
    *ctx.out << ctx.text("ui.library_found", {{"total", std::to_string(results.total)}}) << "\n";
  }
  return k_exit_ok;
}

}  // namespace kczg::cli
