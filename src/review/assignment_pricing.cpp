#include "review/assignment_pricing.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace kczg::review::detail {
namespace {

// Marks, per application in turn, the experts that are not left-out pairs of it: fixed,
// zero arcs already in the network, and excluded. One stamp array instead of a set per
// application.
class PairMarks {
 public:
  explicit PairMarks(int experts) : m_stamp(experts, -1) {}

  void mark(const AssignmentModel& model, int a, const std::vector<int>* zero_arcs) {
    for (const FixedArc& f : model.fixed[a]) m_stamp[f.expert] = a;
    for (int e : model.excluded[a]) m_stamp[e] = a;
    if (zero_arcs)
      for (int e : *zero_arcs) m_stamp[e] = a;
  }
  bool marked(int a, int e) const { return m_stamp[e] == a; }

 private:
  std::vector<int> m_stamp;
};

// Reduced costs only order the improving pairs here; potentials near LEMON's artificial
// cost could push a difference past int64.
int64_t clamp(__int128 x) {
  constexpr int64_t lowest = std::numeric_limits<int64_t>::min();
  return x < lowest ? lowest : static_cast<int64_t>(x);
}

}  // namespace

std::vector<ExpertPair> seed_pairs(const AssignmentModel& model, int per_route,
                                   const std::vector<int>& applications) {
  std::vector<ExpertPair> out;
  PairMarks marks(model.experts);
  const int routes = static_cast<int>(model.route_experts.size());
  std::vector<size_t> cursor(routes, 0);
  for (int a : applications) {
    marks.mark(model, a, nullptr);
    for (int r = 0; r < routes; ++r) {
      const auto& experts = model.route_experts[r];
      int taken = 0;
      for (size_t tried = 0; tried < experts.size() && taken < per_route; ++tried) {
        const int e = experts[cursor[r]];
        cursor[r] = (cursor[r] + 1) % experts.size();
        if (marks.marked(a, e)) continue;
        out.push_back({a, e});
        ++taken;
      }
    }
  }
  return out;
}

std::vector<ExpertPair> all_zero_pairs(const AssignmentModel& model) {
  std::vector<ExpertPair> out;
  PairMarks marks(model.experts);
  for (int a = 0; a < model.applications; ++a) {
    marks.mark(model, a, nullptr);
    for (const auto& experts : model.sector_experts)
      for (int e : experts)
        if (!marks.marked(a, e)) out.push_back({a, e});
  }
  return out;
}

PricingRound price_left_out_pairs(const AssignmentModel& model, const AssignmentNetwork& network,
                                  const NetworkPairs& pairs, int limit, int64_t lookahead) {
  const int routes = static_cast<int>(model.route_experts.size());
  std::vector<std::vector<int>> by_potential = model.route_experts;
  for (auto& experts : by_potential)
    std::sort(experts.begin(), experts.end(), [&](int x, int y) {
      return network.expert_potential(x) > network.expert_potential(y);
    });
  struct Priced {
    int64_t reduced;
    int expert;
    int listed;
  };
  std::vector<std::vector<Priced>> found(routes);
  PricingRound round;
  auto price = [&](__int128 reduced, int route, int expert, int listed) {
    if (reduced < 0) {
      round.reduced_sum += reduced;
      ++round.violations;
    }
    found[route].push_back({clamp(reduced), expert, listed});
  };
  PairMarks marks(model.experts);
  for (int a = 0; a < model.applications; ++a) {
    marks.mark(model, a, &pairs.zero[a]);
    for (auto& f : found) f.clear();
    const bool hub = network.hub_open(a);
    const auto& fixed = model.fixed[a];
    for (size_t i = 0; i < fixed.size(); ++i) {
      if (pairs.listed[a][i]) continue;
      const int e = fixed[i].expert, r = expert_route(model, e);
      const __int128 reduced = static_cast<__int128>(-fixed[i].gain) +
                               network.route_potential(a, r) - network.expert_potential(e);
      if (reduced < lookahead) price(reduced, r, e, static_cast<int>(i));
    }
    for (int r = 0; r < routes; ++r) {
      // Zero pairs within the lookahead, met most improving first; none for an open hub,
      // which stands for them all.
      const int64_t reach = hub ? 0 : lookahead;
      const __int128 threshold = static_cast<__int128>(network.route_potential(a, r)) - reach;
      int near = 0;
      for (int e : by_potential[r]) {
        const int64_t potential = network.expert_potential(e);
        if (potential <= threshold) break;  // the rest are worse: sorted descending
        if (marks.marked(a, e)) continue;
        const __int128 reduced = threshold + reach - potential;
        if (reduced >= 0 && near++ >= limit) continue;
        price(reduced, r, e, -1);
      }
      auto& f = found[r];
      const size_t take = std::min<size_t>(f.size(), limit);
      std::partial_sort(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(take), f.end(),
                        [](const Priced& x, const Priced& y) { return x.reduced < y.reduced; });
      for (size_t i = 0; i < take; ++i) round.improving.push_back({a, f[i].expert, f[i].listed});
    }
  }
  return round;
}

}  // namespace kczg::review::detail
