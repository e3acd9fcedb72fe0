#include "web/applications/report_tables.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "i18n/labels.hpp"
#include "web/applications/operations.hpp"
#include "web/review/final_review_service.hpp"

namespace kczg::web {
namespace {

// The BM25 affinity the assignment maximised, two decimals.
std::string affinity_text(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%.2f", value);
  return out;
}

// The province of a unit's region (national units count as 全国/National).
std::string province_of(const std::string& region, Lang lang) {
  if (region.size() < 2) return "—";
  return region_label(region.substr(0, 2) + "0000", lang);
}

using Summaries = std::map<long long, ApplicationSummary>;

Result<Summaries> summaries_by_id(Store& store, const StoredCampaign& stored) {
  auto all = store.application_summaries(stored.id);
  if (!all) return fail(all.error());
  Summaries out;
  for (ApplicationSummary& s : *all) out.emplace(s.application.id, std::move(s));
  return out;
}

// An application's number and title for a row; blank for one the campaign does not have.
std::pair<std::string, std::string> number_and_title(const Summaries& all, long long id, int year) {
  auto s = all.find(id);
  if (s == all.end()) return {};
  return {application_number(year, s->second.application), s->second.application.title};
}

Result<ExportTable> statistics(Store& store, const StoredCampaign& stored, Instant now, Lang lang) {
  auto all = store.application_summaries(stored.id);
  if (!all) return fail(all.error());
  std::map<long long, Unit> units;
  for (Unit& u : store.units().value_or(std::vector<Unit>{})) units[u.id] = std::move(u);
  CampaignCounts counts = campaign_counts(stored.campaign, *all, units, now, lang);
  ExportTable t{"statistics", column_header(lang, {"dimension", "label", "count"}), {}};
  auto add = [&](std::string_view dimension, const std::map<std::string, int>& by) {
    std::string name = translate("page." + std::string(dimension), {}, lang);
    for (const auto& [label, n] : by) t.rows.push_back({name, label, std::to_string(n)});
  };
  add("by_list", counts.by_list);
  add("by_field", counts.by_field);
  add("by_state", counts.by_state);
  add("by_channel", counts.by_channel);
  add("by_province", counts.by_province);
  add("submissions_per_day", counts.per_day);
  add("listed_by_list", counts.listed_by_list);
  add("listed_by_province", counts.listed_by_province);
  auto years = year_counts(store, stored.campaign.year);
  if (!years) return fail(years.error());
  std::string yoy = translate("page.year_over_year", {}, lang);
  for (const YearCounts& y : *years) {
    t.rows.push_back({yoy,
                      std::to_string(y.year) + " " + translate("page.submitted_count", {}, lang),
                      std::to_string(y.submitted)});
    t.rows.push_back({yoy, std::to_string(y.year) + " " + translate("page.listed_count", {}, lang),
                      std::to_string(y.listed)});
  }
  auto progress = review_progress(store, stored);
  if (!progress) return fail(progress.error());
  std::string reviewed = translate("page.review_progress", {}, lang);
  for (const ReviewProgress& p : *progress) {
    t.rows.push_back({reviewed, p.body + " " + translate("page.pairs_assigned", {}, lang),
                      std::to_string(p.assigned)});
    t.rows.push_back({reviewed, p.body + " " + translate("page.sheets_submitted", {}, lang),
                      std::to_string(p.submitted)});
  }
  std::string quota = translate("page.quota_use", {}, lang);
  for (const auto& [id, n] : counts.recommended_by_unit) {
    auto u = units.find(id);
    t.rows.push_back(
        {quota, u == units.end() ? std::to_string(id) : u->second.name, std::to_string(n)});
  }
  return t;
}

Result<ExportTable> formal_check(Store& store, const StoredCampaign& stored, Lang lang) {
  auto all = summaries_by_id(store, stored);
  if (!all) return fail(all.error());
  ExportTable t{"formal_check",
                column_header(lang, {"number", "where", "title", "applicant", "unit", "state",
                                     "verdict", "findings", "reason", "checked_at"}),
                {}};
  for (const auto& [id, s] : *all) {
    const Application& a = s.application;
    if (!was_recommended(a.state)) continue;
    auto checks = store.eligibility_checks(id);
    if (!checks) return fail(checks.error());
    // The formal check's decision when there is one, else what submission recorded.
    const EligibilityCheck* last = checks->empty() ? nullptr : &checks->back();
    std::string findings;
    if (last) {
      for (const EligibilityFinding& f : last->findings) {
        if (f.verdict == Verdict::pass) continue;
        findings += (findings.empty() ? "" : "；") + eligibility_text(f, lang).explanation;
      }
    }
    t.rows.push_back(
        {application_number(stored.campaign.year, a),
         where_label(stored.campaign, a.list, a.field, lang), a.title, s.applicant_name,
         s.unit_name, state_label(a.state, lang),
         last ? translate("eligibility.verdict." + std::string(verdict_name(last->verdict)), {},
                          lang)
              : "",
         findings, a.reason, last ? format_shanghai(last->checked_at) : ""});
  }
  return t;
}

Result<ExportTable> assignments(Store& store, const StoredCampaign& stored, Lang lang) {
  auto all = summaries_by_id(store, stored);
  if (!all) return fail(all.error());
  ExportTable t{"assignments",
                column_header(lang, {"body", "number", "title", "expert", "organisation", "sector",
                                     "affinity", "state", "reason"}),
                {}};
  for (const ReviewBody& body : stored.campaign.review_bodies) {
    auto pairs = store.assignments(stored.id, body.name);
    if (!pairs) return fail(pairs.error());
    auto pool = store.experts(stored.id, body.name);
    if (!pool) return fail(pool.error());
    std::map<long long, const Expert*> experts;
    for (const Expert& e : *pool) experts[e.id] = &e;
    for (const ReviewAssignment& p : *pairs) {
      auto [number, title] = number_and_title(*all, p.application_id, stored.campaign.year);
      auto e = experts.find(p.expert_id);
      t.rows.push_back(
          {body.name, number, title,
           e == experts.end() ? std::to_string(p.expert_id) : e->second->name,
           e == experts.end() ? "" : e->second->organisation,
           e == experts.end() ? ""
                              : std::string(lang == Lang::zh ? sector_name_zh(e->second->sector)
                                                             : sector_name_en(e->second->sector)),
           affinity_text(p.affinity),
           translate("assignment_state." + std::string(assignment_state_name(p.state)), {}, lang),
           p.reason});
    }
  }
  return t;
}

Result<ExportTable> scores(Store& store, const StoredCampaign& stored, Lang lang) {
  auto all = summaries_by_id(store, stored);
  if (!all) return fail(all.error());
  ExportTable t{"scores",
                column_header(lang, {"body", "number", "title", "expert", "criterion", "score",
                                     "sheet_state", "submitted_at", "comment"}),
                {}};
  for (const ReviewBody& body : stored.campaign.review_bodies) {
    auto sheets = store.sheets(stored.id, body.name);
    if (!sheets) return fail(sheets.error());
    auto pool = store.experts(stored.id, body.name);
    if (!pool) return fail(pool.error());
    std::map<long long, std::string> names;
    for (const Expert& e : *pool) names[e.id] = e.name;
    for (const ExpertSheet& sheet : *sheets) {
      auto [number, title] = number_and_title(*all, sheet.application_id, stored.campaign.year);
      std::string state = translate(
          sheet.state == SheetState::submitted ? "page.sheet_submitted" : "page.sheet_draft", {},
          lang);
      std::string submitted = sheet.submitted_at ? format_shanghai(*sheet.submitted_at) : "";
      // One row per criterion: a report pivots it as it needs.
      for (const auto& [criterion, score] : sheet.scores) {
        t.rows.push_back({body.name, number, title, names[sheet.expert_id], criterion,
                          review::format_score(score), state, submitted, sheet.comment});
      }
    }
  }
  return t;
}

Result<ExportTable> rankings(Store& store, const StoredCampaign& stored, Lang lang) {
  auto review = load_final_review(store, stored);
  if (!review) return fail(review.error());
  ExportTable t{"rankings",
                column_header(lang, {"where", "rank", "number", "title", "applicant", "body",
                                     "chosen_value", "seats", "proposal", "state", "reason"}),
                {}};
  for (const review::FinalList& list : review->lists) {
    for (const review::FinalTable& table : list.tables) {
      for (const review::FinalRow& row : table.rows) {
        long long id = row.entry.score.application_id;
        const ApplicationSummary& s = review->applications.at(id);
        std::string proposal = row.tied_at_cut ? "page.final_review_tied"
                               : row.proposed  ? "page.final_review_proposed"
                                               : "page.final_review_not_proposed";
        t.rows.push_back({where_label(stored.campaign, table.where.list, table.where.field, lang),
                          std::to_string(row.entry.rank),
                          application_number(stored.campaign.year, s.application),
                          s.application.title, s.applicant_name, review->bodies.at(id),
                          review::format_score(row.entry.value), std::to_string(table.seats),
                          translate(proposal, {}, lang), state_label(s.application.state, lang),
                          s.application.reason});
      }
    }
  }
  return t;
}

Result<ExportTable> decisions(Store& store, const StoredCampaign& stored, Lang lang) {
  auto all = summaries_by_id(store, stored);
  if (!all) return fail(all.error());
  ExportTable t{"decisions",
                column_header(lang, {"number", "where", "title", "applicant", "unit", "state",
                                     "reason", "updated_at"}),
                {}};
  using S = ApplicationState;
  const std::set<S> decided{S::eligible, S::ineligible, S::shortlisted, S::not_shortlisted,
                            S::listed,   S::not_listed, S::withdrawn};
  for (const auto& [id, s] : *all) {
    const Application& a = s.application;
    if (!decided.contains(a.state)) continue;
    t.rows.push_back({application_number(stored.campaign.year, a),
                      where_label(stored.campaign, a.list, a.field, lang), a.title,
                      s.applicant_name, s.unit_name, state_label(a.state, lang), a.reason,
                      format_shanghai(a.updated_at)});
  }
  return t;
}

Result<ExportTable> objections(Store& store, const StoredCampaign& stored, Lang lang) {
  auto all = summaries_by_id(store, stored);
  if (!all) return fail(all.error());
  auto filed = store.objections(stored.id);
  if (!filed) return fail(filed.error());
  ExportTable t{"objections",
                column_header(lang, {"id", "number", "title", "objector", "contact", "organisation",
                                     "grounds", "evidence", "filed_at", "state", "resolution",
                                     "resolved_at", "actor"}),
                {}};
  for (const Objection& o : *filed) {
    auto [number, title] = number_and_title(*all, o.application_id, stored.campaign.year);
    std::string evidence;
    for (const ObjectionAttachment& a : o.attachments) {
      evidence += (evidence.empty() ? "" : "; ") + a.name;
    }
    t.rows.push_back(
        {std::to_string(o.id), number, title, o.form.name, o.form.contact, o.form.organisation,
         o.form.grounds, evidence, format_shanghai(o.filed_at),
         translate("page.objection_state_" + std::string(objection_state_name(o.state)), {}, lang),
         o.resolution, o.resolved_at ? format_shanghai(*o.resolved_at) : "", o.resolved_by});
  }
  return t;
}

}  // namespace

CampaignCounts campaign_counts(const Campaign& c, const std::vector<ApplicationSummary>& summaries,
                               const std::map<long long, Unit>& units, Instant now, Lang lang) {
  CampaignCounts n;
  const Phase* collection = find_phase(c, PhaseKind::collection);
  Instant curve_end = collection && collection->ends_at ? std::min(*collection->ends_at, now) : now;
  for (const ApplicationSummary& s : summaries) {
    const Application& a = s.application;
    const List* l = find_list(c, a.list);
    ++n.by_state[state_label(a.state, lang)];
    if (a.state == ApplicationState::draft) continue;  // counts below are of submissions
    std::string list_name = l ? in_lang(lang, l->name_zh, l->name_en) : a.list;
    ++n.by_list[list_name];
    if (l && find_field(*l, a.field)) ++n.by_field[where_label(c, a.list, a.field, lang)];
    if (a.state == ApplicationState::listed) ++n.listed_by_list[list_name];
    if (auto u = units.find(a.unit_id); u != units.end()) {
      if (a.state == ApplicationState::listed) {
        ++n.listed_by_province[province_of(u->second.region, lang)];
      }
      for (const std::string& code : u->second.channels) {
        const Channel* ch = find_channel(c, code);
        ++n.by_channel[ch ? in_lang(lang, ch->name_zh, ch->name_en) : code];
      }
      ++n.by_province[province_of(u->second.region, lang)];
    }
    // Every recommendation the unit made uses its quota, whatever happened to it since.
    if (was_recommended(a.state)) ++n.recommended_by_unit[a.unit_id];
    if (a.submitted_at) {
      ++n.per_day[format_shanghai(*a.submitted_at).substr(0, 10)];
      // The last 48 hours before the deadline (or now), by hour: deadline night.
      if (*a.submitted_at <= curve_end && curve_end - *a.submitted_at < std::chrono::hours(48)) {
        ++n.last_hours[format_shanghai(*a.submitted_at).substr(0, 13) + ":00"];
      }
    }
  }
  return n;
}

Result<std::vector<YearCounts>> year_counts(Store& store, int year) {
  std::vector<YearCounts> out;
  // Campaigns are yearly; the first was 2020's, so a decade back covers every one.
  for (int y = year - 10; y <= year; ++y) {
    auto stored = store.campaign_by_year(y);
    if (!stored) {
      if (stored.error().code == ErrorCode::campaign_not_found) continue;
      return fail(stored.error());
    }
    auto by_state = store.count_by_state(stored->id);
    if (!by_state) return fail(by_state.error());
    YearCounts counts{y, 0, 0};
    for (const auto& [state, n] : *by_state) {
      if (state != "draft") counts.submitted += n;
      if (state == "listed") counts.listed += n;
    }
    out.push_back(counts);
  }
  return out;
}

Result<std::vector<ReviewProgress>> review_progress(Store& store, const StoredCampaign& stored) {
  std::vector<ReviewProgress> out;
  for (const ReviewBody& body : stored.campaign.review_bodies) {
    auto pairs = store.assignments(stored.id, body.name);
    if (!pairs) return fail(pairs.error());
    auto sheets = store.sheets(stored.id, body.name);
    if (!sheets) return fail(sheets.error());
    ReviewProgress p{body.name, 0, 0};
    for (const ReviewAssignment& a : *pairs) p.assigned += a.state == AssignmentState::assigned;
    for (const ExpertSheet& s : *sheets) p.submitted += s.state == SheetState::submitted;
    out.push_back(std::move(p));
  }
  return out;
}

const std::vector<std::string>& report_table_names() {
  static const std::vector<std::string> names{"applications", "recommendations", "statistics",
                                              "formal_check", "assignments",     "scores",
                                              "rankings",     "decisions",       "objections"};
  return names;
}

Result<ExportTable> report_table(Store& store, const StoredCampaign& stored, std::string_view name,
                                 Instant now, Lang lang) {
  if (name == "applications" || name == "recommendations") {
    auto all = store.application_summaries(stored.id);
    if (!all) return fail(all.error());
    return name == "applications" ? applications_table(stored.campaign, *all, lang)
                                  : recommendations_table(stored.campaign, *all, lang);
  }
  if (name == "statistics") return statistics(store, stored, now, lang);
  if (name == "formal_check") return formal_check(store, stored, lang);
  if (name == "assignments") return assignments(store, stored, lang);
  if (name == "scores") return scores(store, stored, lang);
  if (name == "rankings") return rankings(store, stored, lang);
  if (name == "decisions") return decisions(store, stored, lang);
  if (name == "objections") return objections(store, stored, lang);
  return fail(make_error(ErrorCode::not_found, "path", std::string(name)));
}

}  // namespace kczg::web
