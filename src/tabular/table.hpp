// Reading and writing the spreadsheets people exchange with us: CSV and XLSX.
//
// Readers return a Table of UTF-8 text whatever the file's encoding, with every cell
// trimmed of surrounding ASCII whitespace, so an import sees the same values whether
// the file came from Excel, WPS or a text editor. Numbers, dates and codes stay the text
// the file stores: a USCC or ID number must never pass through a double.
//
// All functions are free of shared state and safe to call from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace kczg::tabular {

struct Row {
  int number;  // as a person sees it in the file or in Excel; the header is row 1
  std::vector<std::string> cells;
};

// The header is the first row that is not entirely empty. Every row has at least as many
// cells as the header (short rows are padded with ""); longer rows keep their extra
// cells. Entirely empty rows are left out, but the numbers of later rows still count them.
struct Table {
  std::vector<std::string> header;
  std::vector<Row> rows;
};

// Reads a CSV or XLSX file, told apart by content (a zip archive is XLSX), not by name.
// Errors: file_unreadable {path, detail}, plus those of parse_csv and parse_xlsx.
Result<Table> read_table(const std::filesystem::path& path);

// Parses RFC 4180 CSV in UTF-8 (a BOM is dropped) or, failing that, GB18030, which is
// what Excel on a Chinese Windows writes. Quoted fields may hold commas, quotes and
// newlines; row numbers count records, not physical lines.
// Errors: file_encoding {path} when the bytes are neither; csv_malformed {path, row,
// detail} for a stray quote or an unterminated quoted field.
Result<Table> parse_csv(std::string_view bytes, std::string_view path_for_errors);

// Parses the first worksheet (in workbook order) of an XLSX archive.
// Errors: xlsx_malformed {path, detail} for a corrupt archive, a missing or broken part,
// or a legacy .xls / encrypted workbook.
Result<Table> parse_xlsx(std::string_view bytes, std::string_view path_for_errors);

// Writes UTF-8 CSV with a BOM (so Excel picks the right encoding), CRLF line ends and
// RFC 4180 quoting. Replaces an existing file. Errors: file_write_failed {path, detail}.
Result<void> write_csv(const std::filesystem::path& path, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

// Writes one worksheet with a bold, frozen header row; every cell is a string cell, so
// Excel never turns an ID into a number. Replaces an existing file.
// Errors: file_write_failed {path, detail}, also when sheet_name is not a valid Excel
// sheet name (1..31 characters, none of []:*?/\) or a cell exceeds Excel's limits.
Result<void> write_xlsx(const std::filesystem::path& path, std::string_view sheet_name,
                        const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows);

}  // namespace kczg::tabular
