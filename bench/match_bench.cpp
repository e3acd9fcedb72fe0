// Supply ↔ demand matching at the size: `--supplies` listed items and experts, of
// which `--groups` × 7 are planted — per group three listed items and two experts around
// one distinctive technology, and two near misses that share half its name and its kind
// of product — and the rest generated background (tests/match/dedup_world's technical
// texts). One demand per group describes its technology in a company's words, so its five
// planted supplies are the true matches and the near misses are not.
//
//   build/bench/match_bench --supplies N --groups G [--demands D] [--threads T] [--seed S]
//                           [--small 1]
//
// Prints one JSON line: index_seconds; top20_ms mean, p99 and worst over the groups'
// demands (thread CPU time); precision_at_5 (true matches among the first five; the five
// planted make 1 the best possible), recall_at_20 (planted found in the first twenty),
// hit_at_1; and the nightly re-match of `--demands` demands (the groups' repeated) on T
// threads: rematch_seconds (wall). Goals (issue 9): top-20 < 20 ms at 100,000, nightly
// re-match < 60 s.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_clock.hpp"
#include "match/dedup_world.hpp"
#include "match/demand_match.hpp"

namespace {

using kczg::bench::peak_rss_mb;
using kczg::bench::thread_cpu_seconds;

using kczg::Maturity;
using kczg::match::Demand;
using kczg::match::Matcher;
using kczg::match::Supply;
using kczg::match::SupplyKind;

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "match_bench: %s\nusage: match_bench --supplies N --groups G [--demands D] "
               "[--threads T] [--seed S] [--small 1]\n",
               why);
  std::exit(2);
}

// Characters seldom in the background texts, combined into made-up technology names.
const char* const k_rare[] = {"钼", "铌", "钽", "铪", "铼", "锆", "钒", "铟", "镓", "锗",
                              "硒", "碲", "铋", "锑", "钪", "钇", "镧", "铈", "钕", "钐",
                              "铕", "钆", "铽", "镝", "钬", "铒", "铥", "镱", "镥", "铍"};
const char* const k_parts[] = {"靶材", "前驱体", "单晶", "涂层", "薄膜", "粉体", "合金", "陶瓷"};

struct Group {
  std::string term, part;  // e.g. "铌钽" + "靶材"
};

std::string rare_pair(std::mt19937_64& random) {
  return std::string(k_rare[random() % 30]) + k_rare[random() % 30];
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t supplies_wanted = 0, groups_wanted = 0, demands_wanted = 0;
  unsigned threads = 2;
  uint64_t seed = 1;
  bool small = false;  // --small 1: smoothed IDF, as the open demands' matcher is built
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--supplies") {
      supplies_wanted = std::stoul(argv[i + 1]);
    } else if (flag == "--groups") {
      groups_wanted = std::stoul(argv[i + 1]);
    } else if (flag == "--demands") {
      demands_wanted = std::stoul(argv[i + 1]);
    } else if (flag == "--threads") {
      threads = unsigned(std::stoul(argv[i + 1]));
    } else if (flag == "--seed") {
      seed = std::stoull(argv[i + 1]);
    } else if (flag == "--small") {
      small = std::string(argv[i + 1]) == "1";
    } else {
      usage("unknown flag");
    }
  }
  if (supplies_wanted == 0 || groups_wanted == 0 || groups_wanted * 7 > supplies_wanted ||
      threads < 1) {
    usage("--supplies and --groups are required, with 7 × groups ≤ supplies");
  }
  if (demands_wanted == 0) demands_wanted = groups_wanted;
  std::mt19937_64 random(seed);
  const char* fields[] = {"electronic_information", "advanced_materials", "biomedicine",
                          "equipment_manufacturing", "green_low_carbon"};

  // Distinct group technologies: a rare pair and a part, never repeated.
  std::vector<Group> groups;
  std::vector<std::string> seen;
  while (groups.size() < groups_wanted) {
    Group g{rare_pair(random) + rare_pair(random), k_parts[random() % 8]};
    if (std::ranges::find(seen, g.term) != seen.end()) continue;
    seen.push_back(g.term);
    groups.push_back(g);
  }
  std::vector<Supply> supplies;
  std::vector<std::vector<long long>> truth(groups.size());
  long long id = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const Group& group = groups[g];
    for (int i = 0; i < 5; ++i) {
      Supply s;
      s.id = ++id;
      s.field = fields[g % 5];
      s.region = "330302";
      if (i < 3) {
        s.kind = SupplyKind::listed_item;
        s.name = group.term + group.part + (i == 0 ? "制备技术" : i == 1 ? "产业化" : "检测方法");
        s.text =
            "本项目围绕" + group.term + group.part + "开展研发，突破了高纯提纯与批量制备难题。";
        s.maturity = Maturity(random() % 5);
      } else {
        s.kind = SupplyKind::expert;
        s.name = "专家" + std::to_string(s.id);
        s.text = "长期从事" + group.term + "材料与" + group.part + "研究，主持相关国家项目。";
        s.keywords = {group.term, group.part};
      }
      truth[g].push_back(s.id);
      supplies.push_back(std::move(s));
    }
    // Two near misses: half the technology's name and the same part, another material.
    for (int i = 0; i < 2; ++i) {
      Supply s;
      s.id = ++id;
      s.field = fields[g % 5];
      s.region = "330302";
      std::string other = group.term.substr(0, group.term.size() / 2) + rare_pair(random);
      s.name = other + group.part + "制备技术";
      s.text = "本项目围绕" + other + group.part + "开展研发，突破了高纯提纯与批量制备难题。";
      supplies.push_back(std::move(s));
    }
  }
  auto world = kczg::match::testing::make_world(supplies_wanted - supplies.size(), 0, seed);
  for (const auto& item : world.prior) {
    Supply s;
    s.id = ++id;
    s.kind = random() % 10 == 0 ? SupplyKind::expert : SupplyKind::listed_item;
    s.name = item.name;
    s.text = item.summary;
    s.field = fields[random() % 5];
    s.region = "330302";
    supplies.push_back(std::move(s));
  }

  double start = thread_cpu_seconds();
  Matcher matcher(std::move(supplies), small);
  double index_seconds = thread_cpu_seconds() - start;

  // A demand per group, in the words a company uses, not the supply's.
  std::vector<Demand> demands;
  for (const Group& g : groups) {
    demands.push_back({"寻求" + g.term + g.part + "方面的技术合作",
                       "我公司计划扩产，需要" + g.term + "相关的" + g.part +
                           "供应与工艺支持，希望与高校或企业联合攻关。",
                       "", "", std::nullopt});
  }
  std::vector<double> ms;
  double precision = 0, recall = 0, hit = 0;
  for (std::size_t g = 0; g < demands.size(); ++g) {
    double t = thread_cpu_seconds();
    auto top = matcher.top(demands[g], 20);
    ms.push_back((thread_cpu_seconds() - t) * 1000);
    int in5 = 0, in20 = 0;
    for (std::size_t r = 0; r < top.size(); ++r) {
      bool planted =
          std::ranges::find(truth[g], matcher.supplies()[top[r].supply].id) != truth[g].end();
      in20 += planted;
      if (r < 5) in5 += planted;
      if (r == 0) hit += planted;
    }
    precision += in5 / 5.0;
    recall += in20 / double(truth[g].size());
  }
  std::ranges::sort(ms);
  double mean = 0;
  for (double m : ms) mean += m;
  mean /= double(ms.size());

  // The nightly re-match: every open demand again, on `threads` threads.
  std::atomic<std::size_t> next{0};
  auto wall_start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < demands_wanted;) {
        (void)matcher.top(demands[i % demands.size()], 20);
      }
    });
  }
  for (std::thread& t : pool) t.join();
  double rematch =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  std::size_t n = demands.size();
  std::printf(
      "{\"supplies\":%zu,\"groups\":%zu,\"index_seconds\":%.2f,\"top20_ms\":{\"mean\":%.2f,"
      "\"p99\":%.2f,\"worst\":%.2f},\"precision_at_5\":%.4f,\"recall_at_20\":%.4f,"
      "\"hit_at_1\":%.4f,\"rematch_demands\":%zu,\"threads\":%u,\"rematch_seconds\":%.2f,"
      "\"small\":%s,\"peak_rss_mb\":%.0f}\n",
      matcher.supplies().size(), n, index_seconds, mean, ms[std::min(n - 1, n * 99 / 100)],
      ms.back(), precision / double(n), recall / double(n), hit / double(n), demands_wanted,
      threads, rematch, small ? "true" : "false", peak_rss_mb());
  return 0;
}
