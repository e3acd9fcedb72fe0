// Versioned schema migrations, the same logical schema on both backends.
#pragma once

#include <string>
#include <vector>

#include "store/dialect.hpp"

namespace kczg::store {

struct Migration {
  int version;
  std::vector<std::string> statements;  // "{pk}" stands for the dialect's id column
};

// In version order. A released migration never changes; a new one is appended.
const std::vector<Migration>& migrations();

// A statement with the dialect's pieces filled in.
std::string for_dialect(const std::string& statement, const Dialect& dialect);

}  // namespace kczg::store
