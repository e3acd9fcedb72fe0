// The Store over SOCI, shared by both backends; a Dialect carries their differences.
// Private to src/store.
#pragma once

#include <soci/soci.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "store/dialect.hpp"
#include "store/prepared.hpp"
#include "store/store.hpp"

namespace kczg::store {

class SociStore final : public Store {
 public:
  // Opens `connections` sessions. Throws soci::soci_error when the database cannot be
  // reached (open_store turns that into database_unavailable).
  SociStore(const Dialect& dialect, const std::string& connect, int connections);

  Result<int> migrate() override;

  Result<long long> create_campaign(const Campaign& campaign, const Actor& actor,
                                    Instant now) override;
  Result<StoredCampaign> campaign_by_year(int year) override;
  Result<StoredCampaign> campaign_by_id(long long id) override;
  Result<StoredCampaign> latest_campaign() override;
  Result<long long> latest_campaign_id() override;
  Result<void> ping() override;
  Result<void> set_list_target(long long campaign_id, std::string_view list, int size,
                               const Actor& actor, Instant now) override;
  Result<void> set_channel_quota(long long campaign_id, std::string_view list,
                                 std::string_view channel, int per_unit, const Actor& actor,
                                 Instant now) override;

  Result<std::vector<long long>> add_units(const std::vector<Unit>& units, const Actor& actor,
                                           Instant now) override;
  Result<std::vector<Unit>> units() override;
  Result<std::set<std::string>> unit_usccs() override;
  Result<Unit> unit(long long id) override;
  Result<long long> add_applicant(const Applicant& applicant, const Actor& actor,
                                  Instant now) override;

  Result<long long> create_application(const Application& application, const Actor& actor,
                                       Instant now) override;
  Result<Application> application(long long id) override;
  Result<std::vector<ApplicationSummary>> application_summaries(
      long long campaign_id, const ApplicationFilter& filter) override;
  Result<std::map<std::string, int>> count_by_state(long long campaign_id) override;
  Result<Application> save_draft(long long application_id, const Draft& draft, const Actor& actor,
                                 Instant now) override;
  Result<std::string> application_content(long long application_id) override;
  Result<std::vector<Attachment>> attachments(long long application_id) override;
  Result<void> put_attachment(long long application_id, const Attachment& attachment,
                              const Actor& actor, Instant now) override;
  Result<Application> submit(long long application_id, const Actor& actor, Instant now) override;
  Result<long long> file_objection(long long application_id, const ObjectionForm& form,
                                   const std::vector<ObjectionAttachment>& attachments,
                                   Instant now) override;
  Result<std::vector<Objection>> objections(long long campaign_id) override;
  Result<Objection> resolve_objection(long long objection_id, bool upheld,
                                      std::string_view resolution, const Actor& actor,
                                      const std::optional<OutboxMail>& notify,
                                      Instant now) override;
  Result<int> publish_lists(long long campaign_id, const std::vector<ListedEntry>& entries,
                            const Actor& actor, Instant now) override;
  Result<std::vector<Publication>> publications() override;
  Result<void> transition_all(std::span<const ApplicationMove> moves, const Actor& actor,
                              Instant now) override;
  Result<ApplicationState> transition(long long application_id, Action action, const Actor& actor,
                                      std::string_view reason, Instant now) override;
  Result<void> recommend(long long application_id, long long unit_id, const Actor& actor,
                         Instant now) override;
  Result<int> quota_used(long long campaign_id, long long unit_id, std::string_view list,
                         std::string_view field) override;

  Result<std::vector<AuditEntry>> audit_log() override;
  Result<std::vector<LibraryRecord>> library_records() override;
  Result<LibraryRecord> library_record(long long id) override;
  Result<LibraryRevision> library_revision() override;
  Result<std::vector<long long>> post_demands(const std::vector<Demand>& demands,
                                              const Actor& actor, Instant now) override;
  Result<Demand> demand(long long id) override;
  Result<std::vector<Demand>> demands(const DemandFilter& filter) override;
  Result<DemandRevision> demand_revision() override;
  Result<Demand> change_demand(long long id, std::string_view action, const DemandChange& change,
                               const Actor& actor, Instant now) override;
  Result<std::vector<ProposedDocking>> propose_dockings(
      const std::vector<DockingProposal>& proposals, const Actor& actor, Instant now) override;
  Result<Docking> docking(long long id) override;
  Result<std::vector<Docking>> dockings(const DockingFilter& filter) override;
  Result<Docking> change_docking(long long id, std::string_view action, const DockingChange& change,
                                 const std::vector<OutboxMail>& notify, const Actor& actor,
                                 Instant now) override;
  Result<std::vector<Account>> holder_accounts(long long id) override;
  Result<void> save_partner_profile(const PartnerProfile& profile, const Actor& actor,
                                    Instant now) override;
  Result<std::vector<PartnerProfile>> partner_profiles() override;
  Result<std::optional<PartnerProfile>> partner_profile(long long account_id) override;
  Result<std::vector<RecommendedDeal>> recommend_deals(const std::vector<DealProposal>& proposals,
                                                       const Actor& actor, Instant now) override;
  Result<std::vector<Deal>> deals(long long partner_id, long long listed_entry_id) override;
  Result<Deal> deal(long long id) override;
  Result<long long> create_event(const Event& event, const Actor& actor, Instant now) override;
  Result<Event> event(long long id) override;
  Result<std::vector<Event>> events() override;
  Result<std::vector<Invitation>> invite(const std::vector<Invitation>& invitations,
                                         const std::vector<OutboxMail>& notify, const Actor& actor,
                                         Instant now) override;
  Result<std::vector<Invitation>> invitations(long long event_id) override;
  Result<Invitation> change_invitation(long long id, std::string_view action,
                                       const InvitationChange& change, const Actor& actor,
                                       Instant now) override;
  Result<Deal> change_deal(long long id, std::string_view action, const DealChange& change,
                           const Actor& actor, Instant now) override;
  Result<LibraryRecord> save_holder_parts(long long id, const HolderParts& parts,
                                          const Actor& actor, Instant now) override;
  Result<std::vector<AuditEntry>> audit_page(const AuditFilter& filter, long long after_id,
                                             std::size_t limit) override;
  Result<std::vector<AuditEntry>> audit_search(const AuditFilter& filter,
                                               std::size_t limit) override;
  Result<void> set_phase_dates(long long campaign_id, PhaseKind kind,
                               std::optional<Instant> starts_at, std::optional<Instant> ends_at,
                               const Actor& actor, Instant now) override;

  Result<long long> create_account(const Account& account, const std::string& password_hash,
                                   const Actor& actor, Instant now) override;
  Result<Account> account(long long id) override;
  Result<Account> account_by_login(std::string_view login) override;
  Result<std::string> password_hash(long long account_id) override;
  Result<std::vector<Account>> accounts() override;
  Result<void> set_password(long long account_id, const std::string& password_hash,
                            const Actor& actor, Instant now) override;
  Result<void> create_session(const std::string& id_hash, long long account_id,
                              const std::string& csrf_token, Instant expires_at,
                              Instant now) override;
  Result<Session> session(const std::string& id_hash, Instant now) override;
  Result<void> delete_session(const std::string& id_hash) override;
  Result<void> create_api_token(const std::string& token_hash, long long account_id,
                                const std::string& name, const Actor& actor, Instant now) override;
  Result<Account> account_by_api_token(const std::string& token_hash) override;
  Result<void> create_link(const std::string& token_hash, std::string_view purpose,
                           long long account_id, Instant expires_at, Instant now) override;
  Result<long long> consume_link(const std::string& token_hash, std::string_view purpose,
                                 Instant now) override;
  Result<int> throttle_hit(const std::string& key, Instant now,
                           std::chrono::seconds window) override;
  Result<void> throttle_clear(const std::string& key) override;
  Result<void> throttle_forgive(const std::string& key) override;
  Result<void> enqueue_mail(const OutboxMail& mail, Instant now) override;
  Result<std::vector<OutboxMail>> outbox(std::size_t limit) override;

  Result<long long> appoint_review_body(long long campaign_id, const ReviewBody& body,
                                        const Actor& actor, Instant now) override;
  Result<std::optional<ReviewPlan>> review_plan(long long campaign_id,
                                                std::string_view body) override;
  Result<ReviewPlan> save_review_plan(long long campaign_id, const ReviewPlan& plan,
                                      const Actor& actor, Instant now) override;
  Result<ReviewPlan> act_on_review_plan(long long campaign_id, std::string_view body,
                                        PlanAction action, std::string_view reason,
                                        const Actor& actor, Instant now) override;
  Result<std::vector<long long>> add_experts(long long campaign_id, std::string_view body,
                                             const std::vector<Expert>& experts, const Actor& actor,
                                             Instant now) override;
  Result<std::vector<Expert>> experts(long long campaign_id, std::string_view body) override;
  Result<long long> declare_conflict(const DeclaredConflict& conflict, const Actor& actor,
                                     Instant now) override;
  Result<std::vector<DeclaredConflict>> declared_conflicts(long long campaign_id,
                                                           std::string_view body) override;
  Result<void> set_pair_rule(const PairRuleEntry& rule, const Actor& actor, Instant now) override;
  Result<std::vector<PairRuleEntry>> pair_rules(long long campaign_id,
                                                std::string_view body) override;
  Result<void> replace_assignments(long long campaign_id, std::string_view body,
                                   const std::vector<ReviewAssignment>& assignments,
                                   const Actor& actor, Instant now) override;
  Result<std::vector<ReviewAssignment>> assignments(long long campaign_id,
                                                    std::string_view body) override;
  Result<ReviewBodyRef> review_body_by_id(long long body_id) override;
  Result<ExpertRef> expert_by_id(long long expert_id) override;
  Result<std::vector<ReviewAssignment>> expert_assignments(long long expert_id) override;
  Result<ExpertSheet> save_sheet(const ExpertSheet& sheet, const Actor& actor,
                                 Instant now) override;
  Result<std::vector<ExpertSheet>> sheets(long long campaign_id, std::string_view body) override;
  Result<void> decline_assignment(const Decline& decline, const Actor& actor, Instant now) override;
  Result<long long> add_alias(long long campaign_id, std::string_view body,
                              const OrganisationAlias& alias, const Actor& actor,
                              Instant now) override;
  Result<std::vector<OrganisationAlias>> aliases(long long campaign_id,
                                                 std::string_view body) override;
  Result<int> add_listed_entries(const std::vector<ListedEntry>& entries, const Actor& actor,
                                 Instant now) override;
  Result<std::vector<ListedEntry>> listed_entries() override;
  Result<std::vector<EligibilityCheck>> eligibility_checks(long long application_id) override;
  Result<ApplicationState> decide_formal_check(const FormalCheckDecision& decision,
                                               const Actor& actor, Instant now) override;

 private:
  // Runs `body(session)` in a write transaction: committed when it returns a value,
  // rolled back when it returns an error or throws. SQL errors become database_failure.
  template <typename Body>
  auto write(Body&& body) -> decltype(body(std::declval<soci::session&>()));
  // Runs `body(session)` outside a transaction (single statements see committed data).
  template <typename Body>
  auto read(Body&& body) -> decltype(body(std::declval<soci::session&>()));

  // The prepared statements of the pooled session a read() or write() body was given: the
  // queries every request runs, and every statement of the draft autosave, are prepared once
  // per connection (docs/performance.md: preparing was a fifth of the deadline rush).
  StatementCache& statements(soci::session& sql);

  // Queues `mail` in the outbox, inside the transaction of what it tells of.
  void queue_mail(soci::session& sql, const OutboxMail& mail, Instant now);
  // Appends the audit row of a change, inside the change's transaction.
  void audit(soci::session& sql, const Actor& actor, std::string_view action,
             std::string_view object, const std::string& before, const std::string& after,
             Instant now);
  Result<Campaign> load_campaign(soci::session& sql, long long id);
  // One step of transition(), inside the caller's transaction.
  Result<ApplicationState> move_application(soci::session& sql, long long application_id,
                                            Action action, const Actor& actor,
                                            std::string_view reason, Instant now);
  Result<Account> load_account(soci::session& sql, const std::string& where,
                               const std::string& key);
  Result<Application> load_application(soci::session& sql, long long id);
  std::vector<Attachment> load_attachments(soci::session& sql, long long application_id);
  // The form's values as stored ("{}" when the row is gone).
  std::string load_content(soci::session& sql, long long application_id);
  Result<std::vector<std::string>> load_unit_channels(soci::session& sql, long long unit_id);
  Result<long long> load_body_id(soci::session& sql, long long campaign_id, std::string_view body);
  Result<std::optional<ReviewPlan>> load_plan(soci::session& sql, long long body_id,
                                              std::string_view body);
  // The eligibility check of exactly what is being submitted (stage "submission").
  EligibilityCheck check_submission(soci::session& sql, const Application& application,
                                    const std::string& content,
                                    const std::vector<Attachment>& attachments);
  // Records a check in the caller's transaction.
  void insert_eligibility_check(soci::session& sql, const EligibilityCheck& check);
  int count_recommendations(soci::session& sql, long long campaign_id, long long unit_id,
                            const std::string& list, const std::string& field);

  // A write waiting for a group transaction (SQLite, one writer at a time).
  struct QueuedWrite {
    std::function<bool(soci::session&)> run;  // in its own savepoint; true keeps its changes
    std::function<void(const Error&)> fail;   // the group did not commit
    bool threw = false;                       // run() met a database error
    bool done = false;
  };
  // Queues `mine`; the first writer to find no group committing commits everyone queued in
  // one transaction, each in its own savepoint. Returns when `mine` is committed or failed.
  void write_in_group(QueuedWrite& mine);
  void commit_group(const std::vector<QueuedWrite*>& group);
  // A transaction of its own: PostgreSQL, where writers run concurrently.
  template <typename Body>
  auto write_alone(Body&& body) -> decltype(body(std::declval<soci::session&>()));

  const Dialect& m_dialect;
  soci::connection_pool m_pool;
  std::vector<StatementCache> m_caches;  // one per pooled connection, by pool position
  std::mutex m_group_mutex;              // guards the three below
  std::condition_variable m_group_done;
  std::vector<QueuedWrite*> m_queue;
  bool m_committing = false;
};

Error database_failure(const std::exception& e);

// Appends earlier lists' entries, inside the caller's transaction.
void insert_listed_entries(soci::session& sql, const std::vector<ListedEntry>& entries,
                           Instant now);
// A campaign with only its phases, for the phase checks of transitions.
Campaign load_phases(soci::session& sql, StatementCache& statements, long long campaign_id);
// Moves an application's row from `from` to `to` unless someone else moved it first.
bool move_state(soci::session& sql, long long id, ApplicationState from, ApplicationState to,
                std::string_view reason, Instant now);
// {"state": …, "reason": …} for an application's audit row.
std::string state_json(ApplicationState state, std::string_view reason = {});

// A review body and its coverage, at `position` in its campaign's list (create_campaign,
// appoint_review_body).
long long insert_review_body(soci::session& sql, long long campaign_id, int position,
                             const ReviewBody& body);

// SOCI's long form, for statements whose into()/use() lists are built by a row binder
// (ApplicationRow, AccountRow): every exchange must come before this.
inline void prepare_exchanged(soci::statement& st, const std::string& query) {
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
}

// One pooled connection for the length of a read() or write(): its session is the one its
// prepared statements were bound to, so a body's statements outlive the call.
class PooledSession {
 public:
  explicit PooledSession(soci::connection_pool& pool) : m_pool(pool), m_position(pool.lease()) {}
  ~PooledSession() { m_pool.give_back(m_position); }
  PooledSession(const PooledSession&) = delete;
  PooledSession& operator=(const PooledSession&) = delete;

  soci::session& session() { return m_pool.at(m_position); }
  std::size_t position() const { return m_position; }

 private:
  soci::connection_pool& m_pool;
  std::size_t m_position;
};

// SQLite has one writer, so concurrent writes are grouped rather than queued on a lock:
// during a deadline night's autosaves, one BEGIN, one COMMIT and one fsync serve every
// write that arrived while the previous group committed (docs/performance.md). Each write
// keeps its own atomicity through a savepoint, and is acknowledged only after the COMMIT.
template <typename Body>
auto SociStore::write(Body&& body) -> decltype(body(std::declval<soci::session&>())) {
  using R = decltype(body(std::declval<soci::session&>()));
  if (!m_dialect.serialize_writers) return write_alone(body);
  std::optional<R> result;
  QueuedWrite mine;
  mine.run = [&](soci::session& sql) {
    try {
      result.emplace(body(sql));
    } catch (const std::exception& e) {
      mine.threw = true;
      result.emplace(std::unexpected(database_failure(e)));
    }
    return result->has_value();
  };
  mine.fail = [&](const Error& error) { result.emplace(std::unexpected(error)); };
  write_in_group(mine);
  return std::move(*result);
}

template <typename Body>
auto SociStore::write_alone(Body&& body) -> decltype(body(std::declval<soci::session&>())) {
  PooledSession pooled(m_pool);
  soci::session& sql = pooled.session();
  try {
    sql << m_dialect.begin_write;
    try {
      auto result = body(sql);
      sql << (result ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
        // The connection is gone; the server rolls the transaction back itself.
      }
      throw;
    }
  } catch (const std::exception& e) {
    // After a database error the statements may be unusable; they are prepared again.
    m_caches[pooled.position()].clear();
    return std::unexpected(database_failure(e));
  }
}

template <typename Body>
auto SociStore::read(Body&& body) -> decltype(body(std::declval<soci::session&>())) {
  PooledSession pooled(m_pool);
  try {
    return body(pooled.session());
  } catch (const std::exception& e) {
    m_caches[pooled.position()].clear();
    return std::unexpected(database_failure(e));
  }
}

}  // namespace kczg::store
