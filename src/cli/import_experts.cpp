// kczg import experts FILE --body NAME
#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "domain/division.hpp"
#include "domain/expert.hpp"
#include "tabular/table.hpp"

namespace kczg::cli {
namespace {

// The file's rows keyed by column name; a required column missing from the header is
// refused before any row is read, so that one wrong heading is one message, not one per row.
Result<std::vector<ExpertRow>> expert_rows(const tabular::Table& table) {
  std::vector<const ExpertColumn*> columns;
  for (const std::string& header : table.header) {
    columns.push_back(expert_column_for_header(header));
  }
  for (const ExpertColumn& column : expert_columns()) {
    if (column.required && std::ranges::find(columns, &column) == columns.end()) {
      return fail(make_error(ErrorCode::import_missing_column, "column", std::string(column.name)));
    }
  }
  std::vector<ExpertRow> rows;
  rows.reserve(table.rows.size());
  for (const tabular::Row& r : table.rows) {
    ExpertRow row{r.number, {}};
    for (std::size_t c = 0; c < columns.size() && c < r.cells.size(); ++c) {
      if (columns[c]) row.cells[std::string(columns[c]->name)] = r.cells[c];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

int run_import_experts(const Context& ctx, const std::filesystem::path& file,
                       const std::string& body) {
  auto table = tabular::read_table(file);
  if (!table) return report(ctx, table.error());
  auto rows = expert_rows(*table);
  if (!rows) return report(ctx, rows.error());
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = (*store)->latest_campaign_id();
  if (!campaign) return report(ctx, campaign.error());
  auto pool = (*store)->experts(*campaign, body);
  if (!pool) return report(ctx, pool.error());
  std::set<std::string> stored_emails;
  for (const Expert& e : *pool) stored_emails.insert(email_key(e.email));
  auto experts = check_expert_rows(*rows, gb2260(), stored_emails);
  if (!experts) return report_rows(ctx, experts.error());
  auto ids = (*store)->add_experts(*campaign, body, *experts, ctx.actor, now());
  if (!ids) return report(ctx, ids.error());
  *ctx.out << ctx.text("ui.import_experts_done", {{"count", std::to_string(ids->size())}}) << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
