// Accounts: who signs in, under which role, tied to which applicant or unit.
#pragma once

#include <optional>
#include <string>

#include "domain/application_state.hpp"
#include "domain/instant.hpp"

namespace kczg {

enum class AccountStatus {
  invited,  // created by the secretariat; no password until the invitation is used
  active,
  disabled,
};

std::string_view account_status_name(AccountStatus status);
std::optional<AccountStatus> account_status_from_name(std::string_view name);

struct Account {
  long long id = 0;
  std::string login;  // e-mail address or phone number, unique
  Role role = Role::applicant;
  std::string display_name;
  AccountStatus status = AccountStatus::invited;
  long long applicant_id = 0;    // the applicant an applicant account acts for; 0 otherwise
  long long unit_id = 0;         // the unit a unit account acts for; 0 otherwise
  long long review_body_id = 0;  // the body a review_body admin acts for; 0 otherwise
  long long expert_id = 0;       // the pool entry an expert account reads as; 0 otherwise
  Instant created_at{};
  std::string region{};  // a pilot city admin's 6-digit GB/T 2260 division; "" otherwise
};

// A signed-in session as the web layer sees it.
struct Session {
  Account account;
  std::string csrf_token;
  Instant expires_at{};
};

// Mail waiting in the outbox (invitations, password resets, later notifications).
struct OutboxMail {
  long long id = 0;
  std::string to;
  std::string subject;
  std::string body;
  Instant created_at{};
};

}  // namespace kczg
