// Review experts (评审专家), the rows that import them, and what they declare: conflicts
// of interest and declined assignments.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/division.hpp"
#include "domain/error.hpp"

namespace kczg {

// The panel mix a review plan asks for: each application is read by people from
// research, from enterprises and from investors.
enum class Sector { academia, industry, investment };

inline constexpr std::array<Sector, 3> k_sectors{Sector::academia, Sector::industry,
                                                 Sector::investment};

std::string_view sector_name(Sector sector);     // "academia", the stable code
std::string_view sector_name_zh(Sector sector);  // "学术界"
std::string_view sector_name_en(Sector sector);  // "Academia"
// Accepts the code, the Chinese name and the English name (any letter case), as
// spreadsheets spell them; nullopt otherwise.
std::optional<Sector> sector_from_name(std::string_view name);

struct Expert {
  long long id = 0;  // 0 until stored
  std::string name;
  std::string organisation;
  std::string organisation_uscc;  // normalised; "" when not given
  std::string region;             // 6-digit GB/T 2260 code
  Sector sector = Sector::academia;
  std::string title;                  // 职称, e.g. "研究员"; may be ""
  std::vector<std::string> keywords;  // expertise, in the order given, without repeats
  std::string profile;                // free text
  std::string email;

  bool operator==(const Expert&) const = default;
};

// A column of an experts file: `name` is the key in ExpertRow::cells; a header may use
// any of the three spellings.
struct ExpertColumn {
  std::string_view name;
  std::string_view label_zh;
  std::string_view label_en;
  bool required;
};

std::span<const ExpertColumn> expert_columns();
// The column a file's header cell names (its code, Chinese or English label, letter case
// ignored); nullptr for a column kczg does not read.
const ExpertColumn* expert_column_for_header(std::string_view header);

// One row of an experts file, cells still text and keyed by column name. A missing key
// reads as an empty cell.
struct ExpertRow {
  int row = 0;  // as a person sees it in the file (header is row 1)
  std::map<std::string, std::string> cells;
};

// The expert a row describes, or every problem with it. Each error carries params "row"
// and "column" (the column's name) before its own: import_cell_empty for a required
// column, uscc_* for organisation_uscc (only checked when given), region_unknown,
// sector_unknown {value}, email_invalid {value}. Regions are a division code or an exact
// division name; keywords are separated by ; , | or their full-width forms, or 、.
std::expected<Expert, std::vector<Error>> parse_expert(const ExpertRow& row,
                                                       const DivisionTable& divisions);

// parse_expert over a batch, which is all good or refused whole; in addition an e-mail
// address (letter case ignored) may appear once: import_duplicate {row, column, other}
// within the batch, import_exists {row, column, value} when in `stored_emails` (as
// email_key gives them).
std::expected<std::vector<Expert>, std::vector<Error>> check_expert_rows(
    const std::vector<ExpertRow>& rows, const DivisionTable& divisions,
    const std::set<std::string>& stored_emails);

// How e-mail addresses compare: ASCII letters in lower case (the store compares LOWER()).
std::string email_key(std::string_view email);

// Simple on purpose: one '@', something before it, a dot inside the part after it, no
// white space. Whether the address exists only a mail to it can tell.
bool is_plausible_email(std::string_view email);

// An expert's own statement that they must not review something (利益冲突申报): one
// application, or everything an organisation applies with. Conflict detection adds the
// conflicts it finds itself; these are the ones only the expert knows.
struct DeclaredConflict {
  long long expert_id = 0;
  long long application_id = 0;   // 0 when the conflict is with an organisation
  std::string organisation;       // "" when the conflict is with one application
  std::string organisation_uscc;  // optional; matches more surely than a name
  std::string reason;             // e.g. "2021年前在该单位任职"

  bool operator==(const DeclaredConflict&) const = default;
};

// Every problem: conflict_target_missing (neither an application nor an organisation),
// conflict_reason_missing, uscc_* with param "field" = "organisation_uscc".
std::vector<Error> check_declared_conflict(const DeclaredConflict& conflict,
                                           const DivisionTable& divisions);

// One organisation's other names (简称, English name, former name), and its USCC if known:
// conflict detection treats any of them as the same organisation. A review body keeps a
// table of them.
struct OrganisationAlias {
  long long id = 0;  // 0 until stored
  std::vector<std::string> names;
  std::string uscc;

  bool operator==(const OrganisationAlias&) const = default;
};

// Every problem: alias_too_few_names when fewer than two distinct names (or one name and
// a USCC) are given; uscc_* with param "field" = "uscc".
std::vector<Error> check_alias(const OrganisationAlias& alias, const DivisionTable& divisions);

enum class DeclineReason { conflict_of_interest, outside_expertise, unavailable, other };

std::string_view decline_reason_name(DeclineReason reason);
std::optional<DeclineReason> decline_reason_from_name(std::string_view name);

// An expert turning down one assigned application (回避 or 拒评); the assignment then
// finds another reader for it.
struct Decline {
  long long expert_id = 0;
  long long application_id = 0;
  DeclineReason reason = DeclineReason::other;
  std::string note;  // required when reason is `other`, so every decline says why

  bool operator==(const Decline&) const = default;
};

// Error decline_note_missing when the reason is `other` and the note is blank.
Result<void> check_decline(const Decline& decline);

}  // namespace kczg
