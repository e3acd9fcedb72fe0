// Applicants and their applications, the repeats planted among them and earlier years'
// lists: who applies to what, with which form values.
#include <algorithm>
#include <array>

#include "cli/simulate_parts.hpp"

namespace kczg::cli::sim {
namespace {

// Share of the pioneer-technology list's applications per field, in themes() order.
constexpr std::array<double, 6> k_field_weights{0.24, 0.20, 0.18, 0.15, 0.15, 0.08};

const Province& some_province(Random& random) {
  std::vector<double> weights;
  for (const Province& p : provinces()) weights.push_back(p.weight);
  return provinces()[random.weighted(weights)];
}

const Theme& some_theme(Random& random) { return themes()[random.weighted(k_field_weights)]; }

Applicant enterprise(Generation& g, const Place& place, const Theme& theme) {
  Applicant a;
  a.kind = ApplicantKind::enterprise;
  a.name = company_name(g.random, place.city, theme, g.names);
  a.uscc = make_uscc(g.random, "91", place.county);
  return a;
}

std::string organisation_name(Generation& g, const std::string& kind, const Place& place,
                              const Theme& theme) {
  std::string city(place.city), trade(theme.trades[g.random.below(theme.trades.size())]);
  while (true) {
    std::string name = kind == "new_rd_institution" ? city + trade + "产业技术研究院"
                       : kind == "tech_transfer_institution" ? city + trade + "技术转移中心"
                       : kind == "incubation_carrier" ? city + trade + "科技企业孵化器"
                                                      : city + trade + "创新联合体";
    if (g.names.insert(name).second) return name;
    city = std::string(place.city) + std::to_string(g.random.between(2, 99)) + "号";
  }
}

std::string contact(Generation& g) {
  return "applicant" + std::to_string(g.world.applicants.size() + 1) + "@example.org";
}

}  // namespace

void add_application(Generation& g, const std::string& list, bool plant_ineligible) {
  Random& r = g.random;
  const List* l = find_list(g.campaign, list);
  SimApplication a;
  a.list = list;
  const Theme& theme = !l->fields.empty() ? themes()[r.weighted(k_field_weights)] : some_theme(r);
  if (!l->fields.empty()) a.field = std::string(theme.field);
  const Province& province = some_province(r);
  const Place& place = province.places[r.below(province.places.size())];
  FormSubject s{&theme, "", nullptr, std::string(place.county), "", "", {}, {}};
  s.details = {detail(r), detail(r), detail(r)};
  Applicant applicant;
  if (list == "pioneer_tech") {
    if (r.chance(0.22)) {
      std::size_t i = r.below(g.institutions.size());
      applicant = {0, ApplicantKind::organisation, std::string(institution(i)),
                   g.institutions[i].first, ""};
      s.region = g.institutions[i].second;
    } else {
      applicant = enterprise(g, place, theme);
    }
    a.title = technology_name(r, theme, g.names);
    s.subject = a.title;
  } else if (list == "emerging_enterprise") {
    applicant = enterprise(g, place, theme);
    a.title = applicant.name;
    s.subject = theme.subjects[r.below(theme.subjects.size())];
  } else if (list == "integration_org") {
    static const std::array<std::string, 4> k_kinds{"new_rd_institution",
                                                    "tech_transfer_institution",
                                                    "incubation_carrier", "innovation_consortium"};
    static const std::array<double, 4> k_weights{0.35, 0.25, 0.3, 0.1};
    std::string kind = k_kinds[r.weighted(k_weights)];
    applicant = {0, ApplicantKind::organisation, organisation_name(g, kind, place, theme),
                 make_uscc(r, kind == "innovation_consortium" ? "91" : "52", place.county), ""};
    a.title = applicant.name;
    s.subject = theme.subjects[r.below(theme.subjects.size())];
    s.given["org_kind"] = kind;
    if (kind == "innovation_consortium") {
      s.given["lead_unit"] = company_name(r, place.city, theme, g.names);
    }
  } else {
    // A person: an entrepreneur with the enterprise they founded, or a technology manager
    // at a university or a company.
    applicant = {0, ApplicantKind::person, person_name(r, g.names), "", ""};
    a.title = applicant.name;
    s.subject = theme.subjects[r.below(theme.subjects.size())];
    if (list == "tech_manager" && r.chance(0.5)) {
      std::size_t i = r.below(g.institutions.size());
      s.organisation = institution(i);
      s.organisation_uscc = g.institutions[i].first;
    } else {
      s.organisation = company_name(r, place.city, theme, g.names);
      s.organisation_uscc = make_uscc(r, "91", place.county);
    }
  }
  applicant.contact = contact(g);
  std::string fail_rule;
  if (plant_ineligible) {
    std::vector<std::string> rules = plantable_rules(g.campaign, a.list, a.field);
    if (!rules.empty()) fail_rule = rules[r.below(rules.size())];
  }
  s.applicant = &applicant;
  a.values = form_values(r, g.campaign, a, s, fail_rule);
  if (!fail_rule.empty()) {
    a.planted = Planted::ineligible;
    a.rule = fail_rule;
    ++g.world.planted_ineligible;
  }
  a.merit = std::clamp(r.normal(0.55, 0.17), 0.05, 0.98);
  a.unit = choose_unit(r, g.units, province.code, a.list, a.field);
  a.applicant = g.world.applicants.size();
  g.world.applicants.push_back(std::move(applicant));
  schedule(r, g.campaign, a);
  g.world.applications.push_back(std::move(a));
}

namespace {

// The form's first paragraph, which states the item's details: what an earlier year's
// entry summarises it with, and what a repeat rewords.
std::string lead_field(const SimApplication& a) {
  if (const ApplicationForm* form = form_for(a.list)) {
    for (const FormSection& section : form->sections) {
      for (const FormField& f : section.fields) {
        if (f.type == FormFieldType::textarea) return f.name;
      }
    }
  }
  return "";
}

std::string summary_of(const SimApplication& a) {
  auto v = a.values.find(lead_field(a));
  return v == a.values.end() ? std::string() : v->second;
}

Instant early_start(Random& random, const Campaign& campaign) {
  const Phase* c = find_phase(campaign, PhaseKind::collection);
  auto span = *c->ends_at - *c->starts_at;
  double at = 0.45 + 0.3 * random.uniform();
  return *c->starts_at + std::chrono::duration_cast<std::chrono::microseconds>(span * at);
}

}  // namespace

void plant_prior_repeat(Generation& g, std::size_t i, int style) {
  SimApplication& a = g.world.applications[i];
  const Applicant& holder = g.world.applicants[a.applicant];
  ListedEntry e;
  e.year = g.campaign.year - 1 - int(g.random.below(2));
  e.list = a.list;
  e.summary = summary_of(a);
  if (a.list == "emerging_enterprise") {
    // The enterprise itself, listed under its earlier name: the USCC tells.
    const Theme& theme = some_theme(g.random);
    e.name = company_name(g.random, "", theme, g.names);
    e.holder_uscc = holder.uscc;
    e.summary = e.name + "，" + detail(g.random) + "。" +
                paragraph(g.random, theme, theme.subjects.front(), Paragraph::summary, 20, 120);
  } else {
    e.holder = holder.name;
    e.holder_uscc = holder.uscc;
    switch (style % 3) {
      case 0:  // spelt in traditional characters, as a Taiwan or Hong Kong entry is, no USCC
        e.name = to_traditional(a.title);
        e.summary = to_traditional(e.summary);
        e.holder_uscc.clear();
        break;
      case 1:  // named with a form word the applicant has since dropped
        e.name = a.title + "关键技术";
        break;
      default:  // renamed, its text reworded, the holder's code not on record
        e.name = technology_name(g.random, theme_of(a.field), g.names);
        e.summary = reword(g.random, e.summary);
        e.holder_uscc.clear();
        break;
    }
  }
  g.world.listed.push_back(std::move(e));
  a.planted = Planted::prior_repeat;
  schedule_early(g.random, g.campaign, a, early_start(g.random, g.campaign));
  ++g.world.planted_prior;
}

void plant_campaign_repeat(Generation& g, std::size_t i) {
  SimApplication& a = g.world.applications[i];
  schedule_early(g.random, g.campaign, a, early_start(g.random, g.campaign));
  SimApplication b = a;
  Applicant applicant = g.world.applicants[a.applicant];
  if (a.list == "pioneer_tech") {
    // A co-holder files the same technology under its own name.
    const Province& province = some_province(g.random);
    const Place& place = province.places[g.random.below(province.places.size())];
    Applicant co = enterprise(g, place, theme_of(a.field));
    b.values["holder_name"] = co.name + "、" + applicant.name;
    b.values["holder_uscc"] = co.uscc;
    applicant = std::move(co);
  }
  // (An enterprise keeps its name and USCC: it applies again through another unit.)
  applicant.contact = contact(g);
  if (std::string field = lead_field(a); a.values.contains(field)) {
    b.values[field] = reword(g.random, a.values.at(field));
  }
  b.planted = Planted::campaign_repeat;
  b.repeats = i;
  b.unit = choose_unit(g.random, g.units, "", b.list, b.field, a.unit);
  b.applicant = g.world.applicants.size();
  g.world.applicants.push_back(std::move(applicant));
  schedule_early(g.random, g.campaign, b, *a.submitted_at);
  g.world.applications.push_back(std::move(b));
  ++g.world.planted_campaign;
}

void add_listed(Generation& g, double scale) {
  for (int year : {g.campaign.year - 2, g.campaign.year - 1}) {
    for (const List& list : g.campaign.lists) {
      if (list.separately_organised) continue;
      int n = std::max(1, int(list.target_size * scale + 0.5));
      for (int k = 0; k < n; ++k) {
        const Theme& theme = !list.fields.empty() ? themes()[g.random.weighted(k_field_weights)]
                                                  : some_theme(g.random);
        const Province& province = some_province(g.random);
        const Place& place = province.places[g.random.below(province.places.size())];
        ListedEntry e{0, year, list.code, "", "", "", "", "", 0};
        std::string subject(theme.subjects[g.random.below(theme.subjects.size())]);
        if (list.code == "pioneer_tech") {
          e.name = technology_name(g.random, theme, g.names);
          e.holder = company_name(g.random, place.city, theme, g.names);
          subject = e.name;
        } else if (list.code == "emerging_enterprise" || list.code == "integration_org") {
          e.name = company_name(g.random, place.city, theme, g.names);
        } else {
          e.name = person_name(g.random, g.names);
          e.holder = company_name(g.random, place.city, theme, g.names);
        }
        e.holder_uscc = make_uscc(g.random, "91", place.county);
        e.summary = e.name + "，" + detail(g.random) + "，" + detail(g.random) + "。" +
                    paragraph(g.random, theme, subject, Paragraph::summary, 20, 120);
        g.world.listed.push_back(std::move(e));
      }
    }
  }
}

}  // namespace kczg::cli::sim
