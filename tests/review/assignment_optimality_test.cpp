// Optimality: the exact assignment against exhaustive search on small random instances,
// and the pricing and hub networks against the full network on medium ones.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>

#include "review/assignment_fixture.hpp"

namespace kczg::review {
namespace {

using namespace fixture;

// Small random instances, every rule in play: shortages, conflicts, bans, forced pairs,
// sector minimums and maximums, load costs.
AssignmentProblem random_problem(std::mt19937& rng, int applications, int experts) {
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  AssignmentProblem p;
  p.experts_per_application = 1 + pick(3);
  const int k = p.experts_per_application;
  for (int e = 0; e < experts; ++e) p.experts.push_back(expert(pick(2), pick(4)));
  if (chance(0.5)) p.sectors = {{}, {.min = 1}};
  if (chance(0.3) && k > 1) p.sectors.resize(2), p.sectors[0].max = k - 1;
  p.affinity.resize(applications);
  for (int a = 0; a < applications; ++a) {
    for (int e = 0; e < experts; ++e) {
      if (chance(0.4)) p.affinity[a].push_back({e, (1 + pick(100)) / 100.0});
      if (chance(0.1)) p.conflicts.push_back({a, e});
      if (chance(0.05)) p.forbidden.push_back({a, e});
      if (chance(0.05)) p.forced.push_back({a, e});
    }
  }
  const double weights[] = {0, 0.05, 0.2};
  p.load_weight = weights[pick(3)];
  return p;
}

// The best objective over every assignment, by enumeration: per application each subset
// of at most k experts that obeys the rules, with the missing places priced as the
// optimiser prices them (a missing place may stand for any sector's minimum).
int64_t brute_force_best(const AssignmentProblem& p, const AssignmentResult& r) {
  const int A = static_cast<int>(p.affinity.size()), E = static_cast<int>(p.experts.size());
  const int k = p.experts_per_application;
  const int S = 2;
  std::vector<int> min(S, 0), max(S, k);
  for (int s = 0; s < static_cast<int>(p.sectors.size()); ++s) {
    min[s] = p.sectors[s].min;
    if (p.sectors[s].max != -1) max[s] = std::min(k, p.sectors[s].max);
  }
  auto in = [](const std::vector<ExpertPair>& pairs, int a, int e) {
    return std::any_of(pairs.begin(), pairs.end(),
                       [&](const ExpertPair& x) { return x.application == a && x.expert == e; });
  };
  std::vector<ExpertPair> forced;
  for (const ExpertPair& f : p.forced) {
    bool rejected = std::any_of(
        r.rejected_forced.begin(), r.rejected_forced.end(), [&](const RejectedForcedPair& x) {
          return x.pair.application == f.application && x.pair.expert == f.expert;
        });
    if (!rejected) forced.push_back(f);
  }
  struct Option {
    int mask;
    int64_t value;
  };
  std::vector<std::vector<Option>> options(A);
  for (int a = 0; a < A; ++a) {
    for (int mask = 0; mask < (1 << E); ++mask) {
      int size = 0, count[S] = {0, 0};
      bool ok = true;
      int64_t value = 0;
      for (int e = 0; e < E; ++e) {
        const bool chosen = mask >> e & 1;
        if (in(forced, a, e) && !chosen) ok = false;
        if (!chosen) continue;
        if (in(p.conflicts, a, e) || in(p.forbidden, a, e)) ok = false;
        ++size;
        ++count[p.experts[e].sector];
        for (const Candidate& c : p.affinity[a])
          if (c.expert == e) value += std::llround(c.affinity * p.affinity_scale);
      }
      int deficit = 0;
      for (int s = 0; s < S; ++s) {
        if (count[s] > max[s]) ok = false;
        deficit += std::max(0, min[s] - count[s]);
      }
      if (!ok || size > k || deficit > k - size) continue;
      options[a].push_back({mask, value - r.shortfall_penalty * (k - size)});
    }
  }
  const int64_t step = std::llround(p.load_weight * p.affinity_scale);
  int64_t best = std::numeric_limits<int64_t>::min();
  std::vector<int> load(E, 0);
  std::function<void(int, int64_t)> search = [&](int a, int64_t value) {
    if (a == A) {
      int64_t cost = 0;
      for (int l : load) cost += step * l * (l - 1) / 2;
      best = std::max(best, value - cost);
      return;
    }
    for (const Option& o : options[a]) {
      bool fits = true;
      for (int e = 0; e < E; ++e)
        if ((o.mask >> e & 1) && ++load[e] > p.experts[e].max_load) fits = false;
      if (fits) search(a + 1, value + o.value);
      for (int e = 0; e < E; ++e)
        if (o.mask >> e & 1) --load[e];
    }
  };
  search(0, 0);
  return best;
}

TEST(AssignmentOptimality, MatchesBruteForceOnSmallRandomInstances) {
  std::mt19937 rng(20240607);
  int closed_hubs = 0, reoptimized = 0;
  for (int round = 0; round < 300; ++round) {
    const bool wide = round % 2;
    AssignmentProblem p = random_problem(rng, wide ? 3 : 4, wide ? 6 : 5);
    for (auto network : {AssignmentOptions::Network::full, AssignmentOptions::Network::pricing,
                         AssignmentOptions::Network::hubs}) {
      AssignmentResult r = solve(p, {.network = network,
                                     .candidate_arcs = 1,
                                     .seed_arcs = 1,
                                     .priced_per_round = 1,
                                     .reoptimize_below = round % 3 == 0 ? 0 : 100});
      ASSERT_EQ(r.objective, brute_force_best(p, r)) << "round " << round;
      ASSERT_EQ(r.bound, r.objective) << "round " << round;
      // Only the places reported missing and the forced pairs reported rejected break rules.
      int short_places = 0;
      for (const Violation& v : check_assignment(p, r.assignment)) {
        if (v.kind == ViolationKind::wrong_count)
          short_places += v.limit - v.have;
        else if (v.kind != ViolationKind::sector_below_min &&
                 v.kind != ViolationKind::forced_missing)
          ADD_FAILURE() << "round " << round << ": " << violation_kind_name(v.kind);
      }
      ASSERT_EQ(short_places, r.missing) << "round " << round;
      closed_hubs += r.statistics.closed_hubs;
      reoptimized += r.statistics.reoptimized;
    }
  }
  EXPECT_GT(closed_hubs, 10);  // conflicts often leave hub units unpairable
  EXPECT_GT(reoptimized, 10);
}

// A medium instance where pricing has to add zero-affinity pairs: applications 0..49
// like experts 0..14, whose load runs out, so the optimum needs pairs with no affinity.
AssignmentProblem medium_problem(uint32_t seed, int experts) {
  std::mt19937 rng(seed);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  AssignmentProblem p;
  p.experts_per_application = 3;
  for (int e = 0; e < experts; ++e)
    p.experts.push_back(expert(e % 3, 7 + static_cast<int>(rng() % 3)));
  p.sectors = {{}, {.min = 1}, {.max = 1}};
  p.affinity.resize(70);
  for (int a = 0; a < 70; ++a) {
    for (int e = 0; e < experts; ++e) {
      if ((a < 50) == (e < 15) && chance(0.4)) p.affinity[a].push_back({e, 0.1 + chance(0.5)});
      if (chance(0.04)) p.conflicts.push_back({a, e});
      if (chance(0.005)) p.forced.push_back({a, e});
    }
  }
  p.load_weight = 0.03;
  return p;
}

TEST(AssignmentOptimality, PricingAndHubsReachTheFullNetworksOptimum) {
  using Network = AssignmentOptions::Network;
  int solves = 0, rounds = 0, priced_arcs = 0, reoptimized = 0;
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    // 30 experts have load for everyone; 24 leave some applications short.
    AssignmentProblem p = medium_problem(seed, seed % 2 ? 24 : 30);
    AssignmentResult full = solve(p, {.network = Network::full});
    EXPECT_EQ(full.statistics.network, Network::full);
    EXPECT_EQ(full.bound, full.objective);
    EXPECT_EQ(full.missing > 0, seed % 2 == 1);
    for (Network network : {Network::pricing, Network::hubs}) {
      for (int seeds : {0, 1, 6}) {
        for (int warm : {0, 1000}) {
          AssignmentResult r = solve(p, {.network = network,
                                         .candidate_arcs = 2 * seeds,
                                         .seed_arcs = seeds,
                                         .priced_per_round = 1,
                                         .lookahead = seeds / 10.0,
                                         .reoptimize_below = warm});
          EXPECT_EQ(r.statistics.network, network);
          EXPECT_EQ(r.objective, full.objective)
              << "seed " << seed << ", " << network_name(network) << ", seeds " << seeds;
          EXPECT_EQ(r.bound, r.objective);
          EXPECT_EQ(r.missing, full.missing);
          EXPECT_LT(r.statistics.arcs, full.statistics.arcs);
          for (const Violation& v : check_assignment(p, r.assignment))
            EXPECT_TRUE(v.kind == ViolationKind::wrong_count ||
                        v.kind == ViolationKind::sector_below_min ||
                        v.kind == ViolationKind::forced_missing)
                << violation_kind_name(v.kind);
          ++solves;
          rounds += r.statistics.rounds;
          priced_arcs += r.statistics.priced_arcs;
          reoptimized += r.statistics.reoptimized;
        }
      }
    }
  }
  EXPECT_GT(rounds, 2 * solves);  // pricing did real work, not just one lucky solve
  EXPECT_GT(priced_arcs, 100);
  EXPECT_GT(reoptimized, 10);  // and the warm path was taken
}

TEST(AssignmentOptimality, HubUnitsThatCannotBePairedFallBackToPricing) {
  // Both applications conflict with expert 0. The hub relaxation staffs both (one unit to
  // each expert), but no pairing gives expert 0 to either: one application loses its hub.
  AssignmentProblem p = plain(2, 2, 1, 1);
  p.conflicts = {{0, 0}, {1, 0}};
  AssignmentResult r = solve(p, {.network = AssignmentOptions::Network::hubs});
  EXPECT_GE(r.statistics.closed_hubs, 1);
  EXPECT_EQ(r.missing, 1);
  ASSERT_EQ(r.unstaffed.size(), 1u);
  // Each application has one eligible expert, taken by the other one.
  EXPECT_EQ(r.unstaffed[0].causes[0].reason, ShortfallReason::load_exhausted);
  EXPECT_EQ(r.bound, r.objective);
  EXPECT_EQ(check_assignment(p, r.assignment).size(), 1u);  // the short application
}

TEST(AssignmentOptimality, AutomaticPicksHubsForLargeSparseInstances) {
  AssignmentProblem p = medium_problem(3, 30);
  EXPECT_EQ(solve(p).statistics.network, AssignmentOptions::Network::full);  // small
  AssignmentProblem wide = plain(400, 200, 3, 8);
  wide.affinity[0] = {{5, 0.5}};
  AssignmentResult r = solve(wide);
  EXPECT_EQ(r.statistics.network, AssignmentOptions::Network::hubs);
  EXPECT_EQ(r.bound, r.objective);
  EXPECT_TRUE(check_assignment(wide, r.assignment).empty());
  EXPECT_TRUE(assigned(r, 0, 5));
}

}  // namespace
}  // namespace kczg::review
