// kczg simulate: a whole campaign played into a fresh campaign of the database, from the
// call to the preliminary review's shortlist, through the store as the server drives it.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>
#include <tuple>

#include "cli/commands.hpp"
#include "cli/simulate_run.hpp"
#include "cli/simulate_summary.hpp"
#include "domain/division.hpp"
#include "domain/presets.hpp"

namespace kczg::cli {

Instant SimulationRun::into(PhaseKind kind, double days) const {
  const Phase* phase = find_phase(stored.campaign, kind);
  Instant from = days < 0 ? *phase->ends_at : *phase->starts_at;
  auto offset = std::chrono::duration<double, std::ratio<86400>>(days);
  return std::chrono::floor<std::chrono::seconds>(
      from + std::chrono::duration_cast<std::chrono::microseconds>(offset));
}

void SimulationRun::progress(std::string_view phase, std::size_t done, std::size_t total) const {
  static std::mutex lines;  // parallel steps report too
  std::lock_guard<std::mutex> lock(lines);
  *ctx.err << "kczg simulate: " << phase << " " << done << "/" << total << "\n";
}

Actor applicant_actor(long long id) {
  return {Role::applicant, "simulate:applicant:" + std::to_string(id)};
}

Actor unit_actor(long long id) { return {Role::unit, "simulate:unit:" + std::to_string(id)}; }

Result<void> in_parallel(std::size_t count, const std::function<Result<void>(std::size_t)>& task) {
  constexpr std::size_t k_threads = 16;  // enough waiting writers to fill a group commit
  std::vector<std::optional<Error>> errors(count);
  std::atomic<std::size_t> next{0};
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 0; t < std::min(k_threads, count); ++t) {
      workers.emplace_back([&] {
        for (std::size_t i = next++; i < count; i = next++) {
          if (auto done = task(i); !done) errors[i] = done.error();
        }
      });
    }
  }
  for (std::optional<Error>& e : errors) {
    if (e) return fail(std::move(*e));
  }
  return {};
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

Result<void> simulate_setup(SimulationRun& run) {
  Instant at = run.into(PhaseKind::collection, -70);
  std::vector<UnitRow> rows;
  for (const Unit& u : run.world.units) {
    std::string channels;
    for (const std::string& c : u.channels) channels += (channels.empty() ? "" : ";") + c;
    rows.push_back({int(rows.size()) + 2, u.name, u.uscc, channels, u.region, u.contact});
  }
  auto stored_usccs = run.store.unit_usccs();
  if (!stored_usccs) return fail(stored_usccs.error());
  auto units = check_unit_rows(run.stored.campaign, rows, gb2260(), *stored_usccs);
  if (!units) return fail(units.error().front());
  Actor secretariat{Role::secretariat, "simulate:secretariat"};
  auto ids = run.store.add_units(*units, secretariat, at);
  if (!ids) return fail(ids.error());
  run.unit_ids = std::move(*ids);
  if (auto added = run.store.add_listed_entries(run.world.listed, secretariat, at); !added) {
    return fail(added.error());
  }
  return {};
}

int run_simulate(const Context& ctx, const SimulateOptions& options) {
  auto start = std::chrono::steady_clock::now();
  auto campaign = campaign_preset(options.preset);
  if (!campaign) return report(ctx, campaign.error());
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  Store& s = **store;
  // A fresh campaign or none: a simulation never mixes into a real one.
  if (auto existing = s.campaign_by_year(campaign->year); existing) {
    return report(ctx,
                  make_error(ErrorCode::campaign_exists, "year", std::to_string(campaign->year)));
  }
  const Phase* collection = find_phase(*campaign, PhaseKind::collection);
  Instant created = *collection->starts_at - std::chrono::days(70);
  auto id = s.create_campaign(*campaign, {Role::secretariat, "simulate:secretariat"}, created);
  if (!id) return report(ctx, id.error());
  auto stored = s.campaign_by_id(*id);
  if (!stored) return report(ctx, stored.error());
  sim::World world = sim::make_world(stored->campaign, options.scale, options.seed);
  SimulationRun run{ctx, s, std::move(*stored), world, options.seed, options.scale, {}, {}, {}, {},
                    {},  {}};
  run.times.push_back({"generate", elapsed_ms(start)});
  using PhaseRun = Result<void> (*)(SimulationRun&);
  const std::pair<const char*, PhaseRun> phases[] = {{"setup", simulate_setup},
                                                     {"collection", simulate_collection},
                                                     {"formal_check", simulate_formal_check},
                                                     {"review", simulate_review}};
  for (const auto& [name, phase] : phases) {
    auto began = std::chrono::steady_clock::now();
    *ctx.err << "kczg simulate: " << name << "\n";
    if (auto ran = phase(run); !ran) return report(ctx, ran.error());
    if (std::string_view(name) != "review") run.times.push_back({name, elapsed_ms(began)});
  }
  auto began = std::chrono::steady_clock::now();
  auto summary = simulation_summary(run);
  if (!summary) return report(ctx, summary.error());
  run.times.push_back({"summary", elapsed_ms(began)});
  run.times.push_back({"total", elapsed_ms(start)});
  summary->times = run.times;
  *ctx.out << (options.json ? summary_json(*summary) : summary_text(*summary, ctx.lang));
  return k_exit_ok;
}

}  // namespace kczg::cli
