// Tokens of Chinese and English text for matching: expert affinity (this folder) and
// duplicate detection against earlier lists (src/match).
//
// ICU's word break splits many technical terms into single characters (芯片 → 芯|片,
// DESIGN §5), so a run of Han characters yields its overlapping bigrams, plus ICU's
// dictionary words of three or more characters:
//   "高性能AI芯片"  →  高性能  高性  性能  ai  芯片
// Text between Han runs goes through ICU's word break rules ("deep", "learning", "5g").
// Text is folded first (NFKC with case folding): full-width letters and digits become
// ASCII, Latin letters lower case. Spaces and punctuation never become tokens.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kczg::review {

enum class TokenKind : std::uint8_t {
  word,        // an ICU word without Han characters: "ai", "5g", "128", "learning"
  han_word,    // an ICU word of three or more Han characters: "高性能", "加速器"
  han_bigram,  // two adjacent Han characters: "芯片", "性能"
  han_single,  // a Han character standing alone between non-Han text: "的" in "A的B"
};

struct Token {
  std::string_view text;  // folded UTF-8
  TokenKind kind;
};

struct TokenizerOptions {
  // ICU dictionary words of three or more Han characters. The dictionary is most of the
  // time tokenising Chinese takes (about 8 MB/s of UTF-8 against 55 without it, on this
  // machine), and the bigrams already cover every such word, so bulk matching may turn it
  // off.
  bool han_words = true;
};

// NFKC with case folding (ICU's nfkc_cf), in UTF-8: "ＡＩ芯片１２８" → "ai芯片128".
// Invalid UTF-8 sequences become U+FFFD.
std::string fold_text(std::string_view text);

// True for a Han (CJK ideograph) code point.
bool is_han(char32_t c);

// Splits text into tokens. Keeps its buffers between calls, so bulk callers keep one per
// thread and pay no allocation per token. The ICU break iterator is per thread.
// Not thread-safe: one Tokenizer per thread.
class Tokenizer {
 public:
  // Tokens of text in order of appearance (a Han word before the bigrams inside it). The
  // views point into this tokenizer's folded copy of text and stay valid until the next call.
  std::span<const Token> tokenize(std::string_view text, TokenizerOptions options = {});

  // The folded text that the last tokenize() returned views into.
  std::string_view folded() const { return m_folded; }

 private:
  void add_han_run(std::size_t begin, std::size_t end, TokenizerOptions options);

  std::string m_folded;
  std::vector<Token> m_tokens;
  std::vector<std::size_t> m_offsets;  // scratch: character offsets in one Han run
  std::vector<Token> m_han_words;      // scratch: ICU words of one Han run
};

// Convenience for tests and small inputs: the token texts as owned strings.
std::vector<std::string> tokenize(std::string_view text, TokenizerOptions options = {});

}  // namespace kczg::review
