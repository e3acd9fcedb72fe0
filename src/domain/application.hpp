// Applicants (申报主体) and their applications (申报).
#pragma once

#include <optional>
#include <string>

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
};

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
