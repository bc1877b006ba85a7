// The permit registry and quotas on SQLite, over the demo data (seed-demo).
#include "services/permits/permit_store.h"

#include <gtest/gtest.h>

#include "services/demo/demo_data.h"
#include "services/permits/permit_demo.h"
#include "storage/migrations.h"
#include "storage/schema/schema.h"
#include "storage/testing/test_databases.h"

namespace jumys::permits {
namespace {

// 2026-11-23 10:00 in Kyzylorda.
const Instant kNow{std::chrono::seconds(1795410000)};
const Date kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};

class PermitStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = storage::MakeTestSqlite();
    ASSERT_TRUE(storage::Migrate(*db_, storage::SchemaMigrations(db_->dialect())).has_value());
    ASSERT_TRUE(demo::SeedDemo(*db_, kNow).has_value());
  }
  Status Write(const std::function<Status(storage::Tx&)>& fn) { return db_->Write(fn); }
  std::unique_ptr<storage::Database> db_;
};

TEST_F(PermitStoreTest, TheQuotaIsTakenAtomicallyAndNeverOverdrawn) {
  bool taken = false;
  ASSERT_TRUE(Write([&](storage::Tx& tx) -> Status {
                JUMYS_ASSIGN_OR_RETURN(taken, TakeQuota(tx, "kzo-oblast", 2026, 1, kDemoQuota - 1));
                return {};
              }).has_value());
  EXPECT_TRUE(taken);
  ASSERT_TRUE(Write([&](storage::Tx& tx) -> Status {
                JUMYS_ASSIGN_OR_RETURN(taken, TakeQuota(tx, "kzo-oblast", 2026, 1, 2));
                return {};
              }).has_value());
  EXPECT_FALSE(taken) << "2 more would exceed the quota";
  // No quota set for that year: nothing can be taken.
  ASSERT_TRUE(Write([&](storage::Tx& tx) -> Status {
                JUMYS_ASSIGN_OR_RETURN(taken, TakeQuota(tx, "kzo-oblast", 2031, 1, 1));
                return {};
              }).has_value());
  EXPECT_FALSE(taken);
  // Lowering the quota below what is used is refused; raising it is not.
  auto lowered = Write([&](storage::Tx& tx) {
    return SetQuota(tx, {"kzo-oblast", 2026, 1, 3, 0, "2026-11-23T05:00:00Z", "admin"});
  });
  ASSERT_FALSE(lowered.has_value());
  EXPECT_EQ(lowered.error().code, ErrorCode::kUnprocessable);
  ASSERT_TRUE(
      Write([&](storage::Tx& tx) {
        return SetQuota(tx, {"kzo-oblast", 2026, 1, 20, 0, "2026-11-23T05:00:00Z", "admin"});
      }).has_value());
  std::optional<QuotaRow> q;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   JUMYS_ASSIGN_OR_RETURN(q, FindQuota(tx, "kzo-oblast", 2026, 1));
                   return {};
                 })
                  .has_value());
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->quota, 20);
  EXPECT_EQ(q->used, kDemoQuota - 1);
}

TEST_F(PermitStoreTest, StatusFiltersReadTheDateAndSupersedingHappensOnce) {
  std::vector<PermitRow> valid, expired;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   JUMYS_ASSIGN_OR_RETURN(
                       valid, ListPermits(tx, {"080540001238", "", "valid", "", 100}, kToday));
                   JUMYS_ASSIGN_OR_RETURN(
                       expired, ListPermits(tx, {"080540001238", "", "expired", "", 100}, kToday));
                   return {};
                 })
                  .has_value());
  ASSERT_EQ(valid.size(), 2u);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].number, kDemoExpiredPermit);
  EXPECT_EQ(expired[0].StatusOn(kToday), "expired");
  const PermitRow& p1 = valid[1].number == kDemoValidPermit ? valid[1] : valid[0];
  ASSERT_EQ(p1.number, kDemoValidPermit);
  // The last day is still valid; the day after is not.
  const Date last{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{31}};
  EXPECT_EQ(p1.StatusOn(last), "valid");
  EXPECT_EQ(p1.StatusOn(Date{std::chrono::sys_days{last} + std::chrono::days{1}}), "expired");
  bool first = false, second = true;
  ASSERT_TRUE(Write([&](storage::Tx& tx) -> Status {
                JUMYS_ASSIGN_OR_RETURN(
                    first, SupersedePermit(tx, p1.id, "extended", "2026-11-23T05:00:00Z"));
                JUMYS_ASSIGN_OR_RETURN(
                    second, SupersedePermit(tx, p1.id, "reissued", "2026-11-23T05:00:00Z"));
                return {};
              }).has_value());
  EXPECT_TRUE(first);
  EXPECT_FALSE(second) << "an extended permit is no longer valid to reissue";
}

}  // namespace
}  // namespace jumys::permits
