// What applicants, units and the secretariat do with applications, shared by the pages
// and the JSON API so that both make the same checks: who may see or change which
// application (ownership), in which phase, and what a submission must contain. Each
// returns an Error the caller renders in the caller's language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "blobs/blob_store.hpp"
#include "domain/application_form.hpp"
#include "domain/eligibility.hpp"
#include "web/app.hpp"

namespace kczg::web {

// Request bodies that carry an attachment: the largest PDF (WebOptions::attachment_limit,
// 20 MB by default) plus the multipart framing.
inline constexpr std::size_t k_upload_limit = 21 * 1024 * 1024;

// An application with everything its page shows.
struct ApplicationRecord {
  Application application;
  const ApplicationForm* form = nullptr;  // never null for a stored application's list
  FormValues values;
  std::vector<Attachment> attachments;
};

// Who may see an application: its applicant; the unit it names once it is no longer a
// draft; the secretariat. Everyone else gets application_not_found, as if it did not
// exist. The one ownership check every application route goes through.
Result<ApplicationRecord> visible_application(App& app, const Caller& caller, long long id);

// Starts a draft for the caller's applicant in the campaign open now. Errors list_unknown,
// field_required, field_unknown, application_exists, transition_phase (not collecting).
Result<long long> start_application(App& app, const Caller& caller, const std::string& list,
                                    const std::string& field);

struct DraftInput {
  std::string field;
  long long unit_id = 0;
  FormValues values;
};
// Saves the applicant's draft (any time while it is a draft or returned). Returns the
// problems check_draft finds: they are shown, never a reason not to save.
Result<std::vector<Error>> save_application(App& app, const Caller& caller, long long id,
                                            const DraftInput& input);

// Stores an uploaded PDF (checked by content) and attaches it. Errors those of
// BlobStore::put_pdf, form_bad_choice for an unknown kind, application_locked.
Result<void> attach_pdf(App& app, const Caller& caller, long long id, const std::string& kind,
                        const std::string& file_name, const std::string& bytes);

// Submits after the full check: every form field, the unit, the required attachments.
// Field-level problems come back together (so a form can mark them all); otherwise the
// submitted application with its digest. After the deadline: collection_closed naming it.
struct SubmitOutcome {
  int year = 0;  // the campaign's, for the receipt's application number
  std::optional<Application> submitted;
  std::vector<Error> problems;
};
Result<SubmitOutcome> submit_application(App& app, const Caller& caller, long long id);

Result<void> withdraw_application(App& app, const Caller& caller, long long id,
                                  const std::string& reason);

// The unit's decisions. recommend counts against the quota (quota_exhausted beyond it);
// both refuse applications naming another unit and, after the deadline,
// recommendation_closed naming it.
Result<void> recommend_application(App& app, const Caller& caller, long long id);
Result<void> return_application(App& app, const Caller& caller, long long id,
                                const std::string& reason);

// An application's eligibility: the rules on its values and attachments as they are now
// (live while it is a draft), and every check recorded (at submission, at the formal check).
struct ApplicationEligibility {
  std::vector<EligibilityFinding> current;
  std::vector<EligibilityCheck> recorded;
};
Result<ApplicationEligibility> application_eligibility(App& app, const Caller& caller,
                                                       long long id);
// What the applicant's page shows: the live findings while editable, else those recorded at
// submission (the live ones for an application submitted before kczg recorded them).
const std::vector<EligibilityFinding>& shown_findings(const ApplicationEligibility& e,
                                                      bool editable);
// The formal check's record, once the secretariat decided.
const EligibilityCheck* formal_check_record(const ApplicationEligibility& e);

// Units whose channels give a quota for `list` in the campaign, for the applicant's choice.
std::vector<Unit> units_for_list(App& app, const Campaign& campaign, const std::string& list);

// "2023-11-30 24:00" for a deadline at midnight Beijing time, else "YYYY-MM-DD HH:MM".
std::string deadline_text(Instant end);

// The receipt's application number: year, list initials and id, e.g. "KC2023-PT-000123".
std::string application_number(int year, const Application& application);

}  // namespace kczg::web
