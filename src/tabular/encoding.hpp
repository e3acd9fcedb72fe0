// Internal: bringing file bytes to UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace kczg::tabular {

// Returns the bytes as UTF-8 without a leading BOM. Valid UTF-8 is taken as is;
// anything else is decoded as GB18030, the encoding Excel and WPS use for CSV on a
// Chinese Windows. Pure ASCII is valid UTF-8, so the guess never misreads it.
// Errors: file_encoding {path} when the bytes are neither encoding.
Result<std::string> to_utf8(std::string_view bytes, std::string_view path_for_errors);

// True when the bytes are well-formed UTF-8 (no overlongs, surrogates or truncation).
bool is_valid_utf8(std::string_view bytes);

}  // namespace kczg::tabular
