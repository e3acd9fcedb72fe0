// Preliminary review (初评) in the simulation: the secretariat appoints bodies where the
// campaign names none, each body files its plan and the secretariat approves it, pools are
// imported, the exact assignment runs (web/review, as the pages run it), experts score
// with their own harshness, and each body's calibrated board is shortlisted.
#include <algorithm>
#include <atomic>
#include <cmath>

#include "cli/simulate_run.hpp"
#include "review/scoring.hpp"
#include "web/review/review_service.hpp"

namespace kczg::cli {
namespace {

using Clock = std::chrono::steady_clock;

Actor body_actor(const std::string& body) { return {Role::review_body, "simulate:body:" + body}; }
const Actor k_secretariat{Role::secretariat, "simulate:secretariat"};

struct BodyState {
  const sim::SimBody* body = nullptr;
  std::map<long long, const sim::SimExpert*> experts;  // by stored id
  std::map<long long, std::size_t> expert_number;      // stored id → position in the pool
  std::vector<ReviewAssignment> pairs;
};

Result<void> set_up(SimulationRun& run, std::vector<BodyState>& states) {
  Instant at = run.into(PhaseKind::preliminary_review, 0.5);
  for (const sim::SimBody& b : run.world.bodies) {
    if (b.appoint) {
      if (auto r = run.store.appoint_review_body(run.stored.id, b.body, k_secretariat, at); !r) {
        return fail(r.error());
      }
    }
  }
  auto reloaded = run.store.campaign_by_id(run.stored.id);
  if (!reloaded) return fail(reloaded.error());
  run.stored = std::move(*reloaded);
  for (const sim::SimBody& b : run.world.bodies) {
    const std::string& name = b.body.name;
    Actor admin = body_actor(name);
    if (auto r = run.store.save_review_plan(run.stored.id, b.plan, admin, at); !r) {
      return fail(r.error());
    }
    auto filed = run.store.act_on_review_plan(run.stored.id, name, PlanAction::file, "", admin,
                                              run.into(PhaseKind::preliminary_review, 0.8));
    if (!filed) return fail(filed.error());
    auto approved =
        run.store.act_on_review_plan(run.stored.id, name, PlanAction::approve, "", k_secretariat,
                                     run.into(PhaseKind::preliminary_review, 1.5));
    if (!approved) return fail(approved.error());
    std::vector<Expert> experts;
    for (const sim::SimExpert& e : b.experts) experts.push_back(e.expert);
    auto ids = run.store.add_experts(run.stored.id, name, experts, admin,
                                     run.into(PhaseKind::preliminary_review, 2));
    if (!ids) return fail(ids.error());
    BodyState state{&b, {}, {}, {}};
    for (std::size_t k = 0; k < ids->size(); ++k) {
      state.experts[(*ids)[k]] = &b.experts[k];
      state.expert_number[(*ids)[k]] = k;
    }
    states.push_back(std::move(state));
    run.tallies.experts += int(ids->size());
  }
  run.tallies.bodies = int(states.size());
  return {};
}

Result<void> assign(SimulationRun& run, std::vector<BodyState>& states) {
  Instant at = run.into(PhaseKind::preliminary_review, 4);
  constexpr double k_scale = review::AssignmentProblem{}.affinity_scale;
  for (BodyState& state : states) {
    const std::string& name = state.body->body.name;
    auto inputs = web::body_inputs(run.store, run.stored, name, true);
    if (!inputs) return fail(inputs.error());
    auto assigned =
        web::assign_and_store(run.store, run.stored, name, *inputs, body_actor(name), at);
    if (!assigned) return fail(assigned.error());
    const review::AssignmentResult& r = assigned->result;
    run.tallies.objective += double(r.objective) / k_scale;
    run.tallies.optimal = run.tallies.optimal && r.objective == r.bound;
    run.tallies.pairs += (long long)assigned->assignments.size();
    run.tallies.conflicts += int(assigned->conflicts.size());
    run.tallies.unstaffed += int(r.unstaffed.size());
    state.pairs = assigned->assignments;
    const std::vector<review::ReviewCandidate>& in = inputs->applications;
    auto started = in_parallel(in.size(), [&](std::size_t k) -> Result<void> {
      auto moved = run.store.transition(in[k].application.id, Action::start_review,
                                        body_actor(name), "", at + std::chrono::hours(2));
      if (!moved) return fail(moved.error());
      return {};
    });
    if (!started) return started;
  }
  return {};
}

struct PendingSheet {
  Instant at;
  const BodyState* state;
  ExpertSheet sheet;
};

Result<void> score(SimulationRun& run, std::vector<BodyState>& states) {
  std::vector<PendingSheet> pending;
  for (const BodyState& state : states) {
    for (const ReviewAssignment& pair : state.pairs) {
      std::size_t application = run.application_index.at(pair.application_id);
      std::uint64_t seed = sim::derive_seed(run.seed, 0x5C0'0000'0000ULL + application * 4096 +
                                                          state.expert_number.at(pair.expert_id));
      const sim::SimExpert& expert = *state.experts.at(pair.expert_id);
      auto scores =
          sim::sheet_scores(state.body->plan, run.world.applications[application], expert, seed);
      // Between the sixth day and a few days before the deadline, spread by the same seed.
      double day = 5 + double(seed % 1'000'000) / 1'000'000.0 * 18;
      pending.push_back(
          {run.into(PhaseKind::preliminary_review, day), &state,
           ExpertSheet{
               pair.application_id, pair.expert_id, scores, "", SheetState::submitted, {}, {}}});
    }
  }
  std::ranges::sort(pending, {}, [](const PendingSheet& p) {
    return std::tie(p.at, p.sheet.application_id, p.sheet.expert_id);
  });
  for (const PendingSheet& p : pending) {
    // As save_expert_sheet checks a submission: every criterion, each within its scale.
    review::ScoreSheet check{p.sheet.expert_id, p.sheet.application_id, p.sheet.scores};
    if (auto problems = review::check_sheet(p.state->body->plan.criteria, check);
        !problems.empty()) {
      return fail(problems.front());
    }
  }
  std::atomic<std::size_t> saved_count{0};
  auto saved = in_parallel(pending.size(), [&](std::size_t k) -> Result<void> {
    const PendingSheet& p = pending[k];
    auto saved = run.store.save_sheet(
        p.sheet, {Role::expert, "simulate:expert:" + std::to_string(p.sheet.expert_id)}, p.at);
    if (!saved) return fail(saved.error());
    std::size_t n = ++saved_count;
    if (n % std::max<std::size_t>(1, pending.size() / 5) == 0) {
      run.progress("scoring", n, pending.size());
    }
    return {};
  });
  if (!saved) return saved;
  run.tallies.sheets = int(pending.size());
  return {};
}

Result<void> shortlist(SimulationRun& run, std::vector<BodyState>& states) {
  Instant at = run.into(PhaseKind::preliminary_review, -3);
  std::vector<web::Board> boards;
  std::map<std::string, std::size_t> ranked_per_list;
  for (const BodyState& state : states) {
    auto board = web::body_board(run.store, run.stored, state.body->body.name);
    if (!board) return fail(board.error());
    for (const review::Ranking& r : board->rankings)
      ranked_per_list[r.where.list] += r.entries.size();
    for (const review::ExpertCalibration& e : board->calibration.experts) {
      // Deviations are on the 0–100 scale of a sheet's total.
      if (e.deviation <= -8) ++run.tallies.harsh;
      if (e.deviation >= 8) ++run.tallies.lenient;
    }
    boards.push_back(std::move(*board));
  }
  for (std::size_t b = 0; b < boards.size(); ++b) {
    Actor admin = body_actor(states[b].body->body.name);
    for (const review::Ranking& r : boards[b].rankings) {
      // Twice the list's target (at the run's scale) goes on to final review, shared by the
      // fields as ranked.
      const List* list = find_list(run.stored.campaign, r.where.list);
      double share = double(r.entries.size()) /
                     double(std::max<std::size_t>(1, ranked_per_list[r.where.list]));
      double target = 2.0 * (list ? list->target_size : 1) * run.scale;
      int wanted = std::max(1, int(std::floor(target * share + 0.5)));
      auto size = web::shortlist_size(run.stored.campaign, r, std::to_string(wanted));
      if (!size) return fail(size.error());
      review::Shortlist chosen = review::shortlist(r, *size);
      // Ties at the cut go through together: the secretariat records why at final review.
      std::vector<long long> in = chosen.chosen;
      in.insert(in.end(), chosen.tied_at_cut.begin(), chosen.tied_at_cut.end());
      auto moved = in_parallel(r.entries.size(), [&](std::size_t k) -> Result<void> {
        long long id = r.entries[k].score.application_id;
        bool listed = std::ranges::find(in, id) != in.end();
        auto to = run.store.transition(id, listed ? Action::shortlist : Action::reject_shortlist,
                                       admin, "", at);
        if (!to) return fail(to.error());
        return {};
      });
      if (!moved) return moved;
      run.tallies.shortlists.push_back(
          {r.where.list, r.where.field, int(r.entries.size()), int(in.size())});
      run.tallies.unscored += int(r.unscored.size());
    }
  }
  std::ranges::sort(run.tallies.shortlists, {}, [](const SimulationTallies::Shortlisted& s) {
    return std::tie(s.list, s.field);
  });
  return {};
}

}  // namespace

Result<void> simulate_review(SimulationRun& run) {
  std::vector<BodyState> states;
  using Step = Result<void> (*)(SimulationRun&, std::vector<BodyState>&);
  const std::pair<const char*, Step> steps[] = {{"review_setup", set_up},
                                                {"assignment", assign},
                                                {"scoring", score},
                                                {"shortlist", shortlist}};
  for (const auto& [name, step] : steps) {
    auto began = Clock::now();
    *run.ctx.err << "kczg simulate: " << name << "\n";
    if (auto done = step(run, states); !done) return done;
    run.times.push_back({name, elapsed_ms(began)});
  }
  return {};
}

}  // namespace kczg::cli
