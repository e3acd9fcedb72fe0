// Unified Social Credit Code (统一社会信用代码, GB 32100-2015).
//
// 18 characters: registration authority (1), organisation category (1), region (6,
// GB/T 2260), organisation code (9), check digit (1). Every character comes from the
// 31-character alphabet below (no I, O, S, V, Z).
#pragma once

#include <string>
#include <string_view>

#include "domain/division.hpp"
#include "domain/error.hpp"

namespace kczg {

inline constexpr std::string_view k_uscc_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

struct UsccInfo {
  std::string code;           // normalised, 18 characters
  std::string region;         // characters 3–8
  std::string province_name;  // "全国" for nationally registered organisations
  // false when the county (or city) part is not in today's table: codes keep the
  // division of the year they were issued, so this is a flag, not an error.
  bool region_known = false;
};

// Drops spaces and upper-cases ASCII letters, as people type codes from licences.
std::string normalize_uscc(std::string_view raw);

// The check digit for the first 17 characters.
// REQUIRES: first17 has 17 characters, all in k_uscc_alphabet.
char uscc_check_digit(std::string_view first17);

// Checks a normalised code: length, alphabet, region digits, province (strictly),
// check digit. Errors: uscc_length, uscc_alphabet, uscc_region_format,
// uscc_unknown_province, uscc_check_digit — each naming the value.
Result<UsccInfo> check_uscc(std::string_view code, const DivisionTable& divisions);

}  // namespace kczg
