// Statements prepared once per pooled connection and executed again with new values.
// SOCI prepares a statement on every `sql <<`; on a signed-in page that was 38% of the
// time (docs/performance.md), so the queries every request runs are kept prepared.
// Private to src/store.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <typeindex>
#include <unordered_map>

namespace kczg::store {

// A query kept prepared. SOCI binds into()/use() by address, so a derived query owns the
// variables its statement is bound to and never moves (it lives behind a unique_ptr).
class PreparedQuery {
 public:
  virtual ~PreparedQuery() = default;
};

// The prepared queries of one pooled connection; only the thread holding that connection
// touches it.
class StatementCache {
 public:
  // The query of type Q on this connection, prepared on first use. Q derives from
  // PreparedQuery and binds and prepares in its constructor Q(soci::session&).
  template <typename Q>
  Q& get(soci::session& sql) {
    std::unique_ptr<PreparedQuery>& slot = m_queries[std::type_index(typeid(Q))];
    if (!slot) slot = std::make_unique<Q>(sql);
    return static_cast<Q&>(*slot);
  }
  // After a database error the statements may be unusable; they are prepared again.
  void clear() { m_queries.clear(); }

 private:
  std::unordered_map<std::type_index, std::unique_ptr<PreparedQuery>> m_queries;
};

// Reads the remaining rows so the statement is done: an SQLite statement left part-way
// through its rows keeps a read transaction open on its connection, which would pin an
// old snapshot for the connection's next transaction.
inline void finish(soci::statement& st) {
  while (st.fetch()) {
  }
}

}  // namespace kczg::store
