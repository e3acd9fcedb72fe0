// write_xlsx over libxlsxwriter, whose C errors become file_write_failed here.
#include <xlsxwriter.h>

#include <cstdint>
#include <memory>
#include <string>

#include "tabular/table.hpp"

namespace kczg::tabular {

namespace {

// Frees a workbook that was never closed; workbook_close frees it otherwise.
struct WorkbookFree {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};

Error write_failed(const std::filesystem::path& path, std::string detail) {
  return make_error(ErrorCode::file_write_failed, "path", path.string(), "detail",
                    std::move(detail));
}

Result<void> write_row(lxw_worksheet* sheet, std::size_t row_index,
                       const std::vector<std::string>& cells, lxw_format* format,
                       const std::filesystem::path& path) {
  for (std::size_t column = 0; column < cells.size(); ++column) {
    // An empty string would be written as an empty shared string; leave the cell blank.
    if (cells[column].empty()) continue;
    if (row_index > LXW_ROW_MAX - 1 || column > LXW_COL_MAX - 1) {
      return fail(write_failed(path, "more rows or columns than Excel allows"));
    }
    const lxw_error error =
        worksheet_write_string(sheet, static_cast<lxw_row_t>(row_index),
                               static_cast<lxw_col_t>(column), cells[column].c_str(), format);
    if (error != LXW_NO_ERROR) {
      return fail(write_failed(path, "row " + std::to_string(row_index + 1) + " column " +
                                         std::to_string(column + 1) + ": " + lxw_strerror(error)));
    }
  }
  return {};
}

}  // namespace

Result<void> write_xlsx(const std::filesystem::path& path, std::string_view sheet_name,
                        const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  std::unique_ptr<lxw_workbook, WorkbookFree> workbook(workbook_new(path.c_str()));
  if (!workbook) return fail(write_failed(path, "cannot create workbook"));

  const std::string name(sheet_name);
  if (const lxw_error error = workbook_validate_sheet_name(workbook.get(), name.c_str());
      error != LXW_NO_ERROR) {
    return fail(write_failed(path, "sheet name '" + name + "': " + lxw_strerror(error)));
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook.get(), name.c_str());
  if (sheet == nullptr) return fail(write_failed(path, "cannot add sheet '" + name + "'"));

  lxw_format* bold = workbook_add_format(workbook.get());
  format_set_bold(bold);
  if (auto written = write_row(sheet, 0, header, bold, path); !written) return written;
  worksheet_freeze_panes(sheet, 1, 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (auto written = write_row(sheet, i + 1, rows[i], nullptr, path); !written) return written;
  }

  // workbook_close writes the file and frees the workbook whatever the outcome.
  const lxw_error error = workbook_close(workbook.release());
  if (error != LXW_NO_ERROR) return fail(write_failed(path, lxw_strerror(error)));
  return {};
}

}  // namespace kczg::tabular
