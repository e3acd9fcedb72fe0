// Domain values as a person reads them, in the user's language: one place for the
// catalog-key conventions (phase.*, state.*, page.role_*) and the zh/en name pairs.
#pragma once

#include <string>
#include <string_view>

#include "domain/application_state.hpp"
#include "domain/campaign.hpp"
#include "domain/eligibility.hpp"
#include "i18n/catalog.hpp"

namespace kczg {

// The name of a zh/en pair (lists, fields, channels, campaigns).
const std::string& in_lang(Lang lang, const std::string& zh, const std::string& en);

// A list, and its field when it has one, as one name: "先导技术榜 · 电子信息"; the list's
// code when the campaign has no such list.
std::string where_label(const Campaign& campaign, std::string_view list, std::string_view field,
                        Lang lang);

std::string phase_label(PhaseKind kind, Lang lang);
// `state` is a stored state code, e.g. "submitted".
std::string state_label(std::string_view state, Lang lang);
inline std::string state_label(ApplicationState state, Lang lang) {
  return state_label(state_name(state), lang);
}
std::string role_label(Role role, Lang lang);

// A GB/T 2260 code as a place: "浙江省杭州市西湖区" for 330106, "全国"/"National" for the
// national level (100000); the code itself when unknown. Names are Chinese in both
// languages: the standard has no English names.
std::string region_label(std::string_view code, Lang lang);

// A list's field names joined with 、 ("电子信息、生物医药…"); "" for a list without fields.
std::string field_names(const List& list, Lang lang);

// An eligibility finding as the applicant reads it: the condition ("成立不超过 10 年"),
// the verdict ("不符合") and why, naming the value and the limit.
struct EligibilityText {
  std::string condition;
  std::string verdict;
  std::string explanation;
};
EligibilityText eligibility_text(const EligibilityFinding& finding, Lang lang);

}  // namespace kczg
