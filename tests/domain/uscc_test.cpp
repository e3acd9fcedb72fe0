#include "domain/uscc.hpp"

#include <gtest/gtest.h>

namespace kczg {
namespace {

const DivisionTable& table() { return gb2260(); }

TEST(Uscc, ValidCodeFromFuzhou) {
  auto info = check_uscc("91350100M000100Y43", table());
  ASSERT_TRUE(info) << code_name(info.error().code);
  EXPECT_EQ(info->region, "350100");
  EXPECT_EQ(info->province_name, "福建省");
  EXPECT_TRUE(info->region_known);
}

TEST(Uscc, ValidCodeEndingInLetter) {
  auto info = check_uscc("91440300708461136T", table());
  ASSERT_TRUE(info);
  EXPECT_EQ(info->province_name, "广东省");
}

TEST(Uscc, NationallyRegisteredSociety) {
  auto info = check_uscc("51100000500010993L", table());
  ASSERT_TRUE(info);
  EXPECT_EQ(info->province_name, "全国");
}

TEST(Uscc, CheckDigitComputed) {
  EXPECT_EQ(uscc_check_digit("91350100M000100Y4"), '3');
  EXPECT_EQ(uscc_check_digit("91440300708461136"), 'T');
  EXPECT_EQ(uscc_check_digit("51100000500010993"), 'L');
}

TEST(Uscc, WrongCheckDigitNamesBoth) {
  auto info = check_uscc("91350100M000100Y44", table());
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::uscc_check_digit);
  EXPECT_EQ(info.error().param("expected"), "3");
  EXPECT_EQ(info.error().param("actual"), "4");
  EXPECT_EQ(info.error().param("value"), "91350100M000100Y44");
}

TEST(Uscc, LettersOutsideTheAlphabetAreRefused) {
  // I, O, S, V, Z are not in GB 32100's alphabet; lower case is normalised first.
  for (char c : std::string("IOSVZ")) {
    std::string code = "91350100M000100Y43";
    code[10] = c;
    auto info = check_uscc(code, table());
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, ErrorCode::uscc_alphabet);
    EXPECT_EQ(info.error().param("position"), "11");
    EXPECT_EQ(info.error().param("char"), std::string(1, c));
  }
  EXPECT_EQ(check_uscc("91350100m000100y43", table()).error().code, ErrorCode::uscc_alphabet);
  EXPECT_TRUE(check_uscc(normalize_uscc(" 91350100m000100y43 "), table()));
}

TEST(Uscc, LengthIsCountedInCharacters) {
  auto short_code = check_uscc("91350100M000100Y4", table());
  EXPECT_EQ(short_code.error().code, ErrorCode::uscc_length);
  EXPECT_EQ(short_code.error().param("length"), "17");
  auto chinese = check_uscc("统一社会信用代码", table());
  EXPECT_EQ(chinese.error().code, ErrorCode::uscc_length);
  EXPECT_EQ(chinese.error().param("length"), "8");
}

TEST(Uscc, RegionMustBeDigits) {
  std::string code = "9135A100M000100Y4";
  code += uscc_check_digit(code);
  EXPECT_EQ(check_uscc(code, table()).error().code, ErrorCode::uscc_region_format);
}

TEST(Uscc, UnknownProvinceIsRefused) {
  std::string code = "91990100M000100Y4";  // no province 99
  code += uscc_check_digit(code);
  auto info = check_uscc(code, table());
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::uscc_unknown_province);
  EXPECT_EQ(info.error().param("province"), "99");
}

TEST(Uscc, UnknownCountyIsAcceptedAndFlagged) {
  // Codes keep the division of the year they were issued; 350199 is not a county today.
  std::string code = "91350199M000100Y4";
  code += uscc_check_digit(code);
  auto info = check_uscc(code, table());
  ASSERT_TRUE(info);
  EXPECT_FALSE(info->region_known);
  EXPECT_EQ(info->province_name, "福建省");
}

TEST(Uscc, NormaliseStripsSpacesAndUppercases) {
  EXPECT_EQ(normalize_uscc("9135 0100 m000 100y43\t"), "91350100M000100Y43");
}

}  // namespace
}  // namespace kczg
