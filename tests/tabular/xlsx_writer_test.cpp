#include <gtest/gtest.h>

#include <string>

#include "tabular/table.hpp"
#include "tabular/temp_dir.hpp"
#include "tabular/zip_archive.hpp"

namespace kczg::tabular {
namespace {

std::string sheet_xml(const std::filesystem::path& path) {
  const std::string bytes = testing::read_bytes(path);
  auto archive = ZipArchive::open(bytes, "x");
  if (!archive) return "no archive";
  auto sheet = archive->read("xl/worksheets/sheet1.xml");
  return sheet && *sheet ? **sheet : "no sheet";
}

TEST(WriteXlsx, FreezesHeaderAndWritesDigitsAsText) {
  testing::TempDir dir;
  const auto path = dir.file("out.xlsx");
  ASSERT_TRUE(write_xlsx(path, "名单", {"代码"}, {{"110101199003077777"}}).has_value());
  const std::string xml = sheet_xml(path);
  EXPECT_NE(
      xml.find(R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"),
      std::string::npos)
      << xml;
  // Both cells are shared-string cells; a number cell would have no t="s".
  EXPECT_NE(xml.find(R"(<c r="A1" s="1" t="s"><v>0</v></c>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<c r="A2" t="s"><v>1</v></c>)"), std::string::npos) << xml;
}

TEST(WriteXlsx, RejectsInvalidSheetName) {
  testing::TempDir dir;
  auto written = write_xlsx(dir.file("bad.xlsx"), "a/b", {"h"}, {});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::file_write_failed);
  EXPECT_TRUE(written.error().param("detail").starts_with("sheet name 'a/b': "))
      << written.error().param("detail");
}

TEST(WriteXlsx, ReportsUnwritablePath) {
  testing::TempDir dir;
  const auto path = dir.file("no/such/dir/out.xlsx");
  auto written = write_xlsx(path, "S", {"h"}, {{"v"}});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::file_write_failed);
  EXPECT_EQ(written.error().param("path"), path.string());
}

}  // namespace
}  // namespace kczg::tabular
