// The collection phase (组织征集) in the simulation: applicants register, start drafts, fill
// and submit them (most on the last days), units recommend within their quotas or return
// them, some are resubmitted or withdrawn — each at its instant of the simulated clock.
//
// Application ids follow the order drafts were started, the same for the same seed; the
// other steps run in waves of independent steps (no two of one application, no two on one
// unit's quota for a list and field) on several threads, in the order of the clock from
// wave to wave, so their outcome is the same however the threads interleave.
#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include "cli/simulate_run.hpp"
#include "store/json_codec.hpp"

namespace kczg::cli {
namespace {

enum class Step { fill, submit, unit_acts, resubmit, recommend, withdraw };

struct Event {
  Instant at;
  std::size_t application;
  Step step;
};

std::vector<Event> collection_events(const sim::World& world) {
  std::vector<Event> events;
  for (std::size_t i = 0; i < world.applications.size(); ++i) {
    const sim::SimApplication& a = world.applications[i];
    events.push_back({a.started_at, i, Step::fill});
    if (a.submitted_at) events.push_back({*a.submitted_at, i, Step::submit});
    if (a.unit_acts_at) events.push_back({*a.unit_acts_at, i, Step::unit_acts});
    if (a.resubmitted_at) events.push_back({*a.resubmitted_at, i, Step::resubmit});
    if (a.recommended_at) events.push_back({*a.recommended_at, i, Step::recommend});
    if (a.withdrawn_at) events.push_back({*a.withdrawn_at, i, Step::withdraw});
  }
  std::ranges::sort(events, {},
                    [](const Event& e) { return std::tie(e.at, e.application, e.step); });
  return events;
}

template <typename T>
Result<void> done(const Result<T>& result) {
  if (!result) return fail(result.error());
  return {};
}

Result<void> recommend(SimulationRun& run, std::size_t i, Instant at) {
  long long unit = run.unit_ids[run.world.applications[i].unit];
  auto recommended = run.store.recommend(run.application_ids[i], unit, unit_actor(unit), at);
  if (!recommended && recommended.error().code == ErrorCode::quota_exhausted) {
    ++run.refused_for_quota;  // it stays submitted, as on the unit's page
    return {};
  }
  return recommended;
}

Result<void> play(SimulationRun& run, const Event& e) {
  const sim::SimApplication& a = run.world.applications[e.application];
  long long id = run.application_ids[e.application];
  Actor applicant = applicant_actor(run.applicant_ids[a.applicant]);
  switch (e.step) {
    case Step::fill: {
      Draft form{a.title, a.field, run.unit_ids[a.unit], store::values_to_json(a.values)};
      return done(run.store.save_draft(id, form, applicant, e.at));
    }
    case Step::submit:
    case Step::resubmit:
      // What the submission page checks before the store is asked (web/applications).
      if (auto problems = validate_form(*form_for(a.list), a.values); !problems.empty()) {
        return fail(problems.front());
      }
      return done(run.store.submit(id, applicant, e.at));
    case Step::unit_acts:
      if (a.return_reason.empty()) return recommend(run, e.application, e.at);
      return done(run.store.transition(id, Action::return_to_applicant,
                                       unit_actor(run.unit_ids[a.unit]), a.return_reason, e.at));
    case Step::recommend:
      return recommend(run, e.application, e.at);
    case Step::withdraw:
      return done(run.store.transition(id, Action::withdraw, applicant, "", e.at));
  }
  return {};
}

// Whether the step counts against a unit's quota.
bool recommends(const sim::SimApplication& a, Step step) {
  return step == Step::recommend || (step == Step::unit_acts && a.return_reason.empty());
}

// Registers the applicants and creates their drafts one after another in the order the
// drafts were started, so that their ids are the same for the same seed, while the other
// steps go on beside it (their writes share its transactions); a step waits for its
// application's draft.
class Drafts {
 public:
  explicit Drafts(SimulationRun& run) : m_run(run), m_rank(run.world.applications.size()) {
    const sim::World& w = run.world;
    run.applicant_ids.assign(w.applicants.size(), 0);
    run.application_ids.assign(w.applications.size(), 0);
    m_order.resize(w.applications.size());
    for (std::size_t i = 0; i < m_order.size(); ++i) m_order[i] = i;
    std::ranges::sort(m_order, [&](std::size_t x, std::size_t y) {
      const Instant &a = w.applications[x].started_at, &b = w.applications[y].started_at;
      return a < b || (a == b && x < y);
    });
    for (std::size_t k = 0; k < m_order.size(); ++k) m_rank[m_order[k]] = k;
    m_thread = std::jthread([this] { create_all(); });
  }

  // Waits until the drafts of `applications` exist; the creator's error if it failed.
  Result<void> wait_for(const std::set<std::size_t>& applications) {
    std::size_t need = 0;
    for (std::size_t i : applications) need = std::max(need, m_rank[i] + 1);
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_created >= need || m_error; });
    if (m_error) return fail(*m_error);
    return {};
  }

 private:
  void create_all() {
    for (std::size_t i : m_order) {
      const sim::SimApplication& a = m_run.world.applications[i];
      if (auto registered = register_applicant(a); !registered) {
        std::lock_guard lock(m_mutex);
        m_error = registered.error();
        m_changed.notify_all();
        return;
      }
      Application draft;
      draft.campaign_id = m_run.stored.id;
      draft.applicant_id = m_run.applicant_ids[a.applicant];
      draft.list = a.list;
      draft.field = a.field;
      draft.unit_id = m_run.unit_ids[a.unit];
      draft.title = a.title;
      auto id =
          m_run.store.create_application(draft, applicant_actor(draft.applicant_id), a.started_at);
      std::lock_guard lock(m_mutex);
      if (!id) {
        m_error = id.error();
      } else {
        m_run.application_ids[i] = *id;
        m_run.application_index[*id] = i;
        ++m_created;
      }
      m_changed.notify_all();
      if (!id) return;
    }
  }

  Result<void> register_applicant(const sim::SimApplication& a) {
    long long& id = m_run.applicant_ids[a.applicant];
    if (id) return {};
    auto added = m_run.store.add_applicant(m_run.world.applicants[a.applicant],
                                           {Role::applicant, "simulate:register"}, a.started_at);
    if (!added) return fail(added.error());
    id = *added;
    return {};
  }

  SimulationRun& m_run;
  std::vector<std::size_t> m_order;  // applications by the instant they were started
  std::vector<std::size_t> m_rank;   // their position in m_order
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::size_t m_created = 0;     // GUARDED_BY(m_mutex)
  std::optional<Error> m_error;  // GUARDED_BY(m_mutex)
  std::jthread m_thread;         // last: joined before the rest goes
};

}  // namespace

Result<void> simulate_collection(SimulationRun& run) {
  Drafts drafts(run);
  std::vector<Event> events = collection_events(run.world);
  constexpr std::size_t k_wave = 64;
  std::size_t step = std::max<std::size_t>(1, events.size() / 10), reported = 0;
  for (std::size_t from = 0; from < events.size();) {
    std::set<std::size_t> applications;
    std::set<std::tuple<std::size_t, std::string, std::string>> quotas;
    std::size_t to = from;
    for (; to < events.size() && to - from < k_wave; ++to) {
      const Event& e = events[to];
      const sim::SimApplication& a = run.world.applications[e.application];
      if (!applications.insert(e.application).second) break;
      if (recommends(a, e.step) && !quotas.insert({a.unit, a.list, a.field}).second) break;
    }
    if (auto ready = drafts.wait_for(applications); !ready) return ready;
    auto played =
        in_parallel(to - from, [&](std::size_t k) { return play(run, events[from + k]); });
    if (!played) return played;
    from = to;
    if (from / step > reported) {
      reported = from / step;
      run.progress("collection", from, events.size());
    }
  }
  run.tallies.refused_for_quota = run.refused_for_quota;
  return {};
}

}  // namespace kczg::cli
