#include "review/text.hpp"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>

namespace kczg::review {
namespace {

// ICU's data is part of the installation: failing to load it is a start-up error.
void check_icu(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw std::runtime_error(std::string(what) + ": " + u_errorName(status));
}

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    check_icu(status, "ICU nfkc_cf");
    return n;
  }();
  return *instance;
}

// Creating a word iterator costs far more than resetting its text, and one instance
// cannot serve two threads, so each thread keeps its own.
icu::BreakIterator& word_breaker() {
  thread_local const std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    check_icu(status, "ICU word break iterator");
    return b;
  }();
  return *breaker;
}

void fold_into(std::string_view text, std::string& out) {
  out.clear();
  icu::StringByteSink<std::string> sink(&out, int32_t(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  nfkc_casefold().normalizeUTF8(0, icu::StringPiece(text.data(), int32_t(text.size())), sink,
                                nullptr, status);
  check_icu(status, "ICU normalizeUTF8");
}

std::size_t code_points(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count;
}

// Appends ICU's words in text[begin, end) to out: words of three or more Han characters
// for a Han run, every word (letters, digits, kana) otherwise. Spaces and punctuation have
// rule statuses below UBRK_WORD_NONE_LIMIT and are skipped.
void add_icu_words(std::string_view text, std::size_t begin, std::size_t end, bool han_run,
                   std::vector<Token>& out) {
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data() + begin, int64_t(end - begin), &status);
  icu::BreakIterator& breaker = word_breaker();
  breaker.setText(&utext, status);
  check_icu(status, "ICU word break");
  int32_t start = breaker.first();
  for (int32_t stop = breaker.next(); stop != icu::BreakIterator::DONE;
       start = stop, stop = breaker.next()) {
    if (breaker.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    std::string_view word = text.substr(begin + std::size_t(start), std::size_t(stop - start));
    if (!han_run) {
      out.push_back({word, TokenKind::word});
    } else if (code_points(word) >= 3) {
      out.push_back({word, TokenKind::han_word});
    }
  }
  utext_close(&utext);
}

}  // namespace

bool is_han(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return true;  // the common block, without a table lookup
  if (c < 0x3000) return false;
  return u_hasBinaryProperty(UChar32(c), UCHAR_IDEOGRAPHIC);
}

std::string fold_text(std::string_view text) {
  std::string out;
  fold_into(text, out);
  return out;
}

void Tokenizer::add_han_run(std::size_t begin, std::size_t end, TokenizerOptions options) {
  const std::string_view text = m_folded;
  m_offsets.clear();
  for (int32_t i = int32_t(begin); i < int32_t(end);) {
    m_offsets.push_back(std::size_t(i));
    U8_FWD_1(text.data(), i, int32_t(end));
  }
  m_offsets.push_back(end);
  const std::size_t characters = m_offsets.size() - 1;
  if (characters == 1) {
    m_tokens.push_back({text.substr(begin, end - begin), TokenKind::han_single});
    return;
  }
  m_han_words.clear();
  if (options.han_words && characters >= 3) add_icu_words(text, begin, end, true, m_han_words);
  auto word = m_han_words.begin();
  for (std::size_t k = 0; k + 1 < characters; ++k) {
    for (; word != m_han_words.end() && word->text.data() <= text.data() + m_offsets[k]; ++word) {
      m_tokens.push_back(*word);
    }
    m_tokens.push_back(
        {text.substr(m_offsets[k], m_offsets[k + 2] - m_offsets[k]), TokenKind::han_bigram});
  }
}

std::span<const Token> Tokenizer::tokenize(std::string_view text, TokenizerOptions options) {
  m_tokens.clear();
  fold_into(text, m_folded);
  // Alternate between Han runs (bigrams, and ICU's dictionary words if asked for) and the
  // stretches between them (ICU's rule-based words; skipped when only spaces and
  // punctuation), so that the dictionary never runs unless asked for.
  const char* base = m_folded.data();
  const auto size = int32_t(m_folded.size());
  for (int32_t i = 0; i < size;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(base, i, size, c);
    const bool han = is_han(char32_t(c));
    bool has_word = !han && u_isalnum(c);
    bool ascii_word = has_word && c < 0x80;
    int32_t end = i;
    while (end < size) {
      int32_t next = end;
      U8_NEXT_OR_FFFD(base, next, size, c);
      if (is_han(char32_t(c)) != han) break;
      bool alnum = !han && u_isalnum(c);
      has_word = has_word || alnum;
      ascii_word = ascii_word && alnum && c < 0x80;
      end = next;
    }
    const auto stretch =
        std::string_view(m_folded).substr(std::size_t(start), std::size_t(end - start));
    if (han) {
      add_han_run(std::size_t(start), std::size_t(end), options);
    } else if (ascii_word) {
      // Letters and digits only ("5g", "128tops"): ICU's rules keep them one word (WB9–10).
      m_tokens.push_back({stretch, TokenKind::word});
    } else if (has_word) {
      add_icu_words(m_folded, std::size_t(start), std::size_t(end), false, m_tokens);
    }
    i = end;
  }
  return m_tokens;
}

std::vector<std::string> tokenize(std::string_view text, TokenizerOptions options) {
  thread_local Tokenizer tokenizer;
  std::vector<std::string> out;
  for (const Token& token : tokenizer.tokenize(text, options)) out.emplace_back(token.text);
  return out;
}

}  // namespace kczg::review
