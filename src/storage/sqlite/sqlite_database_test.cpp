// SQLite-only behaviour: files, pragmas, the single writer and the reader pool.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "storage/database.h"
#include "storage/testing/test_databases.h"

namespace jumys::storage {
namespace {

std::string Url(const TempDir& dir, const std::string& name = "jumys.db") {
  return "sqlite:" + (dir.path() / name).string();
}

std::unique_ptr<Database> MustOpen(const std::string& url, const DatabaseOptions& options = {}) {
  auto db = OpenDatabase(url, options);
  if (!db) ADD_FAILURE() << db.error().message << " / " << db.error().internal;
  return db ? std::move(*db) : nullptr;
}

std::string QueryText(Database& db, bool write, const char* sql) {
  std::string out;
  auto fn = [&](Tx& tx) -> Status {
    auto r = tx.Query(sql);
    if (!r) return r.error();
    out = r->Text(0, 0);
    return {};
  };
  auto s = write ? db.Write(fn) : db.Read(fn);
  EXPECT_TRUE(s) << sql << ": " << (s ? "" : s.error().internal);
  return out;
}

TEST(SqliteDatabase, CreatesParentDirectoryAndSetsDurablePragmas) {
  TempDir dir;
  auto db = MustOpen(Url(dir, "nested/deeper/jumys.db"));
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->dialect(), Dialect::kSqlite);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "nested/deeper/jumys.db"));
  EXPECT_EQ(QueryText(*db, true, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(*db, true, "PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(QueryText(*db, true, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryText(*db, true, "PRAGMA temp_store"), "2");  // MEMORY
  EXPECT_EQ(QueryText(*db, false, "PRAGMA query_only"), "1");
}

TEST(SqliteDatabase, CommittedDataSurvivesReopen) {
  TempDir dir;
  {
    auto db = MustOpen(Url(dir));
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->ExecScript("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('Шымкент');"));
  }
  auto db = MustOpen(Url(dir));
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryText(*db, false, "SELECT x FROM t"), "Шымкент");
}

TEST(SqliteDatabase, WriterHeldByAnotherProcessIsUnavailableAfterBusyTimeout) {
  TempDir dir;
  auto first = MustOpen(Url(dir));
  DatabaseOptions impatient;
  impatient.busy_timeout_ms = 100;
  auto second = MustOpen(Url(dir), impatient);  // stands in for another process
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(first->ExecScript("CREATE TABLE t (x BIGINT)"));

  Status blocked;
  auto held = first->Write([&](Tx& tx) -> Status {
    auto r = tx.Exec("INSERT INTO t VALUES (1)");
    if (!r) return r.error();
    const auto start = std::chrono::steady_clock::now();
    blocked = second->Write([](Tx& tx2) -> Status {
      auto r2 = tx2.Exec("INSERT INTO t VALUES (2)");
      if (!r2) return r2.error();
      return {};
    });
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(90));
    return {};
  });
  ASSERT_TRUE(held);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, ErrorCode::kUnavailable) << blocked.error().internal;
  EXPECT_EQ(QueryText(*second, false, "SELECT count(*) FROM t"), "1");
}

TEST(SqliteDatabase, ManyThreadsShareASmallReaderPool) {
  DatabaseOptions options;
  options.readers = 2;
  auto db = MakeTestSqlite(options);
  ASSERT_TRUE(db->ExecScript("CREATE TABLE t (x BIGINT); INSERT INTO t VALUES (7);"));
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 300; ++j) {
        auto s = db->Read([&](Tx& tx) -> Status {
          auto r = tx.Query("SELECT x FROM t WHERE x = $1", {std::int64_t{7}});
          if (!r) return r.error();
          if (r->size() != 1) ++wrong;
          return {};
        });
        if (!s) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
}

TEST(SqliteDatabase, ExhaustedReaderPoolTimesOutAsUnavailable) {
  DatabaseOptions options;
  options.readers = 1;
  options.acquire_timeout_ms = 50;
  auto db = MakeTestSqlite(options);
  Status inner;
  auto outer = db->Read([&](Tx&) -> Status {
    inner = db->Read([](Tx&) -> Status { return {}; });
    return {};
  });
  EXPECT_TRUE(outer);
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().code, ErrorCode::kUnavailable);
}

TEST(SqliteDatabase, TheWalIsCheckpointedBesideTheWriter) {
  TempDir dir;
  auto db = MustOpen(Url(dir));
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->ExecScript("CREATE TABLE t (b BLOB)"));
  const auto file = dir.path() / "jumys.db";
  const auto before = std::filesystem::file_size(file);
  // About 1,500 pages in 30 commits: past the checkpoint's 1,000 frames. The file grows only
  // when a checkpoint copies them in, and the writer leaves that to the checkpoint thread.
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(db->Write([&](Tx& tx) -> Status {
      auto r = tx.Exec("INSERT INTO t VALUES (randomblob(200000))");
      if (!r) return r.error();
      return {};
    }));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::filesystem::file_size(file) < before + 3'000'000 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(std::filesystem::file_size(file), before + 3'000'000);
  EXPECT_EQ(QueryText(*db, false, "SELECT count(*) FROM t"), "30");
}

TEST(SqliteDatabase, RealsKeepEveryDigit) {
  auto db = MakeTestSqlite();
  ASSERT_TRUE(db->ExecScript("CREATE TABLE t (r REAL)"));
  const double value = 0.1 + 0.2;  // 0.30000000000000004: 17 significant digits
  ASSERT_TRUE(db->Write([&](Tx& tx) -> Status {
    auto r = tx.Exec("INSERT INTO t VALUES ($1)", {value});
    if (!r) return r.error();
    return {};
  }));
  EXPECT_EQ(QueryText(*db, false, "SELECT r FROM t"), "0.30000000000000004");
}

TEST(SqliteDatabase, OnlyDollarPlaceholders) {
  auto db = MakeTestSqlite();
  for (const char* sql : {"SELECT ?", "SELECT :name", "SELECT $01"}) {
    auto s = db->Read([&](Tx& tx) -> Status {
      auto r = tx.Query(sql, {std::int64_t{1}});
      if (!r) return r.error();
      return {};
    });
    EXPECT_FALSE(s) << sql;
  }
}

}  // namespace
}  // namespace jumys::storage
