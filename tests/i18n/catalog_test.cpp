#include "i18n/catalog.hpp"
#include "i18n/labels.hpp"

#include <gtest/gtest.h>

namespace kczg {
namespace {

TEST(Catalog, EveryErrorCodeHasBothLanguages) {
#define KCZG_CHECK(name)                              \
  EXPECT_TRUE(has_message(#name, Lang::zh)) << #name; \
  EXPECT_TRUE(has_message(#name, Lang::en)) << #name;
  KCZG_ERROR_CODES(KCZG_CHECK)
#undef KCZG_CHECK
}

TEST(Catalog, ParametersAreFilledIn) {
  Error e = make_error(ErrorCode::uscc_check_digit, "value", "91350100M000100Y44", "expected", "3",
                       "actual", "4");
  EXPECT_EQ(message(e, Lang::zh),
            "统一社会信用代码“91350100M000100Y44”校验码错误：按 GB 32100 应为“3”，实为“4”");
  EXPECT_EQ(message(e, Lang::en),
            "Unified Social Credit Code \"91350100M000100Y44\" has a wrong check digit: GB 32100 "
            "gives \"3\", the code has \"4\"");
}

// Codes in parameters read as their names, lists of them joined as the language joins;
// a code the catalog does not name stays as it is.
TEST(Catalog, CodedParametersReadAsNames) {
  Error phase = make_error(ErrorCode::transition_phase, "action", "fail_formal_check", "phases",
                           "preliminary_review,final_review", "phase", "collection");
  EXPECT_EQ(message(phase, Lang::zh),
            "“形式审查不合格”只能在初评评审、终评评审阶段进行，当前阶段为组织征集");
  std::string en = message(phase, Lang::en);
  EXPECT_NE(en.find("Preliminary review or Final review"), std::string::npos) << en;
  EXPECT_EQ(en.find("fail_formal_check"), std::string::npos) << en;
  Error verdict =
      make_error(ErrorCode::formal_check_override_reason, "application", "31", "verdict", "fail");
  EXPECT_NE(message(verdict, Lang::zh).find("“不符合”"), std::string::npos);
  Error unknown =
      make_error(ErrorCode::transition_from_state, "action", "no_such_action", "state", "draft");
  EXPECT_NE(message(unknown, Lang::en).find("no_such_action"), std::string::npos);
}

TEST(Catalog, MissingKeyShowsItself) {
  EXPECT_EQ(translate("no_such_key", {{"a", "1"}}, Lang::en), "no_such_key a=1");
}

TEST(Catalog, LanguageNames) {
  EXPECT_EQ(lang_from_name("en_US.UTF-8"), Lang::en);
  EXPECT_EQ(lang_from_name("zh_CN.UTF-8"), Lang::zh);
  EXPECT_EQ(lang_from_name("fr"), std::nullopt);
}

}  // namespace
TEST(Labels, RegionsReadAsPlaces) {
  EXPECT_EQ(region_label("330106", Lang::zh), "浙江省杭州市西湖区");
  EXPECT_EQ(region_label("110000", Lang::en), "北京市");
  EXPECT_EQ(region_label("100000", Lang::zh), "全国");
  EXPECT_EQ(region_label("100000", Lang::en), "National");
  EXPECT_EQ(region_label("999999", Lang::zh), "999999");
}

}  // namespace kczg
