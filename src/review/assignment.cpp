#include "review/assignment.hpp"

#include <algorithm>
#include <utility>

#include "review/assignment_model.hpp"
#include "review/assignment_solve.hpp"

namespace kczg::review {
namespace {

using detail::AssignmentModel;
using Network = AssignmentOptions::Network;

// Why application `a`, given `assigned`, is short: every cause that applies, or
// load_exhausted when none of the others does.
std::vector<ShortfallCause> shortfall_causes(const AssignmentModel& model, int a,
                                             const std::vector<int>& assigned) {
  std::vector<int> eligible(model.sectors, 0), have(model.sectors, 0);
  for (int s = 0; s < model.sectors; ++s)
    eligible[s] = static_cast<int>(model.sector_experts[s].size());
  for (int e : model.excluded[a])
    if (model.expert_capacity[e] > 0 && detail::sector_open(model, model.expert_sector[e]))
      --eligible[model.expert_sector[e]];
  for (int e : assigned) ++have[model.expert_sector[e]];
  int usable = 0;  // eligible experts that the sector maximums let in
  for (int s = 0; s < model.sectors; ++s) usable += std::min(eligible[s], model.sector_max[s]);

  std::vector<ShortfallCause> causes;
  if (usable < model.k) causes.push_back({ShortfallReason::too_few_eligible, -1, usable, model.k});
  for (int s = 0; s < model.sectors; ++s) {
    if (have[s] >= model.sector_min[s]) continue;
    const ShortfallReason reason = eligible[s] < model.sector_min[s]
                                       ? ShortfallReason::sector_too_few_eligible
                                       : ShortfallReason::sector_load_exhausted;
    causes.push_back({reason, s, eligible[s], model.sector_min[s]});
  }
  if (causes.empty()) causes.push_back({ShortfallReason::load_exhausted, -1, usable, model.k});
  return causes;
}

// Objective parts from the assignment itself, so the reported numbers do not depend on
// how the network was built.
void score(const AssignmentProblem& problem, const AssignmentModel& model,
           AssignmentResult& result) {
  std::vector<int> load(model.experts, 0);
  for (size_t a = 0; a < result.assignment.experts.size(); ++a) {
    const auto& fixed = model.fixed[a];
    for (int e : result.assignment.experts[a]) {
      ++load[e];
      auto it = std::lower_bound(fixed.begin(), fixed.end(), e,
                                 [](const detail::FixedArc& f, int x) { return f.expert < x; });
      if (it != fixed.end() && it->expert == e) result.objective += it->gain;
    }
    for (const Candidate& c : problem.affinity[a])
      if (std::binary_search(result.assignment.experts[a].begin(),
                             result.assignment.experts[a].end(), c.expert))
        result.affinity += c.affinity;
  }
  for (int l : load) result.load_cost += detail::load_cost(model, l);
  result.objective -= result.load_cost + model.shortfall_penalty * result.missing;
}

}  // namespace

Result<AssignmentResult> assign_experts(const AssignmentProblem& problem,
                                        const AssignmentOptions& options) {
  auto model = detail::build_model(problem);
  if (!model) return fail(model.error());
  auto solution = detail::solve(*model, options);
  if (!solution) return fail(solution.error());

  AssignmentResult result;
  result.assignment = std::move(solution->assignment);
  result.rejected_forced = model->rejected_forced;
  result.shortfall_penalty = model->shortfall_penalty;
  result.statistics = solution->statistics;
  for (int a = 0; a < model->applications; ++a) {
    const int missing = solution->missing[a];
    if (missing == 0) continue;
    result.missing += missing;
    result.unstaffed.push_back(
        {a, missing, shortfall_causes(*model, a, result.assignment.experts[a])});
  }
  score(problem, *model, result);
  result.bound = static_cast<int64_t>(-solution->cost_bound);
  return result;
}

std::string_view shortfall_reason_name(ShortfallReason reason) {
  switch (reason) {
    case ShortfallReason::too_few_eligible:
      return "too_few_eligible";
    case ShortfallReason::sector_too_few_eligible:
      return "sector_too_few_eligible";
    case ShortfallReason::sector_load_exhausted:
      return "sector_load_exhausted";
    case ShortfallReason::load_exhausted:
      return "load_exhausted";
  }
  return "";
}

std::string_view network_name(Network network) {
  switch (network) {
    case Network::automatic:
      return "automatic";
    case Network::full:
      return "full";
    case Network::pricing:
      return "pricing";
    case Network::hubs:
      return "hubs";
  }
  return "";
}

std::string_view forced_rejection_name(ForcedRejection reason) {
  switch (reason) {
    case ForcedRejection::conflict:
      return "conflict";
    case ForcedRejection::forbidden:
      return "forbidden";
    case ForcedRejection::expert_full:
      return "expert_full";
    case ForcedRejection::application_full:
      return "application_full";
    case ForcedRejection::sector_full:
      return "sector_full";
  }
  return "";
}

}  // namespace kczg::review
