// What differs between the SQLite and PostgreSQL backends; everything else is shared SQL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kczg::store {

struct Dialect {
  std::string_view name;          // "sqlite" or "postgresql"
  std::string_view soci_backend;  // SOCI's backend name
  std::string_view primary_key;   // definition of a surrogate `id` column
  std::vector<std::string> on_connect;
  // Opens a write transaction. SQLite takes the database write lock up front (BEGIN
  // IMMEDIATE), so two writers queue on busy_timeout instead of failing on upgrade.
  std::string_view begin_write;
  // Serialises concurrent recommendations of one unit (":unit"); "" where begin_write
  // already serialises all writers.
  std::string_view lock_unit;
  // Serialises concurrent migrations; "" where begin_write already does.
  std::string_view lock_migrations;
  // Makes audit_log append-only inside the database.
  std::vector<std::string> audit_guard;
  // SQLite has one writer per database: writers of one process are grouped into shared
  // transactions (SociStore::write) instead of spinning on the file lock.
  bool serialize_writers;
};

const Dialect& sqlite_dialect();
// Process-wide SQLite settings, before the first connection: memory statistics off, since
// Debian builds SQLite with them on and every allocation then takes one global mutex
// (21% of a dashboard's samples waited on it). Safe to call more than once.
void configure_sqlite_library();
const Dialect& postgres_dialect();

}  // namespace kczg::store
