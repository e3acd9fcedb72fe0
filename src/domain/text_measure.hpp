// What every form check measures in a text: its length in characters as people count them
// (UTF-8 code points: 中 is one), and whether it holds anything but white space.
#pragma once

#include <cstddef>
#include <string_view>

namespace kczg {

inline std::size_t characters(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count;
}

inline bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace kczg
