#include "review/organisation_name.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "domain/division.hpp"
#include "review/text.hpp"

namespace kczg::review {
namespace {

// Longest first where one ends another (股份有限公司 before 有限公司 before 公司).
constexpr std::array<std::string_view, 9> k_company_forms{
    "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司",
    "总公司",       "公司",         "集团",     "控股"};
constexpr std::array<std::string_view, 12> k_latin_company_forms{
    "co",      "ltd",   "limited",  "inc", "corp", "corporation",
    "company", "group", "holdings", "llc", "plc",  "gmbh"};
constexpr std::size_t k_min_core_units = 2;

struct CodePoint {
  char32_t c;
  std::string_view bytes;
};

// Calls f(CodePoint) for each code point of valid UTF-8 (folded text always is).
template <typename F>
void each_code_point(std::string_view s, F&& f) {
  for (int32_t i = 0, n = int32_t(s.size()); i < n;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(s.data(), i, n, c);
    f(CodePoint{char32_t(c), s.substr(std::size_t(at), std::size_t(i - at))});
  }
}

bool is_word_char(char32_t c) { return !is_han(c) && u_isalnum(UChar32(c)); }

std::size_t code_point_count(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count;
}

std::string_view first_code_points(std::string_view s, std::size_t count) {
  int32_t i = 0;
  for (std::size_t k = 0; k < count && i < int32_t(s.size()); ++k) {
    U8_FWD_1(s.data(), i, int32_t(s.size()));
  }
  return s.substr(0, std::size_t(i));
}

// 北京市 → 北京, 广东省 → 广东, 广西壮族自治区 → 广西, 内蒙古自治区 → 内蒙古,
// 香港特别行政区 → 香港. A one-character rest is not a name, so 沙市 would stay.
std::string region_short(std::string_view full) {
  auto cut = [&](std::string_view suffix) { return full.substr(0, full.size() - suffix.size()); };
  if (full.ends_with("特别行政区")) return std::string(cut("特别行政区"));
  if (full.ends_with("自治区")) {
    return std::string(full.starts_with("内蒙古") ? "内蒙古" : first_code_points(full, 2));
  }
  for (std::string_view suffix : {"省", "市"}) {
    if (full.ends_with(suffix) && code_point_count(cut(suffix)) >= 2)
      return std::string(cut(suffix));
  }
  return std::string(full);
}

// Provinces and prefecture-level cities of GB/T 2260, full and short names → short name,
// plus 香港, 澳门, 台湾 and 中国. Counties are left out: company names bracket provinces and
// cities, and the table's find_by_name is a linear scan, too slow to call per name.
const std::unordered_map<std::string, std::string>& regions() {
  static const std::unordered_map<std::string, std::string> table = [] {
    std::unordered_map<std::string, std::string> out;
    auto add = [&](std::string_view full) {
      if (full.find("辖") != std::string_view::npos) return;  // 市辖区, 省直辖县级行政区划
      std::string short_name = region_short(full);
      out.emplace(std::string(full), short_name);
      out.emplace(short_name, short_name);
    };
    const DivisionTable& divisions = gb2260();
    for (int p = 10; p < 100; ++p) {
      std::string code2 = std::to_string(p);
      const Division* province = divisions.province(code2);
      if (!province) continue;
      add(province->name);
      for (int c = 1; c < 100; ++c) {
        std::string code6 = code2 + (c < 10 ? "0" : "") + std::to_string(c) + "00";
        if (const Division* city = divisions.find(code6)) add(city->name);
      }
    }
    for (std::string_view full : {"香港特别行政区", "澳门特别行政区", "台湾省", "中国"}) add(full);
    return out;
  }();
  return table;
}

bool is_open_bracket(char32_t c) { return c == U'(' || c == U'[' || c == U'【' || c == U'〔'; }
bool is_close_bracket(char32_t c) { return c == U')' || c == U']' || c == U'】' || c == U'〕'; }

// Han characters and words only; a Latin word or number after another gets one space.
std::string compact(std::string_view folded) {
  std::string key;
  bool in_word = false;
  bool after_word = false;
  each_code_point(folded, [&](CodePoint p) {
    if (is_han(p.c)) {
      key += p.bytes;
      in_word = after_word = false;
    } else if (is_word_char(p.c)) {
      if (!in_word && after_word) key += ' ';
      key += p.bytes;
      in_word = after_word = true;
    } else {
      in_word = false;
    }
  });
  return key;
}

// True when the key ends in the whole Latin word `word` (not "unico" for "co").
bool ends_with_word(std::string_view key, std::string_view word) {
  if (!key.ends_with(word)) return false;
  int32_t start = int32_t(key.size() - word.size());
  if (start == 0) return true;
  UChar32 before;
  U8_PREV_OR_FFFD(key.data(), 0, start, before);
  return !is_word_char(char32_t(before));
}

std::string without_company_forms(std::string key) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view form : k_company_forms) {
      std::string_view rest = std::string_view(key).substr(0, key.size() - form.size());
      if (key.ends_with(form) && name_units(rest) >= k_min_core_units) {
        key.resize(rest.size());
        stripped = true;
        break;
      }
    }
    for (std::string_view form : k_latin_company_forms) {
      if (stripped || !ends_with_word(key, form)) continue;
      std::string_view rest = std::string_view(key).substr(0, key.size() - form.size());
      if (rest.ends_with(' ')) rest.remove_suffix(1);
      if (name_units(rest) >= k_min_core_units) {
        key.resize(rest.size());
        stripped = true;
      }
    }
  }
  return key;
}

// 北京市中关村… → 北京中关村…: a leading province or city in full, followed by at least
// two more units, becomes its short name.
std::string with_short_leading_region(std::string key) {
  std::size_t end = 0;
  for (int k = 0; k < 8 && end < key.size(); ++k) {
    int32_t i = int32_t(end);
    UChar32 c;
    U8_NEXT_OR_FFFD(key.data(), i, int32_t(key.size()), c);
    if (!is_han(char32_t(c))) return key;
    end = std::size_t(i);
    std::string_view prefix(key.data(), end);
    if (!prefix.ends_with("省") && !prefix.ends_with("市") && !prefix.ends_with("区")) continue;
    auto found = regions().find(std::string(prefix));
    if (found == regions().end() || found->first == found->second) continue;
    if (name_units(std::string_view(key).substr(end)) < k_min_core_units) return key;
    return found->second + key.substr(end);
  }
  return key;
}

}  // namespace

std::size_t name_units(std::string_view key) {
  std::size_t units = 0;
  bool in_word = false;
  each_code_point(key, [&](CodePoint p) {
    if (is_han(p.c)) {
      ++units;
      in_word = false;
    } else if (is_word_char(p.c)) {
      if (!in_word) units += 2;
      in_word = true;
    } else {
      in_word = false;
    }
  });
  return units;
}

std::vector<std::string_view> name_prefixes(std::string_view key, std::size_t min_units) {
  std::vector<std::string_view> prefixes;
  std::size_t units = 0;
  bool in_word = false;
  std::size_t offset = 0;
  auto boundary = [&](std::size_t end) {
    if (units >= min_units && end < key.size()) prefixes.push_back(key.substr(0, end));
  };
  each_code_point(key, [&](CodePoint p) {
    if (in_word && !is_word_char(p.c)) boundary(offset);  // a Latin word ended before p
    if (is_han(p.c)) {
      ++units;
      in_word = false;
      boundary(offset + p.bytes.size());
    } else if (is_word_char(p.c)) {
      if (!in_word) units += 2;
      in_word = true;
    } else {
      in_word = false;
    }
    offset += p.bytes.size();
  });
  return prefixes;
}

std::vector<std::string> organisation_name_keys(std::string_view name) {
  std::string main;
  std::vector<std::string> bracketed;
  int depth = 0;
  each_code_point(fold_text(name), [&](CodePoint p) {
    if (is_open_bracket(p.c)) {
      if (depth++ == 0) bracketed.emplace_back();
    } else if (is_close_bracket(p.c)) {
      depth = std::max(depth - 1, 0);
    } else {
      (depth > 0 ? bracketed.back() : main) += p.bytes;
    }
  });
  std::string core = with_short_leading_region(without_company_forms(compact(main)));
  if (core.empty()) return {};
  std::vector<std::string> keys{core};
  for (const std::string& inside : bracketed) {
    auto region = regions().find(compact(inside));
    if (region == regions().end()) continue;
    std::string key = region->second + core;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
  return keys;
}

std::string organisation_core_name(std::string_view name) {
  std::vector<std::string> keys = organisation_name_keys(name);
  return keys.empty() ? std::string() : std::move(keys[0]);
}

std::string without_leading_region(std::string_view key, std::size_t min_units) {
  // Longest region first: 张家口 before a two-character match.
  for (std::size_t count : {4, 3, 2}) {
    std::string_view head = first_code_points(key, count);
    if (code_point_count(head) != count) continue;
    auto region = regions().find(std::string(head));
    if (region == regions().end() || region->second == "中国") continue;
    std::string_view rest = key.substr(head.size());
    if (name_units(rest) < min_units) return {};
    return std::string(rest);
  }
  return {};
}

std::string person_name_key(std::string_view name) {
  std::string key;
  each_code_point(fold_text(name), [&](CodePoint p) {
    if (is_han(p.c) || u_isalnum(UChar32(p.c))) key += p.bytes;
  });
  return key;
}

}  // namespace kczg::review
