#include "store/migrations.hpp"

namespace kczg::store {

const std::vector<Migration>& migrations() {
  // Instants are BIGINT microseconds since the Unix epoch (UTC); booleans are INTEGER 0/1.
  static const std::vector<Migration> all{
      {1,
       {
           "CREATE TABLE campaigns ({pk}, year INTEGER NOT NULL UNIQUE, preset TEXT NOT NULL, "
           "name_zh TEXT NOT NULL, name_en TEXT NOT NULL, eligibility TEXT NOT NULL, "
           "notes TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE campaign_lists (campaign_id BIGINT NOT NULL REFERENCES campaigns(id), "
           "code TEXT NOT NULL, position INTEGER NOT NULL, name_zh TEXT NOT NULL, "
           "name_en TEXT NOT NULL, target_size INTEGER NOT NULL CHECK (target_size >= 0), "
           "separately_organised INTEGER NOT NULL, PRIMARY KEY (campaign_id, code))",
           "CREATE TABLE list_fields (campaign_id BIGINT NOT NULL, list_code TEXT NOT NULL, "
           "code TEXT NOT NULL, position INTEGER NOT NULL, name_zh TEXT NOT NULL, "
           "name_en TEXT NOT NULL, PRIMARY KEY (campaign_id, list_code, code), "
           "FOREIGN KEY (campaign_id, list_code) REFERENCES campaign_lists(campaign_id, code))",
           "CREATE TABLE channels (campaign_id BIGINT NOT NULL REFERENCES campaigns(id), "
           "code TEXT NOT NULL, position INTEGER NOT NULL, name_zh TEXT NOT NULL, "
           "name_en TEXT NOT NULL, PRIMARY KEY (campaign_id, code))",
           "CREATE TABLE list_quotas (campaign_id BIGINT NOT NULL, list_code TEXT NOT NULL, "
           "channel_code TEXT NOT NULL, per_unit INTEGER NOT NULL CHECK (per_unit >= 0), "
           "PRIMARY KEY (campaign_id, list_code, channel_code), "
           "FOREIGN KEY (campaign_id, list_code) REFERENCES campaign_lists(campaign_id, code), "
           "FOREIGN KEY (campaign_id, channel_code) REFERENCES channels(campaign_id, code))",
           "CREATE TABLE phases (campaign_id BIGINT NOT NULL REFERENCES campaigns(id), "
           "kind TEXT NOT NULL, position INTEGER NOT NULL, starts_at BIGINT, ends_at BIGINT, "
           "stated_as TEXT NOT NULL, PRIMARY KEY (campaign_id, kind), "
           "CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at))",
           "CREATE TABLE review_bodies ({pk}, campaign_id BIGINT NOT NULL REFERENCES "
           "campaigns(id), "
           "position INTEGER NOT NULL, name TEXT NOT NULL, contact TEXT NOT NULL, "
           "separately_organised INTEGER NOT NULL)",
           "CREATE TABLE review_body_coverage (body_id BIGINT NOT NULL REFERENCES "
           "review_bodies(id), "
           "list_code TEXT NOT NULL, field_code TEXT NOT NULL, "
           "PRIMARY KEY (body_id, list_code, field_code))",
           "CREATE TABLE units ({pk}, name TEXT NOT NULL, uscc TEXT NOT NULL UNIQUE, "
           "region TEXT NOT NULL, contact TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE unit_channels (unit_id BIGINT NOT NULL REFERENCES units(id), "
           "channel_code TEXT NOT NULL, PRIMARY KEY (unit_id, channel_code))",
           "CREATE TABLE applicants ({pk}, kind TEXT NOT NULL "
           "CHECK (kind IN ('enterprise', 'organisation', 'person')), name TEXT NOT NULL, "
           "uscc TEXT NOT NULL, contact TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE applications ({pk}, campaign_id BIGINT NOT NULL, "
           "applicant_id BIGINT NOT NULL REFERENCES applicants(id), list_code TEXT NOT NULL, "
           "field_code TEXT NOT NULL, unit_id BIGINT REFERENCES units(id), state TEXT NOT NULL, "
           "title TEXT NOT NULL, reason TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, submitted_at BIGINT, "
           "FOREIGN KEY (campaign_id, list_code) REFERENCES campaign_lists(campaign_id, code))",
           "CREATE INDEX applications_by_list ON applications (campaign_id, list_code, field_code)",
           "CREATE INDEX applications_by_unit ON applications (unit_id)",
           "CREATE TABLE recommendations ({pk}, "
           "application_id BIGINT NOT NULL UNIQUE REFERENCES applications(id), "
           "unit_id BIGINT NOT NULL REFERENCES units(id), campaign_id BIGINT NOT NULL, "
           "list_code TEXT NOT NULL, field_code TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX recommendations_by_quota ON recommendations "
           "(campaign_id, unit_id, list_code, field_code)",
           "CREATE TABLE audit_log ({pk}, at BIGINT NOT NULL, actor TEXT NOT NULL, "
           "role TEXT NOT NULL, action TEXT NOT NULL, object TEXT NOT NULL, "
           "before_value TEXT NOT NULL, after_value TEXT NOT NULL)",
       }},
      {2,
       {
           "CREATE TABLE accounts ({pk}, login TEXT NOT NULL UNIQUE, role TEXT NOT NULL, "
           "display_name TEXT NOT NULL, status TEXT NOT NULL, password_hash TEXT NOT NULL, "
           "applicant_id BIGINT REFERENCES applicants(id), unit_id BIGINT REFERENCES units(id), "
           "created_at BIGINT NOT NULL)",
           "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, "
           "account_id BIGINT NOT NULL REFERENCES accounts(id), csrf_token TEXT NOT NULL, "
           "created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
           "CREATE INDEX sessions_by_account ON sessions (account_id)",
           "CREATE TABLE api_tokens (token_hash TEXT PRIMARY KEY, "
           "account_id BIGINT NOT NULL REFERENCES accounts(id), name TEXT NOT NULL, "
           "created_at BIGINT NOT NULL)",
           "CREATE TABLE links (token_hash TEXT PRIMARY KEY, purpose TEXT NOT NULL, "
           "account_id BIGINT NOT NULL REFERENCES accounts(id), expires_at BIGINT NOT NULL, "
           "used_at BIGINT, created_at BIGINT NOT NULL)",
           "CREATE TABLE throttle (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, "
           "hits INTEGER NOT NULL)",
           "CREATE TABLE outbox ({pk}, to_address TEXT NOT NULL, subject TEXT NOT NULL, "
           "body TEXT NOT NULL, created_at BIGINT NOT NULL, sent_at BIGINT)",
       }},
      {3, {"CREATE INDEX applications_by_applicant ON applications (applicant_id)"}},
      {4,
       {
           // The form's values as a JSON object, and the SHA-256 the receipt shows.
           "ALTER TABLE applications ADD COLUMN content TEXT NOT NULL DEFAULT '{}'",
           "ALTER TABLE applications ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT ''",
           "CREATE INDEX applications_by_submitted ON applications (campaign_id, submitted_at)",
           "CREATE TABLE attachments ({pk}, "
           "application_id BIGINT NOT NULL REFERENCES applications(id), kind TEXT NOT NULL, "
           "name TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL, "
           "created_at BIGINT NOT NULL, UNIQUE (application_id, kind))",
       }},
      {5,
       {
           // Preliminary review: a body's plan (its content as JSON: criteria, k, load,
           // sector mix, aggregation), its expert pool, what experts declare, the admin's
           // pair rules and the assignment.
           "CREATE TABLE review_plans ({pk}, "
           "body_id BIGINT NOT NULL UNIQUE REFERENCES review_bodies(id), state TEXT NOT NULL, "
           "content TEXT NOT NULL, return_reason TEXT NOT NULL DEFAULT '', "
           "updated_at BIGINT NOT NULL)",
           "CREATE TABLE experts ({pk}, body_id BIGINT NOT NULL REFERENCES review_bodies(id), "
           "name TEXT NOT NULL, organisation TEXT NOT NULL, organisation_uscc TEXT NOT NULL, "
           "region TEXT NOT NULL, sector TEXT NOT NULL, title TEXT NOT NULL, "
           "keywords TEXT NOT NULL, profile TEXT NOT NULL, email TEXT NOT NULL, "
           "created_at BIGINT NOT NULL, UNIQUE (body_id, email))",
           "CREATE TABLE expert_conflicts ({pk}, expert_id BIGINT NOT NULL REFERENCES experts(id), "
           "application_id BIGINT REFERENCES applications(id), organisation TEXT NOT NULL, "
           "organisation_uscc TEXT NOT NULL, reason TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE pair_rules (application_id BIGINT NOT NULL REFERENCES applications(id), "
           "expert_id BIGINT NOT NULL REFERENCES experts(id), rule TEXT NOT NULL, "
           "reason TEXT NOT NULL, PRIMARY KEY (application_id, expert_id))",
           "CREATE TABLE assignments ({pk}, "
           "application_id BIGINT NOT NULL REFERENCES applications(id), "
           "expert_id BIGINT NOT NULL REFERENCES experts(id), affinity DOUBLE PRECISION NOT NULL, "
           "state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', updated_at BIGINT NOT NULL, "
           "UNIQUE (application_id, expert_id))",
           "CREATE INDEX assignments_by_expert ON assignments (expert_id)",
       }},
      {6,
       {
           // Who a body admin acts for and which pool entry an expert account reads as;
           // the experts' score sheets, one per assigned pair (scores as JSON).
           "ALTER TABLE accounts ADD COLUMN review_body_id BIGINT REFERENCES review_bodies(id)",
           "ALTER TABLE accounts ADD COLUMN expert_id BIGINT REFERENCES experts(id)",
           "CREATE TABLE score_sheets ("
           "assignment_id BIGINT PRIMARY KEY REFERENCES assignments(id), "
           "scores TEXT NOT NULL, comment TEXT NOT NULL, state TEXT NOT NULL, "
           "updated_at BIGINT NOT NULL, submitted_at BIGINT)",
       }},
      {7,
       {
           // A review body's alias table (简称, English and former names of one
           // organisation), which conflict detection reads; names as a JSON array.
           "CREATE TABLE organisation_aliases ({pk}, "
           "body_id BIGINT NOT NULL REFERENCES review_bodies(id), names TEXT NOT NULL, "
           "uscc TEXT NOT NULL, created_at BIGINT NOT NULL)",
       }},
      {8,
       {
           // Earlier years' published lists, which the formal check compares with.
           "CREATE TABLE listed_entries ({pk}, year INTEGER NOT NULL, list_code TEXT NOT NULL, "
           "name TEXT NOT NULL, holder TEXT NOT NULL, holder_uscc TEXT NOT NULL, "
           "summary TEXT NOT NULL, created_at BIGINT NOT NULL)",
       }},
      {9,
       {
           // Eligibility as checked at submission and at the formal check; findings as
           // JSON [{rule, verdict, params}], which the applicant's page explains.
           "CREATE TABLE eligibility_checks ({pk}, "
           "application_id BIGINT NOT NULL REFERENCES applications(id), stage TEXT NOT NULL, "
           "verdict TEXT NOT NULL, findings TEXT NOT NULL, eligible INTEGER NOT NULL, "
           "overridden INTEGER NOT NULL, reason TEXT NOT NULL, actor TEXT NOT NULL, "
           "checked_at BIGINT NOT NULL)",
           "CREATE INDEX eligibility_checks_application ON eligibility_checks (application_id)",
       }},
      {10,
       {
           // Objections to the public notice, filed by the public, resolved by the secretariat.
           "CREATE TABLE objections ({pk}, "
           "campaign_id BIGINT NOT NULL REFERENCES campaigns(id), "
           "application_id BIGINT NOT NULL REFERENCES applications(id), name TEXT NOT NULL, "
           "contact TEXT NOT NULL, organisation TEXT NOT NULL, grounds TEXT NOT NULL, "
           "state TEXT NOT NULL, resolution TEXT NOT NULL, filed_at BIGINT NOT NULL, "
           "resolved_at BIGINT, resolved_by TEXT NOT NULL)",
           "CREATE INDEX objections_campaign ON objections (campaign_id)",
       }},
      {11,
       {
           // A campaign's lists made final (发布), once.
           "CREATE TABLE publications (campaign_id BIGINT PRIMARY KEY REFERENCES campaigns(id), "
           "published_at BIGINT NOT NULL, published_by TEXT NOT NULL, entries INTEGER NOT NULL)",
       }},
      {12,
       {
           // Evidence filed with an objection: PDFs in the blob store, by content.
           "CREATE TABLE objection_attachments ({pk}, "
           "objection_id BIGINT NOT NULL REFERENCES objections(id), name TEXT NOT NULL, "
           "sha256 TEXT NOT NULL, size BIGINT NOT NULL)",
           "CREATE INDEX objection_attachments_objection ON objection_attachments (objection_id)",
       }},
      {13,
       {
           // The final panel (终评专家组): a review body scoring in the final review.
           "ALTER TABLE review_bodies ADD COLUMN final_panel INTEGER NOT NULL DEFAULT 0",
       }},
      {14,
       {
           // The achievements library (成果库): a published entry's field and application,
           // and what its holder keeps up to date.
           "ALTER TABLE listed_entries ADD COLUMN field_code TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE listed_entries ADD COLUMN application_id BIGINT "
           "REFERENCES applications(id)",
           "CREATE TABLE library_profiles (listed_entry_id BIGINT PRIMARY KEY "
           "REFERENCES listed_entries(id), maturity TEXT NOT NULL, cooperation TEXT NOT NULL, "
           "note TEXT NOT NULL, updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)",
       }},
      {15,
       {
           // Technical demands (技术需求) and their matches (对接) with listed items; a pilot
           // city admin's region. Dates wanted are 'YYYY-MM-DD' or ''; cooperation is the
           // comma-separated codes.
           "ALTER TABLE accounts ADD COLUMN region TEXT NOT NULL DEFAULT ''",
           "CREATE TABLE demands ({pk}, poster_id BIGINT NOT NULL REFERENCES accounts(id), "
           "title TEXT NOT NULL, description TEXT NOT NULL, field_code TEXT NOT NULL, "
           "region TEXT NOT NULL, budget_min BIGINT, budget_max BIGINT, wanted_by TEXT NOT NULL, "
           "cooperation TEXT NOT NULL, wanted_maturity TEXT NOT NULL, contact TEXT NOT NULL, "
           "state TEXT NOT NULL, reason TEXT NOT NULL, posted_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, changes INTEGER NOT NULL)",
           "CREATE INDEX demands_by_state ON demands (state, region)",
           "CREATE INDEX demands_by_poster ON demands (poster_id)",
           "CREATE TABLE dockings ({pk}, demand_id BIGINT NOT NULL REFERENCES demands(id), "
           "listed_entry_id BIGINT NOT NULL REFERENCES listed_entries(id), "
           "state TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, "
           "demand_side INTEGER NOT NULL, supply_side INTEGER NOT NULL, "
           "proposed_at BIGINT NOT NULL, first_response_at BIGINT, agreed_at BIGINT, "
           "closed_at BIGINT, close_reason TEXT NOT NULL, close_text TEXT NOT NULL, "
           "UNIQUE (demand_id, listed_entry_id))",
           "CREATE INDEX dockings_by_entry ON dockings (listed_entry_id)",
       }},
      {16,
       {
           // The financial partner plan: partners' profiles (lists as comma-separated
           // codes) and directed recommendations with what followed.
           "CREATE TABLE partner_profiles (account_id BIGINT PRIMARY KEY REFERENCES "
           "accounts(id), kind TEXT NOT NULL, fields TEXT NOT NULL, stages TEXT NOT NULL, "
           "regions TEXT NOT NULL, ticket_min BIGINT, ticket_max BIGINT, "
           "updated_at BIGINT NOT NULL)",
           "CREATE TABLE deals ({pk}, "
           "listed_entry_id BIGINT NOT NULL REFERENCES listed_entries(id), "
           "partner_id BIGINT NOT NULL REFERENCES accounts(id), note TEXT NOT NULL, "
           "state TEXT NOT NULL, reason TEXT NOT NULL, amount BIGINT, "
           "recommended_at BIGINT NOT NULL, answered_at BIGINT, updated_at BIGINT, "
           "recommended_by TEXT NOT NULL, UNIQUE (listed_entry_id, partner_id))",
           "CREATE INDEX deals_by_partner ON deals (partner_id)",
       }},
      {17,
       {
           // Events (路演, 投融资对接会) and the entries and partners invited to them.
           "CREATE TABLE events ({pk}, organiser_id BIGINT NOT NULL REFERENCES accounts(id), "
           "kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, "
           "region TEXT NOT NULL, place TEXT NOT NULL, starts_at BIGINT NOT NULL, "
           "created_at BIGINT NOT NULL)",
           "CREATE TABLE event_invitations ({pk}, event_id BIGINT NOT NULL REFERENCES events(id), "
           "listed_entry_id BIGINT REFERENCES listed_entries(id), "
           "partner_id BIGINT REFERENCES accounts(id), state TEXT NOT NULL, "
           "invited_at BIGINT NOT NULL, answered_at BIGINT)",
           "CREATE INDEX event_invitations_by_event ON event_invitations (event_id)",
       }},
  };
  return all;
}

std::string for_dialect(const std::string& statement, const Dialect& dialect) {
  std::string out = statement;
  for (auto pos = out.find("{pk}"); pos != std::string::npos; pos = out.find("{pk}", pos)) {
    out.replace(pos, 4, dialect.primary_key);
  }
  return out;
}

}  // namespace kczg::store
