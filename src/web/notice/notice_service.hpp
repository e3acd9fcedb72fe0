// The public notice (公示) as pages and API drive it: the proposed lists as the public may
// read them (only the fields the call makes public), objections filed by the public
// (checked, throttled per address) and resolved by the secretariat, whose outcome reaches
// the objector through the outbox.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/objection.hpp"
#include "i18n/catalog.hpp"
#include "store/store.hpp"
#include "web/app.hpp"

namespace kczg::web {

// One proposed entry: what the call makes public, and nothing else — no contact, no
// score, no reason.
struct NoticeEntry {
  long long application_id = 0;
  std::string number;  // the application number, for objections to name
  std::string name;    // the technology, enterprise, organisation or person
  std::string holder;  // the applicant
  std::string unit;    // the recommending unit
  std::string list, field;
};

// The listed applications of the campaign, by list and field in campaign order, then by
// recommending unit and name, as the calls publish them.
Result<std::vector<NoticeEntry>> notice_entries(Store& store, const StoredCampaign& stored);

// Objections one address may file per hour; the notice must stay up while it is busy.
inline constexpr int k_objections_per_address_hour = 10;

// A file uploaded with an objection, as the form sent it.
struct EvidenceFile {
  std::string name;
  std::string bytes;
};

// Files the objection: every problem check_objection finds into `problems` (the first
// returned), and field_invalid {field: evidence} past k_objection_max_attachments files;
// objection_throttled {seconds} past k_objections_per_address_hour from one address; a
// file that is no PDF or is too large (attachment_not_pdf, attachment_too_large); the
// store's application_not_found (not on the notice) and objection_closed. The evidence is
// stored only once the form and the throttle let it through.
Result<long long> file_public_objection(App& app, long long application, const ObjectionForm& form,
                                        const std::vector<EvidenceFile>& evidence,
                                        std::string_view address, std::vector<Error>* problems);

// Resolves the objection (upheld takes the entry off the list) and, when the objector gave
// an e-mail address, queues the outcome to them in Chinese and English with the reason.
Result<Objection> resolve_public_objection(App& app, long long objection, bool upheld,
                                           std::string_view resolution, const Actor& actor);

}  // namespace kczg::web
