// Group commit: concurrent writes share transactions, yet each succeeds or fails on its own.
#include "storage/write_batcher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/testing/test_databases.h"

namespace jumys::storage {
namespace {

TEST(WriteBatcher, EachWriteCommitsOrRollsBackAlone) {
  auto db = storage::MakeTestSqlite();
  ASSERT_TRUE(db->ExecScript("CREATE TABLE t (writer INTEGER, n INTEGER)").has_value());
  WriteBatcher batcher(*db, 16);
  constexpr int kThreads = 8;
  constexpr int kWrites = 60;
  std::atomic<int> ok{0}, refused{0}, broken{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&, w] {
      for (int n = 0; n < kWrites; ++n) {
        auto status = batcher.Write([&](storage::Tx& tx) -> Status {
          JUMYS_TRY(tx.Exec("INSERT INTO t (writer, n) VALUES ($1, $2)",
                            {std::int64_t{w}, std::int64_t{n}}));
          if (n % 3 == 0) return Error::Unprocessable("test.refused"_msg, "refused after writing");
          if (n == 31) JUMYS_TRY(tx.Exec("INSERT INTO no_such_table VALUES (1)"));
          return {};
        });
        if (status) {
          ++ok;
        } else if (status.error().code == ErrorCode::kUnprocessable) {
          ++refused;
        } else {
          ++broken;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused, kThreads * 20);
  EXPECT_EQ(broken, kThreads);  // n == 31, once per writer
  EXPECT_EQ(ok, kThreads * (kWrites - 20 - 1));
  std::int64_t rows = 0;
  ASSERT_TRUE(db->Read([&](storage::Tx& tx) -> Status {
                  JUMYS_ASSIGN_OR_RETURN(
                      auto r, tx.Query("SELECT COUNT(*) FROM t WHERE n % 3 <> 0 AND n <> 31"));
                  JUMYS_ASSIGN_OR_RETURN(auto all, tx.Query("SELECT COUNT(*) FROM t"));
                  rows = r.Int(0, 0);
                  EXPECT_EQ(all.Int(0, 0), rows) << "a refused or broken write left rows behind";
                  return {};
                }).has_value());
  EXPECT_EQ(rows, ok.load());
}

}  // namespace
}  // namespace jumys::storage
