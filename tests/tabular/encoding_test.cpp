#include "tabular/encoding.hpp"

#include <gtest/gtest.h>

namespace kczg::tabular {
namespace {

TEST(ToUtf8, KeepsUtf8AndDropsBom) {
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF中国科协", "f").value(), "中国科协");
  EXPECT_EQ(to_utf8("plain ascii", "f").value(), "plain ascii");
}

TEST(ToUtf8, DecodesGb18030IncludingFourByteForms) {
  // 中国科协, then € as the two-byte A2E3, © as the four-byte 81308438, and the
  // supplementary-plane 𠀀 (U+20000) as the four-byte 95328236.
  EXPECT_EQ(to_utf8("\xD6\xD0\xB9\xFA\xBF\xC6\xD0\xAD\xA2\xE3\x81\x30\x84\x38\x95\x32\x82\x36", "f")
                .value(),
            "中国科协€©𠀀");
}

TEST(ToUtf8, DropsGb18030Bom) { EXPECT_EQ(to_utf8("\x84\x31\x95\x33\xD6\xD0", "f").value(), "中"); }

TEST(ToUtf8, RejectsTruncatedGb18030) {
  auto text = to_utf8("\xD6\xD0\xB9", "cut.csv");
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().code, ErrorCode::file_encoding);
  EXPECT_EQ(text.error().param("path"), "cut.csv");
}

TEST(IsValidUtf8, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_TRUE(is_valid_utf8("中国 abc"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));          // cut after two of three bytes
  EXPECT_FALSE(is_valid_utf8("\xD6\xD0\xB9\xFA"));  // GB18030 中国
}

}  // namespace
}  // namespace kczg::tabular
