// The shared suite on PostgreSQL (JUMYS_PG_URL, see scripts/with-postgres), plus what only a
// server can do: lost connections, serialization failures, keyword conninfo.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>

#include "storage/database.h"
#include "storage/database_suite.h"
#include "storage/postgres/pg_database.h"
#include "storage/testing/test_databases.h"

namespace jumys::storage {
namespace {

INSTANTIATE_TEST_SUITE_P(Postgres, DatabaseSuite,
                         ::testing::Values(DatabaseFactory{"Postgres", &MakeTestPostgres}),
                         FactoryName);

class PostgresOnly : public ::testing::Test {
 protected:
  void SetUp() override { db_ = MakeTestPostgres(); }

  Status Exec(Database& db, const std::string& sql) {
    return db.Write([&](Tx& tx) -> Status {
      auto r = tx.Exec(sql);
      if (!r) return r.error();
      return {};
    });
  }

  std::unique_ptr<Database> db_;
};

TEST_F(PostgresOnly, JumysPgUrlIsSet) {
  EXPECT_NO_THROW(TestPostgresUrl());
  EXPECT_EQ(db_->dialect(), Dialect::kPostgres);
}

TEST_F(PostgresOnly, RecoversWhenTheServerDropsPooledConnections) {
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE t (x BIGINT); INSERT INTO t VALUES (1);"));
  // Another session kills every backend of this database but its own, as a restart would.
  DatabaseOptions one;
  one.readers = 1;
  auto admin = OpenDatabase(TestPostgresUrl(), one);
  ASSERT_TRUE(admin);
  std::int64_t killed = 0;
  ASSERT_TRUE((*admin)->Read([&](Tx& tx) -> Status {
    auto r = tx.Query(
        "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    if (!r) return r.error();
    killed = r->Int(0, 0);
    return {};
  }));
  EXPECT_GE(killed, 4);
  // Every pooled connection is dead; each one reconnects on its next use.
  for (int i = 0; i < 8; ++i) {
    auto s = db_->Read([&](Tx& tx) -> Status {
      auto r = tx.Query("SELECT count(*) FROM t");
      if (!r) return r.error();
      EXPECT_EQ(r->Int(0, 0), 1);
      return {};
    });
    EXPECT_TRUE(s) << (s ? "" : s.error().internal);
  }
  EXPECT_TRUE(Exec(*db_, "INSERT INTO t VALUES (2)"));
}

// A statement failing with the given SQLSTATE, as a serialization failure or deadlock would.
std::string Raise(const char* sqlstate) {
  return std::string("DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '") + sqlstate +
         "'; END $$";
}

TEST_F(PostgresOnly, RerunsWriteAfterSerializationFailureOrDeadlock) {
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE t (x BIGINT)"));
  for (const char* state : {"40001", "40P01"}) {
    int runs = 0;
    auto s = db_->Write([&](Tx& tx) -> Status {
      ++runs;
      auto ins = tx.Exec("INSERT INTO t VALUES ($1)", {std::int64_t{runs}});
      if (!ins) return ins.error();
      if (runs == 1) {
        auto r = tx.Exec(Raise(state));
        if (!r) return r.error();
      }
      return {};
    });
    ASSERT_TRUE(s) << state << ": " << s.error().internal;
    EXPECT_EQ(runs, 2) << state;
    ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
      auto r = tx.Query("SELECT x FROM t");
      if (!r) return r.error();
      EXPECT_EQ(r->size(), 1u);  // the first run's insert was rolled back
      EXPECT_EQ(r->Int(0, 0), 2);
      return {};
    }));
    ASSERT_TRUE(db_->ExecScript("DELETE FROM t"));
  }
}

TEST_F(PostgresOnly, GivesUpWithConflictAfterRepeatedSerializationFailures) {
  int runs = 0;
  auto s = db_->Write([&](Tx& tx) -> Status {
    ++runs;
    auto r = tx.Exec(Raise("40001"));
    if (!r) return Error::Internal("mapped by the caller");
    return {};
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(runs, pg::PgDatabase::kMaxWriteRuns);
}

TEST_F(PostgresOnly, OtherErrorsAreNotRetried) {
  int runs = 0;
  auto s = db_->Write([&](Tx& tx) -> Status {
    ++runs;
    auto r = tx.Exec("SELECT * FROM no_such_table");
    if (!r) return r.error();
    return {};
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_EQ(s.error().message, "internal error");  // no SQL for clients
  EXPECT_NE(s.error().internal.find("42P01"), std::string::npos) << s.error().internal;
  EXPECT_EQ(runs, 1);
}

TEST_F(PostgresOnly, OpensFromKeywordConninfo) {
  // Rebuild JUMYS_PG_URL as "pg:key='value' ...".
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(TestPostgresUrl().c_str(), &err);
  ASSERT_NE(opts, nullptr) << (err ? err : "");
  std::string keywords = "pg:";
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    keywords += std::string(o->keyword) + "='" + o->val + "' ";
  }
  PQconninfoFree(opts);
  auto db = OpenDatabase(keywords);
  ASSERT_TRUE(db) << db.error().internal;
  EXPECT_EQ((*db)->dialect(), Dialect::kPostgres);
  auto s = (*db)->Read([](Tx& tx) -> Status {
    auto r = tx.Query("SELECT $1::bigint + 1", {std::int64_t{41}});
    if (!r) return r.error();
    EXPECT_EQ(r->Int(0, 0), 42);
    return {};
  });
  EXPECT_TRUE(s);
}

TEST_F(PostgresOnly, ReadRunsInARepeatableReadReadOnlySnapshot) {
  auto s = db_->Read([](Tx& tx) -> Status {
    auto r = tx.Query(
        "SELECT current_setting('transaction_isolation'), "
        "current_setting('transaction_read_only')");
    if (!r) return r.error();
    EXPECT_EQ(r->Text(0, 0), "repeatable read");
    EXPECT_EQ(r->Text(0, 1), "on");
    return {};
  });
  EXPECT_TRUE(s);
}

}  // namespace
}  // namespace jumys::storage
