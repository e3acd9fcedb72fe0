#include "match/demand_match.hpp"

#include <gtest/gtest.h>

namespace kczg::match {
namespace {

Supply item(long long id, std::string name, std::string text, std::string field, std::string region,
            std::optional<Maturity> maturity = std::nullopt,
            SupplyKind kind = SupplyKind::listed_item) {
  Supply s;
  s.id = id;
  s.kind = kind;
  s.name = std::move(name);
  s.text = std::move(text);
  s.field = std::move(field);
  s.region = std::move(region);
  s.maturity = maturity;
  return s;
}

// A few supplies among unrelated ones: a term in half the supplies or more tells nothing
// (BM25's IDF is clamped at zero), as in a real library of thousands.
Matcher world() {
  std::vector<Supply> supplies{
      item(1, "碳化硅衬底制备工艺", "大尺寸碳化硅衬底的低缺陷生长与切磨抛工艺。",
           "advanced_materials", "330302", Maturity::pilot),
      item(2, "碳化硅功率模块封装", "车规级碳化硅功率模块的封装与可靠性测试。",
           "electronic_information", "440305", Maturity::production),
      item(3, "单细胞测序平台", "可回收单细胞测序芯片及试剂。", "biomedicine", "310115"),
      item(4, "固态电池电解质", "硫化物固态电解质的规模化制备。", "advanced_materials", "320505",
           Maturity::research),
      item(5, "张教授", "长期从事碳化硅衬底与外延生长研究。", "advanced_materials", "330106",
           std::nullopt, SupplyKind::expert),
  };
  const char* others[] = {"海上风电变流器", "工业机器人减速器", "航空发动机叶片", "医用影像探测器",
                          "毫米波通信模组", "高端轴承",         "光刻胶",         "激光雷达"};
  long long id = 100;
  for (const char* other : others) {
    supplies.push_back(item(++id, other, std::string(other) + "的研制与产业化应用。", "", ""));
  }
  return Matcher(std::move(supplies));
}

std::vector<long long> ids(const Matcher& m, const std::vector<Match>& matches) {
  std::vector<long long> out;
  for (const Match& x : matches) out.push_back(m.supplies()[x.supply].id);
  return out;
}

TEST(DemandMatch, TheTextDecidesAndSaysWhy) {
  Matcher m = world();
  Demand d{"寻求碳化硅衬底技术", "本公司需要低缺陷碳化硅衬底的生长工艺，用于功率器件。", "", "",
           std::nullopt};
  auto top = m.top(d, 3);
  ASSERT_GE(top.size(), 2u);
  EXPECT_EQ(m.supplies()[top[0].supply].id, 1);
  EXPECT_DOUBLE_EQ(top[0].text, 1.0);  // the best by text scales to 1
  EXPECT_FALSE(top[0].shared.empty());
  bool names_the_term = false;
  for (const std::string& phrase : top[0].shared) {
    names_the_term = names_the_term || phrase.find("碳化硅") != std::string::npos;
  }
  EXPECT_TRUE(names_the_term);
  // Nothing in common: no match rather than a random one.
  EXPECT_TRUE(m.top({"茶叶种植", "高山茶园的有机种植", "", "", std::nullopt}, 5).empty());
}

TEST(DemandMatch, FieldRegionAndMaturityReorderCloseTexts) {
  Matcher m = world();
  Demand d{"碳化硅", "碳化硅相关技术合作。", "electronic_information", "440303",
           Maturity::production};
  auto top = m.top(d, 3, SupplyKind::listed_item);
  ASSERT_GE(top.size(), 2u);
  EXPECT_EQ(m.supplies()[top[0].supply].id, 2);  // same field, same city, mature enough
  EXPECT_TRUE(top[0].same_field);
  EXPECT_EQ(top[0].nearby, Match::Nearby::city);
  EXPECT_EQ(top[0].maturity_fit, 1);
  EXPECT_EQ(top[1].maturity_fit, -1);  // the pilot-stage substrate is not far enough along
  // Experts only.
  EXPECT_EQ(ids(m, m.top(d, 3, SupplyKind::expert)), (std::vector<long long>{5}));
}

TEST(DemandMatch, AFewSuppliesSharingANameStillRankWhenSmall) {
  // Three open demands, two naming the item: BM25's own IDF is 0 for a term in most of
  // them, so only the small collection's smoothed IDF finds them.
  std::vector<Supply> demands{
      {1,
       SupplyKind::listed_item,
       "寻求存算一体芯片合作",
       "园区企业希望引进存算一体芯片。",
       {},
       "",
       "",
       {}},
      {2,
       SupplyKind::listed_item,
       "存算一体芯片应用",
       "用于边缘计算的存算一体芯片，低功耗。",
       {},
       "",
       "",
       {}},
      {3, SupplyKind::listed_item, "印染废水处理", "印染废水深度处理与回用。", {}, "", "", {}}};
  Demand item{"存算一体芯片", "", "", "", std::nullopt};
  EXPECT_TRUE(Matcher(demands).top(item, 3).empty());
  auto top = Matcher(demands, true).top(item, 3);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].supply + top[1].supply, 1u);  // the two that name it, not the third
}

}  // namespace
}  // namespace kczg::match
