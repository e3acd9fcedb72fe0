// kczg demo load: a campaign with demo units and synthetic applications in every early
// state, so a newcomer sees a campaign being filled. Everything here is generated.
#include <ostream>
#include <set>

#include "cli/commands.hpp"
#include "domain/presets.hpp"
#include "domain/quota.hpp"
#include "domain/uscc.hpp"
#include "web/security/secrets.hpp"

namespace kczg::cli {
namespace {

struct DemoItem {
  std::string list;
  std::string field;
  std::string title;
  ApplicantKind kind;
};

std::vector<DemoItem> demo_items(const Campaign& campaign) {
  static const std::vector<std::string> k_qualities{"高精度", "低功耗", "可回收", "大尺寸",
                                                    "自适应"};
  static const std::vector<std::pair<std::string, std::string>> k_subjects{
      {"electronic_information", "存算一体芯片"},
      {"biomedicine", "单细胞测序平台"},
      {"equipment_manufacturing", "五轴联动加工中心"},
      {"advanced_materials", "碳化硅衬底"},
      {"green_low_carbon", "钙钛矿光伏组件"},
      {"industrial_foundation", "工业实时操作系统"},
  };
  std::vector<DemoItem> items;
  for (const List& list : campaign.lists) {
    if (list.separately_organised) continue;
    if (!list.fields.empty()) {
      for (std::size_t i = 0; i < k_subjects.size(); ++i) {
        for (int k = 0; k < 3; ++k) {
          items.push_back({list.code, k_subjects[i].first,
                           k_qualities[(i + k) % k_qualities.size()] + k_subjects[i].second,
                           ApplicantKind::enterprise});
        }
      }
      continue;
    }
    ApplicantKind kind = list.code == "integration_org"       ? ApplicantKind::organisation
                         : list.code == "emerging_enterprise" ? ApplicantKind::enterprise
                                                              : ApplicantKind::person;
    for (int k = 0; k < 4; ++k) {
      items.push_back(
          {list.code, "", "演示" + list.name_zh + "候选" + std::to_string(k + 1), kind});
    }
  }
  return items;
}

// Spreads the demo's activity over the collection phase up to `until`, busiest at the
// end, as real campaigns are.
Instant demo_instant(const Campaign& campaign, std::size_t i, std::size_t n, Instant until) {
  const Phase* collection = find_phase(campaign, PhaseKind::collection);
  auto span = std::min(*collection->ends_at, until) - *collection->starts_at;
  double share = 0.5 + 0.5 * double(i + 1) / double(n + 1);
  return *collection->starts_at +
         std::chrono::duration_cast<std::chrono::microseconds>(span * share) -
         std::chrono::minutes(10);
}

// One signed-in account per role, with a password printed for the demo only.
constexpr std::string_view k_demo_password = "kczg-demo-2023";

Result<void> add_demo_accounts(const Context& ctx, Store& s, long long applicant_id,
                               long long unit_id, const DemoReview& review) {
  struct Demo {
    const char* login;
    Role role;
    const char* name;
  };
  const Demo demos[] = {
      {"secretariat@demo.kczg.cn", Role::secretariat, "演示·联合秘书处"},
      {"applicant@demo.kczg.cn", Role::applicant, "演示·申报企业"},
      {"unit@demo.kczg.cn", Role::unit, "演示·推荐单位"},
      {"review@demo.kczg.cn", Role::review_body, "演示·评审机构"},
      {"expert@demo.kczg.cn", Role::expert, "演示·评审专家"},
      {"partner@demo.kczg.cn", Role::partner, "演示·金融伙伴"},
      {k_demo_pilot_city.data(), Role::pilot_city, "演示·温州市科创中国试点城市"},
  };
  if (!web::init_secrets())
    return fail(make_error(ErrorCode::database_unavailable, "detail", "libsodium"));
  std::string hash = web::hash_password(k_demo_password);
  for (const Demo& d : demos) {
    if (s.account_by_login(d.login)) continue;
    Account a;
    a.login = d.login;
    a.role = d.role;
    a.display_name = d.name;
    a.status = AccountStatus::active;
    if (d.role == Role::applicant) a.applicant_id = applicant_id;
    if (d.role == Role::unit) a.unit_id = unit_id;
    if (d.role == Role::review_body) a.review_body_id = review.body_id;
    if (d.role == Role::expert) a.expert_id = review.expert_id;
    if (d.role == Role::pilot_city) a.region = "330300";
    if (auto id = s.create_account(a, hash, ctx.actor, now()); !id) return fail(id.error());
  }
  *ctx.out << "demo accounts (password " << k_demo_password << "):\n";
  for (const Demo& d : demos) *ctx.out << "  " << role_name(d.role) << "\t" << d.login << "\n";
  *ctx.out << "  (--stage published) applicant\t" << k_demo_holder << "\n";
  return {};
}

// The stored units the demo's units file names, in the order they were stored.
Result<std::vector<Unit>> demo_units(Store& s, const std::filesystem::path& units_file) {
  auto rows = read_unit_rows(units_file);
  if (!rows) return fail(rows.error());
  std::set<std::string> codes;
  for (const UnitRow& row : *rows) codes.insert(normalize_uscc(row.uscc));
  auto units = s.units();
  if (!units) return fail(units.error());
  std::erase_if(*units, [&](const Unit& u) { return !codes.contains(u.uscc); });
  return units;
}

}  // namespace

// Today in the demo's `stage`: every dated phase moves by whole days so that collection
// closes at 24:00 Beijing time ten days from today, or so that the final review opened at
// 00:00 Beijing time today, or so that publication opened two weeks ago, the other phases
// keeping their places around it.
Result<void> move_phases_to_now(Store& s, const StoredCampaign& stored, Instant now,
                                DemoStage stage) {
  PhaseKind anchor = stage == DemoStage::collection     ? PhaseKind::collection
                     : stage == DemoStage::final_review ? PhaseKind::final_review
                                                        : PhaseKind::publication;
  const Phase* phase_now = find_phase(stored.campaign, anchor);
  std::optional<Instant> anchor_at =
      stage == DemoStage::collection ? phase_now->ends_at : phase_now->starts_at;
  if (!anchor_at) return {};
  auto today = std::chrono::sys_days(shanghai_date(now));
  Instant target = stage == DemoStage::collection ? shanghai_midnight(today + std::chrono::days(11))
                   : stage == DemoStage::published
                       ? shanghai_midnight(today - std::chrono::days(14))
                       : shanghai_midnight(today);
  auto shift = std::chrono::floor<std::chrono::days>(target - *anchor_at);
  if (shift.count() == 0) return {};
  Actor demo{Role::secretariat, "demo-load"};
  for (const Phase& phase : stored.campaign.phases) {
    if (!phase.starts_at && !phase.ends_at) continue;
    auto moved = [&](std::optional<Instant> at) -> std::optional<Instant> {
      if (!at) return at;
      return *at + shift;
    };
    if (auto r = s.set_phase_dates(stored.id, phase.kind, moved(phase.starts_at),
                                   moved(phase.ends_at), demo, now);
        !r) {
      return r;
    }
  }
  return {};
}

int run_demo_load(const Context& ctx, const std::string& preset,
                  const std::filesystem::path& units_file, bool live, DemoStage stage) {
  Instant now =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto campaign = campaign_preset(preset);
  if (!campaign) return report(ctx, campaign.error());
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  Store& s = **store;
  auto stored = s.campaign_by_year(campaign->year);
  if (!stored) {
    if (int rc = run_campaign_create(ctx, preset); rc != k_exit_ok) return rc;
    stored = s.campaign_by_year(campaign->year);
    if (!stored) return report(ctx, stored.error());
  }
  if (live) {
    if (auto moved = move_phases_to_now(s, *stored, now, stage); !moved)
      return report(ctx, moved.error());
    stored = s.campaign_by_year(campaign->year);
    if (!stored) return report(ctx, stored.error());
  }
  // The demo's own units: imported unless some are stored already (by their codes), so a
  // database that holds other units too (`kczg simulate`) gets the same demo.
  auto units = demo_units(s, units_file);
  if (!units) return report(ctx, units.error());
  if (units->empty()) {
    if (int rc = run_import_units(ctx, units_file); rc != k_exit_ok) return rc;
    units = demo_units(s, units_file);
    if (!units) return report(ctx, units.error());
  }
  auto by_state = s.count_by_state(stored->id);
  if (by_state && by_state->empty()) {
    std::vector<DemoItem> items = demo_items(stored->campaign);
    Actor applicant{Role::applicant, "demo-applicant"};
    for (std::size_t i = 0; i < items.size(); ++i) {
      const DemoItem& item = items[i];
      Instant at = demo_instant(stored->campaign, i, items.size(), now);
      const Unit& unit = (*units)[i % units->size()];
      auto applicant_id =
          s.add_applicant({0, item.kind, item.title, "", "demo@example.org"}, applicant, at);
      if (!applicant_id) return report(ctx, applicant_id.error());
      Application draft;
      draft.campaign_id = stored->id;
      draft.applicant_id = *applicant_id;
      draft.list = item.list;
      draft.field = item.field;
      draft.unit_id = unit.id;
      draft.title = item.title;
      auto id = s.create_application(draft, applicant, at);
      if (!id) return report(ctx, id.error());
      if (i % 7 == 6) continue;  // some stay drafts
      if (auto r = s.submit(*id, applicant, at); !r) return report(ctx, r.error());
      Actor unit_actor{Role::unit, "demo-unit:" + std::to_string(unit.id)};
      if (i % 5 == 4) {
        auto r = s.transition(*id, Action::return_to_applicant, unit_actor,
                              "请补充知识产权证明材料", at);
        if (!r) return report(ctx, r.error());
      } else if (i % 3 != 2) {
        // Units recommend while their quota lasts; beyond it the application waits.
        if (auto r = s.recommend(*id, unit.id, unit_actor, at);
            !r && r.error().code != ErrorCode::quota_exhausted) {
          return report(ctx, r.error());
        }
      }
    }
    by_state = s.count_by_state(stored->id);
  }
  // The body and the earlier lists are there before the preliminary review starts.
  Instant review_setup = now;
  if (const Phase* review = find_phase(stored->campaign, PhaseKind::preliminary_review);
      review && review->starts_at && *review->starts_at < now) {
    review_setup = *review->starts_at;
  }
  if (auto listed = load_demo_listed(s, review_setup); !listed) {
    return report(ctx, listed.error());
  }
  auto review = load_demo_review(s, *stored, review_setup);
  if (!review) return report(ctx, review.error());
  auto summaries = s.application_summaries(stored->id);
  if (!summaries) return report(ctx, summaries.error());
  long long first_applicant = summaries->empty() ? 0 : summaries->front().application.applicant_id;
  long long first_unit =
      summaries->empty() ? units->front().id : summaries->front().application.unit_id;
  if (auto demo = add_demo_accounts(ctx, s, first_applicant, first_unit, *review); !demo) {
    return report(ctx, demo.error());
  }
  if (live && stage != DemoStage::collection) {
    auto reloaded = s.campaign_by_id(stored->id);
    if (!reloaded) return report(ctx, reloaded.error());
    if (auto played = play_demo_review(s, *reloaded); !played) return report(ctx, played.error());
  }
  if (live && stage == DemoStage::published) {
    auto reloaded = s.campaign_by_id(stored->id);
    if (!reloaded) return report(ctx, reloaded.error());
    if (auto r = publish_demo_lists(s, *reloaded); !r) return report(ctx, r.error());
    if (auto r = load_demo_matching(s, *reloaded, web::hash_password(k_demo_password)); !r) {
      return report(ctx, r.error());
    }
  }
  int total = 0;
  for (const auto& [state, n] : by_state.value_or(std::map<std::string, int>{})) total += n;
  *ctx.out << ctx.text("ui.demo_loaded", {{"units", std::to_string(units->size())},
                                          {"applications", std::to_string(total)}})
           << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
