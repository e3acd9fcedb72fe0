// Score aggregation (评分汇总): from experts' score sheets to a ranking per list and field,
// and a shortlist that never cuts through a tie. Pure functions; the plan's criteria and
// aggregation method come from domain/review_plan.hpp.
//
// Three values are computed for every application, whichever the plan chose, so a panel
// can see how much the choice matters:
//   mean          of the sheets' totals;
//   trimmed_mean  without the highest and the lowest total once an application has 4 or
//                 more sheets (as Chinese review panels do); the plain mean below 4, where
//                 dropping two of three would leave one expert's opinion;
//   zscore        the mean of calibrated totals: each total standardised against its
//                 expert's own mean and standard deviation, then put back on the 0–100
//                 scale with the pooled mean and standard deviation of all sheets, so a
//                 harsh and a lenient expert weigh the same.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "domain/campaign.hpp"
#include "domain/error.hpp"
#include "domain/review_plan.hpp"

namespace kczg::review {

// Scores are compared, and shown, to this many decimals: two applications that a page
// would show with the same score share a rank, so no order is ever decided by a
// difference nobody can see.
inline constexpr int k_score_decimals = 2;
// A score as pages and exports show it: k_score_decimals decimals.
std::string format_score(double value);

// Below this a standard deviation counts as zero (sums of doubles leave ~1e-15 of noise
// where all totals are equal, which would otherwise turn into z-scores of ±1).
inline constexpr double k_zero_spread = 1e-9;

struct ScoreSheet {
  long long expert_id = 0;
  long long application_id = 0;
  std::map<std::string, double> scores;  // criterion code → score on the criterion's scale

  bool operator==(const ScoreSheet&) const = default;
};

// Every problem with one sheet, each with params expert, application, criterion, name_zh,
// name_en: score_missing; score_out_of_range {value, min, max} (bounds included, NaN is
// out); score_unknown_criterion for a code the criteria do not have.
std::vector<Error> check_sheet(std::span<const Criterion> criteria, const ScoreSheet& sheet);

// The sheet's weighted total on 0–100: Σ weight × (score − min) / (max − min).
// REQUIRES: validate_plan finds nothing wrong with `criteria`.
// Errors: the first problem check_sheet finds.
Result<double> sheet_total(std::span<const Criterion> criteria, const ScoreSheet& sheet);

// Arithmetic mean; 0 for no values.
double mean(std::span<const double> values);
// mean without one highest and one lowest value when there are 4 or more; the mean below.
double trimmed_mean(std::span<const double> values);

struct SheetScore {
  long long expert_id = 0;
  long long application_id = 0;
  double total = 0;       // sheet_total
  double z = 0;           // (total − expert's mean) / expert's sd; 0 for a neutral expert
  double calibrated = 0;  // pooled mean + z × pooled sd
};

struct ExpertCalibration {
  long long expert_id = 0;
  int sheets = 0;
  double mean = 0;  // of the expert's totals
  double sd = 0;    // population standard deviation of them
  // mean − pooled mean: above 0 a lenient expert, below 0 a harsh one.
  double deviation = 0;
  // One sheet, or every total equal: the expert's own scale cannot be told apart from
  // the merit of what they read, so every z is 0 and each of their sheets counts as the
  // pooled mean. The alternative — keeping their raw total — would let exactly the
  // experts calibration knows least about sway the result most. Pages flag them.
  bool neutral = false;
};

struct Calibration {
  double pooled_mean = 0;                  // over all sheets
  double pooled_sd = 0;                    // population standard deviation over all sheets
  std::vector<SheetScore> sheets;          // in input order
  std::vector<ExpertCalibration> experts;  // by expert id
};

// Totals and calibration over all `sheets` — pass every sheet of one plan, since an
// expert's scale is learnt from everything they scored. Errors: the first problem of
// check_sheet; score_sheet_duplicate {expert, application} for a second sheet of a pair.
Result<Calibration> calibrate(std::span<const Criterion> criteria,
                              std::span<const ScoreSheet> sheets);

struct ExpertScore {
  long long expert_id = 0;
  double total = 0;
  double calibrated = 0;
  double deviation = 0;  // the expert's, over all their sheets (ExpertCalibration)
  bool neutral = false;
};

struct ApplicationScore {
  long long application_id = 0;
  std::vector<ExpertScore> experts;  // by expert id
  double mean = 0;
  double trimmed_mean = 0;
  double zscore = 0;
  bool trimmed = false;  // trimmed_mean dropped the extremes (4 or more sheets)
};

// One entry per application with a sheet, by application id.
std::vector<ApplicationScore> aggregate(const Calibration& calibration);

// The value `method` takes from `score`.
double score_by(const ApplicationScore& score, Aggregation method);

struct RankedApplication {
  ApplicationScore score;
  double value = 0;  // score_by(score, method)
  // Competition ranking ("1, 2, 2, 4"): applications whose values are equal to
  // k_score_decimals share a rank, and are listed by application id.
  int rank = 0;
  bool tied = false;  // shares its rank with another application
};

struct Ranking {
  Coverage where;  // list and field
  Aggregation method = Aggregation::trimmed_mean;
  std::vector<RankedApplication> entries;  // best first
  std::vector<long long> unscored;         // in `where` without any sheet, by id
};

// One ranking per list and field, ordered by list then field code. `where` places each
// application; scored applications missing from it are ranked under an empty Coverage
// rather than dropped.
std::vector<Ranking> rank_applications(const Calibration& calibration, Aggregation method,
                                       const std::map<long long, Coverage>& where);

// Entries whose score and value are set, ranked as rank_applications ranks them: best
// first, equal values to k_score_decimals sharing a rank, then by application id. For
// rankings merged from several bodies' (the final review's).
Ranking rank_entries(Coverage where, Aggregation method, std::vector<RankedApplication> entries);

// The best `target` entries of a ranking. When a group of tied entries straddles the cut,
// none of it is chosen: its entries are reported in tied_at_cut with the seats left for
// them, for the secretariat to decide with a recorded reason.
struct Shortlist {
  std::vector<long long> chosen;       // application ids, ranking order
  std::vector<long long> tied_at_cut;  // empty when the cut falls between ranks
  int cut_rank = 0;                    // their shared rank; 0 when none
  int seats_left = 0;                  // target − chosen.size() when tied_at_cut is set
};

Shortlist shortlist(const Ranking& ranking, int target);

}  // namespace kczg::review
