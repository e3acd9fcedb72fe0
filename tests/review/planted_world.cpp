#include "review/planted_world.hpp"

#include <algorithm>
#include <stdexcept>

#include "domain/uscc.hpp"
#include "review/organisation_name.hpp"

namespace kczg::review::planted {
namespace {

constexpr std::string_view k_trade_pool =
    "芯瑞达恒泰鼎源星云宇博睿智联创康晟锐隆腾飞扬启明光远航卓越祥嘉弘毅凯晶澜曜骏捷禾朗煜璟琪昊铭";
const std::vector<std::string> k_industries{"电子", "材料", "生物", "能源", "医药",
                                            "信息", "装备", "化工", "环保", "机械"};
const std::vector<std::string> k_extras{"集成电路制造", "技术研究", "科技发展", "新材料应用"};
const std::vector<std::string> k_regions{"北京", "上海", "深圳", "苏州",
                                         "杭州", "成都", "武汉", "西安"};
const std::vector<std::string> k_latin_industries{"Materials", "Robotics", "Photonics",
                                                  "Biotech",   "Energy",   "Devices"};

}  // namespace

World::World(std::uint64_t seed) : m_rng(seed) {
  for (const std::string& c : characters(k_trade_pool)) m_pool.push_back(c);
  for (int u = 0; u < 40; ++u) m_units.push_back(new_org(Style::society));
  for (int a = 0; a < 400; ++a) add_application();
  for (int e = 0; e < 260; ++e) add_expert();
  plant_conflicts();
  plant_decoys();
}

std::set<Triple> World::expected() const {
  std::set<Triple> out;
  for (std::uint32_t e = 0; e < m_experts.size(); ++e) {
    const ExpertTruth& x = m_experts[e];
    for (std::uint32_t a = 0; a < m_apps.size(); ++a) {
      const AppTruth& t = m_apps[a];
      auto is_party = [&](std::size_t org, bool with_unit) {
        return org == t.applicant || std::count(t.holders.begin(), t.holders.end(), org) > 0 ||
               (with_unit && org == t.unit);
      };
      for (std::size_t org : x.organisations) {
        if (is_party(org, false)) out.insert({e, a, ConflictKind::same_organisation});
        if (org == t.unit) out.insert({e, a, ConflictKind::recommending_unit});
      }
      if (std::count(t.people.begin(), t.people.end(), x.person) > 0) {
        out.insert({e, a, ConflictKind::named_in_application});
      }
      bool declared = x.declared_applications.contains(a);
      for (std::size_t org : x.declared_organisations) declared |= is_party(org, true);
      if (declared) out.insert({e, a, ConflictKind::declared});
      if (m_forbidden.contains({e, a})) out.insert({e, a, ConflictKind::forbidden});
    }
  }
  return out;
}

std::string World::fresh_trade() {
  for (;;) {
    std::string t = m_pool[m_rng.below(m_pool.size())] + m_pool[m_rng.below(m_pool.size())];
    if (characters(t)[0] == characters(t)[1] || m_trades.contains(t)) continue;
    if (!without_leading_region(t + "电子材料", 4).empty()) continue;  // 明光, 泰康 …
    m_trades.insert(t);
    return t;
  }
}

std::string World::fresh_latin_trade() {
  static const std::vector<std::string> heads{"Nova", "Zen",  "Lumi",   "Astra", "Veri",
                                              "Octa", "Pyra", "Quanta", "Helio", "Terra"};
  static const std::vector<std::string> middles{"", "ra", "li", "mo", "ve", "xo", "ka", "di"};
  static const std::vector<std::string> tails{"tech", "tron", "gen", "lux", "vant", "sys"};
  for (;;) {  // 480 words
    std::string t = heads[m_rng.below(heads.size())] + middles[m_rng.below(middles.size())] +
                    tails[m_rng.below(tails.size())];
    if (m_trades.insert(t).second) return t;
  }
}

std::string World::fresh_uscc(bool society) {
  static constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (;;) {
    std::string code = society ? "51100000" : "91110108";
    for (int i = 0; i < 9; ++i) code += alphabet[m_rng.below(alphabet.size())];
    code += uscc_check_digit(code);
    if (m_usccs.insert(code).second) return code;
  }
}

std::size_t World::new_org(Style style) {
  Org o;
  o.style = style;
  switch (style) {
    case Style::society:
      o.trade = "中国" + fresh_trade();
      o.industry = "学会";
      break;
    case Style::institute:
      o.trade = fresh_trade();
      o.industry = std::vector<std::string>{"大学", "研究院", "研究所"}[m_rng.below(3)];
      break;
    case Style::latin:
      o.trade = fresh_latin_trade();
      o.industry = k_latin_industries[m_rng.below(k_latin_industries.size())];
      if (m_rng.percent(50)) o.extra = m_rng.percent(50) ? "Science" : "Systems";
      break;
    default:
      o.trade = fresh_trade();
      o.industry = k_industries[m_rng.below(k_industries.size())];
      if (m_rng.percent(40)) o.extra = k_extras[m_rng.below(k_extras.size())];
      if (style != Style::plain) o.region = k_regions[m_rng.below(k_regions.size())];
  }
  o.uscc = fresh_uscc(style == Style::society);
  bool chinese =
      style == Style::plain || style == Style::region_prefix || style == Style::region_bracket;
  if (chinese && m_rng.percent(30)) {
    o.aliases = {o.trade, fresh_latin_trade() + " Group"};
    rules.aliases.push_back({0, {full_name(o, 0), o.aliases[0], o.aliases[1]}, ""});
  }
  m_orgs.push_back(std::move(o));
  return m_orgs.size() - 1;
}

std::size_t World::new_company() {
  std::size_t r = m_rng.below(100);
  return new_org(r < 45   ? Style::plain
                 : r < 65 ? Style::region_prefix
                 : r < 85 ? Style::region_bracket
                          : Style::latin);
}

std::size_t World::new_person() {
  static const std::vector<std::string> surnames =
      characters("张王李赵陈刘杨黄周吴徐孙马朱胡郭何高林罗");
  static const std::vector<std::string> given =
      characters("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂");
  for (;;) {
    Person p;
    if (m_rng.percent(5)) {
      p.name = std::vector<std::string>{"阿依古丽", "买买提", "古丽娜尔", "艾力"}[m_rng.below(4)] +
               "·" +
               std::vector<std::string>{"吐尔逊", "热合曼", "阿不都", "沙吾提"}[m_rng.below(4)] +
               given[m_rng.below(given.size())];
      p.minority = true;
    } else {
      p.name = surnames[m_rng.below(surnames.size())] + given[m_rng.below(given.size())] +
               given[m_rng.below(given.size())];
    }
    if (!m_names.insert(person_name_key(p.name)).second) continue;
    m_people.push_back(p);
    return m_people.size() - 1;
  }
}

OrganisationRef World::write(std::size_t org, int variant, Mode mode, bool expert_side) {
  const Org& o = m_orgs[org];
  int v = variant;
  OrganisationRef ref;
  if (mode != Mode::uscc_only) {
    ref.name = expert_side ? expert_name(o, v, m_rng.below(2)) : full_name(o, v % k_full_variants);
  }
  if (mode != Mode::name_only) ref.uscc = written_uscc(o.uscc, int(m_rng.below(4)));
  return ref;
}

void World::add_application() {
  AppTruth t;
  ApplicationParties p;
  p.id = "A-" + std::to_string(m_apps.size() + 1);
  t.applicant = new_company();
  p.applicant = write(t.applicant, int(m_rng.below(k_full_variants)), Mode::both, false);
  for (std::size_t h = m_rng.below(3); h > 0; --h) {
    t.holders.push_back(m_rng.percent(50) ? new_company() : new_org(Style::institute));
    p.holders.push_back(write(t.holders.back(), int(m_rng.below(k_full_variants)),
                              m_rng.percent(50) ? Mode::both : Mode::name_only, false));
  }
  t.unit = m_units[m_rng.below(m_units.size())];
  p.unit = write(t.unit, int(m_rng.below(k_full_variants)),
                 m_rng.percent(80) ? Mode::both : Mode::name_only, false);
  auto add_people = [&](std::vector<std::string>& names, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      t.people.push_back(new_person());
      names.push_back(written_person(m_people[t.people.back()], int(m_rng.below(3))));
    }
  };
  add_people(p.holder_people, m_rng.below(2));
  add_people(p.team, 1 + m_rng.below(4));
  add_people(p.referees, m_rng.below(2));
  m_apps.push_back(std::move(t));
  applications.push_back(std::move(p));
}

void World::add_expert() {
  ExpertTruth t;
  t.person = new_person();
  t.organisations.push_back(new_org(Style::institute));
  ExpertRecord r;
  r.id = "E-" + std::to_string(m_experts.size() + 1);
  r.name = written_person(m_people[t.person], int(m_rng.below(3)));
  r.organisations.push_back(write(t.organisations[0], 0, Mode::both, true));
  m_experts.push_back(std::move(t));
  experts.push_back(std::move(r));
}

std::uint32_t World::app_with_holder() {
  for (;;) {
    std::uint32_t a = any_app();
    if (!m_apps[a].holders.empty()) return a;
  }
}

void World::give_organisation(std::uint32_t e, std::size_t org, int variant, Mode mode) {
  m_experts[e].organisations.push_back(org);
  experts[e].organisations.push_back(write(org, variant, mode, true));
}

bool World::variant_applies(const Org& o, int v) {
  bool chinese = o.style == Style::plain || o.style == Style::region_prefix;
  if (v == 6) return !o.extra.empty() && (chinese || o.style == Style::latin);
  if (v == 7) return !o.aliases.empty();
  if (v == 8) return o.style == Style::region_prefix || o.style == Style::region_bracket;
  return true;
}

std::pair<std::uint32_t, std::size_t> World::party_for(int v, bool holder) {
  for (;;) {
    std::uint32_t a = any_app();
    const AppTruth& t = m_apps[a];
    if (!holder && variant_applies(m_orgs[t.applicant], v)) return {a, t.applicant};
    if (!holder || t.holders.empty()) continue;
    std::size_t h = t.holders[m_rng.below(t.holders.size())];
    if (variant_applies(m_orgs[h], v)) return {a, h};
  }
}

void World::plant_conflicts() {
  // Every name variant with every way of giving the organisation.
  for (int i = 0; i < 5 * k_expert_variants; ++i) {
    std::uint32_t e = next_expert();
    int round = i / k_expert_variants;
    Mode mode = round == 0 ? Mode::both : round == 4 ? Mode::uscc_only : Mode::name_only;
    int v = i % k_expert_variants;
    give_organisation(e, party_for(v, false).second, v, mode);
    ++planted[ConflictKind::same_organisation];
  }
  // Holders and units may lack a USCC in the application: experts give the name.
  for (int i = 0; i < 2 * k_expert_variants; ++i) {
    int v = i % k_expert_variants;
    give_organisation(next_expert(), party_for(v, true).second, v,
                      i < k_expert_variants ? Mode::name_only : Mode::both);
    ++planted[ConflictKind::same_organisation];
  }
  for (int i = 0; i < k_full_variants; ++i) {  // a second affiliation (兼职)
    give_organisation(next_expert(), m_apps[any_app()].applicant, i, Mode::name_only);
    ++planted[ConflictKind::same_organisation];
  }
  for (int i = 0; i < 2 * k_full_variants; ++i) {
    give_organisation(next_expert(), m_apps[any_app()].unit, i % k_full_variants,
                      i % 2 ? Mode::both : Mode::name_only);
    ++planted[ConflictKind::recommending_unit];
  }
  for (int i = 0; i < 15; ++i) {  // holders, team members and referees, written differently
    std::uint32_t e = next_expert();
    const AppTruth& t = m_apps[any_app()];
    m_experts[e].person = t.people[m_rng.below(t.people.size())];
    experts[e].name = written_person(m_people[m_experts[e].person], i % 3);
    ++planted[ConflictKind::named_in_application];
  }
  for (int i = 0; i < 6; ++i) {
    std::uint32_t e = next_expert();
    std::uint32_t a = any_app();
    m_experts[e].declared_applications.insert(a);
    experts[e].declared_applications.push_back(applications[a].id);
    ++planted[ConflictKind::declared];
  }
  for (int i = 0; i < 3 * k_full_variants; ++i) {
    std::uint32_t e = next_expert();
    const AppTruth& t = m_apps[app_with_holder()];
    std::size_t org = i % 3 == 0 ? t.applicant : i % 3 == 1 ? t.holders[0] : t.unit;
    m_experts[e].declared_organisations.push_back(org);
    experts[e].declared_organisations.push_back(
        write(org, i % k_full_variants, Mode::name_only, true));
    ++planted[ConflictKind::declared];
  }
  for (int i = 0; i < 6; ++i) {
    std::uint32_t e = next_expert();
    std::uint32_t a = any_app();
    m_forbidden.insert({e, a});
    rules.forbidden.push_back({experts[e].id, applications[a].id});
    ++planted[ConflictKind::forbidden];
  }
}

void World::decoy_organisation(std::uint32_t a, Org decoy, std::string what) {
  std::uint32_t e = next_expert();
  m_orgs.push_back(std::move(decoy));
  give_organisation(e, m_orgs.size() - 1, int(m_rng.below(k_full_variants)), Mode::name_only);
  decoys.emplace_back(
      e, a,
      what + ": " + experts[e].organisations.back().name + " vs " + applications[a].applicant.name);
}

std::uint32_t World::app_where(auto&& predicate) {
  for (;;) {
    std::uint32_t a = any_app();
    if (predicate(m_orgs[m_apps[a].applicant])) return a;
  }
}

std::uint32_t World::next_expert() {
  if (m_next_expert == experts.size()) throw std::logic_error("planted world: too few experts");
  return m_next_expert++;
}

void World::plant_decoys() {
  for (int i = 0; i < 4; ++i) {
    // The same name after another city, no brackets: another company.
    std::uint32_t a = app_where([](const Org& o) { return o.style == Style::region_prefix; });
    Org d = m_orgs[m_apps[a].applicant];
    d.region = d.region == "北京" ? "南京" : "北京";
    d.aliases.clear();
    decoy_organisation(a, d, "other city");
    // The same trade name in another industry: 芯科材料 is not 芯科电子.
    a = app_where([](const Org& o) { return o.style == Style::plain; });
    d = m_orgs[m_apps[a].applicant];
    d.industry = d.industry == "机械" ? "医药" : "机械";
    d.extra.clear();
    d.aliases.clear();
    decoy_organisation(a, d, "other industry");
    // A two-unit name the alias table does not list: too short for the prefix rule.
    a = app_where([](const Org& o) { return o.style == Style::plain && o.aliases.empty(); });
    d = m_orgs[m_apps[a].applicant];
    d.industry.clear();
    d.extra.clear();
    decoy_organisation(a, d, "short name without alias");
    // The name inside another: 鑫芯科电子 does not begin with 芯科电子.
    a = app_where([](const Org& o) { return o.style == Style::plain; });
    d = m_orgs[m_apps[a].applicant];
    d.trade = "鑫" + d.trade;
    d.aliases.clear();
    decoy_organisation(a, d, "name inside another");
    // A USCC one character off, under another name.
    a = any_app();
    std::uint32_t e = next_expert();
    std::string code = m_orgs[m_apps[a].applicant].uscc;
    code[12] = code[12] == '7' ? '8' : '7';
    code[17] = uscc_check_digit(code.substr(0, 17));
    experts[e].organisations.push_back({"", code});
    decoys.emplace_back(e, a, "USCC one character off: " + code);
    // A person with one more character, and one with the same given name under another
    // surname (欧阳 is in no generated name).
    a = any_app();
    e = next_expert();
    const Person& named = m_people[m_apps[a].people[0]];
    experts[e].name = named.name + "华";
    decoys.emplace_back(e, a, "longer person name " + experts[e].name);
    if (!named.minority) {
      e = next_expert();
      experts[e].name = "欧阳" + named.name.substr(characters(named.name)[0].size());
      decoys.emplace_back(e, a, "other surname " + experts[e].name + " vs " + named.name);
    }
  }
  for (int i = 0; i < 3; ++i) {
    // A Latin name that begins the other within a word: "novatech mat" ⊄ "novatech materials".
    std::uint32_t a = app_where([](const Org& o) { return o.style == Style::latin; });
    Org d = m_orgs[m_apps[a].applicant];
    d.industry = d.industry.substr(0, 3);
    d.extra.clear();
    decoy_organisation(a, d, "Latin word boundary");
  }
  // Universities whose names share a head: 北京大学/北京理工大学,
  // 中国科学院大学/中国科学技术大学, 上海交通大学/西安交通大学.
  const std::vector<std::pair<std::string, std::string>> universities{
      {"北京大学", "北京理工大学"},
      {"中国科学院大学", "中国科学技术大学"},
      {"上海交通大学", "西安交通大学"}};
  for (const auto& [applicant, other] : universities) {
    add_application();
    std::uint32_t a = std::uint32_t(applications.size() - 1);
    applications[a].applicant = {applicant, ""};
    m_orgs[m_apps[a].applicant].trade = applicant;  // truth: its own organisation
    std::uint32_t e = next_expert();
    experts[e].organisations.push_back({other, ""});
    decoys.emplace_back(e, a, applicant + " vs " + other);
  }
  // Empty values, ids off by a character, a forbidden pair naming no one.
  std::uint32_t e = next_expert();
  experts[e].organisations = {{"", ""}, {"（ ）", " "}};
  decoys.emplace_back(e, 0, "empty organisation");
  e = next_expert();
  experts[e].declared_applications = {"A-01", "a-1", "A-1 "};
  decoys.emplace_back(e, 0, "declared ids A-01, a-1, 'A-1 '");
  rules.forbidden.push_back({"E-0", applications[0].id});
  rules.forbidden.push_back({experts[0].id, "A-0"});
}

}  // namespace kczg::review::planted
