// The store: kczg's one persistence boundary, with SQLite and PostgreSQL behind it.
//
// Every method returns a value or an Error; SQL errors are translated at this boundary
// (database_unavailable, database_failure) and never escape as exceptions. Every state
// change writes its audit row in the same transaction as the change itself, and commits
// durably (SQLite: WAL with synchronous=FULL) before returning success.
//
// Thread-safe: one Store may be used from many threads; several Stores (processes or
// servers) may share one database. Quotas hold across all of them.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "domain/application.hpp"
#include "domain/campaign.hpp"
#include "domain/eligibility.hpp"
#include "domain/expert.hpp"
#include "domain/library.hpp"
#include "domain/listed_entry.hpp"
#include "domain/objection.hpp"
#include "domain/review_assignment.hpp"
#include "domain/review_plan.hpp"
#include "domain/unit.hpp"
#include "store/matching_store.hpp"

namespace kczg {

struct StoredCampaign {
  long long id = 0;
  Campaign campaign;
};

struct AuditEntry {
  long long id = 0;
  Instant at{};
  std::string actor;
  std::string role;
  std::string action;
  std::string object;        // e.g. "application:12"
  std::string before_value;  // JSON; "{}" when the object is new
  std::string after_value;   // JSON
};

struct ApplicationFilter {
  long long applicant_id = 0;  // 0: any
  long long unit_id = 0;       // 0: any
};

// See Store::library_revision.
struct LibraryRevision {
  long long entries = 0, last_entry = 0;    // listed entries: count and highest id
  long long profiles = 0, last_update = 0;  // holders' parts: count and latest change (µs)

  bool operator==(const LibraryRevision&) const = default;
};

struct AuditFilter {
  std::string actor;   // exact
  std::string action;  // prefix, e.g. "application."
  std::string object;  // prefix, e.g. "application:12"
};

// A review body as an account reaches it, and an expert with the body they serve.
struct ReviewBodyRef {
  long long campaign_id = 0;
  long long id = 0;
  std::string name;
};

struct ExpertRef {
  ReviewBodyRef body;
  Expert expert;
};

// One application's steps through the state machine, for Store::transition_all.
struct ApplicationMove {
  long long application_id = 0;
  std::vector<Action> actions;  // taken in order
  std::string reason;           // given with each action
};

// A campaign's lists as published (发布).
struct Publication {
  long long campaign_id = 0;
  int year = 0;
  Instant published_at{};
  std::string published_by;
  int entries = 0;
};

class Store : public MatchingStore {
 public:
  ~Store() override = default;

  // Applies every pending schema migration; safe to run again and from several
  // processes at once. Returns the schema version now in force.
  virtual Result<int> migrate() = 0;

  // Stores a campaign with everything in it. Error campaign_exists {year}.
  virtual Result<long long> create_campaign(const Campaign& campaign, const Actor& actor,
                                            Instant now) = 0;
  // Error campaign_not_found {campaign}.
  virtual Result<StoredCampaign> campaign_by_year(int year) = 0;
  virtual Result<StoredCampaign> campaign_by_id(long long id) = 0;
  // The campaign with the latest year. Error campaign_not_found when there is none.
  virtual Result<StoredCampaign> latest_campaign() = 0;
  // Its id alone: one indexed read, for pages that need no more.
  virtual Result<long long> latest_campaign_id() = 0;
  // One round trip to the database, for /healthz. Error database_failure.
  virtual Result<void> ping() = 0;

  // The secretariat's edits of a stored campaign. Errors list_unknown, channel_unknown,
  // value_out_of_range for a negative number.
  virtual Result<void> set_list_target(long long campaign_id, std::string_view list, int size,
                                       const Actor& actor, Instant now) = 0;
  virtual Result<void> set_channel_quota(long long campaign_id, std::string_view list,
                                         std::string_view channel, int per_unit, const Actor& actor,
                                         Instant now) = 0;

  // Adds all units or none. REQUIRES: units checked by check_unit_rows.
  // Returns the new ids in order.
  virtual Result<std::vector<long long>> add_units(const std::vector<Unit>& units,
                                                   const Actor& actor, Instant now) = 0;
  virtual Result<std::vector<Unit>> units() = 0;
  virtual Result<std::set<std::string>> unit_usccs() = 0;
  // Error unit_not_found {unit}.
  virtual Result<Unit> unit(long long id) = 0;

  virtual Result<long long> add_applicant(const Applicant& applicant, const Actor& actor,
                                          Instant now) = 0;

  // Stores a draft. Errors list_unknown, field_required, field_unknown,
  // unit_not_found. REQUIRES: application.state == draft.
  virtual Result<long long> create_application(const Application& application, const Actor& actor,
                                               Instant now) = 0;
  // Error application_not_found {application}.
  virtual Result<Application> application(long long id) = 0;
  // The campaign's applications, or only those of one applicant or naming one unit.
  virtual Result<std::vector<ApplicationSummary>> application_summaries(
      long long campaign_id, const ApplicationFilter& filter = {}) = 0;
  virtual Result<std::map<std::string, int>> count_by_state(long long campaign_id) = 0;

  // The applicant's edits of a draft or returned application. A save that changes nothing
  // writes nothing (autosave runs every few seconds). Errors application_not_found,
  // application_locked {application, state}, field_unknown, field_required,
  // unit_not_found. Ownership is the caller's check.
  virtual Result<Application> save_draft(long long application_id, const Draft& draft,
                                         const Actor& actor, Instant now) = 0;
  // The form's values as stored: a JSON object.
  virtual Result<std::string> application_content(long long application_id) = 0;
  virtual Result<std::vector<Attachment>> attachments(long long application_id) = 0;
  // Adds the attachment, replacing the one of the same kind. Same states as save_draft.
  virtual Result<void> put_attachment(long long application_id, const Attachment& attachment,
                                      const Actor& actor, Instant now) = 0;
  // Submits a draft (or resubmits a returned application) in the workflow phase open at
  // `now`, recording the SHA-256 of submission_text() in the same transaction: the
  // receipt's digest is of exactly what was submitted. Errors those of apply_action.
  virtual Result<Application> submit(long long application_id, const Actor& actor, Instant now) = 0;

  // Moves an application by the state machine, in the workflow phase open at `now`.
  // recommend goes through recommend(), which also checks the quota, and submit and
  // resubmit through submit(), which records the digest.
  // Errors: those of apply_action, application_not_found.
  virtual Result<ApplicationState> transition(long long application_id, Action action,
                                              const Actor& actor, std::string_view reason,
                                              Instant now) = 0;

  // An objection from the public to a listed application, while its campaign's public
  // notice is open at `now`: application_not_found for anything not on the notice,
  // objection_closed outside it. Audited without the objector's identity.
  virtual Result<long long> file_objection(long long application_id, const ObjectionForm& form,
                                           const std::vector<ObjectionAttachment>& attachments,
                                           Instant now) = 0;
  // A campaign's objections, oldest first.
  virtual Result<std::vector<Objection>> objections(long long campaign_id) = 0;
  // The secretariat resolves a filed objection with a reason, in one transaction: upheld
  // takes the entry off the list (Action::remove_listed, public notice phase), and `notify`
  // (the objector's notice of the outcome) is queued with it. Errors objection_not_found,
  // objection_resolved {state}, transition_role, transition_reason_missing and the state
  // machine's.
  virtual Result<Objection> resolve_objection(long long objection_id, bool upheld,
                                              std::string_view resolution, const Actor& actor,
                                              const std::optional<OutboxMail>& notify,
                                              Instant now) = 0;

  // Publication (发布) makes the campaign's lists final, once, in one transaction: `entries`
  // (what was listed) join the earlier lists the next formal check compares with, and the
  // campaign is stamped published. Only the secretariat, in the publication phase, with no
  // objection left unresolved. Errors transition_role, transition_phase {action: publish},
  // campaign_published {year}, objections_unresolved {count}. Returns the entries added.
  virtual Result<int> publish_lists(long long campaign_id, const std::vector<ListedEntry>& entries,
                                    const Actor& actor, Instant now) = 0;
  // Every campaign whose lists are published, the latest year first.
  virtual Result<std::vector<Publication>> publications() = 0;

  // Moves each application by its actions, in order, all in one transaction: every move
  // or none (a body reports its shortlist, the secretariat applies the final proposal).
  // Errors: the first failing step's, as transition() gives them.
  virtual Result<void> transition_all(std::span<const ApplicationMove> moves, const Actor& actor,
                                      Instant now) = 0;

  // The unit recommends the application that names it, counted against its quota for
  // the application's list (and field) in one transaction that cannot overshoot,
  // whatever the number of threads, processes or servers. Errors: those of
  // apply_action, application_wrong_unit, quota_exhausted, quota_none.
  virtual Result<void> recommend(long long application_id, long long unit_id, const Actor& actor,
                                 Instant now) = 0;
  // Recommendations counted against the unit's quota (withdrawn ones free their place).
  virtual Result<int> quota_used(long long campaign_id, long long unit_id, std::string_view list,
                                 std::string_view field) = 0;

  // The whole audit log, oldest first.
  virtual Result<std::vector<AuditEntry>> audit_log() = 0;
  // The newest `limit` entries matching the filter (empty fields match all), newest first.
  virtual Result<std::vector<AuditEntry>> audit_search(const AuditFilter& filter,
                                                       std::size_t limit) = 0;
  // The oldest `limit` entries matching the filter with an id above `after_id`, oldest
  // first: the whole log page by page, for exports too large to hold at once.
  virtual Result<std::vector<AuditEntry>> audit_page(const AuditFilter& filter, long long after_id,
                                                     std::size_t limit) = 0;

  // The secretariat opens, closes or reschedules a phase. Error value_out_of_range when
  // starts_at is not before ends_at.
  virtual Result<void> set_phase_dates(long long campaign_id, PhaseKind kind,
                                       std::optional<Instant> starts_at,
                                       std::optional<Instant> ends_at, const Actor& actor,
                                       Instant now) = 0;

  // Accounts. `password_hash` is "" for an invited account. Error account_exists.
  virtual Result<long long> create_account(const Account& account, const std::string& password_hash,
                                           const Actor& actor, Instant now) = 0;
  virtual Result<Account> account(long long id) = 0;
  // Error account_not_found {account}.
  virtual Result<Account> account_by_login(std::string_view login) = 0;
  virtual Result<std::string> password_hash(long long account_id) = 0;
  virtual Result<std::vector<Account>> accounts() = 0;
  // Sets the password and activates the account.
  virtual Result<void> set_password(long long account_id, const std::string& password_hash,
                                    const Actor& actor, Instant now) = 0;

  // Sessions, keyed by a hash of the cookie's random id so a read of the table gives no
  // usable session. A session lookup returns not_signed_in when unknown or expired.
  virtual Result<void> create_session(const std::string& id_hash, long long account_id,
                                      const std::string& csrf_token, Instant expires_at,
                                      Instant now) = 0;
  virtual Result<Session> session(const std::string& id_hash, Instant now) = 0;
  virtual Result<void> delete_session(const std::string& id_hash) = 0;

  // API tokens for scripts, also stored as hashes.
  virtual Result<void> create_api_token(const std::string& token_hash, long long account_id,
                                        const std::string& name, const Actor& actor,
                                        Instant now) = 0;
  virtual Result<Account> account_by_api_token(const std::string& token_hash) = 0;

  // One-use links (invitation, password reset) by purpose. consume_link returns the
  // account and marks the link used, once; error token_invalid otherwise.
  virtual Result<void> create_link(const std::string& token_hash, std::string_view purpose,
                                   long long account_id, Instant expires_at, Instant now) = 0;
  virtual Result<long long> consume_link(const std::string& token_hash, std::string_view purpose,
                                         Instant now) = 0;

  // Counts one attempt under `key` in the current window; returns how many attempts the
  // window holds now (including this one). Shared by every server on the database.
  virtual Result<int> throttle_hit(const std::string& key, Instant now,
                                   std::chrono::seconds window) = 0;
  virtual Result<void> throttle_clear(const std::string& key) = 0;
  // Takes back one attempt counted under `key` (never below zero): a successful sign-in
  // does not count against its address, which many people may share behind a proxy.
  virtual Result<void> throttle_forgive(const std::string& key) = 0;

  virtual Result<void> enqueue_mail(const OutboxMail& mail, Instant now) = 0;
  virtual Result<std::vector<OutboxMail>> outbox(std::size_t limit) = 0;

  // Preliminary review. A review body is named within its campaign; every method below
  // refuses a name the campaign does not have with review_body_unknown {body}.
  //
  // The secretariat appoints a review body to lists or fields of a campaign (several
  // bodies may share a field; one final panel each): the body's id. Errors
  // review_body_exists {body}, list_unknown, field_unknown, final_panel_overlap.
  virtual Result<long long> appoint_review_body(long long campaign_id, const ReviewBody& body,
                                                const Actor& actor, Instant now) = 0;
  // The body's plan; nullopt before its admin first saves one.
  virtual Result<std::optional<ReviewPlan>> review_plan(long long campaign_id,
                                                        std::string_view body) = 0;
  // Saves the plan's content (not its state) while the body may edit it: plan_locked
  // {state} otherwise. Creates it as a draft the first time.
  virtual Result<ReviewPlan> save_review_plan(long long campaign_id, const ReviewPlan& plan,
                                              const Actor& actor, Instant now) = 0;
  // Files, approves or returns the plan: apply_plan_action, refused with its first error.
  virtual Result<ReviewPlan> act_on_review_plan(long long campaign_id, std::string_view body,
                                                PlanAction action, std::string_view reason,
                                                const Actor& actor, Instant now) = 0;
  // The body's expert pool. Experts are checked by check_expert_rows first; an e-mail
  // already in the pool is import_exists {row, column, value} (row counted from 2).
  virtual Result<std::vector<long long>> add_experts(long long campaign_id, std::string_view body,
                                                     const std::vector<Expert>& experts,
                                                     const Actor& actor, Instant now) = 0;
  virtual Result<std::vector<Expert>> experts(long long campaign_id, std::string_view body) = 0;
  // What an expert declares (expert_not_found {expert}); check_declared_conflict first.
  virtual Result<long long> declare_conflict(const DeclaredConflict& conflict, const Actor& actor,
                                             Instant now) = 0;
  virtual Result<std::vector<DeclaredConflict>> declared_conflicts(long long campaign_id,
                                                                   std::string_view body) = 0;
  // The body admin forces or forbids a pair (replacing an earlier rule for it).
  virtual Result<void> set_pair_rule(const PairRuleEntry& rule, const Actor& actor,
                                     Instant now) = 0;
  virtual Result<std::vector<PairRuleEntry>> pair_rules(long long campaign_id,
                                                        std::string_view body) = 0;
  // Replaces the body's current assignment (its `assigned` rows) with `assignments`;
  // declined rows stay, so that no run hands a declined application back. Pairs kept keep
  // their ids and sheets; dropping a pair its expert has a sheet for is assignment_scored
  // {expert, application}, and nothing changes.
  virtual Result<void> replace_assignments(long long campaign_id, std::string_view body,
                                           const std::vector<ReviewAssignment>& assignments,
                                           const Actor& actor, Instant now) = 0;
  virtual Result<std::vector<ReviewAssignment>> assignments(long long campaign_id,
                                                            std::string_view body) = 0;
  // Where a body admin's or an expert's account leads: review_body_unknown {body},
  // expert_not_found {expert}.
  virtual Result<ReviewBodyRef> review_body_by_id(long long body_id) = 0;
  virtual Result<ExpertRef> expert_by_id(long long expert_id) = 0;
  // The pairs one expert reads or declined, by application id.
  virtual Result<std::vector<ReviewAssignment>> expert_assignments(long long expert_id) = 0;
  // Saves an expert's sheet for an application they read: assignment_missing {expert,
  // application} when they do not (or declined it), sheet_submitted once submitted. A
  // sheet in state submitted submits it; review_closed {deadline} from the end of the
  // body's review on (preliminary review, or the final review for the final panel),
  // checked in the same transaction. Scores are checked against the plan
  // first (review::check_sheet). Audited with its scores.
  virtual Result<ExpertSheet> save_sheet(const ExpertSheet& sheet, const Actor& actor,
                                         Instant now) = 0;
  // Every sheet of the body's experts, drafts included, by application then expert.
  virtual Result<std::vector<ExpertSheet>> sheets(long long campaign_id, std::string_view body) = 0;
  // The expert turns an assigned application down (回避/拒评; check_decline first):
  // assignment_missing as above, sheet_submitted when they already scored it.
  virtual Result<void> decline_assignment(const Decline& decline, const Actor& actor,
                                          Instant now) = 0;
  // The body's alias table (check_alias first); every assignment run reads it.
  virtual Result<long long> add_alias(long long campaign_id, std::string_view body,
                                      const OrganisationAlias& alias, const Actor& actor,
                                      Instant now) = 0;
  virtual Result<std::vector<OrganisationAlias>> aliases(long long campaign_id,
                                                         std::string_view body) = 0;

  // Earlier years' published lists: a batch is stored whole (check_listed_rows first) and
  // audited as one row. Returns how many were added.
  virtual Result<int> add_listed_entries(const std::vector<ListedEntry>& entries,
                                         const Actor& actor, Instant now) = 0;
  virtual Result<std::vector<ListedEntry>> listed_entries() = 0;

  // The achievements library (成果库): every listed entry with its holder's parts, by id.
  virtual Result<std::vector<LibraryRecord>> library_records() = 0;
  // One of them: library_entry_not_found {entry}.
  virtual Result<LibraryRecord> library_record(long long id) = 0;
  // What changes when the library does, cheap to read: a server keeping a search index
  // rebuilds it when this differs from what it was built from.
  virtual Result<LibraryRevision> library_revision() = 0;
  // The holder's parts of entry `id` replaced (check_holder_parts first), audited with the
  // parts before and after; the published record is never touched. Errors
  // library_entry_not_found, holder_note_too_long. Who may is the caller's to check.
  virtual Result<LibraryRecord> save_holder_parts(long long id, const HolderParts& parts,
                                                  const Actor& actor, Instant now) = 0;

  // Eligibility (DESIGN §3). submit() records the check of what was submitted; this is
  // every check of the application, oldest first.
  virtual Result<std::vector<EligibilityCheck>> eligibility_checks(long long application_id) = 0;
  // The secretariat's formal check: moves a recommended application to eligible or
  // ineligible (apply_action decides role and phase) and records the findings it decided
  // on, in one transaction. Deciding against the findings' verdict (eligible while one
  // fails) needs a reason: formal_check_override_reason; the audit row says it overrode.
  virtual Result<ApplicationState> decide_formal_check(const FormalCheckDecision& decision,
                                                       const Actor& actor, Instant now) = 0;
};

struct StoreOptions {
  int connections = 4;  // pooled database sessions
};

// "sqlite:PATH" (or a bare path) for SQLite, "postgresql://…" for PostgreSQL.
// Errors: database_url {url}, database_unavailable {detail}.
Result<std::unique_ptr<Store>> open_store(std::string_view url, StoreOptions options = {});

}  // namespace kczg
