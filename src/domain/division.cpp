#include "domain/division.hpp"

#include <algorithm>
#include <string>

namespace kczg {
namespace {

std::vector<Division> sorted(std::span<const Division> divisions) {
  std::vector<Division> out(divisions.begin(), divisions.end());
  std::ranges::sort(out, {}, &Division::code);
  return out;
}

const Division* lookup(const std::vector<Division>& divisions, std::string_view code) {
  auto it = std::ranges::lower_bound(divisions, code, {}, &Division::code);
  return it != divisions.end() && it->code == code ? &*it : nullptr;
}

}  // namespace

DivisionTable::DivisionTable(std::span<const Division> provinces, std::span<const Division> cities,
                             std::span<const Division> counties)
    : m_provinces(sorted(provinces)), m_cities(sorted(cities)), m_counties(sorted(counties)) {}

const Division* DivisionTable::province(std::string_view code2) const {
  return lookup(m_provinces, code2);
}

const Division* DivisionTable::find(std::string_view code6) const {
  if (code6.size() != 6) return nullptr;
  if (code6.substr(2) == "0000") return lookup(m_provinces, code6.substr(0, 2));
  if (code6.substr(4) == "00") return lookup(m_cities, code6.substr(0, 4));
  return lookup(m_counties, code6);
}

const Division* DivisionTable::find_by_name(std::string_view name) const {
  for (const auto* level : {&m_provinces, &m_cities, &m_counties}) {
    auto it = std::ranges::find(*level, name, &Division::name);
    if (it != level->end()) return &*it;
  }
  return nullptr;
}

std::string DivisionTable::code6(const Division& division) {
  std::string code(division.code);
  code.resize(6, '0');
  return code;
}

const Division* outside_mainland_division(std::string_view code6) {
  static constexpr Division k_outside[] = {
      {"810000", "香港特别行政区"}, {"820000", "澳门特别行政区"}, {"710000", "台湾省"}};
  for (const Division& d : k_outside) {
    if (d.code == code6) return &d;
  }
  return nullptr;
}

}  // namespace kczg
