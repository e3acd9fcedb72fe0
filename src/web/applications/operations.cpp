#include "web/applications/operations.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/phase_clock.hpp"
#include "domain/quota.hpp"
#include "review/review_run.hpp"
#include "store/json_codec.hpp"
#include "web/formal/eligibility_check.hpp"

namespace kczg::web {
namespace {

Error not_found(long long id) {
  return make_error(ErrorCode::application_not_found, "application", std::to_string(id));
}

bool may_see(const Caller& caller, const Application& a) {
  if (!caller.account) return false;
  switch (caller.role) {
    case Role::secretariat:
      return true;
    case Role::applicant:
      return caller.account->applicant_id != 0 && caller.account->applicant_id == a.applicant_id;
    case Role::unit:
      // A draft naming the unit is still the applicant's own business.
      return caller.account->unit_id != 0 && caller.account->unit_id == a.unit_id &&
             a.state != ApplicationState::draft;
    default:
      return false;
  }
}

Error not_the_applicant(const Caller& caller) { return forbidden_role(caller.role); }

// The applicant's own application, for changes: the row alone, since an autosave every
// few seconds needs neither the stored values nor the attachments.
Result<Application> own_application(App& app, const Caller& caller, long long id) {
  auto a = app.store().application(id);
  if (!a || !may_see(caller, *a)) return fail(not_found(id));
  if (caller.role != Role::applicant) return fail(not_the_applicant(caller));
  if (!form_for(a->list)) return fail(make_error(ErrorCode::list_unknown, "list", a->list));
  return *a;
}

// ... with its values and attachments, for the submission check.
Result<ApplicationRecord> own_record(App& app, const Caller& caller, long long id) {
  auto record = visible_application(app, caller, id);
  if (!record) return record;
  if (caller.role != Role::applicant) return fail(not_the_applicant(caller));
  return record;
}

// The unit's view of an application naming it, for its decisions.
Result<Application> unit_application(App& app, const Caller& caller, long long id) {
  if (caller.role != Role::unit || !caller.account || !caller.account->unit_id) {
    return fail(forbidden_role(caller.role));
  }
  auto a = app.store().application(id);
  if (!a || !may_see(caller, *a)) return fail(not_found(id));
  return *a;
}

// The store refuses an out-of-phase change with transition_phase; after the collection
// deadline the person needs to hear which deadline passed.
Error explain_closed(App& app, const Application& a, Error error, ErrorCode closed) {
  if (error.code != ErrorCode::transition_phase) return error;
  auto stored = app.store().campaign_by_id(a.campaign_id);
  if (!stored) return error;
  const Phase* collection = find_phase(stored->campaign, PhaseKind::collection);
  if (!collection || !collection->ends_at || *collection->ends_at > app.now()) return error;
  return make_error(closed, "deadline", deadline_text(*collection->ends_at));
}

Error with_field(Error error, const std::string& field) {
  error.params.emplace_back("field", field);
  return error;
}

}  // namespace

std::string deadline_text(Instant end) {
  std::string iso = format_shanghai(end);  // 2023-12-01T00:00:00+08:00
  if (iso.substr(11, 8) == "00:00:00") {
    return format_shanghai(end - std::chrono::hours(24)).substr(0, 10) + " 24:00";
  }
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string application_number(int year, const Application& a) {
  std::string initials;
  bool start = true;
  for (char c : a.list) {
    if (start && c != '_') initials += char(std::toupper(static_cast<unsigned char>(c)));
    start = c == '_';
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "KC%d-%s-%06lld", year, initials.c_str(), a.id);
  return buffer;
}

// Review reads what it was given: an expert the applications assigned to them (never one
// they declined, never a conflicting one, which is never assigned); a body admin the
// applications in its body's scope.
bool reviewer_may_see(App& app, const Caller& caller, const Application& a) {
  if (!caller.account) return false;
  if (caller.role == Role::expert && caller.account->expert_id) {
    auto pairs = app.store().expert_assignments(caller.account->expert_id);
    return pairs && std::ranges::any_of(*pairs, [&](const ReviewAssignment& p) {
             return p.application_id == a.id && p.state == AssignmentState::assigned;
           });
  }
  if (caller.role == Role::review_body && caller.account->review_body_id) {
    auto body = app.store().review_body_by_id(caller.account->review_body_id);
    if (!body || body->campaign_id != a.campaign_id) return false;
    auto stored = app.store().campaign_by_id(body->campaign_id);
    const ReviewBody* b = stored ? find_review_body(stored->campaign, body->name) : nullptr;
    return b && review::in_review_results(*b, b->covers, a);
  }
  return false;
}

Result<ApplicationRecord> visible_application(App& app, const Caller& caller, long long id) {
  auto a = app.store().application(id);
  if (!a || !(may_see(caller, *a) || reviewer_may_see(app, caller, *a))) {
    return fail(not_found(id));
  }
  ApplicationRecord record;
  record.form = form_for(a->list);
  if (!record.form) return fail(make_error(ErrorCode::list_unknown, "list", a->list));
  auto content = app.store().application_content(id);
  if (!content) return fail(content.error());
  record.values = store::values_from_json(*content);
  auto files = app.store().attachments(id);
  if (!files) return fail(files.error());
  record.attachments = std::move(*files);
  record.application = std::move(*a);
  return record;
}

std::vector<Unit> units_for_list(App& app, const Campaign& campaign, const std::string& list) {
  std::vector<Unit> out;
  for (Unit& u : app.store().units().value_or(std::vector<Unit>{})) {
    if (unit_quota(campaign, list, u.channels).value_or(0) > 0) out.push_back(std::move(u));
  }
  return out;
}

Result<long long> start_application(App& app, const Caller& caller, const std::string& list,
                                    const std::string& field) {
  if (caller.role != Role::applicant || !caller.account || !caller.account->applicant_id) {
    return fail(forbidden_role(caller.role));
  }
  auto stored = app.store().latest_campaign();
  if (!stored) return fail(stored.error());
  if (auto checked = check_list_field(stored->campaign, list, field); !checked) {
    return fail(checked.error());
  }
  if (!form_for(list)) return fail(make_error(ErrorCode::list_unknown, "list", list));
  // Drafts start only while applications are collected: a draft begun after the deadline
  // could never be submitted.
  auto phase = workflow_phase(stored->campaign, app.now());
  if (phase != PhaseKind::collection) {
    const Phase* collection = find_phase(stored->campaign, PhaseKind::collection);
    if (collection && collection->ends_at && *collection->ends_at <= app.now()) {
      return fail(make_error(ErrorCode::collection_closed, "deadline",
                             deadline_text(*collection->ends_at)));
    }
    return fail(make_error(ErrorCode::transition_phase, "action", "submit", "phases", "collection",
                           "phase", phase ? std::string(phase_name(*phase)) : "none"));
  }
  Application a;
  a.campaign_id = stored->id;
  a.applicant_id = caller.account->applicant_id;
  a.list = list;
  a.field = field;
  a.title = "";
  return app.store().create_application(a, actor_of(caller), app.now());
}

Result<std::vector<Error>> save_application(App& app, const Caller& caller, long long id,
                                            const DraftInput& input) {
  auto a = own_application(app, caller, id);
  if (!a) return fail(a.error());
  const ApplicationForm& form = *form_for(a->list);
  FormValues values = clean_values(form, input.values);
  Draft draft;
  draft.title = values.contains(form.title_field) ? values[form.title_field] : "";
  draft.field = a->list == "pioneer_tech" ? input.field : "";
  draft.unit_id = input.unit_id;
  draft.content = store::values_to_json(values);
  if (auto saved = app.store().save_draft(id, draft, actor_of(caller), app.now()); !saved) {
    return fail(saved.error());
  }
  return check_draft(form, values);
}

Result<void> attach_pdf(App& app, const Caller& caller, long long id, const std::string& kind,
                        const std::string& file_name, const std::string& bytes) {
  auto a = own_application(app, caller, id);
  if (!a) return fail(a.error());
  const auto& kinds = form_for(a->list)->attachments;
  auto known = std::ranges::find_if(kinds, [&](const FormAttachment& k) { return k.kind == kind; });
  if (known == kinds.end()) {
    return fail(make_error(ErrorCode::form_bad_choice, "field", "kind", "label_zh", "附件类型",
                           "label_en", "attachment kind", "value", kind));
  }
  // The store refuses a locked application too; asking first keeps its PDF off the disk.
  if (a->state != ApplicationState::draft && a->state != ApplicationState::returned) {
    return fail(make_error(ErrorCode::application_locked, "application", std::to_string(id),
                           "state", std::string(state_name(a->state))));
  }
  std::string name = file_name.empty() ? kind + ".pdf" : file_name;
  auto blob = app.blobs().put_pdf(name, bytes, app.options().attachment_limit);
  if (!blob) return fail(with_field(blob.error(), "file"));
  Attachment attachment{kind, name, blob->sha256, static_cast<long long>(blob->size), {}};
  return app.store().put_attachment(id, attachment, actor_of(caller), app.now());
}

Result<SubmitOutcome> submit_application(App& app, const Caller& caller, long long id) {
  auto record = own_record(app, caller, id);
  if (!record) return fail(record.error());
  const Application& a = record->application;
  auto stored = app.store().campaign_by_id(a.campaign_id);
  if (!stored) return fail(stored.error());
  SubmitOutcome outcome;
  outcome.year = stored->campaign.year;
  // A retried submit whose first answer was lost (a dropped connection at 23:59) gets the
  // receipt it missed rather than an error: a submitted application cannot have changed.
  if (a.state == ApplicationState::submitted && !a.content_sha256.empty()) {
    outcome.submitted = a;
    return outcome;
  }
  // After the deadline nothing else matters: say so first, naming the deadline.
  if (const Phase* collection = find_phase(stored->campaign, PhaseKind::collection);
      collection && collection->ends_at && *collection->ends_at <= app.now() &&
      workflow_phase(stored->campaign, app.now()) != PhaseKind::collection) {
    return fail(
        make_error(ErrorCode::collection_closed, "deadline", deadline_text(*collection->ends_at)));
  }
  outcome.problems = validate_form(*record->form, record->values);
  if (!a.unit_id) {
    outcome.problems.push_back(with_field(make_error(ErrorCode::unit_not_chosen), "unit_id"));
  } else if (auto unit = app.store().unit(a.unit_id);
             !unit || unit_quota(stored->campaign, a.list, unit->channels).value_or(0) <= 0) {
    outcome.problems.push_back(with_field(
        make_error(ErrorCode::unit_not_for_list, "unit", unit ? unit->name : "?", "list", a.list),
        "unit_id"));
  }
  if (a.list == "pioneer_tech" && a.field.empty()) {
    outcome.problems.push_back(
        with_field(make_error(ErrorCode::field_required, "list", a.list), "campaign_field"));
  }
  for (const FormAttachment& k : record->form->attachments) {
    bool present = std::ranges::any_of(record->attachments,
                                       [&](const Attachment& f) { return f.kind == k.kind; });
    if (k.required_to_submit && !present) {
      outcome.problems.push_back(make_error(ErrorCode::attachment_missing, "field",
                                            "attachment_" + k.kind, "label_zh", k.label_zh,
                                            "label_en", k.label_en));
    }
  }
  if (!outcome.problems.empty()) return outcome;
  auto submitted = app.store().submit(id, actor_of(caller), app.now());
  if (!submitted) {
    return fail(explain_closed(app, a, submitted.error(), ErrorCode::collection_closed));
  }
  outcome.submitted = std::move(*submitted);
  return outcome;
}

Result<void> withdraw_application(App& app, const Caller& caller, long long id,
                                  const std::string& reason) {
  auto a = own_application(app, caller, id);
  if (!a) return fail(a.error());
  auto moved = app.store().transition(id, Action::withdraw, actor_of(caller), reason, app.now());
  if (!moved) return fail(moved.error());
  return {};
}

Result<void> recommend_application(App& app, const Caller& caller, long long id) {
  auto a = unit_application(app, caller, id);
  if (!a) return fail(a.error());
  auto done = app.store().recommend(id, caller.account->unit_id, actor_of(caller), app.now());
  if (!done) return fail(explain_closed(app, *a, done.error(), ErrorCode::recommendation_closed));
  return {};
}

Result<void> return_application(App& app, const Caller& caller, long long id,
                                const std::string& reason) {
  auto a = unit_application(app, caller, id);
  if (!a) return fail(a.error());
  auto moved =
      app.store().transition(id, Action::return_to_applicant, actor_of(caller), reason, app.now());
  if (!moved) {
    return fail(explain_closed(app, *a, moved.error(), ErrorCode::recommendation_closed));
  }
  return {};
}

Result<ApplicationEligibility> application_eligibility(App& app, const Caller& caller,
                                                       long long id) {
  auto record = visible_application(app, caller, id);
  if (!record) return fail(record.error());
  auto stored = app.store().campaign_by_id(record->application.campaign_id);
  if (!stored) return fail(stored.error());
  auto recorded = app.store().eligibility_checks(id);
  if (!recorded) return fail(recorded.error());
  return ApplicationEligibility{
      rule_findings(stored->campaign, record->application, record->values, record->attachments),
      std::move(*recorded)};
}

const std::vector<EligibilityFinding>& shown_findings(const ApplicationEligibility& e,
                                                      bool editable) {
  if (!editable) {
    for (auto c = e.recorded.rbegin(); c != e.recorded.rend(); ++c) {
      if (c->stage == "submission") return c->findings;
    }
  }
  return e.current;
}

const EligibilityCheck* formal_check_record(const ApplicationEligibility& e) {
  for (auto c = e.recorded.rbegin(); c != e.recorded.rend(); ++c) {
    if (c->stage == "formal_check") return &*c;
  }
  return nullptr;
}

}  // namespace kczg::web
