#include "web/matching/partner_service.hpp"

#include <algorithm>
#include <map>

#include "i18n/catalog.hpp"

namespace kczg::web {
Result<std::vector<PartnerSuggestion>> partner_suggestions(Store& store, const Account& account,
                                                           const LibraryRecord& entry) {
  if (account.role != Role::secretariat) return fail(forbidden_role(account.role));
  auto profiles = store.partner_profiles();
  auto deals = store.deals(0, entry.id);
  if (!profiles || !deals) return fail(!profiles ? profiles.error() : deals.error());
  std::vector<PartnerSuggestion> out;
  for (const match::PartnerFit& f : match::partner_fits(
           *profiles, entry.field, entry.parts.maturity, region_of_uscc(entry.holder_uscc))) {
    PartnerSuggestion s{(*profiles)[f.partner], f, std::nullopt};
    auto it = std::ranges::find(*deals, s.profile.account_id, &Deal::partner_id);
    if (it != deals->end()) s.deal = *it;
    out.push_back(std::move(s));
  }
  return out;
}

Result<void> save_profile_as(Store& store, const Account& account, PartnerProfile profile,
                             const Actor& actor, Instant now) {
  if (account.role != Role::partner) return fail(forbidden_role(account.role));
  profile.account_id = account.id;
  return store.save_partner_profile(profile, actor, now);
}

Result<int> recommend_as(Store& store, const Account& account, long long entry,
                         const std::vector<long long>& partners, const std::string& note,
                         const Actor& actor, Instant now) {
  if (account.role != Role::secretariat) return fail(forbidden_role(account.role));
  auto record = store.library_record(entry);
  if (!record) return fail(record.error());
  std::vector<DealProposal> proposals;
  for (long long id : partners) {
    auto partner = store.account(id);
    if (!partner || partner->role != Role::partner) {
      return fail(make_error(ErrorCode::account_not_found, "account", std::to_string(id)));
    }
    std::vector<std::pair<std::string, std::string>> params{
        {"item", record->name}, {"holder", record->holder}, {"note", note}};
    Deal d;
    d.listed_entry_id = entry;
    d.partner_id = id;
    d.note = note;
    proposals.push_back({d, {mail_in_both(partner->login, "page.deal_recommended", params)}});
  }
  auto stored = store.recommend_deals(proposals, actor, now);
  if (!stored) return fail(stored.error());
  return int(std::ranges::count_if(*stored, &RecommendedDeal::created));
}

Result<std::vector<Deal>> visible_deals(Store& store, const Account& account) {
  if (account.role == Role::secretariat) return store.deals(0, 0);
  if (account.role == Role::partner) return store.deals(account.id, 0);
  return fail(forbidden_role(account.role));
}

Result<Deal> act_on_deal_as(Store& store, const Account& account, long long id, DealAction action,
                            std::string_view reason, std::optional<long long> amount,
                            const Actor& actor, Instant now) {
  return store.change_deal(
      id, "deal." + std::string(deal_action_name(action)),
      [&](const Deal& d) -> Result<Deal> {
        if (account.role != Role::partner || d.partner_id != account.id) {
          return fail(make_error(ErrorCode::deal_not_found, "deal", std::to_string(id)));
        }
        return apply_deal_action(d, action, now, reason, amount);
      },
      actor, now);
}

Result<std::vector<match::DealCounts>> deal_statistics(Store& store, const Account& account,
                                                       match::DockingDimension dimension) {
  if (account.role != Role::secretariat && account.role != Role::pilot_city) {
    return fail(forbidden_role(account.role));
  }
  std::string province = account.role == Role::pilot_city ? account.region.substr(0, 2) : "";
  auto deals = store.deals(0, 0);
  auto records = store.library_records();
  if (!deals || !records) return fail(!deals ? deals.error() : records.error());
  std::map<long long, const LibraryRecord*> entries;
  for (const LibraryRecord& r : *records) entries[r.id] = &r;
  std::vector<match::DealFacts> facts;
  for (const Deal& d : *deals) {
    auto it = entries.find(d.listed_entry_id);
    if (it == entries.end()) continue;
    std::string region = region_of_uscc(it->second->holder_uscc);
    if (!province.empty() && !region.starts_with(province)) continue;
    facts.push_back({d, it->second->list, it->second->field,
                     region.substr(0, std::min<std::size_t>(4, region.size()))});
  }
  return match::deal_counts(facts, dimension);
}

}  // namespace kczg::web
