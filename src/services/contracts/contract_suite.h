#pragma once
// Contracts and several signers on one document, without HTTP, on both stores
// (contract_test.cpp, contract_pgtest.cpp): a scratch definition of the P2 contract steps
// (3.3-5.1) run by the case engine with the document service checking real EDS signatures
// against the development CA, and the contract service's effects. The employer's signatory
// works its step here as a staff-like actor of role employer (the cabinet's path is the
// engine's; this suite is about the signatures and the record).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <memory>

#include "core/calendar_loader.h"
#include "core/source_dir.h"
#include "core/testing/run_command.h"
#include "engine/case_service.h"
#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"
#include "rendering/document_test_support.h"
#include "security/dev_ca.h"
#include "security/eds_test_support.h"
#include "security/testing/test_dev_ca.h"
#include "services/case_hooks.h"
#include "services/contracts/contract_service.h"
#include "services/documents/document_service.h"
#include "services/testing/demo_store.h"
#include "storage/testing/test_databases.h"

namespace jumys::testing {

namespace contract_suite {

// The P2 contract steps; `first` and `second` are the two signing steps' ids in order.
inline std::string Definition(const std::string& first = "head_signs",
                              const std::string& second = "employer_signs") {
  const auto head = R"(
  - id: head_signs
    ref: "4.1"
    role: head
    limit: 1wd
    signature: required
    signs: [subsidised_job_contract]
    title: {kk: Басшы, ru: Руководитель, en: Head signs}
    outcomes:
      - {id: signed, effects: [contract_signed_by_centre], next: )" +
                    (first == "head_signs" ? second : std::string("done")) + R"(}
      - id: returned
        unsigned: true
        effects: [return_contract]
        next: enter
        fields:
          - {name: remarks, type: text, required: true, max_length: 2000, label: {kk: a, ru: b, en: c}}
)";
  const auto employer = R"(
  - id: employer_signs
    ref: "5.1"
    role: employer
    limit: 1wd
    signature: required
    signs: [subsidised_job_contract]
    title: {kk: Жұмыс беруші, ru: Работодатель, en: Employer signs}
    outcomes:
      - {id: signed, effects: [contract_in_force], next: )" +
                        (first == "head_signs" ? std::string("done") : second) + R"(}
      - id: declined
        unsigned: true
        effects: [refuse_contract]
        end: withdrawn
        status: cancelled
        fields:
          - {name: refusal_reason, type: text, required: true, max_length: 2000, label: {kk: a, ru: b, en: c}}
)";
  return R"(code: contract-demo
version: v1
status: active
title: {kk: Шарт, ru: Договор, en: Contract}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 10wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "3.1", start: generate}
intake:
  refusal: {result: acceptance_refusal, incomplete: incomplete_set, expired: expired_document}
  documents:
    - {type: application, required: true}
steps:
  - id: generate
    ref: "3.3"
    kind: automatic
    title: {kk: Жоба, ru: Проект, en: Draft}
    outcomes:
      - {id: generated, effects: [generate_draft_contract], next: enter}
  - id: enter
    ref: "3.4"
    role: employer_specialist
    limit: 1wd
    title: {kk: Енгізу, ru: Ввод, en: Enter}
    fields:
      - {name: contract_number, type: text, required: true, max_length: 60, label: {kk: a, ru: b, en: c}}
      - {name: amount, type: money, required: true, min: 1, label: {kk: a, ru: b, en: c}}
      - {name: ends_on, type: date, required: true, label: {kk: a, ru: b, en: c}}
      - {name: amount_reason, type: text, max_length: 2000, label: {kk: a, ru: b, en: c}}
    outcomes:
      - {id: entered, effects: [record_contract], next: )" +
         first + R"(}
)" + (first == "head_signs" ? head + employer : employer + head) +
         R"(
  - id: done
    ref: "6.1"
    role: employer_specialist
    limit: 1wd
    title: {kk: Бітті, ru: Готово, en: Done}
    outcomes:
      - {id: closed, end: participant_inclusion}
)";
}

inline std::string Grounds() {
  return R"(process: contract-demo
grounds:
  - {code: incomplete_set, result: acceptance_refusal, item: "6.2", text: {kk: а, ru: б, en: c}}
  - {code: expired_document, result: acceptance_refusal, item: "6.2", text: {kk: а, ru: б, en: c}}
)";
}

}  // namespace contract_suite

class ContractSuite : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr const char* kBin = "080540001238";       // the demo employer
  static constexpr const char* kOtherBin = "150340004568";  // «Сыр Құрылыс»
  static constexpr std::int64_t kProposed = 1'200'000'00;   // 1 200 000 ₸ in tiyn

  void SetUp() override { Use(contract_suite::Definition()); }

  void Use(const std::string& definition) {
    cases_.reset();
    contracts_.reset();
    documents_.reset();
    tree_ = std::make_unique<DefinitionTree>();
    tree_->Definition("contract-demo", "v1", definition);
    tree_->Grounds("contract-demo", contract_suite::Grounds());
    store_ = std::make_unique<DemoStore>(GetParam(), Now());
    auto calendar = LoadCalendarDir(SourceDir() / "reference/calendar");
    DemoStore::Must(calendar, "calendar");
    calendar_ = std::make_unique<CalendarService>(std::move(*calendar));
    auto catalog =
        LoadProcessCatalog(tree_->processes(), tree_->reference(), DefaultDefinitionVocabulary());
    DemoStore::Must(catalog, "catalog");
    catalog_ = std::move(*catalog);
    hooks_ = services::DefaultCaseHooks();
    documents::DocumentServiceOptions options;
    options.templates_dir = SourceDir() / "reference/documents";
    options.public_base_url = "https://jumys.example";
    options.trust_roots = {TestDevCaDir() / "root-ca.pem"};
    options.crls = {TestDevCaDir() / "root-ca.crl.pem"};
    auto docs = documents::DocumentService::Create(store_->db(), store_->offices(), catalog_,
                                                   std::move(options));
    DemoStore::Must(docs, "documents");
    documents_ = std::move(*docs);
    documents_->Install(hooks_);
    contracts_ = std::make_unique<contracts::ContractService>(
        store_->db(), store_->offices(), *documents_,
        [](HookContext&) -> Expected<std::int64_t> { return kProposed; });
    contracts_->Install(hooks_);
    cases_ = std::make_unique<CaseService>(store_->db(), catalog_, store_->offices(), *calendar_,
                                           hooks_, [this] { return Now(); });
  }

  Instant Now() const { return Instant{std::chrono::seconds(now_.load())}; }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }

  Actor As(const std::string& login) { return store_->As(login); }
  // The employer's signatory working its step (the cabinet's path is helper G's).
  Actor Employer() {
    Actor a = store_->As("employer");
    a.applicant = false;
    a.office_id = "kzo-city";
    return a;
  }

  std::int64_t File(const std::string& bin = kBin) {
    CaseService::StartRequest r;
    r.process = "contract-demo";
    r.channel = Channel::kOffice;
    r.applicant_bin = bin;
    r.documents.push_back({"application", std::nullopt});
    auto id = cases_->Start(As("clerk"), r);
    DemoStore::Must(id, "file");
    return *id;
  }

  std::int64_t OpenTask(std::int64_t case_id, const std::string& step) {
    auto detail = cases_->Load(case_id);
    DemoStore::Must(detail, "load");
    for (const auto& t : detail->tasks) {
      if (t.step == step && t.open()) return t.id;
    }
    return 0;
  }

  Expected<CaseService::CaseDetail> Do(std::int64_t case_id, const std::string& step,
                                       const Actor& actor, const std::string& outcome,
                                       const nlohmann::json& data = nlohmann::json::object(),
                                       const TaskSignatures& signature = {}) {
    const std::int64_t task = OpenTask(case_id, step);
    if (task == 0) return Error::Internal("no open task of step " + step);
    return cases_->Complete(actor, task, outcome, data, signature);
  }

  void Enter(std::int64_t case_id, std::int64_t amount, const std::string& reason = "") {
    nlohmann::json data = {{"contract_number", "СЖ-2026/17"},
                           {"amount", {{"amount", amount}, {"currency", "KZT"}}},
                           {"ends_on", "2027-05-31"}};
    if (!reason.empty()) data["amount_reason"] = reason;
    auto done = Do(case_id, "enter", As("employers"), "entered", data);
    ASSERT_TRUE(done) << done.error().message << " " << done.error().internal;
  }

  // The PDF the step's signer signs, and its signature with `key`'s key file.
  struct Drafted {
    std::string pdf;
    std::string signature;
    std::int64_t document_id = 0;
  };
  Drafted Draft(std::int64_t case_id, const std::string& step, const Actor& actor,
                const std::string& key) {
    const std::int64_t task = OpenTask(case_id, step);
    auto doc = documents_->DraftForTask(actor, task, Now(), contracts::kContractKind);
    DemoStore::Must(doc, "draft");
    auto sig = SignWithKeyFile(TestDevCaDir() / (key + ".p12"), kDevCaPassword, doc->content);
    DemoStore::Must(sig, "sign");
    return {doc->content, *sig, doc->id};
  }

  TaskSignatures Signed(const std::string& signature) {
    TaskSignatures s;
    s.by_kind[contracts::kContractKind] = signature;
    return s;
  }

  contracts::Contract ContractOf(std::int64_t case_id) {
    contracts::ContractFilter f;
    f.case_id = case_id;
    auto list = contracts_->List(f);
    DemoStore::Must(list, "list");
    EXPECT_EQ(list->size(), 1u);
    return list->empty() ? contracts::Contract{} : list->front();
  }

  // `openssl cms -verify` accepts the signature over the PDF against the dev CA.
  void ExpectOpensslVerifies(const std::string& name, const std::string& pdf,
                             const std::string& der) {
    const auto pdf_path = rendering::testing::WriteTempFile(name + ".pdf", pdf);
    const auto cms_path = rendering::testing::WriteTempFile(name + ".cms", der);
    std::string out;
    EXPECT_EQ(RunCommand("openssl cms -verify -binary -inform DER -content " + pdf_path + " -in " +
                             cms_path + " -CAfile " + (TestDevCaDir() / "root-ca.pem").string() +
                             " -out /dev/null",
                         &out),
              0)
        << out;
  }

  std::int64_t Count(const std::string& sql) { return QueryCount(store_->db(), sql); }

  std::atomic<std::int64_t> now_{kHarnessMonday10Local};
  std::unique_ptr<DefinitionTree> tree_;
  std::unique_ptr<DemoStore> store_;
  std::unique_ptr<CalendarService> calendar_;
  ProcessCatalog catalog_;
  CaseHooks hooks_;
  std::unique_ptr<documents::DocumentService> documents_;
  std::unique_ptr<contracts::ContractService> contracts_;
  std::unique_ptr<CaseService> cases_;
};

TEST_P(ContractSuite, HeadReturnsTwiceThenSignsThenTheEmployerSignsAndItIsInForce) {
  const std::int64_t id = File();
  auto c = ContractOf(id);
  EXPECT_EQ(c.status, "draft");
  EXPECT_EQ(c.proposed_amount, kProposed);
  EXPECT_EQ(c.contractor_bin, kBin);
  // A different amount needs its reason, kept.
  auto no_reason = Do(id, "enter", As("employers"), "entered",
                      {{"contract_number", "СЖ-2026/17"},
                       {"amount", {{"amount", kProposed - 100}, {"currency", "KZT"}}},
                       {"ends_on", "2027-05-31"}});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().key, "contract.amount_reason_required");
  Enter(id, kProposed - 100, "Бір жұмыс орны азайды");
  c = ContractOf(id);
  EXPECT_EQ(c.amount, kProposed - 100);
  EXPECT_EQ(c.amount_reason, "Бір жұмыс орны азайды");
  EXPECT_EQ(c.number, "СЖ-2026/17");
  // Returned twice, each reason kept in order, no signature needed to return.
  for (const char* reason : {"Нөмірі қате", "Мерзімі қате"}) {
    auto back = Do(id, "head_signs", As("head"), "returned", {{"remarks", reason}});
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(ContractOf(id).status, "returned");
    Enter(id, kProposed);
  }
  c = ContractOf(id);
  ASSERT_EQ(c.return_reasons.size(), 2u);
  EXPECT_EQ(c.return_reasons[0].reason, "Нөмірі қате");
  EXPECT_EQ(c.return_reasons[1].reason, "Мерзімі қате");
  EXPECT_EQ(c.return_reasons[0].login, "head");
  EXPECT_EQ(c.amount_reason, "");  // back at the proposal: no reason needed
  // The head signs as the customer.
  const Drafted head = Draft(id, "head_signs", As("head"), "head");
  auto signed_head =
      Do(id, "head_signs", As("head"), "signed", nlohmann::json::object(), Signed(head.signature));
  ASSERT_TRUE(signed_head) << signed_head.error().message << signed_head.error().internal;
  c = ContractOf(id);
  EXPECT_EQ(c.status, "signed_by_centre");
  EXPECT_EQ(c.document_id, head.document_id);
  // The employer gets exactly the bytes the head signed, and signs them as the contractor.
  const Drafted employer = Draft(id, "employer_signs", Employer(), "employer");
  EXPECT_EQ(employer.document_id, head.document_id);
  EXPECT_EQ(employer.pdf, head.pdf);
  auto signed_employer = Do(id, "employer_signs", Employer(), "signed", nlohmann::json::object(),
                            Signed(employer.signature));
  ASSERT_TRUE(signed_employer) << signed_employer.error().message
                               << signed_employer.error().internal;
  c = ContractOf(id);
  EXPECT_EQ(c.status, "in_force");
  ASSERT_EQ(c.signatures.size(), 2u);
  EXPECT_EQ(c.signatures[0].party, "customer");
  EXPECT_EQ(c.signatures[0].login, "head");
  EXPECT_EQ(c.signatures[1].party, "contractor");
  EXPECT_EQ(c.signatures[1].login, "employer");
  EXPECT_NE(c.signatures[1].subject.find("АРАЛ БАЛЫҚ"), std::string::npos)
      << c.signatures[1].subject;
  // Each stored signature verifies against the stored PDF, with openssl.
  auto stored = documents_->DocumentById(c.document_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->content, head.pdf);
  EXPECT_EQ(stored->status, "issued");
  auto sigs = documents_->Signatures(c.document_id);
  ASSERT_TRUE(sigs);
  ASSERT_EQ(sigs->size(), 2u);
  for (const auto& s : *sigs) {
    ExpectOpensslVerifies("contract-" + s.party, stored->content, s.signature);
  }
  EXPECT_EQ((*sigs)[1].bin, kBin);
  // The PDF names the contract and both parties.
  const auto path = rendering::testing::WriteTempFile("contract.pdf", stored->content);
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + path + " -", &text), 0);
  text = rendering::testing::Normalized(text);
  EXPECT_NE(text.find("СЖ-2026/17"), std::string::npos) << text;
  EXPECT_NE(text.find("1 200 000,00"), std::string::npos) << text;
  // Ended once its end date has passed (the sweep on the clock it is given).
  auto none = contracts_->EndDue(*ParseRfc3339("2027-05-31T12:00:00Z"));
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0);
  auto ended = contracts_->EndDue(*ParseRfc3339("2027-06-01T12:00:00Z"));
  ASSERT_TRUE(ended);
  EXPECT_EQ(*ended, 1);
  EXPECT_EQ(ContractOf(id).status, "ended");
}

TEST_P(ContractSuite, TheEmployerRefusesWithAReason) {
  const std::int64_t id = File();
  Enter(id, kProposed);
  const Drafted head = Draft(id, "head_signs", As("head"), "head");
  ASSERT_TRUE(
      Do(id, "head_signs", As("head"), "signed", nlohmann::json::object(), Signed(head.signature)));
  auto no_reason = Do(id, "employer_signs", Employer(), "declined");
  EXPECT_FALSE(no_reason);
  auto refused = Do(id, "employer_signs", Employer(), "declined",
                    {{"refusal_reason", "Жұмыс орындары қысқарды"}});
  ASSERT_TRUE(refused) << refused.error().message;
  const auto c = ContractOf(id);
  EXPECT_EQ(c.status, "refused");
  EXPECT_EQ(c.refusal_reason, "Жұмыс орындары қысқарды");
  ASSERT_EQ(c.signatures.size(), 1u);  // the customer's only
}

TEST_P(ContractSuite, AWrongBinIsRefusedWithNothingChanged) {
  const std::int64_t id = File(kOtherBin);
  Enter(id, kProposed);
  const Drafted head = Draft(id, "head_signs", As("head"), "head");
  ASSERT_TRUE(
      Do(id, "head_signs", As("head"), "signed", nlohmann::json::object(), Signed(head.signature)));
  // The demo employer's certificate carries another BIN than this case's employer.
  const Drafted employer = Draft(id, "employer_signs", Employer(), "employer");
  const auto events = Count("SELECT COUNT(*) FROM audit_events");
  auto wrong = Do(id, "employer_signs", Employer(), "signed", nlohmann::json::object(),
                  Signed(employer.signature));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(wrong.error().message.find("BIN"), std::string::npos) << wrong.error().message;
  EXPECT_EQ(ContractOf(id).status, "signed_by_centre");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM document_signatures"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events"), events);
  EXPECT_NE(OpenTask(id, "employer_signs"), 0);
}

TEST_P(ContractSuite, AWrongIinIsRefusedWithNothingChanged) {
  const std::int64_t id = File();
  Enter(id, kProposed);
  // The head signs with another head's key: not the account's IIN.
  const Drafted head = Draft(id, "head_signs", As("head"), "head2");
  auto wrong =
      Do(id, "head_signs", As("head"), "signed", nlohmann::json::object(), Signed(head.signature));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(ContractOf(id).status, "draft");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM document_signatures"), 0);
  EXPECT_NE(OpenTask(id, "head_signs"), 0);
}

TEST_P(ContractSuite, TheContractorBeforeTheCustomerIsRefusedWithNothingChanged) {
  // A definition that (wrongly) asks the employer first: the document's order still holds.
  Use(contract_suite::Definition("employer_signs", "head_signs"));
  const std::int64_t id = File();
  Enter(id, kProposed);
  const std::int64_t task = OpenTask(id, "employer_signs");
  ASSERT_NE(task, 0);
  auto draft = documents_->DraftForTask(Employer(), task, Now(), contracts::kContractKind);
  ASSERT_FALSE(draft);
  EXPECT_EQ(draft.error().key, "document.signer_out_of_order");
  auto sig = SignWithKeyFile(TestDevCaDir() / "employer.p12", kDevCaPassword, "x");
  ASSERT_TRUE(sig);
  auto early =
      Do(id, "employer_signs", Employer(), "signed", nlohmann::json::object(), Signed(*sig));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().key, "document.signer_out_of_order");
  EXPECT_EQ(early.error().params, (MessageParams{{"party", "customer"}}));
  EXPECT_EQ(ContractOf(id).status, "draft");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM document_signatures"), 0);
  EXPECT_NE(OpenTask(id, "employer_signs"), 0);
}

TEST_P(ContractSuite, APartySigningTwiceIsRefusedWithNothingChanged) {
  // A definition that (wrongly) asks the employer to sign again: each party signs once.
  Use(Mutate(contract_suite::Definition(), "effects: [contract_in_force], next: done}",
             "next: employer_again}") +
      R"(
  - id: employer_again
    ref: "5.2"
    role: employer
    limit: 1wd
    signature: required
    signs: [subsidised_job_contract]
    title: {kk: Тағы, ru: Снова, en: Again}
    outcomes:
      - {id: signed, next: done}
)");
  const std::int64_t id = File();
  Enter(id, kProposed);
  const Drafted head = Draft(id, "head_signs", As("head"), "head");
  ASSERT_TRUE(
      Do(id, "head_signs", As("head"), "signed", nlohmann::json::object(), Signed(head.signature)));
  const Drafted employer = Draft(id, "employer_signs", Employer(), "employer");
  ASSERT_TRUE(Do(id, "employer_signs", Employer(), "signed", nlohmann::json::object(),
                 Signed(employer.signature)));
  const Drafted again = Draft(id, "employer_again", Employer(), "employer");
  EXPECT_EQ(again.document_id, head.document_id);
  auto twice = Do(id, "employer_again", Employer(), "signed", nlohmann::json::object(),
                  Signed(again.signature));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().key, "document.party_signed");
  EXPECT_EQ(twice.error().params, (MessageParams{{"party", "contractor"}}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM document_signatures"), 2);
  EXPECT_NE(OpenTask(id, "employer_again"), 0);
}

}  // namespace jumys::testing
