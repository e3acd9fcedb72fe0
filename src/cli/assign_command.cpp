// kczg assign --body NAME [--dry-run]: one exact assignment run of a review body.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "cli/commands.hpp"
#include "review/review_run.hpp"
#include "tabular/table.hpp"
#include "web/review/review_service.hpp"

namespace kczg::cli {
namespace {

std::string fixed(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

std::string shortfall_text(const Context& ctx, const review::UnstaffedApplication& u) {
  std::string why;
  for (const review::ShortfallCause& cause : u.causes) {
    std::string sector =
        cause.sector >= 0 && std::size_t(cause.sector) < k_sectors.size()
            ? std::string(ctx.lang == Lang::zh
                              ? sector_name_zh(k_sectors[std::size_t(cause.sector)])
                              : sector_name_en(k_sectors[std::size_t(cause.sector)]))
            : "";
    if (!why.empty()) why += ctx.lang == Lang::zh ? "；" : "; ";
    why += ctx.text("shortfall." + std::string(review::shortfall_reason_name(cause.reason)),
                    {{"have", std::to_string(cause.have)},
                     {"need", std::to_string(cause.need)},
                     {"sector", sector}});
  }
  return why;
}

// The engine counts in integer units of 1/affinity_scale; people read affinity units.
constexpr double k_scale = review::AssignmentProblem{}.affinity_scale;

}  // namespace

int run_assign(const Context& ctx, const std::string& body_name, bool dry_run) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = (*store)->latest_campaign();
  if (!stored) return report(ctx, stored.error());
  // A dry run shows what a plan would give before it is approved; storing needs approval.
  auto inputs = web::body_inputs(**store, *stored, body_name, !dry_run);
  if (!inputs) return report(ctx, inputs.error());
  auto run = review::run_assignment(*inputs);
  if (!run) return report(ctx, run.error());

  const review::AssignmentResult& r = run->result;
  *ctx.out << ctx.text("ui.assign_summary",
                       {{"applications", std::to_string(inputs->applications.size())},
                        {"experts", std::to_string(inputs->experts.size())},
                        {"conflicts", std::to_string(run->conflicts.size())}})
           << "\n";
  *ctx.out << ctx.text(r.objective == r.bound ? "ui.assign_optimal" : "ui.assign_gap",
                       {{"objective", fixed(double(r.objective) / k_scale)},
                        {"bound", fixed(double(r.bound) / k_scale)}})
           << "\n";
  for (const review::UnstaffedApplication& u : r.unstaffed) {
    *ctx.out << ctx.text("ui.assign_unstaffed",
                         {{"application",
                           std::to_string(
                               inputs->applications[std::size_t(u.application)].application.id)},
                          {"missing", std::to_string(u.missing)},
                          {"why", shortfall_text(ctx, u)}})
             << "\n";
  }
  for (const review::RejectedForcedPair& f : r.rejected_forced) {
    *ctx.out << ctx.text(
                    "ui.assign_forced_rejected",
                    {{"application",
                      std::to_string(
                          inputs->applications[std::size_t(f.pair.application)].application.id)},
                     {"expert", std::to_string(inputs->experts[std::size_t(f.pair.expert)].id)},
                     {"why", std::string(review::forced_rejection_name(f.reason))}})
             << "\n";
  }
  *ctx.out << ctx.text("ui.assign_time", {{"conflicts", fixed(run->conflict_seconds)},
                                          {"affinity", fixed(run->affinity_seconds)},
                                          {"assignment", fixed(run->assignment_seconds)}})
           << "\n";
  if (dry_run) {
    *ctx.out << ctx.text("ui.assign_dry_run", {}) << "\n";
    return k_exit_ok;
  }
  if (auto saved =
          (*store)->replace_assignments(stored->id, body_name, run->assignments, ctx.actor, now());
      !saved) {
    return report(ctx, saved.error());
  }
  *ctx.out << ctx.text("ui.assign_stored", {{"pairs", std::to_string(run->assignments.size())}})
           << "\n";
  return k_exit_ok;
}

int run_reassign(const Context& ctx, const std::string& body_name, long long application,
                 long long expert_from, long long expert_to) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = (*store)->latest_campaign();
  if (!stored) return report(ctx, stored.error());
  auto inputs = web::body_inputs(**store, *stored, body_name, true);
  if (!inputs) return report(ctx, inputs.error());
  auto changed = web::swap_and_store(**store, *stored, body_name, *inputs, application, expert_from,
                                     expert_to, ctx.actor, now());
  if (!changed) return report(ctx, changed.error());
  if (!changed->violations.empty()) {
    for (const review::Violation& v : changed->violations) {
      *ctx.err << web::violation_text(*inputs, v, ctx.lang) << "\n";
    }
    *ctx.err << ctx.text("ui.reassign_refused",
                         {{"count", std::to_string(changed->violations.size())}})
             << "\n";
    return k_exit_bad_input;
  }
  *ctx.out << ctx.text("ui.reassigned", {{"application", std::to_string(application)},
                                         {"from", std::to_string(expert_from)},
                                         {"to", std::to_string(expert_to)}})
           << "\n";
  return k_exit_ok;
}

int run_export_assignments(const Context& ctx, const std::string& body_name,
                           const std::string& format, const std::filesystem::path& out) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = (*store)->latest_campaign();
  if (!stored) return report(ctx, stored.error());
  auto inputs = web::body_inputs(**store, *stored, body_name, false);
  if (!inputs) return report(ctx, inputs.error());
  auto pairs = (*store)->assignments(stored->id, body_name);
  if (!pairs) return report(ctx, pairs.error());
  std::vector<std::string> why = review::explain_pairs(*inputs, *pairs);
  std::vector<std::string> head;
  for (const char* key : {"id", "title", "expert_id", "expert", "organisation", "sector",
                          "affinity", "shared_terms", "state"}) {
    head.push_back(ctx.text("column." + std::string(key), {}));
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < pairs->size(); ++i) {
    const ReviewAssignment& p = (*pairs)[i];
    auto app = std::ranges::find_if(inputs->applications, [&](const review::ReviewCandidate& c) {
      return c.application.id == p.application_id;
    });
    auto expert =
        std::ranges::find_if(inputs->experts, [&](const Expert& e) { return e.id == p.expert_id; });
    char affinity[32];
    std::snprintf(affinity, sizeof affinity, "%.3f", p.affinity);
    rows.push_back(
        {std::to_string(p.application_id),
         app == inputs->applications.end() ? "" : app->application.title,
         std::to_string(p.expert_id), expert == inputs->experts.end() ? "" : expert->name,
         expert == inputs->experts.end() ? "" : expert->organisation,
         expert == inputs->experts.end()
             ? ""
             : std::string(ctx.lang == Lang::zh ? sector_name_zh(expert->sector)
                                                : sector_name_en(expert->sector)),
         affinity, why[i],
         ctx.text("assignment_state." + std::string(assignment_state_name(p.state)), {})});
  }
  auto done = format == "xlsx" ? tabular::write_xlsx(out, "assignments", head, rows)
                               : tabular::write_csv(out, head, rows);
  if (!done) return report(ctx, done.error());
  *ctx.out << ctx.text("ui.exported",
                       {{"count", std::to_string(rows.size())}, {"path", out.string()}})
           << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
