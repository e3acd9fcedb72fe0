// The campaign's tables as a report reads them (applications, recommendations), built
// once for the secretariat's downloads and for `kczg export`.
#pragma once

#include <string>
#include <vector>

#include "domain/campaign.hpp"
#include "i18n/catalog.hpp"
#include "store/store.hpp"
#include "web/http/http.hpp"

namespace kczg::web {

struct ExportTable {
  std::string sheet;  // worksheet name, e.g. "applications"
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// A table's header: each key's column.<key> name in `lang`.
std::vector<std::string> column_header(Lang lang, std::initializer_list<std::string_view> keys);

// Whether a unit recommended the application at some point (it used the unit's quota).
bool was_recommended(ApplicationState state);

ExportTable applications_table(const Campaign& campaign,
                               const std::vector<ApplicationSummary>& summaries, Lang lang);
// Applications a unit has recommended (whatever happened to them since), by unit.
ExportTable recommendations_table(const Campaign& campaign,
                                  const std::vector<ApplicationSummary>& summaries, Lang lang);

// The table as CSV (UTF-8 with BOM) or XLSX bytes, through src/tabular.
// Errors those of tabular::write_csv / write_xlsx.
Result<std::string> table_bytes(const ExportTable& table, const std::string& format);

// The table as a private download named `file_stem`.`format` ("csv" or "xlsx").
// Errors those of table_bytes.
Result<http::Response> table_download(const ExportTable& table, const std::string& format,
                                      const std::string& file_stem);

}  // namespace kczg::web
