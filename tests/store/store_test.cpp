#include <thread>

#include "store_fixture.hpp"

namespace kczg::testing {
namespace {

TEST_P(StoreTest, MigrateIsIdempotent) {
  EXPECT_EQ(m_store->migrate(), 17);
  EXPECT_EQ(m_store->migrate(), 17);
  EXPECT_EQ(open_another()->migrate(), 17);
}

TEST_P(StoreTest, CampaignRoundTripsWhole) {
  for (const Campaign& preset : {preset_2022(), preset_2023()}) {
    ASSERT_TRUE(m_store->create_campaign(preset, m_secretariat, in_collection()));
    auto stored = m_store->campaign_by_year(preset.year);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->campaign, preset) << preset.year;
  }
  auto latest = m_store->latest_campaign();
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->campaign.year, 2023);
  EXPECT_EQ(m_store->campaign_by_year(2019).error().code, ErrorCode::campaign_not_found);
}

TEST_P(StoreTest, SecondCampaignOfAYearIsRefused) {
  create_2023();
  auto again = m_store->create_campaign(preset_2023(), m_secretariat, in_collection());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::campaign_exists);
  EXPECT_EQ(m_store->audit_log()->size(), 1u);
}

TEST_P(StoreTest, SecretariatEditsTargetAndQuotaWithAudit) {
  long long id = create_2023();
  ASSERT_TRUE(
      m_store->set_list_target(id, "emerging_enterprise", 60, m_secretariat, in_collection()));
  ASSERT_TRUE(m_store->set_channel_quota(id, "pioneer_tech", "pilot_city", 4, m_secretariat,
                                         in_collection()));
  Campaign c = m_store->campaign_by_id(id)->campaign;
  EXPECT_EQ(find_list(c, "emerging_enterprise")->target_size, 60);
  EXPECT_EQ(find_list(c, "pioneer_tech")->quota_per_channel.at("pilot_city"), 4);
  EXPECT_EQ(find_list(c, "pioneer_tech")->quota_per_channel.at("national_society"), 3);
  auto log = *m_store->audit_log();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[1].action, "campaign.set_target");
  EXPECT_EQ(log[1].before_value, R"({"target_size":"50"})");
  EXPECT_EQ(log[1].after_value, R"({"target_size":"60"})");
  EXPECT_EQ(log[1].actor, "secretariat@test");
  EXPECT_EQ(log[2].before_value, R"({"per_unit":"3"})");
  EXPECT_EQ(
      m_store->set_list_target(id, "open_source", 1, m_secretariat, in_collection()).error().code,
      ErrorCode::list_unknown);
  EXPECT_EQ(
      m_store->set_list_target(id, "tech_manager", -1, m_secretariat, in_collection()).error().code,
      ErrorCode::value_out_of_range);
  EXPECT_EQ(
      m_store->set_channel_quota(id, "pioneer_tech", "nowhere", 1, m_secretariat, in_collection())
          .error()
          .code,
      ErrorCode::channel_unknown);
  EXPECT_EQ(m_store->audit_log()->size(), 3u);
}

TEST_P(StoreTest, UnitsAreAddedAllOrNothing) {
  create_2023();
  Unit a{0, "甲学会", test_uscc(1), {"national_society"}, "100000", "a"};
  Unit b{0, "乙科协", test_uscc(2), {"provincial_association", "pilot_city"}, "330000", "b"};
  Unit dup = a;  // a USCC twice: the whole batch must fail
  EXPECT_FALSE(m_store->add_units({a, b, dup}, m_secretariat, in_collection()));
  EXPECT_TRUE(m_store->units()->empty());
  auto ids = m_store->add_units({a, b}, m_secretariat, in_collection());
  ASSERT_TRUE(ids);
  auto units = *m_store->units();
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[1].name, "乙科协");
  EXPECT_EQ(units[1].channels, (std::vector<std::string>{"pilot_city", "provincial_association"}));
  EXPECT_EQ(m_store->unit((*ids)[0])->channels, (std::vector<std::string>{"national_society"}));
  EXPECT_EQ(m_store->unit_usccs()->size(), 2u);
  EXPECT_EQ(m_store->unit(999999).error().code, ErrorCode::unit_not_found);
}

TEST_P(StoreTest, SubmitBeforeDeadlineOnly) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  auto applicant = m_store->add_applicant({0, ApplicantKind::person, "张三", "", "x"}, m_applicant,
                                          in_collection());
  Application draft;
  draft.campaign_id = c;
  draft.applicant_id = *applicant;
  draft.list = "tech_manager";
  draft.unit_id = unit;
  draft.title = "张三";
  long long late = *m_store->create_application(draft, m_applicant, in_collection());
  auto refused = m_store->submit(late, m_applicant, after_collection());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::transition_phase);
  EXPECT_EQ(m_store->application(late)->state, ApplicationState::draft);
  // The last millisecond of the last day counts; the store keeps microseconds.
  Instant last_second =
      parse_instant("2023-11-30T23:59:59+08:00").value() + std::chrono::milliseconds(999);
  EXPECT_EQ(m_store->submit(late, m_applicant, last_second)->state, ApplicationState::submitted);
  auto stored = *m_store->application(late);
  EXPECT_EQ(stored.submitted_at, last_second);
  EXPECT_EQ(m_store->count_by_state(c)->at("submitted"), 1);
}

TEST_P(StoreTest, ApplicationNeedsAKnownListAndField) {
  long long c = create_2023();
  Application draft;
  draft.campaign_id = c;
  draft.applicant_id = *m_store->add_applicant({0, ApplicantKind::enterprise, "企业", "", "x"},
                                               m_applicant, in_collection());
  draft.list = "pioneer_tech";
  EXPECT_EQ(m_store->create_application(draft, m_applicant, in_collection()).error().code,
            ErrorCode::field_required);
  draft.list = "entrepreneur";  // a 2022 list, not set in 2023
  EXPECT_EQ(m_store->create_application(draft, m_applicant, in_collection()).error().code,
            ErrorCode::list_unknown);
}

TEST_P(StoreTest, RecommendCountsAgainstQuotaPerField) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});  // 3 per field
  std::vector<long long> bio, materials;
  for (int i = 0; i < 4; ++i) bio.push_back(submitted_application(c, unit));
  materials.push_back(submitted_application(c, unit, "pioneer_tech", "advanced_materials"));
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(m_store->recommend(bio[i], unit, m_unit, in_collection()));
  auto full = m_store->recommend(bio[3], unit, m_unit, in_collection());
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::quota_exhausted);
  EXPECT_EQ(full.error().param("used"), "3");
  EXPECT_EQ(m_store->application(bio[3])->state, ApplicationState::submitted);
  // Another field has its own quota.
  EXPECT_TRUE(m_store->recommend(materials[0], unit, m_unit, in_collection()));
  EXPECT_EQ(m_store->quota_used(c, unit, "pioneer_tech", "biomedicine"), 3);
  // A withdrawn recommendation frees its place.
  EXPECT_EQ(m_store->transition(bio[0], Action::withdraw, m_applicant, "", in_collection()),
            ApplicationState::withdrawn);
  EXPECT_EQ(m_store->quota_used(c, unit, "pioneer_tech", "biomedicine"), 2);
  EXPECT_TRUE(m_store->recommend(bio[3], unit, m_unit, in_collection()));
}

TEST_P(StoreTest, StackedChannelsStackTheQuota) {
  long long c = create_2023();
  long long unit = add_unit("双渠道单位", {"pilot_city", "consortium_member"});  // 2 + 2
  std::vector<long long> apps;
  for (int i = 0; i < 5; ++i) apps.push_back(submitted_application(c, unit, "tech_manager", ""));
  for (int i = 0; i < 4; ++i)
    EXPECT_TRUE(m_store->recommend(apps[i], unit, m_unit, in_collection()));
  EXPECT_EQ(m_store->recommend(apps[4], unit, m_unit, in_collection()).error().code,
            ErrorCode::quota_exhausted);
}

TEST_P(StoreTest, RecommendChecksUnitRoleAndPhase) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  long long other = add_unit("别的单位", {"national_society"});
  long long app = submitted_application(c, unit);
  EXPECT_EQ(m_store->recommend(app, other, m_unit, in_collection()).error().code,
            ErrorCode::application_wrong_unit);
  EXPECT_EQ(m_store->recommend(app, unit, m_applicant, in_collection()).error().code,
            ErrorCode::transition_role);
  EXPECT_EQ(m_store->recommend(app, unit, m_unit, after_collection()).error().code,
            ErrorCode::transition_phase);
  EXPECT_EQ(m_store->transition(app, Action::recommend, m_unit, "", in_collection()).error().code,
            ErrorCode::transition_unknown);
  EXPECT_EQ(m_store->quota_used(c, unit, "pioneer_tech", "biomedicine"), 0);
  auto returned =
      m_store->transition(app, Action::return_to_applicant, m_unit, "材料不全", in_collection());
  EXPECT_EQ(returned, ApplicationState::returned);
  EXPECT_EQ(m_store->application(app)->reason, "材料不全");
}

TEST_P(StoreTest, EveryChangeIsAudited) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  long long app = submitted_application(c, unit);
  ASSERT_TRUE(m_store->recommend(app, unit, m_unit, in_collection()));
  auto log = *m_store->audit_log();
  std::vector<std::string> actions;
  for (const AuditEntry& e : log) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"campaign.create", "unit.add", "applicant.add",
                                               "application.create", "application.submit",
                                               "application.recommend"}));
  EXPECT_EQ(log.back().role, "unit");
  EXPECT_EQ(log.back().object, "application:" + std::to_string(app));
  EXPECT_EQ(log.back().before_value, R"({"state":"submitted"})");
  EXPECT_EQ(log.back().after_value, R"({"state":"recommended","unit":")" + std::to_string(unit) +
                                        R"(","quota_used":"1/3"})");
}

TEST_P(StoreTest, AuditLogIsAppendOnlyInTheDatabase) {
  create_2023();
  EXPECT_ANY_THROW(raw_sql("UPDATE audit_log SET actor = 'someone else'"));
  EXPECT_ANY_THROW(raw_sql("DELETE FROM audit_log"));
  if (GetParam() == "postgresql") {
    EXPECT_ANY_THROW(raw_sql("TRUNCATE audit_log"));
  }
  auto log = *m_store->audit_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].actor, "secretariat@test");
}

// 8 threads, each with its own Store as a separate server would have, race 100
// recommendations each for one unit whose quota is 3.
TEST_P(StoreTest, ConcurrentRecommendationsNeverOvershoot) {
  long long c = create_2023();
  long long unit = add_unit("热门单位", {"national_society"});
  constexpr int k_threads = 8, k_each = 100;
  std::vector<long long> apps;
  for (int i = 0; i < k_threads * k_each; ++i) apps.push_back(submitted_application(c, unit));
  std::atomic<int> accepted{0}, exhausted{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      auto store = open_another(1);
      for (int i = 0; i < k_each; ++i) {
        auto r =
            store->recommend(apps[std::size_t(i * k_threads + t)], unit, m_unit, in_collection());
        if (r) {
          ++accepted;
        } else if (r.error().code == ErrorCode::quota_exhausted) {
          ++exhausted;
        } else {
          ++other;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(accepted, 3);
  EXPECT_EQ(exhausted, k_threads * k_each - 3);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(m_store->quota_used(c, unit, "pioneer_tech", "biomedicine"), 3);
  EXPECT_EQ(m_store->count_by_state(c)->at("recommended"), 3);
}

// The queries every request runs stay prepared on their connection. With one connection,
// each read must still see the writes made between them, and a write after a read must
// not find the connection holding an old snapshot.
TEST_P(StoreTest, PreparedQueriesSeeEveryWriteOnTheirConnection) {
  auto store = open_another(1);
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  auto applicant = *store->add_applicant({0, ApplicantKind::person, "张三", "", "x"}, m_applicant,
                                         in_collection());
  ApplicationFilter mine{.applicant_id = applicant};
  EXPECT_EQ(store->latest_campaign_id(), c);
  EXPECT_TRUE(store->application_summaries(c, mine)->empty());
  const char* fields[] = {"biomedicine", "advanced_materials", "electronic_information"};
  for (int n = 1; n <= 3; ++n) {
    Application draft;
    draft.campaign_id = c;
    draft.applicant_id = applicant;
    draft.list = "pioneer_tech";
    draft.field = fields[n - 1];
    draft.unit_id = unit;
    draft.title = "第 " + std::to_string(n) + " 份";
    ASSERT_TRUE(store->create_application(draft, m_applicant, in_collection()));
    auto summaries = store->application_summaries(c, mine);
    ASSERT_TRUE(summaries);
    ASSERT_EQ(summaries->size(), std::size_t(n));
    EXPECT_EQ(summaries->back().application.title, draft.title);
    EXPECT_EQ(summaries->back().unit_name, "单位");
  }
  EXPECT_EQ(store->application_summaries(c, {.unit_id = unit + 1000})->size(), 0u);

  long long account = *store->create_account(
      {0, "p@example.org", Role::applicant, "张三", AccountStatus::active, applicant, 0, {}}, "h",
      m_secretariat, in_collection());
  Instant expires = in_collection() + std::chrono::hours(8);
  for (std::string id : {"s1", "s2"}) {
    EXPECT_FALSE(store->session(id, in_collection()));
    ASSERT_TRUE(store->create_session(id, account, "csrf-" + id, expires, in_collection()));
    EXPECT_EQ(store->session(id, in_collection())->csrf_token, "csrf-" + id);
    add_unit("另一个服务器写入的单位 " + id, {"national_society"});  // another connection commits
    ASSERT_TRUE(store->delete_session(id));                          // then this connection writes
    EXPECT_FALSE(store->session(id, in_collection()));
  }
  // Another server's campaign is seen by this one's prepared query.
  Campaign next = preset_2023();
  next.year = 2024;
  long long c2024 = *m_store->create_campaign(next, m_secretariat, in_collection());
  EXPECT_EQ(store->latest_campaign_id(), c2024);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
