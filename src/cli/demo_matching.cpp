// The demo after its lists are published (`kczg demo load --stage published`): the final
// review decided as proposed and the lists published on the campaign's own past clock,
// then what follows them — technical demands posted by the demo pilot city (温州) and the
// demo enterprise, reviewed, matched with the library, and one match walked to an
// agreement — so that a person walks the library, demands and matches from either side.
// holder@demo.kczg.cn signs in as the holder of the first published entry.
#include "cli/commands.hpp"
#include "web/matching/matching_service.hpp"
#include "web/matching/partner_service.hpp"
#include "web/publication/lists_service.hpp"
#include "web/review/final_review_service.hpp"
#include "web/security/secrets.hpp"

namespace kczg::cli {
namespace {

using std::chrono::days;
using std::chrono::hours;

const Actor k_secretariat{Role::secretariat, "demo-secretariat"};

// The holder account of `entry`'s applicant, created once.
Result<Account> holder_account(Store& s, const LibraryRecord& entry, const std::string& hash,
                               Instant at) {
  if (auto found = s.account_by_login(k_demo_holder)) return found;
  auto application = s.application(entry.application_id);
  if (!application) return fail(application.error());
  Account a;
  a.login = std::string(k_demo_holder);
  a.role = Role::applicant;
  a.display_name = "演示·入榜成果持有方";
  a.status = AccountStatus::active;
  a.applicant_id = application->applicant_id;
  if (auto id = s.create_account(a, hash, k_secretariat, at); !id) return fail(id.error());
  return s.account_by_login(k_demo_holder);
}

Demand demand_for(const LibraryRecord& entry, long long poster, std::string region,
                  std::string_view need) {
  Demand d;
  d.poster_id = poster;
  d.title = "寻求" + entry.name + "应用合作";
  d.description = std::string(need) + "希望引进与“" + entry.name +
                  "”相关的技术，用于现有产线的升级改造，要求半年内完成中试验证。" +
                  "欢迎技术持有方洽谈许可或联合开发。";
  d.field = entry.field;
  d.region = std::move(region);
  d.budget_min = 300'000;
  d.budget_max = 2'000'000;
  d.cooperation = {Cooperation::licence, Cooperation::joint_development};
  d.contact = "演示联系人 0577-88880000";
  return d;
}

}  // namespace

Result<void> publish_demo_lists(Store& s, const StoredCampaign& stored) {
  auto published = s.publications();
  if (!published) return fail(published.error());
  for (const Publication& p : *published) {
    if (p.campaign_id == stored.id) return {};
  }
  const Phase* final_review = find_phase(stored.campaign, PhaseKind::final_review);
  const Phase* publication = find_phase(stored.campaign, PhaseKind::publication);
  Instant decided = *final_review->ends_at - days(2);
  if (auto r = web::apply_final_proposal(s, stored, k_secretariat, decided); !r) {
    return fail(r.error());
  }
  if (auto r = web::publish_latest(s, k_secretariat, *publication->starts_at + hours(10)); !r) {
    return fail(r.error());
  }
  return {};
}

Result<void> load_demo_matching(Store& s, const StoredCampaign& stored,
                                const std::string& password_hash) {
  auto any = s.demands({});
  if (!any) return fail(any.error());
  if (!any->empty()) return {};  // played once
  web::LibraryCache cache;
  auto library = cache.current(s);
  if (!library) return fail(library.error());
  std::vector<const LibraryRecord*> held;
  for (const LibraryRecord& r : (*library)->records) {
    if (r.application_id != 0 && r.year == stored.campaign.year) held.push_back(&r);
  }
  if (held.size() < 2) return {};  // nothing published with a holder to match
  Instant start = *find_phase(stored.campaign, PhaseKind::publication)->starts_at + days(1);
  auto holder = holder_account(s, *held[0], password_hash, start);
  auto pilot = s.account_by_login(k_demo_pilot_city);
  auto enterprise = s.account_by_login("applicant@demo.kczg.cn");
  if (!holder || !pilot || !enterprise) {
    return fail(!holder ? holder.error() : !pilot ? pilot.error() : enterprise.error());
  }
  Actor pilot_actor{Role::pilot_city, pilot->login};
  Actor enterprise_actor{Role::applicant, enterprise->login};
  Actor holder_actor{Role::applicant, holder->login};

  // Two demands reviewed and public, one waiting for review, one sent back.
  auto post = [&](const Demand& d, const Actor& actor, Instant at) -> Result<long long> {
    auto ids = s.post_demands({d}, actor, at);
    if (!ids) return fail(ids.error());
    return ids->front();
  };
  auto wenzhou =
      post(demand_for(*held[0], pilot->id, "330300", "温州市瓯海区园区企业"), pilot_actor, start);
  auto factory = post(demand_for(*held[1], enterprise->id, "440300", "深圳市某制造企业"),
                      enterprise_actor, start + hours(3));
  Demand waiting =
      demand_for(*held[held.size() > 2 ? 2 : 1], pilot->id, "330381", "瑞安市汽摩配企业");
  auto pending = post(waiting, pilot_actor, start + days(3));
  Demand vague = waiting;
  vague.title = "寻求新技术合作";
  auto rejected = post(vague, pilot_actor, start + days(3));
  if (!wenzhou || !factory || !pending || !rejected) {
    return fail(!wenzhou   ? wenzhou.error()
                : !factory ? factory.error()
                : !pending ? pending.error()
                           : rejected.error());
  }
  Account secretariat;
  secretariat.role = Role::secretariat;
  auto review = [&](long long id, const Account& by, const Actor& actor, DemandAction action,
                    std::string_view reason, Instant at) -> Result<void> {
    auto r = web::act_on_demand_as(s, **library, by, id, action, reason, actor, at);
    if (!r) return fail(r.error());
    return {};
  };
  Instant approved = start + hours(5);
  if (auto r = review(*wenzhou, *pilot, pilot_actor, DemandAction::approve, "", approved); !r)
    return r;
  if (auto r = review(*factory, secretariat, k_secretariat, DemandAction::approve, "", approved);
      !r)
    return r;
  if (auto r = review(*rejected, *pilot, pilot_actor, DemandAction::reject,
                      "需求描述过于笼统，请写明要解决的技术问题和应用场景", start + days(4));
      !r) {
    return r;
  }

  // The Wenzhou demand and the holder's entry: a response the next day, an agreement in
  // nine days (the Hubei platform's good case).
  auto answered = web::express_interest_as(s, *holder, *wenzhou, held[0]->id, holder_actor,
                                           approved + hours(20));
  if (!answered) return fail(answered.error());
  auto both =
      web::express_interest_as(s, *pilot, *wenzhou, held[0]->id, pilot_actor, approved + hours(26));
  if (!both) return fail(both.error());
  for (auto [action, at, actor, by] :
       {std::tuple{DockingAction::negotiate, approved + days(3), pilot_actor, &*pilot},
        {DockingAction::agree, approved + days(9), holder_actor, &*holder}}) {
    auto r = web::act_on_docking_as(s, *by, both->id, action, std::nullopt, "", actor, at);
    if (!r) return fail(r.error());
  }
  // The demo fund states what it looks for; the secretariat recommends the two entries to
  // it, and it meets the first one's holder.
  if (auto fund = s.account_by_login("partner@demo.kczg.cn")) {
    PartnerProfile profile{fund->id,
                           "",
                           PartnerKind::venture_fund,
                           {held[0]->field, held[1]->field},
                           {Maturity::pilot, Maturity::production},
                           {"33", "44"},
                           1'000'000,
                           20'000'000};
    if (auto r = s.save_partner_profile(profile, k_secretariat, start); !r) return r;
    Account secretariat_account;
    secretariat_account.role = Role::secretariat;
    for (const LibraryRecord* entry : {held[0], held[1]}) {
      auto r =
          web::recommend_as(s, secretariat_account, entry->id, {fund->id},
                            "入选2023年先导技术榜，已完成中试", k_secretariat, start + days(2));
      if (!r) return fail(r.error());
    }
    auto deals = s.deals(fund->id, held[0]->id);
    if (!deals) return fail(deals.error());
    Actor fund_actor{Role::partner, fund->login};
    for (auto [action, at] : {std::pair{DealAction::interest, start + days(3)},
                              {DealAction::meeting, start + days(8)}}) {
      auto r = web::act_on_deal_as(s, *fund, deals->front().id, action, "", std::nullopt,
                                   fund_actor, at);
      if (!r) return fail(r.error());
    }
  }
  // The factory's best match ends on price, closed by the secretariat after a week.
  auto proposed = s.dockings({*factory, 0});
  if (!proposed) return fail(proposed.error());
  if (!proposed->empty()) {
    auto r = web::act_on_docking_as(s, secretariat, proposed->back().id, DockingAction::close,
                                    CloseReason::price, "", k_secretariat, approved + days(7));
    if (!r) return fail(r.error());
  }
  return {};
}

}  // namespace kczg::cli
