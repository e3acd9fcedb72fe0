#include "domain/application.hpp"

#include <algorithm>

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

std::string submission_text(const Application& application, const std::string& content,
                            const std::vector<Attachment>& attachments) {
  std::vector<std::string> files;
  for (const Attachment& a : attachments) files.push_back(a.kind + " " + a.sha256);
  std::ranges::sort(files);
  std::string text = "kczg-submission-v1\n";
  text += "application " + std::to_string(application.id) + "\n";
  text += "list " + application.list + "\n";
  text += "field " + application.field + "\n";
  text += "unit " + std::to_string(application.unit_id) + "\n";
  text += "title " + application.title + "\n";
  text += "content " + content + "\n";
  for (const std::string& f : files) text += "attachment " + f + "\n";
  return text;
}

}  // namespace kczg
