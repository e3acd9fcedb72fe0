// What every kczg command shares: the database address, the language, who is acting,
// and how results and errors are written.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "domain/application.hpp"
#include "i18n/catalog.hpp"
#include "store/store.hpp"

namespace kczg::cli {

// Exit codes: 0 ok, 1 bad input (or a refused change), 2 usage.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_bad_input = 1;
inline constexpr int k_exit_usage = 2;

struct Context {
  std::string db_url;
  Lang lang = Lang::zh;
  Actor actor{Role::secretariat, "cli"};
  std::ostream* out;
  std::ostream* err;

  // The catalog text in the user's language.
  std::string text(std::string_view key,
                   const std::vector<std::pair<std::string, std::string>>& params = {}) const {
    return translate(key, params, lang);
  }
};

// Writes the error in the user's language to stderr; returns k_exit_bad_input.
int report(const Context& context, const Error& error);
// A refused file: every bad row on stderr ("row R, column C: message"), then
// import_rejected {count}; returns k_exit_bad_input.
int report_rows(const Context& context, const std::vector<Error>& rows);

// Opens the database and brings its schema up to date (migrations are idempotent).
Result<std::unique_ptr<Store>> open_migrated(const Context& context);

// The instant commands act at.
Instant now();

}  // namespace kczg::cli
