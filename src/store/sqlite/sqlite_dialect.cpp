#include "store/dialect.hpp"

#include <sqlite3.h>

#include <mutex>

namespace kczg::store {

const Dialect& sqlite_dialect() {
  static const Dialect dialect{
      "sqlite",
      "sqlite3",
      "id INTEGER PRIMARY KEY",
      {
          // WAL lets readers run beside the writer; FULL syncs the WAL at every commit,
          // so a submission acknowledged to a user survives a power cut.
          "PRAGMA journal_mode = WAL",
          "PRAGMA synchronous = FULL",
          "PRAGMA foreign_keys = ON",
          "PRAGMA busy_timeout = 30000",
      },
      "BEGIN IMMEDIATE",
      "",
      "",
      {
          "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
          "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
          "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
          "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
      },
      true,
  };
  return dialect;
}

void configure_sqlite_library() {
  static std::once_flag once;
  // Fails harmlessly (SQLITE_MISUSE) if SQLite is already initialised.
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace kczg::store
