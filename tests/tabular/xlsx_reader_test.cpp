#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tabular/table.hpp"
#include "tabular/temp_dir.hpp"
#include "tabular/zip_builder.hpp"

namespace kczg::tabular {
namespace {

using Cells = std::vector<std::string>;
using testing::ZipEntries;

const std::string k_workbook =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Data" sheetId="2" r:id="rId7"/><sheet name="Old" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";

const std::string k_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
</Relationships>)";

const std::string k_strings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>单位名称</t></si>
<si><r><t>中国</t></r><r><rPr><b/></rPr><t xml:space="preserve"> </t></r><r><t>科协</t></r></si>
<si><t>91110000MA01ABCD2X</t></si>
</sst>)";

std::string sheet(std::string_view rows) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         std::string(rows) + "</sheetData></worksheet>";
}

const std::string k_data_rows =
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>代码</t></is></c><c r="C1" t="str"><v>amount</v></c></row>
<row r="3" spans="1:6"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3"><v>1.23E+2</v></c><c r="E3" t="b"><v>1</v></c><c r="XFD3" s="1"/></row>
<row r="4"><c r="A4" s="2"/></row>
<row r="6"><c><v>7</v></c><c t="n"><v>8</v></c></row>)";

ZipEntries workbook_entries(std::string data_rows) {
  return {{"[Content_Types].xml", "<Types/>"},
          {"xl/workbook.xml", k_workbook},
          {"xl/_rels/workbook.xml.rels", k_rels},
          {"xl/strings.xml", k_strings},
          {"xl/worksheets/sheet1.xml", sheet(R"(<row r="1"><c r="A1"><v>1</v></c></row>)")},
          {"xl/worksheets/data.xml", sheet(data_rows)}};
}

Result<Table> parse_entries(const ZipEntries& entries) {
  testing::TempDir dir;
  const auto path = dir.file("book.xlsx");
  if (!testing::write_zip(path, entries)) ADD_FAILURE() << "cannot write zip";
  return parse_xlsx(testing::read_bytes(path), "book.xlsx");
}

TEST(ParseXlsx, ReadsFirstSheetByWorkbookOrderWithAllCellTypes) {
  auto table = parse_entries(workbook_entries(k_data_rows));
  ASSERT_TRUE(table.has_value()) << table.error().param("detail");
  EXPECT_EQ(table->header, (Cells{"单位名称", "代码", "amount"}));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].number, 3);
  EXPECT_EQ(table->rows[0].cells,
            (Cells{"中国 科协", "91110000MA01ABCD2X", "1.23E+2", "", "TRUE"}));
  EXPECT_EQ(table->rows[1].number, 6);
  EXPECT_EQ(table->rows[1].cells, (Cells{"7", "8", ""}));
}

TEST(ParseXlsx, AcceptsNamespacePrefixes) {
  auto entries = workbook_entries("");
  entries[1].second =
      R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>)";
  entries[4].second =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>h</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)";
  auto table = parse_entries(entries);
  ASSERT_TRUE(table.has_value()) << table.error().param("detail");
  EXPECT_EQ(table->header, (Cells{"", "h"}));
}

TEST(ParseXlsx, WorksWithoutSharedStrings) {
  auto entries = workbook_entries(R"(<row r="1"><c r="A1"><v>5</v></c></row>)");
  entries.erase(entries.begin() + 3);
  auto table = parse_entries(entries);
  ASSERT_TRUE(table.has_value()) << table.error().param("detail");
  EXPECT_EQ(table->header, (Cells{"5"}));
}

void expect_malformed(const Result<Table>& table, std::string_view detail_start) {
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::xlsx_malformed);
  EXPECT_EQ(table.error().param("path"), "book.xlsx");
  EXPECT_TRUE(table.error().param("detail").starts_with(detail_start))
      << table.error().param("detail");
}

TEST(ParseXlsx, NamesMissingWorkbook) {
  auto entries = workbook_entries(k_data_rows);
  entries.erase(entries.begin() + 1);
  expect_malformed(parse_entries(entries), "xl/workbook.xml missing");
}

TEST(ParseXlsx, NamesMissingSheetPart) {
  auto entries = workbook_entries(k_data_rows);
  entries.pop_back();
  expect_malformed(parse_entries(entries), "xl/worksheets/data.xml missing");
}

TEST(ParseXlsx, NamesBrokenXml) {
  expect_malformed(parse_entries(workbook_entries("<row r=\"1\"><c>")), "xl/worksheets/data.xml: ");
}

TEST(ParseXlsx, RejectsSharedStringIndexOutOfRange) {
  expect_malformed(
      parse_entries(workbook_entries(R"(<row r="1"><c r="A1" t="s"><v>3</v></c></row>)")),
      "shared string index '3' out of range in cell A1");
}

TEST(ParseXlsx, RejectsBadReferencesAndRowOrder) {
  expect_malformed(parse_entries(workbook_entries(R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)")),
                   "bad cell reference XFE1");
  expect_malformed(parse_entries(workbook_entries(R"(<row r="2"/><row r="2"/>)")),
                   "row number '2' after row 2");
}

TEST(ParseXlsx, RejectsNonZipAndLegacyXls) {
  expect_malformed(parse_xlsx("PK\x03\x04 not really a zip", "book.xlsx"), "zip: ");
  expect_malformed(parse_xlsx("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "book.xlsx"),
                   "legacy .xls or encrypted workbook");
}

}  // namespace
}  // namespace kczg::tabular
