// Runs a store test on both backends: SQLite in a fresh file, PostgreSQL in a fresh
// schema of the cluster named by KCZG_TEST_PG (scripts/test starts a throwaway one).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "domain/presets.hpp"
#include "store/store.hpp"

namespace kczg::testing {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Another Store on the same database, as a second server process would have.
  std::unique_ptr<Store> open_another(int connections = 1);
  // Runs raw SQL on the test database, bypassing the Store (for tamper tests).
  void raw_sql(const std::string& statement);

  // 2023 collection phase is open at this instant.
  static Instant in_collection() { return parse_instant("2023-11-15T10:00:00+08:00").value(); }
  static Instant after_collection() { return parse_instant("2023-12-01T00:00:00+08:00").value(); }

  // A 2023 campaign; returns its id.
  long long create_2023();
  // A unit in the given channels; returns its id.
  long long add_unit(const std::string& name, std::vector<std::string> channels);
  // A submitted application naming `unit_id`; returns its id.
  long long submitted_application(long long campaign_id, long long unit_id,
                                  const std::string& list = "pioneer_tech",
                                  const std::string& field = "biomedicine");

  std::string m_url;
  std::string m_schema;  // PostgreSQL only
  std::filesystem::path m_dir;
  std::unique_ptr<Store> m_store;
  Actor m_secretariat{Role::secretariat, "secretariat@test"};
  Actor m_applicant{Role::applicant, "applicant@test"};
  Actor m_unit{Role::unit, "unit@test"};
};

// A valid USCC whose organisation-code part is `n` (distinct n, distinct codes).
std::string test_uscc(int n);

}  // namespace kczg::testing
