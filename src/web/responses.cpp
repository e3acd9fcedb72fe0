#include "web/responses.hpp"

#include <nlohmann/json.hpp>

#include "web/pages/forms.hpp"
#include "web/render.hpp"

namespace kczg::web {

http::Response json_response(int status, std::string body) {
  return http::text_response(status, std::move(body), "application/json; charset=utf-8");
}

http::Response error_json(Lang lang, int status, const Error& error) {
  std::string_view field = error.param("field");
  if (field.empty()) field = error.param("column");
  nlohmann::ordered_json j{{"code", code_name(error.code)},
                           {"message", message(error, lang)},
                           {"field", field.empty() ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(std::string(field))}};
  return json_response(status, j.dump());
}

http::Response problems_json(Lang lang, const std::vector<Error>& problems) {
  using nlohmann::ordered_json;
  ordered_json list = ordered_json::array();
  for (const Error& e : problems) {
    std::string_view field = e.param("field");
    list.push_back({{"code", code_name(e.code)},
                    {"message", message(e, lang)},
                    {"field", field.empty() ? ordered_json(nullptr) : ordered_json(field)}});
  }
  ordered_json j = list.front();
  j["problems"] = list;
  return json_response(422, j.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
}

http::Response error_response(bool api, Lang lang, int status, const Error& error) {
  return api ? error_json(lang, status, error) : error_page(lang, status, error);
}

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_signed_in:
    case ErrorCode::sign_in_failed:
      return 401;
    case ErrorCode::forbidden:
    case ErrorCode::csrf_failed:
    case ErrorCode::transition_role:
      return 403;
    case ErrorCode::not_found:
    case ErrorCode::account_not_found:
    case ErrorCode::campaign_not_found:
    case ErrorCode::application_not_found:
    case ErrorCode::library_entry_not_found:
    case ErrorCode::demand_not_found:
    case ErrorCode::docking_not_found:
    case ErrorCode::deal_not_found:
    case ErrorCode::event_not_found:
    case ErrorCode::invitation_not_found:
    case ErrorCode::unit_not_found:
    case ErrorCode::attachment_not_found:
    case ErrorCode::review_body_unknown:
    case ErrorCode::expert_not_found:
    case ErrorCode::assignment_missing:
    case ErrorCode::objection_not_found:
    case ErrorCode::lists_not_published:
      return 404;
    case ErrorCode::account_exists:
    case ErrorCode::campaign_exists:
    case ErrorCode::quota_exhausted:
    case ErrorCode::transition_from_state:
    case ErrorCode::transition_phase:
    case ErrorCode::application_exists:
    case ErrorCode::application_locked:
    case ErrorCode::collection_closed:
    case ErrorCode::recommendation_closed:
    case ErrorCode::plan_not_approved:
    case ErrorCode::plan_locked:
    case ErrorCode::sheet_submitted:
    case ErrorCode::assignment_scored:
    case ErrorCode::review_closed:
    case ErrorCode::shortlist_unscored:
    case ErrorCode::final_panel_scoring:
    case ErrorCode::final_panel_no_shortlist:
    case ErrorCode::final_panel_overlap:
    case ErrorCode::objection_closed:
    case ErrorCode::objection_resolved:
    case ErrorCode::substitute_objected:
    case ErrorCode::substitute_no_seat:
    case ErrorCode::campaign_published:
    case ErrorCode::objections_unresolved:
    case ErrorCode::demand_not_open:
    case ErrorCode::event_started:
      return 409;
    case ErrorCode::attachment_too_large:
      return 413;
    case ErrorCode::attachment_not_pdf:
      return 415;
    case ErrorCode::form_value_missing:
    case ErrorCode::form_too_long:
    case ErrorCode::form_too_short:
    case ErrorCode::form_not_number:
    case ErrorCode::form_out_of_range:
    case ErrorCode::form_bad_date:
    case ErrorCode::form_bad_choice:
    case ErrorCode::form_not_attested:
    case ErrorCode::attachment_missing:
    case ErrorCode::unit_not_chosen:
    case ErrorCode::unit_not_for_list:
    case ErrorCode::score_missing:
    case ErrorCode::score_out_of_range:
    case ErrorCode::score_unknown_criterion:
    case ErrorCode::final_reason_missing:
    case ErrorCode::objection_anonymous:
    case ErrorCode::objection_contact_invalid:
    case ErrorCode::objection_grounds_length:
    case ErrorCode::holder_note_too_long:
    case ErrorCode::demand_title_length:
    case ErrorCode::demand_description_length:
    case ErrorCode::demand_region_invalid:
    case ErrorCode::demand_budget_invalid:
    case ErrorCode::demand_wanted_by_past:
    case ErrorCode::demand_contact_missing:
    case ErrorCode::docking_close_reason_missing:
    case ErrorCode::docking_close_text_missing:
    case ErrorCode::event_in_past:
      return 422;
    case ErrorCode::sign_in_throttled:
    case ErrorCode::objection_throttled:
      return 429;
    case ErrorCode::database_unavailable:
    case ErrorCode::database_failure:
      return 503;
    default:
      return 400;
  }
}

std::string csrf_of(const http::Request& request) {
  std::string_view header = request.header("x-csrf-token");
  if (!header.empty()) return std::string(header);
  // Upload forms carry the token as a multipart field.
  if (request.header("content-type").starts_with("multipart/form-data")) {
    auto parts = multipart_fields(request);
    return parts && parts->contains("_csrf") ? parts->at("_csrf").data : std::string();
  }
  for (auto& [name, value] : request.form()) {
    if (name == "_csrf") return value;
  }
  return {};
}

}  // namespace kczg::web
