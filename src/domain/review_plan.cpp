#include "domain/review_plan.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "domain/names.hpp"
#include "domain/text_measure.hpp"

namespace kczg {
namespace {

constexpr int k_weight_total = 100;

constexpr Names<Aggregation, 3> k_aggregation_names{{
    {Aggregation::mean, "mean"},
    {Aggregation::trimmed_mean, "trimmed_mean"},
    {Aggregation::zscore, "zscore"},
}};

constexpr Names<PlanState, 4> k_state_names{{
    {PlanState::draft, "draft"},
    {PlanState::filed, "filed"},
    {PlanState::approved, "approved"},
    {PlanState::returned, "returned"},
}};

// The state as people read it, for messages in either language.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_state_labels{{
    {"草稿", "draft"},
    {"已报送备案", "filed with the secretariat"},
    {"已批准", "approved"},
    {"已退回", "returned"},
}};

Error state_error(ErrorCode code, PlanState state) {
  const auto& [zh, en] = k_state_labels[std::size_t(state)];
  return make_error(code, "state", std::string(plan_state_name(state)), "state_zh", std::string(zh),
                    "state_en", std::string(en));
}

struct PlanTransition {
  PlanAction action;
  std::string_view name;
  std::vector<PlanState> from;
  PlanState to;
  Role role;
  bool needs_reason;
};

const std::array<PlanTransition, 3> k_transitions{{
    {PlanAction::file,
     "file_plan",
     {PlanState::draft, PlanState::returned},
     PlanState::filed,
     Role::review_body,
     false},
    {PlanAction::approve,
     "approve_plan",
     {PlanState::filed},
     PlanState::approved,
     Role::secretariat,
     false},
    {PlanAction::return_,
     "return_plan",
     {PlanState::filed},
     PlanState::returned,
     Role::secretariat,
     true},
}};

std::string criterion_field(std::size_t index, std::string_view part) {
  return "criteria[" + std::to_string(index) + "]." + std::string(part);
}

std::vector<Error> check_criteria(const std::vector<Criterion>& criteria) {
  std::vector<Error> errors;
  if (criteria.empty()) {
    errors.push_back(make_error(ErrorCode::plan_no_criteria, "field", "criteria"));
    return errors;
  }
  std::map<std::string, std::size_t> position_of_code;
  long long sum = 0;  // of ints: a mistyped 2000000000 must not overflow it
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const Criterion& c = criteria[i];
    std::string position = std::to_string(i + 1);
    if (blank(c.code)) {
      errors.push_back(make_error(ErrorCode::plan_criterion_code_missing, "field",
                                  criterion_field(i, "code"), "position", position));
    } else if (auto [it, fresh] = position_of_code.emplace(c.code, i + 1); !fresh) {
      errors.push_back(make_error(ErrorCode::plan_criterion_duplicate, "field",
                                  criterion_field(i, "code"), "criterion", c.code, "position",
                                  position, "other", std::to_string(it->second)));
    }
    if (blank(c.name_zh)) {
      errors.push_back(make_error(ErrorCode::plan_criterion_name_missing, "field",
                                  criterion_field(i, "name_zh"), "criterion", c.code, "position",
                                  position, "language", "zh", "language_zh", "中文", "language_en",
                                  "Chinese"));
    }
    if (blank(c.name_en)) {
      errors.push_back(make_error(ErrorCode::plan_criterion_name_missing, "field",
                                  criterion_field(i, "name_en"), "criterion", c.code, "position",
                                  position, "language", "en", "language_zh", "英文", "language_en",
                                  "English"));
    }
    if (c.weight <= 0) {
      errors.push_back(make_error(
          ErrorCode::plan_weight_not_positive, "field", criterion_field(i, "weight"), "criterion",
          c.code, "name_zh", c.name_zh, "name_en", c.name_en, "value", std::to_string(c.weight)));
    }
    // Written so that NaN bounds fail too.
    if (!(std::isfinite(c.scale_min) && std::isfinite(c.scale_max) && c.scale_min < c.scale_max)) {
      errors.push_back(make_error(ErrorCode::plan_scale_invalid, "field",
                                  criterion_field(i, "scale"), "criterion", c.code, "name_zh",
                                  c.name_zh, "name_en", c.name_en, "min",
                                  format_number(c.scale_min), "max", format_number(c.scale_max)));
    }
    sum += c.weight;
  }
  if (sum != k_weight_total) {
    errors.push_back(make_error(ErrorCode::plan_weights_sum, "field", "criteria", "sum",
                                std::to_string(sum), "expected", std::to_string(k_weight_total)));
  }
  return errors;
}

std::vector<Error> check_panel(const ReviewPlan& plan) {
  std::vector<Error> errors;
  int k = plan.experts_per_application;
  if (k < 1) {
    errors.push_back(make_error(ErrorCode::plan_experts_too_few, "field", "experts_per_application",
                                "value", std::to_string(k), "min", "1"));
  }
  if (plan.max_load < 1) {
    errors.push_back(make_error(ErrorCode::plan_load_too_small, "field", "max_load", "value",
                                std::to_string(plan.max_load), "min", "1"));
  }
  long long sum = 0;
  for (Sector s : k_sectors) {
    auto it = plan.sector_minimums.find(s);
    int minimum = it == plan.sector_minimums.end() ? 0 : it->second;
    if (minimum < 0) {
      errors.push_back(make_error(
          ErrorCode::plan_sector_minimum_negative, "field",
          "sector_minimums." + std::string(sector_name(s)), "sector", std::string(sector_name(s)),
          "sector_zh", std::string(sector_name_zh(s)), "sector_en", std::string(sector_name_en(s)),
          "value", std::to_string(minimum)));
    }
    sum += std::max(minimum, 0);
  }
  if (k >= 1 && sum > k) {
    auto minimum_of = [&](Sector s) {
      auto it = plan.sector_minimums.find(s);
      return std::to_string(it == plan.sector_minimums.end() ? 0 : it->second);
    };
    errors.push_back(make_error(
        ErrorCode::plan_sector_mix_exceeds_k, "field", "sector_minimums", "sum",
        std::to_string(sum), "k", std::to_string(k), "academia", minimum_of(Sector::academia),
        "industry", minimum_of(Sector::industry), "investment", minimum_of(Sector::investment)));
  }
  return errors;
}

long long ceil_div(long long a, long long b) { return (a + b - 1) / b; }

StaffingNeed staffing(std::optional<Sector> sector, int per_application, int available,
                      int applications, int max_load) {
  StaffingNeed need;
  need.sector = sector;
  need.available = available;
  need.reviews = static_cast<long long>(per_application) * applications;
  need.capacity = static_cast<long long>(available) * max_load;
  if (applications > 0 && per_application > 0) {
    // Enough to give every review, and at least per_application distinct people, since
    // one expert reads an application once.
    need.needed = int(std::max<long long>(per_application, ceil_div(need.reviews, max_load)));
  }
  need.shortfall = std::max(0, need.needed - available);
  return need;
}

}  // namespace

const std::vector<Coverage>& plan_coverage(const ReviewPlan& plan, const ReviewBody& body) {
  return plan.covers.empty() ? body.covers : plan.covers;
}

bool body_covers(const ReviewBody& body, std::string_view list, std::string_view field) {
  return std::ranges::any_of(body.covers, [&](const Coverage& c) {
    return c.list == list && (c.field.empty() || c.field == field);
  });
}

std::vector<const ReviewBody*> bodies_for(const Campaign& campaign, std::string_view list,
                                          std::string_view field) {
  std::vector<const ReviewBody*> bodies;
  for (const ReviewBody& b : campaign.review_bodies) {
    if (body_covers(b, list, field)) bodies.push_back(&b);
  }
  return bodies;
}

namespace {

// "先锋技术 · 电子信息" and "Pioneer technologies · Electronic information", for messages.
std::pair<std::string, std::string> coverage_names(const Campaign& campaign, const Coverage& c) {
  const List* list = find_list(campaign, c.list);
  if (!list) return {c.list, c.list};
  std::pair<std::string, std::string> names{list->name_zh, list->name_en};
  if (const Field* field = find_field(*list, c.field)) {
    names.first += " · " + field->name_zh;
    names.second += " · " + field->name_en;
  }
  return names;
}

}  // namespace

Result<void> check_final_panel(const Campaign& campaign, const ReviewBody& panel) {
  if (!panel.final_panel) return {};
  for (const ReviewBody& other : campaign.review_bodies) {
    if (!other.final_panel || other.name == panel.name) continue;
    for (const Coverage& c : panel.covers) {
      for (const Coverage& o : other.covers) {
        if (c.list != o.list || !(c.field.empty() || o.field.empty() || c.field == o.field)) {
          continue;
        }
        auto [zh, en] = coverage_names(campaign, c.field.empty() ? o : c);
        return fail(make_error(ErrorCode::final_panel_overlap, "body", panel.name, "other",
                               other.name, "list", c.list, "where", zh, "where_en", en));
      }
    }
  }
  return {};
}

std::string_view aggregation_name(Aggregation aggregation) {
  return name_of(k_aggregation_names, aggregation);
}
std::optional<Aggregation> aggregation_from_name(std::string_view name) {
  return value_of(k_aggregation_names, name);
}
std::string_view plan_state_name(PlanState state) { return name_of(k_state_names, state); }
std::optional<PlanState> plan_state_from_name(std::string_view name) {
  return value_of(k_state_names, name);
}

std::string_view plan_action_name(PlanAction action) {
  for (const PlanTransition& t : k_transitions) {
    if (t.action == action) return t.name;
  }
  return "unknown";
}

std::vector<Error> validate_plan(const ReviewPlan& plan) {
  std::vector<Error> errors = check_criteria(plan.criteria);
  std::vector<Error> panel = check_panel(plan);
  errors.insert(errors.end(), panel.begin(), panel.end());
  return errors;
}

std::vector<Error> check_plan_body(const Campaign& campaign, const ReviewPlan& plan) {
  auto body = std::ranges::find(campaign.review_bodies, plan.body, &ReviewBody::name);
  if (body == campaign.review_bodies.end())
    return {make_error(ErrorCode::review_body_unknown, "body", plan.body)};
  std::vector<Error> errors;
  for (const Coverage& c : plan.covers) {
    // A plan for a whole list needs a body for the whole list, not for one of its fields.
    bool covered = c.field.empty()
                       ? std::ranges::find(body->covers, Coverage{c.list, ""}) != body->covers.end()
                       : body_covers(*body, c.list, c.field);
    if (!covered) {
      errors.push_back(make_error(ErrorCode::plan_coverage_outside, "body", plan.body, "list",
                                  c.list, "field", c.field));
    }
  }
  return errors;
}

std::expected<ReviewPlan, std::vector<Error>> apply_plan_action(ReviewPlan plan, PlanAction action,
                                                                Role actor,
                                                                std::string_view reason) {
  const PlanTransition& t = *std::ranges::find(k_transitions, action, &PlanTransition::action);
  std::string name(t.name);
  if (std::ranges::find(t.from, plan.state) == t.from.end()) {
    return std::unexpected(
        std::vector{make_error(ErrorCode::transition_from_state, "action", name, "state",
                               std::string(plan_state_name(plan.state)))});
  }
  if (actor != t.role) {
    return std::unexpected(std::vector{make_error(ErrorCode::transition_role, "action", name,
                                                  "role", std::string(role_name(t.role)),
                                                  "actor_role", std::string(role_name(actor)))});
  }
  if (t.needs_reason && blank(reason)) {
    return std::unexpected(
        std::vector{make_error(ErrorCode::transition_reason_missing, "action", name)});
  }
  if (action == PlanAction::file) {
    if (std::vector<Error> problems = validate_plan(plan); !problems.empty())
      return std::unexpected(std::move(problems));
  }
  plan.state = t.to;
  plan.return_reason = action == PlanAction::return_ ? std::string(reason) : std::string();
  return plan;
}

Result<void> check_review_can_start(const ReviewPlan& plan) {
  if (plan.state == PlanState::approved) return {};
  return fail(state_error(ErrorCode::plan_not_approved, plan.state));
}

Result<void> check_plan_editable(const ReviewPlan& plan) {
  if (plan.state == PlanState::draft || plan.state == PlanState::returned) return {};
  return fail(state_error(ErrorCode::plan_locked, plan.state));
}

Feasibility check_feasibility(const ReviewPlan& plan, const std::map<Sector, int>& experts,
                              int applications) {
  int load = std::max(plan.max_load, 1);  // guards the division when REQUIRES is broken
  int total = 0;
  for (const auto& [sector, count] : experts) total += count;

  Feasibility result;
  result.needs.push_back(
      staffing(std::nullopt, plan.experts_per_application, total, applications, load));
  for (Sector s : k_sectors) {
    auto minimum = plan.sector_minimums.find(s);
    if (minimum == plan.sector_minimums.end() || minimum->second <= 0) continue;
    auto available = experts.find(s);
    result.needs.push_back(staffing(s, minimum->second,
                                    available == experts.end() ? 0 : available->second,
                                    applications, load));
  }
  for (const StaffingNeed& need : result.needs) {
    if (need.shortfall == 0) continue;
    result.feasible = false;
    auto numbers = [&](Error error) {
      using Param = std::pair<const char*, long long>;
      for (auto [key, value] : {Param{"needed", need.needed}, Param{"available", need.available},
                                Param{"shortfall", need.shortfall}, Param{"reviews", need.reviews},
                                Param{"capacity", need.capacity}, Param{"max_load", load}})
        error.params.emplace_back(key, std::to_string(value));
      return error;
    };
    if (!need.sector) {
      result.problems.push_back(numbers(make_error(ErrorCode::plan_pool_short)));
    } else {
      Sector s = *need.sector;
      result.problems.push_back(numbers(make_error(
          ErrorCode::plan_sector_short, "sector", std::string(sector_name(s)), "sector_zh",
          std::string(sector_name_zh(s)), "sector_en", std::string(sector_name_en(s)), "minimum",
          std::to_string(plan.sector_minimums.at(s)))));
    }
  }
  return result;
}

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (ec != std::errc()) return "?";
  return std::string(buffer.data(), end);
}

}  // namespace kczg
