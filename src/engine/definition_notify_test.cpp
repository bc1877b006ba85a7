// `notify:` in definitions: each entry names a template of reference/notifications written for
// its recipient; `before_due` only on a user or wait step with a limit. A wrong entry refuses
// the definition, naming its file and line.
#include <gtest/gtest.h>

#include "core/source_dir.h"
#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;
using jumys::testing::DefinitionTree;
using jumys::testing::DemoDefinition;
using jumys::testing::DemoGrounds;
using jumys::testing::LineOf;
using jumys::testing::Mutate;

// A scratch tree with the demo definition as `text` and the shipped notification templates.
struct Loaded {
  fs::path file;
  Expected<ProcessCatalog> catalog;
};
Loaded Load(const DefinitionTree& tree, const std::string& text) {
  tree.Grounds("demo", DemoGrounds());
  fs::copy(SourceDir() / "reference/notifications", tree.reference() / "notifications",
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const fs::path file = tree.Definition("demo", "v1", text);
  return {file,
          LoadProcessCatalog(tree.processes(), tree.reference(), DefaultDefinitionVocabulary())};
}

void ExpectRefused(const std::string& text, const std::string& at, const std::string& reason) {
  DefinitionTree tree;
  auto loaded = Load(tree, text);
  ASSERT_FALSE(loaded.catalog) << "accepted:\n" << text;
  const int line = LineOf(text, at);
  ASSERT_GT(line, 0) << at;
  const std::string prefix = loaded.file.string() + ":" + std::to_string(line) + ": ";
  const std::string& message = loaded.catalog.error().message;
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << message << "\nexpected " << prefix;
  EXPECT_NE(message.find(reason), std::string::npos) << message;
}

const std::string kAccepted = "{id: accepted, next: assign}";
const std::string kReview = "    guards: [has_employment_card]\n";

TEST(DefinitionNotifyTest, NotifyOnOutcomesAndStepsIsRead) {
  std::string text = Mutate(DemoDefinition(), kAccepted,
                            "{id: accepted, next: assign, notify: [{to: applicant, template: "
                            "application_accepted}]}");
  text = Mutate(text, kReview,
                kReview +
                    "    notify: [{to: applicant, template: fee_window_closing, "
                    "before_due: 10min}, {to: applicant, template: permit_to_collect}]\n");
  DefinitionTree tree;
  auto loaded = Load(tree, text);
  ASSERT_TRUE(loaded.catalog) << loaded.catalog.error().message;
  auto def = loaded.catalog->Find("demo", "v1");
  ASSERT_TRUE(def);
  const Outcome* accepted = (*def)->FindStep("register")->FindOutcome("accepted");
  ASSERT_EQ(accepted->notify.size(), 1u);
  EXPECT_EQ(accepted->notify[0].template_name, "application_accepted");
  EXPECT_EQ(accepted->notify[0].to, NotifyRecipient::kApplicant);
  EXPECT_FALSE(accepted->notify[0].before_due);
  EXPECT_EQ(accepted->notify[0].line, LineOf(text, "application_accepted"));
  const Step* review = (*def)->FindStep("review");
  ASSERT_EQ(review->notify.size(), 2u);
  EXPECT_EQ(review->notify[0].before_due, (Limit{Limit::kMinutes, 10}));
  EXPECT_FALSE(review->notify[1].before_due);
}

TEST(DefinitionNotifyTest, AMissingTemplateIsRefused) {
  ExpectRefused(Mutate(DemoDefinition(), kAccepted,
                       "{id: accepted, next: assign,\n        notify: [{to: applicant, template: "
                       "decision_notise}]}"),
                "decision_notise", "no notification template 'decision_notise'");
  ExpectRefused(Mutate(DemoDefinition(), kReview,
                       kReview + "    notify:\n      - {to: applicant, template: no_such}\n"),
                "template: no_such", "no notification template 'no_such'");
}

TEST(DefinitionNotifyTest, AStaffTemplateIsNotForTheApplicant) {
  ExpectRefused(Mutate(DemoDefinition(), kAccepted,
                       "{id: accepted, next: assign,\n        notify: [{to: applicant, template: "
                       "task_overdue}]}"),
                "task_overdue",
                "template 'task_overdue' is written for staff, not for the applicant");
}

TEST(DefinitionNotifyTest, BeforeDueIsNotForOutcomes) {
  ExpectRefused(Mutate(DemoDefinition(), kAccepted,
                       "{id: accepted, next: assign,\n        notify: [{to: applicant, template: "
                       "fee_window_closing, before_due: 1wd}]}"),
                "fee_window_closing", "before_due");
}

TEST(DefinitionNotifyTest, BeforeDueNeedsAUserOrWaitStepWithALimit) {
  // A timer (its `after` is a limit, but nobody has a task to be reminded of).
  const std::string timer = R"(  - id: cool_off
    ref: "6.4"
    kind: timer
    after: 1wd
    notify: [{to: applicant, template: fee_window_closing, before_due: 2h}]
    title: {kk: Күту, ru: Ожидание, en: Cool off}
    outcomes:
      - {id: waited, next: assign}
)";
  std::string with_timer = Mutate(DemoDefinition(), kAccepted, "{id: accepted, next: cool_off}");
  with_timer = Mutate(with_timer, "  - id: assign\n", timer + "  - id: assign\n");
  ExpectRefused(with_timer, "before_due: 2h",
                "'before_due' needs a user or wait step with a limit or due_day");

  // An automatic step.
  const std::string automatic = R"(  - id: route
    ref: "6.4"
    kind: automatic
    notify: [{to: applicant, template: fee_window_closing, before_due: 2h}]
    title: {kk: Бағыт, ru: Маршрут, en: Route}
    outcomes:
      - {id: routed, next: assign}
)";
  std::string with_automatic = Mutate(DemoDefinition(), kAccepted, "{id: accepted, next: route}");
  with_automatic = Mutate(with_automatic, "  - id: assign\n", automatic + "  - id: assign\n");
  ExpectRefused(with_automatic, "before_due: 2h",
                "'before_due' needs a user or wait step with a limit or due_day");
}

TEST(DefinitionNotifyTest, AnUnknownRecipientIsRefused) {
  ExpectRefused(Mutate(DemoDefinition(), kAccepted,
                       "{id: accepted, next: assign,\n        notify: [{to: employer, template: "
                       "decision_notice}]}"),
                "to: employer", "employer");
  ExpectRefused(Mutate(DemoDefinition(), kReview,
                       kReview + "    notify:\n      - {template: decision_notice}\n"),
                "{template: decision_notice}", "to");
}

TEST(DefinitionNotifyTest, NotifyMustBeAList) {
  ExpectRefused(Mutate(DemoDefinition(), kReview,
                       kReview + "    notify: {to: applicant, template: decision_notice}\n"),
                "notify: {to", "'notify' must be a list");
}

}  // namespace
}  // namespace jumys
