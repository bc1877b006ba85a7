#pragma once
// A store copied with BackupStore and restored with RestoreStore into a fresh one, on SQLite
// (backup_test.cpp) and PostgreSQL (backup_pgtest.cpp): every table's rows and a verifying audit
// chain come back; a restore over a store that has data is refused and changes nothing.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "storage/audit_log.h"
#include "storage/backup.h"
#include "storage/database.h"
#include "storage/schema/schema.h"
#include "storage/testing/test_databases.h"

namespace jumys::storage::testing {

// Rows of every table of the store, by table.
inline std::map<std::string, std::int64_t> TableCounts(Database& db) {
  std::map<std::string, std::int64_t> out;
  const bool sqlite = db.dialect() == Dialect::kSqlite;
  auto status = db.Read([&](Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto names,
        tx.Query(sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                          "'sqlite_%'"
                        : "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                          "current_schema() AND table_type = 'BASE TABLE'"));
    for (std::size_t r = 0; r < names.size(); ++r) {
      JUMYS_ASSIGN_OR_RETURN(auto n, tx.Query("SELECT COUNT(*) FROM " + names.Text(r, 0)));
      out[names.Text(r, 0)] = n.Int(0, 0);
    }
    return {};
  });
  EXPECT_TRUE(status.has_value()) << status.error().message;
  return out;
}

// Audit events, chained: what every working store has.
inline void Work(Database& db, int events) {
  auto status = db.Write([&](Tx& tx) -> Status {
    for (int i = 0; i < events; ++i) {
      JUMYS_TRY(AppendAudit(tx, AuditEvent{"2026-11-23T05:00:00Z",
                                           "clerk",
                                           "person.read",
                                           "person",
                                           "900515300127",
                                           "kzo-city",
                                           {{"n", i}}}));
    }
    return {};
  });
  ASSERT_TRUE(status.has_value()) << status.error().message;
}

inline void ExpectSameStore(Database& original, Database& restored) {
  const auto counts = TableCounts(original);
  EXPECT_GT(counts.size(), 50u);
  EXPECT_EQ(TableCounts(restored), counts);
  auto chain = VerifyAudit(restored);
  ASSERT_TRUE(chain.has_value()) << chain.error().message;
  EXPECT_TRUE(chain->ok) << chain->reason;
  EXPECT_EQ(chain->events, counts.at("audit_events"));
}

}  // namespace jumys::storage::testing
