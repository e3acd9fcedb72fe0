#include "web/notice/substitution.hpp"

#include <set>

namespace kczg::web {
namespace {

// Applications an upheld objection took off.
std::set<long long> taken_off(const std::vector<Objection>& objections) {
  std::set<long long> out;
  for (const Objection& o : objections) {
    if (o.state == ObjectionState::upheld) out.insert(o.application_id);
  }
  return out;
}

int listed_in(const FinalReview& review, const review::FinalList& list) {
  int listed = 0;
  for (const auto& [id, s] : review.applications) {
    listed += s.application.list == list.list && s.application.state == ApplicationState::listed;
  }
  return listed;
}

}  // namespace

Result<Substitution> freed_seats(Store& store, const StoredCampaign& stored,
                                 const std::vector<Objection>& objections) {
  auto review = load_final_review(store, stored);
  if (!review) return fail(review.error());
  std::set<long long> off = taken_off(objections);
  Substitution out{std::move(*review), {}};
  for (const review::FinalList& list : out.review.lists) {
    std::set<std::string> freed_fields;
    std::set<long long> available;
    for (const auto& [id, s] : out.review.applications) {
      if (s.application.list != list.list) continue;
      if (off.contains(id)) {
        freed_fields.insert(s.application.field);
      } else if (s.application.state == ApplicationState::not_listed) {
        available.insert(id);
      }
    }
    int listed = listed_in(out.review, list);
    if (freed_fields.empty() || listed >= list.target) continue;
    FreedSeats seats{list.list, listed, list.target, {}};
    for (const review::Substitute& s : review::substitutes(list, available, freed_fields)) {
      seats.candidates.push_back({s.row->entry.score.application_id, s.table->where.field,
                                  s.row->entry.rank, s.row->entry.value});
    }
    out.lists.push_back(std::move(seats));
  }
  return out;
}

Result<ApplicationState> substitute(Store& store, const StoredCampaign& stored,
                                    long long application, std::string_view reason,
                                    const Actor& actor, Instant now) {
  auto review = load_final_review(store, stored);
  if (!review) return fail(review.error());
  FinalPlace place = find_candidate(*review, application);
  if (!place.row) {
    return fail(make_error(ErrorCode::application_not_found, "id", std::to_string(application)));
  }
  auto objections = store.objections(stored.id);
  if (!objections) return fail(objections.error());
  if (taken_off(*objections).contains(application)) {
    return fail(
        make_error(ErrorCode::substitute_objected, "application", std::to_string(application)));
  }
  const std::string& code = review->applications.at(application).application.list;
  for (const review::FinalList& list : review->lists) {
    if (list.list != code) continue;
    int listed = listed_in(*review, list);
    if (listed >= list.target) {
      const List* l = find_list(stored.campaign, code);
      return fail(make_error(ErrorCode::substitute_no_seat, "list", l ? l->name_zh : code,
                             "list_en", l ? l->name_en : code, "listed", std::to_string(listed),
                             "target", std::to_string(list.target)));
    }
  }
  return store.transition(application, Action::substitute, actor, reason, now);
}

}  // namespace kczg::web
