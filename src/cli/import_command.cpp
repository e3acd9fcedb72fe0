// kczg import units FILE
#include <algorithm>
#include <array>
#include <ostream>

#include "cli/commands.hpp"
#include "domain/division.hpp"
#include "tabular/table.hpp"

namespace kczg::cli {
namespace {

// Column names in English or as Chinese spreadsheets head them.
struct Column {
  std::string_view key;
  std::array<std::string_view, 3> aliases;
};
constexpr std::array<Column, 5> k_unit_columns{{
    {"name", {"单位名称", "名称", "推荐单位"}},
    {"uscc", {"统一社会信用代码", "信用代码", "USCC"}},
    {"channels", {"推荐渠道", "渠道", "channel"}},
    {"region", {"所在地区", "地区", "行政区划代码"}},
    {"contact", {"联系人", "联系方式", "联系人及联系方式"}},
}};

constexpr int k_progress_rows = 1000;  // files larger than this get a progress line

Result<std::array<std::size_t, 5>> locate_columns(const tabular::Table& table) {
  std::array<std::size_t, 5> index{};
  for (std::size_t c = 0; c < k_unit_columns.size(); ++c) {
    const Column& column = k_unit_columns[c];
    auto found = std::ranges::find_if(table.header, [&](const std::string& h) {
      return h == column.key || std::ranges::find(column.aliases, h) != column.aliases.end();
    });
    // contact is optional: a unit may be imported first and its contact filled in later.
    if (found == table.header.end() && column.key != "contact") {
      return fail(make_error(ErrorCode::import_missing_column, "column", std::string(column.key)));
    }
    index[c] = std::size_t(found - table.header.begin());
  }
  return index;
}

std::vector<UnitRow> unit_rows(const tabular::Table& table, const std::array<std::size_t, 5>& at) {
  auto cell = [](const tabular::Row& row, std::size_t i) {
    return i < row.cells.size() ? row.cells[i] : std::string();
  };
  std::vector<UnitRow> rows;
  rows.reserve(table.rows.size());
  for (const tabular::Row& r : table.rows) {
    rows.push_back(
        {r.number, cell(r, at[0]), cell(r, at[1]), cell(r, at[2]), cell(r, at[3]), cell(r, at[4])});
  }
  return rows;
}

}  // namespace

Result<std::vector<UnitRow>> read_unit_rows(const std::filesystem::path& file) {
  auto table = tabular::read_table(file);
  if (!table) return fail(table.error());
  auto columns = locate_columns(*table);
  if (!columns) return fail(columns.error());
  return unit_rows(*table, *columns);
}

int run_import_units(const Context& ctx, const std::filesystem::path& file) {
  auto rows = read_unit_rows(file);
  if (!rows) return report(ctx, rows.error());
  if (rows->size() > k_progress_rows) {
    *ctx.err << ctx.text("ui.import_progress", {{"rows", std::to_string(rows->size())}}) << "\n";
  }
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = (*store)->latest_campaign();
  if (!campaign) return report(ctx, campaign.error());
  auto stored_usccs = (*store)->unit_usccs();
  if (!stored_usccs) return report(ctx, stored_usccs.error());
  auto units = check_unit_rows(campaign->campaign, *rows, gb2260(), *stored_usccs);
  if (!units) return report_rows(ctx, units.error());
  auto ids = (*store)->add_units(*units, ctx.actor, now());
  if (!ids) return report(ctx, ids.error());
  *ctx.out << ctx.text("ui.import_done", {{"count", std::to_string(ids->size())}}) << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
