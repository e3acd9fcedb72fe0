// kczg import experts FILE --body NAME
#include <ostream>

#include "cli/commands.hpp"
#include "tabular/table.hpp"
#include "web/review/expert_import.hpp"

namespace kczg::cli {

int run_import_experts(const Context& ctx, const std::filesystem::path& file,
                       const std::string& body) {
  auto table = tabular::read_table(file);
  if (!table) return report(ctx, table.error());
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto campaign = (*store)->latest_campaign_id();
  if (!campaign) return report(ctx, campaign.error());
  auto experts = web::experts_from_table(**store, *campaign, body, *table);
  if (!experts) {
    // A missing column or an unknown body is one message; bad rows are listed.
    const std::vector<Error>& errors = experts.error();
    if (errors.size() == 1 && errors[0].param("row").empty()) return report(ctx, errors[0]);
    return report_rows(ctx, errors);
  }
  auto ids = (*store)->add_experts(*campaign, body, *experts, ctx.actor, now());
  if (!ids) return report(ctx, ids.error());
  *ctx.out << ctx.text("ui.import_experts_done", {{"count", std::to_string(ids->size())}}) << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
