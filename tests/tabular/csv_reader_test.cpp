#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tabular/table.hpp"

namespace kczg::tabular {
namespace {

using Cells = std::vector<std::string>;

TEST(ParseCsv, StripsUtf8BomAndTrimsCells) {
  auto table =
      parse_csv("\xEF\xBB\xBFname , code\r\n  中国科协 ,\t91110000MA01ABCD2X \r\n", "a.csv");
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->header, (Cells{"name", "code"}));
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].number, 2);
  EXPECT_EQ(table->rows[0].cells, (Cells{"中国科协", "91110000MA01ABCD2X"}));
}

TEST(ParseCsv, DecodesGb18030) {
  // "单位名称,统一社会信用代码\r\n中国科协,1\r\n" as Excel saves it on a Chinese Windows.
  const std::string bytes =
      "\xB5\xA5\xCE\xBB\xC3\xFB\xB3\xC6,\xCD\xB3\xD2\xBB\xC9\xE7\xBB\xE1\xD0\xC5\xD3\xC3"
      "\xB4\xFA\xC2\xEB\r\n\xD6\xD0\xB9\xFA\xBF\xC6\xD0\xAD,1\r\n";
  auto table = parse_csv(bytes, "gbk.csv");
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->header, (Cells{"单位名称", "统一社会信用代码"}));
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells, (Cells{"中国科协", "1"}));
}

TEST(ParseCsv, RejectsBytesInNeitherEncoding) {
  auto table = parse_csv("a,b\r\n\xFF\xFF,c\r\n", "bad.csv");
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::file_encoding);
  EXPECT_EQ(table.error().param("path"), "bad.csv");
}

TEST(ParseCsv, QuotedNewlineCountsAsOneRecord) {
  auto table = parse_csv("a,b\r\n\"line 1\r\nline 2\",\"say \"\"hi\"\", ok\"\r\nx,y\r\n", "q.csv");
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].number, 2);
  EXPECT_EQ(table->rows[0].cells, (Cells{"line 1\r\nline 2", "say \"hi\", ok"}));
  EXPECT_EQ(table->rows[1].number, 3);
  EXPECT_EQ(table->rows[1].cells, (Cells{"x", "y"}));
}

TEST(ParseCsv, SkipsEmptyRowsButKeepsNumbering) {
  auto table = parse_csv("a,b\r\n\r\n , \r\n1,2\r\n,\r\n3,4\r\n\r\n", "e.csv");
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].number, 4);
  EXPECT_EQ(table->rows[0].cells, (Cells{"1", "2"}));
  EXPECT_EQ(table->rows[1].number, 6);
}

TEST(ParseCsv, CountsBareLfAndCrLineEnds) {
  for (const char* bytes : {"h\n\nv\n", "h\r\rv\r", "h\r\n\r\nv\r\n"}) {
    auto table = parse_csv(bytes, "n.csv");
    ASSERT_TRUE(table.has_value()) << bytes;
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0].number, 3) << bytes;
  }
}

TEST(ParseCsv, LastRecordNeedsNoLineEnd) {
  auto table = parse_csv("a,b\n1,2", "l.csv");
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells, (Cells{"1", "2"}));
}

TEST(ParseCsv, PadsShortRowsAndKeepsLongOnes) {
  auto table = parse_csv("a,b,c\n1\n1,2,3,4\n", "p.csv");
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].cells, (Cells{"1", "", ""}));
  EXPECT_EQ(table->rows[1].cells, (Cells{"1", "2", "3", "4"}));
}

TEST(ParseCsv, HeaderIsFirstNonEmptyRow) {
  auto table = parse_csv("\n,,\na\n1\n", "h.csv");
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->header, (Cells{"a"}));
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].number, 4);
}

TEST(ParseCsv, EmptyInputIsEmptyTable) {
  auto table = parse_csv("", "empty.csv");
  ASSERT_TRUE(table.has_value());
  EXPECT_TRUE(table->header.empty());
  EXPECT_TRUE(table->rows.empty());
}

TEST(ParseCsv, StrayQuoteIsMalformedWithRow) {
  auto table = parse_csv("a,b\n1,2\n\"x\"y,3\n", "s.csv");
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::csv_malformed);
  EXPECT_EQ(table.error().param("path"), "s.csv");
  EXPECT_EQ(table.error().param("row"), "3");
  EXPECT_EQ(table.error().param("detail"),
            "quote inside an unquoted field, or text after a closing quote");
}

TEST(ParseCsv, UnclosedQuoteIsMalformed) {
  auto table = parse_csv("a,b\n1,\"open\n2,3\n", "u.csv");
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::csv_malformed);
  EXPECT_EQ(table.error().param("row"), "2");
}

}  // namespace
}  // namespace kczg::tabular
