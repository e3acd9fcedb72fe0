// The review bodies the simulation runs: who leads each list and field, their plans, and
// expert pools with harsh and lenient scorers and some planted conflicts of interest.
#include <algorithm>
#include <cmath>

#include "cli/simulate_parts.hpp"
#include "domain/presets.hpp"

namespace kczg::cli::sim {
namespace {

std::vector<Criterion> criteria_for(const std::string& list) {
  if (list == "pioneer_tech") {
    return {{"innovation", "创新性", "Innovation", 30, 0, 10},
            {"maturity", "技术成熟度", "Maturity", 25, 0, 10},
            {"market_value", "市场价值", "Market value", 25, 0, 10},
            {"transferability", "转化前景", "Transfer prospects", 20, 0, 10}};
  }
  if (list == "emerging_enterprise") {
    return {{"technology", "技术创新", "Technology", 30, 0, 10},
            {"growth", "成长性", "Growth", 30, 0, 10},
            {"market", "市场前景", "Market", 20, 0, 10},
            {"team", "团队能力", "Team", 20, 0, 10}};
  }
  if (list == "entrepreneur") {
    return {{"venture", "创新创业", "Venture", 40, 0, 10},
            {"employment", "带动就业", "Employment", 40, 0, 10},
            {"influence", "社会影响", "Influence", 20, 0, 10}};
  }
  if (list == "tech_manager") {
    return {{"expertise", "专业能力", "Expertise", 40, 0, 10},
            {"record", "转化业绩", "Record", 40, 0, 10},
            {"influence", "行业影响", "Influence", 20, 0, 10}};
  }
  return {{"capability", "服务能力", "Capability", 40, 0, 10},
          {"results", "服务成效", "Results", 40, 0, 10},
          {"leadership", "示范带动", "Leadership", 20, 0, 10}};
}

bool covers(const std::vector<Coverage>& led, const SimApplication& a) {
  return std::ranges::any_of(led, [&](const Coverage& c) {
    return c.list == a.list && (c.field.empty() || c.field == a.field);
  });
}

struct PoolContext {
  Random& random;
  std::set<std::string>& names;
  std::vector<std::string> scope_organisations;  // applicants of the body's applications
  int& planted_conflicts;
  int& number;  // experts numbered across bodies, for unique e-mail addresses
};

SimExpert make_expert(PoolContext& p, Sector sector, const Theme& theme) {
  Random& r = p.random;
  const Province& province = provinces()[r.below(provinces().size())];
  const Place& place = province.places[r.below(province.places.size())];
  Expert e;
  e.name = person_name(r, p.names);
  e.sector = sector;
  e.region = std::string(place.county);
  std::string subject(theme.subjects[r.below(theme.subjects.size())]);
  std::string method(theme.methods[r.below(theme.methods.size())]);
  std::vector<std::string_view> keywords = theme.keywords;
  for (std::size_t i = keywords.size(); i > 1; --i)
    std::swap(keywords[i - 1], keywords[r.below(i)]);
  for (std::size_t i = 0; i < 4; ++i) e.keywords.emplace_back(keywords[i]);
  std::string k1(keywords[0]), k2(keywords[1]);
  switch (sector) {
    case Sector::academia:
      e.organisation = institution(r.below(institution_count()));
      e.title = r.chance(0.6) ? "教授" : "研究员";
      e.profile = "长期从事" + k1 + "、" + k2 + "领域研究，熟悉" + subject + "及" + method +
                  "，参与多项国家重点研发计划项目评审。";
      break;
    case Sector::industry:
      if (!p.scope_organisations.empty() && r.chance(0.12)) {
        // Works for an applicant: the assignment must never give them its application.
        e.organisation = p.scope_organisations[r.below(p.scope_organisations.size())];
        ++p.planted_conflicts;
      } else {
        e.organisation = company_name(r, place.city, theme, p.names);
      }
      e.title = r.chance(0.5) ? "高级工程师" : "总工程师";
      e.profile = "负责" + subject + "的研发与产业化，熟悉" + method + "、" + k1 + "等工程技术。";
      break;
    case Sector::investment:
      e.organisation = fund_name(r, place.city, p.names);
      e.title = r.chance(0.5) ? "合伙人" : "投资总监";
      e.profile = "专注" + k1 + "和" + k2 + "领域的早期与成长期投资，关注" + subject + "等方向。";
      break;
  }
  e.email = "expert" + std::to_string(++p.number) + "@experts.example.org";
  SimExpert expert{std::move(e), 0, 0.5 + 0.7 * r.uniform()};
  double u = r.uniform();
  expert.bias = u < 0.15 ? -(1.5 + r.uniform()) : u < 0.30 ? 1.2 + r.uniform() : r.normal(0, 0.4);
  return expert;
}

}  // namespace

std::vector<SimBody> make_bodies(Random& random, const Campaign& campaign,
                                 const std::vector<SimApplication>& applications,
                                 const std::vector<Applicant>& applicants,
                                 std::set<std::string>& names, int& planted_conflicts) {
  // The campaign's own bodies lead where it names them; otherwise the secretariat appoints
  // the 2022 call's again.
  bool own = std::ranges::any_of(campaign.review_bodies,
                                 [](const ReviewBody& b) { return !b.separately_organised; });
  std::vector<ReviewBody> source = own ? campaign.review_bodies : preset_2022().review_bodies;
  std::vector<SimBody> bodies;
  std::map<std::string, std::vector<Coverage>> led;
  for (const List& list : campaign.lists) {
    if (list.separately_organised || !form_for(list.code)) continue;
    std::vector<Coverage> wanted;
    for (const Field& f : list.fields) wanted.push_back({list.code, f.code});
    if (list.fields.empty()) wanted.push_back({list.code, ""});
    for (const Coverage& c : wanted) {
      auto lead = std::ranges::find_if(source, [&](const ReviewBody& b) {
        return !b.separately_organised && body_covers(b, c.list, c.field);
      });
      bool named = lead != source.end();
      std::string name = named ? lead->name : list.name_zh + "初评专家委员会";
      if (!led.contains(name)) {
        ReviewBody body = named ? *lead : ReviewBody{name, "", false, {}, false};
        bool appoint = !own || !named;
        if (appoint) body.covers.clear();
        bodies.push_back({std::move(body), appoint, {}, {}});
      }
      SimBody& b =
          *std::ranges::find_if(bodies, [&](const SimBody& s) { return s.body.name == name; });
      if (b.appoint) b.body.covers.push_back(c);
      led[b.body.name].push_back(c);
    }
  }
  int number = 0;
  for (SimBody& b : bodies) {
    const std::vector<Coverage>& mine = led[b.body.name];
    const std::string& list = mine.front().list;
    ReviewPlan& plan = b.plan;
    plan.body = b.body.name;
    if (mine != b.body.covers) plan.covers = mine;
    plan.criteria = criteria_for(list);
    bool large = list == "pioneer_tech" || list == "emerging_enterprise";
    plan.experts_per_application = large ? 5 : 3;
    plan.max_load = 30;
    plan.sector_minimums =
        large ? std::map<Sector, int>{{Sector::academia, 2},
                                      {Sector::industry, 1},
                                      {Sector::investment, 1}}
              : std::map<Sector, int>{{Sector::academia, 1}, {Sector::industry, 1}};
    plan.aggregation = Aggregation::zscore;
    PoolContext pool{random, names, {}, planted_conflicts, number};
    int in_scope = 0;
    for (const SimApplication& a : applications) {
      if (!covers(mine, a)) continue;
      ++in_scope;
      const Applicant& who = applicants[a.applicant];
      if (who.kind == ApplicantKind::enterprise) pool.scope_organisations.push_back(who.name);
    }
    // Enough readers for every application with room to spare for conflicts, each sector
    // able to meet its minimum on its own.
    auto readers = [&](int per_application) {
      return (per_application * in_scope + plan.max_load - 1) / plan.max_load + 1;
    };
    int total = std::max(plan.experts_per_application + 3,
                         int(std::ceil(readers(plan.experts_per_application) * 1.6)));
    std::map<Sector, int> count;
    for (Sector s : k_sectors) {
      auto minimum = plan.sector_minimums.find(s);
      int need = minimum == plan.sector_minimums.end() ? 0 : readers(minimum->second) + 1;
      double share = s == Sector::academia ? 0.45 : s == Sector::industry ? 0.35 : 0.2;
      count[s] = std::max(need, int(std::ceil(total * share)));
    }
    for (Sector s : k_sectors) {
      for (int k = 0; k < count[s]; ++k) {
        const Coverage& c = mine[std::size_t(k) % mine.size()];
        const Theme& theme =
            c.field.empty() ? themes()[random.below(themes().size())] : theme_of(c.field);
        b.experts.push_back(make_expert(pool, s, theme));
      }
    }
  }
  return bodies;
}

}  // namespace kczg::cli::sim
