#pragma once
// S4a and S4c signing as seed 004 item 6 says, through the API, on SQLite (permit_api_test.cpp)
// and PostgreSQL (permit_api_pgtest.cpp), office and portal: the head signs the notification of
// the decision (S4a 6.7), rendered in kk and ru, verified by `openssl cms -verify`; the executor
// registers and sends it (6.8) and it reaches the employer's inbox linking it; the permit is
// prepared and signed only after the fee. S4c 6.5: one step signs the notice and the permit,
// each signature verified and kept. A document nobody signed never claims an EDS.
#include <fstream>

#include "core/base64.h"
#include "core/sha256.h"
#include "core/testing/run_command.h"
#include "rendering/document_test_support.h"
#include "server/permit_api_support.h"

namespace jumys::testing {

class DecisionNoticeApiSuite : public PermitApiSuite {
 protected:
  // The issued document of `kind` of the case: its registry id and verification code ("" none).
  std::pair<std::string, std::string> Issued(std::int64_t case_id, const std::string& kind) {
    const std::string where = " FROM documents WHERE case_id = " + std::to_string(case_id) +
                              " AND kind = '" + kind + "' AND status = 'issued'";
    return {Select("SELECT registry_id" + where), Select("SELECT verification_code" + where)};
  }

  // The issued document of `kind`: downloaded as `login` from the case, its stored signature
  // accepted by `openssl cms -verify` against the dev CA; returns the PDF's text.
  std::string DownloadAndVerify(std::int64_t case_id, const std::string& kind,
                                const std::string& login) {
    const auto [registry_id, code] = Issued(case_id, kind);
    EXPECT_FALSE(registry_id.empty()) << kind << " is not issued";
    auto pdf = Get("/api/v1/cases/" + std::to_string(case_id) + "/documents/" + registry_id, login);
    EXPECT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.content_type, "application/pdf");
    const auto signature = Base64Decode(
        Select("SELECT signature FROM documents WHERE verification_code = '" + code + "'"));
    EXPECT_TRUE(signature.has_value() && !signature->empty()) << kind << " is not signed";
    const std::string name = kind + "-" + std::to_string(case_id);
    const std::string pdf_path = WriteTemp(name + ".pdf", pdf.body);
    std::string out;
    EXPECT_EQ(RunCommand("openssl cms -verify -binary -inform DER -content " + pdf_path + " -in " +
                             WriteTemp(name + ".cms", signature.value_or("")) + " -CAfile " +
                             (TestDevCaDir() / "root-ca.pem").string() + " -out /dev/null",
                         &out),
              0)
        << kind << ": " << out;
    auto verified = json::parse(api_.Call("GET", "/api/v1/verify/" + code).body);
    EXPECT_EQ(verified["signer"]["eds"], true) << verified.dump();
    EXPECT_EQ(verified["status"], "valid") << verified.dump();
    return PdfText(name, pdf.body);
  }

  // S4a up to the head's signature of the notice (6.7), the commission having voted `vote`.
  void S4aUpToSignNotice(std::int64_t id, bool portal, bool grant) {
    std::vector<Turn> turns;
    if (portal) turns.push_back({"portal_accept", "oblast-executor", "accepted"});
    turns.push_back({"register", "oblast-clerk", "accepted"});
    turns.push_back({"assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}}});
    turns.push_back({"submit_to_commission", "oblast-executor", "submitted"});
    Work("foreign-labour-permit", id, turns);
    Vote(id, grant ? "grant" : "refuse", grant ? "" : "local specialists are available");
    if (grant) {
      Work("foreign-labour-permit", id,
           {{"commission_review", "commission", "recommend_grant"},
            {"prepare_notice", "oblast-executor", "grant"}});
    } else {
      Work("foreign-labour-permit", id,
           {{"commission_review",
             "commission",
             "recommend_refusal",
             {{"reasons", "local specialists are available"}}},
            {"prepare_notice",
             "oblast-executor",
             "refuse",
             {{"grounds", {"commission_recommended_refusal"}}}}});
    }
  }

  // S4a granted, on `portal` or at the office, to the end.
  void S4aGranted(bool portal) {
    auto kase = portal ? FilePortal("foreign-labour-permit", IssueData(1, 1))
                       : FileOffice("foreign-labour-permit", IssueData());
    const std::int64_t id = kase["id"];
    S4aUpToSignNotice(id, portal, true);

    // 6.7: what the head signs is the notice, not the permit.
    auto sign = QueueTask(id, "oblast-head");
    ASSERT_EQ(sign["step"], "sign_notice");
    EXPECT_EQ(KindsToSign(sign["id"], "oblast-head"),
              (std::vector<std::string>{"decision_notice"}));
    const std::string draft = TaskDocument(sign["id"], "oblast-head");
    const std::string text = PdfText("notice-draft", draft);
    for (const char* expected :
         {"Қабылданған шешім туралы хабарлама", "Уведомление о принятом решении",
          "выдать разрешение на привлечение иностранной рабочей силы",
          "шетелдік жұмыс күшін тартуға рұқсат беру", "десяти рабочих дней", "он жұмыс күні",
          "Налоговым кодексом", "«Арал Балық» ЖШС", "Документ подписан электронной цифровой"}) {
      EXPECT_NE(text.find(expected), std::string::npos) << expected << " in " << text;
    }
    EXPECT_EQ(text.find("Основания для отказа"), std::string::npos) << "a grant lists no grounds";
    Work("foreign-labour-permit", id, {{"sign_notice", "oblast-head", "signed"}});
    EXPECT_EQ(Issued(id, "decision_notice").first, "") << "registered at 6.8, not at signing";
    EXPECT_TRUE(Select("SELECT signature FROM documents WHERE case_id = " + std::to_string(id) +
                       " AND kind = 'decision_notice'") != "")
        << "the signature is kept with the draft";

    // 6.8: registered, sent; the employer's inbox links it and the employer opens the PDF.
    Work("foreign-labour-permit", id, {{"send_notice", "oblast-executor", "notified"}});
    const std::string notice = DownloadAndVerify(id, "decision_notice", "employer");
    EXPECT_NE(notice.find("десяти рабочих дней"), std::string::npos);
    const auto [notice_id, notice_code] = Issued(id, "decision_notice");
    bool delivered = false;
    const json inbox = GetJson("/api/v1/inbox", "employer");
    for (const auto& m : inbox["messages"]) {
      if (m["template"] == "decision_notice" && m["case_id"] == id) {
        EXPECT_EQ(m["link"].get<std::string>().substr(m["link"].get<std::string>().rfind('/') + 1),
                  notice_code);
        delivered = true;
      }
    }
    EXPECT_TRUE(delivered) << "the notice reaches the employer's inbox";
    EXPECT_EQ(Issued(id, "permit").first, "") << "no permit before the fee";
    EXPECT_TRUE(ValidPermitOf(id).empty());

    // After the fee: the head signs the permit (Law No. 202-V), which is then issued.
    if (portal) {
      PayFromCabinet("foreign-labour-permit", id);
    } else {
      Work("foreign-labour-permit", id, {{"await_fee", "oblast-clerk", "fee_paid", Payment()}});
    }
    EXPECT_EQ(Issued(id, "permit").first, "") << "the permit waits for its signature";
    auto sign_permit = QueueTask(id, "oblast-head");
    ASSERT_EQ(sign_permit["step"], "sign_permit");
    EXPECT_EQ(KindsToSign(sign_permit["id"], "oblast-head"), (std::vector<std::string>{"permit"}));
    auto signed_permit =
        Work("foreign-labour-permit", id, {{"sign_permit", "oblast-head", "signed"}});
    EXPECT_EQ(signed_permit["result"]["kind"], "permit");
    const std::string permit = DownloadAndVerify(id, "permit", "employer");
    EXPECT_NE(permit.find("Разрешение на привлечение"), std::string::npos) << permit;
    EXPECT_FALSE(ValidPermitOf(id).empty());
    json done;
    if (portal) {
      done = Work("foreign-labour-permit", id, {{"portal_send_result", "oblast-executor", "sent"}});
    } else {
      done =
          Work("foreign-labour-permit", id, {{"await_collection", "oblast-executor", "collected"}});
    }
    EXPECT_EQ(done["status"], "completed");
  }

  // S4c on `portal` or at the office: the head's 6.5 signs the notice and the permit.
  void S4cExtended(bool portal) {
    auto original = FileOffice("foreign-labour-permit", IssueData());
    const std::int64_t oid = original["id"];
    IssueUpToFee(oid, false);
    Work("foreign-labour-permit", oid,
         {{"await_fee", "oblast-clerk", "fee_paid", Payment()},
          {"sign_permit", "oblast-head", "signed"}});
    const std::string number = ValidPermitOf(oid)["number"];
    const json data = {{"permit_number", number}, {"term_months", 6}};
    auto kase = portal ? FilePortal("foreign-labour-permit-extension", data)
                       : FileOffice("foreign-labour-permit-extension", data);
    const std::int64_t id = kase["id"];
    std::vector<Turn> turns;
    if (portal) turns.push_back({"portal_accept", "oblast-executor", "accepted"});
    turns.push_back({"register", "oblast-clerk", "accepted"});
    turns.push_back({"decide", "oblast-head", "extend"});
    turns.push_back({"prepare", "oblast-executor", "prepared"});
    Work("foreign-labour-permit-extension", id, turns);

    auto sign = QueueTask(id, "oblast-head");
    ASSERT_EQ(sign["step"], "sign");
    EXPECT_EQ(KindsToSign(sign["id"], "oblast-head"),
              (std::vector<std::string>{"decision_notice", "permit"}));
    const std::string notice_draft =
        TaskDocumentOfKind(sign["id"], "oblast-head", "decision_notice");
    const std::string permit_draft = TaskDocumentOfKind(sign["id"], "oblast-head", "permit");
    EXPECT_NE(PdfText("s4c-notice", notice_draft).find("продлить разрешение"), std::string::npos);
    EXPECT_NE(PdfText("s4c-permit", permit_draft).find("продлено"), std::string::npos);
    const std::string notice_sig = SignAs("oblast-head", notice_draft);
    const std::string permit_sig = SignAs("oblast-head", permit_draft);
    // One signature for a step that signs two documents is not enough; nothing moves.
    auto one = Complete(sign["id"], "oblast-head", "signed", json::object(), notice_sig);
    EXPECT_EQ(one.status, 422) << one.body;
    auto only_notice =
        CompleteSigned(sign["id"], "oblast-head", "signed", {{"decision_notice", notice_sig}});
    EXPECT_EQ(only_notice.status, 422) << only_notice.body;
    EXPECT_EQ(DetailKeys(only_notice), (json{{"signatures.permit", "document.signature_missing"}}))
        << only_notice.body;
    // Each signature over its own document: swapped, they do not verify.
    auto swapped = CompleteSigned(sign["id"], "oblast-head", "signed",
                                  {{"decision_notice", permit_sig}, {"permit", notice_sig}});
    EXPECT_EQ(swapped.status, 422) << swapped.body;
    auto stranger = CompleteSigned(
        sign["id"], "oblast-head", "signed",
        {{"decision_notice", notice_sig}, {"permit", permit_sig}, {"refusal", notice_sig}});
    EXPECT_EQ(stranger.status, 422) << stranger.body;
    EXPECT_EQ(QueueTask(id, "oblast-head")["step"], "sign");
    auto both = CompleteSigned(sign["id"], "oblast-head", "signed",
                               {{"decision_notice", notice_sig}, {"permit", permit_sig}});
    ASSERT_EQ(both.status, 200) << both.body;
    const std::string signed_count =
        Select("SELECT COUNT(*) FROM documents WHERE case_id = " + std::to_string(id) +
               " AND signature IS NOT NULL AND kind IN ('decision_notice', 'permit')");
    EXPECT_EQ(signed_count, "2") << "both signatures kept";

    Work("foreign-labour-permit-extension", id, {{"send_notice", "oblast-executor", "notified"}});
    const std::string notice = DownloadAndVerify(id, "decision_notice", "employer");
    EXPECT_NE(notice.find("продлить разрешение"), std::string::npos) << notice;
    EXPECT_EQ(Issued(id, "permit").first, "") << "no permit before the fee";
    if (portal) {
      PayFromCabinet("foreign-labour-permit-extension", id);
    } else {
      Work("foreign-labour-permit-extension", id,
           {{"await_fee", "oblast-clerk", "fee_paid", Payment()}});
    }
    DownloadAndVerify(id, "permit", "employer");
    // The permit issued is exactly the bytes the head signed at 6.5.
    const auto [permit_id, permit_code] = Issued(id, "permit");
    EXPECT_EQ(
        Select("SELECT sha256 FROM documents WHERE verification_code = '" + permit_code + "'"),
        Sha256Hex(permit_draft));
  }
};

TEST_P(DecisionNoticeApiSuite, S4aOfficeTheHeadSignsTheNoticeThePermitComesAfterTheFee) {
  S4aGranted(false);
}

TEST_P(DecisionNoticeApiSuite, S4aPortalTheHeadSignsTheNoticeThePermitComesAfterTheFee) {
  S4aGranted(true);
}

TEST_P(DecisionNoticeApiSuite, S4aRefusalNoticeListsItsGroundsAndIsTheResult) {
  for (const bool portal : {false, true}) {
    SCOPED_TRACE(portal ? "portal" : "office");
    auto kase = portal ? FilePortal("foreign-labour-permit", IssueData(1, 1))
                       : FileOffice("foreign-labour-permit", IssueData());
    const std::int64_t id = kase["id"];
    S4aUpToSignNotice(id, portal, false);
    auto sign = QueueTask(id, "oblast-head");
    ASSERT_EQ(sign["step"], "sign_notice");
    const std::string text = PdfText("refusal-notice", TaskDocument(sign["id"], "oblast-head"));
    for (const char* expected : {"отказать в оказании государственной услуги",
                                 "Основания для отказа", "Бас тарту негіздері"}) {
      EXPECT_NE(text.find(expected), std::string::npos) << expected << " in " << text;
    }
    EXPECT_EQ(text.find("десяти рабочих дней"), std::string::npos) << "no fee for a refusal";
    Work("foreign-labour-permit", id, {{"sign_notice", "oblast-head", "signed"}});
    auto done =
        Work("foreign-labour-permit", id, {{"send_notice", "oblast-executor", "notified_refusal"}});
    if (portal) {
      done = Work("foreign-labour-permit", id, {{"portal_send_result", "oblast-executor", "sent"}});
    }
    EXPECT_EQ(done["status"], "refused");
    EXPECT_EQ(done["result"]["kind"], "refusal");
    EXPECT_EQ(done["result"]["grounds"][0]["code"], "commission_recommended_refusal");
    DownloadAndVerify(id, "decision_notice", "employer");
    EXPECT_EQ(
        done["result"]["document_url"],
        "/api/v1/cases/" + std::to_string(id) + "/documents/" + Issued(id, "decision_notice").first)
        << "the refusal's notice is the result";
  }
}

TEST_P(DecisionNoticeApiSuite, S4cOfficeOneStepSignsTheNoticeAndThePermit) { S4cExtended(false); }

TEST_P(DecisionNoticeApiSuite, S4cPortalOneStepSignsTheNoticeAndThePermit) { S4cExtended(true); }

// A document nobody signs (the coupon and receipt) says so and /verify does not claim an EDS.
TEST_P(DecisionNoticeApiSuite, AnUnsignedDocumentClaimsNoEds) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  Work("foreign-labour-permit", id, {{"register", "oblast-clerk", "accepted"}});
  const auto [registry_id, code] = Issued(id, "coupon_receipt");
  ASSERT_FALSE(code.empty());
  auto pdf = Get("/api/v1/cases/" + std::to_string(id) + "/documents/" + registry_id, "employer");
  ASSERT_EQ(pdf.status, 200);
  const std::string text = PdfText("coupon", pdf.body);
  EXPECT_EQ(text.find("подписан электронной цифровой подписью"), std::string::npos) << text;
  EXPECT_NE(text.find("ЭЦП не подписан"), std::string::npos) << text;
  EXPECT_NE(text.find("ЭЦҚ-мен қол қойылмаған"), std::string::npos) << text;
  auto verified = json::parse(api_.Call("GET", "/api/v1/verify/" + code).body);
  EXPECT_EQ(verified["signer"]["eds"], false) << verified.dump();
  auto page = api_.Call("GET", "/verify/" + code);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Подписан ЭЦП</dt><dd>да"), std::string::npos);
}

// The draft routes: the list and a kind the step does not sign.
TEST_P(DecisionNoticeApiSuite, TheDraftsOfASigningTaskAreListedAndAStrangeKindIs422) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  S4aUpToSignNotice(id, false, true);
  auto sign = QueueTask(id, "oblast-head");
  const std::string base = "/api/v1/tasks/" + std::to_string(sign["id"].get<std::int64_t>());
  auto listed = GetJson(base + "/documents", "oblast-head");
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["kind"], "decision_notice");
  EXPECT_EQ(listed["items"][0]["title"]["ru"], "Уведомление о принятом решении");
  EXPECT_EQ(listed["items"][0]["url"], base + "/document?kind=decision_notice");
  EXPECT_EQ(Get(base + "/document?kind=permit", "oblast-head").status, 422);
  EXPECT_EQ(Get(base + "/documents", "oblast-executor").status, 403);
  EXPECT_EQ(Get(base + "/documents", "employer").status, 403);
}

}  // namespace jumys::testing
