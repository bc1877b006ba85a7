#pragma once
// Steps the applicant works in the cabinet (a user step of role employer / job_seeker), without
// HTTP, on both stores, with a small definition of its own: a staff step, then the employer's
// answer (a field; a refusal whose reason is required), then the employer's signing step. Any
// account of the case's employer lists and completes them; another employer's account neither
// sees nor completes them; staff queues never hold them; opening one writes the
// step_awaits_applicant message to the outbox. Include from one test file per binary and
// instantiate ApplicantStepsSuite with a Backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/source_dir.h"
#include "engine/case_engine.h"
#include "engine/case_test_support.h"
#include "engine/definition_test_support.h"
#include "engine/notification_templates.h"
#include "engine/notifier.h"
#include "storage/repositories/notification_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

namespace applicant_steps {

inline const char* const kDefinition = R"(code: cabinet
version: v1
status: active
title: {kk: Кабинет қадамдары, ru: Шаги в кабинете, en: Cabinet steps}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 10wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: register}
steps:
  - id: register
    ref: "1.1"
    role: employer_specialist
    limit: 1wd
    title: {kk: Тіркеу, ru: Регистрация, en: Register}
    outcomes:
      - {id: accepted, next: answer}
  - id: answer
    ref: "5.1"
    role: employer
    limit: 2wd
    title: {kk: Жұмыс берушінің жауабы, ru: Ответ работодателя, en: The employer's answer}
    fields:
      - {name: workplaces, type: number, required: true, min: 1, max: 100,
         label: {kk: Жұмыс орындары, ru: Рабочие места, en: Workplaces}}
    outcomes:
      - {id: agree, decides: notification, next: sign}
      - id: refuse
        end: refusal
        fields:
          - {name: reason, type: text, required: true, max_length: 500,
             label: {kk: Бас тарту себебі, ru: Причина отказа, en: Reason for refusal}}
  - id: sign
    ref: "5.2"
    role: employer
    limit: 2wd
    signature: required
    title: {kk: Қол қою, ru: Подписание, en: Sign}
    outcomes:
      - {id: signed, end: decided}
)";

inline const char* const kGrounds = R"(process: cabinet
grounds:
  - {code: incomplete_set, result: acceptance_refusal, item: "1", text: {kk: а, ru: б, en: c}}
)";

inline const char* const kBin = "080540001238";       // the demo employer, account "employer"
inline const char* const kOtherBin = "150340004568";  // another employer of the city

}  // namespace applicant_steps

class ApplicantStepsSuite : public ::testing::TestWithParam<Backend> {
 protected:
  ApplicantStepsSuite() {
    tree_.Definition("cabinet", "v1", applicant_steps::kDefinition);
    tree_.Grounds("cabinet", applicant_steps::kGrounds);
    engine_ = std::make_unique<EngineFixture>(GetParam(), tree_.processes(), tree_.reference());
    auto templates = LoadNotificationTemplates(SourceDir() / "reference/notifications");
    EngineFixture::Must(templates, "templates");
    templates_ = std::move(*templates);
    NotifierOptions options;
    options.email = true;
    notifier_ = std::make_unique<Notifier>(templates_, engine_->offices(), options);
    engine_->cases().SetNotifier(notifier_.get());
    // A second account of the same employer, and an account of another employer.
    AddApplicant("employer-2", applicant_steps::kBin);
    AddApplicant("other-employer", applicant_steps::kOtherBin);
  }

  EngineFixture& engine() { return *engine_; }

  void AddApplicant(const std::string& login, const std::string& bin) {
    storage::UserRecord u;
    u.login = login;
    u.kind = "applicant";
    u.full_name = login;
    u.roles = "employer";
    u.bin = bin;
    u.password_hash = "x";
    EngineFixture::Must(engine_->db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(storage::InsertUser(tx, u, FormatRfc3339(engine_->Now())));
      return {};
    }),
                        "applicant");
  }

  // A case filed at the city office for the demo employer, registered by the specialist: the
  // employer's answer is open.
  std::int64_t FileAndRegister() {
    CaseService::StartRequest r;
    r.process = "cabinet";
    r.channel = Channel::kOffice;
    r.applicant_bin = applicant_steps::kBin;
    auto id = engine_->cases().Start(engine_->As("clerk"), r);
    EXPECT_TRUE(id.has_value()) << id.error().message << " " << id.error().internal;
    if (!id) return 0;
    const TaskRow reg = engine_->OpenTask(*id, "register");
    auto done = engine_->cases().Complete(engine_->As("employers"), reg.id, "accepted",
                                          nlohmann::json::object());
    EXPECT_TRUE(done.has_value()) << done.error().message << " " << done.error().internal;
    return *id;
  }

  std::vector<QueueTask> QueueOf(const std::string& login) {
    auto q = engine_->cases().Queue(engine_->As(login), 100, std::nullopt);
    EXPECT_TRUE(q.has_value()) << q.error().message;
    return q ? *q : std::vector<QueueTask>{};
  }

  // The fields an error names, joined: "data.workplaces data.reason".
  static std::string Fields(const Error& e) {
    std::string out = e.key;
    for (const auto& d : e.details) out += " " + d.field;
    return out;
  }

  static bool Holds(const std::vector<QueueTask>& queue, std::int64_t task_id) {
    for (const auto& q : queue)
      if (q.task.id == task_id) return true;
    return false;
  }

  std::vector<storage::NotificationRow> Messages(const std::string& template_name) {
    std::vector<storage::NotificationRow> out;
    storage::NotificationFilter all;
    all.limit = 10000;
    EngineFixture::Must(engine_->db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto rows, storage::ListNotifications(tx, all));
      for (auto& m : rows)
        if (m.template_name == template_name) out.push_back(std::move(m));
      return {};
    }),
                        "messages");
    std::reverse(out.begin(), out.end());  // oldest first
    return out;
  }

  std::int64_t CaseVersion(std::int64_t case_id) {
    auto d = engine_->cases().Load(case_id);
    EXPECT_TRUE(d.has_value());
    return d ? d->kase.row_version : -1;
  }

  DefinitionTree tree_;
  std::unique_ptr<EngineFixture> engine_;
  NotificationTemplates templates_;
  std::unique_ptr<Notifier> notifier_;
};

TEST_P(ApplicantStepsSuite, TheEmployersAccountsListTheStepOthersAndStaffDoNot) {
  const std::int64_t id = FileAndRegister();
  const TaskRow answer = engine().OpenTask(id, "answer");
  ASSERT_EQ(answer.role, Role::kEmployer);
  EXPECT_TRUE(answer.has_due());  // its 2wd limit counts on the office's calendar
  EXPECT_TRUE(Holds(QueueOf("employer"), answer.id));
  EXPECT_TRUE(Holds(QueueOf("employer-2"), answer.id));  // any account of the employer
  EXPECT_FALSE(Holds(QueueOf("other-employer"), answer.id));
  EXPECT_FALSE(Holds(QueueOf("seeker"), answer.id));
  for (const char* staff : {"clerk", "employers", "head", "executor", "admin"}) {
    EXPECT_FALSE(Holds(QueueOf(staff), answer.id)) << staff;
  }
}

TEST_P(ApplicantStepsSuite, AnotherEmployerGets404AndStaff403AndNothingChanges) {
  const std::int64_t id = FileAndRegister();
  const TaskRow answer = engine().OpenTask(id, "answer");
  const std::int64_t version = CaseVersion(id);
  auto other = engine().cases().Complete(engine().As("other-employer"), answer.id, "agree",
                                         {{"workplaces", 3}});
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  auto staff =
      engine().cases().Complete(engine().As("employers"), answer.id, "agree", {{"workplaces", 3}});
  ASSERT_FALSE(staff.has_value());
  EXPECT_EQ(staff.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(staff.error().key, "task.other_role");
  EXPECT_EQ(CaseVersion(id), version);
  EXPECT_TRUE(engine().OpenTask(id, "answer").open());
}

TEST_P(ApplicantStepsSuite, TheEmployerAnswersWithTheStepsFieldsAndARefusalNeedsItsReason) {
  const std::int64_t id = FileAndRegister();
  const TaskRow answer = engine().OpenTask(id, "answer");
  const Actor employer = engine().As("employer-2");
  auto missing = engine().cases().Complete(employer, answer.id, "agree", nlohmann::json::object());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(Fields(missing.error()).find("workplaces"), std::string::npos)
      << Fields(missing.error());
  auto no_reason = engine().cases().Complete(employer, answer.id, "refuse", {{"workplaces", 3}});
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_NE(Fields(no_reason.error()).find("reason"), std::string::npos)
      << Fields(no_reason.error());
  auto unknown = engine().cases().Complete(employer, answer.id, "approve", {{"workplaces", 3}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().key, "case.outcome_unknown");
  EXPECT_TRUE(engine().OpenTask(id, "answer").open());

  auto refused = engine().cases().Complete(
      employer, answer.id, "refuse", {{"workplaces", 3}, {"reason", "Штат толық жасақталған"}});
  ASSERT_TRUE(refused.has_value()) << refused.error().message << " " << refused.error().internal;
  EXPECT_FALSE(refused->kase.open());
  ASSERT_TRUE(refused->kase.result.has_value());
  EXPECT_EQ(refused->kase.result->kind, "refusal");
  for (const auto& t : refused->tasks) {
    if (t.id != answer.id) continue;
    EXPECT_EQ(t.completed_by, "employer-2");
    EXPECT_EQ(t.data.value("reason", ""), "Штат толық жасақталған");
  }
}

TEST_P(ApplicantStepsSuite, OpeningTheStepWritesTheApplicantsMessageOnce) {
  const std::int64_t id = FileAndRegister();
  const TaskRow answer = engine().OpenTask(id, "answer");
  auto messages = Messages("step_awaits_applicant");
  ASSERT_EQ(messages.size(), 1u);  // the inbox: the demo employer left no e-mail address
  EXPECT_EQ(messages[0].party_kind, "employer");
  EXPECT_EQ(messages[0].party_id, applicant_steps::kBin);
  EXPECT_EQ(messages[0].case_id, id);
  EXPECT_EQ(messages[0].task_id, answer.id);
  EXPECT_NE(messages[0].body.find("Жұмыс берушінің жауабы"), std::string::npos) << messages[0].body;
  // The staff step before it wrote no such message; the next employer step writes its own.
  auto agreed =
      engine().cases().Complete(engine().As("employer"), answer.id, "agree", {{"workplaces", 3}});
  ASSERT_TRUE(agreed.has_value()) << agreed.error().message << " " << agreed.error().internal;
  const TaskRow sign = engine().OpenTask(id, "sign");
  messages = Messages("step_awaits_applicant");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].task_id, sign.id);
}

}  // namespace jumys::testing
