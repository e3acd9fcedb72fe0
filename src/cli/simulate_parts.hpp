// Private to the simulation's generator (simulate_world.cpp and its helpers): the pieces
// make_world assembles.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli/simulate_text.hpp"
#include "cli/simulate_world.hpp"

namespace kczg::cli::sim {

// The units applicants choose from, by channel, and how many applications already name
// each for a list and field (simulate_world.cpp).
struct UnitIndex {
  const Campaign* campaign = nullptr;
  const std::vector<Unit>* units = nullptr;
  std::vector<std::vector<std::size_t>> members;  // per channel of k_channel_shares
  std::vector<std::vector<double>> popularity;    // the same: a few units draw most
  std::map<std::string, std::size_t> provincial;  // province code → its association
  std::map<std::tuple<std::size_t, std::string, std::string>, int> load;
};

// The recommending units, about 300 at scale 1.0 (every province's association whatever
// the scale), into world.units, and their index (simulate_units.cpp).
UnitIndex make_units(Random& random, const Campaign& campaign, double scale, World& world,
                     std::set<std::string>& names);

// The unit an applicant of `province` names for `list`/`field`: mostly its provincial
// association or a national society, some pilot cities and others; one with room in its
// quota if a few tries find one (units tell applicants when they are full); never `avoid`.
std::size_t choose_unit(Random& random, UnitIndex& units, std::string_view province,
                        const std::string& list, const std::string& field,
                        std::size_t avoid = SIZE_MAX);

// When an application is started, submitted and acted on by its unit, as real campaigns
// go: most submissions in the last days, many on the last night; a few never submitted,
// returned (most resubmitted), withdrawn, or left by their unit (simulate_world.cpp).
void schedule(Random& random, const Campaign& campaign, SimApplication& application);
// A timeline that reaches the unit in good time, starting after `not_before`: planted
// repeats must be in the formal check to be found there.
void schedule_early(Random& random, const Campaign& campaign, SimApplication& application,
                    Instant not_before);

// The state the applicants' generator shares (simulate_applicants.cpp).
struct Generation {
  Random& random;
  const Campaign& campaign;
  UnitIndex& units;
  World& world;
  std::set<std::string> names;  // every name given out, so none repeats by chance
  std::vector<std::pair<std::string, std::string>> institutions;  // (USCC, district)
};

// Appends an application of `list` and its applicant; with `plant_ineligible`, one whose
// form fails an eligibility rule when the list has one a value can fail.
void add_application(Generation& g, const std::string& list, bool plant_ineligible);
// Makes application `i` repeat an entry of an earlier year, derived from it in one of three
// ways by `style` (traditional characters, a form word added, reworded text; an enterprise
// by its USCC).
void plant_prior_repeat(Generation& g, std::size_t i, int style);
// Appends an application that repeats application `i` (a co-holder filing the same
// technology, or the same enterprise through a second unit).
void plant_campaign_repeat(Generation& g, std::size_t i);
// Earlier years' lists, about as large as their targets.
void add_listed(Generation& g, double scale);

// What an application's form is filled from.
struct FormSubject {
  const Theme* theme = nullptr;
  std::string subject;  // the technology or trade the texts talk about
  const Applicant* applicant = nullptr;
  std::string region;        // the applicant's district code
  std::string organisation;  // a person's employer or enterprise ("" otherwise)
  std::string organisation_uscc;
  FormValues given;  // values the world fixes (e.g. org_kind, which the name follows)
  // What only this item has (detail()), stated in the form's first paragraph.
  std::vector<std::string> details;
};

// Values for every field of `application.list`'s form that validate_form accepts, the
// application's title in the form's title field, and the eligibility rules passed (with a
// few choices that need evidence) except `fail_rule`, which fails when given.
FormValues form_values(Random& random, const Campaign& campaign, const SimApplication& application,
                       const FormSubject& subject, const std::string& fail_rule);

// The eligibility rules of a list (and field) that a form value alone can fail in
// `campaign`, by code: what an ineligible application can be planted with.
std::vector<std::string> plantable_rules(const Campaign& campaign, const std::string& list,
                                         const std::string& field);

// The review bodies the simulation runs: one leading body per list or field (the first the
// campaign names for it; jointly appointed bodies review through their lead), appointed from
// the 2022 call's bodies when the campaign names none; plans and pools sized for
// `applications`. Counts the experts planted with a conflict in `planted_conflicts`.
std::vector<SimBody> make_bodies(Random& random, const Campaign& campaign,
                                 const std::vector<SimApplication>& applications,
                                 const std::vector<Applicant>& applicants,
                                 std::set<std::string>& names, int& planted_conflicts);

}  // namespace kczg::cli::sim
