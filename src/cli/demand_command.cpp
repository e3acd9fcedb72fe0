// kczg import demands FILE --poster LOGIN: a pilot city's (or the secretariat's) sheet of
// technical demands, posted whole for review, or refused whole with every row's problem.
// kczg match run: the nightly re-match — every open demand against the library, each new
// match at or above the threshold proposed and mailed to both sides, as an approval does.
#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "domain/demand_import.hpp"
#include "tabular/table.hpp"
#include "web/matching/matching_service.hpp"

namespace kczg::cli {

int run_import_demands(const Context& ctx, const std::filesystem::path& file,
                       const std::string& poster_login) {
  auto table = tabular::read_table(file);
  if (!table) return report(ctx, table.error());
  std::vector<const DemandColumn*> columns;
  for (const std::string& header : table->header) {
    columns.push_back(demand_column_for_header(header));
  }
  for (const DemandColumn& column : demand_columns()) {
    if (column.required && std::ranges::find(columns, &column) == columns.end()) {
      return report(
          ctx, make_error(ErrorCode::import_missing_column, "column", std::string(column.name)));
    }
  }
  std::vector<DemandRow> rows;
  for (const tabular::Row& r : table->rows) {
    DemandRow row{r.number, {}};
    for (std::size_t c = 0; c < columns.size() && c < r.cells.size(); ++c) {
      if (columns[c]) row.cells[std::string(columns[c]->name)] = r.cells[c];
    }
    rows.push_back(std::move(row));
  }
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto poster = (*store)->account_by_login(poster_login);
  if (!poster) return report(ctx, poster.error());
  if (poster->role != Role::pilot_city && poster->role != Role::secretariat &&
      poster->role != Role::applicant) {
    return report(ctx, forbidden_role(poster->role));
  }
  Instant at = now();
  auto demands = check_demand_rows(rows, poster->id, shanghai_date(at));
  if (!demands) return report_rows(ctx, demands.error());
  auto ids = (*store)->post_demands(*demands, {poster->role, poster->login}, at);
  if (!ids) return report(ctx, ids.error());
  *ctx.out << ctx.text("ui.import_demands_done", {{"count", std::to_string(ids->size())}}) << "\n";
  return k_exit_ok;
}

int run_match(const Context& ctx) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  web::LibraryCache cache;
  auto library = cache.current(**store);
  if (!library) return report(ctx, library.error());
  auto open = (*store)->demands({DemandState::open, 0, ""});
  if (!open) return report(ctx, open.error());
  int proposed = 0;
  for (const Demand& d : *open) {
    auto n = web::propose_matches(**store, **library, d, ctx.actor, now());
    if (!n) return report(ctx, n.error());
    proposed += *n;
  }
  *ctx.out << ctx.text("ui.match_run_done", {{"demands", std::to_string(open->size())},
                                             {"proposed", std::to_string(proposed)}})
           << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
