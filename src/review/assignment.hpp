// Expert assignment for preliminary review (初评): which experts review which applications.
//
// Exact, not greedy: the assignment is an optimal min-cost flow (LEMON's network simplex),
// and the result carries a dual bound that proves it. Rules, all hard:
//   - every application gets exactly k experts (or is reported as unstaffed, with why);
//   - no expert above their maximum load;
//   - conflicting and forbidden pairs are never assigned; forced pairs always are (or are
//     reported as rejected, with why);
//   - each application meets the sector mix (e.g. at least one industry expert).
// Within the rules it maximises total affinity minus a convex load cost that spreads work
// evenly. At 10,000 applications x 2,000 experts the network does not hold all 20M pairs;
// pricing with the optimal potentials proves the pairs left out could not improve it
// (assignment_solve.hpp), so the result is still exact. Pure logic: no I/O.
// Thread-safe: functions share no state.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace kczg::review {

// Sectors are plain indices 0..S-1 here; the domain maps academia, industry, investment.
struct AssignmentExpert {
  int sector = 0;
  int max_load = 0;  // applications the expert can take at most
};

// How many of an application's k experts come from one sector.
struct SectorRule {
  int min = 0;
  int max = -1;  // -1: no maximum (k)
};

// One nonzero affinity between an application and an expert (shared terms).
struct Candidate {
  int expert = 0;
  double affinity = 0.0;
};

struct ExpertPair {
  int application = 0;
  int expert = 0;
};

struct AssignmentProblem {
  int experts_per_application = 3;  // k
  std::vector<AssignmentExpert> experts;
  // One entry per application: its nonzero affinities, each expert at most once. Every
  // other allowed pair has affinity 0 and is still a valid choice.
  std::vector<std::vector<Candidate>> affinity;
  // Rule per sector index; sectors beyond the vector (or with a default rule) are free.
  std::vector<SectorRule> sectors;
  std::vector<ExpertPair> conflicts;  // conflicts of interest (回避): never assigned
  std::vector<ExpertPair> forbidden;  // excluded by the review body: never assigned
  std::vector<ExpertPair> forced;     // chosen by the review body: always assigned
  // Convex load cost, to spread work: an expert's j-th application costs
  // load_weight * max(0, j - 1 - free_load) affinity units, so (with free_load 0) a second
  // application for an idle expert beats a third for a busy one. free_load lets each
  // expert take that many applications before the cost starts (e.g. the average load);
  // it also makes the network smaller, as equal marginal costs share one arc.
  double load_weight = 0.0;
  int free_load = 0;
  // Costs are integers: an affinity a counts llround(a * affinity_scale); the load step
  // counts llround(load_weight * affinity_scale).
  double affinity_scale = 1'000'000.0;
};

// The experts of each application, ascending. Indices into problem.experts.
struct Assignment {
  std::vector<std::vector<int>> experts;
};

enum class ShortfallReason {
  too_few_eligible,         // fewer than k eligible experts: free of conflicts and bans,
                            // max_load above 0, within the sector maximums
  sector_too_few_eligible,  // sector: fewer eligible experts than the sector minimum
  sector_load_exhausted,    // sector: eligible experts exist but others took their load
  load_exhausted,           // enough eligible experts, but other applications took their load
};

struct ShortfallCause {
  ShortfallReason reason;
  int sector = -1;  // for the sector_ reasons
  int have = 0;     // eligible experts (in the sector, for sector_ reasons)
  int need = 0;     // k, or the sector minimum
};

// An application with fewer than k experts. The optimiser staffs as many places as any
// assignment could (lexicographically before affinity), so this is never avoidable.
struct UnstaffedApplication {
  int application = 0;
  int missing = 0;  // k minus the experts assigned
  std::vector<ShortfallCause> causes;
};

enum class ForcedRejection {
  conflict,          // the pair is a conflict of interest
  forbidden,         // the pair is forbidden
  expert_full,       // earlier forced pairs already fill the expert's max_load
  application_full,  // earlier forced pairs already give the application k experts
  sector_full,       // the sector maximum, or the other sectors' minimums, leave no room
};

// A forced pair that was not honoured; forced pairs are taken in input order.
struct RejectedForcedPair {
  ExpertPair pair;
  ForcedRejection reason;
};

struct AssignmentOptions {
  // How the 20M zero-affinity pairs of a large instance enter the network. All give the
  // same optimum; they differ in time and memory.
  enum class Network {
    automatic,  // full up to 20,000 pairs or 3x the first hub network, else hubs
    full,       // every eligible pair is an arc
    pricing,    // a few zero-affinity arcs per application, then column generation
    hubs,       // a hub node stands for all zero-affinity pairs of a sector group
                // (see assignment_network.hpp); pricing for an application whose hub
                // units cannot be paired without breaking a rule
  };
  Network network = Network::automatic;
  // Unless full, the first network holds each application's `candidate_arcs` highest
  // nonzero-affinity pairs (the rest are priced) and, when pricing, `seed_arcs`
  // zero-affinity pairs per route (a sector with a rule, or all the sectors without
  // one); pricing adds up to `priced_per_round` pairs per application and route per
  // round. These change the time taken, never the result.
  int candidate_arcs = 15;
  int seed_arcs = 2;
  int priced_per_round = 8;
  // While pairs are being added, also add those within `lookahead` (affinity units) of
  // improving: the next solve's potentials often make them improving, and each solve
  // costs as much as the first (LEMON's simplex cannot start from the last basis).
  double lookahead = 0.05;
  // A round that adds at most this many improving pairs (or closes as many hubs) is
  // re-optimised from the last solution; more, and the network is solved again.
  int reoptimize_below = 100;
};

struct AssignmentStatistics {
  AssignmentOptions::Network network = AssignmentOptions::Network::full;  // never automatic
  int64_t eligible_pairs = 0;  // arcs of the full network: pairs neither excluded nor idle
  int candidate_arcs = 0;      // nonzero-affinity and forced pairs in the first network
  int seeded_arcs = 0;         // zero-affinity pairs in the first network
  int priced_arcs = 0;         // pairs added because pricing found them improving
  int closed_hubs = 0;         // applications whose hub units could not all be paired
  int rounds = 0;              // solves: network simplex runs and re-optimisations
  int reoptimized = 0;         // rounds re-optimised from the last solution
  int nodes = 0;
  int arcs = 0;  // of the last network
};

struct AssignmentResult {
  Assignment assignment;
  std::vector<UnstaffedApplication> unstaffed;  // ascending by application
  std::vector<RejectedForcedPair> rejected_forced;
  // In scaled units: sum of assigned affinities - load cost - shortfall_penalty * missing.
  int64_t objective = 0;
  // An upper bound on the objective of every assignment that obeys the rules, from the
  // dual (node potentials) of the full network including pruned pairs. bound == objective
  // proves the assignment optimal.
  int64_t bound = 0;
  int64_t load_cost = 0;          // scaled, summed over experts (see load_weight)
  int64_t shortfall_penalty = 0;  // per missing expert; above any gain from affinity or load
  int missing = 0;                // total over unstaffed applications
  double affinity = 0.0;          // sum of assigned affinities, unscaled
  AssignmentStatistics statistics;
};

// Assigns experts optimally. Always returns an assignment when the problem is well formed:
// what cannot be staffed is in `unstaffed`, unhonoured forced pairs in `rejected_forced`.
// Errors: value_out_of_range {name, value, min, max} for an index, load or k out of
// range; field_invalid {field, detail} for a sector mix that no k experts can meet, a
// duplicate or non-finite affinity, a scale or weight out of range (or so large that
// costs could overflow), and (field "network") if the solver finds no feasible flow,
// which the construction rules out.
Result<AssignmentResult> assign_experts(const AssignmentProblem& problem,
                                        const AssignmentOptions& options = {});

enum class ViolationKind {
  wrong_count,          // have experts, limit k
  unknown_expert,       // expert index out of range
  duplicate_expert,     // the same expert twice on one application
  over_load,            // expert: have applications, limit max_load
  conflict,             // a conflicting pair is assigned
  forbidden,            // a forbidden pair is assigned
  forced_missing,       // a forced pair is not assigned
  sector_below_min,     // sector: have, limit min
  sector_above_max,     // sector: have, limit max
  unknown_application,  // the assignment lists more applications than the problem
};

struct Violation {
  ViolationKind kind;
  int application = -1;
  int expert = -1;
  int sector = -1;
  int have = 0;
  int limit = 0;
};

// Every rule `assignment` breaks, for checking manual swaps after optimising. Empty means
// valid. Entries of the problem that are out of range are skipped, not reported.
std::vector<Violation> check_assignment(const AssignmentProblem& problem,
                                        const Assignment& assignment);

// Stable names for JSON and message catalogs, e.g. "sector_too_few_eligible".
std::string_view shortfall_reason_name(ShortfallReason reason);
std::string_view forced_rejection_name(ForcedRejection reason);
std::string_view violation_kind_name(ViolationKind kind);
std::string_view network_name(AssignmentOptions::Network network);

}  // namespace kczg::review
