#include "domain/demand.hpp"

#include <algorithm>
#include <charconv>

#include "domain/application_form.hpp"
#include "domain/division.hpp"
#include "domain/names.hpp"
#include "domain/text_measure.hpp"

namespace kczg {
namespace {

constexpr Names<DemandState, 4> k_state_names{{
    {DemandState::pending, "pending"},
    {DemandState::open, "open"},
    {DemandState::rejected, "rejected"},
    {DemandState::closed, "closed"},
}};

constexpr Names<DemandAction, 4> k_action_names{{
    {DemandAction::approve, "approve"},
    {DemandAction::reject, "reject"},
    {DemandAction::repost, "repost"},
    {DemandAction::close, "close"},
}};

Error length_error(ErrorCode code, std::string_view field, std::size_t length, std::size_t min,
                   std::size_t max) {
  return make_error(code, "field", std::string(field), "length", std::to_string(length), "min",
                    std::to_string(min), "max", std::to_string(max));
}

}  // namespace

std::string_view demand_state_name(DemandState state) { return name_of(k_state_names, state); }
std::optional<DemandState> demand_state_from_name(std::string_view name) {
  return value_of(k_state_names, name);
}
std::string_view demand_action_name(DemandAction action) { return name_of(k_action_names, action); }

std::vector<Error> validate_demand(const Demand& d, std::chrono::year_month_day today) {
  std::vector<Error> problems;
  if (std::size_t n = characters(d.title); n < k_demand_title_min || n > k_demand_title_max) {
    problems.push_back(length_error(ErrorCode::demand_title_length, "title", n, k_demand_title_min,
                                    k_demand_title_max));
  }
  if (std::size_t n = characters(d.description);
      n < k_demand_description_min || n > k_demand_description_max) {
    problems.push_back(length_error(ErrorCode::demand_description_length, "description", n,
                                    k_demand_description_min, k_demand_description_max));
  }
  if (d.region.size() != 6 || !gb2260().find(d.region)) {
    problems.push_back(
        make_error(ErrorCode::demand_region_invalid, "field", "region", "value", d.region));
  }
  bool negative = (d.budget_min && *d.budget_min < 0) || (d.budget_max && *d.budget_max < 0);
  if (negative || (d.budget_min && d.budget_max && *d.budget_min > *d.budget_max)) {
    problems.push_back(make_error(ErrorCode::demand_budget_invalid, "field", "budget", "min",
                                  d.budget_min ? std::to_string(*d.budget_min) : "", "max",
                                  d.budget_max ? std::to_string(*d.budget_max) : ""));
  }
  if (d.wanted_by && std::chrono::sys_days(*d.wanted_by) < std::chrono::sys_days(today)) {
    problems.push_back(make_error(ErrorCode::demand_wanted_by_past, "field", "wanted_by", "value",
                                  format_date(*d.wanted_by), "today", format_date(today)));
  }
  if (blank(d.contact)) {
    problems.push_back(make_error(ErrorCode::demand_contact_missing, "field", "contact"));
  }
  return problems;
}

Result<Demand> demand_from_fields(const std::map<std::string, std::string>& fields) {
  auto text = [&](std::string_view name) {
    auto it = fields.find(std::string(name));
    return it == fields.end() ? std::string() : it->second;
  };
  auto invalid = [](std::string_view field, const std::string& value) {
    return make_error(ErrorCode::field_invalid, "field", std::string(field), "detail", value);
  };
  Demand d;
  d.title = text("title");
  d.description = text("description");
  d.field = text("field");
  d.region = text("region");
  d.contact = text("contact");
  for (auto [name, budget] :
       {std::pair{"budget_min", &d.budget_min}, {"budget_max", &d.budget_max}}) {
    std::string value = text(name);
    if (value.empty()) continue;
    long long yuan = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), yuan);
    if (ec != std::errc{} || end != value.data() + value.size()) return fail(invalid(name, value));
    *budget = yuan;
  }
  if (std::string value = text("wanted_by"); !value.empty()) {
    d.wanted_by = parse_form_date(value);
    if (!d.wanted_by) return fail(invalid("wanted_by", value));
  }
  std::string cooperation = text("cooperation");
  for (std::size_t from = 0; from < cooperation.size();) {
    std::size_t comma = std::min(cooperation.find(',', from), cooperation.size());
    std::string code = cooperation.substr(from, comma - from);
    auto c = cooperation_from_name(code);
    if (!c) return fail(invalid("cooperation", code));
    if (std::ranges::find(d.cooperation, *c) == d.cooperation.end()) d.cooperation.push_back(*c);
    from = comma + 1;
  }
  std::ranges::sort(d.cooperation);
  if (std::string value = text("wanted_maturity"); !value.empty()) {
    d.wanted_maturity = maturity_from_name(value);
    if (!d.wanted_maturity) return fail(invalid("wanted_maturity", value));
  }
  return d;
}

bool reviews_region(std::string_view admin_region, std::string_view demand_region) {
  return admin_region.size() >= 2 && demand_region.size() >= 2 &&
         admin_region.substr(0, 2) == demand_region.substr(0, 2);
}

Result<Demand> apply_demand_action(Demand demand, DemandAction action, const DemandActor& actor,
                                   std::string_view reason) {
  using S = DemandState;
  bool from_ok = false;
  switch (action) {
    case DemandAction::approve:
    case DemandAction::reject:
      from_ok = demand.state == S::pending;
      break;
    case DemandAction::repost:
      from_ok = demand.state == S::rejected;
      break;
    case DemandAction::close:
      from_ok = demand.state == S::pending || demand.state == S::open;
      break;
  }
  if (!from_ok) {
    return fail(make_error(ErrorCode::transition_from_state, "action",
                           std::string(demand_action_name(action)), "state",
                           std::string(demand_state_name(demand.state))));
  }
  bool secretariat = actor.role == Role::secretariat;
  bool poster = actor.account_id != 0 && actor.account_id == demand.poster_id;
  bool reviewer = secretariat ||
                  (actor.role == Role::pilot_city && reviews_region(actor.region, demand.region));
  bool allowed = action == DemandAction::repost  ? poster
                 : action == DemandAction::close ? poster || secretariat
                                                 : reviewer;
  if (!allowed) {
    return fail(forbidden_role(actor.role));
  }
  bool needs_reason = action == DemandAction::reject || (action == DemandAction::close && !poster);
  if (needs_reason && blank(reason)) {
    return fail(make_error(ErrorCode::transition_reason_missing, "action",
                           std::string(demand_action_name(action))));
  }
  switch (action) {
    case DemandAction::approve:
      demand.state = S::open;
      demand.reason.clear();
      break;
    case DemandAction::reject:
      demand.state = S::rejected;
      demand.reason = std::string(reason);
      break;
    case DemandAction::repost:
      demand.state = S::pending;
      break;
    case DemandAction::close:
      demand.state = S::closed;
      demand.reason = std::string(reason);
      break;
  }
  return demand;
}

}  // namespace kczg
