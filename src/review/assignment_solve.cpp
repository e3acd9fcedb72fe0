#include "review/assignment_solve.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "review/assignment_hub.hpp"
#include "review/assignment_network.hpp"
#include "review/assignment_pricing.hpp"

namespace kczg::review::detail {
namespace {

using Network = AssignmentOptions::Network;

// The full network pays while it is small: below some 20,000 pairs, or a few times the
// hub network, one solve of everything is as fast as the hub network and its pairing.
Network choose_network(const AssignmentModel& model, const AssignmentOptions& options) {
  if (options.network != Network::automatic) return options.network;
  int64_t first = 0;
  for (const auto& arcs : model.fixed)
    first += std::min<int64_t>(static_cast<int64_t>(arcs.size()), options.candidate_arcs);
  first +=
      static_cast<int64_t>(model.applications) * static_cast<int64_t>(model.route_experts.size());
  return model.eligible_pairs > std::max<int64_t>(20'000, 3 * first) ? Network::hubs
                                                                     : Network::full;
}

class ColumnGeneration {
 public:
  ColumnGeneration(const AssignmentModel& model, const AssignmentOptions& options, Network kind)
      : m_model(model),
        m_options(options),
        m_network(model, kind == Network::hubs),
        m_lookahead(std::llround(std::max(0.0, options.lookahead) * model.affinity_scale)) {
    m_stats.network = kind;
    m_stats.eligible_pairs = model.eligible_pairs;
    m_pairs.listed.resize(model.applications);
    m_pairs.zero.resize(model.applications);
  }

  Result<Solution> run() {
    add_first_pairs();
    // Ends because each turn adds arcs or closes hubs, and there are finitely many.
    bool warm = false;
    __int128 left_out = 0;
    HubPairing hub_pairs;
    for (;;) {
      if (warm && m_network.reoptimize(std::max(1, m_options.reoptimize_below))) {
        ++m_stats.reoptimized;
      } else if (!m_network.solve()) {
        return fail(make_error(ErrorCode::field_invalid, "field", "network", "detail",
                               "no feasible flow: a bug in the forced-pair checks"));
      }
      ++m_stats.rounds;
      PricingRound round = price_left_out_pairs(
          m_model, m_network, m_pairs, std::max(1, m_options.priced_per_round), m_lookahead);
      left_out = round.reduced_sum;
      if (round.violations > 0) {
        for (const ImprovingPair& p : round.improving) add(p);
        m_stats.priced_arcs += static_cast<int>(round.improving.size());
        warm = round.violations <= m_options.reoptimize_below;
        continue;
      }
      if (!m_network.has_hubs()) break;
      hub_pairs = pair_hub_units(m_model, m_network, m_network.assignment());
      const std::vector<int>& closing = hub_pairs.short_applications;
      if (closing.empty()) break;
      for (int a : closing) m_network.close_hubs(a);
      for (const ExpertPair& p : seed_pairs(m_model, seed_arcs(), closing))
        add({p.application, p.expert, -1});
      m_stats.closed_hubs += static_cast<int>(closing.size());
      warm = static_cast<int>(closing.size()) <= m_options.reoptimize_below;
    }
    m_stats.nodes = m_network.node_count();
    m_stats.arcs = m_network.arc_count();

    Solution out;
    out.assignment = m_network.assignment();
    if (m_network.has_hubs()) {
      for (int a = 0; a < m_model.applications; ++a) {
        auto& experts = out.assignment.experts[a];
        experts.insert(experts.end(), hub_pairs.experts[a].begin(), hub_pairs.experts[a].end());
        std::sort(experts.begin(), experts.end());
      }
    }
    out.missing = m_network.missing();
    // The network's own dual value, plus the negative reduced costs of pairs left out
    // (none once pricing found no improving pair): a bound for the full network.
    out.cost_bound = m_network.dual_value() + left_out;
    out.statistics = m_stats;
    return out;
  }

 private:
  int seed_arcs() const { return std::max(0, m_options.seed_arcs); }

  // Forced pairs and each application's highest-gain listed pairs (all of them for the
  // full network), then zero-affinity pairs: all (full), seeds (pricing), none (hubs).
  void add_first_pairs() {
    const size_t listed_per_application =
        m_stats.network == Network::full
            ? SIZE_MAX
            : static_cast<size_t>(std::max(0, m_options.candidate_arcs));
    for (int a = 0; a < m_model.applications; ++a) {
      const auto& fixed = m_model.fixed[a];
      m_pairs.listed[a].assign(fixed.size(), 0);
      std::vector<int> order(fixed.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
      std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
        return std::pair(fixed[x].forced, fixed[x].gain) >
               std::pair(fixed[y].forced, fixed[y].gain);
      });
      for (size_t rank = 0; rank < order.size(); ++rank) {
        if (rank >= listed_per_application && !fixed[order[rank]].forced) break;
        add({a, fixed[order[rank]].expert, order[rank]});
        ++m_stats.candidate_arcs;
      }
    }
    std::vector<ExpertPair> seeds;
    if (m_stats.network == Network::full) seeds = all_zero_pairs(m_model);
    if (m_stats.network == Network::pricing) {
      std::vector<int> everyone(m_model.applications);
      for (int a = 0; a < m_model.applications; ++a) everyone[a] = a;
      seeds = seed_pairs(m_model, seed_arcs(), everyone);
    }
    for (const ExpertPair& p : seeds) add({p.application, p.expert, -1});
    m_stats.seeded_arcs = static_cast<int>(seeds.size());
  }

  void add(const ImprovingPair& p) {
    if (p.listed < 0) {
      m_network.add_pair(p.application, p.expert, 0, false);
      m_pairs.zero[p.application].push_back(p.expert);
      return;
    }
    const FixedArc& f = m_model.fixed[p.application][p.listed];
    m_network.add_pair(p.application, p.expert, f.gain, f.forced);
    m_pairs.listed[p.application][p.listed] = 1;
  }

  const AssignmentModel& m_model;
  const AssignmentOptions& m_options;
  AssignmentNetwork m_network;
  NetworkPairs m_pairs;
  const int64_t m_lookahead;
  AssignmentStatistics m_stats;
};

}  // namespace

Result<Solution> solve(const AssignmentModel& model, const AssignmentOptions& options) {
  return ColumnGeneration(model, options, choose_network(model, options)).run();
}

}  // namespace kczg::review::detail
