#include "web/review/expert_import.hpp"

#include <algorithm>

#include "domain/division.hpp"

namespace kczg::web {
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

std::expected<std::vector<Expert>, std::vector<Error>> experts_from_table(
    Store& store, long long campaign_id, const std::string& body, const tabular::Table& table) {
  auto rows = expert_rows(table);
  if (!rows) return std::unexpected(std::vector<Error>{rows.error()});
  auto pool = store.experts(campaign_id, body);
  if (!pool) return std::unexpected(std::vector<Error>{pool.error()});
  std::set<std::string> stored_emails;
  for (const Expert& e : *pool) stored_emails.insert(email_key(e.email));
  return check_expert_rows(*rows, gb2260(), stored_emails);
}

}  // namespace kczg::web
