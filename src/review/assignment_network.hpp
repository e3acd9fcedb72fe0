// Private to the assignment files: the min-cost flow network and its LEMON solver.
//
// Nodes and arcs (k experts per application, P the shortfall penalty); a sector "with a
// rule" has a minimum above 0 or a maximum below k:
//
//   application a (supply k) --[min_s .. max_s, cost 0]----> (a, s)   per sector with a rule
//   a or (a, s) --[0..1, cost -gain, lower 1 if forced]---> expert e  (a, s) if e's sector
//                                                                      has a rule, else a
//   a --[0..k, cost P]------------------------------------> sink      shortfall slack
//   (a, s) --[0..min_s, cost P]---------------------------> sink      (when min_s > 0)
//   expert e --[0..1, cost step * (j - free)]-------------> sink      j = free+1..max_load-1
//   expert e --[0..free+1, cost 0]------------------------> sink
//   sink (supply -A k)
//
// The lower bounds on a -> (a, s) put the sector mix into the network itself; the slack
// arcs keep it feasible when an application cannot be staffed: a slack unit is a missing
// expert, and one through (a, s) stands in for a missing expert of sector s. The load
// arcs with rising cost make an expert's load cost convex, which spreads work. Sectors
// without a rule share the application's node: with the usual mix (at least one
// industry expert) that is 2 nodes per application, not 4. A "route" is one of an
// application's nodes: 0 the application's own, 1.. its (a, s) nodes.
//
// With hubs, zero-affinity pairs need no arc each: per route one hub node stands for
// all of them,
//
//   a or (a, s) --[0..k+1, cost 0]----------> hub_r --[0..max_load+1, cost 0]--> expert e
//
// which relaxes the problem (a hub unit may land on an excluded or duplicate pair);
// assignment_hub.hpp turns the hub flow back into pairs. Capacities one above what can
// flow keep both hub arcs below their upper bound, so optimal potentials give each a
// reduced cost >= 0, and with them every zero-affinity pair (a, e) of the route:
// potential(a) - potential(e) is the sum of the two. That is the optimality certificate
// for the 20M pairs no arc stands for.
//
// LEMON: NetworkSimplex. CostScaling does not compile under C++20 (its ArrayMap calls
// std::allocator::destroy); patched to compile for a trial, it was no faster here.
// Not thread-safe.
#pragma once

#include <lemon/smart_graph.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "review/assignment_model.hpp"

namespace kczg::review::detail {

class AssignmentNetwork {
 public:
  // Builds every node and every arc except the application-expert pairs; with `hubs`
  // also the hub nodes and arcs.
  // REQUIRES: `model` outlives the network.
  AssignmentNetwork(const AssignmentModel& model, bool hubs);

  // Adds the arc for assigning `expert` to `application`.
  // REQUIRES: the pair is not yet an arc, not excluded, and its sector is open.
  void add_pair(int application, int expert, int64_t gain, bool forced);

  // Solves from scratch. False only if LEMON finds no feasible flow, which the slack arcs
  // and build_model's forced-pair checks rule out.
  bool solve();

  // Makes the last solution optimal again after pairs were added or hubs closed, from
  // that solution (see assignment_reoptimize.cpp): each phase costs about one Dijkstra
  // over the network and settles the units whose shortest paths cost the same, so it is
  // cheap when few added pairs improve. False if it does not finish within `max_phases`
  // (then call solve). REQUIRES: a solve before.
  bool reoptimize(int max_phases);

  // Node potentials of the last solve, with LEMON's sign: an arc u->v with cost c has
  // reduced cost c + potential(u) - potential(v), which is >= 0 unless the arc is full.
  // A route is model.sector_route of the expert's sector.
  int64_t route_potential(int application, int route) const {
    return m_potential[route_node(application, route)];
  }
  int64_t expert_potential(int expert) const { return m_potential[expert_node(expert)]; }

  // The Lagrangian dual value of the potentials over the arcs in the network:
  //   sum over arcs of min(rc * lower, rc * upper) - sum over nodes of supply * potential.
  // It is a lower bound on the cost of every feasible flow of this network; a pruned pair
  // (cost 0, bounds 0..1) adds min(0, rc) to extend it to the full network.
  __int128 dual_value() const;

  // The experts assigned to each application, ascending, and each application's missing
  // count (slack flow), from the last solve.
  Assignment assignment() const;
  std::vector<int> missing() const;

  bool has_hubs() const { return !m_hub_in.empty(); }
  // Units application a sends into route r's hub, and units the hub sends to expert e,
  // in the last solve. REQUIRES: has_hubs().
  int hub_units(int application, int route) const {
    return m_flow[m_hub_in[static_cast<size_t>(application) * routes() + route]];
  }
  int hub_units_of_expert(int expert) const {
    return m_hub_out[expert] < 0 ? 0 : m_flow[m_hub_out[expert]];
  }
  // Stops `application` from using the hubs, from the next solve on; its zero-affinity
  // pairs then need arcs of their own. REQUIRES: has_hubs().
  void close_hubs(int application);
  bool hub_open(int application) const {
    return has_hubs() && m_upper[lemon::SmartDigraph::arcFromId(
                             m_hub_in[static_cast<size_t>(application) * routes()])] > 0;
  }

  int node_count() const { return lemon::countNodes(m_graph); }
  int arc_count() const { return lemon::countArcs(m_graph); }

 private:
  int routes() const { return static_cast<int>(m_model.route_sector.size()); }
  int route_node(int a, int r) const {
    return r == 0 ? a : m_model.applications + a * (routes() - 1) + r - 1;
  }
  int expert_node(int e) const { return m_model.applications * routes() + e; }

  const AssignmentModel& m_model;
  lemon::SmartDigraph m_graph;
  lemon::SmartDigraph::ArcMap<int> m_lower;
  lemon::SmartDigraph::ArcMap<int> m_upper;
  lemon::SmartDigraph::ArcMap<int64_t> m_cost;
  lemon::SmartDigraph::NodeMap<int> m_supply;
  int m_sink = 0;
  std::vector<std::pair<int, int>> m_slack_arcs;  // (application, arc id)
  int m_first_pair_arc = 0;                       // pair arcs from here on, in m_pairs' order
  std::vector<int> m_hub_in;                      // arc id per (application, route)
  std::vector<int> m_hub_out;                     // arc id per expert, -1 for none
  std::vector<ExpertPair> m_pairs;
  std::vector<int64_t> m_potential;  // per node id, after solve
  std::vector<int> m_flow;           // per arc id, after solve
  int m_solved_arcs = 0;             // arcs when m_flow and m_potential were last optimal
};

}  // namespace kczg::review::detail
