// The shared suite on SQLite, plus Rows and OpenDatabase, which need no server.
#include "storage/database.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "storage/database_suite.h"
#include "storage/testing/test_databases.h"

namespace jumys::storage {
namespace {

INSTANTIATE_TEST_SUITE_P(Sqlite, DatabaseSuite,
                         ::testing::Values(DatabaseFactory{"Sqlite", &MakeTestSqlite}),
                         FactoryName);

Rows OneRow(std::vector<std::optional<std::string>> cells) {
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < cells.size(); ++i) columns.push_back("c" + std::to_string(i));
  return Rows(std::move(columns), {std::move(cells)});
}

TEST(StorageRows, TextIntRealOfValuesAndNull) {
  Rows r = OneRow({"42", std::nullopt, "-9223372036854775808", "2.5", "1e+300", "Infinity",
                   "-Infinity", "t", "f"});
  EXPECT_EQ(r.Text(0, 0), "42");
  EXPECT_EQ(r.Text(0, 1), "");
  EXPECT_TRUE(r.IsNull(0, 1));
  EXPECT_EQ(r.Int(0, 0), 42);
  EXPECT_EQ(r.Int(0, 1), 0);
  EXPECT_EQ(r.Int(0, 2), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(r.Real(0, 3), 2.5);
  EXPECT_EQ(r.Real(0, 4), 1e300);
  EXPECT_EQ(r.Real(0, 5), std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.Real(0, 6), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.Real(0, 1), 0.0);
  EXPECT_EQ(r.Int(0, 7), 1);  // PostgreSQL booleans
  EXPECT_EQ(r.Int(0, 8), 0);
  EXPECT_TRUE(r.Bool(0, 7));
  EXPECT_FALSE(r.Bool(0, 8));
  EXPECT_FALSE(r.Bool(0, 1));
}

TEST(StorageRows, MalformedNumbersThrowNamingTheColumnNotTheValue) {
  Rows r = OneRow({"12abc", "Айгүл", "2"});
  try {
    (void)r.Int(0, 0);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("c0"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("12abc"), std::string::npos);
  }
  EXPECT_THROW((void)r.Real(0, 1), std::invalid_argument);
  EXPECT_THROW((void)r.Bool(0, 2), std::invalid_argument);
  EXPECT_THROW((void)r.Int(0, 3), std::out_of_range);
  EXPECT_THROW((void)r.Int(1, 0), std::out_of_range);
}

TEST(StorageOpen, UnknownSchemeIsInvalidAndDoesNotEchoTheUrl) {
  auto db = OpenDatabase("mysql://admin:s3cret@db.example/jumys");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(db.error().message.find("'mysql'"), std::string::npos) << db.error().message;
  EXPECT_EQ(db.error().message.find("s3cret"), std::string::npos);

  auto bare = OpenDatabase("/var/lib/jumys.db");
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().code, ErrorCode::kInvalidInput);
}

TEST(StorageOpen, RejectsUnusableSqliteUrlsAndOptions) {
  for (const char* url :
       {"sqlite:", "sqlite::memory:", "sqlite:file:x.db?mode=memory", "sqlite:///tmp/x.db"}) {
    auto db = OpenDatabase(url);
    ASSERT_FALSE(db) << url;
    EXPECT_EQ(db.error().code, ErrorCode::kInvalidInput) << url;
  }
  TempDir dir;
  DatabaseOptions no_readers;
  no_readers.readers = 0;
  auto db = OpenDatabase("sqlite:" + (dir.path() / "x.db").string(), no_readers);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidInput);
}

TEST(StorageOpen, UnreachablePostgresIsUnavailable) {
  TempDir dir;  // no server listens here
  auto db = OpenDatabase("postgresql:///jumys?host=" + dir.path().string() + "&connect_timeout=2");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable) << db.error().internal;
  auto kw = OpenDatabase("pg:host=" + dir.path().string() + " dbname=jumys connect_timeout=2");
  ASSERT_FALSE(kw);
  EXPECT_EQ(kw.error().code, ErrorCode::kUnavailable) << kw.error().internal;
}

}  // namespace
}  // namespace jumys::storage
