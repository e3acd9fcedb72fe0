// Technical demands (技术需求): a technical problem an enterprise or a pilot city (park)
// posts after the lists are published, for listed items, experts and enterprises to meet.
// A demand is public only once the pilot city's admin for its region (or the secretariat)
// has approved it; its contact stays private until both sides of a match agree to talk.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.hpp"
#include "domain/error.hpp"
#include "domain/instant.hpp"
#include "domain/library.hpp"

namespace kczg {

enum class DemandState {
  pending,   // posted, waiting for review
  open,      // approved: public, matched
  rejected,  // with a reason; the poster may edit and post again
  closed,    // met or withdrawn by the poster
};
std::string_view demand_state_name(DemandState state);
std::optional<DemandState> demand_state_from_name(std::string_view name);

struct Demand {
  long long id = 0;         // 0 until stored
  long long poster_id = 0;  // the account that posted it
  std::string title;
  std::string description;
  std::string field;                                // a field code of the lists, "" for any
  std::string region;                               // 6-digit GB/T 2260 code of where it is needed
  std::optional<long long> budget_min, budget_max;  // yuan; absent: to be agreed
  std::optional<std::chrono::year_month_day> wanted_by;
  std::vector<Cooperation> cooperation;  // sought
  std::optional<Maturity> wanted_maturity;
  std::string contact;  // private until both sides agree
  DemandState state = DemandState::pending;
  std::string reason;  // why it was rejected or closed
  Instant posted_at{};

  bool operator==(const Demand&) const = default;
};

inline constexpr std::size_t k_demand_title_min = 4, k_demand_title_max = 100;
inline constexpr std::size_t k_demand_description_min = 20, k_demand_description_max = 5000;

// Every problem with the demand as posted on `today` (Asia/Shanghai), empty when it may be
// posted; each error has param "field":
//   demand_title_length {length, min, max}; demand_description_length {length, min, max};
//   demand_region_invalid {value} (no county, city or province of GB/T 2260);
//   demand_budget_invalid {min, max} (negative, or min above max);
//   demand_wanted_by_past {value, today}; demand_contact_missing.
std::vector<Error> validate_demand(const Demand& demand, std::chrono::year_month_day today);

// The column names a demand's form, file (XLSX/CSV import) and JSON use, in their order.
inline constexpr std::string_view k_demand_fields[] = {
    "title",      "description", "field",       "region",          "budget_min",
    "budget_max", "wanted_by",   "cooperation", "wanted_maturity", "contact"};

// A demand from those fields as text (absent ones are empty): budgets in whole yuan,
// wanted_by "YYYY-MM-DD", cooperation comma-separated codes, wanted_maturity a code.
// Error field_invalid {field, detail} for the first that is none of these; the content
// itself is validate_demand's.
Result<Demand> demand_from_fields(const std::map<std::string, std::string>& fields);

enum class DemandAction {
  approve,  // pending → open: the pilot city admin of its province, or the secretariat
  reject,   // pending → rejected, with a reason: the same
  repost,   // rejected → pending: the poster, after editing
  close,    // open or pending → closed: the poster, or the secretariat, with a reason
};
std::string_view demand_action_name(DemandAction action);

// Who acts on a demand.
struct DemandActor {
  Role role = Role::visitor;
  long long account_id = 0;
  std::string region;  // a pilot city admin's 6-digit region
};

// Whether a pilot city admin's region reviews a demand's: the same province.
bool reviews_region(std::string_view admin_region, std::string_view demand_region);

// The demand after `action`. Errors, in this order: transition_from_state {action, state},
// forbidden {role} (not the poster, not the reviewing pilot city, not the secretariat),
// transition_reason_missing {action}.
Result<Demand> apply_demand_action(Demand demand, DemandAction action, const DemandActor& actor,
                                   std::string_view reason = {});

}  // namespace kczg
