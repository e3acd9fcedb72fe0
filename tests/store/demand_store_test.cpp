// Demands and their matches on both backends: posted whole, changed through the domain's
// rules in one transaction with their audit, a pair matched once, mail queued only with
// what it tells of, and a pilot city admin's region kept on the account.
#include "store_fixture.hpp"

namespace kczg::testing {
namespace {

using DemandStore = StoreTest;
using namespace std::chrono;

Demand water_demand(long long poster) {
  Demand d;
  d.poster_id = poster;
  d.title = "印染废水深度处理";
  d.description = "园区印染企业需要低成本的印染废水深度处理与回用技术，出水达到回用标准。";
  d.field = "green_low_carbon";
  d.region = "330300";
  d.budget_min = 500'000;
  d.wanted_by = 2024y / March / 31d;
  d.cooperation = {Cooperation::licence, Cooperation::joint_development};
  d.wanted_maturity = Maturity::pilot;
  d.contact = "王工 0577-88886666";
  return d;
}

long long pilot_city_account(Store& store, const Actor& actor, Instant now) {
  Account a;
  a.login = "wenzhou@pilot.test";
  a.role = Role::pilot_city;
  a.display_name = "温州市科协";
  a.region = "330300";
  return store.create_account(a, "", actor, now).value();
}

TEST_P(DemandStore, DemandsArePostedWholeAndChangedWithTheirAudit) {
  long long poster = pilot_city_account(*m_store, m_secretariat, in_collection());
  EXPECT_EQ(m_store->account(poster)->region, "330300");
  auto before = m_store->demand_revision();
  ASSERT_TRUE(before);

  Demand second = water_demand(poster);
  second.title = "纺织品数字印花";
  second.budget_min.reset();
  second.wanted_by.reset();
  second.wanted_maturity.reset();
  second.region = "440300";
  auto ids = m_store->post_demands({water_demand(poster), second}, m_secretariat, in_collection());
  ASSERT_TRUE(ids);
  ASSERT_EQ(ids->size(), 2u);
  auto stored = m_store->demand((*ids)[0]);
  ASSERT_TRUE(stored);
  Demand expected = water_demand(poster);
  expected.id = (*ids)[0];
  expected.posted_at = in_collection();
  EXPECT_EQ(*stored, expected);
  EXPECT_EQ(m_store->demand((*ids)[1])->budget_min, std::nullopt);
  EXPECT_EQ(m_store->demand((*ids)[1])->wanted_by, std::nullopt);
  EXPECT_EQ(m_store->demand(999999).error().code, ErrorCode::demand_not_found);

  // Filters: state, region prefix, poster; newest first.
  EXPECT_EQ(m_store->demands({DemandState::pending, 0, ""})->size(), 2u);
  EXPECT_EQ(m_store->demands({std::nullopt, 0, "33"})->size(), 1u);
  EXPECT_EQ(m_store->demands({std::nullopt, poster, ""})->front().id, (*ids)[1]);
  EXPECT_TRUE(m_store->demands({DemandState::open, 0, ""})->empty());

  DemandActor reviewer{Role::pilot_city, poster, "330300"};
  auto approve = [&](const Demand& d) {
    return apply_demand_action(d, DemandAction::approve, reviewer);
  };
  auto moved =
      m_store->change_demand((*ids)[0], "demand.approve", approve, m_secretariat, in_collection());
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->state, DemandState::open);
  EXPECT_EQ(m_store->demand((*ids)[0])->state, DemandState::open);
  auto after = m_store->demand_revision();
  EXPECT_EQ(after->demands, before->demands + 2);
  EXPECT_EQ(after->changes, before->changes + 1);

  // A refused change writes nothing: Guangdong's demand is not Wenzhou's to review.
  auto refused =
      m_store->change_demand((*ids)[1], "demand.approve", approve, m_secretariat, in_collection());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_EQ(m_store->demand((*ids)[1])->state, DemandState::pending);
  EXPECT_EQ(*m_store->demand_revision(), *after);

  auto audit = m_store->audit_search({"", "demand.", ""}, 10);
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].action, "demand.approve");
  EXPECT_NE((*audit)[0].after_value.find("\"open\""), std::string::npos);
  for (const AuditEntry& e : *audit) {
    EXPECT_EQ(e.after_value.find("0577"), std::string::npos) << "the contact stays out of the log";
  }
}

TEST_P(DemandStore, APairIsMatchedOnceAndMailGoesWithWhatItTellsOf) {
  long long poster = pilot_city_account(*m_store, m_secretariat, in_collection());
  long long demand =
      m_store->post_demands({water_demand(poster)}, m_secretariat, in_collection())->front();
  ASSERT_TRUE(m_store->add_listed_entries(
      {{0, 2022, "pioneer_tech", "印染废水深度处理技术", "某某环保", test_uscc(4), "简介", "", 0},
       {0, 2022, "pioneer_tech", "数字印花", "某某科技", test_uscc(5), "简介", "", 0}},
      m_secretariat, in_collection()));
  auto entries = m_store->library_records().value();
  Docking first{};
  first.demand_id = demand;
  first.supply_id = entries[0].id;
  first.score = 0.93;
  Docking second = first;
  second.supply_id = entries[1].id;
  second.score = 0.41;
  OutboxMail mail{0, "holder@test", "新的技术需求", "印染废水", {}};
  auto proposed =
      m_store->propose_dockings({{first, {mail}}, {second, {}}}, m_secretariat, in_collection());
  ASSERT_TRUE(proposed);
  ASSERT_EQ(proposed->size(), 2u);
  EXPECT_TRUE((*proposed)[0].created);
  EXPECT_EQ((*proposed)[0].docking.state, DockingState::proposed);
  EXPECT_EQ((*proposed)[0].docking.proposed_at, in_collection());
  EXPECT_EQ(m_store->outbox(10)->size(), 1u);

  // Proposed again (the nightly run): the pair keeps its match, and no second mail goes.
  auto again = m_store->propose_dockings({{first, {mail}}}, m_secretariat, after_collection());
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->front().created);
  EXPECT_EQ(again->front().docking.id, (*proposed)[0].docking.id);
  EXPECT_EQ(again->front().docking.proposed_at, in_collection());
  EXPECT_EQ(m_store->outbox(10)->size(), 1u);
  EXPECT_EQ(m_store->dockings({demand, 0})->size(), 2u);
  EXPECT_EQ(m_store->dockings({0, entries[1].id})->size(), 1u);

  long long id = (*proposed)[0].docking.id;
  Instant t1 = in_collection() + hours(20);
  auto holder = m_store->change_docking(
      id, "docking.interest",
      [&](const Docking& d) { return express_interest(d, DockingSide::supply, t1); }, {},
      m_applicant, t1);
  ASSERT_TRUE(holder);
  EXPECT_FALSE(contacts_shown(*holder));
  auto both = m_store->change_docking(
      id, "docking.interest",
      [&](const Docking& d) { return express_interest(d, DockingSide::demand, t1 + hours(4)); },
      {mail}, m_secretariat, t1 + hours(4));
  ASSERT_TRUE(both);
  auto read = m_store->docking(id);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, *both);
  EXPECT_EQ(read->state, DockingState::contacted);
  EXPECT_TRUE(read->demand_side && read->supply_side);
  EXPECT_EQ(time_to_response(*read), duration_cast<microseconds>(hours(24)));
  EXPECT_DOUBLE_EQ(read->score, 0.93);
  EXPECT_EQ(m_store->outbox(10)->size(), 2u);

  // A refused step writes nothing and sends nothing.
  auto refused = m_store->change_docking(
      id, "docking.agree",
      [&](const Docking& d) { return apply_docking_action(d, DockingAction::agree, t1); }, {mail},
      m_secretariat, t1);
  EXPECT_EQ(refused.error().code, ErrorCode::transition_from_state);
  EXPECT_EQ(*m_store->docking(id), *read);
  EXPECT_EQ(m_store->outbox(10)->size(), 2u);

  auto closed = m_store->change_docking(
      (*proposed)[1].docking.id, "docking.close",
      [&](const Docking& d) {
        return apply_docking_action(d, DockingAction::close, t1, CloseReason::other, "方向不符");
      },
      {}, m_secretariat, t1);
  ASSERT_TRUE(closed);
  auto stored = m_store->docking((*proposed)[1].docking.id);
  EXPECT_EQ(stored->close_reason, CloseReason::other);
  EXPECT_EQ(stored->close_text, "方向不符");
  EXPECT_EQ(stored->closed_at, t1);
  EXPECT_EQ(m_store->docking(999999).error().code, ErrorCode::docking_not_found);
  // An entry imported from a file has no holder account.
  EXPECT_TRUE(m_store->holder_accounts(entries[0].id)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DemandStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
