#include "match/docking_statistics.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kczg::match {
namespace {

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::ranges::sort(values);
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// What a group gathers before its medians are taken.
struct Tally {
  DockingCounts counts;
  std::set<long long> demands;
  std::vector<double> response_hours, agreement_days;

  void add(const Docking& d) {
    ++counts.proposed;
    // Any first step out of `proposed` answers a match, a decline too.
    if (auto t = time_to_response(d)) {
      ++counts.responded;
      response_hours.push_back(std::chrono::duration<double, std::ratio<3600>>(*t).count());
    }
    if (auto t = time_to_agreement(d)) {
      ++counts.agreements;
      agreement_days.push_back(std::chrono::duration<double, std::ratio<86400>>(*t).count());
    }
    if (d.state == DockingState::closed) ++counts.closed;
  }
  DockingCounts done(std::string group) {
    counts.group = std::move(group);
    counts.median_response_hours = median(response_hours);
    counts.median_agreement_days = median(agreement_days);
    return counts;
  }
};

std::string year_of(Instant at) { return std::to_string(int(shanghai_date(at).year())); }
std::string city_of(std::string_view region) { return std::string(region.substr(0, 4)); }

}  // namespace

std::optional<DockingDimension> docking_dimension_from_name(std::string_view name) {
  if (name.empty() || name == "year") return DockingDimension::year;
  if (name == "list") return DockingDimension::list;
  if (name == "field") return DockingDimension::field;
  if (name == "city") return DockingDimension::city;
  return std::nullopt;
}

std::vector<DockingCounts> docking_counts(const std::vector<kczg::Demand>& demands,
                                          const std::vector<DockingFacts>& dockings,
                                          DockingDimension dimension) {
  std::map<std::string, Tally> groups;
  Tally total;
  for (const kczg::Demand& d : demands) {
    ++total.counts.demands;
    switch (dimension) {
      case DockingDimension::year:
        ++groups[year_of(d.posted_at)].counts.demands;
        break;
      case DockingDimension::field:
        ++groups[d.field].counts.demands;
        break;
      case DockingDimension::city:
        ++groups[city_of(d.region)].counts.demands;
        break;
      case DockingDimension::list:
        break;  // a demand names no list: counted by the matches below
    }
  }
  for (const DockingFacts& f : dockings) {
    std::string key = dimension == DockingDimension::year    ? year_of(f.docking.proposed_at)
                      : dimension == DockingDimension::list  ? f.list
                      : dimension == DockingDimension::field ? f.field
                                                             : f.city;
    Tally& group = groups[key];
    group.add(f.docking);
    if (dimension == DockingDimension::list) group.demands.insert(f.docking.demand_id);
    total.add(f.docking);
  }
  std::vector<DockingCounts> out;
  for (auto& [key, tally] : groups) {
    if (dimension == DockingDimension::list) tally.counts.demands = int(tally.demands.size());
    out.push_back(tally.done(key));
  }
  out.push_back(total.done(""));
  return out;
}

std::vector<DealCounts> deal_counts(const std::vector<DealFacts>& deals,
                                    DockingDimension dimension) {
  std::map<std::string, DealCounts> groups;
  DealCounts total;
  for (const DealFacts& f : deals) {
    std::string key = dimension == DockingDimension::year    ? year_of(f.deal.recommended_at)
                      : dimension == DockingDimension::list  ? f.list
                      : dimension == DockingDimension::field ? f.field
                                                             : f.city;
    for (DealCounts* c : {&groups[key], &total}) {
      ++c->recommended;
      DealState s = f.deal.state;
      if (s == DealState::declined) ++c->declined;
      if (s != DealState::recommended && s != DealState::declined) ++c->interested;
      if (s == DealState::invested) {
        ++c->invested;
        c->amount += f.deal.amount.value_or(0);
      }
    }
  }
  std::vector<DealCounts> out;
  for (auto& [key, counts] : groups) {
    counts.group = key;
    out.push_back(counts);
  }
  out.push_back(total);
  return out;
}

}  // namespace kczg::match
