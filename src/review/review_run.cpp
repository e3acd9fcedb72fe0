#include "review/review_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

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

// Positions in inputs.applications / inputs.experts; -1 when absent. A review body has
// hundreds of each, so a scan is cheaper than keeping maps in step.
int index_of_application(const AssignmentInputs& inputs, long long id) {
  auto it = std::ranges::find_if(inputs.applications,
                                 [&](const ReviewCandidate& c) { return c.application.id == id; });
  return it == inputs.applications.end() ? -1 : int(it - inputs.applications.begin());
}

int index_of_expert(const AssignmentInputs& inputs, long long id) {
  auto it = std::ranges::find_if(inputs.experts, [&](const Expert& e) { return e.id == id; });
  return it == inputs.experts.end() ? -1 : int(it - inputs.experts.begin());
}

std::optional<ExpertPair> pair_of(const AssignmentInputs& inputs, long long application,
                                  long long expert) {
  int a = index_of_application(inputs, application), e = index_of_expert(inputs, expert);
  if (a < 0 || e < 0) return std::nullopt;
  return ExpertPair{a, e};
}

double affinity_of(const AssignmentProblem& problem, int application, int expert) {
  for (const Candidate& c : problem.affinity[std::size_t(application)]) {
    if (c.expert == expert) return c.affinity;
  }
  return 0;
}

}  // namespace

namespace {

bool covered(const std::vector<Coverage>& covers, const Application& application) {
  return std::ranges::any_of(covers, [&](const Coverage& c) {
    return c.list == application.list && (c.field.empty() || c.field == application.field);
  });
}

}  // namespace

bool in_review_scope(const ReviewBody& body, const std::vector<Coverage>& covers,
                     const Application& application) {
  using S = ApplicationState;
  S s = application.state;
  bool reviewable = body.final_panel
                        ? s == S::shortlisted
                        : s == S::recommended || s == S::eligible || s == S::under_review;
  return reviewable && covered(covers, application);
}

bool in_review_results(const ReviewBody& body, const std::vector<Coverage>& covers,
                       const Application& application) {
  using S = ApplicationState;
  S s = application.state;
  bool decided = s == S::listed || s == S::not_listed;
  bool reviewed =
      decided || (!body.final_panel && (s == S::shortlisted || s == S::not_shortlisted));
  return (reviewed && covered(covers, application)) || in_review_scope(body, covers, application);
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

PreparedAssignment prepare_assignment(const AssignmentInputs& inputs) {
  const ReviewPlan& plan = inputs.plan;
  PreparedAssignment prepared;

  auto started = Clock::now();
  std::vector<ApplicationParties> parties;
  parties.reserve(inputs.applications.size());
  for (const ReviewCandidate& c : inputs.applications) parties.push_back(parties_of(c));
  std::vector<ExpertRecord> records;
  records.reserve(inputs.experts.size());
  for (const Expert& e : inputs.experts) records.push_back(record_of(e, inputs.declared));
  ConflictRules rules;
  rules.aliases = inputs.aliases;
  prepared.conflicts = find_conflicts(records, parties, rules);
  prepared.conflict_seconds = seconds_since(started);

  started = Clock::now();
  std::vector<ExpertProfile> profiles;
  profiles.reserve(inputs.experts.size());
  for (const Expert& e : inputs.experts) profiles.push_back({e.profile, e.keywords});
  AffinityIndex index(profiles);
  std::vector<ApplicationText> texts;
  texts.reserve(inputs.applications.size());
  for (const ReviewCandidate& c : inputs.applications) texts.push_back(text_of(c));
  auto affinities = index.affinities_all(texts, 2);
  prepared.affinity_seconds = seconds_since(started);

  AssignmentProblem& problem = prepared.problem;
  problem.experts_per_application = plan.experts_per_application;
  for (const Expert& e : inputs.experts) {
    problem.experts.push_back({sector_index(e.sector), plan.max_load});
  }
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
  for (const Conflict& c : prepared.conflicts) {
    problem.conflicts.push_back({int(c.application), int(c.expert)});
  }
  for (const PairRuleEntry& r : inputs.rules) {
    if (auto pair = pair_of(inputs, r.application_id, r.expert_id)) {
      (r.rule == PairRule::force ? problem.forced : problem.forbidden).push_back(*pair);
    }
  }
  for (const ReviewAssignment& d : inputs.declined) {
    if (auto pair = pair_of(inputs, d.application_id, d.expert_id)) {
      problem.forbidden.push_back(*pair);
    }
  }
  // Spread the load: above the average an expert's next application costs a little
  // affinity, so two experts at the average beat one over it and one under.
  if (!inputs.experts.empty()) {
    double average = double(inputs.applications.size()) * plan.experts_per_application /
                     double(inputs.experts.size());
    problem.free_load = int(std::ceil(average));
    problem.load_weight = 0.1;
  }
  return prepared;
}

Result<AssignmentRun> run_assignment(const AssignmentInputs& inputs) {
  PreparedAssignment prepared = prepare_assignment(inputs);
  AssignmentRun run;
  run.conflicts = std::move(prepared.conflicts);
  run.conflict_seconds = prepared.conflict_seconds;
  run.affinity_seconds = prepared.affinity_seconds;
  const AssignmentProblem& problem = prepared.problem;
  auto started = Clock::now();
  auto result = assign_experts(problem);
  if (!result) return fail(result.error());
  run.assignment_seconds = seconds_since(started);
  for (std::size_t i = 0; i < result->assignment.experts.size(); ++i) {
    for (int j : result->assignment.experts[i]) {
      ReviewAssignment a;
      a.application_id = inputs.applications[i].application.id;
      a.expert_id = inputs.experts[std::size_t(j)].id;
      a.affinity = affinity_of(problem, int(i), j);
      run.assignments.push_back(a);
    }
  }
  run.result = std::move(*result);
  return run;
}

std::vector<std::string> explain_pairs(const AssignmentInputs& inputs,
                                       const std::vector<ReviewAssignment>& pairs,
                                       std::size_t max_terms) {
  std::vector<ExpertProfile> profiles;
  profiles.reserve(inputs.experts.size());
  for (const Expert& e : inputs.experts) profiles.push_back({e.profile, e.keywords});
  AffinityIndex index(profiles);
  std::vector<std::string> out;
  out.reserve(pairs.size());
  for (const ReviewAssignment& pair : pairs) {
    int a = index_of_application(inputs, pair.application_id);
    int e = index_of_expert(inputs, pair.expert_id);
    std::string text;
    if (a >= 0 && e >= 0) {
      AffinityExplanation why =
          index.explain(std::uint32_t(e), text_of(inputs.applications[std::size_t(a)]), max_terms);
      for (const TermContribution& t : why.phrases) {
        char weight[32];
        std::snprintf(weight, sizeof weight, " %.2f", t.contribution);
        text += (text.empty() ? "" : "；") + t.term + weight;
      }
    }
    out.push_back(std::move(text));
  }
  return out;
}

Result<Reassignment> reassign(const AssignmentInputs& inputs,
                              const std::vector<ReviewAssignment>& current, long long application,
                              long long expert_from, long long expert_to) {
  int a = index_of_application(inputs, application);
  if (a < 0) {
    return fail(
        make_error(ErrorCode::application_not_found, "application", std::to_string(application)));
  }
  for (long long e : {expert_from, expert_to}) {
    if (index_of_expert(inputs, e) < 0) {
      return fail(make_error(ErrorCode::expert_not_found, "expert", std::to_string(e)));
    }
  }
  Reassignment out;
  bool found = false;
  for (const ReviewAssignment& r : current) {
    if (r.state != AssignmentState::assigned) continue;
    if (r.application_id == application && r.expert_id == expert_from) {
      found = true;
      continue;
    }
    out.assignments.push_back(r);
  }
  if (!found) {
    return fail(make_error(ErrorCode::assignment_missing, "expert", std::to_string(expert_from),
                           "application", std::to_string(application)));
  }
  PreparedAssignment prepared = prepare_assignment(inputs);
  ReviewAssignment added;
  added.application_id = application;
  added.expert_id = expert_to;
  added.affinity = affinity_of(prepared.problem, a, index_of_expert(inputs, expert_to));
  out.assignments.push_back(added);
  Assignment check;
  check.experts.resize(inputs.applications.size());
  for (const ReviewAssignment& r : out.assignments) {
    int i = index_of_application(inputs, r.application_id);
    int j = index_of_expert(inputs, r.expert_id);
    if (i >= 0 && j >= 0) check.experts[std::size_t(i)].push_back(j);
  }
  for (auto& experts : check.experts) std::ranges::sort(experts);
  out.violations = check_assignment(prepared.problem, check);
  return out;
}

}  // namespace kczg::review
