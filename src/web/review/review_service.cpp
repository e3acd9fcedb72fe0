#include "web/review/review_service.hpp"

#include <algorithm>
#include <charconv>

#include "store/json_codec.hpp"

namespace kczg::web {
namespace {

Error not_linked(const Account& account) { return forbidden_role(account.role); }

// The body's plan, valid, and approved when `approved`.
Result<ReviewPlan> usable_plan(Store& store, long long campaign_id, const std::string& body,
                               bool approved) {
  auto plan = store.review_plan(campaign_id, body);
  if (!plan) return fail(plan.error());
  if (!*plan) {
    return fail(make_error(ErrorCode::plan_not_approved, "state", "none", "state_zh", "未报送",
                           "state_en", "not filed"));
  }
  if (auto problems = validate_plan(**plan); !problems.empty()) return fail(problems.front());
  if (approved) {
    if (auto can = check_review_can_start(**plan); !can) return fail(can.error());
  }
  return **plan;
}

}  // namespace

Result<ReviewBodyRef> administered_body(Store& store, const Account& account) {
  if (account.role != Role::review_body || !account.review_body_id) {
    return fail(not_linked(account));
  }
  return store.review_body_by_id(account.review_body_id);
}

Result<ExpertRef> reading_expert(Store& store, const Account& account) {
  if (account.role != Role::expert || !account.expert_id) return fail(not_linked(account));
  return store.expert_by_id(account.expert_id);
}

Result<review::AssignmentInputs> body_inputs(Store& store, const StoredCampaign& stored,
                                             const std::string& body_name, bool approved) {
  const ReviewBody* body = find_review_body(stored.campaign, body_name);
  if (!body) return fail(make_error(ErrorCode::review_body_unknown, "body", body_name));
  auto plan = usable_plan(store, stored.id, body_name, approved);
  if (!plan) return fail(plan.error());
  review::AssignmentInputs inputs;
  inputs.plan = std::move(*plan);
  const std::vector<Coverage>& covers = plan_coverage(inputs.plan, *body);
  auto units = store.units();
  if (!units) return fail(units.error());
  auto summaries = store.application_summaries(stored.id, {});
  if (!summaries) return fail(summaries.error());
  for (const ApplicationSummary& s : *summaries) {
    if (!review::in_review_scope(*body, covers, s.application)) continue;
    review::ReviewCandidate c{
        s.application, s.applicant_name, s.applicant_uscc, s.unit_name, "", {}};
    auto unit =
        std::ranges::find_if(*units, [&](const Unit& u) { return u.id == s.application.unit_id; });
    if (unit != units->end()) c.unit_uscc = unit->uscc;
    auto content = store.application_content(s.application.id);
    if (!content) return fail(content.error());
    c.values = store::values_from_json(*content);
    inputs.applications.push_back(std::move(c));
  }
  auto experts = store.experts(stored.id, body_name);
  if (!experts) return fail(experts.error());
  inputs.experts = std::move(*experts);
  auto declared = store.declared_conflicts(stored.id, body_name);
  if (!declared) return fail(declared.error());
  inputs.declared = std::move(*declared);
  auto rules = store.pair_rules(stored.id, body_name);
  if (!rules) return fail(rules.error());
  inputs.rules = std::move(*rules);
  auto aliases = store.aliases(stored.id, body_name);
  if (!aliases) return fail(aliases.error());
  inputs.aliases = std::move(*aliases);
  auto assigned = store.assignments(stored.id, body_name);
  if (!assigned) return fail(assigned.error());
  for (const ReviewAssignment& a : *assigned) {
    if (a.state == AssignmentState::declined) inputs.declined.push_back(a);
  }
  return inputs;
}

Result<review::AssignmentRun> assign_and_store(Store& store, const StoredCampaign& stored,
                                               const std::string& body,
                                               const review::AssignmentInputs& inputs,
                                               const Actor& actor, Instant now) {
  auto run = review::run_assignment(inputs);
  if (!run) return fail(run.error());
  if (auto saved = store.replace_assignments(stored.id, body, run->assignments, actor, now);
      !saved) {
    return fail(saved.error());
  }
  return run;
}

Result<review::Reassignment> swap_and_store(Store& store, const StoredCampaign& stored,
                                            const std::string& body,
                                            const review::AssignmentInputs& inputs,
                                            long long application, long long from, long long to,
                                            const Actor& actor, Instant now) {
  auto current = store.assignments(stored.id, body);
  if (!current) return fail(current.error());
  auto changed = review::reassign(inputs, *current, application, from, to);
  if (!changed) return fail(changed.error());
  if (changed->violations.empty()) {
    if (auto saved = store.replace_assignments(stored.id, body, changed->assignments, actor, now);
        !saved) {
      return fail(saved.error());
    }
  }
  return changed;
}

std::string violation_text(const review::AssignmentInputs& inputs, const review::Violation& v,
                           Lang lang) {
  auto application = [&](int i) {
    return i >= 0 && std::size_t(i) < inputs.applications.size()
               ? std::to_string(inputs.applications[std::size_t(i)].application.id)
               : "?";
  };
  auto expert = [&](int j) {
    return j >= 0 && std::size_t(j) < inputs.experts.size()
               ? std::to_string(inputs.experts[std::size_t(j)].id)
               : "?";
  };
  std::string sector;
  if (v.sector >= 0 && std::size_t(v.sector) < k_sectors.size()) {
    Sector s = k_sectors[std::size_t(v.sector)];
    sector = lang == Lang::zh ? sector_name_zh(s) : sector_name_en(s);
  }
  return translate("violation." + std::string(review::violation_kind_name(v.kind)),
                   {{"application", application(v.application)},
                    {"expert", expert(v.expert)},
                    {"sector", sector},
                    {"have", std::to_string(v.have)},
                    {"limit", std::to_string(v.limit)}},
                   lang);
}

std::optional<Instant> review_deadline(const Campaign& campaign, std::string_view body) {
  const ReviewBody* reviewer = find_review_body(campaign, body);
  const Phase* phase =
      find_phase(campaign, reviewer && reviewer->final_panel ? PhaseKind::final_review
                                                             : PhaseKind::preliminary_review);
  if (!phase) return std::nullopt;
  return phase->ends_at;
}

Result<ExpertSheet> save_expert_sheet(Store& store, const ExpertRef& expert, long long application,
                                      const SheetInput& input, const Actor& actor, Instant now,
                                      std::vector<Error>* problems) {
  auto stored = store.campaign_by_id(expert.body.campaign_id);
  if (!stored) return fail(stored.error());
  if (auto deadline = review_deadline(stored->campaign, expert.body.name);
      deadline && *deadline <= now) {
    return fail(make_error(ErrorCode::review_closed, "deadline", format_shanghai(*deadline)));
  }
  auto plan = usable_plan(store, stored->id, expert.body.name, true);
  if (!plan) return fail(plan.error());
  review::ScoreSheet sheet{expert.expert.id, application, input.scores};
  std::vector<Error> found = review::check_sheet(plan->criteria, sheet);
  // A draft may leave criteria for later; whatever it gives must still be a valid score.
  if (!input.submit) {
    std::erase_if(found, [](const Error& e) { return e.code == ErrorCode::score_missing; });
  }
  if (!found.empty()) {
    Error first = found.front();
    if (problems) *problems = std::move(found);
    return fail(first);
  }
  ExpertSheet record{application,
                     expert.expert.id,
                     input.scores,
                     input.comment,
                     input.submit ? SheetState::submitted : SheetState::draft,
                     {},
                     {}};
  return store.save_sheet(record, actor, now);
}

Result<Board> body_board(Store& store, const StoredCampaign& stored, const std::string& body_name) {
  const ReviewBody* body = find_review_body(stored.campaign, body_name);
  if (!body) return fail(make_error(ErrorCode::review_body_unknown, "body", body_name));
  auto plan = usable_plan(store, stored.id, body_name, false);
  if (!plan) return fail(plan.error());
  Board board;
  board.plan = std::move(*plan);
  const std::vector<Coverage>& covers = plan_coverage(board.plan, *body);
  auto summaries = store.application_summaries(stored.id, {});
  if (!summaries) return fail(summaries.error());
  std::map<long long, Coverage> where;
  for (ApplicationSummary& s : *summaries) {
    if (!review::in_review_results(*body, covers, s.application)) continue;
    where[s.application.id] = {s.application.list, s.application.field};
    board.applications.emplace(s.application.id, std::move(s));
  }
  auto experts = store.experts(stored.id, body_name);
  if (!experts) return fail(experts.error());
  std::map<long long, ExpertProgress> progress;
  for (Expert& e : *experts) {
    progress[e.id].expert = e;
    board.experts.emplace(e.id, std::move(e));
  }
  auto pairs = store.assignments(stored.id, body_name);
  if (!pairs) return fail(pairs.error());
  std::set<std::pair<long long, long long>> open;  // (application, expert) without a sheet
  for (const ReviewAssignment& a : *pairs) {
    ExpertProgress& p = progress[a.expert_id];
    if (a.state == AssignmentState::declined) {
      ++p.declined;
    } else {
      ++p.assigned;
      ++board.assigned;
      open.emplace(a.application_id, a.expert_id);
    }
  }
  auto sheets = store.sheets(stored.id, body_name);
  if (!sheets) return fail(sheets.error());
  std::vector<review::ScoreSheet> submitted;
  for (const ExpertSheet& s : *sheets) {
    if (s.state != SheetState::submitted) continue;
    submitted.push_back({s.expert_id, s.application_id, s.scores});
    ++progress[s.expert_id].submitted;
    ++board.submitted;
    open.erase({s.application_id, s.expert_id});
    if (!s.comment.empty()) board.comments[s.application_id].push_back(s.comment);
  }
  for (const auto& [application, expert] : open) board.pending.insert(application);
  for (auto& [id, p] : progress) board.progress.push_back(std::move(p));
  auto calibration = review::calibrate(board.plan.criteria, submitted);
  if (!calibration) return fail(calibration.error());
  board.calibration = std::move(*calibration);
  board.rankings = review::rank_applications(board.calibration, board.plan.aggregation, where);
  return board;
}

Result<int> shortlist_size(const Campaign& campaign, const review::Ranking& ranking,
                           std::string_view requested) {
  constexpr int k_max = 10000;
  if (requested.empty()) {
    const List* list = find_list(campaign, ranking.where.list);
    return list ? std::max(list->target_size, 1) : 1;
  }
  int value = 0;
  auto [end, ec] = std::from_chars(requested.data(), requested.data() + requested.size(), value);
  if (ec != std::errc{} || end != requested.data() + requested.size() || value < 1 ||
      value > k_max) {
    return fail(make_error(ErrorCode::shortlist_size_invalid, "value", std::string(requested),
                           "max", std::to_string(k_max), "field", "size"));
  }
  return value;
}

}  // namespace kczg::web
