// A generated world with known truth for the conflict detector: organisations and people
// have ids, applications and experts write their names in the many ways people do
// (name_variants.hpp), and conflicts of every kind are planted, next to near-miss decoys
// that must not conflict (plant_decoys()).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "review/conflicts.hpp"
#include "review/name_variants.hpp"

namespace kczg::review::planted {

struct AppTruth {
  std::size_t applicant;
  std::vector<std::size_t> holders;
  std::size_t unit;
  std::vector<std::size_t> people;
};

struct ExpertTruth {
  std::vector<std::size_t> organisations;
  std::size_t person;
  std::vector<std::size_t> declared_organisations;
  std::set<std::uint32_t> declared_applications;
};

using Triple = std::tuple<std::uint32_t, std::uint32_t, ConflictKind>;

class World {
 public:
  explicit World(std::uint64_t seed);

  std::vector<ExpertRecord> experts;
  std::vector<ApplicationParties> applications;
  ConflictRules rules;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::string>> decoys;  // what each is
  std::map<ConflictKind, int> planted;

  // The conflicts the ids imply.
  std::set<Triple> expected() const;

 private:
  std::string fresh_trade();

  std::string fresh_latin_trade();

  std::string fresh_uscc(bool society);

  std::size_t new_org(Style style);

  std::size_t new_company();

  std::size_t new_person();

  OrganisationRef write(std::size_t org, int variant, Mode mode, bool expert_side);

  void add_application();

  // An expert at an institute no application names.
  void add_expert();

  // An expert not yet used by a plant or decoy.
  std::uint32_t next_expert();
  std::uint32_t any_app() { return std::uint32_t(m_rng.below(m_apps.size())); }
  std::uint32_t app_with_holder();

  void give_organisation(std::uint32_t e, std::size_t org, int variant, Mode mode);

  // True when an expert's variant v of o is that variant, not the fallback full name.
  static bool variant_applies(const Org& o, int v);

  // An application and one of its parties (applicant or holder) that variant v applies to.
  std::pair<std::uint32_t, std::size_t> party_for(int v, bool holder);

  void plant_conflicts();

  // An expert's organisation that must not match application a.
  void decoy_organisation(std::uint32_t a, Org decoy, std::string what);

  std::uint32_t app_where(auto&& predicate);

  void plant_decoys();

  Rng m_rng;
  std::vector<std::string> m_pool;
  std::set<std::string> m_trades, m_usccs, m_names;
  std::vector<Org> m_orgs;
  std::vector<Person> m_people;
  std::vector<std::size_t> m_units;
  std::vector<AppTruth> m_apps;
  std::vector<ExpertTruth> m_experts;
  std::set<std::pair<std::uint32_t, std::uint32_t>> m_forbidden;
  std::uint32_t m_next_expert = 0;
};

}  // namespace kczg::review::planted
