// The figures that say whether matching works (issue 9): per year, list, field or pilot
// city, how many demands were posted, matches proposed, answered by both sides and agreed,
// and the median times to a response and to an agreement (the Hubei platform's good case:
// a response the next day, an agreement within 9 days).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/demand.hpp"
#include "domain/docking.hpp"
#include "domain/partner.hpp"

namespace kczg::match {

// A match with what it is counted under.
struct DockingFacts {
  Docking docking;
  std::string list, field;  // the listed entry's
  std::string city;         // the demand's region, 4 digits
};

enum class DockingDimension { year, list, field, city };
// "year" (or ""), "list", "field", "city"; nullopt for anything else.
std::optional<DockingDimension> docking_dimension_from_name(std::string_view name);

struct DockingCounts {
  std::string group;  // "2023", a list or field code, a 4-digit city code; "" for the total
  int demands = 0;    // posted in the group (list: matched with its items)
  int proposed = 0, responded = 0, agreements = 0, closed = 0;
  std::optional<double> median_response_hours, median_agreement_days;

  bool operator==(const DockingCounts&) const = default;
};

// One row per group, in the group's order, then the total. A match counts under the year
// it was proposed, the city of its demand, and its listed entry's list and field; a
// demand under the year it was posted (Asia/Shanghai), its city and field.
std::vector<DockingCounts> docking_counts(const std::vector<kczg::Demand>& demands,
                                          const std::vector<DockingFacts>& dockings,
                                          DockingDimension dimension);

// A directed recommendation with what it is counted under (the entry's).
struct DealFacts {
  Deal deal;
  std::string list, field, city;
};

struct DealCounts {
  std::string group;  // as DockingCounts
  int recommended = 0, interested = 0, declined = 0, invested = 0;
  long long amount = 0;  // yuan invested

  bool operator==(const DealCounts&) const = default;
};

// Partner interest and investment per group, then the total: a deal counts under the year
// it was recommended and its entry's list, field and city. Interested: the deals now past
// the partner's yes (interested, a meeting, a term sheet, invested).
std::vector<DealCounts> deal_counts(const std::vector<DealFacts>& deals,
                                    DockingDimension dimension);

}  // namespace kczg::match
