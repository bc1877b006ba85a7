#pragma once
// A wrongly issued result annulled or replaced by a corrected one (docs/ANNULMENT.md), through
// the API on SQLite (permit_api_test.cpp) and PostgreSQL (permit_api_pgtest.cpp): only
// the head of the case's office, with a reason; /verify (JSON and HTML) says annulled or
// replaced by No. ...; a signed original's replacement is signed by the head and verifies; the
// applicant is told.
#include "server/decision_notice_api_suite.h"

namespace jumys::testing {

class AnnulmentApiSuite : public DecisionNoticeApiSuite {
 protected:
  static constexpr const char* kCityIin = "851102400347";  // has an employment card (demo)

  static std::string ErrorKey(const http::HttpResponse& r) {
    const json body = json::parse(r.body, nullptr, false);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("key", "");
  }

  static std::string DocBase(std::int64_t case_id, const std::string& registry_id) {
    return "/api/v1/cases/" + std::to_string(case_id) + "/documents/" + registry_id;
  }

  // An S1 case at the city centre refused at intake (no identity document): its refusal is
  // issued at once, unsigned.
  std::pair<std::int64_t, std::string> RefusedAtIntake() {
    auto r = Post("/api/v1/cases",
                  {{"process", "job-seeker-registration"},
                   {"channel", "office"},
                   {"applicant", {{"iin", kCityIin}}},
                   {"documents", {{{"type", "application"}}}}},
                  "clerk");
    EXPECT_EQ(r.status, 201) << r.body;
    const json kase = json::parse(r.body);
    const std::string url = kase["result"]["document_url"];
    return {kase["id"].get<std::int64_t>(), url.substr(url.rfind('/') + 1)};
  }

  std::string CodeOf(std::int64_t case_id, const std::string& registry_id) {
    return Select("SELECT verification_code FROM documents WHERE case_id = " +
                  std::to_string(case_id) + " AND registry_id = " + registry_id);
  }

  int Count(const std::string& sql) { return std::stoi(Select(sql)); }

  // The public check of a code, as anyone (no session) reads it.
  json Verified(const std::string& code) {
    return json::parse(api_.Call("GET", "/api/v1/verify/" + code).body);
  }

  // S3 at the city centre: the executor refers the person to an employer, the head signs.
  std::int64_t SignedReferral() {
    auto kase = FileAtOffice("active-measures-referral", kCityIin);
    const std::int64_t id = kase["id"];
    Work("active-measures-referral", id,
         {{"register", "clerk", "accepted"},
          {"assign", "head", "assigned", {{"assignee", "executor"}}},
          {"review",
           "executor",
           "refer_employment",
           {{"employer_name", "«Қате Атау» ЖШС"},
            {"position", "Жұмысшы"},
            {"valid_until", "2026-12-31"}}},
          {"sign", "head", "signed"}});
    return id;
  }
};

TEST_P(AnnulmentApiSuite, TheHeadAnnulsAResultAndVerifySaysAnnulledWithTheReason) {
  const auto [id, doc] = RefusedAtIntake();
  const std::string base = DocBase(id, doc);
  const std::string code = CodeOf(id, doc);
  ASSERT_FALSE(code.empty());

  // Only the head of the case's office: a clerk and an executor of it are refused, another
  // office does not learn the case exists, the applicant may not.
  const json body = {{"reason", "the identity document was in the file after all"}};
  auto clerk = Post(base + "/annul", body, "clerk");
  EXPECT_EQ(clerk.status, 403) << clerk.body;
  EXPECT_EQ(ErrorKey(clerk), "annulment.not_head");
  EXPECT_EQ(ErrorKey(Post(base + "/annul", body, "executor")), "annulment.not_head");
  auto other = Post(base + "/annul", body, "head2");
  auto missing = Post("/api/v1/cases/999999/documents/" + doc + "/annul", body, "head2");
  EXPECT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(other.body, missing.body);
  // The oblast head sees the case (oblast scope) but is not the head of its office.
  EXPECT_EQ(ErrorKey(Post(base + "/annul", body, "oblast-head")), "annulment.not_head");
  EXPECT_EQ(Post(base + "/annul", body, "seeker").status, 404) << "not the seeker's case";

  // The reason is required and bounded.
  auto blank = Post(base + "/annul", {{"reason", "   "}}, "head");
  EXPECT_EQ(blank.status, 422) << blank.body;
  EXPECT_EQ(DetailKeys(blank), (json{{"reason", "annulment.reason_required"}}));
  EXPECT_EQ(Post(base + "/annul", json::object(), "head").status, 422);
  auto oversize = Post(base + "/annul", {{"reason", std::string(2001, 'x')}}, "head");
  EXPECT_EQ(oversize.status, 422) << oversize.body;
  EXPECT_EQ(DetailKeys(oversize), (json{{"reason", "annulment.reason_too_long"}}));
  EXPECT_EQ(Verified(code)["status"], "valid");

  auto annulled = Post(base + "/annul", body, "head");
  ASSERT_EQ(annulled.status, 201) << annulled.body;
  const json a = json::parse(annulled.body);
  EXPECT_EQ(a["action"], "annul");
  EXPECT_EQ(a["reason"], "the identity document was in the file after all");
  EXPECT_EQ(a["by"]["login"], "head");
  EXPECT_EQ(a["by"]["capacity"], "own");
  EXPECT_EQ(a["document"]["id"].get<std::int64_t>(), std::stoll(doc));

  // A second annulment, or a replacement after it: 409, nothing written.
  auto again = Post(base + "/annul", body, "head");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(ErrorKey(again), "annulment.already");
  EXPECT_EQ(ErrorKey(Post(base + "/replace", body, "head")), "annulment.already");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM document_annulments WHERE case_id = " + std::to_string(id)),
            1);

  auto verified = Verified(code);
  EXPECT_EQ(verified["status"], "annulled") << verified.dump();
  EXPECT_EQ(verified["valid"], false);
  EXPECT_EQ(verified["annulment"]["reason"], "the identity document was in the file after all");
  EXPECT_EQ(verified["annulment"]["date"], verified["issue_date"]) << verified.dump();
  EXPECT_TRUE(verified["replaced_by"].is_null());
  auto page = api_.Call("GET", "/verify/" + code);
  EXPECT_EQ(page.status, 200);
  for (const char* expected :
       {"Аннулирован (недействителен)", "Annulled (not valid)", "Күші жойылған (жарамсыз)",
        "Дата аннулирования", "the identity document was in the file after all"}) {
    EXPECT_NE(page.body.find(expected), std::string::npos) << expected;
  }

  // The case lists it as annulled; the applicant's inbox has the message with the reason.
  const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "clerk");
  ASSERT_EQ(kase["issued_documents"].size(), 1u);
  EXPECT_EQ(kase["issued_documents"][0]["state"], "annulled");
  const json list = GetJson("/api/v1/cases/" + std::to_string(id) + "/annulments", "clerk");
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["documents"][0]["state"], "annulled");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE template = 'result_annulled' AND "
                  "channel = 'inbox' AND party_id = '" +
                  std::string(kCityIin) + "' AND case_id = " + std::to_string(id) +
                  " AND body LIKE '%the identity document was in the file after all%'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'document.annul' AND "
                  "entity_id = '" +
                  std::to_string(id) + "'"),
            1);
}

TEST_P(AnnulmentApiSuite, AnUnsignedResultIsReplacedAtOnceAndClaimsNoEds) {
  const auto [id, doc] = RefusedAtIntake();
  const std::string base = DocBase(id, doc);
  const std::string old_code = CodeOf(id, doc);
  // The refusal's template has no staff fields: nothing of it may be "corrected" by hand.
  auto planted =
      Post(base + "/replace",
           {{"reason", "typo"}, {"values", {{"applicant_name", "Someone Else"}}}}, "head");
  EXPECT_EQ(planted.status, 422) << planted.body;
  EXPECT_EQ(ErrorKey(planted), "annulment.not_staff_field");

  auto replaced = Post(base + "/replace", {{"reason", "the grounds were cited wrongly"}}, "head");
  ASSERT_EQ(replaced.status, 201) << replaced.body;
  const json r = json::parse(replaced.body);
  EXPECT_EQ(r["status"], "issued");
  EXPECT_EQ(r["signed"], false);
  const std::string new_number = r["replacement"]["number"];
  EXPECT_NE(new_number, r["document"]["number"]);
  const std::string new_code = r["replacement"]["verify_url"].get<std::string>().substr(8);

  const json old_verified = Verified(old_code);
  EXPECT_EQ(old_verified["status"], "replaced") << old_verified.dump();
  EXPECT_EQ(old_verified["replaced_by"]["number"], new_number);
  const json new_verified = Verified(new_code);
  EXPECT_EQ(new_verified["status"], "valid") << new_verified.dump();
  EXPECT_EQ(new_verified["signer"]["eds"], false) << "an unsigned replacement claims no EDS";
  EXPECT_EQ(new_verified["replaces"]["code"], old_code);
  auto pdf = Get(r["replacement"]["url"], "clerk");
  ASSERT_EQ(pdf.status, 200);
  const std::string text = PdfText("replacement", pdf.body);
  EXPECT_NE(text.find("ЭЦП не подписан"), std::string::npos);
  // The corrected document carries its own registry number, the one the app shows.
  EXPECT_NE(text.find(new_number), std::string::npos) << new_number << ": " << text;
  // The case's result is now the corrected document.
  const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "clerk");
  const json result = kase["result"];
  EXPECT_EQ(result["number"], new_number);
  // One number reserved, for the replacement that was made; none for the refused attempt.
  std::vector<std::string> reserved;
  for (const auto& e : kase["events"]) {
    if (e["action"] == "result.number_reserve") reserved.push_back(e["data"]["number"]);
  }
  EXPECT_EQ(reserved, std::vector<std::string>{new_number});
  EXPECT_EQ(result["document_url"], r["replacement"]["url"]);
}

TEST_P(AnnulmentApiSuite, TheHeadReplacesASignedReferralWithCorrectedStaffFieldsAndSignsIt) {
  const std::int64_t id = SignedReferral();
  const auto [doc, old_code] = Issued(id, "referral_employment");
  ASSERT_FALSE(doc.empty());
  const std::string base = DocBase(id, doc);
  const std::string old_number =
      Select("SELECT number FROM documents WHERE verification_code = '" + old_code + "'");

  // Only the template's staff fields, checked as the review step checks them.
  auto stranger =
      Post(base + "/replace", {{"reason", "wrong employer"}, {"values", {{"applicant_iin", "1"}}}},
           "head");
  EXPECT_EQ(stranger.status, 422) << stranger.body;
  EXPECT_EQ(DetailKeys(stranger), (json{{"values.applicant_iin", "annulment.not_staff_field"}}));
  auto short_name =
      Post(base + "/replace", {{"reason", "wrong employer"}, {"values", {{"employer_name", "x"}}}},
           "head");
  EXPECT_EQ(short_name.status, 422) << short_name.body;
  EXPECT_TRUE(DetailKeys(short_name).contains("values.employer_name")) << short_name.body;
  EXPECT_EQ(ErrorKey(Post(base + "/replace", {{"reason", "x"}}, "executor")), "annulment.not_head");
  // Nothing to sign before a draft is prepared.
  EXPECT_EQ(ErrorKey(Get(base + "/replacement", "head")), "annulment.prepare_first");

  auto prepared = Post(base + "/replace",
                       {{"reason", "the employer's name was misspelt"},
                        {"values", {{"employer_name", "«Дұрыс Атау» ЖШС"}}}},
                       "head");
  ASSERT_EQ(prepared.status, 201) << prepared.body;
  EXPECT_EQ(json::parse(prepared.body)["status"], "draft");
  // Until signed the original stands.
  EXPECT_EQ(Verified(old_code)["status"], "valid");
  auto draft = Get(base + "/replacement", "head");
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.content_type, "application/pdf");
  const std::string text = PdfText("replacement-draft", draft.body);
  EXPECT_NE(text.find("«Дұрыс Атау» ЖШС"), std::string::npos) << text;
  EXPECT_NE(text.find("«Жұмысшы»"), std::string::npos) << "the other values stay: " << text;
  EXPECT_EQ(text.find("Қате Атау"), std::string::npos) << text;
  EXPECT_NE(text.find("Документ подписан электронной цифровой"), std::string::npos) << text;

  // Signed by someone else's key, or over other bytes: refused by the CMS check.
  auto foreign =
      Post(base + "/replacement/sign", {{"signature", SignAs("oblast-head", draft.body)}}, "head");
  EXPECT_EQ(foreign.status, 422) << foreign.body;
  auto other_bytes =
      Post(base + "/replacement/sign", {{"signature", SignAs("head", "other")}}, "head");
  EXPECT_EQ(other_bytes.status, 422) << other_bytes.body;
  EXPECT_EQ(Verified(old_code)["status"], "valid");

  auto signed_r =
      Post(base + "/replacement/sign", {{"signature", SignAs("head", draft.body)}}, "head");
  ASSERT_EQ(signed_r.status, 201) << signed_r.body;
  const json r = json::parse(signed_r.body);
  EXPECT_EQ(r["action"], "replace");
  EXPECT_EQ(r["signed"], true);
  const std::string new_number = r["replacement"]["number"];
  EXPECT_NE(new_number, old_number);

  // The new one is what the case issues now, signed over exactly the bytes fetched.
  const std::string corrected = DownloadAndVerify(id, "referral_employment", "clerk");
  EXPECT_NE(corrected.find("«Дұрыс Атау» ЖШС"), std::string::npos) << corrected;
  EXPECT_NE(corrected.find(new_number), std::string::npos) << new_number << ": " << corrected;
  EXPECT_EQ(corrected.find(old_number), std::string::npos) << corrected;
  const auto [new_doc, new_code] = Issued(id, "referral_employment");
  EXPECT_EQ(Select("SELECT sha256 FROM documents WHERE verification_code = '" + new_code + "'"),
            Sha256Hex(draft.body));
  const json old_verified = Verified(old_code);
  EXPECT_EQ(old_verified["status"], "replaced") << old_verified.dump();
  EXPECT_EQ(old_verified["replaced_by"]["number"], new_number);
  EXPECT_EQ(old_verified["annulment"]["reason"], "the employer's name was misspelt");
  auto page = api_.Call("GET", "/verify/" + old_code);
  EXPECT_NE(page.body.find("Заменён исправленным документом №"), std::string::npos);
  EXPECT_NE(page.body.find("<a href=\"/verify/" + new_code + "\">" + new_number + "</a>"),
            std::string::npos)
      << page.body;

  // Replaced once: neither annulled nor replaced again.
  EXPECT_EQ(ErrorKey(Post(base + "/annul", {{"reason", "again"}}, "head")), "annulment.already");
  const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "head");
  std::map<std::string, std::string> states;
  for (const auto& d : kase["issued_documents"]) states[d["number"]] = d["state"];
  EXPECT_EQ(states[old_number], "replaced");
  EXPECT_EQ(states[new_number], "valid");
  // The person is told, with the new number and its verification link.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE template = 'result_replaced' AND "
                  "channel = 'inbox' AND party_id = '" +
                  std::string(kCityIin) + "' AND body LIKE '%" + new_number +
                  "%' AND link LIKE '%" + new_code + "'"),
            1);
}

TEST_P(AnnulmentApiSuite, TheOblastHeadReplacesASignedS4DecisionNoticeTheEmployerIsTold) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  S4aUpToSignNotice(id, false, true);
  Work("foreign-labour-permit", id,
       {{"sign_notice", "oblast-head", "signed"}, {"send_notice", "oblast-executor", "notified"}});
  const auto [doc, old_code] = Issued(id, "decision_notice");
  ASSERT_FALSE(doc.empty());
  const std::string base = DocBase(id, doc);
  // The city head does not see an oblast case at all.
  EXPECT_EQ(Post(base + "/annul", {{"reason", "x"}}, "head").status, 404);
  EXPECT_EQ(ErrorKey(Post(base + "/annul", {{"reason", "x"}}, "oblast-executor")),
            "annulment.not_head");
  auto prepared = Post(base + "/replace", {{"reason", "issued on the wrong day"}}, "oblast-head");
  ASSERT_EQ(prepared.status, 201) << prepared.body;
  auto draft = Get(base + "/replacement", "oblast-head");
  ASSERT_EQ(draft.status, 200);
  // Only the head who prepared it fetches and signs it.
  EXPECT_EQ(ErrorKey(Get(base + "/replacement", "oblast-executor")), "annulment.not_head");
  auto signed_r = Post(base + "/replacement/sign",
                       {{"signature", SignAs("oblast-head", draft.body)}}, "oblast-head");
  ASSERT_EQ(signed_r.status, 201) << signed_r.body;
  const std::string new_number = json::parse(signed_r.body)["replacement"]["number"];
  DownloadAndVerify(id, "decision_notice", "employer");
  EXPECT_EQ(Verified(old_code)["replaced_by"]["number"], new_number);
  bool told = false;
  const json inbox = GetJson("/api/v1/inbox", "employer");
  for (const auto& m : inbox["messages"]) {
    if (m["template"] == "result_replaced" && m["case_id"] == id) told = true;
  }
  EXPECT_TRUE(told) << "the employer's inbox has the replacement: " << inbox.dump();
}

}  // namespace jumys::testing
