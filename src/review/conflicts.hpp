// Conflicts of interest (回避) between experts and applications in preliminary review.
//
// An expert must not review an application when
//   same_organisation     the expert's organisation is the applicant or a holder/co-holder;
//   recommending_unit     the expert's organisation recommended the application;
//   named_in_application  the expert is named in it: holder, team member or referee;
//   declared              the expert declared the application, or an organisation that
//                         is one of its parties (applicant, holder or unit);
//   forbidden             the review body's admin forbids the pair.
// Organisations match, strongest first, by
//   uscc                 equal USCCs (spaces, case and width ignored);
//   name                 equal name keys (organisation_name.hpp: company-form suffixes,
//                        brackets, width and spacing seen through);
//   alias                names or USCCs in one group of the alias table (简称, English names);
//   name_without_region  equal name keys once ONE side's leading province or city is left
//                        out (北京百度网讯科技 ~ 百度网讯科技), if 4 units remain; never both
//                        sides', since 北京同仁堂 and 南京同仁堂 are different companies;
//   name_prefix          one name key begins the other at a character or word boundary and
//                        the shorter has at least min_prefix_units units (4: 中芯国际 begins
//                        中芯国际集成电路制造; 华为, 2 units, needs the alias table). Names as
//                        written only, never with a region left out: 中国电子科技 without
//                        中国 would begin 电子科技大学.
// People match by equal name keys, so namesakes are reported too: the admin dismisses them,
// and a missed conflict costs more than a dismissed one.
//
// Everything is looked up in token indexes over the applications' parties (hashes of name
// keys, their prefixes, USCCs, person names, ids); nothing compares all pairs.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/expert.hpp"

namespace kczg::review {

struct OrganisationRef {
  std::string name;  // as written; may be empty
  std::string uscc;  // as written; may be empty
};

struct ExpertRecord {
  std::string id;
  std::string name;
  std::vector<OrganisationRef> organisations;           // employer first, then other affiliations
  std::vector<std::string> declared_applications;       // application ids the expert declared
  std::vector<OrganisationRef> declared_organisations;  // e.g. a former employer
};

struct ApplicationParties {
  std::string id;
  OrganisationRef applicant;               // 申报主体; empty for a person
  std::vector<OrganisationRef> holders;    // holder and co-holder organisations (持有方)
  std::vector<std::string> holder_people;  // persons holding it, or the person applying
  std::vector<std::string> team;           // team members (主要完成人)
  std::vector<std::string> referees;       // referees (推荐专家)
  OrganisationRef unit;                    // the recommending unit (推荐单位)
};

struct ForbiddenPair {
  std::string expert_id;
  std::string application_id;
};

struct ConflictRules {
  std::vector<OrganisationAlias> aliases;
  std::vector<ForbiddenPair> forbidden;
  std::size_t min_prefix_units = 4;  // see organisation_name.hpp's name_units
};

enum class ConflictKind : std::uint8_t {
  same_organisation,
  recommending_unit,
  named_in_application,
  declared,
  forbidden,
};

// How the two sides matched, strongest first (organisations: see the top of this file).
enum class ConflictBasis : std::uint8_t {
  uscc,
  name,
  alias,
  name_without_region,
  name_prefix,
  person_name,     // equal person name keys
  application_id,  // a declared application
  admin,           // a forbidden pair
};

// The party of the application that matched.
enum class PartyRole : std::uint8_t {
  applicant,
  holder,
  unit,
  holder_person,
  team_member,
  referee,
  application,  // the application as a whole (declared by id, forbidden)
};

struct ConflictReason {
  ConflictKind kind;
  ConflictBasis basis;
  PartyRole role;
  std::string expert_side;       // the expert's organisation, name or declared item, as given
  std::string application_side;  // the application's party, as given
};

struct Conflict {
  std::uint32_t expert;                 // index into the experts
  std::uint32_t application;            // index into the applications
  std::vector<ConflictReason> reasons;  // at least one; by kind, then role, then basis
};

// Stable names for catalogs and JSON: "same_organisation", "name_prefix", "team_member" ….
std::string_view kind_name(ConflictKind kind);
std::string_view basis_name(ConflictBasis basis);
std::string_view role_name(PartyRole role);

// For logs and the command line, e.g.
//   same_organisation applicant 中芯国际 ~ 中芯国际集成电路制造（上海）有限公司 (name_prefix)
std::string describe(const ConflictReason& reason);

// Token indexes over the applications' parties, to check experts one by one (a new expert
// added to a panel). Immutable after construction; const methods may run on several
// threads at once.
class ConflictIndex {
 public:
  // REQUIRES: fewer than 2^32 applications. Keeps no reference to the arguments.
  ConflictIndex(std::span<const ApplicationParties> applications, const ConflictRules& rules);
  ~ConflictIndex();
  ConflictIndex(ConflictIndex&&) noexcept;
  ConflictIndex& operator=(ConflictIndex&&) noexcept;

  // The expert's conflicts, by application index; Conflict::expert is set to `expert`.
  // Forbidden pairs are found by record.id.
  std::vector<Conflict> conflicts_of(std::uint32_t expert, const ExpertRecord& record) const;

 private:
  struct Data;
  std::unique_ptr<const Data> m_data;
};

// Every conflicting pair, by expert, then application.
// REQUIRES: fewer than 2^32 experts and applications.
std::vector<Conflict> find_conflicts(std::span<const ExpertRecord> experts,
                                     std::span<const ApplicationParties> applications,
                                     const ConflictRules& rules = {});

}  // namespace kczg::review
