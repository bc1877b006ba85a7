// Filing and completing with declared fields through the engine, without HTTP: a refused
// filing or completion gets one detail per bad field and stores nothing; the applicant kind
// is checked; each task's time left is counted on its office's calendar.
#include <gtest/gtest.h>

#include "engine/case_test_support.h"
#include "engine/definition_test_support.h"

namespace jumys::testing {
namespace {

using nlohmann::json;

const char* const kFielded = R"(code: fielded
version: v1
status: active
title: {kk: Ө, ru: П, en: Fielded}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: register}
intake:
  fields:
    - {name: workers, type: number, required: true, min: 1, max: 1000,
       label: {kk: Қызметкерлер, ru: Работники, en: Workers}}
    - {name: start, type: date, not_past: true, label: {kk: Басы, ru: Начало, en: Start}}
steps:
  - id: register
    ref: "1.1"
    role: office_clerk
    limit: 20min
    title: {kk: а, ru: б, en: Register}
    fields:
      - {name: note, type: text, max_length: 10, label: {kk: а, ru: б, en: Note}}
      - {name: inspector, type: staff, role: executor, label: {kk: а, ru: б, en: Inspector}}
    outcomes:
      - id: accepted
        next: review
        fields:
          - {name: office_to, type: office, required: true, label: {kk: а, ru: б, en: Office}}
      - {id: refused, end: acceptance_refusal, requires_grounds: true}
  - id: review
    ref: "1.2"
    role: executor
    limit: 1wd
    title: {kk: а, ru: б, en: Review}
    outcomes:
      - {id: done, end: notification}
)";

const char* const kFieldedGrounds = R"(process: fielded
grounds:
  - {code: incomplete_set, result: acceptance_refusal, item: "1", text: {kk: а, ru: б, en: c}}
)";

const char* const kBin = "150340004568";

class CaseFields : public ::testing::Test {
 protected:
  CaseFields() {
    tree_.Definition("fielded", "v1", kFielded);
    tree_.Grounds("fielded", kFieldedGrounds);
  }

  EngineFixture Engine() {
    return EngineFixture(Backend::kSqlite, tree_.processes(), tree_.reference());
  }

  static CaseService::StartRequest Filing(json data, std::string bin = kBin) {
    CaseService::StartRequest r;
    r.process = "fielded";
    r.channel = Channel::kOffice;
    r.applicant_bin = std::move(bin);
    r.data = std::move(data);
    return r;
  }

  // Rows of cases, tasks and audit events: what a refused change must not add to.
  static std::string Stored(EngineFixture& engine) {
    std::string out;
    EXPECT_TRUE(engine.db()
                    .Read([&](storage::Tx& tx) -> Status {
                      for (const char* table : {"cases", "tasks", "audit_events"}) {
                        JUMYS_ASSIGN_OR_RETURN(
                            auto rows, tx.Query(std::string("SELECT COUNT(*) FROM ") + table));
                        out += std::string(table) + "=" + std::to_string(rows.Int(0, 0)) + " ";
                      }
                      return {};
                    })
                    .has_value());
    return out;
  }

  static std::vector<std::string> Details(const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.details) out.push_back(d.field + " " + d.key);
    return out;
  }

  DefinitionTree tree_;
};

using Lines = std::vector<std::string>;

TEST_F(CaseFields, AFilingWithBadDataIsRefusedAndNothingIsStored) {
  auto engine = Engine();
  const std::string before = Stored(engine);
  auto refused = engine.cases().Start(
      engine.As("clerk"), Filing({{"workers", 0}, {"start", "2026-11-22"}, {"nickname", "x"}}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(refused.error().key, "data.invalid");
  EXPECT_EQ(Details(refused.error()),
            (Lines{"data.workers field.out_of_range", "data.start field.date_past",
                   "data.nickname field.unknown"}));
  EXPECT_EQ(Stored(engine), before);

  auto missing = engine.cases().Start(engine.As("clerk"), Filing(json::object()));
  ASSERT_FALSE(missing);
  EXPECT_EQ(Details(missing.error()), Lines{"data.workers field.required"});
  EXPECT_EQ(Stored(engine), before);

  auto filed =
      engine.cases().Start(engine.As("clerk"), Filing({{"workers", 12}, {"start", "2026-11-23"}}));
  ASSERT_TRUE(filed) << filed.error().message;
  auto detail = engine.cases().Load(*filed);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->kase.data, json({{"workers", 12}, {"start", "2026-11-23"}}));
}

TEST_F(CaseFields, TodayIsTheOfficesDate) {
  auto engine = Engine();
  // Tuesday 02:00 in Kyzylorda is still Monday in UTC: Monday is past here.
  engine.Advance(std::chrono::hours(16));
  auto refused =
      engine.cases().Start(engine.As("clerk"), Filing({{"workers", 1}, {"start", "2026-11-23"}}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(Details(refused.error()), Lines{"data.start field.date_past"});
  EXPECT_TRUE(
      engine.cases().Start(engine.As("clerk"), Filing({{"workers", 1}, {"start", "2026-11-24"}})));
}

TEST_F(CaseFields, TheApplicantMustBeOfTheKindTheServiceIsFor) {
  auto engine = Engine();
  CaseService::StartRequest person = Filing({{"workers", 1}}, "");
  person.applicant_iin = "951203400783";
  auto refused = engine.cases().Start(engine.As("clerk"), person);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(refused.error().key, "case.applicant_employer");
  EXPECT_EQ(refused.error().params, (MessageParams{{"field", "applicant"}}));
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0].field, "applicant");
}

TEST_F(CaseFields, ACompletionWithBadDataIsRefusedAndNothingIsStored) {
  auto engine = Engine();
  auto filed = engine.cases().Start(engine.As("clerk"), Filing({{"workers", 3}}));
  ASSERT_TRUE(filed) << filed.error().message;
  auto loaded = engine.cases().Load(*filed);
  ASSERT_TRUE(loaded);
  const std::int64_t task = loaded->tasks.front().id;
  const std::string before = Stored(engine);

  auto refused = engine.cases().Complete(engine.As("clerk"), task, "accepted",
                                         {{"note", "far too long for ten"},
                                          {"inspector", "head"},
                                          {"office_to", "kzo-nowhere"},
                                          {"extra", true}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "data.invalid");
  EXPECT_EQ(Details(refused.error()),
            (Lines{"data.note field.too_long", "data.inspector field.staff_role_unknown",
                   "data.office_to field.office_unknown", "data.extra field.unknown"}));
  EXPECT_EQ(refused.error().details[1].params, (MessageParams{{"role", "executor"}}));
  EXPECT_EQ(Stored(engine), before);
  auto after = engine.cases().Load(*filed);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->tasks.front().open());
  EXPECT_EQ(after->kase.row_version, loaded->kase.row_version);

  // The outcome's fields are asked for that outcome only; a refusal's grounds are the engine's.
  auto other =
      engine.cases().Complete(engine.As("clerk"), task, "refused",
                              {{"grounds", {"incomplete_set"}}, {"office_to", "kzo-city"}});
  ASSERT_FALSE(other);
  EXPECT_EQ(Details(other.error()), Lines{"data.office_to field.unknown"});
  auto no_office = engine.cases().Complete(engine.As("clerk"), task, "accepted", {{"note", "ok"}});
  ASSERT_FALSE(no_office);
  EXPECT_EQ(Details(no_office.error()), Lines{"data.office_to field.required"});
  EXPECT_EQ(Stored(engine), before);

  auto done = engine.cases().Complete(
      engine.As("clerk"), task, "accepted",
      {{"note", "ok"}, {"inspector", "executor"}, {"office_to", "kzo-oblast"}});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->tasks.back().step, "review");

  // A step that declares no fields takes no data.
  auto undeclared = engine.cases().Complete(engine.As("executor"), done->tasks.back().id, "done",
                                            {{"anything", 1}});
  ASSERT_FALSE(undeclared);
  EXPECT_EQ(Details(undeclared.error()), Lines{"data.anything field.unknown"});
  auto review =
      engine.cases().Complete(engine.As("executor"), done->tasks.back().id, "done", json::object());
  ASSERT_TRUE(review) << review.error().message;
  EXPECT_EQ(review->kase.status, "completed");
}

TEST_F(CaseFields, TasksCarryTheirWorkingTimeLeft) {
  auto engine = Engine();
  auto filed = engine.cases().Start(engine.As("clerk"), Filing({{"workers", 3}}));
  ASSERT_TRUE(filed);
  const auto left = [&]() -> std::pair<std::optional<std::int64_t>, std::string> {
    auto queue = engine.cases().Queue(engine.As("clerk"), 10, std::nullopt);
    EXPECT_TRUE(queue.has_value());
    if (!queue || queue->empty()) return {std::nullopt, "none"};
    const TaskTimeLeft& t = queue->front().time_left;
    return {t.working_minutes, UrgencyName(t.urgency)};
  };
  // Register: 20 working minutes from Monday 10:00.
  EXPECT_EQ(left(), std::make_pair(std::optional<std::int64_t>(20), std::string("ok")));
  engine.Advance(std::chrono::minutes(14));
  EXPECT_EQ(left(), std::make_pair(std::optional<std::int64_t>(6), std::string("ok")));
  engine.Advance(std::chrono::minutes(1));
  EXPECT_EQ(left(), std::make_pair(std::optional<std::int64_t>(5), std::string("near")))
      << "a quarter of 20 minutes left";
  engine.Advance(std::chrono::minutes(12));
  EXPECT_EQ(left(), std::make_pair(std::optional<std::int64_t>(-7), std::string("overdue")));
  auto detail = engine.cases().Load(*filed);
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->time_left.size(), 1u);
  EXPECT_EQ(detail->time_left[0].working_minutes, -7);
  EXPECT_EQ(detail->time_left[0].urgency, Urgency::kOverdue);
}

}  // namespace
}  // namespace jumys::testing
