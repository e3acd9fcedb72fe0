#include "domain/application.hpp"

namespace kczg {

std::string_view applicant_kind_name(ApplicantKind kind) {
  switch (kind) {
    case ApplicantKind::enterprise:
      return "enterprise";
    case ApplicantKind::organisation:
      return "organisation";
    case ApplicantKind::person:
      return "person";
  }
  return "unknown";
}

std::optional<ApplicantKind> applicant_kind_from_name(std::string_view name) {
  for (ApplicantKind k :
       {ApplicantKind::enterprise, ApplicantKind::organisation, ApplicantKind::person}) {
    if (applicant_kind_name(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace kczg
