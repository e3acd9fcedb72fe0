#include "review/assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>

namespace kczg::review {
namespace {

constexpr int k_academia = 0;
constexpr int k_industry = 1;

AssignmentExpert expert(int sector, int max_load) { return {sector, max_load}; }

// `applications` applications with no affinity, `experts` academics taking `load` each.
AssignmentProblem plain(int applications, int experts, int k, int load) {
  AssignmentProblem p;
  p.experts_per_application = k;
  p.experts.assign(experts, expert(k_academia, load));
  p.affinity.assign(applications, {});
  return p;
}

AssignmentResult solve(const AssignmentProblem& p, AssignmentOptions options = {}) {
  auto r = assign_experts(p, options);
  EXPECT_TRUE(r.has_value()) << (r ? "" : std::string(code_name(r.error().code)));
  return r ? *r : AssignmentResult{};
}

std::vector<int> loads(const AssignmentProblem& p, const Assignment& a) {
  std::vector<int> load(p.experts.size(), 0);
  for (const auto& experts : a.experts)
    for (int e : experts) ++load[e];
  return load;
}

bool assigned(const AssignmentResult& r, int application, int expert) {
  const auto& v = r.assignment.experts[application];
  return std::find(v.begin(), v.end(), expert) != v.end();
}

TEST(Assignment, EveryApplicationGetsExactlyK) {
  AssignmentProblem p = plain(10, 7, 3, 5);
  p.affinity[0] = {{2, 0.9}, {4, 0.5}};
  AssignmentResult r = solve(p);
  for (const auto& experts : r.assignment.experts) EXPECT_EQ(experts.size(), 3u);
  EXPECT_TRUE(r.unstaffed.empty());
  EXPECT_TRUE(check_assignment(p, r.assignment).empty());
  EXPECT_EQ(r.objective, r.bound);
}

TEST(Assignment, HighestAffinityWins) {
  AssignmentProblem p = plain(2, 4, 1, 1);
  p.affinity[0] = {{0, 0.9}, {1, 0.8}};
  p.affinity[1] = {{0, 0.85}, {2, 0.1}};
  AssignmentResult r = solve(p);
  // 0.8 + 0.85 beats 0.9 + 0.1.
  EXPECT_EQ(r.assignment.experts[0], std::vector<int>{1});
  EXPECT_EQ(r.assignment.experts[1], std::vector<int>{0});
  EXPECT_EQ(r.objective, 1'650'000);
  EXPECT_DOUBLE_EQ(r.affinity, 1.65);
  EXPECT_EQ(r.bound, r.objective);
}

TEST(Assignment, NoExpertAboveMaxLoad) {
  AssignmentProblem p = plain(6, 4, 2, 3);
  for (auto& list : p.affinity) list = {{0, 1.0}, {1, 0.9}};  // everyone wants 0 and 1
  AssignmentResult r = solve(p);
  EXPECT_EQ(loads(p, r.assignment), (std::vector<int>{3, 3, 3, 3}));
  EXPECT_TRUE(check_assignment(p, r.assignment).empty());
}

TEST(Assignment, ConflictsAreNeverAssignedWhateverTheAffinity) {
  AssignmentProblem p = plain(3, 4, 2, 3);
  p.affinity[1] = {{0, 1.0}, {1, 1.0}};
  p.conflicts = {{1, 0}, {1, 1}};
  AssignmentResult r = solve(p);
  EXPECT_FALSE(assigned(r, 1, 0));
  EXPECT_FALSE(assigned(r, 1, 1));
  EXPECT_EQ(r.assignment.experts[1], (std::vector<int>{2, 3}));
}

TEST(Assignment, ForbiddenPairsAreNeverAssigned) {
  AssignmentProblem p = plain(2, 3, 2, 2);
  p.affinity[0] = {{2, 1.0}};
  p.forbidden = {{0, 2}};
  AssignmentResult r = solve(p);
  EXPECT_EQ(r.assignment.experts[0], (std::vector<int>{0, 1}));
  EXPECT_TRUE(check_assignment(p, r.assignment).empty());
}

TEST(Assignment, ForcedPairsAreHonouredAgainstAffinity) {
  AssignmentProblem p = plain(2, 3, 1, 1);
  p.affinity[0] = {{0, 1.0}};
  p.affinity[1] = {{1, 1.0}};
  p.forced = {{0, 2}, {1, 0}};
  AssignmentResult r = solve(p);
  EXPECT_EQ(r.assignment.experts[0], std::vector<int>{2});
  EXPECT_EQ(r.assignment.experts[1], std::vector<int>{0});
  EXPECT_TRUE(r.rejected_forced.empty());
  EXPECT_EQ(r.objective, 0);
  EXPECT_EQ(r.bound, 0);
}

TEST(Assignment, ForcedPairKeepsItsAffinity) {
  AssignmentProblem p = plain(1, 2, 1, 1);
  p.affinity[0] = {{0, 0.5}, {1, 0.9}};
  p.forced = {{0, 0}};
  AssignmentResult r = solve(p);
  EXPECT_EQ(r.assignment.experts[0], std::vector<int>{0});
  EXPECT_EQ(r.objective, 500'000);
}

TEST(Assignment, SectorMinimumIsMetInsideTheOptimisation) {
  AssignmentProblem p;
  p.experts_per_application = 2;
  p.experts = {expert(k_academia, 2), expert(k_academia, 2), expert(k_industry, 2),
               expert(k_industry, 2)};
  p.affinity = {{{0, 0.9}, {1, 0.8}, {2, 0.1}}, {{0, 0.9}, {1, 0.8}}};
  p.sectors = {{}, {.min = 1}};
  AssignmentResult r = solve(p);
  EXPECT_EQ(r.assignment.experts[0], (std::vector<int>{0, 2}));  // 0.9 + 0.1 beats 0.9 + 0
  EXPECT_EQ(r.assignment.experts[1].size(), 2u);
  EXPECT_TRUE(r.assignment.experts[1][1] >= 2);
  EXPECT_TRUE(check_assignment(p, r.assignment).empty());
  EXPECT_EQ(r.objective, 1'900'000);  // 0.9 + 0.1 + 0.9: one academic each
  EXPECT_EQ(r.bound, r.objective);
}

TEST(Assignment, SectorMaximumIsRespected) {
  AssignmentProblem p;
  p.experts_per_application = 3;
  p.experts = {expert(k_academia, 1), expert(k_academia, 1), expert(k_academia, 1),
               expert(k_industry, 1), expert(k_industry, 1)};
  p.affinity = {{{0, 1.0}, {1, 1.0}, {2, 1.0}}};
  p.sectors = {{.min = 0, .max = 2}};
  AssignmentResult r = solve(p);
  EXPECT_EQ(r.assignment.experts[0].size(), 3u);
  EXPECT_EQ(std::count_if(r.assignment.experts[0].begin(), r.assignment.experts[0].end(),
                          [](int e) { return e < 3; }),
            2);
  EXPECT_TRUE(check_assignment(p, r.assignment).empty());
}

TEST(Assignment, ConvexLoadCostSpreadsWorkEvenly) {
  AssignmentProblem p = plain(8, 4, 1, 8);
  for (auto& list : p.affinity) list = {{0, 0.25}};  // a small pull towards expert 0
  p.load_weight = 0.1;
  AssignmentResult r = solve(p);
  // Expert 0's j-th unit gains 0.25 - 0.1 (j - 1): positive up to the 3rd, and the 4th
  // (-0.05) still beats another expert's 2nd unit (-0.1). The others share the rest.
  auto load = loads(p, r.assignment);
  EXPECT_EQ(load[0], 4);
  std::sort(load.begin() + 1, load.end());
  EXPECT_EQ(load, (std::vector<int>{4, 1, 1, 2}));
  EXPECT_EQ(r.load_cost, 700'000);  // 0.1 * (6 + 1)
  EXPECT_EQ(r.objective, 300'000);  // 4 * 0.25 - 0.7
  EXPECT_EQ(r.bound, r.objective);

  p.load_weight = 0;
  EXPECT_EQ(loads(p, solve(p).assignment)[0], 8);  // without the load cost, affinity decides
}

TEST(Assignment, TooFewEligibleExpertsIsReported) {
  AssignmentProblem p = plain(2, 3, 3, 2);
  p.conflicts = {{1, 0}};
  AssignmentResult r = solve(p);
  ASSERT_EQ(r.unstaffed.size(), 1u);
  EXPECT_EQ(r.unstaffed[0].application, 1);
  EXPECT_EQ(r.unstaffed[0].missing, 1);
  ASSERT_EQ(r.unstaffed[0].causes.size(), 1u);
  EXPECT_EQ(r.unstaffed[0].causes[0].reason, ShortfallReason::too_few_eligible);
  EXPECT_EQ(r.unstaffed[0].causes[0].have, 2);
  EXPECT_EQ(r.unstaffed[0].causes[0].need, 3);
  EXPECT_EQ(r.missing, 1);
  EXPECT_EQ(r.assignment.experts[0].size(), 3u);
  EXPECT_EQ(r.assignment.experts[1], (std::vector<int>{1, 2}));
  EXPECT_EQ(r.objective, -r.shortfall_penalty);
  EXPECT_EQ(r.bound, r.objective);
}

TEST(Assignment, SectorWithoutEligibleExpertIsReported) {
  AssignmentProblem p;
  p.experts_per_application = 2;
  p.experts = {expert(k_academia, 2), expert(k_academia, 2), expert(k_industry, 2)};
  p.affinity = {{}, {}};
  p.sectors = {{}, {.min = 1}};
  p.conflicts = {{1, 2}};  // application 1's only industry expert
  AssignmentResult r = solve(p);
  ASSERT_EQ(r.unstaffed.size(), 1u);
  const UnstaffedApplication& u = r.unstaffed[0];
  EXPECT_EQ(u.application, 1);
  EXPECT_EQ(u.missing, 1);
  ASSERT_EQ(u.causes.size(), 1u);
  EXPECT_EQ(u.causes[0].reason, ShortfallReason::sector_too_few_eligible);
  EXPECT_EQ(u.causes[0].sector, k_industry);
  EXPECT_EQ(u.causes[0].have, 0);
  EXPECT_EQ(u.causes[0].need, 1);
  // The academic places are still filled: only the industry place is missing.
  EXPECT_EQ(r.assignment.experts[1].size(), 1u);
}

TEST(Assignment, SectorLoadTakenByOthersIsReported) {
  AssignmentProblem p;
  p.experts_per_application = 2;
  p.experts = {expert(k_academia, 3), expert(k_academia, 3), expert(k_industry, 2)};
  p.affinity = {{}, {}, {}};
  p.sectors = {{}, {.min = 1}};
  AssignmentResult r = solve(p);
  ASSERT_EQ(r.unstaffed.size(), 1u);
  EXPECT_EQ(r.unstaffed[0].missing, 1);
  ASSERT_EQ(r.unstaffed[0].causes.size(), 1u);
  EXPECT_EQ(r.unstaffed[0].causes[0].reason, ShortfallReason::sector_load_exhausted);
  EXPECT_EQ(r.unstaffed[0].causes[0].have, 1);
  EXPECT_EQ(r.bound, r.objective);
}

TEST(Assignment, LoadTakenByOthersIsReported) {
  AssignmentProblem p = plain(3, 2, 2, 2);  // 6 places, 4 units of load
  AssignmentResult r = solve(p);
  EXPECT_EQ(r.missing, 2);
  int missing = 0;
  for (const UnstaffedApplication& u : r.unstaffed) {
    missing += u.missing;
    ASSERT_EQ(u.causes.size(), 1u);
    EXPECT_EQ(u.causes[0].reason, ShortfallReason::load_exhausted);
    EXPECT_EQ(u.causes[0].have, 2);
  }
  EXPECT_EQ(missing, 2);
  EXPECT_EQ(r.bound, r.objective);
}

TEST(Assignment, StaffingComesBeforeAffinity) {
  // Giving application 0 its favourite (expert 0) would leave application 1 short.
  AssignmentProblem p = plain(2, 2, 1, 1);
  p.affinity[0] = {{0, 1.0}};
  p.conflicts = {{1, 1}};
  AssignmentResult r = solve(p);
  EXPECT_TRUE(r.unstaffed.empty());
  EXPECT_EQ(r.assignment.experts[0], std::vector<int>{1});
  EXPECT_EQ(r.assignment.experts[1], std::vector<int>{0});
}

TEST(Assignment, UnhonourableForcedPairsAreRejectedWithReasons) {
  AssignmentProblem p;
  p.experts_per_application = 2;
  p.experts = {expert(k_academia, 1), expert(k_academia, 5), expert(k_academia, 5),
               expert(k_academia, 5), expert(k_industry, 5)};
  p.affinity.assign(4, {});
  p.sectors = {{}, {.min = 1}};
  p.conflicts = {{0, 1}};
  p.forbidden = {{0, 2}};
  p.forced = {{0, 1},          // conflict
              {0, 2},          // forbidden
              {1, 0}, {2, 0},  // expert 0 takes one: the second is expert_full
              {3, 4}, {3, 1},  // industry + academic fill application 3 ...
              {3, 2},          // ... so a third is application_full
              {1, 3}};  // application 1 has academic 0; the industry minimum needs the other place
  AssignmentResult r = solve(p);
  ASSERT_EQ(r.rejected_forced.size(), 5u);
  EXPECT_EQ(r.rejected_forced[0].reason, ForcedRejection::conflict);
  EXPECT_EQ(r.rejected_forced[1].reason, ForcedRejection::forbidden);
  EXPECT_EQ(r.rejected_forced[2].reason, ForcedRejection::expert_full);
  EXPECT_EQ(r.rejected_forced[2].pair.application, 2);
  EXPECT_EQ(r.rejected_forced[3].reason, ForcedRejection::application_full);
  EXPECT_EQ(r.rejected_forced[4].reason, ForcedRejection::sector_full);
  EXPECT_EQ(r.rejected_forced[4].pair.expert, 3);
  EXPECT_TRUE(assigned(r, 1, 0));
  EXPECT_TRUE(assigned(r, 3, 4));
  EXPECT_TRUE(assigned(r, 3, 1));
  EXPECT_FALSE(assigned(r, 0, 1));
  EXPECT_EQ(r.bound, r.objective);
}

TEST(Assignment, MalformedProblemsAreErrors) {
  AssignmentProblem p = plain(2, 3, 2, 2);
  p.conflicts = {{0, 3}};
  auto r = assign_experts(p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::value_out_of_range);
  EXPECT_EQ(r.error().param("name"), "conflicts.expert");

  p = plain(2, 3, 2, 2);
  p.sectors = {{.min = 2}, {.min = 1}};
  r = assign_experts(p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::field_invalid);
  EXPECT_EQ(r.error().param("field"), "sectors");

  p = plain(1, 3, 2, 2);
  p.affinity[0] = {{1, 0.5}, {1, 0.6}};
  r = assign_experts(p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().param("field"), "affinity");

  p = plain(1, 3, 2, 2);
  p.affinity[0] = {{1, std::nan("")}};
  EXPECT_FALSE(assign_experts(p));
}

TEST(Assignment, EmptyProblemsHaveEmptyAssignments) {
  AssignmentResult r = solve(plain(0, 5, 3, 1));
  EXPECT_TRUE(r.assignment.experts.empty());
  EXPECT_EQ(r.objective, 0);
  r = solve(plain(3, 0, 2, 1));
  EXPECT_EQ(r.missing, 6);
  EXPECT_EQ(r.unstaffed.size(), 3u);
  r = solve(plain(3, 2, 0, 1));
  EXPECT_EQ(r.assignment.experts, std::vector<std::vector<int>>(3));
}

TEST(Assignment, NamesAreStable) {
  EXPECT_EQ(shortfall_reason_name(ShortfallReason::sector_load_exhausted), "sector_load_exhausted");
  EXPECT_EQ(forced_rejection_name(ForcedRejection::expert_full), "expert_full");
  EXPECT_EQ(network_name(AssignmentOptions::Network::hubs), "hubs");
}

TEST(CheckAssignment, AcceptsAValidAssignment) {
  AssignmentProblem p = plain(2, 3, 2, 2);
  p.sectors = {{.min = 1}};
  EXPECT_TRUE(check_assignment(p, {{{0, 1}, {1, 2}}}).empty());
}

TEST(CheckAssignment, ReportsEveryBrokenRule) {
  AssignmentProblem p;
  p.experts_per_application = 2;
  p.experts = {expert(k_academia, 1), expert(k_academia, 3), expert(k_industry, 3)};
  p.affinity.assign(3, {});
  p.sectors = {{.min = 0, .max = 1}, {.min = 1}};
  p.conflicts = {{0, 1}};
  p.forbidden = {{1, 1}};
  p.forced = {{2, 2}};
  const Assignment a{{{0, 1}, {0, 1, 1}, {7}, {2, 2}}};
  std::vector<Violation> v = check_assignment(p, a);
  auto has = [&](ViolationKind kind, int application, int expert, int have = -1) {
    return std::any_of(v.begin(), v.end(), [&](const Violation& x) {
      return x.kind == kind && x.application == application && x.expert == expert &&
             (have == -1 || x.have == have);
    });
  };
  EXPECT_TRUE(has(ViolationKind::conflict, 0, 1));
  EXPECT_TRUE(has(ViolationKind::sector_above_max, 0, -1, 2));
  EXPECT_TRUE(has(ViolationKind::sector_below_min, 0, -1, 0));
  EXPECT_TRUE(has(ViolationKind::duplicate_expert, 1, 1));
  EXPECT_TRUE(has(ViolationKind::forbidden, 1, 1));
  EXPECT_TRUE(has(ViolationKind::unknown_expert, 2, 7));
  EXPECT_TRUE(has(ViolationKind::wrong_count, 2, -1, 0));
  EXPECT_TRUE(has(ViolationKind::forced_missing, 2, 2));
  EXPECT_TRUE(has(ViolationKind::unknown_application, 3, -1));
  EXPECT_TRUE(has(ViolationKind::over_load, -1, 0, 2));
  EXPECT_EQ(v.size(), 13u);  // also 1 above max, 1 and 2 below min
  EXPECT_EQ(violation_kind_name(ViolationKind::sector_below_min), "sector_below_min");
}

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
