#include "web/applications/exports.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "i18n/labels.hpp"
#include "tabular/table.hpp"
#include "web/applications/operations.hpp"

namespace kczg::web {
namespace {

std::string list_name(const Campaign& c, const Application& a, Lang lang) {
  const List* l = find_list(c, a.list);
  return l ? in_lang(lang, l->name_zh, l->name_en) : a.list;
}

std::string field_name(const Campaign& c, const Application& a, Lang lang) {
  const List* l = find_list(c, a.list);
  const Field* f = l ? find_field(*l, a.field) : nullptr;
  return f ? in_lang(lang, f->name_zh, f->name_en) : a.field;
}

}  // namespace

std::vector<std::string> column_header(Lang lang, std::initializer_list<std::string_view> keys) {
  std::vector<std::string> out;
  for (std::string_view key : keys) {
    out.push_back(translate("column." + std::string(key), {}, lang));
  }
  return out;
}

bool was_recommended(ApplicationState s) {
  using S = ApplicationState;
  return s == S::recommended || s == S::eligible || s == S::ineligible || s == S::under_review ||
         s == S::shortlisted || s == S::not_shortlisted || s == S::listed || s == S::not_listed;
}

ExportTable applications_table(const Campaign& c, const std::vector<ApplicationSummary>& summaries,
                               Lang lang) {
  ExportTable t{
      "applications",
      column_header(lang, {"number", "list", "field", "title", "applicant", "applicant_uscc",
                           "unit", "state", "submitted_at", "updated_at", "content_sha256"}),
      {}};
  for (const ApplicationSummary& s : summaries) {
    const Application& a = s.application;
    t.rows.push_back({application_number(c.year, a), list_name(c, a, lang), field_name(c, a, lang),
                      a.title, s.applicant_name, s.applicant_uscc, s.unit_name,
                      state_label(a.state, lang),
                      a.submitted_at ? format_shanghai(*a.submitted_at) : "",
                      format_shanghai(a.updated_at), a.content_sha256});
  }
  return t;
}

ExportTable recommendations_table(const Campaign& c,
                                  const std::vector<ApplicationSummary>& summaries, Lang lang) {
  ExportTable t{
      "recommendations",
      column_header(lang, {"unit", "list", "field", "number", "title", "applicant", "state"}),
      {}};
  for (const ApplicationSummary& s : summaries) {
    const Application& a = s.application;
    if (!was_recommended(a.state)) continue;
    t.rows.push_back({s.unit_name, list_name(c, a, lang), field_name(c, a, lang),
                      application_number(c.year, a), a.title, s.applicant_name,
                      state_label(a.state, lang)});
  }
  // By unit, as the call orders recommendation lists.
  std::ranges::stable_sort(t.rows, {}, [](const auto& row) { return row[0]; });
  return t;
}

Result<std::string> table_bytes(const ExportTable& table, const std::string& format) {
  // src/tabular writes files (libxlsxwriter only writes files); a private temp file is
  // the bridge.
  std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("kczg-export-" + std::to_string(std::random_device{}()) + "." + format);
  auto written = format == "xlsx" ? tabular::write_xlsx(path, table.sheet, table.header, table.rows)
                                  : tabular::write_csv(path, table.header, table.rows);
  if (!written) return fail(written.error());
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  return bytes.str();
}

Result<http::Response> table_download(const ExportTable& table, const std::string& format,
                                      const std::string& file_stem) {
  auto bytes = table_bytes(table, format);
  if (!bytes) return fail(bytes.error());
  http::Response response = http::text_response(
      200, std::move(*bytes),
      format == "csv" ? "text/csv; charset=utf-8"
                      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.set_header("Content-Disposition",
                      "attachment; filename=\"" + file_stem + "." + format + "\"");
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

}  // namespace kczg::web
