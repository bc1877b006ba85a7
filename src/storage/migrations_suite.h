#pragma once
// Migration behaviour on both backends; included by database_suite.h (uses its fixture).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/database_suite.h"
#include "storage/migrations.h"

namespace jumys::storage {

inline std::vector<Migration> TwoMigrations() {
  return {
      {1, "people", "CREATE TABLE people (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"},
      {2, "people_seed",
       "CREATE TABLE offices (id BIGINT PRIMARY KEY, title TEXT NOT NULL);"
       "INSERT INTO offices (id, title) VALUES (1, 'Алматы қаласы');"},
  };
}

TEST_P(DatabaseSuite, MigrateAppliesOnceAndAgainIsANoOp) {
  auto none = AppliedMigrations(*db_);
  ASSERT_TRUE(none) << Describe(none.error());
  EXPECT_TRUE(none->empty());

  auto first = Migrate(*db_, TwoMigrations());
  ASSERT_TRUE(first) << Describe(first.error());
  auto applied = AppliedMigrations(*db_);
  ASSERT_TRUE(applied);
  EXPECT_EQ(*applied, (std::vector<int>{1, 2}));
  EXPECT_EQ(Select("SELECT title FROM offices").Text(0, 0), "Алматы қаласы");

  // The scripts are not idempotent (CREATE TABLE, INSERT with a key): a rerun would fail.
  auto second = Migrate(*db_, TwoMigrations());
  ASSERT_TRUE(second) << Describe(second.error());
  EXPECT_EQ(Count("offices"), 1);
  EXPECT_EQ(Count("schema_migrations"), 2);
  Rows rows = Select("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.Text(1, 1), "people_seed");
  EXPECT_EQ(rows.Text(1, 2).size(), 20u);  // 2024-01-02T03:04:05Z
  EXPECT_EQ(rows.Text(1, 2).back(), 'Z');
}

TEST_P(DatabaseSuite, MigrateAppliesOnlyNewVersionsInOrder) {
  auto list = TwoMigrations();
  // Given out of order: applied by version.
  std::vector<Migration> first = {list[1], list[0]};
  ASSERT_TRUE(Migrate(*db_, first));
  list.push_back({3, "people_email", "ALTER TABLE people ADD COLUMN email TEXT;"});
  auto s = Migrate(*db_, list);
  ASSERT_TRUE(s) << Describe(s.error());
  EXPECT_EQ(*AppliedMigrations(*db_), (std::vector<int>{1, 2, 3}));
  Write("INSERT INTO people (id, name, email) VALUES (1, 'a', 'a@example.kz')");
}

TEST_P(DatabaseSuite, MigrationNameMismatchIsAnError) {
  ASSERT_TRUE(Migrate(*db_, TwoMigrations()));
  auto list = TwoMigrations();
  list[1].name = "something_else";
  auto s = Migrate(*db_, list);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("another build"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("people_seed"), std::string::npos);
}

TEST_P(DatabaseSuite, UnknownRecordedMigrationIsAnError) {
  auto list = TwoMigrations();
  ASSERT_TRUE(Migrate(*db_, list));
  list.pop_back();  // an older build that does not know version 2
  auto s = Migrate(*db_, list);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("newer build"), std::string::npos) << s.error().message;
}

TEST_P(DatabaseSuite, FailedMigrationLeavesNeitherChangesNorRecord) {
  auto list = TwoMigrations();
  list.push_back({3, "broken",
                  "CREATE TABLE half_done (x BIGINT);"
                  "INSERT INTO no_such_table (x) VALUES (1);"});
  auto s = Migrate(*db_, list);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("broken"), std::string::npos) << s.error().message;
  EXPECT_EQ(*AppliedMigrations(*db_), (std::vector<int>{1, 2}));
  ReadError("SELECT count(*) FROM half_done");

  list[2].sql = "CREATE TABLE half_done (x BIGINT);";  // fixed before release
  ASSERT_TRUE(Migrate(*db_, list));
  EXPECT_EQ(*AppliedMigrations(*db_), (std::vector<int>{1, 2, 3}));
}

TEST_P(DatabaseSuite, MigrationListMustBeWellFormed) {
  for (const auto& list :
       std::vector<std::vector<Migration>>{{{1, "a", "SELECT 1;"}, {1, "b", "SELECT 1;"}},
                                           {{0, "zero", "SELECT 1;"}},
                                           {{1, "", "SELECT 1;"}}}) {
    auto s = Migrate(*db_, list);
    EXPECT_FALSE(s);
  }
  auto applied = AppliedMigrations(*db_);
  ASSERT_TRUE(applied);
  EXPECT_TRUE(applied->empty());
}

TEST_P(DatabaseSuite, ConcurrentMigrateAppliesEachVersionOnce) {
  std::vector<std::thread> nodes;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    nodes.emplace_back([&] {
      if (!Migrate(*db_, TwoMigrations())) ++failures;
    });
  }
  for (auto& t : nodes) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count("schema_migrations"), 2);
  EXPECT_EQ(Count("offices"), 1);
}

}  // namespace jumys::storage
