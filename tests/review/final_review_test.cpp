#include "review/final_review.hpp"

#include <gtest/gtest.h>

#include "domain/presets.hpp"
#include "review/review_run.hpp"

namespace kczg::review {
namespace {

std::vector<int> seats(int target, std::vector<int> candidates) {
  return field_seats(target, candidates);
}

TEST(FieldSeats, ShareTheTargetInProportionToCandidates) {
  // 150 pioneer technologies over six fields that shortlisted 300: half of each.
  EXPECT_EQ(seats(150, {44, 64, 74, 48, 46, 24}), (std::vector<int>{22, 32, 37, 24, 23, 12}));
  // Equal remainders: the earlier field.
  EXPECT_EQ(seats(7, {5, 5, 5}), (std::vector<int>{3, 2, 2}));
  // Largest remainder: 20 × 2/30 = 1.33 and 20 × 28/30 = 18.67.
  EXPECT_EQ(seats(20, {2, 28}), (std::vector<int>{1, 19}));
  // Equal remainders go to the field that brought more.
  EXPECT_EQ(seats(2, {1, 3}), (std::vector<int>{0, 2}));
}

TEST(FieldSeats, NeverMoreThanTheCandidates) {
  // Fewer candidates than the target: everyone, and no more.
  EXPECT_EQ(seats(10, {3, 3, 3, 0}), (std::vector<int>{3, 3, 3, 0}));
  EXPECT_EQ(seats(50, {10, 5}), (std::vector<int>{10, 5}));
  EXPECT_EQ(seats(0, {10, 5}), (std::vector<int>{0, 0}));
  EXPECT_EQ(seats(5, {}), (std::vector<int>{}));
  EXPECT_EQ(seats(10, {8}), (std::vector<int>{8}));
}

RankedApplication entry(long long id, double value) {
  RankedApplication e;
  e.score.application_id = id;
  e.value = value;
  return e;
}

Ranking ranking(std::string list, std::string field, std::vector<RankedApplication> entries) {
  return rank_entries({std::move(list), std::move(field)}, Aggregation::zscore, std::move(entries));
}

Campaign small_campaign() {
  Campaign c = preset_2023();
  for (List& l : c.lists) {
    if (l.code == "emerging_enterprise") l.target_size = 3;
    if (l.code == "pioneer_tech") l.target_size = 4;
  }
  return c;
}

std::vector<long long> proposed(const FinalTable& t) {
  std::vector<long long> ids;
  for (const FinalRow& r : t.rows) {
    if (r.proposed) ids.push_back(r.entry.score.application_id);
  }
  return ids;
}

// Biomedicine: 1–3 at 90, 80, 70; electronic information: 4–8 at 60, 85, 75, 50, 40.
std::vector<Ranking> two_pioneer_fields() {
  return {ranking("pioneer_tech", "biomedicine", {entry(1, 90), entry(2, 80), entry(3, 70)}),
          ranking("pioneer_tech", "electronic_information",
                  {entry(4, 60), entry(5, 85), entry(6, 75), entry(7, 50), entry(8, 40)})};
}

TEST(FinalProposal, ProposesTheBestOfEachFieldUpToItsSeats) {
  Campaign c = small_campaign();
  std::vector<Ranking> rankings = two_pioneer_fields();
  std::vector<FinalList> lists = final_proposal(c, rankings);
  ASSERT_EQ(lists.size(), 1u);  // lists without candidates are left out
  EXPECT_EQ(lists[0].list, "pioneer_tech");
  EXPECT_EQ(lists[0].target, 4);
  ASSERT_EQ(lists[0].tables.size(), 2u);
  // Fields in the campaign's order: electronic_information comes first in the 2023 call.
  const FinalTable& info = lists[0].tables[0];
  const FinalTable& bio = lists[0].tables[1];
  EXPECT_EQ(info.where.field, "electronic_information");
  // 4 seats over 5 + 3 candidates: 2.5 and 1.5, the remainder to the field with more.
  EXPECT_EQ(info.seats, 3);
  EXPECT_EQ(bio.seats, 1);
  EXPECT_EQ(proposed(info), (std::vector<long long>{5, 6, 4}));
  EXPECT_EQ(proposed(bio), (std::vector<long long>{1}));
  EXPECT_EQ(info.rows[3].entry.rank, 4);
  EXPECT_FALSE(info.rows[3].proposed);
}

TEST(FinalProposal, ATieAcrossTheCutIsLeftToAPerson) {
  Campaign c = small_campaign();
  // Three seats; the 3rd and 4th share a score to two decimals.
  std::vector<Ranking> rankings{
      ranking("emerging_enterprise", "",
              {entry(1, 90), entry(2, 80), entry(3, 70.001), entry(4, 69.999), entry(5, 60)})};
  std::vector<FinalList> lists = final_proposal(c, rankings);
  ASSERT_EQ(lists.size(), 1u);
  const FinalTable& t = lists[0].tables.at(0);
  EXPECT_EQ(t.seats, 3);
  EXPECT_EQ(proposed(t), (std::vector<long long>{1, 2}));
  EXPECT_EQ(t.seats_left_for_ties, 1);
  EXPECT_TRUE(t.rows[2].tied_at_cut);
  EXPECT_TRUE(t.rows[3].tied_at_cut);
  EXPECT_FALSE(t.rows[4].tied_at_cut);
  // Either choice in the tie departs from the proposal; outside it, only a change does.
  EXPECT_TRUE(departs_from_proposal(t.rows[2], FinalChoice::listed));
  EXPECT_TRUE(departs_from_proposal(t.rows[3], FinalChoice::not_listed));
  EXPECT_FALSE(departs_from_proposal(t.rows[0], FinalChoice::listed));
  EXPECT_TRUE(departs_from_proposal(t.rows[0], FinalChoice::not_listed));
  EXPECT_FALSE(departs_from_proposal(t.rows[4], FinalChoice::not_listed));
  EXPECT_TRUE(departs_from_proposal(t.rows[4], FinalChoice::listed));
}

TEST(FinalProposal, RankingsOfOneFieldAreMergedAndEachApplicationCountsOnce) {
  Campaign c = small_campaign();
  std::vector<Ranking> rankings{
      ranking("emerging_enterprise", "", {entry(1, 50), entry(2, 40)}),
      ranking("emerging_enterprise", "", {entry(3, 45), entry(1, 99)}),
  };
  std::vector<FinalList> lists = final_proposal(c, rankings);
  ASSERT_EQ(lists.size(), 1u);
  const FinalTable& t = lists[0].tables.at(0);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].entry.score.application_id, 1);
  EXPECT_DOUBLE_EQ(t.rows[0].entry.value, 50);  // its first ranking's score
  EXPECT_EQ(t.rows[1].entry.score.application_id, 3);
  EXPECT_EQ(t.rows[2].entry.rank, 3);
}

TEST(FinalChoiceCheck, ADepartureNeedsAReasonThatNamesTheRankAndSeats) {
  Campaign c = small_campaign();
  std::vector<Ranking> rankings{
      ranking("emerging_enterprise", "",
              {entry(1, 90), entry(2, 80), entry(3, 70), entry(4, 60), entry(5, 50)})};
  std::vector<FinalList> lists = final_proposal(c, rankings);
  const FinalTable& t = lists.at(0).tables.at(0);
  EXPECT_TRUE(check_final_choice(t, t.rows[0], FinalChoice::listed, ""));
  EXPECT_TRUE(check_final_choice(t, t.rows[4], FinalChoice::not_listed, " "));
  auto refused = check_final_choice(t, t.rows[4], FinalChoice::listed, " \n");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::final_reason_missing);
  EXPECT_EQ(refused.error().param("application"), "5");
  EXPECT_EQ(refused.error().param("rank"), "5");
  EXPECT_EQ(refused.error().param("seats"), "3");
  EXPECT_EQ(refused.error().param("choice"), "listed");
  EXPECT_TRUE(check_final_choice(t, t.rows[4], FinalChoice::listed, "专家组一致认为应补入"));
  EXPECT_FALSE(check_final_choice(t, t.rows[1], FinalChoice::not_listed, ""));
}

std::vector<long long> ids(const std::vector<Substitute>& subs) {
  std::vector<long long> out;
  for (const Substitute& s : subs) out.push_back(s.row->entry.score.application_id);
  return out;
}

TEST(Substitutes, TheNextOfTheFreedFieldFirstThenByScore) {
  Campaign c = small_campaign();
  std::vector<Ranking> rankings = two_pioneer_fields();
  std::vector<FinalList> lists = final_proposal(c, rankings);
  // 1 was listed and taken off after an objection; 2, 3, 4, 7 and 8 are not listed.
  std::set<long long> available{2, 3, 4, 7, 8};
  EXPECT_EQ(ids(substitutes(lists.at(0), available, {"biomedicine"})),
            (std::vector<long long>{2, 3, 4, 7, 8}));
  // A seat freed in electronic information: its next (4, 60 points) before biomedicine's
  // 2 (80 points), then by score.
  EXPECT_EQ(ids(substitutes(lists.at(0), available, {"electronic_information"})),
            (std::vector<long long>{4, 7, 8, 2, 3}));
  // Nobody available, nobody proposed; one taken off is never offered.
  EXPECT_TRUE(substitutes(lists.at(0), {}, {"biomedicine"}).empty());
  EXPECT_EQ(ids(substitutes(lists.at(0), {3}, {})), (std::vector<long long>{3}));
}

TEST(ReviewScope, TheFinalPanelReadsTheShortlistAndPreliminaryBodiesWhatCameBefore) {
  ReviewBody preliminary{"初评机构", "", false, {{"pioneer_tech", ""}}, false};
  ReviewBody panel{"终评专家组", "", false, {{"pioneer_tech", ""}}, true};
  Application a;
  a.list = "pioneer_tech";
  a.field = "biomedicine";
  using S = ApplicationState;
  auto scope = [&](const ReviewBody& b, S state) {
    a.state = state;
    return in_review_scope(b, b.covers, a);
  };
  auto results = [&](const ReviewBody& b, S state) {
    a.state = state;
    return in_review_results(b, b.covers, a);
  };
  EXPECT_TRUE(scope(preliminary, S::eligible));
  EXPECT_FALSE(scope(preliminary, S::shortlisted));
  EXPECT_FALSE(scope(panel, S::eligible));
  EXPECT_TRUE(scope(panel, S::shortlisted));
  EXPECT_FALSE(scope(panel, S::listed));
  EXPECT_TRUE(results(preliminary, S::not_shortlisted));
  EXPECT_FALSE(results(panel, S::not_shortlisted));  // never the panel's to rank
  EXPECT_TRUE(results(panel, S::listed));
  EXPECT_TRUE(results(panel, S::not_listed));
  a.list = "emerging_enterprise";
  EXPECT_FALSE(scope(panel, S::shortlisted));  // outside what it covers
}

}  // namespace
}  // namespace kczg::review
