// Drafts, attachments and submission with the receipt's digest, on both backends.
#include "blobs/blob_store.hpp"
#include "store_fixture.hpp"

#include <thread>

namespace kczg::testing {
namespace {

using DraftTest = StoreTest;

struct Fixture {
  long long applicant = 0, application = 0;
};

// An enterprise applicant with a pioneer_tech draft in biomedicine.
Fixture draft_fixture(Store& store, const Actor& applicant_actor, Instant at, long long campaign) {
  Fixture f;
  f.applicant = *store.add_applicant(
      {0, ApplicantKind::enterprise, "杭州示例科技有限公司", test_uscc(900), "x@example.org"},
      applicant_actor, at);
  Application a;
  a.campaign_id = campaign;
  a.applicant_id = f.applicant;
  a.list = "pioneer_tech";
  a.field = "biomedicine";
  a.title = "一种技术";
  f.application = *store.create_application(a, applicant_actor, at);
  return f;
}

TEST_P(DraftTest, DraftSavesAndANoOpSaveWritesNothing) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  Fixture f = draft_fixture(*m_store, m_applicant, in_collection(), c);
  Draft d{"新名称", "advanced_materials", unit, R"({"tech_name":"新名称"})"};
  auto saved = m_store->save_draft(f.application, d, m_applicant, in_collection());
  ASSERT_TRUE(saved) << code_name(saved.error().code);
  EXPECT_EQ(saved->title, "新名称");
  EXPECT_EQ(saved->field, "advanced_materials");
  EXPECT_EQ(saved->unit_id, unit);
  EXPECT_EQ(m_store->application_content(f.application), d.content);
  std::size_t audit_rows = m_store->audit_log()->size();
  ASSERT_TRUE(m_store->save_draft(f.application, d, m_applicant, in_collection()));
  EXPECT_EQ(m_store->audit_log()->size(), audit_rows);  // autosave of the same values

  d.field = "no_such_field";
  EXPECT_EQ(m_store->save_draft(f.application, d, m_applicant, in_collection()).error().code,
            ErrorCode::field_unknown);
  d.field = "biomedicine";
  d.unit_id = unit + 1000;
  EXPECT_EQ(m_store->save_draft(f.application, d, m_applicant, in_collection()).error().code,
            ErrorCode::unit_not_found);
  EXPECT_EQ(m_store->application(f.application)->title, "新名称");  // refused saves changed nothing
}

TEST_P(DraftTest, SubmitRecordsTheDigestOfWhatWasSubmittedAndLocksTheDraft) {
  long long c = create_2023();
  long long unit = add_unit("单位", {"national_society"});
  Fixture f = draft_fixture(*m_store, m_applicant, in_collection(), c);
  Draft d{"一种技术", "biomedicine", unit, R"({"tech_name":"一种技术"})"};
  ASSERT_TRUE(m_store->save_draft(f.application, d, m_applicant, in_collection()));
  Attachment scan{"signed_form", "申报书.pdf", std::string(64, 'a'), 1234, {}};
  ASSERT_TRUE(m_store->put_attachment(f.application, scan, m_applicant, in_collection()));
  scan.sha256 = std::string(64, 'b');
  ASSERT_TRUE(m_store->put_attachment(f.application, scan, m_applicant, in_collection()));
  auto files = m_store->attachments(f.application);
  ASSERT_EQ(files->size(), 1u);  // one per kind: the second replaced the first
  EXPECT_EQ(files->front().sha256, std::string(64, 'b'));

  EXPECT_EQ(m_store->transition(f.application, Action::submit, m_applicant, "", in_collection())
                .error()
                .code,
            ErrorCode::transition_unknown);
  auto submitted = m_store->submit(f.application, m_applicant, in_collection());
  ASSERT_TRUE(submitted) << code_name(submitted.error().code);
  EXPECT_EQ(submitted->state, ApplicationState::submitted);
  Application as_stored = *m_store->application(f.application);
  std::string expected = blobs::sha256_hex(submission_text(as_stored, d.content, *files));
  EXPECT_EQ(submitted->content_sha256, expected);
  EXPECT_EQ(as_stored.content_sha256, expected);

  d.title = "改名";
  EXPECT_EQ(m_store->save_draft(f.application, d, m_applicant, in_collection()).error().code,
            ErrorCode::application_locked);
  EXPECT_EQ(m_store->put_attachment(f.application, scan, m_applicant, in_collection()).error().code,
            ErrorCode::application_locked);

  // Returned by the unit, revised, resubmitted: a new digest.
  ASSERT_TRUE(m_store->transition(f.application, Action::return_to_applicant, m_unit, "补充材料",
                                  in_collection()));
  EXPECT_EQ(m_store->application(f.application)->reason, "补充材料");
  ASSERT_TRUE(m_store->save_draft(f.application, d, m_applicant, in_collection()));
  auto again = m_store->submit(f.application, m_applicant, in_collection());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->state, ApplicationState::submitted);
  EXPECT_NE(again->content_sha256, expected);
}

TEST_P(DraftTest, OneApplicationPerApplicantListAndField) {
  long long c = create_2023();
  Fixture f = draft_fixture(*m_store, m_applicant, in_collection(), c);
  Application same;
  same.campaign_id = c;
  same.applicant_id = f.applicant;
  same.list = "pioneer_tech";
  same.field = "biomedicine";
  same.title = "又一份";
  auto twice = m_store->create_application(same, m_applicant, in_collection());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::application_exists);
  same.field = "advanced_materials";  // another field is another application
  EXPECT_TRUE(m_store->create_application(same, m_applicant, in_collection()));
  ASSERT_TRUE(m_store->transition(f.application, Action::withdraw, m_applicant, "不再申报",
                                  in_collection()));
  same.field = "biomedicine";  // a withdrawn one does not block a new start
  EXPECT_TRUE(m_store->create_application(same, m_applicant, in_collection()));
}

// Many applicants autosaving at once (SQLite groups their writes into shared transactions):
// every acknowledged save is stored, a refused one changes nothing and does not undo the
// others saved beside it, and each save is audited once.
TEST_P(DraftTest, ConcurrentSavesCommitTogetherAndFailAlone) {
  long long c = create_2023();
  constexpr int k_writers = 6, k_saves = 40;
  std::vector<long long> applications;
  for (int i = 0; i < k_writers; ++i) {
    long long applicant = *m_store->add_applicant(
        {0, ApplicantKind::enterprise, "企业" + std::to_string(i), test_uscc(910 + i), ""},
        m_applicant, in_collection());
    Application a;
    a.campaign_id = c;
    a.applicant_id = applicant;
    a.list = "pioneer_tech";
    a.field = "biomedicine";
    applications.push_back(*m_store->create_application(a, m_applicant, in_collection()));
  }
  std::size_t audit_before = m_store->audit_log()->size();
  std::vector<int> saved(k_writers, 0), refused(k_writers, 0);
  std::vector<std::thread> writers;
  for (int w = 0; w < k_writers; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < k_saves; ++i) {
        // Every third save of every writer names a field the list does not have.
        bool bad = i % 3 == 2;
        Draft d{"第" + std::to_string(i) + "稿", bad ? "no_such_field" : "biomedicine", 0,
                R"({"tech_name":"v)" + std::to_string(i) + R"("})"};
        auto r = m_store->save_draft(applications[std::size_t(w)], d, m_applicant, in_collection());
        if (r) {
          ++saved[std::size_t(w)];
        } else if (r.error().code == ErrorCode::field_unknown) {
          ++refused[std::size_t(w)];
        }
      }
    });
  }
  for (std::thread& t : writers) t.join();
  int total_saved = 0;
  for (int w = 0; w < k_writers; ++w) {
    EXPECT_EQ(saved[std::size_t(w)], k_saves - k_saves / 3);
    EXPECT_EQ(refused[std::size_t(w)], k_saves / 3);
    total_saved += saved[std::size_t(w)];
    // The last good save (i = 39) is what is stored; the refused ones left no trace.
    Application a = *m_store->application(applications[std::size_t(w)]);
    EXPECT_EQ(a.title, "第39稿");
    EXPECT_EQ(a.field, "biomedicine");
    EXPECT_EQ(m_store->application_content(applications[std::size_t(w)]), R"({"tech_name":"v39"})");
  }
  EXPECT_EQ(m_store->audit_log()->size(), audit_before + std::size_t(total_saved));
}

INSTANTIATE_TEST_SUITE_P(Backends, DraftTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
