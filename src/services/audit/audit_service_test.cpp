// Verification of the audit chain through the service, on SQLite.
#include "services/audit/audit_service.h"

#include <gtest/gtest.h>

#include "storage/migrations.h"
#include "storage/schema/schema.h"
#include "storage/testing/test_databases.h"

namespace jumys::audit {
namespace {

class AuditServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = storage::MakeTestSqlite();
    ASSERT_TRUE(storage::Migrate(*db_, storage::SchemaMigrations(db_->dialect())).has_value());
    // Long enough that nothing is appended in the background while a test runs.
    read_log_ = std::make_unique<storage::AuditReadLog>(*db_, std::chrono::hours(1));
    service_ = std::make_unique<AuditService>(*db_, *read_log_);
  }

  void Append(const std::string& action) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                     return storage::AppendAudit(
                         tx, {"2026-11-23T05:00:00Z", "admin", action, "user", "executor",
                              "kzo-city", nlohmann::json::object()});
                   })
                    .has_value());
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::AuditReadLog> read_log_;
  std::unique_ptr<AuditService> service_;
};

TEST_F(AuditServiceTest, AnIntactChainVerifies) {
  Append("user.create");
  Append("user.update");
  auto v = service_->Verify();
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->events, 2);
  EXPECT_FALSE(v->broken_seq);
}

TEST_F(AuditServiceTest, QueuedReadEventsAreCoveredToo) {
  Append("user.create");
  read_log_->Record({"2026-11-23T05:01:00Z", "clerk", "person.read", "person", "851102400347",
                     "kzo-city", nlohmann::json::object()});
  auto v = service_->Verify();
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->events, 2);
}

TEST_F(AuditServiceTest, AnEditedRowBreaksTheChainThere) {
  Append("user.create");
  Append("user.update");
  Append("user.update");
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   JUMYS_TRY(
                       tx.Exec("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2"));
                   return {};
                 })
                  .has_value());
  auto v = service_->Verify();
  ASSERT_TRUE(v.has_value());
  EXPECT_FALSE(v->ok);
  ASSERT_TRUE(v->broken_seq);
  EXPECT_EQ(*v->broken_seq, 2);
  EXPECT_FALSE(v->reason.empty());
}

}  // namespace
}  // namespace jumys::audit
