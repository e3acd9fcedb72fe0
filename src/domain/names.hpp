// Stable names of enum values — what the database, JSON and message catalogs use — kept in
// one table per enum, and the lookups both ways.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace kczg {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

// "unknown" for a value the table lacks (a table missing one is a bug, not an input).
template <typename E, std::size_t N>
constexpr std::string_view name_of(const Names<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
constexpr std::optional<E> value_of(const Names<E, N>& names, std::string_view name) {
  for (const auto& [v, n] : names) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace kczg
