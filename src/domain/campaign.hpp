// One year's call (年度榜单征集): its lists, fields, channels, quotas, phases, review
// bodies and eligibility parameters. Plain data: presets fill it from the calls, the
// store keeps it, the secretariat edits it.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.hpp"

namespace kczg {

struct Field {
  std::string code;  // e.g. "electronic_information"
  std::string name_zh;
  std::string name_en;

  bool operator==(const Field&) const = default;
};

struct List {
  std::string code;  // e.g. "pioneer_tech"
  std::string name_zh;
  std::string name_en;
  int target_size = 0;  // entries the list aims to publish
  // intl_cooperation and open_source are collected by a designated body ("已另行组织"):
  // no unit recommends them and no unit quota applies.
  bool separately_organised = false;
  // Empty for lists without fields; for pioneer_tech the "5+1" fields.
  std::vector<Field> fields;
  // Per-unit quota contributed by each channel the unit belongs to; per field when the
  // list has fields. Empty when separately organised.
  std::map<std::string, int> quota_per_channel;

  bool operator==(const List&) const = default;
};

struct Channel {
  std::string code;  // e.g. "provincial_association"
  std::string name_zh;
  std::string name_en;

  bool operator==(const Channel&) const = default;
};

// The sequential workflow phases, then promotion, which runs alongside them.
enum class PhaseKind {
  collection,
  preliminary_review,
  final_review,
  public_notice,
  publication,
  promotion,
};

std::string_view phase_name(PhaseKind kind);
std::optional<PhaseKind> phase_from_name(std::string_view name);

struct Phase {
  PhaseKind kind;
  // Half-open [starts_at, ends_at). Absent when the call states no date; the
  // secretariat sets it before the phase can open.
  std::optional<Instant> starts_at;
  std::optional<Instant> ends_at;
  std::string stated_as;  // the call's own words, e.g. "2022年9月—10月31日"

  bool operator==(const Phase&) const = default;
};

// What a review body covers: a list, or one field of it.
struct Coverage {
  std::string list;
  std::string field;  // "" when the body covers the whole list

  bool operator==(const Coverage&) const = default;
};

struct ReviewBody {
  std::string name;
  std::string contact;
  // true for the bodies of separately-organised lists (评审机构 rather than 初评机构).
  bool separately_organised = false;
  std::vector<Coverage> covers;
  // The final panel (终评专家组) the secretariat forms: it scores the shortlisted candidates
  // of what it covers during the final review, and its ranking replaces the preliminary
  // bodies' there. The other bodies review before it and report shortlists.
  bool final_panel = false;

  bool operator==(const ReviewBody&) const = default;
};

// Eligibility parameters the call states; absent when it states none.
struct EligibilityParams {
  // emerging_enterprise: founded at most N years before, counted back from the
  // campaign year ("工商注册成立时间以2023年反推").
  std::optional<int> enterprise_max_age_years;
  // integration_org: founded before this date; innovation consortia before the second.
  std::optional<std::chrono::year_month_day> integration_org_founded_before;
  std::optional<std::chrono::year_month_day> consortium_founded_before;
  // industrial_foundation must be one of the "five foundations" (五基).
  std::vector<std::string> industrial_foundation_kinds;
  // "入选历年…不再纳入候选": an item listed before may not be listed again.
  bool relisting_barred = false;

  bool operator==(const EligibilityParams&) const = default;
};

struct Campaign {
  int year = 0;
  std::string preset;  // "2022", "2023" or "" for a campaign built by hand
  std::string name_zh;
  std::string name_en;
  std::vector<List> lists;
  std::vector<Channel> channels;
  std::vector<Phase> phases;
  std::vector<ReviewBody> review_bodies;
  EligibilityParams eligibility;
  // Provenance of values the call does not state, so nobody mistakes them for it.
  std::vector<std::string> notes;

  bool operator==(const Campaign&) const = default;
};

// Lookups; nullptr when absent.
const List* find_list(const Campaign& campaign, std::string_view code);
const Field* find_field(const List& list, std::string_view code);
const Channel* find_channel(const Campaign& campaign, std::string_view code);
const Phase* find_phase(const Campaign& campaign, PhaseKind kind);
const ReviewBody* find_review_body(const Campaign& campaign, std::string_view name);

// The list a candidate goes to must exist, and carry a field exactly when the list has
// fields. Errors: list_unknown, field_required, field_unknown.
Result<const List*> check_list_field(const Campaign& campaign, std::string_view list,
                                     std::string_view field);

}  // namespace kczg
