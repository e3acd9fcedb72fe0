#include "domain/error.hpp"

namespace kczg {

std::string_view code_name(ErrorCode code) {
  switch (code) {
#define KCZG_NAME(name) \
  case ErrorCode::name: \
    return #name;
    KCZG_ERROR_CODES(KCZG_NAME)
#undef KCZG_NAME
  }
  return "unknown";
}

std::string_view Error::param(std::string_view key) const {
  for (const auto& [k, v] : params) {
    if (k == key) return v;
  }
  return {};
}

}  // namespace kczg
