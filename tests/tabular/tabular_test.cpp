// read_table end to end: real files in a temp dir, written by our own writers.
#include "tabular/table.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "tabular/temp_dir.hpp"

namespace kczg::tabular {
namespace {

using Cells = std::vector<std::string>;
using Rows = std::vector<Cells>;

// Thirty columns, so references run past Z into AA..AD.
Cells wide_header() {
  Cells header;
  for (int i = 1; i <= 30; ++i) header.push_back("列" + std::to_string(i));
  return header;
}

Rows sample_rows() {
  Cells wide(30, "x");
  wide[1] = "";  // empty cells in the middle
  wide[13] = "";
  wide[26] = "AA";
  wide[29] = "AD";
  Cells uscc(30, "");
  uscc[0] = "91110000MA01ABCD2X";
  uscc[1] = "110101199003077777";
  uscc[2] = "0012";  // a leading zero a number cell would drop
  uscc[3] = "中国科学技术协会";
  uscc[4] = "quote \" comma , newline\nend";
  return {wide, uscc};
}

void expect_sample(const Result<Table>& table) {
  ASSERT_TRUE(table.has_value()) << table.error().param("detail");
  EXPECT_EQ(table->header, wide_header());
  const Rows rows = sample_rows();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].number, 2);
  EXPECT_EQ(table->rows[0].cells, rows[0]);
  EXPECT_EQ(table->rows[1].number, 3);
  EXPECT_EQ(table->rows[1].cells, rows[1]);
}

TEST(ReadTable, RoundTripsCsv) {
  testing::TempDir dir;
  const auto path = dir.file("round.csv");
  ASSERT_TRUE(write_csv(path, wide_header(), sample_rows()).has_value());
  expect_sample(read_table(path));
}

TEST(ReadTable, RoundTripsXlsx) {
  testing::TempDir dir;
  const auto path = dir.file("round.xlsx");
  ASSERT_TRUE(write_xlsx(path, "申报名单", wide_header(), sample_rows()).has_value());
  expect_sample(read_table(path));
}

TEST(ReadTable, TellsFormatByContentNotName) {
  testing::TempDir dir;
  const auto xlsx_named_csv = dir.file("really_xlsx.csv");
  ASSERT_TRUE(write_xlsx(xlsx_named_csv, "S", {"h"}, {{"v"}}).has_value());
  auto table = read_table(xlsx_named_csv);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->rows[0].cells, Cells{"v"});

  auto csv = read_table(dir.write("really_csv.xlsx", "h\r\nv\r\n"));
  ASSERT_TRUE(csv.has_value());
  EXPECT_EQ(csv->rows[0].cells, Cells{"v"});
}

TEST(ReadTable, ReadsGb18030File) {
  testing::TempDir dir;
  auto table = read_table(dir.write("gbk.csv", "h\r\n\xD6\xD0\xB9\xFA\xBF\xC6\xD0\xAD\r\n"));
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->rows[0].cells, Cells{"中国科协"});
}

TEST(ReadTable, TruncatedXlsxIsMalformed) {
  testing::TempDir dir;
  const auto path = dir.file("whole.xlsx");
  ASSERT_TRUE(write_xlsx(path, "S", wide_header(), sample_rows()).has_value());
  const std::string bytes = testing::read_bytes(path);
  const auto cut = dir.write("cut.xlsx", std::string_view(bytes).substr(0, bytes.size() / 2));
  auto table = read_table(cut);
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::xlsx_malformed);
  EXPECT_EQ(table.error().param("path"), cut.string());
  EXPECT_FALSE(table.error().param("detail").empty());
}

TEST(ReadTable, MissingFileIsUnreadable) {
  testing::TempDir dir;
  const auto path = dir.file("absent.csv");
  auto table = read_table(path);
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::file_unreadable);
  EXPECT_EQ(table.error().param("path"), path.string());
  EXPECT_EQ(table.error().param("detail"), "No such file or directory");
}

TEST(ReadTable, DirectoryIsUnreadable) {
  testing::TempDir dir;
  auto table = read_table(dir.file(""));
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::file_unreadable);
  EXPECT_EQ(table.error().param("detail"), "Is a directory");
}

// Guards against quadratic work: 100,000 rows must read in seconds even under sanitizers.
TEST(ReadTable, ReadsHundredThousandRowsQuickly) {
  testing::TempDir dir;
  const Cells header{"单位名称", "统一社会信用代码", "地区", "联系人", "电话"};
  Rows rows;
  rows.reserve(100000);
  for (int i = 0; i < 100000; ++i) {
    rows.push_back({"单位" + std::to_string(i), "91110000MA01" + std::to_string(100000 + i),
                    "北京市", "张三", "1380000" + std::to_string(i)});
  }
  ASSERT_TRUE(write_csv(dir.file("big.csv"), header, rows).has_value());
  ASSERT_TRUE(write_xlsx(dir.file("big.xlsx"), "S", header, rows).has_value());
  for (const char* name : {"big.csv", "big.xlsx"}) {
    const auto start = std::chrono::steady_clock::now();
    auto table = read_table(dir.file(name));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(table.has_value()) << name;
    ASSERT_EQ(table->rows.size(), 100000u);
    EXPECT_EQ(table->rows.back().number, 100001);
    EXPECT_EQ(table->rows.back().cells[1], "91110000MA01199999");
    EXPECT_LT(elapsed, std::chrono::seconds(10)) << name;
  }
}

}  // namespace
}  // namespace kczg::tabular
