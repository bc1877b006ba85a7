// Backup and restore on PostgreSQL: pg_dump's custom format restored by pg_restore into a new
// database; a database that has tables is not restored over.
#include <libpq-fe.h>

#include <random>

#include "storage/backup_suite.h"

namespace jumys::storage::testing {
namespace {

// A database of its own on the test server (pg_dump copies a whole database), dropped after.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const std::string& prefix) {
    name_ = prefix + std::to_string(std::random_device{}() % 1000000000);
    Admin("CREATE DATABASE " + name_);
    const std::string base = TestPostgresUrl();  // postgresql:///jumys_test?host=...
    const auto slash = base.find("///");
    const auto query = base.find('?');
    url_ = base.substr(0, slash + 3) + name_ + base.substr(query);
  }
  ~ScratchDatabase() { Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); }
  const std::string& url() const { return url_; }

 private:
  static void Admin(const std::string& sql) {
    PGconn* conn = PQconnectdb(TestPostgresUrl().c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    const std::string error = PQerrorMessage(conn);
    PQclear(r);
    PQfinish(conn);
    if (!ok) throw std::runtime_error(sql + ": " + error);
  }
  std::string name_, url_;
};

TEST(PostgresBackupTest, ADumpRestoresIntoAFreshDatabaseAndNotOverOne) {
  ScratchDatabase source("backup_source_"), target("backup_target_");
  storage::TempDir dir;
  {
    auto live = OpenMigratedDatabase(source.url(), 1);
    ASSERT_TRUE(live.has_value()) << live.error().message;
    Work(**live, 25);
    auto made = BackupStore(source.url(), dir.path() / "store.dump");
    ASSERT_TRUE(made.has_value()) << made.error().message;
    EXPECT_EQ(made->format, "pg_dump-custom");
    EXPECT_GT(made->bytes, 0u);

    auto restored_status = RestoreStore(dir.path() / "store.dump", target.url());
    ASSERT_TRUE(restored_status.has_value()) << restored_status.error().message;
    auto restored = OpenMigratedDatabase(target.url(), 1);
    ASSERT_TRUE(restored.has_value()) << restored.error().message;
    ExpectSameStore(**live, **restored);
    // Not over a database that has tables: nothing of it changes.
    const auto before = TableCounts(**restored);
    auto again = RestoreStore(dir.path() / "store.dump", target.url());
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    EXPECT_EQ(TableCounts(**restored), before);
  }
}

}  // namespace
}  // namespace jumys::storage::testing
