#include "domain/account.hpp"

namespace kczg {

std::string_view account_status_name(AccountStatus status) {
  switch (status) {
    case AccountStatus::invited:
      return "invited";
    case AccountStatus::active:
      return "active";
    case AccountStatus::disabled:
      return "disabled";
  }
  return "unknown";
}

std::optional<AccountStatus> account_status_from_name(std::string_view name) {
  for (AccountStatus s : {AccountStatus::invited, AccountStatus::active, AccountStatus::disabled}) {
    if (account_status_name(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace kczg
