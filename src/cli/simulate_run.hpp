// Private to `kczg simulate`: one run playing a generated world (simulate_world.hpp) into the
// store through the functions the server uses, phase after phase on a simulated clock, and
// what it tallies for the summary (simulate_summary.hpp).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/simulate_world.hpp"

namespace kczg::cli {

// What the database does not say by itself: what the run met and decided on the way.
struct SimulationTallies {
  int refused_for_quota = 0;  // recommendations the store refused with quota_exhausted
  int duplicates_prior = 0;   // findings against earlier years' lists
  int duplicates_within = 0;  // pairs of this campaign's applications
  int formal_eligible = 0;
  int formal_accepted_with_evidence = 0;  // eligible on documents a person checked
  int formal_ineligible_prior = 0;        // repeats an earlier year's entry
  int formal_ineligible_repeat = 0;       // the later of two applications of one item
  int formal_ineligible_rules = 0;        // fails an eligibility rule
  int bodies = 0, experts = 0, harsh = 0, lenient = 0;
  int conflicts = 0;  // expert–application pairs excluded for a conflict of interest
  long long pairs = 0;
  double objective = 0;  // total affinity of the assignments, summed over bodies
  bool optimal = true;   // every body's assignment proved optimal
  int unstaffed = 0;     // applications left with fewer experts than the plan asks
  int sheets = 0;
  struct Shortlisted {
    std::string list, field;
    int ranked = 0, shortlisted = 0;
  };
  std::vector<Shortlisted> shortlists;  // by list, then field
  int unscored = 0;
};

struct PhaseTime {
  std::string phase;
  double milliseconds = 0;
};

struct SimulationRun {
  const Context& ctx;
  Store& store;
  StoredCampaign stored;
  const sim::World& world;
  std::uint64_t seed = 0;
  double scale = 1;
  std::vector<long long> unit_ids;                     // by world unit
  std::vector<long long> applicant_ids;                // by world applicant; 0 until stored
  std::vector<long long> application_ids;              // by world application; 0 until stored
  std::map<long long, std::size_t> application_index;  // stored id → world application
  SimulationTallies tallies;
  std::vector<PhaseTime> times;
  std::atomic<int> refused_for_quota{0};  // counted by parallel steps, then into tallies

  // The instant `days` into the phase (negative: before its end), to whole seconds.
  Instant into(PhaseKind kind, double days) const;
  // A progress line on stderr: "kczg simulate: <phase> done/total".
  void progress(std::string_view phase, std::size_t done, std::size_t total) const;
};

// The phases of a run, in order; each errs with the store's first refusal.
Result<void> simulate_setup(SimulationRun& run);       // units, earlier lists
Result<void> simulate_collection(SimulationRun& run);  // applications, units' decisions
Result<void> simulate_formal_check(SimulationRun& run);
Result<void> simulate_review(SimulationRun& run);  // bodies, assignment, scores, shortlist

// Runs task(0) … task(count − 1) on a few threads and waits for them all, so that the store
// groups their writes into shared transactions as it groups a busy server's. REQUIRES: the
// tasks are independent (no two touch one application, or one unit's quota). The error of
// the failing task with the lowest index.
Result<void> in_parallel(std::size_t count, const std::function<Result<void>(std::size_t)>& task);

// Actors of the simulated people.
Actor applicant_actor(long long applicant_id);
Actor unit_actor(long long unit_id);

// Milliseconds since `start`, for the phase timings.
double elapsed_ms(std::chrono::steady_clock::time_point start);

}  // namespace kczg::cli
