#pragma once
// Issue 5 end to end through the API: the head signs a job-seeker notification (the oblast head
// a permit) with a dev-CA key file; it is downloaded and checked by `openssl cms -verify` and by
// /verify/{code}; a changed stored file is reported; bad signatures are refused with nothing
// moved; a portal request carries the applicant's own signature; unknown codes and tasks that
// sign nothing get clear errors.
#include <algorithm>

#include "core/sha256.h"
#include "server/document_api_support.h"
#include "storage/audit_log.h"

namespace jumys::testing {

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

}  // namespace jumys::testing
