#include "review/assignment_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>

namespace kczg::review {
namespace {

using namespace fixture;

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

}  // namespace
}  // namespace kczg::review
