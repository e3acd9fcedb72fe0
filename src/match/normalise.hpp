// The form in which duplicate detection compares texts: traditional characters made
// simplified (OpenCC t2s), NFKC with case folding (full-width → half-width, Latin lower
// case), and nothing but letters, digits and Han left — so that 「存算一體晶片」, "存算一体
// 芯片 " and "存算一体芯片" differ only where their words differ.
#pragma once

#include <string>
#include <string_view>

namespace kczg::match {

// Traditional → simplified Chinese with OpenCC's t2s configuration (phrases first, then
// characters). Throws std::runtime_error when OpenCC's data cannot be opened: every
// comparison would silently miss 繁/简 variants otherwise.
std::string simplified(std::string_view text);

// simplified, folded (review::fold_text), letters/digits/Han only; one char32_t per
// character so that shingles are whole characters.
std::u32string comparable(std::string_view text);

// UTF-8 for a run of comparable text, for showing a matched passage.
std::string to_utf8(std::u32string_view text);

}  // namespace kczg::match
