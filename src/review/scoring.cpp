#include "review/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <utility>

namespace kczg::review {

std::string format_score(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", k_score_decimals, value);
  return text;
}
namespace {

template <typename... Pairs>
Error sheet_error(ErrorCode code, const ScoreSheet& sheet, std::string_view criterion,
                  const Criterion* c, Pairs&&... pairs) {
  return make_error(code, "expert", std::to_string(sheet.expert_id), "application",
                    std::to_string(sheet.application_id), "criterion", std::string(criterion),
                    "name_zh", c ? c->name_zh : std::string(criterion), "name_en",
                    c ? c->name_en : std::string(criterion), std::forward<Pairs>(pairs)...);
}

double population_sd(std::span<const double> values, double mean_value) {
  if (values.empty()) return 0;
  double squares = 0;
  for (double v : values) squares += (v - mean_value) * (v - mean_value);
  return std::sqrt(squares / double(values.size()));
}

// The value ties are decided on: what a page shows at k_score_decimals.
long long shown(double value) { return std::llround(value * std::pow(10.0, k_score_decimals)); }

Ranking rank_group(Coverage where, Aggregation method, std::vector<ApplicationScore> scores) {
  std::vector<RankedApplication> entries;
  for (ApplicationScore& s : scores) {
    double value = score_by(s, method);
    entries.push_back({std::move(s), value, 0, false});
  }
  return rank_entries(std::move(where), method, std::move(entries));
}

}  // namespace

std::vector<Error> check_sheet(std::span<const Criterion> criteria, const ScoreSheet& sheet) {
  std::vector<Error> errors;
  for (const Criterion& c : criteria) {
    auto it = sheet.scores.find(c.code);
    if (it == sheet.scores.end()) {
      errors.push_back(sheet_error(ErrorCode::score_missing, sheet, c.code, &c));
    } else if (!(it->second >= c.scale_min && it->second <= c.scale_max)) {
      errors.push_back(sheet_error(ErrorCode::score_out_of_range, sheet, c.code, &c, "value",
                                   format_number(it->second), "min", format_number(c.scale_min),
                                   "max", format_number(c.scale_max)));
    }
  }
  for (const auto& [code, score] : sheet.scores) {
    if (std::ranges::find(criteria, code, &Criterion::code) == criteria.end())
      errors.push_back(sheet_error(ErrorCode::score_unknown_criterion, sheet, code, nullptr));
  }
  return errors;
}

Result<double> sheet_total(std::span<const Criterion> criteria, const ScoreSheet& sheet) {
  if (std::vector<Error> errors = check_sheet(criteria, sheet); !errors.empty())
    return fail(std::move(errors.front()));
  double total = 0;
  for (const Criterion& c : criteria) {
    // Multiplying before dividing keeps whole-number cases exact (30 × 8 / 10 = 24).
    total += c.weight * (sheet.scores.at(c.code) - c.scale_min) / (c.scale_max - c.scale_min);
  }
  return total;
}

double mean(std::span<const double> values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

double trimmed_mean(std::span<const double> values) {
  if (values.size() < 4) return mean(values);
  std::vector<double> sorted(values.begin(), values.end());
  std::ranges::sort(sorted);
  return mean(std::span(sorted).subspan(1, sorted.size() - 2));
}

Result<Calibration> calibrate(std::span<const Criterion> criteria,
                              std::span<const ScoreSheet> sheets) {
  Calibration result;
  std::set<std::pair<long long, long long>> seen;
  std::map<long long, std::vector<double>> totals_of_expert;
  std::vector<double> all;
  for (const ScoreSheet& sheet : sheets) {
    if (!seen.emplace(sheet.expert_id, sheet.application_id).second) {
      return fail(make_error(ErrorCode::score_sheet_duplicate, "expert",
                             std::to_string(sheet.expert_id), "application",
                             std::to_string(sheet.application_id)));
    }
    auto total = sheet_total(criteria, sheet);
    if (!total) return fail(total.error());
    result.sheets.push_back({sheet.expert_id, sheet.application_id, *total, 0, 0});
    totals_of_expert[sheet.expert_id].push_back(*total);
    all.push_back(*total);
  }
  result.pooled_mean = mean(all);
  result.pooled_sd = population_sd(all, result.pooled_mean);

  std::map<long long, std::size_t> index_of_expert;
  for (const auto& [expert, totals] : totals_of_expert) {
    ExpertCalibration e{expert, int(totals.size()), mean(totals), 0, 0, false};
    e.sd = population_sd(totals, e.mean);
    e.deviation = e.mean - result.pooled_mean;
    e.neutral = totals.size() < 2 || e.sd < k_zero_spread;
    index_of_expert[expert] = result.experts.size();
    result.experts.push_back(e);
  }
  for (SheetScore& s : result.sheets) {
    const ExpertCalibration& e = result.experts[index_of_expert.at(s.expert_id)];
    s.z = e.neutral ? 0 : (s.total - e.mean) / e.sd;
    s.calibrated = result.pooled_mean + s.z * result.pooled_sd;
  }
  return result;
}

std::vector<ApplicationScore> aggregate(const Calibration& calibration) {
  std::map<long long, const ExpertCalibration*> experts;
  for (const ExpertCalibration& e : calibration.experts) experts[e.expert_id] = &e;
  std::map<long long, ApplicationScore> by_application;
  for (const SheetScore& s : calibration.sheets) {
    ApplicationScore& a = by_application[s.application_id];
    a.application_id = s.application_id;
    const ExpertCalibration* e = experts.at(s.expert_id);
    a.experts.push_back({s.expert_id, s.total, s.calibrated, e->deviation, e->neutral});
  }
  std::vector<ApplicationScore> scores;
  for (auto& [id, a] : by_application) {
    std::ranges::sort(a.experts, {}, &ExpertScore::expert_id);
    std::vector<double> totals, calibrated;
    for (const ExpertScore& e : a.experts) {
      totals.push_back(e.total);
      calibrated.push_back(e.calibrated);
    }
    a.mean = mean(totals);
    a.trimmed_mean = trimmed_mean(totals);
    a.trimmed = totals.size() >= 4;
    a.zscore = mean(calibrated);
    scores.push_back(std::move(a));
  }
  return scores;
}

double score_by(const ApplicationScore& score, Aggregation method) {
  switch (method) {
    case Aggregation::mean:
      return score.mean;
    case Aggregation::trimmed_mean:
      return score.trimmed_mean;
    case Aggregation::zscore:
      return score.zscore;
  }
  return score.mean;
}

std::vector<Ranking> rank_applications(const Calibration& calibration, Aggregation method,
                                       const std::map<long long, Coverage>& where) {
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::vector<ApplicationScore>> groups;
  std::set<long long> scored;
  for (ApplicationScore& s : aggregate(calibration)) {
    scored.insert(s.application_id);
    auto it = where.find(s.application_id);
    Key key = it == where.end() ? Key{} : Key{it->second.list, it->second.field};
    groups[key].push_back(std::move(s));
  }
  std::map<Key, std::vector<long long>> unscored;
  for (const auto& [id, place] : where) {
    Key key{place.list, place.field};
    if (!scored.contains(id)) unscored[key].push_back(id);
    groups.try_emplace(key);  // a list or field with nothing scored yet still shows
  }
  std::vector<Ranking> rankings;
  for (auto& [key, scores] : groups) {
    rankings.push_back(rank_group(Coverage{key.first, key.second}, method, std::move(scores)));
    if (auto it = unscored.find(key); it != unscored.end()) rankings.back().unscored = it->second;
  }
  return rankings;
}

Ranking rank_entries(Coverage where, Aggregation method, std::vector<RankedApplication> entries) {
  std::ranges::sort(entries, [](const RankedApplication& a, const RankedApplication& b) {
    if (shown(a.value) != shown(b.value)) return shown(a.value) > shown(b.value);
    return a.score.application_id < b.score.application_id;
  });
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].tied = false;
    bool same_as_previous = i > 0 && shown(entries[i].value) == shown(entries[i - 1].value);
    entries[i].rank = same_as_previous ? entries[i - 1].rank : int(i) + 1;
    if (same_as_previous) entries[i].tied = entries[i - 1].tied = true;
  }
  return Ranking{std::move(where), method, std::move(entries), {}};
}

Shortlist shortlist(const Ranking& ranking, int target) {
  Shortlist result;
  const auto& entries = ranking.entries;
  std::size_t cut =
      std::size_t(std::clamp<long long>(target, 0, static_cast<long long>(entries.size())));
  std::size_t chosen_end = cut;
  // Straddling: the entry just inside the cut ties with the one just outside it.
  if (cut > 0 && cut < entries.size() && entries[cut - 1].rank == entries[cut].rank) {
    int rank = entries[cut].rank;
    chosen_end = std::size_t(rank - 1);  // competition ranks: rank r starts at index r − 1
    result.cut_rank = rank;
    result.seats_left = int(cut - chosen_end);
    for (std::size_t i = chosen_end; i < entries.size() && entries[i].rank == rank; ++i)
      result.tied_at_cut.push_back(entries[i].score.application_id);
  }
  for (std::size_t i = 0; i < chosen_end; ++i)
    result.chosen.push_back(entries[i].score.application_id);
  return result;
}

}  // namespace kczg::review
