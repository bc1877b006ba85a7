// A head's delegations through the service, without HTTP: who may delegate what to whom, for
// which period, the overlap and revocation rules, and the audit trail.
#include "services/delegations/delegation_service.h"

#include <gtest/gtest.h>

#include "services/testing/demo_store.h"

namespace jumys::testing {
namespace {

using delegations::DelegationService;
using delegations::NewDelegation;

// The demo store is seeded on Monday 2026-11-23, 10:00 in Kyzylorda.
class Delegations : public ::testing::Test {
 protected:
  Delegations() : service_(store_.db(), store_.offices(), [this] { return now_; }) {
    store_.AddStaff("deputy", "kzo-city", "employment_specialist");
  }

  static NewDelegation To(const std::string& delegate, const std::string& from = "2026-11-24",
                          const std::string& to = "2026-11-27") {
    return {delegate, "head", from, to};
  }

  DemoStore store_;
  Instant now_ = store_.Now();
  DelegationService service_;
};

TEST_F(Delegations, AHeadDelegatesToAColleagueAndItIsAudited) {
  auto made = service_.Create(store_.As("head"), To("deputy"));
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->office_id, "kzo-city");
  EXPECT_EQ(made->role, "head");
  EXPECT_EQ(made->delegator, "head");
  EXPECT_EQ(made->delegate, "deputy");
  EXPECT_EQ(made->status, "scheduled");
  auto audit = store_.Audit("delegation.%");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "delegation.create");
  EXPECT_EQ(audit[0].actor, "head");
  EXPECT_EQ(audit[0].entity_id, std::to_string(made->id));
  EXPECT_EQ(audit[0].data["delegate"], "deputy");
  EXPECT_EQ(audit[0].data["starts_on"], "2026-11-24");
  EXPECT_EQ(audit[0].data["ends_on"], "2026-11-27");

  // Listed for the office, to its staff, and not at another office.
  auto listed = service_.List(store_.As("clerk"));
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().delegate_name, "deputy");
  auto elsewhere = service_.List(store_.As("clerk2"));
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());

  // In force on the 24th; revoked, it is over at once.
  now_ += std::chrono::hours(24);
  EXPECT_EQ(service_.List(store_.As("head"))->front().status, "in_force");
  auto revoked = service_.Revoke(store_.As("head"), made->id);
  ASSERT_TRUE(revoked) << revoked.error().message;
  EXPECT_EQ(revoked->status, "revoked");
  EXPECT_EQ(revoked->revoked_by, "head");
  EXPECT_EQ(store_.Audit("delegation.revoke").size(), 1u);
  auto again = service_.Revoke(store_.As("head"), made->id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(Delegations, NoOneDelegatesToThemselvesElsewhereOrWhatTheyDoNotHold) {
  auto self = service_.Create(store_.As("head"), To("head"));
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().key, "delegation.to_self");

  // Another office's staff answer like an unknown login.
  auto other_office = service_.Create(store_.As("head"), To("executor2"));
  auto unknown = service_.Create(store_.As("head"), To("ghost"));
  ASSERT_FALSE(other_office);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(other_office.error().key, "delegation.not_colleague");
  EXPECT_EQ(other_office.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(other_office.error().key, unknown.error().key);
  EXPECT_EQ(other_office.error().code, unknown.error().code);

  // A role the actor does not hold: the executor cannot make anyone acting head.
  auto not_held = service_.Create(store_.As("executor"), To("deputy"));
  ASSERT_FALSE(not_held);
  EXPECT_EQ(not_held.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(not_held.error().key, "delegation.role_not_held");

  // A delegated role is not the delegate's to pass on.
  ASSERT_TRUE(service_.Create(store_.As("head"), To("deputy", "2026-11-23", "2026-11-30")));
  auto passed_on = service_.Create(store_.As("deputy"), To("clerk"));
  ASSERT_FALSE(passed_on);
  EXPECT_EQ(passed_on.error().key, "delegation.role_not_held");

  // Nor a colleague who holds the role already, nor a role that is not delegated.
  store_.AddStaff("head-b", "kzo-city", "head");
  auto holds = service_.Create(store_.As("head"), To("head-b", "2026-12-01", "2026-12-02"));
  ASSERT_FALSE(holds);
  EXPECT_EQ(holds.error().key, "delegation.holds_role");
  auto admin = service_.Create(store_.As("admin"), {"deputy", "admin", "2026-12-01", "2026-12-02"});
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().code, ErrorCode::kForbidden);
}

TEST_F(Delegations, ThePeriodIsRealNotPastAndDoesNotOverlap) {
  auto reversed = service_.Create(store_.As("head"), To("deputy", "2026-11-27", "2026-11-24"));
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().key, "delegation.ends_before_start");
  auto past = service_.Create(store_.As("head"), To("deputy", "2026-11-01", "2026-11-22"));
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().key, "delegation.in_past");
  auto bad = service_.Create(store_.As("head"), To("deputy", "2026-02-30", "2026-03-02"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kUnprocessable);
  ASSERT_FALSE(bad.error().details.empty());
  EXPECT_EQ(bad.error().details.front().field, "starts_on");

  ASSERT_TRUE(service_.Create(store_.As("head"), To("deputy", "2026-11-24", "2026-11-27")));
  auto overlap = service_.Create(store_.As("head"), To("executor", "2026-11-27", "2026-12-01"));
  ASSERT_FALSE(overlap);
  EXPECT_EQ(overlap.error().code, ErrorCode::kConflict);
  EXPECT_EQ(overlap.error().key, "delegation.overlaps");
  EXPECT_TRUE(service_.Create(store_.As("head"), To("executor", "2026-11-28", "2026-12-01")));
}

TEST_F(Delegations, OnlyTheOfficeRevokes) {
  auto made = service_.Create(store_.As("head"), To("deputy"));
  ASSERT_TRUE(made);
  auto other_office = service_.Revoke(store_.As("head2"), made->id);
  ASSERT_FALSE(other_office);
  EXPECT_EQ(other_office.error().code, ErrorCode::kNotFound);
  auto not_holder = service_.Revoke(store_.As("clerk"), made->id);
  ASSERT_FALSE(not_holder);
  EXPECT_EQ(not_holder.error().code, ErrorCode::kForbidden);
  auto missing = service_.Revoke(store_.As("head"), made->id + 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace jumys::testing
