// kczg import listed FILE: earlier years' published lists, for the formal check.
#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "tabular/table.hpp"

namespace kczg::cli {

int run_import_listed(const Context& ctx, const std::filesystem::path& file) {
  auto table = tabular::read_table(file);
  if (!table) return report(ctx, table.error());
  std::vector<const ListedColumn*> columns;
  for (const std::string& header : table->header) {
    columns.push_back(listed_column_for_header(header));
  }
  for (const ListedColumn& column : listed_columns()) {
    if (column.required && std::ranges::find(columns, &column) == columns.end()) {
      return report(
          ctx, make_error(ErrorCode::import_missing_column, "column", std::string(column.name)));
    }
  }
  std::vector<ListedRow> rows;
  for (const tabular::Row& r : table->rows) {
    ListedRow row{r.number, {}};
    for (std::size_t c = 0; c < columns.size() && c < r.cells.size(); ++c) {
      if (columns[c]) row.cells[std::string(columns[c]->name)] = r.cells[c];
    }
    rows.push_back(std::move(row));
  }
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = (*store)->latest_campaign();
  // Entries are of years before the campaign's; with no campaign yet, of any past year.
  int latest = stored ? stored->campaign.year - 1 : 2100;
  auto entries = check_listed_rows(rows, latest);
  if (!entries) return report_rows(ctx, entries.error());
  auto added = (*store)->add_listed_entries(*entries, ctx.actor, now());
  if (!added) return report(ctx, added.error());
  *ctx.out << ctx.text("ui.import_listed_done", {{"count", std::to_string(*added)}}) << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
