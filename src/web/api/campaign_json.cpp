#include "web/api/campaign_json.hpp"

#include <nlohmann/json.hpp>

namespace kczg::web {
namespace {

using nlohmann::ordered_json;

ordered_json names(const std::string& zh, const std::string& en) {
  return ordered_json{{"zh", zh}, {"en", en}};
}

ordered_json instant_or_null(const std::optional<Instant>& at) {
  return at ? ordered_json(format_shanghai(*at)) : ordered_json(nullptr);
}

ordered_json list_json(const List& l) {
  ordered_json fields = ordered_json::array();
  for (const Field& f : l.fields) {
    fields.push_back({{"code", f.code}, {"name", names(f.name_zh, f.name_en)}});
  }
  ordered_json quota = ordered_json::object();
  for (const auto& [channel, n] : l.quota_per_channel) quota[channel] = n;
  return {{"code", l.code},
          {"name", names(l.name_zh, l.name_en)},
          {"target", l.target_size},
          {"separately_organised", l.separately_organised},
          {"fields", fields},
          {"quota_per_channel", quota},
          {"quota_is_per_field", !l.fields.empty()}};
}

ordered_json eligibility_json(const EligibilityParams& p) {
  auto date = [](const std::optional<std::chrono::year_month_day>& d) {
    return d ? ordered_json(format_date(*d)) : ordered_json(nullptr);
  };
  return {{"enterprise_max_age_years", p.enterprise_max_age_years
                                           ? ordered_json(*p.enterprise_max_age_years)
                                           : ordered_json(nullptr)},
          {"integration_org_founded_before", date(p.integration_org_founded_before)},
          {"consortium_founded_before", date(p.consortium_founded_before)},
          {"industrial_foundation_kinds", p.industrial_foundation_kinds},
          {"relisting_barred", p.relisting_barred}};
}

}  // namespace

std::string campaign_to_json(const Campaign& c, long long id, std::size_t unit_count,
                             const std::map<std::string, int>& applications_by_state) {
  ordered_json lists = ordered_json::array();
  for (const List& l : c.lists) lists.push_back(list_json(l));
  ordered_json channels = ordered_json::array();
  for (const Channel& ch : c.channels) {
    channels.push_back({{"code", ch.code}, {"name", names(ch.name_zh, ch.name_en)}});
  }
  ordered_json phases = ordered_json::array();
  for (const Phase& p : c.phases) {
    phases.push_back({{"kind", phase_name(p.kind)},
                      {"starts_at", instant_or_null(p.starts_at)},
                      {"ends_at", instant_or_null(p.ends_at)},
                      {"stated_as", p.stated_as}});
  }
  ordered_json bodies = ordered_json::array();
  for (const ReviewBody& b : c.review_bodies) {
    ordered_json covers = ordered_json::array();
    for (const Coverage& cov : b.covers)
      covers.push_back({{"list", cov.list}, {"field", cov.field}});
    bodies.push_back({{"name", b.name},
                      {"contact", b.contact},
                      {"separately_organised", b.separately_organised},
                      {"final_panel", b.final_panel},
                      {"covers", covers}});
  }
  ordered_json apps = ordered_json::object();
  for (const auto& [state, n] : applications_by_state) apps[state] = n;
  ordered_json j{{"id", id},
                 {"year", c.year},
                 {"preset", c.preset},
                 {"name", names(c.name_zh, c.name_en)},
                 {"lists", lists},
                 {"channels", channels},
                 {"phases", phases},
                 {"review_bodies", bodies},
                 {"eligibility", eligibility_json(c.eligibility)},
                 {"notes", c.notes},
                 {"units", unit_count},
                 {"applications_by_state", apps}};
  return j.dump(2);
}

}  // namespace kczg::web
