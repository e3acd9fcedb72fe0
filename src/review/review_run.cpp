#include "review/review_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "domain/application_form.hpp"
#include "review/affinity.hpp"

namespace kczg::review {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Form fields that name organisations, with the field holding the first one's USCC.
struct NamedOrganisation {
  const char* name;
  const char* uscc;
};
constexpr NamedOrganisation k_organisation_fields[] = {
    {"holder_name", "holder_uscc"},
    {"enterprise_name", "uscc"},
    {"org_name", "uscc"},
    {"lead_unit", ""},
    {"organisation", "org_uscc"},
    {"partner_name", ""},
    {"operator_name", "operator_uscc"},
};

// "甲公司、乙大学；丙研究院" → its parts: holders are often listed in one field.
std::vector<std::string> split_names(const std::string& text) {
  static const std::vector<std::string> separators = {"、", "；", "，", ";", ",", "/"};
  std::vector<std::string> out{text};
  for (const std::string& separator : separators) {
    std::vector<std::string> next;
    for (const std::string& part : out) {
      std::size_t from = 0;
      for (std::size_t at; (at = part.find(separator, from)) != std::string::npos;) {
        next.push_back(part.substr(from, at - from));
        from = at + separator.size();
      }
      next.push_back(part.substr(from));
    }
    out = std::move(next);
  }
  std::erase_if(
      out, [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; });
  return out;
}

std::string value_of(const std::map<std::string, std::string>& values, const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? std::string() : it->second;
}

// The application's text for affinity: its title and every free-text answer, each a part
// so that no character bigram spans two answers.
ApplicationText text_of(const ReviewCandidate& candidate) {
  ApplicationText text;
  text.parts.push_back(candidate.application.title);
  if (const ApplicationForm* form = form_for(candidate.application.list)) {
    for (const FormSection& section : form->sections) {
      for (const FormField& field : section.fields) {
        if (field.type != FormFieldType::text && field.type != FormFieldType::textarea) continue;
        if (std::string v = value_of(candidate.values, field.name); !v.empty()) {
          text.parts.push_back(std::move(v));
        }
      }
    }
  }
  return text;
}

ExpertRecord record_of(const Expert& expert, const std::vector<DeclaredConflict>& declared) {
  ExpertRecord record;
  record.id = std::to_string(expert.id);
  record.name = expert.name;
  record.organisations.push_back({expert.organisation, expert.organisation_uscc});
  for (const DeclaredConflict& d : declared) {
    if (d.expert_id != expert.id) continue;
    if (d.application_id) record.declared_applications.push_back(std::to_string(d.application_id));
    if (!d.organisation.empty() || !d.organisation_uscc.empty()) {
      record.declared_organisations.push_back({d.organisation, d.organisation_uscc});
    }
  }
  return record;
}

int sector_index(Sector sector) {
  return int(std::ranges::find(k_sectors, sector) - k_sectors.begin());
}

}  // namespace

bool in_review_scope(const std::vector<Coverage>& covers, const Application& application) {
  bool reviewable = application.state == ApplicationState::recommended ||
                    application.state == ApplicationState::eligible ||
                    application.state == ApplicationState::under_review;
  return reviewable && std::ranges::any_of(covers, [&](const Coverage& c) {
           return c.list == application.list && (c.field.empty() || c.field == application.field);
         });
}

ApplicationParties parties_of(const ReviewCandidate& candidate) {
  ApplicationParties parties;
  parties.id = std::to_string(candidate.application.id);
  parties.applicant = {candidate.applicant_name, candidate.applicant_uscc};
  for (const NamedOrganisation& field : k_organisation_fields) {
    std::vector<std::string> names = split_names(value_of(candidate.values, field.name));
    for (std::size_t i = 0; i < names.size(); ++i) {
      // The USCC field names the first organisation only (第一持有方).
      std::string uscc = i == 0 && *field.uscc ? value_of(candidate.values, field.uscc) : "";
      parties.holders.push_back({names[i], uscc});
    }
  }
  if (std::string person = value_of(candidate.values, "person_name"); !person.empty()) {
    parties.holder_people.push_back(person);
  }
  parties.unit = {candidate.unit_name, candidate.unit_uscc};
  return parties;
}

Result<AssignmentRun> run_assignment(const AssignmentInputs& inputs) {
  const ReviewPlan& plan = inputs.plan;
  AssignmentRun run;

  auto started = Clock::now();
  std::vector<ApplicationParties> parties;
  parties.reserve(inputs.applications.size());
  for (const ReviewCandidate& c : inputs.applications) parties.push_back(parties_of(c));
  std::vector<ExpertRecord> records;
  records.reserve(inputs.experts.size());
  for (const Expert& e : inputs.experts) records.push_back(record_of(e, inputs.declared));
  std::map<long long, int> application_index, expert_index;
  for (std::size_t i = 0; i < inputs.applications.size(); ++i) {
    application_index[inputs.applications[i].application.id] = int(i);
  }
  for (std::size_t j = 0; j < inputs.experts.size(); ++j) {
    expert_index[inputs.experts[j].id] = int(j);
  }
  ConflictRules rules;
  rules.aliases = inputs.aliases;
  run.conflicts = find_conflicts(records, parties, rules);
  run.conflict_seconds = seconds_since(started);

  started = Clock::now();
  std::vector<ExpertProfile> profiles;
  profiles.reserve(inputs.experts.size());
  for (const Expert& e : inputs.experts) profiles.push_back({e.profile, e.keywords});
  AffinityIndex index(profiles);
  std::vector<ApplicationText> texts;
  texts.reserve(inputs.applications.size());
  for (const ReviewCandidate& c : inputs.applications) texts.push_back(text_of(c));
  auto affinities = index.affinities_all(texts, 2);
  run.affinity_seconds = seconds_since(started);

  started = Clock::now();
  AssignmentProblem problem;
  problem.experts_per_application = plan.experts_per_application;
  for (const Expert& e : inputs.experts)
    problem.experts.push_back({sector_index(e.sector), plan.max_load});
  problem.affinity.resize(affinities.size());
  for (std::size_t i = 0; i < affinities.size(); ++i) {
    for (const ExpertAffinity& a : affinities[i]) {
      problem.affinity[i].push_back({int(a.expert), a.affinity});
    }
  }
  problem.sectors.resize(k_sectors.size());
  for (const auto& [sector, minimum] : plan.sector_minimums) {
    problem.sectors[std::size_t(sector_index(sector))].min = minimum;
  }
  for (const Conflict& c : run.conflicts) {
    problem.conflicts.push_back({int(c.application), int(c.expert)});
  }
  auto pair_of = [&](long long application, long long expert) -> std::optional<ExpertPair> {
    auto a = application_index.find(application);
    auto e = expert_index.find(expert);
    if (a == application_index.end() || e == expert_index.end()) return std::nullopt;
    return ExpertPair{a->second, e->second};
  };
  for (const PairRuleEntry& r : inputs.rules) {
    if (auto pair = pair_of(r.application_id, r.expert_id)) {
      (r.rule == PairRule::force ? problem.forced : problem.forbidden).push_back(*pair);
    }
  }
  for (const ReviewAssignment& d : inputs.declined) {
    if (auto pair = pair_of(d.application_id, d.expert_id)) problem.forbidden.push_back(*pair);
  }
  // Spread the load: above the average an expert's next application costs a little
  // affinity, so two experts at the average beat one over it and one under.
  if (!inputs.experts.empty()) {
    double average = double(inputs.applications.size()) * plan.experts_per_application /
                     double(inputs.experts.size());
    problem.free_load = int(std::ceil(average));
    problem.load_weight = 0.1;
  }
  auto result = assign_experts(problem);
  if (!result) return fail(result.error());
  run.assignment_seconds = seconds_since(started);

  for (std::size_t i = 0; i < result->assignment.experts.size(); ++i) {
    for (int j : result->assignment.experts[i]) {
      double affinity = 0;
      for (const Candidate& c : problem.affinity[i]) {
        if (c.expert == j) affinity = c.affinity;
      }
      ReviewAssignment a;
      a.application_id = inputs.applications[i].application.id;
      a.expert_id = inputs.experts[std::size_t(j)].id;
      a.affinity = affinity;
      run.assignments.push_back(a);
    }
  }
  run.result = std::move(*result);
  return run;
}

}  // namespace kczg::review
