// The achievements library's records on both backends: listed entries with their holders'
// parts, saved and audited, the revision a server's index follows.
#include "store_fixture.hpp"

namespace kczg::testing {
namespace {

using LibraryStore = StoreTest;

TEST_P(LibraryStore, HoldersPartsAreSavedAuditedAndMoveTheRevision) {
  std::vector<ListedEntry> entries{
      {0, 2022, "pioneer_tech", "存算一体芯片", "某某公司", test_uscc(3), "简介", "", 0},
      {0, 2021, "emerging_enterprise", "某某科技", "", "", "", "", 0}};
  ASSERT_TRUE(m_store->add_listed_entries(entries, m_secretariat, in_collection()));
  auto records = m_store->library_records();
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 2u);
  const LibraryRecord& chip = (*records)[0];
  EXPECT_EQ(chip.name, "存算一体芯片");
  EXPECT_EQ(chip.holder_uscc, test_uscc(3));
  EXPECT_EQ(chip.application_id, 0);
  EXPECT_EQ(chip.parts, HolderParts{});
  EXPECT_FALSE(chip.parts_updated_at);
  auto before = m_store->library_revision();
  ASSERT_TRUE(before);
  EXPECT_EQ(before->entries, 2);

  HolderParts parts{Maturity::pilot, {Cooperation::licence, Cooperation::investment}, "中试"};
  auto saved = m_store->save_holder_parts(chip.id, parts, m_secretariat, in_collection());
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->parts, parts);
  EXPECT_EQ(saved->name, chip.name);  // the published record stays
  auto read = m_store->library_record(chip.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->parts, parts);
  EXPECT_TRUE(read->parts_updated_at);
  auto moved = m_store->library_revision();
  EXPECT_NE(*moved, *before);
  EXPECT_EQ(moved->entries, before->entries);

  parts.cooperation = {Cooperation::transfer};
  ASSERT_TRUE(m_store->save_holder_parts(chip.id, parts, m_secretariat, in_collection()));
  EXPECT_EQ(m_store->library_record(chip.id)->parts.cooperation,
            std::vector<Cooperation>{Cooperation::transfer});
  auto audit = m_store->audit_search({"", "library.", ""}, 10);
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_NE((*audit)[0].before_value.find("licence,investment"), std::string::npos);
  EXPECT_NE((*audit)[0].after_value.find("transfer"), std::string::npos);

  // Refused, nothing changed: too long a note, an entry that does not exist.
  HolderParts wordy{std::nullopt, {}, std::string(2001, 'x')};
  EXPECT_EQ(m_store->save_holder_parts(chip.id, wordy, m_secretariat, in_collection()).error().code,
            ErrorCode::holder_note_too_long);
  EXPECT_EQ(m_store->save_holder_parts(999999, parts, m_secretariat, in_collection()).error().code,
            ErrorCode::library_entry_not_found);
  EXPECT_EQ(m_store->library_record(999999).error().code, ErrorCode::library_entry_not_found);
  EXPECT_EQ(m_store->library_record(chip.id)->parts, parts);
}

INSTANTIATE_TEST_SUITE_P(Backends, LibraryStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kczg::testing
