#include "domain/uscc.hpp"

#include <array>
#include <cctype>

namespace kczg {
namespace {

// GB 32100-2015 §5: weight of position i is 3^i mod 31.
constexpr std::array<int, 17> k_weights{1,  3,  9,  27, 19, 26, 16, 17, 20,
                                        29, 25, 13, 8,  24, 10, 30, 28};

// Organisations registered by a national authority (e.g. national societies with the
// Ministry of Civil Affairs, 51100000…) carry region 100000, which GB/T 2260 does not list.
constexpr std::string_view k_national_region = "100000";

int value_of(char c) { return int(k_uscc_alphabet.find(c)); }

}  // namespace

std::string normalize_uscc(std::string_view raw) {
  std::string code;
  for (char c : raw) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    code.push_back(char(std::toupper(static_cast<unsigned char>(c))));
  }
  return code;
}

char uscc_check_digit(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < k_weights.size(); ++i) sum += value_of(first17[i]) * k_weights[i];
  return k_uscc_alphabet[(31 - sum % 31) % 31];
}

Result<UsccInfo> check_uscc(std::string_view code, const DivisionTable& divisions) {
  std::string value(code);
  // Count characters, not bytes, so "18 characters" reads right for Chinese input.
  std::size_t characters = 0;
  for (unsigned char c : code) characters += (c & 0xC0) != 0x80;
  if (code.size() != 18 || characters != 18) {
    return fail(
        make_error(ErrorCode::uscc_length, "value", value, "length", std::to_string(characters)));
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (k_uscc_alphabet.find(code[i]) == std::string_view::npos) {
      return fail(make_error(ErrorCode::uscc_alphabet, "value", value, "char",
                             std::string(1, code[i]), "position", std::to_string(i + 1)));
    }
  }
  UsccInfo info{value, value.substr(2, 6), "", false};
  for (char c : info.region) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return fail(make_error(ErrorCode::uscc_region_format, "value", value, "region", info.region));
    }
  }
  if (info.region == k_national_region) {
    info.province_name = "全国";
    info.region_known = true;
  } else {
    const Division* province = divisions.province(info.region.substr(0, 2));
    if (!province) {
      return fail(make_error(ErrorCode::uscc_unknown_province, "value", value, "province",
                             info.region.substr(0, 2)));
    }
    info.province_name = std::string(province->name);
    info.region_known = divisions.find(info.region) != nullptr;
  }
  char expected = uscc_check_digit(code.substr(0, 17));
  if (expected != code[17]) {
    return fail(make_error(ErrorCode::uscc_check_digit, "value", value, "expected",
                           std::string(1, expected), "actual", std::string(1, code[17])));
  }
  return info;
}

}  // namespace kczg
