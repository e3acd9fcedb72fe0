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

StatementCache& SociStore::statements(soci::session& sql) {
  for (std::size_t i = 0; i < m_caches.size(); ++i) {
    if (&m_pool.at(i) == &sql) return m_caches[i];
  }
  throw std::logic_error("statements(): not a pooled session");
}

namespace {

// The savepoint around each write of a group, kept prepared: a group runs them per write.
struct SavepointQueries : PreparedQuery {
  soci::statement open, release, undo;

  explicit SavepointQueries(soci::session& sql)
      : open((sql.prepare << "SAVEPOINT one_write")),
        release((sql.prepare << "RELEASE one_write")),
        undo((sql.prepare << "ROLLBACK TO one_write")) {}
};

}  // namespace

void SociStore::write_in_group(QueuedWrite& mine) {
  std::unique_lock<std::mutex> lock(m_group_mutex);
  m_queue.push_back(&mine);
  while (!mine.done) {
    if (m_committing) {
      m_group_done.wait(lock);
      continue;
    }
    m_committing = true;
    std::vector<QueuedWrite*> group;
    group.swap(m_queue);
    lock.unlock();
    commit_group(group);
    lock.lock();
    for (QueuedWrite* w : group) w->done = true;
    m_committing = false;
    m_group_done.notify_all();
  }
}

void SociStore::commit_group(const std::vector<QueuedWrite*>& group) {
  PooledSession pooled(m_pool);
  soci::session& sql = pooled.session();
  try {
    sql << m_dialect.begin_write;
    for (QueuedWrite* w : group) {
      // Looked up per write: a write that meets a database error clears the cache below.
      SavepointQueries& savepoint = statements(sql).get<SavepointQueries>(sql);
      savepoint.open.execute(true);
      if (!w->run(sql)) savepoint.undo.execute(true);
      savepoint.release.execute(true);
      // As after any database error, the connection's statements are prepared again.
      if (w->threw) statements(sql).clear();
    }
    sql << "COMMIT";
  } catch (const std::exception& e) {
    try {
      sql << "ROLLBACK";
    } catch (...) {
      // The connection is gone; the database rolls the transaction back itself.
    }
    m_caches[pooled.position()].clear();
    // Nothing of the group was committed, whatever each write answered inside it.
    Error failure = database_failure(e);
    for (QueuedWrite* w : group) w->fail(failure);
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

namespace {

// Every change appends one audit row.
struct AuditQuery : PreparedQuery {
  long long at = 0;
  std::string actor, role, action, object, before, after;
  soci::statement st;

  explicit AuditQuery(soci::session& sql)
      : st((sql.prepare << "INSERT INTO audit_log (at, actor, role, action, object, before_value, "
                           "after_value) VALUES (:at, :actor, :role, :action, :object, :before, "
                           ":after)",
            soci::use(at), soci::use(actor), soci::use(role), soci::use(action), soci::use(object),
            soci::use(before), soci::use(after))) {}
};

}  // namespace

void SociStore::audit(soci::session& sql, const Actor& actor, std::string_view action,
                      std::string_view object, const std::string& before, const std::string& after,
                      Instant now) {
  AuditQuery& q = statements(sql).get<AuditQuery>(sql);
  q.at = to_micros(now);
  q.actor = actor.name;
  q.role = role_name(actor.role);
  q.action = action;
  q.object = object;
  q.before = before;
  q.after = after;
  q.st.execute(true);
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

namespace {

// The filter's entries with an id above `after_id`, newest or oldest first, at most `limit`.
std::vector<AuditEntry> select_audit(soci::session& sql, const AuditFilter& filter,
                                     long long after_id, bool oldest_first, std::size_t limit) {
  std::vector<AuditEntry> entries;
  AuditEntry e;
  long long at = 0;
  int max = int(std::min<std::size_t>(limit, std::numeric_limits<int>::max()));
  // Prefix matches by range, so they need no LIKE escaping and can use an index.
  std::string action_end = filter.action + "\xF4\x8F\xBF\xBF";
  std::string object_end = filter.object + "\xF4\x8F\xBF\xBF";
  int any_actor = filter.actor.empty();
  std::string query = std::string(
                          "SELECT id, at, actor, role, action, object, before_value, after_value "
                          "FROM audit_log WHERE id > :after AND (:any_actor = 1 OR actor = :actor) "
                          "AND action >= :a AND action < :a_end "
                          "AND object >= :o AND object < :o_end ORDER BY id ") +
                      (oldest_first ? "ASC" : "DESC") + " LIMIT :n";
  soci::statement st =
      (sql.prepare << query, soci::use(after_id), soci::use(any_actor), soci::use(filter.actor),
       soci::use(filter.action), soci::use(action_end), soci::use(filter.object),
       soci::use(object_end), soci::use(max), soci::into(e.id), soci::into(at), soci::into(e.actor),
       soci::into(e.role), soci::into(e.action), soci::into(e.object), soci::into(e.before_value),
       soci::into(e.after_value));
  st.execute();
  while (st.fetch()) {
    e.at = from_micros(at);
    entries.push_back(e);
  }
  return entries;
}

}  // namespace

Result<std::vector<AuditEntry>> SociStore::audit_search(const AuditFilter& filter,
                                                        std::size_t limit) {
  return read([&](soci::session& sql) -> Result<std::vector<AuditEntry>> {
    return select_audit(sql, filter, 0, false, limit);
  });
}

Result<std::vector<AuditEntry>> SociStore::audit_page(const AuditFilter& filter, long long after_id,
                                                      std::size_t limit) {
  return read([&](soci::session& sql) -> Result<std::vector<AuditEntry>> {
    return select_audit(sql, filter, after_id, true, limit);
  });
}

}  // namespace kczg::store
