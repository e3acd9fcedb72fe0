#include "web/review/final_review_service.hpp"

#include <algorithm>
#include <set>

#include "i18n/labels.hpp"
#include "web/review/review_service.hpp"

namespace kczg::web {
namespace {

using S = ApplicationState;

bool decided(S state) { return state == S::listed || state == S::not_listed; }

Error panel_scoring(const Campaign& campaign, const PanelScoring& panel) {
  return make_error(
      ErrorCode::final_panel_scoring, "body", panel.body, "count", std::to_string(panel.count),
      "list", panel.where.list, "field", panel.where.field, "where",
      where_label(campaign, panel.where.list, panel.where.field, Lang::zh), "where_en",
      where_label(campaign, panel.where.list, panel.where.field, Lang::en));
}

}  // namespace

Result<ShortlistReport> report_shortlist(Store& store, const StoredCampaign& stored,
                                         const std::string& body, std::string_view size,
                                         const Actor& actor, Instant now) {
  if (const ReviewBody* reviewer = find_review_body(stored.campaign, body);
      reviewer && reviewer->final_panel) {
    return fail(make_error(ErrorCode::final_panel_no_shortlist, "body", body));
  }
  auto board = body_board(store, stored, body);
  if (!board) return fail(board.error());
  std::size_t unscored = 0;
  for (const review::Ranking& r : board->rankings) unscored += r.unscored.size();
  if (unscored > 0) {
    return fail(
        make_error(ErrorCode::shortlist_unscored, "count", std::to_string(unscored), "body", body));
  }
  ShortlistReport report;
  std::vector<ApplicationMove> moves;
  for (const review::Ranking& ranking : board->rankings) {
    auto target = shortlist_size(stored.campaign, ranking, size);
    if (!target) return fail(target.error());
    review::Shortlist cut = review::shortlist(ranking, *target);
    std::set<long long> on(cut.chosen.begin(), cut.chosen.end());
    on.insert(cut.tied_at_cut.begin(), cut.tied_at_cut.end());
    for (const review::RankedApplication& e : ranking.entries) {
      long long id = e.score.application_id;
      S state = board->applications.at(id).application.state;
      if (state != S::eligible && state != S::under_review) continue;
      ApplicationMove move{id, {}, ""};
      if (state == S::eligible) move.actions.push_back(Action::start_review);
      bool chosen = on.contains(id);
      move.actions.push_back(chosen ? Action::shortlist : Action::reject_shortlist);
      moves.push_back(std::move(move));
      if (!chosen) {
        ++report.not_shortlisted;
      } else {
        ++report.shortlisted;
        report.tied_at_cut += std::ranges::count(cut.tied_at_cut, id) > 0;
      }
    }
  }
  if (auto moved = store.transition_all(moves, actor, now); !moved) return fail(moved.error());
  return report;
}

Result<FinalReview> load_final_review(Store& store, const StoredCampaign& stored) {
  FinalReview out;
  std::vector<review::Ranking> preliminary, panel;
  for (const ReviewBody& body : stored.campaign.review_bodies) {
    auto plan = store.review_plan(stored.id, body.name);
    if (!plan) return fail(plan.error());
    if (!*plan || (*plan)->state != PlanState::approved) continue;  // reviewed nothing
    auto board = body_board(store, stored, body.name);
    if (!board) return fail(board.error());
    for (review::Ranking& r : board->rankings) {
      std::erase_if(r.entries, [&](const review::RankedApplication& e) {
        S state = board->applications.at(e.score.application_id).application.state;
        return state != S::shortlisted && !decided(state);
      });
      if (body.final_panel) {
        int open = int(r.unscored.size());
        for (const review::RankedApplication& e : r.entries) {
          open += board->pending.contains(e.score.application_id);
        }
        if (open > 0) {
          out.waiting.push_back({r.where, body.name, open});
          continue;
        }
      }
      for (const review::RankedApplication& e : r.entries) {
        long long id = e.score.application_id;
        if (body.final_panel) {
          out.bodies[id] = body.name;
        } else {
          out.preliminary.try_emplace(id, PreliminaryScore{body.name, e.value});
          out.bodies.try_emplace(id, body.name);
        }
        out.applications.try_emplace(id, board->applications.at(id));
        if (auto said = board->comments.find(id); said != board->comments.end()) {
          for (const std::string& comment : said->second) {
            out.comments[id].push_back(body.name + ": " + comment);
          }
        }
      }
      (body.final_panel ? panel : preliminary).push_back(std::move(r));
    }
  }
  // The final panel's complete rankings stand where it ranks; the preliminary ones elsewhere.
  std::erase_if(preliminary, [&](const review::Ranking& r) {
    return std::ranges::any_of(panel, [&](const review::Ranking& p) { return p.where == r.where; });
  });
  std::erase_if(out.preliminary,
                [&](const auto& entry) { return out.bodies.at(entry.first) == entry.second.body; });
  preliminary.insert(preliminary.end(), std::make_move_iterator(panel.begin()),
                     std::make_move_iterator(panel.end()));
  out.lists = review::final_proposal(stored.campaign, preliminary);
  return out;
}

const PanelScoring* waiting_for_panel(const FinalReview& review, const Coverage& where) {
  auto it = std::ranges::find(review.waiting, where, &PanelScoring::where);
  return it == review.waiting.end() ? nullptr : &*it;
}

FinalPlace find_candidate(const FinalReview& review, long long application) {
  for (const review::FinalList& list : review.lists) {
    for (const review::FinalTable& table : list.tables) {
      for (const review::FinalRow& row : table.rows) {
        if (row.entry.score.application_id == application) return {&table, &row};
      }
    }
  }
  return {};
}

Result<ApplicationState> decide_final(Store& store, const StoredCampaign& stored,
                                      long long application, std::string_view choice,
                                      std::string_view reason, const Actor& actor, Instant now) {
  std::optional<review::FinalChoice> picked;
  if (choice == "listed") picked = review::FinalChoice::listed;
  if (choice == "not_listed") picked = review::FinalChoice::not_listed;
  if (!picked && choice != "reconsider") {
    return fail(make_error(ErrorCode::field_invalid, "field", "choice", "detail",
                           "listed | not_listed | reconsider"));
  }
  auto review = load_final_review(store, stored);
  if (!review) return fail(review.error());
  FinalPlace place = find_candidate(*review, application);
  if (!place.row) {
    return fail(
        make_error(ErrorCode::application_not_found, "application", std::to_string(application)));
  }
  if (!picked) return store.transition(application, Action::reconsider, actor, reason, now);
  if (const PanelScoring* panel = waiting_for_panel(*review, place.table->where)) {
    return fail(panel_scoring(stored.campaign, *panel));
  }
  if (auto ok = review::check_final_choice(*place.table, *place.row, *picked, reason); !ok) {
    return fail(ok.error());
  }
  Action action = *picked == review::FinalChoice::listed ? Action::list : Action::reject_list;
  return store.transition(application, action, actor, reason, now);
}

Result<ProposalApplied> apply_final_proposal(Store& store, const StoredCampaign& stored,
                                             const Actor& actor, Instant now) {
  auto review = load_final_review(store, stored);
  if (!review) return fail(review.error());
  ProposalApplied out;
  std::vector<ApplicationMove> moves;
  for (const review::FinalList& list : review->lists) {
    for (const review::FinalTable& table : list.tables) {
      bool waiting = waiting_for_panel(*review, table.where) != nullptr;
      for (const review::FinalRow& row : table.rows) {
        long long id = row.entry.score.application_id;
        if (review->applications.at(id).application.state != S::shortlisted) continue;
        if (row.tied_at_cut || waiting) {
          ++out.left;
          continue;
        }
        moves.push_back({id, {row.proposed ? Action::list : Action::reject_list}, ""});
        ++(row.proposed ? out.listed : out.not_listed);
      }
    }
  }
  if (auto moved = store.transition_all(moves, actor, now); !moved) return fail(moved.error());
  return out;
}

}  // namespace kczg::web
