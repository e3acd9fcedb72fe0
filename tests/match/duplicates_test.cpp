// Duplicate detection: each kind of evidence at its edges, passages people read, and the
// quality on a generated world with every kind of repeat and near misses planted.
#include "match/duplicates.hpp"

#include <gtest/gtest.h>

#include <map>

#include "dedup_world.hpp"
#include "match/normalise.hpp"

namespace kczg::match {
namespace {

ListedItem item(long long id, std::string name, std::string holder, std::string uscc,
                std::string summary) {
  return {id,
          2022,
          "pioneer_tech",
          std::move(name),
          std::move(holder),
          std::move(uscc),
          std::move(summary),
          false};
}

TEST(Normalise, TraditionalWidthCaseAndPunctuationAreSeenThrough) {
  EXPECT_EQ(comparable("「存算一體晶片」，ＡＩ加速！"), comparable("存算一体芯片AI加速"));
  EXPECT_EQ(to_utf8(comparable("Ｈｕａｗｅｉ 麒麟９０００")), "huawei麒麟9000");
  EXPECT_EQ(simplified("國際領先"), "国际领先");
}

TEST(Similarity, TrigramJaccardOnComparableText) {
  EXPECT_DOUBLE_EQ(trigram_similarity(U"存算一体芯片", U"存算一体芯片"), 1.0);
  // 存算一 算一体 一体芯 体芯片 vs 存算一 算一体 一体化 体化芯 化芯片: 2 shared of 7.
  EXPECT_NEAR(trigram_similarity(U"存算一体芯片", U"存算一体化芯片"), 2.0 / 7.0, 1e-12);
  EXPECT_DOUBLE_EQ(trigram_similarity(U"芯片", U"芯片"), 1.0);
  EXPECT_DOUBLE_EQ(trigram_similarity(U"芯片", U"晶片"), 0.0);
  auto passages =
      shared_passages(U"本项目研发了存算一体芯片能效提升", U"该项目开发存算一体芯片，能效提高");
  ASSERT_FALSE(passages.empty());
  EXPECT_EQ(passages[0], "存算一体芯片能效提");  // 能效提 is in both
}

TEST(Duplicates, NamesAreTheSameOnlyButForAFormWord) {
  EXPECT_TRUE(same_name(U"可回收单细胞测序平台", U"可回收单细胞测序平台技术"));
  EXPECT_TRUE(same_name(U"碳化硅衬底关键技术", U"碳化硅衬底"));
  EXPECT_FALSE(same_name(U"新锐企业候选1", U"新锐企业候选2"));
  EXPECT_FALSE(same_name(U"碳化硅衬底", U"碳化硅衬底设备"));  // another item
  EXPECT_FALSE(same_name(U"芯片", U"芯片技术"));              // too little left to tell
  EXPECT_FALSE(same_name(U"", U""));
}

TEST(Duplicates, ShortTextsAreComparedByNameOnly) {
  std::vector<ListedItem> campaign{item(1, "大尺寸五轴联动加工中心", "甲", "", ""),
                                   item(2, "自适应五轴联动加工中心", "乙", "", "")};
  DuplicateIndex index(campaign);
  EXPECT_TRUE(index.find(campaign[0], 0).empty());
}

TEST(Duplicates, EachKindOfEvidenceIsFoundAndNamed) {
  std::vector<ListedItem> prior{
      item(1, "高精度存算一体芯片关键技术", "杭州甲科技有限公司", "913301067123456789",
           "本项目研发了高精度存算一体芯片，能效比提升35%，已在杭州等地12家企业推广应用。"),
      item(2, "钙钛矿光伏组件制备工艺", "合肥乙能源有限公司", "913401000000000011",
           "围绕钙钛矿光伏组件建立了完整的工程化验证体系，转换效率达到26%。"),
  };
  prior.push_back(prior[1]);
  prior[2].id = 3;
  prior[2].list = "emerging_enterprise";
  prior[2].name = "合肥乙能源";
  prior[2].holder_is_item = true;
  prior[2].summary = "一家光伏企业。";
  DuplicateIndex index(prior);

  // Traditional characters and full-width punctuation: the same name.
  auto by_name = index.find(item(0, "高精度存算一體晶片關鍵技術", "杭州丙公司", "",
                                 "全新的描述文字，与原文没有共同内容。"));
  ASSERT_EQ(by_name.size(), 1u);
  EXPECT_EQ(by_name[0].entry, 0u);
  EXPECT_EQ(by_name[0].kind, DuplicateKind::name);
  EXPECT_DOUBLE_EQ(by_name[0].score, 1.0);

  // Reworded under a new name: the text.
  auto by_text =
      index.find(item(0, "新型钙钛矿组件工艺", "合肥丁公司", "",
                      "围绕钙钛矿光伏组件构建了完整的工程化验证体系，转换效率达到26%。"));
  ASSERT_FALSE(by_text.empty());
  EXPECT_EQ(by_text[0].entry, 1u);
  EXPECT_EQ(by_text[0].kind, DuplicateKind::text);
  EXPECT_GE(by_text[0].score, k_text_similar);
  bool shown = false;
  for (const std::string& p : by_text[0].passages)
    shown |= p.find("钙钛矿光伏组件") != std::string::npos;
  EXPECT_TRUE(shown);

  // The same enterprise by USCC, whatever it now says: a repeat on an enterprise list.
  ListedItem again = item(0, "乙新能源科技", "", "913401000000000011", "完全不同的介绍。");
  again.holder_is_item = true;
  auto by_uscc = index.find(again);
  bool enterprise = false;
  for (const DuplicateHit& h : by_uscc) {
    enterprise |= h.entry == 2 && h.kind == DuplicateKind::uscc;
  }
  EXPECT_TRUE(enterprise);

  // The same holder with another technology is not a repeat of its earlier one.
  auto other = index.find(item(0, "高效固态电池电解质", "杭州甲科技有限公司", "913301067123456789",
                               "研制了新型硫化物固态电解质，室温离子电导率超过10毫西门子每厘米。"));
  EXPECT_TRUE(other.empty()) << duplicate_kind_name(other[0].kind);
}

TEST(Duplicates, TheSameItemTwiceInOneCampaignIsFoundWithoutItself) {
  std::vector<ListedItem> campaign{
      item(1, "五轴联动加工中心数控系统", "成都戊公司", "915101000000000022",
           "自主研发五轴联动数控系统。"),
      item(2, "五轴联动加工中心数控系统", "成都戊公司", "915101000000000022",
           "自主研发五轴联动数控系统。"),
      item(3, "海上风电变流器", "上海己公司", "", "面向海上风电的全功率变流器。")};
  campaign[1].list = "industrial_foundation";  // the same item filed to two lists
  DuplicateIndex index(campaign);
  auto hits = index.find(campaign[0], 0);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].entry, 1u);
  EXPECT_TRUE(index.find(campaign[2], 2).empty());
}

// Pair-level quality on the generated world: every planted repeat should be found (the
// entry it repeats among the hits), near misses and fresh items should find nothing.
TEST(DuplicateQuality, PlantedRepeatsAreFoundAndNearMissesAreNot) {
  testing::DedupWorld w = testing::make_world(20000, 3000, 20231130);
  DuplicateIndex index(w.prior);
  std::map<testing::Planted, std::pair<int, int>> found;  // kind → (found, planted)
  int true_pairs = 0, false_pairs = 0, planted = 0;
  std::map<testing::Planted, double> lowest;
  for (std::size_t a = 0; a < w.applications.size(); ++a) {
    auto hits = index.find(w.applications[a]);
    bool hit_truth = false;
    for (const DuplicateHit& h : hits) {
      if (h.entry == w.repeats[a]) {
        auto& low = lowest.try_emplace(w.planted[a], 1.0).first->second;
        low = std::min(low, h.text_similarity);
      }
      if (h.entry == w.repeats[a]) {
        hit_truth = true;
        ++true_pairs;
      } else {
        ++false_pairs;
        if (false_pairs <= 8) {
          std::printf("false %s %s %.3f: %s | %s\n",
                      std::string(testing::planted_name(w.planted[a])).c_str(),
                      std::string(duplicate_kind_name(h.kind)).c_str(), h.text_similarity,
                      w.applications[a].name.c_str(), w.prior[h.entry].name.c_str());
        }
      }
    }
    if (w.repeats[a] != SIZE_MAX) {
      ++planted;
      auto& [f, p] = found[w.planted[a]];
      ++p;
      f += hit_truth;
    }
  }
  for (const auto& [kind, counts] : found) {
    EXPECT_GE(double(counts.first) / counts.second, 0.98)
        << testing::planted_name(kind) << ": " << counts.first << " of " << counts.second;
  }
  double recall = double(true_pairs) / planted;
  double precision = double(true_pairs) / std::max(1, true_pairs + false_pairs);
  EXPECT_GE(recall, 0.98);
  EXPECT_GE(precision, 0.95);
  for (const auto& [kind, low] : lowest) {
    std::printf("%s lowest text %.3f\n", std::string(testing::planted_name(kind)).c_str(), low);
  }
  std::printf("planted %d, recall %.4f, precision %.4f (false pairs %d)\n", planted, recall,
              precision, false_pairs);
}

}  // namespace
}  // namespace kczg::match
