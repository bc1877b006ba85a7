// The engine's pure rules: intake, offered outcomes, periods, working time, percentiles, and
// the registry of guards and effects against the definitions' vocabulary.
#include "engine/case_engine.h"

#include <gtest/gtest.h>

#include "core/calendar_loader.h"
#include "core/source_dir.h"
#include "engine/definition_loader.h"
#include "engine/sla_report.h"
#include "engine/sla_working_minutes.h"
#include "services/case_hooks.h"

namespace jumys {
namespace {

const ProcessCatalog& Shipped() {
  static const ProcessCatalog kCatalog = [] {
    auto c = LoadProcessCatalog(jumys::SourceDir() / "processes", jumys::SourceDir() / "reference",
                                DefaultDefinitionVocabulary());
    if (!c) throw std::runtime_error(c.error().message);
    return std::move(*c);
  }();
  return kCatalog;
}

const ProcessDefinition& S1() {
  return **Shipped().Find("job-seeker-registration", "kzo-2018-1057");
}

Date D(const char* text) { return *ParseDate(text); }

TEST(CaseIntake, ChecksTheChecklistOfTheChannel) {
  const Date today = D("2026-11-23");
  auto full = CheckIntake(S1(), Channel::kOffice,
                          {{"application", {}}, {"identity_document", D("2030-01-01")}}, today);
  ASSERT_TRUE(full.has_value());
  EXPECT_TRUE(full->accepted());
  auto missing = CheckIntake(S1(), Channel::kOffice, {{"education_document", {}}}, today);
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->missing, (std::vector<std::string>{"application", "identity_document"}));
  auto portal = CheckIntake(S1(), Channel::kPortal, {{"application", {}}}, today);
  ASSERT_TRUE(portal.has_value());
  EXPECT_TRUE(portal->accepted()) << "the identity document is asked only at the office";
  auto expired = CheckIntake(S1(), Channel::kOffice,
                             {{"application", {}},
                              {"identity_document", D("2026-11-22")},
                              {"employment_record", D("2026-01-01")}},
                             today);
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->expired, (std::vector<std::string>{"identity_document", "employment_record"}));
  auto today_ok = CheckIntake(S1(), Channel::kOffice,
                              {{"application", {}}, {"identity_document", today}}, today);
  EXPECT_TRUE(today_ok.has_value() && today_ok->accepted());
}

TEST(CaseIntake, RejectsDocumentsItCannotJudge) {
  const Date today = D("2026-11-23");
  EXPECT_FALSE(CheckIntake(S1(), Channel::kOffice, {{"permit", {}}}, today).has_value());
  EXPECT_FALSE(CheckIntake(S1(), Channel::kPortal, {{"identity_document", D("2030-01-01")}}, today)
                   .has_value());
  EXPECT_FALSE(
      CheckIntake(S1(), Channel::kOffice, {{"application", {}}, {"application", {}}}, today)
          .has_value());
  auto undated = CheckIntake(S1(), Channel::kOffice, {{"identity_document", {}}}, today);
  ASSERT_FALSE(undated.has_value());
  EXPECT_EQ(undated.error().code, ErrorCode::kUnprocessable);
}

std::vector<std::string> DetailKeys(const Error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) out.push_back(d.field + " " + d.key + " " + d.message);
  return out;
}

TEST(CaseIntake, ItsErrorsNameTheDocumentByKeyWithItsField) {
  const Date today = D("2026-11-23");
  auto undated =
      CheckIntake(S1(), Channel::kOffice, {{"application", {}}, {"identity_document", {}}}, today);
  ASSERT_FALSE(undated.has_value());
  const Error& e = undated.error();
  EXPECT_EQ(e.key, "document.needs_valid_until");
  EXPECT_EQ(e.params,
            (MessageParams{{"type", "identity_document"}, {"field", "documents[1].valid_until"}}));
  EXPECT_EQ(e.message,
            "documents[1].valid_until: document 'identity_document' needs valid_until: its "
            "validity is checked at intake");
  EXPECT_EQ(DetailKeys(e), (std::vector<std::string>{
                               "documents[1].valid_until document.needs_valid_until document "
                               "'identity_document' needs valid_until: its validity is checked "
                               "at intake"}));

  // A type the channel does not ask for: each type it does ask for is a detail.
  auto unasked = CheckIntake(S1(), Channel::kPortal, {{"identity_document", {}}}, today);
  ASSERT_FALSE(unasked.has_value());
  EXPECT_EQ(unasked.error().key, "document.not_asked");
  EXPECT_EQ(unasked.error().params, (MessageParams{{"type", "identity_document"},
                                                   {"process", "job-seeker-registration"},
                                                   {"channel", "portal"},
                                                   {"field", "documents[0].type"}}));
  const auto details = DetailKeys(unasked.error());
  ASSERT_GE(details.size(), 2u);
  EXPECT_EQ(details[1], "documents[0].type field.may_be may be 'application'");

  auto twice =
      CheckIntake(S1(), Channel::kOffice, {{"application", {}}, {"application", {}}}, today);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().key, "document.given_twice");
  EXPECT_EQ(twice.error().details.at(0).field, "documents[1].type");
}

TEST(CaseCompletion, RefusalsNameTheirKeyParamsAndWhatMayBeChosen) {
  const ProcessDefinition& def = S1();
  CaseRow kase;
  kase.office_id = "kzo-city";
  kase.applicant_iin = "850625300014";
  const Step& review = *def.FindStep("review");

  auto unknown = ValidateCompletion(def, review, kase, "lapse", nlohmann::json::object());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().key, "case.outcome_unknown");
  EXPECT_EQ(unknown.error().params, (MessageParams{{"outcome", "lapse"}, {"field", "outcome"}}));
  EXPECT_EQ(DetailKeys(unknown.error()),
            (std::vector<std::string>{
                "outcome case.outcome_unknown outcome 'lapse' is not an outcome of this step",
                "outcome field.may_be may be 'approve'", "outcome field.may_be may be 'refuse'"}));

  auto no_grounds = ValidateCompletion(def, review, kase, "refuse", nlohmann::json::object());
  ASSERT_FALSE(no_grounds.has_value());
  EXPECT_EQ(no_grounds.error().key, "case.needs_grounds");
  EXPECT_EQ(no_grounds.error().details.at(0).field, "data.grounds");
  EXPECT_GT(no_grounds.error().details.size(), 1u) << "the grounds that may be cited";

  auto bad_ground =
      ValidateCompletion(def, review, kase, "refuse", {{"grounds", {"no_such_ground"}}});
  ASSERT_FALSE(bad_ground.has_value());
  EXPECT_EQ(bad_ground.error().key, "case.ground_unknown");
  EXPECT_EQ(bad_ground.error().params,
            (MessageParams{{"ground", "no_such_ground"}, {"field", "data.grounds[0]"}}));

  auto no_assignee =
      ValidateCompletion(def, *def.FindStep("assign"), kase, "assigned", nlohmann::json::object());
  ASSERT_FALSE(no_assignee.has_value());
  EXPECT_EQ(no_assignee.error().key, "case.needs_assignee");
  EXPECT_EQ(no_assignee.error().params,
            (MessageParams{{"role", "executor"}, {"field", "data.assignee"}}));
}

TEST(CaseCompletion, WhoMayCompleteIsAnsweredByKey) {
  const ProcessDefinition& def = S1();
  CaseRow kase;
  kase.office_id = "kzo-city";
  kase.applicant_iin = "850625300014";
  TaskRow task;
  task.kind = StepKind::kUser;
  task.role = Role::kExecutor;
  task.office_id = "kzo-city";
  const Step& review = *def.FindStep("review");
  Actor clerk;
  clerk.login = "clerk";
  clerk.office_id = "kzo-city";
  clerk.roles.Add(Role::kOfficeClerk);
  auto other_role = MayComplete(clerk, kase, task, review);
  ASSERT_FALSE(other_role.has_value());
  EXPECT_EQ(other_role.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(other_role.error().key, "task.other_role");
  EXPECT_EQ(other_role.error().params, (MessageParams{{"role", "executor"}}));
  EXPECT_EQ(other_role.error().message, "this task is for the role executor");

  Actor executor = clerk;
  executor.login = "executor";
  executor.roles.Add(Role::kExecutor);
  executor.office_id = "kzo-aral";
  EXPECT_EQ(MayComplete(executor, kase, task, review).error().key, "task.other_office");
  executor.office_id = "kzo-city";
  task.assignee = "executor2";
  EXPECT_EQ(MayComplete(executor, kase, task, review).error().key, "task.assigned_to_other");
  task.assignee = "executor";
  EXPECT_TRUE(MayComplete(executor, kase, task, review).has_value());

  Actor stranger;
  stranger.applicant = true;
  stranger.iin = "900101300811";
  EXPECT_EQ(MayComplete(stranger, kase, task, review).error().key, "task.not_found");
}

TEST(CaseOutcomes, OfferedInOrderByTheDecidedResult) {
  Step step;
  Outcome a, b, c;
  a.id = "send";
  b.id = "notify_refusal";
  b.when_result = "refusal";
  c.id = "lapse";
  c.timeout = true;
  step.outcomes = {a, b, c};
  auto ids = [](const std::vector<const Outcome*>& os) {
    std::vector<std::string> out;
    for (const auto* o : os) out.push_back(o->id);
    return out;
  };
  EXPECT_EQ(ids(OfferedOutcomes(step, std::nullopt)), std::vector<std::string>{"send"});
  EXPECT_EQ(ids(OfferedOutcomes(step, "refusal")),
            (std::vector<std::string>{"send", "notify_refusal"}));
  EXPECT_EQ(ids(OfferedOutcomes(*S1().FindStep("review"), std::nullopt)),
            (std::vector<std::string>{"approve", "refuse"}));
}

Office Kyzylorda() {
  Office o;
  o.id = "kzo-city";
  o.time_zone = TimeZone::Fixed("UTC+5", std::chrono::hours(5));
  o.hours = OfficeHours::Standard();
  return o;
}

Instant Local(const char* text) {
  auto t = ParseLocalTime(text);
  return Instant{t->time_since_epoch() - std::chrono::hours(5)};
}

TEST(CasePeriods, AddCalendarPeriodsOnTheOfficeClock) {
  const Office o = Kyzylorda();
  EXPECT_EQ(AddPeriod(o, Local("2027-01-31T10:00"), RepeatPeriod::kMonth),
            Local("2027-02-28T10:00"));
  EXPECT_EQ(AddPeriod(o, Local("2026-11-23T23:30"), RepeatPeriod::kMonth),
            Local("2026-12-23T23:30"));
  EXPECT_EQ(AddPeriod(o, Local("2026-11-23T10:00"), RepeatPeriod::kWeek),
            Local("2026-11-30T10:00"));
  EXPECT_EQ(AddPeriod(o, Local("2026-11-30T10:00"), RepeatPeriod::kQuarter),
            Local("2027-02-28T10:00"));
  EXPECT_EQ(AddPeriod(o, Local("2028-02-29T10:00"), RepeatPeriod::kYear),
            Local("2029-02-28T10:00"));
  // The next calendar month's first midnight, whenever in the month it is entered.
  EXPECT_EQ(AddPeriod(o, Local("2026-11-30T10:00"), RepeatPeriod::kMonthStart),
            Local("2026-12-01T00:00"));
  EXPECT_EQ(AddPeriod(o, Local("2026-12-01T00:00"), RepeatPeriod::kMonthStart),
            Local("2027-01-01T00:00"));
}

class WorkingTime : public ::testing::Test {
 protected:
  WorkingTime() : office_(Kyzylorda()) {
    auto c = LoadCalendarDir(jumys::SourceDir() / "reference/calendar");
    if (!c) throw std::runtime_error(c.error().message);
    calendar_ = std::make_unique<WorkCalendar>(std::move(*c));
  }
  std::int64_t Minutes(const char* from, const char* to) {
    return WorkingMinutesBetween(*calendar_, office_.hours, office_.time_zone, Local(from),
                                 Local(to));
  }
  Office office_;
  std::unique_ptr<WorkCalendar> calendar_;
};

TEST_F(WorkingTime, CountsOfficeHoursOnWorkingDaysOnly) {
  EXPECT_EQ(Minutes("2026-11-23T10:00", "2026-11-23T10:20"), 20);
  EXPECT_EQ(Minutes("2026-11-23T12:50", "2026-11-23T14:40"), 20);  // lunch left out
  EXPECT_EQ(Minutes("2026-11-27T18:00", "2026-11-30T09:30"), 60);  // Friday to Monday
  EXPECT_EQ(Minutes("2026-11-23T07:00", "2026-11-23T09:10"), 10);  // before opening
  EXPECT_EQ(Minutes("2026-11-23T10:00", "2026-11-23T09:00"), 0);
  EXPECT_EQ(Minutes("2026-12-15T18:00", "2026-12-17T09:30"), 60);  // 16 December is a holiday
}

TEST_F(WorkingTime, MeasuresEveryDeadlineAsItsLimit) {
  // Starts every 37 minutes over two weeks (nights, lunches, a weekend, holidays): the working
  // time up to the deadline is the limit itself, whatever the start.
  for (const auto& text : {"20min", "30min", "5min", "2h"}) {
    const Limit limit = *ParseLimit(text);
    const std::int64_t minutes = limit.unit == Limit::kHours ? limit.amount * 60 : limit.amount;
    for (Instant from = Local("2026-12-10T00:00"); from < Local("2026-12-24T00:00");
         from += std::chrono::minutes(37)) {
      const Instant due = Deadline(*calendar_, office_.hours, office_.time_zone, from, limit);
      ASSERT_EQ(WorkingMinutesBetween(*calendar_, office_.hours, office_.time_zone, from, due),
                minutes)
          << text << " from " << FormatRfc3339(from);
    }
  }
}

TEST(SlaPercentiles, NearestRank) {
  EXPECT_EQ(NearestRank({}, 0.5), 0);
  EXPECT_EQ(NearestRank({7}, 0.9), 7);
  const std::vector<std::int64_t> ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(NearestRank(ten, 0.5), 5);
  EXPECT_EQ(NearestRank(ten, 0.9), 9);
  EXPECT_EQ(NearestRank({2, 5, 8}, 0.5), 5);
  EXPECT_EQ(NearestRank({2, 5, 8}, 0.9), 8);
}

TEST(CaseHooksRegistry, EveryImplementationIsANameTheDefinitionsMayUse) {
  const CaseHooks hooks = services::DefaultCaseHooks();
  const DefinitionVocabulary vocabulary = DefaultDefinitionVocabulary();
  for (const auto& g : hooks.GuardNames()) EXPECT_TRUE(vocabulary.guards.count(g)) << g;
  for (const auto& c : hooks.CheckNames()) EXPECT_TRUE(vocabulary.checks.count(c)) << c;
  for (const auto& e : hooks.EffectNames()) EXPECT_TRUE(vocabulary.effects.count(e)) << e;
}

TEST(CaseHooksRegistry, S1ToS3NameOnlyImplementedGuardsAndEffects) {
  const CaseHooks hooks = services::DefaultCaseHooks();
  for (const char* code :
       {"job-seeker-registration", "unemployed-registration", "active-measures-referral"}) {
    auto def = Shipped().Find(code, "kzo-2018-1057");
    ASSERT_TRUE(def.has_value()) << code;
    auto covered = hooks.Covers(**def);
    EXPECT_TRUE(covered.has_value()) << covered.error().message;
  }
  auto bare = CaseHooks().Covers(S1());
  ASSERT_FALSE(bare.has_value());
  EXPECT_NE(bare.error().message.find("job-seeker-registration/kzo-2018-1057.yaml:"),
            std::string::npos)
      << bare.error().message;
  EXPECT_NE(bare.error().message.find("has no implementation"), std::string::npos);
}

}  // namespace
}  // namespace jumys
