// Who acts for whom, in the engine without HTTP: a head's delegation counts as the delegate's
// role only on the dates of its period (Kazakhstan's calendar dates, the office's local date),
// in their queue and when completing the head's signing step; a revoked one never; and an
// employer's drafter files nothing.
#include "engine/acting.h"

#include <gtest/gtest.h>

#include "engine/case_test_support.h"
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/employer_user_repository.h"

namespace jumys::testing {
namespace {

using nlohmann::json;

class Acting : public ::testing::Test {
 protected:
  Acting() { engine_.AddStaff("deputy", "kzo-city", "employment_specialist"); }

  // Delegates head -> deputy at kzo-city for [from, to]; the delegation's id.
  std::int64_t Delegate(const std::string& from, const std::string& to, bool revoked = false) {
    std::int64_t id = 0;
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      storage::DelegationRow d;
      d.office_id = "kzo-city";
      d.role = "head";
      d.delegator = "head";
      d.delegate = "deputy";
      d.starts_on = from;
      d.ends_on = to;
      d.created_by = "head";
      d.created_at = "2026-11-23T05:00:00Z";
      JUMYS_ASSIGN_OR_RETURN(id, storage::InsertDelegation(tx, d));
      if (revoked) JUMYS_TRY(storage::RevokeDelegation(tx, id, d.created_at, "head"));
      return {};
    }),
                        "delegate");
    return id;
  }

  // An S1 office case worked up to the head's signing step; that task's id. Each call for
  // another city person: S1 allows one open case per person.
  std::int64_t AtSigning() {
    static const char* const kPeople[] = {"851102400347", "951203400783", "780611300895"};
    CaseService::StartRequest start;
    start.process = "job-seeker-registration";
    start.channel = Channel::kOffice;
    start.applicant_iin = kPeople[filed_++ % 3];
    start.documents = {{"application", std::nullopt},
                       {"identity_document", ParseDate("2030-01-01").value()}};
    auto id = engine_.cases().Start(engine_.As("clerk"), start);
    EngineFixture::Must(id, "start");
    Step("register", "clerk", "accepted", *id);
    Step("assign", "head", "assigned", *id, {{"assignee", "executor"}});
    Step("review", "executor", "approve", *id);
    return OpenTask(*id, "sign");
  }

  std::int64_t OpenTask(std::int64_t case_id, const std::string& step) {
    auto detail = engine_.cases().Load(case_id);
    EngineFixture::Must(detail, "load");
    for (const auto& t : detail->tasks) {
      if (t.step == step && t.open()) return t.id;
    }
    throw std::runtime_error("no open task " + step);
  }

  void Step(const std::string& step, const std::string& login, const std::string& outcome,
            std::int64_t case_id, const json& data = json::object()) {
    auto done = engine_.cases().Complete(engine_.As(login), OpenTask(case_id, step), outcome, data);
    EngineFixture::Must(done, step.c_str());
  }

  bool InQueue(const std::string& login, std::int64_t task_id) {
    auto queue = engine_.cases().Queue(engine_.As(login), 100, std::nullopt);
    EngineFixture::Must(queue, "queue");
    for (const auto& t : *queue) {
      if (t.task.id == task_id) return true;
    }
    return false;
  }

  // Moves the clock to a Kyzylorda wall-clock time.
  void At(const std::string& local) {
    const auto target = ParseRfc3339(EngineFixture::Local(local));
    EngineFixture::Must(target, "time");
    engine_.Advance(*target - engine_.Now());
  }

  EngineFixture engine_;
  int filed_ = 0;
};

TEST_F(Acting, TheDelegateSignsTheHeadsTaskOnlyWithinThePeriod) {
  Delegate("2026-11-24", "2026-11-25");
  const std::int64_t first = AtSigning();
  const std::int64_t second = AtSigning();

  // Before: Monday 23rd, 18:00 local.
  At("2026-11-23T18:00");
  EXPECT_FALSE(InQueue("deputy", first));
  auto before = engine_.cases().Complete(engine_.As("deputy"), first, "signed", json::object());
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(before.error().key, "task.other_role");

  // Within, at 00:30 on the 24th in Kyzylorda, while it is still the 23rd in UTC: the period
  // is on the office's calendar.
  At("2026-11-24T00:30");
  EXPECT_TRUE(InQueue("deputy", first));
  auto signed_by_deputy =
      engine_.cases().Complete(engine_.As("deputy"), first, "signed", json::object());
  ASSERT_TRUE(signed_by_deputy) << signed_by_deputy.error().message;
  bool recorded = false;
  for (const auto& e : signed_by_deputy->events) {
    const json data = json::parse(e.data);
    if (e.action == "task.complete" && data.value("step", "") == "sign") {
      EXPECT_EQ(e.actor, "deputy");
      EXPECT_EQ(data.value("signed_by", ""), "deputy");
      EXPECT_EQ(data.value("acting_for", ""), "head");
      recorded = true;
    }
  }
  EXPECT_TRUE(recorded);

  // The last day is included; the day after is not.
  At("2026-11-25T23:59");
  EXPECT_TRUE(InQueue("deputy", second));
  At("2026-11-26T00:01");
  EXPECT_FALSE(InQueue("deputy", second));
  auto after = engine_.cases().Complete(engine_.As("deputy"), second, "signed", json::object());
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kForbidden);
  // The head still signs their own task.
  EXPECT_TRUE(engine_.cases().Complete(engine_.As("head"), second, "signed", json::object()));
}

TEST_F(Acting, ARevokedDelegationCountsForNothing) {
  Delegate("2026-11-23", "2026-11-30", /*revoked=*/true);
  const std::int64_t task = AtSigning();
  auto refused = engine_.cases().Complete(engine_.As("deputy"), task, "signed", json::object());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_FALSE(InQueue("deputy", task));
}

TEST_F(Acting, EffectiveRolesAndCapacity) {
  const std::int64_t id = Delegate("2026-11-23", "2026-11-23");
  EngineFixture::Must(engine_.db().Read([&](storage::Tx& tx) -> Status {
    const Actor deputy = engine_.As("deputy");
    JUMYS_ASSIGN_OR_RETURN(auto effective,
                           WithDelegatedRoles(tx, deputy, engine_.offices(), engine_.Now()));
    EXPECT_TRUE(effective.roles.Has(Role::kHead));
    EXPECT_TRUE(effective.roles.Has(Role::kEmploymentSpecialist));
    EXPECT_FALSE(deputy.roles.Has(Role::kHead));  // the session's own roles are untouched
    JUMYS_ASSIGN_OR_RETURN(auto acting,
                           CapacityFor(tx, deputy, Role::kHead, engine_.offices(), engine_.Now()));
    EXPECT_TRUE(acting && acting->acting);
    EXPECT_EQ(acting->delegation_id, id);
    EXPECT_EQ(acting->acting_for, "head");
    JUMYS_ASSIGN_OR_RETURN(auto own, CapacityFor(tx, engine_.As("head"), Role::kHead,
                                                 engine_.offices(), engine_.Now()));
    EXPECT_TRUE(own && !own->acting);
    // Another office's staff get nothing from a kzo-city delegation naming them.
    JUMYS_ASSIGN_OR_RETURN(auto other, CapacityFor(tx, engine_.As("executor2"), Role::kHead,
                                                   engine_.offices(), engine_.Now()));
    EXPECT_FALSE(other);
    return {};
  }),
                      "read");
}

TEST_F(Acting, AnEmployersDrafterFilesNothing) {
  storage::UserRecord u;
  u.login = "drafter";
  u.kind = "applicant";
  u.full_name = "Drafter";
  u.roles = "employer";
  u.bin = "080540001238";
  u.password_hash = "x";
  EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto id, storage::InsertUser(tx, u, "2026-11-23T05:00:00Z"));
    return storage::InsertEmployerUser(
        tx, {id, "drafter", "Drafter", true, u.bin, "drafter", "851102400347", "employer",
             "2026-11-23T05:00:00Z", std::nullopt});
  }),
                      "drafter");
  auto refused = engine_.cases().MayFile(engine_.As("drafter"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().key, "employer.drafter_cannot_file");
  CaseService::StartRequest start;
  start.process = "foreign-labour-permit";
  start.channel = Channel::kPortal;
  start.office_id = "kzo-oblast";
  auto filed = engine_.cases().Start(engine_.As("drafter"), start);
  ASSERT_FALSE(filed);
  EXPECT_EQ(filed.error().key, "employer.drafter_cannot_file");
  // The director (the account the employer registered with) may.
  EXPECT_TRUE(engine_.cases().MayFile(engine_.As("employer")));
}

}  // namespace
}  // namespace jumys::testing
