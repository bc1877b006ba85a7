// The engine on definitions written for the test: automatic steps, waits with a window,
// timers, repeats, and two versions of one process side by side.
#include <atomic>
#include <thread>

#include "engine/case_script.h"
#include "engine/case_sweeper.h"
#include "engine/definition_test_support.h"

namespace jumys::testing {
namespace {

using nlohmann::json;
using Open = std::vector<std::string>;

const char* const kTimers = R"(code: timers
version: v1
status: active
title: {kk: Т, ru: Т, en: Timers}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: {from: 2020-01-01}
provider: centre
channels:
  office: {ref: "1", start: check}
steps:
  - id: check
    ref: "1.1"
    kind: automatic
    title: {kk: а, ru: б, en: Check the card}
    outcomes:
      - {id: has_card, guards: [has_employment_card], next: reply}
      - {id: no_card, end: ineligible, status: cancelled}
  - id: reply
    ref: "1.2"
    kind: wait
    party: applicant
    role: office_clerk
    limit: 2wd
    title: {kk: а, ru: б, en: The applicant answers}
    outcomes:
      - {id: replied, next: pause}
      - {id: lapsed, timeout: true, end: lapsed, status: cancelled}
  - id: pause
    ref: "1.3"
    kind: timer
    after: 1wd
    title: {kk: а, ru: б, en: A working day passes}
    outcomes:
      - {id: elapsed, next: monitor}
  - id: monitor
    ref: "1.4"
    kind: repeat
    every: month
    until: [contract_term_over]
    body: report
    title: {kk: а, ru: б, en: Each month until the term is over}
    outcomes:
      - {id: over, end: contract_fulfilled}
  - id: report
    ref: "1.5"
    role: employer_specialist
    limit: 1wd
    title: {kk: а, ru: б, en: Check the monthly report}
    outcomes:
      - {id: checked, next: monitor}
)";

// Hand-offs: a step in the oblast department, then one at the destination office the
// application names.
const char* const kHandoff = R"(code: handoff
version: v1
status: active
title: {kk: Х, ru: Х, en: Hand-off}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: {from: 2020-01-01}
provider: centre
channels:
  office: {ref: "1", start: register}
intake:
  fields:
    - {name: destination_office, type: office, label: {kk: Кеңсе, ru: Ведомство, en: Office}}
steps:
  - id: register
    ref: "1.1"
    role: office_clerk
    limit: 20min
    title: {kk: а, ru: б, en: Register}
    outcomes:
      - {id: accepted, next: approve}
  - id: approve
    ref: "1.2"
    role: head
    office: oblast
    limit: 1h
    title: {kk: а, ru: б, en: Approve at the oblast}
    outcomes:
      - {id: approved, decides: notification, next: settle}
  - id: settle
    ref: "1.3"
    role: office_clerk
    office: destination
    limit: 2wd
    title: {kk: а, ru: б, en: Settle at the destination}
    outcomes:
      - {id: settled, end: decided}
)";

const char* const kTimersGrounds = R"(process: timers
grounds:
  - {code: unreliable_documents, result: refusal, item: "10", text: {kk: а, ru: б, en: c}}
)";

class EngineDefinitions : public ::testing::Test {
 protected:
  EngineDefinitions() {
    tree_.Definition("timers", "v1", kTimers);
    tree_.Grounds("timers", kTimersGrounds);
    tree_.Definition("handoff", "v1", kHandoff);
    tree_.Grounds("handoff", std::string(kTimersGrounds).replace(9, 6, "handoff"));
    std::string consent = DemoDefinition("v1");
    consent.replace(consent.find("code: demo"), 10, "code: consent");
    consent.replace(consent.find("intake:\n"), 8, "intake:\n  consent_required: true\n");
    tree_.Definition("consent", "v1", consent);
    std::string consent_grounds = DemoGrounds();
    consent_grounds.replace(consent_grounds.find("process: demo"), 13, "process: consent");
    tree_.Grounds("consent", consent_grounds);
    // demo v1 until Monday, v2 (registration within 10 minutes) from Tuesday.
    tree_.Definition("demo", "v1", DemoDefinition("v1", "{from: 2020-01-01, to: 2026-11-23}"));
    std::string v2 = DemoDefinition("v2", "{from: 2026-11-24}");
    v2.replace(v2.find("limit: 20min"), 12, "limit: 10min");
    tree_.Definition("demo", "v2", v2);
    tree_.Grounds("demo", DemoGrounds());
    // The monthly loop of P3's shape: the repeat at each month's start, the report due by the
    // 10th of the month it opens in.
    std::string monthly = kTimers;
    monthly.replace(monthly.find("code: timers"), 12, "code: monthly");
    monthly.replace(monthly.find("every: month"), 12, "every: month_start");
    monthly.replace(monthly.find("limit: 1wd"), 10, "due_day: 10");
    tree_.Definition("monthly", "v1", monthly);
    tree_.Grounds("monthly", std::string(kTimersGrounds).replace(9, 6, "monthly"));
  }

  EngineFixture Engine() {
    return EngineFixture(
        Backend::kSqlite, tree_.processes(), tree_.reference(), DefaultDefinitionVocabulary(),
        [this](CaseHooks& hooks) {
          hooks.AddGuard("contract_term_over", "test.guard"_msg, "the term is not over yet",
                         [this](HookContext&) -> Expected<bool> { return term_over_.load(); });
        });
  }

  DefinitionTree tree_;
  std::atomic<bool> term_over_{false};
};

const json kCardHolder = {{"applicant", {{"iin", "851102400347"}}},
                          {"documents", {{{"type", "application"}}}}};
json Applicant(const std::string& iin) {
  return {{"applicant", {{"iin", iin}}}, {"documents", {{{"type", "application"}}}}};
}

TEST_F(EngineDefinitions, AnAutomaticCheckEndsACaseAtOnce) {
  auto engine = Engine();
  ScriptRunner(engine).Run(
      {"no card",
       {Start("timers", "office", "clerk", {{"applicant", {{"iin", "951203400783"}}}},
              {.open = Open{}, .status = "cancelled", .result = "ineligible"})}});
}

TEST_F(EngineDefinitions, AWaitLapsesWhenItsWindowCloses) {
  auto engine = Engine();
  ScriptRunner(engine).Run(
      {"lapse",
       {Start("timers", "office", "clerk", {{"applicant", {{"iin", "851102400347"}}}},
              // 2wd from Monday: closing time of Wednesday.
              {.open = Open{"reply office_clerk kzo-city 2026-11-25T18:30"}}),
        Fire({.open = Open{"reply office_clerk kzo-city 2026-11-25T18:30"}}),
        Wait(2 * 24 * 60 + 8 * 60 + 30),  // Wednesday 18:30: the window has closed
        Fire({.open = Open{}, .status = "cancelled", .result = "lapsed"}),
        Do("reply", "replied", "clerk", {}, {.error = ErrorCode::kConflict})}});
}

TEST_F(EngineDefinitions, TheApplicantAnswersThenATimerAndMonthlyRepeatsRun) {
  auto engine = Engine();
  ScriptRunner runner(engine);
  runner.Run(
      {"reply",
       {Card("900515300127"),
        Start("timers", "office", "clerk", {{"applicant", {{"iin", "900515300127"}}}}),
        Do("reply", "lapsed", "seeker", {},
           {.error = ErrorCode::kUnprocessable, .message = "not offered"}),
        Do("reply", "replied", "employer", {}, {.error = ErrorCode::kNotFound}),
        Do("reply", "replied", "seeker", {}, {.open = Open{"pause - kzo-city 2026-11-24T18:30"}}),
        Do("pause", "elapsed", "clerk", {}, {.error = ErrorCode::kForbidden, .message = "system"}),
        Wait(8 * 60 + 30),  // Monday 18:30
        Fire({.open = Open{"pause - kzo-city 2026-11-24T18:30"}}),
        Wait(24 * 60),  // Tuesday 18:30: the working day has passed
        Fire({.open = Open{"monitor - kzo-city 2026-12-24T18:30"}}),
        Wait(30 * 24 * 60),  // 2026-12-24 18:30: the month is up, the term is not
        Fire({.open = Open{"report employer_specialist kzo-city 2026-12-25T18:30"}}),
        Do("report", "checked", "employers", {},
           {.open = Open{"monitor - kzo-city 2027-01-24T18:30"}})}});
  term_over_ = true;
  engine.Advance(std::chrono::hours(24 * 31));
  auto fired = engine.cases().FireDue();
  ASSERT_TRUE(fired.has_value());
  EXPECT_EQ(*fired, 1);
  auto detail = engine.cases().Load(runner.current());
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->kase.status, "completed");
  EXPECT_EQ(detail->kase.result->kind, "contract_fulfilled");
}

TEST_F(EngineDefinitions, AStepDueByADayOfTheMonthOpensWithThatDueTime) {
  auto engine = Engine();
  ScriptRunner(engine).Run(
      {"monthly",
       {Card("900515300127"),
        Start("monthly", "office", "clerk", {{"applicant", {{"iin", "900515300127"}}}}),
        Do("reply", "replied", "seeker", {}, {.open = Open{"pause - kzo-city 2026-11-24T18:30"}}),
        Wait(32 * 60 + 30),  // Tuesday 18:30
        Fire({.open = Open{"monitor - kzo-city 2026-12-01T00:00"}}),
        Wait(6 * 24 * 60 + 6 * 60),  // Tuesday 1 December, 00:30: the month has started
        // Thursday the 10th at closing time; in January the 10th is a Sunday: Monday the 11th.
        Fire({.open = Open{"report employer_specialist kzo-city 2026-12-10T18:30"}}),
        Do("report", "checked", "employers", {},
           {.open = Open{"monitor - kzo-city 2027-01-01T00:00"}}),
        Wait(31 * 24 * 60),
        Fire({.open = Open{"report employer_specialist kzo-city 2027-01-11T18:30"}})}});
}

TEST_F(EngineDefinitions, TheSweeperFiresDueTasksInTheBackground) {
  auto engine = Engine();
  ScriptRunner runner(engine);
  runner.Run(
      {"start", {Start("timers", "office", "clerk", {{"applicant", {{"iin", "851102400347"}}}})}});
  CaseSweeper sweeper(engine.cases(), std::chrono::milliseconds(5));
  engine.Advance(std::chrono::hours(24 * 3));
  std::string status;
  for (int i = 0; i < 400 && status != "cancelled"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto detail = engine.cases().Load(runner.current());
    ASSERT_TRUE(detail.has_value());
    status = detail->kase.status;
  }
  EXPECT_EQ(status, "cancelled");
}

TEST_F(EngineDefinitions, TheSweeperRunsItsOtherPassesEachTimeAndAFailureStopsNone) {
  auto engine = Engine();
  std::atomic<int> failing{0}, counted{0};
  {
    CaseSweeper sweeper(engine.cases(), std::chrono::milliseconds(5), nullptr,
                        {{"broken",
                          [&failing]() -> Status {
                            ++failing;
                            return Error::Internal("always fails");
                          }},
                         {"counting", [&counted]() -> Status {
                            ++counted;
                            return {};
                          }}});
    for (int i = 0; i < 400 && counted < 3; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  EXPECT_GE(counted.load(), 3);
  EXPECT_GE(failing.load(), counted.load() - 1);  // the first runs before the second, each pass
}

TEST_F(EngineDefinitions, ARunningCaseKeepsItsVersionWhenANewerOneComesIntoForce) {
  auto engine = Engine();
  engine.AddStaff("executor-b", "kzo-city", "executor");
  ScriptRunner(engine).Run(
      {"versions",
       {Card("900515300127"),
        Start("demo", "office", "clerk", kCardHolder,
              {.open = Open{"register office_clerk kzo-city 2026-11-23T10:20"}, .version = "v1"}),
        Wait(24 * 60),  // Tuesday 10:00: v2 is in force
        Start("demo", "office", "clerk", Applicant("900515300127"),
              {.open = Open{"register office_clerk kzo-city 2026-11-24T10:10"}, .version = "v2"}),
        Use(0),
        Do("register", "accepted", "clerk", {},
           {.open = Open{"assign head kzo-city 2026-11-24T10:20"}, .version = "v1"}),
        Do("assign", "assigned", "head", {{"assignee", "executor-b"}}),
        Do("review", "approve", "executor-b", {},
           {.open = Open{"sign head kzo-city 2026-11-24T10:20"}}),
        Do("sign", "signed", "head", {},
           {.status = "completed", .result = "notification", .version = "v1"}),
        Use(1), Do("register", "accepted", "clerk", {}, {.version = "v2"})}});
}

TEST_F(EngineDefinitions, StepsGoToTheOblastAndDestinationQueues) {
  auto engine = Engine();
  ScriptRunner(engine).Run(
      {"no destination",
       {Start("handoff", "office", "clerk", {{"applicant", {{"iin", "851102400347"}}}}),
        Do("register", "accepted", "clerk", {},
           {.open = Open{"approve head kzo-oblast 2026-11-23T11:00"}}),
        Do("approve", "approved", "head", {},
           {.error = ErrorCode::kForbidden, .message = "another office"}),
        Do("approve", "approved", "oblast-head", {},
           {.error = ErrorCode::kUnprocessable,
            .message = "data.destination_office",
            .open = Open{"approve head kzo-oblast 2026-11-23T11:00"}})}});
  ScriptRunner(engine).Run(
      {"to Aral",
       {Start("handoff", "office", "clerk",
              {{"applicant", {{"iin", "851102400347"}}},
               {"data", {{"destination_office", "kzo-aral"}}}}),
        Do("register", "accepted", "clerk"),
        Do("approve", "approved", "oblast-head", {},
           {.open = Open{"settle office_clerk kzo-aral 2026-11-25T18:30"}}),
        Do("settle", "settled", "clerk", {}, {.error = ErrorCode::kForbidden}),
        Do("settle", "settled", "clerk2", {}, {.status = "completed", .result = "notification"})}});
}

TEST_F(EngineDefinitions, NoConsentNoCase) {
  auto engine = Engine();
  const json documents = {{{"type", "application"}}};
  ScriptRunner(engine).Run(
      {"consent",
       {Start("consent", "office", "clerk",
              {{"applicant", {{"iin", "851102400347"}}}, {"documents", documents}},
              {.error = ErrorCode::kUnprocessable, .message = "consent"}),
        Start("consent", "office", "clerk",
              {{"applicant", {{"iin", "851102400347"}}},
               {"documents", documents},
               {"data", {{"consent", "yes"}}}},
              {.error = ErrorCode::kUnprocessable, .message = "consent"}),
        Start("consent", "office", "clerk",
              {{"applicant", {{"iin", "851102400347"}}},
               {"documents", documents},
               {"data", {{"consent", true}}}},
              {.status = "open"})}});
}

TEST_F(EngineDefinitions, AStepGuardStopsTheStep) {
  auto engine = Engine();
  ScriptRunner(engine).Run(
      {"step guard",
       {Start("demo", "office", "clerk", Applicant("951203400783")),
        Do("register", "accepted", "clerk"),
        Do("assign", "assigned", "head", {{"assignee", "executor"}}),
        Do("review", "refuse", "executor", {{"grounds", {"unreliable_documents"}}},
           {.error = ErrorCode::kUnprocessable, .message = "step 6.4 cannot be completed"})}});
}

}  // namespace
}  // namespace jumys::testing
