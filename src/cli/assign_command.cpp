// kczg assign --body NAME [--dry-run]: one exact assignment run of a review body.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "cli/commands.hpp"
#include "review/review_run.hpp"
#include "store/json_codec.hpp"
#include "tabular/table.hpp"

namespace kczg::cli {
namespace {

std::string fixed(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

// Everything the run reads, from the store.
Result<review::AssignmentInputs> load_inputs(Store& store, const StoredCampaign& stored,
                                             const ReviewBody& body, const ReviewPlan& plan) {
  review::AssignmentInputs inputs;
  inputs.plan = plan;
  const std::vector<Coverage>& covers = plan_coverage(plan, body);
  auto units = store.units();
  if (!units) return fail(units.error());
  auto summaries = store.application_summaries(stored.id, {});
  if (!summaries) return fail(summaries.error());
  for (const ApplicationSummary& s : *summaries) {
    if (!review::in_review_scope(covers, s.application)) continue;
    review::ReviewCandidate c{
        s.application, s.applicant_name, s.applicant_uscc, s.unit_name, "", {}};
    auto unit =
        std::ranges::find_if(*units, [&](const Unit& u) { return u.id == s.application.unit_id; });
    if (unit != units->end()) c.unit_uscc = unit->uscc;
    auto content = store.application_content(s.application.id);
    if (!content) return fail(content.error());
    c.values = store::values_from_json(*content);
    inputs.applications.push_back(std::move(c));
  }
  auto experts = store.experts(stored.id, body.name);
  if (!experts) return fail(experts.error());
  inputs.experts = std::move(*experts);
  auto declared = store.declared_conflicts(stored.id, body.name);
  if (!declared) return fail(declared.error());
  inputs.declared = std::move(*declared);
  auto rules = store.pair_rules(stored.id, body.name);
  if (!rules) return fail(rules.error());
  inputs.rules = std::move(*rules);
  auto assigned = store.assignments(stored.id, body.name);
  if (!assigned) return fail(assigned.error());
  for (const ReviewAssignment& a : *assigned) {
    if (a.state == AssignmentState::declined) inputs.declined.push_back(a);
  }
  return inputs;
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

// The body's inputs under its plan, which must be valid, and approved when `approved`.
Result<review::AssignmentInputs> body_inputs(Store& store, const StoredCampaign& stored,
                                             const std::string& body_name, bool approved) {
  const ReviewBody* body = find_review_body(stored.campaign, body_name);
  if (!body) {
    return fail(make_error(ErrorCode::review_body_unknown, "body", body_name));
  }
  auto plan = store.review_plan(stored.id, body_name);
  if (!plan) return fail(plan.error());
  if (!*plan) {
    return fail(make_error(ErrorCode::plan_not_approved, "state", "none", "state_zh", "未报送",
                           "state_en", "not filed"));
  }
  if (auto problems = validate_plan(**plan); !problems.empty()) return fail(problems.front());
  if (approved) {
    if (auto can = check_review_can_start(**plan); !can) return fail(can.error());
  }
  return load_inputs(store, stored, *body, **plan);
}

std::string violation_text(const Context& ctx, const review::AssignmentInputs& inputs,
                           const review::Violation& v) {
  auto application = [&](int i) {
    return i >= 0 && std::size_t(i) < inputs.applications.size()
               ? std::to_string(inputs.applications[std::size_t(i)].application.id)
               : "?";
  };
  auto expert = [&](int j) {
    return j >= 0 && std::size_t(j) < inputs.experts.size()
               ? std::to_string(inputs.experts[std::size_t(j)].id)
               : "?";
  };
  std::string sector;
  if (v.sector >= 0 && std::size_t(v.sector) < k_sectors.size()) {
    Sector s = k_sectors[std::size_t(v.sector)];
    sector = ctx.lang == Lang::zh ? sector_name_zh(s) : sector_name_en(s);
  }
  return ctx.text("violation." + std::string(review::violation_kind_name(v.kind)),
                  {{"application", application(v.application)},
                   {"expert", expert(v.expert)},
                   {"sector", sector},
                   {"have", std::to_string(v.have)},
                   {"limit", std::to_string(v.limit)}});
}

}  // namespace

int run_assign(const Context& ctx, const std::string& body_name, bool dry_run) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = (*store)->latest_campaign();
  if (!stored) return report(ctx, stored.error());
  // A dry run shows what a plan would give before it is approved; storing needs approval.
  auto inputs = body_inputs(**store, *stored, body_name, !dry_run);
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
  auto inputs = body_inputs(**store, *stored, body_name, true);
  if (!inputs) return report(ctx, inputs.error());
  auto current = (*store)->assignments(stored->id, body_name);
  if (!current) return report(ctx, current.error());
  auto changed = review::reassign(*inputs, *current, application, expert_from, expert_to);
  if (!changed) return report(ctx, changed.error());
  if (!changed->violations.empty()) {
    for (const review::Violation& v : changed->violations) {
      *ctx.err << violation_text(ctx, *inputs, v) << "\n";
    }
    *ctx.err << ctx.text("ui.reassign_refused",
                         {{"count", std::to_string(changed->violations.size())}})
             << "\n";
    return k_exit_bad_input;
  }
  if (auto saved = (*store)->replace_assignments(stored->id, body_name, changed->assignments,
                                                 ctx.actor, now());
      !saved) {
    return report(ctx, saved.error());
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
  auto inputs = body_inputs(**store, *stored, body_name, false);
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
