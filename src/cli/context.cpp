#include "cli/context.hpp"

#include <ostream>

namespace kczg::cli {

int report(const Context& context, const Error& error) {
  *context.err << "kczg: " << context.text("ui.error") << ": " << message(error, context.lang)
               << "\n";
  return k_exit_bad_input;
}

int report_rows(const Context& ctx, const std::vector<Error>& rows) {
  for (const Error& e : rows) {
    *ctx.err << ctx.text("ui.import_row_error", {{"row", std::string(e.param("row"))},
                                                 {"column", std::string(e.param("column"))},
                                                 {"message", message(e, ctx.lang)}})
             << "\n";
  }
  return report(ctx, make_error(ErrorCode::import_rejected, "count", std::to_string(rows.size())));
}

Result<std::unique_ptr<Store>> open_migrated(const Context& context) {
  auto store = open_store(context.db_url, {.connections = 2});
  if (!store) return store;
  if (auto version = (*store)->migrate(); !version) return fail(version.error());
  return store;
}

Instant now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace kczg::cli
