// Private to the assignment files: which pairs the network holds, and the pricing that
// proves the others unnecessary.
//
// By LP duality a flow optimal for the network is optimal for the full network iff no
// pair left out has negative reduced cost under the optimal node potentials. A listed
// (nonzero-affinity) pair left out is priced directly: -gain + potential(a, r) -
// potential(e). A zero-affinity pair costs 0, so it improves iff potential(e) >
// potential(a, r); with the experts of each route sorted by potential, each application
// finds its improving experts by walking down that order, skipping only the pairs already
// in the network or excluded. The check over all 20M pairs costs about what the network
// has, not A x E. (With hubs none improves: see assignment_network.hpp.)
#pragma once

#include <cstdint>
#include <vector>

#include "review/assignment_network.hpp"

namespace kczg::review::detail {

// Which pairs the network holds, per application: listed pairs (nonzero affinity or
// forced, model.fixed) by flag, zero-affinity pairs by expert.
struct NetworkPairs {
  std::vector<std::vector<char>> listed;  // aligned with model.fixed[a]
  std::vector<std::vector<int>> zero;
};

struct ImprovingPair {
  int application = 0;
  int expert = 0;
  int listed = -1;  // index into model.fixed[application], or -1 for a zero-affinity pair
};

struct PricingRound {
  int64_t violations = 0;    // left-out pairs with negative reduced cost: not optimal yet
  __int128 reduced_sum = 0;  // the sum of their reduced costs
  // The pairs to add, most improving first, at most `limit` per (application, route):
  // the violations and, behind them, pairs whose reduced cost is below the lookahead,
  // which the next potentials are likely to make violations.
  std::vector<ImprovingPair> improving;
};

// The zero-affinity pairs to start `applications` with: per route, `per_route` experts
// not listed or excluded, taken in turn so the seeds cover each expert about equally.
std::vector<ExpertPair> seed_pairs(const AssignmentModel& model, int per_route,
                                   const std::vector<int>& applications);

// Every eligible pair of each application that is neither listed nor excluded.
std::vector<ExpertPair> all_zero_pairs(const AssignmentModel& model);

// Prices every pair not in the network: left-out listed pairs one by one, zero-affinity
// pairs by the sorted walk above.
PricingRound price_left_out_pairs(const AssignmentModel& model, const AssignmentNetwork& network,
                                  const NetworkPairs& pairs, int limit, int64_t lookahead);

}  // namespace kczg::review::detail
