#include "domain/listed_entry.hpp"

#include <array>
#include <charconv>

#include "domain/text_measure.hpp"

namespace kczg {
namespace {

constexpr std::array<ListedColumn, 6> k_columns{{
    {"year", "入选年份", true},
    {"list", "榜单", true},
    {"name", "名称", true},
    {"holder", "完成单位", false},
    {"holder_uscc", "统一社会信用代码", false},
    {"summary", "简介", false},
}};

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

}  // namespace

std::span<const ListedColumn> listed_columns() { return k_columns; }

const ListedColumn* listed_column_for_header(std::string_view header) {
  std::string h = without_spaces(header);
  for (const ListedColumn& c : k_columns) {
    if (h == c.name || h == c.label_zh) return &c;
  }
  return nullptr;
}

std::expected<std::vector<ListedEntry>, std::vector<Error>> check_listed_rows(
    const std::vector<ListedRow>& rows, int latest_year) {
  std::vector<ListedEntry> entries;
  std::vector<Error> errors;
  for (const ListedRow& r : rows) {
    auto cell = [&](std::string_view key) {
      auto it = r.cells.find(std::string(key));
      return it == r.cells.end() ? std::string() : it->second;
    };
    for (const ListedColumn& c : k_columns) {
      if (c.required && blank(cell(c.name))) {
        errors.push_back(make_error(ErrorCode::import_cell_empty, "row", std::to_string(r.row),
                                    "column", std::string(c.name), "field", std::string(c.name)));
      }
    }
    ListedEntry e;
    std::string year = cell("year");
    auto [end, ec] = std::from_chars(year.data(), year.data() + year.size(), e.year);
    if (!blank(year) && (ec != std::errc{} || end != year.data() + year.size() || e.year < 2000 ||
                         e.year > latest_year)) {
      errors.push_back(make_error(ErrorCode::field_invalid, "row", std::to_string(r.row), "column",
                                  "year", "field", "year", "detail", year));
    }
    e.list = cell("list");
    e.name = cell("name");
    e.holder = cell("holder");
    e.holder_uscc = cell("holder_uscc");
    e.summary = cell("summary");
    entries.push_back(std::move(e));
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return entries;
}

}  // namespace kczg
