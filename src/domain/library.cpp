#include "domain/library.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace kczg {
namespace {

constexpr std::array<std::pair<Maturity, std::string_view>, 5> k_maturity_names{{
    {Maturity::research, "research"},
    {Maturity::prototype, "prototype"},
    {Maturity::pilot, "pilot"},
    {Maturity::production, "production"},
    {Maturity::market, "market"},
}};

constexpr std::array<std::pair<Cooperation, std::string_view>, 4> k_cooperation_names{{
    {Cooperation::licence, "licence"},
    {Cooperation::transfer, "transfer"},
    {Cooperation::joint_development, "joint_development"},
    {Cooperation::investment, "investment"},
}};

template <typename E, std::size_t N>
std::string_view name_in(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> value_in(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::size_t code_points(std::string_view s) {
  return std::size_t(std::ranges::count_if(s, [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

std::string_view maturity_name(Maturity maturity) { return name_in(k_maturity_names, maturity); }
std::optional<Maturity> maturity_from_name(std::string_view name) {
  return value_in(k_maturity_names, name);
}
std::string_view cooperation_name(Cooperation cooperation) {
  return name_in(k_cooperation_names, cooperation);
}
std::optional<Cooperation> cooperation_from_name(std::string_view name) {
  return value_in(k_cooperation_names, name);
}

Result<void> check_holder_parts(const HolderParts& parts) {
  if (std::size_t length = code_points(parts.note); length > k_holder_note_max) {
    return fail(make_error(ErrorCode::holder_note_too_long, "length", std::to_string(length), "max",
                           std::to_string(k_holder_note_max), "field", "note"));
  }
  return {};
}

std::string region_of_uscc(std::string_view uscc) {
  if (uscc.size() != 18) return "";
  std::string_view region = uscc.substr(2, 6);
  bool digits = std::ranges::all_of(region, [](char c) { return c >= '0' && c <= '9'; });
  return digits ? std::string(region) : "";
}

}  // namespace kczg
