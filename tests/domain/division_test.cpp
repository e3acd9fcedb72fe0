#include "domain/division.hpp"

#include <gtest/gtest.h>

namespace kczg {
namespace {

TEST(Division, TableFromChinaDivisionHasAllLevels) {
  const DivisionTable& t = gb2260();
  EXPECT_EQ(t.province_count(), 31u);  // mainland provinces, as the package ships them
  EXPECT_GT(t.city_count(), 300u);
  EXPECT_GT(t.county_count(), 2900u);
}

TEST(Division, FindsEachLevelBySixDigits) {
  const DivisionTable& t = gb2260();
  ASSERT_NE(t.find("110000"), nullptr);
  EXPECT_EQ(t.find("110000")->name, "北京市");
  ASSERT_NE(t.find("320500"), nullptr);
  EXPECT_EQ(t.find("320500")->name, "苏州市");
  ASSERT_NE(t.find("110108"), nullptr);
  EXPECT_EQ(t.find("110108")->name, "海淀区");
  EXPECT_EQ(t.find("990000"), nullptr);
  EXPECT_EQ(t.find("11"), nullptr);
}

TEST(Division, FindsByName) {
  const DivisionTable& t = gb2260();
  const Division* d = t.find_by_name("浙江省");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(DivisionTable::code6(*d), "330000");
  const Division* wenzhou = t.find_by_name("温州市");
  ASSERT_NE(wenzhou, nullptr);
  EXPECT_EQ(DivisionTable::code6(*wenzhou), "330300");
  EXPECT_EQ(t.find_by_name("不存在市"), nullptr);
}

}  // namespace
}  // namespace kczg
