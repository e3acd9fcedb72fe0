// Technical demands from a file (XLSX or CSV, 批量导入): a pilot city collects its
// enterprises' demands in a sheet and posts them at once. The columns are the demand's
// fields, by English key or Chinese label; the sheet is taken whole or refused whole with
// every problem, each with its row and column.
#pragma once

#include <expected>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "domain/demand.hpp"

namespace kczg {

struct DemandColumn {
  std::string_view name;  // one of k_demand_fields
  std::string_view label_zh;
  bool required;
};
std::span<const DemandColumn> demand_columns();
// The column a header names (key or Chinese label, spaces ignored), or nullptr.
const DemandColumn* demand_column_for_header(std::string_view header);

struct DemandRow {
  int row = 0;                               // as a person sees it (the header is row 1)
  std::map<std::string, std::string> cells;  // by column name
};

// The rows as demands posted by `poster`, all good or refused whole: every problem of
// demand_from_fields and validate_demand on `today`, each with "row" and "column".
// Cooperation and maturity may be written as codes or in Chinese (许可、转让、联合开发、
// 投资; 研发、样机、中试、量产、上市), several cooperation kinds separated by 、 , ; or ；.
std::expected<std::vector<Demand>, std::vector<Error>> check_demand_rows(
    const std::vector<DemandRow>& rows, long long poster, std::chrono::year_month_day today);

}  // namespace kczg
