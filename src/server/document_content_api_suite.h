#pragma once
// What the documents a case is handed print, through the API: an effect's own documents and
// their validity, a referral's entered fields, the registry number, the refusal of a person not
// yet registered, a result with no printed form; and data a portal applicant plants is never
// printed.
#include "core/identifiers.h"
#include "server/document_api_support.h"
#include "services/demo/demo_data.h"

namespace jumys::testing {

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
