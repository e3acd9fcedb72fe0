// kczg export applications and report tables; kczg audit export
#include <ostream>

#include "cli/commands.hpp"
#include "i18n/labels.hpp"
#include "tabular/table.hpp"
#include "web/applications/exports.hpp"
#include "web/applications/report_tables.hpp"

namespace kczg::cli {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Result<void> write(const std::filesystem::path& out, const std::string& format,
                   std::string_view sheet, const std::vector<std::string>& head, const Rows& rows) {
  if (format == "xlsx") return tabular::write_xlsx(out, sheet, head, rows);
  return tabular::write_csv(out, head, rows);
}

int exported(const Context& ctx, std::size_t count, const std::filesystem::path& out) {
  *ctx.out << ctx.text("ui.exported", {{"count", std::to_string(count)}, {"path", out.string()}})
           << "\n";
  return k_exit_ok;
}

}  // namespace

int run_export_applications(const Context& ctx, const std::string& format,
                            const std::filesystem::path& out, int year) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = year ? (*store)->campaign_by_year(year) : (*store)->latest_campaign();
  if (!campaign) return report(ctx, campaign.error());
  auto summaries = (*store)->application_summaries(campaign->id);
  if (!summaries) return report(ctx, summaries.error());
  // The same table the secretariat downloads from the overview page.
  web::ExportTable table = web::applications_table(campaign->campaign, *summaries, ctx.lang);
  if (auto done = write(out, format, table.sheet, table.header, table.rows); !done) {
    return report(ctx, done.error());
  }
  std::size_t count = table.rows.size();
  return exported(ctx, count, out);
}

int run_export_report(const Context& ctx, const std::string& name, const std::string& format,
                      const std::filesystem::path& out, int year) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = year ? (*store)->campaign_by_year(year) : (*store)->latest_campaign();
  if (!campaign) return report(ctx, campaign.error());
  Instant now =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto table = web::report_table(**store, *campaign, name, now, ctx.lang);
  if (!table) return report(ctx, table.error());
  if (auto done = write(out, format, table->sheet, table->header, table->rows); !done) {
    return report(ctx, done.error());
  }
  return exported(ctx, table->rows.size(), out);
}

int run_audit_export(const Context& ctx, const std::filesystem::path& out) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto log = (*store)->audit_log();
  if (!log) return report(ctx, log.error());
  Rows rows;
  for (const AuditEntry& e : *log) {
    rows.push_back({std::to_string(e.id), format_shanghai(e.at), e.actor, e.role, e.action,
                    e.object, e.before_value, e.after_value});
  }
  auto head = web::column_header(
      ctx.lang, {"id", "at", "actor", "role", "action", "object", "before", "after"});
  std::string format = out.extension() == ".xlsx" ? "xlsx" : "csv";
  if (auto done = write(out, format, "audit", head, rows); !done) return report(ctx, done.error());
  return exported(ctx, rows.size(), out);
}

}  // namespace kczg::cli
