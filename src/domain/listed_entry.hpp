// An entry of an earlier year's published list (往年入选名单): what the formal check
// compares this year's applications with, since an item listed before may not be listed
// again (2023 call).
#pragma once

#include <expected>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace kczg {

struct ListedEntry {
  long long id = 0;  // 0 until stored
  int year = 0;
  std::string list;  // the list's code as it was then; lists are renamed between years
  std::string name;
  std::string holder;       // holder or enterprise; "" when the item is the holder
  std::string holder_uscc;  // "" when unknown
  std::string summary;
  std::string field;             // the field's code; "" when unknown (imported from a file)
  long long application_id = 0;  // the application published as this entry; 0 if imported

  bool operator==(const ListedEntry&) const = default;
};

// A column of a prior-lists file: `name` is the key in ListedRow::cells.
struct ListedColumn {
  std::string_view name;
  std::string_view label_zh;
  bool required;
};
std::span<const ListedColumn> listed_columns();
// The column a header names (English key or Chinese label, spaces ignored), or nullptr.
const ListedColumn* listed_column_for_header(std::string_view header);

struct ListedRow {
  int row = 0;  // as a person sees it (header is row 1)
  std::map<std::string, std::string> cells;
};

// The rows as entries, all good or refused whole with every problem, each with row and
// column: import_cell_empty for a required cell; field_invalid for a year that is not a
// whole number from 2000 to `latest_year`. A USCC is kept as written (early codes fail
// their check digit and are still the holder's).
std::expected<std::vector<ListedEntry>, std::vector<Error>> check_listed_rows(
    const std::vector<ListedRow>& rows, int latest_year);

}  // namespace kczg
