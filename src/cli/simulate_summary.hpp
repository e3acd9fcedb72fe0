// What `kczg simulate` prints when done: the campaign as the database now holds it (states,
// quota use) with what the run tallied on the way (repeats found, formal check, assignment,
// shortlists) and how long each phase took. Everything but the timings depends only on the
// preset, scale and seed.
#pragma once

#include <string>
#include <vector>

#include "cli/simulate_run.hpp"

namespace kczg::cli {

struct SimulationSummary {
  int year = 0;
  double scale = 1;
  std::uint64_t seed = 0;
  int units = 0, applicants = 0, applications = 0, listed_entries = 0;
  std::map<std::string, int> states;  // applications by state name
  struct QuotaUse {
    std::string list;
    int recommended = 0;  // recommendations counted against the units' quotas
    int quota = 0;        // the simulated units' quotas, over the list's fields
    int full = 0;         // unit, list and field at their quota
    int over = 0;         // … beyond it (the store never allows one)
  };
  std::vector<QuotaUse> quotas;  // in campaign order
  int planted_prior = 0, planted_campaign = 0, planted_ineligible = 0, planted_conflicts = 0;
  SimulationTallies tallies;
  std::vector<PhaseTime> times;
};

// Reads the campaign's applications back from the store. Errors the store's.
Result<SimulationSummary> simulation_summary(const SimulationRun& run);

// For people, in `lang`; codes (states, lists, fields) as the API spells them.
std::string summary_text(const SimulationSummary& summary, Lang lang);
// One JSON object; "timings_ms" holds everything that varies from run to run.
std::string summary_json(const SimulationSummary& summary);

}  // namespace kczg::cli
