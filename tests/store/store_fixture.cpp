#include "store_fixture.hpp"

#include <soci/soci.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

#include "domain/uscc.hpp"

namespace kczg::testing {

std::string test_uscc(int n) {
  char body[18];
  std::snprintf(body, sizeof body, "91110108%09d", n);
  std::string code(body, 17);
  return code + uscc_check_digit(code);
}

void StoreTest::SetUp() {
  static std::atomic<int> counter{0};
  std::string unique = std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
                       std::to_string(std::random_device{}() % 100000);
  if (GetParam() == "sqlite") {
    // tmpfs when there is one: these tests check logic; bench/ measures durability.
    std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    m_dir = base / ("kczg-store-test-" + unique);
    std::filesystem::create_directories(m_dir);
    m_url = "sqlite:" + (m_dir / "kczg.db").string();
  } else {
    const char* pg = std::getenv("KCZG_TEST_PG");
    if (!pg || !*pg) {
      // Under CI a missing cluster is a failure, never a quiet skip.
      if (std::getenv("CI")) FAIL() << "KCZG_TEST_PG is not set; scripts/test starts PostgreSQL";
      GTEST_SKIP() << "KCZG_TEST_PG not set (scripts/test sets it)";
    }
    m_schema = "t_" + unique;
    soci::session admin("postgresql", pg);
    admin << "CREATE SCHEMA " + m_schema;
    std::string base(pg);
    m_url = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
            m_schema;
  }
  auto store = open_store(m_url, {.connections = 4});
  ASSERT_TRUE(store) << code_name(store.error().code) << " " << store.error().param("detail");
  m_store = std::move(*store);
  auto version = m_store->migrate();
  ASSERT_TRUE(version) << version.error().param("detail");
}

void StoreTest::TearDown() {
  m_store.reset();
  if (!m_schema.empty()) {
    soci::session admin("postgresql", std::getenv("KCZG_TEST_PG"));
    admin << "DROP SCHEMA " + m_schema + " CASCADE";
  }
  if (!m_dir.empty()) std::filesystem::remove_all(m_dir);
}

std::unique_ptr<Store> StoreTest::open_another(int connections) {
  auto store = open_store(m_url, {.connections = connections});
  EXPECT_TRUE(store);
  return std::move(*store);
}

void StoreTest::raw_sql(const std::string& statement) {
  if (GetParam() == "sqlite") {
    soci::session sql("sqlite3", (m_dir / "kczg.db").string());
    sql << statement;
  } else {
    soci::session sql("postgresql", std::getenv("KCZG_TEST_PG"));
    sql << "SET search_path TO " + m_schema;
    sql << statement;
  }
}

long long StoreTest::create_2023() {
  auto id = m_store->create_campaign(preset_2023(), m_secretariat, in_collection());
  EXPECT_TRUE(id);
  return id.value_or(0);
}

long long StoreTest::add_unit(const std::string& name, std::vector<std::string> channels) {
  static std::atomic<int> n{1};
  Unit unit{0, name, test_uscc(n++), std::move(channels), "110108", "contact"};
  auto ids = m_store->add_units({unit}, m_secretariat, in_collection());
  EXPECT_TRUE(ids);
  return ids ? ids->front() : 0;
}

long long StoreTest::submitted_application(long long campaign_id, long long unit_id,
                                           const std::string& list, const std::string& field) {
  auto applicant = m_store->add_applicant(
      {0, ApplicantKind::enterprise, "申报企业", test_uscc(900000), "contact"}, m_applicant,
      in_collection());
  EXPECT_TRUE(applicant);
  Application draft;
  draft.campaign_id = campaign_id;
  draft.applicant_id = applicant.value_or(0);
  draft.list = list;
  draft.field = field;
  draft.unit_id = unit_id;
  draft.title = "一种技术";
  auto id = m_store->create_application(draft, m_applicant, in_collection());
  EXPECT_TRUE(id) << code_name(id.error().code);
  auto submitted = m_store->submit(*id, m_applicant, in_collection());
  EXPECT_TRUE(submitted && submitted->state == ApplicationState::submitted);
  return *id;
}

}  // namespace kczg::testing
