#include "review/conflicts.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "domain/uscc.hpp"
#include "review/organisation_name.hpp"
#include "review/text.hpp"
#include "review/token_index.hpp"

namespace kczg::review {
namespace {

// An organisation that is a party of an application.
struct OrganisationParty {
  std::uint32_t application;
  PartyRole role;
  OrganisationRef ref;  // a copy, so callers may drop theirs
};

struct PersonParty {
  std::uint32_t application;
  PartyRole role;
  std::string name;  // as written
};

// Index tokens: "u:" + USCC, "n:" + name key, "r:" + name key without its leading region,
// "g:" + alias group.
struct Identity {
  std::string token;
  ConflictBasis basis;
};

std::string uscc_token(std::string_view uscc) {
  std::string code = normalize_uscc(fold_text(uscc));
  return code.empty() ? std::string() : "u:" + code;
}

// Union–find over alias groups, so that groups sharing a name or USCC become one.
struct Groups {
  std::vector<std::uint32_t> parent;
  std::uint32_t root(std::uint32_t g) {
    while (parent[g] != g) g = parent[g] = parent[parent[g]];
    return g;
  }
};

bool reason_less(const ConflictReason& x, const ConflictReason& y) {
  return std::tie(x.kind, x.role, x.basis, x.expert_side, x.application_side) <
         std::tie(y.kind, y.role, y.basis, y.expert_side, y.application_side);
}

bool reason_equal(const ConflictReason& x, const ConflictReason& y) {
  return !reason_less(x, y) && !reason_less(y, x);
}

}  // namespace

struct ConflictIndex::Data {
  std::size_t min_prefix_units;
  std::vector<OrganisationParty> organisations;
  TokenIndex by_identity;     // token (see identities()) → organisation parties
  TokenIndex by_name_prefix;  // proper prefix of a name key → organisation parties
  std::vector<PersonParty> people;
  TokenIndex by_person;       // person name key → people
  TokenIndex by_application;  // application id → applications
  TokenIndex forbidden;       // expert id → applications
  TokenIndex alias_group;     // "u:"/"n:" token → alias group

  // The tokens an organisation is indexed under (application side) or looked up by (expert
  // side), given its name keys. "r:" holds a name key without its leading region; the expert
  // side looks its own keys up there and its region-less keys up under "n:", so that at most
  // one side drops it.
  std::vector<Identity> identities(const OrganisationRef& org, const std::vector<std::string>& keys,
                                   bool query) const {
    std::vector<Identity> out;
    auto add_alias = [&](const std::string& token) {
      alias_group.find(token, [&](std::uint32_t group) {
        out.push_back({"g:" + std::to_string(group), ConflictBasis::alias});
      });
    };
    if (std::string token = uscc_token(org.uscc); !token.empty()) {
      add_alias(token);
      out.push_back({std::move(token), ConflictBasis::uscc});
    }
    for (const std::string& key : keys) {
      add_alias("n:" + key);
      out.push_back({"n:" + key, ConflictBasis::name});
      if (query) out.push_back({"r:" + key, ConflictBasis::name_without_region});
      std::string rest = without_leading_region(key, min_prefix_units);
      if (!rest.empty()) {
        out.push_back({(query ? "n:" : "r:") + rest, ConflictBasis::name_without_region});
      }
    }
    return out;
  }

  // The organisation parties that org matches, each once with its strongest basis.
  std::vector<std::pair<std::uint32_t, ConflictBasis>> matches(const OrganisationRef& org) const {
    std::vector<std::pair<std::uint32_t, ConflictBasis>> hits;
    auto add = [&](const TokenIndex& index, std::string_view token, ConflictBasis basis) {
      index.find(token, [&](std::uint32_t party) { hits.emplace_back(party, basis); });
    };
    std::vector<std::string> keys = organisation_name_keys(org.name);
    for (const Identity& id : identities(org, keys, true)) add(by_identity, id.token, id.basis);
    for (const std::string& key : keys) {
      // org's name begins the party's name, or the party's name begins org's.
      if (name_units(key) >= min_prefix_units) add(by_name_prefix, key, ConflictBasis::name_prefix);
      for (std::string_view prefix : name_prefixes(key, min_prefix_units)) {
        add(by_identity, "n:" + std::string(prefix), ConflictBasis::name_prefix);
      }
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end(),
                           [](const auto& x, const auto& y) { return x.first == y.first; }),
               hits.end());
    return hits;
  }

  void add_aliases(const std::vector<OrganisationAlias>& aliases) {
    // Groups that share a name or USCC are one organisation.
    Groups groups;
    std::unordered_map<std::string, std::uint32_t> first_group;
    std::vector<std::pair<std::string, std::uint32_t>> tokens;
    for (std::uint32_t g = 0; g < aliases.size(); ++g) {
      groups.parent.push_back(g);
      auto add = [&](std::string token) {
        auto [at, inserted] = first_group.try_emplace(token, g);
        if (!inserted) groups.parent[groups.root(at->second)] = groups.root(g);
        tokens.emplace_back(std::move(token), g);
      };
      if (std::string token = uscc_token(aliases[g].uscc); !token.empty()) add(token);
      for (const std::string& name : aliases[g].names) {
        for (std::string& key : organisation_name_keys(name)) add("n:" + key);
      }
    }
    for (const auto& [token, g] : tokens) alias_group.add(token, groups.root(g));
    alias_group.freeze();
  }

  void add_organisation(std::uint32_t application, const OrganisationRef& org, PartyRole role) {
    if (org.name.empty() && org.uscc.empty()) return;
    auto party = std::uint32_t(organisations.size());
    organisations.push_back({application, role, org});
    std::vector<std::string> keys = organisation_name_keys(org.name);
    for (const Identity& id : identities(org, keys, false)) by_identity.add(id.token, party);
    for (const std::string& key : keys) {
      for (std::string_view prefix : name_prefixes(key, min_prefix_units)) {
        by_name_prefix.add(prefix, party);
      }
    }
  }

  void add_people(std::uint32_t application, const std::vector<std::string>& names,
                  PartyRole role) {
    for (const std::string& name : names) {
      std::string key = person_name_key(name);
      if (key.empty()) continue;
      by_person.add(key, std::uint32_t(people.size()));
      people.push_back({application, role, name});
    }
  }
};

ConflictIndex::ConflictIndex(std::span<const ApplicationParties> applications,
                             const ConflictRules& rules) {
  auto data = std::make_unique<Data>();
  data->min_prefix_units = rules.min_prefix_units;
  data->add_aliases(rules.aliases);  // first: the parties' identities include their groups
  for (std::uint32_t a = 0; a < applications.size(); ++a) {
    const ApplicationParties& app = applications[a];
    data->by_application.add(app.id, a);
    data->add_organisation(a, app.applicant, PartyRole::applicant);
    for (const OrganisationRef& holder : app.holders) {
      data->add_organisation(a, holder, PartyRole::holder);
    }
    data->add_organisation(a, app.unit, PartyRole::unit);
    data->add_people(a, app.holder_people, PartyRole::holder_person);
    data->add_people(a, app.team, PartyRole::team_member);
    data->add_people(a, app.referees, PartyRole::referee);
  }
  data->by_application.freeze();
  for (const ForbiddenPair& pair : rules.forbidden) {
    data->by_application.find(pair.application_id,
                              [&](std::uint32_t a) { data->forbidden.add(pair.expert_id, a); });
  }
  for (TokenIndex* index :
       {&data->by_identity, &data->by_name_prefix, &data->by_person, &data->forbidden}) {
    index->freeze();
  }
  m_data = std::move(data);
}

ConflictIndex::~ConflictIndex() = default;
ConflictIndex::ConflictIndex(ConflictIndex&&) noexcept = default;
ConflictIndex& ConflictIndex::operator=(ConflictIndex&&) noexcept = default;

std::vector<Conflict> ConflictIndex::conflicts_of(std::uint32_t expert,
                                                  const ExpertRecord& record) const {
  const Data& data = *m_data;
  std::vector<std::pair<std::uint32_t, ConflictReason>> found;  // application, reason

  auto organisation_reasons = [&](const OrganisationRef& org, bool declared) {
    for (auto [p, basis] : data.matches(org)) {
      const OrganisationParty& party = data.organisations[p];
      ConflictKind kind = declared                        ? ConflictKind::declared
                          : party.role == PartyRole::unit ? ConflictKind::recommending_unit
                                                          : ConflictKind::same_organisation;
      bool by_code = basis == ConflictBasis::uscc;
      found.push_back({party.application,
                       {kind, basis, party.role, by_code ? org.uscc : org.name,
                        by_code ? party.ref.uscc : party.ref.name}});
    }
  };
  for (const OrganisationRef& org : record.organisations) organisation_reasons(org, false);
  for (const OrganisationRef& org : record.declared_organisations) organisation_reasons(org, true);

  if (std::string key = person_name_key(record.name); !key.empty()) {
    data.by_person.find(key, [&](std::uint32_t i) {
      const PersonParty& person = data.people[i];
      found.push_back({person.application,
                       {ConflictKind::named_in_application, ConflictBasis::person_name, person.role,
                        record.name, person.name}});
    });
  }
  for (const std::string& id : record.declared_applications) {
    data.by_application.find(id, [&](std::uint32_t a) {
      found.push_back({a,
                       {ConflictKind::declared, ConflictBasis::application_id,
                        PartyRole::application, id, id}});
    });
  }
  data.forbidden.find(record.id, [&](std::uint32_t a) {
    found.push_back(
        {a,
         {ConflictKind::forbidden, ConflictBasis::admin, PartyRole::application, record.id, ""}});
  });

  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : reason_less(x.second, y.second);
  });
  std::vector<Conflict> conflicts;
  for (auto& [application, reason] : found) {
    if (conflicts.empty() || conflicts.back().application != application) {
      conflicts.push_back({expert, application, {}});
    }
    auto& reasons = conflicts.back().reasons;
    if (reasons.empty() || !reason_equal(reasons.back(), reason)) {
      reasons.push_back(std::move(reason));
    }
  }
  return conflicts;
}

std::vector<Conflict> find_conflicts(std::span<const ExpertRecord> experts,
                                     std::span<const ApplicationParties> applications,
                                     const ConflictRules& rules) {
  ConflictIndex index(applications, rules);
  std::vector<Conflict> conflicts;
  for (std::uint32_t e = 0; e < experts.size(); ++e) {
    for (Conflict& c : index.conflicts_of(e, experts[e])) conflicts.push_back(std::move(c));
  }
  return conflicts;
}

std::string_view kind_name(ConflictKind kind) {
  switch (kind) {
    case ConflictKind::same_organisation:
      return "same_organisation";
    case ConflictKind::recommending_unit:
      return "recommending_unit";
    case ConflictKind::named_in_application:
      return "named_in_application";
    case ConflictKind::declared:
      return "declared";
    case ConflictKind::forbidden:
      return "forbidden";
  }
  return "";
}

std::string_view basis_name(ConflictBasis basis) {
  switch (basis) {
    case ConflictBasis::uscc:
      return "uscc";
    case ConflictBasis::name:
      return "name";
    case ConflictBasis::alias:
      return "alias";
    case ConflictBasis::name_without_region:
      return "name_without_region";
    case ConflictBasis::name_prefix:
      return "name_prefix";
    case ConflictBasis::person_name:
      return "person_name";
    case ConflictBasis::application_id:
      return "application_id";
    case ConflictBasis::admin:
      return "admin";
  }
  return "";
}

std::string_view role_name(PartyRole role) {
  switch (role) {
    case PartyRole::applicant:
      return "applicant";
    case PartyRole::holder:
      return "holder";
    case PartyRole::unit:
      return "unit";
    case PartyRole::holder_person:
      return "holder_person";
    case PartyRole::team_member:
      return "team_member";
    case PartyRole::referee:
      return "referee";
    case PartyRole::application:
      return "application";
  }
  return "";
}

std::string describe(const ConflictReason& reason) {
  std::string out(kind_name(reason.kind));
  out += ' ';
  out += role_name(reason.role);
  out += ' ';
  out += reason.expert_side;
  if (!reason.application_side.empty()) out += " ~ " + reason.application_side;
  out += " (";
  out += basis_name(reason.basis);
  out += ')';
  return out;
}

}  // namespace kczg::review
