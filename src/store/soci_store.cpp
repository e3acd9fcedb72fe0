#include "store/soci_store.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>

#include "store/json_codec.hpp"
#include "store/migrations.hpp"

namespace kczg::store {

Error database_failure(const std::exception& e) {
  return make_error(ErrorCode::database_failure, "detail", e.what());
}

SociStore::SociStore(const Dialect& dialect, const std::string& connect, int connections)
    : m_dialect(dialect), m_pool(std::size_t(connections)), m_caches(std::size_t(connections)) {
  for (int i = 0; i < connections; ++i) {
    soci::session& sql = m_pool.at(std::size_t(i));
    sql.open(std::string(dialect.soci_backend), connect);
    for (const std::string& statement : dialect.on_connect) sql << statement;
  }
}

Result<int> SociStore::migrate() {
  return write([&](soci::session& sql) -> Result<int> {
    if (!m_dialect.lock_migrations.empty()) sql << m_dialect.lock_migrations;
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
           "applied_at BIGINT NOT NULL)";
    int current = 0;
    soci::indicator none = soci::i_ok;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(current, none);
    if (none == soci::i_null) current = 0;
    for (const Migration& migration : migrations()) {
      if (migration.version <= current) continue;
      for (const std::string& statement : migration.statements) {
        sql << for_dialect(statement, m_dialect);
      }
      if (migration.version == 1) {
        for (const std::string& statement : m_dialect.audit_guard) sql << statement;
      }
      long long applied_at = to_micros(std::chrono::time_point_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now()));
      sql << "INSERT INTO schema_migrations (version, applied_at) VALUES (:v, :t)",
          soci::use(migration.version), soci::use(applied_at);
      current = migration.version;
    }
    return current;
  });
}

void SociStore::audit(soci::session& sql, const Actor& actor, std::string_view action,
                      std::string_view object, const std::string& before, const std::string& after,
                      Instant now) {
  long long at = to_micros(now);
  std::string role(role_name(actor.role)), action_text(action), object_text(object);
  sql << "INSERT INTO audit_log (at, actor, role, action, object, before_value, after_value) "
         "VALUES (:at, :actor, :role, :action, :object, :before, :after)",
      soci::use(at), soci::use(actor.name), soci::use(role), soci::use(action_text),
      soci::use(object_text), soci::use(before), soci::use(after);
}

Result<std::vector<AuditEntry>> SociStore::audit_log() {
  auto entries = audit_search({}, std::numeric_limits<int>::max());
  if (entries) std::ranges::reverse(*entries);  // oldest first
  return entries;
}

}  // namespace kczg::store

namespace kczg {

Result<std::unique_ptr<Store>> open_store(std::string_view url, StoreOptions options) {
  const store::Dialect* dialect = nullptr;
  std::string connect;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    dialect = &store::postgres_dialect();
    connect = std::string(url);
  } else if (url.starts_with("sqlite:")) {
    dialect = &store::sqlite_dialect();
    connect = std::string(url.substr(7));
  } else if (!url.empty() && url.find("://") == std::string_view::npos) {
    dialect = &store::sqlite_dialect();
    connect = std::string(url);
  }
  if (!dialect || connect.empty()) {
    return fail(make_error(ErrorCode::database_url, "url", std::string(url)));
  }
  if (dialect == &store::sqlite_dialect()) {
    store::configure_sqlite_library();
    // The default sqlite:var/kczg.db should work in a fresh checkout.
    std::filesystem::path parent = std::filesystem::path(connect).parent_path();
    std::error_code ignored;
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
    // SOCI's sqlite3 backend takes "db=PATH"; quote the path so spaces survive.
    connect = "db=\"" + connect + "\"";
  }
  try {
    return std::make_unique<store::SociStore>(*dialect, connect, std::max(1, options.connections));
  } catch (const std::exception& e) {
    return fail(make_error(ErrorCode::database_unavailable, "detail", e.what()));
  }
}

}  // namespace kczg

namespace kczg::store {

Result<std::vector<AuditEntry>> SociStore::audit_search(const AuditFilter& filter,
                                                        std::size_t limit) {
  return read([&](soci::session& sql) -> Result<std::vector<AuditEntry>> {
    std::vector<AuditEntry> entries;
    AuditEntry e;
    long long at = 0;
    int max = int(std::min<std::size_t>(limit, std::numeric_limits<int>::max()));
    // Prefix matches by range, so they need no LIKE escaping and can use an index.
    std::string action_end = filter.action + "\xF4\x8F\xBF\xBF";
    std::string object_end = filter.object + "\xF4\x8F\xBF\xBF";
    int any_actor = filter.actor.empty();
    soci::statement st =
        (sql.prepare << "SELECT id, at, actor, role, action, object, before_value, after_value "
                        "FROM audit_log WHERE (:any_actor = 1 OR actor = :actor) "
                        "AND action >= :a AND action < :a_end "
                        "AND object >= :o AND object < :o_end ORDER BY id DESC LIMIT :n",
         soci::use(any_actor), soci::use(filter.actor), soci::use(filter.action),
         soci::use(action_end), soci::use(filter.object), soci::use(object_end), soci::use(max),
         soci::into(e.id), soci::into(at), soci::into(e.actor), soci::into(e.role),
         soci::into(e.action), soci::into(e.object), soci::into(e.before_value),
         soci::into(e.after_value));
    st.execute();
    while (st.fetch()) {
      e.at = from_micros(at);
      entries.push_back(e);
    }
    return entries;
  });
}

}  // namespace kczg::store
