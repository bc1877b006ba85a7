// Where a case's values come from, without HTTP: the applicant's data and what staff entered
// are kept apart (engine/case_values.h), so neither an applicant's filing nor an applicant's
// answer to a wait step can stand in for what staff entered, and keys no intake field declares
// are never the applicant's values, even when they reach the stored case.
#include "engine/case_values.h"

#include <gtest/gtest.h>

#include "engine/case_test_support.h"
#include "engine/definition_test_support.h"
#include "services/demo/demo_data.h"

namespace jumys::testing {
namespace {

using nlohmann::json;

const char* const kSourced = R"(code: sourced
version: v1
status: active
title: {kk: Д, ru: Д, en: Sourced}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: {from: 2020-01-01}
provider: centre
applicant: person
channels:
  office: {ref: "1", start: register}
intake:
  fields:
    - {name: purpose, type: text, label: {kk: а, ru: б, en: Purpose}}
    - {name: employer_name, type: text, label: {kk: а, ru: б, en: Preferred employer}}
steps:
  - id: register
    ref: "1.1"
    role: office_clerk
    limit: 20min
    title: {kk: а, ru: б, en: Register}
    fields:
      - {name: employer_name, type: text, label: {kk: а, ru: б, en: Employer}}
    outcomes:
      - {id: accepted, next: answer}
  - id: answer
    ref: "1.2"
    kind: wait
    party: applicant
    role: office_clerk
    limit: 2wd
    title: {kk: а, ru: б, en: The applicant answers}
    fields:
      - {name: employer_name, type: text, label: {kk: а, ru: б, en: Employer}}
      - {name: position, type: text, label: {kk: а, ru: б, en: Position}}
    outcomes:
      - {id: answered, next: review}
      - {id: lapsed, timeout: true, end: lapsed, status: cancelled}
  - id: review
    ref: "1.3"
    role: office_clerk
    limit: 1wd
    title: {kk: а, ru: б, en: Review}
    outcomes:
      - id: done
        effects: [capture_values]
        end: notification
        fields:
          - {name: position, type: text, label: {kk: а, ru: б, en: Position}}
)";

const char* const kSourcedGrounds = R"(process: sourced
grounds:
  - {code: unreliable_documents, result: refusal, item: "10", text: {kk: а, ru: б, en: c}}
)";

class CaseValuesTest : public ::testing::Test {
 protected:
  CaseValuesTest() {
    tree_.Definition("sourced", "v1", kSourced);
    tree_.Grounds("sourced", kSourcedGrounds);
    vocabulary_.effects.insert("capture_values");
  }

  EngineFixture Engine() {
    return EngineFixture(Backend::kSqlite, tree_.processes(), tree_.reference(), vocabulary_,
                         [this](CaseHooks& hooks) {
                           hooks.AddEffect("capture_values", [this](HookContext& ctx) -> Status {
                             JUMYS_ASSIGN_OR_RETURN(captured_, CollectCaseValues(ctx));
                             return {};
                           });
                         });
  }

  static std::int64_t OpenTask(const CaseService::CaseDetail& detail) {
    for (const auto& t : detail.tasks) {
      if (t.open()) return t.id;
    }
    return 0;
  }

  DefinitionTree tree_;
  DefinitionVocabulary vocabulary_ = DefaultDefinitionVocabulary();
  CaseValues captured_;
};

TEST_F(CaseValuesTest, TheApplicantsDataNeverStandsInForWhatStaffEntered) {
  auto engine = Engine();
  CaseService::StartRequest filing;
  filing.process = "sourced";
  filing.channel = Channel::kOffice;
  filing.applicant_iin = demo::kDemoSeekerIin;
  filing.data = {{"purpose", "Work"}, {"employer_name", "Applicant's choice"}};
  auto id = engine.cases().Start(engine.As("clerk"), filing);
  ASSERT_TRUE(id) << id.error().message;

  auto step = [&](const std::string& login, const std::string& outcome, const json& data) {
    auto detail = engine.cases().Load(*id);
    ASSERT_TRUE(detail) << detail.error().message;
    auto done = engine.cases().Complete(engine.As(login), OpenTask(*detail), outcome, data);
    ASSERT_TRUE(done) << login << " " << outcome << ": " << done.error().message;
  };
  step("clerk", "accepted", {{"employer_name", "«Сыр Құрылыс» ЖШС"}});
  // The applicant answers the wait step with the same keys: an answer, not a staff entry.
  step("seeker", "answered", {{"employer_name", "Seeker's pick"}, {"position", "Director"}});

  // As if intake validation had let undeclared keys through: the stored case data carries them.
  ASSERT_TRUE(
      engine.db()
          .Write([&](storage::Tx& tx) -> Status {
            const json data = {{"purpose", "Work"},
                               {"employer_name", "Applicant's choice"},
                               {"registration_date", "2020-01-01"},
                               {"valid_until", "2099-12-31"},
                               {"position", "Minister"}};
            JUMYS_TRY(tx.Exec("UPDATE cases SET data = $1 WHERE id = $2", {data.dump(), *id}));
            return {};
          })
          .has_value());

  step("clerk", "done", {{"position", "Жұмысшы"}});  // the effect captures the values here
  EXPECT_EQ(captured_.application,
            json({{"purpose", "Work"}, {"employer_name", "Applicant's choice"}}))
      << "only the intake's declared keys are the applicant's";
  EXPECT_EQ(captured_.staff,
            json({{"employer_name", "«Сыр Құрылыс» ЖШС"}, {"position", "Жұмысшы"}}))
      << "staff entries only, the completion in progress last";
}

}  // namespace
}  // namespace jumys::testing
