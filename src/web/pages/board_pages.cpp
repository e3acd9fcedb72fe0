// The ranked board (评审结果) of a review body: per list and field every scored
// application with its mean, trimmed mean and calibrated score, the plan's choice marked,
// the shortlist to the list's target size (or the size asked for) and ties at the cut left
// for the secretariat; each expert's deviation from the pool. The body admin sees its own
// body's; the secretariat any body's. Exported as CSV or XLSX with the same rows.
#include <algorithm>

#include "i18n/labels.hpp"
#include "web/applications/exports.hpp"
#include "web/applications/operations.hpp"
#include "web/pages/forms.hpp"
#include "web/render.hpp"
#include "web/responses.hpp"
#include "web/review/final_review_service.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using http::Method;

// One board row per ranked application, with the shortlist's verdict.
struct BoardRow {
  std::string where, rank, number, title, applicant, sheets, mean, trimmed, zscore, value;
  ApplicationState state = ApplicationState::under_review;
  bool chosen = false, tied_at_cut = false, tied = false;
};

struct BoardRows {
  std::vector<BoardRow> rows;
  std::vector<std::string> unscored;  // "where: number title"
};

Result<BoardRows> board_rows(const Campaign& c, const Board& board, std::string_view size,
                             Lang lang) {
  BoardRows out;
  for (const review::Ranking& ranking : board.rankings) {
    auto target = shortlist_size(c, ranking, size);
    if (!target) return fail(target.error());
    review::Shortlist cut = review::shortlist(ranking, *target);
    std::string where = where_label(c, ranking.where.list, ranking.where.field, lang);
    for (const review::RankedApplication& e : ranking.entries) {
      auto s = board.applications.find(e.score.application_id);
      if (s == board.applications.end()) continue;
      const Application& a = s->second.application;
      BoardRow row{where,
                   std::to_string(e.rank),
                   application_number(c.year, a),
                   a.title,
                   s->second.applicant_name,
                   std::to_string(e.score.experts.size()),
                   review::format_score(e.score.mean),
                   review::format_score(e.score.trimmed_mean),
                   review::format_score(e.score.zscore),
                   review::format_score(e.value)};
      row.chosen = std::ranges::find(cut.chosen, a.id) != cut.chosen.end();
      row.tied_at_cut = std::ranges::find(cut.tied_at_cut, a.id) != cut.tied_at_cut.end();
      row.tied = e.tied;
      row.state = a.state;
      out.rows.push_back(std::move(row));
    }
    for (long long id : ranking.unscored) {
      auto s = board.applications.find(id);
      if (s == board.applications.end()) continue;
      out.unscored.push_back(where + ": " + application_number(c.year, s->second.application) +
                             " " + s->second.application.title);
    }
  }
  return out;
}

std::string verdict(const BoardRow& row, Lang lang) {
  if (row.chosen) return translate("page.shortlisted", {}, lang);
  if (row.tied_at_cut) return translate("page.tied_at_cut", {}, lang);
  return "";
}

// The body the caller may read: its own for a body admin, ?body= for the secretariat.
Result<std::pair<StoredCampaign, std::string>> board_body(App& app, const Caller& caller,
                                                          const http::Request& request) {
  if (caller.role == Role::review_body) {
    auto body = administered_body(app.store(), *caller.account);
    if (!body) return fail(body.error());
    auto stored = app.store().campaign_by_id(body->campaign_id);
    if (!stored) return fail(stored.error());
    return std::pair{std::move(*stored), body->name};
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return fail(stored.error());
  std::string name(request.query_param("body"));
  if (!find_review_body(stored->campaign, name)) {
    return fail(make_error(ErrorCode::review_body_unknown, "body", name));
  }
  return std::pair{std::move(*stored), name};
}

http::Response show_board(App& app, const Caller& caller, const http::Request& request,
                          std::string_view size, const std::string& error,
                          const std::string& notice, int status) {
  auto target = board_body(app, caller, request);
  if (!target)
    return error_response(false, caller.lang, status_of(target.error().code), target.error());
  const auto& [stored, body] = *target;
  auto board = body_board(app.store(), stored, body);
  if (!board)
    return error_response(false, caller.lang, status_of(board.error().code), board.error());
  View view = page_view(caller, request, "board_title");
  if (!notice.empty()) view.set("notice", notice);
  view.set("body", body);
  view.set("body_q", http::url_encode(body));
  view.set("size", std::string(size));
  view.set("export_base", caller.role == Role::secretariat ? "/secretariat/review/board/export"
                                                           : "/review/board/export");
  view.set("secretariat", caller.role == Role::secretariat);
  if (const ReviewBody* b = find_review_body(stored.campaign, body); b && b->final_panel) {
    view.set("final_panel", translate("page.final_panel_board", {}, caller.lang));
  }
  view.set("method",
           translate("page.aggregation_" + std::string(aggregation_name(board->plan.aggregation)),
                     {}, caller.lang));
  view.set("progress", translate("page.board_progress",
                                 {{"submitted", std::to_string(board->submitted)},
                                  {"assigned", std::to_string(board->assigned)}},
                                 caller.lang));
  auto rows = board_rows(stored.campaign, *board, size, caller.lang);
  if (!error.empty()) view.set("error", error);
  if (!rows) {
    view.set("error", message(rows.error(), caller.lang));
    status = 400;
    rows = board_rows(stored.campaign, *board, "", caller.lang);
  }
  View entries{View::type::list};
  for (const BoardRow& r : rows ? rows->rows : std::vector<BoardRow>{}) {
    View row{View::type::object};
    row.set("where", r.where);
    row.set("rank", r.rank + (r.tied ? "=" : ""));
    row.set("number", r.number);
    row.set("title", r.title);
    row.set("applicant", r.applicant);
    row.set("sheets", r.sheets);
    row.set("mean", r.mean);
    row.set("trimmed", r.trimmed);
    row.set("zscore", r.zscore);
    row.set("value", r.value);
    row.set("verdict", verdict(r, caller.lang));
    row.set("chosen", r.chosen);
    row.set("state", state_label(r.state, caller.lang));
    row.set("state_code", std::string(state_name(r.state)));
    entries.push_back(row);
  }
  // The body admin reports while the board has anything not yet reported.
  view.set("can_report", caller.role == Role::review_body &&
                             std::ranges::any_of(rows ? rows->rows : std::vector<BoardRow>{},
                                                 [](const BoardRow& r) {
                                                   return r.state == ApplicationState::eligible ||
                                                          r.state == ApplicationState::under_review;
                                                 }));
  view.set("entries", entries);
  view.set("has_entries", !entries.is_empty_list());
  view.set("unscored", string_list(rows ? rows->unscored : std::vector<std::string>{}));
  View experts{View::type::list};
  for (const review::ExpertCalibration& e : board->calibration.experts) {
    auto expert = board->experts.find(e.expert_id);
    View row{View::type::object};
    row.set("name",
            expert == board->experts.end() ? std::to_string(e.expert_id) : expert->second.name);
    row.set("sheets", std::to_string(e.sheets));
    row.set("mean", review::format_score(e.mean));
    row.set("sd", review::format_score(e.sd));
    row.set("deviation", (e.deviation > 0 ? "+" : "") + review::format_score(e.deviation));
    row.set("neutral", e.neutral);
    experts.push_back(row);
  }
  view.set("experts", experts);
  http::Response response = render_page("review_board", std::move(view), status);
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response board_page(App& app, const Caller& caller, http::Request& request) {
  return show_board(app, caller, request, request.query_param("size"), "", "", 200);
}

// The body admin reports the board's shortlist to the secretariat (报送入围名单).
http::Response report(App& app, const Caller& caller, http::Request& request) {
  auto form = form_fields(request);
  auto target = board_body(app, caller, request);
  if (!target)
    return error_response(false, caller.lang, status_of(target.error().code), target.error());
  const auto& [stored, body] = *target;
  auto reported =
      report_shortlist(app.store(), stored, body, form["size"], actor_of(caller), app.now());
  if (!reported) {
    return show_board(app, caller, request, form["size"], message(reported.error(), caller.lang),
                      "", status_of(reported.error().code));
  }
  std::string notice = translate("page.shortlist_reported",
                                 {{"shortlisted", std::to_string(reported->shortlisted)},
                                  {"tied", std::to_string(reported->tied_at_cut)},
                                  {"not_shortlisted", std::to_string(reported->not_shortlisted)}},
                                 caller.lang);
  return show_board(app, caller, request, form["size"], "", notice, 200);
}

http::Response board_export(App& app, const Caller& caller, http::Request& request) {
  std::string format(request.query_param("format"));
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "xlsx") {
    return error_response(
        false, caller.lang, 400,
        make_error(ErrorCode::field_invalid, "field", "format", "detail", format));
  }
  auto target = board_body(app, caller, request);
  if (!target)
    return error_response(false, caller.lang, status_of(target.error().code), target.error());
  const auto& [stored, body] = *target;
  auto board = body_board(app.store(), stored, body);
  if (!board)
    return error_response(false, caller.lang, status_of(board.error().code), board.error());
  auto rows = board_rows(stored.campaign, *board, request.query_param("size"), caller.lang);
  if (!rows) return error_response(false, caller.lang, 400, rows.error());
  ExportTable t{"board", {}, {}};
  for (std::string_view key : {"where", "rank", "number", "title", "applicant", "sheets", "mean",
                               "trimmed_mean", "zscore", "chosen_value", "shortlist"}) {
    t.header.push_back(translate("column." + std::string(key), {}, caller.lang));
  }
  for (const BoardRow& r : rows->rows) {
    t.rows.push_back({r.where, r.rank, r.number, r.title, r.applicant, r.sheets, r.mean, r.trimmed,
                      r.zscore, r.value, verdict(r, caller.lang)});
  }
  auto response = table_download(t, format, "kczg-board-" + std::to_string(stored.campaign.year));
  if (!response) return error_response(false, caller.lang, 500, response.error());
  return std::move(*response);
}

}  // namespace

std::vector<RouteSpec> board_routes() {
  const std::vector<Role> body_admin{Role::review_body}, secretariat{Role::secretariat};
  std::vector<RouteSpec> routes;
  routes.push_back({Method::get, "/review/board", body_admin, false, 0, board_page});
  routes.push_back({Method::get, "/review/board/export", body_admin, false, 0, board_export});
  routes.push_back({Method::post, "/review/board/report", body_admin, false, 0, report});
  routes.push_back({Method::get, "/secretariat/review/board", secretariat, false, 0, board_page});
  routes.push_back(
      {Method::get, "/secretariat/review/board/export", secretariat, false, 0, board_export});
  return routes;
}

}  // namespace kczg::web
