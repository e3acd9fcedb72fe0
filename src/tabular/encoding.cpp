#include "tabular/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <memory>

namespace kczg::tabular {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

Result<Converter> open_converter(const char* name, std::string_view path) {
  UErrorCode status = U_ZERO_ERROR;
  Converter converter(ucnv_open(name, &status), &ucnv_close);
  if (U_FAILURE(status)) {
    // Only a broken ICU installation gets here; it is not the file's fault.
    return fail(make_error(ErrorCode::file_unreadable, "path", path, "detail",
                           std::string("no ") + name + " converter: " + u_errorName(status)));
  }
  return converter;
}

Result<std::string> gb18030_to_utf8(std::string_view bytes, std::string_view path) {
  auto source = open_converter("GB18030", path);
  if (!source) return fail(source.error());
  auto target = open_converter("UTF-8", path);
  if (!target) return fail(target.error());
  UErrorCode status = U_ZERO_ERROR;
  // Stop at the first byte sequence GB18030 does not define instead of substituting.
  ucnv_setToUCallBack(source->get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

  // A GB18030 character of n bytes never needs more than 3n/2 UTF-8 bytes, so this
  // usually converts in one pass; the loop covers the rest.
  std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
  char* out_pos = out.data();
  const char* in_pos = bytes.data();
  std::array<UChar, 4096> pivot{};
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  bool reset = true;
  for (;;) {
    status = U_ZERO_ERROR;
    ucnv_convertEx(target->get(), source->get(), &out_pos, out.data() + out.size(), &in_pos,
                   bytes.data() + bytes.size(), pivot.data(), &pivot_source, &pivot_target,
                   pivot.data() + pivot.size(), reset, /*flush=*/true, &status);
    reset = false;
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    const auto written = out_pos - out.data();
    out.resize(out.size() * 2);
    out_pos = out.data() + written;
  }
  if (U_FAILURE(status)) return fail(make_error(ErrorCode::file_encoding, "path", path));
  out.resize(out_pos - out.data());
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int64_t>(bytes.size());
  int64_t i = 0;
  while (i < length) {
    if (data[i] < 0x80) {  // fast path: most of a CSV is ASCII
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(data, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

Result<std::string> to_utf8(std::string_view bytes, std::string_view path_for_errors) {
  if (is_valid_utf8(bytes)) {
    if (bytes.starts_with(k_utf8_bom)) bytes.remove_prefix(k_utf8_bom.size());
    return std::string(bytes);
  }
  auto converted = gb18030_to_utf8(bytes, path_for_errors);
  // GB18030 has its own BOM, which decodes to U+FEFF.
  if (converted && converted->starts_with(k_utf8_bom)) converted->erase(0, k_utf8_bom.size());
  return converted;
}

}  // namespace kczg::tabular
