// Applicants (申报主体) and their applications (申报).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/application_state.hpp"
#include "domain/instant.hpp"

namespace kczg {

enum class ApplicantKind { enterprise, organisation, person };

std::string_view applicant_kind_name(ApplicantKind kind);
std::optional<ApplicantKind> applicant_kind_from_name(std::string_view name);

struct Applicant {
  long long id = 0;
  ApplicantKind kind = ApplicantKind::enterprise;
  std::string name;
  std::string uscc;  // "" for a person
  std::string contact;
};

struct Application {
  long long id = 0;
  long long campaign_id = 0;
  long long applicant_id = 0;
  std::string list;
  std::string field;      // "" for lists without fields
  long long unit_id = 0;  // the recommending unit the applicant chose; 0 for none yet
  ApplicationState state = ApplicationState::draft;
  std::string title;   // technology, enterprise, organisation or person named
  std::string reason;  // the last reason given with a transition, shown to the applicant
  Instant created_at{};
  Instant updated_at{};
  std::optional<Instant> submitted_at;
  std::string content_sha256;  // of submission_text() at the last submission; "" before
};

// A PDF attached to an application; the bytes live in the blob store under sha256.
struct Attachment {
  std::string kind;  // FormAttachment::kind, one file per kind
  std::string name;  // as uploaded, for display
  std::string sha256;
  long long size = 0;
  Instant uploaded_at{};
};

// What an applicant edits while the application is a draft (or returned).
struct Draft {
  std::string title;
  std::string field;      // pioneer_tech's field; "" otherwise
  long long unit_id = 0;  // 0: not chosen yet
  std::string content;    // the form's values as a JSON object (store::values_to_json)
};

// What is hashed for the receipt: everything the applicant submits, in a fixed order,
// so the same submission always gives the same SHA-256.
std::string submission_text(const Application& application, const std::string& content,
                            const std::vector<Attachment>& attachments);

// An application with the names a person reads in a list or an export.
struct ApplicationSummary {
  Application application;
  std::string applicant_name;
  std::string applicant_uscc;
  std::string unit_name;
};

// Who did something, for the audit log and the permission checks.
struct Actor {
  Role role;
  std::string name;  // account or command-line user
};

}  // namespace kczg
