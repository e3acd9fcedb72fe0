#include "cli/simulate_summary.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "domain/quota.hpp"

namespace kczg::cli {
namespace {

// States counted against a unit's quota: recommended and everything after it.
bool recommended(ApplicationState s) {
  return s != ApplicationState::draft && s != ApplicationState::submitted &&
         s != ApplicationState::returned && s != ApplicationState::withdrawn;
}

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// The summary's few strings are codes and names; JSON needs only these escapes.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

struct Words {
  const char* zh;
  const char* en;
};

std::string say(Lang lang, Words w) { return lang == Lang::zh ? w.zh : w.en; }

}  // namespace

Result<SimulationSummary> simulation_summary(const SimulationRun& run) {
  SimulationSummary s;
  const Campaign& campaign = run.stored.campaign;
  s.year = campaign.year;
  s.seed = run.seed;
  s.scale = run.scale;
  s.units = int(run.unit_ids.size());
  s.applicants = int(std::ranges::count_if(run.applicant_ids, [](long long id) { return id; }));
  s.listed_entries = int(run.world.listed.size());
  s.planted_prior = run.world.planted_prior;
  s.planted_campaign = run.world.planted_campaign;
  s.planted_ineligible = run.world.planted_ineligible;
  s.planted_conflicts = run.world.planted_conflicts;
  s.tallies = run.tallies;
  auto summaries = run.store.application_summaries(run.stored.id);
  if (!summaries) return fail(summaries.error());
  s.applications = int(summaries->size());
  std::map<std::tuple<long long, std::string, std::string>, int> used;
  for (const ApplicationSummary& a : *summaries) {
    ++s.states[std::string(state_name(a.application.state))];
    if (recommended(a.application.state)) {
      ++used[{a.application.unit_id, a.application.list, a.application.field}];
    }
  }
  for (const List& list : campaign.lists) {
    if (list.separately_organised) continue;
    SimulationSummary::QuotaUse q{list.code, 0, 0, 0, 0};
    std::vector<std::string> fields;
    for (const Field& f : list.fields) fields.push_back(f.code);
    if (fields.empty()) fields.push_back("");
    for (std::size_t u = 0; u < run.unit_ids.size(); ++u) {
      auto quota = unit_quota(campaign, list.code, run.world.units[u].channels);
      if (!quota) continue;
      for (const std::string& field : fields) {
        auto it = used.find({run.unit_ids[u], list.code, field});
        int n = it == used.end() ? 0 : it->second;
        q.recommended += n;
        q.quota += *quota;
        q.full += n == *quota;
        q.over += n > *quota;
      }
    }
    s.quotas.push_back(q);
  }
  return s;
}

std::string summary_text(const SimulationSummary& s, Lang lang) {
  const SimulationTallies& t = s.tallies;
  std::string out = say(lang, {"模拟完成：", "Simulated: "}) + std::to_string(s.year) +
                    say(lang, {" 年度榜单征集（规模 ", " campaign (scale "}) + fixed(s.scale, 2) +
                    say(lang, {"，种子 ", ", seed "}) + std::to_string(s.seed) +
                    say(lang, {"）\n", ")\n"});
  out += say(lang, {"推荐单位 ", "units "}) + std::to_string(s.units) +
         say(lang, {"，申报主体 ", ", applicants "}) + std::to_string(s.applicants) +
         say(lang, {"，申报 ", ", applications "}) + std::to_string(s.applications) +
         say(lang, {"，往年入选 ", ", earlier listed entries "}) +
         std::to_string(s.listed_entries) + "\n";
  out += say(lang, {"申报状态：", "states: "});
  std::string sep;
  for (const auto& [state, n] : s.states) {
    out += sep + state + "=" + std::to_string(n);
    sep = " ";
  }
  out += "\n" + say(lang, {"推荐名额（已用/总额，满额）：", "quota (used/total, full): "});
  int over = 0;
  for (const SimulationSummary::QuotaUse& q : s.quotas) {
    out += (&q == &s.quotas.front() ? "" : " ") + q.list + " " + std::to_string(q.recommended) +
           "/" + std::to_string(q.quota) + " (" + std::to_string(q.full) + ")";
    over += q.over;
  }
  out += "\n" + say(lang, {"超额推荐 ", "over quota "}) + std::to_string(over) +
         say(lang, {"，名额已满未获推荐 ", ", refused for quota "}) +
         std::to_string(t.refused_for_quota) + "\n";
  out += say(lang, {"重复申报：与往年入选 ", "repeats found: of earlier lists "}) +
         std::to_string(t.duplicates_prior) + say(lang, {"（预置 ", " (planted "}) +
         std::to_string(s.planted_prior) + say(lang, {"），本年度内 ", "), within the campaign "}) +
         std::to_string(t.duplicates_within) + say(lang, {"（预置 ", " (planted "}) +
         std::to_string(s.planted_campaign) + say(lang, {"）\n", ")\n"});
  out += say(lang, {"形式审查：合格 ", "formal check: eligible "}) +
         std::to_string(t.formal_eligible) + say(lang, {"（核验材料后 ", " (on documents "}) +
         std::to_string(t.formal_accepted_with_evidence) +
         say(lang, {"），不合格：往年入选 ", "), ineligible: listed before "}) +
         std::to_string(t.formal_ineligible_prior) + say(lang, {"，重复申报 ", ", filed twice "}) +
         std::to_string(t.formal_ineligible_repeat) + say(lang, {"，申报条件 ", ", rules "}) +
         std::to_string(t.formal_ineligible_rules) + say(lang, {"（预置 ", " (planted "}) +
         std::to_string(s.planted_ineligible) + say(lang, {"）\n", ")\n"});
  out += say(lang, {"初评：评审机构 ", "preliminary review: bodies "}) + std::to_string(t.bodies) +
         say(lang, {"，专家 ", ", experts "}) + std::to_string(t.experts) +
         say(lang, {"（偏严 ", " (harsh "}) + std::to_string(t.harsh) +
         say(lang, {"，偏宽 ", ", lenient "}) + std::to_string(t.lenient) +
         say(lang, {"），利益冲突回避 ", "), conflicts excluded "}) + std::to_string(t.conflicts) +
         say(lang, {"（预置冲突专家 ", " (experts planted with one "}) +
         std::to_string(s.planted_conflicts) + say(lang, {"）\n", ")\n"});
  out += say(lang, {"专家分配：", "assignment: "}) + std::to_string(t.pairs) +
         say(lang, {" 对，目标值 ", " pairs, objective "}) + fixed(t.objective, 3) +
         (t.optimal ? say(lang, {"（最优）", " (optimal)"}) : "") +
         say(lang, {"，专家不足的申报 ", ", applications short of experts "}) +
         std::to_string(t.unstaffed) + say(lang, {"，评分表 ", ", sheets "}) +
         std::to_string(t.sheets) + "\n";
  out += say(lang, {"入围（排名 → 入围）：", "shortlisted (ranked -> shortlisted): "});
  for (const SimulationTallies::Shortlisted& l : t.shortlists) {
    out += (&l == &t.shortlists.front() ? "" : " ") + l.list +
           (l.field.empty() ? "" : "/" + l.field) + " " + std::to_string(l.ranked) + "->" +
           std::to_string(l.shortlisted);
  }
  out += "\n" + say(lang, {"用时（毫秒）：", "time (ms): "});
  for (const PhaseTime& p : s.times)
    out += (&p == &s.times.front() ? "" : " ") + p.phase + "=" + fixed(p.milliseconds, 0);
  return out + "\n";
}

std::string summary_json(const SimulationSummary& s) {
  const SimulationTallies& t = s.tallies;
  auto field = [](std::string_view key, const std::string& value) {
    return quoted(key) + ":" + value;
  };
  auto number = [&](std::string_view key, long long value) {
    return field(key, std::to_string(value));
  };
  std::string states, quotas, shortlists, times;
  for (const auto& [state, n] : s.states) {
    states += (states.empty() ? "" : ",") + number(state, n);
  }
  for (const SimulationSummary::QuotaUse& q : s.quotas) {
    quotas += std::string(quotas.empty() ? "" : ",") + "{" + field("list", quoted(q.list)) + "," +
              number("recommended", q.recommended) + "," + number("quota", q.quota) + "," +
              number("full", q.full) + "," + number("over", q.over) + "}";
  }
  for (const SimulationTallies::Shortlisted& l : t.shortlists) {
    shortlists += std::string(shortlists.empty() ? "" : ",") + "{" + field("list", quoted(l.list)) +
                  "," + field("field", quoted(l.field)) + "," + number("ranked", l.ranked) + "," +
                  number("shortlisted", l.shortlisted) + "}";
  }
  for (const PhaseTime& p : s.times) {
    times += (times.empty() ? "" : ",") + field(p.phase, fixed(p.milliseconds, 1));
  }
  std::string out = "{";
  out += number("year", s.year) + "," + field("scale", fixed(s.scale, 4)) + "," +
         field("seed", std::to_string(s.seed)) + "," + number("units", s.units) + "," +
         number("applicants", s.applicants) + "," + number("applications", s.applications) + "," +
         number("listed_entries", s.listed_entries) + ",";
  out += field("states", "{" + states + "}") + "," + field("quotas", "[" + quotas + "]") + ",";
  out += number("refused_for_quota", t.refused_for_quota) + ",";
  out += field("duplicates", "{" + number("prior", t.duplicates_prior) + "," +
                                 number("within", t.duplicates_within) + "," +
                                 number("planted_prior", s.planted_prior) + "," +
                                 number("planted_within", s.planted_campaign) + "}") +
         ",";
  out +=
      field("formal_check", "{" + number("eligible", t.formal_eligible) + "," +
                                number("on_documents", t.formal_accepted_with_evidence) + "," +
                                number("ineligible_listed_before", t.formal_ineligible_prior) +
                                "," + number("ineligible_filed_twice", t.formal_ineligible_repeat) +
                                "," + number("ineligible_rules", t.formal_ineligible_rules) + "," +
                                number("planted_ineligible", s.planted_ineligible) + "}") +
      ",";
  out += field("review", "{" + number("bodies", t.bodies) + "," + number("experts", t.experts) +
                             "," + number("harsh", t.harsh) + "," + number("lenient", t.lenient) +
                             "," + number("conflicts", t.conflicts) + "," +
                             number("planted_conflicts", s.planted_conflicts) + "," +
                             number("pairs", t.pairs) + "," +
                             field("objective", fixed(t.objective, 3)) + "," +
                             field("optimal", t.optimal ? "true" : "false") + "," +
                             number("unstaffed", t.unstaffed) + "," + number("sheets", t.sheets) +
                             "," + number("unscored", t.unscored) + "}") +
         ",";
  out += field("shortlists", "[" + shortlists + "]") + ",";
  out += field("timings_ms", "{" + times + "}");
  return out + "}\n";
}

}  // namespace kczg::cli
