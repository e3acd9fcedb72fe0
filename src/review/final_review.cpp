#include "review/final_review.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace kczg::review {
namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// One field's proposal: the best `seats` of its ranking, a tie at the cut left open.
FinalTable propose(Ranking ranking, int seats) {
  Shortlist cut = shortlist(ranking, seats);
  std::set<long long> chosen(cut.chosen.begin(), cut.chosen.end());
  std::set<long long> tied(cut.tied_at_cut.begin(), cut.tied_at_cut.end());
  FinalTable table{ranking.where, seats, {}, cut.seats_left};
  for (RankedApplication& e : ranking.entries) {
    long long id = e.score.application_id;
    table.rows.push_back({std::move(e), chosen.contains(id), tied.contains(id)});
  }
  return table;
}

}  // namespace

std::vector<int> field_seats(int target, std::span<const int> candidates) {
  long long total = std::accumulate(candidates.begin(), candidates.end(), 0LL);
  if (target >= total) return {candidates.begin(), candidates.end()};
  // Below the total, each whole share is under the field's candidates (target·c/total < c),
  // so the one more seat a remainder may give never exceeds them either.
  std::vector<int> seats(candidates.size(), 0);
  std::vector<std::pair<long long, std::size_t>> remainders;  // (remainder × total, field)
  int given = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    long long share = (long long)std::max(target, 0) * candidates[i];
    seats[i] = int(share / total);
    given += seats[i];
    remainders.emplace_back(share % total, i);
  }
  std::ranges::sort(remainders, [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    if (candidates[a.second] != candidates[b.second]) {
      return candidates[a.second] > candidates[b.second];
    }
    return a.second < b.second;
  });
  for (std::size_t k = 0; given < std::max(target, 0) && k < remainders.size(); ++k, ++given) {
    ++seats[remainders[k].second];
  }
  return seats;
}

std::vector<FinalList> final_proposal(const Campaign& campaign, std::span<const Ranking> rankings) {
  // Candidates per (list, field), merged across rankings, each application once.
  std::map<std::pair<std::string, std::string>, std::vector<RankedApplication>> merged;
  std::set<long long> seen;
  Aggregation method = Aggregation::trimmed_mean;
  for (const Ranking& r : rankings) {
    method = r.method;
    auto& into = merged[{r.where.list, r.where.field}];
    for (const RankedApplication& e : r.entries) {
      if (seen.insert(e.score.application_id).second) into.push_back(e);
    }
  }
  std::vector<FinalList> out;
  for (const List& list : campaign.lists) {
    std::vector<std::string> fields;
    for (const Field& f : list.fields) fields.push_back(f.code);
    if (fields.empty()) fields.push_back("");
    std::vector<int> candidates;
    for (const std::string& f : fields) {
      auto it = merged.find({list.code, f});
      candidates.push_back(it == merged.end() ? 0 : int(it->second.size()));
    }
    if (std::accumulate(candidates.begin(), candidates.end(), 0) == 0) continue;
    std::vector<int> seats = field_seats(list.target_size, candidates);
    FinalList fl{list.code, list.target_size, {}};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (candidates[i] == 0) continue;
      Coverage where{list.code, fields[i]};
      Ranking ranking = rank_entries(where, method, std::move(merged[{list.code, fields[i]}]));
      fl.tables.push_back(propose(std::move(ranking), seats[i]));
    }
    out.push_back(std::move(fl));
  }
  return out;
}

std::string_view final_choice_name(FinalChoice choice) {
  return choice == FinalChoice::listed ? "listed" : "not_listed";
}

bool departs_from_proposal(const FinalRow& row, FinalChoice choice) {
  if (row.tied_at_cut) return true;
  return row.proposed != (choice == FinalChoice::listed);
}

Result<void> check_final_choice(const FinalTable& table, const FinalRow& row, FinalChoice choice,
                                std::string_view reason) {
  if (!departs_from_proposal(row, choice) || !blank(reason)) return {};
  return fail(make_error(ErrorCode::final_reason_missing, "application",
                         std::to_string(row.entry.score.application_id), "rank",
                         std::to_string(row.entry.rank), "seats", std::to_string(table.seats),
                         "choice", std::string(final_choice_name(choice))));
}

std::vector<Substitute> substitutes(const FinalList& list, const std::set<long long>& available,
                                    const std::set<std::string>& freed_fields) {
  std::vector<Substitute> out;
  for (const FinalTable& table : list.tables) {
    for (const FinalRow& row : table.rows) {
      if (available.contains(row.entry.score.application_id)) out.push_back({&table, &row});
    }
  }
  auto key = [&](const Substitute& s) {
    return std::tuple(!freed_fields.contains(s.table->where.field), -s.row->entry.value,
                      s.row->entry.rank, s.row->entry.score.application_id);
  };
  std::ranges::stable_sort(out, {}, key);
  return out;
}

}  // namespace kczg::review
