// Objections (异议) to the public notice (公示). While the notice lasts anyone may object
// to a proposed entry — under a real name with a way to reach them, as official notices
// require ("以单位名义提出的须加盖公章，以个人名义提出的须署真实姓名并提供联系方式"); an
// anonymous objection is refused with that reason. Who objected is shown only to the
// secretariat, which investigates and resolves: upheld (the entry comes off the list) or
// dismissed, each with a reason the objector receives.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/campaign.hpp"
#include "domain/error.hpp"
#include "domain/instant.hpp"

namespace kczg {

// Limits of the public form, in characters: large enough for a real objection, small
// enough that a flood of them cannot fill the database.
inline constexpr std::size_t k_objector_name_max = 50;
inline constexpr std::size_t k_objector_contact_max = 100;
inline constexpr std::size_t k_objector_organisation_max = 100;
inline constexpr std::size_t k_grounds_min = 20;
inline constexpr std::size_t k_grounds_max = 5000;

struct ObjectionForm {
  std::string name;          // the objector's real name (a person, or the organisation's contact)
  std::string contact;       // an e-mail address or a phone number
  std::string organisation;  // "" when objecting as a person
  std::string grounds;       // what is wrong with the entry, and how they know
};

// Evidence filed with an objection (登记簿副本, a contract…): a PDF stored by content,
// named as uploaded. Only the secretariat ever sees it — it may name the objector.
struct ObjectionAttachment {
  std::string name;
  std::string sha256;
  long long size = 0;
};
inline constexpr std::size_t k_objection_max_attachments = 3;
inline constexpr std::size_t k_objection_attachment_max_bytes = 10 << 20;

enum class ObjectionState { filed, upheld, dismissed };
std::string_view objection_state_name(ObjectionState state);
std::optional<ObjectionState> objection_state_from_name(std::string_view name);

struct Objection {
  long long id = 0;
  long long application_id = 0;
  ObjectionForm form;
  ObjectionState state = ObjectionState::filed;
  std::string resolution;  // the secretariat's reason, once resolved
  Instant filed_at{};
  std::optional<Instant> resolved_at;
  std::string resolved_by;
  std::vector<ObjectionAttachment> attachments;
};

// Every problem with the form, each with param "field" (name, contact, organisation,
// grounds): objection_anonymous when the name is blank or a stand-in for none (匿名,
// 无名氏, 某某, anonymous …); objection_contact_invalid {value} for a contact that is
// neither an e-mail address nor a phone number of 7–20 digits; objection_grounds_length
// {length, min, max}; form_too_long {field, length, max} for name, contact or organisation.
std::vector<Error> check_objection(const ObjectionForm& form);

// Whether `contact` is an e-mail address (the outbox can tell the objector the outcome).
bool contact_is_email(std::string_view contact);

// Error objection_closed {starts, ends} (Beijing time, "" when unset) unless the public
// notice is open at `now`.
Result<void> check_notice_open(const Campaign& campaign, Instant now);

}  // namespace kczg
