#include "store_fixture.hpp"

namespace kczg::testing {
namespace {

Account invited(const std::string& login, Role role) {
  Account a;
  a.login = login;
  a.role = role;
  a.display_name = login;
  return a;
}

using AccountStoreTest = StoreTest;

TEST_P(AccountStoreTest, InvitedAccountActivatesThroughItsLinkOnce) {
  long long id = *m_store->create_account(invited("unit@example.org", Role::unit), "",
                                          m_secretariat, in_collection());
  EXPECT_EQ(m_store->account(id)->status, AccountStatus::invited);
  Instant expires = in_collection() + std::chrono::hours(72);
  ASSERT_TRUE(m_store->create_link("hash-1", "invitation", id, expires, in_collection()));
  EXPECT_EQ(m_store->consume_link("hash-1", "reset", in_collection()).error().code,
            ErrorCode::token_invalid);
  EXPECT_EQ(m_store->consume_link("hash-1", "invitation", in_collection()), id);
  EXPECT_EQ(m_store->consume_link("hash-1", "invitation", in_collection()).error().code,
            ErrorCode::token_invalid);
  ASSERT_TRUE(m_store->set_password(id, "argon-hash", m_secretariat, in_collection()));
  EXPECT_EQ(m_store->account_by_login("unit@example.org")->status, AccountStatus::active);
  EXPECT_EQ(m_store->password_hash(id), "argon-hash");
  EXPECT_EQ(m_store
                ->create_account(invited("unit@example.org", Role::unit), "", m_secretariat,
                                 in_collection())
                .error()
                .code,
            ErrorCode::account_exists);
}

TEST_P(AccountStoreTest, ExpiredLinksAreRefused) {
  long long id = *m_store->create_account(invited("x@example.org", Role::expert), "", m_secretariat,
                                          in_collection());
  ASSERT_TRUE(m_store->create_link("h", "invitation", id, in_collection(), in_collection()));
  EXPECT_EQ(m_store->consume_link("h", "invitation", in_collection()).error().code,
            ErrorCode::token_invalid);
}

TEST_P(AccountStoreTest, SessionsExpireAndEndWithANewPassword) {
  long long id = *m_store->create_account(invited("a@example.org", Role::applicant), "h1",
                                          m_secretariat, in_collection());
  ASSERT_TRUE(m_store->set_password(id, "h2", m_secretariat, in_collection()));
  Instant expires = in_collection() + std::chrono::hours(8);
  ASSERT_TRUE(m_store->create_session("s1", id, "csrf1", expires, in_collection()));
  auto s = m_store->session("s1", in_collection());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->account.login, "a@example.org");
  EXPECT_EQ(s->csrf_token, "csrf1");
  EXPECT_EQ(m_store->session("s1", expires).error().code, ErrorCode::not_signed_in);
  EXPECT_EQ(m_store->session("nope", in_collection()).error().code, ErrorCode::not_signed_in);
  ASSERT_TRUE(m_store->set_password(id, "h3", m_secretariat, in_collection()));
  EXPECT_FALSE(m_store->session("s1", in_collection()));
  ASSERT_TRUE(m_store->create_session("s2", id, "c", expires, in_collection()));
  ASSERT_TRUE(m_store->delete_session("s2"));
  EXPECT_FALSE(m_store->session("s2", in_collection()));
}

TEST_P(AccountStoreTest, ApiTokensFindTheirAccount) {
  long long id = *m_store->create_account(invited("t@example.org", Role::secretariat), "h",
                                          m_secretariat, in_collection());
  ASSERT_TRUE(m_store->set_password(id, "h", m_secretariat, in_collection()));
  ASSERT_TRUE(m_store->create_api_token("tok", id, "script", m_secretariat, in_collection()));
  EXPECT_EQ(m_store->account_by_api_token("tok")->id, id);
  EXPECT_FALSE(m_store->account_by_api_token("other"));
}

TEST_P(AccountStoreTest, ThrottleCountsPerWindowAcrossStores) {
  auto window = std::chrono::seconds(60);
  auto other = open_another();
  EXPECT_EQ(m_store->throttle_hit("ip:1", in_collection(), window), 1);
  EXPECT_EQ(other->throttle_hit("ip:1", in_collection(), window), 2);
  EXPECT_EQ(m_store->throttle_hit("ip:2", in_collection(), window), 1);
  EXPECT_EQ(m_store->throttle_hit("ip:1", in_collection() + window, window), 1);
  ASSERT_TRUE(m_store->throttle_clear("ip:1"));
  EXPECT_EQ(m_store->throttle_hit("ip:1", in_collection() + window, window), 1);
}

TEST_P(AccountStoreTest, OutboxKeepsMailNewestFirst) {
  ASSERT_TRUE(m_store->enqueue_mail({0, "a@x.org", "one", "body", {}}, in_collection()));
  ASSERT_TRUE(m_store->enqueue_mail({0, "b@x.org", "two", "body", {}}, in_collection()));
  auto mail = *m_store->outbox(10);
  ASSERT_EQ(mail.size(), 2u);
  EXPECT_EQ(mail[0].subject, "two");
}

TEST_P(AccountStoreTest, PhaseDatesAreSetAndAudited) {
  long long c = create_2023();
  Instant start = parse_instant("2024-01-20").value(), end = parse_instant("2024-01-27").value();
  ASSERT_TRUE(m_store->set_phase_dates(c, PhaseKind::public_notice, start, end, m_secretariat,
                                       in_collection()));
  Campaign stored = m_store->campaign_by_id(c)->campaign;
  const Phase* notice = find_phase(stored, PhaseKind::public_notice);
  EXPECT_EQ(notice->starts_at, start);
  EXPECT_EQ(notice->ends_at, end);
  EXPECT_EQ(
      m_store
          ->set_phase_dates(c, PhaseKind::public_notice, end, start, m_secretariat, in_collection())
          .error()
          .code,
      ErrorCode::value_out_of_range);
  auto found = *m_store->audit_search({"", "campaign.set_phase", ""}, 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].after_value,
            R"({"starts_at":"2024-01-20T00:00:00+08:00","ends_at":"2024-01-27T00:00:00+08:00"})");
  EXPECT_EQ(found[0].before_value, R"({"starts_at":"","ends_at":""})");
}

TEST_P(AccountStoreTest, AuditSearchFiltersByActorActionAndObject) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  submitted_application(c, unit);
  EXPECT_EQ(m_store->audit_search({}, 100)->size(), 5u);
  EXPECT_EQ(m_store->audit_search({"applicant@test", "", ""}, 100)->size(), 3u);
  auto apps = *m_store->audit_search({"", "application.", ""}, 100);
  ASSERT_EQ(apps.size(), 2u);
  EXPECT_EQ(apps[0].action, "application.submit");  // newest first
  EXPECT_EQ(m_store->audit_search({"", "", "unit:"}, 100)->size(), 1u);
  EXPECT_EQ(m_store->audit_search({}, 2)->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
