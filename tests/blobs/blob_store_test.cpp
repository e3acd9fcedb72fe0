#include "blobs/blob_store.hpp"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace kczg::blobs {
namespace {

namespace fs = std::filesystem;

const std::string k_pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const std::string k_png =
    std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0", 29);
const std::string k_text = "Dear committee, please find our application below.\n";
constexpr std::size_t k_max = 1024;

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  return files;
}

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kczg_blobs_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    m_root = m_dir / "var" / "blobs";  // missing until the first put
  }
  void TearDown() override { fs::remove_all(m_dir); }

  fs::path m_dir;
  fs::path m_root;
};

TEST_F(BlobStoreTest, PdfIsStoredUnderItsDigestAndReadsBackIdentical) {
  BlobStore store(m_root);
  auto stored = store.put_pdf("letter.pdf", k_pdf, k_max);
  ASSERT_TRUE(stored) << code_name(stored.error().code);
  EXPECT_EQ(stored->sha256, sha256_hex(k_pdf));
  EXPECT_EQ(stored->size, k_pdf.size());
  EXPECT_TRUE(fs::is_regular_file(m_root / stored->sha256.substr(0, 2) / stored->sha256));
  EXPECT_TRUE(store.contains(stored->sha256));
  EXPECT_EQ(store.get(stored->sha256), k_pdf);
}

TEST_F(BlobStoreTest, SuccessLeavesOnlyTheBlobInItsShard) {
  BlobStore store(m_root);
  auto stored = store.put_pdf("letter.pdf", k_pdf, k_max);
  ASSERT_TRUE(stored);
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(m_root / stored->sha256.substr(0, 2))) {
    entries.push_back(entry.path().filename());
  }
  EXPECT_EQ(entries, std::vector<fs::path>{stored->sha256});
}

TEST_F(BlobStoreTest, Sha256OfAbcIsTheStandardDigest) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(BlobStoreTest, SameBytesTwiceGiveTheSameDigestAndOneFile) {
  BlobStore store(m_root);
  auto first = store.put_pdf("a.pdf", k_pdf, k_max);
  auto second = store.put_pdf("b.pdf", k_pdf, k_max);
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->sha256, second->sha256);
  EXPECT_EQ(files_under(m_root).size(), 1u);
}

TEST_F(BlobStoreTest, PngNamedPdfIsRefusedAndNothingIsWritten) {
  BlobStore store(m_root);
  auto stored = store.put_pdf("x.pdf", k_png, k_max);
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.error().code, ErrorCode::attachment_not_pdf);
  EXPECT_EQ(stored.error().param("name"), "x.pdf");
  EXPECT_EQ(stored.error().param("detected"), "image/png");
  EXPECT_TRUE(files_under(m_root).empty());
}

TEST_F(BlobStoreTest, PlainTextIsRefused) {
  BlobStore store(m_root);
  auto stored = store.put_pdf("cv.pdf", k_text, k_max);
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.error().code, ErrorCode::attachment_not_pdf);
  EXPECT_EQ(stored.error().param("detected"), "text/plain");
  EXPECT_TRUE(files_under(m_root).empty());
}

TEST_F(BlobStoreTest, OversizeIsRefusedBeforeTheContentIsLookedAt) {
  BlobStore store(m_root);
  // A PNG: were the content checked first, the error would be attachment_not_pdf.
  auto stored = store.put_pdf("big.pdf", k_png, k_png.size() - 1);
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.error().code, ErrorCode::attachment_too_large);
  EXPECT_EQ(stored.error().param("name"), "big.pdf");
  EXPECT_EQ(stored.error().param("size"), "29");
  EXPECT_EQ(stored.error().param("max"), "28");
  EXPECT_FALSE(store.put_pdf("big.pdf", k_pdf, k_pdf.size() - 1));
  EXPECT_TRUE(files_under(m_root).empty());
  EXPECT_TRUE(store.put_pdf("exact.pdf", k_pdf, k_pdf.size()));
}

TEST_F(BlobStoreTest, NamesThatAreNotDigestsAreAbsent) {
  BlobStore store(m_root);
  auto stored = store.put_pdf("letter.pdf", k_pdf, k_max);
  ASSERT_TRUE(stored);
  std::string upper = stored->sha256;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& name :
       {std::string("../../etc/passwd"), std::string(""), upper, stored->sha256.substr(1),
        stored->sha256 + "0", std::string(64, 'g'), "../" + stored->sha256.substr(3)}) {
    EXPECT_EQ(store.get(name), std::nullopt) << name;
    EXPECT_FALSE(store.contains(name)) << name;
  }
}

TEST_F(BlobStoreTest, AbsentDigestIsAbsent) {
  BlobStore store(m_root);
  EXPECT_EQ(store.get(sha256_hex(k_pdf)), std::nullopt);
  EXPECT_FALSE(store.contains(sha256_hex(k_pdf)));
}

TEST_F(BlobStoreTest, FileTamperedWithOnDiskIsReportedAbsent) {
  BlobStore store(m_root);
  auto stored = store.put_pdf("letter.pdf", k_pdf, k_max);
  ASSERT_TRUE(stored);
  {
    std::ofstream out(m_root / stored->sha256.substr(0, 2) / stored->sha256,
                      std::ios::binary | std::ios::trunc);
    out << "%PDF-1.4\n% altered\n%%EOF\n";
  }
  EXPECT_EQ(store.get(stored->sha256), std::nullopt);
}

TEST_F(BlobStoreTest, DetectMimeIsCorrectFromFourThreadsAtOnce) {
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&wrong, t] {
      for (int i = 0; i < 1000; ++i) {
        bool ok = true;
        switch ((i + t) % 3) {
          case 0:
            ok = detect_mime(k_pdf) == "application/pdf";
            break;
          case 1:
            ok = detect_mime(k_png) == "image/png";
            break;
          default:
            ok = detect_mime(k_text) == "text/plain";
            break;
        }
        if (!ok) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(BlobStoreTest, RootThatIsAFileFailsToWrite) {
  { std::ofstream(m_dir / "not-a-dir") << "x"; }
  BlobStore store(m_dir / "not-a-dir");
  auto stored = store.put_pdf("letter.pdf", k_pdf, k_max);
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.error().code, ErrorCode::file_write_failed);
  EXPECT_EQ(stored.error().param("path"), (m_dir / "not-a-dir").string());
  EXPECT_EQ(stored.error().param("detail"), "Not a directory");
}

}  // namespace
}  // namespace kczg::blobs
