#include "match/library_index.hpp"

#include <gtest/gtest.h>

namespace kczg::match {
namespace {

LibraryProfile profile(long long id, int year, std::string name, std::string holder,
                       std::string summary, std::string region = "330302") {
  LibraryProfile p;
  p.id = id;
  p.year = year;
  p.list = "pioneer_tech";
  p.field = "electronic_information";
  p.name = std::move(name);
  p.holder = std::move(holder);
  p.region = std::move(region);
  p.summary = std::move(summary);
  return p;
}

class LibraryIndexTest : public ::testing::Test {
 protected:
  LibraryIndexTest()
      : m_index({
            profile(1, 2022, "存算一体AI芯片", "温州微电子有限公司",
                    "面向边缘计算的低功耗推理芯片。"),
            profile(2, 2023, "高熵合金增材制造", "杭州材料研究院", "芯材切片与热处理工艺，已中试。",
                    "330106"),
            profile(3, 2023, "新型电池隔膜", "宁德储能科技", "用于动力电池，芯片级检测。",
                    "350902"),
            profile(4, 2021, "工业互联网平台", "芯联智造股份", "连接工厂设备的平台。"),
        }) {}

  std::vector<long long> ids(const LibraryQuery& q) const {
    std::vector<long long> out;
    for (const LibraryHit& h : m_index.search(q).hits) {
      out.push_back(m_index.profiles()[h.profile].id);
    }
    return out;
  }
  std::vector<long long> ids(std::string text) const {
    LibraryQuery q;
    q.text = std::move(text);
    return ids(q);
  }

  LibraryIndex m_index;
};

TEST_F(LibraryIndexTest, OneAndTwoCharacterChineseTermsAreFound) {
  // One character: wherever it occurs, the name's hits first, then the holder's, then newer.
  EXPECT_EQ(ids("芯"), (std::vector<long long>{1, 4, 2, 3}));
  // Two characters: only where they stand together — 芯材切片 has both, apart.
  EXPECT_EQ(ids("芯片"), (std::vector<long long>{1, 3}));
  EXPECT_EQ(ids("平台"), (std::vector<long long>{4}));
}

TEST_F(LibraryIndexTest, TraditionalFullWidthAndCaseFindTheSameEntries) {
  EXPECT_EQ(ids("存算一體"), (std::vector<long long>{1}));
  EXPECT_EQ(ids("ａｉ芯片"), (std::vector<long long>{1}));
  EXPECT_EQ(ids("Ai"), (std::vector<long long>{1}));
}

TEST_F(LibraryIndexTest, EveryKeywordIsRequired) {
  EXPECT_EQ(ids("芯片 边缘"), (std::vector<long long>{1}));
  EXPECT_EQ(ids("芯片　电池"), (std::vector<long long>{3}));  // an ideographic space
  EXPECT_TRUE(ids("芯片 合金").empty());
  EXPECT_TRUE(ids("量子").empty());
}

TEST_F(LibraryIndexTest, FiltersNarrowAndTheTotalCountsEveryMatch) {
  LibraryQuery q;
  q.text = "芯";
  q.region = "3303";  // a city of Zhejiang
  EXPECT_EQ(ids(q), (std::vector<long long>{1, 4}));
  q.region = "33";
  q.year = 2023;
  EXPECT_EQ(ids(q), (std::vector<long long>{2}));
  q = {};
  q.list = "emerging_enterprise";
  EXPECT_TRUE(ids(q).empty());

  q = {};  // no keywords: every profile, newest first
  EXPECT_EQ(ids(q), (std::vector<long long>{2, 3, 1, 4}));
  q.offset = 1;
  q.limit = 2;
  LibraryResults page = m_index.search(q);
  EXPECT_EQ(page.total, 4u);
  EXPECT_EQ(ids(q), (std::vector<long long>{3, 1}));
  q.offset = 9;
  EXPECT_TRUE(ids(q).empty());
}

TEST(LibraryIndex, MaturityFilterAndNames) {
  LibraryProfile a = profile(1, 2023, "甲", "", "");
  a.maturity = Maturity::pilot;
  LibraryProfile b = profile(2, 2023, "乙", "", "");
  LibraryIndex index({a, b});
  LibraryQuery q;
  q.maturity = Maturity::pilot;
  ASSERT_EQ(index.search(q).total, 1u);
  EXPECT_EQ(index.profiles()[index.search(q).hits[0].profile].id, 1);
  EXPECT_EQ(maturity_from_name("pilot"), Maturity::pilot);
  EXPECT_EQ(maturity_from_name("someday"), std::nullopt);
  EXPECT_EQ(cooperation_name(Cooperation::joint_development), "joint_development");
  EXPECT_EQ(cooperation_from_name("licence"), Cooperation::licence);
  // A holder's change, on a copy: the copy filters by it, the original as before.
  LibraryIndex changed = index;
  changed.set_holder_parts(1, Maturity::pilot, {Cooperation::licence});
  EXPECT_EQ(changed.search(q).total, 2u);
  EXPECT_EQ(index.search(q).total, 1u);
}

}  // namespace
}  // namespace kczg::match
