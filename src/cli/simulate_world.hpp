// The world `kczg simulate` plays (DESIGN §3, issue 7): who applies to which list and field
// through which unit, what their forms say, when they submit and what their units do,
// earlier years' lists with planted repeats, the review bodies' plans and expert pools, and
// how harsh or lenient each expert scores. Pure: no store, no clock; the same campaign,
// scale and seed always give the same world, on any standard library (all randomness goes
// through Random below, never through std:: distributions, whose output is not portable).
// Everything here is generated.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "domain/application.hpp"
#include "domain/application_form.hpp"
#include "domain/campaign.hpp"
#include "domain/expert.hpp"
#include "domain/listed_entry.hpp"
#include "domain/review_plan.hpp"
#include "domain/unit.hpp"

namespace kczg::cli::sim {

// Portable randomness over std::mt19937_64, whose sequence the standard fixes.
// Not thread-safe.
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}
  std::uint64_t bits() { return m_engine(); }
  double uniform();                  // [0, 1), 53 random bits
  std::size_t below(std::size_t n);  // [0, n). REQUIRES: n > 0
  int between(int low, int high);    // [low, high]. REQUIRES: low <= high
  bool chance(double p) { return uniform() < p; }
  double normal(double mean, double sd);                  // Irwin–Hall: twelve uniforms, no libm
  std::size_t weighted(std::span<const double> weights);  // REQUIRES: a positive weight

 private:
  std::mt19937_64 m_engine;
};

// An independent stream for one purpose, so that drawing more of one thing (units, say)
// does not change another (expert scores).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

// What a generated application was planted as, for the formal check to find.
enum class Planted {
  none,
  prior_repeat,     // repeats an entry of an earlier year's list (World::listed)
  campaign_repeat,  // repeats an earlier application of this campaign (`repeats`)
  ineligible,       // a form value that fails an eligibility rule (`rule`)
};

struct SimApplication {
  std::size_t applicant = 0;  // index into World::applicants
  std::string list;
  std::string field;     // pioneer_tech's field; "" otherwise
  std::size_t unit = 0;  // index into World::units
  std::string title;
  FormValues values;   // valid for the list's form (validate_form finds nothing)
  double merit = 0.5;  // latent quality in [0, 1] that experts' scores follow
  Planted planted = Planted::none;
  std::size_t repeats = 0;  // campaign_repeat: the application it repeats
  std::string rule;         // ineligible: the eligibility rule it fails

  // The timeline, within the collection phase. A draft that is never submitted has no
  // submitted_at; the unit acts (recommends, or returns with `return_reason`) at
  // unit_acts_at if set; a returned application is resubmitted at resubmitted_at if set and
  // then recommended at recommended_at if set; withdrawn_at, when set, ends it.
  Instant started_at{};
  std::optional<Instant> submitted_at;
  std::optional<Instant> unit_acts_at;
  std::string return_reason;  // "" when the unit recommends
  std::optional<Instant> resubmitted_at;
  std::optional<Instant> recommended_at;  // after a resubmission
  std::optional<Instant> withdrawn_at;
};

struct SimExpert {
  Expert expert;
  // How the expert scores: bias in points of a 10-point scale (below 0 harsh, above 0
  // lenient), noise the standard deviation of their judgement.
  double bias = 0;
  double noise = 1;
};

// A review body the simulation runs: the body (when `appoint`, the campaign does not name
// it and the secretariat appoints it to body.covers), its plan and its pool.
struct SimBody {
  ReviewBody body;
  bool appoint = false;  // the campaign does not have it yet: the secretariat appoints it
  ReviewPlan plan;
  std::vector<SimExpert> experts;
};

struct World {
  std::vector<Unit> units;
  std::vector<Applicant> applicants;
  std::vector<SimApplication> applications;
  std::vector<ListedEntry> listed;  // earlier years' lists
  std::vector<SimBody> bodies;
  int planted_prior = 0, planted_campaign = 0, planted_ineligible = 0, planted_conflicts = 0;
};

// REQUIRES: the campaign has a collection phase with dates; scale > 0.
// At scale 1.0 about 2,281 applications (the 2022 campaign's count) over the lists units
// recommend (the separately organised ones are collected elsewhere and left out).
World make_world(const Campaign& campaign, double scale, std::uint64_t seed);

// The scores `expert` gives `application` under `plan`: the application's merit seen
// through the expert's bias and noise, on each criterion's scale, in whole points. The same
// arguments always give the same scores, whatever else was drawn before.
std::map<std::string, double> sheet_scores(const ReviewPlan& plan,
                                           const SimApplication& application,
                                           const SimExpert& expert, std::uint64_t seed);

}  // namespace kczg::cli::sim
