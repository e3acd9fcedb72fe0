// The financial partner plan on both backends: a profile saved whole and audited, a
// recommendation once per entry and partner with its mail, a refused step writing nothing.
#include "store_fixture.hpp"

namespace kczg::testing {
namespace {

using PartnerStore = StoreTest;
using namespace std::chrono;

TEST_P(PartnerStore, ProfilesAndRecommendationsAreKeptOnceAndAudited) {
  Account a;
  a.login = "fund@partner.test";
  a.role = Role::partner;
  a.display_name = "某创投基金";
  long long partner = m_store->create_account(a, "", m_secretariat, in_collection()).value();
  EXPECT_FALSE(*m_store->partner_profile(partner));
  PartnerProfile p{partner,
                   "",
                   PartnerKind::venture_fund,
                   {"biomedicine"},
                   {Maturity::pilot, Maturity::production},
                   {"33"},
                   1'000'000,
                   std::nullopt};
  ASSERT_TRUE(m_store->save_partner_profile(p, m_secretariat, in_collection()));
  auto read = m_store->partner_profile(partner);
  ASSERT_TRUE(read && *read);
  p.name = "某创投基金";
  EXPECT_EQ(**read, p);
  PartnerProfile bad = p;
  bad.regions = {"99"};
  EXPECT_EQ(m_store->save_partner_profile(bad, m_secretariat, in_collection()).error().code,
            ErrorCode::field_invalid);
  EXPECT_EQ(m_store->partner_profiles()->size(), 1u);
  EXPECT_EQ(m_store->partner_profiles()->front().regions, std::vector<std::string>{"33"});

  ASSERT_TRUE(m_store->add_listed_entries(
      {{0, 2022, "pioneer_tech", "单细胞测序平台", "某某生物", test_uscc(6), "简介", "", 0}},
      m_secretariat, in_collection()));
  long long entry = m_store->library_records()->front().id;
  Deal d;
  d.listed_entry_id = entry;
  d.partner_id = partner;
  d.note = "中试阶段，寻求 A 轮";
  OutboxMail mail{0, a.login, "定向推介", "单细胞测序平台", {}};
  auto made = m_store->recommend_deals({{d, {mail}}}, m_secretariat, in_collection());
  ASSERT_TRUE(made);
  EXPECT_TRUE(made->front().created);
  auto again = m_store->recommend_deals({{d, {mail}}}, m_secretariat, after_collection());
  EXPECT_FALSE(again->front().created);
  EXPECT_EQ(m_store->outbox(10)->size(), 1u);
  long long id = made->front().deal.id;

  Instant t1 = in_collection() + days(3);
  auto refused = m_store->change_deal(
      id, "deal.invest",
      [&](const Deal& x) { return apply_deal_action(x, DealAction::invest, t1, "", 5'000'000); },
      m_secretariat, t1);
  EXPECT_EQ(refused.error().code, ErrorCode::transition_from_state);
  EXPECT_EQ(m_store->deal(id)->state, DealState::recommended);
  for (DealAction action : {DealAction::interest, DealAction::meeting}) {
    ASSERT_TRUE(m_store->change_deal(
        id, "deal.step", [&](const Deal& x) { return apply_deal_action(x, action, t1); },
        m_secretariat, t1));
  }
  auto invested = m_store->change_deal(
      id, "deal.invest",
      [&](const Deal& x) { return apply_deal_action(x, DealAction::invest, t1, "", 5'000'000); },
      m_secretariat, t1);
  ASSERT_TRUE(invested);
  auto stored = m_store->deal(id);
  EXPECT_EQ(*stored, *invested);
  EXPECT_EQ(stored->amount, 5'000'000);
  EXPECT_EQ(stored->answered_at, t1);
  EXPECT_EQ(stored->note, d.note);
  EXPECT_EQ(m_store->deals(partner, 0)->size(), 1u);
  EXPECT_TRUE(m_store->deals(partner + 1000, 0)->empty());
  EXPECT_EQ(m_store->deal(999999).error().code, ErrorCode::deal_not_found);
  EXPECT_EQ(m_store->audit_search({"", "deal.", ""}, 10)->size(), 4u);
  EXPECT_EQ(m_store->audit_search({"", "partner.", ""}, 10)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PartnerStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
