// Backup and restore on SQLite: a copy taken while another thread keeps writing, restored into
// a fresh file; the refusals that protect a store.
#include <atomic>
#include <fstream>
#include <thread>

#include "storage/backup_suite.h"

namespace jumys::storage::testing {
namespace {

class SqliteBackupTest : public ::testing::Test {
 protected:
  std::string Url(const std::string& name) { return "sqlite:" + (dir_.path() / name).string(); }
  std::unique_ptr<Database> Open(const std::string& name) {
    auto db = OpenMigratedDatabase(Url(name), 2);
    EXPECT_TRUE(db.has_value()) << db.error().message;
    return std::move(*db);
  }
  TempDir dir_;
};

TEST_F(SqliteBackupTest, ACopyTakenWhileTheServerWritesRestoresIntoAWholeStore) {
  auto live = Open("live.db");
  Work(*live, 20);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    while (!stop) Work(*live, 1);
  });
  auto made = BackupStore(Url("live.db"), dir_.path() / "copy.bak");
  stop = true;
  writer.join();
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_EQ(made->format, "sqlite");
  EXPECT_GT(made->bytes, 0u);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "copy.bak.part"));

  ASSERT_TRUE(RestoreStore(dir_.path() / "copy.bak", Url("restored.db")).has_value());
  auto restored = Open("restored.db");
  // A snapshot of some moment of the writing: a whole chain, at least what was there before.
  auto chain = VerifyAudit(*restored);
  ASSERT_TRUE(chain.has_value());
  EXPECT_TRUE(chain->ok) << chain->reason;
  EXPECT_GE(chain->events, 20);

  // Taken when nothing writes, the copy has every row of every table.
  ASSERT_TRUE(BackupStore(Url("live.db"), dir_.path() / "still.bak").has_value());
  ASSERT_TRUE(RestoreStore(dir_.path() / "still.bak", Url("still.db")).has_value());
  auto still = Open("still.db");
  ExpectSameStore(*live, *still);
}

TEST_F(SqliteBackupTest, ARestoreGoesOnlyIntoAFreshStore) {
  auto live = Open("live.db");
  Work(*live, 3);
  ASSERT_TRUE(BackupStore(Url("live.db"), dir_.path() / "copy.bak").has_value());
  auto other = Open("other.db");
  Work(*other, 1);
  const auto before = TableCounts(*other);
  auto over = RestoreStore(dir_.path() / "copy.bak", Url("other.db"));
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, ErrorCode::kConflict);
  EXPECT_EQ(TableCounts(*other), before);
}

TEST_F(SqliteBackupTest, WhatIsNotAStoreIsRefusedAndLeavesNoFileBehind) {
  // A mistyped source is not made into an empty store.
  auto missing = BackupStore(Url("missing.db"), dir_.path() / "copy.bak");
  ASSERT_FALSE(missing.has_value());
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "missing.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "copy.bak"));
  // Bytes that are no SQLite file, and a SQLite file that is no store of ours.
  std::ofstream(dir_.path() / "junk.bak") << "not a database";
  auto junk = RestoreStore(dir_.path() / "junk.bak", Url("junk.db"));
  ASSERT_FALSE(junk.has_value());
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "junk.db"));
  {
    auto plain = OpenDatabase(Url("plain.db"));
    ASSERT_TRUE(plain.has_value());
  }
  auto plain = RestoreStore(dir_.path() / "plain.db", Url("from-plain.db"));
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().code, ErrorCode::kInvalidInput) << plain.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "from-plain.db"));
  auto none = RestoreStore(dir_.path() / "none.bak", Url("none.db"));
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace jumys::storage::testing
