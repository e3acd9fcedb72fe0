// Accounts, sessions, API tokens and one-use links.
#include "store/json_codec.hpp"
#include "store/soci_store.hpp"

namespace kczg::store {
namespace {

constexpr const char* k_account_columns =
    "id, login, role, display_name, status, applicant_id, unit_id, review_body_id, expert_id, "
    "created_at, region";
// The same columns from an accounts table aliased "a", for joins.
constexpr const char* k_account_columns_a =
    "a.id, a.login, a.role, a.display_name, a.status, a.applicant_id, a.unit_id, "
    "a.review_body_id, a.expert_id, a.created_at, a.region";

// Binds an accounts row through plain locals.
struct AccountRow {
  Account a;
  std::string role, status;
  long long applicant_id = 0, unit_id = 0, body_id = 0, expert_id = 0, created = 0;
  soci::indicator applicant_ind = soci::i_ok, unit_ind = soci::i_ok, body_ind = soci::i_ok,
                  expert_ind = soci::i_ok;

  void bind(soci::statement& st) {
    st.exchange(soci::into(a.id));
    st.exchange(soci::into(a.login));
    st.exchange(soci::into(role));
    st.exchange(soci::into(a.display_name));
    st.exchange(soci::into(status));
    st.exchange(soci::into(applicant_id, applicant_ind));
    st.exchange(soci::into(unit_id, unit_ind));
    st.exchange(soci::into(body_id, body_ind));
    st.exchange(soci::into(expert_id, expert_ind));
    st.exchange(soci::into(created));
    st.exchange(soci::into(a.region));
  }
  Account value() const {
    Account out = a;
    out.role = role_from_name(role).value_or(Role::visitor);
    out.status = account_status_from_name(status).value_or(AccountStatus::disabled);
    out.applicant_id = applicant_ind == soci::i_ok ? applicant_id : 0;
    out.unit_id = unit_ind == soci::i_ok ? unit_id : 0;
    out.review_body_id = body_ind == soci::i_ok ? body_id : 0;
    out.expert_id = expert_ind == soci::i_ok ? expert_id : 0;
    out.created_at = from_micros(created);
    return out;
  }
};

}  // namespace

Result<Account> SociStore::load_account(soci::session& sql, const std::string& where,
                                        const std::string& key) {
  AccountRow row;
  soci::statement st(sql);
  row.bind(st);
  st.exchange(soci::use(key));
  prepare_exchanged(st,
                    std::string("SELECT ") + k_account_columns + " FROM accounts WHERE " + where);
  st.execute();
  if (!st.fetch()) return fail(make_error(ErrorCode::account_not_found, "account", key));
  return row.value();
}

Result<long long> SociStore::create_account(const Account& a, const std::string& password_hash,
                                            const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM accounts WHERE login = :l", soci::use(a.login), soci::into(exists);
    if (exists) return fail(make_error(ErrorCode::account_exists, "login", a.login));
    long long id = 0, created = to_micros(now), applicant_id = a.applicant_id, unit_id = a.unit_id,
              body_id = a.review_body_id, expert_id = a.expert_id;
    // 0 means "none", stored as NULL so the foreign keys hold.
    auto link = [](long long v) { return v ? soci::i_ok : soci::i_null; };
    soci::indicator applicant_ind = link(applicant_id), unit_ind = link(unit_id),
                    body_ind = link(body_id), expert_ind = link(expert_id);
    std::string role(role_name(a.role)), status(account_status_name(a.status));
    sql << "INSERT INTO accounts (login, role, display_name, status, password_hash, applicant_id, "
           "unit_id, review_body_id, expert_id, created_at, region) "
           "VALUES (:l, :r, :d, :s, :p, :a, :u, :b, :e, :t, :g) RETURNING id",
        soci::use(a.login), soci::use(role), soci::use(a.display_name), soci::use(status),
        soci::use(password_hash), soci::use(applicant_id, applicant_ind),
        soci::use(unit_id, unit_ind), soci::use(body_id, body_ind),
        soci::use(expert_id, expert_ind), soci::use(created), soci::use(a.region), soci::into(id);
    audit(sql, actor, "account.create", "account:" + std::to_string(id), "{}",
          object_to_json(
              {{"login", a.login}, {"role", role}, {"status", status}, {"region", a.region}}),
          now);
    return id;
  });
}

Result<Account> SociStore::account(long long id) {
  return read([&](soci::session& sql) -> Result<Account> {
    return load_account(sql, "id = :k", std::to_string(id));
  });
}

Result<Account> SociStore::account_by_login(std::string_view login) {
  return read(
      [&](soci::session& sql) { return load_account(sql, "login = :k", std::string(login)); });
}

Result<std::string> SociStore::password_hash(long long account_id) {
  return read([&](soci::session& sql) -> Result<std::string> {
    std::string hash;
    sql << "SELECT password_hash FROM accounts WHERE id = :id", soci::use(account_id),
        soci::into(hash);
    if (!sql.got_data()) {
      return fail(make_error(ErrorCode::account_not_found, "account", std::to_string(account_id)));
    }
    return hash;
  });
}

Result<std::vector<Account>> SociStore::accounts() {
  return read([&](soci::session& sql) -> Result<std::vector<Account>> {
    std::vector<Account> out;
    AccountRow row;
    soci::statement st(sql);
    row.bind(st);
    prepare_exchanged(st,
                      std::string("SELECT ") + k_account_columns + " FROM accounts ORDER BY id");
    st.execute();
    while (st.fetch()) out.push_back(row.value());
    return out;
  });
}

Result<void> SociStore::set_password(long long account_id, const std::string& hash,
                                     const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    std::string active(account_status_name(AccountStatus::active));
    soci::statement st = (sql.prepare << "UPDATE accounts SET password_hash = :p, status = :s "
                                         "WHERE id = :id",
                          soci::use(hash), soci::use(active), soci::use(account_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return fail(make_error(ErrorCode::account_not_found, "account", std::to_string(account_id)));
    }
    // A new password ends every session opened with the old one.
    sql << "DELETE FROM sessions WHERE account_id = :id", soci::use(account_id);
    audit(sql, actor, "account.set_password", "account:" + std::to_string(account_id), "{}",
          object_to_json({{"status", active}}), now);
    return {};
  });
}

Result<void> SociStore::create_session(const std::string& id_hash, long long account_id,
                                       const std::string& csrf_token, Instant expires_at,
                                       Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    long long created = to_micros(now), expires = to_micros(expires_at);
    sql << "INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) "
           "VALUES (:h, :a, :c, :t, :e)",
        soci::use(id_hash), soci::use(account_id), soci::use(csrf_token), soci::use(created),
        soci::use(expires);
    return {};
  });
}

namespace {

// A session with its account, by the hash of the session id: every signed-in request.
struct SessionQuery : PreparedQuery {
  std::string id_hash;
  AccountRow row;
  std::string csrf;
  long long expires = 0;
  soci::statement st;

  explicit SessionQuery(soci::session& sql) : st(sql) {
    st.exchange(soci::into(csrf));
    st.exchange(soci::into(expires));
    row.bind(st);
    st.exchange(soci::use(id_hash));
    prepare_exchanged(st, std::string("SELECT s.csrf_token, s.expires_at, ") + k_account_columns_a +
                              " FROM sessions s JOIN accounts a ON a.id = s.account_id "
                              "WHERE s.id_hash = :h");
  }
};

}  // namespace

Result<Session> SociStore::session(const std::string& id_hash, Instant now) {
  return read([&](soci::session& sql) -> Result<Session> {
    SessionQuery& q = statements(sql).get<SessionQuery>(sql);
    q.id_hash = id_hash;
    q.st.execute();
    bool found = q.st.fetch();
    finish(q.st);
    if (!found || from_micros(q.expires) <= now) return fail(make_error(ErrorCode::not_signed_in));
    Account account = q.row.value();
    if (account.status != AccountStatus::active) return fail(make_error(ErrorCode::not_signed_in));
    return Session{std::move(account), q.csrf, from_micros(q.expires)};
  });
}

Result<void> SociStore::delete_session(const std::string& id_hash) {
  return write([&](soci::session& sql) -> Result<void> {
    sql << "DELETE FROM sessions WHERE id_hash = :h", soci::use(id_hash);
    return {};
  });
}

Result<void> SociStore::create_api_token(const std::string& token_hash, long long account_id,
                                         const std::string& name, const Actor& actor, Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    long long created = to_micros(now);
    sql << "INSERT INTO api_tokens (token_hash, account_id, name, created_at) "
           "VALUES (:h, :a, :n, :t)",
        soci::use(token_hash), soci::use(account_id), soci::use(name), soci::use(created);
    audit(sql, actor, "account.create_api_token", "account:" + std::to_string(account_id), "{}",
          object_to_json({{"name", name}}), now);
    return {};
  });
}

Result<Account> SociStore::account_by_api_token(const std::string& token_hash) {
  return read([&](soci::session& sql) -> Result<Account> {
    auto account = load_account(
        sql, "id = (SELECT account_id FROM api_tokens WHERE token_hash = :k)", token_hash);
    if (!account || account->status != AccountStatus::active) {
      return fail(make_error(ErrorCode::not_signed_in));
    }
    return account;
  });
}

Result<void> SociStore::create_link(const std::string& token_hash, std::string_view purpose,
                                    long long account_id, Instant expires_at, Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    long long created = to_micros(now), expires = to_micros(expires_at);
    std::string what(purpose);
    sql << "INSERT INTO links (token_hash, purpose, account_id, expires_at, created_at) "
           "VALUES (:h, :p, :a, :e, :t)",
        soci::use(token_hash), soci::use(what), soci::use(account_id), soci::use(expires),
        soci::use(created);
    return {};
  });
}

Result<long long> SociStore::consume_link(const std::string& token_hash, std::string_view purpose,
                                          Instant now) {
  return write([&](soci::session& sql) -> Result<long long> {
    long long account_id = 0, at = to_micros(now);
    std::string what(purpose);
    sql << "SELECT account_id FROM links WHERE token_hash = :h AND purpose = :p "
           "AND used_at IS NULL AND expires_at > :t",
        soci::use(token_hash), soci::use(what), soci::use(at), soci::into(account_id);
    if (!sql.got_data()) return fail(make_error(ErrorCode::token_invalid));
    sql << "UPDATE links SET used_at = :t WHERE token_hash = :h", soci::use(at),
        soci::use(token_hash);
    return account_id;
  });
}

Result<int> SociStore::throttle_hit(const std::string& key, Instant now,
                                    std::chrono::seconds window) {
  return write([&](soci::session& sql) -> Result<int> {
    long long at = to_micros(now);
    long long window_start_min =
        at - std::chrono::duration_cast<std::chrono::microseconds>(window).count();
    // A fixed window per key: restart it when it has run out, else count one more.
    sql << "INSERT INTO throttle (key, window_start, hits) VALUES (:k, :t, 0) "
           "ON CONFLICT (key) DO NOTHING",
        soci::use(key), soci::use(at);
    sql << "UPDATE throttle SET hits = CASE WHEN window_start <= :min THEN 1 ELSE hits + 1 END, "
           "window_start = CASE WHEN window_start <= :min2 THEN :t ELSE window_start END "
           "WHERE key = :k",
        soci::use(window_start_min), soci::use(window_start_min), soci::use(at), soci::use(key);
    int hits = 0;
    sql << "SELECT hits FROM throttle WHERE key = :k", soci::use(key), soci::into(hits);
    return hits;
  });
}

Result<void> SociStore::throttle_clear(const std::string& key) {
  return write([&](soci::session& sql) -> Result<void> {
    sql << "DELETE FROM throttle WHERE key = :k", soci::use(key);
    return {};
  });
}

Result<void> SociStore::throttle_forgive(const std::string& key) {
  return write([&](soci::session& sql) -> Result<void> {
    sql << "UPDATE throttle SET hits = hits - 1 WHERE key = :k AND hits > 0", soci::use(key);
    return {};
  });
}

Result<void> SociStore::enqueue_mail(const OutboxMail& mail, Instant now) {
  return write([&](soci::session& sql) -> Result<void> {
    queue_mail(sql, mail, now);
    return {};
  });
}

Result<std::vector<OutboxMail>> SociStore::outbox(std::size_t limit) {
  return read([&](soci::session& sql) -> Result<std::vector<OutboxMail>> {
    std::vector<OutboxMail> out;
    OutboxMail m;
    long long created = 0;
    int max = int(limit);
    soci::statement st = (sql.prepare << "SELECT id, to_address, subject, body, created_at "
                                         "FROM outbox ORDER BY id DESC LIMIT :n",
                          soci::use(max), soci::into(m.id), soci::into(m.to), soci::into(m.subject),
                          soci::into(m.body), soci::into(created));
    st.execute();
    while (st.fetch()) {
      m.created_at = from_micros(created);
      out.push_back(m);
    }
    return out;
  });
}

}  // namespace kczg::store
