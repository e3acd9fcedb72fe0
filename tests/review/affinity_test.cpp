#include "review/affinity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kczg::review {
namespace {

// Six experts from different fields: a term specific to one field is in 1 of 6 profiles.
std::vector<ExpertProfile> panel() {
  return {
      {"长期从事集成电路与芯片设计研究，主持高性能处理器芯片项目。", {"芯片设计", "集成电路"}},
      {"从事石墨烯与高分子新材料研究，研发复合材料制备工艺。", {"新材料", "石墨烯"}},
      {"从事肿瘤免疫治疗和抗体药物研发，主持创新药临床研究。", {"生物医药", "抗体药物"}},
      {"研究深度学习与计算机视觉，开发 Deep Learning 训练框架。", {"人工智能", "机器学习"}},
      {"从事锂离子电池与储能系统研究，推动新能源汽车应用。", {"新能源", "储能"}},
      {"从事数控机床与工业机器人研究，推进智能制造示范。", {"智能制造", "工业机器人"}},
  };
}

ApplicationText chip_application() {
  return {{"高性能ＡＩ芯片", "本项目研发面向人工智能的高性能芯片，突破集成电路设计关键技术。",
           "算力达到128 TOPS"}};
}

TEST(Affinity, RelevantExpertRanksFirst) {
  AffinityIndex index(panel());
  auto ranked = best_first(index.affinities(chip_application()));
  ASSERT_GE(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].expert, 0u);  // chips and integrated circuits
  EXPECT_EQ(ranked[1].expert, 3u);  // 人工智能, as a keyword
  for (std::size_t i = 1; i < ranked.size(); ++i) {
    EXPECT_GE(ranked[i - 1].affinity, ranked[i].affinity);
  }
}

TEST(Affinity, ExplanationNamesTheSharedTerms) {
  AffinityIndex index(panel());
  auto explanation = index.explain(0, chip_application(), 0);
  EXPECT_DOUBLE_EQ(explanation.affinity, index.affinity(0, chip_application()));

  std::vector<std::string> terms;
  for (const auto& t : explanation.terms) terms.push_back(t.term);
  std::sort(terms.begin(), terms.end());
  EXPECT_EQ(terms, (std::vector<std::string>{"性能", "成电", "电路", "芯片", "设计", "集成", "项目",
                                             "高性"}));
  // The phrases read as the application wrote them; 路设 is not in the profile, so
  // 集成电路 and 设计 stay apart.
  std::vector<std::string> phrases;
  for (const auto& p : explanation.phrases) phrases.push_back(p.term);
  std::sort(phrases.begin(), phrases.end());
  EXPECT_EQ(phrases, (std::vector<std::string>{"芯片", "设计", "集成电路", "项目", "高性能"}));
  EXPECT_EQ(explanation.phrases[0].term, "集成电路");

  auto sum = [](const std::vector<TermContribution>& list) {
    return std::accumulate(list.begin(), list.end(), 0.0,
                           [](double s, const TermContribution& t) { return s + t.contribution; });
  };
  EXPECT_NEAR(sum(explanation.terms), explanation.affinity, 1e-9);
  EXPECT_NEAR(sum(explanation.phrases), explanation.affinity, 1e-9);
  for (const auto& t : explanation.terms) EXPECT_GT(t.contribution, 0);
}

TEST(Affinity, ExplanationIsCappedAtMaxTerms) {
  AffinityIndex index(panel());
  auto explanation = index.explain(0, chip_application(), 2);
  EXPECT_EQ(explanation.terms.size(), 2u);
  EXPECT_LE(explanation.phrases.size(), 2u);
  EXPECT_GE(explanation.terms[0].contribution, explanation.terms[1].contribution);
}

TEST(Affinity, ListsAreByExpertIndex) {
  AffinityIndex index(panel());
  auto found = index.affinities(chip_application());
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_LT(found[i - 1].expert, found[i].expert);
}

TEST(Affinity, IcuHanWordsAddDictionaryWords) {
  AffinityIndex index(panel(), {.han_words = true});
  auto ranked = best_first(index.affinities(chip_application()));
  ASSERT_GE(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].expert, 0u);
  std::vector<std::string> terms;
  for (const auto& t : index.explain(0, chip_application(), 0).terms) terms.push_back(t.term);
  EXPECT_NE(std::find(terms.begin(), terms.end(), "高性能"), terms.end());
  AffinityIndex plain(panel());
  EXPECT_LT(plain.affinity(0, chip_application()), index.affinity(0, chip_application()));
}

TEST(Affinity, PairScoreMatchesRanking) {
  AffinityIndex index(panel());
  for (const ExpertAffinity& r : index.affinities(chip_application())) {
    EXPECT_EQ(r.affinity, index.affinity(r.expert, chip_application()));
    EXPECT_EQ(r.affinity, index.explain(r.expert, chip_application()).affinity);
  }
}

TEST(Affinity, ExpertsWithoutSharedTermsAreLeftOut) {
  AffinityIndex index(panel());
  auto ranked = best_first(index.affinities({{"抗体药物临床研究"}}));
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].expert, 2u);
  for (const auto& r : ranked) EXPECT_NE(r.expert, 1u);  // materials share nothing
  EXPECT_EQ(index.affinity(1, {{"抗体药物临床研究"}}), 0.0);
  EXPECT_TRUE(index.affinities({{"量子通信"}}).empty());
  EXPECT_TRUE(index.affinities({}).empty());
}

TEST(Affinity, TermsInHalfTheProfilesDoNotCount) {
  // 从事 is in five of six profiles, 研究 in all six: they tell no one apart.
  AffinityIndex index(panel());
  EXPECT_TRUE(index.affinities({{"从事研究"}}).empty());
  EXPECT_EQ(index.explain(0, {{"从事研究，芯片"}}).terms.size(), 1u);
}

TEST(Affinity, KeywordsWeighMoreThanProfileText) {
  // Experts 6 and 7 have the same tokens; 7 gives 光子芯片 as a keyword.
  std::vector<ExpertProfile> experts = panel();
  experts.push_back({"光子芯片，量子计算。", {}});
  experts.push_back({"量子计算。", {"光子芯片"}});
  ApplicationText application{{"光子芯片"}};
  AffinityIndex index(experts);
  EXPECT_GT(index.affinity(7, application), index.affinity(6, application));
  AffinityIndex flat(experts, {.keyword_weight = 1.0});
  EXPECT_EQ(flat.affinity(7, application), flat.affinity(6, application));
  EXPECT_GT(flat.affinity(7, application), 0);
}

TEST(Affinity, FullWidthAndCaseDoNotMatter) {
  AffinityIndex index(panel());
  EXPECT_EQ(index.affinity(3, {{"DEEP LEARNING"}}),
            index.affinity(3, {{"ｄｅｅｐ　ｌｅａｒｎｉｎｇ"}}));
  EXPECT_GT(index.affinity(3, {{"DEEP LEARNING"}}), 0);
}

TEST(Affinity, TopNKeepsTheBest) {
  AffinityIndex all(panel());
  AffinityIndex top(panel(), {.top_n = 1});
  auto ranked = top.affinities(chip_application());
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].expert, best_first(all.affinities(chip_application()))[0].expert);
  AffinityIndex two(panel(), {.top_n = 2});
  auto best = two.affinities(chip_application());
  ASSERT_EQ(best.size(), 2u);
  EXPECT_EQ(best[0].expert, 0u);  // by index, not by affinity
  EXPECT_EQ(best[1].expert, 3u);
}

TEST(Affinity, RankAllOnTwoThreadsEqualsRankEach) {
  AffinityIndex index(panel());
  std::vector<ApplicationText> applications;
  for (int i = 0; i < 100; ++i) {
    applications.push_back(i % 3 == 0 ? chip_application()
                           : i % 3 == 1 ? ApplicationText{{"锂离子电池储能", "新能源汽车"}}
                                        : ApplicationText{{"工业机器人", "石墨烯"}});
  }
  auto ranked = index.affinities_all(applications, 2);
  ASSERT_EQ(ranked.size(), applications.size());
  for (std::size_t a = 0; a < applications.size(); ++a) {
    auto one = index.affinities(applications[a]);
    ASSERT_EQ(ranked[a].size(), one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
      EXPECT_EQ(ranked[a][i].expert, one[i].expert);
      EXPECT_EQ(ranked[a][i].affinity, one[i].affinity);
    }
  }
}

TEST(Affinity, EmptyPanel) {
  AffinityIndex index(std::vector<ExpertProfile>{});
  EXPECT_EQ(index.expert_count(), 0u);
  EXPECT_TRUE(index.affinities(chip_application()).empty());
}

}  // namespace
}  // namespace kczg::review
