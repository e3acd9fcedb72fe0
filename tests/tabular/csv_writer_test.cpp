#include <gtest/gtest.h>

#include "tabular/table.hpp"
#include "tabular/temp_dir.hpp"

namespace kczg::tabular {
namespace {

TEST(WriteCsv, WritesBomCrlfAndQuotesOnlyWhereNeeded) {
  testing::TempDir dir;
  const auto path = dir.file("out.csv");
  ASSERT_TRUE(write_csv(path, {"名称", "note"},
                        {{"中国科协", "a,b"}, {"say \"hi\"", "two\nlines"}, {" pad", ""}})
                  .has_value());
  EXPECT_EQ(testing::read_bytes(path),
            "\xEF\xBB\xBF名称,note\r\n"
            "中国科协,\"a,b\"\r\n"
            "\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
            "\" pad\",\r\n");
}

TEST(WriteCsv, ReportsUnwritablePath) {
  testing::TempDir dir;
  const auto path = dir.file("no/such/dir/out.csv");
  auto written = write_csv(path, {"a"}, {});
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::file_write_failed);
  EXPECT_EQ(written.error().param("path"), path.string());
  EXPECT_EQ(written.error().param("detail"), "No such file or directory");
}

}  // namespace
}  // namespace kczg::tabular
