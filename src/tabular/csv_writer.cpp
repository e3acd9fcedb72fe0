// write_csv: the CSV Excel opens without an import dialog.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

#include "tabular/table.hpp"

namespace kczg::tabular {

namespace {

// Without the BOM, Excel on a Chinese Windows reads UTF-8 as GB18030 and shows mojibake.
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_line_end = "\r\n";

// Quoted when it holds a delimiter, quote or line break, or when surrounding spaces
// would otherwise be lost to readers that trim.
bool needs_quotes(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !cell.empty() && (cell.front() == ' ' || cell.back() == ' ');
}

void append_cell(std::string& out, std::string_view cell) {
  if (!needs_quotes(cell)) {
    out += cell;
    return;
  }
  out += '"';
  for (const char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_record(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    append_cell(out, cells[i]);
  }
  out += k_line_end;
}

}  // namespace

Result<void> write_csv(const std::filesystem::path& path, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out(k_utf8_bom);
  append_record(out, header);
  for (const auto& row : rows) append_record(out, row);

  errno = 0;
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (file) file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (file) file.close();
  if (!file) {
    return fail(make_error(ErrorCode::file_write_failed, "path", path.string(), "detail",
                           errno != 0 ? std::strerror(errno) : "write failed"));
  }
  return {};
}

}  // namespace kczg::tabular
