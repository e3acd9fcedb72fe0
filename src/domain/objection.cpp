#include "domain/objection.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/phase_clock.hpp"
#include "domain/text_measure.hpp"

namespace kczg {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Names that say who is not objecting.
constexpr std::array<std::string_view, 12> k_no_name{"匿名",      "匿名者", "无名氏", "某某",
                                                     "某人",      "群众",   "知情人", "一群众",
                                                     "anonymous", "anon",   "n/a",    "none"};

bool phone_number(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 7 && digits <= 20;
}

Error too_long(std::string_view field, const char* label_zh, const char* label_en,
               std::size_t length, std::size_t max) {
  return make_error(ErrorCode::form_too_long, "field", std::string(field), "label_zh", label_zh,
                    "label_en", label_en, "length", std::to_string(length), "max",
                    std::to_string(max));
}

}  // namespace

std::string_view objection_state_name(ObjectionState state) {
  switch (state) {
    case ObjectionState::filed:
      return "filed";
    case ObjectionState::upheld:
      return "upheld";
    case ObjectionState::dismissed:
      return "dismissed";
  }
  return "filed";
}

std::optional<ObjectionState> objection_state_from_name(std::string_view name) {
  for (ObjectionState s :
       {ObjectionState::filed, ObjectionState::upheld, ObjectionState::dismissed})
    if (objection_state_name(s) == name) return s;
  return std::nullopt;
}

bool contact_is_email(std::string_view contact) {
  contact = trimmed(contact);
  auto at = contact.find('@');
  if (at == std::string_view::npos || at == 0 ||
      contact.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view domain = contact.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() &&
         contact.find(' ') == std::string_view::npos;
}

std::vector<Error> check_objection(const ObjectionForm& form) {
  std::vector<Error> problems;
  std::string_view name = trimmed(form.name);
  if (name.empty() || std::ranges::find(k_no_name, lower(name)) != k_no_name.end()) {
    problems.push_back(make_error(ErrorCode::objection_anonymous, "field", "name"));
  } else if (characters(name) > k_objector_name_max) {
    problems.push_back(too_long("name", "姓名", "Name", characters(name), k_objector_name_max));
  }
  std::string_view contact = trimmed(form.contact);
  if (characters(contact) > k_objector_contact_max) {
    problems.push_back(
        too_long("contact", "联系方式", "Contact", characters(contact), k_objector_contact_max));
  } else if (!contact_is_email(contact) && !phone_number(contact)) {
    problems.push_back(make_error(ErrorCode::objection_contact_invalid, "field", "contact", "value",
                                  std::string(contact)));
  }
  std::size_t organisation = characters(trimmed(form.organisation));
  if (organisation > k_objector_organisation_max) {
    problems.push_back(too_long("organisation", "单位", "Organisation", organisation,
                                k_objector_organisation_max));
  }
  std::size_t grounds = characters(trimmed(form.grounds));
  if (grounds < k_grounds_min || grounds > k_grounds_max) {
    problems.push_back(make_error(ErrorCode::objection_grounds_length, "field", "grounds", "length",
                                  std::to_string(grounds), "min", std::to_string(k_grounds_min),
                                  "max", std::to_string(k_grounds_max)));
  }
  return problems;
}

Result<void> check_notice_open(const Campaign& campaign, Instant now) {
  std::vector<PhaseKind> open = open_phases(campaign, now);
  if (std::ranges::find(open, PhaseKind::public_notice) != open.end()) return {};
  const Phase* notice = find_phase(campaign, PhaseKind::public_notice);
  auto shown = [](const std::optional<Instant>& at) {
    return at ? format_shanghai(*at) : std::string();
  };
  return fail(make_error(ErrorCode::objection_closed, "starts",
                         notice ? shown(notice->starts_at) : "", "ends",
                         notice ? shown(notice->ends_at) : ""));
}

}  // namespace kczg
