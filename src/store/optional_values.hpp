// Optional values as SOCI binds them: a value and its indicator, NULL when absent. Private
// to src/store.
#pragma once

#include <soci/soci.h>

#include <optional>

#include "domain/instant.hpp"

namespace kczg::store {

// An optional instant as microseconds.
struct OptionalMicros {
  long long value = 0;
  soci::indicator ind = soci::i_null;

  OptionalMicros() = default;
  explicit OptionalMicros(const std::optional<Instant>& at)
      : value(at ? to_micros(*at) : 0), ind(at ? soci::i_ok : soci::i_null) {}
  std::optional<Instant> instant() const {
    return ind == soci::i_ok ? std::optional(from_micros(value)) : std::nullopt;
  }
};

// An optional whole number (an amount in yuan).
struct OptionalNumber {
  long long value = 0;
  soci::indicator ind = soci::i_null;

  OptionalNumber() = default;
  explicit OptionalNumber(const std::optional<long long>& n)
      : value(n.value_or(0)), ind(n ? soci::i_ok : soci::i_null) {}
  std::optional<long long> number() const {
    return ind == soci::i_ok ? std::optional(value) : std::nullopt;
  }
};

}  // namespace kczg::store
