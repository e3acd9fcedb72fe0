// AssignmentNetwork::reoptimize: after arcs are added (or hubs closed), restore optimality
// from the last solution instead of solving again from scratch. LEMON's simplex cannot
// start from a given basis, and a pricing round adds a few thousand arcs to a network of
// 300,000: solving again would cost as much as the first solve.
//
// The last flow and potentials satisfy the optimality conditions on every old arc: in the
// residual graph (an arc forward while below its upper bound, backward while above its
// lower bound) every reduced cost is >= 0. A new arc with negative reduced cost is
// saturated, which leaves one unit of excess at its head and one of deficit at its tail
// and makes its residual arc (backward) nonnegative too; a closed hub arc is emptied,
// which leaves excess at its tail and deficit at its head. Then the primal-dual method:
// Dijkstra from all excess nodes over reduced costs; raising each node's potential by its
// distance (capped) keeps every residual reduced cost >= 0 and makes the shortest paths
// cost 0; push flow from excess to deficit along such 0-cost paths until none is left;
// repeat. When no excess is left, flow and potentials are
// optimal for the new network.
#include <lemon/smart_graph.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

#include "review/assignment_network.hpp"

namespace kczg::review::detail {
namespace {

using lemon::SmartDigraph;

// Real paths cost far less; a longer one runs through a node whose potential still holds
// LEMON's artificial cost, and adding that could overflow: solve from scratch instead.
constexpr __int128 k_far = std::numeric_limits<int64_t>::max() / 64;

}  // namespace

bool AssignmentNetwork::reoptimize(int max_phases) {
  const int nodes = lemon::countNodes(m_graph), arcs = lemon::countArcs(m_graph);
  std::vector<int> from(arcs), to(arcs), lower(arcs), upper(arcs);
  std::vector<int64_t> cost(arcs);
  for (int j = 0; j < arcs; ++j) {
    const SmartDigraph::Arc arc = SmartDigraph::arcFromId(j);
    from[j] = SmartDigraph::id(m_graph.source(arc));
    to[j] = SmartDigraph::id(m_graph.target(arc));
    lower[j] = m_lower[arc];
    upper[j] = m_upper[arc];
    cost[j] = m_cost[arc];
  }
  auto reduced = [&](int j) {
    return static_cast<__int128>(cost[j]) + m_potential[from[j]] - m_potential[to[j]];
  };

  // New arcs start at the bound their reduced cost prefers; an old arc whose bounds
  // changed (a closed hub) is brought inside them. Either leaves excess and deficit.
  std::vector<int> excess(nodes, 0);
  m_flow.resize(arcs, 0);
  int64_t unbalanced = 0;
  for (int j = 0; j < arcs; ++j) {
    int flow = m_flow[j];
    if (j >= m_solved_arcs) flow = reduced(j) < 0 ? upper[j] : lower[j];
    flow = std::clamp(flow, lower[j], upper[j]);
    excess[to[j]] += flow - m_flow[j];
    excess[from[j]] -= flow - m_flow[j];
    unbalanced += std::abs(flow - m_flow[j]);
    m_flow[j] = flow;
  }
  m_solved_arcs = arcs;
  if (unbalanced == 0) return true;

  // Residual arcs per node: +(j + 1) forward along arc j, -(j + 1) backward.
  std::vector<int> start(nodes + 1, 0), residual(2 * static_cast<size_t>(arcs));
  for (int j = 0; j < arcs; ++j) ++start[from[j] + 1], ++start[to[j] + 1];
  for (int v = 0; v < nodes; ++v) start[v + 1] += start[v];
  {
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (int j = 0; j < arcs; ++j) {
      residual[fill[from[j]]++] = j + 1;
      residual[fill[to[j]]++] = -(j + 1);
    }
  }
  // Where residual arc `code` leads, and its reduced cost, if it has room; else -1.
  auto step = [&](int code, __int128& weight) {
    const int j = (code > 0 ? code : -code) - 1;
    if (code > 0 ? m_flow[j] >= upper[j] : m_flow[j] <= lower[j]) return -1;
    weight = code > 0 ? reduced(j) : -reduced(j);
    return code > 0 ? to[j] : from[j];
  };

  constexpr __int128 k_unreached = std::numeric_limits<__int128>::max();
  std::vector<__int128> distance(nodes);
  std::vector<int> next(nodes), state(nodes);  // DFS: next residual slot; 0 new, 1 on path, 2 dead
  std::vector<int> path;                       // residual arc codes from an excess node
  using Entry = std::pair<__int128, int>;
  for (int phase = 0;; ++phase) {
    if (phase == max_phases) return false;
    // Dijkstra from every excess node, until the deficits met can absorb all the excess.
    // Raising each potential by min(distance, reach) keeps reduced costs >= 0 for any
    // reach, and makes every shortest path to a deficit met cost 0.
    std::fill(distance.begin(), distance.end(), k_unreached);
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    int64_t to_absorb = 0;
    for (int v = 0; v < nodes; ++v)
      if (excess[v] > 0) distance[v] = 0, queue.emplace(0, v), to_absorb += excess[v];
    if (queue.empty()) return true;
    __int128 reach = -1;
    while (!queue.empty() && to_absorb > 0) {
      auto [d, v] = queue.top();
      queue.pop();
      if (d != distance[v]) continue;
      if (d > k_far) break;
      if (excess[v] < 0) reach = d, to_absorb += excess[v];
      for (int i = start[v]; i < start[v + 1]; ++i) {
        __int128 weight = 0;
        const int w = step(residual[i], weight);
        if (w >= 0 && d + weight < distance[w]) queue.emplace(distance[w] = d + weight, w);
      }
    }
    if (reach < 0) return false;  // no deficit within reach
    for (int v = 0; v < nodes; ++v) {
      const __int128 raised = m_potential[v] + std::min(distance[v], reach);
      if (raised > std::numeric_limits<int64_t>::max()) return false;
      m_potential[v] = static_cast<int64_t>(raised);
    }

    // Push units along 0-cost residual paths (depth first, skipping dead ends) until
    // no excess node reaches a deficit node through them.
    std::fill(state.begin(), state.end(), 0);
    for (int v = 0; v < nodes; ++v) next[v] = start[v];
    int pushed = 0;
    for (int source = 0; source < nodes; ++source) {
      while (excess[source] > 0 && state[source] != 2) {
        int v = source;
        state[v] = 1;
        path.clear();
        for (;;) {
          int w = -1;
          for (; next[v] < start[v + 1]; ++next[v]) {
            __int128 weight = 0;
            w = step(residual[next[v]], weight);
            if (w >= 0 && weight == 0 && state[w] == 0) break;
            w = -1;
          }
          if (w < 0) {  // dead end: back up
            state[v] = 2;
            if (path.empty()) break;
            const int code = path.back(), j = (code > 0 ? code : -code) - 1;
            path.pop_back();
            v = code > 0 ? from[j] : to[j];
            ++next[v];
            continue;
          }
          path.push_back(residual[next[v]]);
          state[w] = 1;
          v = w;
          if (excess[v] < 0) break;
        }
        if (path.empty() || excess[v] >= 0) break;
        for (int code : path) {
          const int j = (code > 0 ? code : -code) - 1;
          m_flow[j] += code > 0 ? 1 : -1;
        }
        excess[source] -= 1;
        excess[v] += 1;
        ++pushed;
        // Nodes of this path may carry more; those found dead stay dead.
        for (int code : path) {
          const int j = (code > 0 ? code : -code) - 1;
          if (state[from[j]] == 1) state[from[j]] = 0;
          if (state[to[j]] == 1) state[to[j]] = 0;
        }
        state[source] = 0;
      }
    }
    if (pushed == 0) return false;  // the search above missed every path: solve instead
  }
}

}  // namespace kczg::review::detail
