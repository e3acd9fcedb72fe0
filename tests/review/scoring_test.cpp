#include "review/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace kczg::review {
namespace {

// The criteria: innovation 30, maturity 25, market value 25 on 0–10, team 20 on 1–5.
const std::vector<Criterion> k_criteria{
    {"innovation", "创新性", "Innovation", 30, 0, 10},
    {"maturity", "技术成熟度", "Maturity", 25, 0, 10},
    {"market_value", "市场价值", "Market value", 25, 0, 10},
    {"team", "团队能力", "Team", 20, 1, 5},
};

// One criterion worth all 100 points on 0–100, so a sheet's total is its score: the
// calibration and ranking examples below can then be checked by hand.
const std::vector<Criterion> k_overall{{"overall", "总体评价", "Overall", 100, 0, 100}};

ScoreSheet sheet(long long expert, long long application, double overall) {
  return {expert, application, {{"overall", overall}}};
}

std::vector<long long> ids(const Ranking& ranking) {
  std::vector<long long> found;
  for (const RankedApplication& e : ranking.entries) found.push_back(e.score.application_id);
  return found;
}

std::vector<int> ranks(const Ranking& ranking) {
  std::vector<int> found;
  for (const RankedApplication& e : ranking.entries) found.push_back(e.rank);
  return found;
}

TEST(Scoring, WeightedTotalNormalisesEachScale) {
  ScoreSheet s{7, 1, {{"innovation", 8}, {"maturity", 6}, {"market_value", 7}, {"team", 4}}};
  // 30 × 8/10 + 25 × 6/10 + 25 × 7/10 + 20 × (4 − 1)/(5 − 1) = 24 + 15 + 17.5 + 15 = 71.5
  EXPECT_DOUBLE_EQ(*sheet_total(k_criteria, s), 71.5);
  ScoreSheet top{7, 2, {{"innovation", 10}, {"maturity", 10}, {"market_value", 10}, {"team", 5}}};
  ScoreSheet bottom{7, 3, {{"innovation", 0}, {"maturity", 0}, {"market_value", 0}, {"team", 1}}};
  EXPECT_DOUBLE_EQ(*sheet_total(k_criteria, top), 100);
  EXPECT_DOUBLE_EQ(*sheet_total(k_criteria, bottom), 0);
}

TEST(Scoring, SheetProblemsNameExpertApplicationAndCriterion) {
  ScoreSheet s{7, 1, {{"innovation", 11}, {"maturity", 6}, {"team", 4}, {"novelty", 3}}};
  std::vector<Error> errors = check_sheet(k_criteria, s);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].code, ErrorCode::score_out_of_range);
  EXPECT_EQ(errors[0].param("expert"), "7");
  EXPECT_EQ(errors[0].param("application"), "1");
  EXPECT_EQ(errors[0].param("name_zh"), "创新性");
  EXPECT_EQ(errors[0].param("value"), "11");
  EXPECT_EQ(errors[0].param("max"), "10");
  EXPECT_EQ(errors[1].code, ErrorCode::score_missing);
  EXPECT_EQ(errors[1].param("criterion"), "market_value");
  EXPECT_EQ(errors[2].code, ErrorCode::score_unknown_criterion);
  EXPECT_EQ(errors[2].param("criterion"), "novelty");
  EXPECT_EQ(sheet_total(k_criteria, s).error().code, ErrorCode::score_out_of_range);

  ScoreSheet nan{7, 1, {{"overall", std::numeric_limits<double>::quiet_NaN()}}};
  EXPECT_EQ(check_sheet(k_overall, nan)[0].code, ErrorCode::score_out_of_range);
}

TEST(Scoring, TrimmedMeanNeedsFourSheets) {
  // k = 3: dropping two of three would leave one opinion, so the plain mean:
  // (60 + 70 + 95) / 3 = 75.
  std::vector<double> three{60, 70, 95};
  EXPECT_DOUBLE_EQ(mean(three), 75);
  EXPECT_DOUBLE_EQ(trimmed_mean(three), 75);
  // k = 5: mean (40 + 70 + 75 + 80 + 95) / 5 = 360 / 5 = 72; without 40 and 95:
  // (70 + 75 + 80) / 3 = 75.
  std::vector<double> five{95, 40, 75, 80, 70};
  EXPECT_DOUBLE_EQ(mean(five), 72);
  EXPECT_DOUBLE_EQ(trimmed_mean(five), 75);
  // k = 4 drops one of two equal highest and the lowest: (80 + 90) / 2 = 85.
  EXPECT_DOUBLE_EQ(trimmed_mean(std::vector<double>{90, 60, 90, 80}), 85);
  EXPECT_DOUBLE_EQ(mean(std::vector<double>{}), 0);
}

TEST(Scoring, AggregateTrimsPerApplicationByItsSheetCount) {
  std::vector<ScoreSheet> sheets{sheet(1, 10, 60), sheet(2, 10, 70), sheet(3, 10, 95),
                                 sheet(1, 20, 40), sheet(2, 20, 70), sheet(3, 20, 75),
                                 sheet(4, 20, 80), sheet(5, 20, 95)};
  auto scores = aggregate(*calibrate(k_overall, sheets));
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0].application_id, 10);
  EXPECT_FALSE(scores[0].trimmed);
  EXPECT_DOUBLE_EQ(scores[0].mean, 75);
  EXPECT_DOUBLE_EQ(scores[0].trimmed_mean, 75);
  EXPECT_TRUE(scores[1].trimmed);
  EXPECT_DOUBLE_EQ(scores[1].mean, 72);
  EXPECT_DOUBLE_EQ(scores[1].trimmed_mean, 75);
  ASSERT_EQ(scores[1].experts.size(), 5u);
  EXPECT_EQ(scores[1].experts[4].expert_id, 5);
}

// A harsh expert (1) and a lenient one (2) read different applications.
//   expert 1: app 1 → 26, app 2 → 46; mean 36, sd √((10² + 10²) / 2) = 10
//   expert 2: app 3 → 74, app 4 → 94; mean 84, sd 10
//   pooled: (26 + 46 + 74 + 94) / 4 = 60;
//           sd √((34² + 14² + 14² + 34²) / 4) = √(2704 / 4) = √676 = 26
//   z: apps 1 and 3 → −1, apps 2 and 4 → +1
//   calibrated: 60 − 26 = 34 for apps 1 and 3, 60 + 26 = 86 for apps 2 and 4
//   deviation: expert 1 36 − 60 = −24, expert 2 84 − 60 = +24
// Each expert's better application ends equal: the harshness is gone.
std::vector<ScoreSheet> harsh_and_lenient() {
  return {sheet(1, 1, 26), sheet(1, 2, 46), sheet(2, 3, 74), sheet(2, 4, 94)};
}

TEST(Scoring, CalibrationPutsHarshAndLenientExpertsOnOneScale) {
  auto sheets = harsh_and_lenient();
  Calibration c = *calibrate(k_overall, sheets);
  EXPECT_DOUBLE_EQ(c.pooled_mean, 60);
  EXPECT_DOUBLE_EQ(c.pooled_sd, 26);
  ASSERT_EQ(c.experts.size(), 2u);
  EXPECT_DOUBLE_EQ(c.experts[0].mean, 36);
  EXPECT_DOUBLE_EQ(c.experts[0].sd, 10);
  EXPECT_DOUBLE_EQ(c.experts[0].deviation, -24);
  EXPECT_DOUBLE_EQ(c.experts[1].deviation, 24);
  EXPECT_FALSE(c.experts[0].neutral);
  ASSERT_EQ(c.sheets.size(), 4u);
  EXPECT_DOUBLE_EQ(c.sheets[0].z, -1);
  EXPECT_DOUBLE_EQ(c.sheets[1].z, 1);
  EXPECT_DOUBLE_EQ(c.sheets[0].calibrated, 34);
  EXPECT_DOUBLE_EQ(c.sheets[1].calibrated, 86);
  EXPECT_DOUBLE_EQ(c.sheets[2].calibrated, 34);
  EXPECT_DOUBLE_EQ(c.sheets[3].calibrated, 86);
}

TEST(Scoring, ZscoreRankingShowsAllThreeValuesAndDeviations) {
  auto sheets = harsh_and_lenient();
  std::map<long long, Coverage> where;
  for (long long id : {1, 2, 3, 4}) where[id] = {"pioneer_tech", "biomedicine"};
  auto rankings = rank_applications(*calibrate(k_overall, sheets), Aggregation::zscore, where);
  ASSERT_EQ(rankings.size(), 1u);
  const Ranking& r = rankings[0];
  EXPECT_EQ(r.where, (Coverage{"pioneer_tech", "biomedicine"}));
  // 86, 86, 34, 34: two ties, each listed by application id.
  EXPECT_EQ(ids(r), (std::vector<long long>{2, 4, 1, 3}));
  EXPECT_EQ(ranks(r), (std::vector<int>{1, 1, 3, 3}));
  EXPECT_TRUE(r.entries[0].tied);
  EXPECT_TRUE(r.entries[3].tied);
  const RankedApplication& app2 = r.entries[0];
  EXPECT_DOUBLE_EQ(app2.value, 86);
  EXPECT_DOUBLE_EQ(app2.score.mean, 46);
  EXPECT_DOUBLE_EQ(app2.score.trimmed_mean, 46);
  EXPECT_DOUBLE_EQ(app2.score.zscore, 86);
  ASSERT_EQ(app2.score.experts.size(), 1u);
  EXPECT_EQ(app2.score.experts[0].expert_id, 1);
  EXPECT_DOUBLE_EQ(app2.score.experts[0].deviation, -24);

  // By the raw mean the lenient expert's applications would take both top places.
  auto by_mean = rank_applications(*calibrate(k_overall, sheets), Aggregation::mean, where);
  EXPECT_EQ(ids(by_mean[0]), (std::vector<long long>{4, 3, 2, 1}));
  EXPECT_EQ(ranks(by_mean[0]), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_FALSE(by_mean[0].entries[0].tied);
}

TEST(Scoring, ExpertWithOneSheetCountsAsThePooledMean) {
  auto sheets = harsh_and_lenient();
  sheets.push_back(sheet(3, 5, 100));
  // Pooled over 26, 46, 74, 94, 100: mean 340 / 5 = 68. Expert 3's z would be 0 / 0; it is
  // taken as 0, so application 5 gets the pooled mean, not the top of the scale.
  Calibration c = *calibrate(k_overall, sheets);
  EXPECT_DOUBLE_EQ(c.pooled_mean, 68);
  ASSERT_EQ(c.experts.size(), 3u);
  EXPECT_TRUE(c.experts[2].neutral);
  EXPECT_DOUBLE_EQ(c.experts[2].deviation, 32);
  EXPECT_DOUBLE_EQ(c.sheets[4].z, 0);
  EXPECT_DOUBLE_EQ(c.sheets[4].calibrated, 68);
  EXPECT_DOUBLE_EQ(c.sheets[0].z, -1);  // the others keep their own scale
}

TEST(Scoring, ExpertWithoutSpreadCountsAsThePooledMean) {
  // Expert 9 gives three totals of 100 × 1 / 1000 = 0.1. Their mean in doubles is
  // (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002, so the computed sd is about 1.4e-17, not
  // 0; without k_zero_spread each z would be about ±1.
  std::vector<Criterion> fine{{"fine", "细分", "Fine", 100, 0, 1000}};
  std::vector<ScoreSheet> sheets;
  for (long long app : {1, 2, 3}) sheets.push_back({9, app, {{"fine", 1}}});
  sheets.push_back({8, 1, {{"fine", 1000}}});
  sheets.push_back({8, 2, {{"fine", 0}}});
  Calibration c = *calibrate(fine, sheets);
  ASSERT_EQ(c.experts.size(), 2u);
  EXPECT_EQ(c.experts[1].expert_id, 9);
  EXPECT_TRUE(c.experts[1].neutral);
  EXPECT_LT(c.experts[1].sd, k_zero_spread);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(c.sheets[i].z, 0);
    EXPECT_DOUBLE_EQ(c.sheets[i].calibrated, c.pooled_mean);
  }
  EXPECT_FALSE(c.experts[0].neutral);
  EXPECT_DOUBLE_EQ(c.sheets[3].z, 1);  // expert 8: 100 and 0, mean 50, sd 50
}

TEST(Scoring, DuplicateOrInvalidSheetsAreRefused) {
  auto twice = calibrate(k_overall, std::vector{sheet(1, 1, 50), sheet(1, 1, 60)});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::score_sheet_duplicate);
  EXPECT_EQ(twice.error().param("expert"), "1");
  auto bad = calibrate(k_overall, std::vector{sheet(1, 1, 50), sheet(2, 1, 101)});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::score_out_of_range);
}

// One sheet per application (expert id = application id + 100), mean method.
Ranking ranking_of(const std::vector<std::pair<long long, double>>& values) {
  std::vector<ScoreSheet> sheets;
  std::map<long long, Coverage> where;
  for (auto [app, value] : values) {
    sheets.push_back(sheet(app + 100, app, value));
    where[app] = {"emerging_enterprise", ""};
  }
  return rank_applications(*calibrate(k_overall, sheets), Aggregation::mean, where).at(0);
}

TEST(Scoring, EqualScoresShareARankAtTheShownPrecision) {
  // 80.004 and 79.996 both show as 80.00: a tie. 80.01 shows differently: no tie.
  Ranking r = ranking_of({{1, 79.996}, {2, 80.004}, {3, 80.01}, {4, 70}});
  EXPECT_EQ(ids(r), (std::vector<long long>{3, 1, 2, 4}));
  EXPECT_EQ(ranks(r), (std::vector<int>{1, 2, 2, 4}));
  EXPECT_FALSE(r.entries[0].tied);
  EXPECT_TRUE(r.entries[1].tied);
  EXPECT_TRUE(r.entries[2].tied);
  EXPECT_FALSE(r.entries[3].tied);
}

TEST(Scoring, RankingsAreKeptPerListAndFieldWithUnscoredShown) {
  std::vector<ScoreSheet> sheets{sheet(1, 1, 80), sheet(1, 2, 60), sheet(1, 3, 70)};
  std::map<long long, Coverage> where{{1, {"pioneer_tech", "biomedicine"}},
                                      {2, {"pioneer_tech", "advanced_materials"}},
                                      {3, {"pioneer_tech", "biomedicine"}},
                                      {4, {"pioneer_tech", "biomedicine"}},
                                      {5, {"tech_manager", ""}}};
  auto rankings = rank_applications(*calibrate(k_overall, sheets), Aggregation::mean, where);
  ASSERT_EQ(rankings.size(), 3u);
  EXPECT_EQ(rankings[0].where.field, "advanced_materials");
  EXPECT_EQ(ids(rankings[0]), (std::vector<long long>{2}));
  EXPECT_EQ(rankings[1].where.field, "biomedicine");
  EXPECT_EQ(ids(rankings[1]), (std::vector<long long>{1, 3}));
  EXPECT_EQ(rankings[1].unscored, (std::vector<long long>{4}));
  EXPECT_EQ(rankings[2].where.list, "tech_manager");
  EXPECT_TRUE(rankings[2].entries.empty());
  EXPECT_EQ(rankings[2].unscored, (std::vector<long long>{5}));
}

TEST(Scoring, ShortlistReportsATieAtTheCutInsteadOfCuttingIt) {
  // 90, 85, 80, 80, 80, 70 → ranks 1, 2, 3, 3, 3, 6.
  Ranking r = ranking_of({{1, 90}, {2, 85}, {3, 80}, {4, 80}, {5, 80}, {6, 70}});
  ASSERT_EQ(ranks(r), (std::vector<int>{1, 2, 3, 3, 3, 6}));
  Shortlist four = shortlist(r, 4);  // the cut falls inside the three-way tie
  EXPECT_EQ(four.chosen, (std::vector<long long>{1, 2}));
  EXPECT_EQ(four.tied_at_cut, (std::vector<long long>{3, 4, 5}));
  EXPECT_EQ(four.cut_rank, 3);
  EXPECT_EQ(four.seats_left, 2);
  Shortlist three = shortlist(r, 3);
  EXPECT_EQ(three.tied_at_cut, (std::vector<long long>{3, 4, 5}));
  EXPECT_EQ(three.seats_left, 1);
}

TEST(Scoring, ShortlistBetweenRanksTakesTheBest) {
  Ranking r = ranking_of({{1, 90}, {2, 85}, {3, 80}, {4, 80}, {5, 80}, {6, 70}});
  Shortlist five = shortlist(r, 5);
  EXPECT_EQ(five.chosen, (std::vector<long long>{1, 2, 3, 4, 5}));
  EXPECT_TRUE(five.tied_at_cut.empty());
  EXPECT_EQ(five.cut_rank, 0);
  EXPECT_EQ(shortlist(r, 2).chosen, (std::vector<long long>{1, 2}));
  EXPECT_EQ(shortlist(r, 10).chosen.size(), 6u);
  EXPECT_TRUE(shortlist(r, 0).chosen.empty());
  EXPECT_TRUE(shortlist(r, -3).chosen.empty());
}

}  // namespace
}  // namespace kczg::review
