// Exact expert assignment (review/assignment.hpp) at the reference sizes, on a fixed
// synthetic campaign. Prints one JSON line.
//
//   build/bench/assign_bench --apps N --experts M --k K [--seed S] [--conflicts RATE]
//       [--sector-mix] [--cap-factor F] [--load-weight W] [--free-load N] [--scale X]
//       [--forced RATE]
//       [--network auto|full|pricing|hubs] [--candidate-arcs N] [--seed-arcs N]
//       [--priced-per-round N] [--lookahead A] [--reoptimize-below N]
//
// The generator: topics come in groups of 20 (one group per ~80 experts); an application
// takes 4 topics of one group (popular groups draw more applications, so their experts
// run out of load and zero-affinity pairs are needed); an expert takes 6 topics from one
// or two groups. Affinity is the cosine of weighted topic vectors, listed only where
// they share a topic: sparse, structured and continuous, like text affinity. Sectors: 50% academia
// (0), 35% industry (1), 15% investment (2); --sector-mix asks for at least one industry expert per
// application. Conflicts: RATE x apps x experts pairs, half among the pairs that share topics
// (colleagues work on the same things), half anywhere. Load caps: ceil(F x average load needed).
// Times cover assign_experts only (cpu_seconds: its user + system time, which other processes on
// the machine disturb less than wall time); peak_rss_mb is the process peak (getrusage), generator
// data included.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "review/assignment.hpp"

namespace {

using kczg::review::AssignmentOptions;
using kczg::review::AssignmentProblem;
using Clock = std::chrono::steady_clock;

struct Settings {
  int apps = 2000, experts = 300, k = 3;
  uint32_t seed = 1;
  double conflicts = 0.01, cap_factor = 1.2, load_weight = 0.01, forced = 0;
  int free_load = 0;
  double scale = 1e6;
  bool sector_mix = false;
  AssignmentOptions options;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "assign_bench: %s\n", why);
  std::exit(2);
}

Settings parse(int argc, char** argv) {
  Settings s;
  auto network = [](const std::string& v) {
    if (v == "auto") return AssignmentOptions::Network::automatic;
    if (v == "full") return AssignmentOptions::Network::full;
    if (v == "pricing") return AssignmentOptions::Network::pricing;
    if (v == "hubs") return AssignmentOptions::Network::hubs;
    usage("--network is auto, full, pricing or hubs");
  };
  const std::map<std::string, std::function<void(const std::string&)>> flags = {
      {"--apps", [&](const std::string& v) { s.apps = std::stoi(v); }},
      {"--experts", [&](const std::string& v) { s.experts = std::stoi(v); }},
      {"--k", [&](const std::string& v) { s.k = std::stoi(v); }},
      {"--seed", [&](const std::string& v) { s.seed = static_cast<uint32_t>(std::stoul(v)); }},
      {"--conflicts", [&](const std::string& v) { s.conflicts = std::stod(v); }},
      {"--cap-factor", [&](const std::string& v) { s.cap_factor = std::stod(v); }},
      {"--load-weight", [&](const std::string& v) { s.load_weight = std::stod(v); }},
      {"--forced", [&](const std::string& v) { s.forced = std::stod(v); }},
      {"--free-load", [&](const std::string& v) { s.free_load = std::stoi(v); }},
      {"--scale", [&](const std::string& v) { s.scale = std::stod(v); }},
      {"--network", [&](const std::string& v) { s.options.network = network(v); }},
      {"--candidate-arcs", [&](const std::string& v) { s.options.candidate_arcs = std::stoi(v); }},
      {"--seed-arcs", [&](const std::string& v) { s.options.seed_arcs = std::stoi(v); }},
      {"--reoptimize-below",
       [&](const std::string& v) { s.options.reoptimize_below = std::stoi(v); }},
      {"--lookahead", [&](const std::string& v) { s.options.lookahead = std::stod(v); }},
      {"--priced-per-round",
       [&](const std::string& v) { s.options.priced_per_round = std::stoi(v); }},
  };
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--sector-mix") {
      s.sector_mix = true;
      continue;
    }
    auto it = flags.find(flag);
    if (it == flags.end()) usage(("unknown flag " + flag).c_str());
    if (i + 1 >= argc) usage(("missing value for " + flag).c_str());
    try {
      it->second(argv[++i]);
    } catch (const std::exception&) {
      usage(("bad value for " + flag).c_str());
    }
  }
  if (s.apps < 0 || s.experts < 1 || s.k < 0) usage("need --apps >= 0, --experts >= 1, --k >= 0");
  return s;
}

struct Generated {
  AssignmentProblem problem;
  int64_t candidates = 0;
};

Generated generate(const Settings& s) {
  constexpr int k_topics_per_group = 20;
  std::mt19937_64 rng(s.seed);
  auto uniform = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const int groups = std::max(5, s.experts / 80);
  auto topics_in = [&](int group, int count, std::vector<int>& out) {
    while (count > 0) {
      const int t = group * k_topics_per_group + uniform(k_topics_per_group);
      if (std::find(out.begin(), out.end(), t) != out.end()) continue;
      out.push_back(t);
      --count;
    }
  };

  Generated g;
  AssignmentProblem& p = g.problem;
  p.experts_per_application = s.k;
  p.load_weight = s.load_weight;
  p.free_load = s.free_load;
  p.affinity_scale = s.scale;
  const double need = static_cast<double>(s.apps) * s.k / s.experts;
  const int cap = static_cast<int>(std::ceil(s.cap_factor * need));
  // Topic vectors: idf-like topic weights times a random strength per holder, so the
  // cosines are continuous, like text affinity, not a few tied values.
  const int topic_count = groups * k_topics_per_group;
  std::vector<double> idf(topic_count);
  for (double& w : idf) w = std::uniform_real_distribution<double>(0.5, 2.0)(rng);
  auto strength = [&] { return std::uniform_real_distribution<double>(0.5, 1.5)(rng); };
  std::vector<std::vector<std::pair<int, double>>> experts_of_topic(topic_count);
  std::vector<double> expert_norm(s.experts, 0);
  for (int e = 0; e < s.experts; ++e) {
    const int roll = uniform(100);
    p.experts.push_back({roll < 50 ? 0 : roll < 85 ? 1 : 2, cap});
    std::vector<int> topics;
    const int home = uniform(groups);
    if (chance(0.3)) {
      topics_in(home, 3, topics);
      topics_in((home + 1 + uniform(groups - 1)) % groups, 3, topics);
    } else {
      topics_in(home, 6, topics);
    }
    for (int t : topics) {
      const double v = idf[t] * strength();
      experts_of_topic[t].emplace_back(e, v);
      expert_norm[e] += v * v;
    }
    expert_norm[e] = std::sqrt(expert_norm[e]);
  }
  if (s.sector_mix) p.sectors = {{}, {.min = std::min(1, s.k)}};

  // Group g draws applications in proportion to 1 / sqrt(g + 1).
  std::vector<double> weight(groups);
  for (int i = 0; i < groups; ++i) weight[i] = 1 / std::sqrt(i + 1.0);
  std::discrete_distribution<int> group_of_app(weight.begin(), weight.end());
  std::vector<double> dot(s.experts, 0);
  std::vector<std::pair<int, int>> candidate_pairs;
  p.affinity.resize(s.apps);
  for (int a = 0; a < s.apps; ++a) {
    std::vector<int> topics;
    const int group = group_of_app(rng);
    topics_in(group, chance(0.1) ? 3 : 4, topics);
    if (topics.size() == 3) topics_in(uniform(groups), 1, topics);
    std::vector<int> touched;
    double norm = 0;
    for (int t : topics) {
      const double v = idf[t] * strength();
      norm += v * v;
      for (const auto& [e, w] : experts_of_topic[t]) {
        if (dot[e] == 0) touched.push_back(e);
        dot[e] += v * w;
      }
    }
    norm = std::sqrt(norm);
    for (int e : touched) {
      const double affinity = dot[e] / (norm * expert_norm[e]);
      p.affinity[a].push_back({e, std::round(affinity * 1e4) / 1e4});
      candidate_pairs.emplace_back(a, e);
      dot[e] = 0;
    }
    g.candidates += static_cast<int64_t>(touched.size());
  }
  const int64_t conflicts =
      std::llround(s.conflicts * static_cast<double>(s.apps) * static_cast<double>(s.experts));
  for (int64_t i = 0; i < conflicts && s.apps > 0; ++i) {
    if (i % 2 == 0 && !candidate_pairs.empty()) {
      const auto& [a, e] = candidate_pairs[rng() % candidate_pairs.size()];
      p.conflicts.push_back({a, e});
    } else {
      p.conflicts.push_back({uniform(s.apps), uniform(s.experts)});
    }
  }
  const int64_t forced = std::llround(s.forced * s.apps);
  for (int64_t i = 0; i < forced && s.apps > 0; ++i)
    p.forced.push_back({uniform(s.apps), uniform(s.experts)});
  return g;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

using kczg::bench::peak_rss_mb;

}  // namespace

int main(int argc, char** argv) {
  const Settings settings = parse(argc, argv);
  auto t0 = Clock::now();
  const Generated g = generate(settings);
  auto t1 = Clock::now();
  const double cpu1 = cpu_seconds();
  auto result = kczg::review::assign_experts(g.problem, settings.options);
  auto t2 = Clock::now();
  const double cpu = cpu_seconds() - cpu1;
  if (!result) {
    std::fprintf(stderr, "assign_bench: %s\n",
                 std::string(kczg::code_name(result.error().code)).c_str());
    return 1;
  }
  const auto violations = kczg::review::check_assignment(g.problem, result->assignment);
  int rule_violations = 0;  // beyond the reported shortfalls and rejected forced pairs
  for (const auto& v : violations)
    if (v.kind != kczg::review::ViolationKind::wrong_count &&
        v.kind != kczg::review::ViolationKind::sector_below_min &&
        v.kind != kczg::review::ViolationKind::forced_missing)
      ++rule_violations;
  const auto& st = result->statistics;
  std::printf(
      "{\"apps\":%d,\"experts\":%d,\"k\":%d,\"seed\":%u,\"sector_mix\":%s,\"conflicts\":%zu,"
      "\"candidates\":%lld,\"seconds\":%.3f,\"cpu_seconds\":%.3f,\"generate_seconds\":%.3f,\"peak_"
      "rss_mb\":%.1f,"
      "\"objective\":%lld,\"bound\":%lld,\"optimal\":%s,\"unstaffed\":%zu,\"missing\":%d,"
      "\"rejected_forced\":%zu,\"affinity\":%.4f,\"load_cost\":%lld,\"network\":\"%s\","
      "\"rounds\":%d,\"reoptimized\":%d,\"nodes\":%d,\"arcs\":%d,\"eligible_pairs\":%lld,"
      "\"candidate_arcs\":%d,"
      "\"seeded_arcs\":%d,\"priced_arcs\":%d,\"closed_hubs\":%d,\"rule_violations\":%d}\n",
      settings.apps, settings.experts, settings.k, settings.seed,
      settings.sector_mix ? "true" : "false", g.problem.conflicts.size(),
      static_cast<long long>(g.candidates), std::chrono::duration<double>(t2 - t1).count(), cpu,
      std::chrono::duration<double>(t1 - t0).count(), peak_rss_mb(),
      static_cast<long long>(result->objective), static_cast<long long>(result->bound),
      result->bound == result->objective ? "true" : "false", result->unstaffed.size(),
      result->missing, result->rejected_forced.size(), result->affinity,
      static_cast<long long>(result->load_cost),
      std::string(kczg::review::network_name(st.network)).c_str(), st.rounds, st.reoptimized,
      st.nodes, st.arcs, static_cast<long long>(st.eligible_pairs), st.candidate_arcs,
      st.seeded_arcs, st.priced_arcs, st.closed_hubs, rule_violations);
  return 0;
}
