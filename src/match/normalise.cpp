#include "match/normalise.hpp"

#include <opencc/opencc.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "review/text.hpp"

namespace kczg::match {
namespace {

struct Converter {
  opencc_t handle;
  // Taiwan phrases too (晶片 → 芯片, 軟體 → 软件): tw2sp reads standard traditional as well.
  Converter() : handle(opencc_open("tw2sp.json")) {
    if (handle == reinterpret_cast<opencc_t>(-1)) {
      throw std::runtime_error(std::string("OpenCC tw2sp: ") + opencc_error());
    }
  }
  ~Converter() { opencc_close(handle); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
};

// CJK Unified Ideographs and Extension A, which hold every character tw2sp maps.
constexpr char32_t k_first = 0x3400, k_last = 0x9FFF;

std::vector<bool> build_traditional_table() {
  Converter converter;
  std::vector<bool> changes(k_last - k_first + 1, false);
  for (char32_t c = k_first; c <= k_last; ++c) {
    char one[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(one, length, 4, UChar32(c), error);
    if (error) continue;
    char* out = opencc_convert_utf8(converter.handle, one, std::size_t(length));
    if (!out) continue;
    changes[c - k_first] = std::string_view(out) != std::string_view(one, std::size_t(length));
    opencc_convert_utf8_free(out);
  }
  return changes;
}

// Whether OpenCC could change the text: it holds a character that tw2sp maps on its own
// (found once by converting every ideograph alone). Most texts are simplified already,
// and skipping OpenCC for them makes comparing many times cheaper.
bool may_be_traditional(std::string_view text) {
  static const std::vector<bool> changes = build_traditional_table();
  for (int32_t i = 0, n = int32_t(text.size()); i < n;) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, n, c);
    if (c >= UChar32(k_first) && c <= UChar32(k_last) && changes[std::size_t(c) - k_first]) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string simplified(std::string_view text) {
  if (!may_be_traditional(text)) return std::string(text);
  // One converter per thread: OpenCC does not promise that a handle may be shared.
  thread_local Converter converter;
  char* out = opencc_convert_utf8(converter.handle, text.data(), text.size());
  if (!out) return std::string(text);
  std::string result(out);
  opencc_convert_utf8_free(out);
  return result;
}

std::u32string comparable(std::string_view text) {
  std::string folded = review::fold_text(simplified(text));
  std::u32string out;
  out.reserve(folded.size() / 2);
  for (int32_t i = 0, n = int32_t(folded.size()); i < n;) {
    UChar32 c = 0;
    U8_NEXT(folded.data(), i, n, c);
    if (c < 0) continue;
    if (review::is_han(char32_t(c)) || u_isalnum(c)) out.push_back(char32_t(c));
  }
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    char buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, 4, UChar32(c), error);
    if (!error) out.append(buffer, std::size_t(length));
  }
  return out;
}

}  // namespace kczg::match
