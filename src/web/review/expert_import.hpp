// A review body's expert pool from a spreadsheet (CSV or XLSX), as `kczg import experts`
// and the body admin's upload read it: a bad file is refused whole, every bad row named.
#pragma once

#include <expected>
#include <vector>

#include "store/store.hpp"
#include "tabular/table.hpp"

namespace kczg::web {

// The table's experts, checked against each other and the body's pool. Errors, each with
// row and column: import_missing_column for a required column the header lacks (alone),
// or every problem check_expert_rows finds.
std::expected<std::vector<Expert>, std::vector<Error>> experts_from_table(
    Store& store, long long campaign_id, const std::string& body, const tabular::Table& table);

}  // namespace kczg::web
