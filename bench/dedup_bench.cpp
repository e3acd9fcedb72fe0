// Duplicate detection at the sizes: a generated world (tests/match/dedup_world)
// of `--prior` earlier-year entries and `--apps` applications, about 30% of them planted
// repeats of five kinds and as many near misses.
//
//   build/bench/dedup_bench --prior N --apps M [--seed S]
//
// Prints one JSON line:
//   ms_per_app        mean time to check one application against the prior entries
//   index_seconds     building the index over the prior entries
//   campaign_seconds  the whole campaign: every application against the prior entries,
//                     plus an index over the applications and each against the others
//   peak_rss_mb       the process peak (getrusage), generator included
//   precision, recall pair-level, against the planted repeats
// Times are CPU seconds of this thread (clock_gettime THREAD_CPUTIME), which other load on
// the machine disturbs less than wall time; wall seconds are printed too.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "bench_clock.hpp"
#include "match/dedup_world.hpp"
#include "match/duplicates.hpp"

namespace {

using kczg::bench::peak_rss_mb;
using kczg::bench::thread_cpu_seconds;

using kczg::match::DuplicateHit;
using kczg::match::DuplicateIndex;

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "dedup_bench: %s\nusage: dedup_bench --prior N --apps M [--seed S]\n", why);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t prior = 0, apps = 0;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--prior") {
      prior = std::stoul(argv[i + 1]);
    } else if (flag == "--apps") {
      apps = std::stoul(argv[i + 1]);
    } else if (flag == "--seed") {
      seed = std::stoull(argv[i + 1]);
    } else {
      usage("unknown flag");
    }
  }
  if (argc % 2 == 0 || prior == 0 || apps == 0) usage("--prior and --apps are required");

  kczg::match::testing::DedupWorld world = kczg::match::testing::make_world(prior, apps, seed);
  double wall = wall_seconds();
  double t0 = thread_cpu_seconds();
  DuplicateIndex index(world.prior);
  double t1 = thread_cpu_seconds();
  int true_pairs = 0, false_pairs = 0, planted = 0;
  std::map<std::string, int> missed;  // planted kind → repeats not found
  for (std::size_t a = 0; a < world.applications.size(); ++a) {
    bool found = false;
    for (const DuplicateHit& h : index.find(world.applications[a])) {
      found |= h.entry == world.repeats[a];
      h.entry == world.repeats[a] ? ++true_pairs : ++false_pairs;
    }
    if (world.repeats[a] == SIZE_MAX) continue;
    ++planted;
    if (!found) ++missed[std::string(kczg::match::testing::planted_name(world.planted[a]))];
  }
  double t2 = thread_cpu_seconds();
  // Within the campaign: the same item filed twice (through two units, to two lists).
  DuplicateIndex campaign(world.applications);
  std::size_t within = 0;
  for (std::size_t a = 0; a < world.applications.size(); ++a) {
    within += campaign.find(world.applications[a], a).size();
  }
  double t3 = thread_cpu_seconds();
  wall = wall_seconds() - wall;
  std::string missed_text;
  for (const auto& [kind, n] : missed) {
    missed_text += (missed_text.empty() ? "\"" : ", \"") + kind + "\": " + std::to_string(n);
  }
  std::printf(
      "{\"prior\": %zu, \"apps\": %zu, \"seed\": %llu, \"ms_per_app\": %.3f, "
      "\"index_seconds\": %.2f, \"campaign_seconds\": %.2f, \"wall_seconds\": %.2f, "
      "\"peak_rss_mb\": %.0f, \"planted\": %d, \"precision\": %.4f, \"recall\": %.4f, "
      "\"within_campaign_hits\": %zu, \"missed\": {%s}}\n",
      prior, apps, static_cast<unsigned long long>(seed), (t2 - t1) * 1000.0 / double(apps),
      t1 - t0, (t2 - t1) + (t3 - t2), wall, peak_rss_mb(), planted,
      double(true_pairs) / std::max(1, true_pairs + false_pairs),
      double(true_pairs) / std::max(1, planted), within, missed_text.c_str());
  return 0;
}
