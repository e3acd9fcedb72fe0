// The achievements library's search at the size: `--entries` generated published
// entries (tests/match/dedup_world's texts: technical names, holders, summaries) spread
// over lists, fields, years, provinces and maturities, searched with a fixed mix of
// queries — one and two Chinese characters, longer terms, two keywords, 繁体, digits, a term
// found nowhere, and filters with and without keywords.
//
//   build/bench/library_bench --entries N [--rounds R] [--seed S]
//
// Prints one JSON line: index_seconds (building), refresh_ms (copying it for a holder's
// change, as a server does instead of rebuilding), then per query kind the matches and the
// mean and worst milliseconds over R rounds (CPU time of this thread), and peak_rss_mb.
// The goal (issue 9): every query under 50 ms at 100,000 entries.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "match/dedup_world.hpp"
#include "match/library_index.hpp"

namespace {

using kczg::bench::peak_rss_mb;
using kczg::bench::thread_cpu_seconds;

using kczg::Maturity;
using kczg::match::LibraryIndex;
using kczg::match::LibraryProfile;
using kczg::match::LibraryQuery;

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "library_bench: %s\nusage: library_bench --entries N [--rounds R]\n", why);
  std::exit(2);
}

std::vector<LibraryProfile> generate(std::size_t entries, uint64_t seed) {
  auto world = kczg::match::testing::make_world(entries, 0, seed);
  std::mt19937_64 random(seed);
  const char* fields[] = {"electronic_information", "advanced_materials", "biomedicine",
                          "equipment_manufacturing", "green_low_carbon"};
  const char* provinces[] = {"11", "31", "32", "33", "44", "51", "42", "61"};
  std::vector<LibraryProfile> profiles;
  profiles.reserve(world.prior.size());
  for (const auto& item : world.prior) {
    LibraryProfile p;
    p.id = item.id;
    p.year = item.year;
    p.list = item.list;
    p.field = fields[random() % 5];
    p.name = item.name;
    p.holder = item.holder;
    p.region = std::string(provinces[random() % 8]) + "0102";
    p.summary = item.summary;
    p.maturity = Maturity(random() % 5);
    profiles.push_back(std::move(p));
  }
  return profiles;
}

struct Kind {
  const char* name;
  LibraryQuery query;
};

}  // namespace

int main(int argc, char** argv) {
  std::size_t entries = 0;
  int rounds = 50;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--entries") {
      entries = std::stoul(argv[i + 1]);
    } else if (flag == "--rounds") {
      rounds = std::stoi(argv[i + 1]);
    } else if (flag == "--seed") {
      seed = std::stoull(argv[i + 1]);
    } else {
      usage("unknown flag");
    }
  }
  if (entries == 0 || rounds < 1) usage("--entries is required");
  std::vector<LibraryProfile> profiles = generate(entries, seed);
  double start = thread_cpu_seconds();
  LibraryIndex index(std::move(profiles));
  double index_seconds = thread_cpu_seconds() - start;
  // A holder's change: the server copies the index and sets the parts (no rebuild).
  start = thread_cpu_seconds();
  LibraryIndex refreshed = index;
  refreshed.set_holder_parts(0, Maturity::market, {});
  double refresh_ms = (thread_cpu_seconds() - start) * 1000;

  auto q = [](std::string text) {
    LibraryQuery query;
    query.text = std::move(text);
    return query;
  };
  std::vector<Kind> kinds{{"one_char", q("芯")},
                          {"two_chars", q("芯片")},
                          {"common_two_chars", q("技术")},
                          {"term", q("存算一体")},
                          {"two_keywords", q("材料 制备")},
                          {"traditional", q("鈣鈦礦 組件")},
                          {"digits", q("12")},
                          {"nowhere", q("量子纠缠通信卫星")},
                          {"filters_only", q("")},
                          {"term_with_filters", q("芯片")}};
  kinds[8].query.region = "33";
  kinds[8].query.maturity = Maturity::pilot;
  kinds[9].query.field = "electronic_information";
  kinds[9].query.year = 2021;

  std::printf("{\"entries\":%zu,\"index_seconds\":%.2f,\"refresh_ms\":%.1f",
              index.profiles().size(), index_seconds, refresh_ms);
  double worst_all = 0;
  for (const Kind& kind : kinds) {
    double total = 0, worst = 0;
    std::size_t matches = 0;
    for (int r = 0; r < rounds; ++r) {
      double t = thread_cpu_seconds();
      auto results = index.search(kind.query);
      double ms = (thread_cpu_seconds() - t) * 1000;
      matches = results.total;
      total += ms;
      worst = std::max(worst, ms);
    }
    worst_all = std::max(worst_all, worst);
    std::printf(",\"%s\":{\"matches\":%zu,\"mean_ms\":%.3f,\"worst_ms\":%.3f}", kind.name, matches,
                total / rounds, worst);
  }
  std::printf(",\"worst_ms\":%.3f,\"peak_rss_mb\":%.0f}\n", worst_all, peak_rss_mb());
  return 0;
}
