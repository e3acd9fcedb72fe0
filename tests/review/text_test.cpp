#include "review/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kczg::review {
namespace {

using Strings = std::vector<std::string>;

bool has(const Strings& tokens, std::string_view token) {
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

TEST(Text, FoldingMakesFullWidthHalfWidthAndLowerCase) {
  EXPECT_EQ(fold_text("ＡＩ芯片１２８ＴＯＰＳ（北京）"), "ai芯片128tops(北京)");
  EXPECT_EQ(fold_text("Deep Learning"), "deep learning");
  EXPECT_EQ(fold_text(""), "");
}

TEST(Text, ChipIsABigramThoughIcuSplitsIt) {
  // ICU's dictionary gives 芯|片; the bigram keeps the term.
  EXPECT_EQ(tokenize("芯片"), (Strings{"芯片"}));
  EXPECT_EQ(tokenize("人工智能芯片"), (Strings{"人工", "工智", "智能", "能芯", "芯片"}));
}

TEST(Text, LongIcuWordsAreKeptBesideTheirBigrams) {
  EXPECT_EQ(tokenize("高性能"), (Strings{"高性能", "高性", "性能"}));
}

TEST(Text, IcuHanWordsCanBeLeftOut) {
  EXPECT_EQ(tokenize("高性能芯片", {.han_words = false}),
            (Strings{"高性", "性能", "能芯", "芯片"}));
  EXPECT_EQ(tokenize("GPU加速器", {.han_words = false}), (Strings{"gpu", "加速", "速器"}));
}

TEST(Text, EnglishWordsAreLowerCasedAndPunctuationDropped) {
  EXPECT_EQ(tokenize("Deep Learning, GPU-accelerated!"),
            (Strings{"deep", "learning", "gpu", "accelerated"}));
}

TEST(Text, FullWidthDigitsAndLettersFold) {
  EXPECT_EQ(tokenize("ＧＰＵ　１２８"), (Strings{"gpu", "128"}));
  EXPECT_EQ(tokenize("５Ｇ"), tokenize("5g"));
}

TEST(Text, MixedTextSplitsAtScriptChanges) {
  Strings tokens = tokenize("研发ＡＩ芯片，突破5G通信。");
  EXPECT_EQ(tokens, (Strings{"研发", "ai", "芯片", "突破", "5g", "通信"}));
}

TEST(Text, HanRunsBreakAtPunctuationAndSpaces) {
  // No bigram across "，" or a space: 料生 and 料 生 are not tokens.
  Strings tokens = tokenize("新材料，生物 医药");
  EXPECT_FALSE(has(tokens, "料生"));
  EXPECT_TRUE(has(tokens, "新材"));
  EXPECT_TRUE(has(tokens, "材料"));
  EXPECT_TRUE(has(tokens, "生物"));
  EXPECT_TRUE(has(tokens, "医药"));
}

TEST(Text, SingleHanCharacterBetweenOtherScriptsIsKept) {
  EXPECT_EQ(tokenize("A的B"), (Strings{"a", "的", "b"}));
}

TEST(Text, TokenKindsAndViewsIntoTheFoldedText) {
  Tokenizer tokenizer;
  auto tokens = tokenizer.tokenize("ＧＰＵ加速器");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].text, "gpu");
  EXPECT_EQ(tokens[0].kind, TokenKind::word);
  EXPECT_EQ(tokens[1].text, "加速器");
  EXPECT_EQ(tokens[1].kind, TokenKind::han_word);
  EXPECT_EQ(tokens[2].text, "加速");
  EXPECT_EQ(tokens[2].kind, TokenKind::han_bigram);
  EXPECT_EQ(tokens[3].text, "速器");
  EXPECT_EQ(tokenizer.folded(), "gpu加速器");
  EXPECT_EQ(tokens[2].text.data(), tokenizer.folded().data() + 3);
}

TEST(Text, TokenizerIsReusable) {
  Tokenizer tokenizer;
  EXPECT_EQ(tokenizer.tokenize("生物医药").size(), 3u);
  EXPECT_EQ(tokenizer.tokenize("").size(), 0u);
  EXPECT_EQ(tokenizer.tokenize("，。！  ").size(), 0u);
  auto tokens = tokenizer.tokenize("芯片");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text, "芯片");
}

TEST(Text, InvalidUtf8DoesNotCrash) {
  std::string bad = "芯片\xff\xfe材料";
  Strings tokens = tokenize(bad);
  EXPECT_TRUE(has(tokens, "芯片"));
  EXPECT_TRUE(has(tokens, "材料"));
}

TEST(Text, IsHan) {
  EXPECT_TRUE(is_han(U'芯'));
  EXPECT_TRUE(is_han(U'\u3400'));      // extension A
  EXPECT_TRUE(is_han(U'\U00020000'));  // extension B
  EXPECT_FALSE(is_han(U'a'));
  EXPECT_FALSE(is_han(U'，'));
  EXPECT_FALSE(is_han(U'の'));
}

}  // namespace
}  // namespace kczg::review
