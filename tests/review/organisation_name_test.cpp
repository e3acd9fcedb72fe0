#include "review/organisation_name.hpp"

#include <gtest/gtest.h>

namespace kczg::review {
namespace {

using Strings = std::vector<std::string>;

TEST(OrganisationName, CompanyFormsAreStripped) {
  EXPECT_EQ(organisation_core_name("华芯微电子有限公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子股份有限公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子有限责任公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子集团有限公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子集团"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子控股集团股份有限公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子公司"), "华芯微电子");
}

TEST(OrganisationName, BracketsWidthAndSpacesAreSeenThrough) {
  EXPECT_EQ(organisation_core_name("华芯微电子（北京）有限公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子(北京)有限公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子（集团）股份有限公司"), "华芯微电子");
  EXPECT_EQ(organisation_core_name(" 华芯 微电子 有限公司 "), "华芯微电子");
  EXPECT_EQ(organisation_core_name("华芯微电子【筹】"), "华芯微电子");
  EXPECT_EQ(organisation_core_name("ＡＢＣ１２３科技有限公司"), "abc123科技");
  // Between Latin words a space is a word boundary (for the prefix rule), so it stays.
  EXPECT_EQ(organisation_core_name("ABC  123科技有限公司"), "abc 123科技");
}

TEST(OrganisationName, LatinCompanyFormsAreWholeWords) {
  EXPECT_EQ(organisation_core_name("Huawei Technologies Co., Ltd."), "huawei technologies");
  EXPECT_EQ(organisation_core_name("ＨＵＡＷＥＩ　ＴＥＣＨＮＯＬＯＧＩＥＳ　ＣＯ．，ＬＴＤ．"),
            "huawei technologies");
  EXPECT_EQ(organisation_core_name("Unico Systems Inc"), "unico systems");
  EXPECT_EQ(organisation_core_name("Unico"), "unico");  // "co" is not a word here
}

TEST(OrganisationName, ANameOfSuffixesAloneKeepsThem) {
  EXPECT_EQ(organisation_core_name("集团公司"), "集团");
  EXPECT_EQ(organisation_core_name("有限公司"), "有限");
  EXPECT_EQ(organisation_core_name("（北京）"), "");
  EXPECT_EQ(organisation_core_name(""), "");
  EXPECT_EQ(organisation_core_name("，。"), "");
}

TEST(OrganisationName, LeadingRegionInFullIsShortened) {
  EXPECT_EQ(organisation_core_name("北京市智源研究院"), "北京智源研究院");
  EXPECT_EQ(organisation_core_name("广东省智能机器人研究院"), "广东智能机器人研究院");
  EXPECT_EQ(organisation_core_name("广西壮族自治区农业科学院"), "广西农业科学院");
  EXPECT_EQ(organisation_core_name("北京大学"), "北京大学");
  EXPECT_EQ(organisation_core_name("北京市"), "北京市");  // nothing left after the region
}

TEST(OrganisationName, RegionInBracketsGivesASecondKey) {
  EXPECT_EQ(organisation_name_keys("华芯微电子（北京）有限公司"),
            (Strings{"华芯微电子", "北京华芯微电子"}));
  EXPECT_EQ(organisation_name_keys("华芯微电子(深圳市)有限公司"),
            (Strings{"华芯微电子", "深圳华芯微电子"}));
  EXPECT_EQ(organisation_name_keys("华芯微电子(中国)有限公司"),
            (Strings{"华芯微电子", "中国华芯微电子"}));
  EXPECT_EQ(organisation_name_keys("华芯微电子（集团）有限公司"), (Strings{"华芯微电子"}));
  EXPECT_EQ(organisation_name_keys("北京华芯微电子有限公司"), (Strings{"北京华芯微电子"}));
  EXPECT_TRUE(organisation_name_keys("").empty());
}

TEST(OrganisationName, UnitsCountHanCharactersAndLatinWords) {
  EXPECT_EQ(name_units("华为"), 2u);
  EXPECT_EQ(name_units("中芯国际"), 4u);
  EXPECT_EQ(name_units("smic"), 2u);
  EXPECT_EQ(name_units("china mobile"), 4u);
  EXPECT_EQ(name_units("tcl科技"), 4u);
}

TEST(OrganisationName, PrefixesEndAtBoundaries) {
  std::vector<std::string_view> prefixes = name_prefixes("中芯国际集成电路", 4);
  EXPECT_EQ(prefixes, (std::vector<std::string_view>{"中芯国际", "中芯国际集", "中芯国际集成",
                                                     "中芯国际集成电"}));
  EXPECT_EQ(name_prefixes("intel corporation china", 4),
            (std::vector<std::string_view>{"intel corporation"}));
  EXPECT_TRUE(name_prefixes("intelligent", 2).empty());
  EXPECT_TRUE(name_prefixes("中芯国际", 4).empty());  // proper prefixes only
}

TEST(OrganisationName, WithoutLeadingRegion) {
  EXPECT_EQ(without_leading_region("北京华芯微电子", 4), "华芯微电子");
  EXPECT_EQ(without_leading_region("张家口华芯微电子", 4), "华芯微电子");
  EXPECT_EQ(without_leading_region("北京理工大学", 4), "理工大学");
  EXPECT_EQ(without_leading_region("北京大学", 4), "");
  EXPECT_EQ(without_leading_region("中国电子科技", 4), "");
  EXPECT_EQ(without_leading_region("华芯微电子", 4), "");
}

TEST(OrganisationName, PersonNames) {
  EXPECT_EQ(person_name_key("张 伟"), "张伟");
  EXPECT_EQ(person_name_key("阿卜杜拉·艾尼"), person_name_key("阿卜杜拉 艾尼"));
  EXPECT_EQ(person_name_key("阿卜杜拉•艾尼"), "阿卜杜拉艾尼");
  EXPECT_EQ(person_name_key("Zhang Wei"), "zhangwei");
  EXPECT_EQ(person_name_key("ＺＨＡＮＧ　Ｗｅｉ"), "zhangwei");
  EXPECT_EQ(person_name_key("  "), "");
}

}  // namespace
}  // namespace kczg::review
