// check_assignment: the rules of assignment.hpp, checked one by one on any assignment,
// so a review body's manual swaps after optimising are held to the same rules.
#include <algorithm>
#include <set>
#include <utility>

#include "review/assignment.hpp"

namespace kczg::review {
namespace {

using PairSet = std::set<std::pair<int, int>>;

PairSet pair_set(const std::vector<ExpertPair>& pairs) {
  PairSet out;
  for (const ExpertPair& p : pairs) out.emplace(p.application, p.expert);
  return out;
}

}  // namespace

std::vector<Violation> check_assignment(const AssignmentProblem& problem,
                                        const Assignment& assignment) {
  std::vector<Violation> out;
  const int applications = static_cast<int>(problem.affinity.size());
  const int experts = static_cast<int>(problem.experts.size());
  const int k = problem.experts_per_application;
  const PairSet conflicts = pair_set(problem.conflicts);
  const PairSet forbidden = pair_set(problem.forbidden);
  std::vector<int> load(experts, 0);

  for (int a = 0; a < static_cast<int>(assignment.experts.size()); ++a) {
    if (a >= applications) {
      out.push_back({ViolationKind::unknown_application, a});
      continue;
    }
    std::vector<int> sector_count;
    std::vector<int> seen;
    for (int e : assignment.experts[a]) {
      if (e < 0 || e >= experts) {
        out.push_back({ViolationKind::unknown_expert, a, e});
        continue;
      }
      if (std::find(seen.begin(), seen.end(), e) != seen.end()) {
        out.push_back({ViolationKind::duplicate_expert, a, e});
        continue;
      }
      seen.push_back(e);
      ++load[e];
      if (conflicts.contains({a, e})) out.push_back({ViolationKind::conflict, a, e});
      if (forbidden.contains({a, e})) out.push_back({ViolationKind::forbidden, a, e});
      const int s = problem.experts[e].sector;
      if (s < 0 || s > 1'000) continue;  // out of range: assign_experts refuses the problem
      if (s >= static_cast<int>(sector_count.size())) sector_count.resize(s + 1, 0);
      ++sector_count[s];
    }
    if (static_cast<int>(seen.size()) != k)
      out.push_back({ViolationKind::wrong_count, a, -1, -1, static_cast<int>(seen.size()), k});
    for (int s = 0; s < static_cast<int>(problem.sectors.size()); ++s) {
      const SectorRule& rule = problem.sectors[s];
      const int have = s < static_cast<int>(sector_count.size()) ? sector_count[s] : 0;
      if (have < rule.min)
        out.push_back({ViolationKind::sector_below_min, a, -1, s, have, rule.min});
      if (rule.max != -1 && have > rule.max)
        out.push_back({ViolationKind::sector_above_max, a, -1, s, have, rule.max});
    }
  }
  // Applications the assignment does not list have no experts at all.
  for (int a = static_cast<int>(assignment.experts.size()); a < applications; ++a) {
    if (k != 0) out.push_back({ViolationKind::wrong_count, a, -1, -1, 0, k});
    for (int s = 0; s < static_cast<int>(problem.sectors.size()); ++s)
      if (problem.sectors[s].min > 0)
        out.push_back({ViolationKind::sector_below_min, a, -1, s, 0, problem.sectors[s].min});
  }
  for (int e = 0; e < experts; ++e)
    if (load[e] > problem.experts[e].max_load)
      out.push_back({ViolationKind::over_load, -1, e, -1, load[e], problem.experts[e].max_load});
  for (const auto& [a, e] : pair_set(problem.forced)) {
    if (a < 0 || a >= applications || e < 0 || e >= experts) continue;
    const bool listed = a < static_cast<int>(assignment.experts.size());
    if (!listed || std::find(assignment.experts[a].begin(), assignment.experts[a].end(), e) ==
                       assignment.experts[a].end())
      out.push_back({ViolationKind::forced_missing, a, e});
  }
  return out;
}

std::string_view violation_kind_name(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::wrong_count:
      return "wrong_count";
    case ViolationKind::unknown_expert:
      return "unknown_expert";
    case ViolationKind::duplicate_expert:
      return "duplicate_expert";
    case ViolationKind::over_load:
      return "over_load";
    case ViolationKind::conflict:
      return "conflict";
    case ViolationKind::forbidden:
      return "forbidden";
    case ViolationKind::forced_missing:
      return "forced_missing";
    case ViolationKind::sector_below_min:
      return "sector_below_min";
    case ViolationKind::sector_above_max:
      return "sector_above_max";
    case ViolationKind::unknown_application:
      return "unknown_application";
  }
  return "";
}

}  // namespace kczg::review
