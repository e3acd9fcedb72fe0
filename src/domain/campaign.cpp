#include "domain/campaign.hpp"

#include <algorithm>
#include <array>

namespace kczg {
namespace {

constexpr std::array<std::pair<PhaseKind, std::string_view>, 6> k_phase_names{{
    {PhaseKind::collection, "collection"},
    {PhaseKind::preliminary_review, "preliminary_review"},
    {PhaseKind::final_review, "final_review"},
    {PhaseKind::public_notice, "public_notice"},
    {PhaseKind::publication, "publication"},
    {PhaseKind::promotion, "promotion"},
}};

template <typename T>
const T* find_code(const std::vector<T>& items, std::string_view code) {
  auto it = std::ranges::find(items, code, &T::code);
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::string_view phase_name(PhaseKind kind) {
  for (const auto& [k, name] : k_phase_names) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<PhaseKind> phase_from_name(std::string_view name) {
  for (const auto& [k, n] : k_phase_names) {
    if (n == name) return k;
  }
  return std::nullopt;
}

const List* find_list(const Campaign& campaign, std::string_view code) {
  return find_code(campaign.lists, code);
}

const Field* find_field(const List& list, std::string_view code) {
  return find_code(list.fields, code);
}

const Channel* find_channel(const Campaign& campaign, std::string_view code) {
  return find_code(campaign.channels, code);
}

const Phase* find_phase(const Campaign& campaign, PhaseKind kind) {
  auto it = std::ranges::find(campaign.phases, kind, &Phase::kind);
  return it == campaign.phases.end() ? nullptr : &*it;
}

const ReviewBody* find_review_body(const Campaign& campaign, std::string_view name) {
  auto it = std::ranges::find(campaign.review_bodies, name, &ReviewBody::name);
  return it == campaign.review_bodies.end() ? nullptr : &*it;
}

Result<const List*> check_list_field(const Campaign& campaign, std::string_view list_code,
                                     std::string_view field_code) {
  const List* list = find_list(campaign, list_code);
  if (!list) return fail(make_error(ErrorCode::list_unknown, "list", std::string(list_code)));
  if (list->fields.empty()) {
    if (!field_code.empty()) {
      return fail(make_error(ErrorCode::field_unknown, "list", list->code, "field",
                             std::string(field_code)));
    }
    return list;
  }
  if (field_code.empty()) return fail(make_error(ErrorCode::field_required, "list", list->code));
  if (!find_field(*list, field_code)) {
    return fail(
        make_error(ErrorCode::field_unknown, "list", list->code, "field", std::string(field_code)));
  }
  return list;
}

}  // namespace kczg
