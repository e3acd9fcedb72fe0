// Private to the assignment files: the problem after validation, in the form the flow
// network needs (indices checked, pairs grouped per application, costs scaled).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "review/assignment.hpp"

namespace kczg::review::detail {

// A pair that is always an arc: a nonzero affinity, or a forced pair.
struct FixedArc {
  int expert = 0;
  int64_t gain = 0;  // scaled affinity
  bool forced = false;
};

struct AssignmentModel {
  int applications = 0;
  int experts = 0;
  int sectors = 0;  // at least 1
  int k = 0;
  std::vector<int> sector_min;  // per sector
  std::vector<int> sector_max;  // per sector, at most k
  std::vector<int> expert_sector;
  std::vector<int> expert_capacity;
  double affinity_scale = 1;      // scaled cost units per affinity unit
  int64_t load_step = 0;          // marginal cost increase per unit of load
  int free_load = 0;              // units of load before the marginal cost rises
  int64_t shortfall_penalty = 0;  // cost of one missing expert
  // Per application, ascending: conflicting or forbidden experts.
  std::vector<std::vector<int>> excluded;
  // Per application, ascending by expert: the always-present arcs (excluded pairs and
  // experts with no load removed).
  std::vector<std::vector<FixedArc>> fixed;
  std::vector<RejectedForcedPair> rejected_forced;
  // Per sector: the experts that can take any load, ascending.
  std::vector<std::vector<int>> sector_experts;
  // Pairs run from the application's node for the sectors without a rule (route 0) and
  // from an (application, sector) node for each sector with one (routes 1..): fewer nodes
  // make the simplex faster. -1 for a closed sector (maximum 0).
  std::vector<int> sector_route;
  std::vector<int> route_sector;                // per route >= 1; route_sector[0] unused
  std::vector<std::vector<int>> route_experts;  // per route: its sectors' sector_experts
  int64_t eligible_pairs = 0;
};

// The route of an expert's pairs. REQUIRES: the expert's sector is open.
inline int expert_route(const AssignmentModel& model, int expert) {
  return model.sector_route[model.expert_sector[expert]];
}

// Whether an expert of `sector` can be assigned at all under the sector mix.
inline bool sector_open(const AssignmentModel& model, int sector) {
  return model.sector_max[sector] > 0;
}

// The load cost of an expert with `load` applications: step * n (n + 1) / 2 for the
// n = load - 1 - free_load units that cost anything.
inline int64_t load_cost(const AssignmentModel& model, int load) {
  const int64_t n = std::max(0, load - 1 - model.free_load);
  return model.load_step * n * (n + 1) / 2;
}

// Validates `problem` and builds the model. Errors as for assign_experts.
Result<AssignmentModel> build_model(const AssignmentProblem& problem);

}  // namespace kczg::review::detail
