#include "review/name_variants.hpp"

#include <cctype>

namespace kczg::review::planted {
namespace {

const std::vector<std::string> k_suffixes{"有限公司",     "股份有限公司", "有限责任公司",
                                          "集团有限公司", "公司",         "集团"};

}  // namespace

std::vector<std::string> characters(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = (s[i] & 0x80) == 0      ? 1
                    : (s[i] & 0xE0) == 0xC0 ? 2
                    : (s[i] & 0xF0) == 0xE0 ? 3
                                            : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string full_width(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u == ' ') {
      out += "\u3000";
    } else if (u >= 0x21 && u <= 0x7E) {
      char32_t w = 0xFF01 + (u - 0x21);
      out += char(0xE0 | (w >> 12));
      out += char(0x80 | ((w >> 6) & 0x3F));
      out += char(0x80 | (w & 0x3F));
    } else {
      out += c;
    }
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string full_name(const Org& o, int v) {
  std::string base = o.trade + o.industry + o.extra;
  switch (o.style) {
    case Style::plain:
      if (v == 3) return o.trade + " " + o.industry + o.extra + "\u3000有限公司";
      if (v == 4) return base + "（集团）股份有限公司";
      return base + k_suffixes[std::size_t(v)];
    case Style::region_prefix:
      if (v == 3) return o.region + " " + base + "\u3000有限公司";
      if (v == 4) return o.region + "市" + base + "有限公司";
      return o.region + base + k_suffixes[std::size_t(v)];
    case Style::region_bracket:
      if (v == 3) return base + "（" + o.region + "市）\u3000有限公司";
      if (v == 4) return o.region + base + "有限公司";  // the city moved to the front
      if (v == 5) return base + "(" + o.region + ")股份有限公司";
      return base + "（" + o.region + "）" + k_suffixes[std::size_t(v)];
    case Style::latin: {
      std::string name = o.trade + " " + o.industry + (o.extra.empty() ? "" : " " + o.extra);
      switch (v) {
        case 0:
          return name + " Co., Ltd.";
        case 1:
          return name + " Limited";
        case 2:
          return name + " Corporation";
        case 3:
          return full_width(name + " Co., Ltd.");
        case 4:
          return upper(name) + " LTD.";
        default:
          return name + " Inc.";
      }
    }
    case Style::society:
    case Style::institute:
      if (v == 3) return full_width(" ") + o.trade + " " + o.industry;
      return o.trade + o.industry;
  }
  return base;
}

std::string expert_name(const Org& o, int v, std::size_t alias) {
  bool chinese = o.style == Style::plain || o.style == Style::region_prefix;
  if (v == 6 && !o.extra.empty() && (chinese || o.style == Style::latin)) {
    if (o.style == Style::latin) return o.trade + " " + o.industry;
    return (o.style == Style::region_prefix ? o.region : "") + o.trade + o.industry;
  }
  if (v == 7 && !o.aliases.empty()) return o.aliases[alias % o.aliases.size()];
  if (v == 8 && (o.style == Style::region_prefix || o.style == Style::region_bracket)) {
    return o.trade + o.industry + o.extra + "有限公司";
  }
  return full_name(o, v % k_full_variants);
}

std::string written_uscc(const std::string& code, int v) {
  if (v == 1) return code.substr(0, 8) + " " + code.substr(8);
  if (v == 2) return full_width(code);
  std::string lower = code;
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  return v == 3 ? lower : code;
}

std::string written_person(const Person& p, int v) {
  auto chars = characters(p.name);
  if (p.minority) {
    std::string out = p.name;
    std::string dot = "·";
    std::string other = v == 1 ? " " : v == 2 ? "•" : "·";
    out.replace(out.find(dot), dot.size(), other);
    return out;
  }
  if (v == 1) return chars[0] + " " + chars[1] + chars[2];
  if (v == 2) return chars[0] + "\u3000" + chars[1] + chars[2];
  return p.name;
}

}  // namespace kczg::review::planted
