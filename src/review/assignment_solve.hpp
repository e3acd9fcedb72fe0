// Private to the assignment files: from the model to an optimal assignment and its proof.
//
// The full network (assignment_network.hpp) has an arc for every eligible pair: 20M at
// 10,000 applications x 2,000 experts, too many to build. So the first network holds the
// best few listed (nonzero-affinity) pairs per application and, for the 20M pairs that
// share no terms and so all cost 0, either a hub per route (AssignmentOptions::hubs) or
// a few seed arcs per application (pricing). Then column generation: solve; price every
// pair left out (assignment_pricing.hpp); add the improving ones and solve again, warm
// when they are few (AssignmentNetwork::reoptimize); until none improves. By LP duality
// the last flow is then optimal for the full network, and its potentials prove it: the
// dual value they give is the bound reported with the objective.
#pragma once

#include "review/assignment_model.hpp"

namespace kczg::review::detail {

struct Solution {
  Assignment assignment;     // per application, ascending
  std::vector<int> missing;  // per application: places left to shortfall slack
  // A lower bound on the cost (-objective) of every flow of the full network.
  __int128 cost_bound = 0;
  AssignmentStatistics statistics;
};

// Errors: field_invalid {field: network} if LEMON finds no feasible flow, which the slack
// arcs and build_model's forced-pair checks rule out.
Result<Solution> solve(const AssignmentModel& model, const AssignmentOptions& options);

}  // namespace kczg::review::detail
