#include "cli/simulate_world.hpp"

#include <algorithm>
#include <cmath>

#include "cli/simulate_parts.hpp"

namespace kczg::cli::sim {

double Random::uniform() { return double(bits() >> 11) * 0x1.0p-53; }

std::size_t Random::below(std::size_t n) {
  return std::size_t((static_cast<unsigned __int128>(bits()) * n) >> 64);
}

int Random::between(int low, int high) { return low + int(below(std::size_t(high - low) + 1)); }

double Random::normal(double mean, double sd) {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += uniform();
  return mean + sd * (sum - 6);
}

std::size_t Random::weighted(std::span<const double> weights) {
  double total = 0;
  for (double w : weights) total += std::max(w, 0.0);
  double at = uniform() * total;
  std::size_t last = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    last = i;
    if (at < weights[i]) return i;
    at -= weights[i];
  }
  return last;
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  // splitmix64's finaliser, twice: nearby streams give unrelated seeds.
  auto mix = [](std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  return mix(seed ^ mix(stream));
}

std::map<std::string, double> sheet_scores(const ReviewPlan& plan,
                                           const SimApplication& application,
                                           const SimExpert& expert, std::uint64_t seed) {
  Random random(seed);
  std::map<std::string, double> scores;
  // The expert's view of this application, shared by all its criteria, then each
  // criterion's own spread around it.
  double view = random.normal(0, expert.noise);
  for (const Criterion& c : plan.criteria) {
    double span = c.scale_max - c.scale_min;
    double points = c.scale_min + span * application.merit +
                    (expert.bias + view + random.normal(0, 0.5)) * span / 10;
    scores[c.code] = std::clamp(std::floor(points + 0.5), c.scale_min, c.scale_max);
  }
  return scores;
}

}  // namespace kczg::cli::sim

namespace kczg::cli::sim {
namespace {

using std::chrono::duration;
using std::chrono::microseconds;

constexpr std::string_view k_return_reasons[] = {
    "请补充知识产权证明材料", "申报书未加盖单位公章，请重新上传",
    "技术指标表述不清，请补充与国内外同类技术的对比", "请按要求补充第三方检测报告",
    "申报内容与所选领域不符，请核对后重新提交"};

// `at` moved by `hours`, to whole seconds (as people's clicks are logged).
Instant after(Instant at, double hours) {
  auto moved =
      at + std::chrono::duration_cast<microseconds>(duration<double, std::ratio<3600>>(hours));
  return std::chrono::floor<std::chrono::seconds>(moved);
}

double hours_between(Instant from, Instant to) {
  return std::chrono::duration_cast<duration<double, std::ratio<3600>>>(to - from).count();
}

}  // namespace

void schedule(Random& r, const Campaign& campaign, SimApplication& a) {
  const Phase* collection = find_phase(campaign, PhaseKind::collection);
  Instant open = *collection->starts_at, close = *collection->ends_at;
  double span = hours_between(open, close);
  if (r.chance(0.03)) {  // started, never submitted
    a.started_at = after(open, span * r.uniform());
    return;
  }
  // Hours before the deadline: many on the last night, most in the last week.
  double u = r.uniform(), before;
  if (u < 0.3) {
    double v = r.uniform();
    before = 0.05 + 24 * v * v;
  } else if (u < 0.65) {
    before = 24 + 144 * r.uniform();
  } else {
    before = 168 + (span - 170) * r.uniform();
  }
  Instant submitted = after(close, -before);
  double lead = 1 + 480 * r.uniform() * r.uniform();
  double room = hours_between(open, submitted);
  a.started_at = after(open, lead < room ? room - lead : room * r.uniform());
  a.submitted_at = submitted;
  Instant last = after(close, -1.0 / 6);  // units finish ten minutes before midnight
  if (r.chance(0.006)) {                  // the applicant withdraws before the unit gets to it
    Instant at = after(submitted, 2 + 70 * r.uniform());
    if (at < after(close, -1)) a.withdrawn_at = at;
    return;
  }
  if (r.chance(0.03)) return;  // the unit never acts on it
  Instant act = after(submitted, 2 + 118 * r.uniform());
  if (act >= last) {
    double left = hours_between(submitted, last);
    if (left < 1.0 / 3) return;  // too late for the unit
    act = after(submitted, left * r.uniform());
  }
  a.unit_acts_at = act;
  if (!r.chance(0.04)) return;
  a.return_reason = k_return_reasons[r.below(std::size(k_return_reasons))];
  if (!r.chance(0.8)) return;
  Instant again = after(act, 6 + 90 * r.uniform());
  if (again >= after(close, -0.5)) return;
  a.resubmitted_at = again;
  Instant recommend = after(again, 1 + 47 * r.uniform());
  if (recommend >= last) recommend = after(again, hours_between(again, last) * r.uniform());
  a.recommended_at = recommend;
}

void schedule_early(Random& r, const Campaign&, SimApplication& a, Instant not_before) {
  a.started_at = after(not_before, 1 + 11 * r.uniform());
  a.submitted_at = after(a.started_at, 2 + 46 * r.uniform());
  a.unit_acts_at = after(*a.submitted_at, 1 + 23 * r.uniform());
  a.return_reason.clear();
  a.resubmitted_at.reset();
  a.recommended_at.reset();
  a.withdrawn_at.reset();
}

World make_world(const Campaign& campaign, double scale, std::uint64_t seed) {
  World world;
  std::set<std::string> names;
  Random unit_random(derive_seed(seed, 1));
  UnitIndex units = make_units(unit_random, campaign, scale, world, names);
  Random random(derive_seed(seed, 2));
  Generation g{random, campaign, units, world, std::move(names), {}};
  for (std::size_t i = 0; i < institution_count(); ++i) {
    const Province& p = provinces()[i % provinces().size()];
    std::string county(p.places.front().county);
    g.institutions.emplace_back(make_uscc(random, "12", county), county);
  }
  // The applications over the lists units recommend, as the 2022 campaign spread its 2,281.
  static const std::map<std::string, double> k_list_shares{{"pioneer_tech", 0.52},
                                                           {"emerging_enterprise", 0.27},
                                                           {"integration_org", 0.06},
                                                           {"entrepreneur", 0.08},
                                                           {"tech_manager", 0.07}};
  std::vector<const List*> lists;
  double total_share = 0;
  for (const List& l : campaign.lists) {
    if (l.separately_organised || !form_for(l.code)) continue;
    lists.push_back(&l);
    total_share += k_list_shares.contains(l.code) ? k_list_shares.at(l.code) : 0.05;
  }
  int total = std::max(int(lists.size()), int(std::floor(2281 * scale + 0.5)));
  int plant_counter = 0;
  for (const List* l : lists) {
    double share =
        (k_list_shares.contains(l->code) ? k_list_shares.at(l->code) : 0.05) / total_share;
    int n = std::max(1, int(std::floor(total * share + 0.5)));
    bool plantable = !plantable_rules(campaign, l->code, "").empty();
    for (int k = 0; k < n; ++k) {
      add_application(g, l->code, plantable && ++plant_counter % 40 == 20);
    }
  }
  // Repeats, planted into regular applications of the lists they are common in.
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < world.applications.size(); ++i) {
    const SimApplication& a = world.applications[i];
    if (a.planted == Planted::none &&
        (a.list == "pioneer_tech" || a.list == "emerging_enterprise")) {
      candidates.push_back(i);
    }
  }
  for (std::size_t i = candidates.size(); i > 1; --i) {
    std::swap(candidates[i - 1], candidates[random.below(i)]);
  }
  std::size_t prior = std::size_t(std::max(2, int(std::floor(0.012 * total + 0.5))));
  std::size_t repeats = std::size_t(std::max(1, int(std::floor(0.006 * total + 0.5))));
  for (std::size_t k = 0; k < candidates.size() && k < prior + repeats; ++k) {
    if (k < prior) {
      plant_prior_repeat(g, candidates[k], int(k));
    } else {
      plant_campaign_repeat(g, candidates[k]);
    }
  }
  add_listed(g, scale);
  std::ranges::stable_sort(world.listed, {}, &ListedEntry::year);
  Random body_random(derive_seed(seed, 3));
  world.bodies = make_bodies(body_random, campaign, world.applications, world.applicants, g.names,
                             world.planted_conflicts);
  return world;
}

}  // namespace kczg::cli::sim
