// Eligibility (申报条件, DESIGN §3) as data: each rule reads named form fields and gives a
// verdict with the values it compared, so the applicant's form can show it live, the
// submission can record it and the formal check can re-run it. Rules the data cannot
// decide ("no major accident") become an attestation plus a document: needs_evidence
// until the document is there, and a person confirms it at the formal check.
//
// Explanations live in the message catalogs under "eligibility.<rule>.<verdict>", with the
// finding's params ({value}, {limit} …) filled in; nothing here knows about languages.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application_form.hpp"
#include "domain/campaign.hpp"
#include "domain/instant.hpp"

namespace kczg {

enum class Verdict {
  pass,
  fail,
  needs_evidence,  // decided by a person at the formal check, from a document
  incomplete,      // a draft without the value yet; never recorded at submission
};

std::string_view verdict_name(Verdict verdict);
std::optional<Verdict> verdict_from_name(std::string_view name);

struct EligibilityFinding {
  std::string rule;  // stable code, e.g. "enterprise_age"
  Verdict verdict = Verdict::pass;
  std::map<std::string, std::string> params;  // for the explanation: value, limit …

  bool operator==(const EligibilityFinding&) const = default;
};

// A check as recorded: at submission (the applicant's values as submitted) or by the
// secretariat's formal check (which adds what src/match finds and decides).
struct EligibilityCheck {
  long long application_id = 0;
  std::string stage;                // "submission" or "formal_check"
  Verdict verdict = Verdict::pass;  // overall_verdict(findings)
  std::vector<EligibilityFinding> findings;
  Instant checked_at{};
  std::string actor;
  // formal_check only: the decision (eligible or not), and whether it departs from the
  // verdict, which needs a reason.
  bool eligible = false;
  bool overridden = false;
  std::string reason;
};

// The secretariat's formal check of one recommended application.
struct FormalCheckDecision {
  long long application_id = 0;
  bool eligible = false;
  std::string reason;  // required to fail, and to depart from the findings' verdict
  std::vector<EligibilityFinding> findings;
};

// How a rule reads its field.
enum class RuleKind {
  attestation,      // a statement confirmed ("1"); with `evidence`, needs that document
  choice,           // option codes in pass / needs_evidence / fail sets
  founded_within,   // a date no earlier than 1 January of (campaign year − max age)
  founded_before,   // a date before the campaign's limit (consortia: their own limit)
  mainland,         // region and USCC outside Hong Kong, Macao and Taiwan
  stated,           // free text a person checks against a list kczg does not hold
  uscc_as_printed,  // a USCC failing its check digit that the applicant confirmed
};

struct EligibilityRule {
  std::string code;
  std::string list;   // the list it applies to; "" every list
  std::string field;  // the campaign field it applies to; "" every field
  RuleKind kind = RuleKind::choice;
  std::string value;  // the form field it reads ("" for uscc_as_printed: every USCC field)
  std::vector<std::string> pass;            // choice codes
  std::vector<std::string> needs_evidence;  // choice codes
  std::vector<std::string> fail;            // choice codes; "" fails an empty value
  std::string evidence;  // attachment kind that turns needs_evidence into pass; "" none
};

// Every rule kczg checks, in the order pages show them.
std::span<const EligibilityRule> eligibility_rules();

// What an application's data says against `campaign`'s conditions for its list and field.
// `values` are as stored (clean_values); `attached` the kinds of the attachments present.
// Rules whose field is empty give incomplete, except where "" is in the rule's fail set.
std::vector<EligibilityFinding> check_eligibility(const Campaign& campaign, std::string_view list,
                                                  std::string_view field, const FormValues& values,
                                                  const std::vector<std::string>& attached);

// fail if any finding fails; otherwise needs_evidence if any needs it (or is incomplete);
// otherwise pass.
Verdict overall_verdict(std::span<const EligibilityFinding> findings);

}  // namespace kczg
