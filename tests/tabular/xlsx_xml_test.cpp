#include "tabular/xlsx_xml.hpp"

#include <gtest/gtest.h>

namespace kczg::tabular::xlsx {
namespace {

TEST(ColumnOf, CountsLettersAsBase26WithoutZero) {
  EXPECT_EQ(column_of("A1"), 0);
  EXPECT_EQ(column_of("Z9"), 25);
  EXPECT_EQ(column_of("AA10"), 26);
  EXPECT_EQ(column_of("AZ1"), 51);
  EXPECT_EQ(column_of("BA1"), 52);
  EXPECT_EQ(column_of("XFD1048576"), 16383);
}

TEST(ColumnOf, RejectsMalformedAndOutOfRange) {
  EXPECT_EQ(column_of(""), std::nullopt);
  EXPECT_EQ(column_of("12"), std::nullopt);
  EXPECT_EQ(column_of("a1"), std::nullopt);
  EXPECT_EQ(column_of("A1B"), std::nullopt);
  EXPECT_EQ(column_of("XFE1"), std::nullopt);
  EXPECT_EQ(column_of("ZZZZZZZZZZZZ1"), std::nullopt);
}

TEST(DecodeEscapes, TurnsHexEscapesIntoCharacters) {
  EXPECT_EQ(decode_escapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(decode_escapes("_x4E2D_"), "中");
  EXPECT_EQ(decode_escapes("_x005F_x0041_"), "_x0041_");  // an escaped literal escape
  EXPECT_EQ(decode_escapes("_x12_ and _xZZZZ_"), "_x12_ and _xZZZZ_");
}

TEST(ResolveTarget, HandlesRelativeParentAndAbsoluteTargets) {
  EXPECT_EQ(resolve_target("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(resolve_target("xl/", "/xl/worksheets/data.xml"), "xl/worksheets/data.xml");
  EXPECT_EQ(resolve_target("xl/", "../other/s.xml"), "other/s.xml");
}

TEST(StringItemText, ConcatenatesRunsAndSkipsPhonetics) {
  pugi::xml_document doc;
  ASSERT_TRUE(
      doc.load_string("<si><r><t>中国</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> </t></r>"
                      "<r><t>科协</t></r><rPh><t>zz</t></rPh></si>",
                      pugi::parse_default | pugi::parse_ws_pcdata_single));
  EXPECT_EQ(string_item_text(doc.child("si")), "中国 科协");
}

}  // namespace
}  // namespace kczg::tabular::xlsx
