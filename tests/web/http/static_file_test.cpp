#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "web/http/http.hpp"

namespace kczg::web::http {
namespace {

namespace fs = std::filesystem;

class StaticFile : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("kczg_static_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "root/css");
    write(m_dir / "root/css/site.css", "body{}");
    write(m_dir / "root/font.WOFF2", "wOF2");
    write(m_dir / "secret.txt", "secret");
    fs::create_symlink(m_dir / "secret.txt", m_dir / "root/escape.txt");
  }
  void TearDown() override { fs::remove_all(m_dir); }

  static void write(const fs::path& path, std::string_view text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  Response get(std::string_view relative, std::string if_none_match = {}) {
    Request request;
    if (!if_none_match.empty()) request.headers = {{"if-none-match", if_none_match}};
    return static_file((m_dir / "root").string(), relative, request, std::chrono::hours(1));
  }
  static std::string header(const Response& r, std::string_view name) {
    for (const auto& [key, value] : r.headers) {
      if (key == name) return value;
    }
    return {};
  }

  fs::path m_dir;
};

TEST_F(StaticFile, ServesWithTypeCachingAndValidators) {
  Response r = get("css/site.css");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "body{}");
  EXPECT_EQ(header(r, "Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(header(r, "Cache-Control"), "public, max-age=3600");
  EXPECT_TRUE(header(r, "ETag").starts_with("\"6-"));
  EXPECT_TRUE(header(r, "Last-Modified").ends_with(" GMT"));
  EXPECT_EQ(header(get("font.WOFF2"), "Content-Type"), "font/woff2");
}

TEST_F(StaticFile, MatchingETagAnswers304) {
  std::string etag = header(get("css/site.css"), "ETag");
  Response r = get("css/site.css", etag);
  EXPECT_EQ(r.status, 304);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(header(r, "ETag"), etag);
  EXPECT_EQ(get("css/site.css", "\"other\", W/" + etag).status, 304);
  EXPECT_EQ(get("css/site.css", "\"other\"").status, 200);
}

TEST_F(StaticFile, ChangedFileGetsNewETag) {
  std::string before = header(get("css/site.css"), "ETag");
  write(m_dir / "root/css/site.css", "body{color:red}");
  EXPECT_NE(header(get("css/site.css"), "ETag"), before);
}

TEST_F(StaticFile, PathsLeavingTheRootAreRefused) {
  EXPECT_EQ(get("../secret.txt").status, 404);
  EXPECT_EQ(get("css/../../secret.txt").status, 404);
  EXPECT_EQ(get((m_dir / "secret.txt").string()).status, 404);
  EXPECT_EQ(get(std::string("css/site.css\0.png", 17)).status, 404);
  EXPECT_EQ(get("css\\site.css").status, 404);
  EXPECT_EQ(get("escape.txt").status, 404);  // symlink out of the root
}

TEST_F(StaticFile, MissingFilesAndDirectoriesAre404) {
  EXPECT_EQ(get("css/none.css").status, 404);
  EXPECT_EQ(get("css").status, 404);
  EXPECT_EQ(get("").status, 404);
}

}  // namespace
}  // namespace kczg::web::http
