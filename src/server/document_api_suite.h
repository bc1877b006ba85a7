#pragma once
// Issue 5 end to end through the API, on SQLite (document_api_test.cpp) and PostgreSQL
// (document_api_pgtest.cpp): the head signs a job-seeker notification with a dev-CA key file,
// it is downloaded and checked by `openssl cms -verify` and by /verify/{code}; a changed stored
// file is reported; bad signatures are refused with nothing moved.
#include <algorithm>
#include <fstream>

#include "core/identifiers.h"
#include "core/sha256.h"
#include "core/testing/run_command.h"
#include "rendering/document_test_support.h"
#include "server/case_api_support.h"
#include "services/demo/demo_data.h"
#include "storage/audit_log.h"

namespace jumys::testing {

class DocumentApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kIin = "951203400783";

  // An S1 office case worked up to the head's signing step (6.5); returns that task.
  json UpToSigning() {
    auto kase = FileAtOffice("job-seeker-registration", kIin);
    case_id_ = kase["id"];
    Work("job-seeker-registration", case_id_,
         {{"register", "clerk", "accepted"},
          {"assign", "head", "assigned", {{"assignee", "executor"}}},
          {"review", "executor", "approve"}});
    return QueueTask(case_id_, "head");
  }

  json Case() { return GetJson("/api/v1/cases/" + std::to_string(case_id_), "head"); }

  // Writes the PDF under `name`.pdf; `openssl cms -verify` must accept the signature the
  // server stored for it (against the dev CA), and the file's text (pdftotext, whitespace
  // folded) is returned.
  std::string CheckStoredSignatureAndText(const std::string& name, const std::string& pdf,
                                          const std::string& code) {
    const auto signature = Base64Decode(
        Select("SELECT signature FROM documents WHERE verification_code = '" + code + "'"));
    EXPECT_TRUE(signature.has_value() && !signature->empty());
    const std::string pdf_path = WriteTemp(name + ".pdf", pdf);
    std::string out;
    EXPECT_EQ(RunCommand("openssl cms -verify -binary -inform DER -content " + pdf_path + " -in " +
                             WriteTemp(name + ".cms", signature.value_or("")) + " -CAfile " +
                             (TestDevCaDir() / "root-ca.pem").string() + " -out /dev/null",
                         &out),
              0)
        << out;
    std::string text;
    EXPECT_EQ(RunCommand("pdftotext -enc UTF-8 " + pdf_path + " -", &text), 0) << text;
    return rendering::testing::Normalized(text);
  }

  // Replaces a case's stored application data, as if some gap in intake validation had let
  // these keys through: the documents must not read them all the same.
  void StoreCaseData(std::int64_t case_id, const json& data) {
    ASSERT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(auto changed,
                                             tx.Exec("UPDATE cases SET data = $1 WHERE id = $2",
                                                     {data.dump(), case_id}));
                      if (changed != 1) return Error::Internal("no such case");
                      return {};
                    })
                    .has_value());
  }

  // A portal request of the seeker's with `data`: refused as not the intake's, nothing filed.
  void ExpectPortalDataRefused(const std::string& process, const json& data) {
    const std::size_t before = GetJson("/api/v1/cases", "seeker")["items"].size();
    auto r = Post("/api/v1/cases",
                  SignedRequest({{"process", process},
                                 {"channel", "portal"},
                                 {"office", "kzo-city"},
                                 {"documents", Documents(false)},
                                 {"data", data}},
                                "seeker"),
                  "seeker");
    EXPECT_EQ(r.status, 422) << r.body;
    json expected = json::object();
    for (const auto& [key, value] : data.items()) expected["data." + key] = "field.unknown";
    EXPECT_EQ(DetailKeys(r), expected) << r.body;
    EXPECT_EQ(GetJson("/api/v1/cases", "seeker")["items"].size(), before) << "nothing was filed";
  }

  std::int64_t case_id_ = 0;
};

TEST_P(DocumentApiSuite, TheHeadSignsTheNotificationItIsDownloadedAndVerifiedByQr) {
  json task = UpToSigning();
  EXPECT_EQ(task["signature_required"], true);
  const std::string draft = TaskDocument(task["id"], "head");
  ASSERT_EQ(draft.substr(0, 5), "%PDF-");
  EXPECT_EQ(TaskDocument(task["id"], "head"), draft) << "the draft must not change between fetches";

  auto signed_case = Complete(task["id"], "head", "signed", json::object(), SignAs("head", draft));
  ASSERT_EQ(signed_case.status, 200) << signed_case.body;
  auto done = Work("job-seeker-registration", case_id_, {{"hand_over", "clerk", "handed_over"}});
  ASSERT_EQ(done["status"], "completed");

  // Downloaded by the applicant's office: exactly the bytes the head signed.
  auto pdf = Get(done["result"]["document_url"], "clerk");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body, draft);
  std::string digest, code;
  for (const auto& [name, value] : pdf.headers) {
    if (name == "X-Document-SHA256") digest = value;
    if (name == "X-Verification-Code") code = value;
  }
  EXPECT_EQ(digest, Sha256Hex(pdf.body));
  ASSERT_EQ(code.size(), 16u);

  // OpenSSL accepts the signature the server stored, over the downloaded file; its text has
  // both languages, the applicant and the verification code.
  const std::string text = CheckStoredSignatureAndText("notification", pdf.body, code);
  const std::string pdf_path = (temp_.path() / "notification.pdf").string();
  EXPECT_NE(text.find("Жұмыс іздеуші ретінде тіркеу туралы хабарлама"), std::string::npos) << text;
  EXPECT_NE(text.find("Уведомление о регистрации"), std::string::npos) << text;
  EXPECT_NE(text.find("Иванова Ольга Петровна"), std::string::npos) << text;
  EXPECT_NE(text.find(code), std::string::npos) << text;

  // The QR decodes to the verification page (zbarimg's stderr dropped: it complains without a
  // D-Bus), which opens without signing in: valid, the office and the signer's position, the
  // IIN masked and never in full.
  const std::string png = pdf_path.substr(0, pdf_path.size() - 4);
  std::string qr;
  ASSERT_EQ(RunCommand("pdftoppm -png -r 150 -singlefile " + pdf_path + " " + png +
                           " && (zbarimg -q --raw " + png + ".png 2>/dev/null)",
                       &qr),
            0)
      << qr;
  const std::string base = "http://127.0.0.1:8080";
  ASSERT_EQ(qr, base + "/verify/" + code + "\n");
  auto page = api_.Call("GET", qr.substr(base.size(), qr.size() - base.size() - 1));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("Действителен"), std::string::npos);
  EXPECT_NE(page.body.find("Жарамды"), std::string::npos);
  EXPECT_NE(page.body.find("Руководитель центра"), std::string::npos);
  EXPECT_NE(page.body.find("Центр занятости населения города Кызылорды"), std::string::npos);
  EXPECT_NE(page.body.find("95********83"), std::string::npos);
  EXPECT_EQ(page.body.find(kIin), std::string::npos);
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  bool csp = false;
  for (const auto& [name, value] : page.headers) {
    csp |= name == "Content-Security-Policy" && value.find("default-src 'none'") == 0;
  }
  EXPECT_TRUE(csp);
  auto verified = api_.Call("GET", "/api/v1/verify/" + code);
  ASSERT_EQ(verified.status, 200) << verified.body;
  auto v = ApiHarness::Json(verified);
  EXPECT_EQ(v["status"], "valid");
  EXPECT_EQ(v["kind"], "notification");
  EXPECT_EQ(v["number"], done["result"]["number"]);
  EXPECT_EQ(v["case_number"], done["number"]);
  EXPECT_EQ(v["signer"]["eds"], true);
  EXPECT_EQ(v["issue_date"], "2026-11-23");
  EXPECT_EQ(v["applicant"], "95********83");

  auto listed = GetJson("/api/v1/cases/" + std::to_string(case_id_), "clerk")["issued_documents"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["url"], done["result"]["document_url"]);
  EXPECT_EQ(listed[0]["verification_code"], code);
  EXPECT_EQ(listed[0]["status"], "issued");

  std::vector<std::string> actions;
  for (const auto& e : done["events"]) actions.push_back(e["action"]);
  for (const char* action : {"document.draft", "document.sign", "document.issue"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
  auto audit = storage::VerifyAudit(api_.runtime().db());
  ASSERT_TRUE(audit.has_value());
  EXPECT_TRUE(audit->ok) << audit->reason;
}

TEST_P(DocumentApiSuite, AChangedStoredFileIsReportedAltered) {
  json task = UpToSigning();
  const std::string draft = TaskDocument(task["id"], "head");
  ASSERT_EQ(Complete(task["id"], "head", "signed", json::object(), SignAs("head", draft)).status,
            200);
  const std::string code =
      Select("SELECT verification_code FROM documents WHERE case_id = " + std::to_string(case_id_));
  ASSERT_EQ(ApiHarness::Json(api_.Call("GET", "/api/v1/verify/" + code))["status"], "valid");

  std::string tampered = draft;
  tampered[tampered.size() / 2] ^= 0x01;
  ASSERT_TRUE(api_.runtime()
                  .db()
                  .Write([&](storage::Tx& tx) -> Status {
                    JUMYS_TRY(
                        tx.Exec("UPDATE document_contents SET content = $1 WHERE document_id = "
                                "(SELECT id FROM documents WHERE verification_code = $2)",
                                {Base64Encode(tampered), code}));
                    return {};
                  })
                  .has_value());
  auto v = ApiHarness::Json(api_.Call("GET", "/api/v1/verify/" + code));
  EXPECT_EQ(v["status"], "altered");
  EXPECT_EQ(v["valid"], false);
  auto page = api_.Call("GET", "/verify/" + code);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Документ изменён — недействителен"), std::string::npos) << page.body;

  // The digest changed along with the bytes still fails: the signature covers them.
  ASSERT_TRUE(api_.runtime()
                  .db()
                  .Write([&](storage::Tx& tx) -> Status {
                    JUMYS_TRY(
                        tx.Exec("UPDATE documents SET sha256 = $1 WHERE verification_code = $2",
                                {Sha256Hex(tampered), code}));
                    return {};
                  })
                  .has_value());
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", "/api/v1/verify/" + code))["status"], "altered");
}

TEST_P(DocumentApiSuite, BadSignaturesAreRefusedAndNothingMoves) {
  json task = UpToSigning();
  const std::string draft = TaskDocument(task["id"], "head");
  std::string other = draft;
  other[other.size() / 2] ^= 0x01;
  struct Bad {
    std::string name;
    std::string signature;
    std::string message;
  };
  const std::vector<Bad> bad = {
      {"none", "", "must be signed with EDS"},
      {"expired", SignAs("expired", draft), "signature certificate has expired"},
      {"revoked", SignAs("revoked", draft), "certificate is revoked"},
      {"untrusted chain", SignAs("untrusted", draft), "not issued by a trusted authority"},
      {"another person's", SignAs("executor", draft), "not to the signing account"},
      {"tampered", SignAs("head", other), "signed content does not match the document"},
      {"not a signature", "bm90IGEgc2lnbmF0dXJl", "signature"},
  };
  const std::int64_t events_before = Case()["events"].size();
  for (const auto& b : bad) {
    SCOPED_TRACE(b.name);
    auto r = Complete(task["id"], "head", "signed", json::object(), b.signature);
    EXPECT_TRUE(r.status == 422 || r.status == 400) << r.body;
    EXPECT_EQ(ApiHarness::ErrorCode(r), "invalid_input");
    EXPECT_NE(r.body.find(b.message), std::string::npos) << r.body;
  }
  // Nothing moved: the task is open, no result, the draft unsigned, no events added.
  auto kase = Case();
  EXPECT_EQ(kase["status"], "open");
  EXPECT_TRUE(kase["result"].is_null());
  EXPECT_EQ(kase["tasks"].back()["id"], task["id"]);
  EXPECT_EQ(kase["tasks"].back()["open"], true);
  EXPECT_EQ(static_cast<std::int64_t>(kase["events"].size()), events_before);
  EXPECT_EQ(Select("SELECT COUNT(*) FROM documents WHERE signature IS NOT NULL"), "0");
  // Another office's head may not sign it, even with their own valid key: to them the task
  // does not exist.
  EXPECT_EQ(Complete(task["id"], "head2", "signed", json::object(), SignAs("head2", draft)).status,
            404);
  // And the right signature still goes through afterwards.
  EXPECT_EQ(Complete(task["id"], "head", "signed", json::object(), SignAs("head", draft)).status,
            200);
}

TEST_P(DocumentApiSuite, PortalRequestsNeedTheApplicantsOwnSignature) {
  const json request = {{"process", "job-seeker-registration"},
                        {"channel", "portal"},
                        {"office", "kzo-city"},
                        {"documents", Documents(false)}};
  auto unsigned_request = Post("/api/v1/cases", request, "seeker");
  EXPECT_EQ(unsigned_request.status, 422) << unsigned_request.body;
  EXPECT_NE(unsigned_request.body.find("must be signed"), std::string::npos);
  auto someone_else = Post("/api/v1/cases", SignedRequest(request, "employer", "seeker"), "seeker");
  EXPECT_EQ(someone_else.status, 422);
  EXPECT_NE(someone_else.body.find("not to the signing account"), std::string::npos)
      << someone_else.body;
  json changed = SignedRequest(request, "seeker");
  changed["office"] = "kzo-aral";
  auto after_signing = Post("/api/v1/cases", changed, "seeker");
  EXPECT_EQ(after_signing.status, 422);
  EXPECT_NE(after_signing.body.find("signed content does not match"), std::string::npos);
  auto revoked = Post("/api/v1/cases", SignedRequest(request, "revoked", "seeker"), "seeker");
  EXPECT_EQ(revoked.status, 422);
  EXPECT_EQ(GetJson("/api/v1/cases", "seeker")["items"].size(), 0u) << "nothing was filed";

  auto filed = Post("/api/v1/cases", SignedRequest(request, "seeker"), "seeker");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const json created = ApiHarness::Json(filed)["events"].front();
  EXPECT_EQ(created["action"], "case.create");
  EXPECT_EQ(created["data"]["signed_request"]["content_sha256"].get<std::string>().size(), 64u);
}

// The permit half of issue 5's "done when": an ICT permit (S4d) decided, drafted, signed by the
// oblast head with the dev-CA key file at 6.5, handed over, downloaded and verified.
TEST_P(DocumentApiSuite, APermitSignedByTheHeadIsDownloadedAndVerified) {
  auto filed = Post("/api/v1/cases",
                    {{"process", "ict-permit"},
                     {"channel", "office"},
                     {"applicant", {{"bin", "080540001238"}}},
                     {"documents", json::array({{{"type", "application"}},
                                                {{"type", "ict_transfer_documents"}},
                                                {{"type", "worker_education_documents"}},
                                                {{"type", "worker_experience_documents"}}})},
                     {"data",
                      {{"category", 2},
                       {"workers", 1},
                       {"occupation", "1"},
                       {"region", "433200000"},
                       {"host_company", "Aral Fish Holding GmbH"},
                       {"transfer_term_months", 36}}}},
                    "oblast-clerk");
  ASSERT_EQ(filed.status, 201) << filed.body;
  case_id_ = ApiHarness::Json(filed)["id"];
  Work("ict-permit", case_id_,
       {{"register", "oblast-clerk", "accepted"},
        {"decide", "oblast-head", "issue"},
        {"prepare", "oblast-executor", "prepared"}});
  json task = QueueTask(case_id_, "oblast-head");
  ASSERT_EQ(task["signature_required"], true);
  const std::string draft = TaskDocument(task["id"], "oblast-head");
  EXPECT_EQ(
      Complete(task["id"], "oblast-head", "signed", json::object(), SignAs("head", draft)).status,
      422)
      << "another person's key";
  auto signed_case =
      Complete(task["id"], "oblast-head", "signed", json::object(), SignAs("oblast-head", draft));
  ASSERT_EQ(signed_case.status, 200) << signed_case.body;
  auto done = Work("ict-permit", case_id_,
                   {{"pass_to_clerk", "oblast-executor", "passed"},
                    {"hand_over", "oblast-clerk", "handed_over"}});
  ASSERT_EQ(done["result"]["kind"], "permit");
  auto pdf = Get(done["result"]["document_url"], "oblast-clerk");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body, draft);
  const std::string code =
      Select("SELECT verification_code FROM documents WHERE case_id = " + std::to_string(case_id_) +
             " AND kind = 'permit'");
  const std::string text = CheckStoredSignatureAndText("permit", pdf.body, code);
  EXPECT_NE(text.find("Рұқсат"), std::string::npos) << text;
  EXPECT_NE(text.find("Разрешение"), std::string::npos) << text;
  EXPECT_NE(text.find(code), std::string::npos) << text;
  auto v = ApiHarness::Json(api_.Call("GET", "/api/v1/verify/" + code));
  EXPECT_EQ(v["kind"], "permit");
  EXPECT_EQ(v["signer"]["eds"], true);
  EXPECT_EQ(v["signer"]["position"]["ru"], "Руководитель управления");
  EXPECT_EQ(v["signer"]["position"]["en"], "Head of the department");
  EXPECT_EQ(v["title"]["ru"], "Разрешение на привлечение иностранной рабочей силы");
  EXPECT_EQ(v["status"], "valid") << v.dump();
}

// What an effect does for the coupon and receipt (S4 6.2): issue_document through the hooks,
// listed with the case, downloadable, verifiable; a kind's validity hook decides its status.
TEST_P(DocumentApiSuite, AnEffectIssuesItsOwnDocumentAndAValidityHookRulesIt) {
  auto kase = FileAtOffice("job-seeker-registration", kIin);
  case_id_ = kase["id"];
  std::int64_t registry_id = 0;
  Runtime& rt = api_.runtime();
  ASSERT_TRUE(rt.db()
                  .Write([&](storage::Tx& tx) -> Status {
                    JUMYS_ASSIGN_OR_RETURN(auto row, FindCase(tx, case_id_));
                    auto def = rt.processes().Find(row->process, row->version);
                    auto office = rt.offices().Find(row->office_id);
                    std::vector<storage::AuditEvent> events;
                    const nlohmann::json no_data = json::object();
                    const std::string actor = "clerk";
                    CaseHooks hooks;
                    rt.documents().Install(hooks);
                    HookContext ctx{**def,      *row,    nullptr, nullptr, no_data, actor,
                                    api_.Now(), *office, tx,      events,  &hooks};
                    JUMYS_ASSIGN_OR_RETURN(
                        registry_id,
                        hooks.documents().issue_document(ctx, "coupon_receipt",
                                                         {{"documents_list", "өтініш / заявление"},
                                                          {"due_date", "24.11.2026"}}));
                    return storage::AppendAudit(tx, events);
                  })
                  .has_value());
  auto listed = GetJson("/api/v1/cases/" + std::to_string(case_id_), "clerk")["issued_documents"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["kind"], "coupon_receipt");
  EXPECT_EQ(listed[0]["id"], registry_id);
  auto pdf = Get(listed[0]["url"], "clerk");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTemp("coupon.pdf", pdf.body) + " -", &text),
            0);
  text = rendering::testing::Normalized(text);
  EXPECT_NE(text.find("Отрывной талон"), std::string::npos) << text;
  EXPECT_NE(text.find("Жыртылмалы талон"), std::string::npos) << text;
  EXPECT_NE(text.find("Әлия Серікқызы Жұмабаева"), std::string::npos) << "the receiving clerk";

  const std::string code = listed[0]["verification_code"];
  auto v = ApiHarness::Json(api_.Call("GET", "/api/v1/verify/" + code));
  EXPECT_EQ(v["status"], "valid");
  EXPECT_EQ(v["signer"]["eds"], false);
  rt.documents().RegisterValidity(
      "coupon_receipt",
      [](storage::Tx&, const documents::StoredDocument&) -> Expected<documents::DocumentValidity> {
        return documents::DocumentValidity{"expired", "2026-11-24"};
      });
  v = ApiHarness::Json(api_.Call("GET", "/api/v1/verify/" + code));
  EXPECT_EQ(v["status"], "expired");
  EXPECT_EQ(v["valid"], false);
  EXPECT_EQ(v["valid_until"], "2026-11-24");
  EXPECT_NE(api_.Call("GET", "/verify/" + code).body.find("Срок действия истёк"),
            std::string::npos);
}

// S3: what the executor enters for a referral (its declared fields) is what the referral
// prints, the date as Kazakhstan's documents print it.
TEST_P(DocumentApiSuite, AReferralPrintsTheEmployerPositionAndValidityEntered) {
  auto kase = FileAtOffice("active-measures-referral", "851102400347");
  case_id_ = kase["id"];
  auto done = Work("active-measures-referral", case_id_,
                   {{"register", "clerk", "accepted"},
                    {"assign", "head", "assigned", {{"assignee", "executor"}}},
                    {"review",
                     "executor",
                     "refer_youth_practice",
                     {{"employer_name", "«Сыр Құрылыс» ЖШС"},
                      {"employer_address", "Қызылорда қ., Әйтеке би к-сі, 27"},
                      {"position", "Жұмысшы"},
                      {"valid_until", "2026-12-07"}}},
                    {"sign", "head", "signed"},
                    {"hand_over", "clerk", "handed_over"}});
  ASSERT_EQ(done["result"]["kind"], "referral_youth_practice");
  auto pdf = Get(done["result"]["document_url"], "clerk");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTemp("referral.pdf", pdf.body) + " -", &text),
            0);
  text = rendering::testing::Normalized(text);
  EXPECT_NE(text.find("«Сыр Құрылыс» ЖШС"), std::string::npos) << text;
  EXPECT_NE(text.find("Әйтеке би"), std::string::npos) << text;
  EXPECT_NE(text.find("«Жұмысшы»"), std::string::npos) << text;
  EXPECT_NE(text.find("07.12.2026"), std::string::npos) << text;
  EXPECT_EQ(text.find("2026-12-07"), std::string::npos) << text;
}

// Attack: a portal applicant's data.registration_date backdated the notification the head
// signs. The registration date is the system's: the request is refused, and even data that
// reached the stored case is never printed.
TEST_P(DocumentApiSuite, APortalApplicantCannotBackdateTheNotificationTheHeadSigns) {
  ExpectPortalDataRefused("job-seeker-registration", {{"registration_date", "2020-01-01"}});

  auto kase = FileFromPortal("job-seeker-registration");
  case_id_ = kase["id"];
  StoreCaseData(case_id_, {{"registration_date", "2020-01-01"},
                           {"applicant_name", "Someone Else"},
                           {"case_number", "FAKE-1"}});
  Work("job-seeker-registration", case_id_,
       {{"portal_register", "clerk", "accepted"},
        {"portal_assign", "head", "assigned", {{"assignee", "executor"}}},
        {"portal_review", "executor", "approve"}});
  json task = QueueTask(case_id_, "head");
  ASSERT_EQ(task["step"], "portal_sign");
  const std::string text = PdfText("backdated", TaskDocument(task["id"], "head"));
  EXPECT_EQ(text.find("01.01.2020"), std::string::npos) << text;
  EXPECT_EQ(text.find("2020-01-01"), std::string::npos) << text;
  EXPECT_NE(text.find("с 23.11.2026"), std::string::npos) << text;
  EXPECT_EQ(text.find("Someone Else"), std::string::npos) << text;
  EXPECT_EQ(text.find("FAKE-1"), std::string::npos) << text;
  EXPECT_NE(text.find(kase["number"].get<std::string>()), std::string::npos) << text;
}

// Attack: a portal applicant's data.employer_name replaced the executor's employer on a
// referral. What a referral names is entered by the executor at 9.4: the applicant's request
// is refused, and even data that reached the stored case is never printed.
TEST_P(DocumentApiSuite, AnApplicantsEmployerNeverReplacesTheExecutorsOnAReferral) {
  ExpectPortalDataRefused("active-measures-referral", {{"employer_name", "«Өтініш беруші» ЖШС"},
                                                       {"valid_until", "2099-12-31"}});

  // The seeker is registered as a job seeker, so the referral can be made.
  ASSERT_TRUE(
      api_.runtime()
          .db()
          .Write([&](storage::Tx& tx) -> Status {
            JUMYS_TRY(storage::UpsertEmploymentCard(
                tx, {demo::kDemoSeekerIin, "kzo-city", "job_seeker", "2026-10-01", std::nullopt,
                     std::nullopt, "2026-11-23T05:00:00Z", "2026-11-23T05:00:00Z"}));
            return {};
          })
          .has_value());
  auto kase = FileFromPortal("active-measures-referral");
  case_id_ = kase["id"];
  StoreCaseData(case_id_, {{"employer_name", "«Өтініш беруші» ЖШС"},
                           {"employer_address", "Applicant's street"},
                           {"position", "Директор"},
                           {"valid_until", "2099-12-31"}});
  Work("active-measures-referral", case_id_,
       {{"portal_register", "clerk", "accepted"},
        {"portal_assign", "head", "assigned", {{"assignee", "executor"}}},
        {"portal_review",
         "executor",
         "refer_employment",
         {{"employer_name", "«Сыр Құрылыс» ЖШС"},
          {"position", "Жұмысшы"},
          {"valid_until", "2026-12-07"}}}});
  json task = QueueTask(case_id_, "head");
  ASSERT_EQ(task["step"], "portal_sign");
  const std::string text = PdfText("referral", TaskDocument(task["id"], "head"));
  EXPECT_NE(text.find("«Сыр Құрылыс» ЖШС"), std::string::npos) << text;
  EXPECT_NE(text.find("«Жұмысшы»"), std::string::npos) << text;
  EXPECT_NE(text.find("07.12.2026"), std::string::npos) << text;
  for (const char* planted : {"Өтініш беруші", "Applicant's street", "Директор", "31.12.2099"}) {
    EXPECT_EQ(text.find(planted), std::string::npos) << planted << " in " << text;
  }
}

TEST_P(DocumentApiSuite, UnknownCodesAndNonSigningTasksGetClearErrors) {
  auto page = api_.Call("GET", "/verify/AAAAAAAAAAAAAAAA");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("Документ не найден"), std::string::npos);
  EXPECT_EQ(api_.Call("GET", "/api/v1/verify/not-a-code").status, 404);
  EXPECT_EQ(ApiHarness::ErrorCode(api_.Call("GET", "/api/v1/verify/AAAAAAAAAAAAAAAA")),
            "not_found");

  auto kase = FileAtOffice("job-seeker-registration", kIin);
  const std::int64_t register_task = kase["tasks"][0]["id"];
  auto not_signed = Get("/api/v1/tasks/" + std::to_string(register_task) + "/document", "clerk");
  EXPECT_EQ(not_signed.status, 422) << not_signed.body;
  EXPECT_EQ(Get("/api/v1/tasks/999999/document", "head").status, 404);
  // An intake refusal has its printed, unsigned document at once.
  auto refused = Post("/api/v1/cases",
                      {{"process", "job-seeker-registration"},
                       {"channel", "office"},
                       {"applicant", {{"iin", "780611300895"}}},
                       {"documents", {{{"type", "application"}}}}},
                      "clerk");
  ASSERT_EQ(refused.status, 201);
  auto pdf = Get(ApiHarness::Json(refused)["result"]["document_url"], "clerk");
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(Get(ApiHarness::Json(refused)["result"]["document_url"], "clerk2").status, 404);
}

// A person not yet registered refused at intake: the refusal to accept is drawn all the same,
// with the IIN (no name on record to print) and the grounds, and the download answers.
TEST_P(DocumentApiSuite, AnAcceptanceRefusalForAPersonNotYetRegisteredIsHandedOver) {
  const auto iin = AppendCheckDigit("99010240015");
  ASSERT_TRUE(iin.has_value());
  ASSERT_EQ(Get("/api/v1/people/" + *iin, "clerk").status, 404) << "must not be registered";
  auto refused = Post("/api/v1/cases",
                      {{"process", "job-seeker-registration"},
                       {"channel", "office"},
                       {"applicant", {{"iin", *iin}}},
                       {"documents", {{{"type", "application"}}}}},
                      "clerk");
  ASSERT_EQ(refused.status, 201) << refused.body;
  const json kase = ApiHarness::Json(refused);
  ASSERT_EQ(kase["result"]["kind"], "acceptance_refusal");
  ASSERT_TRUE(kase["result"]["document_url"].is_string()) << kase["result"].dump();
  auto pdf = Get(kase["result"]["document_url"], "clerk");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  const std::string text = PdfText("acceptance_refusal", pdf.body);
  EXPECT_NE(text.find("Расписка об отказе в приеме заявления"), std::string::npos) << text;
  EXPECT_NE(text.find(*iin), std::string::npos) << text;
  EXPECT_NE(text.find(kase["number"].get<std::string>()), std::string::npos) << text;
  const json listed = GetJson("/api/v1/cases/" + std::to_string(kase["id"].get<int>()), "clerk");
  ASSERT_EQ(listed["issued_documents"].size(), 1u) << listed.dump();
}

// A result whose file cannot be drawn offers no link that answers 404: a deregistration has no
// printed form, and the case says so instead.
TEST_P(DocumentApiSuite, ADeregistrationSaysItHasNoPrintedFormInsteadOfALink) {
  const std::string iin = "851102400347";
  auto s2 = FileAtOffice("unemployed-registration", iin);
  ASSERT_EQ(Work("unemployed-registration", s2["id"], ApprovedAtOffice())["status"], "completed");
  const json listed =
      GetJson("/api/v1/cases?process=unemployed-attendance&iin=" + iin, "employment")["items"];
  ASSERT_EQ(listed.size(), 1u) << listed.dump();
  const std::int64_t year = listed[0]["id"];
  // The first visit falls due a month after the certificate.
  api_.Advance(std::chrono::hours(24 * 32));
  tokens_.clear();
  auto fired = api_.runtime().cases().FireDue();
  ASSERT_TRUE(fired.has_value()) << fired.error().message;
  const json visit = QueueTask(year, "employment");
  ASSERT_EQ(visit["step"], "visit");
  auto done = Complete(visit["id"], "employment", "on_request", {{"reason", "переезд"}});
  ASSERT_EQ(done.status, 200) << done.body;
  for (const json& kase :
       {ApiHarness::Json(done), GetJson("/api/v1/cases/" + std::to_string(year), "employment")}) {
    ASSERT_EQ(kase["result"]["kind"], "deregistered");
    EXPECT_TRUE(kase["result"]["document_url"].is_null()) << kase["result"].dump();
    EXPECT_EQ(kase["result"]["document_unavailable"], json({{"reason", "no_printed_form"}}));
  }
  // A result with its file keeps its link and says nothing of the kind.
  const json s2_case =
      GetJson("/api/v1/cases/" + std::to_string(s2["id"].get<std::int64_t>()), "clerk");
  EXPECT_TRUE(s2_case["result"]["document_url"].is_string());
  EXPECT_FALSE(s2_case["result"].contains("document_unavailable"));
  EXPECT_EQ(Get(s2_case["result"]["document_url"], "clerk").status, 200);
}

// The signed PDF prints the registry number the case shows (top and footer) and the case's own
// number labelled.
TEST_P(DocumentApiSuite, TheSignedPdfPrintsTheNumberTheCaseShows) {
  json task = UpToSigning();
  const std::string draft = TaskDocument(task["id"], "head");
  ASSERT_EQ(Complete(task["id"], "head", "signed", json::object(), SignAs("head", draft)).status,
            200);
  auto done = Work("job-seeker-registration", case_id_, {{"hand_over", "clerk", "handed_over"}});
  const std::string number = done["result"]["number"];
  auto pdf = Get(done["result"]["document_url"], "clerk");
  ASSERT_EQ(pdf.status, 200);
  const std::string text = PdfText("numbered", pdf.body);
  std::size_t printed = 0;
  for (auto at = text.find("№ " + number); at != std::string::npos;
       at = text.find("№ " + number, at + 1)) {
    ++printed;
  }
  // At the top (a one-page document has no footer; PdfRendererTest checks the footers).
  EXPECT_EQ(printed, 1u) << number << ": " << text;
  EXPECT_NE(text.find("Іс / Дело № " + done["number"].get<std::string>()), std::string::npos)
      << text;
  EXPECT_EQ(GetJson("/api/v1/cases/" + std::to_string(case_id_),
                    "clerk")["issued_documents"][0]["number"],
            number);
}

}  // namespace jumys::testing
