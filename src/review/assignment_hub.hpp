// Private to the assignment files: turning hub flow back into application-expert pairs.
//
// After a solve with hubs, application a sends u(a, r) units into route r's hub and the
// hub sends h(e) units to each expert e of the route. Any way of pairing those units
// gives the same cost (every arc on the way costs 0), so a pairing in which no
// application gets an excluded expert, an expert it already has, or one of its listed
// (nonzero-affinity or forced) experts is an optimal assignment of the real problem: the
// hub network is a relaxation, and this pairing attains its optimum. (A listed pair with
// positive gain never fits anyway: when both ends carry hub flow, their potentials are
// equal, so the listed arc's reduced cost -gain >= 0 says gain <= 0.) Per route this is a
// bipartite b-matching on an almost complete graph (exclusions are rare): each
// application takes its units from the experts with the most units left, which always
// succeeds on a complete graph (Gale-Ryser); an application left short tries one swap
// with an application that holds an expert it may have. Applications still short are
// reported; the caller closes their hubs and prices their zero-affinity pairs instead.
#pragma once

#include <vector>

#include "review/assignment_network.hpp"

namespace kczg::review::detail {

struct HubPairing {
  std::vector<std::vector<int>> experts;  // per application, the experts its hub units got
  std::vector<int> short_applications;    // ascending; their pairing is incomplete
};

// `explicit_pairs`: network.assignment(), the pairs assigned through their own arcs.
// REQUIRES: network.has_hubs() and a solve.
HubPairing pair_hub_units(const AssignmentModel& model, const AssignmentNetwork& network,
                          const Assignment& explicit_pairs);

}  // namespace kczg::review::detail
